//! The rules that turn cues, sources and quotes into attributed statements, one sentence at a
//! time (a sentence here never ends inside a quotation), plus quotations that have no cue of
//! their own and take the governing attribution of the sentence before them.
//!
//! For each cue the content is chosen in this order:
//! 1. the quotation that opens the sentence, when the cue's clause follows it (“…,” X said);
//! 2. the quotation right after the cue that ends the sentence (X said: “…”);
//! 3. the reported clause after the cue ("X said (that) …", "X told Y that …"), up to the next
//!    attribution's clause or the end of the sentence;
//! 4. the clause before the cue ("A, X said." / "A, according to X.").
//! A list introduced by "X said:" gives one statement per following paragraph.

use super::context::Ctx;
use super::cues::{self, Cue};
use super::lexicon::{self, CueClass, Form};
use super::quotes::{trim_span, NONE};
use super::sources::{self, Src};
use crate::text::{Span, TokenKind};

/// One statement before kinds and resolution: spans in bytes, the source as tokens.
#[derive(Clone, Debug)]
pub struct Rec {
    pub src: Src,
    pub cue: Span,
    pub content: Span,
    pub direct: bool,
}

struct Found {
    cue: Cue,
    src: Src,
    /// First token of the attribution clause (source or cue): the content of an earlier cue
    /// ends before it.
    clause: usize,
    /// The source follows the cue ("said Mr. Reeves").
    inverted: bool,
    /// The source is another cue's subject (", adding …", "… and said …").
    shared: bool,
}

/// The most recent attribution, which governs quotations without a cue of their own.
#[derive(Clone, Copy)]
struct Governor {
    src: Src,
    cue: Span,
    paragraph: usize,
}

/// Longest run of tokens read as one sentence when sentences are merged inside a quotation.
const MAX_UNIT: usize = 1200;

/// Longest stretch of tokens the content rules look across for "that" or "as".
const WINDOW: usize = 10;

pub fn find(cx: &Ctx) -> Vec<Rec> {
    let doc = cx.doc;
    let n = cx.n();
    let mut par_of = vec![0usize; n];
    for s in &doc.sentences {
        for slot in &mut par_of[s.tokens.clone()] {
            *slot = s.paragraph;
        }
    }
    // Sentences merged where a boundary falls inside a quotation.
    let mut units: Vec<(usize, usize)> = Vec::new();
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start, s.tokens.end);
        if a >= b {
            continue;
        }
        if let Some(last) = units.last_mut() {
            // Bounded, so that no rule ever scans an unbounded stretch of text.
            if last.1 == a && a > 0 && cx.quote_of[a] != NONE && cx.quote_of[a] == cx.quote_of[a - 1] && b - last.0 <= MAX_UNIT {
                last.1 = b;
                continue;
            }
        }
        units.push((a, b));
    }
    let mut out = Vec::new();
    let mut gov: Option<Governor> = None;
    // Paragraphs taken as the items of a list ("X said:") are not read again.
    let mut consumed_until_par = 0usize;
    for &(lo, hi) in &units {
        let par = par_of[lo];
        if par < consumed_until_par {
            continue;
        }
        let found = find_cues(cx, lo, hi);
        let mut list_cue: Option<usize> = None;
        for f in 0..found.len() {
            let fc = &found[f];
            let own = out.len();
            match content(cx, &found, f, lo, hi) {
                Some((content, direct)) => {
                    out.push(Rec { src: fc.src, cue: cue_span(cx, &fc.cue), content, direct });
                    // “A,” he said, “B.” — the second half of a quotation split by its cue.
                    let after = if fc.inverted { fc.src.b } else { fc.cue.end };
                    if direct && content.end <= cx.span(fc.cue.start).start && f + 1 == found.len() {
                        if let Some(q) = quote_after(cx, after, hi) {
                            out.push(Rec { src: fc.src, cue: cue_span(cx, &fc.cue), content: cx.quotes[q].content(doc), direct: true });
                        }
                    }
                    // "He said A, a concern …, and that B": two statements.
                    if !direct {
                        if let Some((first, second)) = split_and_that(cx, content) {
                            out.last_mut().unwrap().content = first;
                            out.push(Rec { src: fc.src, cue: cue_span(cx, &fc.cue), content: second, direct: false });
                        }
                    }
                }
                None => {
                    // "X said:" closing its paragraph introduces a list or a block quote.
                    let after = if fc.inverted { fc.src.b } else { fc.cue.end };
                    if after < hi && cx.w(after) == ":" && after + 1 == hi {
                        list_cue = Some(f);
                    }
                }
            }
            if fc.cue.class != CueClass::According {
                gov = Some(Governor { src: fc.src, cue: cue_span(cx, &fc.cue), paragraph: par_of[hi - 1] });
            }
            // An outlet that relays the statement ("quoted as saying by Interfax").
            if let Some(rec) = out.get(own).cloned() {
                if let Some(relay) = relay(cx, fc, hi) {
                    out.push(Rec { src: relay, ..rec });
                }
            }
        }
        if found.is_empty() {
            // A quotation standing alone takes the governing attribution.
            if let Some(q) = whole_quote(cx, lo, hi) {
                if let Some(g) = gov.as_mut() {
                    if g.paragraph + 1 >= par {
                        let content = cx.quotes[q].content(doc);
                        if !content.is_empty() {
                            out.push(Rec { src: g.src, cue: g.cue, content, direct: true });
                            g.paragraph = par_of[hi - 1];
                        }
                    }
                }
            }
        }
        if let Some(f) = list_cue {
            let next_par = par_of[hi - 1] + 1;
            if !starts_with_quote(cx, next_par) {
                let items = list_items(cx, next_par);
                for &p in &items {
                    let sp = doc.paragraphs[p].span;
                    let content = trim_span(doc.text, sp, &['.']);
                    out.push(Rec { src: found[f].src, cue: cue_span(cx, &found[f].cue), content, direct: false });
                }
                if let Some(&last) = items.last() {
                    consumed_until_par = last + 1;
                }
            }
        }
    }
    out.retain(|r| !r.content.is_empty() && r.content.of(doc.text).chars().any(char::is_alphanumeric));
    out
}

