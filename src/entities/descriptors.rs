//! Descriptors: what the article says an entity is, for the popover.
//!
//! Two patterns cover most news prose: an appositive after the name ("Alex Vatanka, director of
//! the Iran program at the Middle East Institute, said") and a title before it ("Former CIA
//! officer Douglas London", "slain Qods Force commander Qassem Soleimani").

use super::Cand;
use crate::text::{Document, Span};

/// Role nouns that end a title pre-modifier.
pub static ROLES: crate::words::Words = crate::words::Words::new("officer|commander|president|minister|director|spokesperson|spokesman|spokeswoman|editor|analyst|leader|chief|secretary|ambassador|envoy|official|general|correspondent|reporter|professor|lawyer|senator|governor|mayor|founder|chairman|chairwoman|ceo|head|deputy|adviser|advisor|author|researcher|fellow|economist|judge|prosecutor|colonel|captain|coach|candidate|lawmaker|representative|premier|chancellor|cleric|activist|expert|scholar|historian|journalist|photographer|writer|mother|father|son|daughter|wife|husband|brother|sister|executive|strategist|negotiator|member");

/// Words that cannot be inside a title pre-modifier.
static BREAK: crate::words::Words = crate::words::Words::new("said|says|told|and|or|but|that|which|who|with|to|by|for|from|in|on|at|as|is|was|were|are|has|had|have|when|after|before|than|according");

/// Words that may open an appositive description.
static APPOSITIVE_OPENERS: crate::words::Words = crate::words::Words::new("a|an|the|former|director|head|chief|spokesperson|spokesman|spokeswoman|president|senior|deputy|professor|founder|leader|analyst|executive");

pub fn describe(doc: &Document, words: &[&str], cands: &[Cand], i: usize) -> Option<String> {
    let c = &cands[i];
    // Sentences are in order with contiguous token ranges: a binary search, not a scan per mention.
    let k = doc.sentences.partition_point(|s| s.tokens.end <= c.start);
    let sent = doc.sentences.get(k).filter(|s| s.tokens.contains(&c.start))?;
    let text = doc.text;
    // Appositive: ", director of …," up to the next comma or sentence end.
    if c.end + 1 < sent.tokens.end && words[c.end] == "," {
        let first = words[c.end + 1];
        let opener = APPOSITIVE_OPENERS.contains(first.to_lowercase().as_str()) || ROLES.contains(first.to_lowercase().as_str());
        if opener {
            let mut e = c.end + 1;
            while e < sent.tokens.end && !matches!(words[e], "," | "." | ";" | "—" | ":" | "(" | ")" | "\"" | "“" | "”") && e - c.end <= 16 {
                e += 1;
            }
            if e > c.end + 1 && e - c.end <= 16 && !words[c.end + 1..e].iter().any(|w| matches!(*w, "said" | "says" | "told")) {
                let s = Span::new(doc.tokens[c.end + 1].span.start, doc.tokens[e - 1].span.end);
                return Some(s.of(text).to_string());
            }
        }
    }
    // Title pre-modifier ending in a role noun right before the name.
    if c.start > sent.tokens.start {
        let prev = words[c.start - 1].to_lowercase();
        if ROLES.contains(prev.as_str()) {
            let mut s = c.start - 1;
            while s > sent.tokens.start && c.start - s < 7 {
                let w = words[s - 1];
                let lw = w.to_lowercase();
                if BREAK.contains(lw.as_str()) || lw == "the" || lw == "a" || lw == "an" || !w.chars().any(|ch| ch.is_alphanumeric()) && w != "-" && w != "'s" && w != "’s" {
                    break;
                }
                if cands.iter().any(|o| o.end == s && o.ty == crate::analysis::EntityType::Person) {
                    break;
                }
                s -= 1;
            }
            let sp = Span::new(doc.tokens[s].span.start, doc.tokens[c.start - 1].span.end);
            return Some(sp.of(text).to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::Cand;
    use crate::analysis::EntityType;
    use crate::text::Document;

    fn descriptor(text: &str, name: &str) -> Option<String> {
        let doc = Document::new(text);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.tok(i)).collect();
        let pw: Vec<&str> = name.split(' ').collect();
        let s = (0..words.len()).find(|&s| words[s..].starts_with(&pw)).unwrap();
        let cands = [Cand { start: s, end: s + pw.len(), ty: EntityType::Person }];
        super::describe(&doc, &words, &cands, 0)
    }

    #[test]
    fn appositive_and_title() {
        assert_eq!(
            descriptor("Alex Vatanka, director of the Iran program at the Middle East Institute, said it was bad.", "Alex Vatanka").as_deref(),
            Some("director of the Iran program at the Middle East Institute")
        );
        assert_eq!(descriptor("Former CIA officer Douglas London said so.", "Douglas London").as_deref(), Some("Former CIA officer"));
        assert_eq!(descriptor("It was ordered by slain Qods Force commander Qassem Soleimani in 2020.", "Qassem Soleimani").as_deref(), Some("slain Qods Force commander"));
        assert_eq!(descriptor("Yoon, 63, said so.", "Yoon"), None);
    }
}
