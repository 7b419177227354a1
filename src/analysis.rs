//! The core's output: what one article contains, in byte offsets into its text.
//!
//! These are plain values with no knowledge of JSON or JS; [`crate::json`] turns them into the
//! public JSON (code-point spans) that the CLI prints and the browser API returns.

use crate::text::Span;
use std::fmt;

/// Options of one analysis run. Defaults suit a news article in a browser.
///
/// ```
/// use gloss::Config;
///
/// let config = Config::default();
/// assert_eq!(config.max_bytes, 4 * 1024 * 1024);
///
/// // A server that analyses untrusted uploads may want a lower limit.
/// let strict = Config { max_bytes: 256 * 1024, ..Config::default() };
/// let long = "word ".repeat(60_000);
/// assert!(gloss::analyze(&long, &strict).is_err());
/// assert!(gloss::analyze(&long, &config).is_ok());
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    /// Refuse texts longer than this many UTF-8 bytes (a clear error, not a slow page).
    pub max_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { max_bytes: 4 * 1024 * 1024 }
    }
}

/// Why an analysis was refused. It implements [`std::error::Error`] and [`fmt::Display`]:
///
/// ```
/// let err = gloss::analyze("too long", &gloss::Config { max_bytes: 3 }).unwrap_err();
/// assert_eq!(err.to_string(), "text of 8 bytes is over the configured limit of 3 bytes");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    TooLarge { bytes: usize, limit: usize },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge { bytes, limit } => {
                write!(f, "text of {bytes} bytes is over the configured limit of {limit} bytes")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The eight entity types of the gold conventions (corpus/GOLD.md).
///
/// ```
/// use gloss::EntityType;
/// assert_eq!(EntityType::Person.as_str(), "PERSON");
/// assert_eq!(EntityType::parse("org"), Some(EntityType::Org));
/// assert_eq!(EntityType::parse("ANIMAL"), None);
/// assert!(EntityType::Place.is_core() && !EntityType::Date.is_core());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Org,
    Place,
    Group,
    Event,
    Date,
    Money,
    Quantity,
}

impl EntityType {
    pub const ALL: [EntityType; 8] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Place,
        EntityType::Group,
        EntityType::Event,
        EntityType::Date,
        EntityType::Money,
        EntityType::Quantity,
    ];

    /// The upper-case name used in JSON and in `data-gloss-type`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Group => "GROUP",
            EntityType::Event => "EVENT",
            EntityType::Date => "DATE",
            EntityType::Money => "MONEY",
            EntityType::Quantity => "QUANTITY",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s))
    }

    /// PERSON, ORG and PLACE: the names, as opposed to groups, events and numeric expressions.
    pub fn is_core(self) -> bool {
        matches!(self, EntityType::Person | EntityType::Org | EntityType::Place)
    }
}

/// One occurrence of an entity in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub ty: EntityType,
    /// Index into [`Analysis::entities`].
    pub entity: usize,
}

/// One entity of the article: all mentions that name the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The fullest name form found in the article ("Alex Vatanka" for "Vatanka").
    pub canonical: String,
    pub ty: EntityType,
    /// Other forms used in the article ("Vatanka", "ISIS-K").
    pub aliases: Vec<String>,
    /// What the article says the entity is ("director of the Iran program at the Middle East Institute").
    pub descriptor: Option<String>,
    /// Indices into [`Analysis::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// Who stands behind a statement (corpus/GOLD.md, ATTRIBUTIONS).
///
/// ```
/// let text = "Officials said the bridge would reopen. The ministry said repairs were done.";
/// let a = gloss::analyze(text, &gloss::Config::default()).unwrap();
/// let kinds: Vec<&str> = a.attributions.iter().map(|s| s.kind.as_str()).collect();
/// assert_eq!(kinds, ["unnamed", "institution"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    Named,
    Unnamed,
    Outlet,
    Institution,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] =
        [SourceKind::Named, SourceKind::Unnamed, SourceKind::Outlet, SourceKind::Institution];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Unnamed => "unnamed",
            SourceKind::Outlet => "outlet",
            SourceKind::Institution => "institution",
        }
    }
}

