//! The article: where it is, its metadata, and its content as HTML and as text.
//!
//! Content extraction is a port of Mozilla Readability ([`readability`]) on a side-table view
//! of the model ([`tree`]); on top of it the reader keeps what reader modes tend to lose (code
//! line breaks, data tables, math, video embeds, lazy images) and makes every URL absolute.

pub mod json;
pub mod locate;
pub mod meta;
pub mod readability;
pub mod refine;
pub mod tree;
pub mod words;

use crate::analysis::Analysis;
use crate::clutter::Decision;
use crate::dom::{Document, Kind, NodeId, Tag};
use crate::serialize::{escape_attr, escape_text, is_void};
use serde::Serialize;
use tree::Tree;

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
    /// Whether the page looks like an article at all ([`readerable`]).
    pub readerable: bool,
    /// Minutes a reader needs (230 words a minute; at least 1 for any text).
    pub reading_minutes: u32,
}

/// Extracts the article from a document. `root` is where the locator puts the article (used
/// when the page has no article Readability's way); `decisions` are the clutter detector's.
pub fn extract(doc: &Document, an: &Analysis, root: Option<NodeId>, decisions: &[Decision]) -> Article {
    let meta = meta::read(doc);
    let title = meta.title.clone().unwrap_or_default();
    let drop: Vec<NodeId> = decisions
        .iter()
        .filter(|d| matches!(d.action, crate::clutter::Action::Hide(_) | crate::clutter::Action::HideByRule))
        .map(|d| d.node)
        .collect();
    let mut grabbed = readability::grab(doc, Some(an), &title, meta.byline.is_some(), &drop, None);
    // The locator's article inside a wrapper Readability strips as unlikely ("above-footer",
    // "header-wrap"), its pick a disclosure or a teaser beside it: grab again keeping the
    // wrapper, and take that when it holds twice the prose.
    if let (Some(g), Some(loc)) = (&grabbed, root) {
        let unlikely_wrapper = doc.ancestors(loc).chain(std::iter::once(loc)).any(|a| {
            doc.is_element(a) && !matches!(doc.tag(a), Tag::Body | Tag::Html) && words::unlikely(&format!("{} {}", doc.class(a), doc.id_attr(a)).to_ascii_lowercase())
        });
        if unlikely_wrapper {
            if let Some(alt) = readability::grab_keeping(doc, Some(an), &title, meta.byline.is_some(), &drop, None, Some(loc)) {
                if article_prose(&alt.tree, alt.root, an) >= 2 * article_prose(&g.tree, g.root, an) {
                    grabbed = Some(alt);
                }
            }
        }
    }
    // Readability's pick holding little of the page's prose while the locator's container holds
    // much more: a table of contacts, a disclosure or a form won the scoring. Use the prose.
    if let (Some(g), Some(loc)) = (&grabbed, root) {
        let ours = article_prose(&g.tree, g.root, an);
        let theirs = an.get(loc).para_text as usize;
        if theirs >= 80 && theirs > 3 * ours {
            if let Some(alt) = readability::grab(doc, Some(an), &title, meta.byline.is_some(), &drop, Some(loc)) {
                grabbed = Some(alt);
            }
        }
    }
    // The page names its article body (itemprop=articleBody, a lone entry-content, a lone
    // <article>) and Readability's pick holds little of it: use the named body.
    if let (Some(g), Some(body)) = (&grabbed, named_body(doc, an)) {
        let (mut inside, mut total) = (0usize, 0usize);
        let mut in_pick = vec![false; doc.len()];
        for d in g.tree.descendants(g.root).filter(|&d| (d as usize) < doc.len()) {
            in_pick[d as usize] = true;
        }
        for d in doc.descendants(body) {
            if doc.kind(d) == Kind::Text && !an.invisible[d as usize] {
                let n = an.get(d).text as usize;
                total += n;
                if in_pick[d as usize] {
                    inside += n;
                }
            }
        }
        // The named body must hold enough to be the article (not a teaser that happens to be
        // named like one): half the picked article's text, or more prose than it.
        let substantial = || total * 2 >= inner_text_len(&g.tree, g.root) || an.get(body).para_text as usize > article_prose(&g.tree, g.root, an);
        if total >= 150 && inside * 10 < total * 3 && substantial() {
            if let Some(alt) = readability::grab(doc, Some(an), &title, meta.byline.is_some(), &drop, Some(body)) {
                grabbed = Some(alt);
            }
        }
    }
    // Readability's pick lies outside the article under the page's own headline (a title-long
    // <h1>): another article of an endless scroll, a box beside a recipe. Take the headline's
    // article when the pick sits under a headline of its own, or when the headline's holds at
    // least half as much text (else the pick is the rest of the headline's article and the
    // headline's block only its header with a long standfirst).
    if let (Some(g), Some((h, art))) = (&grabbed, headline_article(doc, an, &title)) {
        let in_pick = |d: NodeId| (d as usize) < doc.len() && !g.tree.is_created(d);
        let overlap = g.tree.descendants(g.root).any(|d| in_pick(d) && (doc.contains(art, d) || doc.contains(d, art)));
        // The pick inside the headline's <article>, which holds half as much prose again: the
        // article is all of it (an abstract, a letter before its signatories, parts in sections
        // of their own).
        let inside = g.tree.descendants(g.root).filter(|&d| in_pick(d)).all(|d| doc.contains(art, d) || d == art);
        if overlap && inside && doc.tag(art) == Tag::Article && an.get(art).para_text as usize * 2 > article_prose(&g.tree, g.root, an) * 3 {
            if let Some(alt) = readability::grab(doc, Some(an), &title, meta.byline.is_some(), &drop, Some(art)) {
                grabbed = Some(alt);
            }
        } else if !overlap {
            // The pick's branch under the lowest ancestor it shares with the headline's article.
            let picked = g.tree.descendants(g.root).find(|&d| in_pick(d) && doc.is_element(d));
            let branch = picked.and_then(|p| {
                let mut b = p;
                for a in doc.ancestors(p) {
                    if doc.contains(a, art) {
                        return Some(b);
                    }
                    b = a;
                }
                None
            });
            let other_headline =
                branch.is_some_and(|b| doc.descendants(b).any(|d| doc.is_element(d) && d != h && doc.tag(d) == doc.tag(h) && !an.invisible[d as usize] && an.get(d).text >= 15));
            if let Some(alt) = readability::grab(doc, Some(an), &title, meta.byline.is_some(), &drop, Some(art)) {
                if other_headline || inner_text_len(&alt.tree, alt.root) * 2 >= inner_text_len(&g.tree, g.root) {
                    grabbed = Some(alt);
                }
            }
        }
    }
    if let Some(g) = grabbed.as_mut() {
        let mut hidden = vec![false; doc.len()];
        for &d in &drop {
            hidden[d as usize] = true;
        }
        refine::refine(&mut g.tree, g.root, &title, &|i| an.invisible[i as usize] || hidden[i as usize]);
    }
    let base = doc.url.as_deref();
    let (html, text, first_p, first_img, byline, dir, lang) = match &grabbed {
        Some(g) => {
            let html = serialize(&g.tree, g.root, base);
            let text = crate::text::tree_text(&TreeText { t: &g.tree }, g.root);
            let first_p = g.tree.descendants(g.root).find(|&d| g.tree.is_element(d) && g.tree.tag(d) == Tag::P).map(|p| words::js_trim(&g.tree.text_content(p)).to_string());
            let first_img = g.tree.descendants(g.root).find(|&d| g.tree.is_element(d) && g.tree.tag(d) == Tag::Img).and_then(|i| image_src(&g.tree, i));
            (html, text, first_p, first_img, g.byline.clone(), g.dir.clone(), g.lang.clone())
        }
        None => {
            let r = root.unwrap_or_else(|| doc.body());
            let text = crate::text::block_text(doc, r, &|_| false);
            (String::new(), text, None, None, None, None, doc.find(Tag::Html).and_then(|h| doc.attr(h, "lang")).map(str::to_string))
        }
    };
    let word_count = crate::text::word_count(&text);
    let before = grabbed.as_ref().and_then(|g| image_before(doc, &g.tree, g.root, an));
    let lead_image = meta.image.clone().or_else(|| before.or(first_img).map(|s| crate::url::resolve(base, &s)));
    Article {
        title: normalize(&title),
        byline: meta.byline.clone().or(byline).map(|b| normalize(&b)).filter(|b| !b.is_empty()),
        site_name: meta.site_name.clone(),
        published: meta.published.clone(),
        lang: lang.filter(|l| !l.trim().is_empty()),
        dir,
        excerpt: meta.excerpt.clone().or(first_p).filter(|e| !e.is_empty()),
        lead_image,
        html,
        text,
        word_count,
        readerable: readerable(doc, an),
        reading_minutes: reading_minutes(word_count),
    }
}

