//! The wasm boundary. Two modules are built from this crate:
//!
//! - the core (`wasm-core`), loaded on every page: `clean`, `cleanAdded`, `restore`,
//!   `showRemoved`;
//! - the reader module (`wasm-reader`), loaded only when needed (reader mode, the extension's
//!   background and options page, `extract` on web pages): extraction, the lol_html sanitizer,
//!   the settings schema, the stylesheet, and `decide` on a model gathered elsewhere.
//!
//! The page is read in one bulk pass by `dom.js` (records + one string), crosses the boundary
//! once, becomes a [`Document`], and the decisions cross back once as node indices and
//! markers. No per-node calls through web-sys. Every export returns `Result<_, JsError>`: bad
//! input becomes an exception with a clear message, never a panic across the boundary.

#[cfg(feature = "wasm-core")]
pub mod core;
#[cfg(feature = "wasm-reader")]
pub mod reader;

use crate::clutter::{Category, CategorySet};
use crate::dom::{Builder, Document, Layout, NodeId};
use crate::chars::decimal;
use crate::{Cleaned, Error, Options};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/dom.js")]
extern "C" {
    pub(crate) type Gathered;
    #[wasm_bindgen(js_name = gather)]
    pub(crate) fn js_gather(root: &JsValue, with_layout: bool, spec: &JsValue) -> Gathered;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn nodes(this: &Gathered) -> js_sys::Array;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn strings(this: &Gathered) -> String;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn records(this: &Gathered) -> Vec<i32>;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn layout(this: &Gathered) -> Vec<f32>;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn viewport(this: &Gathered) -> Vec<f32>;
    /// The address of the gathered document ("" when it has none).
    #[wasm_bindgen(method, getter)]
    pub(crate) fn url(this: &Gathered) -> String;
    #[wasm_bindgen(js_name = measure)]
    pub(crate) fn js_measure(nodes: &js_sys::Array, ids: &[u32]) -> Vec<f32>;
    #[wasm_bindgen(js_name = apply)]
    pub(crate) fn js_apply(nodes: &js_sys::Array, ids: &[u32], markers: &str, css: &str);
    #[wasm_bindgen(js_name = ensureStyle)]
    pub(crate) fn js_ensure_style(root: &JsValue, css: &str);
    #[wasm_bindgen(js_name = restore)]
    pub(crate) fn js_restore(root: &JsValue) -> u32;
    #[wasm_bindgen(js_name = showRemoved)]
    pub(crate) fn js_show_removed(root: &JsValue, on: bool);
    #[wasm_bindgen(js_name = now)]
    pub(crate) fn js_now() -> f64;
}

/// The scroll locks to lift once a late overlay went: of the root and body's layout records
/// (`dom.js` `measure`: index, x, y, width, height, flags each), the indices of those that lock
/// scrolling, and their markers for `dom.js` `apply`.
pub(crate) fn unlocks(page: &[f32]) -> (Vec<u32>, String) {
    let mut ids = Vec::new();
    for c in page.chunks_exact(6) {
        let l = Layout { x: c[1], y: c[2], width: c[3], height: c[4], flags: c[5] as u8 };
        if crate::clutter::locks_scroll(&l) {
            ids.push(c[0] as u32);
        }
    }
    let (a, v) = crate::marker(crate::clutter::Action::Unlock);
    let markers = ids.iter().map(|_| [a, v].join("\n")).collect::<Vec<_>>().join("\n");
    (ids, markers)
}

pub(crate) fn err(e: Error) -> JsError {
    JsError::new(&e.message())
}

/// Rebuilds the model from the gatherer's records. Malformed records are an error, not a panic.
pub(crate) fn build(strings: &str, records: &[i32], layout: &[f32], viewport: &[f32]) -> Result<Document, Error> {
    if records.len() % 3 != 0 {
        return Err(Error::Input("records are not whole".into()));
    }
    let n = records.len() / 3;
    let mut parts = strings.split('\0');
    let mut b = Builder::with_capacity(n + 1, strings.len());
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    for k in 0..n {
        let (kind, parent, nattrs) = (records[3 * k], records[3 * k + 1], records[3 * k + 2]);
        let target = if parent < 0 { 0 } else { parent as NodeId + 1 };
        if parent >= k as i32 || !b.close_to(target) {
            return Err(Error::Input(["record ", &decimal(k as i64), " names a parent (", &decimal(parent.into()), ") that is not open"].concat()));
        }
        let mut next = || parts.next().ok_or_else(|| Error::Input("strings end early".into()));
        match kind {
            1 => {
                let name = next()?;
                attrs.clear();
                for _ in 0..nattrs.max(0) {
                    let n = next()?;
                    let v = next()?;
                    attrs.push((n, v));
                }
                b.open(name, attrs.iter().copied());
            }
            3 => {
                b.text(next()?);
            }
            other => return Err(Error::Input(["record ", &decimal(k as i64), " has unknown kind ", &decimal(other.into())].concat())),
        }
    }
    for c in layout.chunks_exact(6) {
        let id = c[0] as NodeId + 1;
        if (id as usize) <= n {
            b.layout(id, Layout { x: c[1], y: c[2], width: c[3], height: c[4], flags: c[5] as u8 });
        }
    }
    let mut doc = b.finish();
    if let [w, h] = viewport {
        if *w > 0.0 && *h > 0.0 {
            doc.viewport = Some((*w, *h));
        }
    }
    Ok(doc)
}

