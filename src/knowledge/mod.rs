//! Knowledge behind the cards: entries of a knowledge base (KB), the static sharded format they
//! are served in, and linking an article's entity to an entry.
//!
//! A KB is a folder on any static host: `kb.json` (the manifest: format, name, credit, licence,
//! number of shards) and `shards/<n>.json`, one per shard. A name is looked up by its
//! [`normalize`]d form; [`shard_of`] says which shard holds it. A shard is
//! `{"keys": {"<normalised name>": [entry index, …]}, "entries": [entry, …]}`; an entry is one line
//! of the publisher's JSON Lines input (see README "Knowledge"). `gloss kb build` ([`build`],
//! native only) writes the folder.
//!
//! Linking ([`link`]) is deliberately shy: a wrong card is worse than none. An entry is a
//! candidate when one of its names normalises to the entity's name and its type is compatible;
//! the article's other names (its context) choose among candidates; without a clear winner the
//! card says "possibly" or shows nothing.
//!
//! The core never sees the network: the browser side (`src/web/ui/knowledge.rs`) fetches, this
//! module decides. Everything here is deterministic and tested natively.

#[cfg(not(target_arch = "wasm32"))]
pub mod build;

use crate::analysis::EntityType;

/// The manifest's `format` value.
pub const FORMAT: &str = "gloss-kb/1";

/// Longest text kept from any KB field (characters); longer strings are cut.
pub const MAX_FIELD: usize = 600;
/// At most this many names are read from one entry.
pub const MAX_NAMES: usize = 64;
/// A name filed under more entries than this is hopeless to link: `gloss kb build` writes it
/// with no entries (the card shows nothing), and a reader never takes more.
pub const MAX_PER_KEY: usize = 64;

/// One KB entry, as the linker and the card see it. Every string is plain text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub id: String,
    /// Free text; [`kind_of`] maps it to the entity types it may stand for.
    pub ty: String,
    /// The first name is the display name; the others are aliases.
    pub names: Vec<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub updated: Option<String>,
    // Optional facts (the bundled gazetteer fills them; a publisher's KB may).
    pub official: Option<String>,
    pub capital: Option<String>,
    pub country: Option<String>,
    pub region: Option<String>,
    pub population: Option<u64>,
    pub flag: Option<String>,
    /// Names that, found elsewhere in an article, speak for this entry (its country, region,
    /// capital, larger cities, demonym…). Used only for linking.
    pub context: Vec<String>,
}

/// What an entry's `type` says it is, coarsely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Country,
    City,
    Region,
    Place,
    Person,
    Org,
    Group,
    Event,
    Other,
}

/// Type words and what they mean (compared ignoring ASCII case): a table, not a `match`, so the
/// Wasm carries data rather than code.
const KINDS: &[(&str, Kind)] = &[
    ("country", Kind::Country), ("territory", Kind::Country), ("nation", Kind::Country),
    ("city", Kind::City), ("town", Kind::City), ("village", Kind::City), ("capital", Kind::City), ("municipality", Kind::City),
    ("region", Kind::Region), ("state", Kind::Region), ("province", Kind::Region), ("county", Kind::Region),
    ("district", Kind::Region), ("continent", Kind::Region),
    ("place", Kind::Place), ("location", Kind::Place), ("landmark", Kind::Place), ("building", Kind::Place),
    ("island", Kind::Place), ("river", Kind::Place), ("mountain", Kind::Place), ("sea", Kind::Place), ("lake", Kind::Place),
    ("person", Kind::Person), ("human", Kind::Person),
    ("organization", Kind::Org), ("organisation", Kind::Org), ("org", Kind::Org), ("company", Kind::Org),
    ("institution", Kind::Org), ("party", Kind::Org), ("team", Kind::Org), ("agency", Kind::Org), ("outlet", Kind::Org),
    ("group", Kind::Group), ("nationality", Kind::Group), ("religion", Kind::Group),
    ("event", Kind::Event),
];

pub fn kind_of(ty: &str) -> Kind {
    let ty = ty.trim();
    KINDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(ty)).map_or(Kind::Other, |&(_, k)| k)
}

/// Entity types that may have knowledge behind them (names, not dates or amounts).
pub fn is_linkable(t: EntityType) -> bool {
    matches!(t, EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Group | EntityType::Event)
}

/// May an entity of type `t` be this entry?
pub fn compatible(t: EntityType, k: Kind) -> bool {
    match t {
        EntityType::Place => matches!(k, Kind::Country | Kind::City | Kind::Region | Kind::Place),
        EntityType::Person => k == Kind::Person,
        EntityType::Org => k == Kind::Org,
        EntityType::Group => k == Kind::Group,
        EntityType::Event => k == Kind::Event,
        _ => false,
    }
}

