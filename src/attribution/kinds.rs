//! The kind of a source (named, unnamed, outlet, institution), its canonical name and entity,
//! and the antecedents of pronouns and definite descriptions ("he", "it", "they", "who", "the
//! president", "the US newspaper").
//!
//! Recognised entities decide when the source's head is one of them; otherwise the gazetteers
//! and the head noun decide. Pronouns take the kind of the antecedent they resolve to.

use super::context::Ctx;
use super::lexicon::*;
use super::outlets;
use super::quotes::NONE;
use super::sources::Src;
use crate::analysis::{EntityType, SourceKind};
use crate::fxhash::FxHashMap as HashMap;

/// What the kinds step decides for one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub kind: SourceKind,
    pub entity: Option<usize>,
    pub canonical: Option<String>,
}

/// How many earlier sources a pronoun or description looks back over (antecedents are near;
/// the bound keeps resolution linear).
const LOOKBACK: usize = 64;

/// A source already classified, for pronouns that look back.
struct Prior {
    at: usize,
    kind: SourceKind,
    plural: bool,
    person_name: bool,
    r: Resolved,
}

pub struct Resolver<'c, 'a> {
    cx: &'c Ctx<'a>,
    prior: Vec<Prior>,
    /// Longest name run in the article containing each capitalised word (canonical names
    /// without a recognizer).
    fullest: HashMap<&'a str, (usize, usize)>,
}

/// A capitalised name word, or the lower-case piece of a hyphenated name ("Dong-hoon").
fn name_tok(cx: &Ctx, i: usize) -> bool {
    cx.is_namey(i) || i >= 2 && cx.w(i - 1) == "-" && cx.touches_next(i - 2) && cx.touches_next(i - 1) && cx.is_namey(i - 2)
}

fn lower_words(cx: &Ctx, s: Src) -> String {
    let mut out = String::new();
    for i in s.a..s.b {
        if !out.is_empty() && !cx.touches_next(i - 1) {
            out.push(' ');
        }
        out.push_str(cx.l(i));
    }
    out
}

/// Is the source a news outlet (by name or by head noun)?
pub fn is_outlet_src(cx: &Ctx, s: Src) -> bool {
    if s.a >= s.b {
        return false;
    }
    let head = cx.l(s.b - 1);
    let m = cx.mention_of[s.b - 1];
    if m != NONE && cx.mentions[m as usize].ty == EntityType::Person {
        return false;
    }
    outlets::is_outlet_name(&lower_words(cx, s))
        || is_outlet_noun(head)
        || matches!(head, "reports" | "report" | "reporting") && s.b - s.a >= 2 && matches!(cx.l(s.b - 2), "news" | "media" | "press")
}

impl<'c, 'a> Resolver<'c, 'a> {
    pub fn new(cx: &'c Ctx<'a>) -> Resolver<'c, 'a> {
        let mut fullest: HashMap<&'a str, (usize, usize)> = HashMap::default();
        let n = cx.n();
        let mut i = 0;
        while i < n {
            if !cx.is_namey(i) || is_title(cx.l(i)) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && (cx.is_namey(j) && !is_title(cx.l(j)) || cx.w(j) == "-" && cx.touches_next(j - 1) && cx.touches_next(j) || j > 0 && cx.w(j - 1) == "-" && cx.touches_next(j - 1) && cx.is_word(j)) {
                j += 1;
            }
            if j - i <= 5 {
                for t in i..j {
                    let e = fullest.entry(cx.w(t)).or_insert((i, j));
                    if j - i > e.1 - e.0 {
                        *e = (i, j);
                    }
                }
            }
            i = j;
        }
        Resolver { cx, prior: Vec::new(), fullest }
    }

    fn text(&self, a: usize, b: usize) -> String {
        self.cx.range(a, b - 1).of(self.cx.doc.text).to_string()
    }

