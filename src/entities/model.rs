//! The trained tagger as shipped: a compact table of feature keys and quantized weights, and
//! greedy left-to-right BIO decoding over it.
//!
//! File layout (little-endian): `GLM2`, u32 feature count, f32 smallest and largest row scale,
//! then four bytes: levels each side of zero in a coarse row, the top level of the row-scale grid,
//! the Rice parameter of the keys, and whether keys are stored halved (all odd). Then the feature
//! keys, sorted, as Rice-coded gaps (a bit stream); one u8 per row (low 7 bits: the row's scale
//! on a log grid from smallest to largest; top bit: a fine row); then the fine rows' weights as
//! i8 (127 levels) and the other rows' as 4-bit nibbles, both tag-major. Why so: perceptron rows
//! span six decades, so each row gets its own scale; a few bias-like rows have big weights that
//! nearly cancel across tags and need fine levels, while for the rest a few levels cost little
//! accuracy (measured with `gloss model build --sweep`, README) and far fewer bits once gzipped.
//! The keys are hashes, so nothing compresses them: Rice coding stores them in about 11 bits
//! each, close to the entropy of their gaps. They decode sorted, so the index built at load is
//! one linear pass: the start of each bucket of keys with the same top bits (about one key a
//! bucket), and a lookup reads one bucket. Loading is on the path to the first annotation (the
//! worker decodes the model before its first analysis), so it is kept to a few table reads a
//! weight.

use super::rans;
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

/// One feature's row: its scale and per-tag weights as small integers.
#[derive(Clone, Copy, Default)]
struct Row {
    scale: f32,
    w: [i8; NT],
}

pub struct Model {
    /// Feature keys, sorted; `rows[i]` holds the weights of `keys[i]`. Dense, so that the many
    /// lookups of features the model does not know stay in cache.
    keys: Vec<u32>,
    rows: Vec<Row>,
    /// `start[key >> shift]..start[(key >> shift) + 1]`: where the keys with those top bits are.
    start: Vec<u32>,
    shift: u32,
    pub features: usize,
}

