//! One delegated listener set per annotated element (Page Previews' shape), for mouse, touch and
//! keyboard alike, meeting WCAG 2.2 1.4.13 (hoverable, dismissible, persistent):
//!
//! - Mouse: a card opens after [`INTENT_MS`] of hover on a mention or badge and stays while the
//!   pointer is on the trigger or the card; it closes [`GRACE_MS`] after both are left. A click
//!   opens at once and pins the card (pointer movement no longer closes it).
//! - Touch: no hover at all (no sticky hover); a tap opens, a tap on the trigger again, outside,
//!   or on the close button closes.
//! - Keyboard: the first mention of each entity and every badge is a tab stop; arrow keys move
//!   through all mentions (mirrored right to left); Enter or Space opens; Tab from the trigger
//!   moves into the card, Shift+Tab from its first control goes back, Tab past its last control
//!   closes it and continues after the trigger; Escape closes and returns focus.
//! - Moving focus anywhere else closes the card; scrolling and resizing keep it by its trigger.

use super::{anchor_of, cards, close, flash, jump_to_statement, open, place_card, reveal, target_of, tint, Inner, Target};
use super::{GRACE_MS, INTENT_MS};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, KeyboardEvent, MouseEvent, PointerEvent};

const TRIGGERS: &str = "gloss-mention[data-gloss-m], gloss-badge";

fn trigger_in(target: Option<EventTarget>) -> Option<Element> {
    super::dom::closest(target, TRIGGERS)
}

/// Is this element (after retargeting) the card layer or inside the open card?
fn in_card(i: &Inner, e: &Event) -> bool {
    let path = e.composed_path();
    path.includes(&i.layer, 0) || path.includes(&i.card, 0)
}

fn on(i: &Rc<Inner>, target: &EventTarget, ty: &'static str, capture: bool, f: fn(&Rc<Inner>, &Event)) {
    let w: Weak<Inner> = Rc::downgrade(i);
    let opts = if capture { EventListenerOptions::run_in_capture_phase() } else { EventListenerOptions::enable_prevent_default() };
    let l = EventListener::new_with_options(target, ty, opts, move |e| {
        if let Some(i) = w.upgrade() {
            f(&i, e);
        }
    });
    i.listeners.borrow_mut().push(l);
}

pub fn listen(i: &Rc<Inner>) {
    let root: &EventTarget = i.root.as_ref();
    let card: &EventTarget = i.card.as_ref();
    let doc: &EventTarget = i.doc.as_ref();
    let win: &EventTarget = i.win.as_ref();
    on(i, root, "pointerover", false, pointer_over);
    on(i, root, "pointerout", false, pointer_out);
    on(i, root, "click", false, click);
    on(i, root, "keydown", false, key_on_trigger);
    // A focused badge tints its statement, as a hovered one does.
    on(i, root, "focusin", false, |i, e| {
        if let Some(Target::Badge(k)) = trigger_in(e.target()).and_then(|t| target_of(&t)) {
            tint(i, k, true);
        }
    });
    on(i, root, "focusout", false, |i, e| {
        if let Some(Target::Badge(k)) = trigger_in(e.target()).and_then(|t| target_of(&t)) {
            let open_here = i.st.borrow().open.as_ref().is_some_and(|o| o.target == Target::Badge(k));
            if !open_here {
                tint(i, k, false);
            }
        }
    });
    on(i, card, "pointerenter", false, |i, _| {
        let mut st = i.st.borrow_mut();
        st.over_card = true;
        st.grace = None;
    });
    on(i, card, "pointerleave", false, |i, e| {
        if e.dyn_ref::<PointerEvent>().is_some_and(|p| p.pointer_type() == "touch") {
            return;
        }
        i.st.borrow_mut().over_card = false;
        start_grace(i);
    });
    on(i, card, "click", false, card_click);
    on(i, card, "keydown", false, key_in_card);
    on(i, doc, "keydown", false, |i, e| {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
        if k.key() == "Escape" && i.st.borrow().open.is_some() {
            let focus_inside = focus_is_inside(i);
            close(i, "escape", focus_inside);
        }
    });
    on(i, doc, "pointerdown", true, |i, e| {
        let touch = e.dyn_ref::<PointerEvent>().is_some_and(|p| p.pointer_type() == "touch");
        i.st.borrow_mut().last_touch = touch;
        let anchor = i.st.borrow().open.as_ref().map(|o| o.anchor.clone());
        let Some(anchor) = anchor else { return };
        if in_card(i, e) || trigger_in(e.target()).is_some_and(|t| t == anchor) {
            return;
        }
        close(i, "outside", false);
    });
    on(i, doc, "focusin", true, |i, e| {
        let anchor = i.st.borrow().open.as_ref().map(|o| o.anchor.clone());
        let Some(anchor) = anchor else { return };
        if in_card(i, e) || trigger_in(e.target()).is_some_and(|t| t == anchor) {
            return;
        }
        close(i, "blur", false);
    });
    on(i, doc, "scroll", true, |i, _| place_card(i));
    on(i, win, "resize", false, |i, _| {
        super::badges::layout(i);
        place_card(i);
    });
    if let Some(sr) = i.panel.as_ref().and_then(|p| p.shadow_root()) {
        let t: &EventTarget = sr.as_ref();
        on(i, t, "click", false, panel_click);
    }
}

