//! A port of Mozilla Readability's content extraction (`_grabArticle`, `_prepArticle`,
//! `_postProcessContent` and the passes they call) onto the [`Tree`] view of the model: the
//! same node walk, scores, candidate choice, sibling joining and conditional cleaning, with
//! removals, moves and renames recorded in side tables instead of a mutated DOM.

use super::tree::{Attrs, Tree};
use super::words::{self, js_len, js_space, js_trim};
use crate::dom::{Kind, NodeId, Tag};
use std::borrow::Cow;

const STRIP_UNLIKELYS: u8 = 1;
const WEIGHT_CLASSES: u8 = 2;
const CLEAN_CONDITIONALLY: u8 = 4;
const N_TOP_CANDIDATES: usize = 5;
const CHAR_THRESHOLD: usize = 500;

/// Tags that make a `div` more than a paragraph.
const DIV_TO_P: &[Tag] = &[Tag::Blockquote, Tag::Dl, Tag::Div, Tag::Img, Tag::Ol, Tag::P, Tag::Pre, Tag::Table, Tag::Ul];

/// What the extraction found.
pub struct Grabbed<'d> {
    pub tree: Tree<'d>,
    /// The article container (a created element; its children are the article).
    pub root: NodeId,
    pub byline: Option<String>,
    pub dir: Option<String>,
    pub lang: Option<String>,
}

/// Per-run state: the tree, the flags, scores of initialized candidates, data-table marks.
struct Run<'d> {
    t: Tree<'d>,
    flags: u8,
    score: Vec<f64>,
    init: Vec<bool>,
    data_table: Vec<bool>,
    /// Elements in the SVG or MathML namespace (their `tagName` matches no HTML name).
    foreign: Vec<bool>,
    /// The locator's article: its ancestors are never stripped as unlikely candidates.
    keep: Option<NodeId>,
}

/// Readability's view of an element's tag: HTML elements only.
fn rtag(t: &Tree, foreign: &[bool], id: NodeId) -> Tag {
    if !t.is_element(id) || foreign.get(id as usize).copied().unwrap_or(false) {
        Tag::Other
    } else {
        t.tag(id)
    }
}

impl<'d> Run<'d> {
    fn tag(&self, id: NodeId) -> Tag {
        rtag(&self.t, &self.foreign, id)
    }
    fn is(&self, id: NodeId, tag: Tag) -> bool {
        self.tag(id) == tag
    }
    fn grow(&mut self) {
        let n = self.t_len();
        if self.score.len() < n {
            self.score.resize(n, 0.0);
            self.init.resize(n, false);
            self.data_table.resize(n, false);
        }
    }
    fn t_len(&self) -> usize {
        // Created nodes are appended after the document's: the highest id plus one.
        self.t.len()
    }
    fn flag(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    /// `_getInnerText(e).length`: trimmed text, white-space runs of two or more counted once.
    fn inner_len(&self, id: NodeId) -> usize {
        inner_len(&self.t, id)
    }
    fn inner(&self, id: NodeId) -> String {
        words::collapse_runs(js_trim(&self.t.text_content(id)))
    }

    /// How many of these characters the text under `id` has, counted up to `limit` (none is
    /// white space, so the count is the same in `inner`).
    fn count_chars(&self, id: NodeId, set: &[char], limit: usize) -> usize {
        let mut n = 0;
        self.t.for_text(id, &mut |s| {
            if n < limit {
                // Byte compares for ASCII characters (vectorized); a search per other character,
                // only in text that has any non-ASCII byte.
                let non_ascii = !s.is_ascii();
                for &c in set {
                    if c.is_ascii() {
                        n += s.bytes().filter(|&b| b == c as u8).count();
                    } else if non_ascii {
                        n += s.matches(c).count();
                    }
                }
            }
        });
        n.min(limit)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        let len = self.inner_len(id);
        if len == 0 {
            return 0.0;
        }
        let mut links = 0.0;
        for a in self.t.descendants(id) {
            if self.is(a, Tag::A) {
                let hash = self.t.attr(a, "href").is_some_and(|h| h.starts_with('#') && h.len() > 1);
                links += self.inner_len(a) as f64 * if hash { 0.3 } else { 1.0 };
            }
        }
        links / len as f64
    }

    fn class_weight(&self, id: NodeId) -> f64 {
        if !self.flag(WEIGHT_CLASSES) {
            return 0.0;
        }
        let mut w = 0.0;
        for v in [self.t.class(id), self.t.id_attr(id)] {
            if v.is_empty() {
                continue;
            }
            let l = v.to_ascii_lowercase();
            if words::negative(&l) {
                w -= 25.0;
            }
            if words::positive(&l) {
                w += 25.0;
            }
        }
        w
    }

    fn initialize(&mut self, id: NodeId) {
        self.grow();
        let base = match self.tag(id) {
            Tag::Div => 5.0,
            Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
            Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th => -5.0,
            _ => 0.0,
        };
        self.score[id as usize] = base + self.class_weight(id);
        self.init[id as usize] = true;
    }

    fn has_ancestor(&self, id: NodeId, tag: Tag, max_depth: i32, filter: Option<&dyn Fn(NodeId) -> bool>) -> bool {
        let max_depth = if max_depth == 0 { 3 } else { max_depth };
        let mut depth = 0;
        let mut n = id;
        while let Some(p) = self.t.parent(n) {
            if max_depth > 0 && depth > max_depth {
                return false;
            }
            if self.is(p, tag) && filter.is_none_or(|f| f(p)) {
                return true;
            }
            n = p;
            depth += 1;
        }
        false
    }

    /// `_getNextNode`: the next element in document order.
    fn next_node(&self, id: NodeId, skip_kids: bool) -> Option<NodeId> {
        if !skip_kids {
            if let Some(c) = self.t.first_element_child(id) {
                return Some(c);
            }
        }
        if let Some(s) = self.t.next_element_sibling(id) {
            return Some(s);
        }
        let mut n = id;
        loop {
            n = self.t.parent(n)?;
            if let Some(s) = self.t.next_element_sibling(n) {
                return Some(s);
            }
        }
    }

    fn remove_and_next(&mut self, id: NodeId) -> Option<NodeId> {
        let next = self.next_node(id, true);
        self.t.remove(id);
        next
    }

    fn is_phrasing(&self, id: NodeId) -> bool {
        match self.phrasing_kind(id) {
            Some(true) => true,
            Some(false) => false,
            // A link, <del> or <ins> is phrasing when everything in it is (iteratively: these
            // may nest deeply).
            None => {
                let mut n = self.t.first_child(id);
                while let Some(x) = n {
                    match self.phrasing_kind(x) {
                        Some(false) => return false,
                        Some(true) => n = self.t.next_in(x, id, true),
                        None => n = self.t.next_in(x, id, false),
                    }
                }
                true
            }
        }
    }

    /// Some(true): phrasing content; Some(false): not; None: a link, <del> or <ins>, which is
    /// phrasing when its content is.
    fn phrasing_kind(&self, id: NodeId) -> Option<bool> {
        if self.t.is_text(id) {
            return Some(true);
        }
        if !self.t.is_element(id) || self.foreign.get(id as usize).copied().unwrap_or(false) {
            return Some(false);
        }
        let name = self.t.name(id);
        if matches!(
            name,
            "abbr" | "audio" | "b" | "bdo" | "br" | "button" | "cite" | "code" | "data" | "datalist" | "dfn" | "em" | "embed" | "i" | "img" | "input" | "kbd" | "label"
                | "mark" | "meter" | "noscript" | "object" | "output" | "progress" | "q" | "ruby" | "samp" | "script" | "select" | "small" | "span" | "strong"
                | "sub" | "sup" | "textarea" | "time" | "var" | "wbr"
        ) {
            return Some(true);
        }
        if self.tag(id) == Tag::A || matches!(name, "del" | "ins") {
            return None;
        }
        Some(false)
    }

    fn is_whitespace(&self, id: NodeId) -> bool {
        (self.t.is_text(id) && js_trim(self.t.data(id)).is_empty()) || self.is(id, Tag::Br)
    }

    /// `_hasSingleTagInsideElement`.
    fn single_tag_inside(&self, id: NodeId, tag: Tag) -> bool {
        let mut kids = self.t.element_children(id);
        let (Some(only), None) = (kids.next(), kids.next()) else { return false };
        if self.tag(only) != tag {
            return false;
        }
        !self.t.children(id).any(|c| self.t.is_text(c) && self.t.data(c).chars().last().is_some_and(|ch| !js_space(ch)))
    }

    fn has_child_block(&self, id: NodeId) -> bool {
        self.t.descendants(id).any(|d| DIV_TO_P.contains(&self.tag(d)))
    }

    /// `_isElementWithoutContent`.
    fn without_content(&self, id: NodeId) -> bool {
        if !self.t.is_element(id) {
            return false;
        }
        if self.t.has_text(id) {
            return false;
        }
        let kids = self.t.element_child_count(id);
        kids == 0 || kids == self.t.descendants(id).filter(|&d| matches!(self.tag(d), Tag::Br | Tag::Hr)).count()
    }

    fn visible(&self, id: NodeId) -> bool {
        probably_visible(&self.t, id)
    }
}

/// Readability's match string: the class and the id, joined by a space, in lower case. Most
/// elements have neither (no copy then); otherwise one copy of the right size.
fn match_string(t: &Tree, id: NodeId) -> Cow<'static, str> {
    let (class, id) = (t.class(id), t.id_attr(id));
    if class.is_empty() && id.is_empty() {
        return Cow::Borrowed(" ");
    }
    let mut s = String::with_capacity(class.len() + 1 + id.len());
    s.push_str(class);
    s.push(' ');
    s.push_str(id);
    s.make_ascii_lowercase();
    Cow::Owned(s)
}

