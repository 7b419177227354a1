//! Which elements of an article are read as text, and which separate blocks.
//!
//! One definition for every reader of HTML: the browser extractor (`web::extract`) and the
//! publish-time precomputer (`html`, for `gloss precompute`) apply exactly these rules and these
//! text functions, so both see the same text (tests/precompute.rs and tests/web_precomputed.rs
//! pin both to the same files for 20 real pages). The rules
//! look only at tag names and attributes (never computed styles), which is what makes them
//! usable outside a browser.

/// Elements whose start and end separate blocks of text (a newline in the extracted text).
pub const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "menu", "legend", "option",
];

/// Elements whose content is never article text.
pub const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "code", "pre", "svg", "math", "textarea", "input",
    "select", "iframe", "object", "embed", "canvas", "video", "audio", "img", "picture", "head",
    "title", "meta", "link",
];

/// Elements inside which nothing is wrapped (their text is still read): wrapping would fight
/// their own click and focus behaviour.
pub const NO_WRAP_TAGS: &[&str] = &["a", "button", "label", "summary"];

/// The widget's own wrappers around article text: read, but never wrapped again.
pub const WRAPPER_TAGS: &[&str] = &["gloss-mention", "gloss-statement"];

/// Lower-cases an ASCII tag name without allocating when it already is.
fn is_in(list: &[&str], tag: &str) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

pub fn is_block(tag: &str) -> bool {
    is_in(BLOCK_TAGS, tag)
}

pub fn is_no_wrap(tag: &str) -> bool {
    is_in(NO_WRAP_TAGS, tag) || is_in(WRAPPER_TAGS, tag)
}

/// Is an element with this tag and these attributes left out of the text, with its subtree?
/// `attr(name)` returns the attribute's value if present.
pub fn is_skipped(tag: &str, attr: impl Fn(&str) -> Option<String>) -> bool {
    if is_in(SKIP_TAGS, tag) {
        return true;
    }
    // The widget's own interface (badges, cards, panel) is not article text; its wrappers are.
    if tag.len() > 6 && tag[..6].eq_ignore_ascii_case("gloss-") && !is_in(WRAPPER_TAGS, tag) {
        return true;
    }
    if attr("hidden").is_some() || attr("data-gloss-skip").is_some() {
        return true;
    }
    if attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    // contenteditable="" and "true" and "plaintext-only" make an editor; "false" does not.
    attr("contenteditable").is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"))
}

/// Ends the current block: one synthetic `\n` (never at the start, never two in a row), which
/// belongs to no node. Both extractors call this at every block element's start and end.
pub fn push_break(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

/// Appends a Text node's data as the reader sees it: line breaks inside a node are spaces, of
/// the same UTF-8 and UTF-16 length (so offsets within a node stay 1:1). Nothing else changes:
/// no whitespace collapsing, so the extracted text maps back onto the nodes exactly.
pub fn push_node_text(text: &mut String, data: &str) {
    text.extend(data.chars().map(|c| match c {
        '\n' | '\r' => ' ',
        '\u{2028}' | '\u{2029}' => '\u{2002}',
        c => c,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_attr(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn skip_rules() {
        assert!(is_skipped("SCRIPT", no_attr));
        assert!(is_skipped("gloss-badge", no_attr));
        assert!(!is_skipped("gloss-mention", no_attr));
        assert!(!is_skipped("p", no_attr));
        assert!(is_skipped("div", |a| (a == "aria-hidden").then(|| "true".into())));
        assert!(!is_skipped("div", |a| (a == "aria-hidden").then(|| "false".into())));
        assert!(is_skipped("div", |a| (a == "contenteditable").then(String::new)));
        assert!(!is_skipped("div", |a| (a == "contenteditable").then(|| "false".into())));
        assert!(is_skipped("span", |a| (a == "data-gloss-skip").then(String::new)));
    }

    #[test]
    fn text_and_breaks() {
        let mut t = String::new();
        push_break(&mut t);
        assert_eq!(t, "");
        push_node_text(&mut t, "a\r\nb\u{2028}c  d");
        push_break(&mut t);
        push_break(&mut t);
        assert_eq!(t, "a  b\u{2002}c  d\n");
        assert_eq!("\u{2028}".len(), "\u{2002}".len());
    }

    #[test]
    fn blocks_and_no_wrap() {
        assert!(is_block("P") && is_block("li") && is_block("br") && !is_block("b"));
        assert!(is_no_wrap("A") && is_no_wrap("gloss-mention") && !is_no_wrap("em"));
    }
}
