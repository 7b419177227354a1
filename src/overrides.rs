//! Editorial overrides: a publisher's corrections, applied to an [`Analysis`] after the core ran.
//!
//! A publisher can suppress an entity or a statement, fix an entity's type, canonical name or
//! descriptor, and fix a source's kind. Overrides are plain JSON, given beside an article
//! (per-article) or shared by every article of a site (site-wide); several sets apply in order,
//! so a per-article set given after the site-wide one has the last word.
//!
//! # The format
//!
//! ```json
//! {
//!   "entities": [
//!     { "match": "Biden", "type": "PERSON" },
//!     { "match": "Acme", "canonical": "Acme Corporation", "descriptor": "the anvil maker" },
//!     { "match": "Kerman", "suppress": true }
//!   ],
//!   "statements": [
//!     { "source": "Reuters", "kind": "outlet" },
//!     { "content": "the attack was a setback", "suppress": true },
//!     { "source": "officials", "content": "would respond", "suppress": true }
//!   ]
//! }
//! ```
//!
//! - `entities[].match` (required) selects every entity whose canonical name, one of its aliases
//!   or one of its mentions' text equals it (case-insensitive, surrounding spaces ignored). Then
//!   `suppress: true` removes the entity and its marks; `type` sets its type (one of `PERSON`,
//!   `ORG`, `PLACE`, `GROUP`, `EVENT`, `DATE`, `MONEY`, `QUANTITY`) on it and all its mentions;
//!   `canonical` renames it (and the statements it is the source of); `descriptor` sets what the
//!   card says it is (an empty string removes the descriptor).
//! - `statements[]` selects statements by `source` (equal to the source's canonical name or its
//!   words in the text, case-insensitive) and/or `content` (a case-insensitive substring of
//!   the statement's content); at least one is required and all that are given must match. Then
//!   `suppress: true` removes the statement (and its badge); `kind` sets the source's kind (one
//!   of `named`, `unnamed`, `outlet`, `institution`).
//! - Unknown fields and bad values are an [`OverrideError`], never ignored silently. A rule that
//!   matches nothing is not an error (the same site-wide set serves every article); it is listed
//!   in [`Applied::unmatched`].
//!
//! The summary is recounted after the changes, so the sourcing panel agrees with the badges.
//!
//! ```
//! use gloss::overrides::Overrides;
//!
//! let text = "Alex Vatanka said the attack was a setback. Officials said Iran would respond.";
//! let mut analysis = gloss::analyze(text, &gloss::Config::default()).unwrap();
//! assert_eq!(analysis.attributions.len(), 2);
//!
//! let fixes: Overrides = serde_json::from_str(r#"{
//!     "entities":   [{ "match": "Alex Vatanka", "descriptor": "an Iran analyst" }],
//!     "statements": [{ "source": "Officials", "suppress": true }]
//! }"#).unwrap();
//! let applied = fixes.apply(text, &mut analysis).unwrap();
//!
//! assert_eq!(applied.statements_suppressed, 1);
//! assert_eq!(analysis.attributions.len(), 1);
//! let vatanka = analysis.entities.iter().find(|e| e.canonical == "Alex Vatanka").unwrap();
//! assert_eq!(vatanka.descriptor.as_deref(), Some("an Iran analyst"));
//! assert_eq!(analysis.summary.statements_by_kind, [1, 0, 0, 0]);
//! ```

use crate::analysis::{Analysis, Attribution, EntityType, SourceKind};
use crate::attribution::summarize_spans;
use serde::Deserialize;
use std::fmt;

/// One set of overrides (per-article or site-wide). Deserialize it from the JSON format above
/// (`serde_json::from_str`, or [`Overrides::from_json`] natively).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Overrides {
    pub entities: Vec<EntityRule>,
    pub statements: Vec<StatementRule>,
}

/// A correction to the entities that `match` selects.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EntityRule {
    /// A name: the entity's canonical name, an alias, or a mention's text (case-insensitive).
    #[serde(rename = "match")]
    pub name: String,
    pub suppress: bool,
    /// `PERSON`, `ORG`, … (case-insensitive).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub canonical: Option<String>,
    /// Replaces the descriptor; `""` removes it.
    pub descriptor: Option<String>,
}

/// A correction to the statements that `source` and `content` select.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct StatementRule {
    /// The source's canonical name or its words in the text (case-insensitive equality).
    pub source: Option<String>,
    /// A case-insensitive substring of the statement's content.
    pub content: Option<String>,
    pub suppress: bool,
    /// `named`, `unnamed`, `outlet` or `institution`.
    pub kind: Option<String>,
}

/// Why a set of overrides was refused (nothing is applied then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverrideError(pub String);

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad overrides: {}", self.0)
    }
}

