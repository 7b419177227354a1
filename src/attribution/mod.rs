//! Source attribution: who said or reported each statement, and the article's sourcing summary.

use crate::analysis::{Attribution, Entity, EntityType, Mention, SourceKind, Summary};
use crate::text::Document;

/// Finds the attributed statements of `doc`.
pub fn attribute(_doc: &Document, _mentions: &[Mention], _entities: &[Entity]) -> Vec<Attribution> {
    Vec::new()
}

/// Counts what the sourcing panel shows.
pub fn summarize(doc: &Document, mentions: &[Mention], _entities: &[Entity], attributions: &[Attribution]) -> Summary {
    let mut s = Summary::default();
    for m in mentions {
        let i = EntityType::ALL.iter().position(|&t| t == m.ty).unwrap_or(0);
        s.entities_by_type[i] += 1;
    }
    for a in attributions {
        let k = SourceKind::ALL.iter().position(|&t| t == a.kind).unwrap_or(0);
        s.statements_by_kind[k] += 1;
        if a.direct {
            s.direct += 1;
        } else {
            s.indirect += 1;
        }
    }
    s.unattributed_paragraphs = (0..doc.paragraphs.len())
        .filter(|&p| !attributions.iter().any(|a| a.content.overlaps(doc.paragraphs[p].span)))
        .collect();
    s
}
