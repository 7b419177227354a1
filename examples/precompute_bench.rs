//! Precomputed mode against live analysis, natively: for each text file, the time of `analyze`
//! and of `resolve_document` (anchoring a precomputed document in the same text, and in the text
//! edited: a sentence inserted at the second paragraph), best of 20.
//! `cargo run --release --example precompute_bench -- tests/fixtures/dev/*/article.txt`
use gloss::anchor::document::{resolve_document, Annotations};
use std::time::Instant;

fn best<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let config = gloss::Config::default();
    let (mut ta, mut tr, mut te, mut bytes) = (0.0, 0.0, 0.0, 0);
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("read");
        let analysis = gloss::analyze(&text, &config).unwrap();
        let doc = Annotations::new(&text, &analysis);
        assert_eq!(resolve_document(&text, &doc).unwrap(), analysis);
        let a = best(|| gloss::analyze(&text, &config).unwrap());
        let r = best(|| resolve_document(&text, &doc).unwrap());
        let at = text.find('\n').map_or(0, |i| i + 1);
        let edited = format!("{}An inserted sentence, about nothing. {}", &text[..at], &text[at..]);
        let e = best(|| resolve_document(&edited, &doc).unwrap());
        let json = serde_json::to_string(&doc).unwrap().len();
        println!("{path}: {} bytes, analyze {a:.2} ms, resolve {r:.2} ms (edited {e:.2} ms), document {json} bytes", text.len());
        (ta, tr, te, bytes) = (ta + a, tr + r, te + e, bytes + text.len());
    }
    println!("total {bytes} bytes: analyze {ta:.2} ms, resolve {tr:.2} ms ({:.1}x faster), edited {te:.2} ms ({:.1}x)", ta / tr, ta / te);
}