fn cue_span(cx: &Ctx, c: &Cue) -> Span {
    cx.range(c.start, c.end - 1)
}

/// The cues of sentence `lo..hi` with their sources.
fn find_cues(cx: &Ctx, lo: usize, hi: usize) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut i = lo;
    while i < hi {
        if cx.in_quote(i) {
            i += 1;
            continue;
        }
        let Some(cue) = cues::at(cx, i, lo, hi) else {
            i += 1;
            continue;
        };
        i = cue.end;
        if let Some(f) = source_of(cx, &found, cue, lo, hi) {
            // A cue inside the source of another ("according to local news reports") is not one.
            if found.iter().any(|g| g.src.a <= cue.verb && cue.verb < g.src.b) {
                continue;
            }
            i = i.max(if f.inverted { f.src.b } else { cue.end });
            // "… confirmed that they warned …": speech reported inside a that-clause is content.
            // Also "Our sources say Lupita told cops …": a clause right after the cue.
            let nested = !f.shared && found.last().is_some_and(|g| {
                g.cue.class != CueClass::According
                    && !g.inverted
                    && (f.clause == g.cue.end || f.clause > lo && cx.l(f.clause - 1) == "that" && g.cue.end < f.clause)
            });
            if !nested {
                found.push(f);
            }
        }
    }
    found
}

