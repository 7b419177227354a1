//! Loading gold and predicted records and placing their spans, as `score_gold.py` does.
//!
//! A span is trusted when `text[start:end] == text` (code points). Otherwise its offsets are tried
//! as UTF-8 bytes, then UTF-16 units; then it is re-located by its text at the occurrence nearest
//! to the given start (with whitespace collapsed if the raw text is not found); else it is dropped.
//! Every repair is counted in the [`Log`] under the scorer's keys.

use super::pyunicode::{collapse_ws, is_space};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub const TYPES: [&str; 8] = ["PERSON", "ORG", "PLACE", "GROUP", "EVENT", "DATE", "MONEY", "QUANTITY"];
pub const CORE: [&str; 3] = ["PERSON", "ORG", "PLACE"];
pub const KINDS: [&str; 4] = ["named", "unnamed", "outlet", "institution"];

/// A placed span in code points, `[start, end)`. Signed: offsets are trusted as given when there
/// is no article text to check them against.
pub type Span = (i64, i64);

/// Warnings, counted by key (`relocated`, `offsets_utf8`, `dropped`, …) and listed.
#[derive(Clone, Debug, Default)]
pub struct Log {
    pub counts: BTreeMap<String, u64>,
    pub lines: Vec<String>,
}

impl Log {
    pub fn warn(&mut self, key: &str, msg: String) {
        *self.counts.entry(key.to_string()).or_default() += 1;
        self.lines.push(msg);
    }
}

/// An article's text with its code-point offset tables.
pub struct Text {
    pub string: String,
    /// Byte offset of each code point, plus the text length at the end.
    byte_at: Vec<usize>,
    /// UTF-16 offset of each code point, plus the UTF-16 length at the end.
    u16_at: Vec<usize>,
}

impl Text {
    pub fn new(string: String) -> Text {
        let mut byte_at = Vec::with_capacity(string.len() + 1);
        let mut u16_at = Vec::with_capacity(string.len() + 1);
        let mut n16 = 0;
        for (b, c) in string.char_indices() {
            byte_at.push(b);
            u16_at.push(n16);
            n16 += c.len_utf16();
        }
        byte_at.push(string.len());
        u16_at.push(n16);
        Text { string, byte_at, u16_at }
    }

    /// Length in code points.
    pub fn len(&self) -> i64 {
        self.byte_at.len() as i64 - 1
    }

    pub fn is_empty(&self) -> bool {
        self.string.is_empty()
    }

    /// Python's `text[s:e]` for `0 <= s, e <= len` (empty when `s >= e`).
    pub fn slice(&self, s: i64, e: i64) -> &str {
        if s >= e {
            return "";
        }
        &self.string[self.byte_at[s as usize]..self.byte_at[e as usize]]
    }

    /// Code-point offset of a byte offset, when it is a character boundary.
    pub fn cp_of_byte(&self, b: usize) -> Option<i64> {
        self.byte_at.binary_search(&b).ok().map(|i| i as i64)
    }

    fn cp_of_unit(&self, unit: &str, offset: i64) -> Option<i64> {
        let offset = usize::try_from(offset).ok()?;
        let table = if unit == "utf8" { &self.byte_at } else { &self.u16_at };
        table.binary_search(&offset).ok().map(|i| i as i64)
    }

    /// Code-point starts of the non-overlapping occurrences of `needle` (`re.finditer(re.escape(needle))`).
    fn occurrences(&self, needle: &str) -> Vec<i64> {
        self.string.match_indices(needle).filter_map(|(b, _)| self.cp_of_byte(b)).collect()
    }
}

/// A JSON integer as Python's `isinstance(x, int) and not isinstance(x, bool)` sees it.
fn as_int(v: Option<&Value>) -> Option<i64> {
    match v {
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_u64().map(|u| u.min(i64::MAX as u64) as i64)),
        _ => None,
    }
}

/// The Python `repr`-ish form of a value for warning lines (not compared with the scorer's).
fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "None".to_string(), |v| v.to_string())
}

