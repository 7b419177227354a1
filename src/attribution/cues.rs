//! Reporting cues: the verb or phrase that marks a statement, with its auxiliaries ("has
//! admitted", "was quoted as saying", "according to", "first broke the news").
//!
//! A verb is not a cue when its speech is negated ("has not commented"), future or
//! hypothetical ("will tell", "could explain"), an infinitive ("declined to comment"), a passive
//! without an agent ("was described as …"), or when the word is used as a noun or adjective
//! ("news reports", "the reported deaths").

use super::context::Ctx;
use super::lexicon::{self, CueClass, Form};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// First token of the cue (an auxiliary, or "first" in "first broke the news").
    pub start: usize,
    /// One past the last token of the cue.
    pub end: usize,
    /// The reporting verb's token.
    pub verb: usize,
    pub lemma: &'static str,
    pub form: Form,
    pub class: CueClass,
}

/// The cue starting at (or whose verb is) token `i`, if any. `lo` bounds the look-back.
pub fn at(cx: &Ctx, i: usize, lo: usize, hi: usize) -> Option<Cue> {
    if !cx.is_word(i) {
        return None;
    }
    let l = cx.l(i);
    let next = |k: usize| if i + k < hi { cx.l(i + k) } else { "" };
    let cue = |start, end, lemma, form, class| Some(Cue { start, end, verb: i, lemma, form, class });
    // Fixed phrases first.
    match l {
        "according" if next(1) == "to" => return cue(i, i + 2, "according to", Form::Base, CueClass::According),
        "quoted" if next(1) == "as" && matches!(next(2), "saying" | "telling") => {
            let s = aux_start(cx, i, lo);
            return cue(s, i + 3, "quote", Form::Past, CueClass::Say);
        }
        // "was quoted by Interfax as saying": the cue is "was quoted", the outlet relays.
        "quoted" if next(1) == "by" && (3..9).any(|k| next(k) == "as" && matches!(next(k + 1), "saying" | "telling")) => {
            let s = aux_start(cx, i, lo);
            return cue(s, i + 1, "quote", Form::Past, CueClass::Say);
        }
        "broke" | "breaks" | "break" | "broken" if next(1) == "the" && next(2) == "news" => {
            let s = if i > lo && cx.l(i - 1) == "first" { i - 1 } else { i };
            let s = aux_start(cx, s, lo);
            return finish(cx, cue(s, i + 3, "break the news", Form::Past, CueClass::Say)?, lo);
        }
        "issued" | "issues" | "issue" if next(1) == "a" && matches!(next(2), "plea" | "warning" | "appeal") => {
            let s = aux_start(cx, i, lo);
            return finish(cx, cue(s, i + 3, "issue a plea", Form::Past, CueClass::Say)?, lo);
        }
        "expressed" | "expresses" | "express" | "expressing" if matches!(next(1), "concern" | "concerns" | "doubt" | "doubts") => {
            let s = aux_start(cx, i, lo);
            let form = if l == "expressing" { Form::Ing } else { Form::Past };
            return finish(cx, cue(s, i + 2, "express concern", form, CueClass::Say)?, lo);
        }
        "pointed" | "points" | "point" | "pointing" if next(1) == "out" => {
            let s = aux_start(cx, i, lo);
            let form = if l == "pointing" { Form::Ing } else { Form::Past };
            return finish(cx, cue(s, i + 2, "point out", form, CueClass::Say)?, lo);
        }
        "summed" | "sums" | "sum" if next(1) == "up" => {
            let s = aux_start(cx, i, lo);
            return finish(cx, cue(s, i + 2, "sum up", Form::Past, CueClass::Say)?, lo);
        }
        _ => {}
    }
    let v = lexicon::verb(l)?;
    // "never-say-die": a piece of a hyphenated compound.
    if i > lo && cx.touches_next(i - 1) && cx.kind(i - 1) == crate::text::TokenKind::Dash || cx.touches_next(i) && i + 1 < hi && cx.kind(i + 1) == crate::text::TokenKind::Dash {
        return None;
    }
    // "unless stated", "as reported", "than expected": no subject of its own.
    if i > lo && matches!(cx.l(i - 1), "unless" | "as" | "than" | "if" | "when" | "once" | "where") && matches!(v.form, Form::Past | Form::Participle) {
        return None;
    }
    // "an official accused of …": a reduced passive, not speech.
    if v.form == Form::Past && next(1) == "of" && v.lemma == "accuse" {
        return None;
    }
    // "adding to the challenges" is not speech.
    if v.lemma == "add" && matches!(next(1), "to" | "up") {
        return None;
    }
    // "the accused killer", "an alleged plot": adjectives before a noun.
    if matches!(v.lemma, "accuse" | "allege") && v.form == Form::Past && i + 1 < hi && cx.is_word(i + 1) && !cx.is_cap(i + 1)
        && !lexicon::is_det(next(1)) && !lexicon::is_pronoun(next(1)) && !matches!(next(1), "that" | "him" | "her" | "them" | "us" | "me" | "of")
    {
        return None;
    }
    if cx.is_cap(i) && !cx.is_initial(i) {
        return None; // a name ("Said", "Warns") rather than a verb
    }
    let prev = if i > lo { cx.l(i - 1) } else { "" };
    // A noun or adjective: "the reported deaths", "Iran's claims", "news reports".
    if lexicon::is_det(prev) || matches!(prev, "'s" | "’s" | "news" | "media" | "press" | "local" | "unconfirmed" | "earlier" | "initial" | "first") && v.form != Form::Past {
        return None;
    }
    if lexicon::is_det(prev) {
        return None;
    }
    if matches!(v.form, Form::S | Form::Base) && lexicon::noun_like(v.lemma) && i > lo && cx.is_verbish(i - 1) {
        return None;
    }
    if matches!(v.form, Form::S | Form::Base) && lexicon::noun_like(v.lemma) && !(matches!(next(1), "that" | ":") || i + 1 < hi && cx.is_quote_mark(i + 1)) {
        return None;
    }
    if v.form == Form::Ing {
        // A participle clause (", saying …", "and adding …") or a progressive ("is saying").
        let mut p = i;
        while p > lo && lexicon::is_adverb(cx.l(p - 1)) {
            p -= 1;
        }
        let before = if p > lo { cx.w(p - 1) } else { "" };
        let ok = before == "," || matches!(cx.l(p.saturating_sub(1)), "and" | "but" | "while") && p > lo || lexicon::is_be(&before.to_ascii_lowercase());
        if !ok {
            return None;
        }
    }
    let s = aux_start(cx, i, lo);
    finish(cx, Cue { start: s, end: i + 1, verb: i, lemma: v.lemma, form: v.form, class: v.class }, lo)
}

