//! Feature extraction for the sequence tagger.
//!
//! Every feature is a 32-bit key made by hashing (template id, values). Token-level parts (word,
//! lower case, shape, affixes) are hashed once per token into [`TokInfo`], so a feature costs a
//! couple of multiplies and no allocation. The hash is fixed (FNV-1a + a multiply mixer), never
//! `std`'s randomised hasher, so keys agree between the trainer, native runs and Wasm.
//!
//! The same code runs at training time on re-tokenized CoNLL sentences and at run time on
//! [`crate::text::Document`] sentences: a feature that only one side could see would be noise.

/// FNV-1a over bytes.
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= c as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a over the lower-cased characters of `s` (ASCII fast path, no allocation).
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if s.is_ascii() {
        // Bytes, not chars: this runs for every token, and UTF-8 decoding was most of its cost.
        for &b in s.as_bytes() {
            h ^= b.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        return h;
    }
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            h ^= c.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        } else {
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
        }
    }
    h
}

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The 24-bit key of feature `template` with values `a`, `b` (never 0: 0 marks an empty slot).
/// 24 bits keep the shipped key table small; an unseen feature that happens to hit a kept one
/// (about 1 lookup in 800 with 20,000 features) adds a little noise, measured as negligible.
#[inline]
pub fn key(template: u64, a: u64, b: u64) -> u32 {
    let h = mix(mix(template.wrapping_mul(0xD6E8_FEB8_6659_FD93), a), b);
    ((h >> 40) as u32) | 1
}

/// Capitalisation of a whole sentence: headlines and all-caps datelines read differently.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Normal = 0,
    Title = 1,
    Upper = 2,
}

/// Word-class flags of a token, used by features and by the rules.
pub const F_UPPER_INITIAL: u8 = 1;
pub const F_ALL_UPPER: u8 = 2;
pub const F_HAS_DIGIT: u8 = 4;
pub const F_ALPHA: u8 = 8;
/// Affixes not computed yet (see [`TokInfo::light`]).
pub const F_NO_AFFIXES: u8 = 16;

/// Hashed parts of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokInfo {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 4],
    pub flags: u8,
}

impl TokInfo {
    /// All parts of a token, affixes included (what training uses).
    pub fn new(w: &str) -> TokInfo {
        let mut t = TokInfo::new_without_affixes(w);
        t.fill_affixes(w);
        t
    }

    fn new_without_affixes(w: &str) -> TokInfo {
        let mut shape = [0u8; 8];
        let mut n = 0;
        let mut last = 0u8;
        let mut flags = 0u8;
        let mut upper = 0usize;
        let mut letters = 0usize;
        for (i, c) in w.chars().enumerate() {
            let s = if c.is_uppercase() {
                upper += 1;
                letters += 1;
                if i == 0 {
                    flags |= F_UPPER_INITIAL;
                }
                b'X'
            } else if c.is_alphabetic() {
                letters += 1;
                b'x'
            } else if c.is_numeric() {
                flags |= F_HAS_DIGIT;
                b'd'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'~'
            };
            if s != last && n < shape.len() {
                shape[n] = s;
                n += 1;
            }
            last = s;
        }
        if letters > 0 {
            flags |= F_ALPHA;
            if upper == letters && letters > 1 {
                flags |= F_ALL_UPPER;
            }
        }
        TokInfo {
            word: hash_bytes(w.as_bytes()),
            lower: hash_lower(w),
            shape: hash_bytes(&shape[..n]),
            pre: [0; 3],
            suf: [0; 4],
            flags,
        }
    }

    /// Like [`TokInfo::new`] but without the affixes, which only a scored token needs: the
    /// tagger fills them in when it scores the token (most tokens take its fast path).
    pub fn light(w: &str) -> TokInfo {
        let mut t = TokInfo::new_without_affixes(w);
        t.flags |= F_NO_AFFIXES;
        t
    }

    /// Hashes of the lower-cased prefixes (1–3 characters) and suffixes (1–4).
    pub fn fill_affixes(&mut self, w: &str) {
        let affix = |from_end: bool, k: usize| -> u64 {
            if w.is_ascii() {
                let b = w.as_bytes();
                if b.len() < k {
                    return 0;
                }
                hash_lower(if from_end { &w[b.len() - k..] } else { &w[..k] })
            } else {
                let count = w.chars().count();
                if count < k {
                    return 0;
                }
                let skip = if from_end { count - k } else { 0 };
                let s: String = w.chars().skip(skip).take(k).collect();
                hash_lower(&s)
            }
        };
        self.pre = [affix(false, 1), affix(false, 2), affix(false, 3)];
        self.suf = [affix(true, 1), affix(true, 2), affix(true, 3), affix(true, 4)];
        self.flags &= !F_NO_AFFIXES;
    }
}

