//! A small static rANS entropy coder (after Giesen's `ryg_rans`, byte-wise renormalisation) for
//! the model's quantized weights and row scales. gzip, which compresses the download, leaves
//! about a fifth of the weights' entropy on the table (its Huffman codes cannot spend less than a
//! bit on the very common zero); coded here with one frequency table per tag they come within a
//! few percent of their entropy.
//!
//! Stream: `u8` contexts, `u16` symbols per context, then `contexts × symbols` frequencies as
//! `u16` (summing to `SCALE` in each context that is used, else all zero), a `u32` byte length,
//! then the coded bytes. Symbols come in blocks of `block`: symbol `i` is coded in context
//! `i / block` (the model stores its weights tag-major, one context per tag), so the decoder
//! runs one tight loop per context.

const PROB_BITS: u32 = 12;
/// Frequencies of a context sum to this.
const SCALE: u32 = 1 << PROB_BITS;
/// Lower bound of the coder's state.
const LOW: u32 = 1 << 23;

/// Codes `symbols` (each `< nsym`), symbol `i` in context `i / block < nctx`.
pub fn encode(symbols: &[u16], nctx: usize, nsym: usize, block: usize) -> Vec<u8> {
    let ctx = |i: usize| i / block.max(1);
    let mut counts = vec![0u64; nctx * nsym];
    for (i, &s) in symbols.iter().enumerate() {
        counts[ctx(i) * nsym + s as usize] += 1;
    }
    let mut freq = vec![0u32; nctx * nsym];
    for c in 0..nctx {
        normalise(&counts[c * nsym..(c + 1) * nsym], &mut freq[c * nsym..(c + 1) * nsym]);
    }
    let mut cum = vec![0u32; nctx * nsym];
    for c in 0..nctx {
        let mut acc = 0;
        for s in 0..nsym {
            cum[c * nsym + s] = acc;
            acc += freq[c * nsym + s];
        }
    }
    // rANS codes in reverse, so the decoder reads forwards.
    let mut rev = Vec::new();
    let mut x = LOW;
    for i in (0..symbols.len()).rev() {
        let k = ctx(i) * nsym + symbols[i] as usize;
        let (f, c) = (freq[k], cum[k]);
        let x_max = ((LOW >> PROB_BITS) << 8) * f;
        while x >= x_max {
            rev.push(x as u8);
            x >>= 8;
        }
        x = (x / f) * SCALE + x % f + c;
    }
    rev.extend_from_slice(&x.to_le_bytes());
    rev.reverse();
    let mut out = vec![nctx as u8];
    out.extend_from_slice(&(nsym as u16).to_le_bytes());
    for &f in &freq {
        out.extend_from_slice(&(f as u16).to_le_bytes());
    }
    out.extend_from_slice(&(rev.len() as u32).to_le_bytes());
    out.extend_from_slice(&rev);
    out
}

/// Scales counts to frequencies summing to [`SCALE`], each seen symbol at least 1.
fn normalise(counts: &[u64], freq: &mut [u32]) {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return;
    }
    for (f, &n) in freq.iter_mut().zip(counts) {
        *f = if n == 0 { 0 } else { ((n * SCALE as u64 / total) as u32).max(1) };
    }
    // Fix the sum on the most frequent symbols, which the change hurts least.
    loop {
        let sum: u32 = freq.iter().sum();
        if sum == SCALE {
            break;
        }
        let (i, _) = freq.iter().enumerate().max_by_key(|(_, &f)| f).unwrap();
        if sum > SCALE {
            let cut = (sum - SCALE).min(freq[i] - 1);
            freq[i] -= cut.max(1).min(freq[i] - 1);
            if cut == 0 {
                // Every symbol is at 1 yet the sum is too big: cannot happen with nsym ≤ SCALE.
                break;
            }
        } else {
            freq[i] += SCALE - sum;
        }
    }
}

