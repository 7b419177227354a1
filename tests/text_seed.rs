//! The seed article's sentence and paragraph boundaries, pinned.
#![cfg(not(target_arch = "wasm32"))]

use gloss::text::{Document, TokenKind};

const SEED: &str = include_str!("fixtures/dev/seed-iran-kerman/article.txt");

#[test]
fn seed_article_sentences_are_pinned() {
    let d = Document::new(SEED);
    let got: Vec<(usize, &str)> = d.sentences.iter().map(|s| (s.paragraph, s.span.of(SEED))).collect();
    assert_eq!(d.paragraphs.len(), 19);
    assert_eq!(got.len(), 25);
    let starts: Vec<(usize, String)> = got.iter().map(|(p, s)| (*p, s.chars().take(24).collect())).collect();
    let expected: &[(usize, &str)] = &[
        (0, "Iran Ignored US Warnings"),
        (1, "US officials confirmed t"),
        (2, "Separately, Iran Interna"),
        (3, "Speaking to Iran Interna"),
        (3, "The U.S. Government foll"),
        (3, "We provide these warning"),
        (4, "In spite of the warning "),
        (5, "According to the US news"),
        (6, "The attack was the deadl"),
        (6, "Many Iranians questioned"),
        (6, "The US warning could exp"),
        (7, "The duty to warn will ra"),
        (8, "Proxies in Syria, Iraq a"),
        (9, "While Iran continues to "),
        (10, "Moreover, Iranian offici"),
        (11, "Last year, the US cut a "),
        (12, "Former CIA officer Dougl"),
        (12, "Such intelligence sharin"),
        (13, "It is unknown if the tip"),
        (14, "The revelations of the t"),
        (15, "Speaking to WSJ, Alex Va"),
        (16, "“ISIS operatives were ab"),
        (17, "Since the US withdrawal "),
        (17, "US officials say it is o"),
        (18, "Vatanka added: “The head"),
    ];
    let expected: Vec<(usize, String)> = expected.iter().map(|(p, s)| (*p, s.to_string())).collect();
    assert_eq!(starts, expected);
    // The quotation's closing mark stays with its sentence; "U.S." does not end one.
    assert!(got[5].1.ends_with("terror attacks.\""));
    assert!(got[3].1.contains("the U.S. Government provided Iran"));
    assert!(got[24].1.ends_with("homeland.”"));
}

#[test]
fn seed_article_tokens_keep_names_money_and_possessives_apart() {
    let d = Document::new(SEED);
    let words: Vec<&str> = d.tokens.iter().map(|t| t.span.of(SEED)).collect();
    let find = |seq: &[&str]| words.windows(seq.len()).any(|w| w == seq);
    assert!(find(&["$", "6bn"]));
    assert!(find(&["Iran", "-", "backed", "Hamas"]));
    assert!(find(&["US", "-", "Iranian", "citizens"]));
    assert!(find(&["Iran", "’s", "proxies"]));
    assert!(find(&["Soleimani", "'s", "family"]));
    assert!(find(&["the", "U.S.", "Government"]));
    assert!(find(&["ISIS", "-", "K", "attack"]));
    // Every token lies on character boundaries, in order.
    for w in d.tokens.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
    assert!(d.tokens.iter().all(|t| t.kind != TokenKind::Url));
}
