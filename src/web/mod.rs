//! The browser edge (wasm32 only): the one place that knows about JavaScript and the DOM.
//!
//! - [`extract`] reads an element's readable text into one string, with a map back to the Text
//!   nodes it came from (UTF-8 offsets of the string ⇄ UTF-16 offsets of each node).
//! - [`apply`] wraps spans of that string in custom elements and logs how to undo it exactly.
//! - [`ui`] is what the reader sees and uses: cards, badges, the sourcing panel.
//! - [`api`] is what JavaScript calls: `annotate`, `analyze`, and the handle with `destroy`.
//! - [`precomputed`] is `annotatePrecomputed`: the same marks from a document written at
//!   publish time (`gloss precompute`), anchored in the page's text, with no language work.
//!
//! No language work happens here: spans come from the core ([`crate::analyze`]).

pub mod api;
pub mod apply;
pub mod extract;
pub mod overrides_js;
pub mod precomputed;
pub mod read_js;
pub mod ui;
