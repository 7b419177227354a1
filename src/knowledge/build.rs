//! Native side of knowledge bases: reading the JSON Lines input, writing the static shards
//! (`gloss kb build`), reading them back (`gloss kb lookup`, `gloss kb link`, tests).

use super::{clean, link, normalize, shard_of, shard_path, Context, Entry, Link, FORMAT, MAX_NAMES, MAX_PER_KEY};
use crate::analysis::EntityType;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;

const USAGE: &str = "usage:
  gloss kb build INPUT.jsonl OUTDIR [--name NAME] [--source URL] [--license TEXT] [--shards N]
  gloss kb lookup KBDIR NAME [--type PLACE] [--context NAME,NAME,…]
  gloss kb link KBDIR ARTICLE.txt…     link every PLACE/PERSON/ORG entity of each article";

/// Target size of one shard before compression (bytes); `--shards` overrides.
const SHARD_BYTES: usize = 64 * 1024;

pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("build") => cmd_build(&args[1..]),
        Some("lookup") => cmd_lookup(&args[1..]),
        Some("link") => cmd_link(&args[1..]),
        _ => Err(USAGE.to_string()),
    }
}

fn str_field(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).and_then(clean)
}

fn str_list(v: &Value, k: &str) -> Vec<String> {
    match v.get(k) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).filter_map(clean).take(MAX_NAMES).collect(),
        Some(Value::String(s)) => clean(s).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// An entry from one JSON object; the reason when it is unusable. Fields of the wrong type are
/// dropped, strings are cut to [`super::MAX_FIELD`] characters.
pub fn entry_from_json(v: &Value) -> Result<Entry, String> {
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    let id = match v.get("id") {
        Some(Value::String(s)) => clean(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
    .ok_or("no \"id\" (a string)")?;
    let ty = str_field(v, "type").ok_or("no \"type\" (a string)")?;
    let mut names = str_list(v, "names");
    // "name" + "aliases" is accepted too.
    if names.is_empty() {
        names.extend(str_field(v, "name"));
    }
    names.extend(str_list(v, "aliases"));
    names.truncate(MAX_NAMES);
    names.retain(|n| !normalize(n).is_empty());
    if names.is_empty() {
        return Err("no \"names\" (a list of strings)".into());
    }
    let population = v.get("population").and_then(|p| p.as_u64().or_else(|| p.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f as u64)));
    Ok(Entry {
        id,
        ty,
        names,
        description: str_field(v, "description"),
        url: str_field(v, "url"),
        image: str_field(v, "image"),
        updated: str_field(v, "updated"),
        official: str_field(v, "official"),
        capital: str_field(v, "capital"),
        country: str_field(v, "country"),
        region: str_field(v, "region"),
        population,
        flag: str_field(v, "flag"),
        context: str_list(v, "context"),
    })
}

/// The JSON form of an entry inside a shard (fields that are present only).
pub fn entry_to_json(e: &Entry) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(e.id));
    m.insert("type".into(), json!(e.ty));
    m.insert("names".into(), json!(e.names));
    let opt = [
        ("description", &e.description),
        ("url", &e.url),
        ("image", &e.image),
        ("updated", &e.updated),
        ("official", &e.official),
        ("capital", &e.capital),
        ("country", &e.country),
        ("region", &e.region),
        ("flag", &e.flag),
    ];
    for (k, v) in opt {
        if let Some(v) = v {
            m.insert(k.into(), json!(v));
        }
    }
    if let Some(p) = e.population {
        m.insert("population".into(), json!(p));
    }
    if !e.context.is_empty() {
        m.insert("context".into(), json!(e.context));
    }
    Value::Object(m)
}

/// What `build` did.
#[derive(Debug, Default)]
pub struct Report {
    pub entries: usize,
    pub keys: usize,
    pub shards: u32,
    pub skipped: usize,
    /// Names filed under more than [`MAX_PER_KEY`] entries (written empty).
    pub overfull: usize,
    pub first_error: Option<String>,
    pub bytes: u64,
    pub largest_shard: u64,
}