impl std::error::Error for OverrideError {}

/// What [`Overrides::apply`] changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub entities_suppressed: usize,
    pub entities_changed: usize,
    pub statements_suppressed: usize,
    pub statements_changed: usize,
    /// Rules that selected nothing in this article, described like `entities[2] (match "X")`.
    pub unmatched: Vec<String>,
}

fn parse_kind(s: &str) -> Option<SourceKind> {
    SourceKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Overrides {
    /// Parses and checks the JSON format (native builds; the browser deserializes a JS value).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(json: &str) -> Result<Overrides, OverrideError> {
        let o: Overrides = serde_json::from_str(json).map_err(|e| OverrideError(e.to_string()))?;
        o.check()?;
        Ok(o)
    }

    /// Checks every rule: a selector present, known types and kinds.
    pub fn check(&self) -> Result<(), OverrideError> {
        for (i, r) in self.entities.iter().enumerate() {
            if r.name.trim().is_empty() {
                return Err(OverrideError(format!("entities[{i}]: \"match\" is required and must not be empty")));
            }
            if let Some(t) = &r.ty {
                if EntityType::parse(t.trim()).is_none() {
                    return Err(OverrideError(format!(
                        "entities[{i}]: unknown type \"{t}\" (PERSON, ORG, PLACE, GROUP, EVENT, DATE, MONEY, QUANTITY)"
                    )));
                }
            }
            if r.canonical.as_deref().is_some_and(|c| c.trim().is_empty()) {
                return Err(OverrideError(format!("entities[{i}]: \"canonical\" must not be empty")));
            }
        }
        for (i, r) in self.statements.iter().enumerate() {
            let empty = |o: &Option<String>| o.as_deref().map_or(true, |s| s.trim().is_empty());
            if empty(&r.source) && empty(&r.content) {
                return Err(OverrideError(format!("statements[{i}]: give \"source\" or \"content\" (or both)")));
            }
            if let Some(k) = &r.kind {
                if parse_kind(k).is_none() {
                    return Err(OverrideError(format!(
                        "statements[{i}]: unknown kind \"{k}\" (named, unnamed, outlet, institution)"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Applies the rules, in order, to `analysis` (an analysis of `text`), then recounts the
    /// summary. Checks first: on an error nothing is changed.
    pub fn apply(&self, text: &str, analysis: &mut Analysis) -> Result<Applied, OverrideError> {
        self.check()?;
        let mut applied = Applied::default();
        let a = analysis;

        // Entities: edits in place, suppressions collected and removed at the end.
        let mut gone = vec![false; a.entities.len()];
        for (i, r) in self.entities.iter().enumerate() {
            let selected: Vec<usize> = (0..a.entities.len())
                .filter(|&e| !gone[e])
                .filter(|&e| {
                    let ent = &a.entities[e];
                    same(&ent.canonical, &r.name)
                        || ent.aliases.iter().any(|x| same(x, &r.name))
                        || ent.mentions.iter().any(|&m| a.mentions.get(m).is_some_and(|m| same(m.span.of(text), &r.name)))
                })
                .collect();
            if selected.is_empty() {
                applied.unmatched.push(format!("entities[{i}] (match \"{}\")", r.name));
            }
            for e in selected {
                if r.suppress {
                    gone[e] = true;
                    applied.entities_suppressed += 1;
                    continue;
                }
                let ent = &mut a.entities[e];
                if let Some(t) = r.ty.as_deref().and_then(|t| EntityType::parse(t.trim())) {
                    ent.ty = t;
                    for &m in &ent.mentions {
                        if let Some(m) = a.mentions.get_mut(m) {
                            m.ty = t;
                        }
                    }
                }
                if let Some(c) = &r.canonical {
                    let old = std::mem::replace(&mut ent.canonical, c.trim().to_string());
                    if !ent.aliases.iter().any(|x| x == &old) {
                        ent.aliases.push(old);
                    }
                    for s in a.attributions.iter_mut().filter(|s| s.entity == Some(e)) {
                        s.canonical = Some(c.trim().to_string());
                    }
                }
                if let Some(d) = &r.descriptor {
                    ent.descriptor = (!d.trim().is_empty()).then(|| d.trim().to_string());
                }
                applied.entities_changed += 1;
            }
        }
        if gone.iter().any(|&g| g) {
            remove_entities(a, &gone);
        }

        // Statements.
        let mut drop = vec![false; a.attributions.len()];
        for (i, r) in self.statements.iter().enumerate() {
            let kind = r.kind.as_deref().and_then(parse_kind);
            let mut hit = false;
            for (k, s) in a.attributions.iter_mut().enumerate() {
                if drop[k] || !statement_matches(r, s, text) {
                    continue;
                }
                hit = true;
                if r.suppress {
                    drop[k] = true;
                    applied.statements_suppressed += 1;
                } else if let Some(kind) = kind {
                    s.kind = kind;
                    applied.statements_changed += 1;
                }
            }
            if !hit {
                let what = [("source", &r.source), ("content", &r.content)]
                    .iter()
                    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} \"{v}\"")))
                    .collect::<Vec<_>>()
                    .join(", ");
                applied.unmatched.push(format!("statements[{i}] ({what})"));
            }
        }
        if drop.iter().any(|&d| d) {
            let mut k = 0;
            a.attributions.retain(|_| {
                k += 1;
                !drop[k - 1]
            });
        }

        a.summary = summarize_spans(text, &a.paragraphs, &a.mentions, &a.attributions);
        Ok(applied)
    }
}

fn statement_matches(r: &StatementRule, s: &Attribution, text: &str) -> bool {
    let source_ok = r.source.as_deref().map_or(true, |want| {
        same(s.source.of(text), want) || s.canonical.as_deref().is_some_and(|c| same(c, want))
    });
    let content_ok = r
        .content
        .as_deref()
        .map_or(true, |want| s.content.of(text).to_lowercase().contains(&want.trim().to_lowercase()));
    source_ok && content_ok
}

/// Removes the entities marked in `gone` with their mentions, and renumbers every index.
fn remove_entities(a: &mut Analysis, gone: &[bool]) {
    let mut new_entity = vec![None; a.entities.len()];
    let mut n = 0;
    for (e, g) in gone.iter().enumerate() {
        if !g {
            new_entity[e] = Some(n);
            n += 1;
        }
    }
    let mut new_mention = vec![None; a.mentions.len()];
    let mut mentions = Vec::with_capacity(a.mentions.len());
    for (i, m) in a.mentions.iter().enumerate() {
        if let Some(Some(e)) = new_entity.get(m.entity) {
            new_mention[i] = Some(mentions.len());
            let mut m = m.clone();
            m.entity = *e;
            mentions.push(m);
        }
    }
    a.mentions = mentions;
    let mut e = 0;
    a.entities.retain(|_| {
        e += 1;
        !gone[e - 1]
    });
    for ent in &mut a.entities {
        ent.mentions = ent.mentions.iter().filter_map(|&m| new_mention.get(m).copied().flatten()).collect();
    }
    for s in &mut a.attributions {
        s.entity = s.entity.and_then(|e| new_entity.get(e).copied().flatten());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Config};

    const TEXT: &str = "Alex Vatanka, director of the Iran program at the Middle East Institute, said the attack \
was a setback. Officials said Iran would respond. Reuters reported that the talks had stalled.\n\
Vatanka added that \"nothing is settled.\"";

    fn run(json: &str) -> (Analysis, Applied) {
        let mut a = analyze(TEXT, &Config::default()).unwrap();
        let o = Overrides::from_json(json).unwrap();
        let applied = o.apply(TEXT, &mut a).unwrap();
        (a, applied)
    }

    fn consistent(a: &Analysis) {
        for (i, m) in a.mentions.iter().enumerate() {
            assert!(a.entities[m.entity].mentions.contains(&i), "mention {i} listed by its entity");
            assert_eq!(a.entities[m.entity].ty, m.ty);
        }
        for e in &a.entities {
            assert!(e.mentions.windows(2).all(|w| w[0] < w[1]));
        }
        for s in &a.attributions {
            assert!(s.entity.map_or(true, |e| e < a.entities.len()));
        }
        let n: usize = a.summary.entities_by_type.iter().sum();
        assert_eq!(n, a.mentions.len());
        assert_eq!(a.summary.statements_by_kind.iter().sum::<usize>(), a.attributions.len());
    }

    #[test]
    fn suppress_an_entity_removes_its_mentions_and_renumbers() {
        let before = analyze(TEXT, &Config::default()).unwrap();
        assert!(before.entities.iter().any(|e| e.canonical == "Iran"));
        let (a, applied) = run(r#"{"entities":[{"match":"iran","suppress":true}]}"#);
        assert_eq!(applied.entities_suppressed, 1);
        assert!(a.entities.iter().all(|e| e.canonical != "Iran"));
        assert!(a.mentions.iter().all(|m| m.span.of(TEXT) != "Iran"));
        assert_eq!(a.mentions.len(), before.mentions.len() - 2);
        consistent(&a);
        // The statement of Vatanka still points at Vatanka after renumbering.
        let s = &a.attributions[0];
        assert_eq!(a.entities[s.entity.unwrap()].canonical, "Alex Vatanka");
    }

    #[test]
    fn fix_type_canonical_and_descriptor() {
        let (a, applied) = run(
            r#"{"entities":[{"match":"Reuters","type":"org","canonical":"Reuters news agency","descriptor":"a wire service"},
                            {"match":"Vatanka","descriptor":""}]}"#,
        );
        assert_eq!(applied.entities_changed, 2);
        let r = a.entities.iter().find(|e| e.canonical == "Reuters news agency").unwrap();
        assert_eq!(r.descriptor.as_deref(), Some("a wire service"));
        assert!(r.aliases.iter().any(|x| x == "Reuters"));
        let v = a.entities.iter().find(|e| e.canonical == "Alex Vatanka").unwrap();
        assert_eq!(v.descriptor, None);
        let (a, _) = run(r#"{"entities":[{"match":"Middle East Institute","type":"PLACE"}]}"#);
        let m = a.mentions.iter().find(|m| m.span.of(TEXT) == "Middle East Institute").unwrap();
        assert_eq!(m.ty, EntityType::Place);
        assert_eq!(a.summary.entities_by_type[2], 3, "two Irans and the institute are places now");
        consistent(&a);
    }

    #[test]
    fn statements_suppress_and_kind() {
        let before = analyze(TEXT, &Config::default()).unwrap();
        let (a, applied) = run(
            r#"{"statements":[{"source":"reuters","kind":"institution"},{"content":"WOULD respond","suppress":true}]}"#,
        );
        assert_eq!((applied.statements_changed, applied.statements_suppressed), (1, 1));
        assert_eq!(a.attributions.len(), before.attributions.len() - 1);
        assert!(a.attributions.iter().all(|s| s.content.of(TEXT) != "Iran would respond"));
        let r = a.attributions.iter().find(|s| s.source.of(TEXT) == "Reuters").unwrap();
        assert_eq!(r.kind, SourceKind::Institution);
        assert_eq!(a.summary.statements_by_kind, [2, 0, 0, 1]);
        consistent(&a);
    }

    #[test]
    fn both_selectors_must_match_and_unmatched_rules_are_listed() {
        let (a, applied) =
            run(r#"{"statements":[{"source":"Reuters","content":"would respond","suppress":true}],"entities":[{"match":"Nobody"}]}"#);
        assert_eq!(a.attributions.len(), analyze(TEXT, &Config::default()).unwrap().attributions.len());
        assert_eq!(applied.unmatched.len(), 2);
        assert!(applied.unmatched[0].contains("Nobody"));
    }

    #[test]
    fn sets_apply_in_order() {
        let mut a = analyze(TEXT, &Config::default()).unwrap();
        let site = Overrides::from_json(r#"{"entities":[{"match":"Vatanka","descriptor":"site-wide"}]}"#).unwrap();
        let article = Overrides::from_json(r#"{"entities":[{"match":"Alex Vatanka","descriptor":"this article"}]}"#).unwrap();
        site.apply(TEXT, &mut a).unwrap();
        article.apply(TEXT, &mut a).unwrap();
        assert_eq!(a.entities[0].descriptor.as_deref(), Some("this article"));
    }

    #[test]
    fn bad_overrides_are_clear_errors() {
        for (json, needle) in [
            (r#"{"entities":[{"match":"X","type":"ANIMAL"}]}"#, "unknown type \"ANIMAL\""),
            (r#"{"statements":[{"kind":"secret","source":"X"}]}"#, "unknown kind"),
            (r#"{"statements":[{"suppress":true}]}"#, "give \"source\" or \"content\""),
            (r#"{"entities":[{"suppress":true}]}"#, "\"match\" is required"),
            (r#"{"entites":[]}"#, "unknown field `entites`"),
            (r#"{"entities":[{"match":"X","supress":true}]}"#, "unknown field `supress`"),
            (r#"{"entities":["#, "EOF"),
        ] {
            let err = Overrides::from_json(json).unwrap_err().to_string();
            assert!(err.contains(needle), "{json}: {err}");
        }
        // apply checks too, and changes nothing on error.
        let mut a = analyze(TEXT, &Config::default()).unwrap();
        let copy = a.clone();
        let bad = Overrides { entities: vec![EntityRule { name: "Iran".into(), ty: Some("x".into()), ..Default::default() }], ..Default::default() };
        assert!(bad.apply(TEXT, &mut a).is_err());
        assert_eq!(a, copy);
    }

    #[test]
    fn empty_overrides_change_nothing() {
        let before = analyze(TEXT, &Config::default()).unwrap();
        let (a, applied) = run("{}");
        assert_eq!(a, before);
        assert_eq!(applied, Applied::default());
    }
}
