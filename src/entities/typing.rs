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
use super::features::{sentence_case, Case, PreHashedMap, F_HAS_DIGIT, F_UPPER_INITIAL};

/// Titles and honorifics left out of name spans.
static TITLES: crate::words::Words = crate::words::Words::new("Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|Prof|Prof.|Sir|Dame|Lord|Lady|President|Vice|Prime|Minister|Senator|Sen.|Rep.|Gov.|Governor|Secretary|General|Gen.|Col.|Lt.|Capt.|Sgt.|Judge|Justice|King|Queen|Prince|Princess|Pope|Ayatollah|Sheikh|Chancellor|Mayor|Speaker|Chairman|Chief|Director|Commander|Ambassador|Officer|Former|former|Detective|Inspector|Professor|Rev.|Father|Saint|Supreme|Leader|CEO|Premier");

/// Titles after which capitalised words are a person's name ("President Biden").
static PERSON_TITLES: crate::words::Words = crate::words::Words::new("Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|President|Senator|Sen.|Rep.|Gov.|Governor|Minister|Secretary|Chancellor|Pope|Ayatollah|Sheikh|Judge|Prof.|Professor|Sir|Dame|spokesperson|spokesman|spokeswoman|Gen.|General|Col.|Lt.|Capt.|Sgt.");

/// Lower-case words that may stand inside a name ("Center for Health and Human Rights").
static NAME_LOWER: crate::words::Words = crate::words::Words::new("of|for|and|the|in|de|du|da|al|el|bin|ibn|van|von|der|del|la|le|y|on|at|des|di|dos|&");

/// Last words of facility names: buildings and landmarks are PLACE.
static FACILITIES: crate::words::Words = crate::words::Words::new("Museum|Airport|Stadium|Square|Palace|Bridge|Station|Mosque|Church|Cathedral|Temple|Tower|Park|Street|Avenue|Hotel|Building|Prison|Shrine|Cemetery|Port|Dam|Canal|Plaza|Arena|Mall|Camp|Base");

/// Lower-case words after a hyphen that make an adjective of a name ("Iran-backed"): the name
/// stands alone. Other lower-case pieces belong to the name ("Lee Jae-myung").
static HYPHEN_ADJ: crate::words::Words = crate::words::Words::new("backed|based|led|owned|born|style|made|linked|aligned|controlled|funded|run|held|allied|affiliated|inspired|related|sponsored|bound|wide|era|like|occupied|friendly|centric|focused|specific|only|American|speaking|type|level|year|old|registered|listed|flagged|made|produced|educated|trained|supported|dominated|brokered");

/// Particles inside personal names.
static PARTICLES: crate::words::Words = crate::words::Words::new("bin|ibn|al|el|de|da|van|von|der|del|dos|du|la|le|di|abu|bint");

/// Generic heads after a place name that do not make an organisation of it ("U.S. Government").
static GENERIC_AFTER_PLACE: crate::words::Words = crate::words::Words::new("Government|government|Embassy|Embassies|embassy|officials|forces|Forces|troops|Administration|administration|authorities");

/// Last words of organisation names.
static ORG_HEADS: crate::words::Words = crate::words::Words::new("Institute|University|Council|Party|Company|Corp.|Inc.|Ltd.|Group|Foundation|Association|Agency|Ministry|Department|Bank|Court|Committee|Commission|Union|Organization|Organisation|Center|Centre|Fund|Network|Times|News|Post|Police|Army|Brotherhood|Front|Movement|Authority|Office|Service|Board|Club|League|Federation|Parliament|Institution|Corporation|Airlines|Press|Guard|Corps|Forces|Initiative|Alliance|Coalition|Society|Trust|Bureau|Administration|College|School");

/// Lower-case nouns that make an organisation of the name before them ("the Ennahda party").
static ORG_NOUNS: crate::words::Words = crate::words::Words::new("party|movement|group|company|firm|agency|militia|network|organization|organisation|alliance|coalition|ministry|council|union|committee|newspaper|broadcaster|bank|airline|startup|brand");

/// Company suffixes that end an organisation's name ("Acme Inc.").
static ORG_SUFFIXES: crate::words::Words = crate::words::Words::new("Inc.|Inc|Corp.|Corp|Ltd.|Ltd|LLC|Co.|plc|Plc|PLC|AG|SA|GmbH|NV|AB|ASA");

