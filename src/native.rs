//! The native adapter: html5ever (a standards-conformant HTML5 parser) builds the same tree a
//! browser would (implied elements, misnested tags, foster parenting), then it is laid out as a
//! [`Document`] in document order.

use crate::dom::{Builder, Document};
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{parse_document, Attribute, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

enum Data {
    Document,
    Element { attrs: Vec<Attribute>, template_contents: Option<usize> },
    /// A run of text: its first chunk, and the first and last of its further chunks in the
    /// sink's `more` list (NIL when none). Joined when the document is built: joining here
    /// would copy the text each time a chunk is added, and a list per node would allocate.
    Text(StrTendril, usize, usize),
    Comment(StrTendril),
    Doctype(StrTendril),
    /// Template contents and processing instructions: kept out of the tree.
    Fragment,
}

/// A node of the parse arena: its data and its links (linked siblings, so that inserting and
/// detaching cost nothing per child and no node allocates a child list).
struct ANode {
    data: Data,
    parent: usize,
    first: usize,
    last: usize,
    prev: usize,
    next: usize,
}

const NIL: usize = usize::MAX;

/// What the sink did last, for [`parse_for_reading`]: an HTML `<script>` (not JSON) or
/// `<style>` created, then inserted, with nothing since. Then the tokenizer has just read that
/// start tag and switched to its raw text state.
#[derive(Clone, Copy, PartialEq)]
enum Last {
    Other,
    RawCreated(usize),
    RawInserted(usize),
}

/// An arena the parser builds into; handles are indices. The parser's strings (tendrils) are
/// kept as they are and copied once, into the [`Document`].
struct Sink {
    nodes: RefCell<Vec<ANode>>,
    names: RefCell<Vec<QualName>>,
    /// Further chunks of text nodes, each with the index of the next chunk of its node.
    more: RefCell<Vec<(StrTendril, usize)>>,
    last: Cell<Last>,
}

fn no_name() -> QualName {
    QualName::new(None, html5ever::ns!(), html5ever::local_name!(""))
}

impl Sink {
    /// An arena sized for a page of `bytes` (pages have about one node per 50-100 bytes of HTML),
    /// so that it seldom grows (each growth copies every node).
    fn with_capacity(bytes: usize) -> Sink {
        let cap = (bytes / 48).clamp(16, 1 << 20);
        let mut nodes = Vec::with_capacity(cap);
        nodes.push(Self::node(Data::Document));
        let mut names = Vec::with_capacity(cap);
        names.push(no_name());
        Sink { nodes: RefCell::new(nodes), names: RefCell::new(names), more: RefCell::new(Vec::new()), last: Cell::new(Last::Other) }
    }
    fn node(data: Data) -> ANode {
        ANode { data, parent: NIL, first: NIL, last: NIL, prev: NIL, next: NIL }
    }
    fn add(&self, data: Data, name: QualName) -> usize {
        let mut n = self.nodes.borrow_mut();
        n.push(Self::node(data));
        self.names.borrow_mut().push(name);
        n.len() - 1
    }
    fn detach(&self, id: usize) {
        let mut n = self.nodes.borrow_mut();
        let (parent, prev, next) = (n[id].parent, n[id].prev, n[id].next);
        if parent == NIL {
            return;
        }
        if prev != NIL {
            n[prev].next = next;
        } else {
            n[parent].first = next;
        }
        if next != NIL {
            n[next].prev = prev;
        } else {
            n[parent].last = prev;
        }
        let x = &mut n[id];
        x.parent = NIL;
        x.prev = NIL;
        x.next = NIL;
    }
    /// Inserts `child` into `parent` before `before` (NIL = at the end), merging adjacent text.
    fn insert(&self, parent: usize, before: usize, child: NodeOrText<usize>) {
        self.last.set(match (&child, self.last.get()) {
            (NodeOrText::AppendNode(id), Last::RawCreated(raw)) if *id == raw => Last::RawInserted(raw),
            _ => Last::Other,
        });
        match child {
            NodeOrText::AppendText(t) => {
                let mut n = self.nodes.borrow_mut();
                let prev = if before == NIL { n[parent].last } else { n[before].prev };
                if prev != NIL {
                    if let Data::Text(_, first, last) = &mut n[prev].data {
                        let mut more = self.more.borrow_mut();
                        let k = more.len();
                        more.push((t, NIL));
                        if *last == NIL {
                            *first = k;
                        } else {
                            more[*last].1 = k;
                        }
                        *last = k;
                        return;
                    }
                }
                drop(n);
                let id = self.add(Data::Text(t, NIL, NIL), no_name());
                self.place(parent, before, id);
            }
            NodeOrText::AppendNode(id) => {
                self.detach(id);
                self.place(parent, before, id);
            }
        }
    }
    fn place(&self, parent: usize, before: usize, id: usize) {
        let mut n = self.nodes.borrow_mut();
        let prev = if before == NIL { n[parent].last } else { n[before].prev };
        {
            let x = &mut n[id];
            x.parent = parent;
            x.prev = prev;
            x.next = before;
        }
        if prev != NIL {
            n[prev].next = id;
        } else {
            n[parent].first = id;
        }
        if before != NIL {
            n[before].prev = id;
        } else {
            n[parent].last = id;
        }
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Sink;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Sink {
        self
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> usize {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |v| &v[*target])
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let contents = flags.template.then(|| self.add(Data::Fragment, no_name()));
        let raw = name.ns == html5ever::ns!(html)
            && (name.local == html5ever::local_name!("style")
                || (name.local == html5ever::local_name!("script") && !attrs.iter().any(|a| &*a.name.local == "type" && a.value.to_ascii_lowercase().contains("json"))));
        let id = self.add(Data::Element { attrs, template_contents: contents }, name);
        self.last.set(if raw { Last::RawCreated(id) } else { Last::Other });
        id
    }
    fn create_comment(&self, text: StrTendril) -> usize {
        self.last.set(Last::Other);
        self.add(Data::Comment(text), no_name())
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.last.set(Last::Other);
        self.add(Data::Fragment, no_name())
    }
    fn pop(&self, _node: &usize) {
        self.last.set(Last::Other);
    }
    fn mark_script_already_started(&self, _node: &usize) {
        self.last.set(Last::Other);
    }
    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, NIL, child);
    }
    fn append_based_on_parent_node(&self, element: &usize, prev_element: &usize, child: NodeOrText<usize>) {
        if self.nodes.borrow()[*element].parent != NIL {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }
    fn append_doctype_to_document(&self, name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        self.last.set(Last::Other);
        let id = self.add(Data::Doctype(name), no_name());
        self.place(0, NIL, id);
    }
    fn get_template_contents(&self, target: &usize) -> usize {
        match &self.nodes.borrow()[*target].data {
            Data::Element { template_contents: Some(c), .. } => *c,
            _ => *target,
        }
    }
    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, _mode: QuirksMode) {}
    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let parent = self.nodes.borrow()[*sibling].parent;
        if parent == NIL {
            return;
        }
        // `insert` detaches a moved node before it links it in.
        self.insert(parent, *sibling, new_node);
    }
    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        self.last.set(Last::Other);
        let mut n = self.nodes.borrow_mut();
        if let Data::Element { attrs: existing, .. } = &mut n[*target].data {
            for a in attrs {
                if !existing.iter().any(|e| e.name.local == a.name.local) {
                    existing.push(a);
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &usize) {
        self.last.set(Last::Other);
        self.detach(*target);
    }
    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        self.last.set(Last::Other);
        let mut c = self.nodes.borrow()[*node].first;
        while c != NIL {
            let next = self.nodes.borrow()[c].next;
            self.detach(c);
            self.place(*new_parent, NIL, c);
            c = next;
        }
    }
}

