//! Linking: mentions that name the same thing become one [`Entity`] with one canonical name —
//! the fullest form the article gives it (corpus/GOLD.md):
//! - a surname or first name to the full name ("Vatanka" → "Alex Vatanka"; with two Parrys, the
//!   nearest one before);
//! - an acronym to its expansion ("PPP" after "People Power Party (PPP)", "WSJ" by initials, a few
//!   known ones such as "ISIS" → "Islamic State" when the article has the expansion);
//! - a short form to the longer name it begins ("ISIS-K" → "ISIS-Khorasan", "Bardo" → "Bardo
//!   National Museum");
//! - spelling variants of places by a small alias table ("US", "U.S." → "United States");
//! - all-caps datelines title-cased ("LONDON" → "London"); case variants merged.

use super::descriptors;
use super::gazetteer::{self, Gazetteer};
use super::Cand;
use crate::analysis::{Entity, EntityType, Mention};
use crate::text::{Document, Span};
use std::collections::HashMap;

/// Acronyms whose letters are not the initials of their expansion.
const KNOWN_ACRONYMS: &[(&str, &str)] = &[
    ("ISIS", "Islamic State"),
    ("ISIL", "Islamic State"),
    ("IS", "Islamic State"),
    ("IRGC", "Revolutionary Guard"),
    ("AFP", "Agence France-Presse"),
    ("AP", "Associated Press"),
];

fn is_name(ty: EntityType) -> bool {
    matches!(ty, EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Group | EntityType::Event)
}

/// May mentions of these types name the same thing?
fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b || matches!((a, b), (EntityType::Org, EntityType::Place) | (EntityType::Place, EntityType::Org))
}

/// "LONDON" → "London", "NEW YORK" → "New York"; other text unchanged.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c.is_whitespace() || c == '-';
        }
    }
    out
}

fn all_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

/// Initials of the capitalised words of a name ("Wall Street Journal" → "WSJ").
fn initials(words: &[&str]) -> String {
    words.iter().filter(|w| w.starts_with(|c: char| c.is_uppercase())).filter_map(|w| w.chars().next()).collect()
}

pub fn link(doc: &Document, words: &[&str], cands: &[Cand]) -> (Vec<Mention>, Vec<Entity>) {
    let gz = Gazetteer::get();
    let text = doc.text;
    let span = |c: &Cand| Span::new(doc.tokens[c.start].span.start, doc.tokens[c.end - 1].span.end);
    let surface: Vec<&str> = cands.iter().map(|c| span(c).of(text)).collect();
    let toks: Vec<&[&str]> = cands.iter().map(|c| &words[c.start..c.end]).collect();
    // A listed variant takes its canonical name only when the article also uses that name: the
    // gold keeps "US" as the canonical of an article that never writes "United States".
    let present: std::collections::HashSet<String> = surface.iter().map(|s| s.to_lowercase()).collect();
    let alias = |s: &str| gz.alias(s).filter(|a| present.contains(&a.to_lowercase()) || s == "Islamic Republic");
    // Each mention's own best form: alias, or title case for all-caps datelines and places.
    let own: Vec<String> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let s = surface[i];
            if !is_name(c.ty) {
                return s.to_string();
            }
            if let Some(a) = alias(s) {
                return a.to_string();
            }
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            if all_caps(s) && (letters >= 5 || gz.lookup(toks[i]) & gazetteer::PLACES != 0 && letters >= 4) {
                return title_case(s);
            }
            s.to_string()
        })
        .collect();
    // Resolve short forms to a longer mention, longest first so that chains end at full names.
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| is_name(cands[i].ty)).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(surface[i].len()));
    let mut canon: Vec<Option<usize>> = vec![None; cands.len()];
    let lower_toks: Vec<Vec<String>> = toks.iter().map(|t| t.iter().map(|w| w.to_lowercase()).collect()).collect();
    for &i in &order {
        if alias(surface[i]).is_some() {
            continue;
        }
        let listed = gz.lookup(toks[i]) != 0;
        let c = &cands[i];
        let li = &lower_toks[i];
        let mut best: Option<usize> = None;
        let mut best_dist = usize::MAX;
        for &j in &order {
            if j == i || !compatible(c.ty, cands[j].ty) || toks[j].len() <= toks[i].len() && surface[j].len() <= surface[i].len() {
                continue;
            }
            let lj = &lower_toks[j];
            let part = lj.len() > li.len() && (lj[..li.len()] == li[..] || lj[lj.len() - li.len()..] == li[..]);
            // "al-Bashir" ends in "Bashir"; "ISIS-Khorasan" begins with "ISIS-K".
            let hyphen_tail = li.len() == 1 && lj.last().is_some_and(|l| l.ends_with(&li[0]) && l.len() > li[0].len() && l[..l.len() - li[0].len()].ends_with('-'));
            let prefix = surface[i].contains('-') && surface[j].starts_with(surface[i]) && surface[j].len() > surface[i].len();
            let acronym = toks[i].len() == 1
                && all_caps(surface[i])
                && surface[i].len() >= 2
                && (initials(toks[j]) == surface[i]
                    || KNOWN_ACRONYMS.iter().any(|&(a, e)| a == surface[i] && surface[j] == e)
                    || (c.start >= 2 && words[c.start - 1] == "(" && cands[j].end + 1 == c.start));
            let same_case_insensitive = surface[i].eq_ignore_ascii_case(surface[j]);
            if !(part || hyphen_tail || prefix || acronym || same_case_insensitive) {
                continue;
            }
            // A single capitalised token matched to a longer name: the first or last word only
            // for people; for organisations and places only the first word ("Bardo").
            if part && !hyphen_tail && c.ty != EntityType::Person && (!(lj[..li.len()] == li[..]) || listed) {
                continue;
            }
            // The most mentioned full name first ("Lee" → the Lee the article is about), then the
            // nearest before.
            let freq = order.iter().filter(|&&k| surface[k] == surface[j]).count();
            let near = if cands[j].start <= c.start { c.start - cands[j].start } else { 1_000_000 + cands[j].start - c.start };
            let dist = near + (100 - freq.min(99)) * 10_000_000;
            if dist < best_dist {
                best_dist = dist;
                best = Some(j);
            }
        }
        if let Some(j) = best {
            canon[i] = Some(canon[j].unwrap_or(j));
        }
    }
    // Case variants: the form with the most capitals wins ("West Mercia Police").
    let mut best_form: HashMap<String, String> = HashMap::new();
    let mut forms: Vec<String> = Vec::with_capacity(cands.len());
    for i in 0..cands.len() {
        let f = match canon[i] {
            Some(j) => own[j].clone(),
            None => own[i].clone(),
        };
        let e = best_form.entry(f.to_lowercase()).or_insert_with(|| f.clone());
        let caps = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
        if caps(&f) > caps(e) && !all_caps(&f) {
            *e = f.clone();
        }
        forms.push(f);
    }
    let mut mentions = Vec::with_capacity(cands.len());
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<(String, EntityType), usize> = HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        let form = best_form[&forms[i].to_lowercase()].clone();
        let key = (form.to_lowercase(), c.ty);
        let e = *index.entry(key).or_insert_with(|| {
            entities.push(Entity { canonical: form.clone(), ty: c.ty, aliases: Vec::new(), descriptor: None, mentions: Vec::new() });
            entities.len() - 1
        });
        let s = span(c);
        let ent = &mut entities[e];
        ent.mentions.push(mentions.len());
        let text_here = s.of(text);
        if text_here != ent.canonical && !ent.aliases.iter().any(|a| a == text_here) {
            ent.aliases.push(text_here.to_string());
        }
        if ent.descriptor.is_none() && c.ty == EntityType::Person {
            ent.descriptor = descriptors::describe(doc, words, cands, i);
        }
        mentions.push(Mention { span: s, ty: c.ty, entity: e });
    }
    (mentions, entities)
}

