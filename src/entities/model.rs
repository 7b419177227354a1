//! The trained tagger as shipped: a compact table of feature keys and quantized weights, and
//! greedy left-to-right BIO decoding over it.
//!
//! File layout (little-endian): `GLM1`, u32 feature count, f32 smallest and largest row scale,
//! then the feature keys sorted ascending as LEB128 deltas (they compress well), then one u8 scale
//! level per row, then `count × NT` i8 weights. Each row is centred first (adding a constant to all
//! tags of a feature changes no decision) and then stored linearly against its own scale, which is
//! coded on a log scale: perceptron rows span five decades, and big rows nearly cancel across tags,
//! so one global scale, linear or logarithmic, loses the differences that decide. At load the
//! keys go into an open-addressing table so a lookup is one or two probes.

use super::features::{history_features, memory_features, static_features, Case, DocMemory, TokInfo};

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
        let scales = b.get(pos..pos + n).ok_or("truncated model scales")?;
        let raw = b.get(pos + n..pos + n + n * NT).ok_or("truncated model weights")?;
        let mut weights = Vec::with_capacity(n * NT);
        for r in 0..n {
            let sc = level(lo, hi, scales[r]) / 127.0;
            weights.extend((0..NT).map(|t| raw[t * n + r] as i8 as f32 * sc));
        }
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
    /// `mem` carries what earlier sentences of the same article were tagged.
    pub fn tag(&self, infos: &[TokInfo], gaz: &[u16], case: Case, mem: &mut DocMemory, feats: &mut Vec<u32>, out: &mut Vec<u8>) {
        out.clear();
        let (mut p1, mut p2) = (0u8, 0u8);
        let mut hist = [0u32; 4];
        let mut memf = [0u32; 2];
        for i in 0..infos.len() {
            feats.clear();
            static_features(infos, gaz, case, i, feats);
            history_features(&infos[i], p1, p2, &mut hist);
            memory_features(&infos[i], mem.class(&infos[i]), &mut memf);
            let mut acc = [0f32; NT];
            for &f in feats.iter().chain(hist.iter()).chain(memf.iter()) {
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
            mem.record(&infos[i], tag_class(best).0);
            p2 = p1;
            p1 = best;
        }
    }
}

/// The scale of level `q` (0..=255) on the log scale from `lo` to `hi`.
fn level(lo: f32, hi: f32, q: u8) -> f32 {
    lo * (hi / lo).powf(q as f32 / 255.0)
}

const CENTER: bool = false;
/// Levels each side of zero within a row: fewer levels, less entropy, a smaller download.
const LEVELS: f32 = 127.0;

/// Serialises keys (any order) and their float weights, quantized as described above.
pub fn to_bytes(mut rows: Vec<(u32, [f32; NT])>) -> Vec<u8> {
    rows.sort_by_key(|r| r.0);
    if CENTER {
        for r in rows.iter_mut() {
            let mx = r.1.iter().copied().fold(f32::MIN, f32::max);
            let mn = r.1.iter().copied().fold(f32::MAX, f32::min);
            let mid = (mx + mn) / 2.0;
            for w in r.1.iter_mut() {
                *w -= mid;
            }
        }
    }
    let mags: Vec<f32> = rows.iter().map(|r| r.1.iter().map(|w| w.abs()).fold(0.0, f32::max)).collect();
    let hi = mags.iter().copied().fold(1e-6, f32::max);
    let lo = mags.iter().copied().filter(|&m| m > 0.0).fold(hi, f32::min).max(hi / 1e6);
    let steps = (hi / lo).ln() / 255.0;
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
    let mut qs = Vec::with_capacity(rows.len());
    for &m in &mags {
        // Round the scale up so that no weight of the row is clamped.
        let mut q = if steps > 0.0 && m > 0.0 { ((m / lo).ln() / steps).ceil().clamp(0.0, 255.0) as u8 } else { 0 };
        while q < 255 && level(lo, hi, q) < m {
            q += 1;
        }
        qs.push(q);
    }
    out.extend_from_slice(&qs);
    // Tag-major order: a tag's weights resemble each other, which gzip (the download) rewards.
    for t in 0..NT {
        for (r, &q) in rows.iter().zip(&qs) {
            let sc = level(lo, hi, q);
            let v = ((r.1[t] / sc * LEVELS).round() * (127.0 / LEVELS)).round().clamp(-127.0, 127.0) as i8;
            out.push(v as u8);
        }
    }
    out
}
