//! The reader-mode quality gate on real pages (see `$DECLUTTER_CORPUS/README.md`).
//!
//! 1. Mozilla Readability's test pages: our article text against Readability's expected article,
//!    with the article-extraction-benchmark's shingle metric, and the metadata field by field.
//! 2. trafilatura's evaluation set: share of `with` snippets (main text) kept and of `without`
//!    snippets (boilerplate) leaked.
//!
//! Run it with `cargo test --release --test reader_corpus -- --nocapture` to see the tables.
//! The corpus is read from `$DECLUTTER_CORPUS`, else `<repo>/../shared/corpus`.

use declutter::{native, Options};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// Pinned minimums; lowering one needs an explicit, explained commit. They only rise.
#[path = "common/reader_metrics.rs"]
mod reader_metrics;
#[path = "common/mod.rs"]
mod common;
use common::{article_media, is_media, media_names};
use reader_metrics::{decode_page, precision_recall};

/// The targets of the gate: F1 against Readability's articles and the title rate (asserted).
const TARGET_F1: f64 = 0.99;
const TARGET_TITLE: f64 = 0.95;
/// What the extractor reaches today (pinned so that no change makes it worse). F1 is below
/// 1.0 where we drop boilerplate Readability keeps, and where we keep article text Readability
/// drops (tests/reader_known_differences.txt). The F1 pin moved down once, 0.991 -> 0.9909:
/// the steps of a recipe or a how-to with their pictures stay (tests/fixtures/reader/
/// steps.html), and with them wikipedia-3's bulleted list of formulas, which Readability's
/// expected article lacks.
const MIN_F1: f64 = 0.9909;
const MIN_PRECISION: f64 = 0.993;
const MIN_RECALL: f64 = 0.988;
const MIN_TITLE: f64 = 1.0;
const MIN_BYLINE: f64 = 1.0;
const MIN_LANG: f64 = 1.0;
const MIN_DIR: f64 = 1.0;
const MIN_EXCERPT: f64 = 1.0;
const MIN_SITE_NAME: f64 = 1.0;
const MIN_PUBLISHED: f64 = 1.0;
/// Of the pictures and embeds in Readability's expected articles (727, by file name, or by the
/// last two segments of an address without one, such as a video embed's), how many the view
/// shows: all but five (an author box's portrait on iab-1, which the reader leaves out with the
/// box; ehow-2's byline avatar; the commenters' avatars of firefox-nightly-blog, whose comments
/// the reader leaves out; qq's picture in a block named for its share button).
const MIN_MEDIA_KEPT: usize = 722;
/// 129 of 130: qq (Readability counts text our model does not see as paragraph text).
const MIN_READERABLE: f64 = 0.99;
/// Pages whose F1 is below 0.9: at most this many (both are known differences).
const MAX_PAGES_BELOW_090: usize = 2;
/// trafilatura: the targets (share of `with` snippets kept >= 0.95, of `without` leaked <=
/// 0.08) are both reached; the test prints them, and asserts the pinned levels reached
/// (2817/2951 kept, 232/2966 leaked). Known differences we keep on purpose: about 26 leaked
/// `without` snippets are figure captions (the reader keeps captions; one more since related
/// cards with excerpts inside the article go, which gave jagdleben's reader view its whole
/// article, three more `with` snippets, and an image caption with it), a few `with` snippets are
/// reader comments (the reader leaves comments out), 8 are the page title (shown as the title,
/// not in the text), and 6 carry soft hyphens the reader's text drops. `cargo run --release
/// --example reader_diag -- traf` lists every miss and leak with where it sits.
const TARGET_WITH: f64 = 0.95;
const TARGET_WITHOUT: f64 = 0.08;
const MIN_WITH: f64 = 0.9545;
const MAX_WITHOUT: f64 = 0.0783;

const READABILITY_URL: &str = "http://fakehost/test/page.html";