/// One attributed statement: who (source), how (cue), what (content).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub source: Span,
    pub cue: Span,
    pub content: Span,
    pub kind: SourceKind,
    /// True only when the whole content is quoted words.
    pub direct: bool,
    /// The entity the source is (pronouns and descriptions resolved), index into `Analysis::entities`.
    pub entity: Option<usize>,
    /// Canonical name of the source where it has one (the entity's, or a resolved antecedent's).
    pub canonical: Option<String>,
}

/// The article's sourcing at a glance: what the sourcing panel shows.
///
/// ```
/// use gloss::{EntityType, SourceKind};
/// let text = "Officials said the bridge would reopen.\nThe river rose again on Monday.";
/// let s = gloss::analyze(text, &gloss::Config::default()).unwrap().summary;
/// let unnamed = SourceKind::ALL.iter().position(|&k| k == SourceKind::Unnamed).unwrap();
/// assert_eq!(s.statements_by_kind[unnamed], 1);
/// assert_eq!(s.unattributed_paragraphs, [1]); // the second line has no statement
/// let dates = EntityType::ALL.iter().position(|&t| t == EntityType::Date).unwrap();
/// assert_eq!(s.entities_by_type[dates], 1); // "Monday"
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Mentions per entity type, in [`EntityType::ALL`] order.
    pub entities_by_type: [usize; 8],
    /// Statements per source kind, in [`SourceKind::ALL`] order.
    pub statements_by_kind: [usize; 4],
    /// Distinct sources per kind, in [`SourceKind::ALL`] order.
    pub sources_by_kind: [usize; 4],
    pub direct: usize,
    pub indirect: usize,
    /// Indices into [`Analysis::paragraphs`] of paragraphs with no attributed statement.
    pub unattributed_paragraphs: Vec<usize>,
}

/// Everything the core found in one article. All spans are UTF-8 byte offsets into the text.
///
/// Mentions point to entities ([`Mention::entity`]) and entities list their mentions
/// ([`Entity::mentions`]); an attribution's source may be an entity ([`Attribution::entity`]).
///
/// ```
/// let text = "Alex Vatanka of the Middle East Institute said the attack was a setback.\n\
///             Vatanka added that Iran would respond.";
/// let a = gloss::analyze(text, &gloss::Config::default()).unwrap();
///
/// assert_eq!(a.paragraphs.len(), 2); // one paragraph a line
/// for m in &a.mentions {
///     let entity = &a.entities[m.entity];
///     println!("{} ({}) -> {}", m.span.of(text), m.ty.as_str(), entity.canonical);
/// }
/// // "Vatanka" is linked to "Alex Vatanka": one entity, two mentions, two statements.
/// let v = a.entities.iter().position(|e| e.canonical == "Alex Vatanka").unwrap();
/// assert_eq!(a.entities[v].mentions.len(), 2);
/// assert_eq!(a.entities[v].ty, gloss::EntityType::Person);
/// assert!(a.attributions.iter().all(|s| s.entity == Some(v)));
///
/// for s in &a.attributions {
///     println!("{} [{}] {}", s.source.of(text), s.kind.as_str(), s.content.of(text));
/// }
/// assert_eq!(a.summary.direct + a.summary.indirect, a.attributions.len());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    /// Sorted by start, never overlapping.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub attributions: Vec<Attribution>,
    pub summary: Summary,
}

impl Analysis {
    /// The analysis of `doc` with these mentions, entities and attributions: paragraph and
    /// sentence spans from `doc`, the summary computed from the rest.
    pub fn assemble(doc: &crate::text::Document, mentions: Vec<Mention>, entities: Vec<Entity>, attributions: Vec<Attribution>) -> Analysis {
        let summary = crate::attribution::summarize(doc, &mentions, &entities, &attributions);
        Analysis {
            paragraphs: doc.paragraphs.iter().map(|p| p.span).collect(),
            sentences: doc.sentences.iter().map(|s| s.span).collect(),
            mentions,
            entities,
            attributions,
            summary,
        }
    }
}
