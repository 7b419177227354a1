//! In-browser tests on 20 real saved web pages (tests/fixtures/pages, from the shared corpus):
//! extraction and annotation throw nothing, keep textContent, and destroy restores innerHTML.
#![cfg(target_arch = "wasm32")]

use gloss::text::{Document, Span, TokenKind};
use gloss::web::apply::{apply, Wrap};
use gloss::web::extract::extract;
use wasm_bindgen_test::*;
use web_sys::{DomParser, Element, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! pages {
    ($($name:literal),* $(,)?) => { &[$(($name, include_str!(concat!("fixtures/pages/", $name, ".html")))),*] };
}

const PAGES: &[(&str, &str)] = pages![
    "aclu", "ars-1", "article-author-tag", "bug-1255978", "citylab-1", "cnn", "engadget",
    "herald-sun-1", "lazy-image-2", "lifehacker-working", "medicalnewstoday", "msn", "nytimes-3",
    "quanta-1", "theverge", "tmz-1", "videos-1", "wikia", "wikipedia", "wordpress",
];

/// The page's body in an inert document (no scripts run, no resources load).
fn body_of(html: &str) -> Element {
    let doc = DomParser::new().unwrap().parse_from_string(html, SupportedType::TextHtml).unwrap();
    doc.body().unwrap().into()
}

/// Spans a test chooses: every capitalised word, plus two-word spans that cross from one Text
/// node into the next within a block (inline element boundaries).
fn chosen_spans(text: &str, piece_ends: &[usize]) -> Vec<Span> {
    let doc = Document::new(text);
    let mut spans = Vec::new();
    let toks = &doc.tokens;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let crosses = i + 1 < toks.len()
            && piece_ends.iter().any(|&e| t.span.end <= e && e <= toks[i + 1].span.start)
            && !text[t.span.end..toks[i + 1].span.start].contains('\n');
        if crosses && t.kind == TokenKind::Word {
            spans.push(Span::new(t.span.start, toks[i + 1].span.end));
            i += 2;
            continue;
        }
        if t.kind == TokenKind::Word && t.span.of(text).starts_with(char::is_uppercase) {
            spans.push(t.span);
        }
        i += 1;
    }
    spans
}

#[wasm_bindgen_test]
fn real_pages_annotate_keep_their_text_and_restore_exactly() {
    let mut total_marks = 0;
    let mut crossing = 0;
    for (name, html) in PAGES {
        let body = body_of(html);
        let html_before = body.inner_html();
        let text_before = body.text_content().unwrap_or_default();
        let ex = extract(&body);
        assert!(ex.text.len() > 200, "{name}: extracted only {} bytes", ex.text.len());
        let ends: Vec<usize> = ex.pieces.iter().map(|p| p.span.end).collect();
        let spans = chosen_spans(&ex.text, &ends);
        let wraps: Vec<Wrap> = spans
            .iter()
            .enumerate()
            .map(|(i, s)| Wrap { span: *s, tag: "gloss-mention", attrs: vec![("data-gloss-m", i.to_string())] })
            .collect();
        let mut log = apply(&ex, &wraps);
        let marks = body.query_selector_all("gloss-mention").unwrap().length() as usize;
        assert!(marks > 10, "{name}: only {marks} marks");
        assert_eq!(body.text_content().unwrap_or_default(), text_before, "{name}: textContent changed");
        // Annotation does not change what the extractor reads.
        assert_eq!(extract(&body).text, ex.text, "{name}: extracted text changed by annotation");
        crossing += spans.iter().filter(|s| ends.iter().any(|&e| s.start < e && e < s.end)).count();
        log.undo();
        assert_eq!(body.inner_html(), html_before, "{name}: destroy did not restore innerHTML");
        total_marks += marks;

        // The real pipeline (core analysis + marks) on the same page, through the public API.
        let handle = gloss::web::api::annotate(body.clone(), wasm_bindgen::JsValue::UNDEFINED).expect(name);
        assert_eq!(body.text_content().unwrap_or_default(), text_before, "{name}: textContent changed by annotate");
        handle.destroy();
        assert_eq!(body.inner_html(), html_before, "{name}: handle.destroy did not restore innerHTML");
    }
    assert!(total_marks > 1000, "{total_marks} marks over 20 pages");
    assert!(crossing > 20, "only {crossing} spans crossed an inline boundary");
}