/// `_getInnerText(e).length` without building the string.
pub fn inner_len(t: &Tree, id: NodeId) -> usize {
    t.inner_len(id)
}

/// Readability's `_isProbablyVisible` on the element itself (inline style, `hidden`,
/// `aria-hidden`), plus what the browser measured as not rendered.
pub fn probably_visible(t: &Tree, id: NodeId) -> bool {
    if let Some(style) = t.attr(id, "style") {
        if style_is(style, "display", "none") || style_is(style, "visibility", "hidden") {
            return false;
        }
    }
    if t.has_attr(id, "hidden") {
        return false;
    }
    if t.attr(id, "aria-hidden") == Some("true") && !t.class(id).contains("fallback-image") {
        return false;
    }
    if !t.is_created(id) {
        if let Some(l) = t.doc.layout(id) {
            return l.flags & crate::dom::Layout::HIDDEN == 0;
        }
    }
    true
}

/// True when an inline style declares `prop: value` (last declaration wins).
fn style_is(style: &str, prop: &str, value: &str) -> bool {
    let mut found = None;
    for decl in style.split(';') {
        let Some((k, v)) = decl.split_once(':') else { continue };
        if k.trim().eq_ignore_ascii_case(prop) {
            let v = v.trim();
            let v = v.strip_suffix("!important").unwrap_or(v).trim();
            found = Some(v.eq_ignore_ascii_case(value));
        }
    }
    found.unwrap_or(false)
}

/// Marks elements inside `<svg>` and `<math>` (and those themselves).
fn foreign_marks(t: &Tree) -> Vec<bool> {
    let doc = t.doc;
    let mut f = vec![false; doc.len()];
    for i in 0..doc.len() as NodeId {
        if doc.kind(i) != Kind::Element {
            continue;
        }
        let inherited = doc.parent(i).is_some_and(|p| f[p as usize]);
        f[i as usize] = inherited || matches!(doc.name(i), "svg" | "math");
    }
    f
}

/// The whole extraction: prepares the page, grabs the article (with the retries), cleans it.
/// `an`: the page's analysis, when there is one (it spares a pass over the text).
pub fn grab<'d>(doc: &'d crate::dom::Document, an: Option<&crate::analysis::Analysis>, title: &str, meta_byline: bool, drop: &[NodeId], force: Option<NodeId>) -> Option<Grabbed<'d>> {
    grab_keeping(doc, an, title, meta_byline, drop, force, None)
}