fn source_of(cx: &Ctx, found: &[Found], cue: Cue, lo: usize, hi: usize) -> Option<Found> {
    if cue.class == CueClass::According {
        let src = sources::according(cx, cue.end, hi)?;
        return Some(Found { cue, src, clause: cue.start, inverted: true, shared: false });
    }
    // Step left over adverbs and auxiliaries that are not part of the cue ("have repeatedly").
    let mut k = cue.start as isize - 1;
    while k >= lo as isize && (lexicon::is_adverb(cx.l(k as usize)) || lexicon::is_ly_adverb(cx.l(k as usize)) || lexicon::is_aux(cx.l(k as usize))) && !cx.is_cap(k as usize) {
        k -= 1;
    }
    let prev = if k >= lo as isize { Some(k as usize) } else { None };
    let boundary = prev.is_none_or(|p| matches!(cx.w(p), "," | ":" | "—" | "–" | ";") || cx.is_quote_mark(p));
    // "Lee, the Democratic Party leader, said": a subject with an appositive, not an inversion.
    if let Some(p) = prev.filter(|&p| cx.w(p) == "," && p > lo && !cx.is_quote_mark(p - 1) && cue.form != Form::Ing) {
        if let Some((src, clause)) = sources::left_appositive(cx, lo, p - 1) {
            return check(cx, Found { cue, src, clause, inverted: false, shared: false });
        }
    }
    let coordinated = prev.is_some_and(|p| matches!(cx.l(p), "and" | "but" | "or" | "while"));
    let f = if cue.form == Form::Ing && (boundary || coordinated) {
        // ", saying …": the subject of the sentence, or of the cue before it.
        let src = match found.last() {
            Some(g) => g.src,
            None => sources::subject(cx, lo, cue.start)?,
        };
        Found { cue, src, clause: prev.unwrap_or(cue.start), inverted: false, shared: true }
    } else if boundary {
        let src = sources::right(cx, cue.end, hi)?;
        Found { cue, src, clause: cue.start, inverted: true, shared: false }
    } else if coordinated {
        let src = match found.last() {
            Some(g) => g.src,
            None => sources::subject(cx, lo, prev.unwrap())?,
        };
        Found { cue, src, clause: prev.unwrap(), inverted: false, shared: true }
    } else {
        let (src, clause) = sources::left(cx, lo, prev?)?;
        Found { cue, src, clause, inverted: false, shared: false }
    };
    check(cx, f)
}

/// Drops sources a cue's class does not allow.
fn check(cx: &Ctx, f: Found) -> Option<Found> {
    let cue = f.cue;
    if f.src.a >= f.src.b {
        return None;
    }
    let head = cx.l(f.src.b - 1);
    match cue.class {
        CueClass::Evidential if !lexicon::is_document_noun(head) => return None,
        CueClass::OutletOnly if !super::kinds::is_outlet_src(cx, f.src) => return None,
        _ => {}
    }
    Some(f)
}

/// The quote whose opening mark is token `i`.
fn quote_opening_at(cx: &Ctx, i: usize) -> Option<usize> {
    let q = *cx.quote_of.get(i)?;
    (q != NONE && cx.quotes[q as usize].open == i).then_some(q as usize)
}

/// Does nothing but punctuation and marks follow token `last` up to `hi`?
fn only_punct_after(cx: &Ctx, last: usize, hi: usize) -> bool {
    (last + 1..hi).all(|t| matches!(cx.kind(t), TokenKind::Punct | TokenKind::Quote) || cx.is_word(t) && t == last + 1 && cx.touches_next(last) && cx.is_cap(t) && t + 1 == hi)
}

/// The quote that makes up the whole of sentence `lo..hi`, if any.
fn whole_quote(cx: &Ctx, lo: usize, hi: usize) -> Option<usize> {
    let q = quote_opening_at(cx, lo)?;
    let last = cx.quotes[q].last;
    (last + 1 >= hi || only_punct_after(cx, last, hi)).then_some(q)
}

fn starts_with_quote(cx: &Ctx, p: usize) -> bool {
    let Some(par) = cx.doc.paragraphs.get(p) else { return false };
    let first = cx.doc.sentences[par.sentences.start].tokens.start;
    quote_opening_at(cx, first).is_some()
}

/// Paragraphs from `p` that are the items of a list: short lines without final punctuation
/// (or the single paragraph after the colon), stopping at link texts ("Read …").
fn list_items(cx: &Ctx, p: usize) -> Vec<usize> {
    let doc = cx.doc;
    let mut items = Vec::new();
    let mut q = p;
    while let Some(par) = doc.paragraphs.get(q) {
        let text = par.span.of(doc.text);
        let first = text.split_whitespace().next().unwrap_or("");
        if matches!(first, "Read" | "Watch" | "See" | "Click" | "Listen" | "Follow" | "Sign" | "Subscribe" | "Related" | "More" | "Photo" | "Video" | "Advertisement") {
            break;
        }
        let ntok = doc.sentences[par.sentences.clone()].iter().map(|s| s.tokens.len()).sum::<usize>();
        let ends = text.trim_end().ends_with(['.', '!', '?', '"', '”']);
        if ntok > 80 {
            break;
        }
        if ends {
            if items.is_empty() {
                items.push(q);
            }
            break;
        }
        items.push(q);
        q += 1;
        if items.len() >= 20 {
            break;
        }
    }
    items
}

