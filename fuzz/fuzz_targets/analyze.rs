//! `analyze` on arbitrary text: no panic; every span in bounds, on character boundaries, and
//! non-empty; mentions, sentences and paragraphs sorted and non-overlapping; every index valid;
//! the JSON's code-point spans point at the same text; the same text gives the same analysis;
//! a text over the size limit is refused with `TooLarge`, never analysed.
#![no_main]
use gloss::text::Span;
use libfuzzer_sys::fuzz_target;

fn sorted_disjoint(spans: &[Span], what: &str) {
    for w in spans.windows(2) {
        assert!(w[0].end <= w[1].start, "{what} overlap or are unsorted: {:?} {:?}", w[0], w[1]);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = gloss::Config::default();
    // The refusal path: a limit below the text's length is a clear error.
    if !text.is_empty() {
        let small = gloss::Config { max_bytes: text.len() - 1 };
        let err = gloss::analyze(&text, &small).expect_err("over the limit");
        assert_eq!(err, gloss::Error::TooLarge { bytes: text.len(), limit: text.len() - 1 });
    }
    let Ok(a) = gloss::analyze(&text, &config) else { return };
    let ok = |s: Span| s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for m in &a.mentions {
        assert!(ok(m.span), "mention span {:?}", m.span);
        assert!(m.entity < a.entities.len());
    }
    for (i, m) in a.mentions.iter().enumerate() {
        assert!(a.entities[m.entity].mentions.contains(&i), "mention {i} missing from its entity");
    }
    sorted_disjoint(&a.mentions.iter().map(|m| m.span).collect::<Vec<_>>(), "mentions");
    for (ei, e) in a.entities.iter().enumerate() {
        for w in e.mentions.windows(2) {
            assert!(w[0] < w[1], "an entity's mentions are in text order");
        }
        for &m in &e.mentions {
            assert_eq!(a.mentions.get(m).map(|m| m.entity), Some(ei), "entity {ei} lists mention {m}");
        }
    }
    for r in &a.attributions {
        assert!(ok(r.source) && ok(r.cue) && ok(r.content), "attribution spans {r:?}");
        assert!(r.entity.map_or(true, |e| e < a.entities.len()));
    }
    for s in a.sentences.iter().chain(&a.paragraphs) {
        assert!(ok(*s));
    }
    sorted_disjoint(&a.sentences, "sentences");
    sorted_disjoint(&a.paragraphs, "paragraphs");
    assert!(a.summary.unattributed_paragraphs.iter().all(|&p| p < a.paragraphs.len()));
    let again = gloss::analyze(&text, &config).expect("deterministic");
    assert_eq!(again, a, "not deterministic");
    let json = gloss::json::JsonAnalysis::new(&text, &a);
    assert_eq!(json, gloss::json::JsonAnalysis::new(&text, &again));
    let chars: Vec<char> = text.chars().collect();
    for e in &json.entities {
        assert!(e.start < e.end && e.end <= chars.len());
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }
    for r in &json.attributions {
        for s in [&r.source, &r.cue, &r.content] {
            assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        }
    }
});
