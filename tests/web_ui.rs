//! In-browser tests of the reader's UI on small fixtures with hand-made analyses: statement
//! wrapping and its undo, mentions inside statements, badges, card and panel content, Persian.
//! Run with `make test-browser` (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use gloss::analysis::{Analysis, Attribution, Entity, EntityType, Mention, SourceKind};
use gloss::text::Span;
use gloss::web::api::{annotate_with, statement_wraps};
use gloss::web::apply::{apply_ranges, Wrap};
use gloss::web::extract::extract;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fixture(html: &str) -> Element {
    let div = doc().create_element("div").unwrap();
    div.set_inner_html(html);
    doc().body().unwrap().append_child(&div).unwrap();
    div
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Span::new(start, start + needle.len())
}

fn statement(span: Span, id: usize) -> Wrap {
    Wrap { span, tag: "gloss-statement", attrs: vec![("data-gloss-statement", id.to_string())] }
}

fn texts(root: &Element, sel: &str) -> Vec<String> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
fn a_statement_wraps_a_run_with_links_and_inline_elements_and_undo_is_exact() {
    let root = fixture("<p>Before it, <b>Vatanka</b> said the <a href=\"#x\">attack was</a> a <i>humiliating</i> setback. After.</p>");
    let before = root.inner_html();
    let p = root.query_selector("p").unwrap().unwrap();
    let first_text: Node = p.first_child().unwrap();
    let ex = extract(&root);
    let span = span_of(&ex.text, "the attack was a humiliating setback");
    let mut log = apply_ranges(&ex, &root, &[statement(span, 0)]);
    assert_eq!(texts(&root, "gloss-statement"), ["the attack was a humiliating setback"]);
    assert_eq!(root.text_content().unwrap(), "Before it, Vatanka said the attack was a humiliating setback. After.");
    // The link is inside the statement, whole.
    assert!(root.query_selector("gloss-statement > a").unwrap().is_some());
    log.undo();
    assert_eq!(root.inner_html(), before);
    assert!(p.first_child().unwrap() == first_text, "the page's Text node is the same object");
}

#[wasm_bindgen_test]
fn a_statement_across_blocks_is_one_wrapper_per_block_sharing_the_id() {
    let root = fixture("<blockquote><p>“First part of it.</p><p>Second part.”</p></blockquote><p>Next.</p>");
    let before = root.inner_html();
    let ex = extract(&root);
    let span = span_of(&ex.text, "“First part of it.\nSecond part.”");
    let mut log = apply_ranges(&ex, &root, &[statement(span, 3)]);
    assert_eq!(texts(&root, "gloss-statement[data-gloss-statement=\"3\"]"), ["“First part of it.", "Second part.”"]);
    log.undo();
    assert_eq!(root.inner_html(), before);
}

#[wasm_bindgen_test]
fn a_statement_ending_inside_a_link_takes_the_whole_link_and_two_statements_share_a_node() {
    let root = fixture("<p>One said x y z. Two said <a href=\"#\">p q</a> r.</p>");
    let before = root.inner_html();
    let ex = extract(&root);
    let a = span_of(&ex.text, "x y z");
    let b = span_of(&ex.text, "p");
    let mut log = apply_ranges(&ex, &root, &[statement(a, 0), statement(b, 1)]);
    assert_eq!(texts(&root, "gloss-statement"), ["x y z", "p q"]);
    assert_eq!(root.text_content().unwrap(), "One said x y z. Two said p q r.");
    log.undo();
    assert_eq!(root.inner_html(), before);
}

/// "Alex Vatanka, director of the Iran program, said “it was a setback.” Officials said Iran knew. Vatanka agreed."
fn analysis_for(text: &str) -> Analysis {
    let m0 = span_of(text, "Alex Vatanka");
    let m1 = span_of(text, "Iran program");
    let m2 = span_of(text, "Vatanka agreed");
    let m2 = Span::new(m2.start, m2.start + "Vatanka".len());
    let m3 = span_of(text, "Iran knew");
    let m3 = Span::new(m3.start, m3.start + 4);
    let mentions = vec![
        Mention { span: m0, ty: EntityType::Person, entity: 0 },
        Mention { span: m1, ty: EntityType::Org, entity: 1 },
        Mention { span: m3, ty: EntityType::Place, entity: 2 },
        Mention { span: m2, ty: EntityType::Person, entity: 0 },
    ];
    let entities = vec![
        Entity { canonical: "Alex Vatanka".into(), ty: EntityType::Person, aliases: vec![], descriptor: Some("director of the Iran program".into()), mentions: vec![0, 3] },
        Entity { canonical: "Iran program".into(), ty: EntityType::Org, aliases: vec![], descriptor: None, mentions: vec![1] },
        Entity { canonical: "Iran".into(), ty: EntityType::Place, aliases: vec![], descriptor: None, mentions: vec![2] },
    ];
    let q = span_of(text, "“it was a setback.”");
    let attributions = vec![
        Attribution { source: m0, cue: span_of(text, "said “"), content: q, kind: SourceKind::Named, direct: true, entity: Some(0), canonical: Some("Alex Vatanka".into()) },
        Attribution {
            source: span_of(text, "Officials"),
            cue: span_of(text, "said Iran"),
            content: span_of(text, "Iran knew"),
            kind: SourceKind::Unnamed,
            direct: false,
            entity: None,
            canonical: None,
        },
    ];
    let cue0 = &attributions[0].cue;
    let cue0 = Span::new(cue0.start, cue0.start + 4);
    let cue1 = Span::new(attributions[1].cue.start, attributions[1].cue.start + 4);
    let mut attributions = attributions;
    attributions[0].cue = cue0;
    attributions[1].cue = cue1;
    let mut a = Analysis { mentions, entities, attributions, ..Default::default() };
    a.paragraphs = vec![Span::new(0, text.len())];
    a.summary.unattributed_paragraphs = vec![];
    a
}

