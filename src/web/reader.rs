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
    let g = js_gather(root, false, &gather_spec(None));
    let mut doc = build(&g.strings(), &g.records(), &[], &g.viewport()).map_err(err)?;
    doc.url = page_url(root);
    to_js(&crate::extract(&doc, &opts))
}

/// The article of a model gathered elsewhere (the extension gathers the page in the content
/// script, under any CSP, and extracts here), with its HTML already sanitized.
#[wasm_bindgen(js_name = extractModel)]
pub fn extract_model(strings: &str, records: &[i32], url: &str, settings: JsValue) -> Result<JsValue, JsError> {
    let opts = options_from(&settings)?;
    let mut doc = build(strings, records, &[], &[]).map_err(err)?;
    doc.url = (!url.is_empty()).then(|| url.to_string());
    let mut article = crate::extract(&doc, &opts);
    article.html = crate::sanitize::sanitize(&article.html);
    to_js(&article)
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
/// `{ids, markers, css, report, article}` for dom.js `apply` (`article`: the index of the
/// article element, or -1). `fragment`/`inside_article`: late additions, as `cleanAdded`.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn decide(strings: &str, records: &[i32], layout: &[f32], viewport: &[f32], settings: JsValue, measured: bool, fragment: bool, inside_article: bool) -> Result<JsValue, JsError> {
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
    let cleaned = if fragment { crate::decide_fragment(&doc, &prep, &opts, inside_article) } else { crate::decide(&doc, &prep, &opts, false) };
    let (ids, markers) = encode(&cleaned);
    set("article", &JsValue::from_f64(cleaned.article.map_or(-1.0, |a| a as f64 - 1.0)))?;
    let mut report = cleaned.report;
    report.ms = js_now() - t0;
    set("ids", &js_sys::Uint32Array::from(&ids[..]).into())?;
    set("markers", &JsValue::from_str(&markers))?;
    set("css", &JsValue::from_str(&opts.scoped_stylesheet()))?;
    set("report", &report_to_js(&report))?;
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

/// What the live-DOM adapter must read for a profile (for a gather done outside the core
/// module: the extension's fallback for strict-CSP pages).
#[wasm_bindgen(js_name = gatherSpec)]
pub fn gather_spec_for(settings: JsValue) -> Result<JsValue, JsError> {
    Ok(gather_spec(Some(&options_from(&settings)?)))
}

/// Settings with new reader typography as the default (`prefs`: `{theme, font, size, width,
/// line_height}`, any subset): `{ok: true, settings}` or `{ok: false, problems}`.
#[wasm_bindgen(js_name = settingsSetReader)]
pub fn settings_set_reader(settings: JsValue, prefs: JsValue) -> Result<JsValue, JsError> {
    let v = read_value(&settings)?;
    let p = read_value(&prefs)?;
    let out = Settings::from_value(&v).and_then(|mut s| {
        s.defaults.reader = settings::reader_from_value(&p, s.defaults.reader)?;
        Ok(s)
    });
    checked(&out)
}

fn checked(r: &Result<Settings, settings::SettingsError>) -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        settings: Option<&'a Settings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        problems: Option<&'a [settings::Problem]>,
    }
    match r {
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
