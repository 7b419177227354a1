//! Every string the reader sees, in one table per language: English (the default) and Persian
//! (`lang="fa"`, right to left), which proves the UI has no English baked in elsewhere.
//! Numbers go through [`Strings::num`] so Persian pages get Persian digits.

use crate::analysis::{EntityType, SourceKind};

pub struct Strings {
    pub lang: &'static str,
    pub close: &'static str,
    pub prev_mention: &'static str,
    pub next_mention: &'static str,
    /// "Mentioned {n} times" (n > 1) and the singular form.
    pub mentioned_n: &'static str,
    pub mentioned_once: &'static str,
    /// "{i} of {n}": where the previous/next buttons are.
    pub i_of_n: &'static str,
    /// Heading over an entity's statements: "What {name} said here".
    pub said_here: &'static str,
    pub other_statements: &'static str,
    pub cue: &'static str,
    pub form: &'static str,
    pub direct: &'static str,
    pub paraphrase: &'static str,
    /// The knowledge slot's heading (filled by a later layer).
    pub background: &'static str,
    /// Knowledge from outside the article: "Possibly", the credit labels, facts.
    pub possibly: &'static str,
    pub source: &'static str,
    pub from: &'static str,
    pub read_more: &'static str,
    pub official_name: &'static str,
    pub capital: &'static str,
    pub region: &'static str,
    pub country: &'static str,
    pub population: &'static str,
    pub updated: &'static str,
    pub types: [&'static str; 8],
    /// Source kinds in [`SourceKind::ALL`] order: "Named source", …
    pub kinds: [&'static str; 4],
    /// Badge labels for sources without a short name, by kind.
    pub kind_labels: [&'static str; 4],
    /// Panel group headings by kind: "Named people", …
    pub groups: [&'static str; 4],
    pub panel_title: &'static str,
    /// "{k} of {n} statements come from unnamed sources."
    pub verdict_unnamed: &'static str,
    /// "All {n} statements come from named sources." (no unnamed ones)
    pub verdict_named: &'static str,
    pub verdict_none: &'static str,
    /// "{k} of {p} paragraphs have no attributed statement ({pct}%)."
    pub unattributed: &'static str,
    /// "{n} statements" / "1 statement".
    pub n_statements: &'static str,
    pub one_statement: &'static str,
    /// Accessible name of a badge: "{label}: {kind}. Source of a statement".
    pub badge_label: &'static str,
    /// Accessible name of the panel region.
    pub panel_region: &'static str,
    pub mention_hint: &'static str,
    /// The cards' "report a problem" link (when the page set `reportUrl`).
    pub report: &'static str,
    /// The panel's opt-out button, and the note under it.
    pub disable: &'static str,
    pub disable_note: &'static str,
}

pub static EN: Strings = Strings {
    lang: "en",
    close: "Close",
    prev_mention: "Previous mention",
    next_mention: "Next mention",
    mentioned_n: "Mentioned {n} times",
    mentioned_once: "Mentioned once",
    i_of_n: "{i} of {n}",
    said_here: "What {name} says in this article",
    other_statements: "Other statements from this source",
    cue: "Cue",
    form: "Form",
    direct: "Direct quote",
    paraphrase: "Paraphrase",
    background: "Background",
    possibly: "Possibly:",
    source: "Source:",
    from: "From",
    read_more: "More",
    official_name: "Official name",
    capital: "Capital",
    region: "Region",
    country: "Country",
    population: "Population",
    updated: "Updated",
    types: ["Person", "Organization", "Place", "Group", "Event", "Date", "Amount of money", "Quantity"],
    kinds: ["Named source", "Unnamed source", "News outlet", "Institution"],
    kind_labels: ["Named source", "Unnamed source", "Outlet", "Institution"],
    groups: ["Named people", "Unnamed sources", "News outlets", "Institutions"],
    panel_title: "Sourcing",
    verdict_unnamed: "{k} of {n} statements come from unnamed sources.",
    verdict_named: "All {n} statements come from sources the article names.",
    verdict_none: "No attributed statements found in this article.",
    unattributed: "{k} of {p} paragraphs ({pct}%) have no attributed statement.",
    n_statements: "{n} statements",
    one_statement: "1 statement",
    badge_label: "{label}: {kind}",
    panel_region: "Sourcing of this article",
    mention_hint: "details",
    report: "Report a problem",
    disable: "Turn off Gloss on this site",
    disable_note: "Remembered in this browser. Turn it back on from the site's settings or by clearing its storage.",
};

pub static FA: Strings = Strings {
    lang: "fa",
    close: "بستن",
    prev_mention: "اشارهٔ قبلی",
    next_mention: "اشارهٔ بعدی",
    mentioned_n: "{n} بار نام برده شده",
    mentioned_once: "یک بار نام برده شده",
    i_of_n: "{i} از {n}",
    said_here: "گفته‌های {name} در این مطلب",
    other_statements: "گفته‌های دیگر این منبع",
    cue: "فعل نقل",
    form: "شکل",
    direct: "نقل قول مستقیم",
    paraphrase: "نقل به مضمون",
    background: "پیشینه",
    possibly: "احتمالاً:",
    source: "منبع:",
    from: "از",
    read_more: "بیشتر",
    official_name: "نام رسمی",
    capital: "پایتخت",
    region: "منطقه",
    country: "کشور",
    population: "جمعیت",
    updated: "به‌روزرسانی",
    types: ["شخص", "سازمان", "مکان", "گروه", "رویداد", "تاریخ", "مبلغ", "مقدار"],
    kinds: ["منبع با نام", "منبع بی‌نام", "رسانه", "نهاد"],
    kind_labels: ["منبع با نام", "منبع بی‌نام", "رسانه", "نهاد"],
    groups: ["افراد با نام", "منابع بی‌نام", "رسانه‌ها", "نهادها"],
    panel_title: "منابع این مطلب",
    verdict_unnamed: "{k} از {n} گفته از منابع بی‌نام است.",
    verdict_named: "همهٔ {n} گفته از منابعی است که نامشان آمده.",
    verdict_none: "در این مطلب گفتهٔ منسوبی یافت نشد.",
    unattributed: "{k} از {p} بند ({pct}٪) هیچ گفتهٔ منسوبی ندارد.",
    n_statements: "{n} گفته",
    one_statement: "۱ گفته",
    badge_label: "{label}: {kind}",
    panel_region: "منابع این مطلب",
    mention_hint: "جزئیات",
    report: "گزارش اشکال",
    disable: "خاموش کردن Gloss در این سایت",
    disable_note: "در همین مرورگر به خاطر سپرده می‌شود. با پاک کردن دادهٔ سایت دوباره روشن می‌شود.",
};

impl Strings {
    /// The table for a BCP 47 language tag (its primary subtag); English when unknown.
    pub fn for_lang(tag: &str) -> &'static Strings {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "fa" => &FA,
            _ => &EN,
        }
    }

    /// A number in this language's digits.
    pub fn num(&self, n: usize) -> String {
        let s = n.to_string();
        if self.lang == "fa" {
            s.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap_or(c)).collect()
        } else {
            s
        }
    }

    /// A number with thousands separators ("577,514"; Persian digits and "٬" in Persian).
    pub fn grouped(&self, n: u64) -> String {
        let d = n.to_string();
        let sep = if self.lang == "fa" { '٬' } else { ',' };
        let mut out = String::new();
        for (k, c) in d.chars().enumerate() {
            if k > 0 && (d.len() - k) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        if self.lang == "fa" {
            out.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap_or(c) } else { c }).collect()
        } else {
            out
        }
    }

    /// Fills `{key}` placeholders.
    pub fn fill(&self, template: &str, args: &[(&str, String)]) -> String {
        let mut out = template.to_string();
        for (k, v) in args {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }

    pub fn type_name(&self, t: EntityType) -> &'static str {
        self.types[EntityType::ALL.iter().position(|x| *x == t).unwrap_or(0)]
    }

    pub fn kind_name(&self, k: SourceKind) -> &'static str {
        self.kinds[kind_index(k)]
    }

    pub fn mentioned(&self, n: usize) -> String {
        if n == 1 {
            self.mentioned_once.to_string()
        } else {
            self.fill(self.mentioned_n, &[("n", self.num(n))])
        }
    }

    pub fn statements(&self, n: usize) -> String {
        if n == 1 {
            self.one_statement.to_string()
        } else {
            self.fill(self.n_statements, &[("n", self.num(n))])
        }
    }
}

pub fn kind_index(k: SourceKind) -> usize {
    SourceKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}
