//! In-browser tests of precomputed mode (`annotatePrecomputed`, src/web/precomputed.rs) and of
//! the one-definition rule for extraction: the browser's extractor reads the 20 real pages into
//! exactly the texts that `gloss precompute --text --no-scripting` wrote (tests/precompute.rs
//! checks the native side against the same files).
#![cfg(target_arch = "wasm32")]

use gloss::anchor::document::Annotations;
use gloss::web::api::annotate;
use gloss::web::extract::extract;
use gloss::web::precomputed::annotate_precomputed;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::{DomParser, Element, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! pages {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("fixtures/pages/", $name, ".html")),
             include_str!(concat!("fixtures/pages/extract/", $name, ".txt")))),*]
    };
}

const PAGES: &[(&str, &str, &str)] = pages![
    "aclu", "ars-1", "article-author-tag", "bug-1255978", "citylab-1", "cnn", "engadget",
    "herald-sun-1", "lazy-image-2", "lifehacker-working", "medicalnewstoday", "msn", "nytimes-3",
    "quanta-1", "theverge", "tmz-1", "videos-1", "wikia", "wikipedia", "wordpress",
];

const DEMO: &str = include_str!("../www/index.html");
/// Written by `gloss precompute www/index.html --selector '#story'` (tests/precompute.rs keeps it current).
const DEMO_ANNOTATIONS: &str = include_str!("../www/annotations/seed.json");

fn parse(html: &str) -> web_sys::Document {
    DomParser::new().unwrap().parse_from_string(html, SupportedType::TextHtml).unwrap()
}

#[wasm_bindgen_test]
fn the_browser_reads_the_real_pages_as_the_native_precomputer_does() {
    for (name, html, expected) in PAGES {
        let body: Element = parse(html).body().unwrap().into();
        let got = extract(&body).text;
        if got != *expected {
            let at = got.chars().zip(expected.chars()).take_while(|(a, b)| a == b).count();
            let near: String = expected.chars().skip(at.saturating_sub(40)).take(80).collect();
            panic!("{name}: browser and native texts differ at character {at} (native: {near:?})");
        }
    }
}

/// The demo article in a fresh element of the test page.
fn demo_story() -> Element {
    let story = parse(DEMO).get_element_by_id("story").unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("article").unwrap();
    el.set_inner_html(&story.inner_html());
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// (text, type, entity) of every mark, and (text, kind, source) of every statement.
fn marks(el: &Element) -> Vec<(String, String, String)> {
    let list = el.query_selector_all("gloss-mention, gloss-statement").unwrap();
    (0..list.length())
        .map(|i| {
            let e: Element = wasm_bindgen::JsCast::dyn_into(list.item(i).unwrap()).unwrap();
            let a = |n: &str| e.get_attribute(n).unwrap_or_default();
            let what = if e.local_name() == "gloss-mention" { a("data-gloss-type") } else { a("data-gloss-kind") };
            let who = if e.local_name() == "gloss-mention" { a("data-gloss-entity") } else { a("data-gloss-source") };
            (e.text_content().unwrap_or_default(), what, who)
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_committed_demo_annotations_give_the_same_marks_as_live_analysis() {
    let live_el = demo_story();
    let html_before = live_el.inner_html();
    let live = annotate(live_el.clone(), JsValue::UNDEFINED).unwrap();
    let live_marks = marks(&live_el);
    let live_count = live.mention_count();
    live.destroy();

    let pre_el = demo_story();
    let pre = annotate_precomputed(pre_el.clone(), JsValue::from_str(DEMO_ANNOTATIONS), JsValue::UNDEFINED).unwrap();
    let pre_marks = marks(&pre_el);
    assert!(live_marks.len() > 100, "{} marks", live_marks.len());
    assert_eq!(pre_marks, live_marks);
    assert_eq!(pre.mention_count(), live_count);
    pre.destroy();
    assert_eq!(pre_el.inner_html(), html_before, "destroy restores the element exactly");
    live_el.remove();
    pre_el.remove();
}

#[wasm_bindgen_test]
fn an_object_document_made_in_the_browser_works_too_and_a_changed_name_is_dropped() {
    let el = demo_story();
    let text = extract(&el).text;
    let analysis = gloss::analyze(&text, &gloss::Config::default()).unwrap();
    let doc = Annotations::new(&text, &analysis);
    let value = serde::Serialize::serialize(&doc, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap();
    // Edit the page after "publishing": the first "Kerman" becomes "Kirman".
    let p = el.query_selector_all(".body p").unwrap().item(0).unwrap();
    let t = p.first_child().unwrap();
    let data = t.node_value().unwrap();
    assert!(data.contains("in Kerman earlier"), "{data}");
    t.set_node_value(Some(&data.replacen("in Kerman earlier", "in Kirman earlier", 1)));
    let h = annotate_precomputed(el.clone(), value, JsValue::UNDEFINED).unwrap();
    let got = marks(&el);
    let kerman_before = analysis.mentions.iter().filter(|m| m.span.of(&text) == "Kerman").count();
    let kerman_after = got.iter().filter(|m| m.0 == "Kerman").count();
    assert!(kerman_before >= 3, "{kerman_before}");
    assert_eq!(kerman_after, kerman_before - 1, "only the edited mention is dropped");
    assert!(got.iter().all(|m| m.0 != "Kirman"), "nothing is placed on the changed word");
    assert_eq!(h.mention_count(), analysis.mentions.len() - 1);
    h.destroy();
    el.remove();
}

#[wasm_bindgen_test]
fn unusable_documents_are_errors_that_leave_the_page_alone() {
    let el = demo_story();
    let before = el.inner_html();
    for bad in ["not json", "{\"format\": 1}", "{\"format\": 2, \"gloss\": \"9\", \"text_length\": 0, \"entities\": [], \"mentions\": [], \"attributions\": []}", "42"] {
        let err = annotate_precomputed(el.clone(), JsValue::from_str(bad), JsValue::UNDEFINED).err().unwrap_or_else(|| panic!("{bad} accepted"));
        let msg = js_sys::Error::from(err).message().as_string().unwrap();
        assert!(msg.contains("annotations"), "{bad}: {msg}");
        assert_eq!(el.inner_html(), before);
    }
    // A text over maxBytes is refused as annotate refuses it.
    let opts = js_sys::JSON::parse("{\"maxBytes\": 10}").unwrap();
    assert!(annotate_precomputed(el.clone(), JsValue::from_str(DEMO_ANNOTATIONS), opts).is_err());
    assert_eq!(el.inner_html(), before);
    el.remove();
}
