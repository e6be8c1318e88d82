//! Exports of the reader module, loaded only when needed: the article (extraction), the
//! lol_html sanitizer it passes before it is shown, the settings schema for the extension's
//! background and options page, the stylesheet, the CSP check and `decide` on a model gathered
//! elsewhere (the extension's fallback for pages whose CSP forbids wasm in content scripts).

use super::*;
use crate::settings::{self, Patch, RuleKind, Settings, Value};

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
    doc.url = url_of(&g);
    to_js(&crate::extract(&doc, &opts))
}

/// The article of a model gathered elsewhere (the extension gathers the page in the content
/// script, under any CSP, and extracts here), with its HTML already sanitized.
#[wasm_bindgen(js_name = extractModel)]
pub fn extract_model(strings: &str, records: &[i32], url: &str, settings: JsValue) -> Result<JsValue, JsError> {
    let opts = options_from(&settings)?;
    let mut doc = build(strings, records, &[], &[]).map_err(err)?;
    doc.url = address(url);
    let mut article = crate::extract(&doc, &opts);
    article.html = crate::sanitize::sanitize(&article.html);
    to_js(&article)
}

/// The same decisions on a model gathered elsewhere (the extension's fallback for pages whose
/// CSP forbids wasm in content scripts). Like `clean`, it may need a second, targeted
/// measurement: unless `measured` is true and when the core wants layout facts the model lacks,
/// it returns `{measure: [ids]}`; the caller measures them (dom.js `measure`), appends them to
/// `layout` and calls again with `measured = true`. Otherwise it returns
/// `{ids, markers, css, report, article, replies, overlay}` for dom.js `apply` (`article`: the
/// index of the article element, or -1; `replies`: it is a page of replies; `overlay`: a block that may lock scrolling went, see
/// `unlocks`). `fragment`/`inside_article`: late additions, as `cleanAdded`; and as there, when
/// they hid an overlay, the scroll locks it leaves: `page` is the layout of the document's root
/// and body (`dom.js` `measure` of `[root, body]`, indices 0 and 1), and the result's `unlock`
/// and `unlockMarkers` are for `apply` on those two. `opened_by_user`: as `cleanAdded`'s.
/// `url`: the page's address (as `clean` reads it from the live document; "" when unknown).
/// `beside_article`: late additions to a page whose article (the one the clean found) is still
/// in the document and shown, and is not a page of replies (the clean's `replies`), and not in
/// the seconds after the reader's input (see `crate::prepare_in` and `cleanAdded`'s `asked`).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn decide(strings: &str, records: &[i32], layout: &[f32], viewport: &[f32], settings: JsValue, measured: bool, fragment: bool, inside_article: bool, page: &[f32], opened_by_user: bool, url: &str, beside_article: bool) -> Result<JsValue, JsError> {
    let t0 = js_now();
    let opts = options_from(&settings)?;
    let mut doc = build(strings, records, layout, viewport).map_err(err)?;
    doc.url = address(url);
    let prep = crate::prepare_in(&doc, fragment && beside_article);
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
    let cleaned = if fragment { crate::decide_fragment(&doc, &prep, &opts, inside_article, opened_by_user) } else { crate::decide(&doc, &prep, &opts, false) };
    let (ids, markers) = encode(&cleaned);
    set("article", &JsValue::from_f64(cleaned.article.map_or(-1.0, |a| a as f64 - 1.0)))?;
    set("replies", &JsValue::from_bool(cleaned.replies))?;
    let mut report = cleaned.report;
    report.ms = js_now() - t0;
    set("ids", &js_sys::Uint32Array::from(&ids[..]).into())?;
    set("markers", &JsValue::from_str(&markers))?;
    set("css", &JsValue::from_str(&opts.scoped_stylesheet()))?;
    set("report", &report_to_js(&report))?;
    // A block that may lock scrolling went: the caller lifts a lock the page puts on later.
    let overlay = crate::clutter::hid_an_overlay(&cleaned.decisions);
    set("overlay", &JsValue::from_bool(overlay))?;
    if fragment && overlay {
        set_unlocks(&out, page)?;
    }
    Ok(out.into())
}

