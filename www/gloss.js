// Gloss loader: finds the article, loads the Wasm core once, annotates, and never throws into
// the page. Embed: <script type="module" src=".../gloss.js" data-gloss-target="article"></script>
// API: annotate(element, options) → Promise<handle | null>, analyze(text, options) → Promise<Analysis>,
// disable(), enable(), isDisabled(); window.Gloss = {annotate, analyze, version, disable, enable, isDisabled}.
// Also defines <gloss-article> (a declarative wrapper for CMS templates) unless already defined.
// Types: gloss.d.ts. Options: README "Options".

export const version = '0.1.0';

const BASE = new URL('.', import.meta.url);
// ---- Options: one table (README "Options" documents the same) ------------------------------
// Each option: its type (how an attribute string is read and what a value must be), and for
// enums the allowed values. `tagOnly`: read from the script tag / <gloss-article>, not passed on.
const OPTIONS = {
  target: { type: 'selector', tagOnly: true },   // elements to annotate (default "article")
  disable: { type: 'boolean', tagOnly: true },   // the page opts out: annotate nothing
  maxBytes: { type: 'number' },                  // refuse longer texts with a gloss:error
  overrides: { type: 'overrides' },              // editorial overrides: URLs / #ids of JSON, or objects
  reportUrl: { type: 'url', protocols: ['http:', 'https:', 'mailto:'], template: ['url', 'text', 'type'] },
  // Options of the other layers (runtime, precompute, knowledge, hostile pages): listed here so
  // they are validated in one place; their behaviour lives with their code.
  lazy: { type: 'boolean', tagOnly: true },     // script tag: start when the page is idle and the article near the viewport (default true)
  worker: { type: 'boolean' },                   // analyse in a Web Worker (default true; this thread where no worker can be made)
  annotations: { type: 'string' },               // precomputed mode: URL or "#id" of an inline JSON script
  kb: { type: 'string' },                        // knowledge bases for cards: space-separated URLs, "bundled" (default), "off"
  provider: { type: 'enum', values: ['wikipedia'] }, // page summaries when a card opens (opt-in; default none)
  providerUrl: { type: 'url', protocols: ['http:', 'https:'] }, // base URL of the summary API (default Wikipedia's REST page/summary/)
  lang: { type: 'string' },                      // the provider's language (default: the article's lang, else "en")
  timeout: { type: 'number' },                   // milliseconds before a knowledge request is given up (default 4000)
  watch: { type: 'boolean' },                    // re-annotate when the article changes
};

let corePromise = null;
let modulePromise = null;
// element → {handle, done}: done resolves to the handle when the whole article is annotated.
const handles = new WeakMap();
/** Live handles, so that disable() can destroy them all. */
const live = new Set();
// Elements whose annotation the page destroyed: the page watch does not annotate them again.
const dismissed = new WeakSet();
// Elements annotated now (for the page watch: never one annotation inside another).
const liveElements = new Set();

/** Is `el` inside an annotated element, or does it hold one? */
function overlapsLive(el) {
  for (const a of liveElements) if (a !== el && (a.contains(el) || el.contains(a))) return true;
  return false;
}
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
      try { performance.mark('gloss:core-ready'); } catch (_) { /* old engines */ }
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

