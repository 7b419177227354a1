//! Word lists as one `|`-separated string: a `&[&str]` costs a pointer and a length (8 bytes of
//! Wasm data that gzip can hardly compress) per word on top of the word; one string costs the
//! words and a `|` each. A lookup hashes the word and binary-searches the list's sorted hashes
//! (built on first use): some lists are asked about every token, and a scan of the string cost
//! a tenth of the whole analysis.

use std::sync::OnceLock;

/// A list of words, `|`-separated, none empty and none containing `|`. Declare lists as
/// `static` (a `const` would build its index again at every use).
#[derive(Debug)]
pub struct Words {
    list: &'static str,
    /// Each word's hash and where it starts in `list`, sorted by hash.
    index: OnceLock<Box<[(u64, u32)]>>,
}

impl Words {
    pub const fn new(list: &'static str) -> Words {
        Words { list, index: OnceLock::new() }
    }

    /// Whether `w` is one of the words (exact, case-sensitive).
    pub fn contains(&self, w: &str) -> bool {
        let index = self.index.get_or_init(|| {
            let mut start = 0;
            let mut hashes: Vec<(u64, u32)> = Vec::new();
            for x in self.iter() {
                hashes.push((hash_bytes(x.as_bytes()), start as u32));
                start += x.len() + 1;
            }
            crate::sort::sort_by_key(&mut hashes, |&(h, _)| h);
            hashes.into_boxed_slice()
        });
        if w.is_empty() || w.contains('|') {
            return false; // not a word of any list (a run of words could share a first word's hash)
        }
        // Every word with the hash is compared itself, so a collision is never a match.
        let h = hash_bytes(w.as_bytes());
        let first = index.partition_point(|&(x, _)| x < h);
        index[first..].iter().take_while(|&&(x, _)| x == h).any(|&(_, at)| {
            let rest = &self.list.as_bytes()[at as usize..];
            rest.starts_with(w.as_bytes()) && rest.get(w.len()).is_none_or(|&c| c == b'|')
        })
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        self.list.split('|')
    }
}

use crate::entities::features::hash_bytes;

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn contains_whole_words_only() {
        let w = Words::new("Mr|Mr.|Dr");
        assert!(w.contains("Mr") && w.contains("Mr.") && w.contains("Dr"));
        assert!(!w.contains("M") && !w.contains("Mr|Mr.") && !w.contains("") && !w.contains("dr"));
        assert_eq!(w.iter().collect::<Vec<_>>(), ["Mr", "Mr.", "Dr"]);
        // Prefixes and suffixes of listed words, and the last word.
        assert!(!w.contains("Mr.|") && !w.contains("r") && !w.contains("D") && !w.contains("Drs"));
        let one = Words::new("Gen.");
        assert!(one.contains("Gen.") && !one.contains("Gen") && !one.contains("Gen.."));
    }
}
