//! The transfer form of an [`Analysis`]: how it crosses from the Web Worker to the main thread.
//!
//! Every number (byte spans, indices, types, kinds, flags, string lengths) goes into one `u32`
//! array and every string into one concatenated string, so the browser copies two values instead
//! of building and cloning thousands of small objects (serde-wasm-bindgen took ~50–100 ms for a
//! 20,000-word article on the receiving thread; this takes a few). Byte spans are kept as they
//! are, so the main thread applies exactly what a main-thread analysis would:
//! `decode(&encode(a)) == a` for every Analysis (tested natively on the dev articles).
//! Decoding checks every length and index, so a damaged message is an error, never a panic.

use crate::analysis::{Analysis, Attribution, Entity, EntityType, Mention, SourceKind, Summary};
use crate::text::Span;

/// An Analysis as numbers and one string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transfer {
    pub nums: Vec<u32>,
    pub strs: String,
}

const VERSION: u32 = 1;

struct Enc {
    t: Transfer,
}

impl Enc {
    fn n(&mut self, v: usize) {
        // usize is 32 bits in Wasm; natively, texts over 4 GB are refused long before this.
        self.t.nums.push(u32::try_from(v).unwrap_or(u32::MAX));
    }
    fn span(&mut self, s: Span) {
        self.n(s.start);
        self.n(s.end);
    }
    fn s(&mut self, s: &str) {
        self.n(s.len());
        self.t.strs.push_str(s);
    }
    fn opt_s(&mut self, s: &Option<String>) {
        match s {
            Some(s) => {
                self.n(1);
                self.s(s);
            }
            None => self.n(0),
        }
    }
}

/// Encodes `a` (see the module comment).
pub fn encode(a: &Analysis) -> Transfer {
    let mut e = Enc { t: Transfer::default() };
    e.n(VERSION as usize);
    for list in [&a.paragraphs, &a.sentences] {
        e.n(list.len());
        for &s in list {
            e.span(s);
        }
    }
    e.n(a.mentions.len());
    for m in &a.mentions {
        e.span(m.span);
        e.n(type_code(m.ty));
        e.n(m.entity);
    }
    e.n(a.entities.len());
    for x in &a.entities {
        e.s(&x.canonical);
        e.n(type_code(x.ty));
        e.n(x.aliases.len());
        for al in &x.aliases {
            e.s(al);
        }
        e.opt_s(&x.descriptor);
        e.n(x.mentions.len());
        for &m in &x.mentions {
            e.n(m);
        }
    }
    e.n(a.attributions.len());
    for r in &a.attributions {
        e.span(r.source);
        e.span(r.cue);
        e.span(r.content);
        e.n(kind_code(r.kind));
        e.n(r.direct as usize);
        e.n(r.entity.map_or(0, |i| i + 1));
        e.opt_s(&r.canonical);
    }
    let s = &a.summary;
    for &v in s.entities_by_type.iter().chain(&s.statements_by_kind).chain(&s.sources_by_kind) {
        e.n(v);
    }
    e.n(s.direct);
    e.n(s.indirect);
    e.n(s.unattributed_paragraphs.len());
    for &p in &s.unattributed_paragraphs {
        e.n(p);
    }
    e.t
}

fn type_code(t: EntityType) -> usize {
    EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0)
}

fn kind_code(k: SourceKind) -> usize {
    SourceKind::ALL.iter().position(|&x| x == k).unwrap_or(0)
}

struct Dec<'a> {
    nums: &'a [u32],
    i: usize,
    strs: &'a str,
    j: usize,
}

type R<T> = Result<T, String>;

impl Dec<'_> {
    fn n(&mut self) -> R<usize> {
        let v = *self.nums.get(self.i).ok_or("transfer: numbers end early")?;
        self.i += 1;
        Ok(v as usize)
    }
    /// A count of items that each take at least `min` numbers (bounds allocation on bad input).
    fn count(&mut self, min: usize) -> R<usize> {
        let c = self.n()?;
        if c.saturating_mul(min) > self.nums.len() - self.i {
            return Err("transfer: a count is larger than the data".into());
        }
        Ok(c)
    }
    fn span(&mut self) -> R<Span> {
        let (a, b) = (self.n()?, self.n()?);
        if a > b {
            return Err("transfer: a span ends before it starts".into());
        }
        Ok(Span::new(a, b))
    }
    fn s(&mut self) -> R<String> {
        let len = self.n()?;
        let end = self.j.checked_add(len).ok_or("transfer: bad string length")?;
        let s = self.strs.get(self.j..end).ok_or("transfer: bad string length")?;
        self.j = end;
        Ok(s.to_string())
    }
    fn opt_s(&mut self) -> R<Option<String>> {
        Ok(if self.n()? == 1 { Some(self.s()?) } else { None })
    }
    fn ty(&mut self) -> R<EntityType> {
        EntityType::ALL.get(self.n()?).copied().ok_or_else(|| "transfer: bad entity type".into())
    }
}