/// An attribute's name as the DOM gives it (`xlink:href` keeps its prefix).
fn attr_name(a: &Attribute) -> Cow<'_, str> {
    match &a.name.prefix {
        Some(p) => Cow::Owned(format!("{}:{}", p, a.name.local)),
        None => Cow::Borrowed(&a.name.local),
    }
}

/// Parses an HTML document. `url` is the page address, for relative links and site settings.
pub fn parse(html: &str, url: Option<&str>) -> Document {
    let sink = parse_document(Sink::with_capacity(html.len()), ParseOpts::default()).one(html);
    build(sink, url, html.len())
}

/// Parses an HTML document for reading (extraction): the same tree as [`parse`], but scripts
/// (except JSON data) and style sheets come without their text, which reading never uses.
/// Script and style are 45 % of the Readability pages' bytes, and the tokenizer goes through
/// them character by character.
///
/// The input goes to the parser in pieces that end just after a `<script` or `<style` tag's
/// first `>` (where a piece ends changes nothing: the tokenizer keeps its state between
/// pieces). When the parser has just opened such an element, and done nothing since, its
/// tokenizer is in that element's raw text state at the piece's end, and the text runs to the
/// first `</script` or `</style` (any case) followed by a space, `/` or `>`. That text is
/// left out, unless a script's text holds `<!--`, where the tokenizer's escaped states apply.
/// Then, and wherever the parser did not just open such an element (a `<script` inside a
/// comment, an attribute value, a textarea), the input goes in whole.
pub fn parse_for_reading(html: &str, url: Option<&str>) -> Document {
    let mut parser = parse_document(Sink::with_capacity(html.len()), ParseOpts::default());
    let bytes = html.as_bytes();
    let mut pos = 0;
    while let Some(cut) = raw_tag_end(bytes, pos) {
        parser.process(StrTendril::from_slice(&html[pos..cut]));
        pos = cut;
        let Last::RawInserted(id) = parser.tokenizer.sink.sink.last.get() else { continue };
        let script = parser.tokenizer.sink.sink.names.borrow()[id].local == html5ever::local_name!("script");
        let name: &[u8] = if script { b"script" } else { b"style" };
        if let Some(end) = raw_text_end(bytes, pos, name) {
            if !(script && find(&bytes[pos..end], b"<!--").is_some()) {
                pos = end;
            }
        }
    }
    if pos < html.len() {
        parser.process(StrTendril::from_slice(&html[pos..]));
    }
    build(parser.finish(), url, html.len())
}

