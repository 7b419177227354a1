//! DATE, MONEY and QUANTITY by rules over tokens, following the gold conventions
//! (corpus/GOLD.md): approximators ("more than", "about") stay out, ranges give two spans, a
//! clock time and a day are two spans, DATE keeps a leading "the" and relative words ("the
//! 1990s", "earlier this month", "late Thursday"), and a QUANTITY runs from the numeral to the
//! head of the counted noun phrase unless that phrase holds another entity ("five" in "five
//! US-Iranian citizens").

use crate::words::Words;
use super::features::{hash_lower, PreHashedSet};
use super::Cand;
use crate::analysis::EntityType;
use crate::text::Document;

static MONTHS: Words = Words::new("January|February|March|April|May|June|July|August|September|October|November|December|Jan.|Feb.|Mar.|Apr.|Jun.|Jul.|Aug.|Sept.|Sep.|Oct.|Nov.|Dec.");
static WEEKDAYS: Words = Words::new("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday");
static HOLIDAYS: Words = Words::new("Christmas|Easter|Ramadan|Eid|Thanksgiving|Hanukkah|Diwali|Passover|Nowruz");
static DAY_PARTS: Words = Words::new("morning|afternoon|evening|night");
static DAY_WORDS: Words = Words::new("today|yesterday|tomorrow|tonight|Today|Yesterday|Tomorrow|Tonight|overnight");
static UNITS_TIME: Words = Words::new("second|seconds|minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years|decade|decades|century|centuries|weekend|weekends");
static SEASONS: Words = Words::new("spring|summer|fall|autumn|winter");
static RELATIVE: Words = Words::new("this|last|next|past|This|Last|Next|Past");
static EDGE: Words = Words::new("early|late|earlier|later|Early|Late|Earlier|Later");
static AFTER: Words = Words::new("ago|earlier|later|before|after");
static NUMBER_WORDS: Words = Words::new("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|zero|dozen|one");
static VAGUE: Words = Words::new("hundreds|thousands|millions|billions|dozens|tens|scores");
static SCALES: Words = Words::new("hundred|thousand|million|billion|trillion|bn|m|mn|k");
static CURRENCY_WORDS: Words = Words::new("dollars|dollar|euros|euro|pounds|yuan|yen|rupees|rials|won|roubles|rubles|shekels");
static PERCENT_WORDS: Words = Words::new("percent|percentage");
/// Words after a numeral that end its noun phrase.
static STOP: Words = Words::new("of|in|on|at|by|for|from|to|with|and|or|but|than|as|that|which|who|were|was|is|are|be|been|had|have|has|will|would|may|might|could|can|should|must|did|do|does|said|we|they|he|she|it|i|you|the|a|an|this|these|those|their|his|her|its|our|into|after|before|since|until|over|under|about|around|per|each|more|less|fewer|short|away|ago|later|earlier|left|apart|old|long|high|tall|deep|wide|only|alone");
static PLURAL_IRREGULAR: crate::words::Words = crate::words::Words::new("people|children|men|women|police|personnel|staff|troops|feet|teeth|mice|geese|others|civilians");

fn lower_is(w: &str, list: &Words) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Digits with separators ("1,200.5"); not versions or addresses ("1.8.3").
fn is_digits(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') && w.matches('.').count() <= 1
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
}

fn is_decade(w: &str) -> bool {
    w.len() == 5 && w.ends_with('s') && is_year(&w[..4]) && w.as_bytes()[3] == b'0'
}

/// A cardinal: digits, a number word, or digits with a scale suffix ("6bn").
fn is_numeral(w: &str) -> bool {
    if is_digits(w) {
        return true;
    }
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let tail = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        return SCALES.contains(tail);
    }
    lower_is(w, &NUMBER_WORDS)
}

struct Scan<'a, 'b> {
    doc: &'b Document<'a>,
    w: &'b [&'a str],
    covered: &'b [bool],
    sent_end: Vec<usize>,
}