fn inner_text_len(t: &Tree, root: NodeId) -> usize {
    let mut n = 0;
    for d in t.descendants(root) {
        if t.is_text(d) {
            n += crate::analysis::measure_text(t.data(d)).0 as usize;
        }
    }
    n
}

/// The block of the article under the page's headline: the first visible `<h1>` or `<h2>` whose
/// text is the title (or the title with the site's name), and its nearest ancestor holding 500
/// characters of prose or more.
fn headline_article(doc: &Document, an: &Analysis, title: &str) -> Option<(NodeId, NodeId)> {
    let title = normalize(title).to_lowercase();
    if title.chars().count() < 15 {
        return None;
    }
    let h = doc.elements().find(|&i| {
        matches!(doc.tag(i), Tag::H1 | Tag::H2) && !an.invisible[i as usize] && {
            let h = normalize(&doc.text_content(i)).to_lowercase();
            h.chars().count() >= 15 && (h == title || title.contains(&h) || h.contains(&title))
        }
    })?;
    let art = doc.ancestors(h).take_while(|&a| doc.is_element(a) && !matches!(doc.tag(a), Tag::Body | Tag::Html)).find(|&a| an.get(a).para_text >= 500)?;
    Some((h, art))
}

/// The one element the page marks as its article body, if there is exactly one.
fn named_body(doc: &Document, an: &Analysis) -> Option<NodeId> {
    const NAMES: &[&str] = &[
        "entry-content", "post-content", "article-content", "article-body", "articlebody", "story-body", "post-body", "entry-body", "td-post-content",
        "single-content", "post-entry", "article__body", "article-text", "story-content", "news-content", "article_body", "post_content", "entry_content",
    ];
    let visible = |i: NodeId| !an.invisible[i as usize] && an.get(i).text >= 150;
    let unique = |f: &dyn Fn(NodeId) -> bool| -> Option<NodeId> {
        let mut found = None;
        for i in doc.elements() {
            if f(i) && visible(i) {
                // Nested matches (a body inside a body) count once: the outer one.
                if let Some(p) = found {
                    if doc.contains(p, i) {
                        continue;
                    }
                    return None;
                }
                found = Some(i);
            }
        }
        found
    };
    unique(&|i| doc.attr(i, "itemprop").is_some_and(|v| v.split_whitespace().any(|x| x == "articleBody")))
        .or_else(|| unique(&|i| doc.class(i).split_ascii_whitespace().any(|c| NAMES.iter().any(|n| c.eq_ignore_ascii_case(n)))))
        .or_else(|| unique(&|i| doc.tag(i) == Tag::Article))
}

