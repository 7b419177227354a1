//! `gloss eval`: scores the core against gold annotations (corpus/GOLD.md) with the same
//! definitions as the reference scorer, tools/score_gold.py, so that both give the same numbers
//! (tests/eval_agreement.rs holds them to three decimals); and `gloss eval --conll` scores
//! PER/ORG/LOC/MISC on CoNLL-2003 files.
//!
//! - [`gold`]: reading records and placing spans (offset repair, relocation, dropping);
//! - [`score`](mod@score): per-article counts; [`report`]: P/R/F1 from summed counts, and the table;
//! - [`pyunicode`]: Python's `\w`, `\s`, `strip` and `casefold`, which the scorer's numbers depend on;
//! - [`conll`]: the CoNLL-2003 scorer (conlleval's chunk rules).

pub mod conll;
pub mod gold;
pub mod pyunicode;
mod pyunicode_tables;
pub mod report;
pub mod score;

use gold::{load_attributions, load_entities, Log, Text};
use score::{score_attributions, score_entities, Acc, Tokens};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

const HELP: &str = "usage:
  gloss eval DIR [PRED_DIR] [options]
      Scores DIR/<id>/gold.json (article text: DIR/<id>/article.txt) like tools/score_gold.py.
      Predictions: PRED_DIR/<id>.json (or --pred DIR); without one, gloss::analyze runs on each
      article.txt.
    --pred DIR        read predictions from DIR/<id>.json instead of running the analyzer
    --write-pred DIR  write the analyzer's JSON to DIR/<id>.json (to score it with score_gold.py)
    --text-dir TDIR   where DIR/<id>/article.txt is missing, read TDIR/<id>/article.txt
    --json OUT        write every number (the reference scorer's JSON layout) to OUT
    --threshold X     statement content-overlap share (default 0.5)
    --quiet           no table;  -v, --verbose: print every warning
  gloss eval --conll FILE [--json OUT] [--write-tags OUT] [--batch-bytes N] [--quiet]
      Scores PER/ORG/LOC/MISC (conlleval exact chunks) on a CoNLL-2003 file; --write-tags writes
      \"token gold predicted\" lines, the input of conlleval.pl.";

/// Where predictions come from.
#[derive(Clone, Debug)]
pub enum Predictions {
    /// `<dir>/<id>.json` files in the gold format (a missing file counts as no predictions).
    Dir(PathBuf),
    /// Run [`crate::analyze`] on each article, optionally writing its JSON to `<dir>/<id>.json`.
    Analyze { write: Option<PathBuf> },
}

/// What to score.
#[derive(Clone, Debug)]
pub struct Options {
    pub gold_dir: PathBuf,
    pub text_dir: Option<PathBuf>,
    pub predictions: Predictions,
    /// Statement matching: share of both sides' content tokens that must be shared.
    pub threshold: f64,
}

impl Options {
    pub fn new(gold_dir: impl Into<PathBuf>, predictions: Predictions) -> Options {
        Options { gold_dir: gold_dir.into(), text_dir: None, predictions, threshold: 0.5 }
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let s = String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))?;
    serde_json::from_str(&s).map_err(|e| format!("{}: {e}", path.display()))
}

fn find_text(opts: &Options, id: &str) -> Result<Option<String>, String> {
    let bases = [Some(opts.gold_dir.join(id)), opts.text_dir.as_ref().map(|d| d.join(id))];
    for base in bases.into_iter().flatten() {
        let path = base.join("article.txt");
        if path.exists() {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            return String::from_utf8(bytes).map(Some).map_err(|e| format!("{} is not UTF-8: {e}", path.display()));
        }
    }
    Ok(None)
}

/// The article ids: sub-directories of the gold folder that hold a `gold.json`, sorted.
pub fn article_ids(gold_dir: &Path) -> Result<Vec<String>, String> {
    let rd = std::fs::read_dir(gold_dir).map_err(|e| format!("cannot read {}: {e}", gold_dir.display()))?;
    let mut ids: Vec<String> = rd
        .filter_map(Result::ok)
        .filter(|d| d.path().join("gold.json").is_file())
        .filter_map(|d| d.file_name().into_string().ok())
        .collect();
    ids.sort();
    Ok(ids)
}

