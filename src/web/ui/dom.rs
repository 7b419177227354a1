//! Small DOM helpers for building the UI: elements with attributes and text (text is always set
//! with `textContent`, never parsed as HTML), icons, shadow roots with the shared stylesheet.

use crate::analysis::{EntityType, SourceKind};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The UI's stylesheet, embedded so no request and no inline `<style>` is needed.
pub const CSS: &str = include_str!("ui.css");

/// A new element with attributes and, if not empty, text.
pub fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
    let e = doc.create_element(tag).expect("create_element with a valid name");
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    e
}

/// Appends `child` to `parent` and returns the child.
pub fn add(parent: &Element, child: Element) -> Element {
    let _ = parent.append_child(&child);
    child
}

/// `v` as an Element when it is one, from any realm (`instanceof` fails for an iframe's nodes).
pub fn as_element(v: &JsValue) -> Option<Element> {
    let ty = js_sys::Reflect::get(v, &JsValue::from_str("nodeType")).ok()?;
    (ty.as_f64() == Some(1.0)).then(|| v.clone().unchecked_into())
}

/// `e` as an HTMLElement (anything with `style` and `focus`), from any realm.
pub(crate) fn as_html(e: &Element) -> Option<&HtmlElement> {
    let style = js_sys::Reflect::get(e, &JsValue::from_str("style")).ok()?;
    style.is_object().then(|| e.unchecked_ref())
}

pub fn set_style(e: &Element, prop: &str, value: &str) {
    if let Some(h) = as_html(e) {
        let _ = h.style().set_property(prop, value);
    }
}

pub fn focus(e: &Element) {
    if let Some(h) = as_html(e) {
        let _ = h.focus();
    }
}

/// An open shadow root on `host` carrying the UI stylesheet: a constructable stylesheet
/// (adoptedStyleSheets) so a strict CSP without 'unsafe-inline' styles does not block it; a
/// `<style>` element only where constructable stylesheets are missing.
pub fn shadow(doc: &Document, host: &Element) -> Option<ShadowRoot> {
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
    // Setting adoptedStyleSheets where it is not supported would only add an expando property.
    let supported = js_sys::Reflect::has(&root, &JsValue::from_str("adoptedStyleSheets")).unwrap_or(false);
    let adopted = supported.then(|| shared_sheet(doc)).flatten().and_then(|sheet| {
        let arr = js_sys::Array::of1(&sheet);
        js_sys::Reflect::set(&root, &JsValue::from_str("adoptedStyleSheets"), &arr).ok()?.then_some(())
    });
    if adopted.is_none() {
        let style = el(doc, "style", &[], CSS);
        let _ = root.append_child(&style);
    }
    Some(root)
}

thread_local! {
    /// One parsed stylesheet shared by every shadow root of the page's document (a constructed
    /// sheet may only be adopted in the document it was made for).
    static SHEET: std::cell::RefCell<Option<web_sys::CssStyleSheet>> = const { std::cell::RefCell::new(None) };
}

fn shared_sheet(doc: &Document) -> Option<web_sys::CssStyleSheet> {
    let main = web_sys::window().and_then(|w| w.document()).is_some_and(|d| &d == doc);
    if !main {
        // Another document (an inert one in tests): a sheet of its own would not be adoptable
        // there either, so the caller falls back to a <style> element.
        return None;
    }
    SHEET.with(|cell| {
        if let Some(s) = cell.borrow().as_ref() {
            return Some(s.clone());
        }
        let sheet = web_sys::CssStyleSheet::new().ok()?;
        sheet.replace_sync(CSS).ok()?;
        *cell.borrow_mut() = Some(sheet.clone());
        Some(sheet)
    })
}

