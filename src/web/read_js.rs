//! Reads the options object and the precomputed annotations document from plain JS values
//! without serde: serde-wasm-bindgen's deserializer (with serde's derived visitors and its error
//! messages, which format floats) cost about 7 KB of gzipped Wasm; this reader a fraction of it.
//! It reads what serde read: unknown fields are ignored, a missing required field or a value of
//! the wrong type is an error naming the field, `null` and `undefined` are "absent" for optional
//! fields. (`overrides_js` does the same for the `overrides` option.)

use crate::anchor::document::{Annotations, DocAttribution, DocEntity, DocMention};
use crate::anchor::Anchor;
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

fn field(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn object(v: &JsValue, at: &str) -> Result<(), String> {
    if v.is_object() {
        Ok(())
    } else {
        Err(format!("{at} should be an object"))
    }
}

/// An optional field: `None` when absent, else what `read` makes of it.
fn opt<T>(o: &JsValue, key: &str, at: &str, read: impl Fn(&JsValue, &str) -> Result<T, String>) -> Result<Option<T>, String> {
    let v = field(o, key);
    if absent(&v) {
        return Ok(None);
    }
    read(&v, &format!("{at}{key}")).map(Some)
}

/// A required field.
fn req<T>(o: &JsValue, key: &str, at: &str, read: impl Fn(&JsValue, &str) -> Result<T, String>) -> Result<T, String> {
    opt(o, key, at, read)?.ok_or_else(|| format!("missing field `{at}{key}`"))
}

fn string(v: &JsValue, at: &str) -> Result<String, String> {
    v.as_string().ok_or_else(|| format!("{at} should be a string"))
}

fn boolean(v: &JsValue, at: &str) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("{at} should be true or false"))
}

/// A whole number that fits a `u32` (and so `usize` on wasm32), as serde reads integers.
fn whole(v: &JsValue, at: &str) -> Result<u32, String> {
    match v.as_f64() {
        Some(f) if f >= 0.0 && f <= u32::MAX as f64 && f == (f as u32) as f64 => Ok(f as u32),
        _ => Err(format!("{at} should be a whole number")),
    }
}

fn size(v: &JsValue, at: &str) -> Result<usize, String> {
    whole(v, at).map(|n| n as usize)
}

fn list<T>(v: &JsValue, at: &str, read: impl Fn(&JsValue, &str) -> Result<T, String>) -> Result<Vec<T>, String> {
    if !Array::is_array(v) {
        return Err(format!("{at} should be an array"));
    }
    Array::from(v).iter().enumerate().map(|(i, x)| read(&x, &format!("{at}[{i}]"))).collect()
}

/// The options `annotate`, `analyze` and `annotatePrecomputed` read in Rust (the loader checks
/// and warns about the rest): `maxBytes` and `reportUrl`, both optional.
#[derive(Default)]
pub struct Options {
    pub max_bytes: Option<usize>,
    /// "Report a problem" URL template for the cards ({url}, {text}, {type}); http(s) or mailto.
    pub report_url: Option<String>,
}

/// Reads `options` (`undefined` or `null`: the defaults). Errors read "bad options: …".
pub fn options(v: &JsValue) -> Result<Options, String> {
    if absent(v) {
        return Ok(Options::default());
    }
    let read = || -> Result<Options, String> {
        object(v, "options")?;
        Ok(Options { max_bytes: opt(v, "maxBytes", "", size)?, report_url: opt(v, "reportUrl", "", string)? })
    };
    read().map_err(|e| format!("bad options: {e}"))
}

fn anchor(v: &JsValue, at: &str) -> Result<Anchor, String> {
    object(v, at)?;
    let at = format!("{at}.");
    Ok(Anchor {
        exact: req(v, "exact", &at, string)?,
        prefix: req(v, "prefix", &at, string)?,
        suffix: req(v, "suffix", &at, string)?,
        start: req(v, "start", &at, size)?,
    })
}

fn entity(v: &JsValue, at: &str) -> Result<DocEntity, String> {
    object(v, at)?;
    let at = format!("{at}.");
    Ok(DocEntity {
        canonical: req(v, "canonical", &at, string)?,
        ty: req(v, "type", &at, string)?,
        aliases: opt(v, "aliases", &at, |x, at| list(x, at, string))?.unwrap_or_default(),
        descriptor: opt(v, "descriptor", &at, string)?,
    })
}

fn mention(v: &JsValue, at: &str) -> Result<DocMention, String> {
    object(v, at)?;
    let at = format!("{at}.");
    Ok(DocMention { ty: req(v, "type", &at, string)?, entity: req(v, "entity", &at, size)?, anchor: req(v, "anchor", &at, anchor)? })
}

fn attribution(v: &JsValue, at: &str) -> Result<DocAttribution, String> {
    object(v, at)?;
    let at = format!("{at}.");
    Ok(DocAttribution {
        source: req(v, "source", &at, anchor)?,
        cue: req(v, "cue", &at, anchor)?,
        content: req(v, "content", &at, anchor)?,
        kind: req(v, "kind", &at, string)?,
        direct: req(v, "direct", &at, boolean)?,
        entity: opt(v, "entity", &at, size)?,
        canonical: opt(v, "canonical", &at, string)?,
    })
}

/// Reads a parsed annotations document (the JSON `gloss precompute` writes; `summary` is not
/// read back). Errors read "annotations are not a valid document: …".
pub fn annotations(v: &JsValue) -> Result<Annotations, String> {
    let read = || -> Result<Annotations, String> {
        object(v, "the document")?;
        Ok(Annotations {
            format: req(v, "format", "", whole)?,
            gloss: req(v, "gloss", "", string)?,
            text_length: req(v, "text_length", "", size)?,
            entities: req(v, "entities", "", |x, at| list(x, at, entity))?,
            mentions: req(v, "mentions", "", |x, at| list(x, at, mention))?,
            attributions: req(v, "attributions", "", |x, at| list(x, at, attribution))?,
            summary: None,
        })
    };
    read().map_err(|e| format!("annotations are not a valid document: {e}"))
}
