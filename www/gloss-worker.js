// Gloss worker: the language work (tokens, entities, attributions) off the page's main thread.
// The loader (gloss.js) posts {type: 'glue', glue}, the URL of the wasm-bindgen glue, as soon as
// it makes the worker (so the glue loads while the Wasm compiles), then {type: 'init', module,
// warm}: the WebAssembly.Module it compiled (the Wasm is fetched and compiled once), and whether
// to warm up (when the worker starts while the page settles, before any article waits); then
// {type: 'analyze', id, text, options}, answered by {type: 'result', id, analysis} (the core's
// Analysis in its transfer form: byte spans, see src/web/api.rs `to_transfer`) or
// {type: 'result', id, error, trap}. Nothing here touches a DOM.

let core = null;
let glue = null;

// The warm-up: a short wire-service paragraph with the kinds of things an article has (names,
// an outlet, a quote and its speaker, a date, money, a count), so that the code an article
// needs is compiled and the model and name lists decoded before the page asks. When an article
// is already waiting, its own analysis does that, and a warm-up would only delay it.
const WARM_UP = 'WASHINGTON (AP) — The European Union will spend $4.5 billion on 12 rail projects, '
  + 'Commission President Ursula von der Leyen said on Tuesday. “We are ready,” she told reporters '
  + 'in Brussels, according to a statement from the Ministry of Finance.';

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === 'glue') {
    glue = import(msg.glue);
    glue.catch(() => {}); // reported when init awaits it
  } else if (msg.type === 'init') {
    try {
      const g = await (glue || import(msg.glue));
      await g.default({ module_or_path: msg.module });
      core = g;
      if (msg.warm) core.analyzeTransfer(WARM_UP, {});
      self.postMessage({ type: 'ready' });
    } catch (e) {
      self.postMessage({ type: 'init-error', message: String((e && e.message) || e) });
    }
  } else if (msg.type === 'analyze') {
    try {
      if (!core) throw new Error('the worker is not initialised');
      const analysis = core.analyzeTransfer(msg.text, msg.options);
      self.postMessage({ type: 'result', id: msg.id, analysis });
    } catch (e) {
      self.postMessage({
        type: 'result', id: msg.id, error: String((e && e.message) || e),
        trap: e instanceof WebAssembly.RuntimeError,
      });
    }
  }
};
