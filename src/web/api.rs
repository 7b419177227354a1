//! What JavaScript calls (through wasm-bindgen): `annotate`, `analyze`, `version`, and the
//! [`Handle`] of an annotated element. The loader (www/gloss.js) wraps these in Promises and
//! keeps every failure away from the page.

use super::apply::{allow_inside_statements, apply, apply_ranges, UndoLog, Wrap};
use super::extract::{extract, Extracted};
use super::ui::{Target, Ui};
use crate::analysis::Analysis;
use crate::json::JsonAnalysis;
use crate::{analyze as core_analyze, Config};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

struct State {
    element: Element,
    logs: Vec<UndoLog>,
    json: JsonAnalysis,
    mention_count: usize,
    ui: Option<Ui>,
}

/// An annotated element. `destroy()` restores it exactly.
#[wasm_bindgen]
pub struct Handle {
    state: Rc<RefCell<Option<State>>>,
}

thread_local! {
    /// Live annotations, so that annotating an element twice returns the first handle.
    static LIVE: RefCell<Vec<Rc<RefCell<Option<State>>>>> = const { RefCell::new(Vec::new()) };
}

fn js_error(msg: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(msg.as_ref()).into()
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| js_error(e.to_string()))
}

#[wasm_bindgen]
impl Handle {
    /// The article's summary (entities by type, statements and sources by kind, …); `null` after destroy.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        match &*self.state.borrow() {
            Some(s) => to_js(&s.json.summary),
            None => Ok(JsValue::NULL),
        }
    }

    /// The full analysis in the CLI's JSON form (code-point spans into the extracted text).
    #[wasm_bindgen(getter)]
    pub fn analysis(&self) -> Result<JsValue, JsValue> {
        match &*self.state.borrow() {
            Some(s) => to_js(&s.json),
            None => Ok(JsValue::NULL),
        }
    }

    /// How many mentions were marked in the DOM.
    #[wasm_bindgen(getter, js_name = mentionCount)]
    pub fn mention_count(&self) -> usize {
        self.state.borrow().as_ref().map_or(0, |s| s.mention_count)
    }

    /// Opens the card of mention `index` (tests and publishers' own controls).
    #[wasm_bindgen(js_name = openMention)]
    pub fn open_mention(&self, index: usize) {
        let ui = self.state.borrow().as_ref().and_then(|s| s.ui.clone());
        if let Some(ui) = ui {
            ui.open(Target::Mention(index), "api");
        }
    }

    /// Opens the card of statement `index`'s badge.
    #[wasm_bindgen(js_name = openStatement)]
    pub fn open_statement(&self, index: usize) {
        let ui = self.state.borrow().as_ref().and_then(|s| s.ui.clone());
        if let Some(ui) = ui {
            ui.open(Target::Badge(index), "api");
        }
    }

    /// Closes an open card.
    #[wasm_bindgen(js_name = closeCard)]
    pub fn close_card(&self) {
        let ui = self.state.borrow().as_ref().and_then(|s| s.ui.clone());
        if let Some(ui) = ui {
            ui.close();
        }
    }

    #[wasm_bindgen(getter)]
    pub fn destroyed(&self) -> bool {
        self.state.borrow().is_none()
    }

    /// Restores the element exactly as it was. Calling it again does nothing.
    pub fn destroy(&self) {
        let taken = self.state.borrow_mut().take();
        if let Some(mut s) = taken {
            if let Some(ui) = s.ui.take() {
                ui.destroy();
            }
            for log in s.logs.iter_mut().rev() {
                log.undo();
            }
            LIVE.with(|live| live.borrow_mut().retain(|h| !Rc::ptr_eq(h, &self.state)));
        }
    }
}

impl Handle {
    /// Sets the "report a problem" link template of the cards (`None`: no link).
    pub fn set_report_url(&self, template: Option<String>) {
        if let Some(ui) = self.state.borrow().as_ref().and_then(|s| s.ui.clone()) {
            ui.set_report_url(template);
        }
    }
}

/// Options that JavaScript may pass; unknown keys are ignored by design (the loader warns).
#[derive(serde::Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Options {
    max_bytes: Option<usize>,
    /// "Report a problem" URL template for the cards ({url}, {text}, {type}); http(s) or mailto.
    report_url: Option<String>,
}

/// Parses the options again for what is not in [`Config`] (kept apart from `config_from`).
fn options_of(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(options.clone()).map_err(|e| js_error(format!("bad options: {e}")))
}

/// Applies the `overrides` option (editorial overrides, in order: site-wide, then per-article)
/// to a fresh analysis of `text`; read by `overrides_js`, not serde (smaller Wasm). A bad set
/// is skipped with a console warning: the article is still annotated, with the other sets.
fn apply_overrides(options: &JsValue, text: &str, analysis: &mut Analysis) {
    for set in super::overrides_js::option(options) {
        if let Err(e) = set.map_err(|e| format!("bad overrides: {e}")).and_then(|s| s.apply(text, analysis).map(|_| ()).map_err(|e| e.to_string())) {
            web_sys::console::warn_1(&JsValue::from_str(&format!("[gloss] overrides: {e}; this set was skipped")));
        }
    }
}

