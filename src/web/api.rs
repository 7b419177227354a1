//! What JavaScript calls (through wasm-bindgen): `annotate`, `analyze`, `version`, and the
//! [`Handle`] of an annotated element. The loader (www/gloss.js) wraps these in Promises and
//! keeps every failure away from the page.

use super::apply::{allow_inside_statements, RangeRun, UndoLog, WrapRun, Wrap};
use super::extract::{extract, Extracted, Reader};
use super::ui::{Env, Installer, Target, Ui};
use crate::analysis::Analysis;
use crate::json::{JsonAnalysis, JsonSummary, WriteJson};
use crate::steps::Analyzer;
use crate::{analyze as core_analyze, Config};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

struct State {
    element: Element,
    logs: Vec<UndoLog>,
    /// The extracted text and its analysis, for the JSON form (made on first use: converting
    /// every span to code points is not free on a long article).
    text: String,
    analysis: Analysis,
    summary: JsonSummary,
    json: std::cell::OnceCell<JsonAnalysis>,
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

/// The analysis as a JS object: its JSON text, parsed by the engine. For a value of hundreds of
/// strings this is faster than [`to_js`]'s field-by-field building (see `json::WriteJson`).
fn analysis_to_js(j: &JsonAnalysis) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&j.to_json())
}

