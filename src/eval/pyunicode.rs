//! The few Python text semantics the reference scorer depends on, reproduced exactly:
//! `\w` and `\s` of `re` on str patterns, `str.strip()`, and `str.casefold()`.
//!
//! Rust's `char::is_alphanumeric` is not Python's `\w`: Rust counts `Other_Alphabetic` combining
//! marks (Devanagari vowel signs, …) as alphabetic, Python does not (`re.findall(r"\w+", "cafe\u0301")`
//! is `["cafe"]`). The tables are generated from Python by `gen_pyunicode.py`.

use super::pyunicode_tables::{CASEFOLD_DIFF, WORD_RANGES};

/// Python's `str.isspace()`, which is also `\s` in a str pattern and what `str.strip()` removes.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w` in a str pattern: `c.isalnum() or c == "_"`.
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let c = c as u32;
    let i = WORD_RANGES.partition_point(|&(_, hi)| hi < c);
    i < WORD_RANGES.len() && WORD_RANGES[i].0 <= c
}

/// The matches of `\w+` as code-point ranges `[start, end)`.
pub fn word_tokens(text: &str) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0i64;
    for c in text.chars() {
        match (is_word(c), start) {
            (true, None) => start = Some(n),
            (false, Some(s)) => {
                out.push((s, n));
                start = None;
            }
            _ => {}
        }
        n += 1;
    }
    if let Some(s) = start {
        out.push((s, n));
    }
    out
}

/// `re.sub(r"\s+", " ", s).strip()`: whitespace runs collapsed to one space, ends trimmed.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Python's `str.casefold()`.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match CASEFOLD_DIFF.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => out.push_str(CASEFOLD_DIFF[i].1),
            Err(_) => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The scorer's `norm_name`: whitespace collapsed and stripped, then case-folded.
pub fn norm_name(s: &str) -> String {
    casefold(&collapse_ws(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_excludes_combining_marks_and_punctuation() {
        // Python: re.findall(r"\w+", "cafe\u0301 “Hi,” said O’Neil_2 ½ १२") ->
        // ['cafe', 'Hi', 'said', 'O', 'Neil_2', '½', '१२']
        let text = "cafe\u{301} “Hi,” said O’Neil_2 ½ १२";
        let toks: Vec<String> = word_tokens(text)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s as usize).take((e - s) as usize).collect())
            .collect();
        assert_eq!(toks, ["cafe", "Hi", "said", "O", "Neil_2", "½", "१२"]);
        assert!(!is_word('\u{93F}')); // Devanagari vowel sign I: Rust says alphabetic, Python not
        assert!('\u{93F}'.is_alphabetic());
    }

    #[test]
    fn whitespace_is_python_isspace() {
        assert!(is_space('\u{1f}') && is_space('\u{a0}') && is_space('\u{3000}'));
        assert!(!is_space('\u{200b}'));
        assert_eq!(collapse_ws("  Alex\u{a0}\n Vatanka \t"), "Alex Vatanka");
    }

    #[test]
    fn casefold_like_python() {
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(casefold("ΟΔΥΣΣΕΥΣ"), "οδυσσευσ");
        assert_eq!(casefold("ὀδυσσεύς"), "ὀδυσσεύσ");
        assert_eq!(norm_name(" The  Seattle\nTimes "), "the seattle times");
    }
}