/// Words after a name that make it a company ("Tesla shares", "Apple CEO").
static COMPANY_AFTER: crate::words::Words = crate::words::Words::new("shares|stock|CEO|executives|shareholders|investors|employees|spokesperson|spokesman|spokeswoman|headquarters|subsidiary|board|earnings|revenue");

/// Capitalised function words: a one-word "name" made of one is a headline's title case.
// Pronouns, auxiliaries, conjunctions and adverbs that open sentences, titles of works and
// headlines ("Though", "Do", "Let"); names that are also such words ("May", "Will", "Hope")
// are deliberately absent.
static FUNCTION_WORDS: crate::words::Words = crate::words::Words::new("Of|The|And|In|For|On|At|To|A|An|As|By|With|From|Is|Are|Was|It|Its|Not|But|Or|None|Tens|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Last|Next|Some|Many|All|No|Yes|He|She|They|We|I|You|His|Her|Their|Our|My|Your|This|That|These|Those|Though|Although|If|When|While|So|Yet|Then|Also|Even|Just|Only|Here|There|Where|Why|How|What|Which|Do|Does|Did|Be|Been|Has|Have|Had|Would|Could|Should|Must|Let|Each|Every|Both|Any|More|Most|Such|Other|Another|Than|Very|Into|Onto|Upon|Over|Under|After|Before|Since|Until|Because|However");

/// Heads of named events.
static EVENT_HEADS: crate::words::Words = crate::words::Words::new("War|Revolution|Spring|Games|Olympics|Cup|Summit|Uprising|Massacre|Crisis|Championship|Championships|Festival|Conference|Awards|Election|Expo|Marathon|Prix|Open");

fn is_title(w: &str) -> bool {
    TITLES.contains(w)
}

