//! Word lists the attribution rules consult: reporting verbs and their forms, auxiliaries,
//! adverbs that may sit between a source and its verb, titles, and common nouns for people.
//!
//! Every lookup takes a lower-cased word (the engine keeps a lower-cased copy of the text, so a
//! token's lower-case form is a slice, not an allocation).

use crate::fxhash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// How a reporting verb behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// Verbs of saying that take a clause, an object or a quote ("said", "told", "warned").
    Say,
    /// Verbs that report only with a clause or a quote ("admitted that …", "declared: “…”"),
    /// so that "declared martial law" or "claimed responsibility" are not statements.
    NeedsClause,
    /// Verbs that attribute a quote next to them or govern the quote that follows, but carry no
    /// statement of their own ("continued", "defended his decision", "asked").
    Weak,
    /// Evidential verbs whose subject must be a document, report or poll ("a poll showed …").
    Evidential,
    /// "has learned": a cue only when an outlet is its subject.
    OutletOnly,
    /// "according to".
    According,
}

/// The grammatical form of a verb token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    S,
    Past,
    /// Past participle only ("written", "shown").
    Participle,
    Ing,
}

/// base, 3rd person, past, -ing; '|' separates verbs. Past participles that differ are listed
/// in [`PARTICIPLES`].
const VERBS_SAY: &str = "say says said saying|tell tells told telling|\
warn warns warned warning|urge urges urged urging|accuse accuses accused accusing|\
blame blames blamed blaming|vow vows vowed vowing|describe describes described describing|\
question questions questioned questioning|divulge divulges divulged divulging|\
explain explains explained explaining|insist insists insisted insisting|\
stress stresses stressed stressing|emphasise emphasises emphasised emphasising|\
emphasize emphasizes emphasized emphasizing|reiterate reiterates reiterated reiterating|\
reaffirm reaffirms reaffirmed reaffirming|caution cautions cautioned cautioning|\
allege alleges alleged alleging|assert asserts asserted asserting|contend contends contended contending|\
concede concedes conceded conceding|\
complain complains complained complaining|pledge pledges pledged pledging|promise promises promised promising|\
testify testifies testified testifying|remark remarks remarked remarking|predict predicts predicted predicting|\
tweet tweets tweeted tweeting|boast boasts boasted boasting";

const VERBS_CLAUSE: &str = "argue argues argued arguing|add adds added adding|deny denies denied denying|admit admits admitted admitting|acknowledge acknowledges acknowledged acknowledging|\
confirm confirms confirmed confirming|report reports reported reporting|announce announces announced announcing|\
declare declares declared declaring|note notes noted noting|claim claims claimed claiming|\
reveal reveals revealed revealing|disclose discloses disclosed disclosing|state states stated stating|\
comment comments commented commenting|maintain maintains maintained maintaining|\
observe observes observed observing|estimate estimates estimated estimating|\
write writes wrote writing|recall recalls recalled recalling";

const VERBS_WEAK: &str = "continue continues continued continuing|defend defends defended defending|\
ask asks asked asking|reply replies replied replying|respond responds responded responding|\
joke jokes joked joking|conclude concludes concluded concluding|begin begins began beginning|\
recount recounts recounted recounting";

// "suggest" counts only as evidence from a document ("the report suggested …"), not as a
// person's speech ("I suggest they …"): corpus/GOLD.md lists it only as evidential.
const VERBS_EVIDENTIAL: &str = "show shows showed showing|indicate indicates indicated indicating|find finds found finding|\
suggest suggests suggested suggesting";

const PARTICIPLES: &[(&str, &str)] = &[("written", "write"), ("shown", "show"), ("begun", "begin")];

pub struct Verb {
    pub lemma: &'static str,
    pub form: Form,
    pub class: CueClass,
}

fn verbs() -> &'static HashMap<&'static str, Verb> {
    static MAP: OnceLock<HashMap<&'static str, Verb>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::default();
        // Later tables do not override earlier ones: "write" is Say before it is Weak.
        for (table, class) in [
            (VERBS_SAY, CueClass::Say),
            (VERBS_CLAUSE, CueClass::NeedsClause),
            (VERBS_WEAK, CueClass::Weak),
            (VERBS_EVIDENTIAL, CueClass::Evidential),
        ] {
            for group in table.split('|') {
                let forms: Vec<&'static str> = group.split_whitespace().collect();
                let lemma = forms[0];
                for (k, f) in forms.iter().enumerate() {
                    let form = [Form::Base, Form::S, Form::Past, Form::Ing][k.min(3)];
                    m.entry(*f).or_insert(Verb { lemma, form, class });
                }
            }
        }
        for &(f, lemma) in PARTICIPLES {
            let class = m.get(lemma).map_or(CueClass::Say, |v: &Verb| v.class);
            m.entry(f).or_insert(Verb { lemma, form: Form::Participle, class });
        }
        for f in ["learned", "learnt", "understands", "understood"] {
            m.insert(f, Verb { lemma: "learn", form: Form::Past, class: CueClass::OutletOnly });
        }
        m
    })
}

