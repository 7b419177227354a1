//! `gloss eval` agrees with the reference scorer, tools/score_gold.py, to three decimals on every
//! number it reports.
//!
//! Gold: the six dev articles (tests/fixtures/dev) plus a synthetic article written here with the
//! characters that make offsets and tokens hard (astral emoji, combining marks, Devanagari, ß,
//! Greek sigma, no-break spaces). Predictions: gold itself, gold perturbed in every way the scorer
//! repairs or counts (dropped, shifted, retyped, wrong canonicals, UTF-8 and UTF-16 offsets, text
//! to re-locate, unplaceable spans, unknown types and kinds, missing parts, missing and unreadable
//! files), and the live `analyze` output. Each set is scored by Python (tests/fixtures/score_gold.py),
//! by the library ([`gloss::eval::score`]) and by the CLI, and the JSON results are compared field
//! by field (tolerance 0.0005; integers, nulls, warning counts and article lists exactly).

#![cfg(not(target_arch = "wasm32"))]

use gloss::eval::{score, Options, Predictions};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const TOL: f64 = 0.0005;
/// Keys whose values are paths or free text, not numbers the scorers compute.
const SKIP: [&str; 3] = ["gold_dir", "pred_dir", "warnings"];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fresh_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("eval_agreement").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

fn write_json(p: &Path, v: &Value) {
    std::fs::write(p, serde_json::to_string_pretty(v).unwrap()).unwrap();
}

// ------------------------------------------------------------------ running the scorers

fn python(gold: &Path, pred: &Path, extra: &[&str], out: &Path) -> (Value, String) {
    let scorer = crate_dir().join("tests/fixtures/score_gold.py");
    let o = Command::new("python3")
        .arg(&scorer)
        .arg(gold)
        .arg(pred)
        .arg("--json")
        .arg(out)
        .args(extra)
        .output()
        .expect("python3 must be installed to run the reference scorer");
    assert!(o.status.success(), "score_gold.py failed: {}", String::from_utf8_lossy(&o.stderr));
    (read_json(out), String::from_utf8(o.stdout).unwrap())
}

fn cli(args: &[&str], out: &Path) -> (Value, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_gloss")).arg("eval").args(args).arg("--json").arg(out).output().unwrap();
    assert!(o.status.success(), "gloss eval failed: {}", String::from_utf8_lossy(&o.stderr));
    (read_json(out), String::from_utf8(o.stdout).unwrap())
}

// ------------------------------------------------------------------ comparing

#[derive(Default)]
struct Stats {
    numbers: usize,
    max_diff: f64,
    mismatches: Vec<String>,
}

