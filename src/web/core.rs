//! Exports of the every-page module: clean a page in place, clean what arrives later, undo,
//! show what was removed.

use super::*;
use std::cell::RefCell;
use std::rc::Rc;

fn flag(options: &JsValue, name: &str, default: bool) -> bool {
    if options.is_object() {
        if let Ok(v) = js_sys::Reflect::get(options, &JsValue::from_str(name)) {
            if let Some(b) = v.as_bool() {
                return b;
            }
        }
    }
    default
}

/// What `clean` keeps for later calls on the same page (late additions).
struct Page {
    opts: Options,
    /// The article element, to tell whether an addition lands inside it.
    article: Option<web_sys::Node>,
    /// A block that may lock scrolling (an overlay, a notice, a rule's block) went, in the
    /// clean or since: a scroll lock the page puts on later is lifted too.
    overlay_hidden: bool,
    /// The article is a page of replies (`Cleaned::replies`): later additions are not judged
    /// as comments beside it.
    replies: bool,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
    /// The gather spec for options without site rules (every such profile reads the same).
    static SPEC: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// The stylesheets of the last category set without site rules (the usual case): built
    /// once, not on every call (at the core's size-first optimization, building them was
    /// several percent of a clean).
    static SHEETS: RefCell<Option<(crate::clutter::CategorySet, Sheets)>> = const { RefCell::new(None) };
}

/// What the gather reads for these options (see `gather_spec`).
fn spec(opts: &Options) -> JsValue {
    if !opts.detect.hide.is_empty() || !opts.detect.keep.is_empty() {
        return gather_spec(Some(opts));
    }
    SPEC.with(|s| s.borrow_mut().get_or_insert_with(|| gather_spec(Some(opts))).clone())
}

/// The page's stylesheet and the scoped one (shadow roots, frames).
type Sheets = Rc<(String, String)>;

/// The stylesheets for these options.
fn sheets(opts: &Options) -> Sheets {
    if !opts.detect.hide.is_empty() {
        return Rc::new((opts.stylesheet(), opts.scoped_stylesheet()));
    }
    SHEETS.with(|s| {
        let mut s = s.borrow_mut();
        let cats = opts.detect.categories;
        match s.as_ref() {
            Some((c, v)) if *c == cats => v.clone(),
            _ => {
                let v = Rc::new((opts.stylesheet(), opts.scoped_stylesheet()));
                *s = Some((cats, v.clone()));
                v
            }
        }
    })
}

/// Gathers `root`, decides, applies. `fragment`: `root` was added after the page's clean.
/// `late`: `root` was added after the page's clean, whose article is still there and shown and
/// is not a page of replies, and not in the seconds after the reader's input (see
/// `crate::prepare_in`).
fn run(root: &JsValue, opts: &Options, with_layout: bool, fragment: bool, inside_article: bool, opened_by_user: bool, late: bool) -> Result<(Cleaned, js_sys::Array), JsError> {
    let g = js_gather(root, with_layout, &spec(opts));
    let nodes = g.nodes();
    let mut doc = build(&g.strings(), &g.records(), &g.layout(), &g.viewport()).map_err(err)?;
    doc.url = url_of(&g);
    // Second, targeted measurement: what the core wants to know about this page in particular
    // (for example whether the article body is clipped above a "Continue reading" button).
    let prep = crate::prepare_in(&doc, late);
    if with_layout {
        let wanted = crate::layout_requests(&doc, &prep);
        if !wanted.is_empty() {
            let ids: Vec<u32> = wanted.iter().map(|&i| i - 1).collect();
            let more = js_measure(&nodes, &ids);
            add_layout(&mut doc, &more);
        }
    }
    let cleaned = if fragment { crate::decide_fragment(&doc, &prep, opts, inside_article, opened_by_user) } else { crate::decide(&doc, &prep, opts, false) };
    let (ids, markers) = encode(&cleaned);
    js_apply(&nodes, &ids, &markers, &sheets(opts).1);
    Ok((cleaned, nodes))
}

fn add_layout(doc: &mut Document, data: &[f32]) {
    for c in data.chunks_exact(6) {
        doc.set_layout(c[0] as NodeId + 1, Layout { x: c[1], y: c[2], width: c[3], height: c[4], flags: c[5] as u8 });
    }
}

