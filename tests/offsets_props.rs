//! Property tests: offset conversions round-trip and keep order on arbitrary Unicode, and the
//! tokenizer and segmenter never panic and keep spans on character boundaries.
#![cfg(not(target_arch = "wasm32"))]

use gloss::text::offsets::{OffsetIndex, Unit};
use gloss::text::Document;
use proptest::prelude::*;

/// Text mixing ASCII, accents, combining marks, astral characters, RTL scripts and controls.
fn unicode_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[a-zA-Z0-9 .,'\"-]{0,12}",
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("😀".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("🇮🇷".to_string()),
        Just("تهران".to_string()),
        Just("שלום".to_string()),
        Just("\u{200B}\u{200C}\u{200F}\u{2066}".to_string()),
        Just("\n".to_string()),
        Just("“”’…—".to_string()),
        Just("\u{0}".to_string()),
        Just(" n't ".to_string()),
        Just("'s".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn conversions_round_trip_and_keep_order(text in unicode_text()) {
        let ix = OffsetIndex::new(&text);
        let mut prev = (0usize, 0usize, 0usize);
        let mut boundaries = 0;
        for b in 0..=text.len() {
            let u16 = ix.convert(b, Unit::Utf8, Unit::Utf16);
            let cp = ix.convert(b, Unit::Utf8, Unit::CodePoint);
            prop_assert_eq!(u16.is_some(), text.is_char_boundary(b));
            prop_assert_eq!(cp.is_some(), text.is_char_boundary(b));
            if let (Some(u), Some(c)) = (u16, cp) {
                boundaries += 1;
                prop_assert_eq!(ix.convert(u, Unit::Utf16, Unit::Utf8), Some(b));
                prop_assert_eq!(ix.convert(c, Unit::CodePoint, Unit::Utf8), Some(b));
                prop_assert_eq!(ix.convert(u, Unit::Utf16, Unit::CodePoint), Some(c));
                prop_assert_eq!(ix.convert(c, Unit::CodePoint, Unit::Utf16), Some(u));
                prop_assert!(b >= prev.0 && u >= prev.1 && c >= prev.2);
                prev = (b, u, c);
            }
        }
        prop_assert_eq!(boundaries, text.chars().count() + 1);
        prop_assert_eq!(ix.len(Unit::Utf16), text.encode_utf16().count());
        prop_assert_eq!(ix.convert(text.len() + 1, Unit::Utf8, Unit::Utf16), None);
    }

    #[test]
    fn floor_conversion_is_monotone(text in unicode_text()) {
        let ix = OffsetIndex::new(&text);
        let mut last = 0;
        for u in 0..=ix.len(Unit::Utf16) + 2 {
            let b = ix.convert_floor(u, Unit::Utf16, Unit::Utf8);
            prop_assert!(text.is_char_boundary(b) && b >= last);
            last = b;
        }
    }

    #[test]
    fn segmentation_is_total_ordered_and_on_boundaries(text in unicode_text()) {
        let d = Document::new(&text);
        for w in d.tokens.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
        for t in &d.tokens {
            prop_assert!(t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert!(!t.span.of(&text).contains('\n'));
        }
        let mut next = 0;
        for s in &d.sentences {
            prop_assert_eq!(s.tokens.start, next);
            next = s.tokens.end;
            prop_assert!(d.paragraphs[s.paragraph].span.contains(s.span));
        }
        prop_assert_eq!(next, d.tokens.len());
        let again = Document::new(&text);
        prop_assert_eq!(again.tokens, d.tokens);
    }

    #[test]
    fn analyze_never_panics_and_json_spans_match_text(text in unicode_text()) {
        let a = gloss::analyze(&text, &gloss::Config::default()).unwrap();
        let j = gloss::json::JsonAnalysis::new(&text, &a);
        let chars: Vec<char> = text.chars().collect();
        for e in &j.entities {
            prop_assert!(e.start < e.end && e.end <= chars.len());
            prop_assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text.clone());
        }
    }
}