/// Counts for one article, as the reference does: loads and places both sides' records
/// (warnings into `log`), then scores entities and attributions.
pub fn score_article(gold: &Value, pred: &Value, text: Option<&str>, threshold: f64, log: &mut Log, id: &str) -> Acc {
    let t = text.map(|s| Text::new(s.to_string()));
    let t = t.as_ref();
    let g_ents = load_entities(gold.get("entities"), t, log, &format!("{id} gold"));
    let p_ents = load_entities(pred.get("entities"), t, log, &format!("{id} pred"));
    let g_att = load_attributions(gold.get("attributions"), t, log, &format!("{id} gold"));
    let p_att = load_attributions(pred.get("attributions"), t, log, &format!("{id} pred"));
    let mut acc = Acc::default();
    score_entities(&g_ents, &p_ents, &mut acc);
    score_attributions(&g_att, &p_att, &Tokens::new(text), &mut acc, threshold);
    acc
}

/// Runs the analyzer on one article and returns its public JSON.
pub fn predict(text: &str) -> Result<Value, String> {
    let analysis = crate::analyze(text, &crate::Config::default()).map_err(|e| e.to_string())?;
    serde_json::to_value(crate::json::JsonAnalysis::new(text, &analysis)).map_err(|e| e.to_string())
}

