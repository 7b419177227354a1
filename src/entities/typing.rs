//! From tagger output to typed name mentions, following the gold conventions (corpus/GOLD.md).
//!
//! The tagger knows 1996 Reuters; modern news is full of names it never saw, and its usual error
//! is a right span with a wrong type. So after decoding:
//! - spans are repaired: titles and a leading "the" go; hyphenated and particle names are joined
//!   ("Lee Jae-myung", "al-Qaeda", "Osama bin Laden"); "U.S. Government" keeps only the place;
//! - gazetteers decide the type of names they list (a country is PLACE even when the tagger read
//!   ORG), MISC becomes GROUP or EVENT or is dropped, and listed names the tagger missed are added;
//! - one name keeps one type across the article, a lone surname takes its full name's type, and
//!   later occurrences of a found name that the tagger missed are added.

use super::gazetteer::{self, Gazetteer};
use super::model::tag_class;
use super::{Cand, Prepared};
use crate::analysis::EntityType;
use crate::text::Document;
use std::collections::HashMap;

/// Titles and honorifics left out of name spans.
const TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Dame", "Lord", "Lady", "President",
    "Vice", "Prime", "Minister", "Senator", "Sen.", "Rep.", "Gov.", "Governor", "Secretary", "General", "Gen.", "Col.",
    "Lt.", "Capt.", "Sgt.", "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Pope", "Ayatollah", "Sheikh",
    "Chancellor", "Mayor", "Speaker", "Chairman", "Chief", "Director", "Commander", "Ambassador", "Officer", "Former",
    "former", "Detective", "Inspector", "Professor", "Rev.", "Father", "Saint", "Supreme", "Leader", "CEO", "Premier",
];

/// Titles after which capitalised words are a person's name ("President Biden").
const PERSON_TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "President", "Senator", "Sen.", "Rep.", "Gov.", "Governor",
    "Minister", "Secretary", "Chancellor", "Pope", "Ayatollah", "Sheikh", "Judge", "Prof.", "Professor", "Sir", "Dame",
    "spokesperson", "spokesman", "spokeswoman", "Gen.", "General", "Col.", "Lt.", "Capt.", "Sgt.",
];

/// Lower-case words that may stand inside a name ("Center for Health and Human Rights").
const NAME_LOWER: &[&str] = &["of", "for", "and", "the", "de", "du", "da", "al", "el", "bin", "ibn", "van", "von", "der", "del", "la", "le", "y", "on", "at", "des", "di", "dos", "&"];

/// Last words of facility names: buildings and landmarks are PLACE.
const FACILITIES: &[&str] = &["Museum", "Airport", "Stadium", "Square", "Palace", "Bridge", "Station", "Mosque", "Church", "Cathedral", "Temple", "Tower", "Park", "Street", "Avenue", "Hotel", "Building", "Prison", "Shrine", "Cemetery", "Port", "Dam", "Canal", "Plaza", "Arena", "Mall", "Camp", "Base"];

/// Lower-case words after a hyphen that make an adjective of a name ("Iran-backed"): the name
/// stands alone. Other lower-case pieces belong to the name ("Lee Jae-myung").
const HYPHEN_ADJ: &[&str] = &[
    "backed", "based", "led", "owned", "born", "style", "made", "linked", "aligned", "controlled", "funded", "run",
    "held", "allied", "affiliated", "inspired", "related", "sponsored", "bound", "wide", "era", "like", "occupied",
    "friendly", "centric", "focused", "specific", "only", "American", "speaking", "type", "level", "year", "old",
    "registered", "listed", "flagged", "made", "produced", "educated", "trained", "supported", "dominated", "brokered",
];

/// Particles inside personal names.
const PARTICLES: &[&str] = &["bin", "ibn", "al", "el", "de", "da", "van", "von", "der", "del", "dos", "du", "la", "le", "di", "abu", "bint"];

/// Generic heads after a place name that do not make an organisation of it ("U.S. Government").
const GENERIC_AFTER_PLACE: &[&str] = &["Government", "government", "Embassy", "Embassies", "embassy", "officials", "forces", "Forces", "troops", "Administration", "administration", "authorities"];