    /// Classifies source `s` (in text order of the statements).
    pub fn resolve(&mut self, s: Src) -> Resolved {
        let cx = self.cx;
        let first = cx.l(s.a);
        let single = s.b - s.a == 1;
        let r = if single && matches!(first, "he" | "she" | "him" | "her") {
            self.antecedent(s.a, |p| p.kind == SourceKind::Named && p.person_name && !p.plural, SourceKind::Named, Some(EntityType::Person))
        } else if single && matches!(first, "it" | "its") {
            self.antecedent(s.a, |p| matches!(p.kind, SourceKind::Institution | SourceKind::Outlet) && !p.plural, SourceKind::Institution, Some(EntityType::Org))
        } else if single && matches!(first, "they" | "them") || (s.b - s.a == 3 && cx.l(s.a + 1) == "of" && cx.l(s.a + 2) == "them") {
            let mut r = self.antecedent(s.a, |p| p.plural, SourceKind::Unnamed, None);
            if r.canonical.is_none() {
                r.kind = SourceKind::Unnamed;
            }
            r
        } else if single && matches!(first, "who" | "which") {
            // The name before the comma.
            let mut e = s.a;
            while e > 0 && matches!(cx.w(e - 1), ",") {
                e -= 1;
            }
            if e > 0 && name_tok(cx, e - 1) {
                let mut b = e - 1;
                while b > 0 && (name_tok(cx, b - 1) || cx.w(b - 1) == "-") && e - b < 5 {
                    b -= 1;
                }
                let inner = self.classify(Src { a: b, b: e });
                Resolved { kind: inner.kind, entity: inner.entity, canonical: inner.canonical.or_else(|| Some(self.text(b, e))) }
            } else if let Some(p) = self.prior.iter().rev().take(LOOKBACK).find(|p| p.at < s.a && s.a - p.at < 12) {
                // "said the officials, who added …": the source just before.
                Resolved { kind: p.kind, entity: p.r.entity, canonical: p.r.canonical.clone() }
            } else {
                Resolved { kind: SourceKind::Named, entity: None, canonical: None }
            }
        } else {
            self.classify(s)
        };
        let head = cx.l(s.b - 1);
        let plural = matches!(first, "they" | "them") || (head.ends_with('s') && !cx.is_namey(s.b - 1)) || (s.a..s.b).any(|t| cx.l(t) == "and") || is_people_noun(head) && head.ends_with('s');
        let person_name = r.kind == SourceKind::Named && !is_pronoun(first);
        self.prior.push(Prior { at: s.a, kind: r.kind, plural, person_name, r: r.clone() });
        r
    }

    /// The most recent earlier source matching `want`, or else the nearest earlier mention of
    /// type `ty`.
    fn antecedent(&self, at: usize, want: impl Fn(&Prior) -> bool, default: SourceKind, ty: Option<EntityType>) -> Resolved {
        let cx = self.cx;
        let from_prior = self.prior.iter().rev().take(LOOKBACK).find(|p| p.at < at && want(p));
        // A recognised mention nearer than the prior source wins (the caption before "he said").
        if let Some(ty) = ty {
            let mut t = at;
            let limit = at.saturating_sub(400);
            while t > limit {
                t -= 1;
                if from_prior.is_some_and(|p| p.at >= t) {
                    break;
                }
                let m = cx.mention_of[t];
                if m != NONE {
                    let m = &cx.mentions[m as usize];
                    let ok = m.ty == ty || ty == EntityType::Org && m.ty == EntityType::Org;
                    if ok {
                        let e = m.entity;
                        let kind = if ty == EntityType::Person { SourceKind::Named } else if outlets::is_outlet_name(&cx.entities.get(e).map_or(String::new(), |x| x.canonical.to_lowercase())) { SourceKind::Outlet } else { SourceKind::Institution };
                        return Resolved { kind, entity: Some(e), canonical: cx.entities.get(e).map(|x| x.canonical.clone()) };
                    }
                }
            }
        }
        match from_prior {
            Some(p) => Resolved { kind: p.kind, entity: p.r.entity, canonical: p.r.canonical.clone() },
            None => Resolved { kind: default, entity: None, canonical: None },
        }
    }

