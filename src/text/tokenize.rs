//! A tokenizer for English news text that keeps byte spans for every token.
//!
//! Choices that later stages rely on:
//! - Whitespace, zero-width and bidi control characters separate tokens and are never part of one
//!   (except ZWNJ/ZWJ and the soft hyphen inside a word, as Persian spelling needs).
//! - Hyphens split words into pieces ("Iran-backed" → `Iran` `-` `backed`), so a name inside a
//!   compound can be a mention of its own; whether pieces touch is visible from their spans.
//! - Possessives and contractions are split the Penn Treebank way (`Iran` `'s`, `do` `n't`),
//!   with straight or curly apostrophes.
//! - Periods of abbreviations and initials stay in the token (`U.S.`, `Mr.`, `Jan.`, `J.`); the
//!   sentence splitter decides whether such a period also ends a sentence.
//! - Numbers keep decimal and thousands separators, times and dates (`1,200.5`, `10:30`, `9/11`)
//!   and an attached suffix (`6bn`, `1990s`, `10th`); currency signs and `%` are tokens of their own.
//! - URLs, e-mail addresses and emoji sequences (ZWJ, skin tones, flags, keycaps) are one token each.

use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    /// Sentence and clause punctuation, brackets, ellipses.
    Punct,
    /// Quotation marks and apostrophes that are not part of a word.
    Quote,
    /// Hyphens and dashes.
    Dash,
    /// Currency signs, %, &, and other symbols.
    Symbol,
    Url,
    Email,
    Emoji,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Titles and other abbreviations that keep their period.
static ABBREVIATIONS: crate::words::Words = crate::words::Words::new("Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Reps|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Rev|St|Ste|Jr|Sr|Hon|Pres|Supt|Insp|Det|Cpl|Pvt|Fr|Messrs|Mme|Mlle|Inc|Ltd|Co|Corp|Bros|Cos|Plc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|vs|etc|approx|Ave|Blvd|Rd|Mt|Ft|Dept|Univ|Assn|Est|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Penn|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Gov't|al|cf|ca|Nos|Fig|Vol|pp");

pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(word)
}

/// Characters that separate tokens without being one.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{180E}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Combining marks: they belong to the word before them.
pub fn is_mark(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099..=0x309A | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F | 0xE0100..=0xE01EF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '\u{00AD}'
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '\'' | '‘' | '’' | '‚' | '‛' | '`' | 'ʼ' | '″')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⸺' | '⸻')
}

fn is_symbol(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₪' | '₺' | '¢' | '₦' | '฿' | '₫' | '₴'
        | '%' | '‰' | '&' | '@' | '#' | '+' | '=' | '<' | '>' | '/' | '\\' | '|' | '~' | '^' | '*'
        | '©' | '®' | '™' | '°' | '§' | '¶' | '•' | '·' | '×' | '÷' | '±')
}

/// The first character of an emoji sequence.
pub fn is_emoji(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x2190..=0x21FF)
}

fn is_emoji_continuation(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// A cursor over the text: `peek(k)` is the k-th character at or after byte `pos`.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }
    fn peek(&self, k: usize) -> Option<char> {
        self.rest().chars().nth(k)
    }
}

/// Tokenizes `text` (any length, any Unicode); tokens are in order and never overlap.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, 0, text.len(), &mut out);
    out
}

/// Tokenizes `text[start..end]`, pushing tokens with spans relative to `text`.
pub(crate) fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let slice = &text[..end];
    let mut s = Scanner { text: slice, pos: start };
    while let Some(c) = s.peek(0) {
        if is_separator(c) || is_joiner(c) {
            s.pos += c.len_utf8();
            continue;
        }
        let begin = s.pos;
        let prev_end = out.last().map(|t: &Token| t.span.end);
        let attached = prev_end == Some(begin);
        let (mut len, mut kind) = scan_token(&s, c, attached, out.last().map(|t| t.kind));
        if len == 0 {
            // Every scanner consumes at least one character; this guard keeps a future mistake
            // from looping forever on hostile input.
            debug_assert!(false, "zero-length token at {begin}");
            (len, kind) = (c.len_utf8(), TokenKind::Punct);
        }
        s.pos += len;
        out.push(Token { span: Span::new(begin, s.pos), kind });
    }
}