pub struct Meta {
    pub name: String,
    pub source: Option<String>,
    pub license: Option<String>,
    pub shards: Option<u32>,
}

/// Reads JSON Lines from `input` and writes the KB folder `out` (manifest and shards).
/// Unusable lines are skipped and counted; I/O errors are errors.
pub fn build(input: impl BufRead, out: &Path, meta: &Meta) -> Result<Report, String> {
    let mut report = Report::default();
    let mut entries: Vec<String> = Vec::new(); // serialised entries
    let mut keys: Vec<(String, u32)> = Vec::new(); // (normalised name, entry index)
    let mut total = 0usize;
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read input: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Value>(&line).map_err(|e| e.to_string()).and_then(|v| entry_from_json(&v));
        match parsed {
            Ok(e) => {
                let idx = entries.len() as u32;
                let mut norms: Vec<String> = e.names.iter().map(|n| normalize(n)).collect();
                norms.sort();
                norms.dedup();
                let norms_len = norms.len();
                keys.extend(norms.into_iter().map(|k| (k, idx)));
                let s = entry_to_json(&e).to_string();
                // An entry is written once per shard one of its names falls in.
                total += s.len() * norms_len;
                entries.push(s);
            }
            Err(msg) => {
                report.skipped += 1;
                if report.first_error.is_none() {
                    report.first_error = Some(format!("line {}: {msg}", n + 1));
                }
            }
        }
    }
    let shards = meta.shards.unwrap_or_else(|| total.div_ceil(SHARD_BYTES).max(1) as u32).max(1);
    // Per shard: key → entry indices, and the entries it needs.
    let mut per: Vec<BTreeMap<String, Vec<u32>>> = vec![BTreeMap::new(); shards as usize];
    for (k, idx) in &keys {
        per[shard_of(k, shards) as usize].entry(k.clone()).or_default().push(*idx);
    }
    // Names shared by too many entries are kept, but empty: present, and known to be hopeless.
    for map in &mut per {
        for ids in map.values_mut() {
            if ids.len() > MAX_PER_KEY {
                ids.clear();
                report.overfull += 1;
            }
        }
    }
    let dir = out.join("shards");
    if dir.exists() {
        // Shards of an earlier build with more shards would be stale.
        for f in std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
            let p = f.map_err(|e| e.to_string())?.path();
            if p.extension().is_some_and(|x| x == "json") {
                std::fs::remove_file(&p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
            }
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (s, map) in per.iter().enumerate() {
        let mut local: BTreeMap<u32, u32> = BTreeMap::new();
        for ids in map.values() {
            for &i in ids {
                let n = local.len() as u32;
                local.entry(i).or_insert(n);
            }
        }
        let mut order: Vec<(u32, u32)> = local.iter().map(|(&g, &l)| (l, g)).collect();
        order.sort();
        let mut buf = String::with_capacity(4096);
        buf.push_str("{\"keys\":{");
        for (j, (k, ids)) in map.iter().enumerate() {
            if j > 0 {
                buf.push(',');
            }
            buf.push_str(&Value::String(k.clone()).to_string());
            buf.push_str(":[");
            let locals: Vec<String> = ids.iter().map(|i| local[i].to_string()).collect();
            buf.push_str(&locals.join(","));
            buf.push(']');
        }
        buf.push_str("},\"entries\":[\n");
        for (j, (_, g)) in order.iter().enumerate() {
            if j > 0 {
                buf.push_str(",\n");
            }
            buf.push_str(&entries[*g as usize]);
        }
        buf.push_str("\n]}\n");
        let path = out.join(shard_path(s as u32));
        std::fs::write(&path, &buf).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        report.bytes += buf.len() as u64;
        report.largest_shard = report.largest_shard.max(buf.len() as u64);
    }
    report.entries = entries.len();
    report.keys = per.iter().map(BTreeMap::len).sum();
    report.shards = shards;
    let mut manifest = json!({
        "format": FORMAT,
        "name": meta.name,
        "shards": shards,
        "entries": report.entries,
        "keys": report.keys,
    });
    if let Some(s) = &meta.source {
        manifest["source"] = json!(s);
    }
    if let Some(l) = &meta.license {
        manifest["license"] = json!(l);
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    std::fs::write(out.join("kb.json"), text).map_err(|e| format!("cannot write kb.json: {e}"))?;
    Ok(report)
}

/// A KB folder on disk, read shard by shard (what the browser does over HTTP).
pub struct LocalKb {
    dir: std::path::PathBuf,
    pub shards: u32,
    pub name: String,
}

impl LocalKb {
    pub fn open(dir: &Path) -> Result<LocalKb, String> {
        let text = std::fs::read_to_string(dir.join("kb.json")).map_err(|e| format!("cannot read {}/kb.json: {e}", dir.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("kb.json: {e}"))?;
        if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(format!("kb.json: format is not {FORMAT}"));
        }
        let shards = v.get("shards").and_then(Value::as_u64).filter(|&n| n >= 1 && n <= u32::MAX as u64).ok_or("kb.json: no shard count")? as u32;
        let name = v.get("name").and_then(Value::as_str).unwrap_or("").to_string();
        Ok(LocalKb { dir: dir.to_path_buf(), shards, name })
    }

    /// The entries filed under normalised `key`.
    pub fn get(&self, key: &str) -> Result<Vec<Entry>, String> {
        let path = self.dir.join(shard_path(shard_of(key, self.shards)));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let ids = v.get("keys").and_then(|k| k.get(key)).and_then(Value::as_array).cloned().unwrap_or_default();
        let entries = v.get("entries").and_then(Value::as_array).cloned().unwrap_or_default();
        Ok(ids.iter().filter_map(Value::as_u64).filter_map(|i| entries.get(i as usize)).filter_map(|e| entry_from_json(e).ok()).collect())
    }
}

fn flag_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn positional(args: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i].starts_with("--") {
            i += 2;
        } else {
            out.push(args[i].as_str());
            i += 1;
        }
    }
    out
}

