//! Training the tagger (native only): reads CoNLL files, re-tokenizes their tokens with the
//! runtime tokenizer, trains an averaged perceptron with greedy decoding, scores it on a dev file
//! (exact-span micro-F1 on PER/ORG/LOC, conlleval style) and writes the pruned, quantized model.
//!
//! `gloss model build --data DIR --out DIR [--epochs N] [--max-features K] [--extra NAME,...] [--retrain]`
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
/// Sentences as (words, tags).
pub type Tagged = Vec<(Vec<String>, Vec<u8>)>;

pub fn read_conll(path: &str, map: &dyn Fn(&str) -> Option<&'static str>) -> Result<Tagged, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<u8> = Vec::new();
    let mut prev_class = String::new();
    let flush = |words: &mut Vec<String>, tags: &mut Vec<u8>, out: &mut Tagged| {
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
        let mut cols = line.split([' ', '\t']).filter(|c| !c.is_empty());
        let Some(tok) = cols.next() else { continue };
        let raw = cols.next_back().unwrap_or("O");
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
        // A clitic standing alone ("'s", "n't") is one token at run time, where it follows its word.
        let clitic = matches!(tok.to_ascii_lowercase().as_str(), "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m" | "n't");
        let pieces: Vec<&str> = if clitic { vec![tok] } else { tokenize(tok).iter().map(|p| p.span.of(tok)).collect() };
        let multi = pieces.len() > 1;
        for (k, &w) in pieces.iter().enumerate() {
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

pub fn prepare(sents: Tagged, gaz: &Gazetteer) -> Vec<Sample> {
    sents
        .into_iter()
        .map(|(words, tags)| {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let infos: Vec<TokInfo> = refs.iter().map(|w| TokInfo::new(w)).collect();
            let case = sentence_case(&infos, &refs);
            let mut g = Vec::new();
            let lowers: Vec<u64> = infos.iter().map(|t| t.lower).collect();
            gaz.mark(&refs, &lowers, &mut g);
            Sample { words, tags, infos, gaz: g, case }
        })
        .collect()
}

/// Averaged perceptron weights: `w` current, `u` the update sums weighted by time, so that the
/// average is `w - u / c` without per-feature timestamps.
struct Perceptron {
    /// When set, only features already in `index` are learned (the retraining after pruning).
    frozen: bool,
    /// How often each feature fired in the first epoch: its weight times this ranks it for pruning.
    count: KeyMap<u32>,
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
            if self.frozen && !self.index.contains_key(&f) {
                continue;
            }
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
                let (w, u) = (&self.w[r as usize], &self.u[r as usize]);
                (k, std::array::from_fn(|t| w[t] - u[t] / self.c))
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
        (5..=12).contains(&n) && s.words[n - 5].len() == 4 && s.words[n - 5].starts_with("19") && s.words[n - 4] == "-" && s.words[n - 2] == "-" && s.words[n - 1].len() == 2
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

fn train(samples: &[Sample], epochs: usize, seed: u64, keep: Option<&[u32]>) -> Perceptron {
    let mut p = Perceptron { frozen: keep.is_some(), count: KeyMap::default(), index: KeyMap::default(), w: Vec::new(), u: Vec::new(), c: 1.0 };
    for &k in keep.unwrap_or(&[]) {
        p.index.insert(k, p.w.len() as u32);
        p.w.push([0.0; NT]);
        p.u.push([0.0; NT]);
    }
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
                if epoch == 0 && !p.frozen {
                    for &f in &buf {
                        *p.count.entry(f).or_insert(0) += 1;
                    }
                }
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

/// `gloss model bench FILE...`: the whole analyze step, single thread, in tokens per second.
/// `gloss model bench --conll FILE`: the same on a CoNLL file, one text per document (its
/// sentences one a line, tokens joined by spaces).
fn bench(files: &[String]) -> Result<(), String> {
    let texts: Vec<String> = if files.first().map(String::as_str) == Some("--conll") {
        let path = files.get(1).ok_or("usage: gloss model bench --conll FILE")?;
        let sents = read_conll(path, &map_conll)?;
        let samples = prepare(sents, Gazetteer::get());
        documents(&samples).into_iter().map(|d| samples[d].iter().map(|s| s.words.join(" ")).collect::<Vec<_>>().join("\n")).collect()
    } else {
        files.iter().map(|f| std::fs::read_to_string(f).map_err(|e| format!("cannot read {f}: {e}"))).collect::<Result<_, _>>()?
    };
    let tokens: usize = texts.iter().map(|t| crate::text::Document::new(t).tokens.len()).sum();
    let config = crate::Config::default();
    for t in &texts {
        crate::analyze(t, &config).map_err(|e| e.to_string())?; // warm-up: model and gazetteer load
    }
    let start = std::time::Instant::now();
    let mut rounds = 0;
    while start.elapsed().as_secs_f64() < 3.0 {
        for t in &texts {
            std::hint::black_box(crate::analyze(t, &config).map_err(|e| e.to_string())?);
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let t0 = std::time::Instant::now();
    for t in &texts {
        std::hint::black_box(crate::text::Document::new(t));
    }
    let seg = t0.elapsed().as_secs_f64();
    let t0 = std::time::Instant::now();
    for t in &texts {
        let d = crate::text::Document::new(t);
        std::hint::black_box(super::prepare(&d));
    }
    let tag = t0.elapsed().as_secs_f64() - seg;
    eprintln!("one round: segmentation {:.1} ms, tagging {:.1} ms, whole {:.1} ms", seg * 1e3, tag * 1e3, secs / rounds as f64 * 1e3);
    println!("{} tokens x {rounds} rounds in {secs:.2}s: {:.0} tokens/s", tokens, (tokens * rounds) as f64 / secs);
    Ok(())
}

/// The shipped tagger's predictions on `dev`, one article's memory at a time.
fn tag_all(m: &Model, dev: &[Sample]) -> Vec<Vec<u8>> {
    let mut pred: Vec<Vec<u8>> = Vec::new();
    let mut mem = DocMemory::default();
    let mut feats = Vec::new();
    for d in documents(dev) {
        mem.clear();
        for s in &dev[d] {
            let mut o = Vec::new();
            let refs: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut infos = s.infos.clone();
            m.tag(&refs, &mut infos, &s.gaz, s.case, &mut mem, &mut feats, &mut o);
            pred.push(o);
        }
    }
    pred
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("bench") {
        return bench(&args[1..]);
    }
    let mut data = "../shared/data".to_string();
    let mut out = "src/entities/data".to_string();
    let mut epochs = 8usize;
    let mut max_features = 40_000usize;
    let mut extra: Vec<String> = Vec::new();
    let mut retrain = false;
    let mut sweep: Option<String> = None;
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
            "--retrain" => retrain = true,
            "--sweep" => sweep = Some(val()?),
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
    let seed = 0x2545_F491_4F6C_DD1D;
    let p = train(&train_samples, epochs, seed, None);
    {
        let avg = p.averaged();
        let mut q = Perceptron { frozen: true, count: KeyMap::default(), index: KeyMap::default(), w: Vec::new(), u: Vec::new(), c: 1.0 };
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
    // Keep the features that move scores most often: largest weight times the square root of
    // how often the feature fires. (`--retrain` then retrains on those alone; measured on
    // eng.testa it was less stable and no better, so it is off by default.)
    let importance = |r: &(u32, [f32; NT])| {
        let m = r.1.iter().map(|w| w.abs()).fold(0.0, f32::max);
        m * (*p.count.get(&r.0).unwrap_or(&1) as f32).sqrt()
    };
    rows.sort_by(|a, b| importance(b).partial_cmp(&importance(a)).unwrap().then(a.0.cmp(&b.0)));
    if let Some(dir) = &sweep {
        // `--sweep DIR`: the size/accuracy trade of the quantization, one model file per variant
        // (gzip them to see the download), tagger-only eng.testa F1 printed for each.
        let gold: Vec<Vec<u8>> = dev.iter().map(|s| s.tags.clone()).collect();
        for feats in [12_000usize, 14_000, 16_000, 18_000] {
            for (coarse, scale_top) in [(7u8, 127u8), (7, 31), (3, 31), (3, 15), (2, 31), (1, 31)] {
                let mut r = rows.clone();
                r.truncate(feats);
                let bytes = super::model::to_bytes_with(r, super::model::Quant { coarse, scale_top, ..super::model::QUANT });
                let m = Model::from_bytes(&bytes)?;
                let pred = tag_all(&m, &dev);
                let path = format!("{dir}/model-{feats}-{coarse}-{scale_top}.bin");
                std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
                let f1 = conll_score(&gold, &pred);
                eprintln!("sweep {feats} features, coarse {coarse}, scale levels {scale_top}: {} bytes; {}", bytes.len(), f1.lines().last().unwrap_or(""));
            }
        }
    }
    let full = Model::from_bytes(&to_bytes(rows.clone())).map_err(|e| e.to_string())?;
    rows.truncate(max_features);
    let keep: Vec<u32> = {
        let mut k: Vec<u32> = rows.iter().map(|r| r.0).collect();
        k.sort_unstable();
        k
    };
    let bytes = if retrain {
        eprintln!("retraining on {} kept features", keep.len());
        to_bytes(train(&train_samples, epochs, seed, Some(&keep)).averaged())
    } else {
        to_bytes(rows)
    };
    let model = Model::from_bytes(&bytes)?;
    let gold: Vec<Vec<u8>> = dev.iter().map(|s| s.tags.clone()).collect();
    for (name, m) in [("all features (quantized)", &full), ("pruned", &model)] {
        let pred = tag_all(m, &dev);
        eprintln!("eng.testa, {name}, {} of {all} features:\n{}", m.features, conll_score(&gold, &pred));
    }
    let path = format!("{out}/model.bin");
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
    eprintln!("wrote {path}: {} bytes", bytes.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_is_retokenized_like_run_time_text() {
        let path = std::env::temp_dir().join(format!("gloss-conll-{}.txt", std::process::id()));
        std::fs::write(&path, "Iran-backed NNP B-NP B-MISC\nmilitia NN I-NP O\nof IN O O\nU.S. NNP B-NP I-LOC\nNew NNP I-NP B-LOC\nYork NNP I-NP I-LOC\n's POS O O\n\nPeter NNP B-NP I-PER\n").unwrap();
        let s = read_conll(path.to_str().unwrap(), &map_conll).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(s.len(), 2);
        let (words, tags) = &s[0];
        let names: Vec<&str> = tags.iter().map(|&t| TAG_NAMES[t as usize]).collect();
        assert_eq!(words, &["Iran", "-", "backed", "militia", "of", "U.S.", "New", "York", "'s"]);
        assert_eq!(names, ["B-MISC", "O", "O", "O", "O", "B-LOC", "B-LOC", "I-LOC", "O"]);
        assert_eq!(TAG_NAMES[s[1].1[0] as usize], "B-PER"); // IOB1 at a sentence start
    }

    #[test]
    fn spans_and_scores() {
        assert_eq!(spans(&[1, 2, 0, 3, 5, 6]), vec![(0, 2, 1), (3, 4, 2), (4, 6, 3)]);
        let report = conll_score(&[vec![1, 2, 0]], &[vec![1, 2, 0]]);
        assert!(report.contains("PER+ORG+LOC P 1.0000 R 1.0000 F1 1.0000"));
    }
}
