//! `gloss eval`: scores the core against gold annotations (corpus/GOLD.md) with the same
//! definitions as the reference scorer, tools/score_gold.py.

/// Runs `gloss eval` with the arguments after the subcommand.
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("gloss eval is not implemented yet".into())
}
