//! The precomputed annotations document: what `gloss precompute` writes at publish time and the
//! widget reads instead of doing the language work.
//!
//! Every span is an [`Anchor`] (exact text, context, code-point start), never a bare offset, so
//! the document still applies after small edits to the page. [`resolve_document`] rebuilds an
//! [`Analysis`] that keeps the guarantees of [`crate::analyze`]: mentions sorted and never
//! overlapping, every index valid, the summary counting what was actually found. What no longer
//! anchors is dropped: a mention whose text changed, an attribution any of whose three parts
//! (source, cue, content) changed, an entity left without mentions.

use super::{describe_with, resolve_near, Anchor};
use crate::analysis::{Analysis, Attribution, Entity, EntityType, Mention, SourceKind};
use crate::json::{JsonAnalysis, JsonSummary};
use crate::text::offsets::{OffsetIndex, Unit};
use crate::text::{Document, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The document format's version; a reader refuses any other.
pub const FORMAT: u32 = 1;

/// One article's precomputed annotations (the JSON written by `gloss precompute`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The Gloss version that wrote it.
    pub gloss: String,
    /// Length in code points of the text it was computed on (informational).
    pub text_length: usize,
    pub entities: Vec<DocEntity>,
    /// In text order.
    pub mentions: Vec<DocMention>,
    pub attributions: Vec<DocAttribution>,
    /// The summary at publish time, for people and tools; readers recompute it from what
    /// anchors, so it is not read back.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub summary: Option<JsonSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocEntity {
    pub canonical: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub descriptor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocMention {
    #[serde(rename = "type")]
    pub ty: String,
    /// Index into [`Annotations::entities`].
    pub entity: usize,
    pub anchor: Anchor,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocAttribution {
    pub source: Anchor,
    pub cue: Anchor,
    pub content: Anchor,
    /// "named", "unnamed", "outlet" or "institution".
    pub kind: String,
    pub direct: bool,
    /// Index into [`Annotations::entities`].
    #[serde(default)]
    pub entity: Option<usize>,
    #[serde(default)]
    pub canonical: Option<String>,
}

/// A document that cannot be used at all (as opposed to parts that no longer anchor, which are
/// dropped quietly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    Format(u32),
    UnknownType(String),
    UnknownKind(String),
    Json(String),
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::Format(v) => write!(f, "annotations format {v} is not supported (this reader knows format {FORMAT})"),
            DocError::UnknownType(t) => write!(f, "annotations name an unknown entity type \"{t}\""),
            DocError::UnknownKind(k) => write!(f, "annotations name an unknown source kind \"{k}\""),
            DocError::Json(e) => write!(f, "annotations are not a valid document: {e}"),
        }
    }
}

impl std::error::Error for DocError {}

fn parse_kind(s: &str) -> Option<SourceKind> {
    SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
}

impl Annotations {
    /// Describes `analysis` of `text` as a document.
    pub fn new(text: &str, analysis: &Analysis) -> Annotations {
        let ix = OffsetIndex::new(text);
        let anchor = |s: Span| describe_with(text, &ix, s);
        Annotations {
            format: FORMAT,
            gloss: env!("CARGO_PKG_VERSION").to_string(),
            text_length: ix.len(Unit::CodePoint),
            entities: analysis
                .entities
                .iter()
                .map(|e| DocEntity {
                    canonical: e.canonical.clone(),
                    ty: e.ty.as_str().to_string(),
                    aliases: e.aliases.clone(),
                    descriptor: e.descriptor.clone(),
                })
                .collect(),
            mentions: analysis
                .mentions
                .iter()
                .map(|m| DocMention { ty: m.ty.as_str().to_string(), entity: m.entity, anchor: anchor(m.span) })
                .collect(),
            attributions: analysis
                .attributions
                .iter()
                .map(|r| DocAttribution {
                    source: anchor(r.source),
                    cue: anchor(r.cue),
                    content: anchor(r.content),
                    kind: r.kind.as_str().to_string(),
                    direct: r.direct,
                    entity: r.entity,
                    canonical: r.canonical.clone(),
                })
                .collect(),
            summary: Some(JsonAnalysis::new(text, analysis).summary),
        }
    }