/// The lookup key of a name: lower case, Latin diacritics folded, dots and apostrophes dropped,
/// other punctuation a space, spaces collapsed, a leading "the " dropped.
/// "U.S." → "us", "São Paulo" → "sao paulo", "The Hague" → "hague", "al-Qaeda" → "al qaeda".
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.chars().flat_map(char::to_lowercase) {
        if matches!(c, '.' | '\'' | '’' | '‘' | 'ʼ' | '`' | '\u{200c}' | '\u{200d}' | '\u{ad}') {
            continue;
        }
        if c.is_alphanumeric() {
            match fold(c) {
                Some(f) => out.push_str(f),
                None if is_mark(c) => {}
                None => out.push(c),
            }
            space = false;
        } else if is_mark(c) {
            // A combining mark (decomposed input): dropped with the other diacritics.
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670)
}

/// Latin letters with diacritics to their base letters (lower case in, lower case out).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The shard (0 ≤ shard < `shards`) that holds normalised name `key`: FNV-1a of its UTF-8 bytes.
pub fn shard_of(key: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// The path of a shard inside the KB folder.
pub fn shard_path(shard: u32) -> String {
    format!("shards/{shard}.json")
}

/// `s` if it is an absolute http(s) URL without spaces or control characters: only such URLs
/// become links or images (no `javascript:`, `data:`, relative or protocol-relative URLs).
pub fn safe_url(s: &str) -> Option<&str> {
    let s = s.trim();
    let lower = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let rest_ok = s.len() > 8 && s.len() <= 2048 && !s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    (scheme_ok && rest_ok).then_some(s)
}

/// At most [`MAX_FIELD`] characters of `s`, trimmed; `None` when empty.
pub fn clean(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().count() <= MAX_FIELD {
        return Some(s.to_string());
    }
    let cut: String = s.chars().take(MAX_FIELD).collect();
    Some(format!("{}…", cut.trim_end()))
}

/// How sure a link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    Sure,
    /// Shown with "possibly".
    Possibly,
}

/// What linking found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Entry index and confidence.
    Found(usize, Confidence),
    /// Several candidates and nothing in the article to choose: show nothing from outside.
    Ambiguous,
    /// No entry of a compatible type has this name.
    Unknown,
}

/// The article around an entity: the normalised names of the article's other entities.
#[derive(Clone, Debug, Default)]
pub struct Context {
    names: std::collections::HashSet<String>,
}

impl Context {
    /// From the article's entity names (canonical names and aliases), leaving out `own` (the
    /// entity being linked, which says nothing about itself).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>, own: &[&str]) -> Context {
        let own: Vec<String> = own.iter().map(|n| normalize(n)).collect();
        let names = names.into_iter().map(normalize).filter(|n| !n.is_empty() && !own.contains(n)).collect();
        Context { names }
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.contains(&normalize(name))
    }
}

struct Cand {
    i: usize,
    kind: Kind,
    /// The entity's name is the entry's display name (not only an alias).
    primary: bool,
    hits: usize,
    pop: u64,
}

fn rank(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::City => 1,
        Kind::Region => 2,
        _ => 3,
    }
}