/// Decodes what [`encode`] made; a clear error on anything else.
pub fn decode(t: &Transfer) -> Result<Analysis, String> {
    decode_parts(&t.nums, &t.strs)
}

pub fn decode_parts(nums: &[u32], strs: &str) -> Result<Analysis, String> {
    let mut d = Dec { nums, i: 0, strs, j: 0 };
    if d.n()? != VERSION as usize {
        return Err("transfer: unknown version".into());
    }
    let mut a = Analysis::default();
    for k in 0..2 {
        let c = d.count(2)?;
        let list = (0..c).map(|_| d.span()).collect::<R<Vec<_>>>()?;
        if k == 0 { a.paragraphs = list } else { a.sentences = list }
    }
    let c = d.count(4)?;
    for _ in 0..c {
        a.mentions.push(Mention { span: d.span()?, ty: d.ty()?, entity: d.n()? });
    }
    let c = d.count(5)?;
    for _ in 0..c {
        let canonical = d.s()?;
        let ty = d.ty()?;
        let na = d.count(1)?;
        let aliases = (0..na).map(|_| d.s()).collect::<R<Vec<_>>>()?;
        let descriptor = d.opt_s()?;
        let nm = d.count(1)?;
        let mentions = (0..nm).map(|_| d.n()).collect::<R<Vec<_>>>()?;
        a.entities.push(Entity { canonical, ty, aliases, descriptor, mentions });
    }
    let c = d.count(10)?;
    for _ in 0..c {
        let (source, cue, content) = (d.span()?, d.span()?, d.span()?);
        let kind = SourceKind::ALL.get(d.n()?).copied().ok_or("transfer: bad source kind")?;
        let direct = d.n()? == 1;
        let entity = d.n()?.checked_sub(1);
        let canonical = d.opt_s()?;
        a.attributions.push(Attribution { source, cue, content, kind, direct, entity, canonical });
    }
    let mut s = Summary::default();
    for v in s.entities_by_type.iter_mut().chain(s.statements_by_kind.iter_mut()).chain(s.sources_by_kind.iter_mut()) {
        *v = d.n()?;
    }
    s.direct = d.n()?;
    s.indirect = d.n()?;
    let c = d.count(1)?;
    s.unattributed_paragraphs = (0..c).map(|_| d.n()).collect::<R<Vec<_>>>()?;
    a.summary = s;
    if d.i != nums.len() || d.j != strs.len() {
        return Err("transfer: trailing data".into());
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Config};

    #[test]
    fn round_trip_is_exact_on_the_dev_articles() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dev");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path().join("article.txt")).unwrap();
            let a = analyze(&text, &Config::default()).unwrap();
            assert!(!a.mentions.is_empty() && !a.attributions.is_empty());
            let t = encode(&a);
            assert_eq!(decode(&t).unwrap(), a);
            n += 1;
        }
        assert_eq!(n, 6);
    }

    #[test]
    fn damaged_transfers_are_errors_not_panics() {
        let text = "Alex Vatanka, director of the Iran program, said the attack was a “humiliating setback” for Tehran.";
        let a = analyze(text, &Config::default()).unwrap();
        let t = encode(&a);
        assert!(a.attributions.len() == 1 && t.strs.contains("Alex Vatanka"));
        for cut in 0..t.nums.len() {
            assert!(decode_parts(&t.nums[..cut], &t.strs).is_err(), "cut at {cut}");
        }
        assert!(decode_parts(&t.nums, &t.strs[..t.strs.len() - 1]).is_err());
        let mut big = t.clone();
        big.nums[1] = u32::MAX; // paragraph count
        assert!(decode(&big).is_err());
        let mut bad_type = t.clone();
        let first_mention_type = 2 + 2 * a.paragraphs.len() + 1 + 2 * a.sentences.len() + 1 + 2;
        bad_type.nums[first_mention_type] = 99;
        assert!(decode(&bad_type).is_err());
    }
}
