//! The document model every decision is made on.
//!
//! A compact, read-only tree in document (pre-)order: node `i`'s descendants are exactly the
//! indices `i + 1 .. end(i)`, so subtree questions are range questions and bottom-up aggregation
//! is one reverse loop. All strings live in one buffer. Both adapters build it with [`Builder`]:
//! the native one from html5ever's tree, the live-DOM one from the bulk record the page-side
//! gatherer produces (see `src/web/dom.js`). The core never sees a parser or a browser type.

use std::ops::Range;

/// Index of a node in [`Document`]; node 0 is the document itself.
pub type NodeId = u32;
/// "No node" (no parent, no next sibling).
pub const NONE: NodeId = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Document,
    Element,
    Text,
    Comment,
    Doctype,
}

/// Tags the heuristics ask about by name; everything else is [`Tag::Other`] (its name is kept).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[rustfmt::skip]
pub enum Tag {
    Html, Head, Body, Title, Meta, Link, Base, Script, Style, Noscript, Template,
    Div, Span, P, A, Img, Picture, Source, Figure, Figcaption, Video, Audio, Iframe, Embed, Object,
    Svg, Math, Canvas, H1, H2, H3, H4, H5, H6, Ul, Ol, Li, Dl, Dt, Dd, Table, Thead, Tbody, Tfoot,
    Tr, Td, Th, Caption, Pre, Code, Blockquote, Br, Hr, Article, Section, Main, Aside, Nav, Header,
    Footer, Form, Input, Button, Select, Textarea, Label, Ins, Time, Address, B, I, Em, Strong, Sup,
    Sub, Small, Center, Font, Details, Summary, Dialog,
    Other,
}

impl Tag {
    #[rustfmt::skip]
    pub fn from_name(name: &str) -> Tag {
        use Tag::*;
        match name {
            "html" => Html, "head" => Head, "body" => Body, "title" => Title, "meta" => Meta,
            "link" => Link, "base" => Base, "script" => Script, "style" => Style,
            "noscript" => Noscript, "template" => Template, "div" => Div, "span" => Span, "p" => P,
            "a" => A, "img" => Img, "picture" => Picture, "source" => Source, "figure" => Figure,
            "figcaption" => Figcaption, "video" => Video, "audio" => Audio, "iframe" => Iframe,
            "embed" => Embed, "object" => Object, "svg" => Svg, "math" => Math, "canvas" => Canvas,
            "h1" => H1, "h2" => H2, "h3" => H3, "h4" => H4, "h5" => H5, "h6" => H6, "ul" => Ul,
            "ol" => Ol, "li" => Li, "dl" => Dl, "dt" => Dt, "dd" => Dd, "table" => Table,
            "thead" => Thead, "tbody" => Tbody, "tfoot" => Tfoot, "tr" => Tr, "td" => Td,
            "th" => Th, "caption" => Caption, "pre" => Pre, "code" => Code,
            "blockquote" => Blockquote, "br" => Br, "hr" => Hr, "article" => Article,
            "section" => Section, "main" => Main, "aside" => Aside, "nav" => Nav,
            "header" => Header, "footer" => Footer, "form" => Form, "input" => Input,
            "button" => Button, "select" => Select, "textarea" => Textarea, "label" => Label,
            "ins" => Ins, "time" => Time, "address" => Address, "b" => B, "i" => I, "em" => Em,
            "strong" => Strong, "sup" => Sup, "sub" => Sub, "small" => Small, "center" => Center,
            "font" => Font, "details" => Details, "summary" => Summary, "dialog" => Dialog,
            _ => Other,
        }
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Elements whose text is never shown as text (scripts, styles, templates).
    pub fn is_non_rendered(self) -> bool {
        matches!(self, Tag::Script | Tag::Style | Tag::Template | Tag::Noscript | Tag::Head | Tag::Title)
    }

    /// Block-level for text layout: text on either side of one of these is on another line.
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Html | Body | Div | P | Figure | Figcaption | H1 | H2 | H3 | H4 | H5 | H6 | Ul | Ol | Li
                | Dl | Dt | Dd | Table | Thead | Tbody | Tfoot | Tr | Caption | Pre | Blockquote
                | Hr | Article | Section | Main | Aside | Nav | Header | Footer | Form | Address
                | Center | Details | Summary | Dialog | Video | Audio | Iframe | Td | Th
        )
    }
}

/// Layout facts the live-DOM adapter measures for some elements (the native side has none).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Layout {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub flags: u8,
}

impl Layout {
    pub const FIXED: u8 = 1;
    pub const STICKY: u8 = 2;
    /// Not rendered (display: none or visibility: hidden) before Declutter touched the page.
    pub const HIDDEN: u8 = 4;
    /// `overflow: hidden` with a height limit (a truncated "continue reading" body).
    pub const CLIPPED: u8 = 8;
}

