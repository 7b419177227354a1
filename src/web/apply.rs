//! Wrapping spans of extracted text in custom elements, and undoing it exactly.
//!
//! A span may cross inline element boundaries (`<b>Alex</b> Vatanka`): it becomes one wrapper
//! per Text node it touches, all carrying the same attributes. Text nodes are split with
//! `splitText`, so the page's own nodes stay the same objects; [`UndoLog::undo`] unwraps, drops
//! the split-off nodes and gives each original node its original data back. Nothing here throws:
//! a DOM call that fails (the page removed a node meanwhile) is skipped.

use super::extract::Extracted;
use crate::text::offsets::OffsetIndex;
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
    /// Original Text nodes split by this call, in the order they were first split.
    splits: Vec<Split>,
}

/// One original Text node split by an [`apply`]: what it held before and what its parts held
/// after. Data are kept as the JS strings themselves: a round trip through Rust would replace
/// lone surrogates.
struct Split {
    node: Text,
    original: JsValue,
    /// The node's own data after the last split (set by [`UndoLog::seal`]).
    head: JsValue,
    /// The nodes split off it, each with its data when the apply finished.
    extra: Vec<(Text, JsValue)>,
}

fn data_of(node: &Text) -> JsValue {
    js_sys::Reflect::get(node, &DATA.with(JsValue::clone)).unwrap_or(JsValue::UNDEFINED)
}

impl Split {
    /// The page has not touched these nodes since: the same data, and (once unwrapped) the
    /// split-off parts still follow the original node in order (each split cut the node's tail,
    /// so document order is the reverse of `extra`'s).
    fn untouched(&self) -> bool {
        if data_of(&self.node) != self.head {
            return false;
        }
        let first: &Node = self.node.as_ref();
        let mut next = first.next_sibling();
        for (e, d) in self.extra.iter().rev() {
            let e_node: &Node = e.as_ref();
            if next.as_ref() != Some(e_node) || data_of(e) != *d {
                return false;
            }
            next = e_node.next_sibling();
        }
        true
    }
}

impl Split {
    /// Records what the node and its parts hold now, once this apply is done with them.
    fn seal(&mut self) {
        self.head = data_of(&self.node);
        for (e, d) in &mut self.extra {
            *d = data_of(e);
        }
    }
}

impl UndoLog {
    /// Seals the entries from index `from` on (see [`Split::seal`]).
    fn seal_from(&mut self, from: usize) {
        for s in self.splits.iter_mut().skip(from) {
            s.seal();
        }
    }