/// `unlock` and `unlockMarkers` on `out`: the scroll locks of `page` to lift.
fn set_unlocks(out: &js_sys::Object, page: &[f32]) -> Result<(), JsError> {
    let (ids, markers) = super::unlocks(page);
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(out, &JsValue::from_str(k), v).map(|_| ()).map_err(|_| JsError::new("unlocks: cannot build result"));
    set("unlock", &js_sys::Uint32Array::from(&ids[..]).into())?;
    set("unlockMarkers", &JsValue::from_str(&markers))
}

/// The scroll locks to lift on a page where an overlay went (`decide` said `overlay`) and whose
/// root or body changed since: `page` as `decide`'s; `{unlock, unlockMarkers}` for `apply`.
#[wasm_bindgen]
pub fn unlocks(page: &[f32]) -> Result<JsValue, JsError> {
    let out = js_sys::Object::new();
    set_unlocks(&out, page)?;
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

// ---- settings edits: the extension's popup, options page, picker and context menu -------------
//
// Each takes the current (validated) settings and returns `{ok: true, settings, changed?}` with
// the new settings, or `{ok: false, problems: [{path, message}]}` and changes nothing. The shell
// stores what comes back; it never edits settings itself.

#[derive(serde::Serialize)]
struct Edited<'a> {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<&'a Settings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<Changed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<&'a [settings::Problem]>,
}

/// Whether an edit changed anything; for an added rule, what it did ("added", "inverse": it
/// took the same selector away from the other list, "none").
#[derive(serde::Serialize, Clone, Copy)]
#[serde(untagged)]
enum Changed {
    Yes(bool),
    Rule(settings::RuleChange),
}

fn edited(r: Result<(Settings, Option<Changed>), settings::SettingsError>) -> Result<JsValue, JsError> {
    match &r {
        Ok((s, changed)) => to_js(&Edited { ok: true, settings: Some(s), changed: *changed, problems: None }),
        Err(e) => to_js(&Edited { ok: false, settings: None, changed: None, problems: Some(&e.problems) }),
    }
}

/// Reads the current settings, applies `change` to them and reports the result (or the
/// problems) as the shell expects it.
fn edit(settings: &JsValue, change: impl FnOnce(&mut Settings) -> Result<Option<Changed>, settings::SettingsError>) -> Result<JsValue, JsError> {
    edited(current(settings).and_then(|mut s| change(&mut s).map(|c| (s, c))))
}

/// Current settings, as the shell passes them (already validated; checked again here).
fn current(v: &JsValue) -> Result<Settings, settings::SettingsError> {
    let value = read_value(v).map_err(|_| settings::SettingsError {
        problems: vec![settings::Problem { path: String::new(), message: "not a JSON-like value".into() }],
    })?;
    Settings::from_value(&value)
}

fn rule_kind(kind: &str) -> Result<RuleKind, settings::SettingsError> {
    RuleKind::from_name(kind).ok_or_else(|| settings::SettingsError {
        problems: vec![settings::Problem { path: "kind".into(), message: format!("expected \"hide\" or \"keep\", found \"{kind}\"") }],
    })
}

/// The site entry that settings for a page on `host` belong to, and what applies there:
/// `{key, site: {overrides}, profile}` (`key` is null when the page has no host name).
#[wasm_bindgen(js_name = settingsSite)]
pub fn settings_site(settings: JsValue, host: &str) -> Result<JsValue, JsError> {
    let s = current(&settings).map_err(|e| err(Error::Settings(e)))?;
    #[derive(serde::Serialize)]
    struct Out<'a> {
        key: Option<String>,
        site: Option<&'a settings::SiteProfile>,
        profile: settings::Profile,
    }
    let key = s.site_key_for(host).ok();
    let site = key.as_ref().and_then(|k| s.sites.get(k));
    to_js(&Out { site, profile: s.profile_for(host), key })
}

/// Changes one site's overrides with a partial profile (`{mode: "off"}`, `{categories: {ads:
/// false}}`, `{hide: [...]}`; `null` clears an override).
#[wasm_bindgen(js_name = settingsSetSite)]
pub fn settings_set_site(settings: JsValue, host: &str, patch: JsValue) -> Result<JsValue, JsError> {
    edit(&settings, |s| {
        let p = Patch::from_value("change", &read_value(&patch).unwrap_or(Value::Null), true)?;
        s.set_site(host, &p)?;
        Ok(None)
    })
}

