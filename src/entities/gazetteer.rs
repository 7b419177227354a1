//! Name lists: countries, cities, regions, demonyms and groups, first names, organisations, news
//! outlets and events, built by `tools/build_gazetteers.py` (sources in `tools/GAZETTEERS.md`)
//! into `data/gazetteer.tsv` and embedded in the binary, front-coded by `build.rs` (see
//! [`super::gazetteer_pack`]).
//!
//! Names are tokenized with the runtime tokenizer and keyed by the hash of their lower-cased token
//! sequence, so "LONDON" in a dateline and "London" hit the same entry; a match must start with a
//! capitalised token. Per token the tagger gets bits `B`/`I` for each category of the longest
//! match that covers it.

use super::features::{hash_lower, PreHashedMap};
use crate::text::tokenize::tokenize;
use crate::fxhash::FxHashMap as HashMap;
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
    names: PreHashedMap<u64, u8>,
    max_len: usize,
    /// Lower-cased alias → canonical name.
    aliases: HashMap<String, String>,
}

/// Hash of a token sequence, lower-cased.
pub fn seq_hash<'a>(tokens: impl Iterator<Item = &'a str>) -> u64 {
    tokens.fold(SEQ_SEED, |h, t| seq_step(h, hash_lower(t)))
}

const SEQ_SEED: u64 = 0x1234_5678;

/// Extends a sequence hash by one token's lower-case hash.
#[inline]
fn seq_step(h: u64, lower: u64) -> u64 {
    (h ^ lower).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

/// The sequence hash of a listed name and its token count. A name of ASCII letters and single
/// spaces is split on its spaces (what the tokenizer does with it: a test checks every listed
/// name); anything else goes through the tokenizer.
fn name_hash(name: &str) -> (u64, usize) {
    let b = name.as_bytes();
    let plain = b.first().is_some_and(u8::is_ascii_alphabetic)
        && b.last().is_some_and(u8::is_ascii_alphabetic)
        && b.iter().all(|c| c.is_ascii_alphabetic() || *c == b' ')
        && !b.windows(2).any(|p| p == b"  ");
    if !plain {
        return tokenized_hash(name);
    }
    let mut n = 0;
    let h = seq_hash(name.split(' ').inspect(|_| n += 1));
    (h, n)
}

fn tokenized_hash(name: &str) -> (u64, usize) {
    let toks = tokenize(name);
    (seq_hash(toks.iter().map(|t| t.span.of(name))), toks.len())
}

impl Gazetteer {
    /// Parses the packed list (see [`super::gazetteer_pack`]). This runs before the first
    /// analysis (in the worker, on the way to the first annotation), so plain names skip the
    /// tokenizer.
    pub fn parse(packed: &str) -> Gazetteer {
        let mut names = PreHashedMap::with_capacity_and_hasher(packed.len() / 8, Default::default());
        let mut aliases = HashMap::default();
        let mut max_len = 1;
        super::gazetteer_pack::unpack(
            packed,
            |cats, name| {
                let mask = cats.bytes().filter_map(|c| category(c as char)).fold(0u8, |m, c| m | 1 << c);
                let (h, len) = name_hash(name);
                max_len = max_len.max(len);
                *names.entry(h).or_insert(0) |= mask;
            },
            |alias, canon| {
                aliases.insert(alias.to_lowercase(), canon.to_string());
            },
        );
        Gazetteer { names, max_len, aliases }
    }

    /// Parses the TSV form (`data/gazetteer.tsv`).
    pub fn parse_tsv(tsv: &str) -> Gazetteer {
        Gazetteer::parse(&super::gazetteer_pack::pack(tsv))
    }

    /// The shared gazetteer, parsed once from the embedded list.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(include_str!(concat!(env!("OUT_DIR"), "/gazetteer.packed"))))
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
    /// token, bit `2c` when the token begins the match, `2c + 1` inside it. `lowers` holds each
    /// word's [`hash_lower`], so a sequence hash grows by one step per length tried.
    pub fn mark(&self, words: &[&str], lowers: &[u64], out: &mut Vec<u16>) {
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
            let mut h = SEQ_SEED;
            for l in 1..=top {
                h = seq_step(h, lowers[i + l - 1]);
                if let Some(&m) = self.names.get(&h) {
                    found = m;
                    len = l;
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
        let g = Gazetteer::parse_tsv("P\tIran\nS\tMiddle East\nC\tLondon\nG\tIranian\n=\tU.S.\tUnited States\n");
        let words = ["The", "Middle", "East", "and", "Iran", "LONDON", "Iranian"];
        let lowers: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
        let mut bits = Vec::new();
        g.mark(&words, &lowers, &mut bits);
        assert_eq!(bits, vec![0, 1 << 4, 1 << 5, 0, 1, 1 << 2, 1 << 6]);
        assert_eq!(g.alias("u.s."), Some("United States"));
        assert_eq!(g.lookup(&["iran"]), 1 << COUNTRY);
    }

    #[test]
    fn plain_names_hash_as_the_tokenizer_splits_them() {
        let packed = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.packed"));
        let mut plain = 0;
        super::super::gazetteer_pack::unpack(
            packed,
            |_, name| {
                assert_eq!(name_hash(name), tokenized_hash(name), "{name:?}");
                plain += name.bytes().all(|c| c.is_ascii_alphabetic() || c == b' ') as usize;
            },
            |_, _| {},
        );
        assert!(plain > 5000, "{plain} plain names");
        for odd in ["St. Louis", "Guinea-Bissau", "Côte d'Ivoire", "New  York", " Paris", "A"] {
            assert_eq!(name_hash(odd), tokenized_hash(odd), "{odd:?}");
        }
    }

    #[test]
    fn embedded_list_loads() {
        let g = Gazetteer::get();
        assert!(g.lookup(&["France"]) & (1 << COUNTRY) != 0);
        assert!(g.lookup(&["French"]) & (1 << GROUP) != 0);
    }
}