fn corpus() -> PathBuf {
    let dir = match std::env::var_os("DECLUTTER_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    assert!(
        dir.join("readability").is_dir() && dir.join("trafilatura-eval").is_dir(),
        "the corpus is missing at {} (set DECLUTTER_CORPUS)",
        dir.display()
    );
    dir
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Text as it reads: white space runs as one space, and soft hyphens (U+00AD, invisible
/// hyphenation hints) left out. The extracted text drops them on purpose; trafilatura's
/// snippets keep them, so "Über\u{ad}le\u{ad}bens" would never equal the "Überlebens" a reader sees.
fn norm(s: &str) -> String {
    let s = if s.contains('\u{ad}') { s.replace('\u{ad}', "") } else { s.to_string() };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_opt(v: Option<&str>) -> Option<String> {
    v.map(norm).filter(|s| !s.is_empty())
}

fn json_str(v: &serde_json::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(norm).filter(|s| !s.is_empty())
}

/// Known differences where we are better than Readability, as `page field reason` lines.
fn known_differences() -> Vec<(String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reader_known_differences.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.splitn(3, char::is_whitespace);
            Some((it.next()?.to_string(), it.next()?.to_string(), it.next().unwrap_or("").trim().to_string()))
        })
        .collect()
}

struct Rate {
    name: &'static str,
    ok: usize,
    total: usize,
    failed: Vec<String>,
}

impl Rate {
    fn new(name: &'static str) -> Rate {
        Rate { name, ok: 0, total: 0, failed: Vec::new() }
    }
    fn add(&mut self, page: &str, ok: bool, detail: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.ok += 1;
        } else {
            self.failed.push(format!("{page}: {}", detail()));
        }
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.ok as f64 / self.total as f64
        }
    }
}

/// Metadata where we are right and Readability is not: (page, field, our value, why). Such a
/// page counts as agreeing only while we give exactly the documented value.
const BETTER_METADATA: &[(&str, &str, &str, &str)] = &[(
    "liberation-1",
    "byline",
    "AFP",
    "the article's author block (itemprop=author) names AFP; Readability takes the byline of a \
     teaser in the 'Sur le même sujet' box, which clean hides as related content",
)];

fn field_rate(rate: &mut Rate, page: &str, ours: Option<String>, expected: Option<String>) {
    let documented = BETTER_METADATA.iter().find(|(p, f, _, _)| *p == page && *f == rate.name).map(|(_, _, v, _)| *v);
    let ok = match documented {
        Some(v) => ours.as_deref() == Some(v),
        None => ours == expected,
    };
    rate.add(page, ok, || format!("ours {ours:?}, expected {expected:?}"));
}