function warnOnce(message) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[gloss] ${message}`);
}

/** Why `value` is not a valid value of option `spec`, or '' when it is. */
function badValue(spec, value) {
  switch (spec.type) {
    case 'string': case 'selector':
      return typeof value === 'string' ? '' : `a string, got ${typeof value}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value > 0 ? '' : `a positive number, got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? '' : `true or false, got ${JSON.stringify(value)}`;
    case 'enum':
      return spec.values.includes(value) ? '' : `one of ${spec.values.map((v) => `"${v}"`).join(', ')}, got ${JSON.stringify(value)}`;
    case 'url': {
      if (typeof value !== 'string') return `a URL string, got ${typeof value}`;
      const url = absoluteUrl(value, spec.template);
      if (!url) return `a valid URL, got ${JSON.stringify(value)}`;
      const protocol = url.slice(0, url.indexOf(':') + 1).toLowerCase();
      return spec.protocols.includes(protocol) ? '' : `a ${spec.protocols.join(' or ')} URL, got ${JSON.stringify(value)}`;
    }
    case 'overrides': {
      const ok = (v) => typeof v === 'string' || (v && typeof v === 'object' && !Array.isArray(v));
      return ok(value) || (Array.isArray(value) && value.every(ok)) ? '' : 'a string (URLs or #ids), an object or an array of them';
    }
    default:
      return '';
  }
}

/**
 * `value` resolved against the document's URL, keeping `{placeholder}`s of a template intact
 * (the URL parser would percent-encode braces in a path); null if it does not parse.
 */
function absoluteUrl(value, placeholders = []) {
  let v = value.trim();
  placeholders.forEach((p, i) => { v = v.split(`{${p}}`).join(`__gloss_${i}__`); });
  let href;
  try { href = new URL(v, document.baseURI).href; } catch (_) { return null; }
  placeholders.forEach((p, i) => { href = href.split(`__gloss_${i}__`).join(`{${p}}`); });
  return href;
}

/** An attribute's string as the option's type (booleans: "", true, 1, yes / false, 0, no). */
function fromAttribute(name, raw) {
  const spec = OPTIONS[name];
  if (!spec) return raw;
  if (spec.type === 'number') return raw.trim() === '' ? NaN : Number(raw);
  if (spec.type === 'boolean') {
    const v = raw.trim().toLowerCase();
    if (['', 'true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    return raw;
  }
  return raw;
}

/** Keeps the known, well-typed options; warns once about every other one. */
function checkOptions(options) {
  const out = {};
  if (options !== undefined && options !== null && typeof options !== 'object') {
    warnOnce(`options should be an object, got ${typeof options}; ignored`);
    return out;
  }
  for (const [key, value] of Object.entries(options || {})) {
    const spec = OPTIONS[key];
    if (!spec) {
      const near = Object.keys(OPTIONS).find((k) => k.toLowerCase() === key.toLowerCase().replace(/[-_]/g, ''));
      warnOnce(`unknown option "${key}" ignored${near ? ` (did you mean "${near}"?)` : ''}`);
      continue;
    }
    if (value === undefined) continue;
    const why = badValue(spec, value);
    if (why) {
      warnOnce(`option "${key}" should be ${why}; ignored`);
    } else if (!spec.tagOnly) {
      out[key] = spec.type === 'url' ? absoluteUrl(value, spec.template) : value;
    }
  }
  return out;
}

/**
 * The text an option points at: "#id" of an element in `doc` (an inline
 * <script type="application/json">), or a URL, fetched with the page's same-origin credentials.
 */
async function readSource(doc, ref) {
  if (ref.startsWith('#')) {
    const el = doc.getElementById(ref.slice(1));
    if (!el) throw new Error(`no element ${ref}`);
    return el.textContent;
  }
  const url = new URL(ref, doc.baseURI);
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status}`);
  return res.text();
}

/** Loads the `overrides` option into a list of override objects (URLs fetched, #ids parsed). */
async function resolveOverrides(value, target) {
  const items = Array.isArray(value) ? value : [value];
  const sets = [];
  for (const item of items) {
    const parts = typeof item === 'string' ? item.trim().split(/\s+/).filter(Boolean) : [item];
    for (const part of parts) {
      try {
        sets.push(typeof part === 'string' ? JSON.parse(await readSource(document, part)) : part);
      } catch (e) {
        // Without its corrections the article is still annotated; the publisher gets a warning.
        fail(target, e, 'overrides');
      }
    }
  }
  return sets;
}

/** Checked options, with `overrides` loaded: what the Wasm core receives. */
async function prepare(options, target) {
  const out = checkOptions(options);
  if (out.overrides !== undefined) out.overrides = await resolveOverrides(out.overrides, target);
  return out;
}

// Knowledge behind the cards (src/web/ui/knowledge.rs asks, when a card opens, never before).
// One cache per page; a request never rejects: failure, timeout, non-JSON or a huge body is null.
const jsonCache = new Map();
function fetchJson(url, timeout) {
  if (!jsonCache.has(url)) {
    jsonCache.set(url, (async () => {
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), timeout);
      try {
        const r = await fetch(url, { signal: ctl.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
        const text = r.ok ? await r.text() : '';
        return text && text.length < 8e6 ? JSON.parse(text) : null;
      } catch (_) {
        return null;
      } finally {
        clearTimeout(timer);
      }
    })());
  }
  return jsonCache.get(url);
}

