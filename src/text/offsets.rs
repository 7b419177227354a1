//! Offsets between the three units that meet in Gloss: UTF-8 bytes (Rust, the core), UTF-16 code
//! units (the DOM and JavaScript) and Unicode code points (JSON for people and tools, the gold
//! format). Every conversion in the crate goes through [`OffsetIndex::convert`].
//!
//! The index keeps a checkpoint every `STRIDE` characters, so a lookup is a binary search plus a
//! short walk, and the index costs a few bytes per `STRIDE` characters even for megabyte texts.

/// A unit in which an offset into a text can be counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Utf8,
    Utf16,
    CodePoint,
}

const STRIDE: usize = 64;

#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    utf8: usize,
    utf16: usize,
    cp: usize,
}

impl Checkpoint {
    fn get(&self, unit: Unit) -> usize {
        match unit {
            Unit::Utf8 => self.utf8,
            Unit::Utf16 => self.utf16,
            Unit::CodePoint => self.cp,
        }
    }
}

/// Converts offsets in one text between [`Unit`]s.
#[derive(Clone, Debug)]
pub struct OffsetIndex<'a> {
    text: &'a str,
    checkpoints: Vec<Checkpoint>,
    end: Checkpoint,
}

impl<'a> OffsetIndex<'a> {
    pub fn new(text: &'a str) -> OffsetIndex<'a> {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut at = Checkpoint { utf8: 0, utf16: 0, cp: 0 };
        for (i, ch) in text.chars().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(at);
            }
            at.utf8 += ch.len_utf8();
            at.utf16 += ch.len_utf16();
            at.cp += 1;
        }
        if checkpoints.is_empty() {
            checkpoints.push(at);
        }
        OffsetIndex { text, checkpoints, end: at }
    }

    /// The length of the whole text in `unit`.
    pub fn len(&self, unit: Unit) -> usize {
        self.end.get(unit)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Converts `offset` from one unit to another. `None` when the offset is past the end or does
    /// not fall on a character boundary (inside a UTF-8 sequence or a surrogate pair).
    pub fn convert(&self, offset: usize, from: Unit, to: Unit) -> Option<usize> {
        if offset > self.end.get(from) {
            return None;
        }
        if from == to {
            // Still reject offsets inside a character: check through another unit.
            let other = if from == Unit::Utf8 { Unit::CodePoint } else { Unit::Utf8 };
            return self.convert(offset, from, other).map(|_| offset);
        }
        // The last checkpoint at or before the offset.
        let k = self.checkpoints.partition_point(|c| c.get(from) <= offset).saturating_sub(1);
        let mut at = self.checkpoints[k];
        for ch in self.text[at.utf8..].chars() {
            if at.get(from) >= offset {
                break;
            }
            at.utf8 += ch.len_utf8();
            at.utf16 += ch.len_utf16();
            at.cp += 1;
        }
        (at.get(from) == offset).then(|| at.get(to))
    }

    /// Converts the largest character boundary at or before `offset` (never fails within bounds).
    pub fn convert_floor(&self, offset: usize, from: Unit, to: Unit) -> usize {
        let offset = offset.min(self.end.get(from));
        let k = self.checkpoints.partition_point(|c| c.get(from) <= offset).saturating_sub(1);
        let mut at = self.checkpoints[k];
        for ch in self.text[at.utf8..].chars() {
            let next = Checkpoint {
                utf8: at.utf8 + ch.len_utf8(),
                utf16: at.utf16 + ch.len_utf16(),
                cp: at.cp + 1,
            };
            if next.get(from) > offset {
                break;
            }
            at = next;
        }
        at.get(to)
    }
}

/// One-off conversion of a byte offset to code points (use [`OffsetIndex`] for many).
pub fn byte_to_cp(text: &str, byte: usize) -> Option<usize> {
    OffsetIndex::new(text).convert(byte, Unit::Utf8, Unit::CodePoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let ix = OffsetIndex::new("Iran said");
        for i in 0..=9 {
            assert_eq!(ix.convert(i, Unit::Utf8, Unit::Utf16), Some(i));
            assert_eq!(ix.convert(i, Unit::CodePoint, Unit::Utf8), Some(i));
        }
        assert_eq!(ix.convert(10, Unit::Utf8, Unit::Utf16), None);
    }

    #[test]
    fn accents_emoji_and_rtl() {
        // é: 2 bytes, 1 unit; 😀: 4 bytes, 2 units; ا: 2 bytes, 1 unit.
        let text = "é😀ا!";
        let ix = OffsetIndex::new(text);
        assert_eq!(ix.len(Unit::Utf8), 9);
        assert_eq!(ix.len(Unit::Utf16), 5);
        assert_eq!(ix.len(Unit::CodePoint), 4);
        assert_eq!(ix.convert(2, Unit::Utf8, Unit::Utf16), Some(1));
        assert_eq!(ix.convert(6, Unit::Utf8, Unit::Utf16), Some(3));
        assert_eq!(ix.convert(3, Unit::Utf16, Unit::Utf8), Some(6));
        assert_eq!(ix.convert(2, Unit::Utf16, Unit::Utf8), None, "inside a surrogate pair");
        assert_eq!(ix.convert(1, Unit::Utf8, Unit::Utf16), None, "inside a UTF-8 sequence");
        assert_eq!(ix.convert(3, Unit::CodePoint, Unit::Utf16), Some(4));
        assert_eq!(ix.convert_floor(2, Unit::Utf16, Unit::Utf8), 2);
    }

    #[test]
    fn same_unit_conversion_checks_boundaries() {
        // Regression (found by the offsets fuzz target): Utf8 → Utf8 recursed forever.
        let ix = OffsetIndex::new("é😀");
        assert_eq!(ix.convert(2, Unit::Utf8, Unit::Utf8), Some(2));
        assert_eq!(ix.convert(1, Unit::Utf8, Unit::Utf8), None);
        assert_eq!(ix.convert(2, Unit::Utf16, Unit::Utf16), None);
        assert_eq!(ix.convert(3, Unit::Utf16, Unit::Utf16), Some(3));
        assert_eq!(ix.convert(2, Unit::CodePoint, Unit::CodePoint), Some(2));
    }

    #[test]
    fn long_text_crosses_checkpoints() {
        let text: String = "a😀é".repeat(100);
        let ix = OffsetIndex::new(&text);
        let mut b = 0;
        for (cp, ch) in text.chars().enumerate() {
            assert_eq!(ix.convert(cp, Unit::CodePoint, Unit::Utf8), Some(b));
            b += ch.len_utf8();
        }
        assert_eq!(ix.convert(300, Unit::CodePoint, Unit::Utf8), Some(text.len()));
    }
}