impl Model {
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 20 || &b[..4] != b"GLM2" {
            return Err("not a Gloss model (bad magic)".into());
        }
        let n = u32::from_le_bytes(b[4..8].try_into().unwrap()) as usize;
        let lo = f32::from_le_bytes(b[8..12].try_into().unwrap());
        let hi = f32::from_le_bytes(b[12..16].try_into().unwrap());
        let (coarse_top, scale_top, rice, odd) = (b[16] as f32, b[17], b[18] as u32, b[19]);
        if !(1.0..=7.0).contains(&coarse_top) || scale_top == 0 || scale_top > 127 || rice > 24 || odd > 1 {
            return Err("bad model header".into());
        }
        // Every key takes at least 1 + `rice` bits: a larger count is corrupt (and must not size
        // an allocation).
        if n > (b.len() - 20) * 8 / (1 + rice as usize) {
            return Err("bad model header (feature count)".into());
        }
        // Keys: Rice-coded gaps (unary quotient, then `rice` low bits), most significant bit first.
        let mut bits = BitReader { b, pos: 20 * 8 };
        let mut keys = Vec::with_capacity(n);
        let mut k: u32 = 0;
        for _ in 0..n {
            let q = bits.ones().ok_or("truncated model keys")?;
            let d = q.checked_shl(rice).unwrap_or(0) | bits.take(rice).ok_or("truncated model keys")?;
            k = k.wrapping_add(d);
            keys.push(if odd == 1 { k << 1 | 1 } else { k });
        }
        let mut pos = bits.pos.div_ceil(8);
        let (scales, used) = rans::decode(b.get(pos..).unwrap_or_default(), n, n)?;
        pos += used;
        let fine: Vec<usize> = (0..n).filter(|&r| scales[r] & 0x80 != 0).collect();
        let coarse: Vec<usize> = (0..n).filter(|&r| scales[r] & 0x80 == 0).collect();
        let fine_raw = b.get(pos..pos + fine.len() * NT).ok_or("truncated model weights")?;
        pos += fine.len() * NT;
        let nc = coarse.len();
        let (coarse_w, _) = rans::decode(b.get(pos..).unwrap_or_default(), nc * NT, nc)?;
        let levels: Vec<f32> = (0..128).map(|q| level(lo, hi, scale_top, q)).collect();
        let mut rows: Vec<Row> = scales
            .iter()
            .map(|&q| Row { scale: levels[(q & 0x7f) as usize] / if q & 0x80 != 0 { 127.0 } else { coarse_top }, w: [0; NT] })
            .collect();
        for t in 0..NT {
            for (&r, &w) in fine.iter().zip(&fine_raw[t * fine.len()..]) {
                rows[r].w[t] = w as i8;
            }
            for (&r, &w) in coarse.iter().zip(&coarse_w[t * nc..]) {
                rows[r].w[t] = (w as i32 - coarse_top as i32).clamp(-127, 127) as i8;
            }
        }
        // Buckets: about one key each, by the top bits of the largest key's width.
        let bucket_bits = n.next_power_of_two().trailing_zeros();
        let width = keys.last().map_or(0, |k: &u32| 32 - k.leading_zeros());
        let shift = width.saturating_sub(bucket_bits).min(31);
        let buckets = (keys.last().map_or(0, |&k| k >> shift) + 1) as usize;
        let mut start = vec![0u32; buckets + 1];
        for &k in &keys {
            // Keys out of order (a corrupt file) only make lookups miss.
            start[((k >> shift) as usize).min(buckets - 1) + 1] += 1;
        }
        for i in 1..=buckets {
            start[i] += start[i - 1];
        }
        Ok(Model { keys, rows, start, shift, features: n })
    }

    #[inline]
    fn add(&self, key: u32, acc: &mut [f32; NT]) {
        let b = (key >> self.shift) as usize;
        let (Some(&from), Some(&to)) = (self.start.get(b), self.start.get(b + 1)) else { return };
        for i in from as usize..to as usize {
            if self.keys[i] == key {
                let row = &self.rows[i];
                for (a, &w) in acc.iter_mut().zip(&row.w) {
                    *a += w as f32 * row.scale;
                }
                return;
            }
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

/// The scale of level `q` (0..=`top`) on the log scale from `lo` to `hi`.
fn level(lo: f32, hi: f32, top: u8, q: u8) -> f32 {
    lo * (hi / lo).powf(q as f32 / top as f32)
}

/// Reads a bit stream most significant bit first, up to 32 bits at a time.
struct BitReader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    /// The next 64 bits from `pos` (zeros past the end), most significant first.
    #[inline]
    fn window(&self) -> u64 {
        let at = self.pos / 8;
        let mut w = [0u8; 8];
        let avail = self.b.get(at..).unwrap_or_default();
        let n = avail.len().min(8);
        w[..n].copy_from_slice(&avail[..n]);
        u64::from_be_bytes(w) << (self.pos % 8)
    }

    fn left(&self) -> usize {
        (self.b.len() * 8).saturating_sub(self.pos)
    }

    /// Counts and skips a run of 1 bits and the 0 that ends it (None when the data ends first).
    fn ones(&mut self) -> Option<u32> {
        let mut q = 0u32;
        loop {
            let run = (!self.window()).leading_zeros().min(56);
            if run as usize >= self.left() {
                return None;
            }
            q = q.saturating_add(run);
            self.pos += run as usize;
            if run < 56 {
                self.pos += 1; // the 0
                return Some(q);
            }
        }
    }

    /// The next `k` (≤ 32) bits as a number.
    fn take(&mut self, k: u32) -> Option<u32> {
        if k == 0 {
            return Some(0);
        }
        if (k as usize) > self.left() {
            return None;
        }
        let v = (self.window() >> (64 - k)) as u32;
        self.pos += k as usize;
        Some(v)
    }
}

/// How a model is quantized (see the module comment).
#[derive(Clone, Copy, Debug)]
pub struct Quant {
    /// Levels each side of zero in an ordinary row (at most 7: a nibble). The largest rows
    /// (bias-like features whose big weights nearly cancel across tags) keep 127 levels, flagged
    /// by the scale byte's top bit; the rest need far fewer, and fewer levels mean less entropy,
    /// so a smaller gzipped download.
    pub coarse: u8,
    /// Share of rows, the largest by scale, stored with fine levels.
    pub fine_share: f32,
    /// Row scales take levels 0..=`scale_top` on a log grid.
    pub scale_top: u8,
}

/// What `make model` ships.
pub const QUANT: Quant = Quant { coarse: 2, fine_share: 0.05, scale_top: 31 };

/// Serialises keys (any order) and their float weights, quantized as described above.
pub fn to_bytes(rows: Vec<(u32, [f32; NT])>) -> Vec<u8> {
    to_bytes_with(rows, QUANT)
}

pub fn to_bytes_with(mut rows: Vec<(u32, [f32; NT])>, quant: Quant) -> Vec<u8> {
    let Quant { coarse, fine_share, scale_top } = quant;
    let coarse_top = coarse.clamp(1, 7) as f32;
    rows.sort_by_key(|r| r.0);
    let mags: Vec<f32> = rows.iter().map(|r| r.1.iter().map(|w| w.abs()).fold(0.0, f32::max)).collect();
    let hi = mags.iter().copied().fold(1e-6, f32::max);
    let lo = mags.iter().copied().filter(|&m| m > 0.0).fold(hi, f32::min).max(hi / 1e6);
    let steps = (hi / lo).ln() / scale_top as f32;
    let fine_above = {
        let mut m = mags.clone();
        m.sort_by(|a, b| b.partial_cmp(a).unwrap());
        m.get((m.len() as f32 * fine_share) as usize).copied().unwrap_or(f32::MAX)
    };
    // Feature keys are odd (see `features::key`): then only `key >> 1` is stored.
    let odd = rows.iter().all(|r| r.0 & 1 == 1);
    let stored = |k: u32| if odd { k >> 1 } else { k };
    // Rice parameter: about log2 of the mean gap between sorted keys.
    let span = rows.last().map_or(0, |r| stored(r.0)) as f64;
    let rice = if rows.is_empty() { 0 } else { ((span / rows.len() as f64).max(1.0).log2().round() as u32).min(24) };
    let mut out = Vec::new();
    out.extend_from_slice(b"GLM2");
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    out.extend_from_slice(&lo.to_le_bytes());
    out.extend_from_slice(&hi.to_le_bytes());
    out.extend_from_slice(&[coarse_top as u8, scale_top, rice as u8, odd as u8]);
    let mut bits = BitWriter { out, acc: 0, n: 0 };
    let mut prev = 0u32;
    for r in &rows {
        let d = stored(r.0).wrapping_sub(prev);
        prev = stored(r.0);
        for _ in 0..d >> rice {
            bits.push(true);
        }
        bits.push(false);
        for i in (0..rice).rev() {
            bits.push(d >> i & 1 != 0);
        }
    }
    let mut out = bits.finish();
    let mut qs = Vec::with_capacity(rows.len());
    for &m in &mags {
        // Round the scale up so that no weight of the row is clamped.
        let mut q = if steps > 0.0 && m > 0.0 { ((m / lo).ln() / steps).ceil().clamp(0.0, scale_top as f32) as u8 } else { 0 };
        while q < scale_top && level(lo, hi, scale_top, q) < m {
            q += 1;
        }
        qs.push(if m > fine_above { q | 0x80 } else { q });
    }
    out.extend_from_slice(&rans::encode(&qs.iter().map(|&q| q as u16).collect::<Vec<_>>(), 1, 256, qs.len()));
    // Fine rows as i8, then coarse rows entropy-coded with one table per tag, each tag-major.
    let q = |r: &(u32, [f32; NT]), q: u8, t: usize, top: f32| (r.1[t] / level(lo, hi, scale_top, q & 0x7f) * top).round().clamp(-top, top) as i8;
    for t in 0..NT {
        for (r, &s) in rows.iter().zip(&qs).filter(|(_, &s)| s & 0x80 != 0) {
            out.push(q(r, s, t, 127.0) as u8);
        }
    }
    let mut coarse_w: Vec<u16> = Vec::new();
    for t in 0..NT {
        for (r, &s) in rows.iter().zip(&qs).filter(|(_, &s)| s & 0x80 == 0) {
            coarse_w.push((q(r, s, t, coarse_top) as i16 + coarse_top as i16) as u16);
        }
    }
    let nc = coarse_w.len() / NT;
    out.extend_from_slice(&rans::encode(&coarse_w, NT, 2 * coarse_top as usize + 1, nc));
    out
}

/// Writes a bit stream most significant bit first.
struct BitWriter {
    out: Vec<u8>,
    acc: u8,
    n: u8,
}

impl BitWriter {
    fn push(&mut self, bit: bool) {
        self.acc = self.acc << 1 | bit as u8;
        self.n += 1;
        if self.n == 8 {
            self.out.push(self.acc);
            (self.acc, self.n) = (0, 0);
        }
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc << (8 - self.n));
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_weights_within_quantization() {
        // Odd keys (what `features::key` makes: stored halved) and arbitrary keys.
        for key_of in [|k: u32| k * 2 + 1, |k: u32| k * 37 + (k % 3)] {
            let mut rows = Vec::new();
            for k in 1..200u32 {
                let mut w = [0f32; NT];
                for (t, x) in w.iter_mut().enumerate() {
                    *x = ((k * 7 + t as u32 * 13) % 23) as f32 - 11.0;
                }
                rows.push((key_of(k), w));
            }
            // One big bias-like row: stored with fine levels.
            rows.push((999_999, [500.0, -499.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]));
            let bytes = to_bytes(rows.clone());
            let m = Model::from_bytes(&bytes).unwrap();
            // A corrupt count is an error, not an allocation of 4 G rows.
            let mut huge = bytes.clone();
            huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
            assert!(Model::from_bytes(&huge).is_err());
            assert_eq!(m.features, rows.len());
            // The scale grid rounds a row's scale up by at most one step of the log grid.
            let mags = rows.iter().map(|r| r.1.iter().map(|x| x.abs()).fold(0.0, f32::max));
            let lo = mags.clone().fold(f32::MAX, f32::min);
            let step = (mags.fold(0.0, f32::max) / lo).powf(1.0 / QUANT.scale_top as f32);
            for (k, w) in &rows {
                let mut acc = [0f32; NT];
                m.add(*k, &mut acc);
                let max = w.iter().map(|x| x.abs()).fold(0.0, f32::max);
                let top = if max > 100.0 { 127.0 } else { QUANT.coarse as f32 };
                for t in 0..NT {
                    assert!((acc[t] - w[t]).abs() <= max * step / top * 0.5 + 1e-3, "key {k} tag {t}: {} vs {}", acc[t], w[t]);
                }
            }
            let mut acc = [0f32; NT];
            m.add(4, &mut acc); // unknown key
            assert_eq!(acc, [0f32; NT]);
            // Truncated or corrupt files are errors, not panics.
            for cut in [0, 10, 19, 20, 40, bytes.len() / 2, bytes.len() - 1] {
                assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
            }
        }
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
