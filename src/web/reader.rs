//! Exports of the reader module, loaded only when needed: the article (extraction), the
//! lol_html sanitizer it passes before it is shown, the settings schema for the extension's
//! background and options page, the stylesheet, the CSP check and `decide` on a model gathered
//! elsewhere (the extension's fallback for pages whose CSP forbids wasm in content scripts).

use super::*;
use crate::settings::{self, Settings, Value};

fn read_value(v: &JsValue) -> Result<Value, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    serde_wasm_bindgen::from_value(v.clone()).map_err(|e| JsError::new(&format!("settings: {e}")))
}

/// Sanitizes article HTML with the allowlist of `crate::sanitize`. Never throws: input that
/// cannot be processed yields an empty string.
#[wasm_bindgen]
pub fn sanitize(html: &str) -> String {
    crate::sanitize::sanitize(html)
}

/// The article of a document: `{title, byline, siteName, published, lang, dir, excerpt,
/// leadImage, html, text, wordCount, readerable, readingMinutes}`. The HTML is not sanitized: pass it through the reader
/// module's `sanitize` before showing it.
#[wasm_bindgen]
pub fn extract(root: &JsValue, settings: JsValue) -> Result<JsValue, JsError> {
    let opts = options_from(&settings)?;
    let g = js_gather(root, false);
    let mut doc = build(&g.strings(), &g.records(), &[], &g.viewport()).map_err(err)?;
    doc.url = page_url(root);
    to_js(&crate::extract(&doc, &opts))
}

fn page_url(root: &JsValue) -> Option<String> {
    let node = root.dyn_ref::<web_sys::Node>()?;
    let doc = match node.dyn_ref::<web_sys::Document>() {
        Some(d) => d.clone(),
        None => node.owner_document()?,
    };
    doc.url().ok()
}

/// The same decisions on a model gathered elsewhere (the extension's fallback for pages whose
/// CSP forbids wasm in content scripts). Like `clean`, it may need a second, targeted
/// measurement: unless `measured` is true and when the core wants layout facts the model lacks,
/// it returns `{measure: [ids]}`; the caller measures them (dom.js `measure`), appends them to
/// `layout` and calls again with `measured = true`. Otherwise it returns
/// `{ids, markers, report}` for dom.js `apply`.
#[wasm_bindgen]
pub fn decide(strings: &str, records: &[i32], layout: &[f32], viewport: &[f32], settings: JsValue, measured: bool) -> Result<JsValue, JsError> {
    let t0 = js_now();
    let opts = options_from(&settings)?;
    let doc = build(strings, records, layout, viewport).map_err(err)?;
    let prep = crate::prepare(&doc);
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v).map(|_| ()).map_err(|_| JsError::new("decide: cannot build result"));
    if !measured {
        let wanted = crate::layout_requests(&doc, &prep);
        if !wanted.is_empty() {
            let ids: Vec<u32> = wanted.iter().map(|&i| i - 1).collect();
            set("measure", &js_sys::Uint32Array::from(&ids[..]).into())?;
            return Ok(out.into());
        }
    }
    let cleaned = crate::decide(&doc, &prep, &opts, false);
    let (ids, markers) = encode(&cleaned);
    let mut report = cleaned.report;
    report.ms = js_now() - t0;
    set("ids", &js_sys::Uint32Array::from(&ids[..]).into())?;
    set("markers", &JsValue::from_str(&markers))?;
    set("report", &to_js(&report)?)?;
    Ok(out.into())
}

/// The stylesheet for a profile (the extension injects it at document start, user origin).
#[wasm_bindgen]
pub fn stylesheet(settings: JsValue) -> Result<String, JsError> {
    Ok(options_from(&settings)?.stylesheet())
}

/// The default settings (every field).
#[wasm_bindgen(js_name = settingsDefaults)]
pub fn settings_defaults() -> Result<JsValue, JsError> {
    to_js(&Settings::default())
}

/// Validates (and migrates) stored or imported settings: `{ok: true, settings}` or
/// `{ok: false, problems: [{path, message}]}`. Never throws on bad data.
#[wasm_bindgen(js_name = settingsCheck)]
pub fn settings_check(value: JsValue) -> Result<JsValue, JsError> {
    let result = read_value(&value).map_err(|_| settings::SettingsError {
        problems: vec![settings::Problem { path: String::new(), message: "not a JSON-like value".into() }],
    });
    let checked = result.and_then(|v| Settings::from_value(&v));
    #[derive(serde::Serialize)]
    struct Out<'a> {
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        settings: Option<&'a Settings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        problems: Option<&'a [settings::Problem]>,
    }
    match &checked {
        Ok(s) => to_js(&Out { ok: true, settings: Some(s), problems: None }),
        Err(e) => to_js(&Out { ok: false, settings: None, problems: Some(&e.problems) }),
    }
}

/// The profile that applies to a host under validated settings.
#[wasm_bindgen(js_name = profileFor)]
pub fn profile_for(settings: JsValue, host: &str) -> Result<JsValue, JsError> {
    let v = read_value(&settings)?;
    let s = Settings::from_value(&v).map_err(|e| err(Error::Settings(e)))?;
    to_js(&s.profile_for(host))
}

/// Whether wasm may compile in a content script of a page served with these CSP header
/// values (Chromium); see `crate::csp`.
#[wasm_bindgen(js_name = cspAllowsWasm)]
pub fn csp_allows_wasm(headers: Vec<String>) -> bool {
    crate::csp::allows_wasm(headers.iter().map(String::as_str))
}

#[wasm_bindgen(js_name = readerVersion)]
pub fn reader_version() -> String {
    crate::version().to_string()
}
