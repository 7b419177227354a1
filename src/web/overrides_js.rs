//! Reads the `overrides` option (JS objects in the JSON format of [`crate::overrides`]) without
//! serde: a serde-wasm-bindgen deserializer for these nested structs cost about 8 KB of gzipped
//! Wasm, this reader a fraction of it. Unknown fields and wrong types are errors, as natively.

use crate::overrides::{EntityRule, Overrides, StatementRule};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn field(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn only(o: &JsValue, allowed: &[&str], at: &str) -> Result<(), String> {
    let obj = o.dyn_ref::<Object>().filter(|_| o.is_object() && !Array::is_array(o)).ok_or(format!("{at} should be an object"))?;
    for k in Object::keys(obj).iter() {
        let k = k.as_string().unwrap_or_default();
        if !allowed.contains(&k.as_str()) {
            return Err(format!("{at}: unknown field `{k}`, expected one of {}", allowed.join(", ")));
        }
    }
    Ok(())
}

fn string(o: &JsValue, key: &str, at: &str) -> Result<Option<String>, String> {
    let v = field(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or(format!("{at}.{key} should be a string"))
}

fn boolean(o: &JsValue, key: &str, at: &str) -> Result<bool, String> {
    let v = field(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    v.as_bool().ok_or(format!("{at}.{key} should be true or false"))
}

fn list(o: &JsValue, key: &str) -> Result<Vec<JsValue>, String> {
    let v = field(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(&v) {
        return Err(format!("\"{key}\" should be an array"));
    }
    Ok(Array::from(&v).iter().collect())
}

/// One set of overrides from a JS object.
pub fn from_js(o: &JsValue) -> Result<Overrides, String> {
    only(o, &["entities", "statements"], "overrides")?;
    let mut out = Overrides::default();
    for (i, r) in list(o, "entities")?.iter().enumerate() {
        let at = format!("entities[{i}]");
        only(r, &["match", "suppress", "type", "canonical", "descriptor"], &at)?;
        out.entities.push(EntityRule {
            name: string(r, "match", &at)?.unwrap_or_default(),
            suppress: boolean(r, "suppress", &at)?,
            ty: string(r, "type", &at)?,
            canonical: string(r, "canonical", &at)?,
            descriptor: string(r, "descriptor", &at)?,
        });
    }
    for (i, r) in list(o, "statements")?.iter().enumerate() {
        let at = format!("statements[{i}]");
        only(r, &["source", "content", "suppress", "kind"], &at)?;
        out.statements.push(StatementRule {
            source: string(r, "source", &at)?,
            content: string(r, "content", &at)?,
            suppress: boolean(r, "suppress", &at)?,
            kind: string(r, "kind", &at)?,
        });
    }
    Ok(out)
}

/// The `overrides` option: an array of sets (or one set), in the order they apply; each set
/// read on its own, so one bad set does not discard the others.
pub fn option(options: &JsValue) -> Vec<Result<Overrides, String>> {
    if !options.is_object() {
        return Vec::new();
    }
    let v = field(options, "overrides");
    if v.is_undefined() || v.is_null() {
        Vec::new()
    } else if Array::is_array(&v) {
        Array::from(&v).iter().map(|s| from_js(&s)).collect()
    } else {
        vec![from_js(&v)]
    }
}
