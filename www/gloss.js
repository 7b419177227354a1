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
  kb: 'string',       // knowledge bases for cards: space-separated URLs, "bundled" (default), "off"
  provider: 'string', // "wikipedia": page summaries when a card opens (opt-in; default none)
  providerUrl: 'string', // base URL of the summary API (default Wikipedia's REST page/summary/)
  lang: 'string',     // the provider's language (default: the article's lang, else "en")
  timeout: 'number',  // milliseconds before a knowledge request is given up (default 4000)
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

function ensureStyles(doc) {
  if (doc.querySelector('link[data-gloss-styles]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('gloss.css', BASE).href;
  link.setAttribute('data-gloss-styles', '');
  (doc.head || doc.documentElement).appendChild(link);
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
    const opts = checkOptions(options);
    opts.knowledge = knowledgeOptions(element, opts);
    const inner = callCore(core, (c) => c.annotate(element, opts));
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