/// The first of the auxiliaries that touch the verb at `i` ("has", "have been").
fn aux_start(cx: &Ctx, i: usize, lo: usize) -> usize {
    let mut s = i;
    while s > lo && lexicon::is_aux(cx.l(s - 1)) && !matches!(cx.l(s - 1), "do" | "does" | "did") {
        s -= 1;
    }
    s
}

/// Rejects negated, future, hypothetical, infinitive and agentless passive uses.
fn finish(cx: &Ctx, c: Cue, lo: usize) -> Option<Cue> {
    let mut passive = false;
    let mut p = c.verb;
    let mut steps = 0;
    while p > lo && steps < 5 {
        let l = cx.l(p - 1);
        if lexicon::is_negation(l) {
            return None;
        }
        if lexicon::is_modal_or_to(l) {
            return None;
        }
        if lexicon::is_be(l) {
            passive = true;
        } else if !(lexicon::is_aux(l) || lexicon::is_adverb(l) || lexicon::is_ly_adverb(l)) {
            // "declined to comment", "refused to say" end in "to", caught above.
            if matches!(l, "declined" | "refused" | "failed") {
                return None;
            }
            break;
        }
        p -= 1;
        steps += 1;
    }
    if passive && matches!(c.form, Form::Past | Form::Participle) && c.lemma != "quote" {
        return None;
    }
    // "written", "shown": a participle reports only after "has"/"have"/"had".
    if c.form == Form::Participle && !(c.start..c.verb).any(|t| matches!(cx.l(t), "has" | "have" | "had" | "'ve" | "’ve")) {
        return None;
    }
    Some(c)
}