/// The reporting verb a lower-cased word is a form of.
pub fn verb(w: &str) -> Option<&'static Verb> {
    if w.len() < 3 || w.len() > 14 {
        return None;
    }
    verbs().get(w)
}

/// Verbs whose -s form is more often a plural noun ("news reports", "claims of torture"):
/// as a cue they need "that", a colon or a quote after them.
pub fn noun_like(lemma: &str) -> bool {
    matches!(lemma, "report" | "claim" | "note" | "question" | "comment" | "state" | "promise" | "pledge"
        | "remark" | "tweet" | "estimate" | "show" | "find" | "stress" | "vow" | "blame")
}

/// Auxiliaries that belong to the cue when they touch it ("has said", "was quoted").
pub fn is_aux(w: &str) -> bool {
    matches!(w, "'re" | "’re" | "'m" | "’m" | "has" | "have" | "had" | "is" | "are" | "was" | "were" | "been" | "be" | "being" | "'ve" | "’ve" | "'s" | "’s" | "am" | "'d" | "’d" | "do" | "does" | "did")
}

pub fn is_be(w: &str) -> bool {
    matches!(w, "'re" | "’re" | "'m" | "’m" | "is" | "are" | "was" | "were" | "been" | "be" | "being" | "am")
}

/// Words before a verb that make its speech future, hypothetical or not reported.
pub fn is_modal_or_to(w: &str) -> bool {
    matches!(w, "will" | "would" | "could" | "can" | "may" | "might" | "should" | "must" | "shall" | "'ll" | "’ll" | "to" | "cannot" | "wo" | "ca")
}

pub fn is_negation(w: &str) -> bool {
    matches!(w, "not" | "n't" | "n’t" | "never" | "no" | "neither" | "nor")
}

/// Adverbs that may stand between a source and its verb ("Obama also said") and are left out
/// of both.
pub fn is_adverb(w: &str) -> bool {
    matches!(w, "also" | "repeatedly" | "later" | "earlier" | "previously" | "then" | "again" | "once"
        | "publicly" | "privately" | "further" | "often" | "recently" | "quickly" | "reportedly" | "now"
        | "still" | "already" | "separately" | "subsequently" | "twice" | "frequently" | "long" | "openly"
        | "simply" | "flatly" | "firmly" | "clearly" | "categorically" | "initially" | "finally" | "last"
        | "just" | "even" | "first" | "yesterday" | "today" | "similarly" | "likewise" | "angrily" | "bluntly"
        | "ever" | "always" | "yet" | "immediately" | "personally" | "tearfully" | "emotionally" | "famously" )
}

/// Any "-ly" adverb ("effectively", "publicly") standing between a source and its verb.
pub fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && !matches!(w, "family" | "italy" | "july" | "reply" | "supply" | "ally" | "rally" | "belly" | "only" | "daily"
            | "weekly" | "monthly" | "quarterly" | "yearly" | "early" | "elderly" | "friendly" | "holy" | "assembly" | "ugly")
}

/// Words that open a sentence before its subject and end at a comma ("In Washington, …").
pub fn is_intro(w: &str) -> bool {
    matches!(w, "in" | "on" | "at" | "after" | "before" | "earlier" | "later" | "since" | "during" | "speaking"
        | "however" | "moreover" | "but" | "and" | "separately" | "meanwhile" | "last" | "this" | "also"
        | "still" | "then" | "when" | "while" | "as" | "although" | "though" | "despite" | "following"
        | "asked" | "yesterday" | "today" | "for" | "with" | "without" | "under" | "from" | "by" | "to"
        | "talking" | "writing" | "addressing" | "responding" | "so" | "yet" | "instead" | "now" | "amid"
        | "over" | "across" | "further" | "furthermore" | "additionally" | "again" | "indeed" | "overall"
        | "nevertheless" | "nonetheless" | "thus" | "therefore" | "previously" | "recently" | "once"
        | "if" | "because" | "until" | "within" | "throughout" | "among" | "like" | "unlike" | "according")
}

