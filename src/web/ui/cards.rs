//! The card: one `role="dialog"` element in the layer's shadow root, reused for every mention
//! and badge, `hidden` while closed.
//!
//! Roles, deliberately: a card holds links and buttons, so it is a non-modal dialog
//! (`aria-modal="false"`), labelled by its title (`aria-labelledby`), not a tooltip (a tooltip
//! may hold no focusable content, APG). Its trigger is a `role="button"` with
//! `aria-haspopup="dialog"` and `aria-expanded`. Focus is not moved into the card on open (the
//! reader keeps their place); Tab from the trigger moves into it, Escape returns.

use super::dom::{add, el, kind_icon, type_icon};
use super::model::excerpt;
use super::strings::Strings;
use super::{Inner, Target};
use web_sys::{Document, Element};

/// The empty, hidden card with its close button; `fill` writes its body.
pub fn card_shell(doc: &Document, s: &Strings, rtl: bool) -> Element {
    let card = el(
        doc,
        "div",
        &[
            ("class", "card"),
            ("role", "dialog"),
            ("aria-modal", "false"),
            ("aria-labelledby", "gloss-card-title"),
            ("lang", s.lang),
            ("dir", if rtl { "rtl" } else { "ltr" }),
            ("part", "card"),
            ("hidden", ""),
        ],
        "",
    );
    let close = add(&card, el(doc, "button", &[("type", "button"), ("class", "close"), ("data-action", "close"), ("aria-label", s.close)], ""));
    let x = el(doc, "span", &[("aria-hidden", "true")], "");
    x.set_inner_html("<svg viewBox='0 0 16 16' width='14' height='14' fill='none' stroke='currentColor' stroke-width='1.8' stroke-linecap='round'><path d='M3 3l10 10M13 3L3 13'/></svg>");
    add(&close, x);
    add(&card, el(doc, "div", &[("class", "content")], ""));
    card
}

fn head(doc: &Document, content: &Element, icon: Element, title: &str, sub: &str) {
    let h = add(content, el(doc, "div", &[("class", "head")], ""));
    add(&h, icon);
    let t = add(&h, el(doc, "div", &[], ""));
    add(&t, el(doc, "h2", &[("id", "gloss-card-title"), ("dir", "auto")], title));
    add(&t, el(doc, "p", &[("class", "type")], sub));
}

fn statement_links(doc: &Document, i: &Inner, parent: &Element, heading: &str, ks: &[usize]) {
    if ks.is_empty() {
        return;
    }
    let sec = add(parent, el(doc, "section", &[("class", "said")], ""));
    add(&sec, el(doc, "h3", &[], heading));
    let ul = add(&sec, el(doc, "ul", &[], ""));
    for &k in ks {
        let st = &i.model.statements[k];
        let li = add(&ul, el(doc, "li", &[], ""));
        let text = excerpt(&st.content, 90);
        let text = if st.direct { format!("“{}”", text.trim_matches(['“', '”', '"'])) } else { text };
        add(&li, el(doc, "a", &[("href", &format!("#gloss-statement-{k}")), ("data-statement", &k.to_string()), ("dir", "auto")], &text));
    }
}

