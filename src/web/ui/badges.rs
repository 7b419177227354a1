//! One `gloss-badge` per marked statement, inserted right after the statement's last wrapper so
//! it comes after the statement in reading and tab order. The host is an empty inline (no text
//! moves), relatively positioned; its face, in its shadow root with the label (the article's
//! textContent is unchanged), is absolutely positioned inside it, so the page's layout never
//! has to place it (see ui.css). [`layout`] moves the face with a transform: into the gutter
//! beside the statement's first line on wide screens, icon-only into the far gutter on narrow
//! ones, or icon-only over the statement's end where there is no gutter at all.

use super::dom::{add, as_html, el, kind_icon, set_style, shadow};
use super::model::Model;
use super::position::Rect;
use super::strings::Strings;
use super::Inner;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

pub fn create(doc: &Document, model: &Model, parts: &[Vec<Element>], s: &Strings) -> Vec<Option<Element>> {
    (0..model.statements.len()).map(|k| create_one(doc, model, parts, s, k)).collect()
}

/// The badge of statement `k` (None when the statement has no wrapper).
pub fn create_one(doc: &Document, model: &Model, parts: &[Vec<Element>], s: &Strings, k: usize) -> Option<Element> {
    let st = model.statements.get(k)?;
    let last = parts.get(k)?.last()?;
    let kind = s.kind_name(st.kind);
    let label = s.fill(s.badge_label, &[("label", st.label.clone()), ("kind", kind.to_string())]);
    let label = if st.label == kind { kind.to_string() } else { label };
    let b = el(
        doc,
        "gloss-badge",
        &[
            ("data-gloss-statement", &k.to_string()),
            ("data-gloss-kind", st.kind.as_str()),
            ("data-gloss-source", &st.name),
            ("role", "button"),
            ("tabindex", "0"),
            ("aria-haspopup", "dialog"),
            ("aria-expanded", "false"),
            ("aria-label", &label),
            ("lang", s.lang),
        ],
        "",
    );
    // Set before it is in the document (CSSOM, allowed under a strict CSP), whatever the page's
    // styles say about unknown elements.
    set_style(&b, "display", "inline");
    set_style(&b, "position", "relative");
    set_style(&b, "margin", "0");
    set_style(&b, "padding", "0");
    // The focus ring is drawn on the face (ui.css), not around the empty host.
    set_style(&b, "outline", "none");
    // Unseen until `layout` has placed it: when the UI is installed in steps, frames are painted
    // before the first placement, and a badge seen at its static position and then moved would
    // count as a layout shift.
    set_style(&b, "visibility", "hidden");
    let root = shadow(doc, &b)?;
    let inner = el(doc, "span", &[("class", "badge"), ("part", "badge"), ("data-kind", st.kind.as_str())], "");
    add(&inner, kind_icon(doc, st.kind));
    add(&inner, el(doc, "span", &[("class", "label")], &st.label));
    let _ = root.append_child(&inner);
    let parent = last.parent_node()?;
    parent.insert_before(&b, last.next_sibling().as_ref()).ok()?;
    Some(b)
}

/// Badges placed per frame. Placing one moves it and makes it visible, which costs the browser
/// a style recalculation of the badge and its shadow tree; a 20,000-word article has hundreds
/// of badges, and placing them all in one task held the page for well over 50 ms.
const PER_FRAME: usize = 60;

/// A placement pass in progress: the next badge, the bottom of the gutter column so far (badges
/// there never overlap; relative to the article's top, so a scroll between batches does not
/// move it), and the animation frame that places the next batch.
#[derive(Default)]
pub struct Placing {
    next: usize,
    column_bottom: f64,
    pub frame: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
    pub frame_id: Option<i32>,
}

impl Placing {
    /// From the first badge again.
    fn restart(&mut self) {
        self.next = 0;
        self.column_bottom = f64::NEG_INFINITY;
    }
}

/// Places every badge (on install and when the viewport changes size): the first batch now,
/// the rest a batch per animation frame, top of the article first. A new call restarts the pass.
pub fn layout(i: &Inner) {
    i.placing.borrow_mut().restart();
    place_some(i);
}

/// [`layout`] of every badge now (an annotation asked for all at once, or no ResizeObserver).
pub fn layout_all(i: &Inner) {
    layout(i);
    loop {
        let before = i.placing.borrow().next;
        if before >= i.badges.len() {
            break;
        }
        place_some(i);
        if i.placing.borrow().next == before {
            break; // nothing placed (no document element, or stopped)
        }
    }
}

/// The horizontal range (viewport x) in which a face can be seen: the viewport, narrowed by
/// each ancestor of the article (the article included) that clips its overflow. A face's
/// containing block is its host, inside the article, so such an ancestor clips it; a gutter
/// outside the range is no gutter.
fn visible_range(i: &Inner, vw: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0, vw);
    let body = i.doc.body().map(|b| -> Element { b.into() });
    let mut at = Some(i.root.clone());
    while let Some(e) = at {
        if body.as_ref().is_some_and(|b| *b == e) || e.parent_element().is_none() {
            break; // <body> and <html> overflow belongs to the viewport
        }
        let clips = i.win.get_computed_style(&e).ok().flatten().is_some_and(|cs| {
            let v = cs.get_property_value("overflow-x").unwrap_or_default();
            !v.is_empty() && v != "visible"
        });
        if clips {
            let r = Rect::from_dom(&e.get_bounding_client_rect());
            lo = f64::max(lo, r.left);
            hi = f64::min(hi, r.right());
        }
        at = e.parent_element();
    }
    (lo, hi.max(lo))
}

