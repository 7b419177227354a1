//! Gazetteers of names the kind of a source depends on: news outlets and agencies (outlet),
//! countries and seats of government (institution), and well-known organisation acronyms.
//!
//! Names are matched on the source's words, lower-cased, without a leading "the". A name not in
//! the outlet list still counts as an outlet when its last word is a typical masthead word
//! ("Times", "Post", "Journal"), see [`is_outlet_name`].

use crate::words::Words;

/// News organisations, wire services and broadcasters, lower-cased, without "the".
static OUTLETS: Words = Words::new("reuters|ap|associated press|the associated press|afp|agence france-presse|agence france presse|\
    bloomberg|bloomberg news|wsj|wall street journal|new york times|nyt|ny times|washington post|\
    bbc|bbc news|bbc world service|cnn|fox news|nbc|nbc news|cbs|cbs news|abc|abc news|msnbc|npr|\
    pbs|politico|axios|the hill|hill|guardian|observer|times|sunday times|telegraph|daily telegraph|\
    independent|financial times|ft|economist|daily mail|mail|mail on sunday|sun|mirror|daily mirror|\
    evening standard|sky news|sky|itv|itv news|channel 4 news|channel 4|al jazeera|al arabiya|\
    al-jazeera|al-arabiya|interfax|tass|ria novosti|ria|sputnik|rt|xinhua|global times|\
    people's daily|cctv|cgtn|kyodo|kyodo news|nhk|yonhap|yonhap news agency|korea times|\
    korea herald|joongang daily|chosun ilbo|asahi|asahi shimbun|yomiuri|nikkei|\
    south china morning post|scmp|straits times|times of india|hindustan times|hindu|\
    press trust of india|pti|dawn|haaretz|times of israel|jerusalem post|ynet|irna|isna|fars|tasnim|\
    mehr|press tv|iran international|kayhan|anadolu|anadolu agency|dpa|ansa|efe|der spiegel|spiegel|\
    le monde|le figaro|liberation|el pais|el país|corriere della sera|la repubblica|\
    frankfurter allgemeine|faz|süddeutsche zeitung|die zeit|bild|nrc|de telegraaf|usa today|\
    los angeles times|la times|chicago tribune|boston globe|new york post|daily beast|huffpost|\
    huffington post|buzzfeed|buzzfeed news|vox|vice|vice news|the atlantic|atlantic|new yorker|time|\
    newsweek|forbes|fortune|business insider|insider|cnbc|marketwatch|barron's|techcrunch|the verge|\
    verge|wired|ars technica|engadget|semafor|the intercept|intercept|propublica|the information|\
    punchbowl news|nikkei asia|nbc news|abc news australia|abc australia|sydney morning herald|\
    the age|australian|the australian|new zealand herald|nz herald|stuff|rnz|radio new zealand|cbc|\
    cbc news|globe and mail|toronto star|national post|rte|irish times|irish independent|scotsman|\
    herald|the herald|euronews|politico europe|deutsche welle|dw|france 24|rfi|voice of america|voa|\
    radio free europe|rferl|radio liberty|meduza|novaya gazeta|kommersant|vedomosti|rbc|\
    kyiv independent|ukrainska pravda|kyiv post|ukrinform|the new york times|the washington post|\
    the wall street journal|the guardian|the times|the economist|the independent|the telegraph|\
    mainichi|japan times|arab news|gulf news|the national|middle east eye|al-monitor|al monitor|\
    axios|the daily telegraph|daily express|express|metro|evening post|la nacion|clarin|folha|\
    o globo|globo|reforma|el universal|bernama|antara|philippine daily inquirer|rappler|vnexpress|\
    bangkok post|the nation|news agency|state media|state television|state tv|state news agency|\
    kcna|korean central news agency|sana|wam|spa|saudi press agency|mena|ahram|al-ahram|jiji|\
    jiji press|nos|ard|zdf|orf|srf|svt|nrk|yle|dr");

/// Words that end the name of a newspaper, agency or broadcaster ("The Seattle Times").
static MASTHEAD_WORDS: crate::words::Words = crate::words::Words::new("times|post|journal|news|herald|tribune|gazette|telegraph|guardian|chronicle|observer|express|mail|mirror|star|sun|daily|weekly|magazine|press|radio|tv|television|broadcasting|broadcaster|network|wire|reporter|standard|independent|examiner|inquirer|bulletin|dispatch|courier|record|register|review|monitor|insider|today|week|shimbun|ilbo|zeitung|pravda");

