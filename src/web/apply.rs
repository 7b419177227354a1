//! Wrapping spans of extracted text in custom elements, and undoing it exactly.
//!
//! A span may cross inline element boundaries (`<b>Alex</b> Vatanka`): it becomes one wrapper
//! per Text node it touches, all carrying the same attributes. Text nodes are split with
//! `splitText`, so the page's own nodes stay the same objects; [`UndoLog::undo`] unwraps, drops
//! the split-off nodes and gives each original node its original data back. Nothing here throws:
//! a DOM call that fails (the page removed a node meanwhile) is skipped.

use super::extract::Extracted;
use crate::text::Span;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static DATA: JsValue = JsValue::from_str("data");
}
use web_sys::{Element, Node, Text};

/// One span to wrap, with the wrapper's tag and attributes.
#[derive(Clone, Debug)]
pub struct Wrap {
    pub span: Span,
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
}

/// How to put the DOM back as it was before one [`apply`].
#[derive(Default)]
pub struct UndoLog {
    wrappers: Vec<Element>,
    /// Original Text nodes with their original data, and the nodes split off them. The data is
    /// kept as the JS string itself: a round trip through Rust would replace lone surrogates.
    splits: Vec<(Text, JsValue, Vec<Text>)>,
}

impl UndoLog {
    /// Restores the DOM. Safe to call on a DOM the page has changed since: what is gone is skipped.
    pub fn undo(&mut self) {
        for w in self.wrappers.drain(..).rev() {
            let w_node: &Node = w.as_ref();
            if let Some(parent) = w_node.parent_node() {
                while let Some(child) = w_node.first_child() {
                    if parent.insert_before(&child, Some(w_node)).is_err() {
                        break;
                    }
                }
                let _ = parent.remove_child(w_node);
            }
        }
        for (node, data, extra) in self.splits.drain(..).rev() {
            for e in extra {
                let e_node: &Node = e.as_ref();
                if let Some(p) = e_node.parent_node() {
                    let _ = p.remove_child(e_node);
                }
            }
            let _ = js_sys::Reflect::set(&node, &DATA.with(JsValue::clone), &data);
        }
    }

    pub fn wrapper_count(&self) -> usize {
        self.wrappers.len()
    }
}

/// Wraps each of `wraps` (sorted by start; overlapping ones after the first are skipped).
/// Parts that fall in a no-wrap piece (links, buttons, existing wrappers) or are only
/// whitespace are left alone. Returns the log that undoes exactly this call.
pub fn apply(ex: &Extracted, wraps: &[Wrap]) -> UndoLog {
    // (piece, local UTF-16 start, end, wrap index) for every part to wrap.
    let mut parts: Vec<(usize, u32, u32, usize)> = Vec::new();
    let mut last_end = 0;
    for (wi, w) in wraps.iter().enumerate() {
        if w.span.start < last_end || w.span.is_empty() || w.span.end > ex.text.len() {
            continue;
        }
        last_end = w.span.end;
        let Some(mut pi) = ex.piece_at(w.span.start) else { continue };
        while pi < ex.pieces.len() && ex.pieces[pi].span.start < w.span.end {
            let p = &ex.pieces[pi];
            let part = trim_space(&ex.text, Span::new(w.span.start.max(p.span.start), w.span.end.min(p.span.end)));
            if !p.no_wrap && !part.is_empty() {
                if let Some((a, b)) = ex.local_utf16(pi, part) {
                    parts.push((pi, a, b, wi));
                }
            }
            pi += 1;
        }
    }
    // Split each node from its end backwards, so earlier offsets stay valid on the original node.
    parts.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut log = UndoLog::default();
    let mut i = 0;
    while i < parts.len() {
        let pi = parts[i].0;
        let node = &ex.pieces[pi].node;
        let mut extra = Vec::new();
        let original = js_sys::Reflect::get(node, &DATA.with(JsValue::clone)).unwrap_or(JsValue::UNDEFINED);
        if !original.is_string() {
            while i < parts.len() && parts[i].0 == pi {
                i += 1;
            }
            continue;
        }
        while i < parts.len() && parts[i].0 == pi {
            let (_, a, b, wi) = parts[i];
            if let Some(w) = wrap_part(node, a, b, &wraps[wi], &mut extra) {
                log.wrappers.push(w);
            }
            i += 1;
        }
        log.splits.push((node.clone(), original, extra));
    }
    log
}

/// Wraps `[a, b)` of `node` (UTF-16) in a new element; split-off nodes are added to `extra`.
fn wrap_part(node: &Text, a: u32, b: u32, w: &Wrap, extra: &mut Vec<Text>) -> Option<Element> {
    let doc = node.owner_document()?;
    let parent = node.parent_node()?;
    if b < node.length() {
        extra.push(node.split_text(b).ok()?);
    }
    let middle = if a > 0 {
        let m = node.split_text(a).ok()?;
        extra.push(m.clone());
        m
    } else {
        node.clone()
    };
    let el = doc.create_element(w.tag).ok()?;
    for (k, v) in &w.attrs {
        let _ = el.set_attribute(k, v);
    }
    let middle_node: &Node = middle.unchecked_ref();
    parent.insert_before(&el, Some(middle_node)).ok()?;
    el.append_child(middle_node).ok()?;
    Some(el)
}

/// `span` without leading and trailing white space (a wrapper never starts or ends with a space).
fn trim_space(text: &str, span: Span) -> Span {
    let t = span.of(text);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead == t.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}
