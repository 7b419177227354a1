//! The view of a document that the attribution rules read: tokens with their lower-cased form,
//! which quotation each token belongs to, and which words the article writes capitalised in the
//! middle of a sentence (so that a capitalised first word can be told apart from a name).

use super::quotes::{self, Quote, NONE};
use crate::analysis::{Entity, Mention};
use crate::text::{Document, Span, TokenKind};
use crate::fxhash::FxHashSet as HashSet;

pub struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    /// The text with ASCII letters lower-cased: same byte offsets, so a token's lower-case form is
    /// a slice of it.
    lc: String,
    pub quotes: Vec<Quote>,
    /// For each token, the index of the top-level quote it is in (marks included), or `NONE`.
    pub quote_of: Vec<u32>,
    /// For each token, the index of the mention covering it, or `NONE`.
    pub mention_of: Vec<u32>,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// Tokens that begin a sentence or follow an opening quotation mark.
    initial: Vec<bool>,
    /// Lower-cased words the text writes capitalised somewhere other than a sentence start.
    cap_inside: HashSet<&'a str>,
    /// Lower-cased words the text writes in lower case somewhere.
    lower_seen: HashSet<&'a str>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document<'a>, mentions: &'a [Mention], entities: &'a [Entity]) -> Ctx<'a> {
        let (quotes, quote_of) = quotes::find(doc);
        let n = doc.tokens.len();
        let mut initial = vec![false; n];
        for s in &doc.sentences {
            if s.tokens.start < n {
                initial[s.tokens.start] = true;
            }
        }
        for i in 1..n {
            let opener = quote_of[i - 1] != NONE && quotes[quote_of[i - 1] as usize].open == i - 1;
            if opener || doc.tokens[i - 1].span.of(doc.text) == ":" {
                initial[i] = true;
            }
        }
        let mut mention_of = vec![NONE; n];
        let mut t = 0;
        for (mi, m) in mentions.iter().enumerate() {
            while t < n && doc.tokens[t].span.end <= m.span.start {
                t += 1;
            }
            let mut u = t;
            while u < n && doc.tokens[u].span.start < m.span.end {
                mention_of[u] = mi as u32;
                u += 1;
            }
        }
        let mut cap_inside = HashSet::default();
        let mut lower_seen = HashSet::default();
        let lc = doc.text.to_ascii_lowercase();
        let mut cx = Ctx { doc, lc, quotes, quote_of, mention_of, mentions, entities, initial, cap_inside: HashSet::default(), lower_seen: HashSet::default() };
        for i in 0..n {
            if doc.tokens[i].kind != TokenKind::Word {
                continue;
            }
            let w = doc.tokens[i].span.of(doc.text);
            let first = w.chars().next().unwrap_or(' ');
            // Keys borrow the original text, lower-cased words are compared by ASCII case folding.
            if first.is_uppercase() {
                if !cx.initial[i] {
                    cap_inside.insert(w);
                }
            } else if first.is_lowercase() {
                lower_seen.insert(w);
            }
        }
        cx.cap_inside = cap_inside;
        cx.lower_seen = lower_seen;
        cx
    }

    pub fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    /// The token as written.
    pub fn w(&self, i: usize) -> &'a str {
        self.doc.tokens[i].span.of(self.doc.text)
    }

    /// The token lower-cased (ASCII).
    pub fn l(&self, i: usize) -> &str {
        self.doc.tokens[i].span.of(&self.lc)
    }

    pub fn span(&self, i: usize) -> Span {
        self.doc.tokens[i].span
    }

    /// Byte span from the start of token `a` to the end of token `b` (inclusive).
    pub fn range(&self, a: usize, b: usize) -> Span {
        Span::new(self.doc.tokens[a].span.start, self.doc.tokens[b].span.end)
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.kind(i), TokenKind::Word)
    }

    pub fn in_quote(&self, i: usize) -> bool {
        self.quote_of[i] != NONE
    }

    pub fn is_quote_mark(&self, i: usize) -> bool {
        self.kind(i) == TokenKind::Quote
    }

    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.w(i).chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// Does the text after token `i` (before token `i + 1`) contain no space? (hyphen pieces)
    pub fn touches_next(&self, i: usize) -> bool {
        i + 1 < self.n() && self.doc.tokens[i].span.end == self.doc.tokens[i + 1].span.start
    }

    pub fn is_initial(&self, i: usize) -> bool {
        self.initial[i]
    }

    /// Is this capitalised word a name rather than a common word that opens a sentence?
    /// A recognised mention settles it; otherwise a sentence-initial word counts as a name when
    /// the article also writes it capitalised inside a sentence, or never writes it lower-cased.
    pub fn is_namey(&self, i: usize) -> bool {
        if !self.is_cap(i) {
            return false;
        }
        let l = self.l(i);
        if super::lexicon::is_det(l) || super::lexicon::is_pronoun(l) || super::lexicon::is_conj(l) || super::lexicon::is_people_noun(l) {
            return false;
        }
        if self.mention_of[i] != NONE {
            return true;
        }
        if !self.initial[i] {
            return true;
        }
        let w = self.w(i);
        if self.cap_inside.contains(w) {
            return true;
        }
        if super::lexicon::is_preposition(l) || super::lexicon::is_intro(l) || super::lexicon::is_adverb(l) {
            return false;
        }
        !self.lower_seen.contains(l)
    }

    /// Finite verbs and participles that end a noun phrase (rough, without a tagger).
    pub fn is_verbish(&self, i: usize) -> bool {
        if !self.is_word(i) || self.is_cap(i) {
            return false;
        }
        let l = self.l(i);
        matches!(l, "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would" | "could"
            | "can" | "may" | "might" | "should" | "must" | "did" | "does" | "do" | "says" | "said"
            | "told" | "took" | "made" | "gave" | "went" | "came" | "left" | "held" | "saw" | "won"
            | "lost" | "met" | "began" | "became" | "got" | "put" | "set" | "ran" | "led" | "sent")
            || (l.len() > 4 && l.ends_with("ed"))
            || super::lexicon::verb(l).is_some_and(|v| v.form != super::lexicon::Form::Base)
    }
}