/// Heads of named events.
const EVENT_HEADS: &[&str] = &["War", "Revolution", "Spring", "Games", "Olympics", "Cup", "Summit", "Uprising", "Massacre", "Crisis", "Championship", "Championships", "Festival", "Conference", "Awards", "Election", "Expo", "Marathon", "Prix", "Open"];

fn is_title(w: &str) -> bool {
    TITLES.contains(&w)
}

fn capitalised(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

/// Are tokens `i` and `i + 1` separated by spaces only (same line, no punctuation)?
fn touch_space(doc: &Document, i: usize) -> bool {
    i + 1 < doc.tokens.len() && doc.text[doc.tokens[i].span.end..doc.tokens[i + 1].span.start].chars().all(|c| c == ' ')
}

/// Do tokens `i` and `i + 1` touch (no space between)?
fn touch(doc: &Document, i: usize) -> bool {
    i + 1 < doc.tokens.len() && doc.tokens[i].span.end == doc.tokens[i + 1].span.start
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "‐" | "‑")
}

#[derive(Clone, Debug)]
struct Raw {
    start: usize,
    end: usize,
    /// 1 PER, 2 ORG, 3 LOC, 4 MISC; 5 GROUP, 6 EVENT (from gazetteers).
    class: u8,
    /// Decided by a gazetteer: later voting does not override it.
    fixed: bool,
}

fn ty_of(class: u8) -> Option<EntityType> {
    Some(match class {
        1 => EntityType::Person,
        2 => EntityType::Org,
        3 => EntityType::Place,
        5 => EntityType::Group,
        6 => EntityType::Event,
        _ => return None,
    })
}

/// The class a gazetteer mask implies for an exact name, if any.
fn gaz_class(mask: u8) -> Option<u8> {
    let has = |c: u8| mask & (1 << c) != 0;
    if has(gazetteer::ORG) || has(gazetteer::OUTLET) {
        Some(2)
    } else if has(gazetteer::COUNTRY) || has(gazetteer::REGION) {
        Some(3)
    } else if has(gazetteer::GROUP) {
        Some(5)
    } else if has(gazetteer::EVENT) {
        Some(6)
    } else if has(gazetteer::CITY) {
        Some(3)
    } else {
        None
    }
}

/// MISC: a nationality or group, a named event, or (products, works, ...) nothing.
fn misc_class(words: &[&str], mask: u8) -> Option<u8> {
    if mask & (1 << gazetteer::GROUP) != 0 {
        return Some(5);
    }
    if mask & (1 << gazetteer::EVENT) != 0 {
        return Some(6);
    }
    let last = *words.last()?;
    if EVENT_HEADS.contains(&last) || words.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.contains('/')) {
        return Some(6);
    }
    if words.len() <= 2 {
        let l = last.trim_end_matches('s');
        if ["ian", "ean", "ese", "ish", "ic", "i", "an", "ch"].iter().any(|s| l.ends_with(s)) && capitalised(last) {
            return Some(5);
        }
    }
    None
}

