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
