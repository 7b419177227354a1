//! Quotations: pairs of double quotation marks at the top level of the text.
//!
//! Straight (") and typographic (“ ” „ « ») marks are paired with a stack, so a quotation may
//! hold a nested one in the other style ("… a “duty to warn” policy …"). Single quotes are left
//! alone: they are mostly apostrophes, and nested single quotes do not change the top level.
//! A quotation left open at the end of a paragraph continues when the next paragraph opens with
//! a mark (the newspaper convention for quotes running over paragraphs); otherwise it ends with
//! its paragraph.

use crate::text::{Document, Span, TokenKind};

pub const NONE: u32 = u32::MAX;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the quote runs to the end of a paragraph.
    pub close: Option<usize>,
    /// Last token of the quote (the closing mark, or the paragraph's last token).
    pub last: usize,
}

impl Quote {
    /// The quoted words: inside the marks, without a trailing comma (GOLD: "a trailing comma
    /// before the closing mark is dropped, a final . ? ! kept").
    pub fn content(&self, doc: &Document) -> Span {
        let start = doc.tokens[self.open].span.end;
        let end = match self.close {
            Some(c) => doc.tokens[c].span.start,
            None => doc.tokens[self.last].span.end,
        };
        trim_span(doc.text, Span::new(start, end.max(start)), &[',', ';', ':'])
    }
}

/// Trims whitespace and then any of `chars` (and whitespace again) off the end of a span.
pub fn trim_span(text: &str, span: Span, chars: &[char]) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let mut t = s.trim_start();
    loop {
        let u = t.trim_end().trim_end_matches(|c| chars.contains(&c));
        if u.len() == t.len() {
            break;
        }
        t = u;
    }
    let t = t.trim_end();
    Span::new(span.start + lead, span.start + lead + t.len())
}

fn class(s: &str) -> Option<Mark> {
    match s {
        "\"" | "″" => Some(Mark::Straight),
        "“" | "„" | "‟" | "«" => Some(Mark::Open),
        "”" | "»" => Some(Mark::Close),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Straight,
    Open,
    Close,
}

/// Finds the top-level quotes and, for every token, the quote it belongs to (marks included).
pub fn find(doc: &Document) -> (Vec<Quote>, Vec<u32>) {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut of = vec![NONE; doc.tokens.len()];
    // Stack of open marks (their kinds); the bottom one is the top-level quote being read.
    let mut stack: Vec<Mark> = Vec::new();
    let mut open_at = 0usize;
    // Set when a quote left open at a paragraph's end continues into the next paragraph, whose
    // opening mark then re-opens the same quote instead of starting a new one.
    let mut continuing = false;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if p.sentences.is_empty() {
            continue;
        }
        let toks = doc.sentences[p.sentences.start].tokens.start..doc.sentences[p.sentences.end - 1].tokens.end;
        for i in toks.clone() {
            let t = &doc.tokens[i];
            let mark = if t.kind == TokenKind::Quote { class(t.span.of(doc.text)) } else { None };
            if continuing {
                continuing = false;
                if let Some(m @ (Mark::Open | Mark::Straight)) = mark {
                    stack.clear();
                    stack.push(if m == Mark::Straight { Mark::Straight } else { Mark::Open });
                    continue;
                }
            }
            match mark {
                None => {}
                Some(Mark::Open) => {
                    if stack.is_empty() {
                        open_at = i;
                    }
                    stack.push(Mark::Open);
                }
                Some(Mark::Close) => {
                    if !stack.is_empty() {
                        stack.pop();
                        if stack.is_empty() {
                            quotes.push(Quote { open: open_at, close: Some(i), last: i });
                        }
                    }
                }
                Some(Mark::Straight) => {
                    if stack.is_empty() {
                        open_at = i;
                        stack.push(Mark::Straight);
                    } else if *stack.last().unwrap() == Mark::Straight || !opens_here(doc, i) {
                        stack.pop();
                        if stack.is_empty() {
                            quotes.push(Quote { open: open_at, close: Some(i), last: i });
                        }
                    } else {
                        stack.push(Mark::Straight);
                    }
                }
            }
        }
        if !stack.is_empty() {
            let next_opens = doc.paragraphs.get(pi + 1).is_some_and(|np| {
                let first = doc.sentences[np.sentences.start].tokens.start;
                doc.tokens[first].kind == TokenKind::Quote
                    && matches!(class(doc.tokens[first].span.of(doc.text)), Some(Mark::Open | Mark::Straight))
            });
            if next_opens {
                continuing = true;
            } else {
                quotes.push(Quote { open: open_at, close: None, last: toks.end - 1 });
                stack.clear();
            }
        }
    }
    for (qi, q) in quotes.iter().enumerate() {
        for slot in &mut of[q.open..=q.last] {
            *slot = qi as u32;
        }
    }
    (quotes, of)
}

/// A straight mark inside a typographic quote opens a nested quote when it precedes a word
/// and follows a space.
fn opens_here(doc: &Document, i: usize) -> bool {
    let t = doc.tokens[i].span;
    let before = doc.text[..t.start].chars().next_back().is_none_or(|c| c.is_whitespace() || "([—–-".contains(c));
    let after = doc.text[t.end..].chars().next().is_some_and(|c| c.is_alphanumeric());
    before && after
}