/// Returns the byte length and kind of the token starting at the scanner's position.
fn scan_token(s: &Scanner, c: char, attached: bool, prev: Option<TokenKind>) -> (usize, TokenKind) {
    let rest = s.rest();
    if let Some(n) = scan_url(rest) {
        return (n, TokenKind::Url);
    }
    if c.is_alphanumeric() || c == '_' {
        if let Some(n) = scan_email(rest) {
            return (n, TokenKind::Email);
        }
    }
    if is_apostrophe(c) && attached && prev == Some(TokenKind::Word) {
        if let Some(n) = clitic_len(&rest[c.len_utf8()..]) {
            return (c.len_utf8() + n, TokenKind::Word);
        }
    }
    if c == 'n' && attached && prev == Some(TokenKind::Word) {
        // "n't" split off "don't" by the word scanner.
        let mut it = rest.chars();
        it.next();
        if let (Some(a), Some('t')) = (it.next(), it.next()) {
            if is_apostrophe(a) && !it.next().is_some_and(is_word_char) {
                return (1 + a.len_utf8() + 1, TokenKind::Word);
            }
        }
    }
    if c.is_numeric() {
        return (scan_number(rest), TokenKind::Number);
    }
    if is_word_char(c) {
        return (scan_word(s), TokenKind::Word);
    }
    if is_emoji(c) {
        return (scan_emoji(rest), TokenKind::Emoji);
    }
    if is_quote_char(c) {
        return (c.len_utf8(), TokenKind::Quote);
    }
    if c == '.' || c == '…' {
        let n = rest.chars().take_while(|&d| d == '.' || d == '…').map(char::len_utf8).sum();
        return (n, TokenKind::Punct);
    }
    if is_dash(c) {
        let n = rest.chars().take_while(|&d| d == c).map(char::len_utf8).sum();
        return (n, TokenKind::Dash);
    }
    if is_symbol(c) {
        return (c.len_utf8(), TokenKind::Symbol);
    }
    // Everything else: clause punctuation, brackets, stray marks and unassigned characters.
    (c.len_utf8(), TokenKind::Punct)
}

/// `'s`, `'ll`, `'re`, `'ve`, `'m`, `'d` after an apostrophe: the clitic's length without it.
fn clitic_len(after: &str) -> Option<usize> {
    let n: usize = after.chars().take_while(|&c| c.is_alphabetic()).map(char::len_utf8).sum();
    let w = &after[..n];
    let lower = w.to_ascii_lowercase();
    matches!(lower.as_str(), "s" | "ll" | "re" | "ve" | "m" | "d").then_some(n)
}

fn scan_url(rest: &str) -> Option<usize> {
    let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
    if !(head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")) {
        return None;
    }
    let mut n: usize = rest.chars().take_while(|&c| !is_separator(c) && !matches!(c, '"' | '“' | '”' | '<' | '>')).map(char::len_utf8).sum();
    // Trailing sentence punctuation belongs to the sentence, not the URL.
    while let Some(last) = rest[..n].chars().last() {
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'' | '’') {
            n -= last.len_utf8();
        } else {
            break;
        }
    }
    (n > 8 || (head.starts_with("www.") && n > 4)).then_some(n)
}

fn scan_email(rest: &str) -> Option<usize> {
    let local: usize = rest
        .chars()
        .take_while(|&c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
        .map(char::len_utf8)
        .sum();
    if local == 0 || !rest[local..].starts_with('@') {
        return None;
    }
    let dom_start = local + 1;
    let mut n = dom_start
        + rest[dom_start..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || matches!(c, '.' | '-'))
            .map(char::len_utf8)
            .sum::<usize>();
    while rest[..n].ends_with('.') || rest[..n].ends_with('-') {
        n -= 1;
    }
    let domain = &rest[dom_start..n];
    let tld_ok = domain.rsplit_once('.').is_some_and(|(a, tld)| !a.is_empty() && tld.chars().count() >= 2);
    tld_ok.then_some(n)
}

fn scan_number(rest: &str) -> usize {
    let chars: Vec<(usize, char)> = rest.char_indices().take(64).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_alphanumeric() {
            i += 1;
        } else if matches!(c, '.' | ',' | ':' | '/') && chars.get(i + 1).is_some_and(|&(_, d)| d.is_numeric()) {
            i += 2;
        } else {
            break;
        }
    }
    if i >= chars.len() && rest.len() > chars.last().map_or(0, |&(b, c)| b + c.len_utf8()) {
        // A run longer than the window: take the rest of the alphanumeric run.
        let n: usize = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum();
        return n.max(1);
    }
    chars.get(i).map_or(rest.len().min(chars.last().map_or(0, |&(b, c)| b + c.len_utf8())), |&(b, _)| b)
}

fn scan_word(s: &Scanner) -> usize {
    let rest = s.rest();
    let mut n = 0;
    let mut has_dot = false;
    loop {
        let run: usize = rest[n..]
            .chars()
            .take_while(|&c| is_word_char(c) || (is_joiner(c)))
            .map(char::len_utf8)
            .sum();
        n += run;
        let mut it = rest[n..].chars();
        let (Some(c), next) = (it.next(), it.next()) else { break };
        match c {
            // A period followed by a letter is inside the token: "U.S", "amazon.com", "Ph.D".
            '.' if next.is_some_and(|d| d.is_alphabetic()) => {
                has_dot = true;
                n += 1;
            }
            // "AT&T", "S&P"
            '&' if next.is_some_and(|d| d.is_uppercase()) && rest[..n].chars().all(|d| d.is_uppercase()) => n += 1,
            c if is_apostrophe(c) && next.is_some_and(is_word_char) => {
                let after = &rest[n + c.len_utf8()..];
                if clitic_len(after).is_some_and(|k| !after[k..].starts_with(is_word_char)) {
                    break; // possessive or contraction: split it off
                }
                if next == Some('t') && n > 1 && rest[..n].ends_with('n') && !after[1..].starts_with(is_word_char) {
                    n -= 1; // "don't" -> "do" + "n't"
                    break;
                }
                n += c.len_utf8(); // "O'Brien"
            }
            _ => break,
        }
    }
    let word = &rest[..n];
    if rest[n..].starts_with('.') && !rest[n..].starts_with("..") {
        let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let dotted = has_dot && word.split('.').all(|p| p.chars().count() <= 3);
        let numbered = (word == "No" || word == "no")
            && rest[n + 1..].trim_start().starts_with(|c: char| c.is_ascii_digit());
        if single_initial || dotted || numbered || is_abbreviation(word) {
            n += 1;
        }
    }
    n
}

