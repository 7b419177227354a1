//! `gloss precompute`: the native HTML reader gives the texts the browser's extractor gives (both
//! pinned to tests/fixtures/pages/extract/*.txt; tests/web_precomputed.rs checks the browser
//! side), the demo's committed annotations are current, and a document made from a page still
//! applies to an edited version of it: untouched annotations kept, changed ones dropped, none
//! misplaced. To rewrite the pinned files after an intended change: `GLOSS_BLESS=1 cargo test
//! --test precompute`.
#![cfg(not(target_arch = "wasm32"))]

use gloss::anchor::document::{resolve_document, Annotations};
use gloss::text::Span;
use std::process::Command;

const GLOSS: &str = env!("CARGO_BIN_EXE_gloss");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const PAGES: &[&str] = &[
    "aclu", "ars-1", "article-author-tag", "bug-1255978", "citylab-1", "cnn", "engadget",
    "herald-sun-1", "lazy-image-2", "lifehacker-working", "medicalnewstoday", "msn", "nytimes-3",
    "quanta-1", "theverge", "tmz-1", "videos-1", "wikia", "wikipedia", "wordpress",
];

fn gloss(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(GLOSS).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn check_pinned(path: &str, got: &str) {
    let bless = std::env::var_os("GLOSS_BLESS").is_some();
    let want = std::fs::read_to_string(path).unwrap_or_default();
    if got != want {
        if bless {
            std::fs::write(path, got).unwrap();
        } else {
            let at = got.chars().zip(want.chars()).take_while(|(a, b)| a == b).count();
            panic!("{path} is out of date (first difference at character {at}); GLOSS_BLESS=1 rewrites it");
        }
    }
}

#[test]
fn native_extraction_of_the_real_pages_is_pinned_for_the_browser_test() {
    let mut total = 0;
    for name in PAGES {
        let page = format!("{ROOT}/tests/fixtures/pages/{name}.html");
        // --no-scripting: the in-browser test parses with DOMParser, which has scripting off.
        let (code, text, err) = gloss(&["precompute", &page, "--selector", "body", "--text", "--no-scripting"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(text.len() > 200, "{name}: {} bytes", text.len());
        check_pinned(&format!("{ROOT}/tests/fixtures/pages/extract/{name}.txt"), &text);
        total += text.len();
    }
    assert!(total > 500_000, "{total}");
}

#[test]
fn the_demo_annotations_are_current() {
    let (code, json, err) = gloss(&["precompute", &format!("{ROOT}/www/index.html"), "--selector", "#story"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("mentions of") && err.contains("statements"), "{err}");
    check_pinned(&format!("{ROOT}/www/annotations/seed.json"), &json);
    let doc = Annotations::from_json(&json).unwrap();
    assert_eq!(doc.format, 1);
    assert!(doc.mentions.len() > 100 && doc.attributions.len() > 10);
    let m = &doc.mentions[0].anchor;
    assert!(!m.exact.is_empty() && m.suffix.chars().count() == gloss::anchor::CONTEXT);
}

#[test]
fn precompute_errors_are_clear() {
    let page = format!("{ROOT}/www/index.html");
    let (code, out, err) = gloss(&["precompute", &page, "--selector", "#nope"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("no element matches \"#nope\""), "{err}");
    let (code, _, err) = gloss(&["precompute", &page, "--selector", "p["]);
    assert_eq!(code, 2);
    assert!(err.contains("bad selector"), "{err}");
    let (code, _, err) = gloss(&["precompute", "/nonexistent.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent.html"), "{err}");
    let (code, _, err) = gloss(&["precompute", &page, "--frob"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown option --frob"), "{err}");
}

/// The edit of the demo article the end-to-end test also makes: a sentence inserted in the
/// second paragraph, and one word of a statement changed.
const INSERTED: &str = "Officials in Tehran did not answer questions on Friday. ";
const CHANGED_FROM: &str = "has been implemented across administrations";
const CHANGED_TO: &str = "has been applied across administrations";

#[test]
fn an_edited_page_keeps_the_untouched_annotations_and_drops_the_changed() {
    let html = std::fs::read_to_string(format!("{ROOT}/www/index.html")).unwrap();
    let read = |html: &str| gloss::html::extract_selected(&gloss::html::parse(html, true), "#story").unwrap();
    let text = read(&html);
    let analysis = gloss::analyze(&text, &gloss::Config::default()).unwrap();
    let doc = Annotations::from_json(&std::fs::read_to_string(format!("{ROOT}/www/annotations/seed.json")).unwrap()).unwrap();
    assert_eq!(resolve_document(&text, &doc).unwrap(), analysis, "the unchanged page gives the live analysis");

    let edited_html = html
        .replacen("<p>Separately, Iran International", &format!("<p>{INSERTED}Separately, Iran International"), 1)
        .replacen(CHANGED_FROM, CHANGED_TO, 1);
    let edited = read(&edited_html);
    let ins_at = text.find("Separately, Iran International").unwrap();
    let chg = text.find(CHANGED_FROM).unwrap() + "has been ".len();
    let changed = Span::new(chg, chg + "implemented".len());
    // Where each original span is in the edited text (None if the edit touched it).
    let delta = CHANGED_TO.len() as isize - CHANGED_FROM.len() as isize;
    let map = |s: Span| -> Option<Span> {
        if s.overlaps(changed) {
            return None;
        }
        let p = |x: usize| if x >= changed.end { (x as isize + delta) as usize } else { x };
        let q = |x: usize| if x >= ins_at { x + INSERTED.len() } else { x };
        Some(Span::new(q(p(s.start)), q(p(s.end))))
    };
    let r = resolve_document(&edited, &doc).unwrap();
    let want: Vec<_> = analysis.mentions.iter().filter_map(|m| Some((map(m.span)?, m.ty))).collect();
    let got: Vec<_> = r.mentions.iter().map(|m| (m.span, m.ty)).collect();
    assert_eq!(got.len(), analysis.mentions.len(), "no mention includes the changed word");
    assert_eq!(got, want, "every mention kept, at its moved place");
    let want_st: Vec<_> = analysis
        .attributions
        .iter()
        .filter_map(|a| Some((map(a.source)?, map(a.cue)?, map(a.content)?)))
        .collect();
    let got_st: Vec<_> = r.attributions.iter().map(|a| (a.source, a.cue, a.content)).collect();
    assert_eq!(got_st.len(), analysis.attributions.len() - 1, "the changed statement is dropped");
    assert_eq!(got_st, want_st, "the other statements kept, at their moved places");
}
