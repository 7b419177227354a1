//! Word lists as one `|`-separated string: a `&[&str]` costs a pointer and a length (8 bytes of
//! Wasm data that gzip can hardly compress) per word on top of the word; one string costs the
//! words and a `|` each. Lookups scan the list, as `<[&str]>::contains` did.

/// A list of words, `|`-separated, none empty and none containing `|`.
#[derive(Clone, Copy, Debug)]
pub struct Words(pub &'static str);

impl Words {
    /// Whether `w` is one of the words (exact, case-sensitive). A byte scan: this runs for
    /// many tokens, and the first analysis runs it in the browser's baseline Wasm compiler,
    /// where a generic `split` iterator is several times slower.
    pub fn contains(&self, w: &str) -> bool {
        let (s, w) = (self.0.as_bytes(), w.as_bytes());
        if w.is_empty() || w.contains(&b'|') {
            return false;
        }
        let mut i = 0;
        while i + w.len() <= s.len() {
            if s[i..].starts_with(w) && s.get(i + w.len()).is_none_or(|&c| c == b'|') {
                return true;
            }
            match s[i..].iter().position(|&c| c == b'|') {
                Some(p) => i += p + 1,
                None => return false,
            }
        }
        false
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        self.0.split('|')
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn contains_whole_words_only() {
        let w = Words("Mr|Mr.|Dr");
        assert!(w.contains("Mr") && w.contains("Mr.") && w.contains("Dr"));
        assert!(!w.contains("M") && !w.contains("Mr|Mr.") && !w.contains("") && !w.contains("dr"));
        assert_eq!(w.iter().collect::<Vec<_>>(), ["Mr", "Mr.", "Dr"]);
        // Prefixes and suffixes of listed words, and the last word.
        assert!(!w.contains("Mr.|") && !w.contains("r") && !w.contains("D") && !w.contains("Drs"));
        let one = Words("Gen.");
        assert!(one.contains("Gen.") && !one.contains("Gen") && !one.contains("Gen.."));
    }
}
