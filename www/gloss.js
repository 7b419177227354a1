// Gloss loader: finds the article, loads the Wasm core once, annotates, and never throws into
// the page. Embed: <script type="module" src=".../gloss.js" data-gloss-target="article"></script>
// API: annotate(element, options) → Promise<handle>, analyze(text, options) → Promise<Analysis>,
// window.Gloss = {annotate, analyze, version}.

export const version = '0.1.0';

const BASE = new URL('.', import.meta.url);
// Options a page may set (as data-gloss-* on the script tag, or in the options object).
const OPTIONS = {
  target: 'string',   // CSS selector of the elements to annotate (script tag only; default "article")
  maxBytes: 'number', // refuse longer texts with a gloss:error instead of analysing them
  lazy: 'boolean',    // script tag only: start when the page is idle and the article near the viewport (default true)
  worker: 'boolean',  // analyse in a Web Worker (default true; the main thread where no worker can be made)
};

let corePromise = null;
let modulePromise = null;
// element → {handle, done}: done resolves to the handle when the whole article is annotated.
const handles = new WeakMap();
const warned = new Set();

/** One console warning per distinct message, and a gloss:error event on `target`. */
function fail(target, error, phase) {
  const message = error instanceof Error ? error.message : String(error);
  if (!warned.has(message)) {
    warned.add(message);
    console.warn(`[gloss] ${phase}: ${message}`);
  }
  try {
    (target || document).dispatchEvent(new CustomEvent('gloss:error', {
      bubbles: true, composed: true, detail: { phase, message },
    }));
  } catch (_) { /* a page that broke dispatchEvent still gets the warning */ }
}

/** The compiled Wasm, fetched and compiled once, shared by this thread and the worker. */
function compileCore() {
  if (!modulePromise) {
    modulePromise = (async () => {
      const url = new URL('pkg/gloss_core_bg.wasm', BASE);
      if (typeof WebAssembly.compileStreaming === 'function') {
        try {
          return await WebAssembly.compileStreaming(fetch(url));
        } catch (e) {
          if (e instanceof WebAssembly.CompileError || e instanceof EvalError) throw e;
          // A server without the application/wasm type: compile from the bytes below.
        }
      }
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return WebAssembly.compile(await res.arrayBuffer());
    })();
    modulePromise.catch(() => { modulePromise = null; });
  }
  return modulePromise;
}

function loadCore() {
  if (!corePromise) {
    corePromise = (async () => {
      const [glue, module] = await Promise.all([import(new URL('pkg/gloss_core.js', BASE).href), compileCore()]);
      await glue.default({ module_or_path: module });
      return glue;
    })();
    // A failed load may be retried by the next call (a flaky network, a CSP fixed later).
    corePromise.catch(() => { corePromise = null; });
  }
  return corePromise;
}

/** Calls into the core; after a trap the instance may be corrupt, so the next call reloads it. */
function callCore(core, fn) {
  try {
    return fn(core);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) corePromise = null;
    throw e;
  }
}

function checkOptions(options) {
  const out = {};
  for (const [key, value] of Object.entries(options || {})) {
    if (!(key in OPTIONS)) {
      console.warn(`[gloss] unknown option "${key}" ignored`);
    } else if (typeof value !== OPTIONS[key]) {
      console.warn(`[gloss] option "${key}" should be a ${OPTIONS[key]}, got ${typeof value}; ignored`);
    } else {
      out[key] = value;
    }
  }
  delete out.target;
  return out;
}

