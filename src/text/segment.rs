//! Paragraphs (lines) and sentences over the tokens.

use super::tokenize::{is_abbreviation, tokenize_into, Token, TokenKind};
use super::Span;
use std::ops::Range;

/// One sentence: its span (first to last token) and its tokens' indices in `Document::tokens`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// One paragraph: its span (first to last non-space character) and its sentences' indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: Range<usize>,
}

/// Long runs without sentence punctuation are cut into sentences of at most this many tokens,
/// so that nothing downstream sees an unbounded sentence.
const MAX_SENTENCE_TOKENS: usize = 400;

/// Abbreviations that can end a sentence when a usual sentence opener follows ("… in the U.S. The …").
static FINAL_ABBREVIATIONS: crate::words::Words = crate::words::Words::new("U.S.|U.K.|U.N.|E.U.|D.C.|Inc.|Ltd.|Co.|Corp.|Jr.|Sr.|a.m.|p.m.|etc.|Bros.|Plc.");

/// Words that usually open a sentence.
static OPENERS: crate::words::Words = crate::words::Words::new("The|A|An|He|She|It|They|We|I|You|In|But|And|This|That|These|Those|His|Her|Their|Its|Our|On|At|As|After|Before|When|While|If|Some|Many|Most|Meanwhile|However|Yet|So|There|What|Why|How|Who|For|Still|Since|According|Officials|Now|Then|Last|One|Two|Asked|Speaking|Despite|During|Under|With|Without|Although");

/// Segmentation in steps, a line at a time (the main-thread fallback analyses in slices).
/// Lines are independent: sentences never cross one, so the steps give what one pass would.
#[derive(Debug, Default)]
pub struct Segmenter {
    /// Where the next line starts (a byte offset).
    pos: usize,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    paragraphs: Vec<Paragraph>,
}

impl Segmenter {
    pub fn new(text: &str) -> Segmenter {
        Segmenter { tokens: Vec::with_capacity(text.len() / 5 + 1), ..Segmenter::default() }
    }

    /// Segments lines of `text` (the same text every call) until `stop()`, asked after each
    /// line, says to pause. True when the whole text is done.
    pub fn step(&mut self, text: &str, stop: &mut dyn FnMut() -> bool) -> bool {
        loop {
            let Some(line) = next_line(text, self.pos) else {
                self.pos = text.len();
                return true;
            };
            self.pos = line.end;
            self.line(text, line);
            if stop() {
                return false;
            }
        }
    }

    fn line(&mut self, text: &str, line: Range<usize>) {
        let first = self.tokens.len();
        tokenize_into(text, line.start, line.end, &mut self.tokens);
        if self.tokens.len() == first {
            return; // a line of separators only
        }
        let p = self.paragraphs.len();
        let s0 = self.sentences.len();
        split_sentences(text, &self.tokens, first, p, &mut self.sentences);
        let span = Span::new(self.tokens[first].span.start, self.tokens[self.tokens.len() - 1].span.end);
        self.paragraphs.push(Paragraph { span, sentences: s0..self.sentences.len() });
    }

    /// The tokens, sentences and paragraphs (call once `step` has returned true).
    pub fn finish(self) -> (Vec<Token>, Vec<Sentence>, Vec<Paragraph>) {
        (self.tokens, self.sentences, self.paragraphs)
    }
}

pub(crate) fn segment(text: &str) -> (Vec<Token>, Vec<Sentence>, Vec<Paragraph>) {
    let mut s = Segmenter::new(text);
    s.step(text, &mut || false);
    s.finish()
}

/// The byte range of the first non-empty line at or after `from`, without its terminator
/// (newline, carriage return, U+2028 or U+2029 ends a line).
fn next_line(text: &str, mut from: usize) -> Option<Range<usize>> {
    while from < text.len() {
        let rest = &text[from..];
        let end = rest.find(['\n', '\r', '\u{2028}', '\u{2029}']).map_or(text.len(), |i| from + i);
        if end > from {
            return Some(from..end);
        }
        from = end + text[end..].chars().next().map_or(0, char::len_utf8);
    }
    None
}

