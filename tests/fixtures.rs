//! The fixture suite for clutter detection: realistic pages in `tests/fixtures/clean/`, each
//! with the text that must stay visible (`keep`) and the clutter that must be hidden (`drop`)
//! listed in `manifest.json`.
//!
//! - A keep miss (article text hidden) is the worst bug the detector can have: it always fails
//!   and can never be allowlisted.
//! - A drop miss (clutter still visible) fails unless it is listed in `known-misses.json`; a
//!   listed miss that starts passing fails too ("remove it from known-misses.json"), so the list
//!   only shrinks.
//! - `cookies` snippets are cookie notices, a category that is off by default: they are checked
//!   with every category switched on (where the keep list must still hold in full).
//!
//! Environment:
//! - `DECLUTTER_FIXTURE=substring`: run only the fixtures whose file name contains it.
//! - `DECLUTTER_FIXTURES_PRUNE=1`: rewrite known-misses.json without the entries that now pass
//!   (it never adds any).
//!
//! The table is printed on failure, or always with `cargo test --release --test fixtures --
//! --nocapture`. The manifest is plain JSON so the same pages and lists can drive a browser run.

use declutter::clutter::CategorySet;
use declutter::{native, output, Options};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The page's address, unless its entry names one (`"url"`: the rules that read the address,
/// such as a discussion's page keeping its comments, are checked at the site's own).
const URL: &str = "https://example.com/article";
/// The suite must not silently shrink.
const MIN_FIXTURES: usize = 24;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean")
}

/// Collapses every run of whitespace (newlines between blocks included) into one space.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Fixture {
    file: String,
    keep: Vec<String>,
    drop: Vec<String>,
    cookies: Vec<String>,
    url: Option<String>,
}

fn strings(entry: &Value, file: &str, key: &str, required: bool, errors: &mut Vec<String>) -> Vec<String> {
    match entry.get(key) {
        None if !required => Vec::new(),
        None => {
            errors.push(format!("{file}: manifest entry has no \"{key}\" list"));
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v.as_str() {
                Some(s) if !normalize(s).is_empty() => Some(normalize(s)),
                _ => {
                    errors.push(format!("{file}: \"{key}\" holds {v}, not a non-empty string"));
                    None
                }
            })
            .collect(),
        Some(other) => {
            errors.push(format!("{file}: \"{key}\" is {other}, not a list of strings"));
            Vec::new()
        }
    }
}

fn load_manifest(errors: &mut Vec<String>) -> Vec<Fixture> {
    let path = dir().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", path.display()));
    let obj = v.as_object().unwrap_or_else(|| panic!("{}: expected an object keyed by file name", path.display()));
    let mut out = Vec::new();
    for (file, entry) in obj {
        if entry.get("source").and_then(Value::as_str).unwrap_or("").trim().is_empty() {
            errors.push(format!("{file}: manifest entry has no \"source\" (what real site or theme it imitates)"));
        }
        let keep = strings(entry, file, "keep", true, errors);
        let drop = strings(entry, file, "drop", true, errors);
        let cookies = strings(entry, file, "cookies", false, errors);
        if keep.is_empty() {
            errors.push(format!("{file}: \"keep\" is empty: every fixture guards some article text"));
        }
        let url = entry.get("url").and_then(Value::as_str).map(str::to_owned);
        out.push(Fixture { file: file.clone(), keep, drop, cookies, url });
    }
    out
}

/// known-misses.json: `{ "<file>": ["<drop or cookies snippet>", ...] }`.
fn load_known() -> BTreeMap<String, BTreeSet<String>> {
    let path = dir().join("known-misses.json");
    let Ok(text) = std::fs::read_to_string(&path) else { return BTreeMap::new() };
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", path.display()));
    let obj = v.as_object().unwrap_or_else(|| panic!("{}: expected an object keyed by file name", path.display()));
    obj.iter()
        .map(|(file, list)| {
            let set = list
                .as_array()
                .unwrap_or_else(|| panic!("{}: {file}: expected a list of snippets", path.display()))
                .iter()
                .map(|s| normalize(s.as_str().unwrap_or_else(|| panic!("{}: {file}: {s} is not a string", path.display()))))
                .collect();
            (file.clone(), set)
        })
        .collect()
}