fn scan_emoji(rest: &str) -> usize {
    let mut it = rest.chars().peekable();
    let first = it.next().unwrap_or(' ');
    let mut n = first.len_utf8();
    if is_regional_indicator(first) {
        if let Some(&c) = it.peek() {
            if is_regional_indicator(c) {
                return n + c.len_utf8();
            }
        }
        return n;
    }
    while let Some(&c) = it.peek() {
        if is_emoji_continuation(c) {
            n += c.len_utf8();
            it.next();
        } else if c == '\u{200D}' {
            let mut look = it.clone();
            look.next();
            match look.peek() {
                Some(&d) if is_emoji(d) => {
                    n += c.len_utf8() + d.len_utf8();
                    it.next();
                    it.next();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(toks("Mr. Obama met U.S. envoys in Jan. 2024"), ["Mr.", "Obama", "met", "U.S.", "envoys", "in", "Jan.", "2024"]);
        assert_eq!(toks("J. K. Rowling of Acme Inc. and Gov. Hochul"), ["J.", "K.", "Rowling", "of", "Acme", "Inc.", "and", "Gov.", "Hochul"]);
        assert_eq!(toks("at 10 a.m. local time"), ["at", "10", "a.m.", "local", "time"]);
        assert_eq!(toks("the end. Then"), ["the", "end", ".", "Then"]);
    }

    #[test]
    fn numbers_money_percent() {
        assert_eq!(toks("$6bn, €1.2 million and 13% of 1,200.5"), ["$", "6bn", ",", "€", "1.2", "million", "and", "13", "%", "of", "1,200.5"]);
        assert_eq!(toks("at 10:30 p.m. on 9/11 in the 1990s"), ["at", "10:30", "p.m.", "on", "9/11", "in", "the", "1990s"]);
        assert_eq!(toks("The end: 42."), ["The", "end", ":", "42", "."]);
    }

    #[test]
    fn hyphens_and_possessives() {
        assert_eq!(toks("Iran-backed US-Iranian"), ["Iran", "-", "backed", "US", "-", "Iranian"]);
        assert_eq!(toks("Iran's Iran’s officials' O'Brien"), ["Iran", "'s", "Iran", "’s", "officials", "'", "O'Brien"]);
        assert_eq!(toks("don't they'll"), ["do", "n't", "they", "'ll"]);
        // Regression: a detached "n't" (CoNLL-style tokens joined by spaces) was a zero-length token.
        assert_eq!(toks("do n't go"), ["do", "n't", "go"]);
        assert_eq!(toks("n't"), ["n't"]);
        assert_eq!(toks("n’t x"), ["n’t", "x"]);
    }

    #[test]
    fn quotes_dashes_ellipses() {
        assert_eq!(toks("“Yes,” he said — \"no\"..."), ["“", "Yes", ",", "”", "he", "said", "—", "\"", "no", "\"", "..."]);
        assert_eq!(toks("wait… ok"), ["wait", "…", "ok"]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(toks("See https://example.com/a?b=1. Mail news@bbc.co.uk."), ["See", "https://example.com/a?b=1", ".", "Mail", "news@bbc.co.uk", "."]);
        assert_eq!(toks("at www.bbc.co.uk, or amazon.com"), ["at", "www.bbc.co.uk", ",", "or", "amazon.com"]);
    }

    #[test]
    fn emoji_rtl_and_zero_width() {
        assert_eq!(toks("hi 👍🏽 👨‍👩‍👧 🇮🇷!"), ["hi", "👍🏽", "👨‍👩‍👧", "🇮🇷", "!"]);
        assert_eq!(toks("تهران، ایران"), ["تهران", "،", "ایران"]);
        // ZWNJ inside a Persian word; ZWSP and bidi marks between words.
        assert_eq!(toks("می\u{200C}خواهم\u{200B}a\u{200F}b"), ["می\u{200C}خواهم", "a", "b"]);
        assert_eq!(toks("café naïve e\u{301}"), ["café", "naïve", "e\u{301}"]);
    }

    #[test]
    fn spans_cover_text_in_order() {
        let text = "A “test” — of 3.5% U.S. $6bn 🇺🇸 O'Brien's\u{200B}x";
        let t = tokenize(text);
        for w in t.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        for tok in &t {
            assert!(text.is_char_boundary(tok.span.start) && text.is_char_boundary(tok.span.end));
            assert!(!tok.span.is_empty());
        }
    }
}