/// The outlet that relays a statement: "… was quoted as saying by Interfax", "according to a
/// transcript reviewed by Business Insider".
fn relay(cx: &Ctx, f: &Found, hi: usize) -> Option<Src> {
    let (from, to) = if f.cue.class == CueClass::According { (f.src.a, f.src.b) } else if f.cue.lemma == "quote" { (f.cue.end, (f.cue.end + 6).min(hi)) } else { return None };
    let by = (from..to).find(|&t| cx.l(t) == "by")?;
    let mut e = by + 1;
    while e < hi && e < by + 6 && (cx.is_namey(e) || cx.l(e) == "the" && e == by + 1) {
        e += 1;
    }
    let s = Src { a: by + 1, b: e };
    (e > by + 1 && super::kinds::is_outlet_src(cx, s)).then_some(s)
}

/// The content of cue `f` in sentence `lo..hi`: (span, direct).
fn content(cx: &Ctx, found: &[Found], f: usize, lo: usize, hi: usize) -> Option<(Span, bool)> {
    let fc = &found[f];
    let cue = fc.cue;
    let start = sources::skip_dateline(cx, lo, hi);
    // The attribution clause starts with the subject's chunk, titles included ("President …").
    let clause_begin = if fc.inverted {
        cue.start
    } else if fc.shared {
        fc.clause.min(cue.start)
    } else {
        fc.src.a.min(cue.start).min(fc.clause.max(lo))
    };
    let after = if fc.inverted { fc.src.b } else { cue.end };

    // 1. “…,” X said — the quotation opening the sentence, the clause right after it.
    if cue.class != CueClass::According {
        if let Some(q) = quote_opening_at(cx, start) {
            let last = cx.quotes[q].last;
            let mut b = last + 1;
            while b < hi && matches!(cx.w(b), "," | "—" | "–") {
                b += 1;
            }
            if b == clause_begin {
                return Some((cx.quotes[q].content(cx.doc), true));
            }
        }
    }
    // 2. X said: “…” — a quotation from right after the cue to the end of the sentence.
    if cue.class != CueClass::According {
        if let Some(q) = quote_after(cx, after, hi) {
            return Some((cx.quotes[q].content(cx.doc), true));
        }
    }
    if cue.class == CueClass::Weak {
        if f > 0 {
            return None;
        }
        return left_content(cx, fc, start, clause_begin, hi, true);
    }
    // G. "As Reuters reported, B" / "…, as X has pointed out, B": the content is B.
    let as_clause = cx.l(fc.clause) == "as" || fc.clause > lo && cx.l(fc.clause - 1) == "as";
    if as_clause && !fc.inverted {
        let mut r = after;
        while r < hi && cx.w(r) != "," {
            r += 1;
        }
        return clause_span(cx, r + 1, hi).map(|s| (s, false));
    }
    if after < hi && cx.w(after) == ":" && after + 1 == hi {
        return None;
    }
    // 3. The reported clause after the cue.
    let stop = if cue.class == CueClass::According && clause_begin <= start + 1 {
        hi
    } else {
        found[f + 1..].iter().map(|g| g.clause).find(|&c| c > after).unwrap_or(hi)
    };
    match right_content(cx, fc, after, stop) {
        Right::Content(span, direct) => return Some((span, direct)),
        Right::Rejected => return None,
        Right::Empty => {}
    }
    // 4. The clause before the cue, unless an earlier cue of the sentence already owns it
    // ("He added that …, he said"); a poll or report that "showed" is relayed, not owned.
    if cue.class != CueClass::According && found[..f].iter().any(|g| g.cue.class != CueClass::Evidential) {
        return None;
    }
    left_content(cx, fc, start, clause_begin, hi, false)
}