const ARTICLE: &str = "<p><b>Alex Vatanka</b>, director of the Iran program, said “it was a setback.” Officials said Iran knew. Vatanka agreed.</p>";

#[wasm_bindgen_test]
fn annotate_marks_statements_then_mentions_inside_them_adds_badges_and_destroy_restores() {
    let root = fixture(ARTICLE);
    let before = root.inner_html();
    let text_before = root.text_content().unwrap();
    let ex = extract(&root);
    let a = analysis_for(&ex.text);
    assert_eq!(statement_wraps(&ex.text, &a).len(), 2);
    let handle = annotate_with(root.clone(), &ex, &a, wasm_bindgen::JsValue::UNDEFINED);
    assert_eq!(texts(&root, "gloss-statement"), ["“it was a setback.”", "Iran knew"]);
    // The mention "Iran" inside the second statement is wrapped too.
    assert!(root.query_selector("gloss-statement gloss-mention[data-gloss-type=PLACE]").unwrap().is_some());
    assert_eq!(texts(&root, "gloss-mention"), ["Alex Vatanka", "Iran program", "Iran", "Vatanka"]);
    let badges = root.query_selector_all("gloss-badge").unwrap();
    assert_eq!(badges.length(), 2);
    let b0: Element = badges.item(0).unwrap().dyn_into().unwrap();
    assert_eq!(b0.get_attribute("data-gloss-kind").as_deref(), Some("named"));
    assert_eq!(b0.get_attribute("data-gloss-source").as_deref(), Some("Alex Vatanka"));
    assert_eq!(b0.get_attribute("role").as_deref(), Some("button"));
    assert_eq!(b0.get_attribute("aria-label").as_deref(), Some("Vatanka: Named source"));
    // The label is in the badge's shadow root, so the article's text is unchanged.
    assert_eq!(b0.shadow_root().unwrap().text_content().unwrap_or_default(), "Vatanka");
    assert_eq!(root.text_content().unwrap(), text_before);
    // Tab stops: the first mention of each entity; later mentions are reached by arrow keys.
    let tabbable = root.query_selector_all("gloss-mention[tabindex=\"0\"]").unwrap().length();
    assert_eq!(tabbable, 3);
    // The panel sits right after the article with its verdict.
    let panel = root.next_element_sibling().unwrap();
    assert_eq!(panel.local_name(), "gloss-panel");
    let ptext = panel.shadow_root().unwrap().text_content().unwrap_or_default();
    assert!(ptext.contains("1 of 2 statements come from unnamed sources."), "{ptext}");
    assert!(doc().query_selector("body > gloss-layer").unwrap().is_some());
    handle.destroy();
    assert_eq!(root.inner_html(), before);
    assert!(root.next_element_sibling().is_none(), "panel removed");
    assert!(doc().query_selector("body > gloss-layer").unwrap().is_none(), "card layer removed");
}

