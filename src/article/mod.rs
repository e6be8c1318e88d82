//! The article: where it is, its metadata, and its content as HTML and as text.

pub mod locate;
pub mod meta;

use crate::analysis::Analysis;
use crate::clutter::{Action, Decision};
use crate::dom::{Document, Kind, NodeId, Tag};
use crate::serialize::{serialize, Emit};
use serde::Serialize;

/// An extracted article.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: String,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// As the page states it (usually ISO 8601).
    pub published: Option<String>,
    pub lang: Option<String>,
    /// "ltr" or "rtl".
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    /// Absolute URL of the lead image.
    pub lead_image: Option<String>,
    /// The article body as HTML (not yet sanitized: run it through the sanitizer before
    /// inserting it anywhere).
    pub html: String,
    /// The article body as text, one block per line.
    pub text: String,
    pub word_count: usize,
}

/// Elements never part of an article body.
fn junk(doc: &Document, id: NodeId) -> bool {
    matches!(
        doc.tag(id),
        Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Form | Tag::Input | Tag::Button | Tag::Select | Tag::Textarea | Tag::Nav | Tag::Link | Tag::Meta | Tag::Dialog
    ) || matches!(doc.name(id), "object" | "embed" | "applet")
}

/// Attributes kept on article HTML; URLs made absolute against the page.
fn keep_attr(base: Option<&str>, name: &str, value: &str) -> Option<String> {
    match name {
        "href" | "src" | "poster" | "cite" => Some(crate::url::resolve(base, value)),
        "srcset" => Some(crate::url::resolve_srcset(base, value)),
        "alt" | "title" | "width" | "height" | "colspan" | "rowspan" | "headers" | "scope" | "lang" | "dir" | "datetime" | "start" | "reversed" | "type" | "id" => {
            Some(value.to_string())
        }
        _ => None,
    }
}

/// Extracts the article from a document, given the clutter decisions already made for it.
pub fn extract(doc: &Document, an: &Analysis, root: Option<NodeId>, decisions: &[Decision]) -> Article {
    let meta = meta::read(doc, an);
    let root = root.unwrap_or_else(|| doc.body());
    let mut hidden = vec![false; doc.len()];
    for d in decisions {
        if matches!(d.action, Action::Hide(_) | Action::HideByRule | Action::HideControl | Action::Collapse) {
            hidden[d.node as usize] = true;
        }
    }
    let base = doc.url.as_deref();
    let filter = |id: NodeId| -> Emit {
        if doc.kind(id) == Kind::Comment {
            return Emit::Skip;
        }
        if hidden[id as usize] || junk(doc, id) || an.invisible[id as usize] {
            return Emit::Skip;
        }
        // The title is shown by the view itself.
        if doc.tag(id) == Tag::H1 && meta.title.as_ref().is_some_and(|t| normalize(&doc.text_content(id)) == normalize(t)) {
            return Emit::Skip;
        }
        match doc.tag(id) {
            Tag::Span | Tag::Font | Tag::Center => Emit::Unwrap,
            _ => Emit::Keep,
        }
    };
    let html = serialize(doc, root, false, &filter, &|_, n, v| keep_attr(base, n, v));
    let skip = |id: NodeId| hidden[id as usize] || junk(doc, id);
    let text = crate::text::block_text(doc, root, &skip);
    let word_count = crate::text::word_count(&text);
    let lead_image = meta.image.clone().or_else(|| {
        doc.descendants(root)
            .find(|&i| doc.is_element(i) && doc.tag(i) == Tag::Img && !hidden[i as usize])
            .and_then(|i| crate::url::image_src(doc, i))
            .map(|s| crate::url::resolve(base, &s))
    });
    let excerpt = meta.excerpt.clone().or_else(|| {
        doc.descendants(root)
            .find(|&i| doc.is_element(i) && doc.tag(i) == Tag::P && an.get(i).text >= 40 && !hidden[i as usize])
            .map(|p| normalize(&doc.text_content(p)))
    });
    Article {
        title: meta.title.unwrap_or_default(),
        byline: meta.byline,
        site_name: meta.site_name,
        published: meta.published,
        lang: meta.lang,
        dir: meta.dir,
        excerpt,
        lead_image,
        html,
        text,
        word_count,
    }
}

/// Collapses whitespace and trims.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
