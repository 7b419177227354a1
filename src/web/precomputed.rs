//! Precomputed mode: `annotatePrecomputed(element, annotations, options)` marks an element from
//! an annotations document written at publish time by `gloss precompute`, with no language work.
//!
//! The element's text is extracted as usual, every annotation is anchored in it
//! ([`crate::anchor::document::resolve_document`]: what no longer matches after an edit is
//! dropped, never misplaced), and the resulting analysis is applied by the same code as a live
//! analysis ([`super::api::annotate_with`]), so marks, UI, events and `destroy` are identical.

use super::api::{annotate_with, Handle, Job};
use super::extract::extract;
use crate::anchor::document::{resolve_document, Annotations};
use crate::Config;
use wasm_bindgen::prelude::*;
use web_sys::Element;

fn js_error(msg: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(msg.as_ref()).into()
}

/// Reads the document: a JSON string or an already parsed object.
fn document_from(value: &JsValue) -> Result<Annotations, JsValue> {
    let parsed;
    let value = if let Some(s) = value.as_string() {
        parsed = js_sys::JSON::parse(&s).map_err(|_| js_error("annotations are not valid JSON"))?;
        &parsed
    } else {
        value
    };
    if !value.is_object() {
        return Err(js_error("annotations must be a JSON document (a string or an object)"));
    }
    super::read_js::annotations(value).map_err(js_error)
}

/// Annotates `element` from a precomputed annotations document (a JSON string or object).
/// Throws (a JS Error, never a trap) on a document that cannot be used, so the loader can fall
/// back to `annotate`; an element that is already annotated is refused the same way.
#[wasm_bindgen(js_name = annotatePrecomputed)]
pub fn annotate_precomputed(element: Element, annotations: JsValue, options: JsValue) -> Result<Handle, JsValue> {
    if element.query_selector("gloss-mention, gloss-statement").ok().flatten().is_some() {
        return Err(js_error("element is already annotated"));
    }
    let doc = document_from(&annotations)?;
    let mut config = Config::default();
    // The options `annotate` takes that matter here (others are ignored, as there).
    if let Some(m) = super::read_js::options(&options).map_err(js_error)?.max_bytes {
        config.max_bytes = m;
    }
    let ex = extract(&element);
    let analysis = resolve(&ex.text, config.max_bytes, &doc)?;
    Ok(annotate_with(element, &ex, &analysis, options))
}

/// Anchors the document in `text` (refused over the size limit, as a live analysis would be).
fn resolve(text: &str, max_bytes: usize, doc: &Annotations) -> Result<crate::analysis::Analysis, JsValue> {
    if text.len() > max_bytes {
        return Err(js_error(format!("text of {} bytes is over the configured limit of {max_bytes} bytes", text.len())));
    }
    resolve_document(text, doc).map_err(|e| js_error(e.to_string()))
}

#[wasm_bindgen]
impl Job {
    /// The loader's precomputed path: once `read` is done, anchors `annotations` (a JSON string
    /// or object) in the text read and takes the result as the job's analysis. Throws (a JS
    /// Error) on a document that cannot be used, so the loader can analyse instead.
    #[wasm_bindgen(js_name = receivePrecomputed)]
    pub fn receive_precomputed(&mut self, annotations: JsValue) -> Result<(), JsValue> {
        let doc = document_from(&annotations)?;
        let (text, max_bytes) = self.text_and_limit().ok_or_else(|| js_error("the annotation is finished"))?;
        let analysis = resolve(text, max_bytes, &doc)?;
        self.set_analysis(analysis);
        Ok(())
    }
}