fn compare(py: &Value, rs: &Value, path: &str, st: &mut Stats) {
    match (py, rs) {
        (Value::Object(a), Value::Object(b)) => {
            for k in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                if path.is_empty() && SKIP.contains(&k.as_str()) {
                    continue;
                }
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => compare(x, y, &format!("{path}.{k}"), st),
                    (x, y) => st.mismatches.push(format!("{path}.{k}: python {x:?}, rust {y:?}")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(x, y, &format!("{path}[{i}]"), st);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            st.numbers += 1;
            let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            let d = (x - y).abs();
            st.max_diff = st.max_diff.max(d);
            let both_int = a.is_f64() == b.is_f64();
            if d > TOL || !both_int {
                st.mismatches.push(format!("{path}: python {a}, rust {b}"));
            }
        }
        (a, b) if a == b => {}
        (a, b) => st.mismatches.push(format!("{path}: python {a}, rust {b}")),
    }
}

/// Scores one prediction set with Python, the library and the CLI, and compares all three.
fn agree(name: &str, gold: &Path, pred: &Path, threshold: Option<&str>, total: &mut Stats) -> Value {
    let out = fresh_dir(&format!("{name}-out"));
    let mut extra = vec!["--quiet"];
    if let Some(t) = threshold {
        extra.extend(["--threshold", t]);
    }
    let (py, _) = python(gold, pred, &extra, &out.join("py.json"));
    let mut opts = Options::new(gold, Predictions::Dir(pred.to_path_buf()));
    opts.threshold = threshold.map_or(0.5, |t| t.parse().unwrap());
    let lib = score(&opts).unwrap();
    let mut args = vec![gold.to_str().unwrap(), "--pred", pred.to_str().unwrap()];
    args.extend(&extra);
    let (bin, _) = cli(&args, &out.join("rs.json"));
    for (who, rs) in [("library", &lib), ("cli", &bin)] {
        let mut st = Stats::default();
        compare(&py, rs, "", &mut st);
        let n_warn = |v: &Value| v["warnings"].as_array().map(Vec::len);
        if n_warn(&py) != n_warn(rs) {
            st.mismatches.push(format!("number of warning lines: python {:?}, rust {:?}", n_warn(&py), n_warn(rs)));
        }
        println!("{name:<22} {who:<8} {:>6} numbers compared, max |diff| {:.2e}, warnings {}", st.numbers, st.max_diff, py["warning_counts"]);
        assert!(st.mismatches.is_empty(), "{name} ({who}) disagrees with score_gold.py:\n  {}", st.mismatches.join("\n  "));
        total.numbers += st.numbers;
        total.max_diff = total.max_diff.max(st.max_diff);
    }
    py
}

// ------------------------------------------------------------------ gold and predictions

/// A synthetic article with astral characters before most spans (UTF-16 ≠ code points), combining
/// marks and Devanagari (Python's `\w` differs from Rust's alphanumerics), ß and final sigma
/// (casefold ≠ lowercase), no-break spaces and repeated names (re-location).
const SYNTH: &str = "Café owner 😀 José Müller said the Straße AG plan was “bad for Köln”.\n\
“We will fight,” Müller told Reuters 🇩🇪 on Tuesday. He said नमस्ते हिन्दी residents of ΟΔΥΣΣΕΥΣ Street would march.\n\
A spokesperson for Berlin-based Straße AG said the company had “no comment”, adding that 5\u{a0}000 people in Köln signed.\n\
Müller said Köln and Berlin would vote; cafe\u{301} owners said nothing.";

fn cp_find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (b, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn synth_gold() -> Value {
    let t = SYNTH;
    let sp = |n: &str, k: usize| {
        let (s, e) = cp_find(t, n, k);
        json!({"start": s, "end": e, "text": n})
    };
    let ent = |n: &str, k: usize, ty: &str, can: &str| {
        let mut v = sp(n, k);
        v["type"] = ty.into();
        v["canonical"] = can.into();
        v
    };
    let att = |src: Value, cue: Value, content: Value, kind: &str, direct: bool| json!({"source": src, "cue": cue, "content": content, "kind": kind, "direct": direct});
    json!({
        "id": "zz-synthetic",
        "entities": [
            ent("José Müller", 0, "PERSON", "José Müller"),
            ent("Straße AG", 0, "ORG", "Straße AG"),
            ent("Köln", 0, "PLACE", "Köln"),
            ent("Müller", 1, "PERSON", "José Müller"),
            ent("Reuters", 0, "ORG", "Reuters"),
            ent("Tuesday", 0, "DATE", "Tuesday"),
            ent("ΟΔΥΣΣΕΥΣ Street", 0, "PLACE", "Οδυσσευς Street"),
            ent("Berlin", 0, "PLACE", "Berlin"),
            ent("Straße AG", 1, "ORG", "Straße AG"),
            ent("5\u{a0}000 people", 0, "QUANTITY", "5\u{a0}000 people"),
            ent("Köln", 1, "PLACE", "Köln"),
            ent("Müller", 2, "PERSON", "José Müller"),
            ent("Köln", 2, "PLACE", "Köln"),
            ent("Berlin", 1, "PLACE", "Berlin"),
        ],
        "attributions": [
            att(sp("José Müller", 0), sp("said", 0), sp("the Straße AG plan was “bad for Köln”", 0), "named", false),
            att(sp("Müller", 1), sp("told", 0), sp("We will fight", 0), "named", true),
            att(sp("He", 0), sp("said", 1), sp("नमस्ते हिन्दी residents of ΟΔΥΣΣΕΥΣ Street would march", 0), "named", false),
            att(sp("A spokesperson for Berlin-based Straße AG", 0), sp("said", 2), sp("the company had “no comment”", 0), "unnamed", false),
            att(sp("Müller", 2), sp("said", 3), sp("Köln and Berlin would vote", 0), "named", false),
            att(sp("cafe\u{301} owners", 0), sp("said", 4), sp("nothing", 0), "unnamed", false),
        ],
    })
}

/// Copies the dev fixtures and adds the synthetic article.
fn gold_dir(name: &str) -> PathBuf {
    let d = fresh_dir(name);
    for e in std::fs::read_dir(crate_dir().join("tests/fixtures/dev")).unwrap() {
        let e = e.unwrap();
        let to = d.join(e.file_name());
        std::fs::create_dir_all(&to).unwrap();
        for f in ["article.txt", "gold.json"] {
            std::fs::copy(e.path().join(f), to.join(f)).unwrap();
        }
    }
    let s = d.join("zz-synthetic");
    std::fs::create_dir_all(&s).unwrap();
    std::fs::write(s.join("article.txt"), SYNTH).unwrap();
    write_json(&s.join("gold.json"), &synth_gold());
    d
}

fn articles(gold: &Path) -> Vec<(String, String, Value)> {
    let mut v: Vec<_> = std::fs::read_dir(gold)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|id| gold.join(id).join("gold.json").exists())
        .map(|id| {
            let text = std::fs::read_to_string(gold.join(&id).join("article.txt")).unwrap_or_default();
            let g = read_json(&gold.join(&id).join("gold.json"));
            (id, text, g)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Offsets of a code-point span in another unit.
fn units(text: &str, s: usize, e: usize, utf16: bool) -> (usize, usize) {
    let f = |n: usize| text.chars().take(n).map(|c| if utf16 { c.len_utf16() } else { c.len_utf8() }).sum::<usize>();
    (f(s), f(e))
}

fn slice(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e.saturating_sub(s)).collect()
}

const TYPES: [&str; 8] = ["PERSON", "ORG", "PLACE", "GROUP", "EVENT", "DATE", "MONEY", "QUANTITY"];
const KINDS: [&str; 4] = ["named", "unnamed", "outlet", "institution"];

/// A span perturbed by operation `op` (see the match arms); `None` removes it.
fn perturb_span(text: &str, sp: &Value, op: usize) -> Option<Value> {
    let (s, e) = (sp["start"].as_u64()? as usize, sp["end"].as_u64()? as usize);
    let t = sp["text"].clone();
    let n = text.chars().count();
    Some(match op {
        // shifted by one, text following the shift: a wrong but valid span
        1 if e < n => json!({"start": s + 1, "end": e + 1, "text": slice(text, s + 1, e + 1)}),
        // UTF-8 byte offsets
        2 => {
            let (a, b) = units(text, s, e, false);
            json!({"start": a, "end": b, "text": t})
        }
        // UTF-16 offsets
        3 => {
            let (a, b) = units(text, s, e, true);
            json!({"start": a, "end": b, "text": t})
        }
        // wrong offsets, right text: re-located to the nearest occurrence
        4 => json!({"start": s + 41, "end": e + 41, "text": t}),
        // text that is nowhere in the article: dropped
        5 => json!({"start": s, "end": e, "text": "Zzyzx Qwerty"}),
        // no text: offsets trusted
        6 => json!({"start": s, "end": e}),
        // float offsets: not integers, re-located from 0
        7 => json!({"start": s as f64, "end": e as f64, "text": t}),
        // shrunk (partial overlap, fewer content tokens)
        8 if e - s > 3 => {
            let e2 = s + (e - s) * 3 / 5;
            json!({"start": s, "end": e2, "text": slice(text, s, e2)})
        }
        // whitespace-mangled text with bad offsets: found only after collapsing whitespace
        9 if t.as_str().is_some_and(|x| x.contains(' ')) => {
            json!({"start": 0, "end": 1, "text": format!(" {} ", t.as_str().unwrap().replace(' ', " \n\t "))})
        }
        // negative / reversed offsets with no text: dropped
        10 => json!({"start": e, "end": s}),
        _ => sp.clone(),
    })
}

fn perturb_entities(text: &str, ents: &[Value], seed: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, g) in ents.iter().enumerate() {
        let op = (i * 7 + seed * 3) % 17;
        let mut p = g.clone();
        let spanop = |p: &mut Value, k: usize| {
            if let Some(v) = perturb_span(text, g, k) {
                for key in ["start", "end", "text"] {
                    match v.get(key) {
                        Some(x) => p[key] = x.clone(),
                        None => {
                            p.as_object_mut().unwrap().remove(key);
                        }
                    }
                }
            }
        };
        match op {
            0 => continue, // dropped
            1..=10 => spanop(&mut p, op),
            11 => {
                let ty = g["type"].as_str().unwrap();
                let k = TYPES.iter().position(|t| *t == ty).unwrap();
                p["type"] = TYPES[(k + 1 + seed) % 8].into();
            }
            12 => p["canonical"] = "Somebody Else".into(),
            13 => p["canonical"] = format!("  {}\n", g["canonical"].as_str().unwrap_or("").to_uppercase().replace(' ', "  ")).into(),
            14 => p["type"] = if seed % 2 == 0 { "VEHICLE".into() } else { g["type"].as_str().unwrap().to_lowercase().into() },
            15 => {
                // the same span twice, one canonical right
                let mut q = g.clone();
                q["canonical"] = "Wrong Name".into();
                out.push(q);
            }
            _ => {
                p.as_object_mut().unwrap().remove("canonical");
            }
        }
        out.push(p);
    }
    // records the scorer must skip or count
    out.push(json!(42));
    out.push(json!({"start": 0, "end": 4, "text": "nothing", "type": null}));
    out
}

fn perturb_attributions(text: &str, atts: &[Value], seed: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, g) in atts.iter().enumerate() {
        let op = (i * 5 + seed) % 13;
        let mut p = g.clone();
        let span = |part: &str, k: usize| perturb_span(text, &g[part], k).map_or(Value::Null, |v| v);
        match op {
            0 => continue,
            1 => p["source"] = Value::Null,
            2 => {
                p.as_object_mut().unwrap().remove("cue");
            }
            3 => p["content"] = span("content", 8),
            4 => {
                let k = KINDS.iter().position(|x| Some(*x) == g["kind"].as_str()).unwrap_or(0);
                p["kind"] = KINDS[(k + 1) % 4].into();
            }
            5 => p["kind"] = g["kind"].as_str().unwrap_or("").to_uppercase().into(),
            6 => {
                p["kind"] = "anonymous".into();
                p.as_object_mut().unwrap().remove("direct");
            }
            7 => {
                p["direct"] = (!g["direct"].as_bool().unwrap_or(false)).into();
                p["source"] = span("source", 1);
            }
            8 => {
                p["source"] = Value::Null;
                p["cue"] = Value::Null;
                p["content"] = Value::Null;
            }
            9 => {
                p["content"] = span("content", 3);
                p["source"] = span("source", 2);
                p["direct"] = "yes".into();
            }
            10 => {
                p["content"] = span("content", 9);
                p["cue"] = json!("said");
                p.as_object_mut().unwrap().remove("kind");
            }
            11 => {
                // two predictions for one statement: greedy pairing keeps the larger overlap
                let mut q = g.clone();
                q["content"] = span("content", 8);
                q["kind"] = "outlet".into();
                out.push(q);
                p["content"] = span("content", 4);
            }
            _ => p["source"] = span("source", 4),
        }
        out.push(p);
    }
    out.push(json!("not a record"));
    out
}

fn write_perturbed(gold: &Path, name: &str, seed: usize) -> PathBuf {
    let d = fresh_dir(name);
    let arts = articles(gold);
    for (k, (id, text, g)) in arts.iter().enumerate() {
        if k == seed % arts.len() && seed % 2 == 1 {
            continue; // a missing prediction file
        }
        let ents = perturb_entities(text, g["entities"].as_array().unwrap(), seed);
        let atts = perturb_attributions(text, g["attributions"].as_array().unwrap(), seed);
        write_json(&d.join(format!("{id}.json")), &json!({"entities": ents, "attributions": atts, "summary": {}}));
    }
    d
}

fn write_perfect(gold: &Path, name: &str) -> PathBuf {
    let d = fresh_dir(name);
    for (id, _, g) in articles(gold) {
        write_json(&d.join(format!("{id}.json")), &g);
    }
    d
}

// ------------------------------------------------------------------ tests

#[test]
fn agrees_with_score_gold_py_on_every_number() {
    let gold = gold_dir("gold");
    let mut total = Stats::default();

    let perfect = agree("perfect", &gold, &write_perfect(&gold, "perfect"), None, &mut total);
    assert_eq!(perfect["entities"]["all"]["f1"], json!(1.0));
    assert_eq!(perfect["attributions"]["statement"]["f1"], json!(1.0));

    let mut warned = Map::new();
    for seed in 0..6 {
        let pred = write_perturbed(&gold, &format!("perturbed-{seed}"), seed);
        let threshold = [None, Some("0.3"), Some("0.8")][seed % 3];
        let py = agree(&format!("perturbed-{seed}"), &gold, &pred, threshold, &mut total);
        assert!(py["entities"]["all"]["f1"].as_f64().unwrap() < 1.0);
        for (k, v) in py["warning_counts"].as_object().unwrap() {
            warned.insert(k.clone(), v.clone());
        }
    }
    for key in ["offsets_utf8", "offsets_utf16", "relocated", "dropped", "other_type", "other_kind", "missing_pred"] {
        assert!(warned.contains_key(key), "no prediction set exercised {key}: {warned:?}");
    }

    // Unreadable and oddly shaped prediction files, and an empty prediction folder.
    let odd = fresh_dir("odd");
    let arts = articles(&gold);
    std::fs::write(odd.join(format!("{}.json", arts[0].0)), "{not json").unwrap();
    std::fs::write(odd.join(format!("{}.json", arts[1].0)), "[1, 2]").unwrap();
    write_json(&odd.join(format!("{}.json", arts[2].0)), &json!({"entities": {"a": 1, "b": 2}, "attributions": "xy"}));
    write_json(&odd.join(format!("{}.json", arts[3].0)), &json!({"entities": null}));
    write_json(&odd.join(format!("{}.json", arts[4].0)), &arts[4].2);
    let py = agree("odd-files", &gold, &odd, None, &mut total);
    assert_eq!(py["warning_counts"]["bad_pred"], json!(2));
    agree("empty", &gold, &fresh_dir("empty"), None, &mut total);

    // An article without its text: offsets are trusted, nothing is repaired.
    let notext = gold_dir("gold-notext");
    std::fs::remove_file(notext.join(&arts[5].0).join("article.txt")).unwrap();
    std::fs::remove_file(notext.join("zz-synthetic").join("article.txt")).unwrap();
    let py = agree("no-text", &notext, &write_perturbed(&gold, "perturbed-notext", 4), None, &mut total);
    assert_eq!(py["warning_counts"]["no_text"], json!(2));

    println!("TOTAL: {} numbers compared, max |diff| {:.2e} (tolerance {TOL})", total.numbers, total.max_diff);
}

#[test]
fn live_analyze_output_agrees() {
    // `gloss eval DIR --write-pred P` scores the analyzer's own output; score_gold.py scores P.
    let gold = gold_dir("gold-live");
    let pred = fresh_dir("live-pred");
    let out = fresh_dir("live-out");
    let (rs, _) = cli(&[gold.to_str().unwrap(), "--write-pred", pred.to_str().unwrap(), "--quiet"], &out.join("rs.json"));
    let (py, _) = python(&gold, &pred, &["--quiet"], &out.join("py.json"));
    let mut st = Stats::default();
    compare(&py, &rs, "", &mut st);
    assert!(st.mismatches.is_empty(), "live predictions disagree:\n  {}", st.mismatches.join("\n  "));
    // The library in analyze mode gives the same numbers.
    let lib = score(&Options::new(&gold, Predictions::Analyze { write: None })).unwrap();
    compare(&py, &lib, "", &mut st);
    assert!(st.mismatches.is_empty(), "live predictions (library) disagree:\n  {}", st.mismatches.join("\n  "));
    println!("live analyze: {} numbers compared, max |diff| {:.2e}", st.numbers, st.max_diff);
    let mut total = Stats::default();
    agree("live (files)", &gold, &pred, None, &mut total);
}

#[test]
fn printed_table_matches_the_reference() {
    let gold = gold_dir("gold-table");
    let pred = write_perturbed(&gold, "perturbed-table", 1);
    let out = fresh_dir("table-out");
    let (_, py) = python(&gold, &pred, &[], &out.join("py.json"));
    let (_, rs) = cli(&[gold.to_str().unwrap(), "--pred", pred.to_str().unwrap()], &out.join("rs.json"));
    assert_eq!(py, rs);
}

#[test]
fn fixture_scorer_is_the_shared_one() {
    // The tests use a copy so that they never depend on ../shared; keep it current.
    let shared = crate_dir().join("../shared/tools/score_gold.py");
    match std::fs::read(&shared) {
        Ok(s) => assert_eq!(
            s,
            std::fs::read(crate_dir().join("tests/fixtures/score_gold.py")).unwrap(),
            "../shared/tools/score_gold.py changed: copy it to tests/fixtures/score_gold.py and re-run"
        ),
        Err(_) => println!("note: {} not found; using the fixture copy only", shared.display()),
    }
}
