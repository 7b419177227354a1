//! Finding the source of a cue: the noun phrase before it (subject), after it ("said Mr.
//! Reeves"), after "according to", or the subject of the sentence for participles ("…, saying")
//! and coordinated verbs ("condemned the attack and said").
//!
//! Span conventions (corpus/GOLD.md): a person's name without titles or descriptive
//! premodifiers ("Douglas London" in "Former CIA officer Douglas London"); an organisation's
//! name with its determiner ("the Wall Street Journal"); other noun phrases as written
//! ("a US official", "Proxies in Syria, Iraq and Yemen"); pronouns as written.

use super::context::Ctx;
use super::lexicon::*;
use super::outlets;

/// Tokens `a..b` (end exclusive) of a source span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Src {
    pub a: usize,
    pub b: usize,
}

/// Tokens that end a walk to the left or right over a subject: clause punctuation and marks.
fn is_stop(cx: &Ctx, i: usize) -> bool {
    let w = cx.w(i);
    // "prosecutors' spokesman": a possessive apostrophe, not a quotation mark.
    if matches!(w, "'" | "’") && i > 0 && cx.touches_next(i - 1) && cx.w(i - 1).ends_with(['s', 'S']) {
        return false;
    }
    if cx.kind(i) == crate::text::TokenKind::Dash && !(i > 0 && cx.touches_next(i - 1) && cx.touches_next(i)) {
        return true; // a spaced dash ("--", " - ") ends a clause
    }
    cx.is_quote_mark(i) || matches!(w, ":" | ";" | "—" | "–" | "(" | ")" | "[" | "]" | "." | "?" | "!" | "…")
}

/// Name-like tokens that may continue a name run: capitalised words, hyphen pieces attached to
/// them ("Dong-hoon"), name particles ("al", "bin", "de") and abbreviations ("U.S.").
fn name_piece(cx: &Ctx, i: usize) -> bool {
    if cx.is_namey(i) {
        return true;
    }
    let l = cx.l(i);
    if cx.is_word(i) && matches!(l, "al" | "bin" | "ibn" | "de" | "del" | "da" | "di" | "du" | "van" | "von" | "der" | "la" | "le" | "el" | "abu" | "bint" | "dos" | "das" | "ben") {
        return true;
    }
    // A hyphen between a name word and a piece ("Dong-hoon"), or the piece after it.
    if cx.w(i) == "-" && i > 0 && cx.touches_next(i - 1) && cx.touches_next(i) {
        return cx.is_namey(i - 1);
    }
    i > 1 && cx.w(i - 1) == "-" && cx.touches_next(i - 1) && cx.touches_next(i - 2) && cx.is_word(i) && cx.is_namey(i - 2)
}

/// Lower-case words that end an organisation's name after capitalised words ("West Mercia police").
fn lower_org_head(l: &str) -> bool {
    matches!(l, "police" | "government" | "ministry" | "department" | "council" | "party" | "agency" | "office" | "authority" | "hospital" | "university" | "campaign" | "group" | "administration")
}

/// The source inside tokens `a..=b` whose last token is a name piece: the maximal name run
/// ending at `b`; an organisation keeps its determiner, a person loses titles.
fn name_at_end(cx: &Ctx, a: usize, b: usize) -> Src {
    let mut r = b;
    let lower_head = !cx.is_cap(b) && lower_org_head(cx.l(b));
    while r > a {
        let p = r - 1;
        if name_piece(cx, p) || cx.w(p) == "&" {
            r = p;
            continue;
        }
        // "of" / "and" / "for" inside a name, only between capitalised words.
        if matches!(cx.l(p), "of" | "and" | "for" | "on") && p > a && cx.is_namey(p - 1) && cx.is_namey(p + 1) {
            r = p;
            continue;
        }
        break;
    }
    // "Many Iranians": a quantifier makes a group of the name.
    if r > a && matches!(cx.l(r - 1), "many" | "some" | "most" | "several" | "few" | "other" | "thousands" | "hundreds") {
        return Src { a: r - 1, b: b + 1 };
    }
    let name = run_lower(cx, r, b);
    let org = lower_head
        || outlets::is_outlet_name(&name)
        || outlets::has_org_head(&name)
        || outlets::is_known_institution(&name)
        || cx.w(b).len() >= 2 && cx.w(b).chars().all(|c| c.is_ascii_uppercase()) && r == b && !cx.is_initial(b)
        || cx.mention_of[b] != super::quotes::NONE
            && matches!(cx.mentions[cx.mention_of[b] as usize].ty, crate::analysis::EntityType::Org | crate::analysis::EntityType::Place);
    if org {
        // "and" joining two names is a list, not part of one organisation's name, unless the
        // whole is an organisation name ("World Travel and Tourism Council").
        let mut s = r;
        if s > a && matches!(cx.l(s - 1), "the") {
            s -= 1;
        }
        return Src { a: s, b: b + 1 };
    }
    // A person: drop titles at the front of the run ("Prime Minister Habib Essid").
    let mut s = r;
    for i in r..=b {
        if is_title(cx.l(i)) || cx.l(i).ends_with('.') && is_title(cx.l(i)) {
            s = i + 1;
        }
    }
    if s > b {
        // Only titles ("the President"): keep the phrase as written.
        s = r;
        if s > a && is_det(cx.l(s - 1)) {
            s -= 1;
        }
    }
    Src { a: s, b: b + 1 }
}