function knowledgeOptions(element, o) {
  const http = (u) => { try { const x = new URL(u, document.baseURI); return /^https?:$/.test(x.protocol) ? x.href : null; } catch (_) { return null; } };
  const kb = (o.kb ?? 'bundled').split(/\s+/).filter((u) => u && u !== 'off' && u !== 'none')
    .map((u) => (u === 'bundled' ? new URL('kb/', BASE).href : http(u.endsWith('/') ? u : `${u}/`))).filter(Boolean);
  let provider = null;
  if (o.provider === 'wikipedia') {
    let lang = (o.lang || element.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase().split(/[-_]/)[0];
    if (!/^[a-z]{2,3}$/.test(lang)) lang = 'en';
    provider = http(o.providerUrl || `https://${lang}.wikipedia.org/api/rest_v1/page/summary/`);
  } else if (o.provider) {
    console.warn(`[gloss] unknown provider "${o.provider}" ignored`);
  }
  const timeout = o.timeout > 0 ? o.timeout : 4000;
  return { kb, provider, fetch: (url) => fetchJson(url, timeout) };
}

/** The options the core reads (the loader's own are removed). */
function coreOptions(options) {
  const out = { ...options };
  delete out.watch;
  delete out.lazy;
  return out;
}

/** Adds the stylesheet once to the document or shadow root that holds `element`. */
function ensureStyles(element) {
  const doc = element.ownerDocument;
  const root = element.getRootNode();
  // A shadow root (nodeType 11 with a host) needs its own link: document styles stop at its edge.
  const scope = root && root.nodeType === 11 && root.host ? root : doc;
  if (scope.querySelector('link[data-gloss-styles]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('gloss.css', BASE).href;
  link.setAttribute('data-gloss-styles', '');
  if (scope === doc) (doc.head || doc.documentElement).appendChild(link);
  else scope.insertBefore(link, scope.firstChild);
}

/** The elements the widget creates; a page that defined one of them would run its own code in them. */
const OWN_TAGS = ['gloss-mention', 'gloss-statement', 'gloss-badge', 'gloss-layer', 'gloss-panel'];

function refuseForeignElements(element) {
  const registry = element.ownerDocument.defaultView?.customElements;
  const taken = registry ? OWN_TAGS.filter((t) => registry.get(t)) : [];
  if (taken.length) {
    throw new Error(`the page already defines <${taken.join('>, <')}> as a custom element; not annotating`);
  }
}

/**
 * Keeps an annotation current while the page changes (infinite scroll, hydration, a paywall
 * script rewriting the article): a MutationObserver on the element (text and child lists),
 * debounced, calls `update()` (a tolerant destroy, then a fresh annotate) with observation
 * paused so the widget's own changes are never taken for the page's; a second observer on the
 * element's root calls `gone()` once the element has left the document. A page that keeps
 * changing the article is re-annotated at most every few seconds (the delay doubles while
 * changes keep coming). Returns stop().
 */
function watch(element, update, gone) {
  const Observer = element.ownerDocument.defaultView?.MutationObserver;
  if (!Observer) return () => {};
  const CONTENT = { childList: true, subtree: true, characterData: true };
  let timer = 0;
  let delay = 250;
  let last = 0;
  let stopped = false;
  const content = new Observer((records) => {
    if (records.some((r) => !ownRecord(r))) schedule();
  });
  const presence = new Observer(() => {
    if (!element.isConnected) schedule();
  });
  const observe = () => {
    content.observe(element, CONTENT);
    const root = element.getRootNode();
    if (root !== element) presence.observe(root, { childList: true, subtree: true });
  };
  function schedule() {
    if (timer || stopped) return;
    timer = setTimeout(run, delay);
  }
  async function run() {
    timer = 0;
    if (stopped) return;
    const now = Date.now();
    delay = now - last < 2000 ? Math.min(delay * 2, 8000) : 250;
    last = now;
    content.disconnect();
    presence.disconnect();
    try {
      if (!element.isConnected) {
        stop();
        gone();
        return;
      }
      await update();
    } catch (e) {
      fail(element, e, 'update');
    }
    if (!stopped) {
      content.takeRecords();
      observe();
    }
  }
  function stop() {
    stopped = true;
    clearTimeout(timer);
    content.disconnect();
    presence.disconnect();
  }
  observe();
  return stop;
}

/** A mutation record about the widget's own out-of-flow nodes only (badges, panel). */
function ownRecord(r) {
  if (r.type !== 'childList') return false;
  const nodes = [...r.addedNodes, ...r.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n.nodeType === 1 && (n.localName === 'gloss-badge' || n.localName === 'gloss-panel'));
}

/**
 * Precomputed mode: with `annotations` (a URL, or "#id" of an inline
 * <script type="application/json">), the marks come from a document written at publish time by
 * `gloss precompute`, with no language work. Resolves to the document's text, or null when it
 * cannot be had (reported: one console warning and gloss:error, phase "annotations"; the
 * element is then analysed instead).
 */
async function loadAnnotations(element, annotations) {
  try {
    return await readSource(element.ownerDocument, annotations);
  } catch (e) {
    fail(element, e, 'annotations');
    return null;
  }
}

// ---- The worker: the language work off the main thread -------------------------------------

let workerPromise = null;
let articleWaiting = false; // a run wants the worker now: a warm-up would only delay it
let workerRefused = false; // the page cannot run our worker (CSP worker-src, no Worker): do not retry
class WorkerLost extends Error {}

/**
 * A client of the worker module ({analyze(text, options)}), or null where none can be made.
 * `warm`: started ahead of need (the page is still settling), so the worker warms up.
 */
function startWorker(warm = false) {
  if (workerRefused || typeof Worker !== 'function') return Promise.resolve(null);
  if (!workerPromise) {
    workerPromise = makeWorker(warm).catch(() => {
      workerRefused = true;
      workerPromise = null;
      return null;
    });
  }
  return workerPromise;
}

function makeWorker(warm) {
  const compiled = compileCore();
  return new Promise((resolve, reject) => {
    // Throws where a CSP forbids it (older engines); newer ones fire `error` instead.
    const w = new Worker(new URL('gloss-worker.js', BASE), { type: 'module', name: 'gloss' });
    const glue = new URL('pkg/gloss_core.js', BASE).href;
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
    // The worker starts, and loads the glue, while the Wasm compiles.
    w.postMessage({ type: 'glue', glue });
    compiled.then((module) => w.postMessage({ type: 'init', module, glue, warm: warm && !articleWaiting }), (e) => lost(String((e && e.message) || e)));
  });
}

// ---- Chunked runs -------------------------------------------------------------------------------

/** How long one step of work (reading, the fallback analysis, DOM) may take before the page gets the thread back (ms). */
const STEP_MS = 8;
/**
 * How much DOM work (ms) may go on before the page renders a frame. Yielded steps can run ahead
 * of rendering (scheduler.yield puts them before it), and the frame after them then lays out
 * everything they changed at once: on a 20,000-word article, 100 ms layouts. So after this much
 * work with no frame begun, the next step waits for one.
 */
const FRAME_WORK_MS = 12;
/**
 * Below this many characters an article's changes cannot make a long layout (a few hundred
 * boxes), and waiting for frames would only delay it: no pacing.
 */
const PACE_CHARS = 20000;
let workSinceFrame = 0;
let frameWatch = false;

/** Counts work until the next frame begins (which resets the count). */
function countWork(ms) {
  workSinceFrame += ms;
  if (!frameWatch && typeof requestAnimationFrame === 'function') {
    frameWatch = true;
    requestAnimationFrame(() => { frameWatch = false; workSinceFrame = 0; });
  }
}

/**
 * Runs one step and records it as a `gloss:<name>` User Timing measure, so a publisher sees the
 * widget's main-thread work in the browser's performance tools (and the tests can find it).
 */
function timed(name, fn) {
  const start = performance.now();
  try {
    return fn();
  } finally {
    const end = performance.now();
    countWork(end - start);
    try { performance.measure(`gloss:${name}`, { start, end }); } catch (_) { /* old engines */ }
  }
}

/** Lets the page run (input, rendering) before the next step; `paced`: after enough work, a frame. */
function yieldToMain(paced = false) {
  if (paced && workSinceFrame >= FRAME_WORK_MS && frameWatch && typeof document !== 'undefined' && document.visibilityState === 'visible') {
    return new Promise((resolve) => {
      // A page that renders no frame (hidden meanwhile, throttled) does not stop the run.
      const late = setTimeout(resolve, 100);
      requestAnimationFrame(() => { clearTimeout(late); setTimeout(resolve, 0); });
    });
  }
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
 * thread as a fallback; or anchor a precomputed document), then wrap and install the UI a few
 * milliseconds at a time, top of the article first. `run.cancelled` stops it; `run.job` is the
 * core's job (see api.rs `begin`). Resolves to {inner, worker} or null when cancelled.
 */
async function runAnnotation(element, options, run) {
  const { annotations, ...opts } = options;
  const doc = annotations !== undefined ? await loadAnnotations(element, annotations) : null;
  const wantWorker = doc === null && opts.worker !== false;
  if (wantWorker) articleWaiting = true;
  const workerReady = wantWorker ? startWorker() : null; // in parallel with this thread's instance
  const core = await loadCore();
  await yieldToMain(); // the caller's task (and the worker's start) is not ours to lengthen
  if (run.cancelled) return null;
  const job = callCore(core, (c) => c.begin(element, opts));
  run.job = job;
  while (!timed('read', () => callCore(core, () => job.read(STEP_MS)))) {
    await yieldToMain();
    if (run.cancelled) return null;
  }
  let done = false;
  let viaWorker = false;
  if (doc !== null) {
    try {
      timed('anchor', () => callCore(core, () => job.receivePrecomputed(doc)));
      done = true;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw e; // the instance is gone: no fallback on it
      fail(element, e, 'annotations');
    }
  }
  const client = !done && workerReady && (await workerReady);
  if (run.cancelled) return null;
  if (client) {
    try {
      const analysis = await client.analyze(job.text, { maxBytes: opts.maxBytes });
      if (run.cancelled) return null;
      timed('receive', () => callCore(core, () => job.receive(analysis)));
      done = viaWorker = true;
    } catch (e) {
      if (!(e instanceof WorkerLost)) throw e; // the core's own error (e.g. maxBytes)
    }
  }
  if (!done) {
    // No worker: the analysis runs on this thread, in steps like the DOM work.
    do {
      await yieldToMain();
      if (run.cancelled) return null;
    } while (!timed('analyze', () => callCore(core, () => job.analyze(STEP_MS))));
  }
  const paced = job.text.length > PACE_CHARS;
  while (!timed(`step:${job.stage}`, () => callCore(core, () => job.step(STEP_MS)))) {
    await yieldToMain(paced);
    if (run.cancelled) return null;
  }
  const inner = callCore(core, () => job.finish());
  run.inner = inner; // from here on, destroy() destroys the finished annotation
  run.job = null;
  job.free();
  return { inner, worker: viaWorker };
}

/** Stops a run in progress (restoring the element) and destroys its finished annotation. */
function stopRun(element, run) {
  try {
    if (run.job) { run.job.cancel(); run.job.free(); run.job = null; }
    if (run.inner) { run.inner.destroy(); run.inner = null; }
  } catch (e) { fail(element, e, 'destroy'); }
}

/**
 * The handle of one annotation; `destroy()` works at any point, also while it is running.
 * `teardown` (set by annotate) stops the watch and forgets the element.
 */
function makeHandle(element, run) {
  const handle = {
    element,
    get summary() { return run.inner && !run.inner.destroyed ? run.inner.summary : null; },
    get analysis() { return run.inner && !run.inner.destroyed ? run.inner.analysis : null; },
    get mentionCount() { return run.inner ? run.inner.mentionCount : 0; },
    destroy() {
      dismissed.add(element);
      run.teardown();
    },
  };
  return handle;
}

/**
 * Annotates `element` (any element, document.body included). Resolves to a handle:
 * {element, summary, analysis, mentionCount, destroy()} once the whole article is done (or as
 * soon as the handle is destroyed); the same handle if already annotated or in progress; null
 * when Gloss is turned off (the reader's opt-out, or data-gloss-disable on the page).
 */
export async function annotate(element, options = {}) {
  if (!(element && element.nodeType === 1)) {
    const err = new TypeError('annotate(element): element must be a DOM Element');
    fail(null, err, 'annotate');
    throw err;
  }
  if (isDisabled(element)) return null;
  const existing = handles.get(element);
  if (existing) return existing.done;
  const run = { cancelled: false, job: null, inner: null, teardown: null };
  const handle = makeHandle(element, run);
  const entry = { handle, done: null };
  let stop = () => {};
  run.teardown = () => {
    run.cancelled = true;
    liveElements.delete(element);
    live.delete(handle);
    stop();
    if (handles.get(element) === entry) handles.delete(element);
    stopRun(element, run);
  };
  const ready = (worker) => element.dispatchEvent(new CustomEvent('gloss:ready', {
    bubbles: true, composed: true, detail: { summary: handle.summary, mentions: handle.mentionCount, worker },
  }));
  entry.done = (async () => {
    const opts = await prepare(options, element);
    refuseForeignElements(element);
    ensureStyles(element);
    opts.knowledge = knowledgeOptions(element, opts);
    const result = await runAnnotation(element, coreOptions(opts), run);
    if (!result || run.cancelled) return handle; // destroyed while running: the element is as it was
    if (isDisabled(element)) { // turned off while this one was running
      handle.destroy();
      return null;
    }
    if (opts.watch !== false) {
      stop = watch(element, async () => {
        // The page changed the article: undo what is still ours, read it again.
        stopRun(element, run);
        const again = await runAnnotation(element, coreOptions(opts), run);
        if (again && !run.cancelled) ready(again.worker);
      }, run.teardown);
    }
    live.add(handle);
    liveElements.add(element);
    ready(result.worker);
    return handle;
  })();
  handles.set(element, entry);
  try {
    return await entry.done;
  } catch (e) {
    stopRun(element, run);
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
  const opts = await prepare(options, null);
  const core = await loadCore();
  return callCore(core, (c) => c.analyze(text, coreOptions(opts)));
}

/** The script tag that loaded this module, if it was loaded by one. */
function ownScript() {
  for (const s of document.querySelectorAll('script[type="module"][src]')) {
    if (new URL(s.getAttribute('src'), document.baseURI).href === import.meta.url) return s;
  }
  return null;
}

/** Options from an element's data-gloss-* attributes (data-gloss-report-url → reportUrl). */
function optionsFrom(script) {
  const out = {};
  for (const [key, value] of Object.entries(script.dataset)) {
    if (!key.startsWith('gloss') || key.length === 5) continue;
    const name = key[5].toLowerCase() + key.slice(6);
    out[name] = fromAttribute(name, value);
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

/** The script tag's run: every target (lazily by default), then the page watch. */
async function autoRun(script) {
  const options = optionsFrom(script);
  if (options.target !== undefined && typeof options.target !== 'string') delete options.target;
  const selector = options.target || 'article';
  checkOptions(options); // warns now, once, about bad attributes
  const lazy = options.lazy !== false;
  delete options.target;
  delete options.disable;
  delete options.lazy;
  let targets;
  try {
    targets = document.querySelectorAll(selector);
  } catch (e) {
    fail(null, new Error(`data-gloss-target "${selector}" is not a valid selector`), 'start');
    return;
  }
  // <gloss-article> annotates itself; an element inside one or around one is left to it.
  targets = [...targets].filter((el) => !el.closest('gloss-article') && !el.querySelector('gloss-article'));
  // Reported by annotate; a refused element is not tried again by the page watch.
  const start = (el) => annotate(el, options).catch(() => { dismissed.add(el); });
  if (!lazy) {
    for (const el of targets) await start(el);
  } else {
    if (targets.length > 0) startWorker(true); // warm up the Wasm and the worker while the page settles
    await whenIdle();
    for (const el of targets) whenNear(el, () => start(el));
  }
  if (options.watch !== false) watchPage(selector, options);
}

let pageWatched = false;
/**
 * After the first run: elements matching the target selector that appear later (a framework
 * re-rendering the page, a paywall script swapping the article element) are annotated too.
 * Elements the page destroyed itself are left alone.
 */
function watchPage(selector, options) {
  if (pageWatched) return;
  pageWatched = true;
  let timer = 0;
  const rescan = async () => {
    timer = 0;
    let targets = [];
    try { targets = document.querySelectorAll(selector); } catch (_) { return; }
    for (const el of targets) {
      if (handles.has(el) || dismissed.has(el) || overlapsLive(el)) continue;
      try { await annotate(el, options); } catch (_) { dismissed.add(el); }
    }
  };
  try {
    new MutationObserver(() => {
      if (!timer) timer = setTimeout(rescan, 500);
    }).observe(document, { childList: true, subtree: true });
  } catch (e) {
    fail(null, e, 'watch');
  }
}

// ---- Opt-out: data-gloss-disable, Gloss.disable(), Gloss.enable() -----------------------------
// The reader's choice is kept in localStorage (key "gloss:disabled") for this site; the page's
// own switch is a data-gloss-disable attribute on the script tag, on <gloss-article>, or on the
// annotated element or any of its ancestors (<html> for a whole page).

const DISABLED_KEY = 'gloss:disabled';
/** The script tag that loaded this module (its data-gloss-* options), if any. */
let autoScript = null;
/** Set by disable() so the opt-out holds on this page even where storage is blocked. */
let readerOff = false;

function readerDisabled() {
  if (readerOff) return true;
  try { return window.localStorage.getItem(DISABLED_KEY) === '1'; } catch (_) { return false; }
}

/** Is Gloss off: for this reader, for the page, or (given an element) for that element? */
export function isDisabled(element) {
  if (typeof window === 'undefined') return false;
  if (readerDisabled()) return true;
  // data-gloss-disable="false" (or 0, no, off) is no opt-out; any other value, or none, is.
  const says = (el) => !!el && el.hasAttribute('data-gloss-disable') && fromAttribute('disable', el.getAttribute('data-gloss-disable')) !== false;
  if (says(autoScript)) return true;
  return !!(element && element.closest) && says(element.closest('[data-gloss-disable]'));
}

/** Turns Gloss off for this reader on this site: remembered, and every live annotation destroyed. */
export function disable() {
  try { window.localStorage.setItem(DISABLED_KEY, '1'); } catch (_) { /* storage blocked: this page only */ }
  readerOff = true;
  for (const handle of [...live]) handle.destroy();
  document.dispatchEvent(new CustomEvent('gloss:disabled', { detail: { by: 'reader' } }));
}

/** Turns Gloss back on (clears the reader's opt-out) and annotates what the page asks for. */
export function enable() {
  try { window.localStorage.removeItem(DISABLED_KEY); } catch (_) { /* nothing stored */ }
  readerOff = false;
  if (autoScript) autoRun(autoScript);
  for (const el of document.querySelectorAll('gloss-article')) el.annotate?.();
}

// ---- <gloss-article>: the declarative embed for CMS templates -----------------------------------
// <gloss-article report-url="…" overrides="#fixes">…the article…</gloss-article> annotates its
// own content once connected (after the document is parsed) and restores it when removed.
// Attributes mirror the data-gloss-* options: `max-bytes` or `data-gloss-max-bytes`, etc.

function elementOptions(el) {
  const out = optionsFrom(el);
  for (const name of Object.keys(OPTIONS)) {
    if (OPTIONS[name].tagOnly) continue;
    const attr = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (el.hasAttribute(attr)) out[name] = fromAttribute(name, el.getAttribute(attr));
  }
  return out;
}

function defineElement() {
  if (!window.customElements || window.customElements.get('gloss-article')) return;
  class GlossArticle extends HTMLElement {
    connectedCallback() {
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', () => this.annotate(), { once: true });
      } else {
        queueMicrotask(() => this.annotate());
      }
    }

    disconnectedCallback() {
      // Moved, not removed: keep the annotation.
      queueMicrotask(() => { if (!this.isConnected) this.handle?.destroy(); });
    }

    /** Annotates the content (again after Gloss.enable()); resolves to the handle or null. */
    async annotate() {
      if (!this.isConnected || this.hasAttribute('disable')) return null;
      try {
        this.handle = await annotate(this, elementOptions(this));
      } catch (_) {
        this.handle = null; // reported by annotate (console warning + gloss:error)
      }
      return this.handle;
    }
  }
  window.customElements.define('gloss-article', GlossArticle);
}

// ---- Start: the global, the listeners, the script tag's auto-run ----------------------------------
if (typeof window !== 'undefined') {
  window.Gloss = Object.freeze({ annotate, analyze, version, disable, enable, isDisabled });
  document.addEventListener('gloss:disable', () => queueMicrotask(disable));
  defineElement();
  const script = ownScript();
  autoScript = script;
  if (script) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => autoRun(script), { once: true });
    } else {
      autoRun(script);
    }
  }
}
