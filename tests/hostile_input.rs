//! Hostile input to the core: never a panic, spans always well formed, a clear error past the
//! size limit. (The browser side of hostile pages is tested in tests/web_pages.rs and e2e.)
#![cfg(not(target_arch = "wasm32"))]

use gloss::{analyze, Analysis, Config, Error};

/// Every span in bounds, non-empty, on character boundaries; mentions sorted and disjoint.
fn check(text: &str, a: &Analysis) {
    let ok = |s: gloss::text::Span| s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    assert!(a.mentions.iter().all(|m| ok(m.span) && m.entity < a.entities.len()));
    assert!(a.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    assert!(a.attributions.iter().all(|r| ok(r.source) && ok(r.cue) && ok(r.content)));
    assert!(a.sentences.iter().chain(&a.paragraphs).all(|s| ok(*s)));
    let json = gloss::json::JsonAnalysis::new(text, a);
    let chars: Vec<char> = text.chars().collect();
    for e in &json.entities {
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }
}

fn run(text: &str) -> Analysis {
    let a = analyze(text, &Config::default()).expect("within the size limit");
    check(text, &a);
    a
}

#[test]
fn empty_and_blank_articles() {
    for t in ["", " ", "\n\n\n", "\u{200B}\u{FEFF}\u{2066}", "\0\0\0"] {
        let a = run(t);
        assert!(a.mentions.is_empty() && a.attributions.is_empty());
    }
}

#[test]
fn one_long_paragraph_without_punctuation() {
    let words = ["Iran", "said", "the", "officials", "Alex", "Vatanka", "in", "Kerman", "on", "Tuesday", "95", "people"];
    let text: String = (0..200_000 / 6).map(|i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
    let a = run(&text);
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.sentences.len() > 10, "long runs are cut into bounded sentences");
    assert!(!a.mentions.is_empty());
}

#[test]
fn controls_bidi_zero_width_combining_and_emoji() {
    let text = "Alex\u{200B}Vatanka said\u{0} \u{202E}Iran\u{202C} \u{2067}تهران\u{2069} e\u{301}\u{302}\u{303} \
                👨‍👩‍👧‍👦 🇮🇷🇺🇸 \u{FFFD}\u{FFFF} \u{1F3FB}\u{200D}\u{200D} “‘’”«»„ — … \u{7F}\u{85}\u{2028}x";
    run(text);
}

#[test]
fn every_script_persian_and_arabic() {
    let samples = [
        "Владимир Путин заявил во вторник, что Россия готова.",
        "習近平主席は火曜日に北京で演説した。",
        "Ο πρωθυπουργός είπε ότι η Αθήνα θα απαντήσει.",
        "प्रधानमंत्री ने मंगलवार को कहा कि भारत तैयार है।",
        "ראש הממשלה אמר ביום שלישי כי ישראל מוכנה.",
        "رئيس الوزراء قال يوم الثلاثاء إن مصر مستعدة.",
        "سخنگوی وزارت خارجه ایران گفت: «تهران آماده است.»",
        "นายกรัฐมนตรีกล่าวว่าประเทศไทยพร้อมแล้ว",
        "대통령은 화요일 서울에서 연설했다.",
        "Ruhusa ya Rais Samia ilitolewa Dodoma Jumanne.",
    ];
    for s in samples {
        run(s);
    }
    let mixed = samples.join("\n");
    let a = run(&mixed);
    assert_eq!(a.paragraphs.len(), samples.len());
}

#[test]
fn quotes_that_never_close_and_nest_badly() {
    let text = "He said, \"It is \u{201C}bad\" and 'worse.\n\u{201D}No\u{201D} she \"said\" \"\n\"\"\"\n«".repeat(200);
    run(&text);
}

#[test]
fn over_the_limit_is_a_clear_error() {
    let config = Config { max_bytes: 1000 };
    let text = "word ".repeat(300);
    let err = analyze(&text, &config).unwrap_err();
    assert_eq!(err, Error::TooLarge { bytes: 1500, limit: 1000 });
    assert!(err.to_string().contains("1500 bytes is over the configured limit of 1000"));
}

#[test]
fn a_sample_of_every_unicode_block() {
    // Every 61st scalar value of all 17 planes, in words of five (18,000 characters), then the
    // same with Latin names between them: no panic, well-formed spans, names still found.
    let chars: Vec<char> = (0..=0x10FFFFu32).step_by(61).filter_map(char::from_u32).collect();
    let words: Vec<String> = chars.chunks(5).map(|c| c.iter().collect()).collect();
    run(&words.join(" "));
    let mixed: Vec<String> = words.iter().enumerate().map(|(i, w)| if i % 50 == 0 { format!("{w}. Alex Vatanka said") } else { w.clone() }).collect();
    let a = run(&mixed.join(" "));
    assert!(!a.mentions.is_empty());
}
