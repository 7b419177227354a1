//! Anchors that survive small edits: a span of an article's text described by its words, the
//! words around it and where it was (W3C TextQuoteSelector plus a position hint, the way
//! Hypothesis anchors annotations), and found again in a text that may have changed since.
//!
//! [`describe`] records the span's exact text, up to [`CONTEXT`] characters on each side and its
//! start in code points. [`resolve`] looks for the exact text only (an edit inside the span drops
//! it), scores every occurrence by how well the characters around it agree with the recorded
//! context (edit-distance similarity, so a changed word nearby does not break it), refuses
//! occurrences whose context does not agree, and breaks ties by distance to the position hint.
//! The rule is "drop, never misplace": an occurrence is only taken when at least one side of its
//! context agrees closely ([`STRONG`]) and both sides together agree at least half ([`ENOUGH`]).
//!
//! [`document`] builds the whole precomputed annotations document (mentions, entities,
//! attributions) and rebuilds an [`crate::Analysis`] from it on a possibly edited text.

pub mod document;

use crate::text::offsets::{OffsetIndex, Unit};
use crate::text::Span;
use serde::{Deserialize, Serialize};

/// Characters of context recorded on each side (Hypothesis stores 32).
pub const CONTEXT: usize = 32;
/// One side of the context must agree at least this much (1 = identical).
pub const STRONG: f64 = 0.8;
/// Both sides together (their mean) must agree at least this much.
pub const ENOUGH: f64 = 0.5;
/// Occurrences considered per anchor, nearest to the hint first (bounds the work on a text
/// where a short exact string occurs everywhere).
const MAX_CANDIDATES: usize = 4096;

/// A span of text, described so that it can be found again after edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The span's text, exactly.
    pub exact: String,
    /// Up to [`CONTEXT`] characters just before it (fewer at the start of the text).
    pub prefix: String,
    /// Up to [`CONTEXT`] characters just after it.
    pub suffix: String,
    /// Where it started, in code points (a hint: used to choose between equal candidates).
    pub start: usize,
}

/// Describes the byte span `span` of `text`.
pub fn describe(text: &str, span: Span) -> Anchor {
    let ix = OffsetIndex::new(text);
    describe_with(text, &ix, span)
}

/// [`describe`] with an offset index built once for many spans of the same text.
pub fn describe_with(text: &str, ix: &OffsetIndex, span: Span) -> Anchor {
    let before = &text[..span.start];
    let prefix_start = before.char_indices().rev().take(CONTEXT).last().map_or(span.start, |(i, _)| i);
    let after = &text[span.end..];
    let suffix_end = after.char_indices().nth(CONTEXT).map_or(text.len(), |(i, _)| span.end + i);
    Anchor {
        exact: span.of(text).to_string(),
        prefix: text[prefix_start..span.start].to_string(),
        suffix: text[span.end..suffix_end].to_string(),
        start: ix.convert_floor(span.start, Unit::Utf8, Unit::CodePoint),
    }
}

/// Finds `anchor` in `text`: the byte span of the best-agreeing occurrence of its exact text, or
/// `None` when the exact text is gone or no occurrence's context agrees (see the module docs).
pub fn resolve(text: &str, anchor: &Anchor) -> Option<Span> {
    let ix = OffsetIndex::new(text);
    resolve_with(text, &ix, anchor)
}

/// [`resolve`] with an offset index built once for many anchors into the same text.
pub fn resolve_with(text: &str, ix: &OffsetIndex, anchor: &Anchor) -> Option<Span> {
    resolve_near(text, ix, anchor, 0)
}

/// [`resolve_with`], trying first the hint moved by `shift` code points (how far the previous
/// anchor of the same document moved: after an edit, most anchors move together).
///
/// An occurrence at the hint (or the shifted hint) whose recorded context is there word for
/// word is taken at once: no other occurrence can score higher, and none is nearer the hint.
/// This makes an unchanged page cost one comparison per anchor.
pub fn resolve_near(text: &str, ix: &OffsetIndex, anchor: &Anchor, shift: isize) -> Option<Span> {
    if anchor.exact.is_empty() {
        return None;
    }
    let hint = ix.convert_floor(anchor.start, Unit::CodePoint, Unit::Utf8);
    let shifted = ix.convert_floor(anchor.start.saturating_add_signed(shift), Unit::CodePoint, Unit::Utf8);
    for probe in [hint, shifted] {
        if exact_at(text, anchor, probe) {
            return Some(Span::new(probe, probe + anchor.exact.len()));
        }
    }
    let mut starts = occurrences(text, &anchor.exact);
    if starts.is_empty() {
        return None;
    }
    if starts.len() > MAX_CANDIDATES {
        crate::sort::sort_by_key(&mut starts, |&s| s.abs_diff(hint) as u64);
        starts.truncate(MAX_CANDIDATES);
    }
    let want_prefix: Vec<char> = anchor.prefix.chars().collect();
    let want_suffix: Vec<char> = anchor.suffix.chars().collect();
    let mut best: Option<(f64, usize, usize)> = None; // (score, distance to hint, start)
    for s in starts {
        let e = s + anchor.exact.len();
        let got_prefix: Vec<char> = {
            // Up to CONTEXT characters, not the recorded length: a shorter recorded prefix says
            // the text started there, which an occurrence with more text before it contradicts.
            let mut v: Vec<char> = text[..s].chars().rev().take(CONTEXT).collect();
            v.reverse();
            v
        };
        let got_suffix: Vec<char> = text[e..].chars().take(CONTEXT).collect();
        let (sp, ss) = if exact_at(text, anchor, s) {
            (1.0, 1.0)
        } else {
            (similarity(&want_prefix, &got_prefix), similarity(&want_suffix, &got_suffix))
        };
        if sp.max(ss) < STRONG || (sp + ss) / 2.0 < ENOUGH {
            continue;
        }
        let score = sp + ss;
        let dist = s.abs_diff(hint);
        let better = match best {
            None => true,
            Some((bs, bd, _)) => score > bs + 1e-9 || ((score - bs).abs() <= 1e-9 && dist < bd),
        };
        if better {
            best = Some((score, dist, s));
        }
    }
    best.map(|(_, _, s)| Span::new(s, s + anchor.exact.len()))
}