impl Scan<'_, '_> {
    fn get(&self, i: usize) -> &str {
        self.w.get(i).copied().unwrap_or("")
    }
    /// Tokens i and i+1 touch.
    fn touch(&self, i: usize) -> bool {
        i + 1 < self.w.len() && self.doc.tokens[i].span.end == self.doc.tokens[i + 1].span.start
    }
    fn in_sentence(&self, i: usize, j: usize) -> bool {
        j < self.w.len() && self.sent_end[i] == self.sent_end[j]
    }
    /// Numeral run starting at i: "50 million", "tens of thousands", "two-thirds"; returns its end.
    fn numeral_end(&self, i: usize) -> usize {
        let mut e = i + 1;
        if ["tens", "hundreds"].iter().any(|x| x.eq_ignore_ascii_case(self.get(i))) && self.get(i + 1) == "of" && lower_is(self.get(i + 2), &VAGUE) {
            return i + 3;
        }
        while self.in_sentence(i, e) && (lower_is(self.get(e), &SCALES) && !matches!(self.get(e), "m" | "k")) {
            e += 1;
        }
        // "two-thirds", "twenty-five"
        if self.in_sentence(i, e + 1) && self.get(e) == "-" && self.touch(e - 1) && self.touch(e) {
            let nx = self.get(e + 1).to_ascii_lowercase();
            if nx.ends_with("thirds") || nx.ends_with("quarters") || nx.ends_with("fifths") || nx == "half" || lower_is(&nx, &NUMBER_WORDS) {
                e += 2;
            }
        }
        e
    }
}

/// Finds DATE, MONEY and QUANTITY spans; `covered` marks tokens inside names already found.
pub fn find(doc: &Document, w: &[&str], covered: &[bool]) -> Vec<Cand> {
    let n = w.len();
    let mut sent_end = vec![0; n];
    for s in &doc.sentences {
        for i in s.tokens.clone() {
            sent_end[i] = s.tokens.end;
        }
    }
    let sc = Scan { doc, w, covered, sent_end };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        if let Some((s, e, ty)) = match_at(&sc, i) {
            if s >= out.last().map_or(0, |c: &Cand| c.end) && !covered[s..e].iter().any(|&c| c) {
                out.push(Cand { start: s, end: e, ty });
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Hashes of the lower-cased words that can start or anchor a match: every other word is
/// rejected with one hash and one lookup (this runs on every token).
fn triggers() -> &'static PreHashedSet<u64> {
    static T: std::sync::OnceLock<PreHashedSet<u64>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let lists: [&Words; 8] = [&MONTHS, &WEEKDAYS, &HOLIDAYS, &DAY_WORDS, &RELATIVE, &EDGE, &NUMBER_WORDS, &VAGUE];
        lists.iter().flat_map(|l| l.iter()).chain(["a", "noon", "midnight", "mid"]).map(hash_lower).collect()
    })
}