#[wasm_bindgen]
impl Handle {
    /// The article's summary (entities by type, statements and sources by kind, …); `null` after destroy.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        match &*self.state.borrow() {
            Some(s) => to_js(&s.summary),
            None => Ok(JsValue::NULL),
        }
    }

    /// The full analysis in the CLI's JSON form (code-point spans into the extracted text).
    #[wasm_bindgen(getter)]
    pub fn analysis(&self) -> Result<JsValue, JsValue> {
        match &*self.state.borrow() {
            Some(s) => analysis_to_js(s.json.get_or_init(|| JsonAnalysis::new(&s.text, &s.analysis))),
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

/// Options that JavaScript may pass (`maxBytes`, `reportUrl`; read by `read_js`, not serde:
/// smaller Wasm); unknown keys are ignored by design (the loader warns).
/// Parses the options again for what is not in [`Config`] (kept apart from `config_from`).
fn options_of(options: &JsValue) -> Result<super::read_js::Options, JsValue> {
    super::read_js::options(options).map_err(js_error)
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
    if let Some(m) = options_of(options)?.max_bytes {
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
    analysis_to_js(&JsonAnalysis::new(text, &a))
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
    crate::sort::sort_by_key(&mut out, |w| crate::sort::key2(w.span.start, u32::MAX as usize - w.span.end));
    out
}

/// Annotates `element`: reads its text, analyses it, marks the mentions, all at once.
/// An element that is already annotated gets its existing handle back. (The loader uses
/// [`begin`] instead: the same work in steps, with the analysis possibly done in a worker.)
#[wasm_bindgen]
pub fn annotate(element: Element, options: JsValue) -> Result<Handle, JsValue> {
    if let Some(state) = live_state(&element) {
        return Ok(Handle { state });
    }
    let config = config_from(&options)?;
    let ex = extract(&element);
    let analysis = core_analyze(&ex.text, &config).map_err(|e| js_error(e.to_string()))?;
    Ok(annotate_with(element, &ex, &analysis, options))
}

fn live_state(element: &Element) -> Option<Rc<RefCell<Option<State>>>> {
    LIVE.with(|live| live.borrow().iter().find(|h| h.borrow().as_ref().is_some_and(|s| &s.element == element)).cloned())
}

/// Applies an analysis of `ex.text` to the element and registers the handle, all at once: the
/// steps of a [`Job`] run to the end. Statements are wrapped first (whole runs, which may hold
/// links and inline elements), then the text is read again and mentions are wrapped inside
/// them; destroy undoes in reverse.
pub fn annotate_with(element: Element, ex: &Extracted, analysis: &Analysis, options: JsValue) -> Handle {
    let mut job = Job::with_analysis(element, ex.clone(), analysis.clone(), options);
    while !job.run(f64::INFINITY) {}
    job.take_handle().expect("a job with its analysis finishes")
}

/// An Analysis in its transfer form ([`crate::transfer`]) as a JS value that survives
/// `postMessage`'s structured clone unchanged: `[Uint32Array, string]`.
pub fn to_transfer(analysis: &Analysis) -> JsValue {
    let t = crate::transfer::encode(analysis);
    let out = js_sys::Array::new();
    out.push(&js_sys::Uint32Array::from(&t.nums[..]));
    out.push(&JsValue::from_str(&t.strs));
    out.into()
}

/// The inverse of [`to_transfer`]; a clear error for anything else.
pub fn from_transfer(value: &JsValue) -> Result<Analysis, JsValue> {
    let bad = || js_error("bad analysis: not a Gloss transfer");
    let arr = value.dyn_ref::<js_sys::Array>().ok_or_else(bad)?;
    let nums = arr.get(0).dyn_into::<js_sys::Uint32Array>().map_err(|_| bad())?.to_vec();
    let strs = arr.get(1).as_string().ok_or_else(bad)?;
    crate::transfer::decode_parts(&nums, &strs).map_err(|e| js_error(format!("bad analysis: {e}")))
}

/// Runs the core on a string and returns the Analysis in its transfer form (what the Web
/// Worker posts back to the main thread; see [`Job::receive`]).
#[wasm_bindgen(js_name = analyzeTransfer)]
pub fn analyze_transfer(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let config = config_from(&options)?;
    let a = core_analyze(text, &config).map_err(|e| js_error(e.to_string()))?;
    Ok(to_transfer(&a))
}

/// Starts annotating `element` in steps: [`Job::read`] reads its text; the analysis comes later (from a
/// worker through [`Job::receive`], or on this thread through [`Job::analyze`]); then
/// [`Job::step`] does the DOM work a slice at a time and [`Job::finish`] returns the handle.
/// [`Job::cancel`] undoes whatever has been done, at any point.
#[wasm_bindgen]
pub fn begin(element: Element, options: JsValue) -> Result<Job, JsValue> {
    let config = config_from(&options)?;
    let reader = Reader::new(&element);
    Ok(Job {
        st: Some(JobState { element, config, options, ex: Extracted::default(), fallback: None, analysis: None, stage: Stage::Reading(reader), logs: Vec::new(), summary: None, env: None, ui: None }),
        handle: None,
    })
}

/// What a [`Job`] does next.
enum Stage {
    /// Reading the element's text.
    Reading(Reader),
    /// Waiting for the analysis.
    Waiting,
    /// Wrapping statements, block by block from the top.
    Statements { wraps: Vec<Wrap>, run: RangeRun },
    /// Reading the text again (statement wrappers are in it now).
    Reread(Reader),
    /// The text read again: planning the mention wraps.
    Reread2(Extracted),
    /// Wrapping mentions, Text node by Text node from the top.
    Mentions { ex2: Extracted, wraps: Vec<Wrap>, run: WrapRun },
    /// Before the UI: the summary for the handle.
    Json,
    /// Installing the reader's UI (cards, badges, panel, listeners).
    Ui(Option<Installer>),
    Done,
}

/// The fallback analysis on this thread: in progress, or done and waiting for a step of its
/// own to be applied (applying it reads the page's styles and plans the wraps: milliseconds).
enum Fallback {
    Running(Analyzer),
    Finished(Analysis),
}

struct JobState {
    element: Element,
    config: Config,
    /// The options as given (overrides, report link, knowledge: applied by this job).
    options: JsValue,
    ex: Extracted,
    /// The analysis on this thread (the fallback, see [`Job::analyze`]).
    fallback: Option<Fallback>,
    analysis: Option<Analysis>,
    stage: Stage,
    logs: Vec<UndoLog>,
    summary: Option<JsonSummary>,
    /// Read before the first wrap (see [`Env`]).
    env: Option<Env>,
    ui: Option<Ui>,
}

/// An annotation in progress (see [`begin`]).
#[wasm_bindgen]
pub struct Job {
    st: Option<JobState>,
    handle: Option<Handle>,
}

impl Job {
    /// A job that applies a given analysis of `ex.text` (precomputed, or from a worker) with
    /// the loader's `options` (overrides, report link, knowledge).
    pub fn with_analysis(element: Element, ex: Extracted, analysis: Analysis, options: JsValue) -> Job {
        let mut job = Job {
            st: Some(JobState { element, config: Config::default(), options, ex, fallback: None, analysis: None, stage: Stage::Waiting, logs: Vec::new(), summary: None, env: None, ui: None }),
            handle: None,
        };
        job.set_analysis(analysis);
        job
    }

    /// Gives the job its analysis of the text read (once `read` is done; ignored otherwise or
    /// when it already has one): from the worker, this thread, or precomputed.
    /// The publisher's overrides (option `overrides`) are applied here, whatever the source.
    pub fn set_analysis(&mut self, mut analysis: Analysis) {
        if let Some(st) = self.st.as_mut() {
            if matches!(st.stage, Stage::Waiting) {
                apply_overrides(&st.options, &st.ex.text, &mut analysis);
                let wraps = statement_wraps(&st.ex.text, &analysis);
                st.stage = Stage::Statements { run: RangeRun::new(&st.ex, &wraps), wraps };
                st.analysis = Some(analysis);
                st.env = Env::read(&st.element);
            }
        }
    }

    /// Does work until `deadline` (a `Date.now()` time; infinite: to the end). True when done.
    /// A stage that cannot be split (reading the text again, the JSON, the UI) runs whole.
    pub fn run(&mut self, deadline: f64) -> bool {
        let Some(st) = self.st.as_mut() else { return true };
        loop {
            let Some(analysis) = st.analysis.as_ref() else { return false };
            let next = match &mut st.stage {
                Stage::Reading(_) | Stage::Waiting => return false,
                Stage::Statements { wraps, run } => {
                    if !run.step(&st.ex, &st.element, wraps, deadline) {
                        return false;
                    }
                    st.logs.push(std::mem::take(&mut run.log));
                    if wraps.is_empty() {
                        // No statements: the text read at the start is the one to wrap in.
                        let wraps = mention_wraps(analysis);
                        Stage::Mentions { run: WrapRun::new(&st.ex, &wraps), ex2: st.ex.clone(), wraps }
                    } else {
                        Stage::Reread(Reader::new(&st.element))
                    }
                }
                Stage::Reread(reader) => {
                    if !reader.step(deadline) {
                        return false;
                    }
                    let mut again = std::mem::take(&mut reader.out);
                    allow_inside_statements(&mut again, &st.element);
                    // The text is the same by construction; if the page changed it meanwhile, skip mentions.
                    if again.text == st.ex.text {
                        Stage::Reread2(again)
                    } else {
                        Stage::Json
                    }
                }
                Stage::Reread2(again) => {
                    let again = std::mem::take(again);
                    let wraps = mention_wraps(analysis);
                    Stage::Mentions { run: WrapRun::new(&again, &wraps), ex2: again, wraps }
                }
                Stage::Mentions { ex2, wraps, run } => {
                    if !run.step(ex2, wraps, deadline) {
                        return false;
                    }
                    st.logs.push(std::mem::take(&mut run.log));
                    Stage::Json
                }
                Stage::Json => {
                    st.summary = Some(JsonSummary::new(analysis));
                    // In steps, badges are placed by the ResizeObserver's first callback, after the
                    // browser's own layout, instead of forcing a layout of the whole page here.
                    let layout_now = !deadline.is_finite();
                    match st.env.take() {
                        Some(env) => Stage::Ui(Some(Installer::new(&st.element, env, &st.ex.text, analysis, layout_now))),
                        None => Stage::Done,
                    }
                }
                Stage::Ui(installer) => {
                    if let Some(i) = installer.as_mut() {
                        if !i.step(deadline) {
                            return false;
                        }
                    }
                    st.ui = installer.take().and_then(Installer::finish);
                    Stage::Done
                }
                Stage::Done => {
                    let Some(st) = self.st.take() else { return true };
                    let analysis = st.analysis.unwrap_or_default();
                    let state = State {
                        mention_count: analysis.mentions.len(),
                        summary: st.summary.unwrap_or_else(|| JsonSummary::new(&analysis)),
                        json: std::cell::OnceCell::new(),
                        text: st.ex.text,
                        analysis,
                        element: st.element,
                        logs: st.logs,
                        ui: st.ui,
                    };
                    if let Some(ui) = &state.ui {
                        ui.set_report_url(options_of(&st.options).ok().and_then(|o| o.report_url));
                        ui.configure_knowledge(&st.options);
                    }
                    let rc = Rc::new(RefCell::new(Some(state)));
                    LIVE.with(|live| live.borrow_mut().push(rc.clone()));
                    self.handle = Some(Handle { state: rc });
                    return true;
                }
            };
            st.stage = next;
            // The next stage starts in this step while its time lasts (every step given back
            // is a task hop, and often a frame laid out, before the article is done), unless it
            // runs whole: that one gets a step of its own.
            let whole = matches!(st.stage, Stage::Reread2(_) | Stage::Json);
            if super::apply::past(deadline) || (whole && deadline.is_finite()) {
                return false;
            }
        }
    }

    /// The text read (once `read` is done) and the configured size limit.
    pub fn text_and_limit(&self) -> Option<(&str, usize)> {
        self.st.as_ref().map(|st| (st.ex.text.as_str(), st.config.max_bytes))
    }

    /// The handle, once the job is done (once).
    pub fn take_handle(&mut self) -> Option<Handle> {
        self.handle.take()
    }
}

#[wasm_bindgen]
impl Job {
    /// Reads the element's text for about `budget_ms` milliseconds; true when it is all read
    /// (then `text` is ready for the analysis).
    pub fn read(&mut self, budget_ms: f64) -> bool {
        let Some(st) = self.st.as_mut() else { return true };
        let Stage::Reading(reader) = &mut st.stage else { return true };
        if !reader.step(js_sys::Date::now() + budget_ms.max(1.0)) {
            return false;
        }
        st.ex = std::mem::take(&mut reader.out);
        st.stage = Stage::Waiting;
        true
    }

    /// The extracted text (what the worker analyses).
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.st.as_ref().map_or(String::new(), |st| st.ex.text.clone())
    }

    /// The stage the job is in: "reading", "waiting", "statements", "reread", "mentions", "json", "ui",
    /// "done" (tests and benchmarks).
    #[wasm_bindgen(getter)]
    pub fn stage(&self) -> String {
        let Some(st) = self.st.as_ref() else { return "done".into() };
        match st.stage {
            Stage::Reading(_) => "reading",
            Stage::Waiting => "waiting",
            Stage::Statements { .. } => "statements",
            Stage::Reread(_) | Stage::Reread2(_) => "reread",
            Stage::Mentions { .. } => "mentions",
            Stage::Json => "json",
            Stage::Ui(_) => "ui",
            Stage::Done => "done",
        }
        .into()
    }

    /// Runs the core on this thread for about `budget_ms` milliseconds (the fallback when no
    /// worker can be made); true when the analysis is done. The first call reads any text left.
    pub fn analyze(&mut self, budget_ms: f64) -> Result<bool, JsValue> {
        self.read(f64::INFINITY);
        let Some(st) = self.st.as_mut() else { return Ok(true) };
        if !matches!(st.stage, Stage::Waiting) {
            return Ok(true);
        }
        let mut analyzer = match st.fallback.take() {
            Some(Fallback::Finished(a)) => {
                self.set_analysis(a);
                return Ok(true);
            }
            Some(Fallback::Running(a)) => a,
            None => Analyzer::new(&st.ex.text, &st.config).map_err(|e| js_error(e.to_string()))?,
        };
        let deadline = js_sys::Date::now() + budget_ms.max(1.0);
        match analyzer.step(&mut || super::apply::past(deadline)) {
            None => st.fallback = Some(Fallback::Running(analyzer)),
            Some(a) if super::apply::past(deadline) => st.fallback = Some(Fallback::Finished(a)),
            Some(a) => {
                self.set_analysis(a);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Takes the analysis from the worker (its transfer form, see [`analyze_transfer`]).
    pub fn receive(&mut self, transfer: JsValue) -> Result<(), JsValue> {
        let a = from_transfer(&transfer)?;
        self.set_analysis(a);
        Ok(())
    }

    /// Does DOM work for about `budget_ms` milliseconds, top of the article first; true when
    /// the job is done (then call [`Job::finish`]).
    pub fn step(&mut self, budget_ms: f64) -> bool {
        self.run(js_sys::Date::now() + budget_ms.max(1.0))
    }

    /// The handle of the finished annotation (registered, so `annotate` finds it).
    pub fn finish(&mut self) -> Result<Handle, JsValue> {
        self.take_handle().ok_or_else(|| js_error("the annotation is not finished"))
    }

    /// Stops the job and restores the element exactly: the UI, then every wrap, in reverse.
    pub fn cancel(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        let Some(mut st) = self.st.take() else { return };
        if let Some(ui) = st.ui.take() {
            ui.destroy();
        }
        match &mut st.stage {
            Stage::Statements { run, .. } => run.log.undo(),
            Stage::Mentions { run, .. } => run.log.undo(),
            Stage::Ui(installer) => {
                if let Some(i) = installer.take() {
                    i.abort();
                }
            }
            _ => {}
        }
        for log in st.logs.iter_mut().rev() {
            log.undo();
        }
    }
}