fn run_lower(cx: &Ctx, a: usize, b: usize) -> String {
    let mut s = String::new();
    for i in a..=b {
        if !s.is_empty() && !cx.touches_next(i - 1) {
            s.push(' ');
        }
        s.push_str(cx.l(i));
    }
    s
}

/// The source inside a chunk `a..=b` (a subject between clause boundaries).
pub fn np_of(cx: &Ctx, mut a: usize, mut b: usize) -> Option<Src> {
    // Leading conjunctions and sentence adverbs are not part of the subject.
    while a <= b && (is_conj(cx.l(a)) || matches!(cx.l(a), "however" | "moreover" | "meanwhile" | "separately" | "also" | "then" | "still" | "now" | "indeed" | "instead" | "while" | "whereas" | "as" | "when" | "because" | "although" | "though" | "if" | "that")) {
        a += 1;
    }
    if a > b {
        return None;
    }
    while a < b && (is_adverb(cx.l(a)) || is_ly_adverb(cx.l(a))) && !cx.is_cap(a) || a < b && matches!(cx.l(a), "earlier" | "later") {
        a += 1;
    }
    // "the Central Narcotics Bureau (CNB)": the bracketed short form is not part of the span.
    if cx.w(b) == ")" {
        if let Some(o) = (a..b).rev().find(|&i| cx.w(i) == "(") {
            if o > a {
                b = o - 1;
            }
        }
    }
    // "… undergo chemotherapy but his doctors have told": a second clause's subject.
    if b > a + 4 {
        if let Some(c) = (a + 1..b).rev().find(|&i| matches!(cx.l(i), "but" | "and" | "while" | "whereas") && (is_det(cx.l(i + 1)) || is_pronoun(cx.l(i + 1)))) {
            a = c + 1;
        }
    }
    // A subordinate clause's subject follows its conjunction ("It's exactly what the company").
    if let Some(c) = (a..b).rev().find(|&i| matches!(cx.l(i), "what" | "when" | "where" | "because" | "if" | "that" | "as" | "since" | "although" | "though" | "while" | "whether" | "whom")) {
        a = c + 1;
    }
    // "Apple shipped its display and Steve Jobs said": the subject of the last clause.
    if let Some(v) = (a..b).find(|&i| cx.is_verbish(i)) {
        if let Some(c) = (v + 1..b).rev().find(|&i| matches!(cx.l(i), "and" | "but" | "or")) {
            a = c + 1;
        }
    }
    // A pronoun right before the cue is the subject ("the code he said exploits …").
    if b > a && matches!(cx.l(b), "he" | "she" | "they" | "we" | "i") {
        return Some(Src { a: b, b: b + 1 });
    }
    // A relative clause inside the subject ("The mother of a woman who took …"): the head is
    // what precedes the first preposition.
    if let Some(r) = (a + 1..=b).find(|&i| matches!(cx.l(i), "who" | "which" | "whose")) {
        b = r - 1;
        if let Some(p) = (a + 1..=b).find(|&i| matches!(cx.l(i), "of" | "from" | "in" | "at" | "with")) {
            b = p - 1;
        }
    }
    // A participle after the head ("A Gallup Korea poll released on Friday").
    if let Some(p) = (a + 1..=b).find(|&i| cx.is_word(i) && !cx.is_cap(i) && cx.l(i).ends_with("ed") && cx.l(i).len() > 4 && !is_det(cx.l(i - 1)) && !cx.touches_next(i - 1)) {
        if p > a {
            b = p - 1;
        }
    }
    if a > b {
        return None;
    }
    // A noun phrase with a prepositional phrase: decide by what precedes the preposition.
    if let Some(p) = (a + 1..=b).find(|&i| matches!(cx.l(i), "of" | "in" | "from" | "at" | "with" | "for" | "on")) {
        let before_namey = name_piece(cx, p - 1) && cx.is_namey(p - 1);
        let org_inside = matches!(cx.l(p), "of" | "for" | "on")
            && cx.is_namey(p - 1)
            && p < b
            && cx.is_namey(p + 1)
            && !is_time_word(cx.l(p + 1))
            && (outlets::has_org_head(cx.l(p - 1)) || is_title(cx.l(p - 1)) || matches!(cx.l(p - 1), "bank" | "university" | "republic" | "state" | "secretary" | "house" | "church" | "museum" | "society" | "school" | "college" | "board" | "chamber" | "league" | "order"));
        if before_namey && !org_inside {
            return Some(name_at_end(cx, a, p - 1));
        }
        if !before_namey {
            return Some(Src { a, b: b + 1 });
        }
    }
    let last_lower_org = !cx.is_cap(b) && lower_org_head(cx.l(b)) && b > a && cx.is_namey(b - 1);
    if name_piece(cx, b) && cx.is_word(b) || last_lower_org {
        return Some(name_at_end(cx, a, b));
    }
    if b + 1 - a > 10 {
        // Too long to be a subject: keep the last noun phrase (from its determiner).
        let d = (a..=b).rev().find(|&i| is_det(cx.l(i)))?;
        if b + 1 - d > 6 {
            return None;
        }
        a = d;
    }
    Some(Src { a, b: b + 1 })
}

