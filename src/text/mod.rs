//! Text core: spans, offsets, tokens, sentences and paragraphs of English news text.
//!
//! - [`Span`]: a half-open range of UTF-8 byte offsets into the article text (the core's unit).
//! - [`offsets`]: the one place that converts byte offsets to UTF-16 units (the DOM's unit) and
//!   code points (the JSON's unit) and back.
//! - [`tokenize`]: words, numbers, punctuation, quotes, URLs, e-mails and emoji, with spans.
//! - [`Document`]: the text with its tokens, sentences and paragraphs, built once per analysis.

pub mod offsets;
mod segment;
mod span;
pub mod tokenize;

pub use segment::{Paragraph, Segmenter, Sentence};
pub use span::Span;
pub use tokenize::{Token, TokenKind};

/// An article's text with its tokens, sentences and paragraphs.
///
/// Paragraphs are the text's lines (a newline or U+2029 ends one; blank lines are skipped): the
/// web extractor puts one newline between blocks, and article.txt files hold one paragraph a line.
/// Sentences never cross a paragraph; tokens never cross a sentence.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Document<'a> {
        let (tokens, sentences, paragraphs) = segment::segment(text);
        Document { text, tokens, sentences, paragraphs }
    }

    /// The text of a token.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].span.of(self.text)
    }

    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].tokens.clone()]
    }
}