    /// Restores the DOM. Safe on a DOM the page has changed since (nodes removed, moved or
    /// rewritten): every wrapper still in a tree is unwrapped, and a split node is merged back
    /// only while the page has left it and its parts alone; a node the page rewrote keeps the
    /// page's text, split or not. Never throws.
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
        for s in self.splits.drain(..).rev() {
            if !s.untouched() {
                continue;
            }
            for (e, _) in &s.extra {
                let e_node: &Node = e.as_ref();
                if let Some(p) = e_node.parent_node() {
                    let _ = p.remove_child(e_node);
                }
            }
            let _ = js_sys::Reflect::set(&s.node, &DATA.with(JsValue::clone), &s.original);
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
    let mut run = WrapRun::new(ex, wraps);
    run.step(ex, wraps, f64::INFINITY);
    run.log
}

/// True once `deadline` (a `Date.now()` time in ms; infinite: never) has passed.
pub(crate) fn past(deadline: f64) -> bool {
    deadline.is_finite() && js_sys::Date::now() >= deadline
}

/// [`apply`] in steps, Text node by Text node in text order (the top of the article first), so
/// a caller can yield to the page between steps. `log` undoes what has been done so far.
#[derive(Default)]
pub struct WrapRun {
    /// (piece, local UTF-16 start, end, wrap index) for every part to wrap.
    parts: Vec<(usize, u32, u32, usize)>,
    next: usize,
    pub log: UndoLog,
}

impl WrapRun {
    pub fn new(ex: &Extracted, wraps: &[Wrap]) -> WrapRun {
        let mut parts: Vec<(usize, u32, u32, usize)> = Vec::new();
        let ix = ex.index();
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
                    if let Some((a, b)) = ex.local_utf16(&ix, pi, part) {
                        parts.push((pi, a, b, wi));
                    }
                }
                pi += 1;
            }
        }
        // Split each node from its end backwards, so earlier offsets stay valid on the original node.
        crate::sort::sort_by_key(&mut parts, |x| crate::sort::key2(x.0, (u32::MAX - x.1) as usize));
        WrapRun { parts, next: 0, log: UndoLog::default() }
    }

    /// Wraps the parts of whole Text nodes until `deadline` has passed; true when all are done.
    /// `ex` and `wraps` must be the ones given to [`WrapRun::new`]. Each node's undo entry is
    /// sealed as soon as the node is done, so a destroy between steps is exact too.
    pub fn step(&mut self, ex: &Extracted, wraps: &[Wrap], deadline: f64) -> bool {
        let parts = &self.parts;
        let mut i = self.next;
        let mut nodes = 0u32;
        while i < parts.len() {
            nodes += 1;
            if nodes % 2 == 0 && past(deadline) {
                break;
            }
            let pi = parts[i].0;
            let node = &ex.pieces[pi].node;
            let mut extra = Vec::new();
            let original = data_of(node);
            if !original.is_string() {
                while i < parts.len() && parts[i].0 == pi {
                    i += 1;
                }
                continue;
            }
            while i < parts.len() && parts[i].0 == pi {
                let (_, a, b, wi) = parts[i];
                if let Some(w) = wrap_part(node, a, b, &wraps[wi], &mut extra) {
                    self.log.wrappers.push(w);
                }
                i += 1;
            }
            let extra = extra.into_iter().map(|e| (e, JsValue::UNDEFINED)).collect();
            let mut split = Split { node: node.clone(), original, head: JsValue::UNDEFINED, extra };
            split.seal();
            self.log.splits.push(split);
        }
        self.next = i;
        i >= parts.len()
    }
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

/// Wraps whole runs of the DOM: one wrapper per block that each of `wraps` crosses (sorted by
/// start; a wrap that overlaps an earlier one is skipped). Unlike [`apply`], a run may contain
/// elements (mentions, links, `<b>`): the boundary Text nodes are split, and the run of siblings
/// at the level where both ends meet is moved into the wrapper. An end inside a link, button or
/// an existing wrapper is moved outwards so that element is wrapped whole (never split). Returns
/// the log that undoes exactly this call; the page's nodes stay the same objects.
pub fn apply_ranges(ex: &Extracted, root: &Element, wraps: &[Wrap]) -> UndoLog {
    let mut run = RangeRun::new(ex, wraps);
    run.step(ex, root, wraps, f64::INFINITY);
    run.log
}

/// Where a block segment starts and ends: (start piece, end piece, UTF-16 offset in the start
/// piece's node, UTF-16 end offset in the end piece's node).
type Located = (usize, usize, u32, u32);

/// [`apply_ranges`] in steps, block by block from the top of the article, so a caller can
/// yield to the page between steps. `log` undoes what has been done so far.
#[derive(Default)]
pub struct RangeRun {
    /// Block segments of every wrap, located, with the wrap's index, in the order they are wrapped.
    segs: Vec<(Located, usize)>,
    next: usize,
    /// The undo entry of each piece's node, once it has been split (index into `log.splits`).
    entry_of: Vec<Option<usize>>,
    pub log: UndoLog,
}