pub fn names(doc: &Document, p: &Prepared) -> Vec<Cand> {
    let w = &p.words;
    let n = w.len();
    let gz = Gazetteer::get();
    // 1. Spans from tags, never across sentences (tags restart per sentence anyway).
    let mut raw: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < n {
        let (c, _) = tag_class(p.tags[i]);
        if c == 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && tag_class(p.tags[j]) == (c, false) {
            j += 1;
        }
        raw.push(Raw { start: i, end: j, class: c, fixed: false });
        i = j;
    }
    // 2. Repairs.
    let mut k = 0;
    while k < raw.len() {
        let r = raw[k].clone();
        // Strip titles and a leading "the".
        let mut s = r.start;
        let listed = gz.lookup(&w[r.start..r.end]) != 0;
        while !listed && s < r.end && (is_title(w[s]) || w[s] == "the" || (w[s] == "The" && gz.lookup(&w[s..r.end]) == 0)) {
            s += 1;
        }
        raw[k].start = s;
        if s >= r.end {
            raw.remove(k);
            continue;
        }
        // A lower-case word that cannot stand in a name ends it ("Hamas invasion of Israel").
        if let Some(cut) = (s + 1..r.end).find(|&j| {
            w[j].starts_with(|c: char| c.is_lowercase()) && !NAME_LOWER.contains(&w[j]) && !(j > 0 && is_dash(w[j - 1]))
        }) {
            let mut e = cut;
            while e > s + 1 && NAME_LOWER.contains(&w[e - 1]) {
                e -= 1;
            }
            raw[k].end = e;
        }
        // Join hyphen pieces: "Jae-myung", "ISIS-K", "France-Presse".
        let mut e = raw[k].end;
        while e + 1 < n && is_dash(w[e]) && touch(doc, e - 1) && touch(doc, e) {
            let next = w[e + 1];
            let lower = next.starts_with(|c: char| c.is_lowercase());
            let next_is_name = gz.lookup(&[next]) & (gazetteer::PLACES | 1 << gazetteer::GROUP) != 0;
            let prev_is_name = gz.lookup(&w[raw[k].start..e]) & (gazetteer::PLACES | 1 << gazetteer::GROUP) != 0;
            let join = if lower {
                !HYPHEN_ADJ.contains(&next) && raw[k].class != 3 && !prev_is_name
            } else {
                !next_is_name && !prev_is_name && (next.chars().count() <= 2 || raw.get(k + 1).is_some_and(|x| x.start == e + 1))
            };
            if !join {
                break;
            }
            // Absorb a following span that starts at the piece.
            let mut ne = e + 2;
            if raw.get(k + 1).is_some_and(|x| x.start == e + 1) {
                ne = raw[k + 1].end;
                raw.remove(k + 1);
            }
            e = ne;
        }
        raw[k].end = e;
        // "al-Sharia", "al-Bashir": an attached particle before the span belongs to it.
        let s = raw[k].start;
        if s >= 2 && is_dash(w[s - 1]) && touch(doc, s - 2) && touch(doc, s - 1) && PARTICLES.contains(&w[s - 2].to_lowercase().as_str()) {
            raw[k].start = s - 2;
            // And a name before it: "Ansar al-Sharia", "Omar Hassan al-Bashir".
            if k > 0 && raw[k - 1].end == s - 2 {
                raw[k].start = raw[k - 1].start;
                raw.remove(k - 1);
                k -= 1;
            }
        }
        // "Osama bin Laden": a particle between two names joins them; "Donald" + "J. Trump":
        // an initial at the seam joins two person spans.
        if k > 0 {
            let a = raw[k - 1].clone();
            let b = raw[k].clone();
            let initial = |x: &str| x.len() == 2 && x.ends_with('.') && x.starts_with(|c: char| c.is_uppercase());
            if b.start == a.end && a.class == 1 && b.class == 1 && (initial(w[a.end - 1]) || initial(w[b.start]) || !touch(doc, a.end - 1)) {
                raw[k - 1].end = b.end;
                raw.remove(k);
                continue;
            }
            let strong = matches!(w[a.end], "bin" | "ibn" | "bint");
            if b.start == a.end + 1 && PARTICLES.contains(&w[a.end]) && (a.class == 1 || b.class == 1 || strong) {
                raw[k - 1].end = b.end;
                raw[k - 1].class = 1;
                raw.remove(k);
                continue;
            }
        }
        k += 1;
    }
    // 3. Gazetteer types; a place prefix before a generic head or listed organisation splits off.
    let mut extra: Vec<Raw> = Vec::new();
    for r in raw.iter_mut() {
        let words = &w[r.start..r.end];
        let mask = gz.lookup(words);
        if let Some(c) = gaz_class(mask) {
            // A listed first name alone does not make a PERSON an ORG etc.
            r.class = c;
            r.fixed = true;
            continue;
        }
        if r.end - r.start >= 2 {
            for cut in 1..(r.end - r.start) {
                let head = &w[r.start..r.start + cut];
                let rest = &w[r.start + cut..r.end];
                if gz.lookup(head) & (1 << gazetteer::COUNTRY) != 0 || gz.alias(&head.join(" ")).is_some() {
                    let rest_mask = gz.lookup(rest);
                    if rest.len() == 1 && GENERIC_AFTER_PLACE.contains(&rest[0]) {
                        r.end = r.start + cut;
                        r.class = 3;
                        r.fixed = true;
                    } else if rest_mask & (1 << gazetteer::ORG) != 0 {
                        extra.push(Raw { start: r.start + cut, end: r.end, class: 2, fixed: true });
                        r.end = r.start + cut;
                        r.class = 3;
                        r.fixed = true;
                    }
                    break;
                }
            }
        }
        let last = w[r.end - 1];
        if FACILITIES.contains(&last) && r.end - r.start >= 2 {
            r.class = 3;
        } else if r.class == 3 && r.end - r.start >= 2 && gz.lookup(&w[r.start..r.start + 1]) & (1 << gazetteer::COUNTRY) != 0 && gz.lookup(&w[r.start + 1..r.end]) == 0 {
            // "Iran International": a country name before an unlisted name makes an organisation.
            r.class = 2;
        }
        if r.end - r.start == 1 && r.end < n && w[r.end] == "administration" {
            r.class = 1;
        }
        if r.class == 4 {
            match misc_class(&w[r.start..r.end], gz.lookup(&w[r.start..r.end])) {
                Some(c) => r.class = c,
                None => r.class = 0,
            }
        }
    }
    raw.extend(extra);
    raw.retain(|r| r.class != 0 && r.class != 4);
    raw.sort_by_key(|r| r.start);
    // 4. Listed names the tagger missed (cities only away from a sentence start).
    let mut covered = vec![false; n];
    for r in &raw {
        covered[r.start..r.end].iter_mut().for_each(|c| *c = true);
    }
    let mut sent_start = vec![false; n];
    for s in &doc.sentences {
        sent_start[s.tokens.start] = true;
    }
    let mut i = 0;
    while i < n {
        if covered[i] || !(w[i].starts_with(|c: char| c.is_uppercase()) || matches!(w[i], "al" | "el")) {
            i += 1;
            continue;
        }
        let mut found = None;
        for l in (1..=6.min(n - i)).rev() {
            if covered[i..i + l].iter().any(|&c| c) {
                continue;
            }
            let mask = gz.lookup(&w[i..i + l]);
            if let Some(c) = gaz_class(mask) {
                let city_only = mask & !(1 << gazetteer::CITY | 1 << gazetteer::FIRST_NAME) == 0;
                if city_only && sent_start[i] {
                    continue;
                }
                // A name that continues with another capitalised word is a longer, unlisted name.
                if i + l < n && capitalised(w[i + l]) && !sent_start[i + l] && c != 5 {
                    continue;
                }
                found = Some((l, c));
                break;
            }
        }
        match found {
            Some((mut l, c)) => {
                // "ISIS-K", "ISIS-Khorasan": a capitalised piece after a hyphen belongs to the name.
                while i + l + 1 < n && is_dash(w[i + l]) && touch(doc, i + l - 1) && touch(doc, i + l) && capitalised(w[i + l + 1]) && gz.lookup(&w[i + l + 1..i + l + 2]) == 0 && !covered[i + l + 1] && c == 2 {
                    l += 2;
                }
                raw.push(Raw { start: i, end: i + l, class: c, fixed: true });
                covered[i..i + l].iter_mut().for_each(|x| *x = true);
                i += l;
            }
            None => i += 1,
        }
    }
    raw.sort_by_key(|r| r.start);
    // Person cues: capitalised words after a personal title ("President Biden"), and a listed
    // first name right before a name ("Anthony" + "Wallace").
    let mut covered = vec![false; n];
    for r in &raw {
        covered[r.start..r.end].iter_mut().for_each(|c| *c = true);
    }
    for i in 0..n.saturating_sub(1) {
        if !PERSON_TITLES.contains(&w[i]) || covered[i + 1] || !capitalised(w[i + 1]) || is_title(w[i + 1]) {
            continue;
        }
        let mut e = i + 1;
        while e < n && e - i <= 3 && !covered[e] && capitalised(w[e]) && !is_title(w[e]) && !sent_start[e] {
            e += 1;
        }
        if e > i + 1 && gz.lookup(&w[i + 1..e]) & (gazetteer::PLACES | 1 << gazetteer::ORG | 1 << gazetteer::OUTLET | 1 << gazetteer::GROUP) == 0 {
            raw.push(Raw { start: i + 1, end: e, class: 1, fixed: false });
            covered[i + 1..e].iter_mut().for_each(|c| *c = true);
        }
    }
    raw.sort_by_key(|r| r.start);
    for r in raw.iter_mut() {
        if r.start == 0 || r.fixed && r.class != 1 {
            continue;
        }
        let p = r.start - 1;
        if !covered[p] && capitalised(w[p]) && gz.lookup(&w[p..p + 1]) == 1 << gazetteer::FIRST_NAME && touch_space(doc, p) {
            r.start = p;
            r.class = 1;
            covered[p] = true;
        }
        if r.class != 1 && r.end - r.start == 1 && r.start > 0 && PERSON_TITLES.contains(&w[r.start - 1]) && !r.fixed {
            r.class = 1;
        }
    }
    // 5. One name, one type: votes by exact text; a lone surname or first token takes its full
    // name's type.
    let key = |r: &Raw| w[r.start..r.end].join(" ");
    let mut votes: HashMap<String, [u32; 7]> = HashMap::new();
    for r in &raw {
        let weight = if r.fixed { 10 } else { 1 + (r.end - r.start) as u32 };
        votes.entry(key(r)).or_insert([0; 7])[r.class as usize] += weight;
    }
    let mut persons: HashMap<&str, u32> = HashMap::new();
    for r in &raw {
        if r.class == 1 && r.end - r.start >= 2 {
            *persons.entry(w[r.end - 1]).or_insert(0) += 1;
        }
    }
    for r in raw.iter_mut() {
        if r.fixed {
            continue;
        }
        if r.end - r.start == 1 && persons.contains_key(w[r.start]) {
            r.class = 1;
            continue;
        }
        if let Some(v) = votes.get(&key(r)) {
            let best = (0..7).max_by_key(|&c| (v[c], c == r.class as usize)).unwrap();
            if v[best] > 0 {
                r.class = best as u8;
            }
        }
    }
    // 6. Later (or earlier) occurrences the tagger missed: the same capitalised tokens, or a
    // surname of a full name found.
    let mut names: HashMap<Vec<&str>, u8> = HashMap::new();
    for r in &raw {
        names.entry(w[r.start..r.end].to_vec()).or_insert(r.class);
        if r.class == 1 && r.end - r.start >= 2 && capitalised(w[r.end - 1]) {
            names.entry(vec![w[r.end - 1]]).or_insert(1);
        }
    }
    let mut covered = vec![false; n];
    for r in &raw {
        covered[r.start..r.end].iter_mut().for_each(|c| *c = true);
    }
    let mut i = 0;
    while i < n {
        if covered[i] || !capitalised(w[i]) || is_title(w[i]) {
            i += 1;
            continue;
        }
        let mut hit = None;
        for l in (1..=5.min(n - i)).rev() {
            if covered[i..i + l].iter().any(|&c| c) {
                continue;
            }
            if let Some(&c) = names.get(&w[i..i + l]) {
                // Not part of a longer capitalised run ("Obama" in "Obama Foundation" is its own check).
                let before = i > 0 && capitalised(w[i - 1]) && !sent_start[i] && !is_title(w[i - 1]) && !covered[i - 1];
                let after = i + l < n && capitalised(w[i + l]) && !covered[i + l];
                if !before && !after {
                    hit = Some((l, c));
                }
                break;
            }
        }
        match hit {
            Some((l, c)) => {
                raw.push(Raw { start: i, end: i + l, class: c, fixed: false });
                covered[i..i + l].iter_mut().for_each(|x| *x = true);
                i += l;
            }
            None => i += 1,
        }
    }
    raw.sort_by_key(|r| r.start);
    let mut out: Vec<Cand> = Vec::with_capacity(raw.len());
    for r in raw {
        if let Some(ty) = ty_of(r.class) {
            if out.last().is_some_and(|l| l.end > r.start) {
                continue;
            }
            out.push(Cand { start: r.start, end: r.end, ty });
        }
    }
    out
}