#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub kind: Kind,
    pub tag: Tag,
    pub parent: NodeId,
    pub next_sibling: NodeId,
    /// One past the last descendant.
    pub end: NodeId,
    /// Lower-case tag name (elements) or doctype name.
    name: Span,
    /// Text or comment data; an element's class attribute value.
    data: Span,
    attrs: (u32, u32),
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    nodes: Vec<Node>,
    buf: String,
    attrs: Vec<(Span, Span)>,
    /// Measured layout facts, and for each node the index of its entry plus one (0: none). A
    /// dense index costs four bytes a node and needs no sorting (less code in the wasm).
    layout: Vec<Layout>,
    layout_of: Vec<u32>,
    /// Viewport size when measured in a browser.
    pub viewport: Option<(f32, f32)>,
    /// The page address, for resolving relative URLs and per-site settings.
    pub url: Option<String>,
}

impl Document {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }
    pub fn kind(&self, id: NodeId) -> Kind {
        self.nodes[id as usize].kind
    }
    pub fn tag(&self, id: NodeId) -> Tag {
        self.nodes[id as usize].tag
    }
    pub fn is_element(&self, id: NodeId) -> bool {
        self.nodes[id as usize].kind == Kind::Element
    }
    /// (By `get`, not indexing: a span is always whole characters, and indexing would bring
    /// str slicing's panic formatting, about 3 KB, into the every-page module.)
    fn span(&self, s: Span) -> &str {
        self.buf.get(s.start as usize..(s.start + s.len) as usize).unwrap_or("")
    }
    /// Lower-case tag name of an element; the name of a doctype; "" otherwise.
    pub fn name(&self, id: NodeId) -> &str {
        self.span(self.nodes[id as usize].name)
    }
    /// A text node with something besides white space: words a reader sees.
    pub fn has_words(&self, id: NodeId) -> bool {
        self.kind(id) == Kind::Text && !self.data(id).trim().is_empty()
    }
    /// Data of a text or comment node; "" otherwise.
    pub fn data(&self, id: NodeId) -> &str {
        let n = &self.nodes[id as usize];
        match n.kind {
            Kind::Element => "",
            _ => self.span(n.data),
        }
    }
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes[id as usize].parent;
        (p != NONE).then_some(p)
    }
    /// Descendants of `id` (not `id` itself), in document order.
    pub fn descendants(&self, id: NodeId) -> Range<NodeId> {
        id + 1..self.nodes[id as usize].end
    }
    pub fn children(&self, id: NodeId) -> Children<'_> {
        let n = &self.nodes[id as usize];
        Children { doc: self, next: if n.end > id + 1 { id + 1 } else { NONE } }
    }
    /// Ancestors of `id` from its parent up to the document.
    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors { doc: self, next: self.nodes[id as usize].parent }
    }
    /// True when `a` is `b` or one of its ancestors.
    pub fn contains(&self, a: NodeId, b: NodeId) -> bool {
        a <= b && b < self.nodes[a as usize].end
    }
    pub fn attrs(&self, id: NodeId) -> impl Iterator<Item = (&str, &str)> + '_ {
        let (a, b) = self.nodes[id as usize].attrs;
        self.attrs[a as usize..b as usize].iter().map(move |&(n, v)| (self.span(n), self.span(v)))
    }
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.attr_index(id, name).map(|i| self.span(self.attrs[i].1))
    }
    pub fn has_attr(&self, id: NodeId, name: &str) -> bool {
        self.attr_index(id, name).is_some()
    }
    /// The attribute named `name`, compared as bytes (the hottest lookup of the core).
    fn attr_index(&self, id: NodeId, name: &str) -> Option<usize> {
        let (a, b) = self.nodes[id as usize].attrs;
        let buf = self.buf.as_bytes();
        (a as usize..b as usize).find(|&i| {
            let n = self.attrs[i].0;
            n.len as usize == name.len() && &buf[n.start as usize..(n.start + n.len) as usize] == name.as_bytes()
        })
    }
    pub fn id_attr(&self, id: NodeId) -> &str {
        self.attr(id, "id").unwrap_or("")
    }
    pub fn class(&self, id: NodeId) -> &str {
        let n = &self.nodes[id as usize];
        match n.kind {
            // Kept by the builder in the element's data slot: no attribute search.
            Kind::Element => self.span(n.data),
            _ => "",
        }
    }
    pub fn has_class(&self, id: NodeId, class: &str) -> bool {
        crate::chars::ascii_words(self.class(id)).any(|c| c == class)
    }
    pub fn layout(&self, id: NodeId) -> Option<&Layout> {
        match self.layout_of.get(id as usize) {
            Some(&k) if k > 0 => self.layout.get(k as usize - 1),
            _ => None,
        }
    }
    /// Adds (or replaces) the layout facts of a node, measured by a browser.
    pub fn set_layout(&mut self, id: NodeId, l: Layout) {
        let n = self.nodes.len();
        if (id as usize) >= n {
            return;
        }
        if self.layout_of.len() < n {
            self.layout_of.resize(n, 0);
        }
        match self.layout_of[id as usize] {
            0 => {
                self.layout.push(l);
                self.layout_of[id as usize] = self.layout.len() as u32;
            }
            k => self.layout[k as usize - 1] = l,
        }
    }

    pub fn has_layout(&self) -> bool {
        !self.layout.is_empty()
    }
    /// The first element with this tag, in document order.
    pub fn find(&self, tag: Tag) -> Option<NodeId> {
        (0..self.nodes.len() as NodeId).find(|&i| self.nodes[i as usize].kind == Kind::Element && self.nodes[i as usize].tag == tag)
    }
    pub fn elements(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as NodeId).filter(|&i| self.nodes[i as usize].kind == Kind::Element)
    }
    /// The `<body>` element, else the document element, else the document.
    pub fn body(&self) -> NodeId {
        self.find(Tag::Body).or_else(|| self.find(Tag::Html)).unwrap_or(0)
    }
    /// The text content of a subtree, as `textContent` would give it (scripts and styles skipped).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.for_text(id, |t| out.push_str(t));
        out
    }

    /// Calls `f` with each piece of [`Document::text_content`], in order, without building it.
    pub fn for_text(&self, id: NodeId, mut f: impl FnMut(&str)) {
        if self.kind(id) == Kind::Text {
            f(self.data(id));
            return;
        }
        let mut skip_until = 0;
        for d in self.descendants(id) {
            if d < skip_until {
                continue;
            }
            let n = &self.nodes[d as usize];
            match n.kind {
                Kind::Element if n.tag.is_non_rendered() => skip_until = n.end,
                Kind::Text => f(self.span(n.data)),
                _ => {}
            }
        }
    }
}

