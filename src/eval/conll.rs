//! `gloss eval --conll FILE`: PER/ORG/LOC/MISC on CoNLL-2003 files, scored like conlleval
//! (exact chunks, micro-averaged).
//!
//! The tokens of each sentence are joined by spaces, one sentence per line (so the core sees each
//! sentence as a paragraph), and a document's text goes to [`crate::analyze`] at once. Documents
//! are split at `-DOCSTART-` lines and, in files without them (eng.testa here), before the headline
//! that precedes a dateline sentence ("LONDON 1996-08-30"); a document longer than the batch limit
//! is cut at sentence boundaries. Predicted mentions are mapped back to the tokens they overlap:
//! PERSON→PER, ORG→ORG, PLACE→LOC, GROUP/EVENT→MISC (DATE, MONEY, QUANTITY are not CoNLL types).

use crate::EntityType;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Largest text handed to `analyze` at once (a long news article).
pub const DEFAULT_BATCH_BYTES: usize = 32 * 1024;

/// One sentence: tokens and their gold tags.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Reads a CoNLL file into documents of sentences.
pub fn parse(text: &str) -> Vec<Vec<Sentence>> {
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut cur = Sentence::default();
    let flush = |cur: &mut Sentence, docs: &mut Vec<Vec<Sentence>>| {
        if !cur.tokens.is_empty() {
            docs.last_mut().unwrap().push(std::mem::take(cur));
        }
    };
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            flush(&mut cur, &mut docs);
        } else if fields[0] == "-DOCSTART-" {
            flush(&mut cur, &mut docs);
            if !docs.last().unwrap().is_empty() {
                docs.push(Vec::new());
            }
        } else {
            cur.tokens.push(fields[0].to_string());
            cur.tags.push(fields.last().unwrap().to_string());
        }
    }
    flush(&mut cur, &mut docs);
    docs.retain(|d| !d.is_empty());
    docs.into_iter().flat_map(split_at_datelines).collect()
}

/// A dateline sentence: a few tokens ending in an ISO date ("LONDON 1996-08-30").
fn is_dateline(s: &Sentence) -> bool {
    let last = s.tokens.last().map(String::as_bytes).unwrap_or_default();
    s.tokens.len() <= 6
        && last.len() == 10
        && last.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

fn split_at_datelines(doc: Vec<Sentence>) -> Vec<Vec<Sentence>> {
    let starts: Vec<usize> = (1..doc.len()).filter(|&i| is_dateline(&doc[i])).map(|i| i - 1).filter(|&i| i > 0).collect();
    let mut out = Vec::new();
    let mut rest = doc;
    for &s in starts.iter().rev() {
        out.push(rest.split_off(s));
    }
    out.push(rest);
    out.reverse();
    out
}

fn split_tag(tag: &str) -> (char, &str) {
    match tag.split_once('-') {
        Some((p, t)) if p.len() == 1 => (p.chars().next().unwrap(), t),
        _ if tag == "O" => ('O', ""),
        _ => ('B', tag),
    }
}

/// conlleval's `endOfChunk`.
fn end_of_chunk(prev: (char, &str), cur: (char, &str)) -> bool {
    let (pt, pty, t, ty) = (prev.0, prev.1, cur.0, cur.1);
    matches!((pt, t), ('B', 'B') | ('B', 'O') | ('I', 'B') | ('I', 'O') | ('E', _) | ('S', _))
        || (pt != 'O' && pt != '.' && pty != ty)
}

/// conlleval's `startOfChunk`.
fn start_of_chunk(prev: (char, &str), cur: (char, &str)) -> bool {
    let (pt, pty, t, ty) = (prev.0, prev.1, cur.0, cur.1);
    matches!((pt, t), ('B', 'B') | ('I', 'B') | ('O', 'B') | ('O', 'I') | ('E', 'I') | ('E', 'E') | ('O', 'E') | ('S', _) | (_, 'S'))
        || (t != 'O' && t != '.' && pty != ty)
}

/// Chunks `(start, end, type)` (token indices, end exclusive) of one sentence's tags.
pub fn chunks(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut prev = ('O', "");
    for (i, tag) in tags.iter().chain(std::iter::once(&"O".to_string())).enumerate() {
        let cur = split_tag(tag);
        if let Some((s, ty)) = open {
            if end_of_chunk(prev, cur) {
                out.push((s, i, ty.to_string()));
                open = None;
            }
        }
        if start_of_chunk(prev, cur) && cur.0 != 'O' {
            open = Some((i, cur.1));
        }
        prev = cur;
    }
    out
}

fn conll_type(ty: EntityType) -> Option<&'static str> {
    match ty {
        EntityType::Person => Some("PER"),
        EntityType::Org => Some("ORG"),
        EntityType::Place => Some("LOC"),
        EntityType::Group | EntityType::Event => Some("MISC"),
        _ => None,
    }
}

