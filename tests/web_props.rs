//! Property tests of the DOM layer in the browser, on random DOM trees (mixed inline and block
//! elements, links, comments, skipped elements, empty and split Text nodes, entities and
//! surrogate pairs cut across node boundaries), from a small seeded generator (no dependency):
//! - annotate then destroy is the identity: the same node objects in the same order, the same
//!   data in every Text node (compared as JS strings), the same innerHTML;
//! - annotating does not change the text or what the extractor reads, and annotating twice
//!   equals annotating once (same marks; annotate → destroy → annotate gives the same markup);
//! - after the page removes, moves, rewrites and adds nodes in an annotated tree, destroy never
//!   throws, leaves none of the widget's elements behind and never changes the page's text.
//!
//! Run with `make test-browser`. A failure names its seed: `Rng::new(seed)` reproduces the tree.
#![cfg(target_arch = "wasm32")]

use gloss::web::api::annotate;
use gloss::web::extract::extract;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// xorshift64*: small, seeded, good enough to pick shapes.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Words that make the core find entities and statements, plus hostile bits: entities (some
/// written as references), zero-width and bidi characters, combining marks, emoji, RTL text.
const WORDS: &[&str] = &[
    "Alex Vatanka", "said", "Iran", "the", "officials", "told Reuters", "Tehran", "on Tuesday",
    "$5 million", "Kerman", "according to", "the Middle East Institute", "Douglas London",
    "“We will respond,”", "he said.", "US officials say", "AT&amp;T", "caf&eacute;", "&nbsp;",
    "&#x1F600;", "&lt;b&gt;", "&#8220;", "&#8221;", ".", ",", "\u{200B}", "e\u{301}", "تهران",
    "گفت", "👨\u{200D}👩\u{200D}👧", "\u{202E}abc\u{202C}", "Soleimani", "ISIS-K", "95 people",
    "Reuters reported", "&amp;", "2024",
];
const INLINE: &[&str] = &["b", "i", "em", "strong", "span", "small", "a", "code", "mark", "button"];
const BLOCK: &[&str] = &["p", "div", "h2", "blockquote", "section", "li"];

fn gen_text(rng: &mut Rng, out: &mut String) {
    for _ in 0..1 + rng.below(5) {
        out.push_str(rng.pick(WORDS));
        if rng.chance(70) {
            out.push(' ');
        }
    }
}

fn gen_children(rng: &mut Rng, depth: usize, out: &mut String) {
    for _ in 0..1 + rng.below(5) {
        let roll = rng.below(100);
        if roll < 45 || depth == 0 {
            gen_text(rng, out);
        } else if roll < 70 {
            let tag = rng.pick(INLINE);
            let attrs = if tag == "a" { " href=\"#x\"" } else { "" };
            out.push_str(&format!("<{tag}{attrs}>"));
            gen_children(rng, depth - 1, out);
            out.push_str(&format!("</{tag}>"));
        } else if roll < 90 {
            let tag = rng.pick(BLOCK);
            let attrs = if rng.chance(10) { " hidden" } else { "" };
            out.push_str(&format!("<{tag}{attrs}>"));
            gen_children(rng, depth - 1, out);
            out.push_str(&format!("</{tag}>"));
        } else if roll < 95 {
            out.push_str("<!-- a comment -->");
        } else {
            out.push_str(if rng.chance(50) { "<br>" } else { "<script>var x = 'Iran';</script>" });
        }
    }
}

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Every node under `root`, in document order.
fn nodes(root: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(n) = stack.pop() {
        let kids = n.child_nodes();
        for i in (0..kids.length()).rev() {
            stack.push(kids.item(i).unwrap());
        }
        if &n != root {
            out.push(n);
        }
    }
    out
}

/// A random tree in a fresh div: parsed HTML, then Text nodes split at random UTF-16 offsets
/// (which may cut a surrogate pair into two lone surrogates) and empty Text nodes inserted.
fn random_tree(seed: u64) -> Element {
    let mut rng = Rng::new(seed);
    let mut html = String::new();
    gen_children(&mut rng, 4, &mut html);
    let d = doc();
    let root = d.create_element("div").unwrap();
    root.set_inner_html(&html);
    for n in nodes(&root) {
        if n.node_type() != Node::TEXT_NODE {
            continue;
        }
        let t: web_sys::Text = n.unchecked_into();
        if rng.chance(25) && t.length() > 1 {
            let _ = t.split_text(1 + rng.below(t.length() as usize - 1) as u32);
        }
        if rng.chance(15) {
            if let Some(p) = t.parent_node() {
                let _ = p.insert_before(&d.create_text_node(""), Some(&t));
            }
        }
    }
    d.body().unwrap().append_child(&root).unwrap();
    root
}

/// What "the same DOM" means: the node objects and each node's data (as JS strings).
fn snapshot(root: &Element) -> (Vec<Node>, Vec<JsValue>, String) {
    let list = nodes(root);
    let data = list.iter().map(|n| js_sys::Reflect::get(n, &"data".into()).unwrap()).collect();
    (list, data, root.inner_html())
}

fn text_js(root: &Element) -> JsValue {
    js_sys::Reflect::get(root, &"textContent".into()).unwrap()
}