/// What follows a cue.
enum Right {
    Content(Span, bool),
    /// Nothing (an adjunct, a comma, the end): the content may come before the cue.
    Empty,
    /// An object that is not a statement ("declared martial law"): no statement at all.
    Rejected,
}

/// A quotation that follows the cue (or its source) and ends the sentence: right after it
/// ("said “…”"), or after a colon or comma that closes a short adjunct ("told reporters: “…”",
/// "said in a statement, “…”").
fn quote_after(cx: &Ctx, after: usize, hi: usize) -> Option<usize> {
    let mut r = after;
    let mut k = after;
    while k < hi && k < after + 8 {
        if cx.is_quote_mark(k) || cx.is_verbish(k) {
            break;
        }
        if matches!(cx.w(k), "," | ":") {
            r = k;
            break;
        }
        k += 1;
    }
    while r < hi && matches!(cx.w(r), "," | ":") {
        r += 1;
    }
    let q = quote_opening_at(cx, r.min(hi.saturating_sub(1)))?;
    let last = cx.quotes[q].last;
    (r < hi && (last + 1 >= hi || only_punct_after(cx, last, hi))).then_some(q)
}

fn right_content(cx: &Ctx, fc: &Found, after: usize, stop: usize) -> Right {
    let cue = fc.cue;
    let mut r = after;
    if cue.class == CueClass::According {
        // "According to X, B": B follows the comma after the source; elsewhere in the sentence
        // "according to X" qualifies the clause before it.
        if r < stop && cx.w(r) == "," && fc.cue.start <= sources::skip_dateline(cx, fc.cue.start.saturating_sub(0), stop) && cx.is_initial(fc.cue.start) {
            r += 1;
        } else {
            return Right::Empty;
        }
        return clause_span(cx, r, stop).map_or(Right::Empty, |s| Right::Content(s, false));
    }
    if r >= stop || cx.w(r) == "," {
        return Right::Empty;
    }
    if cue.lemma == "describe" {
        if let Some(a) = (r..stop.min(r + 15)).find(|&t| cx.l(t) == "as" && !cx.in_quote(t)) {
            let z = a + 1;
            if let Some(q) = quote_opening_at(cx, z) {
                let last = cx.quotes[q].last;
                if last + 1 >= stop || only_punct_after(cx, last, stop) {
                    return Right::Content(cx.quotes[q].content(cx.doc), true);
                }
            }
            return clause_span(cx, z, stop).map_or(Right::Rejected, |s| Right::Content(s, false));
        }
    }
    // "was quoted by Interfax as saying (that) …"
    if cue.lemma == "quote" {
        if let Some(s) = (r..stop.min(r + 10)).find(|&t| cx.l(t) == "saying" && cx.l(t - 1) == "as") {
            r = s + 1;
            if r < stop && cx.l(r) == "that" {
                r += 1;
            }
            return clause_span(cx, r, stop).map_or(Right::Empty, |s| Right::Content(s, false));
        }
    }
    // "said (Thursday / in a statement / to reporters) that …"
    let mut that = None;
    for t in r..stop.min(r + WINDOW) {
        let l = cx.l(t);
        let infinitive = l == "to" && t + 1 < stop && cx.is_word(t + 1) && !cx.is_cap(t + 1) && !lexicon::is_det(cx.l(t + 1));
        if cx.in_quote(t) || cx.w(t) == "," || (t > r && cx.is_verbish(t)) || (lexicon::is_pronoun(l) && l != "who") || infinitive {
            break;
        }
        if cx.l(t) == "that" {
            // "wrote the programs that revealed …": a relative "that", not a reported clause.
            if t > r && t + 1 < stop && (cx.is_verbish(t + 1) || lexicon::is_modal_or_to(cx.l(t + 1))) {
                break;
            }
            that = Some(t);
            break;
        }
    }
    if let Some(t) = that {
        r = t + 1;
        // "said that, once you use it, …": an adverbial clause before the reported one.
        if r < stop && cx.w(r) == "," {
            r += 1;
        }
    } else {
        // Time words and adjuncts between the cue and its content.
        while r < stop && lexicon::is_time_word(cx.l(r)) && !cx.in_quote(r) {
            r += 1;
        }
        if r >= stop {
            return Right::Empty;
        }
        let l = cx.l(r);
        if matches!(cue.lemma, "tell") {
            // The addressee: "told reporters …", "told him …", "tell TMZ …", "told the court …".
            if matches!(l, "me" | "him" | "her" | "them" | "us" | "you") {
                r += 1;
            } else if cx.is_namey(r) {
                while r < stop && (cx.is_namey(r) || cx.w(r) == "-") {
                    r += 1;
                }
            } else if lexicon::is_det(l) {
                r += 1;
                while r < stop && r < after + 5 && cx.is_word(r) && !cx.is_verbish(r) && !lexicon::is_pronoun(cx.l(r)) && !lexicon::is_det(cx.l(r)) && cx.l(r) != "that" {
                    r += 1;
                }
            } else if cx.is_word(r) && !lexicon::is_pronoun(l) && !cx.is_verbish(r) && l != "of" {
                r += 1; // "told cops it was taken"
            }
            while r < stop && matches!(cx.w(r), "..." | "…" | ":") {
                r += 1;
            }
            // "told Reuters on Tuesday." — only an adjunct after the addressee.
            while r < stop && lexicon::is_time_word(cx.l(r)) && !cx.in_quote(r) {
                r += 1;
            }
            if r < stop && lexicon::is_preposition(cx.l(r)) && cx.l(r) != "to" {
                return Right::Empty;
            }
        } else if cue.lemma == "express concern" && matches!(l, "about" | "over" | "at") {
            r += 1;
        } else if l == "to" && r + 1 < stop && (cx.is_cap(r + 1) || lexicon::is_det(cx.l(r + 1))) {
            return Right::Empty; // "spoke to Reuters" without a clause
        } else if l != "to" && lexicon::is_preposition(l) && !(cue.lemma == "issue a plea" && l == "for") && !(matches!(cue.lemma, "warn" | "accuse" | "complain" | "boast") && matches!(l, "of" | "about" | "against")) {
            return Right::Empty; // "said in a statement.", "declared in a televised address …"
        }
    }
    if r >= stop || cx.w(r) == "," {
        return Right::Empty;
    }
    // "say little about …", "said nothing": no statement.
    if that.is_none() && matches!(cx.l(r), "little" | "nothing" | "much" | "anything" | "something" | "so" | "otherwise" | "more" | "less" | "goodbye" | "hello" | "sorry" | "thanks") {
        return Right::Rejected;
    }
    let Some(span) = clause_span(cx, r, stop) else { return Right::Empty };
    if (r..stop).filter(|&t| cx.is_word(t) || cx.kind(t) == TokenKind::Number).take(2).count() < 2 {
        return Right::Rejected; // "figures suggest otherwise"
    }
    if cue.class == CueClass::NeedsClause && that.is_none() && !has_clause(cx, r, stop) {
        return Right::Rejected;
    }
    Right::Content(span, false)
}