/// Writes the card's body for `target`.
pub fn fill(i: &Inner, target: Target) {
    let doc = &i.doc;
    let s = i.s;
    let Some(content) = i.card.query_selector(".content").ok().flatten() else { return };
    content.set_text_content(None);
    match target {
        Target::Mention(m) => {
            let ei = i.model.mention_entity[m];
            let e = &i.model.entities[ei];
            let _ = i.card.set_attribute("data-gloss-card", "entity");
            head(doc, &content, type_icon(doc, e.ty), &e.canonical, s.type_name(e.ty));
            if let Some(d) = &e.descriptor {
                add(&content, el(doc, "p", &[("class", "descriptor"), ("dir", "auto")], d));
            }
            // Filled by `knowledge::request` after the card opens, with text, never HTML.
            let k = add(&content, el(doc, "section", &[("class", "knowledge"), ("data-gloss-slot", "knowledge"), ("aria-live", "polite"), ("hidden", "")], ""));
            add(&k, el(doc, "h3", &[], s.background));
            let n = e.mentions.len();
            let pos = e.mentions.iter().position(|&x| x == m).unwrap_or(0);
            let nav = add(&content, el(doc, "div", &[("class", "nav")], ""));
            add(&nav, el(doc, "span", &[("class", "count")], &s.mentioned(n)));
            if n > 1 {
                let at = s.fill(s.i_of_n, &[("i", s.num(pos + 1)), ("n", s.num(n))]);
                add(&nav, el(doc, "span", &[("class", "pos"), ("aria-live", "polite")], &at));
                let (prev_arrow, next_arrow) = if i.rtl { ("›", "‹") } else { ("‹", "›") };
                let b = add(&nav, el(doc, "button", &[("type", "button"), ("data-action", "prev"), ("aria-label", s.prev_mention)], ""));
                add(&b, el(doc, "span", &[("aria-hidden", "true")], prev_arrow));
                let b = add(&nav, el(doc, "button", &[("type", "button"), ("data-action", "next"), ("aria-label", s.next_mention)], ""));
                add(&b, el(doc, "span", &[("aria-hidden", "true")], next_arrow));
            }
            let heading = s.fill(s.said_here, &[("name", e.canonical.clone())]);
            statement_links(doc, i, &content, &heading, &e.statements);
        }
        Target::Badge(k) => {
            let st = &i.model.statements[k];
            let _ = i.card.set_attribute("data-gloss-card", "source");
            head(doc, &content, kind_icon(doc, st.kind), &st.name, s.kind_name(st.kind));
            if let Some(h) = content.query_selector(".head").ok().flatten() {
                let _ = h.set_attribute("data-kind", st.kind.as_str());
            }
            if let Some(d) = &st.descriptor {
                add(&content, el(doc, "p", &[("class", "descriptor"), ("dir", "auto")], d));
            }
            let dl = add(&content, el(doc, "dl", &[], ""));
            add(&dl, el(doc, "dt", &[], s.cue));
            add(&dl, el(doc, "dd", &[("dir", "auto")], &st.cue));
            add(&dl, el(doc, "dt", &[], s.form));
            add(&dl, el(doc, "dd", &[], if st.direct { s.direct } else { s.paraphrase }));
            let others: Vec<usize> = i.model.sources[st.group].2.iter().copied().filter(|&x| x != k).collect();
            statement_links(doc, i, &content, s.other_statements, &others);
        }
    }
    report_link(i, &content, target);
}

/// Is a report URL template acceptable: absolute http(s) or mailto (no javascript:, data:, …)?
pub fn report_url_allowed(template: &str) -> bool {
    let t = template.trim_start().to_ascii_lowercase();
    t.starts_with("https://") || t.starts_with("http://") || t.starts_with("mailto:")
}

/// The "report a problem" link at the end of a card, when the page configured `reportUrl`:
/// `{url}` is the page's address, `{text}` the entity's name or the statement's source and
/// content, `{type}` the entity's type (`PERSON`, …) or `statement`; each is URI-encoded.
fn report_link(i: &Inner, content: &Element, target: Target) {
    let Some(template) = i.report_url.borrow().clone() else { return };
    let (text, ty) = match target {
        Target::Mention(m) => {
            let e = &i.model.entities[i.model.mention_entity[m]];
            (e.canonical.clone(), e.ty.as_str().to_string())
        }
        Target::Badge(k) => {
            let st = &i.model.statements[k];
            (format!("{}: {}", st.name, excerpt(&st.content, 200)), "statement".to_string())
        }
    };
    let enc = |v: &str| String::from(js_sys::encode_uri_component(v));
    let href = template.replace("{url}", &enc(&i.doc.url().unwrap_or_default())).replace("{text}", &enc(&text)).replace("{type}", &enc(&ty));
    if !report_url_allowed(&href) {
        return;
    }
    let p = add(content, el(&i.doc, "p", &[("class", "report")], ""));
    add(&p, el(&i.doc, "a", &[("href", &href), ("target", "_blank"), ("rel", "noopener noreferrer"), ("data-gloss-report", "")], i.s.report));
}

/// Updates "i of n" after previous/next moved the card to mention `m`.
pub fn set_position(i: &Inner, m: usize) {
    let e = &i.model.entities[i.model.mention_entity[m]];
    let pos = e.mentions.iter().position(|&x| x == m).unwrap_or(0);
    if let Some(p) = i.card.query_selector(".pos").ok().flatten() {
        p.set_text_content(Some(&i.s.fill(i.s.i_of_n, &[("i", i.s.num(pos + 1)), ("n", i.s.num(e.mentions.len()))])));
    }
}
