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
use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
            // "O'BRIEN" → "O'Brien": a capital after a one-letter prefix and an apostrophe.
            let one_letter = (c == '\'' || c == '’') && out.chars().rev().take_while(|ch| ch.is_alphabetic()).count() == 1;
            out.push(c);
            start = c.is_whitespace() || c == '-' || one_letter;
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
    let present: HashSet<String> = surface.iter().map(|s| s.to_lowercase()).collect();
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
            // All caps: a listed place ("LONDON"), a multi-word name ("SUSIE O'BRIEN") or a
            // dateline at a paragraph's start is title-cased; a lone acronym ("RSPCA") is not.
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            let para_start = doc.paragraphs.binary_search_by_key(&doc.tokens[c.start].span.start, |p| p.span.start).is_ok();
            let dateline = para_start && matches!(words.get(c.end).copied(), Some("—" | "–" | "-" | "," | ":" | "("));
            if all_caps(s) && letters >= 3 && (gz.lookup(toks[i]) & gazetteer::PLACES != 0 || toks[i].len() > 1 || dateline) {
                return title_case(s);
            }
            s.to_string()
        })
        .collect();
    // Resolve short forms to a longer mention, longest first so that chains end at full names.
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| is_name(cands[i].ty)).collect();
    crate::sort::sort_by_key(&mut order, |&i| u64::MAX - surface[i].len() as u64);
    let mut canon: Vec<Option<usize>> = vec![None; cands.len()];
    let lower_toks: Vec<Vec<String>> = toks.iter().map(|t| t.iter().map(|w| w.to_lowercase()).collect()).collect();
    // Candidate longer mentions are found through indexes (first word, last word, initials,
    // lower-cased text), so linking stays linear in the number of mentions.
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_lower: HashMap<String, Vec<usize>> = HashMap::default();
    let mut freq: HashMap<&str, usize> = HashMap::default();
    // Hyphenated names by the part before their first hyphen ("ISIS-K" → "ISIS-Khorasan"), and
    // names by the token they end at (an acronym in brackets follows its expansion).
    let mut by_hyphen_head: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_end: HashMap<usize, Vec<usize>> = HashMap::default();
    for &j in &order {
        by_end.entry(cands[j].end).or_default().push(j);
    }
    for &j in &order {
        *freq.entry(surface[j]).or_insert(0) += 1;
        if freq[surface[j]] > 1 {
            continue; // indexed once per distinct surface
        }
        let lj = &lower_toks[j];
        by_word.entry(lj[0].as_str()).or_default().push(j);
        if lj.len() > 1 {
            by_word.entry(lj[lj.len() - 1].as_str()).or_default().push(j);
        }
        if let Some(tail) = lj.last().and_then(|l| l.rsplit_once('-')).map(|(_, t)| t) {
            if !tail.is_empty() {
                by_word.entry(tail).or_default().push(j);
            }
        }
        if toks[j].len() >= 2 {
            by_initials.entry(initials(toks[j])).or_default().push(j);
        }
        by_lower.entry(surface[j].to_lowercase()).or_default().push(j);
        if let Some((head, _)) = surface[j].split_once('-') {
            by_hyphen_head.entry(head).or_default().push(j);
        }
    }
    for &i in &order {
        if alias(surface[i]).is_some() {
            continue;
        }
        let listed = gz.lookup(toks[i]) != 0;
        let c = &cands[i];
        let li = &lower_toks[i];
        let mut pool: Vec<usize> = Vec::new();
        pool.extend(by_word.get(li[0].as_str()).into_iter().flatten());
        if li.len() > 1 {
            pool.extend(by_word.get(li[li.len() - 1].as_str()).into_iter().flatten());
        }
        pool.extend(by_initials.get(surface[i]).into_iter().flatten());
        pool.extend(by_lower.get(&surface[i].to_lowercase()).into_iter().flatten());
        if let Some((head, _)) = surface[i].split_once('-') {
            pool.extend(by_hyphen_head.get(head).into_iter().flatten());
        }
        for &(a, e) in KNOWN_ACRONYMS {
            if a == surface[i] {
                pool.extend(by_lower.get(&e.to_lowercase()).into_iter().flatten());
            }
        }
        if c.start >= 2 && words[c.start - 1] == "(" {
            pool.extend(by_end.get(&(c.start - 1)).into_iter().flatten());
        }
        crate::sort::sort_by_key(&mut pool, |&j| j as u64);
        pool.dedup();
        let mut best: Option<usize> = None;
        let mut best_dist = usize::MAX;
        for &j in &pool {
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
            if part && !hyphen_tail && c.ty != EntityType::Person && (lj[..li.len()] != li[..] || listed) {
                continue;
            }
            // The most mentioned full name first ("Lee" → the Lee the article is about), then the
            // nearest before.
            let f = freq.get(surface[j]).copied().unwrap_or(1);
            let near = if cands[j].start <= c.start { c.start - cands[j].start } else { 1_000_000 + cands[j].start - c.start };
            let dist = near + (100 - f.min(99)) * 10_000_000;
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
    let mut best_form: HashMap<String, String> = HashMap::default();
    let mut forms: Vec<String> = Vec::with_capacity(cands.len());
    for i in 0..cands.len() {
        let f = match canon[i] {
            Some(j) => own[j].clone(),
            None => own[i].clone(),
        };
        let e = best_form.entry(f.to_lowercase()).or_insert_with(|| f.clone());
        // Fewest all-caps words first ("Malcolm Fraser" over "MALCOLM Fraser"), then most capitals.
        let shouting = |s: &str| s.split(' ').filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 1 && all_caps(w)).count();
        let caps = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
        if (shouting(&f), std::cmp::Reverse(caps(&f))) < (shouting(e), std::cmp::Reverse(caps(e))) {
            *e = f.clone();
        }
        forms.push(f);
    }
    let mut mentions = Vec::with_capacity(cands.len());
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<(String, EntityType), usize> = HashMap::default();
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
        assert_eq!(super::title_case("SUSIE O’BRIEN"), "Susie O’Brien");
        assert_eq!(super::title_case("WOMEN'S"), "Women's");
    }
}