/// Characters of prose paragraphs (the analysis' measure) in the article.
fn article_prose(t: &Tree, root: NodeId, an: &Analysis) -> usize {
    let mut sum = 0usize;
    let mut n = t.first_child(root);
    while let Some(x) = n {
        if !t.is_created(x) && t.is_element(x) {
            sum += an.get(x).para_text as usize;
            n = t.next_in(x, root, true);
        } else {
            n = t.next_in(x, root, false);
        }
    }
    sum
}

/// A large image just before the article (a hero image above the headline): among the 60
/// elements before the article's first node, the nearest `<img>` that is in a figure or
/// picture or at least 300 pixels wide, and is no logo, icon or avatar.
fn image_before(doc: &Document, t: &Tree, root: NodeId, an: &Analysis) -> Option<String> {
    let first = t.descendants(root).find(|&d| !t.is_created(d))?;
    let mut seen = 0;
    let mut i = first;
    while i > 0 && seen < 60 {
        i -= 1;
        if !doc.is_element(i) {
            continue;
        }
        seen += 1;
        if doc.tag(i) != Tag::Img || an.invisible[i as usize] {
            continue;
        }
        let wide = doc.attr(i, "width").and_then(|w| w.trim().trim_end_matches("px").parse::<u32>().ok()).is_some_and(|w| w >= 300);
        let framed = doc.ancestors(i).take(3).any(|a| matches!(doc.tag(a), Tag::Figure | Tag::Picture));
        let small = doc.ancestors(i).take(6).any(|a| matches!(doc.tag(a), Tag::Nav | Tag::Header | Tag::A | Tag::Footer | Tag::Aside));
        let named = [doc.class(i), doc.attr(i, "alt").unwrap_or(""), doc.attr(i, "src").unwrap_or("")].iter().any(|v| {
            let l = v.to_ascii_lowercase();
            ["logo", "icon", "avatar", "sprite", "gravatar", "pixel", "spacer"].iter().any(|w| l.contains(w))
        });
        if (wide || framed) && !small && !named {
            return crate::url::image_src(doc, i);
        }
    }
    None
}