    /// Reads a document from JSON (native; the browser hands a parsed JS value to serde).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(json: &str) -> Result<Annotations, DocError> {
        serde_json::from_str(json).map_err(|e| DocError::Json(e.to_string()))
    }

    /// Checks what cannot be repaired by dropping: the format and the names of types and kinds.
    pub fn validate(&self) -> Result<(), DocError> {
        if self.format != FORMAT {
            return Err(DocError::Format(self.format));
        }
        let ty = |t: &str| EntityType::parse(t).ok_or_else(|| DocError::UnknownType(t.to_string()));
        for e in &self.entities {
            ty(&e.ty)?;
        }
        for m in &self.mentions {
            ty(&m.ty)?;
        }
        for a in &self.attributions {
            parse_kind(&a.kind).ok_or_else(|| DocError::UnknownKind(a.kind.clone()))?;
        }
        Ok(())
    }
}

/// Rebuilds the analysis of `text` from `doc`: anchors every span in `text` (which may differ
/// from the text the document was made from), drops what does not anchor, and recomputes the
/// paragraphs, sentences and summary. No entity recognition or attribution runs.
pub fn resolve_document(text: &str, doc: &Annotations) -> Result<Analysis, DocError> {
    doc.validate()?;
    let ix = OffsetIndex::new(text);
    // Anchors are resolved in document order, each first tried where the previous one moved to.
    let shift = std::cell::Cell::new(0isize);
    let resolve = |a: &Anchor| {
        let span = resolve_near(text, &ix, a, shift.get())?;
        let start = ix.convert_floor(span.start, Unit::Utf8, Unit::CodePoint);
        shift.set(start as isize - a.start as isize);
        Some(span)
    };

    // Mentions: anchored, then sorted; one that overlaps an earlier one is dropped.
    let mut found: Vec<(Span, EntityType, usize)> = doc
        .mentions
        .iter()
        .filter(|m| m.entity < doc.entities.len())
        .filter_map(|m| Some((resolve(&m.anchor)?, EntityType::parse(&m.ty)?, m.entity)))
        .collect();
    crate::sort::sort_by_key(&mut found, |&(s, _, _)| crate::sort::key2(s.start, u32::MAX as usize - s.end));
    let mut kept: Vec<(Span, EntityType, usize)> = Vec::with_capacity(found.len());
    for f in found {
        if kept.last().map_or(true, |k| k.0.end <= f.0.start) {
            kept.push(f);
        }
    }

    // Entities: those still mentioned, renumbered in their original order.
    let mut new_index: Vec<Option<usize>> = vec![None; doc.entities.len()];
    let mut used = vec![false; doc.entities.len()];
    for k in &kept {
        used[k.2] = true;
    }
    let mut entities = Vec::new();
    for (old, e) in doc.entities.iter().enumerate() {
        if used[old] {
            new_index[old] = Some(entities.len());
            entities.push(Entity {
                canonical: e.canonical.clone(),
                ty: EntityType::parse(&e.ty).unwrap_or(EntityType::Person),
                aliases: e.aliases.clone(),
                descriptor: e.descriptor.clone(),
                mentions: Vec::new(),
            });
        }
    }
    let mut mentions = Vec::with_capacity(kept.len());
    for (i, (span, ty, old)) in kept.into_iter().enumerate() {
        let entity = new_index[old].unwrap_or(0);
        entities[entity].mentions.push(i);
        mentions.push(Mention { span, ty, entity });
    }

    // Attributions: all three parts must anchor.
    let attributions: Vec<Attribution> = doc
        .attributions
        .iter()
        .filter_map(|a| {
            Some(Attribution {
                source: resolve(&a.source)?,
                cue: resolve(&a.cue)?,
                content: resolve(&a.content)?,
                kind: parse_kind(&a.kind)?,
                direct: a.direct,
                entity: a.entity.and_then(|e| new_index.get(e).copied().flatten()),
                canonical: a.canonical.clone(),
            })
        })
        .collect();

    Ok(Analysis::assemble(&Document::new(text), mentions, entities, attributions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Config};

    const SEED: &str = include_str!("../../tests/fixtures/dev/seed-iran-kerman/article.txt");

    fn doc_of(text: &str) -> (Analysis, Annotations) {
        let a = analyze(text, &Config::default()).unwrap();
        let d = Annotations::new(text, &a);
        (a, d)
    }

    #[test]
    fn unchanged_text_gives_the_same_analysis() {
        let (a, d) = doc_of(SEED);
        assert!(a.mentions.len() > 50 && a.attributions.len() > 5);
        let json = serde_json::to_string(&d).unwrap();
        let back = Annotations::from_json(&json).unwrap();
        let r = resolve_document(SEED, &back).unwrap();
        assert_eq!(r, a);
    }

    #[test]
    fn an_edited_text_keeps_the_rest_and_drops_the_changed() {
        let (a, d) = doc_of(SEED);
        // Change one word inside the first PERSON mention with two or more words in the body
        // (not the headline, whose words are also the first mentions' whole context).
        let body = SEED.find('\n').unwrap();
        let m = a.mentions.iter().position(|m| m.ty == EntityType::Person && m.span.start > body && m.span.of(SEED).contains(' ')).unwrap();
        let span = a.mentions[m].span;
        let first_word_end = span.start + span.of(SEED).find(' ').unwrap();
        let mut edited = String::new();
        edited.push_str("An inserted first sentence, about nothing at all.\n");
        let shift = edited.len();
        edited.push_str(&SEED[..span.start]);
        edited.push_str("Xavier");
        let delta = "Xavier".len() as isize - (first_word_end - span.start) as isize;
        edited.push_str(&SEED[first_word_end..]);
        let r = resolve_document(&edited, &d).unwrap();
        let expected: Vec<(Span, EntityType)> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != m)
            .map(|(_, x)| {
                let moved = |p: usize| if p >= span.end { (p as isize + delta) as usize + shift } else { p + shift };
                (Span::new(moved(x.span.start), moved(x.span.end)), x.ty)
            })
            .collect();
        let got: Vec<(Span, EntityType)> = r.mentions.iter().map(|x| (x.span, x.ty)).collect();
        assert_eq!(got, expected, "every untouched mention kept at its moved place, the changed one dropped");
        for x in &r.mentions {
            assert!(r.entities[x.entity].mentions.iter().any(|&k| r.mentions[k].span == x.span));
        }
        // Attributions whose parts did not include the changed word are all kept.
        let touched = a.attributions.iter().filter(|t| [t.source, t.cue, t.content].iter().any(|s| s.overlaps(span))).count();
        assert_eq!(r.attributions.len(), a.attributions.len() - touched);
        assert_eq!(r.summary.statements_by_kind.iter().sum::<usize>(), r.attributions.len());
    }

    #[test]
    fn bad_documents_are_refused_clearly() {
        let (_, mut d) = doc_of("Alex Vatanka said the attack was a setback.");
        d.format = 2;
        assert_eq!(resolve_document("x", &d).unwrap_err(), DocError::Format(2));
        d.format = FORMAT;
        d.mentions[0].ty = "ALIEN".into();
        assert!(matches!(resolve_document("x", &d), Err(DocError::UnknownType(_))));
        assert!(matches!(Annotations::from_json("{\"format\": 1}"), Err(DocError::Json(_))));
        assert!(matches!(Annotations::from_json("not json"), Err(DocError::Json(_))));
    }

    #[test]
    fn dangling_entity_indices_are_dropped_not_followed() {
        let text = "Alex Vatanka said the attack was a setback.";
        let (a, mut d) = doc_of(text);
        assert!(!a.mentions.is_empty() && !a.attributions.is_empty());
        for m in &mut d.mentions {
            m.entity = 99;
        }
        d.attributions[0].entity = Some(99);
        let r = resolve_document(text, &d).unwrap();
        assert!(r.mentions.is_empty() && r.entities.is_empty());
        assert_eq!(r.attributions.len(), a.attributions.len());
        assert_eq!(r.attributions[0].entity, None);
    }
}