/// 16×16 line icons (constant markup from this file, never data), decorative.
fn icon_path(name: &str) -> &'static str {
    match name {
        "PERSON" | "named" => "<circle cx='8' cy='5' r='3'/><path d='M2.5 14.5c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5'/>",
        "unnamed" => "<circle cx='8' cy='5' r='3' stroke-dasharray='2 1.6'/><path d='M2.5 14.5c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5' stroke-dasharray='2 1.6'/>",
        "ORG" | "institution" => "<path d='M2 14.5h12M3.5 14.5V6.5M6.5 14.5V6.5M9.5 14.5V6.5M12.5 14.5V6.5M1.5 5 8 1.5 14.5 5z'/>",
        "outlet" => "<rect x='1.5' y='2.5' width='13' height='11' rx='1'/><path d='M4 5.5h8M4 8h8M4 10.5h5'/>",
        "PLACE" => "<path d='M8 15s-5-4.6-5-8.5a5 5 0 0 1 10 0C13 10.4 8 15 8 15z'/><circle cx='8' cy='6.5' r='1.8'/>",
        "GROUP" => "<circle cx='5.5' cy='5.5' r='2.3'/><circle cx='11' cy='5.5' r='2.3'/><path d='M1 14c.4-2.4 2.2-3.8 4.5-3.8S9.6 11.6 10 14M8.6 10.6c.7-.3 1.5-.4 2.4-.4 2.3 0 4.1 1.4 4.5 3.8'/>",
        "EVENT" => "<path d='M8 1.5l1.9 4 4.4.5-3.3 3 .9 4.4L8 11.2l-3.9 2.2.9-4.4-3.3-3 4.4-.5z'/>",
        "DATE" => "<rect x='1.5' y='2.5' width='13' height='12' rx='1.5'/><path d='M1.5 6.5h13M5 1v3M11 1v3'/>",
        "MONEY" => "<circle cx='8' cy='8' r='6.5'/><path d='M10.2 5.6C9.8 4.9 9 4.5 8 4.5c-1.3 0-2.2.7-2.2 1.7 0 2.4 4.6 1.3 4.6 3.7 0 1-1 1.7-2.4 1.7-1.1 0-1.9-.4-2.3-1.1M8 3v1.5M8 11.6V13'/>",
        _ => "<path d='M2 13.5h12M4 13.5v-4M8 13.5v-8M12 13.5v-11'/>",
        // QUANTITY and anything else: a bar chart.
    }
}

/// A decorative icon: `<span class="icon" aria-hidden="true"><svg …></span>`. Parsed once per
/// icon and document, then cloned: parsing SVG markup per badge was the costliest part of
/// installing the UI.
pub fn icon(doc: &Document, name: &str) -> Element {
    let path = icon_path(name);
    let cached = ICONS.with(|c| {
        let c = c.borrow();
        c.iter().find(|(d, p, _)| d == doc && *p == path).map(|(_, _, e)| e.clone())
    });
    if let Some(proto) = cached {
        if let Ok(n) = proto.clone_node_with_deep(true) {
            return n.unchecked_into(); // a clone of an element, from any realm
        }
    }
    let span = el(doc, "span", &[("class", "icon"), ("aria-hidden", "true")], "");
    span.set_inner_html(&format!(
        "<svg viewBox='0 0 16 16' width='16' height='16' fill='none' stroke='currentColor' stroke-width='1.4' stroke-linecap='round' stroke-linejoin='round' focusable='false'>{path}</svg>"
    ));
    // The prototype is a copy no page script or caller ever sees.
    if let Ok(proto) = span.clone_node_with_deep(true).map(|n| n.unchecked_into::<Element>()) {
        ICONS.with(|c| {
            let mut c = c.borrow_mut();
            // Only the latest document's icons are kept: another document (an inert one, an
            // iframe's) is not held on to.
            c.retain(|(d, _, _)| d == doc);
            c.push((doc.clone(), path, proto));
        });
    }
    span
}

/// Lets go of the parsed icons (and the document they belong to), when a UI is removed.
pub fn forget_icons() {
    ICONS.with(|c| c.borrow_mut().clear());
}

thread_local! {
    /// Parsed icons to clone: (document, path markup, element).
    static ICONS: std::cell::RefCell<Vec<(Document, &'static str, Element)>> = const { std::cell::RefCell::new(Vec::new()) };
}

pub fn type_icon(doc: &Document, t: EntityType) -> Element {
    icon(doc, t.as_str())
}

pub fn kind_icon(doc: &Document, k: SourceKind) -> Element {
    icon(doc, k.as_str())
}

/// A plain JS object from key/value pairs (for event details).
pub fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// The element an event's target is, or is inside of, matching `selector`.
pub fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<Element> {
    as_element(&target?.into())?.closest(selector).ok()?
}
