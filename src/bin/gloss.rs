//! The `gloss` command line: `gloss analyze FILE|-` prints the analysis as JSON on stdout;
//! `gloss eval …` scores against gold annotations; `gloss precompute PAGE.html` writes the
//! annotations document the widget can use instead of analysing. Diagnostics go to stderr.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  gloss analyze [--overrides JSON]... FILE|-
                              print entities, attributions and summary as JSON (code-point spans),
                              after applying editorial overrides (site-wide first, then per-article)
  gloss precompute PAGE.html [--selector SEL] [-o OUT.json] [--text] [--no-scripting]
                              write the annotations document for the element SEL (default
                              `article`) of an HTML page; --text writes the text read instead
  gloss eval DIR [options]    score against DIR/<id>/gold.json (see `gloss eval --help`)
  gloss eval --conll FILE     score PER/ORG/LOC/MISC on a CoNLL-2003 file
  gloss model build --data DIR --out DIR   retrain the entity tagger (see tools/make_model.sh)
  gloss kb build INPUT.jsonl OUTDIR        write a knowledge base as static shards (see `gloss kb`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => analyze(&args[1..]),
        Some("eval") => gloss::eval::run(&args[1..]),
        Some("precompute") => precompute(&args[1..]),
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
    let mut sets = Vec::new();
    let mut path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--overrides" => {
                let file = it.next().ok_or_else(|| format!("--overrides needs a JSON file\n{USAGE}"))?;
                let json = read_input(file)?;
                sets.push(gloss::Overrides::from_json(&json).map_err(|e| format!("{file}: {e}"))?);
            }
            p if path.is_none() && (p == "-" || !p.starts_with('-')) => path = Some(p),
            other => return Err(format!("analyze: unexpected argument {other}\n{USAGE}")),
        }
    }
    let Some(path) = path else { return Err(format!("analyze takes one FILE or -\n{USAGE}")) };
    let text = read_input(path)?;
    let mut analysis = gloss::analyze(&text, &gloss::Config::default()).map_err(|e| e.to_string())?;
    for set in &sets {
        let applied = set.apply(&text, &mut analysis).map_err(|e| e.to_string())?;
        for rule in applied.unmatched {
            eprintln!("gloss: note: override {rule} matched nothing");
        }
    }
    let json = gloss::json::JsonAnalysis::new(&text, &analysis);
    let out = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    // A closed pipe (`gloss analyze … | head`) ends the output quietly, without a panic.
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}

/// `gloss precompute PAGE.html [--selector SEL] [-o OUT] [--text] [--no-scripting]`.
fn precompute(args: &[String]) -> Result<(), String> {
    let mut page = None;
    let mut selector = "article".to_string();
    let mut out = None;
    let mut text_only = false;
    let mut scripting = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--selector" | "-s" => selector = it.next().ok_or("--selector needs a CSS selector")?.clone(),
            "-o" | "--out" => out = Some(it.next().ok_or("-o needs a file")?.clone()),
            "--text" => text_only = true,
            "--no-scripting" => scripting = false,
            s if s.starts_with('-') && s != "-" => return Err(format!("precompute: unknown option {s}\n{USAGE}")),
            s if page.is_none() => page = Some(s.to_string()),
            s => return Err(format!("precompute takes one PAGE, got another: {s}")),
        }
    }
    let page = page.ok_or_else(|| format!("precompute needs a PAGE.html (or -)\n{USAGE}"))?;
    let html = read_input(&page)?;
    let doc = gloss::html::parse(&html, scripting);
    let text = gloss::html::extract_selected(&doc, &selector).map_err(|e| format!("{page}: {e}"))?;
    let output = if text_only {
        text
    } else {
        let analysis = gloss::analyze(&text, &gloss::Config::default()).map_err(|e| e.to_string())?;
        let ann = gloss::anchor::document::Annotations::new(&text, &analysis);
        eprintln!(
            "gloss: {page} {selector}: {} characters, {} mentions of {} entities, {} statements",
            ann.text_length,
            ann.mentions.len(),
            ann.entities.len(),
            ann.attributions.len()
        );
        serde_json::to_string(&ann).map_err(|e| e.to_string())? + "\n"
    };
    match out {
        Some(path) => std::fs::write(&path, output).map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            print!("{output}");
            Ok(())
        }
    }
}
