//! Article metadata from `<meta>` tags, JSON-LD-free fallbacks and the document itself.

use super::normalize;
use crate::analysis::Analysis;
use crate::dom::{Document, NodeId, Tag};

#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub image: Option<String>,
}

/// `<meta>` values keyed by lower-case `property` or `name`.
fn metas(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in doc.elements() {
        if doc.tag(i) != Tag::Meta {
            continue;
        }
        let Some(content) = doc.attr(i, "content") else { continue };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key in [doc.attr(i, "property"), doc.attr(i, "name"), doc.attr(i, "itemprop")].into_iter().flatten() {
            for k in key.split_whitespace() {
                out.push((k.to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    out
}

fn first(m: &[(String, String)], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| m.iter().find(|(n, _)| n == k).map(|(_, v)| normalize(v))).filter(|s| !s.is_empty())
}

/// The page title without the site name glued to it ("Story – Site" -> "Story").
pub fn clean_title(raw: &str) -> String {
    let t = normalize(raw);
    for sep in [" | ", " – ", " — ", " - ", " :: ", " » ", " / "] {
        if let Some(i) = t.rfind(sep) {
            let head = &t[..i];
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
            let tail = &t[i + sep.len()..];
            if tail.split_whitespace().count() >= 4 {
                return tail.to_string();
            }
        }
    }
    t
}

pub fn read(doc: &Document, an: &Analysis) -> Meta {
    let m = metas(doc);
    let title_tag = doc.find(Tag::Title).map(|t| doc.text_content(t)).map(|t| clean_title(&t)).filter(|t| !t.is_empty());
    let h1 = doc
        .elements()
        .find(|&i| doc.tag(i) == Tag::H1 && !an.invisible[i as usize] && an.get(i).text > 0)
        .map(|h| normalize(&doc.text_content(h)));
    let title = first(&m, &["og:title", "twitter:title", "dc:title", "parsely-title"]).map(|t| clean_title(&t)).or(title_tag).or(h1);

    let byline = first(&m, &["author", "article:author", "dc:creator", "parsely-author", "byl"])
        .filter(|a| !a.starts_with("http"))
        .or_else(|| byline_element(doc, an));
    let html = doc.find(Tag::Html);
    let body = doc.find(Tag::Body);
    let attr_of = |n: Option<NodeId>, a: &str| n.and_then(|n| doc.attr(n, a)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let dir = attr_of(html, "dir").or_else(|| attr_of(body, "dir")).map(|d| d.to_ascii_lowercase()).filter(|d| d == "rtl" || d == "ltr");
    Meta {
        title,
        byline,
        site_name: first(&m, &["og:site_name", "application-name", "publisher", "dc:publisher"]),
        published: first(&m, &["article:published_time", "datepublished", "date", "dc:date", "dcterms.date", "parsely-pub-date", "pubdate", "publishdate", "sailthru.date"])
            .or_else(|| doc.elements().find(|&i| doc.tag(i) == Tag::Time && doc.has_attr(i, "datetime")).and_then(|t| doc.attr(t, "datetime").map(|s| s.trim().to_string()))),
        lang: attr_of(html, "lang").or_else(|| attr_of(html, "xml:lang")).or_else(|| first(&m, &["og:locale", "language", "content-language"])),
        dir,
        excerpt: first(&m, &["description", "og:description", "twitter:description", "dc:description"]),
        image: first(&m, &["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"]).map(|u| crate::url::resolve(doc.url.as_deref(), &u)),
    }
}

/// An element that names the author: `rel=author`, `itemprop=author`, or a byline/author class.
fn byline_element(doc: &Document, an: &Analysis) -> Option<String> {
    for i in doc.elements() {
        if an.invisible[i as usize] {
            continue;
        }
        let s = an.get(i);
        if s.text == 0 || s.text > 100 {
            continue;
        }
        let rel = doc.attr(i, "rel").is_some_and(|r| r.split_whitespace().any(|x| x == "author"));
        let itemprop = doc.attr(i, "itemprop").is_some_and(|r| r.contains("author"));
        let mut named = false;
        for v in [doc.class(i), doc.id_attr(i)] {
            crate::clutter::patterns::for_each_token(v, |t| {
                named |= matches!(t, "byline" | "author" | "dateline" | "writtenby" | "p-author");
                named
            });
        }
        if rel || itemprop || named {
            let t = normalize(&doc.text_content(i));
            if !t.is_empty() {
                return Some(t);
            }
        }
    }
    None
}