fn card_text(card: &Element) -> String {
    card.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn cards_show_the_entity_and_the_source() {
    let root = fixture(ARTICLE);
    let ex = extract(&root);
    let a = analysis_for(&ex.text);
    let handle = annotate_with(root.clone(), &ex, &a, wasm_bindgen::JsValue::UNDEFINED);
    let layer = doc().query_selector("body > gloss-layer:last-of-type").unwrap().unwrap();
    let card = layer.shadow_root().unwrap().query_selector("[role=dialog]").unwrap().unwrap();
    assert!(card.has_attribute("hidden"), "closed cards are hidden");
    assert_eq!(card.get_attribute("aria-modal").as_deref(), Some("false"));

    handle.open_mention(0);
    assert!(!card.has_attribute("hidden"));
    let t = card_text(&card);
    for want in ["Alex Vatanka", "Person", "director of the Iran program", "Mentioned 2 times", "1 of 2", "What Alex Vatanka says in this article", "“it was a setback.”"] {
        assert!(t.contains(want), "{want:?} missing from {t:?}");
    }
    let title = card.query_selector("#gloss-card-title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "Alex Vatanka");
    let m0 = root.query_selector("gloss-mention[data-gloss-m=\"0\"]").unwrap().unwrap();
    assert_eq!(m0.get_attribute("aria-expanded").as_deref(), Some("true"));

    handle.open_statement(1);
    let t = card_text(&card);
    for want in ["Officials", "Unnamed source", "Cue", "said", "Paraphrase"] {
        assert!(t.contains(want), "{want:?} missing from {t:?}");
    }
    assert_eq!(m0.get_attribute("aria-expanded").as_deref(), Some("false"), "opening another card closes the first");
    let s1 = root.query_selector("gloss-statement[data-gloss-statement=\"1\"]").unwrap().unwrap();
    assert!(s1.has_attribute("data-gloss-active"), "an open badge card tints its statement");
    handle.close_card();
    assert!(card.has_attribute("hidden"));
    assert!(!s1.has_attribute("data-gloss-active"));
    handle.destroy();
}

#[wasm_bindgen_test]
fn a_persian_page_gets_persian_strings_and_digits() {
    let root = fixture("");
    root.set_attribute("lang", "fa").unwrap();
    root.set_attribute("dir", "rtl").unwrap();
    root.set_inner_html(ARTICLE);
    let ex = extract(&root);
    let a = analysis_for(&ex.text);
    let handle = annotate_with(root.clone(), &ex, &a, wasm_bindgen::JsValue::UNDEFINED);
    handle.open_mention(3);
    let layer = doc().query_selector("body > gloss-layer:last-of-type").unwrap().unwrap();
    let card = layer.shadow_root().unwrap().query_selector("[role=dialog]").unwrap().unwrap();
    assert_eq!(card.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(card.get_attribute("lang").as_deref(), Some("fa"));
    let t = card_text(&card);
    assert!(t.contains("شخص"), "{t}");
    assert!(t.contains("۲ از ۲"), "{t}");
    handle.destroy();
}

macro_rules! pages {
    ($($name:literal),* $(,)?) => { &[$(($name, include_str!(concat!("fixtures/pages/", $name, ".html")))),*] };
}

/// Real pages: every sentence becomes a statement (runs across links, inline elements, blocks),
/// then capitalised words inside them become mentions; text is unchanged and two undos in
/// reverse order restore innerHTML exactly.
#[wasm_bindgen_test]
fn real_pages_statement_wrapping_keeps_text_and_restores_exactly() {
    use gloss::web::apply::{allow_inside_statements, apply};
    const PAGES: &[(&str, &str)] = pages!["aclu", "cnn", "nytimes-3", "theverge", "wikipedia", "quanta-1"];
    let mut total = 0;
    for (name, html) in PAGES {
        let parsed = web_sys::DomParser::new().unwrap().parse_from_string(html, web_sys::SupportedType::TextHtml).unwrap();
        let body: Element = parsed.body().unwrap().into();
        let html_before = body.inner_html();
        let text_before = body.text_content().unwrap_or_default();
        let ex = extract(&body);
        let doc = gloss::text::Document::new(&ex.text);
        let wraps: Vec<Wrap> = doc.sentences.iter().enumerate().map(|(i, s)| statement(s.span, i)).collect();
        let mut log1 = apply_ranges(&ex, &body, &wraps);
        let n = body.query_selector_all("gloss-statement").unwrap().length();
        assert!(n > 20, "{name}: only {n} statement wrappers");
        total += n;
        assert_eq!(body.text_content().unwrap_or_default(), text_before, "{name}: textContent changed");
        let mut again = extract(&body);
        assert_eq!(again.text, ex.text, "{name}: statement wrappers changed the extracted text");
        allow_inside_statements(&mut again, &body);
        let words: Vec<Wrap> = gloss::text::Document::new(&again.text)
            .tokens
            .iter()
            .filter(|t| t.span.of(&again.text).starts_with(char::is_uppercase))
            .map(|t| Wrap { span: t.span, tag: "gloss-mention", attrs: vec![] })
            .collect();
        let mut log2 = apply(&again, &words);
        let inside = body.query_selector_all("gloss-statement gloss-mention").unwrap().length();
        assert!(inside > 10, "{name}: only {inside} mentions inside statements");
        assert_eq!(body.text_content().unwrap_or_default(), text_before, "{name}: textContent changed by mentions");
        log2.undo();
        log1.undo();
        assert_eq!(body.inner_html(), html_before, "{name}: undo did not restore innerHTML");
    }
    assert!(total > 300, "{total} statement wrappers");
}
