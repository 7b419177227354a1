//! Link precision on the dev corpus's places: every PLACE entity the recognizer finds in the six
//! dev articles is linked to the bundled KB (built from the committed JSON Lines, read shard by
//! shard as the browser does) and compared with the hand-checked table
//! tests/fixtures/kb_links_dev.tsv. Run with `--nocapture` for the numbers in README.

use gloss::knowledge::build::{build, link_article, LocalKb, Meta};
use gloss::knowledge::Confidence;
use gloss::EntityType;
use std::collections::HashMap;
use std::path::Path;

#[test]
fn dev_places_link_precisely() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("gloss-kb-links-{}", std::process::id()));
    let input = std::fs::File::open(root.join("data/knowledge/bundled.jsonl")).unwrap();
    let meta = Meta { name: "GeoNames".into(), source: None, license: None, shards: None };
    build(std::io::BufReader::new(input), &out, &meta).unwrap();
    let kb = LocalKb::open(&out).unwrap();

    let table = std::fs::read_to_string(root.join("tests/fixtures/kb_links_dev.tsv")).unwrap();
    let mut want: HashMap<(String, String), String> = HashMap::new();
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        want.insert((f[0].to_string(), f[1].to_string()), f[2].to_string());
    }

    // (shown, right) for sure and possibly links; silence where an entry was right; wrong silences.
    let (mut sure, mut sure_ok, mut maybe, mut maybe_ok, mut linkable, mut silent_ok, mut total) = (0, 0, 0, 0, 0, 0, 0);
    let mut seen = std::collections::HashSet::new();
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/dev")).unwrap().map(|d| d.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(dir.join("article.txt")).unwrap();
        for (name, ty, found, _ambiguous) in link_article(&kb, &text).unwrap() {
            if ty != EntityType::Place || !seen.insert((id.clone(), name.clone())) {
                continue;
            }
            let expected = want.get(&(id.clone(), name.clone())).unwrap_or_else(|| panic!("{id}\t{name} is not in kb_links_dev.tsv"));
            total += 1;
            if expected != "-" {
                linkable += 1;
            }
            match found {
                Some((e, c)) => {
                    let right = &e.id == expected;
                    if !right {
                        eprintln!("wrong link: {id} {name} → {} ({c:?}), expected {expected}", e.id);
                    }
                    if c == Confidence::Sure {
                        sure += 1;
                        sure_ok += right as usize;
                    } else {
                        maybe += 1;
                        maybe_ok += right as usize;
                    }
                }
                None if expected == "-" => silent_ok += 1,
                None => eprintln!("missed: {id} {name}, expected {expected}"),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let shown = sure + maybe;
    let precision = (sure_ok + maybe_ok) as f64 / shown.max(1) as f64;
    let recall = (sure_ok + maybe_ok) as f64 / linkable.max(1) as f64;
    println!(
        "dev places: {total} distinct (article, name); {linkable} have a right entry; shown {shown} ({sure} sure, {maybe} possibly); \
         right {} ({sure_ok} sure, {maybe_ok} possibly); precision {precision:.3}, recall {recall:.3}; correctly silent {silent_ok} of {}",
        sure_ok + maybe_ok,
        total - linkable
    );
    assert!(total >= 50, "{total}");
    // Floors a little under the measured numbers (1.000 and 1.000 on 2026-11-26).
    assert!(precision >= 0.97, "link precision {precision:.3}");
    assert_eq!(sure_ok, sure, "a sure link is wrong");
    assert!(recall >= 0.9, "link recall {recall:.3}");
    assert_eq!(silent_ok, total - linkable, "a card showed something where nothing is right");
}
