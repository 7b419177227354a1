//! Linking.
use super::Cand;
use crate::analysis::{Entity, Mention};
use crate::text::{Document, Span};
pub fn link(doc: &Document, _words: &[&str], cands: &[Cand]) -> (Vec<Mention>, Vec<Entity>) {
    let mut ms = Vec::new();
    let mut es = Vec::new();
    for c in cands {
        let span = Span::new(doc.tokens[c.start].span.start, doc.tokens[c.end - 1].span.end);
        es.push(Entity { canonical: span.of(doc.text).to_string(), ty: c.ty, aliases: vec![], descriptor: None, mentions: vec![ms.len()] });
        ms.push(Mention { span, ty: c.ty, entity: es.len() - 1 });
    }
    (ms, es)
}