/// Determiners and quantifiers that start a noun phrase.
pub fn is_det(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their"
        | "our" | "my" | "your" | "many" | "some" | "several" | "most" | "few" | "other" | "both" | "all"
        | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "one" | "another"
        | "each" | "every" | "such" | "no" | "more" | "any")
}

pub fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "it" | "they" | "we" | "i" | "you" | "who" | "which")
}

pub fn is_conj(w: &str) -> bool {
    matches!(w, "and" | "but" | "or" | "so" | "yet" | "nor")
}

pub fn is_preposition(w: &str) -> bool {
    matches!(w, "in" | "on" | "at" | "after" | "during" | "from" | "of" | "before" | "with" | "via" | "through"
        | "while" | "for" | "by" | "over" | "under" | "about" | "since" | "until" | "into" | "across"
        | "outside" | "inside" | "near" | "amid" | "ahead" | "following" | "upon" | "without" | "when"
        | "as" | "to" | "late" | "early" | "earlier" | "later")
}

/// Words of time that may follow a cue before its content ("said Thursday that …").
pub fn is_time_word(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "yesterday" | "today" | "tonight" | "earlier" | "later" | "late" | "last" | "this" | "week"
        | "month" | "year" | "morning" | "evening" | "afternoon" | "night" | "recently" | "previously"
        | "again" | "also" | "repeatedly" | "now" | "then" | "once" | "publicly" | "privately"
        | "separately" | "further" | "weekend" | "overnight" | "early")
}

/// Titles and roles that precede a name and are not part of the source span.
pub fn is_title(w: &str) -> bool {
    matches!(w, "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr." | "prof" | "prof." | "sir" | "dame"
        | "lord" | "lady" | "president" | "vice" | "prime" | "minister" | "secretary" | "chancellor"
        | "governor" | "gov." | "senator" | "sen." | "rep." | "representative" | "congressman"
        | "congresswoman" | "mayor" | "judge" | "justice" | "general" | "gen." | "colonel" | "col."
        | "captain" | "capt." | "lt." | "lieutenant" | "sergeant" | "sgt." | "admiral" | "adm." | "major"
        | "king" | "queen" | "prince" | "princess" | "pope" | "ayatollah" | "sheikh" | "rabbi" | "father"
        | "reverend" | "rev." | "bishop" | "cardinal" | "chief" | "inspector" | "detective" | "officer"
        | "director" | "chairman" | "chairwoman" | "chair" | "ceo" | "spokesman" | "spokeswoman"
        | "spokesperson" | "ambassador" | "commander" | "supreme" | "leader" | "deputy" | "assistant"
        | "former" | "acting" | "interim" | "head" | "coach" | "professor" | "premier" | "emir" | "sultan"
        | "crown" | "foreign" | "defence" | "defense" | "interior" | "finance" | "health" | "state"
        | "attorney" | "speaker" | "editor" | "correspondent" | "reporter" | "analyst" | "founder"
        | "executive" | "senior" | "junior" | "constable" | "superintendent" | "sheriff" | "president-elect"
        | "elect" | "dean" | "principal" | "councillor" | "councilman" | "councilwoman" | "mp" | "mep" | "rabbi.")
}

/// Role nouns that, with "the", designate one known person ("the president", "the mother").
pub fn is_unique_role(w: &str) -> bool {
    matches!(w, "president" | "mother" | "father" | "wife" | "husband" | "son" | "daughter" | "sister"
        | "brother" | "minister" | "chancellor" | "pope" | "king" | "queen" | "prince" | "princess"
        | "governor" | "mayor" | "spokesman" | "spokeswoman" | "spokesperson" | "premier" | "senator"
        | "congressman" | "congresswoman" | "chairman" | "chairwoman" | "ceo" | "founder" | "coach"
        | "actor" | "actress" | "singer" | "star" | "leader" | "director" | "author" | "judge" | "ambassador"
        | "secretary" | "general" | "commander" | "prosecutor" | "lawyer" | "attorney" | "boss" | "manager"
        | "widow" | "parents" | "family" | "victim" | "suspect" | "defendant" | "mp" | "emir" | "monarch"
        | "candidate" | "nominee" | "president-elect" | "pm" | "chief" | "girl" | "boy" | "man" | "woman"
        | "executive" | "owner" | "headteacher" | "chair" | "chairperson" | "commissioner" | "chancellor.")
}