/// "A, a concern raised by X, and that B": the content split at ", and that" when an
/// appositive (", a/an …") separates the two reported clauses.
fn split_and_that(cx: &Ctx, content: Span) -> Option<(Span, Span)> {
    let toks = &cx.doc.tokens;
    let a = toks.partition_point(|t| t.span.start < content.start);
    let b = toks.partition_point(|t| t.span.end <= content.end);
    let at = (a + 1..b.saturating_sub(3)).find(|&t| cx.w(t) == "," && matches!(cx.l(t + 1), "and" | "but") && cx.l(t + 2) == "that" && !cx.in_quote(t))?;
    let appo = (a + 1..at).find(|&t| cx.w(t) == "," && matches!(cx.l(t + 1), "a" | "an") && !cx.in_quote(t))?;
    let first = clause_span(cx, a, appo)?;
    let second = clause_span(cx, at + 3, b)?;
    Some((first, second))
}

/// Does `a..b` read as a clause (a finite verb or a question word) rather than a bare object?
fn has_clause(cx: &Ctx, a: usize, b: usize) -> bool {
    if matches!(cx.l(a), "how" | "why" | "what" | "whether" | "if" | "when" | "where" | "who") {
        return true;
    }
    (a..b.min(a + 14)).take_while(|&t| cx.w(t) != ",").any(|t| {
        matches!(cx.l(t), "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would" | "could" | "can" | "should" | "may" | "might" | "must" | "did" | "does" | "do")
    })
}

