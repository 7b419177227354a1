//! Training the tagger (native only): reads CoNLL files, re-tokenizes their tokens with the
//! runtime tokenizer, trains an averaged perceptron with greedy decoding, scores it on a dev file
//! (exact-span micro-F1 on PER/ORG/LOC, conlleval style) and writes the pruned, quantized model.
//!
//! `gloss model build --data DIR --out DIR [--epochs N] [--max-features K] [--extra NAME,...]`
//! Deterministic: a fixed-seed xorshift shuffles the sentences, and ties break by tag order.

use super::features::{history_features, memory_features, sentence_case, static_features, Case, DocMemory, TokInfo};
use super::gazetteer::Gazetteer;
use super::model::{allowed, tag_class, to_bytes, Model, NT, TAG_NAMES};
use crate::text::tokenize::tokenize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already hashes: the map uses them as they are.
#[derive(Default)]
struct Identity(u64);
impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!()
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<Identity>>;

/// One training sentence: its tokens' features inputs and gold tags.
pub struct Sample {
    pub words: Vec<String>,
    pub tags: Vec<u8>,
    infos: Vec<TokInfo>,
    gaz: Vec<u16>,
    case: Case,
}

fn tag_index(name: &str) -> u8 {
    TAG_NAMES.iter().position(|&t| t == name).unwrap_or(0) as u8
}

/// Reads a CoNLL file (token first, tag last on each line; IOB1 or IOB2) into re-tokenized
/// sentences with IOB2 tags. `map` renames or drops (None) entity classes of other corpora.
pub fn read_conll(path: &str, map: &dyn Fn(&str) -> Option<&'static str>) -> Result<Vec<(Vec<String>, Vec<u8>)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<u8> = Vec::new();
    let mut prev_class = String::new();
    let flush = |words: &mut Vec<String>, tags: &mut Vec<u8>, out: &mut Vec<(Vec<String>, Vec<u8>)>| {
        if !words.is_empty() {
            out.push((std::mem::take(words), std::mem::take(tags)));
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            flush(&mut words, &mut tags, &mut out);
            prev_class.clear();
            continue;
        }
        let mut cols = line.split(|c| c == ' ' || c == '\t').filter(|c| !c.is_empty());
        let Some(tok) = cols.next() else { continue };
        let raw = cols.last().unwrap_or("O");
        let (bio, class) = raw.split_once('-').unwrap_or(("O", ""));
        let class = if bio == "O" { None } else { map(class) };
        let mut begin = match class {
            None => false,
            Some(c) => bio == "B" || prev_class != c,
        };
        prev_class = class.unwrap_or("").to_string();
        // Re-tokenize: hyphen and possessive pieces become tokens of their own, as at run time.
        // Capitalised or numeric pieces keep the entity (each hyphen piece its own span, as in
        // the gold's "US-Iranian" → "US" + "Iranian"); lower-case pieces and dashes are O.
        let pieces = tokenize(tok);
        let multi = pieces.len() > 1;
        for (k, p) in pieces.iter().enumerate() {
            let w = p.span.of(tok);
            let keep = !multi || (w.starts_with(|c: char| c.is_uppercase() || c.is_numeric()) && w != "'s" && w != "'S");
            let t = match class {
                Some(c) if keep => {
                    let name = if begin || (multi && k > 0) { format!("B-{c}") } else { format!("I-{c}") };
                    begin = false;
                    tag_index(&name)
                }
                _ => 0,
            };
            words.push(w.to_string());
            tags.push(t);
        }
        if class.is_some() && multi {
            // The piece after a split name starts a new span.
            prev_class.clear();
        }
    }
    flush(&mut words, &mut tags, &mut out);
    Ok(out)
}

pub fn prepare(sents: Vec<(Vec<String>, Vec<u8>)>, gaz: &Gazetteer) -> Vec<Sample> {
    sents
        .into_iter()
        .map(|(words, tags)| {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let infos: Vec<TokInfo> = refs.iter().map(|w| TokInfo::new(w)).collect();
            let case = sentence_case(&infos, &refs);
            let mut g = Vec::new();
            gaz.mark(&refs, &mut g);
            Sample { words, tags, infos, gaz: g, case }
        })
        .collect()
}

