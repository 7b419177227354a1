//! The trained tagger as shipped: a compact table of feature keys and quantized weights, and
//! greedy left-to-right BIO decoding over it.
//!
//! File layout (little-endian): `GLM1`, u32 feature count, f32 smallest and largest row scale,
//! then the feature keys sorted ascending as LEB128 deltas, then one u8 per row (low 7 bits: the
//! row's scale on a log grid from smallest to largest; top bit: a fine row), then the fine rows'
//! weights as i8 (127 levels) and the other rows' as 4-bit nibbles (7 levels each side), both
//! tag-major. Why so: perceptron rows span six decades, so each row gets its own scale; a few
//! bias-like rows have big weights that nearly cancel across tags and need fine levels, while
//! for the rest 4 bits cost no measurable accuracy and halve the download. At load the keys go
//! into an open-addressing table so a lookup is one or two probes.

use super::features::{history_features, memory_features, static_features, Case, DocMemory, TokInfo, F_HAS_DIGIT, F_NO_AFFIXES, F_UPPER_INITIAL};

/// Tags: O, then B-/I- for PER, ORG, LOC, MISC.
pub const NT: usize = 9;
pub const TAG_NAMES: [&str; NT] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

/// The class of tag `t` (0 = none, 1 PER, 2 ORG, 3 LOC, 4 MISC) and whether it begins a span.
#[inline]
pub fn tag_class(t: u8) -> (u8, bool) {
    if t == 0 {
        (0, false)
    } else {
        (t.div_ceil(2), t % 2 == 1)
    }
}

/// May tag `t` follow tag `prev`? (I-X only continues B-X or I-X.)
#[inline]
pub fn allowed(prev: u8, t: u8) -> bool {
    let (c, begin) = tag_class(t);
    c == 0 || begin || tag_class(prev).0 == c
}

/// One feature: key (0 = empty), row scale, and per-tag weights as small integers.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u32,
    scale: f32,
    w: [i8; NT],
}

