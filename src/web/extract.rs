//! DOM subtree → one string plus a map back to Text nodes.
//!
//! Blocks (see [`crate::extract_rules`]) are separated by one synthetic `\n`, which belongs to no
//! node, so the core sees one paragraph per block. Inside a Text node, line breaks are read as
//! spaces of the same UTF-8 and UTF-16 length, so every piece of the string maps 1:1 onto its
//! node's data and offsets convert within a piece alone.

use crate::extract_rules;
use crate::text::offsets::{OffsetIndex, Unit};
use crate::text::Span;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Text};

/// One Text node's contribution to the extracted string.
#[derive(Clone, Debug)]
pub struct Piece {
    pub node: Text,
    /// Byte span of this node's text in [`Extracted::text`].
    pub span: Span,
    /// Inside a link, button, label or one of the widget's own wrappers: read, never wrapped.
    pub no_wrap: bool,
}

/// An element's readable text and where each part of it lives in the DOM.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub text: String,
    /// In text order; spans never overlap.
    pub pieces: Vec<Piece>,
}

impl Extracted {
    /// Index of the piece containing byte `offset` (a piece's end belongs to the next piece).
    pub fn piece_at(&self, offset: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.span.end <= offset);
        (i < self.pieces.len() && self.pieces[i].span.start <= offset).then_some(i)
    }

    /// An offset index over the whole text, built once per apply (see [`Self::local_utf16`]).
    pub fn index(&self) -> OffsetIndex<'_> {
        OffsetIndex::new(&self.text)
    }

    /// Node-local UTF-16 offsets `[a, b)` of the part of `span` that falls in piece `i`; `ix` is
    /// [`Self::index`]. A piece's text has the same UTF-16 length as its node's data, so a local
    /// offset is the difference of two global ones: no per-piece index, which would make many
    /// spans in one long Text node quadratic.
    pub fn local_utf16(&self, ix: &OffsetIndex, i: usize, span: Span) -> Option<(u32, u32)> {
        let p = &self.pieces[i];
        let s = span.start.max(p.span.start);
        let e = span.end.min(p.span.end);
        if s >= e {
            return None;
        }
        let base = ix.convert(p.span.start, Unit::Utf8, Unit::Utf16)?;
        let a = ix.convert(s, Unit::Utf8, Unit::Utf16)? - base;
        let b = ix.convert(e, Unit::Utf8, Unit::Utf16)? - base;
        Some((a as u32, b as u32))
    }
}

/// Reads `root`'s readable text. Never fails: unreadable parts are skipped.
pub fn extract(root: &Element) -> Extracted {
    let mut r = Reader::new(root);
    r.step(f64::INFINITY);
    r.out
}

/// [`extract`] in steps: the walk stops when a deadline passes and goes on at the next call, so
/// a caller can yield to the page on a long article. The DOM must not change in between.
pub struct Reader {
    root: Element,
    node: Option<Node>,
    no_wrap_stack: Vec<bool>,
    no_wrap_depth: usize,
    pub out: Extracted,
}

impl Reader {
    pub fn new(root: &Element) -> Reader {
        Reader { root: root.clone(), node: root.first_child(), no_wrap_stack: Vec::new(), no_wrap_depth: 0, out: Extracted::default() }
    }

    /// Walks until `deadline` (a `Date.now()` time; infinite: to the end); true when done.
    pub fn step(&mut self, deadline: f64) -> bool {
        // Iterative walk: article markup can nest thousands of elements deep.
        let root_node: &Node = self.root.as_ref();
        let out = &mut self.out;
        let (stack, depth) = (&mut self.no_wrap_stack, &mut self.no_wrap_depth);
        let mut count = 0u32;
        while let Some(n) = self.node.take() {
            count += 1;
            if count % 16 == 0 && deadline.is_finite() && js_sys::Date::now() >= deadline {
                self.node = Some(n);
                return false;
            }
            let mut descend = false;
            match n.node_type() {
                // Unchecked casts after the nodeType check: `instanceof` fails for nodes of another
                // realm (an iframe's document), which are Text and Element all the same.
                Node::TEXT_NODE => push_text(out, n.unchecked_ref::<Text>(), *depth > 0),
                Node::ELEMENT_NODE => {
                    let el: &Element = n.unchecked_ref();
                    let tag = el.local_name();
                    if !extract_rules::is_skipped(&tag, |a| el.get_attribute(a)) {
                        if extract_rules::is_block(&tag) {
                            push_break(out);
                        }
                        let nw = extract_rules::is_no_wrap(&tag);
                        if nw {
                            *depth += 1;
                        }
                        stack.push(nw);
                        descend = true;
                    }
                }
                _ => {}
            }
            // Next node in document order, closing elements on the way up.
            self.node = if descend {
                match n.first_child() {
                    Some(c) => Some(c),
                    None => {
                        leave(out, &n, stack, depth);
                        next_up(out, n, root_node, stack, depth)
                    }
                }
            } else {
                next_up(out, n, root_node, stack, depth)
            };
        }
        true
    }
}

/// The next sibling of `n`, or of the nearest ancestor below `root` that has one.
fn next_up(out: &mut Extracted, mut n: Node, root: &Node, stack: &mut Vec<bool>, depth: &mut usize) -> Option<Node> {
    loop {
        if let Some(s) = n.next_sibling() {
            return Some(s);
        }
        let parent = n.parent_node()?;
        if &parent == root {
            return None;
        }
        leave(out, &parent, stack, depth);
        n = parent;
    }
}

fn leave(out: &mut Extracted, el: &Node, stack: &mut Vec<bool>, depth: &mut usize) {
    if stack.pop() == Some(true) {
        *depth -= 1;
    }
    if el.node_type() == Node::ELEMENT_NODE && extract_rules::is_block(&el.unchecked_ref::<Element>().local_name()) {
        push_break(out);
    }
}

fn push_break(out: &mut Extracted) {
    extract_rules::push_break(&mut out.text);
}

fn push_text(out: &mut Extracted, t: &Text, no_wrap: bool) {
    let data = t.data();
    if data.is_empty() {
        return;
    }
    let start = out.text.len();
    extract_rules::push_node_text(&mut out.text, &data);
    out.pieces.push(Piece { node: t.clone(), span: Span::new(start, out.text.len()), no_wrap });
}