/// The span of tokens `a..b` as content: trailing non-restrictive tails (", which …"), final
/// punctuation and unbalanced marks cut off.
fn clause_span(cx: &Ctx, a: usize, b: usize) -> Option<Span> {
    span_of(cx, a, b, true)
}

/// Content tokens `a..b`, trimmed; `cut_tails` cuts non-restrictive tails (content after a cue).
fn span_of(cx: &Ctx, a: usize, b: usize, cut_tails: bool) -> Option<Span> {
    let mut a = a;
    let mut b = b;
    for t in (a + 1..b).filter(|_| cut_tails) {
        if cx.w(t - 1) == "," && !cx.in_quote(t) && (lexicon::ends_content(cx.l(t)) || matches!(cx.l(t), "its" | "his" | "their") && cx.is_namey(t.saturating_sub(2))) {
            // "the plan, which was approved in May, would cost …": an embedded clause stays.
            let embedded = (t + 1..b).any(|u| cx.w(u) == "," && u + 1 < b && cx.is_verbish(u + 1));
            if !embedded {
                b = t - 1;
                break;
            }
        }
    }
    // A quotation mark opening indirect content is dropped (he admitted "politics …" meant …),
    // and so is punctuation ("promised: the fastest …").
    while a < b && (cx.is_quote_mark(a) || matches!(cx.w(a), ":" | "," | ";" | "—" | "–" | "-")) {
        a += 1;
    }
    while b > a {
        let t = b - 1;
        let w = cx.w(t);
        if matches!(w, "." | "," | ";" | ":" | "—" | "–" | "-") || cx.is_quote_mark(t) || matches!(cx.l(t), "and" | "but" | "or") {
            b -= 1;
        } else {
            break;
        }
    }
    if b <= a || !(a..b).any(|t| cx.is_word(t) || cx.kind(t) == TokenKind::Number) {
        return None;
    }
    Some(cx.range(a, b - 1))
}

/// "A, X said." — the content before the attribution clause; a quotation opening the sentence
/// is the content alone (“…” in that law, X said).
fn left_content(cx: &Ctx, fc: &Found, start: usize, clause_begin: usize, hi: usize, quote_only: bool) -> Option<(Span, bool)> {
    if clause_begin <= start {
        return None;
    }
    if let Some(q) = quote_opening_at(cx, start) {
        if cx.quotes[q].last < clause_begin {
            return Some((cx.quotes[q].content(cx.doc), true));
        }
    }
    if quote_only {
        return None;
    }
    let mut end = clause_begin;
    // "A, X said, B": the content runs on to the end of the sentence.
    let mut after = if fc.inverted && fc.cue.class != CueClass::According { fc.src.b } else { fc.cue.end };
    while after < hi && lexicon::is_time_word(cx.l(after)) {
        after += 1;
    }
    if fc.cue.class != CueClass::According && after + 1 < hi && cx.w(after) == "," {
        let l = cx.l(after + 1);
        let continues = cx.is_word(after + 1)
            && !cx.is_cap(after + 1)
            && !lexicon::is_det(l)
            && !lexicon::is_preposition(l)
            && !matches!(l, "who" | "which" | "according" | "adding" | "saying" | "as" | "noting" | "a" | "an")
            && !l.ends_with("ing")
            && (after + 1..hi.min(after + 4)).any(|t| cx.is_verbish(t));
        // "…, the officials said, the utility switched …" / "…, officials say, they often …"
        let clause_next = cx.is_word(after + 1)
            && (matches!(l, "he" | "she" | "they" | "it" | "we" | "i" | "there")
                || matches!(l, "the" | "this" | "these" | "its" | "their" | "his" | "her")
                    && (after + 2..hi.min(after + 8)).take_while(|&t| cx.w(t) != ",").any(|t| cx.is_verbish(t)));
        let continues = continues || clause_next;
        if continues {
            end = hi;
        }
    }
    let span = span_of(cx, start, end, false)?;
    // An introductory phrase alone ("In an interview,") is no statement.
    if end == clause_begin && (clause_begin - start) < 3 {
        return None;
    }
    Some((span, false))
}