pub struct Model {
    /// Open-addressing table of keys (0 = empty), dense so that the many lookups of features
    /// the model does not know stay in cache; `rows[i]` holds the weights of `keys[i]`.
    keys: Vec<u32>,
    rows: Vec<Slot>,
    mask: usize,
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
        let fine: Vec<usize> = (0..n).filter(|&r| scales[r] & 0x80 != 0).collect();
        let coarse: Vec<usize> = (0..n).filter(|&r| scales[r] & 0x80 == 0).collect();
        let a = pos + n;
        let fine_raw = b.get(a..a + fine.len() * NT).ok_or("truncated model weights")?;
        let nib = (coarse.len() * NT).div_ceil(2);
        let coarse_raw = b.get(a + fine.len() * NT..a + fine.len() * NT + nib).ok_or("truncated model weights")?;
        let mut rows = vec![Slot::default(); n];
        for (r, row) in rows.iter_mut().enumerate() {
            row.key = keys[r];
            row.scale = level(lo, hi, scales[r] & 0x7f) / if scales[r] & 0x80 != 0 { 127.0 } else { COARSE };
        }
        for t in 0..NT {
            for (k, &r) in fine.iter().enumerate() {
                rows[r].w[t] = fine_raw[t * fine.len() + k] as i8;
            }
            for (k, &r) in coarse.iter().enumerate() {
                let idx = t * coarse.len() + k;
                let nibble = (coarse_raw[idx / 2] >> (4 * (idx % 2))) & 0x0f;
                rows[r].w[t] = nibble as i8 - 8;
            }
        }
        let cap = (n * 3 / 2).next_power_of_two().max(16);
        let mut table = vec![0u32; cap];
        let mut placed = vec![Slot::default(); cap];
        for row in rows {
            let mut s = (row.key as usize).wrapping_mul(0x9E37_79B1) & (cap - 1);
            while table[s] != 0 {
                s = (s + 1) & (cap - 1);
            }
            table[s] = row.key;
            placed[s] = row;
        }
        Ok(Model { keys: table, rows: placed, mask: cap - 1, features: n })
    }

    #[inline]
    fn add(&self, key: u32, acc: &mut [f32; NT]) {
        let mut s = (key as usize).wrapping_mul(0x9E37_79B1) & self.mask;
        loop {
            let k = self.keys[s];
            if k == key {
                let slot = &self.rows[s];
                for (a, &w) in acc.iter_mut().zip(&slot.w) {
                    *a += w as f32 * slot.scale;
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
    /// `mem` carries what earlier sentences of the same article were tagged. Tokens made with
    /// [`TokInfo::light`] get their affixes from `words` when scored.
    #[allow(clippy::too_many_arguments)]
    pub fn tag(&self, words: &[&str], infos: &mut [TokInfo], gaz: &[u16], case: Case, mem: &mut DocMemory, feats: &mut Vec<u32>, out: &mut Vec<u8>) {
        out.clear();
        let (mut p1, mut p2) = (0u8, 0u8);
        let mut hist = [0u32; 4];
        let mut memf = [0u32; 2];
        for i in 0..infos.len() {
            // Fast path: outside a name, a word with neither a capital nor a digit starts no name
            // (in CoNLL-2003 such a B- tag is vanishingly rare), so it is O without scoring. Most
            // tokens of news text take this path.
            if p1 == 0 && infos[i].flags & (F_UPPER_INITIAL | F_HAS_DIGIT) == 0 {
                out.push(0);
                p2 = p1;
                continue;
            }
            if infos[i].flags & F_NO_AFFIXES != 0 {
                infos[i].fill_affixes(words[i]);
            }
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

/// The scale of level `q` (0..=127) on the log scale from `lo` to `hi`.
fn level(lo: f32, hi: f32, q: u8) -> f32 {
    lo * (hi / lo).powf(q as f32 / 127.0)
}

/// Levels each side of zero in an ordinary row. The largest rows (bias-like features whose big
/// weights nearly cancel across tags) keep 127 levels, flagged by the scale byte's top bit; the
/// rest need far fewer, and fewer levels mean less entropy, so a smaller gzipped download.
const COARSE: f32 = 7.0;
/// Share of rows, the largest by scale, stored with fine levels.
const FINE_SHARE: f32 = 0.05;

/// Serialises keys (any order) and their float weights, quantized as described above.
pub fn to_bytes(mut rows: Vec<(u32, [f32; NT])>) -> Vec<u8> {
    rows.sort_by_key(|r| r.0);
    let mags: Vec<f32> = rows.iter().map(|r| r.1.iter().map(|w| w.abs()).fold(0.0, f32::max)).collect();
    let hi = mags.iter().copied().fold(1e-6, f32::max);
    let lo = mags.iter().copied().filter(|&m| m > 0.0).fold(hi, f32::min).max(hi / 1e6);
    let steps = (hi / lo).ln() / 127.0;
    let fine_above = {
        let mut m = mags.clone();
        m.sort_by(|a, b| b.partial_cmp(a).unwrap());
        m.get((m.len() as f32 * FINE_SHARE) as usize).copied().unwrap_or(f32::MAX)
    };
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
        let mut q = if steps > 0.0 && m > 0.0 { ((m / lo).ln() / steps).ceil().clamp(0.0, 127.0) as u8 } else { 0 };
        while q < 127 && level(lo, hi, q) < m {
            q += 1;
        }
        qs.push(if m > fine_above { q | 0x80 } else { q });
    }
    out.extend_from_slice(&qs);
    // Fine rows as i8, then coarse rows as nibbles (two a byte), each tag-major: a tag's weights
    // resemble each other, which gzip (the download) rewards.
    let q = |r: &(u32, [f32; NT]), q: u8, t: usize, top: f32| (r.1[t] / level(lo, hi, q & 0x7f) * top).round().clamp(-top, top) as i8;
    for t in 0..NT {
        for (r, &s) in rows.iter().zip(&qs).filter(|(_, &s)| s & 0x80 != 0) {
            out.push(q(r, s, t, 127.0) as u8);
        }
    }
    let mut nibbles: Vec<u8> = Vec::new();
    for t in 0..NT {
        for (r, &s) in rows.iter().zip(&qs).filter(|(_, &s)| s & 0x80 == 0) {
            nibbles.push((q(r, s, t, COARSE) + 8) as u8);
        }
    }
    for pair in nibbles.chunks(2) {
        out.push(pair[0] | pair.get(1).map_or(0, |&h| h << 4));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_weights_within_quantization() {
        let mut rows = Vec::new();
        for k in 1..200u32 {
            let mut w = [0f32; NT];
            for (t, x) in w.iter_mut().enumerate() {
                *x = ((k * 7 + t as u32 * 13) % 23) as f32 - 11.0;
            }
            rows.push((k * 2 + 1, w));
        }
        // One big bias-like row: stored with fine levels.
        rows.push((999_999, [500.0, -499.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]));
        let m = Model::from_bytes(&to_bytes(rows.clone())).unwrap();
        assert_eq!(m.features, rows.len());
        for (k, w) in &rows {
            let mut acc = [0f32; NT];
            m.add(*k, &mut acc);
            let max = w.iter().map(|x| x.abs()).fold(0.0, f32::max);
            let top = if max > 100.0 { 127.0 } else { COARSE };
            for t in 0..NT {
                assert!((acc[t] - w[t]).abs() <= max / top * 0.6 + 1e-3, "key {k} tag {t}: {} vs {}", acc[t], w[t]);
            }
        }
        let mut acc = [0f32; NT];
        m.add(4, &mut acc); // unknown key
        assert_eq!(acc, [0f32; NT]);
    }

    #[test]
    fn embedded_model_loads_and_tags() {
        let m = crate::entities::model();
        assert!(m.features > 1000);
        assert!(Model::from_bytes(b"nope").is_err());
    }

    #[test]
    fn bio_constraint() {
        assert!(allowed(1, 2)); // B-PER I-PER
        assert!(!allowed(0, 2)); // O I-PER
        assert!(!allowed(3, 2)); // B-ORG I-PER
        assert_eq!(tag_class(6), (3, false));
    }
}