fn count(root: &Element, sel: &str) -> u32 {
    root.query_selector_all(sel).unwrap().length()
}

const SEEDS: u64 = 150;

#[wasm_bindgen_test]
fn annotate_then_destroy_is_the_identity_and_annotate_twice_equals_once() {
    let mut marked_trees = 0;
    let mut statements = 0;
    for seed in 0..SEEDS {
        let root = random_tree(seed);
        let before = snapshot(&root);
        let text = text_js(&root);
        let read = extract(&root).text;

        let h = annotate(root.clone(), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        assert_eq!(text_js(&root), text, "seed {seed}: annotate changed the text");
        assert_eq!(extract(&root).text, read, "seed {seed}: annotate changed what is read");
        let once = root.inner_html();
        marked_trees += (count(&root, "gloss-mention") > 0) as u32;
        statements += count(&root, "gloss-statement");
        let again = annotate(root.clone(), JsValue::UNDEFINED).unwrap();
        assert_eq!(root.inner_html(), once, "seed {seed}: a second annotate changed the marks");
        again.destroy();
        assert!(h.destroyed(), "seed {seed}: two handles, one annotation");

        let after = snapshot(&root);
        assert_eq!(after.2, before.2, "seed {seed}: innerHTML not restored");
        assert_eq!(after.0.len(), before.0.len(), "seed {seed}: node count differs");
        for (i, (a, b)) in after.0.iter().zip(&before.0).enumerate() {
            assert!(a == b, "seed {seed}: node {i} is not the page's own node");
        }
        for (i, (a, b)) in after.1.iter().zip(&before.1).enumerate() {
            assert!(a == b, "seed {seed}: node {i} data {a:?} != {b:?}");
        }

        // Deterministic: the same tree annotated again gets the same markup.
        let h2 = annotate(root.clone(), JsValue::UNDEFINED).unwrap();
        assert_eq!(root.inner_html(), once, "seed {seed}: annotate → destroy → annotate differs");
        h2.destroy();
        assert_eq!(root.inner_html(), before.2);
        root.remove();
    }
    // The generator must exercise the interesting paths, or the properties prove little.
    assert!(marked_trees > SEEDS as u32 / 2, "only {marked_trees} trees got mentions");
    assert!(statements > 20, "only {statements} statement wrappers");
}

/// One random change a page might make to an annotated tree.
fn mutate(rng: &mut Rng, root: &Element) {
    let d = doc();
    let all = nodes(root);
    if all.is_empty() {
        return;
    }
    let n = all[rng.below(all.len())].clone();
    // The widget's badges hold no page content: a page writing into one is out of scope.
    let into = |n: Node| -> Node {
        let badge = n.node_type() == Node::ELEMENT_NODE && n.unchecked_ref::<Element>().local_name() == "gloss-badge";
        if badge || n.node_type() != Node::ELEMENT_NODE { root.clone().into() } else { n }
    };
    match rng.below(6) {
        0 => {
            if let Some(p) = n.parent_node() {
                let _ = p.remove_child(&n);
            }
        }
        1 => {
            if n.node_type() == Node::TEXT_NODE {
                let _ = js_sys::Reflect::set(&n, &"data".into(), &"rewritten by the page".into());
            }
        }
        2 => {
            let p = d.create_element("p").unwrap();
            p.set_text_content(Some("Appended: Alex Vatanka said Iran was ready."));
            let _ = into(n).append_child(&p);
        }
        3 => {
            let _ = root.append_child(&n);
        }
        4 => {
            if let Some(p) = n.parent_node() {
                let _ = p.insert_before(&d.create_text_node(" new text "), Some(&n));
            }
        }
        _ => {
            if n.node_type() == Node::ELEMENT_NODE {
                into(n).unchecked_ref::<Element>().set_inner_html("<b>Rewritten</b> by Reuters");
            }
        }
    }
}

#[wasm_bindgen_test]
fn destroy_after_the_page_changed_the_tree_never_throws_nor_changes_the_pages_text() {
    let mut mutated_marks = 0;
    for seed in 0..SEEDS {
        let root = random_tree(1000 + seed);
        let mut rng = Rng::new(seed);
        let h = annotate(root.clone(), JsValue::UNDEFINED).unwrap();
        mutated_marks += count(&root, "gloss-mention");
        for _ in 0..1 + rng.below(6) {
            mutate(&mut rng, &root);
        }
        let text = text_js(&root);
        h.destroy();
        assert_eq!(text_js(&root), text, "seed {seed}: destroy changed the page's text");
        assert_eq!(count(&root, "gloss-mention, gloss-statement, gloss-badge"), 0, "seed {seed}: widget elements left");
        // The changed tree annotates and restores like any other (what the page watch does).
        let html = root.inner_html();
        let h = annotate(root.clone(), JsValue::UNDEFINED).unwrap();
        assert_eq!(text_js(&root), text, "seed {seed}: re-annotation changed the text");
        h.destroy();
        assert_eq!(root.inner_html(), html, "seed {seed}: re-annotation not restored");
        root.remove();
    }
    assert!(mutated_marks > 100, "only {mutated_marks} marks were exposed to page changes");
}
