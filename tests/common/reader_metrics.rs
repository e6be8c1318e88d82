//! The reader gate's text metrics, shared by tests/reader_corpus.rs and
//! examples/reader_diag.rs (`#[path]`-included: one definition of what the gate measures).
#![allow(dead_code)]

use std::collections::HashMap;

/// `\w+` runs (Unicode word characters, as Python's `re` has them).
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || c == '_';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Multiset of 4-token shingles (one shorter shingle for texts under 4 tokens).
pub fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let n = 4;
    let mut m = HashMap::new();
    let count = if t.len() >= n { t.len() - n + 1 } else { 1 };
    for i in 0..count {
        let end = (i + n).min(t.len());
        *m.entry(t[i..end].to_vec()).or_insert(0) += 1;
    }
    m
}

/// Precision and recall of `pred` against `truth` (the benchmark's definition).
pub fn precision_recall(truth: &str, pred: &str) -> (f64, f64) {
    let a = shingles(truth);
    let b = shingles(pred);
    let mut tp = 0;
    for (k, &v) in &b {
        tp += v.min(*a.get(k).unwrap_or(&0));
    }
    let fp = b.values().sum::<usize>() - tp;
    let fn_ = a.values().sum::<usize>() - tp;
    if fp == 0 && fn_ == 0 {
        return (1.0, 1.0);
    }
    if tp == 0 {
        return (0.0, 0.0);
    }
    (tp as f64 / (tp + fp) as f64, tp as f64 / (tp + fn_) as f64)
}

/// Decodes a page: UTF-8 when it is valid or declared (a few bad bytes become U+FFFD, as in a
/// browser), else the legacy charset its `<meta>` declares, else windows-1252 unless the bytes
/// are mostly UTF-8.
pub fn decode_page(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]).to_ascii_lowercase();
    let label = head.find("charset=").map(|i| {
        head[i + 8..].trim_start_matches(['"', '\'', ' ']).chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect::<String>()
    });
    let declared = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.chars().filter(|&c| c == '\u{fffd}').count();
    let non_ascii = lossy.chars().filter(|c| !c.is_ascii()).count();
    match declared {
        Some(e) if e != encoding_rs::UTF_8 => e.decode_without_bom_handling(bytes).0.into_owned(),
        Some(_) => lossy.into_owned(),
        None if bad * 10 < non_ascii => lossy.into_owned(),
        None => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// An element as `name#id.class1.class2.class3`, for diagnostics.
pub fn describe(doc: &declutter::dom::Document, a: declutter::dom::NodeId) -> String {
    let mut d = doc.name(a).to_string();
    if !doc.id_attr(a).is_empty() {
        d.push('#');
        d.push_str(doc.id_attr(a));
    }
    for c in doc.class(a).split_whitespace().take(3) {
        d.push('.');
        d.push_str(c);
    }
    d
}
