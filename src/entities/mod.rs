//! Entity recognition: finds PERSON, ORG, PLACE, GROUP, EVENT, DATE, MONEY and QUANTITY mentions,
//! links mentions of one entity together and takes each entity's descriptor from the article.
//!
//! The pipeline, in order:
//! 1. [`model`](mod@model): an averaged-perceptron BIO tagger (PER/ORG/LOC/MISC, trained on CoNLL-2003 by
//!    [`train`]) over [`features`] that include [`gazetteer`] hits, tags each sentence;
//! 2. [`typing`]: spans are trimmed to the gold conventions (no titles, no leading "the") and
//!    typed: MISC becomes GROUP or EVENT or is dropped; gazetteers and context cues correct the
//!    model; one name keeps one type across the article; names the model missed elsewhere in the
//!    article are added;
//! 3. [`numeric`]: rules for DATE, MONEY and QUANTITY fill the gaps between names;
//! 4. [`linking`]: mentions become entities with one canonical name each, and [`descriptors`]
//!    takes what the article says each entity is.

pub mod descriptors;
pub mod features;
pub mod gazetteer;
pub mod gazetteer_pack;
pub mod linking;
pub mod model;
pub mod numeric;
pub mod rans;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;
pub mod typing;

use crate::analysis::{Config, Entity, EntityType, Mention};
use crate::text::Document;
use features::{sentence_case, DocMemory, TokInfo};
use gazetteer::Gazetteer;
use model::Model;
use std::sync::OnceLock;

/// The embedded model, decoded once.
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(include_bytes!("data/model.bin")).unwrap_or_else(|e| panic!("embedded model is invalid: {e}")))
}

/// A mention over document tokens `[start, end)`, before linking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub ty: EntityType,
}

/// Per-token inputs shared by the stages: word strings, hashed infos, gazetteer bits.
pub struct Prepared<'a> {
    pub words: Vec<&'a str>,
    pub infos: Vec<TokInfo>,
    pub gaz: Vec<u16>,
    /// Model tags, one per token (see [`model::TAG_NAMES`]).
    pub tags: Vec<u8>,
}

/// The tagger in steps, a sentence at a time (the main-thread fallback analyses in slices).
/// Sentences are tagged in order, so the article's memory ([`DocMemory`]) is what one pass builds.
pub struct Tagging {
    /// The next sentence to tag.
    next: usize,
    infos: Vec<TokInfo>,
    lowers: Vec<u64>,
    gaz: Vec<u16>,
    tags: Vec<u8>,
    mem: DocMemory,
    // Per-sentence buffers, kept between sentences.
    g: Vec<u16>,
    t: Vec<u8>,
    feats: Vec<u32>,
}

impl Tagging {
    pub fn new(doc: &Document) -> Tagging {
        let n = doc.tokens.len();
        let infos: Vec<TokInfo> = (0..n).map(|i| TokInfo::light(doc.tok(i))).collect();
        let lowers = infos.iter().map(|t| t.lower).collect();
        Tagging {
            next: 0,
            infos,
            lowers,
            gaz: Vec::with_capacity(n),
            tags: Vec::with_capacity(n),
            mem: DocMemory::default(),
            g: Vec::new(),
            t: Vec::new(),
            feats: Vec::with_capacity(64),
        }
    }

    /// Tags sentences of `doc` until `stop()`, asked after each sentence, says to pause. True
    /// when every sentence is tagged.
    pub fn step(&mut self, doc: &Document, stop: &mut dyn FnMut() -> bool) -> bool {
        let (gz, m) = (Gazetteer::get(), model());
        // The sentence's words only: a step's cost stays its sentences', whatever the article's length.
        let mut words: Vec<&str> = Vec::new();
        while let Some(s) = doc.sentences.get(self.next) {
            let r = s.tokens.clone();
            words.clear();
            words.extend(r.clone().map(|i| doc.tok(i)));
            gz.mark(&words, &self.lowers[r.clone()], &mut self.g);
            let case = sentence_case(&self.infos[r.clone()], &words);
            m.tag(&words, &mut self.infos[r.clone()], &self.g, case, &mut self.mem, &mut self.feats, &mut self.t);
            self.gaz.extend_from_slice(&self.g);
            self.tags.extend_from_slice(&self.t);
            self.next += 1;
            if stop() {
                return self.next == doc.sentences.len();
            }
        }
        true
    }

    /// The prepared inputs (call once `step` has returned true).
    pub fn finish<'a>(self, words: Vec<&'a str>) -> Prepared<'a> {
        Prepared { words, infos: self.infos, gaz: self.gaz, tags: self.tags }
    }
}

/// The texts of `doc`'s tokens.
pub fn words<'a>(doc: &Document<'a>) -> Vec<&'a str> {
    (0..doc.tokens.len()).map(|i| doc.tok(i)).collect()
}

/// Runs the tagger over every sentence of `doc`.
pub fn prepare<'a>(doc: &Document<'a>) -> Prepared<'a> {
    let mut t = Tagging::new(doc);
    t.step(doc, &mut || false);
    t.finish(words(doc))
}

/// Finds the mentions in `doc` and groups them into entities.
/// Mentions come back sorted by start and never overlapping.
pub fn recognize(doc: &Document, _config: &Config) -> (Vec<Mention>, Vec<Entity>) {
    if doc.tokens.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let p = prepare(doc);
    let names = typing::names(doc, &p);
    let cands = add_numbers(doc, &p.words, names);
    linking::link(doc, &p.words, &cands)
}

/// The name candidates with the dates, amounts and quantities found between them.
pub fn add_numbers(doc: &Document, words: &[&str], names: Vec<Cand>) -> Vec<Cand> {
    let mut covered = vec![false; words.len()];
    for c in &names {
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
    }
    let nums = numeric::find(doc, words, &covered);
    merge(names, nums)
}

/// Adds `extra` candidates that overlap none of `base`; the result is sorted by start.
pub fn merge(mut base: Vec<Cand>, extra: Vec<Cand>) -> Vec<Cand> {
    crate::sort::sort_by_key(&mut base, |c| c.start as u64);
    let mut out: Vec<Cand> = Vec::with_capacity(base.len() + extra.len());
    for e in extra {
        let i = base.partition_point(|c| c.start < e.end);
        let clash = base[..i].iter().rev().take(4).any(|c| c.end > e.start);
        if !clash {
            out.push(e);
        }
    }
    out.extend(base);
    crate::sort::sort_by_key(&mut out, |c| c.start as u64);
    out
}
