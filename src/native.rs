//! The native adapter: html5ever (a standards-conformant HTML5 parser) builds the same tree a
//! browser would (implied elements, misnested tags, foster parenting), then it is laid out as a
//! [`Document`] in document order.

use crate::dom::{Builder, Document};
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{parse_document, Attribute, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

#[derive(Debug)]
enum Data {
    Document,
    Element { attrs: Vec<(String, String)>, template_contents: Option<usize> },
    Text(String),
    Comment(String),
    Doctype(String),
    /// Template contents and processing instructions: kept out of the tree.
    Fragment,
}

#[derive(Debug)]
struct ANode {
    data: Data,
    parent: Option<usize>,
    children: Vec<usize>,
}

/// An arena the parser builds into; handles are indices.
struct Sink {
    nodes: RefCell<Vec<ANode>>,
    names: RefCell<Vec<QualName>>,
}

fn no_name() -> QualName {
    QualName::new(None, html5ever::ns!(), html5ever::local_name!(""))
}

impl Sink {
    fn new() -> Sink {
        Sink {
            nodes: RefCell::new(vec![ANode { data: Data::Document, parent: None, children: Vec::new() }]),
            names: RefCell::new(vec![no_name()]),
        }
    }
    fn add(&self, data: Data, name: QualName) -> usize {
        let mut n = self.nodes.borrow_mut();
        n.push(ANode { data, parent: None, children: Vec::new() });
        self.names.borrow_mut().push(name);
        n.len() - 1
    }
    fn detach(&self, id: usize) {
        let mut n = self.nodes.borrow_mut();
        if let Some(p) = n[id].parent.take() {
            n[p].children.retain(|&c| c != id);
        }
    }
    /// Inserts `child` into `parent` at `pos` (None = at the end), merging adjacent text.
    fn insert(&self, parent: usize, pos: Option<usize>, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendText(t) => {
                let mut n = self.nodes.borrow_mut();
                let kids = &n[parent].children;
                let prev = match pos {
                    Some(0) => None,
                    Some(i) => kids.get(i - 1).copied(),
                    None => kids.last().copied(),
                };
                if let Some(p) = prev {
                    if let Data::Text(s) = &mut n[p].data {
                        s.push_str(&t);
                        return;
                    }
                }
                drop(n);
                let id = self.add(Data::Text(t.to_string()), no_name());
                self.place(parent, pos, id);
            }
            NodeOrText::AppendNode(id) => {
                self.detach(id);
                self.place(parent, pos, id);
            }
        }
    }
    fn place(&self, parent: usize, pos: Option<usize>, id: usize) {
        let mut n = self.nodes.borrow_mut();
        n[id].parent = Some(parent);
        match pos {
            Some(i) if i <= n[parent].children.len() => n[parent].children.insert(i, id),
            _ => n[parent].children.push(id),
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
        let attrs = attrs
            .into_iter()
            .map(|a| {
                let n = match &a.name.prefix {
                    Some(p) => format!("{}:{}", p, a.name.local),
                    None => a.name.local.to_string(),
                };
                (n, a.value.to_string())
            })
            .collect();
        let contents = flags.template.then(|| self.add(Data::Fragment, no_name()));
        self.add(Data::Element { attrs, template_contents: contents }, name)
    }
    fn create_comment(&self, text: StrTendril) -> usize {
        self.add(Data::Comment(text.to_string()), no_name())
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.add(Data::Fragment, no_name())
    }
    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, None, child);
    }
    fn append_based_on_parent_node(&self, element: &usize, prev_element: &usize, child: NodeOrText<usize>) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }
    fn append_doctype_to_document(&self, name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let id = self.add(Data::Doctype(name.to_string()), no_name());
        self.place(0, None, id);
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
        let Some(parent) = parent else { return };
        if let NodeOrText::AppendNode(id) = &new_node {
            self.detach(*id);
        }
        let pos = self.nodes.borrow()[parent].children.iter().position(|c| c == sibling);
        self.insert(parent, pos, new_node);
    }
    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut n = self.nodes.borrow_mut();
        if let Data::Element { attrs: existing, .. } = &mut n[*target].data {
            for a in attrs {
                let name = a.name.local.to_string();
                if !existing.iter().any(|(k, _)| *k == name) {
                    existing.push((name, a.value.to_string()));
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &usize) {
        self.detach(*target);
    }
    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let kids = std::mem::take(&mut self.nodes.borrow_mut()[*node].children);
        let mut n = self.nodes.borrow_mut();
        for &k in &kids {
            n[k].parent = Some(*new_parent);
        }
        n[*new_parent].children.extend(kids);
    }
}

/// Parses an HTML document. `url` is the page address, for relative links and site settings.
pub fn parse(html: &str, url: Option<&str>) -> Document {
    let sink = parse_document(Sink::new(), ParseOpts::default()).one(html);
    let nodes = sink.nodes.into_inner();
    let names = sink.names.into_inner();
    let mut b = Builder::with_capacity(nodes.len(), html.len() / 2);
    // Iterative walk: deep documents must not overflow the stack.
    let mut stack: Vec<(usize, bool)> = nodes[0].children.iter().rev().map(|&c| (c, false)).collect();
    while let Some((id, closing)) = stack.pop() {
        if closing {
            b.close();
            continue;
        }
        match &nodes[id].data {
            Data::Element { attrs, template_contents } => {
                b.open(&names[id].local, attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                stack.push((id, true));
                let kids = match template_contents {
                    Some(c) => &nodes[*c].children,
                    None => &nodes[id].children,
                };
                stack.extend(kids.iter().rev().map(|&c| (c, false)));
            }
            Data::Text(t) => {
                b.text(t);
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
    let mut doc = b.finish();
    doc.url = url.map(str::to_string);
    doc
}

/// Reads HTML bytes, honouring a UTF-8 BOM and replacing invalid sequences; rejects input that
/// is clearly not text.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let sample = &bytes[..bytes.len().min(4096)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    if nul > sample.len() / 20 + 1 {
        return Err("the input looks binary, not HTML".into());
    }
    Ok(String::from_utf8_lossy(bytes))
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
}