fn is_finite_aux(l: &str) -> bool {
    matches!(l, "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would" | "could" | "said" | "says" | "told")
}

/// An appositive chunk: a description after a name ("the leader of the PPP", "director of …",
/// "one of the leading …", "63").
fn is_appositive(cx: &Ctx, a: usize, b: usize) -> bool {
    let l = cx.l(a);
    (is_det(l) && !matches!(l, "many" | "some" | "most" | "several" | "few" | "all" | "both"))
        || (cx.is_word(a) && !cx.is_cap(a) && !is_conj(l) && !is_pronoun(l))
        || (cx.kind(a) == crate::text::TokenKind::Number && a == b)
}

/// Is `a..=b` a bare name chunk (possibly with titles and lower-case roles before it)?
fn is_name_chunk(cx: &Ctx, a: usize, b: usize) -> bool {
    if b + 1 - a > 8 || !name_piece(cx, b) {
        return false;
    }
    let l = cx.l(a);
    if is_intro(l) || is_preposition(l) {
        return false;
    }
    !(a..=b).any(|i| cx.is_verbish(i))
}

/// The source of a cue whose subject ends at token `k` (inclusive), with the clause start.
/// `lo` is the first token of the sentence.
pub fn left(cx: &Ctx, lo: usize, k: usize) -> Option<(Src, usize)> {
    // Comma-separated chunks, nearest first, inside the clause (parentheses skipped).
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut end = k as isize;
    let mut j = k as isize;
    let mut depth = 0;
    loop {
        if j < lo as isize || chunks.len() >= 4 || k as isize - j > 40 {
            if j + 1 <= end {
                chunks.push(((j + 1) as usize, end as usize));
            }
            break;
        }
        let i = j as usize;
        let w = cx.w(i);
        if w == ")" {
            depth += 1;
        } else if w == "(" && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            if w == "," {
                if j + 1 <= end {
                    chunks.push((i + 1, end as usize));
                }
                end = j - 1;
            } else if is_stop(cx, i) || (i < k && (cx.l(i) == "that" || is_finite_aux(cx.l(i)))) {
                if j + 1 <= end {
                    chunks.push((i + 1, end as usize));
                }
                break;
            }
        }
        j -= 1;
    }
    let &(a1, b1) = chunks.first()?;
    if a1 > b1 || b1 != k {
        return None;
    }
    // A relative pronoun is the source itself ("Kim Yong-hyun, who said …").
    if a1 == b1 && matches!(cx.l(a1), "who" | "which") {
        return Some((Src { a: a1, b: a1 + 1 }, a1));
    }
    // A list of names split by commas ("Proxies in Syria, Iraq and Yemen").
    let mut c1 = (a1, b1);
    let mut used = 1;
    if (c1.0..=c1.1).any(|i| matches!(cx.l(i), "and" | "or")) && (c1.0..=c1.1).all(|i| name_piece(cx, i) || matches!(cx.l(i), "and" | "or")) {
        while used < chunks.len() {
            let (a2, b2) = chunks[used];
            if a2 <= b2 && name_piece(cx, b2) {
                c1 = (a2, c1.1);
                used += 1;
                if !(a2..=b2).all(|i| name_piece(cx, i)) {
                    break;
                }
            } else {
                break;
            }
        }
    }
    if used == 1 && is_appositive(cx, c1.0, c1.1) && !is_pronoun(cx.l(c1.0)) {
        if let Some(&(a2, b2)) = chunks.get(1) {
            if a2 <= b2 && is_name_chunk(cx, a2, b2) {
                let s = np_of(cx, a2, b2)?;
                return Some((s, a2));
            }
        }
    }
    let s = np_of(cx, c1.0, c1.1)?;
    // The clause starts with the subject's titles and premodifiers ("President …", "the BBC's
    // North America editor …"), not with what np_of dropped before them.
    let mut c = s.a;
    while c > c1.0 {
        let l = cx.l(c - 1);
        if is_title(l) || cx.is_namey(c - 1) || is_det(l) || matches!(l, "'s" | "’s") || cx.kind(c - 1) == crate::text::TokenKind::Dash && cx.touches_next(c - 1) {
            c -= 1;
        } else {
            break;
        }
    }
    Some((s, c))
}