/// Predicted tags for a batch of sentences: runs the analyzer on their text and maps each mention
/// to the tokens it overlaps (B- on its first free token, I- after; a token taken by an earlier
/// mention keeps its tag). Returns the tags and the seconds spent in `analyze`.
pub fn predict_tags(batch: &[Sentence]) -> Result<(Vec<Vec<String>>, f64), String> {
    let mut text = String::new();
    let mut spans = Vec::new(); // (sentence, token, start byte, end byte)
    for (si, s) in batch.iter().enumerate() {
        if si > 0 {
            text.push('\n');
        }
        for (ti, tok) in s.tokens.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
            }
            spans.push((si, ti, text.len(), text.len() + tok.len()));
            text.push_str(tok);
        }
    }
    let t0 = Instant::now();
    let analysis = crate::analyze(&text, &crate::Config::default()).map_err(|e| e.to_string())?;
    let secs = t0.elapsed().as_secs_f64();
    let lens: Vec<usize> = batch.iter().map(|s| s.tokens.len()).collect();
    let tags = tags_from_mentions(&spans, &lens, analysis.mentions.iter().map(|m| (m.span.start, m.span.end, m.ty)));
    Ok((tags, secs))
}

/// Maps mentions (byte spans) to CoNLL tags on the tokens they overlap. `spans` holds each
/// token's (sentence, index in sentence, start byte, end byte) in text order; `lens` the number of
/// tokens per sentence. A mention tags its first free token B-, the following ones I-; a token
/// already taken by an earlier mention ("US-Iranian": "US" and "Iranian") keeps its first tag.
pub fn tags_from_mentions(
    spans: &[(usize, usize, usize, usize)],
    lens: &[usize],
    mentions: impl Iterator<Item = (usize, usize, EntityType)>,
) -> Vec<Vec<String>> {
    let mut tags: Vec<Vec<String>> = lens.iter().map(|&n| vec!["O".to_string(); n]).collect();
    let mut taken = vec![false; spans.len()];
    for (start, end, ty) in mentions {
        let Some(ty) = conll_type(ty) else { continue };
        let first = spans.partition_point(|x| x.3 <= start);
        let mut begun = false;
        for k in first..spans.len() {
            let (si, ti, s, _) = spans[k];
            if s >= end {
                break;
            }
            if taken[k] {
                continue;
            }
            taken[k] = true;
            tags[si][ti] = format!("{}-{ty}", if begun { 'I' } else { 'B' });
            begun = true;
        }
    }
    tags
}

/// Exact-chunk counts per type.
#[derive(Clone, Debug, Default)]
pub struct ConllResult {
    pub file: String,
    pub documents: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub analyze_secs: f64,
    /// (tp, fp, fn) per type, in [`TYPES`] order.
    pub counts: [(i64, i64, i64); 4],
}

fn prf(tp: i64, fp: i64, fn_: i64) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

impl ConllResult {
    /// Micro P/R/F1 over some types.
    pub fn micro(&self, types: &[&str]) -> (f64, f64, f64) {
        let mut c = (0, 0, 0);
        for (i, t) in TYPES.iter().enumerate() {
            if types.contains(t) {
                c = (c.0 + self.counts[i].0, c.1 + self.counts[i].1, c.2 + self.counts[i].2);
            }
        }
        prf(c.0, c.1, c.2)
    }

    pub fn tokens_per_sec(&self) -> f64 {
        if self.analyze_secs > 0.0 { self.tokens as f64 / self.analyze_secs } else { 0.0 }
    }

    pub fn format(&self) -> String {
        let mut w = format!(
            "{}: {} documents, {} sentences, {} tokens\n\n{:<12} {:>5} {:>5} {:>5}    {:>6} {:>6} {:>6}\n",
            self.file, self.documents, self.sentences, self.tokens, "type", "gold", "pred", "tp", "P", "R", "F1"
        );
        let pct = |x: f64| format!("{:6.2}", 100.0 * x);
        let mut row = |name: &str, types: &[&str]| {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (i, t) in TYPES.iter().enumerate() {
                if types.contains(t) {
                    tp += self.counts[i].0;
                    fp += self.counts[i].1;
                    fn_ += self.counts[i].2;
                }
            }
            let (p, r, f) = prf(tp, fp, fn_);
            w += &format!("{name:<12} {:>5} {:>5} {tp:>5}    {} {} {}\n", tp + fn_, tp + fp, pct(p), pct(r), pct(f));
        };
        for t in TYPES {
            row(t, &[t]);
        }
        row("PER+ORG+LOC", &TYPES[..3]);
        row("all-4", &TYPES);
        w += &format!(
            "analyze: {:.3} s for {} tokens = {:.0} tokens/s (single thread)\n",
            self.analyze_secs,
            self.tokens,
            self.tokens_per_sec()
        );
        w
    }

    pub fn to_json(&self) -> Value {
        let entry = |(p, r, f): (f64, f64, f64), c: (i64, i64, i64)| json!({"tp": c.0, "fp": c.1, "fn": c.2, "p": p, "r": r, "f1": f});
        let mut per_type = Map::new();
        for (i, t) in TYPES.iter().enumerate() {
            let c = self.counts[i];
            per_type.insert(t.to_string(), entry(prf(c.0, c.1, c.2), c));
        }
        let sum = |n: usize| self.counts[..n].iter().fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        json!({
            "file": self.file, "documents": self.documents, "sentences": self.sentences, "tokens": self.tokens,
            "per_type": per_type,
            "per_org_loc": entry(self.micro(&TYPES[..3]), sum(3)),
            "all": entry(self.micro(&TYPES), sum(4)),
            "analyze_seconds": self.analyze_secs, "tokens_per_second": self.tokens_per_sec(),
        })
    }
}