fn focus_is_inside(i: &Inner) -> bool {
    let Some(active) = i.doc.active_element() else { return false };
    let anchor = i.st.borrow().open.as_ref().map(|o| o.anchor.clone());
    active == i.layer || anchor.is_some_and(|a| a == active)
}

fn start_grace(i: &Rc<Inner>) {
    let w = Rc::downgrade(i);
    let mut st = i.st.borrow_mut();
    let Some(o) = &st.open else { return };
    if o.pinned || st.over_anchor || st.over_card {
        return;
    }
    st.grace = Some(Timeout::new(GRACE_MS, move || {
        let Some(i) = w.upgrade() else { return };
        let keep = {
            let st = i.st.borrow();
            st.over_anchor || st.over_card || st.open.as_ref().map_or(true, |o| o.pinned)
        };
        if !keep && !focus_is_inside(&i) {
            close(&i, "grace", false);
        }
    }));
}

fn is_touch(e: &Event) -> bool {
    e.dyn_ref::<PointerEvent>().is_some_and(|p| p.pointer_type() == "touch")
}

fn pointer_over(i: &Rc<Inner>, e: &Event) {
    if is_touch(e) {
        return;
    }
    let Some(t) = trigger_in(e.target()) else { return };
    let Some(target) = target_of(&t) else { return };
    if let Target::Badge(k) = target {
        tint(i, k, true);
    }
    let mut st = i.st.borrow_mut();
    if st.open.as_ref().is_some_and(|o| o.anchor == t) {
        st.over_anchor = true;
        st.grace = None;
        return;
    }
    if st.intent.as_ref().is_some_and(|(a, _)| *a == t) {
        return;
    }
    let w = Rc::downgrade(i);
    st.intent = Some((
        t,
        Timeout::new(INTENT_MS, move || {
            if let Some(i) = w.upgrade() {
                i.st.borrow_mut().intent = None;
                open(&i, target, "hover");
            }
        }),
    ));
}

fn pointer_out(i: &Rc<Inner>, e: &Event) {
    if is_touch(e) {
        return;
    }
    let Some(t) = trigger_in(e.target()) else { return };
    let related = e.dyn_ref::<MouseEvent>().and_then(|m| m.related_target());
    if trigger_in(related).is_some_and(|r| r == t) {
        return; // moving between the trigger's own children
    }
    let open_here = {
        let mut st = i.st.borrow_mut();
        if st.intent.as_ref().is_some_and(|(a, _)| *a == t) {
            st.intent = None;
        }
        let here = st.open.as_ref().is_some_and(|o| o.anchor == t);
        if here {
            st.over_anchor = false;
        }
        here
    };
    if let Some(Target::Badge(k)) = target_of(&t) {
        if !open_here {
            tint(i, k, false);
        }
    }
    if open_here {
        start_grace(i);
    }
}

fn click(i: &Rc<Inner>, e: &Event) {
    let Some(t) = trigger_in(e.target()) else { return };
    let Some(target) = target_of(&t) else { return };
    let (same, pinned) = match &i.st.borrow().open {
        Some(o) if o.target == target => (true, o.pinned),
        _ => (false, false),
    };
    if same && pinned {
        close(i, "toggle", false);
        return;
    }
    let touch = i.st.borrow().last_touch;
    open(i, target, if touch { "touch" } else { "click" });
}

/// Next or previous mention in text order (wrapping), for the arrow keys.
fn step_mention(i: &Inner, from: usize, forward: bool) -> Option<Element> {
    let n = i.mentions.len();
    (1..=n)
        .map(|d| if forward { (from + d) % n } else { (from + n - d) % n })
        .find_map(|m| i.mentions[m].clone())
}

