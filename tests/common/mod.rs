//! Shared by the corpus tests: where the corpus is, how pages are read, the shingle metric.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// `$DECLUTTER_CORPUS`, else `../shared/corpus` next to the repository. A missing corpus is a
/// failure with instructions, never a silent skip.
pub fn corpus() -> PathBuf {
    let p = match std::env::var_os("DECLUTTER_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    assert!(p.join("readability").is_dir() && p.join("trafilatura-eval").is_dir(), "corpus not found at {} (set DECLUTTER_CORPUS)", p.display());
    p
}

/// Reads an HTML file, decoding legacy charsets as the CLI does.
pub fn read_html(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    declutter::native::decode(&bytes).map(|s| s.into_owned()).unwrap_or_default()
}

/// `\w+` runs (Unicode letters, digits, underscore), lower-cased.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Multiset of 4-token shingles.
pub fn shingles(text: &str) -> HashMap<String, u32> {
    let t = tokens(text);
    let mut m = HashMap::new();
    if t.len() < 4 {
        if !t.is_empty() {
            *m.entry(t.join(" ")).or_default() += 1;
        }
        return m;
    }
    for w in t.windows(4) {
        *m.entry(w.join(" ")).or_default() += 1;
    }
    m
}

/// Size of the multiset intersection.
pub fn overlap(a: &HashMap<String, u32>, b: &HashMap<String, u32>) -> u32 {
    a.iter().map(|(k, &n)| n.min(*b.get(k).unwrap_or(&0))).sum()
}

pub fn total(a: &HashMap<String, u32>) -> u32 {
    a.values().sum()
}

/// Whitespace collapsed to single spaces.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub struct TrafPage {
    pub url: String,
    pub path: PathBuf,
    pub with: Vec<String>,
    pub without: Vec<String>,
}

/// The trafilatura evaluation pages (file in eval/ or cache/).
pub fn trafilatura_pages() -> Vec<TrafPage> {
    let dir = corpus().join("trafilatura-eval");
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("evaldata.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for (url, v) in data.as_object().unwrap() {
        let file = v["file"].as_str().unwrap();
        let path = [dir.join("eval").join(file), dir.join("cache").join(file)].into_iter().find(|p| p.exists()).unwrap_or_else(|| panic!("{file} missing"));
        let list = |k: &str| v[k].as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default();
        out.push(TrafPage { url: url.clone(), path, with: list("with"), without: list("without") });
    }
    out.sort_by(|a, b| a.url.cmp(&b.url));
    out
}

/// The Readability test pages: (name, source.html, expected.html, metadata).
pub fn readability_pages() -> Vec<(String, PathBuf, PathBuf, serde_json::Value)> {
    let dir = corpus().join("readability");
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).filter(|e| e.path().join("source.html").exists()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let d = dir.join(&n);
            let meta = std::fs::read_to_string(d.join("expected-metadata.json")).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(serde_json::Value::Null);
            (n, d.join("source.html"), d.join("expected.html"), meta)
        })
        .collect()
}

/// The URL Readability's own tests give every page.
pub const READABILITY_URL: &str = "http://fakehost/test/page.html";

/// The file names an element's URL attributes point at (`src`, lazy `data-*` copies, `srcset`
/// entries, `poster`), lower-cased, query and fragment dropped.
pub fn media_names(doc: &declutter::dom::Document, id: declutter::dom::NodeId) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in doc.attrs(id) {
        if !(name == "src" || name == "poster" || name.ends_with("src") || name.ends_with("srcset") || name == "data-original") {
            continue;
        }
        // (A picture inlined as a data: URL has no name to find it by.)
        if value.trim_start().starts_with("data:") {
            continue;
        }
        // A srcset lists addresses with their widths, comma-separated; other attributes hold one
        // address (which may itself hold commas: "…/upload/c_fill,w_800/photo.jpg").
        let srcset = name.ends_with("srcset");
        for part in value.split(|c: char| (srcset && c == ',') || c.is_whitespace()) {
            let part = part.split(['?', '#']).next().unwrap_or("");
            // The file name; for an address without one (a video embed's `/embed/ID`), its last
            // two segments.
            let mut segs = part.trim_end_matches('/').rsplit('/');
            if let Some(file) = segs.next() {
                let file = file.to_ascii_lowercase();
                let name = if file.contains('.') { file } else { segs.next().filter(|s| !s.is_empty() && !s.contains('.') && file.len() >= 6).map(|d| format!("{}/{file}", d.to_ascii_lowercase())).unwrap_or_default() };
                if name.len() > 4 && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Pictures and embeds.
pub fn is_media(doc: &declutter::dom::Document, id: declutter::dom::NodeId) -> bool {
    matches!(doc.name(id), "img" | "video" | "iframe" | "audio" | "embed" | "object")
}

/// The first file name of each picture and embed in a document (an expected article).
pub fn article_media(doc: &declutter::dom::Document) -> Vec<String> {
    doc.elements().filter(|&e| is_media(doc, e)).filter_map(|e| media_names(doc, e).into_iter().next()).collect()
}