/// The case of a sentence from its tokens' flags: all-caps, title case (headline) or normal.
pub fn sentence_case(infos: &[TokInfo], words: &[&str]) -> Case {
    let mut alpha = 0;
    let mut upper = 0;
    let mut initial = 0;
    let mut long_lower = 0;
    for (t, w) in infos.iter().zip(words) {
        if t.flags & F_ALPHA == 0 {
            continue;
        }
        alpha += 1;
        if t.flags & F_ALL_UPPER != 0 {
            upper += 1;
        }
        if t.flags & F_UPPER_INITIAL != 0 {
            initial += 1;
        } else if w.len() > 4 {
            long_lower += 1;
        }
    }
    if alpha >= 2 && upper * 10 >= alpha * 8 {
        Case::Upper
    } else if alpha >= 3 && long_lower == 0 && initial * 10 >= alpha * 7 {
        Case::Title
    } else {
        Case::Normal
    }
}

const BOUNDARY: u64 = 0x5151_5151;

/// Static (tag-independent) feature keys of token `i` of a sentence, pushed onto `out`.
/// `gaz` holds each token's gazetteer bits (see [`crate::entities::gazetteer`]).
pub fn static_features(infos: &[TokInfo], gaz: &[u16], case: Case, i: usize, out: &mut Vec<u32>) {
    let n = infos.len();
    let t = &infos[i];
    let at = |j: isize| -> Option<&TokInfo> {
        let k = i as isize + j;
        (k >= 0 && (k as usize) < n).then(|| &infos[k as usize])
    };
    let low = |j: isize| at(j).map_or(BOUNDARY, |x| x.lower);
    let shp = |j: isize| at(j).map_or(BOUNDARY, |x| x.shape);
    out.push(key(0, 0, 0));
    out.push(key(1, t.word, 0));
    out.push(key(2, t.lower, 0));
    out.push(key(3, t.shape, 0));
    for (k, &p) in t.pre.iter().enumerate() {
        if p != 0 {
            out.push(key(4 + k as u64, p, 0));
        }
    }
    for (k, &s) in t.suf.iter().enumerate() {
        if s != 0 {
            out.push(key(7 + k as u64, s, 0));
        }
    }
    out.push(key(11, low(-1), 0));
    out.push(key(12, low(1), 0));
    out.push(key(13, low(-2), 0));
    out.push(key(14, low(2), 0));
    out.push(key(15, shp(-1), t.shape));
    out.push(key(16, t.shape, shp(1)));
    out.push(key(17, low(-1), t.lower));
    out.push(key(18, t.lower, low(1)));
    out.push(key(19, (i == 0) as u64, t.shape));
    out.push(key(20, case as u64, t.shape));
    out.push(key(28, case as u64, t.lower));
    out.push(key(29, low(-1), t.shape));
    out.push(key(30, t.shape, low(1)));
    for (tmpl, j) in [(21u64, 0isize), (22, -1), (23, 1)] {
        let k = i as isize + j;
        if k < 0 || k as usize >= n {
            continue;
        }
        let g = gaz[k as usize];
        if g == 0 {
            continue;
        }
        for bit in 0..16 {
            if g & (1 << bit) != 0 {
                out.push(key(tmpl, bit, 0));
                if j == 0 {
                    out.push(key(31, bit, t.shape));
                }
            }
        }
    }
}

/// Tag-history feature keys of token `i`, given the previous two predicted tags.
#[inline]
pub fn history_features(t: &TokInfo, prev: u8, prev2: u8, out: &mut [u32; 4]) {
    out[0] = key(24, prev as u64, 0);
    out[1] = key(25, prev as u64, prev2 as u64);
    out[2] = key(26, prev as u64, t.lower);
    out[3] = key(27, prev as u64, t.shape);
}

/// A hasher for keys that are already hashes (feature keys, word hashes).
#[derive(Default)]
pub struct PreHashed(u64);
impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub type PreHashedMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<PreHashed>>;
pub type PreHashedSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<PreHashed>>;

/// What the tagger has already said about a capitalised word earlier in the same article: the
/// class it gave it most often (Ratinov and Roth's "extended prediction history"). It makes one
/// name keep one type and lets a later "Vatanka" lean on an earlier "Alex Vatanka".
#[derive(Default)]
pub struct DocMemory {
    counts: PreHashedMap<u64, [u16; 5]>,
}

impl DocMemory {
    pub fn clear(&mut self) {
        self.counts.clear();
    }
    /// 0..=4: majority class so far (0 = outside any name); 5: not seen; 6: not capitalised.
    #[inline]
    pub fn class(&self, t: &TokInfo) -> u8 {
        if t.flags & F_UPPER_INITIAL == 0 {
            return 6;
        }
        match self.counts.get(&t.lower) {
            None => 5,
            Some(c) => {
                let mut b = 0;
                for k in 1..5 {
                    if c[k] > c[b] {
                        b = k;
                    }
                }
                b as u8
            }
        }
    }
    #[inline]
    pub fn record(&mut self, t: &TokInfo, class: u8) {
        if t.flags & F_UPPER_INITIAL != 0 {
            let c = self.counts.entry(t.lower).or_insert([0; 5]);
            c[class as usize] = c[class as usize].saturating_add(1);
        }
    }
}

/// Features of the document memory for token `t`.
#[inline]
pub fn memory_features(t: &TokInfo, class: u8, out: &mut [u32; 2]) {
    out[0] = key(32, class as u64, 0);
    out[1] = key(33, class as u64, t.shape);
}
