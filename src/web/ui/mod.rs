//! The reader's UI over an annotated element: entity cards, source badges, the sourcing panel.
//!
//! - [`model`]: what to show, computed once from the core's Analysis.
//! - [`strings`]: every visible string, English and Persian.
//! - [`cards`]: the card (one `role="dialog"`, non-modal, in an open shadow root on `<body>`).
//! - [`badges`]: one `gloss-badge` per statement (an empty inline whose face is placed in the
//!   gutter or at the end), placed a batch per frame.
//! - [`panel`]: the collapsible sourcing summary after the article (or in `[data-gloss-panel]`).
//! - [`interaction`]: one delegated listener set: hover intent and grace, keyboard, touch.
//! - [`position`]: flip/shift arithmetic for cards.
//! - [`knowledge`]: the card's knowledge slot, fetched when a card opens.
//!
//! State lives in one [`Inner`] behind an `Rc`; listeners hold `Weak` references, so dropping
//! the [`Ui`] (on destroy) drops every listener and timer. Nothing here writes light-DOM text:
//! the article's `textContent` is the same with the UI installed.

pub mod badges;
pub mod cards;
pub mod dom;
pub mod interaction;
pub mod knowledge;
pub mod model;
pub mod panel;
pub mod position;
pub mod strings;

use crate::analysis::Analysis;
use dom::{el, obj, set_style};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use model::Model;
use std::cell::RefCell;
use std::rc::Rc;
use strings::Strings;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Window};

/// Hover intent before a card opens, and grace before it closes (milliseconds).
pub const INTENT_MS: u32 = 400;
pub const GRACE_MS: u32 = 300;
pub const FLASH_MS: u32 = 1600;

/// What a card is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A mention (index into the analysis' mentions).
    Mention(usize),
    /// A statement's badge (index into the analysis' attributions).
    Badge(usize),
}

pub struct Open {
    pub target: Target,
    pub anchor: Element,
    pub trigger: &'static str,
    /// Opened by click, tap or keyboard: pointer movement does not close it.
    pub pinned: bool,
}

#[derive(Default)]
pub struct St {
    pub open: Option<Open>,
    pub intent: Option<(Element, Timeout)>,
    pub grace: Option<Timeout>,
    pub over_card: bool,
    pub over_anchor: bool,
    pub last_touch: bool,
}

pub struct Inner {
    pub root: Element,
    pub doc: Document,
    pub win: Window,
    pub model: Model,
    pub s: &'static Strings,
    pub rtl: bool,
    /// First wrapper of each mention (by mention index).
    pub mentions: Vec<Option<Element>>,
    /// Wrappers of each statement (by attribution index).
    pub parts: Vec<Vec<Element>>,
    pub badges: Vec<Option<Element>>,
    /// `gloss-layer`: the host on `<body>` whose shadow root holds the card.
    pub layer: Element,
    pub card: Element,
    pub panel: Option<Element>,
    pub st: RefCell<St>,
    pub listeners: RefCell<Vec<EventListener>>,
    /// Knowledge bases and provider (set by [`Ui::configure_knowledge`]), and the open request.
    pub kn: RefCell<knowledge::State>,
    /// Re-places badges when the article's box changes size (late fonts, images, reflow).
    pub resize: RefCell<Option<(web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut()>)>>,
    /// The page's "report a problem" URL template (option `reportUrl`), if any.
    pub report_url: RefCell<Option<String>>,
    /// The badge placement in progress (see [`badges::layout`]).
    pub placing: RefCell<badges::Placing>,
}

/// The installed UI of one annotated element. [`Ui::destroy`] removes all of it.
#[derive(Clone)]
pub struct Ui {
    inner: Rc<Inner>,
}

fn lang_of(root: &Element, doc: &Document) -> String {
    root.closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .or_else(|| doc.document_element().and_then(|e| e.get_attribute("lang")))
        .unwrap_or_default()
}

impl Ui {
    /// Installs the UI over `root`, whose statements and mentions are already wrapped; `text`
    /// is the extracted text the analysis' spans point into.
    pub fn install(root: &Element, text: &str, analysis: &Analysis) -> Option<Ui> {
        let env = Env::read(root)?;
        let mut installer = Installer::new(root, env, text, analysis, true);
        installer.step(f64::INFINITY);
        installer.finish()
    }
}

/// What the UI needs to know about the page before it is changed: reading the computed
/// direction on a page full of new wrappers would force a style recalculation of all of it.
pub struct Env {
    win: Window,
    doc: Document,
    s: &'static Strings,
    rtl: bool,
}