/// Is the anchor at byte `at` with its recorded context unchanged on both sides? (A context
/// shorter than [`CONTEXT`] means the text started or ended there, and must still.)
fn exact_at(text: &str, anchor: &Anchor, at: usize) -> bool {
    let end = at + anchor.exact.len();
    if !text.is_char_boundary(at) || end > text.len() || !text[at..].starts_with(anchor.exact.as_str()) {
        return false;
    }
    let (before, after) = (&text[..at], &text[end..]);
    let prefix_ok = before.ends_with(anchor.prefix.as_str())
        && (anchor.prefix.chars().count() >= CONTEXT || before.len() == anchor.prefix.len());
    let suffix_ok = after.starts_with(anchor.suffix.as_str())
        && (anchor.suffix.chars().count() >= CONTEXT || after.len() == anchor.suffix.len());
    prefix_ok && suffix_ok
}

/// Every start of `needle` in `text`, overlapping ones included ("the. the" twice in
/// "the. the. the").
fn occurrences(text: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let s = from + i;
        out.push(s);
        from = s + text[s..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// 1 − (edit distance / length of the longer), in characters; two empty strings agree fully.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    if a == b {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longer as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str, nth: usize) -> Span {
        let s = text.match_indices(needle).nth(nth).unwrap().0;
        Span::new(s, s + needle.len())
    }

    const TEXT: &str = "Iran said on Monday that the talks would resume. Officials in Iran, speaking \
        anonymously, said the attack was a setback.\nIran denied it.";

    #[test]
    fn describe_records_context_and_code_point_start() {
        let t = "😀 Alex Vatanka said the attack was a setback for everyone involved in it.";
        let a = describe(t, span_of(t, "Vatanka", 0));
        assert_eq!(a.exact, "Vatanka");
        assert_eq!(a.prefix, "😀 Alex ");
        assert_eq!(a.start, 7);
        assert_eq!(a.suffix.chars().count(), CONTEXT);
        assert!(a.suffix.starts_with(" said the attack"));
    }

    #[test]
    fn every_occurrence_resolves_to_itself() {
        for nth in 0..3 {
            let sp = span_of(TEXT, "Iran", nth);
            assert_eq!(resolve(TEXT, &describe(TEXT, sp)), Some(sp), "occurrence {nth}");
        }
    }

    #[test]
    fn an_insertion_before_shifts_it() {
        let sp = span_of(TEXT, "Iran", 1);
        let a = describe(TEXT, sp);
        let edited = format!("Breaking: a new first sentence. {TEXT}");
        let got = resolve(&edited, &a).unwrap();
        assert_eq!(got.start, sp.start + "Breaking: a new first sentence. ".len());
    }

    #[test]
    fn a_changed_word_nearby_keeps_it() {
        let sp = span_of(TEXT, "Iran", 1);
        let a = describe(TEXT, sp);
        let edited = TEXT.replace("Officials in Iran, speaking", "Diplomats in Iran, speaking");
        assert_eq!(resolve(&edited, &a).map(|s| s.of(&edited)), Some("Iran"));
        let got = resolve(&edited, &a).unwrap();
        assert_eq!(&edited[got.start - 13..got.start], "Diplomats in ");
    }

    #[test]
    fn an_edit_inside_drops_it() {
        let a = describe(TEXT, span_of(TEXT, "the attack was a setback", 0));
        assert_eq!(resolve(&TEXT.replace("attack was", "attack is"), &a), None);
    }

    #[test]
    fn a_deleted_sentence_does_not_move_to_another_occurrence() {
        let sp = span_of(TEXT, "Iran", 1);
        let a = describe(TEXT, sp);
        let edited = TEXT.replace("Officials in Iran, speaking anonymously, said the attack was a setback.", "");
        assert!(edited.contains("Iran"));
        assert_eq!(resolve(&edited, &a), None);
    }

    #[test]
    fn identical_contexts_are_told_apart_by_the_hint() {
        let t = "Iran said no. Iran said no. Iran said no.";
        for nth in 0..3 {
            let sp = span_of(t, "Iran", nth);
            assert_eq!(resolve(t, &describe(t, sp)), Some(sp));
        }
    }

    #[test]
    fn overlapping_occurrences_are_all_candidates() {
        let t = "aqj the. the. the aqn";
        let sp = Span::new(9, 17);
        assert_eq!(sp.of(t), "the. the");
        assert_eq!(resolve(t, &describe(t, sp)), Some(sp));
    }

    #[test]
    fn empty_exact_never_resolves() {
        let a = Anchor { exact: String::new(), prefix: String::new(), suffix: String::new(), start: 0 };
        assert_eq!(resolve("text", &a), None);
    }

    #[test]
    fn hint_past_the_end_is_harmless() {
        let a = Anchor { exact: "Iran".into(), prefix: String::new(), suffix: " said".into(), start: 1 << 40 };
        assert_eq!(resolve("Iran said", &a), Some(Span::new(0, 4)));
    }
}
