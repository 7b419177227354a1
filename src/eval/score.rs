//! Counting, as `score_gold.py` counts: per article into an [`Acc`] of named counts, which are
//! summed over articles (micro-averaging) and only then turned into P/R/F1 by [`super::report`].

use super::gold::{Att, Ent, Span, CORE, TYPES};
use super::pyunicode::{norm_name, word_tokens};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Named counts (`ent.PERSON.tp`, `att.statement.fn`, …); a missing key is 0.
#[derive(Clone, Debug, Default)]
pub struct Acc(pub BTreeMap<String, i64>);

impl Acc {
    pub fn add(&mut self, key: &str, n: i64) {
        *self.0.entry(key.to_string()).or_default() += n;
    }

    pub fn get(&self, key: &str) -> i64 {
        self.0.get(key).copied().unwrap_or(0)
    }

    pub fn merge(&mut self, other: &Acc) {
        for (k, v) in &other.0 {
            self.add(k, *v);
        }
    }
}

pub fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn count_hits(xs: &BTreeSet<Span>, ys: &BTreeSet<Span>) -> i64 {
    xs.iter().filter(|&&x| ys.iter().any(|&y| overlaps(x, y))).count() as i64
}

/// `score_entities`: exact and overlap counts per type, untyped counts, linking.
pub fn score_entities(gold: &[Ent], pred: &[Ent], acc: &mut Acc) {
    let gset: BTreeSet<(Span, &str)> = gold.iter().map(|g| (g.span, g.ty)).collect();
    let pset: BTreeSet<(Span, &str)> = pred.iter().map(|p| (p.span, p.ty)).collect();
    for ty in TYPES {
        let g: BTreeSet<Span> = gset.iter().filter(|x| x.1 == ty).map(|x| x.0).collect();
        let p: BTreeSet<Span> = pset.iter().filter(|x| x.1 == ty).map(|x| x.0).collect();
        let tp = g.intersection(&p).count() as i64;
        acc.add(&format!("ent.{ty}.tp"), tp);
        acc.add(&format!("ent.{ty}.fp"), p.len() as i64 - tp);
        acc.add(&format!("ent.{ty}.fn"), g.len() as i64 - tp);
        acc.add(&format!("ov.{ty}.pred"), p.len() as i64);
        acc.add(&format!("ov.{ty}.gold"), g.len() as i64);
        acc.add(&format!("ov.{ty}.pred_hit"), count_hits(&p, &g));
        acc.add(&format!("ov.{ty}.gold_hit"), count_hits(&g, &p));
    }
    for (name, keep) in [("all", &TYPES[..]), ("core", &CORE[..])] {
        let gu: BTreeSet<Span> = gset.iter().filter(|x| keep.contains(&x.1)).map(|x| x.0).collect();
        let pu: BTreeSet<Span> = pset.iter().filter(|x| keep.contains(&x.1)).map(|x| x.0).collect();
        let tp = gu.intersection(&pu).count() as i64;
        acc.add(&format!("untyped.{name}.tp"), tp);
        acc.add(&format!("untyped.{name}.fp"), pu.len() as i64 - tp);
        acc.add(&format!("untyped.{name}.fn"), gu.len() as i64 - tp);
    }
    // Linking over exact matches: any canonical predicted at that span and type may agree.
    // (A missing canonical on both sides agrees, as None == None does in the reference.)
    let mut pcan: BTreeMap<(Span, &str), BTreeSet<Option<String>>> = BTreeMap::new();
    for p in pred {
        pcan.entry((p.span, p.ty)).or_default().insert(p.canonical.as_deref().map(norm_name));
    }
    for g in gold {
        if let Some(cans) = pcan.get(&(g.span, g.ty)) {
            let ok = cans.contains(&g.canonical.as_deref().map(norm_name));
            let grp = if CORE.contains(&g.ty) { "core" } else { "other" };
            acc.add(&format!("link.{grp}.n"), 1);
            acc.add(&format!("link.{grp}.ok"), i64::from(ok));
        }
    }
}