fn key_on_trigger(i: &Rc<Inner>, e: &Event) {
    let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
    let Some(t) = trigger_in(e.target()) else { return };
    // Only the trigger itself, not keys from inside a badge's shadow root.
    let Some(target) = target_of(&t) else { return };
    let key = k.key();
    match key.as_str() {
        "Enter" | " " => {
            e.prevent_default();
            let same = i.st.borrow().open.as_ref().is_some_and(|o| o.target == target && o.pinned);
            if same {
                close(i, "toggle", false);
            } else {
                open(i, target, "keyboard");
            }
        }
        "Tab" if !k.shift_key() => {
            let open_here = i.st.borrow().open.as_ref().is_some_and(|o| o.anchor == t);
            if open_here {
                if let Some(first) = focusables(i).first() {
                    e.prevent_default();
                    super::dom::focus(first);
                }
            }
        }
        "ArrowRight" | "ArrowLeft" | "ArrowDown" | "ArrowUp" => {
            let Target::Mention(m) = target else { return };
            if k.alt_key() || k.ctrl_key() || k.meta_key() || k.shift_key() {
                return;
            }
            let forward = match key.as_str() {
                "ArrowDown" => true,
                "ArrowUp" => false,
                "ArrowRight" => !i.rtl,
                _ => i.rtl,
            };
            if let Some(next) = step_mention(i, m, forward) {
                e.prevent_default();
                super::dom::focus(&next);
            }
        }
        _ => {}
    }
}

fn focusables(i: &Inner) -> Vec<Element> {
    let mut out = Vec::new();
    if let Ok(list) = i.card.query_selector_all("button, a[href]") {
        for n in 0..list.length() {
            if let Some(e) = list.item(n).and_then(|x| x.dyn_into::<Element>().ok()) {
                out.push(e);
            }
        }
    }
    out
}

fn key_in_card(i: &Rc<Inner>, e: &Event) {
    let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
    if k.key() != "Tab" {
        return;
    }
    let f = focusables(i);
    let active = i.layer.shadow_root().and_then(|sr| sr.active_element());
    let anchor = i.st.borrow().open.as_ref().map(|o| o.anchor.clone());
    let Some(anchor) = anchor else { return };
    if k.shift_key() && active.is_some() && active == f.first().cloned() {
        e.prevent_default();
        super::dom::focus(&anchor);
    } else if !k.shift_key() && active.is_some() && active == f.last().cloned() {
        // Leave the card: focus goes back to the trigger and the browser's Tab continues from
        // there, to whatever follows the trigger in the page.
        close(i, "tab", true);
    }
}

fn card_click(i: &Rc<Inner>, e: &Event) {
    let Some(t) = super::dom::closest(e.target(), "[data-action], a[data-statement]") else { return };
    if let Some(k) = t.get_attribute("data-statement").and_then(|v| v.parse::<usize>().ok()) {
        e.prevent_default();
        jump_to_statement(i, k);
        return;
    }
    match t.get_attribute("data-action").as_deref() {
        Some("close") => close(i, "button", true),
        Some(a @ ("prev" | "next")) => {
            let Some(Target::Mention(m)) = i.st.borrow().open.as_ref().map(|o| o.target) else { return };
            let ms = &i.model.entities[i.model.mention_entity[m]].mentions;
            let pos = ms.iter().position(|&x| x == m).unwrap_or(0);
            let n = ms.len();
            let next = if a == "next" { ms[(pos + 1) % n] } else { ms[(pos + n - 1) % n] };
            let Some(new_anchor) = anchor_of(i, Target::Mention(next)) else { return };
            {
                let mut st = i.st.borrow_mut();
                if let Some(o) = st.open.as_mut() {
                    let _ = o.anchor.set_attribute("aria-expanded", "false");
                    o.anchor = new_anchor.clone();
                    o.target = Target::Mention(next);
                    o.pinned = true;
                }
            }
            let _ = new_anchor.set_attribute("aria-expanded", "true");
            cards::set_position(i, next);
            reveal(i, &new_anchor);
            flash(std::slice::from_ref(&new_anchor));
            place_card(i);
        }
        _ => {}
    }
}

fn panel_click(i: &Rc<Inner>, e: &Event) {
    let Some(t) = super::dom::closest(e.target(), "[data-action], a[data-statement]") else { return };
    if let Some(k) = t.get_attribute("data-statement").and_then(|v| v.parse::<usize>().ok()) {
        e.prevent_default();
        jump_to_statement(i, k);
    } else if t.get_attribute("data-action").as_deref() == Some("disable") {
        // The loader listens for this, records the opt-out and destroys every annotation.
        super::dispatch(i, "gloss:disable", &wasm_bindgen::JsValue::NULL);
    } else if let Some(p) = &i.panel {
        super::panel::toggle(p);
    }
}
