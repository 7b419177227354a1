//! Offset conversions on arbitrary text and offsets: no panic, round trips on boundaries,
//! `None` exactly off boundaries, order kept.
#![no_main]
use gloss::text::offsets::{OffsetIndex, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<u16>)| {
    let (text, probes) = input;
    let ix = OffsetIndex::new(&text);
    let units = [Unit::Utf8, Unit::Utf16, Unit::CodePoint];
    for &p in probes.iter().take(64) {
        let p = p as usize;
        for &from in &units {
            let b = ix.convert(p, from, Unit::Utf8);
            if let Some(b) = b {
                assert!(text.is_char_boundary(b));
                for &to in &units {
                    let q = ix.convert(p, from, to).expect("a boundary converts to every unit");
                    assert_eq!(ix.convert(q, to, from), Some(p), "round trip");
                }
            }
            if from == Unit::Utf8 {
                assert_eq!(b.is_some(), p <= text.len() && text.is_char_boundary(p));
            }
            let f1 = ix.convert_floor(p, from, Unit::Utf8);
            let f2 = ix.convert_floor(p + 1, from, Unit::Utf8);
            assert!(f1 <= f2 && text.is_char_boundary(f1));
        }
    }
});
