//! From summed counts to the scorer's result object (`summarize`), and the printed table
//! (`print_report`), both in the shape of `score_gold.py`'s so their JSON can be compared key by key.

use super::gold::{CORE, TYPES};
use super::score::Acc;
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// `f1_of`: `None` (n/a) when neither P nor R is defined; an undefined side counts as 0.
pub fn f1_of(p: Option<f64>, r: Option<f64>) -> Option<f64> {
    if p.is_none() && r.is_none() {
        return None;
    }
    let (p, r) = (p.unwrap_or(0.0), r.unwrap_or(0.0));
    Some(if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    (b != 0).then(|| a as f64 / b as f64)
}

/// `prf`: P is `None` without predictions, R is `None` without gold.
pub fn prf(tp: i64, fp: i64, fn_: i64) -> Value {
    let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    json!({"tp": tp, "fp": fp, "fn": fn_, "p": p, "r": r, "f1": f1_of(p, r)})
}

/// `prf_overlap`: P from predicted items that hit, R from gold items that are hit.
pub fn prf_overlap(pred_hit: i64, npred: i64, gold_hit: i64, ngold: i64) -> Value {
    let (p, r) = (ratio(pred_hit, npred), ratio(gold_hit, ngold));
    json!({"pred_hit": pred_hit, "pred": npred, "gold_hit": gold_hit, "gold": ngold, "p": p, "r": r, "f1": f1_of(p, r)})
}

fn sum(acc: &Acc, keep: &[&str], prefix: &str, field: &str) -> i64 {
    keep.iter().map(|t| acc.get(&format!("{prefix}.{t}.{field}"))).sum()
}

fn accuracy(n: i64, ok: i64) -> Value {
    json!({"n": n, "correct": ok, "acc": ratio(ok, n)})
}

/// `summarize`: `{"entities", "linking", "attributions"}` from summed counts.
pub fn summarize(acc: &Acc) -> Map<String, Value> {
    let mut per_type = Map::new();
    let mut ov_per_type = Map::new();
    for ty in TYPES {
        let g = |k: &str| acc.get(&format!("ent.{ty}.{k}"));
        per_type.insert(ty.into(), prf(g("tp"), g("fp"), g("fn")));
        let o = |k: &str| acc.get(&format!("ov.{ty}.{k}"));
        ov_per_type.insert(ty.into(), prf_overlap(o("pred_hit"), o("pred"), o("gold_hit"), o("gold")));
    }
    let exact = |keep: &[&str]| prf(sum(acc, keep, "ent", "tp"), sum(acc, keep, "ent", "fp"), sum(acc, keep, "ent", "fn"));
    let overlap = |keep: &[&str]| {
        let s = |f: &str| sum(acc, keep, "ov", f);
        prf_overlap(s("pred_hit"), s("pred"), s("gold_hit"), s("gold"))
    };
    let untyped = |n: &str| prf(acc.get(&format!("untyped.{n}.tp")), acc.get(&format!("untyped.{n}.fp")), acc.get(&format!("untyped.{n}.fn")));
    let entities = json!({
        "per_type": per_type,
        "core": exact(&CORE),
        "all": exact(&TYPES),
        "untyped": {"all": untyped("all"), "core": untyped("core")},
        "overlap": {"per_type": ov_per_type, "core": overlap(&CORE), "all": overlap(&TYPES)},
    });
    let (n_core, ok_core) = (acc.get("link.core.n"), acc.get("link.core.ok"));
    let (n_all, ok_all) = (n_core + acc.get("link.other.n"), ok_core + acc.get("link.other.ok"));
    let linking = json!({"all": accuracy(n_all, ok_all), "core": accuracy(n_core, ok_core)});

    let mut att = Map::new();
    att.insert("gold_records".into(), acc.get("att.gold_records").into());
    att.insert("pred_records".into(), acc.get("att.pred_records").into());
    for part in ["source", "cue", "content"] {
        let g = |k: &str| acc.get(&format!("att.{part}.{k}"));
        att.insert(format!("{part}_exact"), prf(g("tp"), g("fp"), g("fn")));
    }
    let g = |k: &str| acc.get(&format!("att.{k}"));
    att.insert(
        "source_overlap".into(),
        prf_overlap(g("source_ov.pred_hit"), g("source_ov.pred"), g("source_ov.gold_hit"), g("source_ov.gold")),
    );
    let (o, np, ng) = (g("content_tok.overlap"), g("content_tok.pred"), g("content_tok.gold"));
    let (p, r) = (ratio(o, np), ratio(o, ng));
    att.insert(
        "content_token_overlap".into(),
        json!({"overlap_tokens": o, "pred_tokens": np, "gold_tokens": ng, "p": p, "r": r, "f1": f1_of(p, r)}),
    );
    att.insert("statement".into(), prf(g("statement.tp"), g("statement.fp"), g("statement.fn")));
    for (key, name) in [("kind_src", "kind_acc_source_exact"), ("kind_stmt", "kind_acc_statement"), ("direct_stmt", "direct_acc_statement")] {
        att.insert(name.into(), accuracy(g(&format!("{key}.n")), g(&format!("{key}.ok"))));
    }
    att.insert("gold_records_with_exact_source_match".into(), g("source_matched_records").into());
    att.insert("pred_records_with_kind".into(), g("pred_with_kind").into());

    let mut out = Map::new();
    out.insert("entities".into(), entities);
    out.insert("linking".into(), linking);
    out.insert("attributions".into(), Value::Object(att));
    out
}

/// `pct`: a share as a percentage in five columns, or `  n/a`.
pub fn pct(x: &Value) -> String {
    x.as_f64().map_or_else(|| "  n/a".to_string(), |x| format!("{:5.1}", 100.0 * x))
}

fn prf_str(d: &Value) -> String {
    format!("{} {} {}", pct(&d["p"]), pct(&d["r"]), pct(&d["f1"]))
}

/// `print_report`: the human-readable table, line for line as the reference prints it.
pub fn format_report(res: &Value) -> String {
    let (ent, link, att) = (&res["entities"], &res["linking"], &res["attributions"]);
    let mut w = String::new();
    let strs = |v: &Value| v.as_array().map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_string).collect::<Vec<_>>());
    let articles = strs(&res["articles"]);
    let _ = writeln!(w, "articles: {} ({})", articles.len(), articles.join(", "));
    let missing = strs(&res["missing_pred"]);
    if !missing.is_empty() {
        let _ = writeln!(w, "missing prediction files (scored as empty): {}", missing.join(", "));
    }
    if let Some(counts) = res["warning_counts"].as_object().filter(|c| !c.is_empty()) {
        let list: Vec<String> = counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = writeln!(w, "warnings: {}", list.join(", "));
    }
    let _ = writeln!(w, "\nENTITIES              exact span+type            overlap (same type)");
    let _ = writeln!(w, "{:<10} {:>5} {:>5}    {:>5} {:>5} {:>5}        {:>5} {:>5} {:>5}", "type", "gold", "pred", "P", "R", "F1", "P", "R", "F1");
    let mut rows: Vec<(&str, &Value, &Value)> = TYPES.iter().map(|t| (*t, &ent["per_type"][t], &ent["overlap"]["per_type"][t])).collect();
    rows.push(("core", &ent["core"], &ent["overlap"]["core"]));
    rows.push(("all-8", &ent["all"], &ent["overlap"]["all"]));
    for (name, ex, ov) in rows {
        if name == "core" {
            let _ = writeln!(w, "{}", "-".repeat(66));
        }
        let n = |k: &str| ex[k].as_i64().unwrap_or(0);
        let _ = writeln!(w, "{name:<10} {:>5} {:>5}    {}        {}", n("tp") + n("fn"), n("tp") + n("fp"), prf_str(ex), prf_str(ov));
    }
    let _ = writeln!(w, "untyped span (all-8)  P/R/F1 {}   (core only {})", prf_str(&ent["untyped"]["all"]), prf_str(&ent["untyped"]["core"]));
    let (la, lc) = (&link["all"], &link["core"]);
    let _ = writeln!(w, "linking: canonical correct on exact matches: all {}% of {}, core {}% of {}", pct(&la["acc"]), la["n"], pct(&lc["acc"]), lc["n"]);
    let _ = writeln!(w, "\nATTRIBUTIONS  gold records {}, predicted {}", att["gold_records"], att["pred_records"]);
    let _ = writeln!(w, "{:<28} {:>5} {:>5} {:>5}", "measure", "P", "R", "F1");
    for (label, key) in [
        ("statement (>=50% tok + src)", "statement"),
        ("source exact", "source_exact"),
        ("source overlap", "source_overlap"),
        ("cue exact", "cue_exact"),
        ("content exact", "content_exact"),
        ("content token overlap", "content_token_overlap"),
    ] {
        let _ = writeln!(w, "{label:<28} {}", prf_str(&att[key]));
    }
    for (label, key) in [
        ("kind acc (exact source)", "kind_acc_source_exact"),
        ("kind acc (statement pairs)", "kind_acc_statement"),
        ("direct acc (statement pairs)", "direct_acc_statement"),
    ] {
        let d = &att[key];
        let _ = writeln!(w, "{label:<28} {}%  ({}/{})", pct(&d["acc"]), d["correct"], d["n"]);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_semantics() {
        assert_eq!(prf(0, 0, 0)["p"], Value::Null);
        assert_eq!(prf(0, 0, 0)["f1"], Value::Null);
        // Gold but no predictions: P undefined, R = 0, F1 = 0.
        assert_eq!(prf(0, 0, 3)["p"], Value::Null);
        assert_eq!(prf(0, 0, 3)["f1"], json!(0.0));
        assert_eq!(prf(2, 2, 0)["f1"], json!(2.0 * 0.5 / 1.5));
        assert_eq!(pct(&Value::Null), "  n/a");
        assert_eq!(pct(&json!(0.5)), " 50.0");
    }
}