/// Countries (and a few common short forms), lower-cased: as sources they speak as a body.
static COUNTRIES: Words = Words::new("afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|\
    bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|botswana|\
    brazil|brunei|bulgaria|burkina faso|burundi|cambodia|cameroon|canada|chad|chile|china|colombia|\
    comoros|congo|costa rica|croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|dominica|\
    dominican republic|ecuador|egypt|el salvador|eritrea|estonia|eswatini|ethiopia|fiji|finland|\
    france|gabon|gambia|georgia|germany|ghana|greece|grenada|guatemala|guinea|guyana|haiti|honduras|\
    hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica|japan|jordan|\
    kazakhstan|kenya|kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|\
    liechtenstein|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|\
    mauritius|mexico|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|\
    nauru|nepal|netherlands|new zealand|nicaragua|niger|nigeria|north korea|north macedonia|norway|\
    oman|pakistan|palau|palestine|panama|papua new guinea|paraguay|peru|philippines|poland|portugal|\
    qatar|romania|russia|rwanda|samoa|san marino|saudi arabia|senegal|serbia|seychelles|\
    sierra leone|singapore|slovakia|slovenia|somalia|south africa|south korea|south sudan|spain|\
    sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|togo|\
    tonga|trinidad|tunisia|turkey|türkiye|turkmenistan|tuvalu|uganda|ukraine|united arab emirates|\
    uae|united kingdom|uk|u.k.|britain|great britain|united states|us|u.s.|usa|america|uruguay|\
    uzbekistan|vanuatu|vatican|venezuela|vietnam|yemen|zambia|zimbabwe|korea|islamic republic|\
    the islamic republic|european union|eu|united nations|un|u.n.|nato|washington|tehran|moscow|\
    beijing|kyiv|kiev|london|paris|berlin|ankara|riyadh|cairo|damascus|baghdad|jerusalem|tel aviv|\
    seoul|pyongyang|tokyo|delhi|new delhi|islamabad|kabul|khartoum|brussels|kremlin|pentagon|\
    white house|downing street|whitehall|elysee|élysée|beirut|doha|abu dhabi|caracas|havana|minsk|\
    tbilisi|baku|yerevan|taipei|manila|jakarta|hanoi|bangkok|canberra|ottawa|wellington|rome|madrid|\
    warsaw|budapest|vienna");

/// Acronyms and names of bodies that are institutions even without an organisation word.
static INSTITUTIONS: Words = Words::new("cia|fbi|nsa|dhs|doj|dod|irgc|idf|imf|opec|un|eu|nato|hamas|hezbollah|taliban|isis|isis-k|\
    islamic state|al qaeda|al-qaeda|kremlin|pentagon|white house|congress|senate|parliament|fed|\
    federal reserve|ecb|sec|fda|cdc|nhs|interpol|europol|unicef|unhcr|icc|icj|amnesty international|\
    human rights watch|red cross|google|apple|amazon|meta|facebook|microsoft|tesla|openai|twitter|x|\
    boeing|airbus|ennahda|gallup|pew|yougov|ipsos");

/// Words that end the name of an organisation ("Food Standards Agency", "West Mercia police").
static ORG_HEADS: Words = Words::new("agency|council|ministry|department|police|party|organisation|organization|commission|office|\
    court|army|bank|institute|university|company|group|foundation|committee|service|services|\
    authority|government|administration|corporation|corp|corp.|inc|inc.|ltd|ltd.|plc|association|\
    union|board|federation|force|forces|guard|corps|assembly|parliament|senate|congress|house|\
    cabinet|secretariat|bureau|directorate|command|center|centre|fund|trust|society|club|school|\
    college|hospital|network|alliance|coalition|movement|front|brigade|brigades|church|mission|\
    embassy|consulate|tribunal|watchdog|regulator|exchange|airlines|airways|motors|systems|\
    technologies|labs|partners|capital|holdings|group.|project|initiative|programme|poll|survey|\
    report|study|council.|municipality|prefecture|province|state|republic|kingdom|emirates|states|\
    nations|union.");

fn strip_the(name: &str) -> &str {
    name.strip_prefix("the ").unwrap_or(name)
}

/// Is this lower-cased name a news outlet?
pub fn is_outlet_name(name: &str) -> bool {
    let n = strip_the(name);
    if OUTLETS.contains(n) || OUTLETS.contains(name) {
        return true;
    }
    // "The Korea Times", "Seattle Post", "Ukrainska Pravda": a multi-word name with a masthead word.
    let words: Vec<&str> = n.split_whitespace().collect();
    words.len() >= 2 && words.last().is_some_and(|w| MASTHEAD_WORDS.contains(w))
        || words.len() >= 2 && words.last() == Some(&"agency") && words.iter().any(|w| matches!(*w, "news" | "press"))
}

pub fn is_known_institution(name: &str) -> bool {
    let n = strip_the(name);
    INSTITUTIONS.contains(n) || COUNTRIES.contains(n)
}

/// Does the name end with a word that makes it an organisation, or hold a word that always
/// does ("Ministry of Defence", "Joint Committee on Intelligence and Security")?
pub fn has_org_head(name: &str) -> bool {
    name.split_whitespace().last().is_some_and(|w| ORG_HEADS.contains(w))
        || name.split_whitespace().any(|w| {
            matches!(w, "ministry" | "department" | "committee" | "commission" | "council" | "agency" | "bank"
                | "university" | "institute" | "bureau" | "office" | "court" | "party" | "union"
                | "association" | "foundation" | "organisation" | "organization" | "authority" | "corporation")
        })
}