/// Decodes `n` symbols written by [`encode`] with the same `block` from the front of `b`; returns
/// them and the bytes used. Corrupt input gives an error, never a panic.
pub fn decode(b: &[u8], n: usize, block: usize) -> Result<(Vec<u16>, usize), String> {
    const BAD: &str = "corrupt model (entropy-coded section)";
    let nctx = *b.first().ok_or(BAD)? as usize;
    let nsym = u16::from_le_bytes(b.get(1..3).ok_or(BAD)?.try_into().unwrap()) as usize;
    let table = b.get(3..3 + 2 * nctx * nsym).ok_or(BAD)?;
    // Per context and slot: (symbol, its frequency, the slot's offset in the symbol's range), so
    // a step is one table read. A slot no symbol covers keeps frequency 0: corrupt if reached.
    let mut slots = vec![(0u16, 0u16, 0u16); nctx * SCALE as usize];
    for (c, freqs) in table.chunks(2 * nsym.max(1)).enumerate() {
        let mut acc = 0usize;
        for (s, p) in freqs.chunks(2).enumerate() {
            let f = u16::from_le_bytes([p[0], p[1]]) as usize;
            if acc + f > SCALE as usize {
                return Err(BAD.into());
            }
            for (k, slot) in slots[c * SCALE as usize + acc..][..f].iter_mut().enumerate() {
                *slot = (s as u16, f as u16, k as u16);
            }
            acc += f;
        }
    }
    let mut pos = 3 + 2 * nctx * nsym;
    let len = u32::from_le_bytes(b.get(pos..pos + 4).ok_or(BAD)?.try_into().unwrap()) as usize;
    pos += 4;
    let data = b.get(pos..pos + len).ok_or(BAD)?;
    let mut x = u32::from_le_bytes(data.get(..4).ok_or(BAD)?.try_into().unwrap()).swap_bytes();
    let mut at = 4;
    // A symbol costs at least a few bits of a well-formed stream: the capacity follows the data,
    // not a count that may be corrupt.
    let mut out = Vec::with_capacity(n.min(len * 8 + 8));
    let block = block.max(1);
    for start in (0..n).step_by(block) {
        let table = slots.get((start / block) * SCALE as usize..).and_then(|t| t.get(..SCALE as usize)).ok_or(BAD)?;
        for _ in start..(start + block).min(n) {
            let (s, f, k) = table[(x & (SCALE - 1)) as usize];
            if f == 0 {
                return Err(BAD.into());
            }
            x = f as u32 * (x >> PROB_BITS) + k as u32;
            while x < LOW {
                x = x << 8 | *data.get(at).ok_or(BAD)? as u32;
                at += 1;
            }
            out.push(s);
        }
    }
    Ok((out, pos + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_compresses_skewed_data() {
        let mut syms = Vec::new();
        let mut r: u32 = 12345;
        for _ in 0..50_000 {
            r = r.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let v = (r >> 16) % 100;
            syms.push(if v < 60 { 3 } else if v < 80 { 2 } else if v < 95 { 4 } else { (v % 7) as u16 });
        }
        // Three contexts in blocks, each with its own skew.
        for (i, s) in syms.iter_mut().enumerate() {
            if i >= 20_000 && *s == 3 {
                *s = if i < 40_000 { 1 } else { 6 };
            }
        }
        let b = encode(&syms, 3, 7, 20_000);
        // Entropy is about 1.6 bits a symbol: well under a nibble each.
        assert!(b.len() < syms.len() * 23 / 80, "{} bytes", b.len());
        let (back, used) = decode(&b, syms.len(), 20_000).unwrap();
        assert_eq!(back, syms);
        assert_eq!(used, b.len());
        // Truncations are errors, not panics.
        for cut in [0, 2, 10, 60, b.len() - 1] {
            assert!(decode(&b[..cut], syms.len(), 20_000).is_err(), "cut {cut}");
        }
        // More blocks than contexts is corrupt, not a panic.
        assert!(decode(&b, syms.len() * 2, 20_000).is_err());
        // One symbol, one context, and nothing at all.
        let one = encode(&[5], 1, 9, 1);
        assert_eq!(decode(&one, 1, 1).unwrap().0, [5]);
        let none = encode(&[], 1, 2, 1);
        assert_eq!(decode(&none, 0, 1).unwrap().0, Vec::<u16>::new());
    }
}