impl RangeRun {
    pub fn new(ex: &Extracted, wraps: &[Wrap]) -> RangeRun {
        // Block segments of every wrap, trimmed, in text order.
        let mut segs: Vec<(Span, usize)> = Vec::new();
        let mut last_end = 0;
        for (wi, w) in wraps.iter().enumerate() {
            if w.span.start < last_end || w.span.is_empty() || w.span.end > ex.text.len() {
                continue;
            }
            last_end = w.span.end;
            let mut start = w.span.start;
            for line in w.span.of(&ex.text).split('\n') {
                let seg = trim_space(&ex.text, Span::new(start, start + line.len()));
                if !seg.is_empty() {
                    segs.push((seg, wi));
                }
                start += line.len() + 1;
            }
        }
        // Blocks top first; inside a block, last segment first: splitting only ever cuts tails
        // off a node, so the piece map's offsets stay valid for everything before, and every node
        // split is an original piece's node. A Text node lies in one block, so blocks are
        // independent of each other.
        let breaks: Vec<usize> = ex.text.match_indices('\n').map(|(i, _)| i).collect();
        crate::sort::sort_by_key(&mut segs, |&(seg, _)| crate::sort::key2(breaks.partition_point(|&b| b < seg.start), u32::MAX as usize - seg.start));
        // Offsets are located now, with one index over the text (linear, however many segments).
        let ix = ex.index();
        let segs = segs.into_iter().filter_map(|(seg, wi)| Some((locate(ex, &ix, seg)?, wi))).collect();
        RangeRun { segs, next: 0, entry_of: vec![None; ex.pieces.len()], log: UndoLog::default() }
    }

    /// Wraps segments until `deadline` has passed; true when all are done. `ex` and `wraps`
    /// must be the ones given to [`RangeRun::new`]. The log is sealed after every step, so a
    /// destroy between steps is exact too.
    pub fn step(&mut self, ex: &Extracted, root: &Element, wraps: &[Wrap], deadline: f64) -> bool {
        let first = self.log.splits.len();
        let mut done = true;
        while self.next < self.segs.len() {
            if self.next > 0 && past(deadline) {
                done = false;
                break;
            }
            let (loc, wi) = self.segs[self.next];
            self.next += 1;
            if let Some(el) = wrap_range(ex, loc, root, &wraps[wi], &mut self.log, &mut self.entry_of) {
                self.log.wrappers.push(el);
            }
        }
        // Entries of this step, and the one a step may have left half-split (a node lies in one
        // block, but a step can stop inside a block).
        self.log.seal_from(first.saturating_sub(1));
        done
    }
}

fn locate(ex: &Extracted, ix: &OffsetIndex, seg: Span) -> Option<Located> {
    let sp = ex.piece_at(seg.start)?;
    let ep = ex.piece_at(seg.end - 1)?;
    let (a, _) = ex.local_utf16(ix, sp, seg)?;
    let (_, b) = ex.local_utf16(ix, ep, seg)?;
    Some((sp, ep, a, b))
}

