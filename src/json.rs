//! The public JSON form of an [`Analysis`]: what `gloss analyze` prints and what the browser's
//! `analyze()` returns. Spans are Unicode code points (the gold format in corpus/GOLD.md); this
//! module is the one place where core byte offsets become code points.

use crate::analysis::{Analysis, EntityType, SourceKind};
use crate::text::offsets::{OffsetIndex, Unit};
use crate::text::Span;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JsonEntity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub canonical: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JsonAttribution {
    pub source: JsonSpan,
    pub cue: JsonSpan,
    pub content: JsonSpan,
    pub kind: &'static str,
    pub direct: bool,
    pub canonical: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JsonSummary {
    /// Mentions per entity type ("PERSON" → 12).
    pub entities_by_type: BTreeMap<&'static str, usize>,
    /// Statements per source kind ("unnamed" → 4).
    pub statements_by_kind: BTreeMap<&'static str, usize>,
    /// Distinct sources per kind.
    pub sources_by_kind: BTreeMap<&'static str, usize>,
    pub statements: usize,
    pub direct: usize,
    pub indirect: usize,
    pub paragraphs: usize,
    /// Zero-based indices of paragraphs with no attributed statement.
    pub unattributed_paragraphs: Vec<usize>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JsonAnalysis {
    pub entities: Vec<JsonEntity>,
    pub attributions: Vec<JsonAttribution>,
    pub summary: JsonSummary,
}

impl JsonAnalysis {
    /// The JSON form of `a`, an analysis of `text`: spans become code points, each with its text.
    ///
    /// ```
    /// let text = "«Ça va», dit Émile Zola. Zola said it was fine.";
    /// let a = gloss::analyze(text, &gloss::Config::default()).unwrap();
    /// let json = gloss::json::JsonAnalysis::new(text, &a);
    /// let chars: Vec<char> = text.chars().collect();
    /// for e in &json.entities {
    ///     // Code-point offsets: index the text's chars, not its bytes.
    ///     assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    /// }
    /// // Serialize with serde_json (or any serde format).
    /// let out = serde_json::to_string(&json).unwrap();
    /// assert!(out.starts_with(r#"{"entities":["#));
    /// ```
    pub fn new(text: &str, a: &Analysis) -> JsonAnalysis {
        let ix = OffsetIndex::new(text);
        let span = |s: Span| JsonSpan {
            start: ix.convert_floor(s.start, Unit::Utf8, Unit::CodePoint),
            end: ix.convert_floor(s.end, Unit::Utf8, Unit::CodePoint),
            text: s.of(text).to_string(),
        };
        let entities = a
            .mentions
            .iter()
            .map(|m| {
                let s = span(m.span);
                JsonEntity {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    ty: m.ty.as_str(),
                    canonical: a.entities.get(m.entity).map_or_else(|| m.span.of(text).to_string(), |e| e.canonical.clone()),
                }
            })
            .collect();
        let attributions = a
            .attributions
            .iter()
            .map(|r| JsonAttribution {
                source: span(r.source),
                cue: span(r.cue),
                content: span(r.content),
                kind: r.kind.as_str(),
                direct: r.direct,
                canonical: r.canonical.clone(),
            })
            .collect();
        JsonAnalysis { entities, attributions, summary: JsonSummary::new(a) }
    }
}

impl JsonSummary {
    /// The summary alone (no span conversion: cheap on any article).
    pub fn new(a: &Analysis) -> JsonSummary {
        let s = &a.summary;
        let types = EntityType::ALL.iter().zip(s.entities_by_type).map(|(t, n)| (t.as_str(), n)).collect();
        let kinds = |v: [usize; 4]| SourceKind::ALL.iter().zip(v).map(|(k, n)| (k.as_str(), n)).collect();
        JsonSummary {
            entities_by_type: types,
            statements_by_kind: kinds(s.statements_by_kind),
            sources_by_kind: kinds(s.sources_by_kind),
            statements: a.attributions.len(),
            direct: s.direct,
            indirect: s.indirect,
            paragraphs: a.paragraphs.len(),
            unattributed_paragraphs: s.unattributed_paragraphs.clone(),
        }
    }
}

/// JSON text written the way serde_json's compact writer writes these types (a test checks they
/// agree). The browser gets the analysis as this text and `JSON.parse`s it: building the object
/// field by field across the Wasm boundary (serde-wasm-bindgen) took a third of `analyze()`'s
/// time in Chromium, and serde_json stays out of the Wasm for its size.
pub trait WriteJson {
    fn write_json(&self, w: &mut String);

    fn to_json(&self) -> String {
        let mut w = String::new();
        self.write_json(&mut w);
        w
    }
}

/// An object of `fields`, in order.
fn object(w: &mut String, fields: &[(&str, &dyn WriteJson)]) {
    members(w, fields.iter().copied());
}

/// An object of these keys and values, in order.
fn members<'a>(w: &mut String, fields: impl Iterator<Item = (&'a str, &'a dyn WriteJson)>) {
    w.push('{');
    for (i, (k, v)) in fields.enumerate() {
        if i > 0 {
            w.push(',');
        }
        k.write_json(w);
        w.push(':');
        v.write_json(w);
    }
    w.push('}');
}

impl WriteJson for str {
    fn write_json(&self, w: &mut String) {
        w.push('"');
        for c in self.chars() {
            match c {
                '"' => w.push_str("\\\""),
                '\\' => w.push_str("\\\\"),
                '\n' => w.push_str("\\n"),
                '\r' => w.push_str("\\r"),
                '\t' => w.push_str("\\t"),
                '\u{8}' => w.push_str("\\b"),
                '\u{c}' => w.push_str("\\f"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    w.push_str("\\u00");
                    w.push(HEX[(c as usize) >> 4] as char);
                    w.push(HEX[(c as usize) & 15] as char);
                }
                c => w.push(c),
            }
        }
        w.push('"');
    }
}

impl WriteJson for &str {
    fn write_json(&self, w: &mut String) {
        (**self).write_json(w)
    }
}

impl WriteJson for String {
    fn write_json(&self, w: &mut String) {
        self.as_str().write_json(w)
    }
}

impl WriteJson for usize {
    fn write_json(&self, w: &mut String) {
        let (mut n, mut digits, mut i) = (*self, [0u8; 20], 20);
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        digits[i..].iter().for_each(|&d| w.push(d as char));
    }
}

impl WriteJson for bool {
    fn write_json(&self, w: &mut String) {
        w.push_str(if *self { "true" } else { "false" });
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, w: &mut String) {
        match self {
            Some(v) => v.write_json(w),
            None => w.push_str("null"),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, w: &mut String) {
        w.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                w.push(',');
            }
            v.write_json(w);
        }
        w.push(']');
    }
}

