//! Offset conversions on arbitrary text and offsets: no panic; a boundary converts to every unit
//! and back (round trip), matching a direct count (`encode_utf16`, `chars`); `None` exactly off
//! boundaries; order kept; `convert_floor` lands on a boundary at or before the offset.
#![no_main]
use gloss::text::offsets::{OffsetIndex, Unit};
use libfuzzer_sys::fuzz_target;

/// The offset of byte boundary `b` in `unit`, counted directly (the oracle).
fn count(text: &str, b: usize, unit: Unit) -> usize {
    match unit {
        Unit::Utf8 => b,
        Unit::Utf16 => text[..b].encode_utf16().count(),
        Unit::CodePoint => text[..b].chars().count(),
    }
}

fuzz_target!(|input: (String, Vec<u16>)| {
    let (text, probes) = input;
    let ix = OffsetIndex::new(&text);
    let units = [Unit::Utf8, Unit::Utf16, Unit::CodePoint];
    for &u in &units {
        assert_eq!(ix.len(u), count(&text, text.len(), u));
    }
    for &p in probes.iter().take(64) {
        let p = p as usize;
        for &from in &units {
            let b = ix.convert(p, from, Unit::Utf8);
            if let Some(b) = b {
                assert!(text.is_char_boundary(b));
                assert_eq!(count(&text, b, from), p, "{from:?} offset {p} is byte {b}");
                for &to in &units {
                    let q = ix.convert(p, from, to).expect("a boundary converts to every unit");
                    assert_eq!(q, count(&text, b, to));
                    assert_eq!(ix.convert(q, to, from), Some(p), "round trip");
                }
            } else if p <= ix.len(from) {
                // Off a boundary: no boundary has this offset in `from`.
                let hit = text.char_indices().map(|(i, _)| i).chain([text.len()]).any(|i| count(&text, i, from) == p);
                assert!(!hit, "{from:?} offset {p} is a boundary but did not convert");
            }
            if from == Unit::Utf8 {
                assert_eq!(b.is_some(), p <= text.len() && text.is_char_boundary(p));
            }
            let f1 = ix.convert_floor(p, from, Unit::Utf8);
            let f2 = ix.convert_floor(p + 1, from, Unit::Utf8);
            assert!(f1 <= f2 && text.is_char_boundary(f1));
            assert!(count(&text, f1, from) <= p, "floor is at or before the offset");
        }
    }
});