function ensureStyles(doc) {
  if (doc.querySelector('link[data-gloss-styles]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('gloss.css', BASE).href;
  link.setAttribute('data-gloss-styles', '');
  (doc.head || doc.documentElement).appendChild(link);
}

// ---- The worker: the language work off the main thread -------------------------------------

let workerPromise = null;
let workerRefused = false; // the page cannot run our worker (CSP worker-src, no Worker): do not retry
class WorkerLost extends Error {}

/** A client of www/gloss-worker.js ({analyze(text, options)}), or null where none can be made. */
function startWorker() {
  if (workerRefused || typeof Worker !== 'function') return Promise.resolve(null);
  if (!workerPromise) {
    workerPromise = makeWorker().catch(() => {
      workerRefused = true;
      workerPromise = null;
      return null;
    });
  }
  return workerPromise;
}

async function makeWorker() {
  const module = await compileCore();
  return new Promise((resolve, reject) => {
    // Throws where a CSP forbids it (older engines); newer ones fire `error` instead.
    const w = new Worker(new URL('gloss-worker.js', BASE), { type: 'module', name: 'gloss' });
    const pending = new Map();
    let nextId = 1;
    let ready = false;
    const lost = (why) => {
      w.terminate();
      for (const p of pending.values()) p.reject(new WorkerLost(why));
      pending.clear();
      if (ready) workerPromise = null; // a worker that crashed after starting is made again next time
      reject(new Error(why)); // a no-op once resolved
    };
    const client = {
      analyze(text, options) {
        return new Promise((res, rej) => {
          const id = nextId++;
          pending.set(id, { resolve: res, reject: rej });
          w.postMessage({ type: 'analyze', id, text, options });
        });
      },
    };
    w.onmessage = (e) => {
      const m = e.data || {};
      if (m.type === 'ready') {
        ready = true;
        resolve(client);
      } else if (m.type === 'init-error') {
        lost(m.message);
      } else if (m.type === 'result' && pending.has(m.id)) {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error === undefined) p.resolve(m.analysis);
        else p.reject(new Error(m.error));
        if (m.trap) lost('the worker trapped'); // its instance may be corrupt: start afresh
      }
    };
    w.onerror = (e) => {
      if (e && e.preventDefault) e.preventDefault();
      lost('the worker failed to start or crashed');
    };
    w.onmessageerror = () => lost('a message could not be read');
    w.postMessage({ type: 'init', module, glue: new URL('pkg/gloss_core.js', BASE).href });
  });
}

// ---- Chunked runs -------------------------------------------------------------------------------

/** How long one step of DOM work may take before the page gets the thread back (ms). */
const STEP_MS = 4;

/**
 * Runs one step and records it as a `gloss:<name>` User Timing measure, so a publisher sees the
 * widget's main-thread work in the browser's performance tools (and the tests can find it).
 */
function timed(name, fn) {
  const start = performance.now();
  try {
    return fn();
  } finally {
    try { performance.measure(`gloss:${name}`, { start, end: performance.now() }); } catch (_) { /* old engines */ }
  }
}

/** Lets the page run (input, rendering) before the next step. */
function yieldToMain() {
  if (typeof scheduler !== 'undefined' && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') { setTimeout(resolve, 0); return; }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
    ch.port2.postMessage(null);
  });
}

/**
 * Annotates `element` in steps: read its text (this thread), analyse it (the worker, or this
 * thread as a fallback), then wrap and install the UI a few milliseconds at a time, top of the
 * article first. `run.cancelled` stops it; `run.job` is the core's job (see api.rs `begin`).
 * Resolves to {inner, worker} or null when cancelled.
 */
async function runAnnotation(element, options, run) {
  const wantWorker = options.worker !== false;
  const workerReady = wantWorker ? startWorker() : null; // in parallel with this thread's instance
  const core = await loadCore();
  await yieldToMain(); // the caller's task (and the worker's start) is not ours to lengthen
  if (run.cancelled) return null;
  ensureStyles(element.ownerDocument);
  const job = callCore(core, (c) => c.begin(element, options));
  run.job = job;
  while (!timed('read', () => callCore(core, () => job.read(STEP_MS)))) {
    await yieldToMain();
    if (run.cancelled) return null;
  }
  let viaWorker = false;
  const client = workerReady && (await workerReady);
  if (run.cancelled) return null;
  if (client) {
    try {
      const analysis = await client.analyze(job.text, options);
      if (run.cancelled) return null;
      timed('receive', () => callCore(core, () => job.receive(analysis)));
      viaWorker = true;
    } catch (e) {
      if (!(e instanceof WorkerLost)) throw e; // the core's own error (e.g. maxBytes)
    }
  }
  if (!viaWorker) {
    await yieldToMain();
    if (run.cancelled) return null;
    timed('analyze', () => callCore(core, () => job.analyze()));
  }
  while (!timed(`step:${job.stage}`, () => callCore(core, () => job.step(STEP_MS)))) {
    await yieldToMain();
    if (run.cancelled) return null;
  }
  const inner = callCore(core, () => job.finish());
  run.inner = inner; // from here on, destroy() destroys the finished annotation
  run.job = null;
  job.free();
  return { inner, worker: viaWorker };
}

