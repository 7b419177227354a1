//! One `gloss-badge` per marked statement, inserted right after the statement's last wrapper so
//! it comes after the statement in reading and tab order. It is `position: absolute` before it
//! is inserted (out of flow: no text moves), its label lives in its shadow root (the article's
//! textContent is unchanged), and [`layout`] moves it with a transform: into the gutter beside
//! the statement's first line on wide screens, icon-only into the far gutter on narrow ones, or
//! icon-only over the statement's end where there is no gutter at all.

use super::dom::{add, el, kind_icon, set_style, shadow};
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
    // Out of flow before it is in the document (CSSOM, allowed under a strict CSP).
    set_style(&b, "position", "absolute");
    set_style(&b, "margin", "0");
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

/// Places every badge (on install and when the viewport changes size). Reads all geometry
/// first, then writes, so the page lays out once.
pub fn layout(i: &Inner) {
    let Some(de) = i.doc.document_element() else { return };
    let vw = de.client_width() as f64;
    let root = Rect::from_dom(&i.root.get_bounding_client_rect());
    // Back to the static position, writing only what is set: on the first placement nothing is,
    // so the reads below find the page's layout clean instead of forcing a new one.
    for b in i.badges.iter().flatten() {
        let placed = b.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| !h.style().get_property_value("transform").unwrap_or_default().is_empty());
        if placed {
            set_style(b, "transform", "none");
        }
        if b.has_attribute("data-gloss-compact") {
            let _ = b.remove_attribute("data-gloss-compact");
        }
    }
    // Reads.
    let mut plan: Vec<(&Element, Rect, Rect, Rect)> = Vec::new();
    for (k, b) in i.badges.iter().enumerate() {
        let Some(b) = b else { continue };
        let parts = &i.parts[k];
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else { continue };
        let fr = first.get_client_rects();
        let lr = last.get_client_rects();
        let first_line = fr.get(0).map(|r| Rect::from_dom(&r)).unwrap_or_else(|| Rect::from_dom(&first.get_bounding_client_rect()));
        let last_line = lr.get(lr.length().saturating_sub(1)).map(|r| Rect::from_dom(&r)).unwrap_or(first_line);
        plan.push((b, Rect::from_dom(&b.get_bounding_client_rect()), first_line, last_line));
    }
    let start_gutter = if i.rtl { vw - root.right() } else { root.left };
    let end_gutter = if i.rtl { root.left } else { vw - root.right() };
    const COMPACT: f64 = 16.0;
    let mut column_bottom = f64::NEG_INFINITY;
    // Writes.
    for (b, rect, first, last) in plan {
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
        // Translate from the static position's inline start (which a narrower box keeps).
        let dx = if i.rtl { (x + w) - rect.right() } else { x - rect.left };
        let dy = y - rect.top;
        set_style(b, "transform", &format!("translate({}, {})", super::fixed(dx, 10, "px"), super::fixed(dy, 10, "px")));
        if let Some(h) = b.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.style().remove_property("visibility");
        }
    }
}
