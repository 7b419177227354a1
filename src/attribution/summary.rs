//! The article's sourcing at a glance: statements by kind, distinct sources by kind, direct
//! versus indirect, and the paragraphs that carry no attributed statement.

use crate::analysis::{Attribution, Entity, EntityType, Mention, SourceKind, Summary};
use crate::text::{Document, Span};
use crate::fxhash::FxHashSet as HashSet;

/// Counts what the sourcing panel shows.
pub fn summarize(doc: &Document, mentions: &[Mention], _entities: &[Entity], attributions: &[Attribution]) -> Summary {
    let paragraphs: Vec<Span> = doc.paragraphs.iter().map(|p| p.span).collect();
    summarize_spans(doc.text, &paragraphs, mentions, attributions)
}

/// [`summarize`] from the paragraph spans of an existing analysis (used again after editorial
/// overrides changed its mentions or statements).
pub fn summarize_spans(text: &str, paragraphs: &[Span], mentions: &[Mention], attributions: &[Attribution]) -> Summary {
    let mut s = Summary::default();
    for m in mentions {
        let i = EntityType::ALL.iter().position(|&t| t == m.ty).unwrap_or(0);
        s.entities_by_type[i] += 1;
    }
    // A source is counted once per kind: by its entity, else its canonical name, else its words.
    let mut seen: HashSet<(usize, String)> = HashSet::default();
    for a in attributions {
        let k = SourceKind::ALL.iter().position(|&t| t == a.kind).unwrap_or(0);
        s.statements_by_kind[k] += 1;
        if a.direct {
            s.direct += 1;
        } else {
            s.indirect += 1;
        }
        let key = match (a.entity, &a.canonical) {
            (Some(e), _) => format!("#{e}"),
            (None, Some(c)) => c.to_lowercase(),
            (None, None) => a.source.of(text).to_lowercase(),
        };
        if seen.insert((k, key)) {
            s.sources_by_kind[k] += 1;
        }
    }
    // Paragraphs are visited in order and statements sorted by start, so one sweep suffices.
    let mut spans: Vec<_> = attributions.iter().map(|a| a.content).collect();
    crate::sort::sort_by_key(&mut spans, |c| crate::sort::key2(c.start, c.end));
    let mut j = 0;
    for (p, &par) in paragraphs.iter().enumerate() {
        while j < spans.len() && spans[j].end <= par.start {
            j += 1;
        }
        let covered = spans[j..].iter().take_while(|c| c.start < par.end).any(|c| c.overlaps(par));
        if !covered {
            s.unattributed_paragraphs.push(p);
        }
    }
    s
}