/** The handle of one annotation; `destroy()` works at any point, also while it is running. */
function makeHandle(element, run) {
  const handle = {
    element,
    get summary() { return run.inner && !run.inner.destroyed ? run.inner.summary : null; },
    get analysis() { return run.inner && !run.inner.destroyed ? run.inner.analysis : null; },
    get mentionCount() { return run.inner ? run.inner.mentionCount : 0; },
    destroy() {
      const entry = handles.get(element);
      if (entry && entry.handle === handle) handles.delete(element);
      run.cancelled = true;
      try {
        if (run.job) { run.job.cancel(); run.job.free(); run.job = null; }
        if (run.inner) run.inner.destroy();
      } catch (e) { fail(element, e, 'destroy'); }
    },
  };
  return handle;
}

/**
 * Annotates `element` (any element, document.body included). Resolves to a handle:
 * {element, summary, analysis, mentionCount, destroy()} once the whole article is done (or as
 * soon as the handle is destroyed); the same handle if already annotated or in progress.
 */
export async function annotate(element, options = {}) {
  if (!(element && element.nodeType === 1)) {
    const err = new TypeError('annotate(element): element must be a DOM Element');
    fail(null, err, 'annotate');
    throw err;
  }
  const existing = handles.get(element);
  if (existing) return existing.done;
  const run = { cancelled: false, job: null, inner: null };
  const handle = makeHandle(element, run);
  const entry = { handle, done: null };
  entry.done = (async () => {
    const result = await runAnnotation(element, checkOptions(options), run);
    if (!result || run.cancelled) return handle; // destroyed while running: the element is as it was
    element.dispatchEvent(new CustomEvent('gloss:ready', {
      bubbles: true, composed: true,
      detail: { summary: handle.summary, mentions: handle.mentionCount, worker: result.worker },
    }));
    return handle;
  })();
  handles.set(element, entry);
  try {
    return await entry.done;
  } catch (e) {
    if (run.job) { try { run.job.cancel(); run.job.free(); } catch (_) { /* already reported */ } run.job = null; }
    if (handles.get(element) === entry) handles.delete(element);
    fail(element, e, 'annotate');
    throw e;
  }
}

/**
 * Removes the annotation of `element`, finished or still running (a run in progress stops): the
 * element is restored exactly before this returns. Does nothing for an element not annotated.
 */
export function destroy(element) {
  const entry = element && handles.get(element);
  if (entry) entry.handle.destroy();
}

/** Runs the language core alone on a string: the CLI's JSON (code-point spans). */
export async function analyze(text, options = {}) {
  if (typeof text !== 'string') throw new TypeError('analyze(text): text must be a string');
  const core = await loadCore();
  return callCore(core, (c) => c.analyze(text, checkOptions(options)));
}

/** The script tag that loaded this module, if it was loaded by one. */
function ownScript() {
  for (const s of document.querySelectorAll('script[type="module"][src]')) {
    if (new URL(s.getAttribute('src'), document.baseURI).href === import.meta.url) return s;
  }
  return null;
}

function optionsFrom(script) {
  const out = {};
  for (const [key, value] of Object.entries(script.dataset)) {
    if (!key.startsWith('gloss') || key.length === 5) continue;
    const name = key[5].toLowerCase() + key.slice(6);
    out[name] = OPTIONS[name] === 'number' ? Number(value)
      : OPTIONS[name] === 'boolean' ? value !== 'false' : value;
  }
  return out;
}

/** Resolves when the page is idle (or after `timeout` ms at the latest). */
function whenIdle(timeout = 1000) {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}

/** Calls `start` once `el` is within about one viewport of being visible (at once without IntersectionObserver). */
function whenNear(el, start) {
  if (typeof IntersectionObserver !== 'function') { start(); return; }
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      io.disconnect();
      start();
    }
  }, { rootMargin: '100% 0px 100% 0px' });
  io.observe(el);
}

async function autoRun(script) {
  const options = optionsFrom(script);
  const selector = options.target || 'article';
  delete options.target;
  let targets;
  try {
    targets = document.querySelectorAll(selector);
  } catch (e) {
    fail(null, new Error(`data-gloss-target "${selector}" is not a valid selector`), 'start');
    return;
  }
  const lazy = options.lazy !== false;
  delete options.lazy;
  if (!lazy) {
    for (const el of targets) {
      try { await annotate(el, options); } catch (_) { /* reported by annotate */ }
    }
    return;
  }
  if (targets.length > 0) startWorker(); // warm up the Wasm and the worker while the page settles
  await whenIdle();
  for (const el of targets) whenNear(el, () => annotate(el, options).catch(() => { /* reported by annotate */ }));
}

if (typeof window !== 'undefined') {
  window.Gloss = Object.freeze({ annotate, analyze, version });
  const script = ownScript();
  if (script) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => autoRun(script), { once: true });
    } else {
      autoRun(script);
    }
  }
}
