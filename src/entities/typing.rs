//! Typing.
use super::{model::tag_class, Cand, Prepared};
use crate::analysis::EntityType;
use crate::text::Document;
pub fn names(_doc: &Document, p: &Prepared) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.tags.len() {
        let (c, _) = tag_class(p.tags[i]);
        if c == 0 { i += 1; continue; }
        let mut j = i + 1;
        while j < p.tags.len() && tag_class(p.tags[j]) == (c, false) { j += 1; }
        let ty = match c { 1 => Some(EntityType::Person), 2 => Some(EntityType::Org), 3 => Some(EntityType::Place), _ => None };
        if let Some(ty) = ty { out.push(Cand { start: i, end: j, ty }); }
        i = j;
    }
    out
}
