//! The trained tagger as shipped: a compact table of feature keys and quantized weights, and
//! greedy left-to-right BIO decoding over it.
//!
//! File layout (little-endian): `GLM1`, u32 feature count, f32 smallest and largest magnitude,
//! then the feature keys sorted ascending as LEB128 deltas (they compress well), then
//! `count × NT` i8 weights on a logarithmic scale: perceptron weights span five decades (the bias
//! and a few very common features are large, most are small), which a linear i8 scale cannot hold
//! without clamping the large ones or zeroing the small ones. At load the levels become a 256-entry
//! f32 table and the keys go into an open-addressing table, so a lookup is one or two probes.

use super::features::{history_features, static_features, Case, TokInfo};

/// Tags: O, then B-/I- for PER, ORG, LOC, MISC.
pub const NT: usize = 9;
pub const TAG_NAMES: [&str; NT] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

/// The class of tag `t` (0 = none, 1 PER, 2 ORG, 3 LOC, 4 MISC) and whether it begins a span.
#[inline]
pub fn tag_class(t: u8) -> (u8, bool) {
    if t == 0 {
        (0, false)
    } else {
        ((t + 1) / 2, t % 2 == 1)
    }
}

/// May tag `t` follow tag `prev`? (I-X only continues B-X or I-X.)
#[inline]
pub fn allowed(prev: u8, t: u8) -> bool {
    let (c, begin) = tag_class(t);
    c == 0 || begin || tag_class(prev).0 == c
}

pub struct Model {
    slots: Vec<u32>,
    rows: Vec<u32>,
    mask: usize,
    weights: Vec<f32>,
    pub features: usize,
}

impl Model {
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 16 || &b[..4] != b"GLM1" {
            return Err("not a Gloss model (bad magic)".into());
        }
        let n = u32::from_le_bytes(b[4..8].try_into().unwrap()) as usize;
        let lo = f32::from_le_bytes(b[8..12].try_into().unwrap());
        let hi = f32::from_le_bytes(b[12..16].try_into().unwrap());
        let mut levels = [0f32; 256];
        for q in 1..128usize {
            let v = level(lo, hi, q as u8);
            levels[q] = v;
            levels[256 - q] = -v;
        }
        let mut pos = 16;
        let mut keys = Vec::with_capacity(n);
        let mut k: u32 = 0;
        for _ in 0..n {
            let mut d: u32 = 0;
            let mut shift = 0;
            loop {
                let byte = *b.get(pos).ok_or("truncated model keys")?;
                pos += 1;
                d |= ((byte & 0x7f) as u32) << shift;
                if byte & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            k = k.wrapping_add(d);
            keys.push(k);
        }
        let weights: Vec<f32> = b.get(pos..pos + n * NT).ok_or("truncated model weights")?.iter().map(|&x| levels[x as usize]).collect();
        let cap = (n * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; cap];
        let mut rows = vec![0u32; cap];
        for (r, &key) in keys.iter().enumerate() {
            let mut s = (key as usize).wrapping_mul(0x9E37_79B1) & (cap - 1);
            while slots[s] != 0 {
                s = (s + 1) & (cap - 1);
            }
            slots[s] = key;
            rows[s] = r as u32;
        }
        Ok(Model { slots, rows, mask: cap - 1, weights, features: n })
    }

    #[inline]
    fn add(&self, key: u32, acc: &mut [f32; NT]) {
        let mut s = (key as usize).wrapping_mul(0x9E37_79B1) & self.mask;
        loop {
            let k = self.slots[s];
            if k == key {
                let r = self.rows[s] as usize * NT;
                let w = &self.weights[r..r + NT];
                for t in 0..NT {
                    acc[t] += w[t];
                }
                return;
            }
            if k == 0 {
                return;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Tags one sentence greedily, left to right, under the BIO constraint.
    pub fn tag(&self, infos: &[TokInfo], gaz: &[u16], case: Case, feats: &mut Vec<u32>, out: &mut Vec<u8>) {
        out.clear();
        let (mut p1, mut p2) = (0u8, 0u8);
        let mut hist = [0u32; 4];
        for i in 0..infos.len() {
            feats.clear();
            static_features(infos, gaz, case, i, feats);
            history_features(&infos[i], p1, p2, &mut hist);
            let mut acc = [0f32; NT];
            for &f in feats.iter().chain(hist.iter()) {
                self.add(f, &mut acc);
            }
            let mut best = 0u8;
            let mut best_score = f32::NEG_INFINITY;
            for t in 0..NT as u8 {
                if allowed(p1, t) && acc[t as usize] > best_score {
                    best_score = acc[t as usize];
                    best = t;
                }
            }
            out.push(best);
            p2 = p1;
            p1 = best;
        }
    }
}

/// The magnitude of level `q` (1..=127) on the log scale from `lo` to `hi`.
fn level(lo: f32, hi: f32, q: u8) -> f32 {
    lo * (hi / lo).powf((q as f32 - 1.0) / 126.0)
}

/// Serialises keys (any order) and their float weights, quantized to signed log-scale i8.
pub fn to_bytes(mut rows: Vec<(u32, [f32; NT])>) -> Vec<u8> {
    rows.sort_by_key(|r| r.0);
    let mut mags: Vec<f32> = rows.iter().flat_map(|r| r.1.iter().map(|w| w.abs())).filter(|&w| w > 0.0).collect();
    mags.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let hi = mags.last().copied().unwrap_or(1.0).max(1e-6);
    // Weights under a thousandth of the largest barely move a score: they round to zero.
    let lo = (hi / 2000.0).max(mags.first().copied().unwrap_or(hi));
    let mut out = Vec::new();
    out.extend_from_slice(b"GLM1");
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    out.extend_from_slice(&lo.to_le_bytes());
    out.extend_from_slice(&hi.to_le_bytes());
    let mut prev = 0u32;
    for r in &rows {
        let mut d = r.0.wrapping_sub(prev);
        prev = r.0;
        loop {
            let byte = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    let steps = (hi / lo).ln() / 126.0;
    for r in &rows {
        for &w in &r.1 {
            let a = w.abs();
            let q = if a < lo * 0.5 || steps <= 0.0 { 0 } else { ((a / lo).ln() / steps).round().clamp(0.0, 126.0) as i32 + 1 };
            let v = if w < 0.0 { -q } else { q };
            out.push(v as i8 as u8);
        }
    }
    out
}