/// `place_span`: the code-point span of a span object, repaired if need be; `None` if impossible.
pub fn place_span(sp: Option<&Value>, text: Option<&Text>, log: &mut Log, at: &str) -> Option<Span> {
    let sp = match sp {
        Some(Value::Object(m)) => m,
        None | Some(Value::Null) => return None,
        Some(other) => {
            log.warn("dropped", format!("{at}: span is not an object ({other}); dropped"));
            return None;
        }
    };
    let (s, e) = (as_int(sp.get("start")), as_int(sp.get("end")));
    let t = sp.get("text").filter(|v| !v.is_null());
    let ints = s.zip(e);
    let Some(text) = text else {
        return ints.filter(|&(s, e)| 0 <= s && s < e);
    };
    if let Some((s, e)) = ints {
        if 0 <= s && s < e && e <= text.len() {
            let matches = match t {
                None => true,
                Some(Value::String(t)) => text.slice(s, e) == t,
                Some(_) => false,
            };
            if matches {
                return Some((s, e));
            }
        }
    }
    let t_str = match t {
        Some(Value::String(t)) => Some(t.as_str()),
        _ => None,
    };
    if let (Some((s, e)), Some(t)) = (ints, t_str) {
        for unit in ["utf8", "utf16"] {
            if let (Some(cs), Some(ce)) = (text.cp_of_unit(unit, s), text.cp_of_unit(unit, e)) {
                if text.slice(cs, ce) == t {
                    log.warn(&format!("offsets_{unit}"), format!("{at}: {t:?} has {unit} offsets [{s},{e}); converted to [{cs},{ce})"));
                    return Some((cs, ce));
                }
            }
        }
    }
    if let Some(t) = t_str.filter(|t| t.chars().any(|c| !is_space(c))) {
        let mut needle = t.to_string();
        let mut cands = text.occurrences(&needle);
        if cands.is_empty() {
            needle = collapse_ws(t);
            cands = text.occurrences(&needle);
        }
        let r = ints.map_or(0, |(s, _)| s);
        if let Some(best) = cands.into_iter().min_by_key(|&c| ((c - r).unsigned_abs(), c)) {
            let end = best + needle.chars().count() as i64;
            log.warn("relocated", format!("{at}: {t:?} at [{},{}) does not match the text; re-located to [{best},{end})", show(sp.get("start")), show(sp.get("end"))));
            return Some((best, end));
        }
    }
    log.warn("dropped", format!("{at}: cannot place span {}; dropped", Value::Object(sp.clone())));
    None
}

/// One item of a record list: `for i, x in enumerate(items or [])` over what a JSON value can be.
enum Item<'a> {
    Object(&'a Map<String, Value>),
    NotObject,
}

fn items(v: Option<&Value>) -> Vec<Item<'_>> {
    match v {
        Some(Value::Array(a)) => a.iter().map(|x| x.as_object().map_or(Item::NotObject, Item::Object)).collect(),
        // Iterating a dict yields its keys, a string its characters: none is an object.
        Some(Value::Object(m)) => m.keys().map(|_| Item::NotObject).collect(),
        Some(Value::String(s)) => s.chars().map(|_| Item::NotObject).collect(),
        _ => Vec::new(),
    }
}

/// An entity whose span is placed and whose type is one of [`TYPES`].
#[derive(Clone, Debug, PartialEq)]
pub struct Ent {
    pub span: Span,
    pub ty: &'static str,
    pub canonical: Option<String>,
}

/// `load_entities`: unknown types are counted (`other_type`) and skipped, unplaceable spans dropped.
pub fn load_entities(v: Option<&Value>, text: Option<&Text>, log: &mut Log, at: &str) -> Vec<Ent> {
    let mut out = Vec::new();
    for (i, item) in items(v).into_iter().enumerate() {
        let Item::Object(ent) = item else {
            log.warn("dropped", format!("{at} entity[{i}]: not an object; dropped"));
            continue;
        };
        let ty = match ent.get("type") {
            Some(Value::String(s)) => TYPES.into_iter().find(|t| *t == s.to_uppercase()),
            _ => None,
        };
        let Some(ty) = ty else {
            log.warn("other_type", format!("{at} entity[{i}]: type {} is not scored", show(ent.get("type"))));
            continue;
        };
        let Some(span) = place_span(Some(&Value::Object(ent.clone())), text, log, &format!("{at} entity[{i}]")) else {
            continue;
        };
        let canonical = ent.get("canonical").and_then(Value::as_str).map(str::to_string);
        out.push(Ent { span, ty, canonical });
    }
    out
}

/// An attribution record: each part placed or `None`; kind one of [`KINDS`] or `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Att {
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Option<Span>,
    pub kind: Option<&'static str>,
    pub direct: Option<bool>,
}

