//! Name lists: countries, cities, regions, demonyms and groups, first names, organisations, news
//! outlets and events, built by `tools/build_gazetteers.py` (sources in `tools/GAZETTEERS.md`)
//! into `data/gazetteer.tsv` and embedded in the binary.
//!
//! Names are tokenized with the runtime tokenizer and keyed by the hash of their lower-cased token
//! sequence, so "LONDON" in a dateline and "London" hit the same entry; a match must start with a
//! capitalised token. Per token the tagger gets bits `B`/`I` for each category of the longest
//! match that covers it.

use super::features::hash_lower;
use crate::text::tokenize::tokenize;
use std::collections::HashMap;
use std::sync::OnceLock;

pub const COUNTRY: u8 = 0;
pub const CITY: u8 = 1;
pub const REGION: u8 = 2;
pub const GROUP: u8 = 3;
pub const FIRST_NAME: u8 = 4;
pub const ORG: u8 = 5;
pub const OUTLET: u8 = 6;
pub const EVENT: u8 = 7;

/// Category masks (bit = 1 << category).
pub const PLACES: u8 = 1 << COUNTRY | 1 << CITY | 1 << REGION;

fn category(c: char) -> Option<u8> {
    Some(match c {
        'P' => COUNTRY,
        'C' => CITY,
        'S' => REGION,
        'G' => GROUP,
        'F' => FIRST_NAME,
        'O' => ORG,
        'N' => OUTLET,
        'E' => EVENT,
        _ => return None,
    })
}

pub struct Gazetteer {
    /// Hash of a lower-cased token sequence → category mask.
    names: HashMap<u64, u8>,
    max_len: usize,
    /// Lower-cased alias → canonical name.
    aliases: HashMap<String, String>,
}

/// Hash of a token sequence, lower-cased.
pub fn seq_hash<'a>(tokens: impl Iterator<Item = &'a str>) -> u64 {
    let mut h = 0x1234_5678u64;
    for t in tokens {
        h = (h ^ hash_lower(t)).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    h
}

impl Gazetteer {
    pub fn parse(data: &str) -> Gazetteer {
        let mut names = HashMap::new();
        let mut aliases = HashMap::new();
        let mut max_len = 1;
        for line in data.lines() {
            let mut parts = line.split('\t');
            let (Some(cats), Some(name)) = (parts.next(), parts.next()) else { continue };
            if cats == "=" {
                if let Some(canon) = parts.next() {
                    aliases.insert(name.to_lowercase(), canon.to_string());
                }
                continue;
            }
            let mask = cats.chars().filter_map(category).fold(0u8, |m, c| m | 1 << c);
            let toks = tokenize(name);
            max_len = max_len.max(toks.len());
            let h = seq_hash(toks.iter().map(|t| t.span.of(name)));
            *names.entry(h).or_insert(0) |= mask;
        }
        Gazetteer { names, max_len, aliases }
    }

    /// The shared gazetteer, parsed once from the embedded list.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(include_str!("data/gazetteer.tsv")))
    }

    /// Category mask of exactly this token sequence (0 when unlisted).
    pub fn lookup(&self, words: &[&str]) -> u8 {
        if words.is_empty() || words.len() > self.max_len {
            return 0;
        }
        self.names.get(&seq_hash(words.iter().copied())).copied().unwrap_or(0)
    }

    /// The canonical name of a listed spelling variant ("U.S." → "United States").
    pub fn alias(&self, name: &str) -> Option<&str> {
        self.aliases.get(&name.to_lowercase()).map(String::as_str)
    }

    /// Per-token feature bits for one sentence: for each category of the longest match covering a
    /// token, bit `2c` when the token begins the match, `2c + 1` inside it.
    pub fn mark(&self, words: &[&str], out: &mut Vec<u16>) {
        out.clear();
        out.resize(words.len(), 0);
        let mut i = 0;
        while i < words.len() {
            if !words[i].starts_with(|c: char| c.is_uppercase() || c.is_numeric()) {
                i += 1;
                continue;
            }
            let mut found = 0;
            let mut len = 0;
            let top = self.max_len.min(words.len() - i);
            for l in (1..=top).rev() {
                let m = self.lookup(&words[i..i + l]);
                if m != 0 {
                    found = m;
                    len = l;
                    break;
                }
            }
            if found == 0 {
                i += 1;
                continue;
            }
            for c in 0..8 {
                if found & (1 << c) != 0 {
                    out[i] |= 1 << (2 * c);
                    for o in &mut out[i + 1..i + len] {
                        *o |= 1 << (2 * c + 1);
                    }
                }
            }
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_longest_and_ignores_case() {
        let g = Gazetteer::parse("P\tIran\nS\tMiddle East\nC\tLondon\nG\tIranian\n=\tU.S.\tUnited States\n");
        let words = ["The", "Middle", "East", "and", "Iran", "LONDON", "Iranian"];
        let mut bits = Vec::new();
        g.mark(&words, &mut bits);
        assert_eq!(bits, vec![0, 1 << 4, 1 << 5, 0, 1, 1 << 2, 1 << 6]);
        assert_eq!(g.alias("u.s."), Some("United States"));
        assert_eq!(g.lookup(&["iran"]), 1 << COUNTRY);
    }

    #[test]
    fn embedded_list_loads() {
        let g = Gazetteer::get();
        assert!(g.lookup(&["France"]) & (1 << COUNTRY) != 0);
        assert!(g.lookup(&["French"]) & (1 << GROUP) != 0);
    }
}