/// [`layout`], starting at the next animation frame.
pub fn layout_next_frame(i: &Inner) {
    let mut p = i.placing.borrow_mut();
    p.restart();
    request_frame(i, &mut p);
}

fn request_frame(i: &Inner, p: &mut Placing) {
    if p.frame_id.is_none() {
        if let Some(f) = p.frame.as_ref() {
            p.frame_id = i.win.request_animation_frame(f.as_ref().unchecked_ref()).ok();
        }
    }
}

/// The visible part of a badge: the `.badge` box in its shadow root.
pub fn face(b: &Element) -> Option<Element> {
    b.shadow_root()?.query_selector(".badge").ok()?
}

/// Stops a pass in progress (the UI is being removed).
pub fn stop(i: &Inner) {
    let mut p = i.placing.borrow_mut();
    if let Some(id) = p.frame_id.take() {
        let _ = i.win.cancel_animation_frame(id);
    }
    p.frame = None;
    p.next = usize::MAX;
}

/// Places the next batch of badges and asks for a frame for the one after. Reads all geometry
/// of the batch first, then writes, so the page lays out at most once per batch.
pub fn place_some(i: &Inner) {
    let (from, mut column_bottom) = {
        let p = i.placing.borrow();
        (p.next, p.column_bottom)
    };
    if from >= i.badges.len() {
        return;
    }
    let to = (from + PER_FRAME).min(i.badges.len());
    let batch = &i.badges[from..to];
    let Some(de) = i.doc.document_element() else { return };
    // Back to the static position, writing only what is set: on the first placement nothing is,
    // so the reads below find the page's layout clean instead of forcing a new one.
    let faces: Vec<Option<Element>> = batch.iter().map(|b| b.as_ref().and_then(face)).collect();
    for (b, f) in batch.iter().zip(&faces) {
        let (Some(b), Some(f)) = (b, f) else { continue };
        let placed = as_html(f).is_some_and(|h| !h.style().get_property_value("transform").unwrap_or_default().is_empty());
        if placed {
            set_style(f, "transform", "none");
        }
        if b.has_attribute("data-gloss-compact") {
            let _ = b.remove_attribute("data-gloss-compact");
        }
    }
    // Reads.
    let vw = de.client_width() as f64;
    let root = Rect::from_dom(&i.root.get_bounding_client_rect());
    column_bottom += root.top;
    let mut plan: Vec<(&Element, &Element, Rect, Rect, Rect)> = Vec::new();
    for (k, (b, f)) in batch.iter().zip(&faces).enumerate() {
        let (Some(b), Some(f)) = (b, f) else { continue };
        let parts = &i.parts[from + k];
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else { continue };
        let fr = first.get_client_rects();
        let lr = last.get_client_rects();
        let first_line = fr.get(0).map(|r| Rect::from_dom(&r)).unwrap_or_else(|| Rect::from_dom(&first.get_bounding_client_rect()));
        let last_line = lr.get(lr.length().saturating_sub(1)).map(|r| Rect::from_dom(&r)).unwrap_or(first_line);
        plan.push((b, f, Rect::from_dom(&f.get_bounding_client_rect()), first_line, last_line));
    }
    let (lo, hi) = visible_range(i, vw);
    let start_gutter = if i.rtl { hi - root.right() } else { root.left - lo };
    let end_gutter = if i.rtl { root.left - lo } else { hi - root.right() };
    const COMPACT: f64 = 16.0;
    // Writes.
    for (b, f, rect, first, last) in plan {
        let (w, h) = if start_gutter >= rect.width + 12.0 {
            (rect.width, rect.height)
        } else {
            let _ = b.set_attribute("data-gloss-compact", "");
            (COMPACT, COMPACT)
        };
        let (x, mut y) = if start_gutter >= rect.width + 12.0 {
            let x = if i.rtl { root.right() + 8.0 } else { root.left - 8.0 - w };
            (x, first.top + (first.height - h) / 2.0)
        } else if end_gutter >= COMPACT {
            let gap = ((end_gutter - COMPACT) / 2.0).min(4.0);
            let x = if i.rtl { root.left - gap - w } else { root.right() + gap };
            (x, first.top + (first.height - h) / 2.0)
        } else {
            // No gutter: over the statement's end, raised like a footnote mark.
            let x = if i.rtl { last.left - w } else { last.right() };
            (x, last.top - h * 0.35)
        };
        // Badges in a gutter column never overlap: push down below the previous one.
        if y < column_bottom + 2.0 && x != last.right() {
            y = column_bottom + 2.0;
        }
        column_bottom = y + h;
        // Translate from the face's unplaced left edge: it is anchored there (ui.css), so a
        // narrower compact face keeps it, on right-to-left pages too.
        let dx = x - rect.left;
        let dy = y - rect.top;
        set_style(f, "transform", &format!("translate({}, {})", super::fixed(dx, 10, "px"), super::fixed(dy, 10, "px")));
        if let Some(h) = as_html(b) {
            let _ = h.style().remove_property("visibility");
        }
    }
    let mut p = i.placing.borrow_mut();
    if p.next != from {
        return; // stopped meanwhile
    }
    p.next = to;
    p.column_bottom = column_bottom - root.top;
    if to < i.badges.len() {
        request_frame(i, &mut p);
    }
}
