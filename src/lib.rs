//! Gloss: entity popovers and source badges for news articles.
//!
//! The crate is split in two by a hard line:
//! - the language core ([`text`], [`entities`], [`attribution`], [`analysis`], [`json`]) is plain
//!   Rust: no web-sys, no wasm-bindgen, deterministic, tested natively and used by the CLI;
//! - [`web`] (only on `wasm32`) reads the DOM into text, hands it to the core and applies the
//!   result back to the DOM. It is the only code that knows about JavaScript.
//!
//! ```
//! let analysis = gloss::analyze("Alex Vatanka said the attack was a setback.", &gloss::Config::default()).unwrap();
//! assert!(!analysis.sentences.is_empty());
//! ```

pub mod analysis;
pub mod attribution;
pub mod entities;
pub mod extract_rules;
pub mod json;
pub mod sort;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use analysis::{Analysis, Attribution, Config, Entity, EntityType, Error, Mention, SourceKind, Summary};

/// Runs the whole language pipeline on one article: segmentation, entities, attributions, summary.
///
/// Text longer than [`Config::max_bytes`] is refused with [`Error::TooLarge`] rather than
/// analysed slowly; everything else gives an [`Analysis`] (possibly empty), never a panic.
pub fn analyze(text: &str, config: &Config) -> Result<Analysis, Error> {
    if text.len() > config.max_bytes {
        return Err(Error::TooLarge { bytes: text.len(), limit: config.max_bytes });
    }
    let doc = text::Document::new(text);
    let (mentions, entities) = entities::recognize(&doc, config);
    let attributions = attribution::attribute(&doc, &mentions, &entities);
    let summary = attribution::summarize(&doc, &mentions, &entities, &attributions);
    Ok(Analysis {
        paragraphs: doc.paragraphs.iter().map(|p| p.span).collect(),
        sentences: doc.sentences.iter().map(|s| s.span).collect(),
        mentions,
        entities,
        attributions,
        summary,
    })
}