fn all_upper(w: &str) -> bool {
    w.chars().all(|c| c.is_uppercase())
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
    if EVENT_HEADS.contains(last) || words.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.contains('/')) {
        return Some(6);
    }
    // Otherwise MISC of one word is nearly always a nationality or a group ("Moslems",
    // "Chechen", "Serb", "ENGLISH"); short acronyms and words with digits or symbols are not.
    let l = last.to_lowercase();
    let l = l.trim_end_matches('s');
    let demonym = ["ian", "ean", "ese", "ish", "ic", "i", "an", "ch", "en", "em"].iter().any(|s| l.ends_with(s));
    if words.len() == 1 && capitalised(last) && last.chars().all(char::is_alphabetic) && !(last.len() <= 4 && all_upper(last)) {
        return Some(5);
    }
    if words.len() == 2 && demonym && capitalised(last) {
        return Some(5);
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
    let mut sent_of = vec![0usize; n];
    for (si, st) in doc.sentences.iter().enumerate() {
        sent_of[st.tokens.clone()].iter_mut().for_each(|x| *x = si);
    }
    // 2. Repairs. First, a listed name that covers the span and reaches a little beyond it wins
    // ("al Qaeda" over "Qaeda", "Agence France-Presse" over "Agence France").
    for k in 0..raw.len() {
        let r = raw[k].clone();
        let lo = if k > 0 { raw[k - 1].end.max(r.start.saturating_sub(2)) } else { r.start.saturating_sub(2) };
        let hi_lim = raw.get(k + 1).map_or(n, |x| x.start).min(r.end + 4);
        let mut best: Option<(usize, usize)> = None;
        for st in lo..=r.start {
            if sent_of[st] != sent_of[r.start] || !(capitalised(w[st]) || matches!(w[st], "al" | "el")) {
                continue;
            }
            for e in r.end..=hi_lim {
                if e > n || sent_of[e - 1] != sent_of[r.start] || (st, e) == (r.start, r.end) {
                    continue;
                }
                if gz.lookup(&w[st..e]) != 0 && best.map_or(true, |(bs, be)| e - st > be - bs) {
                    best = Some((st, e));
                }
            }
        }
        if let Some((st, e)) = best {
            raw[k].start = st;
            raw[k].end = e;
        }
    }
    // One pass that builds a new list (removing from the middle of `raw` would make this
    // quadratic on long articles): `input[i]` is the next unprocessed span, `out` the kept ones.
    let input = std::mem::take(&mut raw);
    let mut out: Vec<Raw> = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let mut cur = input[i].clone();
        i += 1;
        let r = cur.clone();
        // Spans never begin or end with punctuation (a stray quote tagged with the name).
        let alnum = |x: &str| x.chars().any(char::is_alphanumeric);
        let (mut a, mut b) = (r.start, r.end);
        while a < b && !alnum(w[a]) {
            a += 1;
        }
        while b > a && !alnum(w[b - 1]) {
            b -= 1;
        }
        if a >= b {
            continue;
        }
        cur.start = a;
        cur.end = b;
        let r = cur.clone();
        // Strip titles and a leading "the".
        let mut s = r.start;
        let listed = gz.lookup(&w[r.start..r.end]) != 0;
        while !listed && s < r.end && (is_title(w[s]) || w[s] == "the" || (w[s] == "The" && gz.lookup(&w[s..r.end]) == 0)) {
            s += 1;
        }
        cur.start = s;
        if s >= r.end {
            continue;
        }
        // A lower-case word that cannot stand in a name ends it ("Hamas invasion of Israel").
        if let Some(cut) = (s + 1..r.end).find(|&j| {
            w[j].starts_with(|c: char| c.is_lowercase()) && !NAME_LOWER.contains(w[j]) && !(j > 0 && is_dash(w[j - 1]))
        }) {
            let mut e = cut;
            while e > s + 1 && NAME_LOWER.contains(w[e - 1]) {
                e -= 1;
            }
            cur.end = e;
        }
        // Join hyphen pieces: "Jae-myung", "ISIS-K", "France-Presse".
        let mut e = cur.end;
        while e + 1 < n && is_dash(w[e]) && touch(doc, e - 1) && touch(doc, e) {
            let next = w[e + 1];
            let lower = next.starts_with(|c: char| c.is_lowercase());
            let next_is_name = gz.lookup(&[next]) & (gazetteer::PLACES | 1 << gazetteer::GROUP) != 0;
            let prev_is_name = gz.lookup(&w[cur.start..e]) & (gazetteer::PLACES | 1 << gazetteer::GROUP) != 0;
            let join = if lower {
                !HYPHEN_ADJ.contains(next) && cur.class != 3 && !prev_is_name
            } else {
                !next_is_name && !prev_is_name && (next.chars().count() <= 2 || input.get(i).is_some_and(|x| x.start == e + 1))
            };
            if !join {
                break;
            }
            // Absorb a following span that starts at the piece.
            let mut ne = e + 2;
            if input.get(i).is_some_and(|x| x.start == e + 1) {
                ne = input[i].end;
                i += 1;
            }
            e = ne;
        }
        cur.end = e;
        // "al-Sharia", "al-Bashir": an attached particle before the span belongs to it.
        let s = cur.start;
        if s >= 2 && is_dash(w[s - 1]) && touch(doc, s - 2) && touch(doc, s - 1) && PARTICLES.contains(w[s - 2].to_lowercase().as_str()) {
            cur.start = s - 2;
            // And a name before it: "Ansar al-Sharia", "Omar Hassan al-Bashir".
            if out.last().is_some_and(|p| p.end == s - 2) {
                cur.start = out.pop().map_or(cur.start, |p| p.start);
            }
        }
        // "Osama bin Laden": a particle between two names joins them; "Donald" + "J. Trump":
        // an initial at the seam joins two person spans.
        if let Some(a) = out.last().cloned() {
            let b = cur.clone();
            let initial = |x: &str| x.len() == 2 && x.ends_with('.') && x.starts_with(|c: char| c.is_uppercase());
            let same_sentence = sent_of[a.start] == sent_of[b.end - 1];
            if same_sentence && b.start == a.end && a.class == 1 && b.class == 1 && (initial(w[a.end - 1]) || initial(w[b.start]) || touch_space(doc, a.end - 1)) {
                if let Some(p) = out.last_mut() {
                    p.end = b.end;
                }
                continue;
            }
            let strong = matches!(w[a.end], "bin" | "ibn" | "bint");
            if same_sentence && b.start == a.end + 1 && PARTICLES.contains(w[a.end]) && (a.class == 1 || b.class == 1 || strong) {
                if let Some(p) = out.last_mut() {
                    p.end = b.end;
                    p.class = 1;
                }
                continue;
            }
        }
        out.push(cur);
    }
    raw = out;
    // 3. Gazetteer types; a place prefix before a generic head or listed organisation splits off.
    let mut extra: Vec<Raw> = Vec::new();
    for r in raw.iter_mut() {
        let words = &w[r.start..r.end];
        let mask = gz.lookup(words);
        if let Some(c) = gaz_class(mask) {
            // A listed place the tagger read as an organisation stays one: in sports news a
            // city or country names its team ("Japan beat Syria"). Short all-caps country
            // variants ("US", "UK") are the exception: the tagger takes their shape for an
            // acronym of an organisation.
            let acronym = words.len() == 1 && words[0].len() <= 4 && words[0].chars().all(|ch| ch.is_uppercase() || ch == '.');
            // Likewise a place name the tagger read as a person ("Jordan", "Washington") is
            // usually one in its context.
            if c == 3 && (r.class == 2 || r.class == 1) && !acronym {
                continue;
            }
            // A one-word organisation the tagger read as a person ("Ford") keeps the tagger's
            // reading: it has the context.
            if c == 2 && r.class == 1 && words.len() == 1 {
                continue;
            }
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
                    if rest.len() == 1 && GENERIC_AFTER_PLACE.contains(rest[0]) {
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
        if FACILITIES.contains(last) && r.end - r.start >= 2 {
            r.class = 3;
        } else if ORG_HEADS.contains(last) && r.end - r.start >= 2 && r.class != 4 {
            r.class = 2;
        } else if r.class == 3 && r.end - r.start >= 2 && gz.lookup(&w[r.start..r.start + 1]) & (1 << gazetteer::COUNTRY) != 0 && gz.lookup(&w[r.start + 1..r.end]) == 0 {
            // "Iran International": a country name before an unlisted name makes an organisation.
            r.class = 2;
        }
        if r.end - r.start == 1 && r.end < n && w[r.end] == "administration" {
            r.class = 1;
        }
        if r.start > 0 && r.end < n && w[r.start - 1].eq_ignore_ascii_case("the") && ORG_NOUNS.contains(w[r.end]) && r.class != 3 {
            r.class = 2;
            r.fixed = true;
        }
        // Context cues for companies: "Acme Inc.", "shares of Acme", "Acme shares", "Acme's CEO".
        let next = if r.end < n { w[r.end] } else { "" };
        let after_poss = if r.end + 1 < n && matches!(next, "'s" | "’s") { w[r.end + 1] } else { "" };
        let shares_of = r.start >= 2 && matches!(w[r.start - 1], "of" | "in") && ["shares", "stake", "stock"].iter().any(|x| x.eq_ignore_ascii_case(w[r.start - 2]));
        if ORG_SUFFIXES.contains(next) && sent_of[r.end] == sent_of[r.start] {
            r.end += 1;
            r.class = 2;
            r.fixed = true;
        } else if shares_of || (COMPANY_AFTER.contains(next) || COMPANY_AFTER.contains(after_poss)) && r.class != 3 && r.class != 1 {
            r.class = 2;
            r.fixed = true;
        }
        if r.class == 4 {
            match misc_class(&w[r.start..r.end], gz.lookup(&w[r.start..r.end])) {
                Some(c) => r.class = c,
                None => r.class = 0,
            }
        }
    }
    raw.extend(extra);
    // A "name" that opens with "Of" is the middle of a title-case headline ("… Warnings Of
    // Impending ISIS Attack"), never a name.
    raw.retain(|r| r.class != 0 && r.class != 4 && !(r.end - r.start == 1 && FUNCTION_WORDS.contains(w[r.start])) && w[r.start] != "Of");
    // A capitalised word where capitals prove nothing (a sentence start, a title-case or all-caps
    // headline) is no name when the article also writes it in lower case ("Gunmen" in a
    // headline, "gunmen" in the text).
    let mut lower_words: PreHashedMap<u64, ()> = PreHashedMap::default();
    for t in &p.infos {
        if t.flags & (F_UPPER_INITIAL | F_HAS_DIGIT) == 0 {
            lower_words.insert(t.lower, ());
        }
    }
    let mut loose_case = vec![false; n];
    for st in &doc.sentences {
        let r = st.tokens.clone();
        let case = sentence_case(&p.infos[r.clone()], &w[r.clone()]);
        loose_case[r.start] = true;
        if case != Case::Normal {
            loose_case[r].iter_mut().for_each(|x| *x = true);
        }
    }
    raw.retain(|r| r.fixed || r.end - r.start != 1 || !loose_case[r.start] || !lower_words.contains_key(&p.infos[r.start].lower));
    // "West Mercia police": a lower-case "police" after an unlisted name is part of the force's name.
    for r in raw.iter_mut() {
        if r.end < n && w[r.end] == "police" && (r.class == 2 || r.class == 3) && gz.lookup(&w[r.start..r.end]) & gazetteer::PLACES == 0 && sent_of[r.end] == sent_of[r.start] {
            r.end += 1;
            r.class = 2;
            r.fixed = true;
        }
    }
    crate::sort::sort_by_key(&mut raw, |r| r.start as u64);
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
    crate::sort::sort_by_key(&mut raw, |r| r.start as u64);
    // Person cues: capitalised words after a personal title ("President Biden"), and a listed
    // first name right before a name ("Anthony" + "Wallace").
    let mut covered = vec![false; n];
    for r in &raw {
        covered[r.start..r.end].iter_mut().for_each(|c| *c = true);
    }
    for i in 0..n.saturating_sub(1) {
        // Cheap tests first: this loop sees every token.
        if covered[i + 1] || !capitalised(w[i + 1]) {
            continue;
        }
        let role = super::descriptors::ROLES.contains(w[i]) && i + 2 < n && capitalised(w[i + 2]) && !covered[i + 2];
        if !(PERSON_TITLES.contains(w[i]) || role) || covered[i + 1] || !capitalised(w[i + 1]) || is_title(w[i + 1]) {
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
    crate::sort::sort_by_key(&mut raw, |r| r.start as u64);
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
        if r.class != 1 && r.end - r.start == 1 && r.start > 0 && PERSON_TITLES.contains(w[r.start - 1]) && !r.fixed {
            r.class = 1;
        }
    }
    // 5. One name, one type: votes by exact text; a lone surname or first token takes its full
    // name's type.
    // Names are keyed by the hash of their exact-case words (no strings built per mention).
    let seq = |a: usize, b: usize| p.infos[a..b].iter().fold(0x51u64, |h, t| (h ^ t.word).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31));
    let key = |r: &Raw| seq(r.start, r.end);
    let mut votes: PreHashedMap<u64, [u32; 7]> = PreHashedMap::default();
    for r in &raw {
        let weight = if r.fixed { 25 } else { 1 + (r.end - r.start) as u32 };
        // People do not take an article: "the Ennahda party" votes for an organisation.
        let class = if r.class == 1 && r.end - r.start == 1 && r.start > 0 && w[r.start - 1].eq_ignore_ascii_case("the") { 2 } else { r.class };
        votes.entry(key(r)).or_insert([0; 7])[class as usize] += weight;
    }
    let mut persons: PreHashedMap<u64, u32> = PreHashedMap::default();
    for r in &raw {
        if r.class == 1 && r.end - r.start >= 2 {
            *persons.entry(p.infos[r.end - 1].word).or_insert(0) += 1;
        }
    }
    for r in raw.iter_mut() {
        if r.fixed {
            continue;
        }
        // A lone surname takes its full name's type, unless the article mostly reads that word
        // as something else ("Lebed Chechnya" in a headline does not make Chechnya a person).
        if let Some(&full) = persons.get(&p.infos[r.start].word).filter(|_| r.end - r.start == 1) {
            let v = votes.get(&key(r)).copied().unwrap_or([0; 7]);
            let other = (0..7).filter(|&c| c != 1).map(|c| v[c]).max().unwrap_or(0);
            if v[1] + 3 * full >= other {
                r.class = 1;
                continue;
            }
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
    let mut names: PreHashedMap<u64, u8> = PreHashedMap::default();
    for r in &raw {
        names.entry(seq(r.start, r.end)).or_insert(r.class);
        let last = w[r.end - 1];
        if r.class == 1 && r.end - r.start >= 2 && capitalised(last) && !FUNCTION_WORDS.contains(last) && !is_title(last) && last.chars().count() > 1 {
            names.entry(seq(r.end - 1, r.end)).or_insert(1);
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
            if let Some(&c) = names.get(&seq(i, i + l)) {
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
    crate::sort::sort_by_key(&mut raw, |r| r.start as u64);
    let mut out: Vec<Cand> = Vec::with_capacity(raw.len());
    raw.retain(|r| !(r.end - r.start == 1 && FUNCTION_WORDS.contains(w[r.start])));
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

#[cfg(test)]
mod tests {
    use crate::analysis::Config;
    use crate::text::Document;

    fn mentions(text: &str) -> Vec<(String, &'static str)> {
        let doc = Document::new(text);
        let (ms, _) = crate::entities::recognize(&doc, &Config::default());
        ms.iter().map(|m| (m.span.of(text).to_string(), m.ty.as_str())).collect()
    }

    fn has(text: &str, span: &str, ty: &str) {
        let got = mentions(text);
        assert!(got.iter().any(|(s, t)| s == span && *t == ty), "{span}/{ty} not in {got:?}");
    }

    #[test]
    fn a_headline_run_opening_with_of_is_not_a_name() {
        // Regression: the demo's title-case headline gave PERSON "Of Impending ISIS Attack".
        let got = mentions("Iran Ignored US Warnings Of Impending ISIS Attack\nUS officials confirmed it on Monday.");
        assert!(got.iter().all(|(s, _)| !s.starts_with("Of ")), "{got:?}");
        assert!(got.iter().any(|(s, ty)| s == "Iran" && *ty == "PLACE"), "{got:?}");
    }

    #[test]
    fn closed_class_words_are_never_one_word_names() {
        // Regression: sentence-initial "Do", "Though" and "Let" came out as PERSON on real pages.
        for t in ["Do you think so? Maria Lopez asked.", "Though Maria Lopez won, she left.", "Let Maria Lopez speak, said Tom Reed."] {
            let got = mentions(t);
            assert!(got.iter().all(|(s, _)| !matches!(s.as_str(), "Do" | "Though" | "Let")), "{got:?}");
            assert!(got.iter().any(|(s, ty)| s == "Maria Lopez" && *ty == "PERSON"), "{got:?}");
        }
    }

    #[test]
    fn compounds_titles_and_countries() {
        let t = "Mr Obama met five US-Iranian citizens and Iran-backed militias in the U.S. on Friday.";
        has(t, "Obama", "PERSON");
        has(t, "US", "PLACE");
        has(t, "Iranian", "GROUP");
        has(t, "Iran", "PLACE");
        has(t, "U.S.", "PLACE");
        has(t, "Friday", "DATE");
        has(t, "five", "QUANTITY");
    }

    #[test]
    fn company_and_person_cues() {
        let t = "Shares of Mojang rose after Acme Inc. said so. Zorbly shares fell, Zorbly CEO Dana Quist said. Department spokesperson Vedant Patel spoke.";
        has(t, "Mojang", "ORG");
        has(t, "Acme Inc.", "ORG");
        has(t, "Zorbly", "ORG");
        has(t, "Vedant Patel", "PERSON");
    }

    #[test]
    fn a_surname_keeps_its_full_name_type() {
        let t = "Alex Vatanka, director of the Iran program, spoke. Later, Vatanka added more.";
        has(t, "Alex Vatanka", "PERSON");
        has(t, "Vatanka", "PERSON");
    }

    #[test]
    fn mentions_are_sorted_disjoint_and_linked() {
        let t = "LONDON — The People Power Party (PPP) said on Tuesday that Yoon Suk Yeol, 63, would stay.\nYoon and the PPP met 192 opposition lawmakers in Seoul last week.";
        let doc = Document::new(t);
        let (ms, es) = crate::entities::recognize(&doc, &Config::default());
        assert!(!ms.is_empty());
        for w in ms.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        for (i, m) in ms.iter().enumerate() {
            assert!(es[m.entity].mentions.contains(&i));
        }
        assert!(crate::entities::recognize(&Document::new(""), &Config::default()).0.is_empty());
    }
}