/// Averaged perceptron weights: `w` current, `u` the update sums weighted by time, so that the
/// average is `w - u / c` without per-feature timestamps.
struct Perceptron {
    index: KeyMap<u32>,
    w: Vec<[f32; NT]>,
    u: Vec<[f32; NT]>,
    c: f32,
}

impl Perceptron {
    fn score(&self, feats: &[u32], acc: &mut [f32; NT]) {
        *acc = [0.0; NT];
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let w = &self.w[r as usize];
                for t in 0..NT {
                    acc[t] += w[t];
                }
            }
        }
    }
    fn update(&mut self, feats: &[u32], t: usize, d: f32) {
        for &f in feats {
            let n = self.w.len() as u32;
            let r = *self.index.entry(f).or_insert(n) as usize;
            if r == self.w.len() {
                self.w.push([0.0; NT]);
                self.u.push([0.0; NT]);
            }
            self.w[r][t] += d;
            self.u[r][t] += self.c * d;
        }
    }
    fn averaged(&self) -> Vec<(u32, [f32; NT])> {
        let mut rows: Vec<(u32, [f32; NT])> = self
            .index
            .iter()
            .map(|(&k, &r)| {
                let mut a = [0.0; NT];
                for t in 0..NT {
                    a[t] = self.w[r as usize][t] - self.u[r as usize][t] / self.c;
                }
                (k, a)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows
    }
}

fn features_of(s: &Sample, i: usize, p1: u8, p2: u8, mem: &DocMemory, buf: &mut Vec<u32>) {
    buf.clear();
    static_features(&s.infos, &s.gaz, s.case, i, buf);
    let mut h = [0u32; 4];
    history_features(&s.infos[i], p1, p2, &mut h);
    buf.extend_from_slice(&h);
    let mut m = [0u32; 2];
    memory_features(&s.infos[i], mem.class(&s.infos[i]), &mut m);
    buf.extend_from_slice(&m);
}

/// Splits CoNLL sentences into articles: this copy has no -DOCSTART- lines, but every Reuters
/// story opens with a dateline ("BRUSSELS 1996-08-22"), usually after an all-caps headline.
pub fn documents(samples: &[Sample]) -> Vec<std::ops::Range<usize>> {
    let is_dateline = |s: &Sample| {
        // The tokenizer splits "1996-08-22" into five tokens.
        let n = s.words.len();
        n >= 5 && n <= 12 && s.words[n - 5].len() == 4 && s.words[n - 5].starts_with("19") && s.words[n - 4] == "-" && s.words[n - 2] == "-" && s.words[n - 1].len() == 2
    };
    let mut starts = vec![0];
    for i in 1..samples.len() {
        if is_dateline(&samples[i]) {
            let st = if i > 0 && samples[i - 1].case == Case::Upper && !starts.contains(&(i - 1)) { i - 1 } else { i };
            if st > *starts.last().unwrap() {
                starts.push(st);
            }
        }
    }
    let mut out = Vec::new();
    for (k, &st) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(samples.len());
        out.push(st..end);
    }
    out
}

fn best(acc: &[f32; NT], prev: u8) -> u8 {
    let mut b = 0u8;
    for t in 0..NT as u8 {
        if allowed(prev, t) && (acc[t as usize] > acc[b as usize] || !allowed(prev, b)) {
            b = t;
        }
    }
    b
}

