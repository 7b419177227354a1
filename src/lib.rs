//! Gloss: entity popovers and source badges for news articles.
//!
//! The crate is split in two by a hard line:
//! - the language core ([`text`], [`entities`], [`attribution`], [`analysis`], [`json`],
//!   [`overrides`]; [`steps`] runs the pipeline in pausable steps) is plain Rust: no web-sys, no wasm-bindgen, deterministic, tested natively and
//!   used by the CLI;
//! - `web` (only on `wasm32`) reads the DOM into text, hands it to the core and applies the
//!   result back to the DOM. It is the only code that knows about JavaScript.
//!
//! # Using the core from Rust
//!
//! Add it from a path or git (`cargo add gloss --path ../gloss` or
//! `cargo add gloss --git <url>`); add `default-features = false` to leave out the CLI's
//! feature. On non-wasm targets the dependency tree is `serde` and `serde_json` only.
//!
//! [`analyze`] takes the article's plain text (one paragraph a line) and a [`Config`], and returns
//! an [`Analysis`]: mentions grouped into entities, attributed statements, and a summary. All
//! spans are UTF-8 byte offsets into the text, so `&text[span.start..span.end]` is the words.
//!
//! ```
//! use gloss::{analyze, Config, EntityType, SourceKind};
//!
//! let text = "Alex Vatanka, director of the Iran program at the Middle East Institute, said the \
//!             attack was a setback. Officials said Iran would respond.";
//! let analysis = analyze(text, &Config::default())?;
//!
//! // Entities: every mention points to one entity, which has a canonical name.
//! let people: Vec<&str> = analysis.entities.iter()
//!     .filter(|e| e.ty == EntityType::Person)
//!     .map(|e| e.canonical.as_str())
//!     .collect();
//! assert_eq!(people, ["Alex Vatanka"]);
//! let m = &analysis.mentions[0];
//! assert_eq!(m.span.of(text), "Alex Vatanka");
//! assert_eq!(analysis.entities[m.entity].descriptor.as_deref(),
//!            Some("director of the Iran program at the Middle East Institute"));
//!
//! // Statements: who said what, and what kind of source it is.
//! let first = &analysis.attributions[0];
//! assert_eq!(first.source.of(text), "Alex Vatanka");
//! assert_eq!(first.cue.of(text), "said");
//! assert_eq!(first.content.of(text), "the attack was a setback");
//! assert_eq!(analysis.attributions[1].kind, SourceKind::Unnamed);
//!
//! // The summary is what the sourcing panel shows.
//! assert_eq!(analysis.summary.statements_by_kind, [1, 1, 0, 0]); // named, unnamed, outlet, institution
//! # Ok::<(), gloss::Error>(())
//! ```
//!
//! For JSON with code-point spans (what `gloss analyze` prints and the browser's `analyze()`
//! returns), see [`json::JsonAnalysis`]; for a publisher's corrections, [`overrides`].

pub mod analysis;
pub mod anchor;
pub mod attribution;
pub mod entities;
pub mod extract_rules;
mod fxhash;
pub mod json;
pub mod knowledge;
pub mod overrides;
pub mod sort;
pub mod steps;
pub mod words;
pub mod text;
pub mod transfer;

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod html;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use analysis::{Analysis, Attribution, Config, Entity, EntityType, Error, Mention, SourceKind, Summary};
pub use overrides::Overrides;
pub use text::Span;

/// Runs the whole language pipeline on one article: segmentation, entities, attributions, summary.
///
/// Text longer than [`Config::max_bytes`] is refused with [`Error::TooLarge`] rather than
/// analysed slowly; everything else gives an [`Analysis`] (possibly empty), never a panic.
///
/// ```
/// let text = "Reuters reported that the talks had stalled.";
/// let a = gloss::analyze(text, &gloss::Config::default()).unwrap();
/// assert_eq!(a.attributions[0].kind, gloss::SourceKind::Outlet);
/// assert_eq!(a.attributions[0].content.of(text), "the talks had stalled");
///
/// // An empty text is an empty analysis, not an error.
/// let empty = gloss::analyze("", &gloss::Config::default()).unwrap();
/// assert!(empty.mentions.is_empty() && empty.attributions.is_empty());
///
/// // Too much text is a clear error.
/// let small = gloss::Config { max_bytes: 10, ..Default::default() };
/// let err = gloss::analyze(text, &small).unwrap_err();
/// assert_eq!(err, gloss::Error::TooLarge { bytes: text.len(), limit: 10 });
/// ```
pub fn analyze(text: &str, config: &Config) -> Result<Analysis, Error> {
    let mut steps = steps::Analyzer::new(text, config)?;
    Ok(steps.step(&mut || false).unwrap_or_default())
}