fn config_from(options: &JsValue) -> Result<Config, JsValue> {
    let mut config = Config::default();
    if options.is_undefined() || options.is_null() {
        return Ok(config);
    }
    let o: Options = serde_wasm_bindgen::from_value(options.clone()).map_err(|e| js_error(format!("bad options: {e}")))?;
    if let Some(m) = o.max_bytes {
        config.max_bytes = m;
    }
    Ok(config)
}

/// Runs the core on a string; returns the CLI's JSON (code-point spans).
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let config = config_from(&options)?;
    let mut a = core_analyze(text, &config).map_err(|e| js_error(e.to_string()))?;
    apply_overrides(&options, text, &mut a);
    to_js(&JsonAnalysis::new(text, &a))
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The wrappers that mark an analysis' mentions.
pub fn mention_wraps(analysis: &Analysis) -> Vec<Wrap> {
    analysis
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let entity = analysis.entities.get(m.entity);
            Wrap {
                span: m.span,
                tag: "gloss-mention",
                attrs: vec![
                    ("data-gloss-type", m.ty.as_str().to_string()),
                    ("data-gloss-entity", entity.map_or(String::new(), |e| e.canonical.clone())),
                    ("data-gloss-id", m.entity.to_string()),
                    ("data-gloss-m", i.to_string()),
                ],
            }
        })
        .collect()
}

/// The wrappers that mark an analysis' statements (content spans), sorted by start; each carries
/// its attribution's index in `data-gloss-statement`.
pub fn statement_wraps(text: &str, analysis: &Analysis) -> Vec<Wrap> {
    let mut out: Vec<Wrap> = analysis
        .attributions
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let source = r.canonical.clone().unwrap_or_else(|| r.source.of(text).trim().to_string());
            Wrap {
                span: r.content,
                tag: "gloss-statement",
                attrs: vec![
                    ("data-gloss-statement", k.to_string()),
                    ("data-gloss-kind", r.kind.as_str().to_string()),
                    ("data-gloss-source", source),
                ],
            }
        })
        .collect();
    out.sort_by_key(|w| (w.span.start, std::cmp::Reverse(w.span.end)));
    out
}

/// Annotates `element`: reads its text, analyses it, marks the mentions.
/// An element that is already annotated gets its existing handle back.
#[wasm_bindgen]
pub fn annotate(element: Element, options: JsValue) -> Result<Handle, JsValue> {
    if let Some(state) = LIVE.with(|live| {
        live.borrow().iter().find(|h| h.borrow().as_ref().is_some_and(|s| s.element == element)).cloned()
    }) {
        return Ok(Handle { state });
    }
    let config = config_from(&options)?;
    let ex = extract(&element);
    let mut analysis = core_analyze(&ex.text, &config).map_err(|e| js_error(e.to_string()))?;
    apply_overrides(&options, &ex.text, &mut analysis);
    let handle = annotate_with(element, &ex, &analysis);
    handle.set_report_url(options_of(&options)?.report_url);
    if let Some(ui) = handle.state.borrow().as_ref().and_then(|s| s.ui.as_ref()) {
        ui.configure_knowledge(&options);
    }
    Ok(handle)
}

/// Applies an analysis of `ex.text` to the element and registers the handle.
/// Statements are wrapped first (whole runs, which may hold links and inline elements), then
/// the text is read again and mentions are wrapped inside them; destroy undoes in reverse.
pub fn annotate_with(element: Element, ex: &Extracted, analysis: &Analysis) -> Handle {
    let mut logs = Vec::new();
    let statements = statement_wraps(&ex.text, analysis);
    let mut reread = None;
    if !statements.is_empty() {
        logs.push(apply_ranges(ex, &element, &statements));
        let mut again = extract(&element);
        allow_inside_statements(&mut again, &element);
        reread = Some(again);
    }
    let ex2 = reread.as_ref().unwrap_or(ex);
    // The text is the same by construction; if the page changed it meanwhile, skip mentions.
    if ex2.text == ex.text {
        logs.push(apply(ex2, &mention_wraps(analysis)));
    }
    let ui = Ui::install(&element, &ex.text, analysis);
    let state = State {
        element,
        mention_count: analysis.mentions.len(),
        logs,
        json: JsonAnalysis::new(&ex.text, analysis),
        ui,
    };
    let rc = Rc::new(RefCell::new(Some(state)));
    LIVE.with(|live| live.borrow_mut().push(rc.clone()));
    Handle { state: rc }
}