fn reading_minutes(words: usize) -> u32 {
    if words == 0 {
        0
    } else {
        words.div_ceil(230).min(u32::MAX as usize) as u32
    }
}

/// `textContent.trim().length` (UTF-16 units), without building the text.
fn trimmed_js_len(doc: &Document, id: NodeId) -> usize {
    let (mut total, mut lead, mut trail, mut started) = (0usize, 0usize, 0usize, false);
    doc.for_text(id, |s| {
        if s.is_ascii() {
            // Bytes: only the white space at the ends matters.
            let b = s.as_bytes();
            let space = |c: &u8| crate::chars::ascii_space(*c);
            total += b.len();
            match b.iter().position(|c| !space(c)) {
                None => {
                    if !started {
                        lead += b.len();
                    }
                    trail += b.len();
                }
                Some(first) => {
                    if !started {
                        lead += first;
                    }
                    started = true;
                    trail = b.len() - 1 - b.iter().rposition(|c| !space(c)).unwrap_or(first);
                }
            }
            return;
        }
        for c in s.chars() {
            let w = c.len_utf16();
            total += w;
            if words::js_space(c) {
                if !started {
                    lead += w;
                }
                trail += w;
            } else {
                started = true;
                trail = 0;
            }
        }
    });
    if started {
        total - lead - trail
    } else {
        0
    }
}

/// Readability's `isProbablyReaderable`: whether the page has enough visible paragraphs of
/// prose (outside comment-ish and sidebar-ish blocks) to be worth a reader view.
pub fn readerable(doc: &Document, _an: &Analysis) -> bool {
    // Runs on every page (the toolbar offers the reader view when it says yes): one pass, no
    // per-node allocation but for the few blocks long enough to count.
    let n = doc.len();
    let mut candidate = vec![false; n];
    for i in doc.elements() {
        match doc.tag(i) {
            Tag::P | Tag::Pre | Tag::Article => candidate[i as usize] = true,
            Tag::Br => {
                if let Some(p) = doc.parent(i).filter(|&p| doc.tag(p) == Tag::Div) {
                    candidate[p as usize] = true;
                }
            }
            _ => {}
        }
    }
    let mut score = 0.0f64;
    let mut ms = String::new();
    for i in 0..n as NodeId {
        if !candidate[i as usize] {
            continue;
        }
        let style_hidden = doc.attr(i, "style").is_some_and(|s| crate::analysis::style_is(s, "display", "none"));
        if style_hidden || doc.has_attr(i, "hidden") || (doc.attr(i, "aria-hidden") == Some("true") && !doc.class(i).contains("fallback-image")) {
            continue;
        }
        ms.clear();
        ms.push_str(doc.class(i));
        ms.push(' ');
        ms.push_str(doc.id_attr(i));
        ms.make_ascii_lowercase();
        if words::unlikely(&ms) {
            continue;
        }
        if doc.tag(i) == Tag::P && doc.ancestors(i).any(|a| doc.tag(a) == Tag::Li) {
            continue;
        }
        let len = trimmed_js_len(doc, i);
        if len < 140 {
            continue;
        }
        score += ((len - 140) as f64).sqrt();
        if score > 20.0 {
            return true;
        }
    }
    false
}

/// The [`Tree`] as the text walker sees it.
struct TreeText<'a, 'd> {
    t: &'a Tree<'d>,
}