impl WriteJson for BTreeMap<&'static str, usize> {
    fn write_json(&self, w: &mut String) {
        members(w, self.iter().map(|(k, v)| (*k, v as &dyn WriteJson)));
    }
}

impl WriteJson for JsonSpan {
    fn write_json(&self, w: &mut String) {
        object(w, &[("start", &self.start), ("end", &self.end), ("text", &self.text)]);
    }
}

impl WriteJson for JsonEntity {
    fn write_json(&self, w: &mut String) {
        object(w, &[("start", &self.start), ("end", &self.end), ("text", &self.text), ("type", &self.ty), ("canonical", &self.canonical)]);
    }
}

impl WriteJson for JsonAttribution {
    fn write_json(&self, w: &mut String) {
        object(
            w,
            &[("source", &self.source), ("cue", &self.cue), ("content", &self.content), ("kind", &self.kind), ("direct", &self.direct), ("canonical", &self.canonical)],
        );
    }
}

impl WriteJson for JsonSummary {
    fn write_json(&self, w: &mut String) {
        object(
            w,
            &[
                ("entities_by_type", &self.entities_by_type),
                ("statements_by_kind", &self.statements_by_kind),
                ("sources_by_kind", &self.sources_by_kind),
                ("statements", &self.statements),
                ("direct", &self.direct),
                ("indirect", &self.indirect),
                ("paragraphs", &self.paragraphs),
                ("unattributed_paragraphs", &self.unattributed_paragraphs),
            ],
        );
    }
}

impl WriteJson for JsonAnalysis {
    fn write_json(&self, w: &mut String) {
        w.reserve(self.entities.len() * 96 + self.attributions.len() * 400 + 512);
        object(w, &[("entities", &self.entities), ("attributions", &self.attributions), ("summary", &self.summary)]);
    }
}

#[cfg(test)]
mod tests {
    use super::{JsonAnalysis, WriteJson};

    #[test]
    fn written_json_is_serde_json_byte_for_byte() {
        let seed = include_str!("../tests/fixtures/dev/seed-iran-kerman/article.txt");
        let odd = "Control \u{1}\u{8}\u{c}\u{1f}\u{7f} chars, \"quotes\" \\ and\ttabs\r\n\
                   «Ça va», dit Émile Zola 👋🏽. “We will go,” said Reuters. سلام said Ali Khamenei.";
        for text in [seed, odd, ""] {
            let a = crate::analyze(text, &Default::default()).unwrap();
            let j = JsonAnalysis::new(text, &a);
            assert_eq!(j.to_json(), serde_json::to_string(&j).unwrap());
        }
        // Every string escape, against serde_json directly.
        let all: String = (0u32..0x80).filter_map(char::from_u32).chain(['é', '\u{2028}', '😀']).collect();
        assert_eq!(all.to_json(), serde_json::to_string(&all).unwrap());
        assert_eq!(usize::MAX.to_json(), usize::MAX.to_string());
        assert_eq!(0usize.to_json(), "0");
    }
}