impl Env {
    pub fn read(root: &Element) -> Option<Env> {
        let win = web_sys::window()?;
        let doc = root.owner_document()?;
        let s = Strings::for_lang(&lang_of(root, &doc));
        let rtl = win
            .get_computed_style(root)
            .ok()
            .flatten()
            .and_then(|cs| cs.get_property_value("direction").ok())
            .is_some_and(|d| d == "rtl");
        Some(Env { win, doc, s, rtl })
    }
}

/// [`Ui::install`] in steps (mention attributes by entity, badges by statement), so a caller
/// can yield to the page in between; [`Installer::finish`] adds the panel and the listeners.
pub struct Installer {
    root: Element,
    env: Env,
    model: Model,
    layout_now: bool,
    mentions: Vec<Option<Element>>,
    parts: Vec<Vec<Element>>,
    badges: Vec<Option<Element>>,
    layer: Option<(Element, Element)>,
    panel: Option<Element>,
    phase: u8,
    next: usize,
    failed: bool,
}


impl Installer {
    /// With `layout_now` false, badges are first placed by the ResizeObserver's initial callback
    /// (after the browser's own layout: no forced synchronous layout of the page), or at once
    /// where there is no ResizeObserver.
    pub fn new(root: &Element, env: Env, text: &str, analysis: &Analysis, layout_now: bool) -> Installer {
        let model = Model::new(text, analysis, &env.s.kind_labels);
        Installer {
            root: root.clone(),
            env,
            model,
            layout_now,
            mentions: vec![None; analysis.mentions.len()],
            parts: vec![Vec::new(); analysis.attributions.len()],
            badges: Vec::new(),
            layer: None,
            panel: None,
            phase: 0,
            next: 0,
            failed: false,
        }
    }

    /// Works until `deadline` (a `Date.now()` time; infinite: to the end); true when done.
    pub fn step(&mut self, deadline: f64) -> bool {
        while !self.failed && self.phase < 5 {
            match self.phase {
                0 => {
                    // Mentions: the first wrapper of each is its focus target.
                    let Ok(list) = self.root.query_selector_all("gloss-mention[data-gloss-m]") else {
                        self.failed = true;
                        break;
                    };
                    for i in 0..list.length() {
                        let Some(e) = list.item(i).and_then(|n| dom::as_element(&n)) else { continue };
                        let Some(m) = e.get_attribute("data-gloss-m").and_then(|v| v.parse::<usize>().ok()) else { continue };
                        let valid = self.model.mention_entity.get(m).is_some_and(|&e| e < self.model.entities.len());
                        if valid && self.mentions[m].is_none() {
                            self.mentions[m] = Some(e);
                        }
                    }
                    self.phase = 1;
                }
                1 => {
                    // The first mention of each entity is a tab stop, the rest are reached with
                    // the arrow keys.
                    while self.next < self.model.entities.len() {
                        if self.next % 4 == 3 && crate::web::apply::past(deadline) {
                            return false;
                        }
                        let ei = self.next;
                        self.next += 1;
                        let mut first = true;
                        for &m in &self.model.entities[ei].mentions {
                            if let Some(e) = &self.mentions[m] {
                                let _ = e.set_attribute("role", "button");
                                let _ = e.set_attribute("tabindex", if first { "0" } else { "-1" });
                                let _ = e.set_attribute("aria-haspopup", "dialog");
                                let _ = e.set_attribute("aria-expanded", "false");
                                let _ = e.set_attribute("data-gloss-e", &ei.to_string());
                                first = false;
                            }
                        }
                    }
                    self.next = 0;
                    self.phase = 2;
                }
                2 => {
                    let Ok(list) = self.root.query_selector_all("gloss-statement[data-gloss-statement]") else {
                        self.failed = true;
                        break;
                    };
                    for i in 0..list.length() {
                        let Some(e) = list.item(i).and_then(|n| dom::as_element(&n)) else { continue };
                        if let Some(k) = e.get_attribute("data-gloss-statement").and_then(|v| v.parse::<usize>().ok()) {
                            if k < self.parts.len() {
                                self.parts[k].push(e);
                            }
                        }
                    }
                    let doc = &self.env.doc;
                    let layer = el(doc, "gloss-layer", &[], "");
                    for (k, v) in [("position", "fixed"), ("top", "0"), ("left", "0"), ("width", "0"), ("height", "0"),
                        ("z-index", "var(--gloss-z, 2147483000)"), ("display", "block")]
                    {
                        set_style(&layer, k, v);
                    }
                    let (Some(shadow), Some(body)) = (dom::shadow(doc, &layer), doc.body()) else {
                        self.failed = true;
                        break;
                    };
                    let card = cards::card_shell(doc, self.env.s, self.env.rtl);
                    let _ = shadow.append_child(&card);
                    let _ = body.append_child(&layer);
                    self.layer = Some((layer, card));
                    self.phase = 3;
                }
                4 => {
                    self.panel = panel::create(&self.env.doc, &self.root, &self.model, self.env.s, self.env.rtl);
                    self.phase = 5;
                }
                _ => {
                    // Badges, one statement at a time.
                    while self.badges.len() < self.model.statements.len() {
                        if !self.badges.is_empty() && crate::web::apply::past(deadline) {
                            return false;
                        }
                        let k = self.badges.len();
                        self.badges.push(badges::create_one(&self.env.doc, &self.model, &self.parts, self.env.s, k));
                    }
                    self.phase = 4;
                    if deadline.is_finite() {
                        return false; // the panel in a step of its own
                    }
                }
            }
        }
        true
    }