impl crate::text::TextTree for TreeText<'_, '_> {
    fn kind(&self, id: NodeId) -> Kind {
        self.t.kind(id)
    }
    fn tag(&self, id: NodeId) -> Tag {
        self.t.tag(id)
    }
    fn name(&self, id: NodeId) -> &str {
        self.t.name(id)
    }
    fn data(&self, id: NodeId) -> &str {
        self.t.data(id)
    }
    fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.t.first_child(id)
    }
    fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.t.next_sibling(id)
    }
    fn skipped(&self, _id: NodeId) -> bool {
        false
    }
}

/// The image an `<img>` really shows: lazy-loading attributes first, then `src` (data URIs
/// that are placeholders skipped).
pub fn image_src(t: &Tree, img: NodeId) -> Option<String> {
    for a in ["data-src", "data-lazy-src", "data-original", "data-url", "data-lazy", "data-hi-res-src", "data-orig-src"] {
        if let Some(v) = t.attr(img, a) {
            let v = v.trim();
            if !v.is_empty() && !v.starts_with("data:") {
                return Some(v.to_string());
            }
        }
    }
    let src = t.attr(img, "src")?.trim();
    (!src.is_empty()).then(|| src.to_string())
}

fn image_srcset(t: &Tree, img: NodeId) -> Option<String> {
    for a in ["data-srcset", "data-lazy-srcset", "srcset"] {
        if let Some(v) = t.attr(img, a) {
            let v = v.trim();
            if !v.is_empty() && v != "null" && !v.starts_with("data:") {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// Attributes kept on article HTML; URLs made absolute against the page.
fn keep_attr(base: Option<&str>, name: &str, value: &str) -> Option<String> {
    match name {
        "href" | "src" | "poster" | "cite" => Some(crate::url::resolve(base, value)),
        "srcset" => Some(crate::url::resolve_srcset(base, value)),
        "alt" | "title" | "width" | "height" | "colspan" | "rowspan" | "headers" | "scope" | "lang" | "dir" | "datetime" | "start" | "reversed" | "type" | "id"
        | "sizes" | "controls" | "media" | "display" | "mathvariant" | "encoding" | "xmlns" => Some(value.to_string()),
        _ => None,
    }
}

/// Serializes the article container's children with the tree's edits and absolute URLs.
fn serialize(t: &Tree, root: NodeId, base: Option<&str>) -> String {
    let mut out = String::with_capacity(4096);
    // (node, closing)
    let mut stack: Vec<(NodeId, bool)> = Vec::new();
    let kids: Vec<NodeId> = t.children(root).collect();
    stack.extend(kids.into_iter().rev().map(|k| (k, false)));
    while let Some((id, closing)) = stack.pop() {
        if closing {
            out.push_str("</");
            out.push_str(t.name(id));
            out.push('>');
            continue;
        }
        match t.kind(id) {
            Kind::Text => escape_text(t.data(id), &mut out),
            Kind::Element => {
                let name = t.name(id);
                if name.is_empty() {
                    continue;
                }
                out.push('<');
                out.push_str(name);
                let tag = t.tag(id);
                let mut attrs: Vec<(String, String)> = Vec::new();
                let lazy = matches!(tag, Tag::Img | Tag::Source);
                if lazy {
                    if let Some(src) = image_src(t, id).filter(|_| tag == Tag::Img) {
                        attrs.push(("src".into(), crate::url::resolve(base, &src)));
                    }
                    if let Some(set) = image_srcset(t, id) {
                        attrs.push(("srcset".into(), crate::url::resolve_srcset(base, &set)));
                    }
                }
                for (n, v) in t.attrs(id) {
                    if lazy && (n == "srcset" || (n == "src" && tag == Tag::Img)) {
                        continue;
                    }
                    if matches!(tag, Tag::Table | Tag::Th | Tag::Td | Tag::Hr | Tag::Pre) && matches!(n, "width" | "height") {
                        continue;
                    }
                    if let Some(v) = keep_attr(base, n, v) {
                        attrs.push((n.to_string(), v));
                    }
                }
                for (n, v) in &attrs {
                    out.push(' ');
                    out.push_str(n);
                    out.push_str("=\"");
                    escape_attr(v, &mut out);
                    out.push('"');
                }
                out.push('>');
                if is_void(name) {
                    continue;
                }
                stack.push((id, true));
                let kids: Vec<NodeId> = t.children(id).collect();
                stack.extend(kids.into_iter().rev().map(|k| (k, false)));
            }
            _ => {}
        }
    }
    out
}

/// Collapses whitespace and trims.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
