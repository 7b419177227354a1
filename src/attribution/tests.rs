//! Small fixtures, one per construction (corpus/GOLD.md conventions).

use super::attribute;
use crate::analysis::{Attribution, SourceKind};
use crate::text::Document;

/// (source, cue, content, kind, direct) of every statement in `text`.
fn run(text: &str) -> Vec<(String, String, String, SourceKind, bool)> {
    let doc = Document::new(text);
    attribute(&doc, &[], &[])
        .into_iter()
        .map(|a: Attribution| (a.source.of(text).into(), a.cue.of(text).into(), a.content.of(text).into(), a.kind, a.direct))
        .collect()
}

fn one(text: &str) -> (String, String, String, SourceKind, bool) {
    let r = run(text);
    assert_eq!(r.len(), 1, "{r:#?}");
    r.into_iter().next().unwrap()
}

use SourceKind::*;

#[test]
fn quote_before_cue_drops_trailing_comma() {
    let r = one("“We will rebuild the bridge,” Maria Lopez said on Monday.");
    assert_eq!(r, ("Maria Lopez".into(), "said".into(), "We will rebuild the bridge".into(), Named, true));
}

#[test]
fn straight_quotes_and_inverted_source_with_title() {
    let r = one("\"The plant will close in May.\" said chief executive Tom Hardy, who joined in 2019.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.4), ("Tom Hardy", "The plant will close in May.", true));
}

#[test]
fn split_quote_gives_two_records_with_one_source() {
    let r = run("“We did not expect this,” said Mr. Okafor, a local farmer. “The river rose overnight.”");
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|x| x.0 == "Okafor" && x.1 == "said" && x.4));
    assert_eq!(r[1].2, "The river rose overnight.");
}

#[test]
fn quote_after_colon_and_nested_quote() {
    let r = one("The minister added: “Our “zero tolerance” policy works.”");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.2.as_str()), ("The minister", "added", "Our “zero tolerance” policy works."));
    assert_eq!(r.3, Named);
}

#[test]
fn quote_over_paragraph_break_is_one_record_and_governed_by_previous() {
    let text = "“It was chaos,” Ana Silva said.\n\n“People ran in every direction.\n\n“Nobody knew where to go.”";
    let r = run(text);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(r[1].0, "Ana Silva");
    assert_eq!(r[1].2, "People ran in every direction.\n\n“Nobody knew where to go.");
}

#[test]
fn indirect_speech_with_that_and_auxiliary() {
    let r = one("Separately, the Defence Ministry has confirmed that two drones were shot down.");
    assert_eq!(r, ("the Defence Ministry".into(), "has confirmed".into(), "two drones were shot down".into(), Institution, false));
}

#[test]
fn told_skips_the_addressee_outlet() {
    let r = one("A senior diplomat told Reuters that talks would resume next week.");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.2.as_str(), r.3), ("A senior diplomat", "told", "talks would resume next week", Unnamed));
}

#[test]
fn according_to_at_start_and_end() {
    let r = one("According to the Financial Times, the bank plans to cut 500 jobs.");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.2.as_str(), r.3), ("the Financial Times", "According to", "the bank plans to cut 500 jobs", Outlet));
    let r = one("Prices rose by 4% in March, according to official figures.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.3), ("official figures", "Prices rose by 4% in March", Institution));
}

