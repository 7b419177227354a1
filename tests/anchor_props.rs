//! Property tests of anchoring (src/anchor): an anchor finds its own span on the unchanged text,
//! follows it through edits elsewhere, and an edit inside it never leaves it on the edited span;
//! any document, however wrong, gives an analysis with the guarantees of `analyze`.
#![cfg(not(target_arch = "wasm32"))]

use gloss::anchor::{describe, resolve, CONTEXT};
use gloss::text::Span;
use proptest::prelude::*;

/// Article-like text: words, spaces, punctuation and newlines. Most words are made unique (a
/// numbered tail), a few recur ("Iran", "said", non-ASCII ones), like names in an article; the
/// text is never periodic, where every place would look the same.
fn article() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-z]{1,7}".prop_map(Some),
        1 => "[A-Z][a-z]{1,6}".prop_map(Some),
        1 => prop::sample::select(vec!["Iran", "said", "the", "Tehran", "Vatanka", "é", "😀", "تهران"]).prop_map(|w| Some(w.to_string())),
    ];
    let sep = prop::sample::select(vec![" ", " ", " ", ", ", ". ", "\n", " “", "” "]);
    prop::collection::vec((word, sep), 8..120).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (w, s))| {
                let w = w.unwrap_or_default();
                let recurring = ["Iran", "said", "the", "Tehran", "Vatanka", "é", "😀", "تهران"].contains(&w.as_str());
                if recurring { w + s } else { format!("{w}q{}{s}", base26(i)) }
            })
            .collect()
    })
}

fn base26(mut i: usize) -> String {
    let mut out = String::new();
    loop {
        out.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return out;
        }
    }
}