fn train(samples: &[Sample], epochs: usize, seed: u64) -> Perceptron {
    let mut p = Perceptron { index: KeyMap::default(), w: Vec::new(), u: Vec::new(), c: 1.0 };
    let docs = documents(samples);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut mem = DocMemory::default();
    let mut rng = seed | 1;
    let mut buf = Vec::new();
    let mut acc = [0f32; NT];
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        let mut total = 0usize;
        for &di in &order {
          mem.clear();
          for s in &samples[docs[di].clone()] {
            let (mut p1, mut p2) = (0u8, 0u8);
            for i in 0..s.words.len() {
                features_of(s, i, p1, p2, &mem, &mut buf);
                p.score(&buf, &mut acc);
                let guess = best(&acc, p1);
                let gold = s.tags[i];
                if guess != gold {
                    p.update(&buf, gold as usize, 1.0);
                    p.update(&buf, guess as usize, -1.0);
                    errors += 1;
                }
                total += 1;
                p.c += 1.0;
                // Train on its own history (what it will see at run time).
                mem.record(&s.infos[i], tag_class(guess).0);
                p2 = p1;
                p1 = guess;
            }
          }
        }
        eprintln!("epoch {}: token error rate {:.4}, {} features", epoch + 1, errors as f64 / total as f64, p.w.len());
    }
    p
}

/// Exact spans (start, end, class) of a BIO tag sequence.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let (c, _) = tag_class(tags[i]);
        if c == 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tags.len() && tag_class(tags[j]) == (c, false) {
            j += 1;
        }
        out.push((i, j, c));
        i = j;
    }
    out
}

/// Micro P/R/F1 per class (1 PER, 2 ORG, 3 LOC, 4 MISC) and over PER+ORG+LOC.
pub fn conll_score(gold: &[Vec<u8>], pred: &[Vec<u8>]) -> String {
    let mut tp = [0usize; 5];
    let mut np = [0usize; 5];
    let mut ng = [0usize; 5];
    for (g, p) in gold.iter().zip(pred) {
        let gs = spans(g);
        let ps = spans(p);
        for s in &gs {
            ng[s.2 as usize] += 1;
            if ps.contains(s) {
                tp[s.2 as usize] += 1;
            }
        }
        for s in &ps {
            np[s.2 as usize] += 1;
        }
    }
    let f = |t: usize, p: usize, g: usize| {
        let pr = if p > 0 { t as f64 / p as f64 } else { 0.0 };
        let re = if g > 0 { t as f64 / g as f64 } else { 0.0 };
        (pr, re, if pr + re > 0.0 { 2.0 * pr * re / (pr + re) } else { 0.0 })
    };
    let mut s = String::new();
    for (c, name) in [(1, "PER"), (2, "ORG"), (3, "LOC"), (4, "MISC")] {
        let (p, r, f1) = f(tp[c], np[c], ng[c]);
        s += &format!("{name:5} P {p:.4} R {r:.4} F1 {f1:.4}\n");
    }
    let (p, r, f1) = f(tp[1] + tp[2] + tp[3], np[1] + np[2] + np[3], ng[1] + ng[2] + ng[3]);
    s += &format!("PER+ORG+LOC P {p:.4} R {r:.4} F1 {f1:.4}\n");
    s
}


/// Maps the tag sets of the other corpora onto CoNLL's classes.
fn map_conll(c: &str) -> Option<&'static str> {
    match c {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}