/// A page's address for `Document::url` ("" when it has none).
pub(crate) fn address(url: &str) -> Option<String> {
    (!url.is_empty()).then(|| url.to_string())
}

/// A gathered document's address.
pub(crate) fn url_of(g: &Gathered) -> Option<String> {
    address(&g.url())
}

/// Decisions as the two arrays `dom.js` applies: node indices (gather order) and markers.
pub(crate) fn encode(cleaned: &Cleaned) -> (Vec<u32>, String) {
    let mut ids = Vec::with_capacity(cleaned.decisions.len());
    let mut markers = String::new();
    for d in &cleaned.decisions {
        if d.node == 0 {
            continue;
        }
        ids.push(d.node - 1);
        let (a, v) = crate::marker(d.action);
        if !markers.is_empty() {
            markers.push('\n');
        }
        markers.push_str(a);
        markers.push('\n');
        markers.push_str(v);
    }
    (ids, markers)
}

/// The gather spec object dom.js reads: `{all}` for extraction, else `{tags, names}`.
pub(crate) fn gather_spec(opts: Option<&Options>) -> JsValue {
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    match opts {
        None => set("all", JsValue::TRUE),
        Some(opts) => {
            let (tags, names) = opts.gather_spec();
            set("all", JsValue::FALSE);
            set("tags", JsValue::from_str(tags));
            set("names", JsValue::from_str(&names));
        }
    }
    o.into()
}

/// `v` as a DOM node, also one of another window (a same-origin frame's document or its nodes),
/// which `instanceof Node` of this window (what `dyn_ref` checks) turns down.
pub(crate) fn as_node(v: &JsValue) -> Option<&web_sys::Node> {
    let t = get(v, "nodeType").as_f64()?;
    (t >= 1.0).then(|| v.unchecked_ref::<web_sys::Node>())
}

/// `node` if it is a document (of any window), else its owner document.
pub(crate) fn document_of(node: &web_sys::Node) -> Option<web_sys::Document> {
    if node.node_type() == web_sys::Node::DOCUMENT_NODE {
        Some(node.unchecked_ref::<web_sys::Document>().clone())
    } else {
        node.owner_document()
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn selectors(v: &JsValue, path: &str) -> Result<Vec<String>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !js_sys::Array::is_array(v) {
        return Err(JsError::new(&["settings.", path, ": expected a list of CSS selectors"].concat()));
    }
    let arr: &js_sys::Array = v.unchecked_ref();
    let mut out = Vec::new();
    for (i, item) in arr.iter().enumerate() {
        match item.as_string() {
            Some(s) => out.push(s),
            None => return Err(JsError::new(&["settings.", path, "[", &decimal(i as i64), "]: expected a CSS selector string"].concat())),
        }
    }
    Ok(out)
}

/// Reads the per-page settings given to `clean`/`extract`: a profile object (`{mode,
/// categories: {ads: false, …}, hide: [...], keep: [...], reader}`), every field optional.
/// The full schema (sites, versions, migration) is the reader module's `settingsCheck`.
pub(crate) fn options_from(v: &JsValue) -> Result<Options, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(JsError::new("settings: expected an object"));
    }
    for key in js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter() {
        let k = key.as_string().unwrap_or_default();
        if !matches!(k.as_str(), "mode" | "categories" | "hide" | "keep" | "reader") {
            return Err(JsError::new(&["settings.", &k, ": unknown field (known: mode, categories, hide, keep, reader)"].concat()));
        }
    }
    let mut cats = CategorySet::default_on();
    let c = get(v, "categories");
    if !(c.is_undefined() || c.is_null()) {
        if !c.is_object() {
            return Err(JsError::new("settings.categories: expected an object"));
        }
        for key in js_sys::Object::keys(c.unchecked_ref::<js_sys::Object>()).iter() {
            let k = key.as_string().unwrap_or_default();
            let Some(cat) = Category::from_name(&k) else {
                return Err(JsError::new(&["settings.categories.", &k, ": unknown category"].concat()));
            };
            match get(&c, &k).as_bool() {
                Some(on) => cats.set(cat, on),
                None => return Err(JsError::new(&["settings.categories.", &k, ": expected true or false"].concat())),
            }
        }
    }
    let hide = selectors(&get(v, "hide"), "hide")?;
    let keep = selectors(&get(v, "keep"), "keep")?;
    Options::new(cats, &hide, &keep).map_err(err)
}

/// A report as a plain object, built directly (the every-page module carries no serde glue).
pub(crate) fn report_to_js(r: &crate::Report) -> JsValue {
    let o = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), &v);
    };
    let cats = js_sys::Object::new();
    for c in Category::ALL {
        set(&cats, c.name(), JsValue::from_f64(r.categories.get(c) as f64));
    }
    set(&o, "hidden", JsValue::from_f64(r.hidden as f64));
    set(&o, "categories", cats.into());
    set(&o, "rules", JsValue::from_f64(r.rules as f64));
    set(&o, "expanded", JsValue::from_f64(r.expanded as f64));
    set(&o, "unstuck", JsValue::from_f64(r.unstuck as f64));
    set(&o, "article", JsValue::from_bool(r.article));
    set(&o, "readerable", JsValue::from_bool(r.readerable));
    set(&o, "ms", JsValue::from_f64(r.ms));
    o.into()
}

#[cfg(feature = "wasm-reader")]
pub(crate) fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}