fn cmd_build(args: &[String]) -> Result<(), String> {
    let pos = positional(args);
    let [input, out] = pos[..] else { return Err(USAGE.to_string()) };
    let shards = match flag_value(args, "--shards") {
        Some(s) => Some(s.parse::<u32>().ok().filter(|&n| n >= 1).ok_or("--shards takes a positive number")?),
        None => None,
    };
    let meta = Meta {
        name: flag_value(args, "--name").unwrap_or("Knowledge base").to_string(),
        source: flag_value(args, "--source").map(str::to_string),
        license: flag_value(args, "--license").map(str::to_string),
        shards,
    };
    let start = std::time::Instant::now();
    let file = std::fs::File::open(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let report = build(std::io::BufReader::new(file), Path::new(out), &meta)?;
    let secs = start.elapsed().as_secs_f64();
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "gloss kb: {} entries, {} keys, {} shards ({:.1} KB on average, largest {:.1} KB) in {secs:.2} s",
        report.entries,
        report.keys,
        report.shards,
        report.bytes as f64 / report.shards as f64 / 1024.0,
        report.largest_shard as f64 / 1024.0
    );
    if report.overfull > 0 {
        let _ = writeln!(err, "gloss kb: {} names are shared by more than {MAX_PER_KEY} entries: written without entries (cards show nothing for them)", report.overfull);
    }
    if report.skipped > 0 {
        let _ = writeln!(err, "gloss kb: skipped {} unusable lines (first: {})", report.skipped, report.first_error.unwrap_or_default());
    }
    Ok(())
}

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::ALL.iter().copied().find(|t| t.as_str().eq_ignore_ascii_case(s)).ok_or(format!("unknown type {s}"))
}

fn describe(e: &Entry) -> String {
    let mut s = format!("{} [{}] {}", e.id, e.ty, e.names.first().map(String::as_str).unwrap_or(""));
    if let Some(d) = &e.description {
        s.push_str(" — ");
        s.push_str(d);
    }
    s
}

