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
  watch: 'boolean',   // re-annotate when the page changes the article (default true)
};

let corePromise = null;
const handles = new WeakMap();
// Elements whose annotation the page destroyed: the page watch does not annotate them again.
const dismissed = new WeakSet();
// Elements annotated now (for the page watch: never one annotation inside another).
const live = new Set();

/** Is `el` inside an annotated element, or does it hold one? */
function overlapsLive(el) {
  for (const a of live) if (a !== el && (a.contains(el) || el.contains(a))) return true;
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

function loadCore() {
  if (!corePromise) {
    corePromise = (async () => {
      const glue = await import(new URL('pkg/gloss_core.js', BASE).href);
      await glue.default({ module_or_path: new URL('pkg/gloss_core_bg.wasm', BASE) });
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

/** The options the core reads (the loader's own are removed). */
function coreOptions(options) {
  const out = { ...options };
  delete out.watch;
  return out;
}

/** Adds gloss.css once to the document or shadow root that holds `element`. */
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
  function run() {
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
      update();
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
 * Annotates `element` (any element, document.body included). Resolves to a handle:
 * {element, summary, analysis, mentionCount, destroy()}; the same handle if already annotated.
 */
export async function annotate(element, options = {}) {
  if (!(element && element.nodeType === 1)) {
    const err = new TypeError('annotate(element): element must be a DOM Element');
    fail(null, err, 'annotate');
    throw err;
  }
  const existing = handles.get(element);
  if (existing) return existing;
  const pending = (async () => {
    const core = await loadCore();
    refuseForeignElements(element);
    ensureStyles(element);
    const opts = checkOptions(options);
    let inner = callCore(core, (c) => c.annotate(element, coreOptions(opts)));
    const ready = () => element.dispatchEvent(new CustomEvent('gloss:ready', {
      bubbles: true, composed: true, detail: { summary: handle.summary, mentions: handle.mentionCount },
    }));
    let stop = () => {};
    const handle = {
      element,
      get summary() { return inner.destroyed ? null : inner.summary; },
      get analysis() { return inner.destroyed ? null : inner.analysis; },
      get mentionCount() { return inner.mentionCount; },
      destroy() {
        dismissed.add(element);
        teardown();
      },
    };
    const teardown = () => {
      live.delete(element);
      stop();
      if (handles.get(element) === handle) handles.delete(element);
      try { inner.destroy(); } catch (e) { fail(element, e, 'destroy'); }
    };
    if (opts.watch !== false) {
      stop = watch(element, () => {
        // The page changed the article: undo what is still ours, read it again.
        try { inner.destroy(); } catch (e) { fail(element, e, 'destroy'); }
        inner = callCore(core, (c) => c.annotate(element, coreOptions(opts)));
        ready();
      }, teardown);
    }
    live.add(element);
    ready();
    return handle;
  })();
  handles.set(element, pending);
  try {
    const handle = await pending;
    handles.set(element, handle);
    return handle;
  } catch (e) {
    handles.delete(element);
    fail(element, e, 'annotate');
    throw e;
  }
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
    out[name] = OPTIONS[name] === 'number' ? Number(value) : OPTIONS[name] === 'boolean' ? value !== 'false' : value;
  }
  return out;
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
  for (const el of targets) {
    // Reported by annotate; a refused element is not tried again by the page watch.
    try { await annotate(el, options); } catch (_) { dismissed.add(el); }
  }
  if (options.watch !== false) watchPage(selector, options);
}

/**
 * After the first run: elements matching the target selector that appear later (a framework
 * re-rendering the page, a paywall script swapping the article element) are annotated too.
 * Elements the page destroyed itself are left alone.
 */
function watchPage(selector, options) {
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