    /// The kind of a non-pronoun source.
    fn classify(&self, s: Src) -> Resolved {
        let cx = self.cx;
        // The head: before a prepositional phrase ("Proxies in Syria", "Many of them").
        let mut hb = s.b;
        if let Some(p) = (s.a + 1..s.b).find(|&t| {
            (matches!(cx.l(t), "in" | "of" | "from" | "at" | "by" | "for" | "with" | "seen" | "obtained" | "reviewed" | "released" | "published") || cx.l(t).ends_with("ed") && !cx.is_cap(t))
                && !cx.is_namey(t - 1)
        }) {
            hb = p;
        }
        let h = hb - 1;
        let head = cx.l(h);
        let name_l = lower_words(cx, Src { a: s.a, b: hb });
        let m = cx.mention_of[h];
        let entity = (m != NONE).then(|| cx.mentions[m as usize].entity);
        let canonical_of_entity = entity.and_then(|e| cx.entities.get(e)).map(|e| e.canonical.clone());
        let out = |kind, canonical: Option<String>| Resolved { kind, entity, canonical: canonical_of_entity.clone().or(canonical) };
        if m != NONE {
            let ty = cx.mentions[m as usize].ty;
            match ty {
                // An organisation word at the end outweighs a PERSON tag ("… Tourism Council").
                EntityType::Person if !outlets::has_org_head(&name_l) && !outlets::is_outlet_name(&name_l) => return out(SourceKind::Named, None),
                EntityType::Person => {}
                EntityType::Org => {
                    let canon = canonical_of_entity.clone().unwrap_or_default().to_lowercase();
                    let outlet = outlets::is_outlet_name(&name_l) || outlets::is_outlet_name(&canon);
                    return out(if outlet { SourceKind::Outlet } else { SourceKind::Institution }, None);
                }
                EntityType::Place => return out(SourceKind::Institution, None),
                EntityType::Group if !is_document_noun(head) && !is_institution_noun(head) && !is_outlet_noun(head) => return out(SourceKind::Unnamed, None),
                _ => {}
            }
        }
        if is_outlet_src(cx, s) || is_outlet_src(cx, Src { a: s.a, b: hb }) {
            let canon = if is_outlet_noun(head) { self.prior.iter().rev().take(LOOKBACK).find(|p| p.kind == SourceKind::Outlet && p.r.canonical.is_some()).and_then(|p| p.r.canonical.clone()) } else { None };
            return out(SourceKind::Outlet, canon.or_else(|| Some(self.text(s.a, s.b).trim_start_matches("the ").to_string())));
        }
        if name_tok(cx, h) {
            if outlets::has_org_head(&name_l) || outlets::is_known_institution(&name_l) {
                return out(SourceKind::Institution, Some(self.text(s.a, hb).trim_start_matches("the ").trim_start_matches("The ").to_string()));
            }
            let w = cx.w(h);
            // "CNB said", "RDR said": an acronym is a body, not a person.
            if (hb - s.a == 1 || hb - s.a == 2 && is_det(cx.l(s.a))) && w.len() >= 2 && w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.') && w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2 {
                return out(SourceKind::Institution, Some(w.to_string()));
            }
            let demonym_plural = (w.ends_with("ians") || w.ends_with("ans") || w.ends_with("ese") || w.ends_with("ers")) && !cx.l(s.a).eq("the");
            if demonym_plural && (s.a..hb).all(|t| cx.is_namey(t) || is_det(cx.l(t))) && !self.fullest.get(w).is_some_and(|&(a, b)| b - a > 1) {
                return out(SourceKind::Unnamed, None);
            }
            // The fullest form of the name in the article that contains this one.
            let own = self.text(s.a, s.b);
            let canon = (s.a..s.b).rev().filter(|&t| cx.is_namey(t)).find_map(|t| self.fullest.get(cx.w(t))).map(|&(a, b)| self.text(a, b)).filter(|c| c.contains(own.as_str()));
            return out(SourceKind::Named, canon.or(Some(own)));
        }
        if is_people_noun(head) && !cx.is_cap(h) {
            return out(SourceKind::Unnamed, None);
        }
        // "Sources close to the club", "Officials in Beijing": a people noun heads the phrase.
        let first = if is_det(cx.l(s.a)) && s.a + 1 < s.b { s.a + 1 } else { s.a };
        if first + 1 < s.b && is_people_noun(cx.l(first)) && cx.l(first).ends_with('s') && !cx.is_namey(first + 1) {
            return out(SourceKind::Unnamed, None);
        }
        if is_document_noun(head) || is_institution_noun(head) || lower_org_head_name(&name_l) {
            return out(SourceKind::Institution, None);
        }
        if is_people_noun(head) || matches!(cx.l(s.a), "many" | "some" | "most" | "several" | "few") {
            return out(SourceKind::Unnamed, None);
        }
        if is_unique_role(head) && matches!(cx.l(s.a), "the" | "his" | "her" | "their" | "its") && !head.ends_with('s') {
            // "the president", "The mother": a known person, named further up or down.
            let canon = self.nearest_person(s.a);
            return Resolved { kind: SourceKind::Named, entity: canon.as_ref().and_then(|c| c.1), canonical: canon.map(|c| c.0) };
        }
        out(SourceKind::Unnamed, None)
    }

    fn nearest_person(&self, at: usize) -> Option<(String, Option<usize>)> {
        let cx = self.cx;
        if let Some(p) = self.prior.iter().rev().take(LOOKBACK).find(|p| p.at < at && p.person_name && p.r.canonical.is_some()) {
            return Some((p.r.canonical.clone()?, p.r.entity));
        }
        let mut t = at;
        while t > at.saturating_sub(400) {
            t -= 1;
            let m = cx.mention_of[t];
            if m != NONE && cx.mentions[m as usize].ty == EntityType::Person {
                let e = cx.mentions[m as usize].entity;
                return Some((cx.entities.get(e)?.canonical.clone(), Some(e)));
            }
        }
        None
    }
}

fn lower_org_head_name(name: &str) -> bool {
    outlets::has_org_head(name) && name.split_whitespace().count() >= 2
}
