//! What the corpus diagnostics (examples/reader_diag.rs, examples/clean_diag.rs) share: where
//! the corpus is, and where a snippet sits in a page. Included with `#[path]` next to
//! `reader_metrics`.
use crate::reader_metrics::describe as desc;
use declutter::dom::{Document, Kind, NodeId, Tag};
use std::path::{Path, PathBuf};

/// White space runs as one space.
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element chain from `i` up to the body, `n` levels.
pub fn chain(doc: &Document, i: NodeId, n: usize) -> String {
    let mut v = Vec::new();
    for a in std::iter::once(i).chain(doc.ancestors(i)) {
        if !doc.is_element(a) || doc.name(a) == "body" {
            break;
        }
        v.push(desc(doc, a));
    }
    v.truncate(n);
    v.join(" < ")
}

/// The text node in the body that starts (or ends) the snippet, outside scripts.
pub fn find(doc: &Document, snippet: &str) -> Option<NodeId> {
    let body = doc.body();
    let chars: Vec<char> = snippet.chars().collect();
    let keys: Vec<String> = if chars.len() <= 14 {
        vec![snippet.to_string()]
    } else {
        vec![chars[..14].iter().collect(), chars[chars.len() - 14..].iter().collect()]
    };
    for key in keys {
        for i in doc.descendants(body) {
            if doc.kind(i) == Kind::Text && norm(doc.data(i)).contains(&key) {
                let bad = doc.ancestors(i).any(|a| doc.is_element(a) && matches!(doc.tag(a), Tag::Script | Tag::Style | Tag::Noscript | Tag::Template));
                if !bad {
                    return Some(i);
                }
            }
        }
    }
    None
}

/// `$DECLUTTER_CORPUS`, else ../shared/corpus.
pub fn corpus() -> PathBuf {
    match std::env::var_os("DECLUTTER_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}