/// Whether `b` ends a tag name in the tokenizer (a space, `/` or `>`; a CR becomes a newline).
fn ends_tag_name(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>')
}

/// From `from`, the end (just after the first `>`) of the next `<script` or `<style` tag.
fn raw_tag_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(i) = find_byte(&bytes[from..], b'<') {
        let at = from + i + 1;
        let rest = &bytes[at..];
        let name_len = if rest.len() > 6 && rest[..6].eq_ignore_ascii_case(b"script") && ends_tag_name(rest[6]) {
            6
        } else if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"style") && ends_tag_name(rest[5]) {
            5
        } else {
            from = at;
            continue;
        };
        let gt = find_byte(&bytes[at + name_len..], b'>')?;
        return Some(at + name_len + gt + 1);
    }
    None
}

/// From `from`, where the raw text of a `name` element ends: the `<` of the first `</name`
/// (any case) followed by a space, `/` or `>`.
fn raw_text_end(bytes: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    while let Some(i) = find_byte(&bytes[from..], b'<') {
        let at = from + i;
        let rest = &bytes[at + 1..];
        if rest.len() > name.len() + 1 && rest[0] == b'/' && rest[1..=name.len()].eq_ignore_ascii_case(name) && ends_tag_name(rest[name.len() + 1]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The first `b` in `hay`, eight bytes at a time (a page is mostly between tags: the plain
/// byte loop was 5 % of reading a page; std's `str::find` of a character measured about 4 %
/// slower here than this, on the Readability pages' parse).
fn find_byte(hay: &[u8], b: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(b);
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap()) ^ pattern;
        // A zero byte of x (a match) sets its high bit here; bytes above a match may be set
        // too, so the lowest set bit is the first match.
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&x| x == b).map(|i| at + i)
}

fn build(sink: Sink, url: Option<&str>, source_len: usize) -> Document {
    let nodes = sink.nodes.into_inner();
    let names = sink.names.into_inner();
    let more = sink.more.into_inner();
    // Text, names and attribute values come to about 0.9 of the source on the Readability
    // pages (scripts and styles are kept): one allocation of the source's size, no regrowth.
    let mut b = Builder::with_capacity(nodes.len(), source_len);
    // Iterative walk: deep documents must not overflow the stack. `next` is the node to visit;
    // the stack holds the open elements' next siblings.
    let mut stack: Vec<usize> = Vec::new();
    let mut next = nodes[0].first;
    loop {
        while next == NIL {
            let Some(after) = stack.pop() else {
                let mut doc = b.finish();
                doc.url = url.map(str::to_string);
                return doc;
            };
            b.close();
            next = after;
        }
        let id = next;
        next = nodes[id].next;
        match &nodes[id].data {
            Data::Element { attrs, template_contents } => {
                if attrs.iter().all(|a| a.name.prefix.is_none()) {
                    b.open(&names[id].local, attrs.iter().map(|a| (a.name.local.as_ref(), a.value.as_ref())));
                } else {
                    let prefixed: Vec<Cow<'_, str>> = attrs.iter().map(attr_name).collect();
                    b.open(&names[id].local, prefixed.iter().zip(attrs).map(|(k, a)| (k.as_ref(), a.value.as_ref())));
                }
                stack.push(next);
                next = match template_contents {
                    Some(c) => nodes[*c].first,
                    None => nodes[id].first,
                };
            }
            Data::Text(t, first, _) => {
                let rest = std::iter::successors((*first != NIL).then_some(*first), |&k| (more[k].1 != NIL).then_some(more[k].1));
                b.text_pieces(std::iter::once(t.as_ref()).chain(rest.map(|k| more[k].0.as_ref())));
            }
            Data::Comment(t) => {
                b.comment(t);
            }
            Data::Doctype(n) => {
                b.doctype(n);
            }
            Data::Document | Data::Fragment => {}
        }
    }
}

/// The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + 7;
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let start = j;
        while j < lower.len() && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_' | b':' | b'.')) {
            j += 1;
        }
        if j > start {
            if let Some(e) = encoding_rs::Encoding::for_label(&lower[start..j]) {
                return Some(e);
            }
        }
        from = j.max(from + i + 7);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads HTML bytes: a BOM decides; else valid UTF-8 is UTF-8; else the charset the page
/// declares; else windows-1252 (what browsers assume). Rejects input that is clearly not text.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    let sample = &bytes[..bytes.len().min(4096)];
    let utf16_bom = sample.starts_with(b"\xFF\xFE") || sample.starts_with(b"\xFE\xFF");
    let nul = sample.iter().filter(|&&b| b == 0).count();
    if !utf16_bom && nul > sample.len() / 20 + 1 {
        return Err("the input looks binary, not HTML".into());
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = enc.decode(bytes);
        return Ok(Cow::Owned(text.into_owned()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    let enc = declared_charset(bytes).filter(|e| *e != encoding_rs::UTF_8).unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = enc.decode(bytes);
    Ok(Cow::Owned(text.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Tag;

    #[test]
    fn builds_the_browser_tree() {
        let d = parse("<title>T</title><p>one<p>two<table><tr><td>c</table><template><b>t</b></template>", None);
        let body = d.body();
        let names: Vec<_> = d.children(body).map(|c| d.name(c).to_string()).collect();
        assert_eq!(names, ["p", "p"]);
        let p2 = d.children(body).nth(1).unwrap();
        assert!(d.descendants(p2).any(|i| d.tag(i) == Tag::Table), "table inside the open p (no quirks)");
        assert!(d.find(Tag::Template).is_some());
        assert_eq!(d.text_content(d.find(Tag::Title).unwrap()), "T");
    }

    #[test]
    fn find_byte_finds_the_first() {
        // Every position of the needle in every alignment, next to bytes that differ from it
        // by one bit (0x3C '<' against 0x3D, 0xBC, 0x1C...) and to high bytes (borrows).
        let fill = [b'=', 0xBC, 0x1C, b'>', 0xFF, 0x00, b'a', 0x3B];
        for len in 0..40 {
            for at in 0..=len {
                let mut hay: Vec<u8> = (0..len).map(|i| fill[(i * 7 + len) % fill.len()]).collect();
                if at < len {
                    hay[at] = b'<';
                    if at + 3 < len {
                        hay[at + 3] = b'<';
                    }
                }
                assert_eq!(find_byte(&hay, b'<'), hay.iter().position(|&b| b == b'<'), "{hay:?}");
            }
        }
    }

    #[test]
    fn raw_text_is_left_out_up_to_its_end_tag() {
        let html = "<p>a<script>if (a</b) x = '</scripts>'; y = '</SCRIPT'</SCRIPT ><p>b<style>p</style\t><p>c</p><SCRIPT>z</script/>";
        let d = parse_for_reading(html, None);
        let ps: Vec<String> = d.elements().filter(|&e| d.tag(e) == Tag::P).map(|p| d.text_content(p)).collect();
        assert_eq!(ps, ["a", "b", "c"]);
        let scripts: Vec<String> = d.elements().filter(|&e| matches!(d.tag(e), Tag::Script | Tag::Style)).map(|s| d.text_content(s)).collect();
        assert_eq!(scripts, ["", "", ""]);
        let whole = parse(html, None);
        let ps_whole: Vec<String> = whole.elements().filter(|&e| whole.tag(e) == Tag::P).map(|p| whole.text_content(p)).collect();
        assert_eq!(ps, ps_whole);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5_000) + "x";
        let d = parse(&html, None);
        assert!(d.len() > 100);
    }

    #[test]
    fn binary_is_rejected() {
        assert!(decode(&[0u8; 100]).is_err());
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
    }

    #[test]
    fn legacy_charsets_are_honoured() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xE9</p>";
        assert!(decode(latin1).unwrap().contains("caf\u{e9}"));
        let cp1251 = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xD0\xE5\xEA\xEB\xE0\xEC\xE0</p>";
        assert!(decode(cp1251).unwrap().contains("\u{420}\u{435}\u{43a}\u{43b}\u{430}\u{43c}\u{430}"));
        let undeclared = b"<p>na\xEFve</p>";
        assert!(decode(undeclared).unwrap().contains("na\u{ef}ve"));
        assert_eq!(decode("<p>ünïcödé</p>".as_bytes()).unwrap(), "<p>ünïcödé</p>");
    }
}