/// The source after an inverted cue ("said Mr. Reeves, a senior fellow …", "said chief
/// inspector Jennifer Mattinson from …"), starting at token `i`.
pub fn right(cx: &Ctx, i: usize, hi: usize) -> Option<Src> {
    if i >= hi {
        return None;
    }
    let l = cx.l(i);
    if matches!(l, "he" | "she" | "they" | "it" | "we" | "i") {
        return Some(Src { a: i, b: i + 1 });
    }
    let mut j = i;
    while j < hi && j - i < 12 {
        let w = cx.w(j);
        let l = cx.l(j);
        if w == "," || is_stop(cx, j) || cx.in_quote(j) || cx.is_verbish(j) {
            break;
        }
        if j > i && (is_preposition(l) && !(matches!(l, "of" | "for") && cx.is_namey(j.saturating_sub(1)) && j + 1 < hi && cx.is_namey(j + 1))) {
            break;
        }
        if matches!(l, "who" | "which" | "that") {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    np_of(cx, i, j - 1)
}

/// The source after "according to", from token `i` to the next comma or clause end.
pub fn according(cx: &Ctx, i: usize, hi: usize) -> Option<Src> {
    let mut j = i;
    while j < hi && j - i < 14 {
        let w = cx.w(j);
        if w == "," || is_stop(cx, j) || cx.in_quote(j) {
            break;
        }
        if j > i && matches!(cx.l(j), "who" | "which" | "that") {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    // Keep "according to X" as written, but a person's name loses its titles.
    let b = j - 1;
    if name_piece(cx, b) && !(i..=b).any(|t| matches!(cx.l(t), "by" | "of" | "in" | "from")) {
        return Some(name_at_end(cx, i, b));
    }
    Some(Src { a: i, b: j })
}

/// The subject of the sentence `lo..hi` (for participles and coordinated verbs without a
/// subject of their own): the first noun phrase after an introductory phrase, or a name in
/// apposition to it ("The leader of Ennahda, Rachid Ghannouchi, condemned …").
pub fn subject(cx: &Ctx, lo: usize, hi: usize) -> Option<Src> {
    let mut a = skip_dateline(cx, lo, hi);
    if a < hi && (is_intro(cx.l(a)) || cx.l(a) == "earlier") {
        if let Some(c) = (a..hi.min(a + 25)).find(|&i| cx.w(i) == "," && !cx.in_quote(i)) {
            a = c + 1;
        }
    }
    // The first chunk up to a comma or a verb.
    let mut b = a;
    while b < hi && cx.w(b) != "," && !is_stop(cx, b) && !cx.is_verbish(b) && !cx.in_quote(b) {
        b += 1;
    }
    if b == a {
        return None;
    }
    if b < hi && cx.w(b) == "," && is_appositive(cx, a, b - 1) || (b < hi && cx.w(b) == "," && !name_piece(cx, b - 1)) {
        let c = b + 1;
        let mut d = c;
        while d < hi && cx.w(d) != "," && !is_stop(cx, d) && !cx.is_verbish(d) {
            d += 1;
        }
        if d > c && is_name_chunk(cx, c, d - 1) {
            return np_of(cx, c, d - 1);
        }
    }
    // "White House press secretary Josh Earnest condemned …", "Burma's democracy leader Aung San
    // Suu Kyi hit out …": the name that ends the run of names, titles and premodifiers.
    let mut last_name = None;
    let mut t = a;
    while t < b {
        let l = cx.l(t);
        if name_piece(cx, t) && cx.is_word(t) {
            last_name = Some(t);
        } else if !(is_title(l) || is_det(l) && t == a || matches!(l, "'s" | "’s") || cx.is_word(t) && !cx.is_cap(t) && (t + 1..(t + 3).min(b)).any(|u| cx.is_namey(u))) {
            break;
        }
        t += 1;
    }
    if let Some(e) = last_name {
        return np_of(cx, a, e);
    }
    np_of(cx, a, b - 1)
}

/// The first token after an all-caps dateline ("LONDON —", "SEOUL, South Korea —").
pub fn skip_dateline(cx: &Ctx, lo: usize, hi: usize) -> usize {
    for i in lo..hi.min(lo + 7) {
        let w = cx.w(i);
        if matches!(w, "—" | "–") || (w == "-" && i > lo && cx.w(i - 1).chars().all(|c| c.is_uppercase() || !c.is_alphabetic())) {
            let first = cx.w(lo);
            if first.len() > 1 && first.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
                return i + 1;
            }
            return lo;
        }
        if cx.is_word(i) && !cx.is_cap(i) {
            return lo;
        }
    }
    lo
}

/// "Lee, the Democratic Party leader, said" / "her mother, Fiona, said": the subject before a
/// comma that directly precedes the cue. `k` is the token before that comma. Only a name chunk
/// followed by an appositive, or a name in apposition, qualifies.
pub fn left_appositive(cx: &Ctx, lo: usize, k: usize) -> Option<(Src, usize)> {
    // The chunk before the comma.
    let mut a = k;
    while a > lo && cx.w(a - 1) != "," && !is_stop(cx, a - 1) && k - a < 25 {
        a -= 1;
    }
    if (a..=k).all(|i| name_piece(cx, i) || is_title(cx.l(i))) && (a == lo || cx.w(a - 1) == "," || is_stop(cx, a - 1)) {
        // "her mother, Fiona, said": the name is the source.
        if a > lo && cx.w(a - 1) == "," {
            let s = np_of(cx, a, k)?;
            return Some((s, a));
        }
    }
    // "one protester, 23-year-old student Ali Reza, told …": a name with premodifiers.
    let has_prep = (a..=k).any(|i| matches!(cx.l(i), "of" | "at" | "for" | "in" | "from" | "with" | "on" | "to"));
    if a > lo && cx.w(a - 1) == "," && name_piece(cx, k) && cx.is_namey(k) && !has_prep && !is_det(cx.l(a)) && !(a..=k).any(|i| cx.is_verbish(i)) {
        let s = np_of(cx, a, k)?;
        return Some((s, a));
    }
    let relative = matches!(cx.l(a), "who" | "whose" | "which");
    if !(is_appositive(cx, a, k) || relative) || a < lo + 2 || cx.w(a - 1) != "," {
        return None;
    }
    let mut e = a - 2;
    // Skip further appositives back to the subject ("Ms Jones, 42, from Leeds, said").
    for _ in 0..2 {
        let mut c = e;
        while c > lo && cx.w(c - 1) != "," && !is_stop(cx, c - 1) && e - c < 10 {
            c -= 1;
        }
        let short_appo = (cx.kind(c) == crate::text::TokenKind::Number && c == e) || (is_preposition(cx.l(c)) && e - c < 5 && cx.is_word(c) && !cx.is_cap(c));
        if short_appo && c >= lo + 2 && cx.w(c - 1) == "," {
            e = c - 2;
        } else {
            break;
        }
    }
    let mut c = e;
    while c > lo && cx.w(c - 1) != "," && !is_stop(cx, c - 1) && e - c < 10 {
        c -= 1;
    }
    // The subject before the appositive: a name, or a noun phrase with its determiner
    // ("A senior U.S. official, speaking on condition of anonymity, said").
    let np_subject = is_det(cx.l(c)) && e - c < 8 && !(c..=e).any(|i| cx.is_verbish(i)) && !is_intro(cx.l(c));
    if !is_name_chunk(cx, c, e) && !np_subject {
        return None;
    }
    let s = np_of(cx, c, e)?;
    Some((s, c))
}