    /// Adds the panel, places the badges and starts listening: the installed UI.
    pub fn finish(self) -> Option<Ui> {
        if self.failed || self.phase < 5 {
            // Whatever was added is removed again by destroy-like cleanup.
            self.abort();
            return None;
        }
        let Installer { root, env, model, layout_now, mentions, parts, badges, layer, panel, .. } = self;
        let Env { win, doc, s, rtl } = env;
        let (layer, card) = layer?;
        let inner = Rc::new(Inner {
            root: root.clone(),
            doc: doc.clone(),
            win,
            model,
            s,
            rtl,
            mentions,
            parts,
            badges,
            layer,
            card,
            panel,
            st: RefCell::new(St::default()),
            listeners: RefCell::new(Vec::new()),
            kn: RefCell::new(knowledge::State::default()),
            resize: RefCell::new(None),
            report_url: RefCell::new(None),
            placing: RefCell::new(badges::Placing::default()),
        });
        // Placements go on frame by frame (see `badges::layout`).
        let weak = Rc::downgrade(&inner);
        let frame = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(i) = weak.upgrade() {
                i.placing.borrow_mut().frame_id = None;
                badges::place_some(&i);
            }
        });
        inner.placing.borrow_mut().frame = Some(frame);
        if layout_now {
            badges::layout_all(&inner);
        }
        // Where ResizeObserver exists: re-place badges when the article reflows (its first
        // callback is the first placement). At the next frame, not in this callback: it runs
        // after the frame's layout, and placing here would make the browser lay out twice in one
        // frame.
        let weak = Rc::downgrade(&inner);
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(i) = weak.upgrade() {
                badges::layout_next_frame(&i);
                place_card(&i);
            }
        });
        if let Ok(ro) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            ro.observe(&root);
            *inner.resize.borrow_mut() = Some((ro, cb));
        } else if !layout_now {
            badges::layout_all(&inner);
        }
        interaction::listen(&inner);
        Some(Ui { inner })
    }

    /// Removes what an unfinished install added (badges, the card layer); the mention
    /// attributes go with the wrappers, which the undo logs remove.
    pub fn abort(self) {
        for b in self.badges.iter().flatten() {
            b.remove();
        }
        if let Some((layer, _)) = &self.layer {
            layer.remove();
        }
        if let Some(p) = &self.panel {
            p.remove();
        }
    }
}

impl Ui {
    /// Reads the loader's `options.knowledge` (KB URLs, provider, fetch); without it cards
    /// show nothing from outside the article.
    pub fn configure_knowledge(&self, options: &JsValue) {
        knowledge::configure(&self.inner, options);
    }

    /// The card element (`role="dialog"`), for tests.
    pub fn card(&self) -> Element {
        self.inner.card.clone()
    }

    /// Opens the card for `target` as if by `trigger`.
    pub fn open(&self, target: Target, trigger: &'static str) {
        open(&self.inner, target, trigger);
    }

    pub fn close(&self) {
        close(&self.inner, "api", false);
    }

    /// Sets the cards' "report a problem" URL template; refused (no link) unless it is an
    /// absolute http(s) or mailto URL.
    pub fn set_report_url(&self, template: Option<String>) {
        *self.inner.report_url.borrow_mut() = template.filter(|t| cards::report_url_allowed(t));
    }