/// `load_attributions`: a record without any usable span is dropped; an unknown kind counts as none.
pub fn load_attributions(v: Option<&Value>, text: Option<&Text>, log: &mut Log, at: &str) -> Vec<Att> {
    let mut out = Vec::new();
    for (i, item) in items(v).into_iter().enumerate() {
        let Item::Object(a) = item else {
            log.warn("dropped", format!("{at} attribution[{i}]: not an object; dropped"));
            continue;
        };
        let mut part = |name: &str| place_span(a.get(name), text, log, &format!("{at} attribution[{i}].{name}"));
        let (source, cue, content) = (part("source"), part("cue"), part("content"));
        let raw_kind = a.get("kind").filter(|v| !v.is_null());
        let kind = match raw_kind {
            Some(Value::String(k)) => KINDS.into_iter().find(|x| *x == k.to_lowercase()),
            _ => None,
        };
        if raw_kind.is_some() && kind.is_none() {
            log.warn("other_kind", format!("{at} attribution[{i}]: kind {} is not one of {KINDS:?}; treated as none", show(raw_kind)));
        }
        let direct = a.get("direct").and_then(Value::as_bool);
        if source.is_none() && cue.is_none() && content.is_none() {
            log.warn("dropped", format!("{at} attribution[{i}]: no usable span; dropped"));
            continue;
        }
        out.push(Att { source, cue, content, kind, direct });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn place(text: &str, sp: Value) -> (Option<Span>, Vec<String>) {
        let t = Text::new(text.to_string());
        let mut log = Log::default();
        let r = place_span(Some(&sp), Some(&t), &mut log, "x");
        (r, log.counts.keys().cloned().collect())
    }

    const T: &str = "“Iran’s” leader 😀 met Iran’s envoy in Iran.";

    #[test]
    fn exact_span_is_kept() {
        assert_eq!(place(T, json!({"start": 1, "end": 5, "text": "Iran"})), (Some((1, 5)), vec![]));
        assert_eq!(place(T, json!({"start": 1, "end": 5})), (Some((1, 5)), vec![]));
    }

    #[test]
    fn utf8_and_utf16_offsets_are_converted() {
        // "met" is at code point 18; bytes: “ (3) + Iran’s (8) + ” (3) + " leader " (8) + 😀 (4) + " " = 27.
        assert_eq!(place(T, json!({"start": 27, "end": 30, "text": "met"})), (Some((18, 21)), vec!["offsets_utf8".into()]));
        // UTF-16: the emoji is two units, so "met" is at 19.
        assert_eq!(place(T, json!({"start": 19, "end": 22, "text": "met"})), (Some((18, 21)), vec!["offsets_utf16".into()]));
    }

    #[test]
    fn relocation_picks_the_nearest_occurrence() {
        // "Iran" occurs at 1, 22 and 38.
        assert_eq!(place(T, json!({"start": 29, "end": 33, "text": "Iran"})), (Some((22, 26)), vec!["relocated".into()]));
        assert_eq!(place(T, json!({"start": 33, "end": 37, "text": "Iran"})), (Some((38, 42)), vec!["relocated".into()]));
        // Ties go to the earlier occurrence; without integer offsets the reference is 0.
        assert_eq!(place(T, json!({"start": 30, "end": 34, "text": "Iran"})), (Some((22, 26)), vec!["relocated".into()]));
        assert_eq!(place(T, json!({"start": "a", "text": "Iran"})), (Some((1, 5)), vec!["relocated".into()]));
        // Whitespace collapsed when the raw text is not found (checked against score_gold.py).
        assert_eq!(place(T, json!({"start": 0, "end": 2, "text": " met \n Iran’s"})), (Some((18, 28)), vec!["relocated".into()]));
    }

    #[test]
    fn unplaceable_spans_are_dropped() {
        assert_eq!(place(T, json!({"start": 0, "end": 3, "text": "Iraq"})), (None, vec!["dropped".into()]));
        assert_eq!(place(T, json!({"start": 0, "end": 3, "text": "  "})), (None, vec!["dropped".into()]));
        assert_eq!(place(T, json!({"start": 0.0, "end": 3})), (None, vec!["dropped".into()]));
        assert_eq!(place(T, json!("Iran")), (None, vec!["dropped".into()]));
    }

    #[test]
    fn occurrences_do_not_overlap() {
        let t = Text::new("aaaa".into());
        assert_eq!(t.occurrences("aa"), vec![0, 2]);
    }

    #[test]
    fn types_and_kinds_are_normalised() {
        let t = Text::new(T.to_string());
        let mut log = Log::default();
        let ents = load_entities(
            Some(&json!([{"start": 1, "end": 5, "type": "place"}, {"start": 1, "end": 5, "type": "VEHICLE"}, 3])),
            Some(&t),
            &mut log,
            "p",
        );
        assert_eq!(ents, vec![Ent { span: (1, 5), ty: "PLACE", canonical: None }]);
        let atts = load_attributions(
            Some(&json!([{"source": {"start": 1, "end": 5}, "kind": "Named", "direct": 1}, {"kind": "x"}])),
            Some(&t),
            &mut log,
            "p",
        );
        assert_eq!(atts, vec![Att { source: Some((1, 5)), cue: None, content: None, kind: Some("named"), direct: None }]);
        assert_eq!(log.counts.get("other_type"), Some(&1));
        assert_eq!(log.counts.get("other_kind"), Some(&1));
        assert_eq!(log.counts.get("dropped"), Some(&2));
    }
}
