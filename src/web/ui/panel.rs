//! The sourcing panel: a collapsible region after the article (or inside the first empty
//! `[data-gloss-panel]` element the page reserved), with a one-line verdict always visible and,
//! when expanded, the sources by kind with their statements and the share of paragraphs with no
//! attribution. Everything is in the host's shadow root; the toggle is a real `<button>` with
//! `aria-expanded`/`aria-controls`, the region is labelled by its heading.

use super::dom::{add, el, kind_icon, set_style, shadow};
use super::model::{excerpt, Model};
use super::strings::{kind_index, Strings};
use crate::analysis::SourceKind;
use web_sys::{Document, Element};

/// The verdict line: what share of statements come from unnamed sources.
pub fn verdict(model: &Model, s: &Strings) -> String {
    let n = model.statements.len();
    let by = model.statements_by_kind();
    let unnamed = by[kind_index(SourceKind::Unnamed)];
    if n == 0 {
        s.verdict_none.to_string()
    } else if unnamed > 0 {
        s.fill(s.verdict_unnamed, &[("k", s.num(unnamed)), ("n", s.num(n))])
    } else {
        s.fill(s.verdict_named, &[("n", s.num(n))])
    }
}

pub fn create(doc: &Document, root: &Element, model: &Model, s: &Strings, rtl: bool) -> Option<Element> {
    let host = el(doc, "gloss-panel", &[("data-gloss-ui", "panel")], "");
    set_style(&host, "display", "block");
    let sr = shadow(doc, &host)?;
    let section = el(
        doc,
        "section",
        &[("class", "panel"), ("aria-labelledby", "gloss-panel-title"), ("lang", s.lang), ("dir", if rtl { "rtl" } else { "ltr" })],
        "",
    );
    let _ = sr.append_child(&section);
    let h2 = add(&section, el(doc, "h2", &[("id", "gloss-panel-title")], ""));
    let toggle = add(
        &h2,
        el(doc, "button", &[("type", "button"), ("class", "toggle"), ("aria-expanded", "false"), ("aria-controls", "gloss-panel-body"), ("data-action", "toggle")], ""),
    );
    add(&toggle, el(doc, "span", &[("class", "t")], s.panel_title));
    add(&toggle, el(doc, "span", &[("class", "verdict")], &verdict(model, s)));
    let chev = el(doc, "span", &[("class", "chev"), ("aria-hidden", "true")], "");
    chev.set_inner_html("<svg viewBox='0 0 16 16' width='14' height='14' fill='none' stroke='currentColor' stroke-width='1.8' stroke-linecap='round' stroke-linejoin='round'><path d='M3.5 6l4.5 4.5L12.5 6'/></svg>");
    add(&toggle, chev);

    let body = add(&section, el(doc, "div", &[("class", "body"), ("id", "gloss-panel-body"), ("hidden", "")], ""));
    let n = model.statements.len();
    let by = model.statements_by_kind();
    if n > 0 {
        let bar = add(&body, el(doc, "div", &[("class", "bar"), ("aria-hidden", "true")], ""));
        for k in SourceKind::ALL {
            let c = by[kind_index(k)];
            if c > 0 {
                let seg = add(&bar, el(doc, "span", &[("data-kind", k.as_str())], ""));
                set_style(&seg, "width", &super::fixed(100.0 * c as f64 / n as f64, 100, "%"));
            }
        }
    }
    if model.paragraphs > 0 {
        let pct = (100.0 * model.unattributed as f64 / model.paragraphs as f64).round() as usize;
        let line = s.fill(s.unattributed, &[("k", s.num(model.unattributed)), ("p", s.num(model.paragraphs)), ("pct", s.num(pct))]);
        add(&body, el(doc, "p", &[("class", "note")], &line));
    }
    let groups = add(&body, el(doc, "div", &[("class", "groups")], ""));
    for kind in SourceKind::ALL {
        let ki = kind_index(kind);
        let sources: Vec<_> = model.sources.iter().filter(|(k, _, _)| *k == kind).collect();
        if sources.is_empty() {
            continue;
        }
        let g = add(&groups, el(doc, "div", &[("class", "group"), ("data-kind", kind.as_str())], ""));
        let h3 = add(&g, el(doc, "h3", &[], ""));
        add(&h3, kind_icon(doc, kind));
        add(&h3, el(doc, "span", &[], s.groups[ki]));
        add(&h3, el(doc, "span", &[("class", "n")], &format!("· {}", s.statements(by[ki]))));
        let ul = add(&g, el(doc, "ul", &[], ""));
        for (_, name, ks) in sources {
            let li = add(&ul, el(doc, "li", &[], ""));
            add(&li, el(doc, "span", &[("class", "src"), ("dir", "auto")], name));
            let inner = add(&li, el(doc, "ul", &[], ""));
            for &k in ks {
                let st = &model.statements[k];
                let li2 = add(&inner, el(doc, "li", &[], ""));
                add(&li2, el(doc, "a", &[("href", &format!("#gloss-statement-{k}")), ("data-statement", &k.to_string()), ("dir", "auto")], &excerpt(&st.content, 80)));
            }
        }
    }
    opt_out(doc, &body, s);
    // Where the page reserved room, else right after the article (body: at its end).
    let reserved = doc.query_selector("[data-gloss-panel]:not(:has(gloss-panel))").ok().flatten();
    match reserved {
        Some(slot) => {
            slot.append_child(&host).ok()?;
        }
        None => {
            let is_body = root.local_name() == "body";
            match root.parent_node() {
                Some(p) if !is_body => {
                    p.insert_before(&host, root.next_sibling().as_ref()).ok()?;
                }
                _ => {
                    root.append_child(&host).ok()?;
                }
            }
        }
    }
    Some(host)
}

/// The reader's opt-out: a button that asks the loader to turn Gloss off on this site
/// (remembered in localStorage); see `interaction::panel_click` and `gloss:disable` in gloss.js.
fn opt_out(doc: &Document, body: &Element, s: &Strings) {
    let p = add(body, el(doc, "p", &[("class", "optout")], ""));
    add(&p, el(doc, "button", &[("type", "button"), ("data-action", "disable")], s.disable));
    add(&p, el(doc, "span", &[], s.disable_note));
}

/// Expands or collapses the panel.
pub fn toggle(host: &Element) {
    let Some(sr) = host.shadow_root() else { return };
    let (Some(btn), Some(body)) = (sr.query_selector(".toggle").ok().flatten(), sr.query_selector(".body").ok().flatten()) else { return };
    let open = btn.get_attribute("aria-expanded").as_deref() == Some("true");
    let _ = btn.set_attribute("aria-expanded", if open { "false" } else { "true" });
    if open {
        let _ = body.set_attribute("hidden", "");
    } else {
        let _ = body.remove_attribute("hidden");
    }
}