#[test]
fn readability_pages() {
    let root = corpus().join("readability");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.join("source.html").is_file()).collect();
    pages.sort();
    assert!(pages.len() >= 130, "expected Readability's 130 pages, found {}", pages.len());
    let known = known_differences();
    let t0 = std::time::Instant::now();
    let (mut sp, mut sr) = (0.0, 0.0);
    let mut per_page = Vec::new();
    let mut title = Rate::new("title");
    let mut byline = Rate::new("byline");
    let mut lang = Rate::new("lang");
    let mut dir = Rate::new("dir");
    let mut excerpt = Rate::new("excerpt");
    let mut site = Rate::new("siteName");
    let mut published = Rate::new("publishedTime");
    let mut readerable = Rate::new("readerable");
    let (mut media_total, mut media_kept, mut media_lost) = (0usize, 0usize, Vec::new());
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read(page.join("source.html")).unwrap();
        let source = native::decode(&source).unwrap();
        let doc = native::parse_for_reading(&source, Some(READABILITY_URL));
        let a = declutter::extract(&doc, &Options::default());
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let edoc = native::parse(&expected_html, None);
        let expected_text = declutter::text::block_text(&edoc, edoc.body(), &|_| false);
        let (p, r) = precision_recall(&expected_text, &a.text);
        let view = native::parse(&a.html, None);
        let shown: Vec<String> = view.elements().filter(|&e| is_media(&view, e) || view.name(e) == "source").flat_map(|e| media_names(&view, e)).collect();
        for m in article_media(&edoc) {
            media_total += 1;
            if shown.contains(&m) {
                media_kept += 1;
            } else {
                media_lost.push(format!("{name}: {m}"));
            }
        }
        sp += p;
        sr += r;
        per_page.push((name.clone(), p, r));
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(page.join("expected-metadata.json")).unwrap()).unwrap();
        field_rate(&mut title, &name, norm_opt(Some(&a.title)), json_str(&meta, "title"));
        field_rate(&mut byline, &name, norm_opt(a.byline.as_deref()), json_str(&meta, "byline"));
        field_rate(&mut lang, &name, norm_opt(a.lang.as_deref()), json_str(&meta, "lang"));
        field_rate(&mut dir, &name, norm_opt(a.dir.as_deref()), json_str(&meta, "dir"));
        field_rate(&mut excerpt, &name, norm_opt(a.excerpt.as_deref()), json_str(&meta, "excerpt"));
        field_rate(&mut site, &name, norm_opt(a.site_name.as_deref()), json_str(&meta, "siteName"));
        field_rate(&mut published, &name, norm_opt(a.published.as_deref()), json_str(&meta, "publishedTime"));
        let want = meta.get("readerable").and_then(|v| v.as_bool()).unwrap_or(false);
        readerable.add(&name, a.readerable == want, || format!("ours {}, expected {want}", a.readerable));
    }
    let n = pages.len() as f64;
    let (p, r) = (sp / n, sr / n);
    let f = f1(p, r);
    per_page.sort_by(|a, b| f1(a.1, a.2).total_cmp(&f1(b.1, b.2)));
    let reason = |page: &str| known.iter().find(|k| k.0 == page && k.1 == "text").map(|k| format!("  [known: {}]", k.2)).unwrap_or_default();
    let below: Vec<String> = per_page.iter().filter(|x| f1(x.1, x.2) < 0.9).map(|x| format!("{} (P {:.3} R {:.3}){}", x.0, x.1, x.2, reason(&x.0))).collect();

    let mut out = String::new();
    let _ = writeln!(out, "\nReadability corpus: {} pages in {:.1} s", pages.len(), t0.elapsed().as_secs_f64());
    let _ = writeln!(out, "| metric | value | pinned minimum | target |");
    let _ = writeln!(out, "|---|---|---|---|");
    let _ = writeln!(out, "| F1 | {f:.4} | {MIN_F1:.4} | {TARGET_F1:.2} |");
    let _ = writeln!(out, "| precision | {p:.4} | {MIN_PRECISION:.4} | |");
    let _ = writeln!(out, "| recall | {r:.4} | {MIN_RECALL:.4} | |");
    let rates: [(&Rate, f64, Option<f64>); 8] = [
        (&title, MIN_TITLE, Some(TARGET_TITLE)),
        (&byline, MIN_BYLINE, None),
        (&lang, MIN_LANG, None),
        (&dir, MIN_DIR, None),
        (&excerpt, MIN_EXCERPT, None),
        (&site, MIN_SITE_NAME, None),
        (&published, MIN_PUBLISHED, None),
        (&readerable, MIN_READERABLE, None),
    ];
    for (rate, min, target) in &rates {
        let _ = writeln!(
            out,
            "| {} | {:.4} ({}/{}) | {min:.4} | {} |",
            rate.name,
            rate.rate(),
            rate.ok,
            rate.total,
            target.map(|t| format!("{t:.2}")).unwrap_or_default()
        );
    }
    let _ = writeln!(out, "| pictures and embeds | {:.4} ({media_kept}/{media_total}) | {MIN_MEDIA_KEPT} | |", media_kept as f64 / media_total.max(1) as f64);
    for l in &media_lost {
        let _ = writeln!(out, "  picture or embed left out: {l}");
    }
    let worst: Vec<String> = per_page.iter().take(12).map(|x| format!("{} {:.3}", x.0, f1(x.1, x.2))).collect();
    let _ = writeln!(out, "lowest F1: {}", worst.join(", "));
    let _ = writeln!(out, "pages with F1 < 0.9: {} (at most {MAX_PAGES_BELOW_090})", below.len());
    for b in &below {
        let _ = writeln!(out, "  {b}");
    }
    for (rate, _, _) in &rates {
        for f in &rate.failed {
            let k = known.iter().find(|k| f.starts_with(&format!("{}:", k.0)) && k.1 == rate.name);
            let _ = writeln!(out, "  {} differs: {f}{}", rate.name, k.map(|k| format!("  [known: {}]", k.2)).unwrap_or_default());
        }
    }
    println!("{out}");

    let mut problems = Vec::new();
    if f < TARGET_F1 || title.rate() < TARGET_TITLE {
        problems.push(format!("targets missed: F1 {f:.4} (>= {TARGET_F1}), title {:.4} (>= {TARGET_TITLE})", title.rate()));
    }
    if f < MIN_F1 || p < MIN_PRECISION || r < MIN_RECALL {
        problems.push(format!("F1 {f:.4} P {p:.4} R {r:.4} under the pinned minimums; worst pages: {}", below.iter().take(10).cloned().collect::<Vec<_>>().join(", ")));
    }
    if below.len() > MAX_PAGES_BELOW_090 {
        problems.push(format!("{} pages under F1 0.9 (at most {MAX_PAGES_BELOW_090}): {}", below.len(), below.join(", ")));
    }
    if media_kept < MIN_MEDIA_KEPT {
        problems.push(format!("{media_kept} of {media_total} pictures and embeds of the expected articles shown (at least {MIN_MEDIA_KEPT}): left out {}", media_lost.join(", ")));
    }
    for (rate, min, _) in &rates {
        if rate.rate() < *min {
            problems.push(format!("{} rate {:.4} under {min:.4}; pages: {}", rate.name, rate.rate(), rate.failed.join("; ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where a snippet sits in the page: the ancestors of the first text node that starts it.
fn context(doc: &declutter::dom::Document, snippet: &str) -> String {
    let key: String = snippet.chars().take(12).collect();
    for i in 0..doc.len() as u32 {
        if doc.kind(i) == declutter::dom::Kind::Text && norm(doc.data(i)).contains(&key) {
            let mut chain = Vec::new();
            for a in doc.ancestors(i) {
                if !doc.is_element(a) || doc.name(a) == "body" {
                    break;
                }
                chain.push(reader_metrics::describe(doc, a));
            }
            chain.truncate(8);
            return format!("<< {}", chain.join(" < "));
        }
    }
    String::new()
}

#[test]
fn trafilatura_pages() {
    let root = corpus().join("trafilatura-eval");
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("evaldata.json")).unwrap()).unwrap();
    let data = data.as_object().unwrap();
    let t0 = std::time::Instant::now();
    let (mut with_ok, mut with_n, mut without_bad, mut without_n) = (0usize, 0usize, 0usize, 0usize);
    let mut missed = Vec::new();
    let mut leaked = Vec::new();
    let mut entries: Vec<_> = data.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (url, item) in &entries {
        let file = item["file"].as_str().unwrap();
        let path = [root.join("eval").join(file), root.join("cache").join(file)].into_iter().find(|p| p.is_file());
        let Some(path) = path else { panic!("{file} is in neither eval/ nor cache/") };
        let html = decode_page(&std::fs::read(&path).unwrap());
        let doc = native::parse_for_reading(&html, Some(url));
        let a = declutter::extract(&doc, &Options::default());
        let text = norm(&a.text);
        let verbose = std::env::var_os("READER_CORPUS_VERBOSE").is_some();
        let full = if verbose { norm(&declutter::text::block_text(&doc, doc.body(), &|_| false)) } else { String::new() };
        let all = item["with"].as_array().unwrap().iter().all(|s| !text.contains(&norm(s.as_str().unwrap())));
        for s in item["with"].as_array().unwrap() {
            let s = norm(s.as_str().unwrap());
            with_n += 1;
            if text.contains(&s) {
                with_ok += 1;
            } else {
                let why = if norm(&a.title).contains(&s) {
                    "title"
                } else if !full.contains(&s) {
                    "not-in-page"
                } else if all {
                    "all-missed"
                } else {
                    "partial"
                };
                let ctx = if verbose { context(&doc, &s) } else { String::new() };
                missed.push(format!("{file}: [{why} {}w] {s:?} {ctx}", a.word_count));
            }
        }
        for s in item["without"].as_array().unwrap() {
            let s = norm(s.as_str().unwrap());
            without_n += 1;
            if text.contains(&s) {
                without_bad += 1;
                let ctx = if verbose { context(&doc, &s) } else { String::new() };
                leaked.push(format!("{file}: {s:?} {ctx}"));
            }
        }
    }
    let with = with_ok as f64 / with_n.max(1) as f64;
    let without = without_bad as f64 / without_n.max(1) as f64;
    let mut out = String::new();
    let _ = writeln!(out, "\ntrafilatura corpus: {} pages in {:.1} s", entries.len(), t0.elapsed().as_secs_f64());
    let _ = writeln!(out, "| metric | value | pinned | target | Readability.js | trafilatura |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let _ = writeln!(out, "| with kept | {with:.4} ({with_ok}/{with_n}) | >= {MIN_WITH:.4} | >= {TARGET_WITH:.2} | 0.919 | 0.947 |");
    let _ = writeln!(out, "| without leaked | {without:.4} ({without_bad}/{without_n}) | <= {MAX_WITHOUT:.4} | <= {TARGET_WITHOUT:.2} | 0.148 | 0.097 |");
    let met = |ok: bool| if ok { "met" } else { "NOT met" };
    let _ = writeln!(out, "targets: with >= {TARGET_WITH} {}, without <= {TARGET_WITHOUT} {}", met(with >= TARGET_WITH), met(without <= TARGET_WITHOUT));
    if std::env::var_os("READER_CORPUS_VERBOSE").is_some() {
        for m in &missed {
            let _ = writeln!(out, "  missed {m}");
        }
        for l in &leaked {
            let _ = writeln!(out, "  leaked {l}");
        }
    }
    println!("{out}");
    assert!(with >= MIN_WITH, "with kept {with:.4} under the pinned {MIN_WITH:.4}; missed: {}", missed.join("\n"));
    assert!(without <= MAX_WITHOUT, "without leaked {without:.4} over the pinned {MAX_WITHOUT:.4}; leaked: {}", leaked.join("\n"));
}
