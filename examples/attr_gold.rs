//! Dev harness for the attribution engine: runs it with the gold entities of a corpus article as
//! its mentions, so attribution can be measured apart from the recognizer.
//!
//! `cargo run --release --example attr_gold -- corpus/dev/<id>` prints the same JSON as
//! `gloss analyze` (entities are the gold ones), ready for tools/score_gold.py.

use gloss::analysis::{Analysis, Entity, EntityType, Mention};
use gloss::text::{offsets::{OffsetIndex, Unit}, Document, Span};
use std::collections::HashMap;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: attr_gold DIR (with article.txt and gold.json)");
    let text = std::fs::read_to_string(format!("{dir}/article.txt")).expect("article.txt");
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/gold.json")).expect("gold.json")).expect("json");
    let ix = OffsetIndex::new(&text);
    let mut mentions = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_name: HashMap<(String, EntityType), usize> = HashMap::new();
    let mut ents: Vec<&serde_json::Value> = gold["entities"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    ents.sort_by_key(|e| e["start"].as_u64());
    for e in ents {
        let (Some(s), Some(t), Some(ty)) = (e["start"].as_u64(), e["end"].as_u64(), e["type"].as_str().and_then(EntityType::parse)) else { continue };
        let start = ix.convert_floor(s as usize, Unit::CodePoint, Unit::Utf8);
        let end = ix.convert_floor(t as usize, Unit::CodePoint, Unit::Utf8);
        let canonical = e["canonical"].as_str().unwrap_or("").to_string();
        let id = *by_name.entry((canonical.clone(), ty)).or_insert_with(|| {
            entities.push(Entity { canonical: canonical.clone(), ty, aliases: Vec::new(), descriptor: None, mentions: Vec::new() });
            entities.len() - 1
        });
        entities[id].mentions.push(mentions.len());
        mentions.push(Mention { span: Span::new(start, end), ty, entity: id });
    }
    let doc = Document::new(&text);
    let attributions = gloss::attribution::attribute(&doc, &mentions, &entities);
    let analysis = Analysis::assemble(&doc, mentions, entities, attributions);
    let json = gloss::json::JsonAnalysis::new(&text, &analysis);
    println!("{}", serde_json::to_string_pretty(&json).unwrap());
}
