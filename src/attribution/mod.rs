//! Source attribution: who said or reported each statement, and the article's sourcing summary.
//!
//! The pipeline, each step in its own module:
//! - `quotes`: top-level quotations (straight and typographic marks, nested quotes, quotes
//!   running over paragraphs);
//! - `cues`: reporting verbs and phrases with their auxiliaries, minus negated, future,
//!   hypothetical and agentless passive speech (`lexicon` holds the word lists);
//! - `sources`: the source span of a cue (subject, inverted subject, "according to X", the
//!   sentence subject for participles);
//! - `statements`: the content of each cue, governed quotations and lists;
//! - `kinds`: the kind, canonical name and entity of each source, pronouns resolved
//!   (`outlets` holds the gazetteers);
//! - `summary`: counts for the sourcing panel.
//!
//! Everything is rule-based and works from the text alone; recognised entities, when given,
//! decide kinds and link sources to entities. Work is linear in the text: every search around a
//! cue is bounded by a fixed window.

mod context;
mod cues;
mod kinds;
mod lexicon;
mod outlets;
mod quotes;
mod sources;
mod statements;
mod summary;

pub use summary::{summarize, summarize_spans};

use crate::analysis::{Attribution, Entity, Mention};
use crate::text::Document;

/// Finds the attributed statements of `doc`, in text order of their content.
pub fn attribute(doc: &Document, mentions: &[Mention], entities: &[Entity]) -> Vec<Attribution> {
    let cx = context::Ctx::new(doc, mentions, entities);
    let mut recs = statements::find(&cx);
    // Kinds and antecedents are decided in the order the sources appear.
    crate::sort::sort_by_key(&mut recs, |r| crate::sort::key2(r.src.a, r.content.start));
    let mut resolver = kinds::Resolver::new(&cx);
    let mut out: Vec<Attribution> = Vec::with_capacity(recs.len());
    for r in recs {
        let res = resolver.resolve(r.src);
        out.push(Attribution {
            source: cx.range(r.src.a, r.src.b - 1),
            cue: r.cue,
            content: r.content,
            kind: res.kind,
            direct: r.direct,
            entity: res.entity,
            canonical: res.canonical,
        });
    }
    // By (content start, content end, source start): two stable passes, the minor key first.
    crate::sort::sort_by_key(&mut out, |a| a.source.start as u64);
    crate::sort::sort_by_key(&mut out, |a| crate::sort::key2(a.content.start, a.content.end));
    out.dedup_by(|a, b| a.content == b.content && a.source == b.source);
    out
}

#[cfg(test)]
mod tests;