/// [`grab`], never stripping an ancestor of `keep` (the locator's article) as an unlikely
/// candidate: a wrapper named "above-footer" or "header-wrap" around the whole page's prose.
pub fn grab_keeping<'d>(
    doc: &'d crate::dom::Document,
    an: Option<&crate::analysis::Analysis>,
    title: &str,
    meta_byline: bool,
    drop: &[NodeId],
    force: Option<NodeId>,
    keep: Option<NodeId>,
) -> Option<Grabbed<'d>> {
    let mut t = match an {
        Some(an) => Tree::seeded(doc, an),
        None => Tree::new(doc),
    };
    for &d in drop {
        t.remove(d);
    }
    unwrap_noscript_images(&mut t);
    let foreign = foreign_marks(&t);
    // `_removeScripts` and `_prepDocument`: scripts, noscript, styles (and templates, which a
    // browser keeps out of the tree) go; runs of <br> become paragraphs; <font> becomes <span>.
    for i in 0..doc.len() as NodeId {
        if doc.kind(i) == Kind::Element && matches!(doc.tag(i), Tag::Script | Tag::Noscript | Tag::Style | Tag::Template) {
            t.remove(i);
        }
    }
    let mut run = Run { t, flags: STRIP_UNLIKELYS | WEIGHT_CLASSES | CLEAN_CONDITIONALLY, score: Vec::new(), init: Vec::new(), data_table: Vec::new(), foreign, keep };
    let body = doc.body();
    if run.t.is_element(body) {
        replace_brs(&mut run, body);
    }
    for i in 0..doc.len() as NodeId {
        if run.is(i, Tag::Font) {
            run.t.rename(i, "span");
        }
    }
    let pristine = run.t.clone();
    let mut byline: Option<String> = None;
    let mut attempts: Vec<(Tree<'d>, NodeId, usize)> = Vec::new();
    let mut retry = false;
    loop {
        // The first attempt runs on the tree as prepared; a retry on a fresh copy of it.
        if retry {
            run.t = pristine.clone();
        }
        retry = true;
        run.score.clear();
        run.init.clear();
        run.data_table.clear();
        run.grow();
        let out = grab_once(&mut run, body, title, meta_byline, &mut byline, force);
        let Some((root, parent_of_top, top, lang)) = out else { return None };
        let len = inner_len(&run.t, root);
        if len < CHAR_THRESHOLD {
            attempts.push((run.t.clone(), root, len));
            if run.flag(STRIP_UNLIKELYS) {
                run.flags &= !STRIP_UNLIKELYS;
            } else if run.flag(WEIGHT_CLASSES) {
                run.flags &= !WEIGHT_CLASSES;
            } else if run.flag(CLEAN_CONDITIONALLY) {
                run.flags &= !CLEAN_CONDITIONALLY;
            } else {
                // The longest of the attempts (the first of equals).
                let mut best = 0;
                for (k, a) in attempts.iter().enumerate() {
                    if a.2 > attempts[best].2 {
                        best = k;
                    }
                }
                if attempts[best].2 == 0 {
                    return None;
                }
                let (tree, root, _) = attempts.swap_remove(best);
                let dir = text_dir(&run.t, parent_of_top, top);
                run.t = tree;
                return Some(finish(run, root, byline, dir, lang, drop, meta_byline));
            }
            continue;
        }
        let dir = text_dir(&run.t, parent_of_top, top);
        return Some(finish(run, root, byline, dir, lang, drop, meta_byline));
    }
}

fn finish<'d>(mut run: Run<'d>, root: NodeId, mut byline: Option<String>, dir: Option<String>, lang: Option<String>, drop: &[NodeId], meta_byline: bool) -> Grabbed<'d> {
    post_process(&mut run, root);
    // A byline inside a block the clutter detector hid (an author box with "Follow" links):
    // the walk never saw it, so look for it in what was hidden, as the walk would have.
    if byline.is_none() && !meta_byline && !drop.is_empty() {
        let full = Tree::new(run.t.doc);
        for &d in drop {
            let unlikely = |x: NodeId| {
                let ms = match_string(&full, x);
                (words::unlikely(&ms) && !matches!(full.tag(x), Tag::Body | Tag::A)) || !probably_visible(&full, x)
            };
            if std::iter::once(d).chain(full.ancestors_in(d, 0)).any(|x| full.is_element(x) && unlikely(x)) {
                continue;
            }
            // The first element in document order under no unlikely block (an unlikely
            // element's subtree is skipped whole) that reads as a byline.
            let mut found = None;
            let mut next = Some(d);
            while let Some(x) = next {
                if !full.is_element(x) {
                    next = full.next_in(x, d, true);
                    continue;
                }
                let ms = match_string(&full, x);
                if (words::unlikely(&ms) && !matches!(full.tag(x), Tag::Body | Tag::A)) || !probably_visible(&full, x) {
                    next = full.next_in(x, d, true);
                    continue;
                }
                if valid_byline(&full, x, &ms) {
                    found = Some(x);
                    break;
                }
                next = full.next_in(x, d, false);
            }
            if let Some(x) = found {
                let name = std::iter::once(x).chain(full.descendants(x)).find(|&y| full.is_element(y) && full.attr(y, "itemprop").is_some_and(|v| v.contains("name")));
                byline = Some(js_trim(&full.text_content(name.unwrap_or(x))).to_string());
                break;
            }
        }
    }
    Grabbed { tree: run.t, root, byline, dir, lang }
}

/// The `dir` of the top candidate's parent, itself, or the nearest ancestor that has one.
fn text_dir(t: &Tree, parent_of_top: NodeId, top: NodeId) -> Option<String> {
    let mut chain = vec![parent_of_top, top];
    let mut n = parent_of_top;
    while let Some(p) = t.parent(n) {
        chain.push(p);
        n = p;
    }
    chain.into_iter().filter(|&a| t.is_element(a)).find_map(|a| t.attr(a, "dir").filter(|d| !d.is_empty()).map(str::to_string))
}

/// `_replaceBrs`: two or more `<br>` in a row end a paragraph; what follows them (phrasing
/// content up to the next such run) becomes a `<p>`.
fn replace_brs(run: &mut Run, body: NodeId) {
    let brs = run.t.descendants(body).filter(|&d| run.is(d, Tag::Br)).collect::<Vec<_>>();
    for br in brs {
        let mut next = run.t.next_sibling(br);
        let mut replaced = false;
        loop {
            next = skip_blank(&run.t, next);
            match next {
                Some(n) if run.is(n, Tag::Br) => {
                    replaced = true;
                    let sib = run.t.next_sibling(n);
                    run.t.remove(n);
                    next = sib;
                }
                _ => break,
            }
        }
        if !replaced || run.t.parent(br).is_none() {
            continue;
        }
        let p = run.t.create("p");
        run.grow();
        run.t.replace(p, br);
        let mut next = run.t.next_sibling(p);
        while let Some(n) = next {
            if run.is(n, Tag::Br) {
                let after = skip_blank(&run.t, run.t.next_sibling(n));
                if after.is_some_and(|a| run.is(a, Tag::Br)) {
                    break;
                }
            }
            if !run.is_phrasing(n) {
                break;
            }
            let sib = run.t.next_sibling(n);
            run.t.append(p, n);
            next = sib;
        }
        while let Some(l) = run.t.last_child(p) {
            if run.is_whitespace(l) {
                run.t.remove(l);
            } else {
                break;
            }
        }
        if let Some(pp) = run.t.parent(p) {
            if run.is(pp, Tag::P) {
                run.t.rename(pp, "div");
            }
        }
    }
}