fn map_wnut(c: &str) -> Option<&'static str> {
    match c {
        "person" => Some("PER"),
        "corporation" | "group" => Some("ORG"),
        "location" => Some("LOC"),
        _ => None,
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut data = "../shared/data".to_string();
    let mut out = "src/entities/data".to_string();
    let mut epochs = 8usize;
    let mut max_features = 40_000usize;
    let mut extra: Vec<String> = Vec::new();
    let mut it = args.iter();
    if it.next().map(String::as_str) != Some("build") {
        return Err("usage: gloss model build --data DIR --out DIR [--epochs N] [--max-features K] [--extra wikigold,btc,wnut17]".into());
    }
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = val()?,
            "--out" => out = val()?,
            "--epochs" => epochs = val()?.parse().map_err(|_| "bad --epochs")?,
            "--max-features" => max_features = val()?.parse().map_err(|_| "bad --max-features")?,
            "--extra" => extra = val()?.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
            _ => return Err(format!("unknown option {a}")),
        }
    }
    let gaz = Gazetteer::get();
    let mut train_sents = read_conll(&format!("{data}/conll2003/eng.train"), &map_conll)?;
    for e in &extra {
        let files: Vec<String> = match e.as_str() {
            "wikigold" => vec![format!("{data}/wikigold/wikigold.conll.txt")],
            "btc" => ["a", "b", "e", "f", "g", "h"].iter().map(|s| format!("{data}/btc/{s}.conll")).collect(),
            "wnut17" => ["train", "dev", "test"].iter().map(|s| format!("{data}/wnut17/{s}.conll")).collect(),
            _ => return Err(format!("unknown extra corpus {e}")),
        };
        for f in files {
            let m: &dyn Fn(&str) -> Option<&'static str> = if e == "wnut17" { &map_wnut } else { &map_conll };
            let s = read_conll(&f, m)?;
            eprintln!("{f}: {} sentences", s.len());
            train_sents.extend(s);
        }
    }
    let dev_sents = read_conll(&format!("{data}/conll2003/eng.testa"), &map_conll)?;
    let train_samples = prepare(train_sents, gaz);
    let dev = prepare(dev_sents, gaz);
    eprintln!("train {} sentences in {} articles, dev {} sentences in {} articles", train_samples.len(), documents(&train_samples).len(), dev.len(), documents(&dev).len());
    let p = train(&train_samples, epochs, 0x2545_F491_4F6C_DD1D);
    {
        let avg = p.averaged();
        let mut q = Perceptron { index: KeyMap::default(), w: Vec::new(), u: Vec::new(), c: 1.0 };
        for (k, a) in &avg {
            q.index.insert(*k, q.w.len() as u32);
            q.w.push(*a);
        }
        let mut buf = Vec::new();
        let mut acc = [0f32; NT];
        let gold: Vec<Vec<u8>> = dev.iter().map(|s| s.tags.clone()).collect();
        let mut pred: Vec<Vec<u8>> = Vec::new();
        let mut mem = DocMemory::default();
        for d in documents(&dev) {
          mem.clear();
          for s in &dev[d] {
            let (mut p1, mut p2) = (0u8, 0u8);
            let mut o = Vec::new();
            for i in 0..s.words.len() {
                features_of(s, i, p1, p2, &mem, &mut buf);
                q.score(&buf, &mut acc);
                let g = best(&acc, p1);
                o.push(g);
                mem.record(&s.infos[i], tag_class(g).0);
                p2 = p1;
                p1 = g;
            }
            pred.push(o);
          }
        }
        eprintln!("eng.testa, float averaged:\n{}", conll_score(&gold, &pred));
    }
    let mut rows = p.averaged();
    let all = rows.len();
    // Keep the features with the largest weights: most of the model's mass sits in few of them.
    rows.sort_by(|a, b| {
        let na: f32 = a.1.iter().map(|w| w.abs()).fold(0.0, f32::max);
        let nb: f32 = b.1.iter().map(|w| w.abs()).fold(0.0, f32::max);
        nb.partial_cmp(&na).unwrap().then(a.0.cmp(&b.0))
    });
    let full = Model::from_bytes(&to_bytes(rows.clone())).map_err(|e| e.to_string())?;
    rows.truncate(max_features);
    let bytes = to_bytes(rows);
    let model = Model::from_bytes(&bytes)?;
    let gold: Vec<Vec<u8>> = dev.iter().map(|s| s.tags.clone()).collect();
    let mut feats = Vec::new();
    for (name, m) in [("all features (quantized)", &full), ("pruned", &model)] {
        let mut pred: Vec<Vec<u8>> = Vec::new();
        let mut mem = DocMemory::default();
        for d in documents(&dev) {
            mem.clear();
            for s in &dev[d] {
                let mut o = Vec::new();
                m.tag(&s.infos, &s.gaz, s.case, &mut mem, &mut feats, &mut o);
                pred.push(o);
            }
        }
        eprintln!("eng.testa, {name}, {} of {all} features:\n{}", m.features, conll_score(&gold, &pred));
    }
    let path = format!("{out}/model.bin");
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
    eprintln!("wrote {path}: {} bytes", bytes.len());
    Ok(())
}