/// Hides the clutter of a document (or of an element's subtree) in place and returns the
/// report: `{hidden, categories: {ads, …}, rules, expanded, unstuck, article, ms}`.
///
/// `settings`: a profile (`{categories: {ads: false}, hide: [...], keep: [...]}`), all optional.
/// `options`: `{style: false}` when the caller injects the stylesheet itself (the extension
/// does, with user origin), `{layout: false}` to decide on markup alone.
#[wasm_bindgen]
pub fn clean(root: &JsValue, settings: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let t0 = js_now();
    let opts = options_from(&settings)?;
    let style = flag(&options, "style", true);
    let with_layout = flag(&options, "layout", true);
    let (cleaned, nodes) = run(root, &opts, with_layout, false, false, false, false)?;
    if style {
        js_ensure_style(root, &sheets(&opts).0);
    }
    let article = cleaned.article.and_then(|a| super::as_node(&nodes.get(a - 1)).cloned());
    let mut report = cleaned.report;
    report.ms = js_now() - t0;
    let overlay_hidden = crate::clutter::hid_an_overlay(&cleaned.decisions);
    PAGE.with(|p| *p.borrow_mut() = Some(Page { opts, article, overlay_hidden, replies: cleaned.replies }));
    Ok(report_to_js(&report))
}

/// Cleans nodes added to a page after `clean` (lazy ads, infinite scroll, late modals): each
/// root is decided with the article context `clean` found. Returns the combined report.
/// `opened_by_user`: they came right after the reader's own click, tap or key, so a box over
/// the page among them is one the reader opened (a lightbox, a menu) and stays.
/// `lock_changed`: the document, when its root's or body's class or style changed since (a
/// scroll lock put on after the overlay that caused it went is lifted too; `roots` may then
/// be empty). `asked`: the reader pressed a control in the last seconds (not one that dismissed
/// its box), so a comment thread among them may be one they asked for ("Show comments",
/// fetched slowly): not judged as late content beside the article (see `prepare_in`).
#[wasm_bindgen(js_name = cleanAdded)]
pub fn clean_added(roots: &js_sys::Array, opened_by_user: Option<bool>, lock_changed: Option<web_sys::Node>, asked: bool) -> Result<JsValue, JsError> {
    let opened_by_user = opened_by_user.unwrap_or(false);
    let t0 = js_now();
    PAGE.with(|p| {
        let mut page = p.borrow_mut();
        let Some(page) = page.as_mut() else { return Err(JsError::new("cleanAdded: call clean on the page first")) };
        // One gather for all roots inside the article, one for the rest: a burst of additions
        // costs one pass, not one per node.
        let (inside, outside) = (js_sys::Array::new(), js_sys::Array::new());
        let mut first: Option<web_sys::Node> = None;
        for root in roots.iter() {
            let Some(node) = super::as_node(&root) else { continue };
            if node.node_type() != web_sys::Node::ELEMENT_NODE || !node.is_connected() {
                continue;
            }
            first.get_or_insert_with(|| node.clone());
            if page.article.as_ref().is_some_and(|a| a.contains(Some(node))) {
                inside.push(&root);
            } else {
                outside.push(&root);
            }
        }
        let mut total = crate::Report::default();
        let mut overlay = false;
        // (Shown, too: a router that keeps the last view hidden keeps its article connected.)
        let beside = !asked && !page.replies && page.article.as_ref().is_some_and(|a| a.is_connected() && !super::get(a.as_ref(), "offsetParent").is_null());
        for (group, is_inside) in [(inside, true), (outside, false)] {
            if group.length() == 0 {
                continue;
            }
            let (cleaned, _) = run(&group.into(), &page.opts, true, true, is_inside, opened_by_user, beside)?;
            total.merge(&cleaned.report);
            overlay |= crate::clutter::hid_an_overlay(&cleaned.decisions);
        }
        page.overlay_hidden |= overlay;
        // This batch hid an overlay, or one went before and the root or body changed since.
        let lock = lock_changed.filter(|_| page.overlay_hidden);
        if let Some(node) = first.filter(|_| overlay).or(lock) {
            unlock_scroll(&node);
        }
        total.ms = js_now() - t0;
        Ok(report_to_js(&total))
    })
}

/// A late overlay went, or the page's root or body changed after one went (`node`: a late root
/// or the document): if the page's scrolling is locked (on the root or the body, which a
/// fragment does not include), let it scroll again.
fn unlock_scroll(node: &web_sys::Node) {
    let Some(doc) = super::document_of(node) else { return };
    let roots = js_sys::Array::new();
    if let Some(e) = doc.document_element() {
        roots.push(&e);
    }
    if let Some(b) = doc.body() {
        roots.push(&b);
    }
    let (ids, markers) = super::unlocks(&js_measure(&roots, &[0, 1]));
    if !ids.is_empty() {
        js_apply(&roots, &ids, &markers, "");
    }
}

/// Undoes `clean` exactly: removes every marker and the stylesheet.
#[wasm_bindgen]
pub fn restore(root: &JsValue) -> u32 {
    PAGE.with(|p| *p.borrow_mut() = None);
    js_restore(root)
}

/// "Show what was removed": outline the hidden blocks in place (or hide them again).
#[wasm_bindgen(js_name = showRemoved)]
pub fn show_removed(root: &JsValue, on: bool) {
    js_show_removed(root, on)
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_string()
}
