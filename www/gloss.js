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
  annotations: 'string', // precomputed mode: URL of `gloss precompute` JSON, or "#id" of an inline JSON script
};

let corePromise = null;
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

function ensureStyles(doc) {
  if (doc.querySelector('link[data-gloss-styles]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('gloss.css', BASE).href;
  link.setAttribute('data-gloss-styles', '');
  (doc.head || doc.documentElement).appendChild(link);
}

/**
 * Precomputed mode: with `annotations` (a URL, or "#id" of an inline
 * <script type="application/json">), the marks come from a document written at publish time by
 * `gloss precompute`, with no language work. A document that cannot be had or used is reported
 * (one console warning and gloss:error, phase "annotations") and the element is analysed instead.
 */
async function annotateInner(core, element, options) {
  const { annotations, ...rest } = options;
  if (annotations !== undefined) {
    try {
      let doc;
      if (annotations.startsWith('#')) {
        const script = element.ownerDocument.getElementById(annotations.slice(1));
        if (!script || script.localName !== 'script') throw new Error(`no <script> element ${annotations}`);
        doc = script.textContent;
      } else {
        const url = new URL(annotations, element.ownerDocument.baseURI);
        const res = await fetch(url, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status}`);
        doc = await res.text();
      }
      return callCore(core, (c) => c.annotatePrecomputed(element, doc, rest));
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw e; // the instance is gone: no fallback on it
      fail(element, e, 'annotations');
    }
  }
  return callCore(core, (c) => c.annotate(element, rest));
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
    ensureStyles(element.ownerDocument);
    const inner = await annotateInner(core, element, checkOptions(options));
    const handle = {
      element,
      get summary() { return inner.destroyed ? null : inner.summary; },
      get analysis() { return inner.destroyed ? null : inner.analysis; },
      get mentionCount() { return inner.mentionCount; },
      destroy() {
        if (handles.get(element) === handle) handles.delete(element);
        try { inner.destroy(); } catch (e) { fail(element, e, 'destroy'); }
      },
    };
    element.dispatchEvent(new CustomEvent('gloss:ready', {
      bubbles: true, composed: true, detail: { summary: handle.summary, mentions: handle.mentionCount },
    }));
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
    out[name] = OPTIONS[name] === 'number' ? Number(value) : value;
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
    try { await annotate(el, options); } catch (_) { /* reported by annotate */ }
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