fn cmd_lookup(args: &[String]) -> Result<(), String> {
    let pos = positional(args);
    let [dir, name] = pos[..] else { return Err(USAGE.to_string()) };
    let kb = LocalKb::open(Path::new(dir))?;
    let ty = parse_type(flag_value(args, "--type").unwrap_or("PLACE"))?;
    let ctx_names: Vec<&str> = flag_value(args, "--context").map(|c| c.split(',').collect()).unwrap_or_default();
    let start = std::time::Instant::now();
    let entries = kb.get(&normalize(name))?;
    let took = start.elapsed();
    let ctx = Context::new(ctx_names.iter().copied(), &[name]);
    for e in &entries {
        println!("candidate: {}", describe(e));
    }
    match link(&[name], ty, &ctx, &entries) {
        Link::Found(i, c) => println!("linked ({c:?}): {}", describe(&entries[i])),
        other => println!("{other:?}"),
    }
    eprintln!("lookup: {:.2} ms (one shard read and parsed)", took.as_secs_f64() * 1e3);
    Ok(())
}

/// The link of every name entity of an analysed article: (canonical, type, result).
/// One entity's link: canonical name, type, the entry and confidence if linked, ambiguous?
pub type ArticleLink = (String, EntityType, Option<(Entry, super::Confidence)>, bool);

pub fn link_article(kb: &LocalKb, text: &str) -> Result<Vec<ArticleLink>, String> {
    let a = crate::analyze(text, &crate::Config::default()).map_err(|e| e.to_string())?;
    let all: Vec<&str> = a.entities.iter().flat_map(|e| std::iter::once(e.canonical.as_str()).chain(e.aliases.iter().map(String::as_str))).collect();
    let mut out = Vec::new();
    for e in &a.entities {
        if !super::is_linkable(e.ty) {
            continue;
        }
        let mut own: Vec<&str> = vec![e.canonical.as_str()];
        own.extend(e.aliases.iter().map(String::as_str));
        let ctx = Context::new(all.iter().copied(), &own);
        let entries = kb.get(&normalize(&e.canonical))?;
        let l = link(&own[..1], e.ty, &ctx, &entries);
        let (found, ambiguous) = match l {
            Link::Found(i, c) => (Some((entries[i].clone(), c)), false),
            Link::Ambiguous => (None, true),
            Link::Unknown => (None, false),
        };
        out.push((e.canonical.clone(), e.ty, found, ambiguous));
    }
    Ok(out)
}

