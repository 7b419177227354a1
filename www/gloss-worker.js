// Gloss worker: the language work (tokens, entities, attributions) off the page's main thread.
// The loader (gloss.js) posts {type: 'init', module, glue}: the WebAssembly.Module it compiled
// (so the Wasm is fetched and compiled once) and the URL of the wasm-bindgen glue; then
// {type: 'analyze', id, text, options}, answered by {type: 'result', id, analysis} (the core's
// Analysis in its transfer form: byte spans, see src/web/api.rs `to_transfer`) or
// {type: 'result', id, error, trap}. Nothing here touches a DOM.

let core = null;

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === 'init') {
    try {
      const glue = await import(msg.glue);
      await glue.default({ module_or_path: msg.module });
      core = glue;
      // The first analysis decodes the model and gazetteers (the costliest part of a short
      // article): do it now, while the page is still loading or idle, not when one is waiting.
      core.analyzeTransfer('Gloss is ready.', {});
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