fn match_at(sc: &Scan, i: usize) -> Option<(usize, usize, EntityType)> {
    let w = sc.get(i);
    if !w.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '₹')) && !triggers().contains(&hash_lower(w)) {
        return None;
    }
    let lw = w.to_ascii_lowercase();
    let n = sc.w.len();
    let ins = |j: usize| sc.in_sentence(i, j);
    // "12 April": the day number belongs to the month's date.
    if is_digits(w) && w.len() <= 2 && ins(i + 1) && MONTHS.contains(sc.get(i + 1)) {
        return match_at(sc, i + 1);
    }
    // MONEY: "$6bn", "$ 24 million", "€1.2 million".
    if matches!(w, "$" | "€" | "£" | "¥" | "₹") && ins(i + 1) && is_numeral(sc.get(i + 1)) {
        let e = sc.numeral_end(i + 1);
        return Some((i, e, EntityType::Money));
    }
    // "billions of dollars"
    if lower_is(w, &VAGUE) && sc.get(i + 1) == "of" && lower_is(sc.get(i + 2), &CURRENCY_WORDS) {
        return Some((i, i + 3, EntityType::Money));
    }
    // Times: "10:30 p.m.", "10 a.m.", "noon".
    if lw.contains(':') && w.starts_with(|c: char| c.is_ascii_digit()) && !w.contains('/') {
        let mut e = i + 1;
        if ins(e) && matches!(sc.get(e), "a.m." | "p.m." | "am" | "pm" | "GMT" | "ET" | "EST" | "UTC") {
            e += 1;
        }
        return Some((i, e, EntityType::Date));
    }
    if is_digits(w) && ins(i + 1) && matches!(sc.get(i + 1), "a.m." | "p.m.") {
        return Some((i, i + 2, EntityType::Date));
    }
    if matches!(lw.as_str(), "noon" | "midnight") {
        return Some((i, i + 1, EntityType::Date));
    }
    // Weekdays, with "late"/"early" before and a part of day after.
    if WEEKDAYS.contains(w) || HOLIDAYS.contains(w) {
        let mut s = i;
        if i > 0 && EDGE.contains(sc.get(i - 1)) && ins(i - 1) {
            s = i - 1;
        }
        let mut e = i + 1;
        if ins(e) && DAY_PARTS.contains(sc.get(e)) {
            e += 1;
        }
        return Some((s, e, EntityType::Date));
    }
    // Months: "January 3, 2024", "12 April", "June", "May 2024" (May only with a number or "in").
    if MONTHS.contains(w) {
        let prev = if i > 0 { sc.get(i - 1) } else { "" };
        let mut s = i;
        if i > 0 && is_digits(prev) && prev.len() <= 2 && ins(i - 1) {
            s = i - 1;
        }
        let mut e = i + 1;
        if ins(e) && is_digits(sc.get(e)) && sc.get(e).len() <= 2 {
            e += 1;
            if ins(e + 1) && sc.get(e) == "," && is_year(sc.get(e + 1)) {
                e += 2;
            }
        } else if ins(e) && is_year(sc.get(e)) {
            e += 1;
        }
        let may_ok = w != "May" || s < i || e > i + 1 || matches!(prev, "in" | "since" | "early" | "late" | "last" | "next" | "In");
        if may_ok {
            if s == i && i > 0 && EDGE.contains(prev) {
                s = i - 1;
            }
            return Some((s, e, EntityType::Date));
        }
        return None;
    }
    if DAY_WORDS.contains(w) {
        return Some((i, i + 1, EntityType::Date));
    }
    // "earlier this month", "later this year"
    if EDGE.contains(w) && ins(i + 2) && RELATIVE.contains(sc.get(i + 1)) && (lower_is(sc.get(i + 2), &UNITS_TIME) || SEASONS.contains(sc.get(i + 2))) {
        return Some((i, i + 3, EntityType::Date));
    }
    // "last year", "this week", "Last fall", "next year"
    if RELATIVE.contains(w) && ins(i + 1) && (matches!(sc.get(i + 1), "week" | "month" | "year" | "weekend" | "decade" | "century" | "night") || SEASONS.contains(sc.get(i + 1))) {
        let mut e = i + 2;
        if ins(e) && matches!(sc.get(e), "earlier" | "later") {
            e += 1;
        }
        return Some((i, e, EntityType::Date));
    }
    // Decades: "the 1990s", "the mid-1990s"
    if is_decade(w) || (lw == "mid" && sc.get(i + 1) == "-" && is_decade(sc.get(i + 2))) {
        let e = if is_decade(w) { i + 1 } else { i + 3 };
        let s = if i > 0 && sc.get(i - 1).eq_ignore_ascii_case("the") && ins(i - 1) { i - 1 } else { i };
        return Some((s, e, EntityType::Date));
    }
    // ISO dates: "2024-01-03" (five touching tokens).
    if is_year(w) && ins(i + 4) && (0..4).all(|k| sc.touch(i + k)) && sc.get(i + 1) == "-" && sc.get(i + 3) == "-" && sc.get(i + 2).len() == 2 && sc.get(i + 4).len() == 2 && is_digits(sc.get(i + 2)) && is_digits(sc.get(i + 4)) {
        return Some((i, i + 5, EntityType::Date));
    }
    // Years.
    if is_year(w) && !(i + 1 < n && sc.touch(i) && sc.get(i + 1) == "%") {
        return Some((i, i + 1, EntityType::Date));
    }
    // "a decade", "a week earlier"
    if lw == "a" && ins(i + 1) && matches!(sc.get(i + 1), "week" | "month" | "year" | "decade" | "century") {
        let mut e = i + 2;
        if ins(e) && AFTER.contains(sc.get(e)) {
            e += 1;
        }
        let prev = if i > 0 { sc.get(i - 1) } else { "" };
        // "once a week" is a frequency, not a date.
        if !matches!(prev, "once" | "twice" | "times" | "per") {
            return Some((i, e, EntityType::Date));
        }
        return None;
    }
    if !is_numeral(w) && !lower_is(w, &VAGUE) {
        return None;
    }
    if lw == "one" && !(ins(i + 1) && lower_is(sc.get(i + 1), &UNITS_TIME)) {
        return None;
    }
    // Ages: "Eloise Parry, 21," / "Yoon, 63, a former…"
    if is_digits(w) && w.len() <= 3 && i >= 2 && sc.get(i - 1) == "," && sc.get(i - 2).starts_with(|c: char| c.is_uppercase()) {
        let nx = sc.get(i + 1);
        if matches!(nx, "," | "." | ")" | "") && w.parse::<u32>().is_ok_and(|v| (1..=120).contains(&v)) {
            return Some((i, i + 1, EntityType::Date));
        }
    }
    let e = sc.numeral_end(i);
    // "52-year-old", "six-month"
    if ins(e + 1) && sc.get(e) == "-" && sc.touch(e - 1) && lower_is(sc.get(e + 1), &UNITS_TIME) {
        let mut end = e + 2;
        if ins(end + 1) && sc.get(end) == "-" && sc.get(end + 1) == "old" {
            end += 2;
        }
        return Some((i, end, EntityType::Date));
    }
    // Percent: "13%", "15 percent"
    if ins(e) && (sc.get(e) == "%" || lower_is(sc.get(e), &PERCENT_WORDS)) {
        return Some((i, e + 1, EntityType::Quantity));
    }
    if ins(e) && lower_is(sc.get(e), &CURRENCY_WORDS) {
        return Some((i, e + 1, EntityType::Money));
    }
    // Durations: "18 months", "two minutes", "20 years", "four years ago", "the eight years".
    if ins(e) && lower_is(sc.get(e), &UNITS_TIME) && !lower_is(w, &VAGUE) {
        let mut end = e + 1;
        if ins(end) && AFTER.contains(sc.get(end)) {
            end += 1;
        }
        let mut s = i;
        if i > 0 && ins(i - 1) && sc.get(i - 1).eq_ignore_ascii_case("the") {
            s = i - 1;
        } else if i > 1 && ins(i - 2) && matches!(sc.get(i - 1), "last" | "past" | "next" | "first") && sc.get(i - 2).eq_ignore_ascii_case("the") {
            s = i - 2;
        }
        return Some((s, end, EntityType::Date));
    }
    // QUANTITY: numeral plus its counted noun phrase. "thousands of X" takes X when it holds no name.
    if ins(e + 1) && sc.get(e) == "of" && lower_is(sc.get(e - 1), &VAGUE) {
        let (head, clash) = noun_phrase(sc, e + 1);
        if let Some(h) = head {
            if !clash {
                return Some((i, h, EntityType::Quantity));
            }
        }
        return Some((i, e, EntityType::Quantity));
    }
    let (head, clash) = noun_phrase(sc, e);
    if clash {
        return Some((i, e, EntityType::Quantity));
    }
    // A bare number opening a paragraph is a list or slide number, not a count.
    let para_start = sc.doc.paragraphs.binary_search_by_key(&sc.doc.tokens[i].span.start, |p| p.span.start).is_ok();
    if head.is_none() && para_start && is_digits(w) {
        return None;
    }
    Some((i, head.unwrap_or(e), EntityType::Quantity))
}