/// Scores already-read documents. With `dump`, also writes conlleval's input ("token gold
/// predicted" per line, a blank line after each sentence), to check the numbers with conlleval.pl.
pub fn score_docs(docs: &[Vec<Sentence>], batch_bytes: usize, mut dump: Option<&mut String>) -> Result<ConllResult, String> {
    let mut res = ConllResult { documents: docs.len(), ..ConllResult::default() };
    for doc in docs {
        let mut start = 0;
        while start < doc.len() {
            let mut end = start;
            let mut bytes = 0;
            while end < doc.len() && (end == start || bytes + sentence_bytes(&doc[end]) <= batch_bytes) {
                bytes += sentence_bytes(&doc[end]);
                end += 1;
            }
            let batch = &doc[start..end];
            let (pred, secs) = predict_tags(batch)?;
            res.analyze_secs += secs;
            for (s, p) in batch.iter().zip(&pred) {
                if let Some(out) = dump.as_deref_mut() {
                    for ((tok, g), p) in s.tokens.iter().zip(&s.tags).zip(p) {
                        *out += &format!("{tok} {g} {p}\n");
                    }
                    out.push('\n');
                }
                res.sentences += 1;
                res.tokens += s.tokens.len();
                let gold: BTreeSet<_> = chunks(&s.tags).into_iter().collect();
                let pred: BTreeSet<_> = chunks(p).into_iter().collect();
                for (i, t) in TYPES.iter().enumerate() {
                    let g = gold.iter().filter(|c| c.2 == *t).count() as i64;
                    let p = pred.iter().filter(|c| c.2 == *t).count() as i64;
                    let tp = gold.intersection(&pred).filter(|c| c.2 == *t).count() as i64;
                    res.counts[i].0 += tp;
                    res.counts[i].1 += p - tp;
                    res.counts[i].2 += g - tp;
                }
            }
            start = end;
        }
    }
    Ok(res)
}

fn sentence_bytes(s: &Sentence) -> usize {
    s.tokens.iter().map(|t| t.len() + 1).sum()
}

/// Reads and scores a CoNLL-2003 file (see [`score_docs`] for `dump`).
pub fn score_file(path: &Path, batch_bytes: usize, dump: Option<&mut String>) -> Result<ConllResult, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let docs = parse(&text);
    let mut res = score_docs(&docs, batch_bytes, dump)?;
    res.file = path.display().to_string();
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn chunks_follow_conlleval() {
        let c = |s| chunks(&tags(s)).into_iter().map(|(a, b, t)| format!("{a}-{b}:{t}")).collect::<Vec<_>>();
        assert_eq!(c("B-PER I-PER O B-LOC"), ["0-2:PER", "3-4:LOC"]);
        // IOB1: I- after O or another type starts a chunk; B- splits two chunks of one type.
        assert_eq!(c("I-ORG I-ORG B-ORG O I-MISC I-LOC"), ["0-2:ORG", "2-3:ORG", "4-5:MISC", "5-6:LOC"]);
        assert_eq!(c("O O"), Vec::<String>::new());
    }

    #[test]
    fn parse_splits_sentences_documents_and_datelines() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nBRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n\nHi O O O\n\nHEAD O O O\n\nLONDON NNP B-NP B-LOC\n1996-08-30 CD I-NP O\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 3);
        assert_eq!(docs[1][0].tokens, ["HEAD"]);
        assert_eq!(docs[0][0].tags, ["B-ORG", "O"]);
    }

    #[test]
    fn mentions_map_to_the_tokens_they_overlap() {
        // "Alex Vatanka of US-Iranian Acme 3" as CoNLL tokens; mentions in bytes.
        let toks = ["Alex", "Vatanka", "of", "US-Iranian", "Acme", "3"];
        let mut spans = Vec::new();
        let mut at = 0;
        for (i, t) in toks.iter().enumerate() {
            spans.push((0, i, at, at + t.len()));
            at += t.len() + 1;
        }
        let m = [
            (0, 12, EntityType::Person),
            (16, 18, EntityType::Place),
            (19, 26, EntityType::Group),
            (27, 31, EntityType::Org),
            (32, 33, EntityType::Quantity),
        ];
        let tags = tags_from_mentions(&spans, &[6], m.into_iter());
        assert_eq!(tags[0], ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "O"]);
    }

    #[test]
    fn micro_scores() {
        let r = ConllResult { counts: [(8, 2, 0), (0, 0, 0), (0, 0, 0), (0, 10, 10)], ..Default::default() };
        assert_eq!(r.micro(&TYPES[..3]), (0.8, 1.0, 2.0 * 0.8 / 1.8));
    }
}
