//! One stable sort for the whole crate.
//!
//! `slice::sort_by_key` is instantiated afresh for every element type and key closure, and each
//! instance of the standard stable sort (driftsort with its small-sort networks) costs about 2 KB
//! of Wasm; fourteen of them were 40 KB of the download. Every caller in the core sorts a short
//! list by integer keys, so here each element's key is packed into a `u64` and one
//! `sort_unstable` over `(key, index)` pairs, shared by all callers, does the work. The index
//! breaks ties, so the result is exactly a stable sort's.

/// Sorts `v` stably by `key`.
pub fn sort_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<(u64, u32)> = v.iter().enumerate().map(|(i, x)| (key(x), i as u32)).collect();
    sort_pairs(&mut order);
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&(_, i)| slots[i as usize].take()));
}

/// Packs two positions (each under 2^32: texts are far smaller) into one sort key, `a` first.
#[inline]
pub fn key2(a: usize, b: usize) -> u64 {
    (a as u64) << 32 | (b as u64 & 0xffff_ffff)
}

#[inline(never)]
fn sort_pairs(p: &mut [(u64, u32)]) {
    p.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable_and_ordered() {
        let mut v: Vec<(u32, char)> = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e'), (3, 'f')];
        let mut want = v.clone();
        want.sort_by_key(|x| x.0);
        sort_by_key(&mut v, |x| x.0 as u64);
        assert_eq!(v, want);
        let mut w = vec![(2usize, 9usize), (2, 1), (1, 5)];
        sort_by_key(&mut w, |&(a, b)| key2(a, b));
        assert_eq!(w, [(1, 5), (2, 1), (2, 9)]);
        let mut one = vec![7];
        sort_by_key(&mut one, |&x| x);
        assert_eq!(one, [7]);
    }
}