fn write_known(known: &BTreeMap<String, BTreeSet<String>>) {
    let map: serde_json::Map<String, Value> = known
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.clone(), Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())))
        .collect();
    let text = serde_json::to_string_pretty(&Value::Object(map)).unwrap() + "\n";
    std::fs::write(dir().join("known-misses.json"), text).expect("write known-misses.json");
}

/// The text a reader sees on the page after a clean with `opts`, whitespace-normalized.
fn visible(doc: &declutter::dom::Document, opts: &Options) -> String {
    normalize(&output::visible_text(doc, &declutter::clean(doc, opts)))
}

#[derive(Default)]
struct Row {
    keep_total: usize,
    keep_missed: usize,
    drop_total: usize,
    drop_missed: usize,
    drop_known: usize,
}

#[test]
fn clean_fixtures() {
    let filter = std::env::var("DECLUTTER_FIXTURE").ok().filter(|s| !s.is_empty());
    let prune = std::env::var("DECLUTTER_FIXTURES_PRUNE").is_ok_and(|v| v == "1");
    let mut manifest_errors = Vec::new();
    let fixtures = load_manifest(&mut manifest_errors);
    let mut known = load_known();

    // The manifest and the directory agree, and the known misses name real drop snippets.
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir())
        .expect("read the fixture directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".html"))
        .collect();
    let listed: BTreeSet<String> = fixtures.iter().map(|f| f.file.clone()).collect();
    for f in on_disk.difference(&listed) {
        manifest_errors.push(format!("{f}: page has no entry in manifest.json"));
    }
    for f in listed.difference(&on_disk) {
        manifest_errors.push(format!("{f}: in manifest.json but there is no such page"));
    }
    if filter.is_none() && listed.len() < MIN_FIXTURES {
        manifest_errors.push(format!("only {} fixtures; the suite keeps at least {MIN_FIXTURES}", listed.len()));
    }
    for (file, snippets) in &known {
        let Some(fx) = fixtures.iter().find(|f| &f.file == file) else {
            manifest_errors.push(format!("known-misses.json names {file:?}, which is not in the manifest"));
            continue;
        };
        for s in snippets {
            if fx.keep.contains(s) {
                manifest_errors.push(format!("known-misses.json: {file}: {s:?} is a keep snippet; keep misses are never allowlisted"));
            } else if !fx.drop.contains(s) && !fx.cookies.contains(s) {
                manifest_errors.push(format!("known-misses.json: {file}: {s:?} is not one of its drop or cookies snippets"));
            }
        }
    }

    let default_opts = Options::default();
    let all_opts = Options::new(CategorySet::all(), &[], &[]).unwrap();

    let mut rows: Vec<(String, Row)> = Vec::new();
    let mut keep_failures = Vec::new();
    let mut new_drop_misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut fixed: Vec<(String, String)> = Vec::new();

    for fx in &fixtures {
        if filter.as_ref().is_some_and(|f| !fx.file.contains(f.as_str())) || !on_disk.contains(&fx.file) {
            continue;
        }
        let html = std::fs::read_to_string(dir().join(&fx.file)).unwrap_or_else(|e| panic!("{}: {e}", fx.file));
        let doc = native::parse(&html, Some(fx.url.as_deref().unwrap_or(URL)));

        // Every snippet must be visible on the uncleaned page: a typo would make a drop check
        // pass vacuously and a keep check fail for nothing.
        let raw = normalize(&declutter::text::block_text(&doc, doc.body(), &|_| false));
        let mut seen = BTreeSet::new();
        for (kind, list) in [("keep", &fx.keep), ("drop", &fx.drop), ("cookies", &fx.cookies)] {
            for s in list.iter() {
                if !raw.contains(s.as_str()) {
                    manifest_errors.push(format!("{}: {kind} snippet {s:?} is not in the page's visible text", fx.file));
                }
                if !seen.insert(s.clone()) {
                    manifest_errors.push(format!("{}: snippet {s:?} is listed twice", fx.file));
                }
            }
        }
        for d in fx.drop.iter().chain(&fx.cookies) {
            if let Some(k) = fx.keep.iter().find(|k| k.contains(d.as_str())) {
                manifest_errors.push(format!("{}: drop snippet {d:?} is part of keep snippet {k:?}", fx.file));
            }
        }

        let text = visible(&doc, &default_opts);
        let text_all = visible(&doc, &all_opts);
        let mut row = Row { keep_total: fx.keep.len(), drop_total: fx.drop.len() + fx.cookies.len(), ..Row::default() };

        for k in &fx.keep {
            let mut how = Vec::new();
            if !text.contains(k.as_str()) {
                how.push("default settings");
            }
            if !text_all.contains(k.as_str()) {
                how.push("every category on");
            }
            if !how.is_empty() {
                row.keep_missed += 1;
                keep_failures.push(format!("{}: article text hidden ({}): {k:?}", fx.file, how.join(", ")));
            }
        }

        let file_known = known.get(&fx.file).cloned().unwrap_or_default();
        let checks = fx.drop.iter().map(|d| (d, &text)).chain(fx.cookies.iter().map(|d| (d, &text_all)));
        for (d, page) in checks {
            let missed = page.contains(d.as_str());
            let is_known = file_known.contains(d);
            if missed {
                row.drop_missed += 1;
                if is_known {
                    row.drop_known += 1;
                } else {
                    new_drop_misses.entry(fx.file.clone()).or_default().push(d.clone());
                }
            } else if is_known {
                fixed.push((fx.file.clone(), d.clone()));
            }
        }
        rows.push((fx.file.clone(), row));
    }

    if prune && !fixed.is_empty() {
        for (file, s) in &fixed {
            if let Some(set) = known.get_mut(file) {
                set.remove(s);
            }
        }
        write_known(&known);
        eprintln!("known-misses.json: removed {} entries that now pass", fixed.len());
        fixed.clear();
    }

    // The table.
    let mut report = String::new();
    let width = rows.iter().map(|(f, _)| f.len()).max().unwrap_or(7).max(7);
    let _ = writeln!(report, "\n{:<width$}  {:>11}  {:>11}  {:>6}", "fixture", "keep missed", "drop missed", "known");
    let (mut kt, mut km, mut dt, mut dm, mut dk) = (0, 0, 0, 0, 0);
    for (file, r) in &rows {
        let flag = if r.keep_missed > 0 { "  <- ARTICLE TEXT HIDDEN" } else if r.drop_missed > r.drop_known { "  <- new drop miss" } else { "" };
        let _ = writeln!(
            report,
            "{file:<width$}  {:>5} / {:<3}  {:>5} / {:<3}  {:>6}{flag}",
            r.keep_missed, r.keep_total, r.drop_missed, r.drop_total, r.drop_known
        );
        kt += r.keep_total;
        km += r.keep_missed;
        dt += r.drop_total;
        dm += r.drop_missed;
        dk += r.drop_known;
    }
    let _ = writeln!(report, "{:<width$}  {km:>5} / {kt:<3}  {dm:>5} / {dt:<3}  {dk:>6}", "total");
    let _ = writeln!(report, "{} fixtures: {km} keep misses, {dm} drop misses ({dk} known)", rows.len());
    println!("{report}");

    // The verdict.
    let mut failures = Vec::new();
    for e in &manifest_errors {
        failures.push(format!("manifest: {e}"));
    }
    failures.extend(keep_failures.iter().map(|k| format!("KEEP MISS {k}")));
    for (file, list) in &new_drop_misses {
        for d in list {
            failures.push(format!("drop miss {file}: clutter still visible: {d:?}"));
        }
    }
    for (file, d) in &fixed {
        failures.push(format!("{file}: {d:?} is now hidden: remove it from known-misses.json (or run with DECLUTTER_FIXTURES_PRUNE=1)"));
    }
    if !new_drop_misses.is_empty() {
        let json = serde_json::to_string_pretty(&new_drop_misses).unwrap();
        failures.push(format!(
            "new drop misses, as JSON for known-misses.json if they are accepted for now (keep misses never are):\n{json}"
        ));
    }
    if !failures.is_empty() {
        panic!("{report}\n{} problem(s):\n{}", failures.len(), failures.join("\n"));
    }
}