    /// Removes the UI: listeners, timers, badges, card layer, panel. Wrappers stay (the undo
    /// logs remove them).
    pub fn destroy(&self) {
        let i = &self.inner;
        close(i, "destroy", false);
        i.kn.borrow_mut().drop_config();
        i.listeners.borrow_mut().clear();
        if let Some((ro, _cb)) = i.resize.borrow_mut().take() {
            ro.disconnect();
        }
        badges::stop(i);
        dom::forget_icons();
        {
            let mut st = i.st.borrow_mut();
            st.intent = None;
            st.grace = None;
        }
        for b in i.badges.iter().flatten() {
            b.remove();
        }
        i.layer.remove();
        if let Some(p) = &i.panel {
            p.remove();
        }
    }
}

/// Dispatches `gloss:open`/`gloss:close` on the annotated element (bubbles, composed).
pub fn dispatch(i: &Inner, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = i.root.dispatch_event(&ev);
    }
}

/// The `detail` of gloss:open / gloss:close for `target`.
pub fn detail(i: &Inner, target: Target, trigger: &str, reason: Option<&str>) -> JsValue {
    let s = JsValue::from_str;
    let opt = |o: &Option<String>| o.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let mut pairs: Vec<(&str, JsValue)> = vec![("trigger", s(trigger))];
    if let Some(r) = reason {
        pairs.push(("reason", s(r)));
    }
    match target {
        Target::Mention(m) => {
            let e = &i.model.entities[i.model.mention_entity[m]];
            pairs.push(("type", s("entity")));
            pairs.push(("mention", JsValue::from(m as u32)));
            pairs.push((
                "entity",
                obj(&[
                    ("name", s(&e.canonical)),
                    ("type", s(e.ty.as_str())),
                    ("descriptor", opt(&e.descriptor)),
                    ("mentions", JsValue::from(e.mentions.len() as u32)),
                    ("statements", JsValue::from(e.statements.len() as u32)),
                ]),
            ));
        }
        Target::Badge(k) => {
            let st = &i.model.statements[k];
            pairs.push(("type", s("source")));
            pairs.push(("statement", JsValue::from(k as u32)));
            pairs.push((
                "source",
                obj(&[
                    ("name", s(&st.name)),
                    ("label", s(&st.label)),
                    ("kind", s(st.kind.as_str())),
                    ("descriptor", opt(&st.descriptor)),
                    ("cue", s(&st.cue)),
                    ("direct", JsValue::from(st.direct)),
                    ("statements", JsValue::from(i.model.sources[st.group].2.len() as u32)),
                ]),
            ));
        }
    }
    obj(&pairs)
}

pub fn anchor_of(i: &Inner, target: Target) -> Option<Element> {
    match target {
        Target::Mention(m) => i.mentions.get(m).cloned().flatten(),
        Target::Badge(k) => i.badges.get(k).cloned().flatten(),
    }
}

/// The target an element of the page stands for (a mention wrapper or a badge).
pub fn target_of(e: &Element) -> Option<Target> {
    let tag = e.local_name();
    if tag == "gloss-mention" {
        e.get_attribute("data-gloss-m")?.parse().ok().map(Target::Mention)
    } else if tag == "gloss-badge" {
        e.get_attribute("data-gloss-statement")?.parse().ok().map(Target::Badge)
    } else {
        None
    }
}

/// Tints (or untints) a statement's wrappers and its badge.
pub fn tint(i: &Inner, k: usize, on: bool) {
    let els = i.parts.get(k).into_iter().flatten().chain(i.badges.get(k).into_iter().flatten());
    for e in els {
        if on {
            let _ = e.set_attribute("data-gloss-active", "");
        } else {
            let _ = e.remove_attribute("data-gloss-active");
        }
    }
}

/// Opens the card for `target` (closing any other). Reopening the open target pins it.
pub fn open(i: &Rc<Inner>, target: Target, trigger: &'static str) {
    let Some(anchor) = anchor_of(i, target) else { return };
    let pinned = trigger != "hover";
    {
        let mut st = i.st.borrow_mut();
        st.intent = None;
        st.grace = None;
        if let Some(o) = st.open.as_mut() {
            if o.target == target {
                o.pinned |= pinned;
                return;
            }
        }
    }
    close(i, "replace", false);
    cards::fill(i, target);
    let _ = anchor.set_attribute("aria-expanded", "true");
    if let Target::Badge(k) = target {
        tint(i, k, true);
    }
    i.card.remove_attribute("hidden").ok();
    {
        let mut st = i.st.borrow_mut();
        st.over_anchor = trigger == "hover";
        st.over_card = false;
        st.open = Some(Open { target, anchor, trigger, pinned });
    }
    place_card(i);
    knowledge::request(i, target);
    dispatch(i, "gloss:open", &detail(i, target, trigger, None));
}