pub struct Children<'a> {
    doc: &'a Document,
    next: NodeId,
}
impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next;
        if cur == NONE {
            return None;
        }
        self.next = self.doc.nodes[cur as usize].next_sibling;
        Some(cur)
    }
}

pub struct Ancestors<'a> {
    doc: &'a Document,
    next: NodeId,
}
impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next;
        if cur == NONE {
            return None;
        }
        self.next = self.doc.nodes[cur as usize].parent;
        Some(cur)
    }
}

/// Builds a [`Document`] in document order: open an element, add its content, close it.
/// Unbalanced input cannot corrupt the tree: `close` on the root is ignored and `finish` closes
/// whatever is still open.
pub struct Builder {
    doc: Document,
    /// Open elements (node ids), the document at the bottom.
    stack: Vec<NodeId>,
    /// For each open element, its last child so far (to link `next_sibling`).
    last_child: Vec<NodeId>,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::with_capacity(64, 1024)
    }

    pub fn with_capacity(nodes: usize, text: usize) -> Self {
        let mut doc = Document {
            nodes: Vec::with_capacity(nodes),
            buf: String::with_capacity(text),
            attrs: Vec::with_capacity(nodes),
            ..Document::default()
        };
        doc.nodes.push(Node {
            kind: Kind::Document,
            tag: Tag::Other,
            parent: NONE,
            next_sibling: NONE,
            end: 1,
            name: Span::default(),
            data: Span::default(),
            attrs: (0, 0),
        });
        Builder { doc, stack: vec![0], last_child: vec![NONE] }
    }

    fn intern(&mut self, s: &str) -> Span {
        let start = self.doc.buf.len() as u32;
        self.doc.buf.push_str(s);
        Span { start, len: s.len() as u32 }
    }

    fn push(&mut self, kind: Kind, tag: Tag, name: Span, data: Span, attrs: (u32, u32)) -> NodeId {
        let id = self.doc.nodes.len() as NodeId;
        let parent = *self.stack.last().unwrap_or(&0);
        let prev = *self.last_child.last().unwrap_or(&NONE);
        if prev != NONE {
            self.doc.nodes[prev as usize].next_sibling = id;
        }
        if let Some(l) = self.last_child.last_mut() {
            *l = id;
        }
        self.doc.nodes.push(Node { kind, tag, parent, next_sibling: NONE, end: id + 1, name, data, attrs });
        id
    }

    /// Opens an element; its content follows until [`Builder::close`]. Names are taken as the
    /// parser gives them (lower case for HTML, mixed case kept for SVG and MathML).
    pub fn open<'a>(&mut self, name: &str, attrs: impl IntoIterator<Item = (&'a str, &'a str)>) -> NodeId {
        let name_span = self.intern(name);
        let a0 = self.doc.attrs.len() as u32;
        let mut class = None;
        for (n, v) in attrs {
            let is_class = class.is_none() && n == "class";
            let n = self.intern(n);
            let v = self.intern(v);
            if is_class {
                class = Some(v);
            }
            self.doc.attrs.push((n, v));
        }
        let a1 = self.doc.attrs.len() as u32;
        let tag = Tag::from_name(self.span_str(name_span));
        // An element's data slot holds its class (the most read attribute): see `class`.
        let id = self.push(Kind::Element, tag, name_span, class.unwrap_or_default(), (a0, a1));
        self.stack.push(id);
        self.last_child.push(NONE);
        id
    }

    fn span_str(&self, s: Span) -> &str {
        self.doc.buf.get(s.start as usize..(s.start + s.len) as usize).unwrap_or("")
    }

    /// Closes the innermost open element.
    #[inline(never)]
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            let id = self.stack.pop().unwrap_or(0);
            self.last_child.pop();
            self.doc.nodes[id as usize].end = self.doc.nodes.len() as NodeId;
        }
    }

    /// Closes open elements until `id` is the innermost one (used when a record names its parent).
    pub fn close_to(&mut self, id: NodeId) -> bool {
        if !self.stack.contains(&id) {
            return false;
        }
        while self.stack.last() != Some(&id) {
            self.close();
        }
        true
    }

    pub fn depth(&self) -> usize {
        self.stack.len() - 1
    }

    pub fn text(&mut self, s: &str) -> NodeId {
        let data = self.intern(s);
        self.push(Kind::Text, Tag::Other, Span::default(), data, (0, 0))
    }

    /// A text node made of consecutive pieces (a parser's chunks of one run of text).
    pub fn text_pieces<'a>(&mut self, pieces: impl IntoIterator<Item = &'a str>) -> NodeId {
        let start = self.doc.buf.len() as u32;
        for p in pieces {
            self.doc.buf.push_str(p);
        }
        let data = Span { start, len: self.doc.buf.len() as u32 - start };
        self.push(Kind::Text, Tag::Other, Span::default(), data, (0, 0))
    }

    pub fn comment(&mut self, s: &str) -> NodeId {
        let data = self.intern(s);
        self.push(Kind::Comment, Tag::Other, Span::default(), data, (0, 0))
    }

    pub fn doctype(&mut self, name: &str) -> NodeId {
        let name = self.intern(name);
        self.push(Kind::Doctype, Tag::Other, name, Span::default(), (0, 0))
    }

    /// Records layout facts for an element already added.
    pub fn layout(&mut self, id: NodeId, layout: Layout) {
        self.doc.set_layout(id, layout);
    }

    pub fn finish(mut self) -> Document {
        while self.stack.len() > 1 {
            self.close();
        }
        let n = self.doc.nodes.len() as NodeId;
        self.doc.nodes[0].end = n;
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut b = Builder::new();
        b.doctype("html");
        b.open("html", []);
        b.open("body", [("class", "x y"), ("id", "main")]);
        b.open("p", []);
        b.text("Hello ");
        b.open("a", [("href", "/x")]);
        b.text("world");
        b.close();
        b.close();
        b.open("script", []);
        b.text("var x;");
        b.close();
        b.open("p", []);
        b.text("Second");
        b.finish()
    }

    #[test]
    fn tree_shape_and_queries() {
        let d = sample();
        let body = d.body();
        assert_eq!(d.name(body), "body");
        assert_eq!(d.attr(body, "id"), Some("main"));
        assert!(d.has_class(body, "y"));
        let kids: Vec<_> = d.children(body).map(|c| d.name(c).to_string()).collect();
        assert_eq!(kids, ["p", "script", "p"]);
        assert_eq!(d.text_content(body), "Hello worldSecond");
        let a = d.find(Tag::A).unwrap();
        assert_eq!(d.ancestors(a).map(|x| d.tag(x)).take(3).collect::<Vec<_>>(), [Tag::P, Tag::Body, Tag::Html]);
        assert!(d.contains(body, a) && !d.contains(a, body));
        assert_eq!(d.node(0).end as usize, d.len(), "finish closes what is open");
    }

    #[test]
    fn unbalanced_close_is_ignored() {
        let mut b = Builder::new();
        b.close();
        b.close();
        b.open("div", []);
        b.text("x");
        let d = b.finish();
        assert_eq!(d.text_content(0), "x");
    }
}
