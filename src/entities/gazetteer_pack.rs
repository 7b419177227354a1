//! The packed form of `data/gazetteer.tsv` that is embedded in the binary (and so downloaded with
//! the Wasm): names grouped by their category letters, sorted, and front-coded; gzip then finds
//! far more to share. `build.rs` packs the TSV at build time with this same file, so the TSV
//! stays the readable, diffable artifact that `tools/build_gazetteers.py` writes.
//!
//! Format, one record a line (`\n`):
//! - `#CATS`: the category letters of the names that follow (for example `#C` or `#CP`);
//! - a name: one letter `a` + k (k ≤ 25 bytes shared with the previous name of the group),
//!   then the rest of the name;
//! - `=\tALIAS\tCANONICAL`: a spelling variant, as in the TSV, in the TSV's order.

use std::collections::BTreeMap;

/// Longest shared prefix written (so the code stays a letter from `a` to `z`).
const MAX_SHARED: usize = 25;

/// TSV (`CATS\tNAME` and `=\tALIAS\tCANONICAL` lines) → packed text.
pub fn pack(tsv: &str) -> String {
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut aliases = Vec::new();
    for line in tsv.lines() {
        let mut parts = line.split('\t');
        let (Some(cats), Some(name)) = (parts.next(), parts.next()) else { continue };
        if cats == "=" {
            if let Some(canon) = parts.next() {
                aliases.push((name, canon));
            }
            continue;
        }
        if cats.is_empty() || cats.starts_with(['#', '=']) || name.is_empty() {
            continue;
        }
        groups.entry(cats).or_default().push(name);
    }
    let mut out = String::with_capacity(tsv.len());
    for (cats, mut names) in groups {
        names.sort_unstable();
        names.dedup();
        out.push('#');
        out.push_str(cats);
        out.push('\n');
        let mut prev = "";
        for name in names {
            let mut k = prev.bytes().zip(name.bytes()).take(MAX_SHARED).take_while(|(a, b)| a == b).count();
            while !name.is_char_boundary(k) {
                k -= 1;
            }
            out.push((b'a' + k as u8) as char);
            out.push_str(&name[k..]);
            out.push('\n');
            prev = name;
        }
    }
    for (alias, canon) in aliases {
        out.push_str("=\t");
        out.push_str(alias);
        out.push('\t');
        out.push_str(canon);
        out.push('\n');
    }
    out
}

/// Packed text → (category letters, name) and (alias, canonical) records, in packed order.
/// Malformed lines are skipped.
pub fn unpack(packed: &str, mut name: impl FnMut(&str, &str), mut alias: impl FnMut(&str, &str)) {
    let mut cats = "";
    let mut prev = String::new();
    for line in packed.split('\n') {
        let Some(first) = line.bytes().next() else { continue };
        match first {
            b'#' => {
                cats = &line[1..];
                prev.clear();
            }
            b'=' => {
                let mut parts = line.split('\t').skip(1);
                if let (Some(a), Some(c)) = (parts.next(), parts.next()) {
                    alias(a, c);
                }
            }
            b'a'..=b'z' => {
                let k = (first - b'a') as usize;
                if k > prev.len() || !prev.is_char_boundary(k) {
                    continue;
                }
                prev.truncate(k);
                prev.push_str(&line[1..]);
                name(cats, &prev);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Pairs = Vec<(String, String)>;

    fn records(packed: &str) -> (Pairs, Pairs) {
        let (mut names, mut aliases) = (Vec::new(), Vec::new());
        unpack(packed, |c, n| names.push((c.to_string(), n.to_string())), |a, c| aliases.push((a.to_string(), c.to_string())));
        names.sort();
        (names, aliases)
    }

    #[test]
    fn round_trips_the_shipped_list() {
        let tsv = include_str!("data/gazetteer.tsv");
        let packed = pack(tsv);
        assert!(packed.len() < tsv.len() * 3 / 4, "front coding saves space: {} vs {}", packed.len(), tsv.len());
        let mut want: Vec<(String, String)> = Vec::new();
        let mut want_aliases = Vec::new();
        for line in tsv.lines() {
            let p: Vec<&str> = line.split('\t').collect();
            if p[0] == "=" {
                want_aliases.push((p[1].to_string(), p[2].to_string()));
            } else {
                want.push((p[0].to_string(), p[1].to_string()));
            }
        }
        want.sort();
        want.dedup();
        let (names, aliases) = records(&packed);
        assert_eq!(names, want);
        assert_eq!(aliases, want_aliases);
    }

    #[test]
    fn shares_prefixes_only_on_char_boundaries() {
        // "Abū" and "Abu" share "Ab" then differ inside a two-byte character.
        let packed = pack("C\tAbū Ghurayb\nC\tAbūja\nC\tAbuja\nC\tAb\n=\tU.S.\tUnited States\n");
        let (names, aliases) = records(&packed);
        let got: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(got, ["Ab", "Abuja", "Abū Ghurayb", "Abūja"]);
        assert_eq!(aliases, [("U.S.".to_string(), "United States".to_string())]);
        // Garbage does not panic.
        unpack("zxyz\n#\nfa\n=\tonly\n\u{1}", |_, _| {}, |_, _| {});
    }
}
