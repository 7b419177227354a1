//! Runs the attribution step alone (no recognizer) on a text file and prints the JSON of
//! `gloss analyze`: a quick way to read what the rules find on new articles.
fn main() {
    let path = std::env::args().nth(1).expect("usage: attr_plain FILE");
    let text = std::fs::read_to_string(path).expect("read");
    let doc = gloss::text::Document::new(&text);
    let attributions = gloss::attribution::attribute(&doc, &[], &[]);
    let summary = gloss::attribution::summarize(&doc, &[], &[], &attributions);
    let analysis = gloss::analysis::Analysis {
        paragraphs: doc.paragraphs.iter().map(|p| p.span).collect(),
        sentences: doc.sentences.iter().map(|s| s.span).collect(),
        attributions,
        summary,
        ..Default::default()
    };
    println!("{}", serde_json::to_string_pretty(&gloss::json::JsonAnalysis::new(&text, &analysis)).unwrap());
}