/// `_nextNode`: skips non-element nodes whose text is blank.
fn skip_blank(t: &Tree, mut n: Option<NodeId>) -> Option<NodeId> {
    while let Some(x) = n {
        if t.is_element(x) {
            return Some(x);
        }
        let blank = match t.kind(x) {
            Kind::Text | Kind::Comment => js_trim(t.data(x)).is_empty(),
            _ => true,
        };
        if !blank {
            return Some(x);
        }
        n = t.next_sibling(x);
    }
    None
}

/// One pass of `_grabArticle`. Returns the article container, the top candidate's parent, the
/// top candidate and the page's `lang`.
fn grab_once(run: &mut Run, body: NodeId, title: &str, meta_byline: bool, byline: &mut Option<String>, force: Option<NodeId>) -> Option<(NodeId, NodeId, NodeId, Option<String>)> {
    let doc = run.t.doc;
    let strip = run.flag(STRIP_UNLIKELYS);
    let mut to_score: Vec<NodeId> = Vec::new();
    let mut lang = None;
    let mut remove_title_header = true;
    let html = doc.find(Tag::Html).or_else(|| doc.children(0).find(|&c| doc.is_element(c)));
    let mut node = html;
    while let Some(n) = node {
        let tag = run.tag(n);
        if tag == Tag::Html {
            lang = run.t.attr(n, "lang").map(str::to_string);
        }
        if !run.visible(n) {
            node = run.remove_and_next(n);
            continue;
        }
        if run.t.attr(n, "aria-modal") == Some("true") && run.t.attr(n, "role") == Some("dialog") {
            node = run.remove_and_next(n);
            continue;
        }
        let ms = match_string(&run.t, n);
        if byline.is_none() && !meta_byline && valid_byline(&run.t, n, &ms) {
            let end = run.next_node(n, true);
            let mut next = run.next_node(n, false);
            let mut name_node = None;
            while let Some(x) = next {
                if Some(x) == end {
                    break;
                }
                if run.t.attr(x, "itemprop").is_some_and(|v| v.contains("name")) {
                    name_node = Some(x);
                    break;
                }
                next = run.next_node(x, false);
            }
            *byline = Some(js_trim(&run.t.text_content(name_node.unwrap_or(n))).to_string());
            node = run.remove_and_next(n);
            continue;
        }
        if remove_title_header && matches!(tag, Tag::H1 | Tag::H2) && words::text_similarity(title, &js_trim(&run.t.text_content(n)).to_string()) > 0.75 {
            remove_title_header = false;
            node = run.remove_and_next(n);
            continue;
        }
        if strip {
            if words::unlikely(&ms) && !run.keep.is_some_and(|k| doc.contains(n, k)) && !run.has_ancestor(n, Tag::Table, 0, None) && !run.has_ancestor(n, Tag::Code, 0, None) && tag != Tag::Body && tag != Tag::A {
                node = run.remove_and_next(n);
                continue;
            }
            if run.t.attr(n, "role").is_some_and(|r| matches!(r, "menu" | "menubar" | "complementary" | "navigation" | "alert" | "alertdialog" | "dialog")) {
                node = run.remove_and_next(n);
                continue;
            }
        }
        if matches!(tag, Tag::Div | Tag::Section | Tag::Header | Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6) && run.without_content(n) {
            node = run.remove_and_next(n);
            continue;
        }
        if matches!(tag, Tag::Section | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::P | Tag::Td | Tag::Pre) {
            to_score.push(n);
        }
        let mut cur = n;
        if tag == Tag::Div {
            // Put phrasing content into paragraphs.
            let mut p: Option<NodeId> = None;
            let mut child = run.t.first_child(n);
            while let Some(c) = child {
                let next = run.t.next_sibling(c);
                if run.is_phrasing(c) {
                    if let Some(p) = p {
                        run.t.append(p, c);
                    } else if !run.is_whitespace(c) {
                        let np = run.t.create("p");
                        run.grow();
                        run.t.replace(np, c);
                        run.t.append(np, c);
                        p = Some(np);
                    }
                } else if let Some(pp) = p {
                    while let Some(l) = run.t.last_child(pp) {
                        if run.is_whitespace(l) {
                            run.t.remove(l);
                        } else {
                            break;
                        }
                    }
                    p = None;
                }
                child = next;
            }
            if run.single_tag_inside(n, Tag::P) && run.link_density(n) < 0.25 {
                if let Some(only) = run.t.first_element_child(n) {
                    run.t.replace(only, n);
                    cur = only;
                    to_score.push(only);
                }
            } else if !run.has_child_block(n) {
                run.t.rename(n, "p");
                to_score.push(n);
            }
        }
        node = run.next_node(cur, false);
    }

    // Score paragraphs and their ancestors.
    let mut candidates: Vec<NodeId> = Vec::new();
    for &e in &to_score {
        let Some(parent) = run.t.parent(e) else { continue };
        if !run.t.is_element(parent) {
            continue;
        }
        let len = run.inner_len(e);
        if len < 25 {
            continue;
        }
        let commas = run.count_chars(e, &[',', '\u{60C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}', '\u{FF0C}'], usize::MAX);
        let content = 1.0 + (commas + 1) as f64 + ((len / 100).min(3)) as f64;
        let mut a = e;
        for level in 0..5 {
            let Some(anc) = run.t.parent(a) else { break };
            a = anc;
            // Skip the document and the root element (whose parent is the document).
            let Some(ap) = run.t.parent(anc) else { break };
            if !run.t.is_element(anc) || !run.t.is_element(ap) {
                continue;
            }
            if !run.init[anc as usize] {
                run.initialize(anc);
                candidates.push(anc);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            run.score[anc as usize] += content / div;
        }
    }

    let mut top: Vec<NodeId> = Vec::new();
    for &c in &candidates {
        let s = run.score[c as usize] * (1.0 - run.link_density(c));
        run.score[c as usize] = s;
        for k in 0..N_TOP_CANDIDATES {
            if k >= top.len() || s > run.score[top[k] as usize] {
                top.insert(k, c);
                top.truncate(N_TOP_CANDIDATES);
                break;
            }
        }
    }

    let mut top_candidate = top.first().copied().filter(|&c| !run.is(c, Tag::Body));
    let parent_of_top;
    // A container chosen by the caller (when Readability's pick holds little of the page's
    // prose) replaces the scored one, if it is still in the page.
    if let Some(f) = force.filter(|&f| run.t.contains(body, f) && f != body) {
        if !run.init[f as usize] {
            run.initialize(f);
        }
        top = vec![f];
        top_candidate = Some(f);
    }
    let tc = match top_candidate.take() {
        Some(f) if force == Some(f) => f,
        None => {
            // Nothing scored: the whole body, moved into a new div.
            let div = run.t.create("div");
            run.grow();
            run.t.move_children(body, div);
            run.t.append(body, div);
            run.initialize(div);
            div
        }
        Some(mut tc) => {
            let first_score = run.score[tc as usize];
            let mut alt_ancestors: Vec<Vec<NodeId>> = Vec::new();
            for &c in top.iter().skip(1) {
                if run.score[c as usize] / first_score >= 0.75 {
                    alt_ancestors.push(ancestors(&run.t, c));
                }
            }
            if alt_ancestors.len() >= 3 {
                let mut p = run.t.parent(tc);
                while let Some(pp) = p {
                    if run.is(pp, Tag::Body) || !run.t.is_element(pp) {
                        break;
                    }
                    let lists = alt_ancestors.iter().filter(|l| l.contains(&pp)).count();
                    if lists >= 3 {
                        tc = pp;
                        break;
                    }
                    p = run.t.parent(pp);
                }
            }
            if !run.init[tc as usize] {
                run.initialize(tc);
            }
            // Climb while the parents' scores hold up; a parent scoring higher wins.
            let mut p = run.t.parent(tc);
            let mut last = run.score[tc as usize];
            let threshold = last / 3.0;
            while let Some(pp) = p {
                if run.is(pp, Tag::Body) || !run.t.is_element(pp) {
                    break;
                }
                if !run.init[pp as usize] {
                    p = run.t.parent(pp);
                    continue;
                }
                let ps = run.score[pp as usize];
                if ps < threshold {
                    break;
                }
                if ps > last {
                    tc = pp;
                    break;
                }
                last = ps;
                p = run.t.parent(pp);
            }
            // An only child: use the parent (its siblings may hold the rest).
            let mut p = run.t.parent(tc);
            while let Some(pp) = p {
                if run.is(pp, Tag::Body) || !run.t.is_element(pp) || run.t.element_child_count(pp) != 1 {
                    break;
                }
                tc = pp;
                p = run.t.parent(tc);
            }
            if !run.init[tc as usize] {
                run.initialize(tc);
            }
            tc
        }
    };

    // Join the siblings that belong with the top candidate.
    let article = run.t.create("div");
    run.grow();
    let tc_score = run.score[tc as usize];
    let threshold = f64::max(10.0, tc_score * 0.2);
    parent_of_top = run.t.parent(tc).unwrap_or(body);
    let siblings: Vec<NodeId> = run.t.element_children(parent_of_top).collect();
    let tc_class = run.t.class(tc).to_string();
    for s in siblings {
        let mut append = s == tc;
        if !append {
            let bonus = if !tc_class.is_empty() && run.t.class(s) == tc_class { tc_score * 0.2 } else { 0.0 };
            if run.init[s as usize] && run.score[s as usize] + bonus >= threshold {
                append = true;
            } else if run.is(s, Tag::P) {
                let ld = run.link_density(s);
                let content = run.inner(s);
                let len = js_len(&content);
                if len > 80 && ld < 0.25 {
                    append = true;
                } else if len < 80 && len > 0 && ld == 0.0 && (content.contains(". ") || content.ends_with('.')) {
                    append = true;
                }
            }
        }
        if append {
            if !matches!(run.tag(s), Tag::Div | Tag::Article | Tag::Section | Tag::P | Tag::Ol | Tag::Ul) {
                run.t.rename(s, "div");
            }
            run.t.append(article, s);
        }
    }
    prep_article(run, article);
    // The page container Readability wraps the content in.
    let page = run.t.create("div");
    run.grow();
    run.t.move_children(article, page);
    run.t.append(article, page);
    Some((article, parent_of_top, tc, lang))
}

fn ancestors(t: &Tree, id: NodeId) -> Vec<NodeId> {
    let mut v = Vec::new();
    let mut n = id;
    while let Some(p) = t.parent(n) {
        v.push(p);
        n = p;
    }
    v
}

/// `_isValidByline`: `rel=author`, `itemprop~=author` or a byline-ish class/id, with short text.
fn valid_byline(t: &Tree, id: NodeId, ms: &str) -> bool {
    let named = t.attr(id, "rel") == Some("author") || t.attr(id, "itemprop").is_some_and(|v| v.contains("author")) || words::byline(ms);
    if !named {
        return false;
    }
    let len = js_len(js_trim(&t.text_content(id)));
    len > 0 && len < 100
}

/// `_prepArticle`: cleans the joined content for presentation.
fn prep_article(run: &mut Run, root: NodeId) {
    mark_data_tables(run, root);
    fix_lazy_images(run, root);
    // The tags the article holds, in one walk: each cleaning below walks the article for its
    // tag, and most articles have none of most of them. (The cleanings only remove, and the
    // renames come after the last of them, so a tag absent now stays absent.)
    let mut present = 0u128;
    for d in run.t.descendants(root) {
        if run.t.is_element(d) {
            present |= 1u128 << (run.t.tag(d) as u32);
        }
    }
    let has = |name: &str| match Tag::from_name(name) {
        Tag::Other => true,
        tag => present & (1u128 << (tag as u32)) != 0,
    };
    for tag in ["form", "fieldset"] {
        if has(tag) {
            clean_conditionally(run, root, tag);
        }
    }
    for tag in ["object", "embed", "footer", "link", "aside"] {
        if has(tag) {
            clean(run, root, tag);
        }
    }
    // Small share blocks below each top-level child.
    let kids: Vec<NodeId> = run.t.element_children(root).collect();
    for k in kids {
        let end = run.next_node(k, true);
        let mut next = run.next_node(k, false);
        while let Some(x) = next {
            if Some(x) == end {
                break;
            }
            let ms = match_string(&run.t, x);
            if words::share(&ms) && js_len(&run.t.text_content(x)) < CHAR_THRESHOLD {
                next = run.remove_and_next(x);
            } else {
                next = run.next_node(x, false);
            }
        }
    }
    for tag in ["iframe", "input", "textarea", "select", "button"] {
        if has(tag) {
            clean(run, root, tag);
        }
    }
    // Headings with a negative class weight.
    for h in run.t.by_tags(root, &[Tag::H1, Tag::H2]).into_iter().rev() {
        if run.tag(h).is_heading() && run.class_weight(h) < 0.0 {
            run.t.remove(h);
        }
    }
    for tag in ["table", "ul", "div"] {
        if has(tag) {
            clean_conditionally(run, root, tag);
        }
    }
    for h in run.t.by_tags(root, &[Tag::H1]) {
        if run.is(h, Tag::H1) {
            run.t.rename(h, "h2");
        }
    }
    // Empty paragraphs.
    for p in run.t.by_tags(root, &[Tag::P]).into_iter().rev() {
        if !run.is(p, Tag::P) {
            continue;
        }
        let media = run.t.descendants(p).any(|d| matches!(run.tag(d), Tag::Img | Tag::Embed | Tag::Object | Tag::Iframe));
        if !media && js_trim(&run.t.text_content(p)).is_empty() {
            run.t.remove(p);
        }
    }
    for br in run.t.by_tags(root, &[Tag::Br]) {
        let next = skip_blank(&run.t, run.t.next_sibling(br));
        if next.is_some_and(|n| run.is(n, Tag::P)) {
            run.t.remove(br);
        }
    }
    // Single-cell tables become their cell.
    for table in run.t.by_tags(root, &[Tag::Table]) {
        if !run.is(table, Tag::Table) || run.t.parent(table).is_none() {
            continue;
        }
        let tbody = if run.single_tag_inside(table, Tag::Tbody) { run.t.first_element_child(table).unwrap_or(table) } else { table };
        if run.single_tag_inside(tbody, Tag::Tr) {
            let Some(row) = run.t.first_element_child(tbody) else { continue };
            if run.single_tag_inside(row, Tag::Td) {
                let Some(cell) = run.t.first_element_child(row) else { continue };
                let phrasing = run.t.children(cell).all(|c| run.is_phrasing(c));
                run.t.rename(cell, if phrasing { "p" } else { "div" });
                run.t.replace(cell, table);
            }
        }
    }
}

/// `_markDataTables`.
fn mark_data_tables(run: &mut Run, root: NodeId) {
    for table in run.t.by_tags(root, &[Tag::Table]) {
        if !run.is(table, Tag::Table) {
            continue;
        }
        let data = is_data_table(run, table);
        run.grow();
        run.data_table[table as usize] = data;
    }
}

fn is_data_table(run: &Run, table: NodeId) -> bool {
    let t = &run.t;
    if t.attr(table, "role") == Some("presentation") || t.attr(table, "datatable") == Some("0") {
        return false;
    }
    if t.attr(table, "summary").is_some_and(|s| !s.is_empty()) {
        return true;
    }
    if let Some(c) = t.descendants(table).find(|&d| run.is(d, Tag::Caption)) {
        if t.first_child(c).is_some() {
            return true;
        }
    }
    if t.descendants(table).any(|d| t.is_element(d) && (matches!(run.tag(d), Tag::Tfoot | Tag::Thead | Tag::Th) || matches!(t.name(d), "col" | "colgroup"))) {
        return true;
    }
    if t.descendants(table).any(|d| run.is(d, Tag::Table)) {
        return false;
    }
    let (mut rows, mut cols) = (0usize, 0usize);
    for tr in t.by_tags(table, &[Tag::Tr]) {
        rows += t.attr(tr, "rowspan").and_then(parse_int).filter(|&n| n > 0).unwrap_or(1);
        let mut in_row = 0;
        for td in t.by_tags(tr, &[Tag::Td]) {
            in_row += t.attr(td, "colspan").and_then(parse_int).filter(|&n| n > 0).unwrap_or(1);
        }
        cols = cols.max(in_row);
    }
    if rows == 1 || cols == 1 {
        return false;
    }
    if rows >= 10 || cols > 4 {
        return true;
    }
    rows * cols > 10
}

/// `parseInt(s, 10)` for the non-negative values that matter here.
fn parse_int(s: &str) -> Option<usize> {
    let d: String = s.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
    d.parse().ok().map(|n: usize| n.min(1000))
}

/// `_fixLazyImages`: placeholder data URIs dropped, image URLs found in other attributes
/// copied to `src` / `srcset`; figures with an image URL but no image get one.
fn fix_lazy_images(run: &mut Run, root: NodeId) {
    for el in run.t.by_tags(root, &[Tag::Img, Tag::Picture, Tag::Figure]) {
        let tag = run.tag(el);
        if !matches!(tag, Tag::Img | Tag::Picture | Tag::Figure) {
            continue;
        }
        if tag == Tag::Img {
            if let Some(src) = run.t.attr(el, "src").map(str::to_string) {
                if let Some((mime, b64start)) = b64_data_url(&src) {
                    if mime == "image/svg+xml" {
                        continue;
                    }
                    let other = run.t.attrs(el).iter().any(|(n, v)| *n != "src" && words::has_image_ext(v));
                    if other && js_len(&src) - b64start < 133 {
                        run.t.remove_attr(el, "src");
                    }
                }
            }
            let has_src = run.t.has_attr(el, "src");
            let srcset = run.t.attr(el, "srcset").is_some_and(|s| !s.is_empty() && s != "null");
            if (has_src || srcset) && !run.t.class(el).to_lowercase().contains("lazy") {
                continue;
            }
        }
        let attrs: Vec<(String, String)> = run.t.attrs(el).into_iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        for (name, value) in attrs {
            if matches!(name.as_str(), "src" | "srcset" | "alt") {
                continue;
            }
            let copy_to = if words::srcset_like(&value) {
                "srcset"
            } else if words::url_like(&value) {
                "src"
            } else {
                continue;
            };
            match tag {
                Tag::Img | Tag::Picture => run.t.set_attr(el, copy_to, &value),
                _ => {
                    if run.t.count_tags(el, &[Tag::Img, Tag::Picture]) == 0 {
                        let img = run.t.create("img");
                        run.grow();
                        run.t.set_attrs(img, vec![(copy_to.to_string(), value.clone())]);
                        run.t.append(el, img);
                    }
                }
            }
        }
    }
}

/// `/^data:\s*([^\s;,]+)\s*;\s*base64\s*,/i`: the MIME type and where the data starts.
fn b64_data_url(src: &str) -> Option<(String, usize)> {
    let lower = src.to_ascii_lowercase();
    let rest = lower.strip_prefix("data:")?;
    let r = rest.trim_start_matches(js_space);
    let mime: String = r.chars().take_while(|c| !js_space(*c) && *c != ';' && *c != ',').collect();
    if mime.is_empty() {
        return None;
    }
    let r = r[mime.len()..].trim_start_matches(js_space).strip_prefix(';')?;
    let r = r.trim_start_matches(js_space).strip_prefix("base64")?;
    let r = r.trim_start_matches(js_space).strip_prefix(',')?;
    Some((mime, js_len(&src[..src.len() - r.len()])))
}

fn allowed_video(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = l[from..].find("//").map(|i| i + from) {
        let rest = &l[i + 2..];
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        for host in [
            "dailymotion.com", "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "v.qq.com", "bilibili.com", "live.bilibili.com", "archive.org",
            "upload.wikimedia.org", "player.twitch.tv",
        ] {
            if rest.starts_with(host) {
                return true;
            }
        }
        from = i + 2;
    }
    false
}

/// An embed Readability keeps: an attribute (or, for `<object>`, the markup) names a video host.
fn video_embed(run: &Run, id: NodeId) -> bool {
    if run.t.attrs(id).iter().any(|(_, v)| allowed_video(v)) {
        return true;
    }
    run.t.name(id) == "object" && run.t.descendants(id).any(|d| (run.t.is_element(d) && run.t.attrs(d).iter().any(|(_, v)| allowed_video(v))) || (run.t.is_text(d) && allowed_video(run.t.data(d))))
}

/// `_clean`: removes every `tag` element (video embeds excepted).
fn clean(run: &mut Run, root: NodeId, tag: &str) {
    let embed = matches!(tag, "object" | "embed" | "iframe");
    let list = run.t.by_name(root, tag);
    for el in list.into_iter().rev() {
        if run.t.parent(el).is_none() || run.foreign.get(el as usize).copied().unwrap_or(false) {
            continue;
        }
        if embed && video_embed(run, el) {
            continue;
        }
        run.t.remove(el);
    }
}

fn text_density(run: &Run, id: NodeId, tags: &[Tag]) -> f64 {
    let len = run.inner_len(id);
    if len == 0 {
        return 0.0;
    }
    let mut sum = 0;
    for d in run.t.descendants(id) {
        if tags.contains(&run.tag(d)) {
            sum += run.inner_len(d);
        }
    }
    sum as f64 / len as f64
}

/// `_cleanConditionally`: removes `tag` elements that look like clutter (link lists, image
/// galleries without text, forms, lone embeds...), keeping data tables and code.
fn clean_conditionally(run: &mut Run, root: NodeId, tag: &str) {
    if !run.flag(CLEAN_CONDITIONALLY) {
        return;
    }
    let list = run.t.by_name(root, tag);
    for node in list.into_iter().rev() {
        if run.t.parent(node).is_none() || run.foreign.get(node as usize).copied().unwrap_or(false) || run.t.name(node) != tag {
            continue;
        }
        if should_remove(run, node, tag) {
            run.t.remove(node);
        }
    }
}

fn should_remove(run: &Run, node: NodeId, tag: &str) -> bool {
    let t = &run.t;
    let mut is_list = tag == "ul" || tag == "ol";
    if !is_list {
        let list_len: usize = t.by_tags(node, &[Tag::Ul, Tag::Ol]).into_iter().map(|l| run.inner_len(l)).sum();
        let len = run.inner_len(node);
        is_list = len > 0 && list_len as f64 / len as f64 > 0.9;
    }
    let dt = |x: NodeId| run.data_table.get(x as usize).copied().unwrap_or(false);
    if tag == "table" && dt(node) {
        return false;
    }
    if run.has_ancestor(node, Tag::Table, -1, Some(&dt)) {
        return false;
    }
    if run.has_ancestor(node, Tag::Code, 0, None) {
        return false;
    }
    if t.descendants(node).any(|d| run.is(d, Tag::Table) && dt(d)) {
        return false;
    }
    let weight = run.class_weight(node);
    if weight < 0.0 {
        return true;
    }
    if run.count_chars(node, &[','], 10) >= 10 {
        return false;
    }
    // The element counts and the embeds in one walk (Readability makes one per tag).
    let (mut p, mut img, mut li_count, mut input, mut embeds) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for e in t.descendants(node) {
        if !t.is_element(e) {
            continue;
        }
        // Counted by tag, foreign content included (as `count_tags` does); embeds by `run.tag`.
        match t.tag(e) {
            Tag::P => p += 1,
            Tag::Img => img += 1,
            Tag::Li => li_count += 1,
            Tag::Input => input += 1,
            _ => {}
        }
        if matches!(run.tag(e), Tag::Object | Tag::Embed | Tag::Iframe) {
            if video_embed(run, e) {
                return false;
            }
            embeds += 1;
        }
    }
    let (p, img, li, input) = (p as f64, img as f64, li_count as f64 - 100.0, input as f64);
    let heading_density = text_density(run, node, &[Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6]);
    let content_len = run.inner_len(node);
    // Only a short text can be an ad label or a loading note.
    if content_len <= 40 && words::ad_or_loading(&run.inner(node)) {
        return true;
    }
    let ld = run.link_density(node);
    let textish = [Tag::Span, Tag::Li, Tag::Td, Tag::Blockquote, Tag::Dl, Tag::Div, Tag::Img, Tag::Ol, Tag::P, Tag::Pre, Tag::Table, Tag::Ul];
    let td = text_density(run, node, &textish);
    let figure_child = run.has_ancestor(node, Tag::Figure, 0, None);
    // (Past Readability: in a list, an item that says something of its own, neither a linked
    // title (its first words a link), a headed teaser nor a picture's caption, counts as a
    // paragraph: the steps of a recipe or a how-to, each with its picture.)
    let aside = |d: NodeId| matches!(t.tag(d), Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Figure | Tag::Figcaption);
    // (Its first words not a link: a teaser's title is.)
    let opens_with_link = |l: NodeId| t.descendants(l).find(|&d| t.is_text(d) && !t.data(d).trim().is_empty()).is_some_and(|d| t.ancestors_in(d, l).any(|a| t.tag(a) == Tag::A));
    let steps = || if is_list { t.by_tags(node, &[Tag::Li]).into_iter().filter(|&l| run.inner_len(l) >= 25 && run.link_density(l) < 0.3 && !t.descendants(l).any(aside) && !opens_with_link(l)).count() as f64 } else { 0.0 };
    let mut remove = (!figure_child && img > 1.0 && p / img < 0.5 && (p + steps()) / img < 0.5)
        || (!is_list && li > p)
        || (input > (p / 3.0).floor())
        || (!is_list && !figure_child && heading_density < 0.9 && content_len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0)
        || (!is_list && weight < 25.0 && ld > 0.2)
        || (weight >= 25.0 && ld > 0.5)
        || ((embeds == 1 && content_len < 75) || embeds > 1)
        || (img == 0.0 && td == 0.0);
    if is_list && remove {
        for c in t.element_children(node) {
            if t.element_child_count(c) > 1 {
                return remove;
            }
        }
        if img as usize == li_count {
            remove = false;
        }
    }
    remove
}

/// `_postProcessContent` (what changes the tree): `javascript:` links lose their link, nested
/// single-child divs and sections collapse, empty ones go.
fn post_process(run: &mut Run, root: NodeId) {
    for a in run.t.by_tags(root, &[Tag::A]) {
        if run.t.attr(a, "href").is_some_and(|h| h.starts_with("javascript:")) {
            run.t.rename(a, "span");
            run.t.set_attrs(a, Vec::new());
        }
    }
    let page = run.t.first_element_child(root);
    let mut node = Some(root);
    while let Some(n) = node {
        if run.t.parent(n).is_some() && matches!(run.tag(n), Tag::Div | Tag::Section) && Some(n) != page && n != root {
            if run.without_content(n) {
                node = run.remove_and_next(n);
                continue;
            }
            if run.single_tag_inside(n, Tag::Div) || run.single_tag_inside(n, Tag::Section) {
                if let Some(child) = run.t.first_element_child(n) {
                    run.t.replace(child, n);
                    node = Some(child);
                    continue;
                }
            }
        }
        node = run.next_node(n, false);
        if node.is_some_and(|x| !run.t.contains(root, x)) {
            break;
        }
    }
}

/// `_unwrapNoscriptImages`: placeholder images without any source go; a `<noscript>` holding
/// a single image replaces the placeholder before it (keeping the placeholder's image URLs).
fn unwrap_noscript_images(t: &mut Tree) {
    let doc = t.doc;
    for i in 0..doc.len() as NodeId {
        if doc.kind(i) != Kind::Element || doc.tag(i) != Tag::Img {
            continue;
        }
        let keep = doc.attrs(i).any(|(n, v)| matches!(n, "src" | "srcset" | "data-src" | "data-srcset") || words::has_image_ext(v));
        if !keep {
            t.remove(i);
        }
    }
    for ns in 0..doc.len() as NodeId {
        if doc.kind(ns) != Kind::Element || doc.tag(ns) != Tag::Noscript || t.parent(ns).is_none() {
            continue;
        }
        let raw = t.text_content(ns);
        let Some(mut new_attrs) = noscript_image(&raw) else { continue };
        let Some(prev) = t.prev_element_sibling(ns) else { continue };
        let Some(prev_img) = single_image(t, prev) else { continue };
        for (n, v) in t.attrs(prev_img) {
            if v.is_empty() {
                continue;
            }
            if n == "src" || n == "srcset" || words::has_image_ext(v) {
                if new_attrs.iter().any(|(k, x)| k == n && x == v) {
                    continue;
                }
                let name = if new_attrs.iter().any(|(k, _)| k == n) { format!("data-old-{n}") } else { n.to_string() };
                match new_attrs.iter_mut().find(|(k, _)| *k == name) {
                    Some(x) => x.1 = v.to_string(),
                    None => new_attrs.push((name, v.to_string())),
                }
            }
        }
        let img = t.create("img");
        t.set_attrs(img, new_attrs);
        t.replace(img, prev);
    }
}

/// `_isSingleImage`: an image, or a chain of single-child elements without text ending in one.
fn single_image(t: &Tree, mut id: NodeId) -> Option<NodeId> {
    loop {
        if t.tag(id) == Tag::Img {
            return Some(id);
        }
        if t.element_child_count(id) != 1 || !js_trim(&t.text_content(id)).is_empty() {
            return None;
        }
        id = t.first_element_child(id)?;
    }
}

/// The attributes of the image a `<noscript>`'s raw markup holds when it holds only a chain of
/// elements ending in one `<img>` (a hand-written scan; the core has no HTML parser).
pub fn noscript_image(raw: &str) -> Option<Attrs> {
    let mut rest = raw;
    let mut found: Option<Attrs> = None;
    loop {
        let lt = match rest.find('<') {
            Some(i) => i,
            None => {
                return if js_trim(rest).is_empty() { found } else { None };
            }
        };
        if !js_trim(&rest[..lt]).is_empty() {
            return None;
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let e = rest.find("-->")?;
            rest = &rest[e + 3..];
            continue;
        }
        let gt = tag_end(rest)?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('/') {
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if found.is_some() {
            return None;
        }
        if name == "img" {
            found = Some(parse_attrs(&tag[3..]));
        }
    }
}

/// Index of the `>` closing a tag that starts at 0 (quotes respected).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Attributes of a start tag's inside: `name`, `name=value`, `name="value"`, `name='value'`.
fn parse_attrs(s: &str) -> Attrs {
    let mut out: Attrs = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        if start == i {
            i += 1;
            continue;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = decode_entities(&s[vs..i.min(b.len())]);
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&s[vs..i]);
            }
        }
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, value));
        }
    }
    out
}