/// Links an entity named `names` (canonical first, then aliases) of type `ty` to one of
/// `entries`, using `ctx` to choose among same-named candidates.
///
/// - No compatible candidate: [`Link::Unknown`].
/// - One candidate: sure.
/// - Several: the one with the most context support (its country, region, capital or related
///   names appear in the article) is sure when it has strictly more than every other; a
///   country whose same-named cities are all inside it is sure ("Singapore"). Otherwise, with
///   no support to decide, a clear prior (a country, or ten times the population of the
///   runner-up) is "possibly"; anything else is [`Link::Ambiguous`].
pub fn link(names: &[&str], ty: EntityType, ctx: &Context, entries: &[Entry]) -> Link {
    let keys: Vec<String> = names.iter().map(|n| normalize(n)).filter(|k| !k.is_empty()).collect();
    if keys.is_empty() {
        return Link::Unknown;
    }
    let mut cands: Vec<Cand> = Vec::new();
    let mut seen_ids: Vec<&str> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let kind = kind_of(&e.ty);
        if !compatible(ty, kind) || seen_ids.contains(&e.id.as_str()) {
            continue;
        }
        let norm: Vec<String> = e.names.iter().map(|n| normalize(n)).collect();
        if !norm.iter().any(|n| keys.contains(n)) {
            continue;
        }
        seen_ids.push(&e.id);
        let primary = norm.first().is_some_and(|n| keys.contains(n));
        let mut support: Vec<String> = Vec::new();
        for s in [&e.country, &e.region, &e.capital].into_iter().flatten().chain(e.context.iter()) {
            let n = normalize(s);
            if !n.is_empty() && !keys.contains(&n) && !support.contains(&n) {
                support.push(n);
            }
        }
        let hits = support.iter().filter(|n| ctx.names.contains(*n)).count();
        cands.push(Cand { i, kind, primary, hits, pop: e.population.unwrap_or(0) });
    }
    if cands.is_empty() {
        return Link::Unknown;
    }
    // The best two by (context support, display name, country > city > region, population);
    // a selection, not a sort: a sort's code would weigh more in the Wasm than the few
    // candidates a name has.
    let key = |c: &Cand| (std::cmp::Reverse(c.hits), !c.primary, rank(c.kind), std::cmp::Reverse(c.pop), c.i);
    let b = (0..cands.len()).min_by_key(|&k| key(&cands[k])).unwrap_or(0);
    let best = &cands[b];
    let Some(second) = (0..cands.len()).filter(|&k| k != b).map(|k| &cands[k]).min_by_key(|c| key(c)) else {
        return Link::Found(best.i, Confidence::Sure);
    };
    if best.hits > second.hits {
        return Link::Found(best.i, Confidence::Sure);
    }
    let best_e = &entries[best.i];
    let best_name = best_e.names.first().map(|n| normalize(n)).unwrap_or_default();
    // Every other candidate lies inside the best one ("Singapore" the city in Singapore).
    let inside = cands.iter().filter(|c| c.i != best.i).all(|c| {
        let e = &entries[c.i];
        [&e.country, &e.region].into_iter().flatten().any(|p| normalize(p) == best_name)
    });
    if inside && best.kind == Kind::Country {
        return Link::Found(best.i, Confidence::Sure);
    }
    if best.kind == Kind::Country && second.kind != Kind::Country || best.pop >= second.pop.saturating_mul(10).max(1) {
        return Link::Found(best.i, Confidence::Possibly);
    }
    Link::Ambiguous
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    fn e(id: &str, ty: &str, names: &[&str], country: Option<&str>, region: Option<&str>, pop: u64, context: &[&str]) -> Entry {
        Entry {
            id: id.into(),
            ty: ty.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            country: country.map(Into::into),
            region: region.map(Into::into),
            population: Some(pop),
            context: context.iter().map(|s| s.to_string()).collect(),
            ..Entry::default()
        }
    }

    fn kb() -> Vec<Entry> {
        vec![
            e("c:GE", "country", &["Georgia", "Sakartvelo"], None, Some("Asia"), 3_700_000, &["Tbilisi", "Georgian", "Batumi"]),
            e("s:GA", "region", &["Georgia"], Some("United States"), None, 0, &["Atlanta", "Savannah", "Augusta"]),
            e("p:1", "city", &["Paris"], Some("France"), None, 2_100_000, &["French", "Île-de-France"]),
            e("p:2", "city", &["Paris"], Some("United States"), Some("Texas"), 24_000, &["American"]),
            e("c:SG", "country", &["Singapore"], None, Some("Asia"), 5_600_000, &["Singaporean"]),
            e("t:SG", "city", &["Singapore"], Some("Singapore"), None, 3_500_000, &[]),
            e("k:1", "city", &["Kerman"], Some("Iran"), None, 577_000, &["Iranian"]),
            e("w:1", "city", &["Washington", "Washington, D.C."], Some("United States"), None, 690_000, &["American"]),
            e("w:2", "region", &["Washington"], Some("United States"), None, 0, &["Seattle", "Spokane"]),
            e("p:3", "person", &["Paris Hilton"], None, None, 0, &[]),
            e("u:1", "country", &["United States", "US", "USA", "United States of America"], None, None, 330_000_000, &[]),
        ]
    }

    fn ctx(names: &[&str]) -> Context {
        Context::new(names.iter().copied(), &[])
    }

    #[test]
    fn normalises_case_punctuation_and_diacritics() {
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("  São   Paulo "), "sao paulo");
        assert_eq!(normalize("The Hague"), "hague");
        assert_eq!(normalize("al-Qaeda"), "al qaeda");
        assert_eq!(normalize("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalize("KERMAN"), "kerman");
        assert_eq!(normalize("Kermän"), normalize("Kerman"));
        assert_eq!(normalize("Cafe\u{301}"), "cafe");
        assert_eq!(normalize("ایران"), "ایران");
        assert_eq!(normalize("the"), "the");
        assert_eq!(normalize("?!"), "");
    }

    #[test]
    fn shards_are_stable_and_in_range() {
        // Pinned: the JS side never computes shards, but published KBs must not move.
        assert_eq!(shard_of("kerman", 64), shard_of("kerman", 64));
        assert_eq!(shard_of("", 7), 0x811c_9dc5 % 7);
        for k in ["a", "paris", "georgia", "sao paulo"] {
            assert!(shard_of(k, 13) < 13);
        }
        assert_eq!(shard_of("x", 0), 0);
    }

    #[test]
    fn type_words() {
        assert_eq!(kind_of(" City "), Kind::City);
        assert_eq!(kind_of("TERRITORY"), Kind::Country);
        assert_eq!(kind_of("organisation"), Kind::Org);
        assert_eq!(kind_of("<script>"), Kind::Other);
        assert!(compatible(EntityType::Place, kind_of("continent")));
        assert!(!compatible(EntityType::Person, kind_of("city")));
    }

    #[test]
    fn only_http_urls_are_safe() {
        assert_eq!(safe_url(" https://example.org/a?b=1 "), Some("https://example.org/a?b=1"));
        assert_eq!(safe_url("HTTP://example.org/"), Some("HTTP://example.org/"));
        for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "//evil.example/x", "/relative", "https://", "https://a b", "https://a\n.example", "vbscript:x", "https://x/\"onerror=\"", ""] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn context_chooses_georgia_and_paris() {
        let kb = kb();
        let id = |l: Link| match l {
            Link::Found(i, c) => (kb[i].id.as_str(), c),
            other => panic!("{other:?}"),
        };
        assert_eq!(id(link(&["Georgia"], Place, &ctx(&["Tbilisi", "Russia"]), &kb)), ("c:GE", Confidence::Sure));
        assert_eq!(id(link(&["Georgia"], Place, &ctx(&["Atlanta", "Brian Kemp"]), &kb)), ("s:GA", Confidence::Sure));
        // No context: the country, but only "possibly".
        assert_eq!(id(link(&["Georgia"], Place, &ctx(&["Joe Smith"]), &kb)), ("c:GE", Confidence::Possibly));
        assert_eq!(id(link(&["Paris"], Place, &ctx(&["Texas", "Dallas"]), &kb)), ("p:2", Confidence::Sure));
        assert_eq!(id(link(&["Paris"], Place, &ctx(&["France"]), &kb)), ("p:1", Confidence::Sure));
        assert_eq!(id(link(&["Paris"], Place, &ctx(&[]), &kb)), ("p:1", Confidence::Possibly));
        assert_eq!(id(link(&["Singapore"], Place, &ctx(&[]), &kb)), ("c:SG", Confidence::Sure));
        assert_eq!(id(link(&["KERMAN"], Place, &ctx(&["Iran"]), &kb)), ("k:1", Confidence::Sure));
        assert_eq!(id(link(&["U.S."], Place, &ctx(&[]), &kb)), ("u:1", Confidence::Sure));
    }

    #[test]
    fn types_must_fit_and_ties_stay_unlinked() {
        let kb = kb();
        // A person called Paris is not the city, and the city is not a person.
        assert_eq!(link(&["Paris"], Person, &ctx(&[]), &kb), Link::Unknown);
        assert_eq!(link(&["Kerman"], Org, &ctx(&[]), &kb), Link::Unknown);
        assert_eq!(link(&["Date"], Date, &ctx(&[]), &kb), Link::Unknown);
        // The city and the state, neither supported nor clearly larger: nothing.
        let no_pop: Vec<Entry> = kb.iter().cloned().map(|mut e| { e.population = None; e }).collect();
        assert_eq!(link(&["Washington"], Place, &ctx(&[]), &no_pop), Link::Ambiguous);
        // Context that supports both equally: still nothing sure.
        assert_eq!(link(&["Washington"], Place, &ctx(&["United States"]), &no_pop), Link::Ambiguous);
        assert_eq!(link(&["Nowhere"], Place, &ctx(&[]), &kb), Link::Unknown);
        assert_eq!(link(&[""], Place, &ctx(&[]), &kb), Link::Unknown);
    }

    #[test]
    fn own_name_is_not_context() {
        let c = Context::new(["Georgia", "Atlanta"], &["Georgia"]);
        assert!(!c.has("Georgia"));
        assert!(c.has("ATLANTA"));
    }
}
