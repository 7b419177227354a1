//! The analysis in steps: the same pipeline as [`crate::analyze`] (which runs it to the end),
//! cut where it can pause, so that a page without a worker analyses on its own thread in slices
//! of a few milliseconds. Segmentation pauses between lines, tagging between sentences; the
//! document-level stages (typing names, numbers, linking, attribution) each run whole, in a step
//! of their own.

use crate::analysis::{Analysis, Config, Entity, Error, Mention};
use crate::entities::{self, typing, Cand, Tagging};
use crate::text::{Document, Paragraph, Segmenter, Sentence, Token};
use crate::attribution;

/// An analysis in progress: [`Analyzer::step`] until it gives the [`Analysis`].
pub struct Analyzer {
    text: String,
    stage: Stage,
}

/// A document's parts without its text (the analyzer owns the text).
#[derive(Default)]
struct Parts {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    paragraphs: Vec<Paragraph>,
}

enum Stage {
    Segment(Segmenter),
    Tag(Parts, Tagging),
    Names(Parts, Tagging),
    Numbers(Parts, Vec<Cand>),
    Link(Parts, Vec<Cand>),
    Attribute(Parts, Vec<Mention>, Vec<Entity>),
    Done,
}

impl Analyzer {
    /// Starts analysing `text`; text longer than [`Config::max_bytes`] is refused here.
    pub fn new(text: &str, config: &Config) -> Result<Analyzer, Error> {
        if text.len() > config.max_bytes {
            return Err(Error::TooLarge { bytes: text.len(), limit: config.max_bytes });
        }
        Ok(Analyzer { stage: Stage::Segment(Segmenter::new(text)), text: text.to_owned() })
    }

    /// Works until `stop()` says to pause (it is asked after each line, sentence or whole
    /// stage); gives the analysis when it is done, and `None` until then (and after).
    pub fn step(&mut self, stop: &mut dyn FnMut() -> bool) -> Option<Analysis> {
        loop {
            let text = self.text.as_str();
            self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
                Stage::Segment(mut seg) => {
                    if !seg.step(text, stop) {
                        self.stage = Stage::Segment(seg);
                        return None;
                    }
                    let (tokens, sentences, paragraphs) = seg.finish();
                    let mut parts = Parts { tokens, sentences, paragraphs };
                    if parts.tokens.is_empty() {
                        Stage::Attribute(parts, Vec::new(), Vec::new())
                    } else {
                        let tagging = with_doc(text, &mut parts, Tagging::new);
                        Stage::Tag(parts, tagging)
                    }
                }
                Stage::Tag(mut parts, mut tagging) => {
                    let done = with_doc(text, &mut parts, |doc| tagging.step(doc, stop));
                    if !done {
                        self.stage = Stage::Tag(parts, tagging);
                        return None;
                    }
                    Stage::Names(parts, tagging)
                }
                Stage::Names(mut parts, tagging) => {
                    let names = with_doc(text, &mut parts, |doc| typing::names(doc, &tagging.finish(entities::words(doc))));
                    Stage::Numbers(parts, names)
                }
                Stage::Numbers(mut parts, names) => {
                    let cands = with_doc(text, &mut parts, |doc| entities::add_numbers(doc, &entities::words(doc), names));
                    Stage::Link(parts, cands)
                }
                Stage::Link(mut parts, cands) => {
                    let (mentions, entities) = with_doc(text, &mut parts, |doc| entities::linking::link(doc, &entities::words(doc), &cands));
                    Stage::Attribute(parts, mentions, entities)
                }
                Stage::Attribute(mut parts, mentions, entities) => {
                    let analysis = with_doc(text, &mut parts, |doc| {
                        let attributions = attribution::attribute(doc, &mentions, &entities);
                        Analysis::assemble(doc, mentions, entities, attributions)
                    });
                    return Some(analysis);
                }
                Stage::Done => return None,
            };
            if stop() {
                return None;
            }
        }
    }
}

/// Runs `f` on the document of `text` and `parts` (their vectors moved in and back, not copied).
fn with_doc<R>(text: &str, parts: &mut Parts, f: impl FnOnce(&Document) -> R) -> R {
    let doc = Document { text, tokens: std::mem::take(&mut parts.tokens), sentences: std::mem::take(&mut parts.sentences), paragraphs: std::mem::take(&mut parts.paragraphs) };
    let r = f(&doc);
    *parts = Parts { tokens: doc.tokens, sentences: doc.sentences, paragraphs: doc.paragraphs };
    r
}

#[cfg(test)]
mod tests {
    use super::Analyzer;
    use crate::{analyze, Config};

    /// Steps that pause at every chance, counted.
    fn in_smallest_steps(text: &str) -> (crate::Analysis, usize) {
        let mut a = Analyzer::new(text, &Config::default()).unwrap();
        for n in 1.. {
            if let Some(done) = a.step(&mut || true) {
                assert!(a.step(&mut || false).is_none(), "nothing after the end");
                return (done, n);
            }
        }
        unreachable!()
    }

    #[test]
    fn pausing_anywhere_gives_the_one_pass_result() {
        let seed = include_str!("../tests/fixtures/dev/seed-iran-kerman/article.txt");
        let bbc = include_str!("../tests/fixtures/dev/bbc-1/article.txt");
        let both = format!("{seed}\n\n{bbc}");
        for text in [seed, bbc, &both, "", " \n\n ", "One line. Two sentences.", "👋🏽 Zoë said “hi” in Tehran.\n\nمرحبا", "word "] {
            let (stepped, steps) = in_smallest_steps(text);
            assert_eq!(stepped, analyze(text, &Config::default()).unwrap(), "{text:.40}");
            let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
            assert!(steps > lines, "{steps} steps for {lines} lines: {text:.40}");
        }
    }

    #[test]
    fn stops_when_asked_and_refuses_too_much_text() {
        let seed = include_str!("../tests/fixtures/dev/seed-iran-kerman/article.txt");
        let mut a = Analyzer::new(seed, &Config::default()).unwrap();
        let mut asked = 0;
        // Pauses at the first chance after the third question.
        assert!(a.step(&mut || { asked += 1; asked > 3 }).is_none());
        assert_eq!(asked, 4);
        assert!(a.step(&mut || false).is_some_and(|x| !x.mentions.is_empty()));
        let small = Config { max_bytes: 10 };
        assert!(matches!(Analyzer::new(seed, &small), Err(crate::Error::TooLarge { .. })));
    }
}
