//! Native HTML reading for `gloss precompute` (feature `cli`; never built into the Wasm).
//!
//! The page is parsed by html5ever (the HTML standard's tree builder, so implied end tags,
//! foster-parented table text, character references and CR/LF normalisation give the tree a
//! browser builds), the element is chosen with a CSS selector, and its text is read with exactly
//! the rules of the browser's extractor (`web::extract`): the same [`crate::extract_rules`]
//! lists for blocks and skipped elements, the same `push_break` and `push_node_text`. So the
//! text here is the text the widget will read on the page, and anchors made from it resolve.
//!
//! Selectors are those of the `selectors` crate (Servo's): type, `#id`, `.class`, attribute
//! (`[a]`, `[a=v]`, `^=`, `$=`, `*=`, `~=`, `|=`), descendant and child combinators, sibling
//! combinators, `:not()`, `:is()`, `:nth-child()` and the other structural pseudo-classes, and
//! selector lists; the first matching element in document order is read (as `querySelector`).

use crate::extract_rules;
use html5ever::driver::ParseOpts;
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use scraper::{ElementRef, Html, HtmlTreeSink, Node, Selector};

/// Parses a whole page. `scripting` is whether the document has scripting enabled: true for a
/// page in a browser tab (what readers see), false for `DOMParser` documents (the in-browser
/// tests); it only changes how `<noscript>` is parsed.
pub fn parse(html: &str, scripting: bool) -> Html {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: scripting, ..TreeBuilderOpts::default() },
        ..ParseOpts::default()
    };
    html5ever::driver::parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(html)
}

/// The readable text of the first element matching `selector`, as the widget extracts it.
pub fn extract_selected(page: &Html, selector: &str) -> Result<String, String> {
    let sel = Selector::parse(selector).map_err(|e| format!("bad selector {selector:?}: {e}"))?;
    let el = page.select(&sel).next().ok_or_else(|| format!("no element matches {selector:?}"))?;
    Ok(extract(el))
}

/// An element's readable text: the same walk as `web::extract::extract`, without the node map.
pub fn extract(root: ElementRef) -> String {
    let mut text = String::new();
    // Iterative, as in the browser: markup can nest thousands of elements deep.
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Leave(&'a str),
    }
    let mut stack: Vec<Step> = root.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(tag) => {
                if extract_rules::is_block(tag) {
                    extract_rules::push_break(&mut text);
                }
            }
            Step::Enter(node) => match node.value() {
                Node::Text(t) => extract_rules::push_node_text(&mut text, t),
                Node::Element(el) => {
                    let tag = el.name();
                    if extract_rules::is_skipped(tag, |a| el.attr(a).map(str::to_string)) {
                        continue;
                    }
                    if extract_rules::is_block(tag) {
                        extract_rules::push_break(&mut text);
                    }
                    stack.push(Step::Leave(tag));
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            },
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str, sel: &str) -> String {
        extract_selected(&parse(html, true), sel).unwrap()
    }

    #[test]
    fn blocks_skips_and_text_as_the_browser_reads_them() {
        let html = "<body><article id=a><h1>Title</h1><p>One <b>bold</b>\nline &amp; more<script>x()</script></p>\
            <p hidden>gone</p><ul><li>a<li>b</ul><p aria-hidden=true>gone</p><p>Last<br>word</p></article></body>";
        assert_eq!(read(html, "#a"), "Title\nOne bold line & more\na\nb\nLast\nword\n");
    }

    #[test]
    fn the_tree_is_the_standard_one() {
        // Text inside a table but outside a cell is moved before the table (foster parenting),
        // and an unclosed <p> is closed by the <div>.
        let html = "<div class=x><table>moved<tr><td>cell</td></tr></table><p>para<div>block</div></div>";
        assert_eq!(read(html, "div.x"), "moved\ncell\npara\nblock\n");
    }

    #[test]
    fn noscript_depends_on_scripting_but_is_skipped_both_ways() {
        let html = "<body><main><noscript><p>enable js</p></noscript><p>text</p></main></body>";
        assert_eq!(extract_selected(&parse(html, true), "main").unwrap(), "text\n");
        assert_eq!(extract_selected(&parse(html, false), "main").unwrap(), "text\n");
    }

    #[test]
    fn selectors_and_errors() {
        let html = "<div data-k=v><section><p>in</p></section></div><p>out</p>";
        assert_eq!(read(html, "[data-k] p"), "in", "the root itself adds no break, as in the browser");
        assert_eq!(read(html, "div > section"), "in\n");
        assert!(extract_selected(&parse(html, true), "article").unwrap_err().contains("no element matches"));
        assert!(extract_selected(&parse(html, true), "p[").unwrap_err().contains("bad selector"));
    }
}
