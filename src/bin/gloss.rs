//! The `gloss` command line: `gloss analyze FILE|-` prints the analysis as JSON on stdout;
//! `gloss eval …` scores against gold annotations. Diagnostics go to stderr.

use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage:
  gloss analyze FILE|-        print entities, attributions and summary as JSON (code-point spans)
  gloss eval DIR [options]    score against DIR/<id>/gold.json (see `gloss eval --help`)
  gloss eval --conll FILE     score PER/ORG/LOC/MISC on a CoNLL-2003 file
  gloss model build --data DIR --out DIR   retrain the entity tagger (see tools/make_model.sh)
  gloss kb build INPUT.jsonl OUTDIR        write a knowledge base as static shards (see `gloss kb`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => analyze(&args[1..]),
        Some("eval") => gloss::eval::run(&args[1..]),
        Some("model") => gloss::entities::train::run(&args[1..]),
        Some("kb") => gloss::knowledge::build::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gloss: {msg}");
            ExitCode::from(2)
        }
    }
}

fn read_input(path: &str) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read stdin: {e}"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?
    };
    String::from_utf8(bytes).map_err(|e| format!("{path} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

fn analyze(args: &[String]) -> Result<(), String> {
    let [path] = args else { return Err(format!("analyze takes one FILE or -\n{USAGE}")) };
    let text = read_input(path)?;
    let analysis = gloss::analyze(&text, &gloss::Config::default()).map_err(|e| e.to_string())?;
    let json = gloss::json::JsonAnalysis::new(&text, &analysis);
    let out = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    println!("{out}");
    Ok(())
}