/// The article's `\w+` tokens, to measure content overlap in words.
pub struct Tokens {
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl Tokens {
    pub fn new(text: Option<&str>) -> Tokens {
        let (starts, ends) = word_tokens(text.unwrap_or("")).into_iter().unzip();
        Tokens { starts, ends }
    }

    /// Indices of the tokens overlapping a span: always a contiguous range.
    pub fn of(&self, span: Option<Span>) -> Range<usize> {
        let Some((s, e)) = span else { return 0..0 };
        let first = self.ends.partition_point(|&end| end <= s);
        let mut last = first;
        while last < self.starts.len() && self.starts[last] < e {
            last += 1;
        }
        first..last
    }
}

/// Size of the intersection of two token index sets.
pub fn common(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// One-to-one pairing, highest score first (ties: lower gold index, then lower predicted index).
/// Takes `(score, gold index, predicted index)`, returns the chosen triples as `(gi, pi, score)`.
pub fn greedy_pairs(mut cands: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_g, mut used_p) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (score, gi, pi) in cands {
        if used_g.contains(&gi) || used_p.contains(&pi) {
            continue;
        }
        used_g.insert(gi);
        used_p.insert(pi);
        pairs.push((gi, pi, score));
    }
    pairs
}

/// `score_attributions`: span sets, source overlap, content tokens, statements, kind and direct.
pub fn score_attributions(gold: &[Att], pred: &[Att], toks: &Tokens, acc: &mut Acc, threshold: f64) {
    acc.add("att.gold_records", gold.len() as i64);
    acc.add("att.pred_records", pred.len() as i64);
    for part in ["source", "cue", "content"] {
        let get = |a: &Att| match part {
            "source" => a.source,
            "cue" => a.cue,
            _ => a.content,
        };
        let g: BTreeSet<Span> = gold.iter().filter_map(get).collect();
        let p: BTreeSet<Span> = pred.iter().filter_map(get).collect();
        let tp = g.intersection(&p).count() as i64;
        acc.add(&format!("att.{part}.tp"), tp);
        acc.add(&format!("att.{part}.fp"), p.len() as i64 - tp);
        acc.add(&format!("att.{part}.fn"), g.len() as i64 - tp);
        if part == "source" {
            acc.add("att.source_ov.pred", p.len() as i64);
            acc.add("att.source_ov.gold", g.len() as i64);
            acc.add("att.source_ov.pred_hit", count_hits(&p, &g));
            acc.add("att.source_ov.gold_hit", count_hits(&g, &p));
        }
    }

    let gt: Vec<Range<usize>> = gold.iter().map(|a| toks.of(a.content)).collect();
    let pt: Vec<Range<usize>> = pred.iter().map(|a| toks.of(a.content)).collect();
    let mut cands = Vec::new();
    for (gi, g) in gt.iter().enumerate() {
        for (pi, p) in pt.iter().enumerate() {
            let n = common(g, p);
            if n > 0 {
                cands.push((n, gi, pi));
            }
        }
    }
    let pairs = greedy_pairs(cands);
    acc.add("att.content_tok.overlap", pairs.iter().map(|x| x.2 as i64).sum());
    acc.add("att.content_tok.pred", pt.iter().map(|p| p.len() as i64).sum());
    acc.add("att.content_tok.gold", gt.iter().map(|g| g.len() as i64).sum());

    let mut cands = Vec::new();
    for (gi, g) in gt.iter().enumerate() {
        for (pi, p) in pt.iter().enumerate() {
            let n = common(g, p);
            if n == 0 || g.is_empty() || p.is_empty() {
                continue;
            }
            if (n as f64) < threshold * g.len() as f64 || (n as f64) < threshold * p.len() as f64 {
                continue;
            }
            match (gold[gi].source, pred[pi].source) {
                (Some(gs), Some(ps)) if overlaps(gs, ps) => cands.push((n, gi, pi)),
                _ => {}
            }
        }
    }
    let spairs = greedy_pairs(cands);
    acc.add("att.statement.tp", spairs.len() as i64);
    acc.add("att.statement.fp", (pred.len() - spairs.len()) as i64);
    acc.add("att.statement.fn", (gold.len() - spairs.len()) as i64);
    for &(gi, pi, _) in &spairs {
        if let Some(kind) = pred[pi].kind {
            acc.add("att.kind_stmt.n", 1);
            acc.add("att.kind_stmt.ok", i64::from(gold[gi].kind == Some(kind)));
        }
        if let Some(direct) = pred[pi].direct {
            acc.add("att.direct_stmt.n", 1);
            acc.add("att.direct_stmt.ok", i64::from(gold[gi].direct == Some(direct)));
        }
    }

    // Kind on exactly matched source spans: the predicted record with the most content overlap
    // (ties: the first) stands for the gold record.
    for (gi, g) in gold.iter().enumerate() {
        let same = (0..pred.len()).filter(|&pi| pred[pi].source.is_some() && pred[pi].source == g.source);
        let Some(pi) = same.max_by_key(|&pi| (common(&gt[gi], &pt[pi]), std::cmp::Reverse(pi))) else { continue };
        acc.add("att.source_matched_records", 1);
        if let Some(kind) = pred[pi].kind {
            acc.add("att.kind_src.n", 1);
            acc.add("att.kind_src.ok", i64::from(g.kind == Some(kind)));
        }
    }
    acc.add("att.pred_with_kind", pred.iter().filter(|p| p.kind.is_some()).count() as i64);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_pairs_take_the_largest_overlap_first() {
        // Gold 0 overlaps pred 0 by 3 and pred 1 by 5; gold 1 overlaps pred 1 by 4.
        // Largest first: (g0,p1,5); then (g1,p1) is blocked; (g0,p0) is blocked: g1 stays unpaired.
        let pairs = greedy_pairs(vec![(3, 0, 0), (5, 0, 1), (4, 1, 1)]);
        assert_eq!(pairs, vec![(0, 1, 5)]);
        // Ties: lower gold index, then lower predicted index.
        assert_eq!(greedy_pairs(vec![(2, 1, 0), (2, 0, 1), (2, 0, 0)]), vec![(0, 0, 2)]);
    }

    #[test]
    fn tokens_of_a_span_are_those_it_touches() {
        let toks = Tokens::new(Some("“We will,” he said."));
        // Tokens: We[1,3) will[4,8) he[11,13) said[14,18).
        assert_eq!(toks.of(Some((0, 10))), 0..2);
        assert_eq!(toks.of(Some((2, 12))), 0..3); // partial tokens count
        assert_eq!(toks.of(Some((8, 11))), 2..2);
        assert_eq!(toks.of(None), 0..0);
        assert_eq!(common(&(0..3), &(2..4)), 1);
    }

    #[test]
    fn linking_accepts_any_canonical_at_the_span() {
        let e = |s, can: Option<&str>| Ent { span: (s, s + 2), ty: "PERSON", canonical: can.map(str::to_string) };
        let gold = [e(0, Some("Alex  Vatanka")), e(5, None), e(10, Some("X"))];
        let pred = [e(0, Some("nobody")), e(0, Some("alex vatanka")), e(5, None), e(10, Some("Y"))];
        let mut acc = Acc::default();
        score_entities(&gold, &pred, &mut acc);
        assert_eq!((acc.get("link.core.n"), acc.get("link.core.ok")), (3, 2));
        assert_eq!((acc.get("ent.PERSON.tp"), acc.get("ent.PERSON.fp")), (3, 0));
    }
}