fn cmd_link(args: &[String]) -> Result<(), String> {
    let pos = positional(args);
    let [dir, files @ ..] = &pos[..] else { return Err(USAGE.to_string()) };
    let kb = LocalKb::open(Path::new(dir))?;
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("cannot read {f}: {e}"))?;
        for (name, ty, found, ambiguous) in link_article(&kb, &text)? {
            let what = match (&found, ambiguous) {
                (Some((e, c)), _) => format!("{:?}\t{}", c, describe(e)),
                (None, true) => "Ambiguous".into(),
                (None, false) => "Unknown".into(),
            };
            println!("{f}\t{}\t{name}\t{what}", ty.as_str());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("gloss-kb-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    const INPUT: &str = r#"{"id":"1","type":"city","names":["Kerman","Kirman"],"description":"City in Iran","country":"Iran","population":577000,"url":"https://example.org/kerman"}
not json at all
{"id":"2","type":"person","names":"Alex Vatanka","description":"<script>alert(1)</script>","url":"javascript:alert(1)"}
{"id":"3","type":"city","names":[42, {"x":1}]}
{"id":"4","names":["No Type"]}
{"id":5,"type":"place","name":"Bardo","aliases":["Le Bardo"],"population":"many"}
"#;

    #[test]
    fn builds_shards_and_reads_them_back() {
        let out = tmp("basic");
        let meta = Meta { name: "Test KB".into(), source: None, license: None, shards: Some(3) };
        let r = build(INPUT.as_bytes(), &out, &meta).unwrap();
        assert_eq!((r.entries, r.skipped, r.shards), (3, 3, 3));
        assert!(r.first_error.unwrap().starts_with("line 2:"));
        let kb = LocalKb::open(&out).unwrap();
        assert_eq!(kb.name, "Test KB");
        let k = kb.get("kirman").unwrap();
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].names, ["Kerman", "Kirman"]);
        assert_eq!(k[0].population, Some(577000));
        // Stored as given (text); the card inserts it as text and refuses the URL.
        let v = kb.get("alex vatanka").unwrap();
        assert_eq!(v[0].description.as_deref(), Some("<script>alert(1)</script>"));
        assert_eq!(super::super::safe_url(v[0].url.as_deref().unwrap()), None);
        let b = kb.get("le bardo").unwrap();
        assert_eq!((b[0].id.as_str(), b[0].population), ("5", None));
        assert!(kb.get("nowhere").unwrap().is_empty());
        // Exactly the files of this build: a rebuild with fewer shards leaves no stale ones.
        let meta1 = Meta { shards: Some(1), ..meta };
        build(INPUT.as_bytes(), &out, &meta1).unwrap();
        assert_eq!(std::fs::read_dir(out.join("shards")).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn names_shared_by_too_many_entries_are_written_empty() {
        let out = tmp("overfull");
        let mut input = String::new();
        for k in 0..=MAX_PER_KEY {
            input.push_str(&format!("{{\"id\":\"{k}\",\"type\":\"person\",\"names\":[\"Person {k}\",\"Smith\"]}}\n"));
        }
        let meta = Meta { name: "x".into(), source: None, license: None, shards: Some(4) };
        let r = build(input.as_bytes(), &out, &meta).unwrap();
        assert_eq!(r.overfull, 1);
        let kb = LocalKb::open(&out).unwrap();
        assert!(kb.get("smith").unwrap().is_empty());
        assert_eq!(kb.get("person 7").unwrap()[0].id, "7");
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn huge_strings_are_cut() {
        let long = "x".repeat(100_000);
        let v = json!({"id": "1", "type": "city", "names": ["Big"], "description": long});
        let e = entry_from_json(&v).unwrap();
        assert!(e.description.unwrap().chars().count() <= super::super::MAX_FIELD + 1);
        let many: Vec<String> = (0..1000).map(|i| format!("N{i}")).collect();
        let e = entry_from_json(&json!({"id": "1", "type": "city", "names": many})).unwrap();
        assert_eq!(e.names.len(), MAX_NAMES);
    }

    /// The committed input of the bundled KB (data/knowledge/bundled.jsonl, built by
    /// tools/build_kb.py) builds without a skipped line, and links as the cards need.
    #[test]
    fn bundled_input_builds_and_links() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let input = std::fs::File::open(root.join("data/knowledge/bundled.jsonl")).unwrap();
        let out = tmp("bundled");
        let meta = Meta { name: "GeoNames".into(), source: None, license: None, shards: None };
        let r = build(std::io::BufReader::new(input), &out, &meta).unwrap();
        assert_eq!(r.skipped, 0, "{:?}", r.first_error);
        assert!(r.entries > 10_000 && r.shards > 10, "{r:?}");
        let kb = LocalKb::open(&out).unwrap();
        let found = |name: &str, ctx: &[&str]| {
            let entries = kb.get(&normalize(name)).unwrap();
            match link(&[name], EntityType::Place, &Context::new(ctx.iter().copied(), &[name]), &entries) {
                Link::Found(i, c) => (entries[i].id.clone(), c),
                other => panic!("{name}: {other:?}"),
            }
        };
        use super::super::Confidence::*;
        assert_eq!(found("Kerman", &["Iran", "Tehran"]), ("city:128234".to_string(), Sure));
        assert_eq!(found("U.S.", &[]), ("country:US".to_string(), Sure));
        assert_eq!(found("Georgia", &["Atlanta"]), ("us-state:GA".to_string(), Sure));
        assert_eq!(found("Georgia", &["Tbilisi"]), ("country:GE".to_string(), Sure));
        assert_eq!(found("Paris", &["Texas"]).1, Sure);
        assert_eq!(found("Paris", &["France"]), ("city:2988507".to_string(), Sure));
        assert_eq!(found("ایران", &[]), ("country:IR".to_string(), Sure));
        let _ = std::fs::remove_dir_all(&out);
    }
}