#[test]
fn trailing_attribution_takes_the_clause_before() {
    let r = one("Three people were injured in the blast, police said.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.3), ("police", "Three people were injured in the blast", Institution));
}

#[test]
fn pronoun_resolves_to_the_previous_speaker() {
    let text = "Acme Corp said profits fell.\n\n“We expect a better year,” it said.";
    let doc = Document::new(text);
    let a = attribute(&doc, &[], &[]);
    assert_eq!(a.len(), 2);
    assert_eq!(a[1].source.of(text), "it");
    assert_eq!(a[1].kind, Institution);
    assert_eq!(a[1].canonical.as_deref(), Some("Acme Corp"));
}

#[test]
fn appositive_subject_keeps_the_name() {
    let r = one("Sara Nunes, a spokeswoman for the union, said the strike would go ahead.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.3), ("Sara Nunes", "the strike would go ahead", Named));
}

#[test]
fn participle_and_coordinated_cues_share_the_subject() {
    let r = run("Earlier on Friday, Governor Pat Reilly vetoed the bill, saying it was unaffordable.");
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!((r[0].0.as_str(), r[0].1.as_str(), r[0].2.as_str()), ("Pat Reilly", "saying", "it was unaffordable"));
    let r = run("Mayor Jo Kent condemned the attack and said the city would recover.");
    assert_eq!((r[0].0.as_str(), r[0].2.as_str()), ("Jo Kent", "the city would recover"));
}

#[test]
fn negated_future_and_thinking_verbs_are_not_statements() {
    assert!(run("The company has not commented on the report.").is_empty());
    assert!(run("Officials declined to comment.").is_empty());
    assert!(run("Many will question the decision.").is_empty());
    assert!(run("Analysts believe the deal will collapse.").is_empty());
    assert!(run("The attack was described as unprecedented.").is_empty());
}

#[test]
fn speech_inside_a_quotation_is_not_attributed_again() {
    let r = one("“My father said we should leave,” Omar Haddad said.");
    assert_eq!(r.0, "Omar Haddad");
}

#[test]
fn list_after_colon_gives_one_record_per_item() {
    let text = "In the interview, the minister also said:\n\nTaxes will not rise this year\n\nThe army needs more recruits\n\nRead the full interview";
    let r = run(text);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(r[0].2, "Taxes will not rise this year");
    assert!(r.iter().all(|x| x.0 == "the minister"));
}

#[test]
fn outlet_has_learned_and_relay() {
    let r = one("Politico has learned that the vote will be delayed.");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.3), ("Politico", "has learned", Outlet));
    assert!(run("My neighbour has learned that lesson.").is_empty());
    let r = run("The minister was quoted as saying by Interfax that the pipeline was safe.");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert!(r.iter().any(|x| x.0 == "Interfax" && x.3 == Outlet));
}

#[test]
fn mixed_quote_fragment_is_indirect() {
    let r = one("The senator said the plan was \"dead on arrival\" in Congress.");
    assert_eq!((r.2.as_str(), r.4), ("the plan was \"dead on arrival\" in Congress", false));
}

#[test]
fn document_and_poll_sources() {
    let r = one("A recent Ipsos poll showed support for the plan at 41%.");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.3), ("A recent Ipsos poll", "showed", Institution));
    assert!(run("The map showed the river.").is_empty());
}

#[test]
fn quote_split_mid_sentence_by_its_cue() {
    let r = run("“We are ready,” she said, “to defend every village.”");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!((r[0].2.as_str(), r[1].2.as_str()), ("We are ready", "to defend every village."));
    assert!(r.iter().all(|x| x.0 == "she" && x.1 == "said"));
}

#[test]
fn relative_clause_after_the_subject() {
    let r = one("Dana Whitfield, who has led the team since 2019, said the season was over.");
    assert_eq!((r.0.as_str(), r.2.as_str()), ("Dana Whitfield", "the season was over"));
}

#[test]
fn quote_after_addressee_and_colon() {
    let r = one("The coach told reporters: “We were simply not good enough.”");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.2.as_str(), r.4), ("The coach", "told", "We were simply not good enough.", true));
}

#[test]
fn two_reported_clauses_around_an_appositive() {
    let r = run("He said he would not resign, a demand raised by the opposition, and that the inquiry would clear him.");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!((r[0].2.as_str(), r[1].2.as_str()), ("he would not resign", "the inquiry would clear him"));
}

#[test]
fn addressee_then_adjunct_leaves_the_clause_before() {
    let r = one("The bank will keep rates on hold, two sources familiar with the matter told Reuters on Tuesday.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.3), ("two sources familiar with the matter", "The bank will keep rates on hold", Unnamed));
}

#[test]
fn subject_noun_phrase_before_a_participle_appositive() {
    let r = one("A senior official, speaking on condition of anonymity, said the talks had stalled.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.3), ("A senior official", "the talks had stalled", Unnamed));
}

#[test]
fn name_after_a_description_and_addressee_outlet_gets_no_record() {
    let r = one("“We will not back down,” one protester, 23-year-old student Ali Reza, told The Associated Press.");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.3), ("Ali Reza", "told", Named));
}