/// The counted noun phrase after a numeral: returns the end of its head (the last plural-looking
/// word before a stop word), and whether the phrase holds a name.
fn noun_phrase(sc: &Scan, start: usize) -> (Option<usize>, bool) {
    let mut j = start;
    let mut head = None;
    let mut words = 0;
    while sc.in_sentence(start.saturating_sub(1), j) && words < 5 {
        let t = sc.get(j);
        if sc.covered[j] {
            return (head, true);
        }
        if t == "-" && sc.touch(j - 1) && sc.touch(j) {
            j += 1;
            continue;
        }
        let alpha = t.chars().all(|c| c.is_alphabetic());
        if !alpha || t.starts_with(|c: char| c.is_uppercase()) || lower_is(t, &STOP) || is_numeral(t) || t.ends_with("ly") {
            break;
        }
        words += 1;
        let plural = (t.ends_with('s') && !t.ends_with("ss") && !t.ends_with("us")) || PLURAL_IRREGULAR.contains(t);
        if plural {
            head = Some(j + 1);
        }
        j += 1;
    }
    (head, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, &'static str)> {
        let doc = Document::new(text);
        let w: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.tok(i)).collect();
        let covered: Vec<bool> = w.iter().map(|t| matches!(*t, "Tunisians" | "US" | "Iranian")).collect();
        find(&doc, &w, &covered)
            .into_iter()
            .map(|c| (text[doc.tokens[c.start].span.start..doc.tokens[c.end - 1].span.end].to_string(), c.ty.as_str()))
            .collect()
    }

    fn has(text: &str, want: &[(&str, &str)]) {
        let got = spans(text);
        let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want, "in {text:?}");
    }

    #[test]
    fn dates_absolute_relative_and_times() {
        has("It happened on January 3, 2024, and again on 12 April.", &[("January 3, 2024", "DATE"), ("12 April", "DATE")]);
        has("He declared it around 10:30 p.m. Tuesday and left late Thursday.", &[("10:30 p.m.", "DATE"), ("Tuesday", "DATE"), ("late Thursday", "DATE")]);
        has("It killed people earlier this month; last year it was worse.", &[("earlier this month", "DATE"), ("last year", "DATE")]);
        has("In the mid-1990s and the 1990s he held power from 2011 to 2013.", &[("the mid-1990s", "DATE"), ("the 1990s", "DATE"), ("2011", "DATE"), ("2013", "DATE")]);
        has("After nearly 20 years, four years ago, a six-month review of the 52-year-old man.", &[("20 years", "DATE"), ("four years ago", "DATE"), ("six-month", "DATE"), ("52-year-old", "DATE")]);
        has("Eloise Parry, 21, was taken on Wednesday afternoon.", &[("21", "DATE"), ("Wednesday afternoon", "DATE")]);
        has("Filed 2024-01-03 at noon.", &[("2024-01-03", "DATE"), ("noon", "DATE")]);
    }

    #[test]
    fn money() {
        has("the unfreezing of $6bn and billions of dollars of funding", &[("$6bn", "MONEY"), ("billions of dollars", "MONEY")]);
        has("between $24 and $28 million", &[("$24", "MONEY"), ("$28 million", "MONEY")]);
    }

    #[test]
    fn quantities_run_to_the_head_noun() {
        has("It killed 95 civilians in more than 150 attacks.", &[("95 civilians", "QUANTITY"), ("150 attacks", "QUANTITY")]);
        has("leaving the 192 opposition lawmakers eight votes short of the two-thirds majority", &[("192 opposition lawmakers", "QUANTITY"), ("eight votes", "QUANTITY"), ("two-thirds", "QUANTITY")]);
        has("Thousands of Tunisians and tens of thousands of civilians", &[("Thousands", "QUANTITY"), ("tens of thousands of civilians", "QUANTITY")]);
        has("to release five US-Iranian citizens, 13% of them", &[("five", "QUANTITY"), ("13%", "QUANTITY")]);
        has("No one came; one of them left.", &[]);
    }
}