/// Common nouns for people and groups of people: as a source head they make it unnamed
/// (also when capitalised at the start of a sentence: "Analysts said").
pub fn is_people_noun(w: &str) -> bool {
    matches!(w, "official" | "officials" | "analyst" | "analysts" | "expert" | "experts" | "lawmaker"
        | "lawmakers" | "legislator" | "legislators" | "resident" | "residents" | "witness" | "witnesses"
        | "source" | "sources" | "critic" | "critics" | "diplomat" | "diplomats" | "authorities"
        | "investigator" | "investigators" | "protester" | "protesters" | "prosecutors" | "researcher"
        | "researchers" | "scientist" | "scientists" | "economist" | "economists" | "doctor" | "doctors"
        | "observer" | "observers" | "activist" | "activists" | "campaigners" | "officer" | "officers"
        | "member" | "members" | "leaders" | "people" | "others" | "aides" | "aide" | "advisers" | "adviser"
        | "advisors" | "advisor" | "insiders" | "insider" | "supporters" | "opponents" | "voters" | "students"
        | "teachers" | "parents" | "families" | "relatives" | "neighbours" | "neighbors" | "locals"
        | "villagers" | "workers" | "employees" | "staff" | "soldiers" | "troops" | "militants"
        | "rebels" | "fighters" | "politicians" | "ministers" | "commanders" | "spokesmen" | "negotiators"
        | "proxies" | "organisers" | "organizers" | "survivors" | "victims" | "fans" | "users" | "customers"
        | "someone" | "some" | "many" | "several" | "most" | "everyone" | "nobody" | "person" | "man"
        | "woman" | "men" | "women" | "groups" | "agencies" | "colleagues" | "friends" | "scholars"
        | "historians" | "lawyers" | "attorneys" | "strategists" | "commentators" | "pundits" | "mps"
        | "senators" | "representatives" | "delegates" | "participants" | "activists." | "physicians"
        | "nurses" | "police." | "academics" | "rescuers" | "medics" | "paramedics" | "firefighters")
}

/// Heads of documents and studies that may "show" or "suggest" (evidential cues) and that make
/// a source an institution.
pub fn is_document_noun(w: &str) -> bool {
    matches!(w, "poll" | "polls" | "survey" | "surveys" | "report" | "reports" | "study" | "studies"
        | "data" | "figures" | "statistics" | "analysis" | "document" | "documents" | "research"
        | "census" | "assessment" | "review" | "audit" | "investigation" | "inquiry" | "statement"
        | "memo" | "letter" | "filing" | "filings" | "records" | "record" | "transcript" | "estimates"
        | "findings" | "notes" | "email" | "emails" | "message" | "messages" | "cable" | "cables" | "paper" | "evidence" | "footage" | "video" | "images" | "results" | "forecast")
}

/// Common-noun heads of bodies that speak as one (institution).
pub fn is_institution_noun(w: &str) -> bool {
    matches!(w, "government" | "ministry" | "department" | "police" | "army" | "military" | "company"
        | "firm" | "agency" | "council" | "court" | "office" | "authority" | "administration" | "parliament"
        | "commission" | "committee" | "embassy" | "bank" | "party" | "group" | "organisation"
        | "organization" | "union" | "board" | "regime" | "cabinet" | "kremlin" | "pentagon" | "presidency"
        | "campaign" | "team" | "club" | "school" | "university" | "hospital" | "force" | "forces"
        | "service" | "services" | "prosecutor's" | "junta" | "coalition" | "alliance" | "federation"
        | "association" | "foundation" | "institute" | "charity" | "network" | "spokesman's" | "body"
        | "watchdog" | "regulator" | "tribunal" | "legislature" | "congress" | "senate" | "house"
        | "mission" | "secretariat" | "corporation" | "industry" | "airline" | "manufacturer" | "retailer"
        | "startup" | "bureau" | "directorate" | "command" | "unit" | "county" | "city" | "state" | "country"
        | "nation" | "province" | "municipality" | "governments" | "countries" | "companies" | "firms"
        | "banks" | "ministries" | "departments" | "agencies." | "statement" | "spokesperson's")
}

/// Common-noun heads that designate a news organisation ("the newspaper", "local media").
pub fn is_outlet_noun(w: &str) -> bool {
    matches!(w, "newspaper" | "newspapers" | "paper" | "daily" | "outlet" | "outlets" | "broadcaster"
        | "broadcasters" | "magazine" | "tabloid" | "website" | "media" | "television" | "tv" | "radio"
        | "channel" | "newswire" | "wire" | "weekly" | "publication" | "press" | "journalists"
        | "reporters" | "correspondents")
}

/// Non-restrictive tails that end a statement's content: the writer's comment, not the
/// source's words (", which …", ", amid …").
pub fn ends_content(w: &str) -> bool {
    matches!(w, "which" | "amid")
}