#[test]
fn according_to_relays_an_earlier_statement() {
    let r = run("Amazon said it was reviewing the matter, according to an email seen by CNN.");
    assert!(r.iter().any(|x| x.0 == "Amazon" && x.2 == "it was reviewing the matter"), "{r:#?}");
    assert!(r.iter().any(|x| x.0 == "CNN" && x.3 == Outlet && x.2 == "Amazon said it was reviewing the matter"), "{r:#?}");
}

#[test]
fn block_quotes_after_a_colon_take_the_governing_cue() {
    let r = run("In a letter, the chief executive wrote:\n“This has been a difficult year.”\n“We expect a recovery.”");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert!(r.iter().all(|x| x.0 == "the chief executive" && x.1 == "wrote" && x.4 && x.3 == Named));
}

#[test]
fn embedded_relative_clause_stays_in_the_content() {
    let r = one("He said that the plan, which was approved in May, would cost $5m.");
    assert_eq!(r.2, "the plan, which was approved in May, would cost $5m");
}

#[test]
fn acronym_and_bracketed_short_form() {
    let r = run("Singapore hanged a farmer on Friday, the Central Narcotics Bureau (CNB) said.\nHe was arrested in 1995, the CNB said.");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!((r[0].0.as_str(), r[0].3), ("the Central Narcotics Bureau", Institution));
    assert_eq!((r[1].0.as_str(), r[1].3), ("the CNB", Institution));
}

#[test]
fn adjuncts_after_the_cue_are_not_content() {
    let r = one("“This is terror,” President Volodymyr Zelensky wrote on social media.");
    assert_eq!((r.0.as_str(), r.2.as_str(), r.4), ("Volodymyr Zelensky", "This is terror", true));
    assert!(run("Stella Kim reported from Seoul, and Jennifer Jett from Hong Kong.").is_empty());
    let r = one("Syria on Friday said the talks had failed.");
    assert_eq!((r.0.as_str(), r.3), ("Syria", Institution));
}

/// Random sequences of the tokens the rules look at never panic and give spans that fit.
#[test]
fn random_token_soup_never_panics() {
    const VOCAB: &[&str] = &[
        "said", "says", "told", "according", "to", "that", "he", "she", "it", "they", "who", "which", "the", "a",
        "Reuters", "Mr.", "Smith", "Jane", "officials", "police", ",", ",", ".", ":", ";", "—", "-", "(", ")",
        "\"", "“", "”", "'", "’s", "and", "but", "as", "added", "saying", "was", "quoted", "by", "Interfax",
        "has", "not", "will", "\n", "\n\n", "learned", "showed", "poll", "described", "as", "first", "broke",
        "news", "expressed", "concern", "about", "on", "Friday", "U.S.", "Dong-hoon", "42", "of", "in",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let n = (next() % 80) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(VOCAB[(next() % VOCAB.len() as u64) as usize]);
            text.push(if next() % 5 == 0 { '\u{a0}' } else { ' ' });
        }
        let doc = Document::new(&text);
        for a in attribute(&doc, &[], &[]) {
            for s in [a.source, a.cue, a.content] {
                assert!(s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{text:?}");
            }
        }
    }
}

#[test]
fn participle_after_a_quote_or_trailing_attribution() {
    let r = run("“We’re done,” Smith said, adding that he would retire next year.");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert!(r.iter().any(|x| x.1 == "adding" && x.0 == "Smith" && x.2 == "he would retire next year"));
    let r = run("Two people were killed, the Red Cross said, adding that the toll could rise.");
    assert_eq!(r.len(), 2, "{r:#?}");
    assert!(r.iter().any(|x| x.1 == "said" && x.2 == "Two people were killed"));
}

#[test]
fn suggest_is_evidence_from_documents_not_speech() {
    // Regression: a first-person "I suggest" was read as a statement (seen on a real page).
    assert!(run("Some say the firms are careless, and I suggest they deserve whatever they get.").is_empty());
    let (source, cue, content, kind, _) = one("The report suggested the country might not be the jobs machine it thinks it is.");
    assert_eq!((source.as_str(), cue.as_str(), kind), ("The report", "suggested", Institution));
    assert!(content.starts_with("the country might not be"), "{content}");
}