/// Changes the defaults with a partial profile (`null` resets a field to the built-in value).
#[wasm_bindgen(js_name = settingsSetDefaults)]
pub fn settings_set_defaults(settings: JsValue, patch: JsValue) -> Result<JsValue, JsError> {
    edit(&settings, |s| {
        let p = Patch::from_value("change", &read_value(&patch).unwrap_or(Value::Null), false)?;
        s.set_defaults(&p);
        Ok(None)
    })
}

/// Adds a hide or keep rule to a site (`kind`: "hide" | "keep"). `changed`: "added",
/// "inverse" (a keep rule took the same hide selector away, or the other way round) or "none".
#[wasm_bindgen(js_name = settingsAddRule)]
pub fn settings_add_rule(settings: JsValue, host: &str, kind: &str, selector: &str) -> Result<JsValue, JsError> {
    edit(&settings, |s| {
        let changed = s.add_rule(host, rule_kind(kind)?, selector)?;
        Ok(Some(Changed::Rule(changed)))
    })
}

/// Takes a rule away from a site.
#[wasm_bindgen(js_name = settingsRemoveRule)]
pub fn settings_remove_rule(settings: JsValue, host: &str, kind: &str, selector: &str) -> Result<JsValue, JsError> {
    edit(&settings, |s| {
        let changed = s.remove_rule(host, rule_kind(kind)?, selector)?;
        Ok(Some(Changed::Yes(changed)))
    })
}

/// Forgets everything set for a site.
#[wasm_bindgen(js_name = settingsRemoveSite)]
pub fn settings_remove_site(settings: JsValue, host: &str) -> Result<JsValue, JsError> {
    edit(&settings, |s| {
        let changed = s.remove_site(host)?;
        Ok(Some(Changed::Yes(changed)))
    })
}

/// The settings as a file (pretty JSON; what the CLI's `--settings` reads).
#[wasm_bindgen(js_name = settingsExport)]
pub fn settings_export(settings: JsValue) -> Result<String, JsError> {
    Ok(current(&settings).map_err(|e| err(Error::Settings(e)))?.to_json())
}

/// Reads a settings file: `{ok: true, settings}` or `{ok: false, problems}` (not JSON, or
/// invalid: every problem with its path).
#[wasm_bindgen(js_name = settingsImport)]
pub fn settings_import(text: &str) -> Result<JsValue, JsError> {
    edited(Settings::from_json(text).map(|s| (s, None)))
}

/// The settings as storage items: `{settings: {version, defaults}, "site:<host>": {...}, ...}`
/// (sync storage holds at most 8 KB per item).
#[wasm_bindgen(js_name = settingsToItems)]
pub fn settings_to_items(settings: JsValue) -> Result<JsValue, JsError> {
    let s = current(&settings).map_err(|e| err(Error::Settings(e)))?;
    to_js(&s.to_items())
}

/// Reads settings back from a storage area's items (other keys are ignored): `{ok: true,
/// settings, stored}` (`stored` false: nothing was stored, these are the defaults) or `{ok:
/// false, problems}`. Never throws on bad data.
#[wasm_bindgen(js_name = settingsFromItems)]
pub fn settings_from_items(items: JsValue) -> Result<JsValue, JsError> {
    let r = read_value(&items)
        .map_err(|_| settings::SettingsError { problems: vec![settings::Problem { path: String::new(), message: "not a JSON-like value".into() }] })
        .and_then(|v| Settings::from_items(&v));
    #[derive(serde::Serialize)]
    struct Out<'a> {
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        settings: Option<&'a Settings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        stored: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        problems: Option<&'a [settings::Problem]>,
    }
    match &r {
        Ok(Some(s)) => to_js(&Out { ok: true, settings: Some(s), stored: Some(true), problems: None }),
        Ok(None) => to_js(&Out { ok: true, settings: Some(&Settings::default()), stored: Some(false), problems: None }),
        Err(e) => to_js(&Out { ok: false, settings: None, stored: None, problems: Some(&e.problems) }),
    }
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
