//! The card's knowledge slot: when an entity card opens (never before), the configured knowledge
//! bases are asked in order (manifest, then the one shard the name lives in), the core links the
//! entity ([`crate::knowledge::link`]), and, if the page opted in, a Wikipedia-style page summary
//! is fetched. Fetching is the loader's `fetch(url) → Promise<JSON | null>` (www/gloss.js: same
//! credentials-free request, a timeout, a cache, never rejects); everything else is here.
//!
//! Safety: every string from a KB or provider is set as text (`textContent`), only http(s) URLs
//! become links (`rel="noopener noreferrer"`) or images (lazy, sized, no referrer), fields of the
//! wrong type are ignored and long ones cut. A failure at any step leaves the slot hidden.

use super::dom::{add, el};
use super::{place_card, Inner, Target};
use crate::knowledge::{self as kn, Confidence, Context, Entry, Link};
use js_sys::{Array, Function, Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub struct Cfg {
    /// Base URLs of the knowledge bases, in order (ending in '/').
    kbs: Vec<String>,
    /// Base URL of a page-summary API (Wikipedia's REST `page/summary/`), when opted in.
    provider: Option<String>,
    fetch: Function,
}

#[derive(Default)]
pub struct State {
    cfg: Option<Cfg>,
    /// Bumped on every open and close: a late answer for an earlier card is dropped.
    generation: u32,
}

fn get(v: &JsValue, k: &str) -> JsValue {
    if v.is_object() {
        Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A string field, trimmed and cut ([`kn::clean`]); anything else is `None`.
fn text(v: &JsValue, k: &str) -> Option<String> {
    get(v, k).as_string().and_then(|s| kn::clean(&s))
}

fn url(v: &JsValue, k: &str) -> Option<String> {
    get(v, k).as_string().and_then(|s| kn::safe_url(&s).map(str::to_string))
}

fn strings(v: &JsValue, k: &str) -> Vec<String> {
    let a = get(v, k);
    if let Some(s) = a.as_string() {
        return kn::clean(&s).into_iter().collect();
    }
    if !Array::is_array(&a) {
        return Vec::new();
    }
    a.unchecked_ref::<Array>().iter().take(kn::MAX_NAMES).filter_map(|x| x.as_string()).filter_map(|s| kn::clean(&s)).collect()
}

/// Reads `options.knowledge = {kb: [url…], provider: url | null, fetch}` (set by the loader).
pub fn configure(i: &Inner, options: &JsValue) {
    let k = get(options, "knowledge");
    let Ok(fetch) = get(&k, "fetch").dyn_into::<Function>() else { return };
    let kbs = strings(&k, "kb").into_iter().filter(|u| kn::safe_url(u).is_some()).map(|u| if u.ends_with('/') { u } else { u + "/" }).collect();
    let provider = url(&k, "provider");
    i.kn.borrow_mut().cfg = Some(Cfg { kbs, provider, fetch });
}

/// Drops any answer still on its way (the card closed or moved on).
pub fn cancel(i: &Inner) {
    let mut k = i.kn.borrow_mut();
    k.generation = k.generation.wrapping_add(1);
}

/// Fetches `url` through the loader and calls `then` with the JSON (or null) if the card that
/// asked is still the open one.
/// (Boxed, so the closure glue exists once in the Wasm, not once per call site.)
type Then = Box<dyn FnOnce(&Rc<Inner>, JsValue)>;

fn fetch(i: &Rc<Inner>, generation: u32, url: &str, then: Then) {
    let f = match &i.kn.borrow().cfg {
        Some(c) => c.fetch.clone(),
        None => return,
    };
    let Ok(p) = f.call1(&JsValue::NULL, &JsValue::from_str(url)) else { return };
    let Ok(p) = p.dyn_into::<Promise>() else { return };
    let weak = Rc::downgrade(i);
    let cb = Closure::once_into_js(move |v: JsValue| {
        let Some(i) = weak.upgrade() else { return };
        if i.kn.borrow().generation == generation {
            then(&i, v);
        }
    });
    // `then` through Reflect: a self-freeing one-shot function (js-sys' typed `then` wants a
    // closure kept alive by hand).
    if let Ok(then) = Reflect::get(&p, &JsValue::from_str("then")).and_then(|t| t.dyn_into::<Function>()) {
        let _ = then.call1(&p, &cb);
    }
}

/// Starts filling the knowledge slot of the card just opened for `target`.
pub fn request(i: &Rc<Inner>, target: Target) {
    let Target::Mention(m) = target else { return };
    let Some(&ei) = i.model.mention_entity.get(m) else { return };
    if !kn::is_linkable(i.model.entities[ei].ty) {
        return;
    }
    let generation = {
        let mut k = i.kn.borrow_mut();
        k.generation = k.generation.wrapping_add(1);
        if k.cfg.is_none() {
            return;
        }
        k.generation
    };
    from_kb(i, generation, ei, 0);
}

fn kb_url(i: &Inner, n: usize) -> Option<String> {
    i.kn.borrow().cfg.as_ref().and_then(|c| c.kbs.get(n).cloned())
}

/// Asks knowledge base `n` (then the next one, then the provider).
fn from_kb(i: &Rc<Inner>, generation: u32, ei: usize, n: usize) {
    let Some(base) = kb_url(i, n) else {
        from_provider(i, generation, ei, None);
        return;
    };
    fetch(i, generation, &format!("{base}kb.json"), Box::new(move |i, manifest| {
        let shards = get(&manifest, "shards").as_f64().filter(|s| s.fract() == 0.0 && *s >= 1.0 && *s <= 1e7);
        let (Some(shards), Some(kn::FORMAT)) = (shards, text(&manifest, "format").as_deref()) else {
            from_kb(i, generation, ei, n + 1);
            return;
        };
        let e = &i.model.entities[ei];
        let key = kn::normalize(&e.canonical);
        if key.is_empty() {
            return;
        }
        let shard_url = format!("{base}{}", kn::shard_path(kn::shard_of(&key, shards as u32)));
        fetch(i, generation, &shard_url, Box::new(move |i, shard| {
            let entries = read_entries(&shard, &key);
            let e = &i.model.entities[ei];
            let mut own: Vec<&str> = vec![e.canonical.as_str()];
            own.extend(e.aliases.iter().map(String::as_str));
            let all = i.model.entities.iter().flat_map(|x| std::iter::once(x.canonical.as_str()).chain(x.aliases.iter().map(String::as_str)));
            let ctx = Context::new(all, &own);
            match kn::link(&own[..1], e.ty, &ctx, &entries) {
                Link::Found(j, c) => {
                    let credit = text(&manifest, "name").unwrap_or_else(|| base.clone());
                    let credit: String = credit.chars().take(80).collect();
                    show_entry(i, &entries[j], c, &credit, url(&manifest, "source"));
                    let name = entries[j].names.first().cloned();
                    from_provider(i, generation, ei, Some((name, c)));
                }
                // Several candidates and nothing to choose: nothing from outside at all.
                Link::Ambiguous => {}
                Link::Unknown => from_kb(i, generation, ei, n + 1),
            }
        }));
    }));
}

/// The entries a shard files under `key`, read defensively.
fn read_entries(shard: &JsValue, key: &str) -> Vec<Entry> {
    let ids = get(&get(shard, "keys"), key);
    let all = get(shard, "entries");
    if !Array::is_array(&ids) || !Array::is_array(&all) {
        return Vec::new();
    }
    // Casts, not `Array::from` (which would copy a shard's whole entry list on every open).
    let all: &Array = all.unchecked_ref();
    ids.unchecked_ref::<Array>()
        .iter()
        .take(kn::MAX_PER_KEY)
        .filter_map(|x| x.as_f64())
        .filter(|x| x.fract() == 0.0 && *x >= 0.0)
        .filter_map(|x| {
            let v = all.get(x as u32);
            let id = text(&v, "id")?;
            let names = strings(&v, "names");
            let ty = text(&v, "type")?;
            (!names.is_empty()).then(|| Entry {
                id,
                ty,
                names,
                description: text(&v, "description"),
                url: text(&v, "url"),
                image: text(&v, "image"),
                updated: text(&v, "updated"),
                official: text(&v, "official"),
                capital: text(&v, "capital"),
                country: text(&v, "country"),
                region: text(&v, "region"),
                population: get(&v, "population").as_f64().filter(|p| p.is_finite() && *p >= 0.0 && *p < 1e13).map(|p| p as u64),
                flag: text(&v, "flag").filter(|f| f.chars().count() <= 8),
                context: strings(&v, "context"),
            })
        })
        .collect()
}

/// The slot, made visible.
fn slot(i: &Inner) -> Option<web_sys::Element> {
    let s = i.card.query_selector("[data-gloss-slot=knowledge]").ok().flatten()?;
    let _ = s.remove_attribute("hidden");
    Some(s)
}

fn block(i: &Inner, source: &str, c: Confidence, title: &str) -> Option<web_sys::Element> {
    let doc = &i.doc;
    let s = slot(i)?;
    let conf = if c == Confidence::Sure { "sure" } else { "possibly" };
    let b = add(&s, el(doc, "div", &[("class", "kn"), ("data-gloss-source", source), ("data-gloss-confidence", conf)], ""));
    let t = add(&b, el(doc, "p", &[("class", "kn-title"), ("dir", "auto")], ""));
    if c == Confidence::Possibly {
        add(&t, el(doc, "span", &[("class", "possibly")], i.s.possibly));
        let _ = t.append_with_str_1(" ");
    }
    add(&t, el(doc, "strong", &[], title));
    Some(b)
}

fn credit(i: &Inner, b: &web_sys::Element, label: &str, name: &str, href: Option<&str>, more: Option<&str>) {
    let doc = &i.doc;
    let p = add(b, el(doc, "p", &[("class", "kn-credit")], label));
    let _ = p.append_with_str_1(" ");
    let link = |text: &str, href: &str| el(doc, "a", &[("href", href), ("rel", "noopener noreferrer"), ("target", "_blank"), ("dir", "auto")], text);
    match href.and_then(kn::safe_url) {
        Some(h) => drop(add(&p, link(name, h))),
        None => drop(add(&p, el(doc, "span", &[("dir", "auto")], name))),
    }
    if let Some(m) = more.and_then(kn::safe_url) {
        let _ = p.append_with_str_1(" · ");
        add(&p, link(i.s.read_more, m));
    }
}

fn show_entry(i: &Rc<Inner>, e: &Entry, c: Confidence, kb_name: &str, kb_source: Option<String>) {
    let doc = &i.doc;
    let s = i.s;
    let title = match &e.flag {
        Some(f) => format!("{f} {}", e.names[0]),
        None => e.names[0].clone(),
    };
    let Some(b) = block(i, "kb", c, &title) else { return };
    if let Some(img) = e.image.as_deref().and_then(kn::safe_url) {
        image(i, &b, img, 64, 64);
    }
    if let Some(d) = &e.description {
        add(&b, el(doc, "p", &[("class", "kn-desc"), ("dir", "auto")], &super::model::excerpt(d, 240)));
    }
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(o) = e.official.as_ref().filter(|o| **o != e.names[0]) {
        facts.push((s.official_name, o.clone()));
    }
    if let Some(x) = &e.capital {
        facts.push((s.capital, x.clone()));
    }
    if let Some(x) = &e.region {
        facts.push((s.region, x.clone()));
    }
    if let Some(x) = &e.country {
        facts.push((s.country, x.clone()));
    }
    if let Some(p) = e.population.filter(|&p| p > 0) {
        facts.push((s.population, s.grouped(p)));
    }
    if let Some(u) = &e.updated {
        facts.push((s.updated, u.chars().take(40).collect()));
    }
    if !facts.is_empty() {
        let dl = add(&b, el(doc, "dl", &[("class", "kn-facts")], ""));
        for (k, v) in facts {
            add(&dl, el(doc, "dt", &[], k));
            add(&dl, el(doc, "dd", &[("dir", "auto")], &super::model::excerpt(&v, 120)));
        }
    }
    credit(i, &b, s.source, kb_name, kb_source.as_deref(), e.url.as_deref());
    place_card(i);
}

fn image(i: &Inner, parent: &web_sys::Element, src: &str, w: u32, h: u32) {
    let (w, h) = (w.clamp(16, 96), h.clamp(16, 96));
    let (w, h) = (w.to_string(), h.to_string());
    add(
        parent,
        el(
            &i.doc,
            "img",
            &[("class", "kn-img"), ("src", src), ("alt", ""), ("loading", "lazy"), ("decoding", "async"), ("referrerpolicy", "no-referrer"), ("width", &w), ("height", &h)],
            "",
        ),
    );
}

/// The page-summary provider (opt-in). `kb` is what the KBs found: the entry's name and how
/// sure; `None` when no KB knew the name (then the answer is only "possibly").
fn from_provider(i: &Rc<Inner>, generation: u32, ei: usize, kb: Option<(Option<String>, Confidence)>) {
    let base = match i.kn.borrow().cfg.as_ref().and_then(|c| c.provider.clone()) {
        Some(b) => b,
        None => return,
    };
    let e = &i.model.entities[ei];
    let (name, sure) = match kb {
        Some((Some(n), Confidence::Sure)) => (n, true),
        _ => (e.canonical.clone(), false),
    };
    let title = js_sys::encode_uri_component(&name.replace(' ', "_"));
    let asked = kn::normalize(&name);
    fetch(i, generation, &format!("{base}{}", String::from(title)), Box::new(move |i, v| {
        // Disambiguation pages, errors and anything malformed are never an answer.
        if text(&v, "type").as_deref() != Some("standard") {
            return;
        }
        let (Some(title), Some(extract)) = (text(&v, "title"), text(&v, "extract")) else { return };
        let c = if sure && kn::normalize(&title) == asked { Confidence::Sure } else { Confidence::Possibly };
        let Some(b) = block(i, "wikipedia", c, &title) else { return };
        let thumb = get(&v, "thumbnail");
        if let Some(src) = url(&thumb, "source") {
            let dim = |k: &str| get(&thumb, k).as_f64().filter(|x| x.is_finite() && *x > 0.0).unwrap_or(64.0);
            let (w, h) = (dim("width"), dim("height"));
            let scale = 64.0 / w.max(h);
            image(i, &b, &src, (w * scale).round() as u32, (h * scale).round() as u32);
        }
        if let Some(d) = text(&v, "description") {
            add(&b, el(&i.doc, "p", &[("class", "kn-desc"), ("dir", "auto")], &super::model::excerpt(&d, 160)));
        }
        add(&b, el(&i.doc, "p", &[("class", "kn-extract"), ("dir", "auto")], &super::model::excerpt(&extract, 320)));
        let page = url(&get(&get(&v, "content_urls"), "desktop"), "page");
        credit(i, &b, i.s.from, "Wikipedia", page.as_deref(), None);
        place_card(i);
    }));
}

impl State {
    /// Forgets the configuration (on destroy): no request is made after it.
    pub fn drop_config(&mut self) {
        self.cfg = None;
        self.generation = self.generation.wrapping_add(1);
    }
}