fn wrap_range(ex: &Extracted, (sp, ep, a, b): Located, root: &Element, w: &Wrap, log: &mut UndoLog, entry_of: &mut [Option<usize>]) -> Option<Element> {
    let s_node = ex.pieces[sp].node.clone();
    let e_node = ex.pieces[ep].node.clone();
    // End first, then start: on a shared node the start offset stays valid.
    split_logged(&e_node, ep, b, log, entry_of)?;
    let start = if a > 0 { split_logged(&s_node, sp, a, log, entry_of)?.unwrap_or(s_node.clone()) } else { s_node.clone() };
    let end: Text = if sp == ep { start.clone() } else { e_node };
    let root_node: &Node = root.as_ref();
    let start_node: Node = start.unchecked_into();
    let end_node: Node = end.unchecked_into();
    // The lowest common ancestor of both ends, below or at root: both chains up to root, then
    // the longest common tail (linear in the depth: markup may nest thousands deep).
    let s_chain = chain_to(&start_node, root_node)?;
    let e_chain = chain_to(&end_node, root_node)?;
    let common = s_chain.iter().rev().zip(e_chain.iter().rev()).take_while(|(a, b)| a == b).count();
    // Both chains end at root, so common ≥ 1; the start Text node itself is never the LCA
    // unless both ends are that one node.
    let mut lca = s_chain[s_chain.len() - common].clone();
    let (mut s_child, mut e_child) = if common == s_chain.len() || common == e_chain.len() {
        // One end is the LCA itself: only possible when both ends are one Text node.
        let only = s_chain[0].clone();
        lca = only.parent_node()?;
        (only.clone(), only)
    } else {
        (s_chain[s_chain.len() - common - 1].clone(), e_chain[e_chain.len() - common - 1].clone())
    };
    // Never wrap inside a link, button or wrapper: climb above the outermost one.
    let mut cur = lca.clone();
    while &cur != root_node {
        if cur.node_type() == Node::ELEMENT_NODE {
            let el: &Element = cur.unchecked_ref();
            if crate::extract_rules::is_no_wrap(&el.local_name()) {
                s_child = cur.clone();
                e_child = cur.clone();
                lca = cur.parent_node()?;
            }
        }
        cur = cur.parent_node()?;
    }
    let doc = root.owner_document()?;
    let el = doc.create_element(w.tag).ok()?;
    for (k, v) in &w.attrs {
        let _ = el.set_attribute(k, v);
    }
    lca.insert_before(&el, Some(&s_child)).ok()?;
    loop {
        let next = s_child.next_sibling();
        el.append_child(&s_child).ok()?;
        if s_child == e_child {
            break;
        }
        s_child = next?;
    }
    Some(el)
}

/// `node` and its ancestors up to and including `root`; `None` if `node` is not below `root`.
fn chain_to(node: &Node, root: &Node) -> Option<Vec<Node>> {
    let mut chain = vec![node.clone()];
    let mut n = node.clone();
    while &n != root {
        n = n.parent_node()?;
        chain.push(n.clone());
    }
    Some(chain)
}

/// Splits `node` (the node of piece `piece`) at UTF-16 offset `at` (if inside it), recording the
/// split in `log` under the piece's one undo entry; returns the split-off node.
fn split_logged(node: &Text, piece: usize, at: u32, log: &mut UndoLog, entry_of: &mut [Option<usize>]) -> Option<Option<Text>> {
    if at == 0 || at >= node.length() {
        return Some(None);
    }
    let i = match entry_of[piece] {
        Some(i) => i,
        None => {
            let original = data_of(node);
            if !original.is_string() {
                return None;
            }
            log.splits.push(Split { node: node.clone(), original, head: JsValue::UNDEFINED, extra: Vec::new() });
            entry_of[piece] = Some(log.splits.len() - 1);
            log.splits.len() - 1
        }
    };
    let tail = node.split_text(at).ok()?;
    log.splits[i].extra.push((tail.clone(), JsValue::UNDEFINED));
    Some(Some(tail))
}

/// Marks pieces inside statement wrappers as wrappable again: a mention inside a statement is
/// wrapped, while links, buttons and mentions still block wrapping.
pub fn allow_inside_statements(ex: &mut Extracted, root: &Element) {
    let root_node: &Node = root.as_ref();
    for p in ex.pieces.iter_mut().filter(|p| p.no_wrap) {
        let mut blocked = false;
        let mut n: Option<Node> = p.node.parent_node();
        while let Some(cur) = n {
            if &cur == root_node {
                break;
            }
            if cur.node_type() == Node::ELEMENT_NODE {
                let tag = cur.unchecked_ref::<Element>().local_name();
                if tag != "gloss-statement" && crate::extract_rules::is_no_wrap(&tag) {
                    blocked = true;
                    break;
                }
            }
            n = cur.parent_node();
        }
        p.no_wrap = blocked;
    }
}
