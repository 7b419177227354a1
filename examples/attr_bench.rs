//! Times the attribution step alone on a text file: `attr_bench FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: attr_bench FILE");
    let text = std::fs::read_to_string(path).expect("read");
    let t0 = std::time::Instant::now();
    let doc = gloss::text::Document::new(&text);
    let t1 = std::time::Instant::now();
    let a = gloss::attribution::attribute(&doc, &[], &[]);
    let s = gloss::attribution::summarize(&doc, &[], &[], &a);
    let t2 = std::time::Instant::now();
    let n = doc.tokens.len() as f64;
    println!("{} tokens, {} statements, {} unattributed paragraphs", doc.tokens.len(), a.len(), s.unattributed_paragraphs.len());
    println!("text core {:.1} ms ({:.2} M tok/s); attribution {:.1} ms ({:.2} M tok/s)",
        (t1 - t0).as_secs_f64() * 1e3, n / (t1 - t0).as_secs_f64() / 1e6,
        (t2 - t1).as_secs_f64() * 1e3, n / (t2 - t1).as_secs_f64() / 1e6);
}
