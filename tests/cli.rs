//! The `gloss` command line: JSON on stdout only, clear errors with a non-zero exit.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

const GLOSS: &str = env!("CARGO_BIN_EXE_gloss");

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(GLOSS).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A command that reads a file, not stdin, may exit before this write: a closed pipe is fine.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing the command's stdin: {e}");
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn analyze_prints_the_json_contract() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dev/seed-iran-kerman/article.txt");
    let (code, out, _) = run(&["analyze", path], b"");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON only");
    assert!(v["entities"].is_array() && v["attributions"].is_array());
    assert_eq!(v["summary"]["paragraphs"], 19);
    let text = std::fs::read_to_string(path).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for e in v["entities"].as_array().unwrap() {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[s..t].iter().collect::<String>(), e["text"].as_str().unwrap(), "code-point spans");
    }
}

#[test]
fn analyze_reads_stdin_with_code_point_offsets() {
    let (code, out, _) = run(&["analyze", "-"], "😀 é\nSecond line.".as_bytes());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["paragraphs"], 2);
}

#[test]
fn bad_input_is_a_clear_error_not_a_panic() {
    let (code, out, err) = run(&["analyze", "-"], b"abc \xff\xfe def");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("not UTF-8") && err.contains("offset 4"), "{err}");
    let (code, _, err) = run(&["analyze", "/nonexistent/file.txt"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/file.txt"), "{err}");
    let (code, _, err) = run(&["frobnicate"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("usage:"), "{err}");
}

#[test]
fn analyze_applies_overrides_in_order() {
    let dir = std::env::temp_dir().join(format!("gloss-cli-overrides-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let site = dir.join("site.json");
    let article = dir.join("article.json");
    std::fs::write(&site, r#"{"entities":[{"match":"Iran","suppress":true},{"match":"Alex Vatanka","descriptor":"site"}]}"#).unwrap();
    std::fs::write(&article, r#"{"entities":[{"match":"Vatanka","canonical":"A. Vatanka"}],"statements":[{"content":"setback","suppress":true}]}"#).unwrap();
    let text = "Alex Vatanka of the Middle East Institute said the attack was a setback.\nVatanka added that Iran would respond.";
    let (code, plain, _) = run(&["analyze", "-"], text.as_bytes());
    assert_eq!(code, 0);
    let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert!(plain["entities"].as_array().unwrap().iter().any(|e| e["text"] == "Iran"));
    assert_eq!(plain["attributions"].as_array().unwrap().len(), 2);

    let (code, out, err) =
        run(&["analyze", "--overrides", site.to_str().unwrap(), "--overrides", article.to_str().unwrap(), "-"], text.as_bytes());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ents = v["entities"].as_array().unwrap();
    assert!(ents.iter().all(|e| e["text"] != "Iran"), "suppressed");
    assert!(ents.iter().filter(|e| e["type"] == "PERSON").all(|e| e["canonical"] == "A. Vatanka"));
    let atts = v["attributions"].as_array().unwrap();
    assert_eq!(atts.len(), 1);
    assert_eq!(atts[0]["canonical"], "A. Vatanka");
    assert_eq!(v["summary"]["statements"], 1);

    std::fs::write(&article, r#"{"entities":[{"match":"X","type":"ANIMAL"}]}"#).unwrap();
    let (code, out, err) = run(&["analyze", "--overrides", article.to_str().unwrap(), "-"], text.as_bytes());
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown type \"ANIMAL\""), "{err}");
    let (code, _, err) = run(&["analyze", "--overrides"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("--overrides needs a JSON file"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