/// Scores a gold folder: the reference scorer's result object (`articles`, `missing_pred`,
/// `warning_counts`, `entities`, `linking`, `attributions`, `per_article`, …).
pub fn score(opts: &Options) -> Result<Value, String> {
    let ids = article_ids(&opts.gold_dir)?;
    if ids.is_empty() {
        return Err(format!("no <id>/gold.json under {}", opts.gold_dir.display()));
    }
    if let Predictions::Analyze { write: Some(dir) } = &opts.predictions {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut log = Log::default();
    let mut total = Acc::default();
    let mut per_article = Map::new();
    let mut missing = Vec::new();
    for id in &ids {
        let gold = read_json(&opts.gold_dir.join(id).join("gold.json"))?;
        if !gold.is_object() {
            return Err(format!("{id}: gold.json is not an object"));
        }
        let text = find_text(opts, id)?;
        if text.is_none() {
            log.warn("no_text", format!("{id}: no article.txt found; offsets cannot be checked or repaired"));
        }
        let empty = Value::Object(Map::new());
        let pred = match &opts.predictions {
            Predictions::Dir(dir) => {
                let path = dir.join(format!("{id}.json"));
                if !path.exists() {
                    missing.push(id.clone());
                    log.warn("missing_pred", format!("{id}: no prediction file {}; scored as empty", path.display()));
                    empty
                } else {
                    match read_json(&path) {
                        Ok(v) if v.is_object() => v,
                        Ok(_) => {
                            log.warn("bad_pred", format!("{id}: cannot read {} (top level is not an object); scored as empty", path.display()));
                            empty
                        }
                        Err(e) => {
                            log.warn("bad_pred", format!("{id}: cannot read {} ({e}); scored as empty", path.display()));
                            empty
                        }
                    }
                }
            }
            Predictions::Analyze { write } => match text.as_deref().map(predict) {
                Some(Ok(v)) => {
                    if let Some(dir) = write {
                        let path = dir.join(format!("{id}.json"));
                        let s = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
                        std::fs::write(&path, s).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    }
                    v
                }
                Some(Err(e)) => {
                    log.warn("bad_pred", format!("{id}: analyze failed ({e}); scored as empty"));
                    empty
                }
                None => {
                    missing.push(id.clone());
                    log.warn("missing_pred", format!("{id}: no text to analyze; scored as empty"));
                    empty
                }
            },
        };
        let acc = score_article(&gold, &pred, text.as_deref(), opts.threshold, &mut log, id);
        total.merge(&acc);
        per_article.insert(id.clone(), Value::Object(report::summarize(&acc)));
    }
    let pred_dir = match &opts.predictions {
        Predictions::Dir(d) => Value::from(d.display().to_string()),
        Predictions::Analyze { write: Some(d) } => Value::from(d.display().to_string()),
        Predictions::Analyze { write: None } => Value::Null,
    };
    let mut res = Map::new();
    res.insert("gold_dir".into(), opts.gold_dir.display().to_string().into());
    res.insert("pred_dir".into(), pred_dir);
    res.insert("articles".into(), json!(ids));
    res.insert("missing_pred".into(), json!(missing));
    res.insert("statement_threshold".into(), json!(opts.threshold));
    res.insert("warning_counts".into(), json!(log.counts));
    res.insert("warnings".into(), json!(log.lines));
    res.extend(report::summarize(&total));
    res.insert("per_article".into(), Value::Object(per_article));
    Ok(Value::Object(res))
}

/// Writes a result object as JSON, creating the folder.
pub fn write_json(path: &Path, v: &Value) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let s = serde_json::to_string_pretty(v).map_err(|e| e.to_string())?;
    std::fs::write(path, s + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Runs `gloss eval` with the arguments after the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut positional = Vec::new();
    let (mut pred, mut write_pred, mut text_dir, mut json_out, mut conll_file) = (None, None, None, None, None);
    let mut write_tags: Option<PathBuf> = None;
    let (mut threshold, mut quiet, mut verbose, mut batch_bytes) = (0.5, false, false, conll::DEFAULT_BATCH_BYTES);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value\n{HELP}"));
        match a.as_str() {
            "-h" | "--help" => {
                println!("{HELP}");
                return Ok(());
            }
            "--pred" => pred = Some(PathBuf::from(value(a)?)),
            "--write-pred" => write_pred = Some(PathBuf::from(value(a)?)),
            "--text-dir" => text_dir = Some(PathBuf::from(value(a)?)),
            "--json" => json_out = Some(PathBuf::from(value(a)?)),
            "--write-tags" => write_tags = Some(PathBuf::from(value(a)?)),
            "--conll" => conll_file = Some(PathBuf::from(value(a)?)),
            "--threshold" => threshold = value(a)?.parse::<f64>().map_err(|e| format!("--threshold: {e}"))?,
            "--batch-bytes" => batch_bytes = value(a)?.parse::<usize>().map_err(|e| format!("--batch-bytes: {e}"))?,
            "--quiet" | "-q" => quiet = true,
            "--verbose" | "-v" => verbose = true,
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}\n{HELP}")),
            _ => positional.push(PathBuf::from(a)),
        }
    }
    if let Some(file) = conll_file {
        if !positional.is_empty() {
            return Err(format!("--conll takes no gold folder\n{HELP}"));
        }
        let mut dump = write_tags.as_ref().map(|_| String::new());
        let res = conll::score_file(&file, batch_bytes, dump.as_mut())?;
        if let (Some(path), Some(d)) = (&write_tags, dump) {
            std::fs::write(path, d).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        if !quiet {
            print!("{}", res.format());
        }
        if let Some(out) = json_out {
            write_json(&out, &res.to_json())?;
        }
        return Ok(());
    }
    let (gold_dir, pred) = match (positional.as_slice(), pred) {
        ([g], p) => (g.clone(), p),
        ([g, p], None) => (g.clone(), Some(p.clone())),
        _ => return Err(format!("eval takes one gold folder (and optionally a prediction folder)\n{HELP}")),
    };
    let predictions = match (pred, write_pred) {
        (Some(_), Some(_)) => return Err("--write-pred writes the analyzer's predictions; it cannot go with --pred".into()),
        (Some(d), None) => Predictions::Dir(d),
        (None, w) => Predictions::Analyze { write: w },
    };
    let opts = Options { gold_dir, text_dir, predictions, threshold };
    let res = score(&opts)?;
    if !quiet {
        print!("{}", report::format_report(&res));
        if verbose {
            for line in res["warnings"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                println!("  warn {line}");
            }
        }
    }
    if let Some(out) = json_out {
        write_json(&out, &res)?;
    }
    Ok(())
}
