//! The live-DOM adapter in real browsers (wasm-bindgen-test, headless Chromium and Firefox):
//! the bulk gather builds the same model the native parser builds, decisions land as markers,
//! restore undoes them exactly, and bad input is an error, not a panic.
#![cfg(target_arch = "wasm32")]

use declutter::web::core::{clean, restore};
use declutter::web::reader::{decide, extract, sanitize, settings_check};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = include_str!("fixtures/web-adapter.html");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Loads the fixture's body into the test page and returns the container.
fn mount(html: &str) -> web_sys::Element {
    let doc = document();
    let host = doc.create_element("div").unwrap();
    host.set_id("fixture-host");
    let body = doc.body().unwrap();
    if let Some(old) = doc.get_element_by_id("fixture-host") {
        old.remove();
    }
    body.append_child(&host).unwrap();
    let start = html.find("<body>").map(|i| i + 6).unwrap_or(0);
    let end = html.rfind("</body>").unwrap_or(html.len());
    host.set_inner_html(&html[start..end]);
    host
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn marked(host: &web_sys::Element) -> Vec<(String, String)> {
    let list = host.query_selector_all("[data-declutter]").unwrap();
    (0..list.length())
        .map(|i| {
            let el: web_sys::Element = list.item(i).unwrap().unchecked_into();
            (el.id(), el.get_attribute("data-declutter").unwrap())
        })
        .collect()
}

#[wasm_bindgen_test]
fn clean_marks_clutter_and_keeps_the_article() {
    let host = mount(PAGE);
    let before = host.inner_html();
    let report = clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let m = marked(&host);
    for (id, cat) in [("ad-1", "ads"), ("trending", "related"), ("share", "social"), ("comments", "comments")] {
        assert!(m.iter().any(|(i, c)| i == id && c == cat), "{id} should be hidden as {cat}: {m:?}");
    }
    assert!(!m.iter().any(|(i, _)| i.starts_with("p-")), "no paragraph hidden: {m:?}");
    assert_eq!(get(&report, "hidden").as_f64().unwrap() as usize, m.len());
    assert!(get(&get(&report, "categories"), "ads").as_f64().unwrap() >= 1.0);
    // Hidden for real: the stylesheet is in, the ad has no box.
    let ad: web_sys::HtmlElement = document().get_element_by_id("ad-1").unwrap().unchecked_into();
    assert_eq!(ad.offset_height(), 0);
    let p: web_sys::HtmlElement = document().get_element_by_id("p-1").unwrap().unchecked_into();
    assert!(p.offset_height() > 0);
    // Undo is exact.
    restore(&host.clone().into());
    assert_eq!(host.inner_html(), before);
}

#[wasm_bindgen_test]
fn settings_switch_categories_off_and_add_rules() {
    let host = mount(PAGE);
    let settings = js_sys::JSON::parse(r##"{"categories": {"ads": false, "comments": false}, "hide": ["#newsletter-note"], "keep": ["#share"]}"##).unwrap();
    clean(&host.clone().into(), settings, JsValue::UNDEFINED).unwrap();
    let m = marked(&host);
    assert!(!m.iter().any(|(_, c)| c == "ads" || c == "comments"), "{m:?}");
    assert!(m.iter().any(|(i, c)| i == "newsletter-note" && c == "rule"), "{m:?}");
    assert!(!m.iter().any(|(i, _)| i == "share"), "keep wins: {m:?}");
    restore(&host.into());
}

/// The stylesheet follows the profile from one clean to the next (it is built once per set of
/// categories and kept): ads off, the ad rules leave the sheet; on again, they are back.
#[wasm_bindgen_test]
fn the_stylesheet_follows_the_categories_between_cleans() {
    let host = mount(PAGE);
    let sheet = || document().get_element_by_id("declutter-style").and_then(|s| s.text_content()).unwrap_or_default();
    clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert!(sheet().contains("ins.adsbygoogle"), "{}", sheet());
    let ads_off = js_sys::JSON::parse(r#"{"categories": {"ads": false}}"#).unwrap();
    clean(&host.clone().into(), ads_off, JsValue::UNDEFINED).unwrap();
    assert!(!sheet().contains("ins.adsbygoogle"), "{}", sheet());
    assert!(sheet().contains("[data-declutter]"), "{}", sheet());
    clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert!(sheet().contains("ins.adsbygoogle"), "{}", sheet());
    restore(&host.into());
    assert!(document().get_element_by_id("declutter-style").is_none());
}

#[wasm_bindgen_test]
fn bad_settings_are_errors_not_panics() {
    let host = mount(PAGE);
    // Each with a message that says what is wrong and where.
    for (bad, message) in [
        (r#"{"categories": {"ads": "yes"}}"#, "settings.categories.ads: expected true or false"),
        (r#"{"categories": {"popups": true}}"#, "settings.categories.popups: unknown category"),
        (r#"{"hide": ["div >"]}"#, "invalid rule: selector \"div >\" at 5: expected a selector"),
        (r#"{"keep": "aside"}"#, "settings.keep: expected a list of CSS selectors"),
        (r#"{"hide": [".a", 12]}"#, "settings.hide[1]: expected a CSS selector string"),
        (r#"{"colour": 1}"#, "settings.colour: unknown field (known: mode, categories, hide, keep, reader)"),
        (r#"[1,2]"#, "settings: expected an object"),
    ] {
        let v = js_sys::JSON::parse(bad).unwrap();
        let e = clean(&host.clone().into(), v, JsValue::UNDEFINED).err().unwrap_or_else(|| panic!("{bad} should be rejected"));
        assert_eq!(get(&e.into(), "message").as_string().as_deref(), Some(message), "{bad}");
    }
    // And the adapter still works afterwards.
    assert!(clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).is_ok());
    restore(&host.into());
    let checked = settings_check(js_sys::JSON::parse(r#"{"version": 1, "sites": {"x.com": {"mode": "sometimes"}}}"#).unwrap()).unwrap();
    assert_eq!(get(&checked, "ok").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn decide_rejects_corrupt_records() {
    let message = |v: Result<JsValue, JsError>| get(&v.err().expect("an error").into(), "message").as_string();
    let v = decide("div\0x", &[1, 5, 0], &[], &[], JsValue::UNDEFINED, true, false, false, &[], false, "", false);
    assert_eq!(message(v).as_deref(), Some("unreadable input: record 0 names a parent (5) that is not open"));
    let v = decide("div\0p", &[1, -1, 0, 7, 0, 0], &[], &[], JsValue::UNDEFINED, true, false, false, &[], false, "", false);
    assert_eq!(message(v).as_deref(), Some("unreadable input: record 1 has unknown kind 7"));
    let v = decide("", &[1, -1], &[], &[], JsValue::UNDEFINED, true, false, false, &[], false, "", false);
    assert_eq!(message(v).as_deref(), Some("unreadable input: records are not whole"));
}

#[wasm_bindgen_test]
fn extract_and_sanitize() {
    let host = mount(PAGE);
    let a = extract(&host.clone().into(), JsValue::UNDEFINED).unwrap();
    let text = get(&a, "text").as_string().unwrap();
    assert!(text.contains("First paragraph of the article"), "{text}");
    assert!(!text.contains("Trending now"), "{text}");
    let html = sanitize(&get(&a, "html").as_string().unwrap());
    assert!(!html.contains("<script") && !html.contains("onclick"));
    host.remove();
}

/// A document of another window (a same-origin frame's) is read with its address: `instanceof
/// Node` of this window turns it down, and the page's address used to be lost with it (the
/// article's relative links and images stayed relative).
#[wasm_bindgen_test]
fn a_frame_document_is_read_with_its_address() {
    let doc = document();
    let frame: web_sys::HtmlIFrameElement = doc.create_element("iframe").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&frame).unwrap();
    let inner = frame.content_document().unwrap();
    // document.open gives the frame's document this page's address.
    let paragraph = "The committee met on Tuesday to review the proposal, and after a long discussion its members agreed to publish the findings in full, with the data behind them. ";
    let html = format!("<!DOCTYPE html><html><head><title>Findings</title></head><body><article><h1>Findings</h1><p>{p}</p><img src=\"chart.png\" alt=\"The chart\"><p>{p}</p><p>{p}</p></article></body></html>", p = paragraph.repeat(3));
    let open: js_sys::Function = js_sys::Reflect::get(&inner, &"open".into()).unwrap().unchecked_into();
    let write: js_sys::Function = js_sys::Reflect::get(&inner, &"write".into()).unwrap().unchecked_into();
    let close: js_sys::Function = js_sys::Reflect::get(&inner, &"close".into()).unwrap().unchecked_into();
    open.call0(&inner).unwrap();
    write.call1(&inner, &html.into()).unwrap();
    close.call0(&inner).unwrap();
    let base = inner.url().unwrap();
    assert!(base.starts_with("http"), "{base}");
    let a = extract(&inner.clone().into(), JsValue::UNDEFINED).unwrap();
    let out = get(&a, "html").as_string().unwrap();
    let want = web_sys::Url::new_with_base("chart.png", &base).unwrap().href();
    assert!(out.contains(&want), "the image's address resolved against the frame's ({want}): {out}");
    frame.remove();
}

/// A form's named controls shadow its properties (`form.id` is `<input name=id>`): the gather
/// reads attributes, not properties, so such a page is still cleaned.
#[wasm_bindgen_test]
fn forms_with_clobbering_controls_are_gathered() {
    let host = mount(
        r#"<body><article><h1>Title of the story</h1><p id="p-1">A paragraph of the article, long enough to count as the body of the page, with commas, words and more words to read.</p>
        <form id="search" class="site-search"><input name="id"><input name="className"><input name="attributes"></form>
        <p id="p-2">A second paragraph of the article follows the form, again long enough to be counted as body text by the finder.</p></article>
        <div id="ad-1" class="ad-slot"><span>Advertisement</span></div></body>"#,
    );
    let report = clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("a clobbered form must not break the gather");
    let m = marked(&host);
    assert!(m.iter().any(|(i, _)| i == "ad-1"), "{m:?}");
    assert!(!m.iter().any(|(i, _)| i == "search" || i.starts_with("p-")), "{m:?}");
    assert!(get(&report, "hidden").as_f64().unwrap() >= 1.0);
    restore(&host.into());
}

#[wasm_bindgen(module = "/src/web/dom.js")]
extern "C" {
    #[wasm_bindgen(js_name = gather)]
    fn js_gather(root: &JsValue, with_layout: bool, spec: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = startGather)]
    fn js_start_gather(root: &JsValue, spec: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = startGather)]
    fn js_start_gather_bare(root: &JsValue, spec: &JsValue, bare: bool) -> JsValue;
    #[wasm_bindgen(js_name = gatherStep)]
    fn js_gather_step(g: &JsValue, deadline: f64) -> bool;
    #[wasm_bindgen(js_name = finishGather)]
    fn js_finish_gather(g: &JsValue, with_layout: bool) -> JsValue;
}

/// A gather spec as `clean` passes it (id and class everywhere, every attribute of a few tags).
fn clean_spec() -> JsValue {
    let spec = js_sys::Object::new();
    js_sys::Reflect::set(&spec, &"all".into(), &JsValue::FALSE).unwrap();
    js_sys::Reflect::set(&spec, &"tags".into(), &"a img".into()).unwrap();
    js_sys::Reflect::set(&spec, &"names".into(), &"role".into()).unwrap();
    spec.into()
}

/// A huge page is gathered in slices that stop on time: one step visits a bounded number of
/// nodes whatever an element's child count (an element with 6,000 children used to put them
/// all on the stack at once), and the slices together give exactly the one-pass model, shadow
/// root content included.
#[wasm_bindgen_test]
fn sliced_gather_is_bounded_and_equals_the_whole_gather() {
    let items: String = (0..6000).map(|i| format!("<li class=\"c{i}\">item <b>{i}</b></li>")).collect();
    let host = mount(&format!("<body><article><h1>Title</h1><p>Intro text.</p><ol id=\"long\">{items}</ol><div id=\"shadow-host\">light</div><p>End.</p></article></body>"));
    let sh = document().get_element_by_id("shadow-host").unwrap();
    let root = sh.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    root.set_inner_html("<p data-x=\"1\">Shadow content</p>");
    let spec = clean_spec();
    let whole = js_gather(&host.clone().into(), false, &spec);

    let g = js_start_gather(&host.clone().into(), &spec);
    let stack_len = || js_sys::Array::from(&get(&g, "stack")).length();
    let mut steps = 0;
    let mut widest = 0;
    // A deadline in the past: each step stops at its first check (every 128 nodes).
    while !js_gather_step(&g, 0.0) {
        steps += 1;
        widest = widest.max(stack_len());
        let from = get(&g, "n").as_f64().unwrap();
        assert!(steps < 1000, "the gather does not advance (at node {from})");
    }
    assert!(steps >= 100, "a deadline in the past stops each step early: {steps} steps");
    assert!(widest < 60, "the stack holds one entry per open level, not every child: {widest}");
    let sliced = js_finish_gather(&g, false);
    assert_eq!(get(&sliced, "strings").as_string(), get(&whole, "strings").as_string());
    let (a, b) = (js_sys::Int32Array::from(get(&sliced, "records")).to_vec(), js_sys::Int32Array::from(get(&whole, "records")).to_vec());
    assert_eq!(a, b);
    assert!(get(&whole, "strings").as_string().unwrap().contains("Shadow content"));
    host.remove();
}

/// A re-clean decided in the extension's background reads the page while the last clean's
/// markers stay on (so that nothing it hid shows meanwhile): read `bare`, the marked page gives
/// exactly the records of the page before it was marked, for the clean's spec and for
/// extraction's (every attribute of every element).
#[wasm_bindgen_test]
fn a_bare_gather_of_a_marked_page_equals_the_gather_of_the_page_unmarked() {
    let host = mount(
        r#"<body><header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
        <article><h1>Title of the story</h1><p id="p-1">A paragraph of the article, long enough to count as the body of the page, with commas, words and more words to read.</p>
        <div id="ad-1" class="ad-slot" role="complementary"><span>Advertisement</span><img src="/ad.png" alt=""></div>
        <p id="p-2">A second paragraph of the article follows, again long enough to be counted as body text by the finder, with a <a href="/more">link</a>.</p></article>
        <aside id="side" class="sidebar"><h3>Trending Articles</h3><ul><li><a href="/t/1">One trending story</a></li></ul></aside></body>"#,
    );
    let all = js_sys::Object::new();
    js_sys::Reflect::set(&all, &"all".into(), &JsValue::TRUE).unwrap();
    let specs = [clean_spec(), all.into()];
    let before: Vec<JsValue> = specs.iter().map(|s| js_gather(&host.clone().into(), false, s)).collect();
    clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    host.query_selector("a[href='/more']").unwrap().unwrap().set_attribute("data-declutter-keep", "").unwrap();
    let m = marked(&host);
    assert!(m.iter().any(|(i, _)| i == "ad-1") && m.iter().any(|(i, _)| i == "side"), "{m:?}");
    for (spec, want) in specs.iter().zip(&before) {
        let g = js_start_gather_bare(&host.clone().into(), spec, true);
        assert!(js_gather_step(&g, f64::INFINITY));
        let got = js_finish_gather(&g, false);
        assert_eq!(get(&got, "strings").as_string(), get(want, "strings").as_string());
        let (a, b) = (js_sys::Int32Array::from(get(&got, "records")).to_vec(), js_sys::Int32Array::from(get(want, "records")).to_vec());
        assert_eq!(a, b);
        // Not bare, the markers are read (extraction's spec reads every attribute).
        let plain = js_gather(&host.clone().into(), false, spec);
        if js_sys::Reflect::get(spec, &"all".into()).unwrap().is_truthy() {
            assert!(get(&plain, "strings").as_string().unwrap().contains("data-declutter"));
        }
    }
    restore(&host.clone().into());
    host.remove();
}

/// Between two slices of a gather the page runs: it may remove the node that waits on the
/// stack for the next step, move it elsewhere, or remove it and the sibling being visited. The
/// walk goes on with the siblings that follow, reads none twice, and a moved node is read where
/// it now sits (the old walk lost the rest of the list, or read the moved node's new siblings
/// under the old parent).
#[wasm_bindgen_test]
fn sliced_gather_goes_on_when_the_page_removes_or_moves_a_waiting_node() {
    for case in ["remove", "move", "remove-two"] {
        let items: String = (0..600).map(|i| format!("<li class=\"c{i}\">item <b>{i}</b></li>")).collect();
        let host = mount(&format!("<body><article><h1>Title</h1><ol id=\"long\">{items}</ol><p>End.</p><div id=\"tail\"></div></article></body>"));
        let ol = document().get_element_by_id("long").unwrap();
        let spec = clean_spec();
        let g = js_start_gather(&host.clone().into(), &spec);
        let mut gone: Vec<String> = Vec::new();
        let mut steps = 0;
        while !js_gather_step(&g, 0.0) {
            steps += 1;
            assert!(steps < 1000, "the gather does not advance");
            if steps != 5 {
                continue;
            }
            // The list item that waits on the stack (the next one the walk reads in the list).
            let stack = js_sys::Array::from(&get(&g, "stack"));
            let li = (0..stack.length())
                .step_by(3)
                .filter_map(|k| stack.get(k).dyn_into::<web_sys::Element>().ok())
                .find(|e| e.parent_node().is_some_and(|p| ol.is_same_node(Some(&p))))
                .expect("a list item waits on the stack");
            match case {
                "remove" => {
                    gone.push(li.class_name());
                    li.remove();
                }
                "move" => {
                    document().get_element_by_id("tail").unwrap().append_child(&li).unwrap();
                }
                _ => {
                    // The item before it is being read (its start is in the model): it stays there.
                    li.previous_element_sibling().unwrap().remove();
                    gone.push(li.class_name());
                    li.remove();
                }
            }
        }
        assert_eq!(get(&g, "relinked").as_f64(), Some(1.0), "{case}");
        let sliced = js_finish_gather(&g, false);
        let strings = get(&sliced, "strings").as_string().unwrap();
        if case == "remove-two" {
            for i in 0..600 {
                let c = format!("c{i}");
                let want = usize::from(!gone.contains(&c));
                assert_eq!(strings.matches(&format!("\0{c}\0")).count(), want, "{c} ({case})");
            }
        } else {
            // Exactly the one-pass model of the page as it is now.
            let whole = js_gather(&host.clone().into(), false, &spec);
            assert_eq!(Some(strings), get(&whole, "strings").as_string(), "{case}");
            let (a, b) = (js_sys::Int32Array::from(get(&sliced, "records")).to_vec(), js_sys::Int32Array::from(get(&whole, "records")).to_vec());
            assert_eq!(a, b, "{case}");
        }
        host.remove();
    }
}

/// Extraction on the live page reads its JSON-LD, as the native parse does: the byline and the
/// date come from there when the markup has none.
#[wasm_bindgen_test]
fn extract_reads_json_ld_on_the_live_page() {
    let para = "A paragraph of the story, long enough to count as the article body, with commas, clauses and words that go on, and on, for a while longer still. ";
    let host = mount(&format!(
        r#"<body><script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour Bridge Reopens","author":{{"@type":"Person","name":"Ada Quill"}},"datePublished":"2026-03-04T05:06:07Z"}}</script>
        <article><h1>Harbour Bridge Reopens</h1><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></article></body>"#
    ));
    let a = extract(&host.clone().into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&a, "byline").as_string().as_deref(), Some("Ada Quill"), "{:?}", get(&a, "byline"));
    assert!(get(&a, "published").as_string().is_some_and(|p| p.starts_with("2026-03-04")), "{:?}", get(&a, "published"));
    assert!(!get(&a, "text").as_string().unwrap().contains("schema.org"), "the JSON is metadata, not article text");
    host.remove();
}

/// The decisions that tell the page's own links from others' read the live document's address,
/// as the native side reads `--url`: an in-article "Read also:" line linking to another page of
/// the same site by its full address goes, in `clean` and in the fallback's `decide` given the
/// address; a line linking to another site stays. (Without the address only a relative link
/// counted as the site's own: the live page kept what the CLI hid.)
#[wasm_bindgen_test]
fn clean_and_decide_read_the_page_address() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let para = "<p>A paragraph of the story, long enough to count as the article body, with commas, clauses and words that go on, and on, for a while longer still, and then some more.</p>";
    let html = format!(
        "<body><article><h1>The harbour</h1>{para}{para}<p id=\"own\">Read also: <a href=\"{origin}/2024/05/the-old-lighthouse\">The old lighthouse gets a new keeper</a></p>{para}\
         <p id=\"other\">Read also: <a href=\"https://elsewhere.example/2024/05/boats\">The boats of another harbour</a></p>{para}{para}</article></body>"
    );
    let host = mount(&html);
    clean(&host.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let m = marked(&host);
    assert!(m.iter().any(|(id, _)| id == "own"), "the line linking within the site stays: {m:?}");
    assert!(!m.iter().any(|(id, _)| id == "other"), "the line linking to another site went: {m:?}");
    restore(&host.clone().into());

    let g = js_gather(&host.clone().into(), false, &clean_spec());
    let (strings, records) = (get(&g, "strings").as_string().unwrap(), js_sys::Int32Array::from(get(&g, "records")).to_vec());
    let nodes = js_sys::Array::from(&get(&g, "nodes"));
    let own = (0..nodes.length()).find(|&i| nodes.get(i).dyn_into::<web_sys::Element>().is_ok_and(|e| e.id() == "own")).unwrap();
    let hides_own = |url: &str| {
        let r = decide(&strings, &records, &[], &[], JsValue::UNDEFINED, true, false, false, &[], false, url, false).unwrap();
        js_sys::Uint32Array::from(get(&r, "ids")).to_vec().contains(&own)
    };
    assert!(hides_own(&format!("{origin}/2024/05/the-harbour")), "decide given the address keeps the line");
    assert!(!hides_own(""), "decide without an address takes a full link for another site's");
    host.remove();
}
