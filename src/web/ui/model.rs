//! What the UI shows, computed once from the core's [`Analysis`]: entities with their mentions
//! and statements, statements with their sources, and the panel's counts. Plain values.

use crate::analysis::{Analysis, EntityType, SourceKind};

pub struct EntityView {
    pub canonical: String,
    pub ty: EntityType,
    pub descriptor: Option<String>,
    /// Other spellings in the article (for knowledge linking).
    pub aliases: Vec<String>,
    /// Mention indices, in text order.
    pub mentions: Vec<usize>,
    /// Statement indices whose source is this entity.
    pub statements: Vec<usize>,
}

pub struct StatementView {
    pub kind: SourceKind,
    pub direct: bool,
    /// The source's full name (canonical) or, without one, its phrase in the article.
    pub name: String,
    /// The badge label: a person's surname, an outlet's short form, or the kind.
    pub label: String,
    pub cue: String,
    pub content: String,
    pub entity: Option<usize>,
    pub descriptor: Option<String>,
    /// Statements from the same source (same name), this one included, in text order.
    pub group: usize,
}

pub struct Model {
    pub entities: Vec<EntityView>,
    pub mention_entity: Vec<usize>,
    pub statements: Vec<StatementView>,
    /// Distinct sources: (kind, name, statement indices), in order of first statement.
    pub sources: Vec<(SourceKind, String, Vec<usize>)>,
    pub paragraphs: usize,
    pub unattributed: usize,
}

/// At most `max` characters of `s`, cut at a word boundary, with an ellipsis.
pub fn excerpt(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn short_label(kind: SourceKind, name: &str, source_text: &str, has_name: bool) -> Option<String> {
    match kind {
        SourceKind::Unnamed => None,
        SourceKind::Named if has_name => name.split_whitespace().last().map(str::to_string),
        _ => {
            let t = source_text.trim();
            let t = t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).unwrap_or(t);
            let shortest = if has_name && name.chars().count() < t.chars().count() { name } else { t };
            (shortest.chars().count() <= 24).then(|| shortest.to_string())
        }
    }
}

impl Model {
    pub fn new(text: &str, a: &Analysis, kind_labels: &[&str; 4]) -> Model {
        let mut entities: Vec<EntityView> = a
            .entities
            .iter()
            .map(|e| EntityView {
                canonical: e.canonical.clone(),
                ty: e.ty,
                descriptor: e.descriptor.clone(),
                aliases: e.aliases.clone(),
                mentions: Vec::new(),
                statements: Vec::new(),
            })
            .collect();
        let mut mention_entity = Vec::with_capacity(a.mentions.len());
        for (i, m) in a.mentions.iter().enumerate() {
            mention_entity.push(m.entity);
            if let Some(e) = entities.get_mut(m.entity) {
                e.mentions.push(i);
            }
        }
        let mut statements = Vec::new();
        let mut sources: Vec<(SourceKind, String, Vec<usize>)> = Vec::new();
        for (i, r) in a.attributions.iter().enumerate() {
            let source_text = r.source.of(text).trim().to_string();
            let entity = r.entity.filter(|&e| e < entities.len());
            let canonical = r.canonical.clone().or_else(|| entity.map(|e| entities[e].canonical.clone()));
            let has_name = canonical.is_some();
            let name = canonical.unwrap_or_else(|| source_text.clone());
            let label = short_label(r.kind, &name, &source_text, has_name)
                .unwrap_or_else(|| kind_labels[super::strings::kind_index(r.kind)].to_string());
            if let Some(e) = entity {
                entities[e].statements.push(i);
            }
            let key = name.to_lowercase();
            let group = match sources.iter().position(|(k, n, _)| *k == r.kind && n.to_lowercase() == key) {
                Some(g) => g,
                None => {
                    sources.push((r.kind, name.clone(), Vec::new()));
                    sources.len() - 1
                }
            };
            sources[group].2.push(i);
            statements.push(StatementView {
                kind: r.kind,
                direct: r.direct,
                name,
                label,
                cue: r.cue.of(text).trim().to_string(),
                content: r.content.of(text).trim().to_string(),
                entity,
                descriptor: entity.and_then(|e| entities[e].descriptor.clone()),
                group,
            });
        }
        Model {
            entities,
            mention_entity,
            statements,
            sources,
            paragraphs: a.paragraphs.len(),
            unattributed: a.summary.unattributed_paragraphs.len(),
        }
    }

    pub fn statements_by_kind(&self) -> [usize; 4] {
        let mut out = [0; 4];
        for s in &self.statements {
            out[super::strings::kind_index(s.kind)] += 1;
        }
        out
    }
}