/// A span on character boundaries that starts and ends on a word (what the core produces).
fn pick_span(text: &str, a: usize, b: usize) -> Option<Span> {
    let words: Vec<Span> = text
        .split(|c: char| !c.is_alphanumeric())
        .scan(0usize, |pos, w| {
            let s = *pos;
            *pos += w.len() + text[*pos + w.len()..].chars().next().map_or(0, char::len_utf8);
            Some(Span::new(s, s + w.len()))
        })
        .filter(|s| !s.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let i = a % words.len();
    let j = (i + b % 4).min(words.len() - 1);
    Some(Span::new(words[i].start, words[j].end))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text `CONTEXT` characters around `span`, for "indistinguishable" comparisons.
fn window(text: &str, span: Span) -> (String, String, String) {
    let before: String = {
        let mut v: Vec<char> = text[..span.start].chars().rev().take(CONTEXT).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[span.end..].chars().take(CONTEXT).collect();
    (before, span.of(text).to_string(), after)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn resolve_of_describe_is_the_identity(text in article(), a in any::<usize>(), b in any::<usize>()) {
        let Some(span) = pick_span(&text, a, b) else { return Ok(()) };
        prop_assert_eq!(resolve(&text, &describe(&text, span)), Some(span));
    }

    #[test]
    fn an_insertion_away_from_the_span_moves_it_along(
        text in article(), a in any::<usize>(), b in any::<usize>(), at in any::<usize>(), ins in "[a-zA-Z ,.\n]{1,80}",
    ) {
        let Some(span) = pick_span(&text, a, b) else { return Ok(()) };
        let anchor = describe(&text, span);
        let at = floor_boundary(&text, at % (text.len() + 1));
        prop_assume!(at <= span.start || at >= span.end);
        let edited = format!("{}{}{}", &text[..at], ins, &text[at..]);
        let moved = if at <= span.start { Span::new(span.start + ins.len(), span.end + ins.len()) } else { span };
        // Far from the span (context intact), it must be found exactly where it moved, unless
        // another occurrence has an identical window (then either is the same text).
        let near = text[at.min(span.start)..at.max(span.end)].chars().count() <= CONTEXT + span.of(&text).chars().count();
        match resolve(&edited, &anchor) {
            Some(got) => prop_assert!(got == moved || window(&edited, got) == window(&edited, moved),
                "misplaced: {:?} instead of {:?}", got, moved),
            None => prop_assert!(near, "lost although the edit was outside its context"),
        }
    }

    #[test]
    fn an_edit_inside_the_span_drops_it_or_finds_an_identical_place(
        text in article(), a in any::<usize>(), b in any::<usize>(), k in any::<usize>(), ins in "[A-Z]{1,3}",
    ) {
        let Some(span) = pick_span(&text, a, b) else { return Ok(()) };
        let anchor = describe(&text, span);
        let at = floor_boundary(&text, span.start + 1 + k % span.len().max(1)).min(span.end);
        prop_assume!(at > span.start && at < span.end);
        let edited = format!("{}{}{}", &text[..at], ins, &text[at..]);
        if let Some(got) = resolve(&edited, &anchor) {
            // Only another occurrence of the same words whose surroundings agree may be taken;
            // it can never overlap the edited span.
            let edited_span = Span::new(span.start, span.end + ins.len());
            // (unless the edit reads the same as an insertion just before or after the span, as
            // "ED" inserted after the "D" of "Dqz", which reads as "DE" inserted before it).
            let (before, after) = (&edited[..got.start], &edited[got.end..]);
            let same_as_outside = (before.starts_with(&text[..span.start]) && after == &text[span.end..])
                || (before == &text[..span.start] && after.ends_with(&text[span.end..]));
            prop_assert!(!got.overlaps(edited_span) || same_as_outside, "placed on the edited span: {:?}", got);
            prop_assert_eq!(got.of(&edited), anchor.exact.as_str());
        }
    }
}

/// A document of arbitrary anchors (pieces of the text or not, any context, any hint, any entity
/// index) still gives an analysis with `analyze`'s guarantees.
fn arbitrary_document(text: &str, picks: &[(usize, usize, usize, u8)]) -> gloss::anchor::document::Annotations {
    use gloss::anchor::document::{Annotations, DocAttribution, DocEntity, DocMention};
    use gloss::anchor::Anchor;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let anchor = |a: usize, b: usize| -> Anchor {
        if chars.is_empty() {
            return Anchor { exact: "x".into(), prefix: String::new(), suffix: String::new(), start: a };
        }
        let i = a % chars.len();
        let j = (i + 1 + b % 12).min(chars.len());
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let mut an = describe(text, Span::new(chars[i].0, end));
        if b % 5 == 0 {
            an.prefix = an.prefix.chars().rev().collect(); // disagreeing context
        }
        an.start = an.start.wrapping_add(b % 7);
        an
    };
    let types = ["PERSON", "ORG", "PLACE", "DATE"];
    Annotations {
        format: 1,
        gloss: "test".into(),
        text_length: 0,
        entities: (0..4).map(|k| DocEntity { canonical: format!("E{k}"), ty: types[k].into(), aliases: vec![], descriptor: None }).collect(),
        mentions: picks.iter().map(|&(a, b, e, t)| DocMention { ty: types[t as usize % 4].into(), entity: e % 6, anchor: anchor(a, b) }).collect(),
        attributions: picks
            .iter()
            .step_by(3)
            .map(|&(a, b, e, _)| DocAttribution {
                source: anchor(a, b),
                cue: anchor(b, a),
                content: anchor(a ^ b, e),
                kind: "named".into(),
                direct: false,
                entity: Some(e % 6),
                canonical: None,
            })
            .collect(),
        summary: None,
    }
}

proptest! {
    // Each case resolves two texts with up to 80 anchors in an unoptimised build: fewer cases.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_document_gives_a_consistent_analysis(
        text in article(), picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), any::<u8>()), 0..60),
        cut in any::<usize>(),
    ) {
        let doc = arbitrary_document(&text, &picks);
        // Also on a text edited after the document was made (a piece cut out).
        let at = floor_boundary(&text, cut % (text.len() + 1));
        let to = floor_boundary(&text, at + 20);
        let edited = format!("{}{}", &text[..at], &text[to..]);
        for t in [&text, &edited] {
            let a = gloss::anchor::document::resolve_document(t, &doc).unwrap();
            for w in a.mentions.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start, "sorted, never overlapping");
            }
            for (i, m) in a.mentions.iter().enumerate() {
                prop_assert!(t.is_char_boundary(m.span.start) && t.is_char_boundary(m.span.end) && m.span.start < m.span.end);
                prop_assert!(a.entities[m.entity].mentions.contains(&i));
            }
            for e in &a.entities {
                prop_assert!(!e.mentions.is_empty());
                prop_assert!(e.mentions.windows(2).all(|w| w[0] < w[1]));
            }
            for r in &a.attributions {
                prop_assert!(r.entity.is_none_or(|e| e < a.entities.len()));
                for s in [r.source, r.cue, r.content] {
                    prop_assert!(s.end <= t.len() && t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
                }
            }
            prop_assert_eq!(a.summary.statements_by_kind.iter().sum::<usize>(), a.attributions.len());
        }
    }
}
