//! In-browser tests of the DOM layer on small fixtures: extract, apply, destroy.
//! Run with `make test-browser` (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use gloss::text::Span;
use gloss::web::apply::{apply, Wrap};
use gloss::web::extract::extract;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh fixture in its own div (the test page's own elements are never replaced).
fn fixture(html: &str) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    div.set_inner_html(html);
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Span::new(start, start + needle.len())
}

fn mention(span: Span, id: &str) -> Wrap {
    Wrap { span, tag: "gloss-mention", attrs: vec![("data-gloss-type", "PERSON".into()), ("data-gloss-m", id.into())] }
}

fn wrapped_texts(root: &Element) -> Vec<String> {
    let list = root.query_selector_all("gloss-mention").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
fn extract_separates_blocks_and_skips_non_text() {
    let root = fixture(
        "<p>Hello <b>big</b> world</p><ul><li>One</li><li>Two</li></ul><script>x()</script>\
         <p hidden>no</p><div aria-hidden=\"true\">no</div><p>Line<br>break</p><code>c</code>\
         <span data-gloss-skip>skip</span><gloss-badge>badge</gloss-badge><div contenteditable>ed</div>\
         <p>in <gloss-mention>mark</gloss-mention></p><template>t</template><style>p{}</style>",
    );
    let ex = extract(&root);
    assert_eq!(ex.text, "Hello big world\nOne\nTwo\nLine\nbreak\nin mark\n");
}

#[wasm_bindgen_test]
fn newlines_inside_text_nodes_are_spaces_not_paragraphs() {
    let root = fixture("<p>Alex\n   Vatanka\r\nsaid\u{2028}now</p>");
    let ex = extract(&root);
    // The HTML parser already turned \r\n into \n; U+2028 is read as a space of the same length.
    assert_eq!(ex.text, "Alex    Vatanka said\u{2002}now\n");
    let doc = gloss::text::Document::new(&ex.text);
    assert_eq!(doc.paragraphs.len(), 1);
}

#[wasm_bindgen_test]
fn a_span_across_inline_elements_becomes_wrapped_pieces_and_destroy_restores() {
    let root = fixture("<p><b>Alex</b> Vatanka said <i>so</i>.</p>");
    let before = root.inner_html();
    let p = root.query_selector("p").unwrap().unwrap();
    let tail: Node = p.child_nodes().item(1).unwrap(); // " Vatanka said "
    let ex = extract(&root);
    let mut log = apply(&ex, &[mention(span_of(&ex.text, "Alex Vatanka"), "0")]);
    assert_eq!(wrapped_texts(&root), ["Alex", "Vatanka"]);
    assert_eq!(root.text_content().unwrap(), "Alex Vatanka said so.");
    assert_eq!(log.wrapper_count(), 2);
    log.undo();
    assert_eq!(root.inner_html(), before);
    assert!(p.child_nodes().item(1).unwrap() == tail, "the page's Text node is the same object");
}

#[wasm_bindgen_test]
fn many_spans_in_one_text_node() {
    let root = fixture("<p>Iran, Iraq and Syria met Israel.</p>");
    let before = root.inner_html();
    let ex = extract(&root);
    let spans: Vec<Wrap> = ["Iran", "Iraq", "Syria", "Israel"].iter().enumerate().map(|(i, w)| mention(span_of(&ex.text, w), &i.to_string())).collect();
    let mut log = apply(&ex, &spans);
    assert_eq!(wrapped_texts(&root), ["Iran", "Iraq", "Syria", "Israel"]);
    assert_eq!(root.text_content().unwrap(), "Iran, Iraq and Syria met Israel.");
    log.undo();
    assert_eq!(root.inner_html(), before);
    assert_eq!(root.query_selector("p").unwrap().unwrap().child_nodes().length(), 1, "split nodes merged back");
}

#[wasm_bindgen_test]
fn never_wraps_inside_links_or_buttons() {
    let root = fixture("<p>Read <a href=\"#\">Iran International</a> or <button>Press Here</button> now</p>");
    let ex = extract(&root);
    let spans = [
        mention(span_of(&ex.text, "Read Iran"), "0"),
        mention(span_of(&ex.text, "International"), "1"),
        mention(span_of(&ex.text, "Press"), "2"),
    ];
    let mut log = apply(&ex, &spans);
    assert_eq!(wrapped_texts(&root), ["Read"]);
    log.undo();
}

#[wasm_bindgen_test]
fn offsets_are_right_with_emoji_accents_and_rtl_text() {
    let root = fixture("<p>😀 Café <i>تهران</i> 👨‍👩‍👧 Iran’s <b>e\u{301}lan</b> שלום</p>");
    let before = root.inner_html();
    let ex = extract(&root);
    let words = ["Café", "تهران", "Iran", "e\u{301}lan", "שלום"];
    let spans: Vec<Wrap> = words.iter().enumerate().map(|(i, w)| mention(span_of(&ex.text, w), &i.to_string())).collect();
    let mut log = apply(&ex, &spans);
    assert_eq!(wrapped_texts(&root), words);
    log.undo();
    assert_eq!(root.inner_html(), before);
}

#[wasm_bindgen_test]
fn lone_surrogates_in_dom_text_do_not_shift_offsets() {
    let root = fixture("<p></p>");
    let p = root.query_selector("p").unwrap().unwrap();
    let add = js_sys::Function::new_with_args("p", "p.appendChild(document.createTextNode('a\\uD800b \\uDC00 Iran'))");
    add.call1(&JsValue::NULL, &p).unwrap();
    let ex = extract(&root);
    assert_eq!(ex.text, "a\u{FFFD}b \u{FFFD} Iran\n");
    let mut log = apply(&ex, &[mention(span_of(&ex.text, "Iran"), "0")]);
    assert_eq!(wrapped_texts(&root), ["Iran"]);
    log.undo();
    let restored = js_sys::Function::new_with_args("p", "return p.textContent === 'a\\uD800b \\uDC00 Iran'");
    assert_eq!(restored.call1(&JsValue::NULL, &p).unwrap(), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn listeners_and_elements_survive_annotate_and_destroy() {
    let root = fixture("<p>Ask <b id=\"who\">Alex Vatanka</b> today</p>");
    let b: HtmlElement = root.query_selector("#who").unwrap().unwrap().dyn_into().unwrap();
    let count = js_sys::Function::new_with_args("b", "b.__clicks = 0; b.addEventListener('click', () => b.__clicks++);");
    count.call1(&JsValue::NULL, &b).unwrap();
    let ex = extract(&root);
    let mut log = apply(&ex, &[mention(span_of(&ex.text, "Ask Alex"), "0"), mention(span_of(&ex.text, "today"), "1")]);
    b.click();
    log.undo();
    b.click();
    let clicks = js_sys::Reflect::get(&b, &"__clicks".into()).unwrap();
    assert_eq!(clicks.as_f64(), Some(2.0));
    assert!(root.query_selector("#who").unwrap().unwrap() == *b.unchecked_ref::<Element>());
}

#[wasm_bindgen_test]
fn overlapping_and_out_of_range_spans_are_skipped_not_fatal() {
    let root = fixture("<p>Alex Vatanka</p>");
    let ex = extract(&root);
    let len = ex.text.len();
    let spans = [mention(Span::new(0, 4), "0"), mention(Span::new(2, 8), "1"), mention(Span::new(len, len + 10), "2"), mention(Span::new(1, 2), "3")];
    let mut log = apply(&ex, &spans);
    assert_eq!(wrapped_texts(&root), ["Alex"]);
    log.undo();
}

#[wasm_bindgen_test]
fn annotate_twice_returns_the_same_annotation_and_destroy_restores() {
    let root = fixture("<h2>Iran Ignored US Warnings</h2><p>Alex Vatanka said Iran’s proxies 😀 were hit in <a href=\"#\">Kerman</a>.</p>");
    let before = root.inner_html();
    let text_before = root.text_content();
    let h1 = gloss::web::api::annotate(root.clone(), JsValue::UNDEFINED).unwrap();
    let marks = root.query_selector_all("gloss-mention").unwrap().length();
    let h2 = gloss::web::api::annotate(root.clone(), JsValue::UNDEFINED).unwrap();
    assert_eq!(root.query_selector_all("gloss-mention").unwrap().length(), marks, "no second layer of marks");
    assert_eq!(root.text_content(), text_before);
    h2.destroy();
    assert!(h1.destroyed(), "both handles are one annotation");
    assert_eq!(root.inner_html(), before);
    h1.destroy(); // a second destroy is a no-op
    assert_eq!(root.inner_html(), before);
}

#[wasm_bindgen_test]
fn oversized_text_is_a_clear_error() {
    let root = fixture("<p>Some article text that is long enough.</p>");
    let opts = js_sys::JSON::parse("{\"maxBytes\": 8}").unwrap();
    let err = gloss::web::api::annotate(root.clone(), opts).err().expect("refused");
    let msg = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(msg.contains("over the configured limit of 8 bytes"), "{msg}");
    assert_eq!(root.query_selector_all("gloss-mention").unwrap().length(), 0);
}