/// Closes the open card, if any; `return_focus` puts focus back on its mention or badge.
pub fn close(i: &Inner, reason: &str, return_focus: bool) {
    let taken = {
        let mut st = i.st.borrow_mut();
        st.grace = None;
        st.over_card = false;
        st.over_anchor = false;
        st.open.take()
    };
    let Some(o) = taken else { return };
    knowledge::cancel(i);
    let _ = i.card.set_attribute("hidden", "");
    let _ = o.anchor.set_attribute("aria-expanded", "false");
    if let Target::Badge(k) = o.target {
        tint(i, k, false);
    }
    if return_focus {
        dom::focus(&o.anchor);
    }
    dispatch(i, "gloss:close", &detail(i, o.target, o.trigger, Some(reason)));
}

/// Puts the open card next to its anchor, inside the viewport.
pub fn place_card(i: &Inner) {
    let anchor = match &i.st.borrow().open {
        Some(o) => o.anchor.clone(),
        None => return,
    };
    // A badge's host is an empty inline: the card goes by the face the reader sees.
    let anchor = if anchor.local_name() == "gloss-badge" { badges::face(&anchor).unwrap_or(anchor) } else { anchor };
    let Some(de) = i.doc.document_element() else { return };
    let (vw, vh) = (de.client_width() as f64, de.client_height() as f64);
    // The mention's first line box: a mention broken over two lines keeps its card by its start.
    let rects = anchor.get_client_rects();
    let r = match rects.get(0) {
        Some(r) => position::Rect::from_dom(&r),
        None => position::Rect::from_dom(&anchor.get_bounding_client_rect()),
    };
    let whole = position::Rect::from_dom(&anchor.get_bounding_client_rect());
    let anchor_rect = position::Rect { top: whole.top, height: whole.height, ..r };
    set_style(&i.card, "max-height", "none");
    set_style(&i.card, "left", "0px");
    set_style(&i.card, "top", "0px");
    let size = i.card.get_bounding_client_rect();
    let p = position::place(anchor_rect, (size.width(), size.height()), vw, vh, i.rtl);
    set_style(&i.card, "left", &fixed(p.left, 10, "px"));
    set_style(&i.card, "top", &fixed(p.top, 10, "px"));
    set_style(&i.card, "max-height", &fixed(p.max_height, 10, "px"));
    let _ = i.card.set_attribute("data-placement", if p.above { "above" } else { "below" });
}

/// Scrolls `e` into the middle of the viewport (smoothly unless the reader prefers less motion).
pub fn reveal(i: &Inner, e: &Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    opts.set_behavior(if reduced_motion(i) { web_sys::ScrollBehavior::Auto } else { web_sys::ScrollBehavior::Smooth });
    e.scroll_into_view_with_scroll_into_view_options(&opts);
}

pub fn reduced_motion(i: &Inner) -> bool {
    i.win.match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}

/// Briefly highlights elements (a mention or a statement's wrappers).
pub fn flash(els: &[Element]) {
    for e in els {
        let _ = e.remove_attribute("data-gloss-flash");
        let _ = e.set_attribute("data-gloss-flash", "");
    }
    let els = els.to_vec();
    Timeout::new(FLASH_MS, move || {
        for e in els {
            let _ = e.remove_attribute("data-gloss-flash");
        }
    })
    .forget();
}

/// Jumps to statement `k`: scrolls it into view, flashes it and focuses its badge.
pub fn jump_to_statement(i: &Rc<Inner>, k: usize) {
    let Some(first) = i.parts.get(k).and_then(|p| p.first()) else { return };
    close(i, "jump", false);
    reveal(i, first);
    flash(&i.parts[k]);
    if let Some(b) = i.badges.get(k).cloned().flatten() {
        dom::focus(&b);
    }
}

/// `v` with one decimal (`scale` 10) or two (`scale` 100), then `unit`: "12.5px", "-3.0px",
/// "33.33%". Written by hand because `format!("{:.1}", f64)` pulls core's float formatting
/// (about 6 KB gzipped) into the Wasm; CSS needs no more than this. Non-finite values give "0".
pub(crate) fn fixed(v: f64, scale: u32, unit: &str) -> String {
    let r = (v * scale as f64).round();
    let n = if r.is_finite() { r as i64 } else { 0 };
    let (int, frac) = (n.unsigned_abs() / scale as u64, n.unsigned_abs() % scale as u64);
    let sign = if n < 0 { "-" } else { "" };
    let pad = if scale == 100 && frac < 10 { "0" } else { "" };
    format!("{sign}{int}.{pad}{frac}{unit}")
}