/// Decodes the character references that appear in attribute values (`&amp;`, `&quot;`,
/// `&#39;`, `&#x27;`, `&lt;`, `&gt;`, `&apos;`, `&nbsp;`).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let rep = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let n = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else if let Some(d) = ent.strip_prefix('#') {
                        d.parse().ok()
                    } else {
                        None
                    };
                    n.map(|n| char::from_u32(n).filter(|&c| c != '\0').unwrap_or('\u{fffd}'))
                }
            };
            c.map(|c| (c, e))
        });
        match rep {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noscript_images_are_read_by_hand() {
        let a = noscript_image(r#" <img src="/a.jpg?x=1&amp;y=2" alt='A "b"' width=10> "#).unwrap();
        assert_eq!(a, vec![("src".into(), "/a.jpg?x=1&y=2".into()), ("alt".into(), "A \"b\"".into()), ("width".into(), "10".into())]);
        assert!(noscript_image("<span><img src=x></span>").is_some());
        assert!(noscript_image("<img src=x><img src=y>").is_none());
        assert!(noscript_image("Please enable JavaScript").is_none());
        assert!(noscript_image("<iframe src=x></iframe>").is_none());
    }

    #[test]
    fn data_urls_and_video_hosts() {
        assert_eq!(b64_data_url("data:image/png;base64,AAAA"), Some(("image/png".to_string(), 22)));
        assert!(b64_data_url("http://x/a.png").is_none());
        assert!(allowed_video("https://www.youtube.com/embed/x") && allowed_video("//player.vimeo.com/video/1") && !allowed_video("https://evil.com/?youtube.com"));
        assert!(style_is("color: red; display : none !important", "display", "none"));
    }
}
