//! Word lists as one `|`-separated string: a `&[&str]` costs a pointer and a length (8 bytes of
//! Wasm data that gzip can hardly compress) per word on top of the word; one string costs the
//! words and a `|` each. Lookups scan the list, as `<[&str]>::contains` did.

/// A list of words, `|`-separated, none empty and none containing `|`.
#[derive(Clone, Copy, Debug)]
pub struct Words(pub &'static str);

impl Words {
    /// Whether `w` is one of the words (exact, case-sensitive).
    pub fn contains(&self, w: &str) -> bool {
        self.0.split('|').any(|x| x == w)
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
    }
}
