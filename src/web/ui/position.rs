//! Where a card goes: below its anchor, or above when there is more room there (flip); shifted
//! sideways to stay in the viewport (shift); never over the anchor (the card's height is capped
//! by the room on the chosen side and scrolls inside). Aligned to the anchor's inline start,
//! which is its right edge on right-to-left pages. Pure arithmetic in viewport pixels.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.left + self.width
    }
    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }
    pub fn from_dom(r: &web_sys::DomRect) -> Rect {
        Rect { left: r.left(), top: r.top(), width: r.width(), height: r.height() }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    /// The card's maximum height (it scrolls inside beyond that).
    pub max_height: f64,
    pub above: bool,
}

/// Gap between anchor and card, and margin kept from the viewport's edges.
pub const GAP: f64 = 6.0;
pub const MARGIN: f64 = 8.0;

/// Places a card of `size` (width, natural height) next to `anchor` in a viewport of `vw`×`vh`.
pub fn place(anchor: Rect, size: (f64, f64), vw: f64, vh: f64, rtl: bool) -> Placement {
    let (w, h) = size;
    let w = w.min(vw - 2.0 * MARGIN).max(0.0);
    let below = vh - anchor.bottom() - GAP - MARGIN;
    let above_room = anchor.top - GAP - MARGIN;
    let above = h > below && above_room > below;
    let room = if above { above_room } else { below }.max(0.0);
    let height = h.min(room);
    let top = if above { anchor.top - GAP - height } else { anchor.bottom() + GAP };
    let mut left = if rtl { anchor.right() - w } else { anchor.left };
    left = left.min(vw - MARGIN - w).max(MARGIN);
    Placement { left, top, max_height: room, above }
}
