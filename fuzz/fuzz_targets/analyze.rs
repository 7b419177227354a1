//! `analyze` on arbitrary text: no panic; every span in bounds, on character boundaries, and
//! non-empty; mentions sorted and non-overlapping; the same text gives the same analysis.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = gloss::Config::default();
    let Ok(a) = gloss::analyze(&text, &config) else { return };
    let ok = |s: gloss::text::Span| s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for m in &a.mentions {
        assert!(ok(m.span), "mention span {:?}", m.span);
        assert!(m.entity < a.entities.len());
    }
    for w in a.mentions.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "mentions overlap or are unsorted");
    }
    for r in &a.attributions {
        assert!(ok(r.source) && ok(r.cue) && ok(r.content), "attribution spans {r:?}");
    }
    for s in a.sentences.iter().chain(&a.paragraphs) {
        assert!(ok(*s));
    }
    assert_eq!(gloss::analyze(&text, &config).ok(), Some(a), "not deterministic");
    let json = gloss::json::JsonAnalysis::new(&text, &gloss::analyze(&text, &config).unwrap());
    let chars: Vec<char> = text.chars().collect();
    for e in &json.entities {
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }
});