fn split_sentences(text: &str, tokens: &[Token], first: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let end = tokens.len();
    let mut start = first;
    let mut i = first;
    while i < end {
        let mut stop = ends_sentence(text, tokens, i, end);
        if !stop && i + 1 - start >= MAX_SENTENCE_TOKENS {
            stop = true;
        }
        if stop {
            // Closing quotes and brackets that touch the terminator belong to this sentence.
            let mut j = i + 1;
            while j < end && tokens[j].span.start == tokens[j - 1].span.end && is_closer(tokens[j].span.of(text)) {
                j += 1;
            }
            push(tokens, start, j, paragraph, out);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    if start < end {
        push(tokens, start, end, paragraph, out);
    }
}

fn push(tokens: &[Token], a: usize, b: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence { span: Span::new(tokens[a].span.start, tokens[b - 1].span.end), tokens: a..b, paragraph });
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | "»" | ")" | "]" | "}")
}

/// Does token `i` end a sentence (before any closing quotes)?
fn ends_sentence(text: &str, tokens: &[Token], i: usize, end: usize) -> bool {
    let t = tokens[i].span.of(text);
    let terminal = matches!(t, "." | "!" | "?" | "…" | "؟" | "。" | "۔") || (tokens[i].kind == TokenKind::Punct && t.starts_with(".."));
    let abbrev = !terminal && tokens[i].kind == TokenKind::Word && t.ends_with('.');
    if !terminal && !abbrev {
        return false;
    }
    // The next token after any closers must look like the start of a sentence.
    let mut j = i + 1;
    while j < end && tokens[j].span.start == tokens[j - 1].span.end && is_closer(tokens[j].span.of(text)) {
        j += 1;
    }
    if j >= end {
        return true;
    }
    let next = tokens[j].span.of(text);
    let c = next.chars().next().unwrap_or(' ');
    let opens = c.is_uppercase()
        || c.is_numeric()
        || (c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()) // scripts without case
        || matches!(c, '"' | '“' | '‘' | '«' | '(' | '[' | '\'' | '¿' | '¡')
        || tokens[j].kind == TokenKind::Emoji;
    if !opens {
        return false;
    }
    if terminal {
        // "..." inside a sentence followed by a capitalised name is common; keep splitting anyway.
        return true;
    }
    // An abbreviation ends a sentence only when it often stands last and a usual opener follows.
    let word = t.trim_end_matches('.');
    if is_abbreviation(word) && !FINAL_ABBREVIATIONS.contains(t) {
        return false;
    }
    let is_initial = word.chars().count() == 1;
    if is_initial {
        return false;
    }
    FINAL_ABBREVIATIONS.contains(t) && OPENERS.contains(next)
}

#[cfg(test)]
mod tests {
    use crate::text::Document;

    fn sents(text: &str) -> Vec<&str> {
        let d = Document::new(text);
        d.sentences.iter().map(|s| s.span.of(text)).collect()
    }

    #[test]
    fn splits_on_terminators_not_abbreviations() {
        assert_eq!(
            sents("Mr. Smith went to Washington. He met Gov. Hochul at 10 a.m. on Jan. 3. Then he left!"),
            ["Mr. Smith went to Washington.", "He met Gov. Hochul at 10 a.m. on Jan. 3.", "Then he left!"]
        );
        assert_eq!(sents("Aid from the U.S. Government arrived. It was late."), ["Aid from the U.S. Government arrived.", "It was late."]);
        assert_eq!(sents("It came from the U.S. The rest did not."), ["It came from the U.S.", "The rest did not."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(sents("He said, “We will go.” She did not."), ["He said, “We will go.”", "She did not."]);
        assert_eq!(sents("\"Why?\" he asked. \"Because.\""), ["\"Why?\" he asked.", "\"Because.\""]);
    }

    #[test]
    fn paragraphs_are_lines() {
        let text = "Headline Here\nFirst para. Second sentence.\n\n  \nLast one";
        let d = Document::new(text);
        let paras: Vec<&str> = d.paragraphs.iter().map(|p| p.span.of(text)).collect();
        assert_eq!(paras, ["Headline Here", "First para. Second sentence.", "Last one"]);
        assert_eq!(d.paragraphs[1].sentences, 1..3);
        assert_eq!(d.sentences[2].paragraph, 1);
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(sents("The rate was 3.5 per cent. in May"), ["The rate was 3.5 per cent. in May"]);
    }

    #[test]
    fn empty_and_blank_texts() {
        assert!(Document::new("").sentences.is_empty());
        assert!(Document::new(" \n\u{200B}\n").paragraphs.is_empty());
    }

    #[test]
    fn unpunctuated_runs_are_bounded() {
        let text = "word ".repeat(2000);
        let d = Document::new(&text);
        assert!(d.sentences.iter().all(|s| s.tokens.len() <= super::MAX_SENTENCE_TOKENS));
        assert_eq!(d.sentences.iter().map(|s| s.tokens.len()).sum::<usize>(), 2000);
    }
}