#[cfg(test)]
mod tests {
    use super::super::Cand;
    use crate::analysis::EntityType;
    use crate::text::Document;

    /// Links the given (phrase, type) mentions, found in order in `text`.
    fn canon(text: &str, names: &[(&str, EntityType)]) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.tok(i)).collect();
        let mut cands = Vec::new();
        let mut from = 0;
        for (phrase, ty) in names {
            let pw: Vec<&str> = crate::text::tokenize::tokenize(phrase).iter().map(|t| t.span.of(phrase)).collect();
            let s = (from..words.len()).find(|&s| words[s..].starts_with(&pw)).expect("phrase in text");
            cands.push(Cand { start: s, end: s + pw.len(), ty: *ty });
            from = s + pw.len();
        }
        let (ms, es) = super::link(&doc, &words, &cands);
        ms.iter().map(|m| (m.span.of(text).to_string(), es[m.entity].canonical.clone())).collect()
    }

    #[test]
    fn surnames_acronyms_aliases_datelines() {
        use EntityType::*;
        let t = "LONDON — Alex Vatanka of the People Power Party (PPP) said the United States lost. Vatanka said the PPP and the US would wait in Iran, not at Iran International.";
        let got = canon(t, &[("LONDON", Place), ("Alex Vatanka", Person), ("People Power Party", Org), ("PPP", Org), ("United States", Place), ("Vatanka", Person), ("PPP", Org), ("US", Place), ("Iran", Place), ("Iran International", Org)]);
        let want = [("LONDON", "London"), ("Alex Vatanka", "Alex Vatanka"), ("People Power Party", "People Power Party"), ("PPP", "People Power Party"), ("United States", "United States"), ("Vatanka", "Alex Vatanka"), ("PPP", "People Power Party"), ("US", "United States"), ("Iran", "Iran"), ("Iran International", "Iran International")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn alias_needs_the_full_name_in_the_article() {
        let got = canon("The US said no.", &[("US", EntityType::Place)]);
        assert_eq!(got, [("US".to_string(), "US".to_string())]);
    }

    #[test]
    fn title_case_words() {
        assert_eq!(super::title_case("NEW YORK"), "New York");
        assert_eq!(super::title_case("SEOUL"), "Seoul");
    }
}
