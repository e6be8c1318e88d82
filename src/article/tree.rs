//! A mutable view over the immutable [`Document`]: side tables of links (parent, children,
//! siblings), renamed tags, unwrapped elements, replaced attributes and a few created
//! elements (the `<p>` that wraps loose text, the article container, images from `<noscript>`).
//! Nothing of the page is copied: text and attributes are read from the document. Extraction
//! "removes", "moves" and "renames" nodes by editing these tables, and the article is
//! serialized from them.

use crate::dom::{Document, Kind, NodeId, Tag, NONE};
use std::cell::Cell;

#[derive(Clone, Copy, Debug)]
struct Link {
    parent: NodeId,
    first: NodeId,
    last: NodeId,
    prev: NodeId,
    next: NodeId,
    tag: Tag,
    /// A new name (renamed or created element); `None`: the document's.
    name: Option<&'static str>,
    /// Index into `Tree::attrs` + 1 when the attributes were replaced; 0 otherwise.
    attrs: u32,
}

/// Attribute lists that replace a node's (created images, fixed lazy images).
pub type Attrs = Vec<(String, String)>;

#[derive(Clone)]
pub struct Tree<'d> {
    pub doc: &'d Document,
    links: Vec<Link>,
    attrs: Vec<Attrs>,
    /// Memoized `inner_len` per node (`UNKNOWN` until asked); a structural change forgets the
    /// entries of the changed node's ancestors, whose text it changed.
    lens: Vec<Cell<u32>>,
}

const UNKNOWN: u32 = u32::MAX;

/// What `inner_len` needs to know of a stretch of text to join it with its neighbours: its
/// length trimmed and collapsed (UTF-16 units, as JS counts), whether it has anything but
/// white space, and whether it starts or ends with white space (for all-space text: whether it
/// has any). Packed: length in the low 29 bits, then those three flags.
#[derive(Clone, Copy, PartialEq, Debug)]
struct TextSum(u32);

impl TextSum {
    const LEN: u32 = (1 << 29) - 1;
    const HAS: u32 = 1 << 29;
    const LEAD: u32 = 1 << 30;
    const TRAIL: u32 = 1 << 31;
    const EMPTY: TextSum = TextSum(0);

    fn new(len: usize, has: bool, lead: bool, trail: bool) -> TextSum {
        // The length saturates one below the mask, so a summary never equals UNKNOWN.
        let len = len.min(Self::LEN as usize - 1) as u32;
        TextSum(len | if has { Self::HAS } else { 0 } | if lead { Self::LEAD } else { 0 } | if trail { Self::TRAIL } else { 0 })
    }
    fn of(s: &str) -> TextSum {
        if s.is_ascii() {
            return Self::of_ascii(s.as_bytes());
        }
        let (mut n, mut run, mut started, mut lead) = (0usize, 0usize, false, false);
        for c in s.chars() {
            if crate::article::words::js_space(c) {
                run += 1;
                if !started {
                    lead = true;
                }
            } else {
                if started && run > 0 {
                    n += 1;
                }
                run = 0;
                started = true;
                n += c.len_utf16();
            }
        }
        if started {
            TextSum::new(n, true, lead, run > 0)
        } else {
            TextSum::new(0, false, lead, false)
        }
    }
    /// [`TextSum::of`] for ASCII text (most of it): bytes, and ASCII's white space.
    fn of_ascii(s: &[u8]) -> TextSum {
        let space = |b: &u8| crate::chars::ascii_space(*b);
        let Some(start) = s.iter().position(|b| !space(b)) else { return TextSum::new(0, false, !s.is_empty(), false) };
        let end = s.iter().rposition(|b| !space(b)).map_or(start, |e| e + 1);
        let (mut n, mut prev_space) = (0usize, false);
        for b in &s[start..end] {
            let sp = space(b);
            n += usize::from(!sp || !prev_space);
            prev_space = sp;
        }
        TextSum::new(n, true, start > 0, end < s.len())
    }
    fn len(self) -> usize {
        (self.0 & Self::LEN) as usize
    }
    fn has(self) -> bool {
        self.0 & Self::HAS != 0
    }
    fn lead(self) -> bool {
        self.0 & Self::LEAD != 0
    }
    fn trail(self) -> bool {
        self.0 & Self::TRAIL != 0
    }
    /// This text followed by `b`.
    fn then(self, b: TextSum) -> TextSum {
        match (self.has(), b.has()) {
            (true, true) => TextSum::new(self.len() + b.len() + usize::from(self.trail() || b.lead()), true, self.lead(), b.trail()),
            (true, false) => TextSum::new(self.len(), true, self.lead(), self.trail() || b.lead()),
            (false, true) => TextSum::new(b.len(), true, self.lead() || b.lead(), b.trail()),
            (false, false) => TextSum::new(0, false, self.lead() || b.lead(), false),
        }
    }
}

impl<'d> Tree<'d> {
    pub fn new(doc: &'d Document) -> Tree<'d> {
        let mut links = Vec::with_capacity(doc.len() + 16);
        for i in 0..doc.len() as NodeId {
            let n = doc.node(i);
            links.push(Link { parent: n.parent, first: NONE, last: NONE, prev: NONE, next: n.next_sibling, tag: n.tag, name: None, attrs: 0 });
        }
        for i in 0..doc.len() as NodeId {
            let p = links[i as usize].parent;
            if p == NONE {
                continue;
            }
            let pl = &mut links[p as usize];
            if pl.first == NONE {
                pl.first = i;
            }
            pl.last = i;
            let nx = links[i as usize].next;
            if nx != NONE {
                links[nx as usize].prev = i;
            }
        }
        let lens = vec![Cell::new(UNKNOWN); links.len()];
        Tree { doc, links, attrs: Vec::new(), lens }
    }

    /// [`Tree::new`], its text nodes' measures taken from the page's analysis where they agree
    /// (visible ASCII text: the same count, white space collapsed and trimmed): the first
    /// question about the article's text does not make another pass over all of it.
    pub fn seeded(doc: &'d Document, an: &crate::analysis::Analysis) -> Tree<'d> {
        let t = Tree::new(doc);
        for i in 0..doc.len() as NodeId {
            if doc.kind(i) != Kind::Text || an.invisible[i as usize] {
                continue;
            }
            let b = doc.data(i).as_bytes();
            if !b.is_ascii() {
                continue;
            }
            let n = an.get(i).text as usize;
            let space = |k: usize| crate::chars::ascii_space(b[k]);
            let sum = if n > 0 { TextSum::new(n, true, space(0), space(b.len() - 1)) } else { TextSum::new(0, false, !b.is_empty(), false) };
            t.lens[i as usize].set(sum.0);
        }
        t
    }

    /// The memoized value of a per-subtree text measure (see `inner_len`).
    /// `_getInnerText(id).length` (the text trimmed, runs of white space counted as one),
    /// without building the string. Computed bottom-up from the children's memoized
    /// summaries, so asking for every node of the page costs one pass over its text.
    pub fn inner_len(&self, id: NodeId) -> usize {
        self.summary(id).len()
    }

    /// Whether any text under `id` is more than white space (scripts and styles left out).
    pub fn has_text(&self, id: NodeId) -> bool {
        self.summary(id).has()
    }

    fn summary(&self, id: NodeId) -> TextSum {
        if let Some(s) = self.cached_sum(id) {
            return s;
        }
        if self.kind(id) == Kind::Text {
            let s = TextSum::of(self.data(id));
            self.lens[id as usize].set(s.0);
            return s;
        }
        // Post-order over the uncached part of the subtree, with an explicit stack (pages
        // can nest deeper than the native stack allows).
        let mut stack: Vec<(NodeId, TextSum, NodeId)> = vec![(id, TextSum::EMPTY, self.l(id).first)];
        loop {
            let top = stack.len() - 1;
            let c = stack[top].2;
            if c == NONE {
                let (node, s, _) = stack.pop().expect("non-empty");
                self.lens[node as usize].set(s.0);
                match stack.last_mut() {
                    Some(parent) => parent.1 = parent.1.then(s),
                    None => return s,
                }
                continue;
            }
            stack[top].2 = self.l(c).next;
            let part = match self.kind(c) {
                Kind::Text => match self.cached_sum(c) {
                    Some(s) => s,
                    None => {
                        let s = TextSum::of(self.data(c));
                        self.lens[c as usize].set(s.0);
                        s
                    }
                },
                Kind::Element if !matches!(self.tag(c), Tag::Script | Tag::Style | Tag::Template | Tag::Noscript) => {
                    match self.cached_sum(c) {
                        Some(s) => s,
                        None => {
                            stack.push((c, TextSum::EMPTY, self.l(c).first));
                            continue;
                        }
                    }
                }
                _ => continue,
            };
            stack[top].1 = stack[top].1.then(part);
        }
    }

    fn cached_sum(&self, id: NodeId) -> Option<TextSum> {
        let v = self.lens[id as usize].get();
        (v != UNKNOWN).then_some(TextSum(v))
    }

    /// The text under `id` and its ancestors changed.
    fn touch(&self, id: NodeId) {
        let mut n = id;
        while n != NONE {
            self.lens[n as usize].set(UNKNOWN);
            n = self.links[n as usize].parent;
        }
    }

    fn l(&self, id: NodeId) -> &Link {
        &self.links[id as usize]
    }

    /// Number of nodes, created ones included.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_created(&self, id: NodeId) -> bool {
        id as usize >= self.doc.len()
    }

    pub fn kind(&self, id: NodeId) -> Kind {
        if self.is_created(id) {
            Kind::Element
        } else {
            self.doc.kind(id)
        }
    }
    pub fn is_element(&self, id: NodeId) -> bool {
        self.kind(id) == Kind::Element
    }
    pub fn is_text(&self, id: NodeId) -> bool {
        self.kind(id) == Kind::Text
    }
    pub fn tag(&self, id: NodeId) -> Tag {
        self.l(id).tag
    }
    /// Lower-case name of an element.
    pub fn name(&self, id: NodeId) -> &str {
        match self.l(id).name {
            Some(n) => n,
            None if self.is_created(id) => "",
            None => self.doc.name(id),
        }
    }
    /// Text of a text node.
    pub fn data(&self, id: NodeId) -> &'d str {
        if self.is_created(id) {
            ""
        } else {
            self.doc.data(id)
        }
    }
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.l(id).parent;
        (p != NONE).then_some(p)
    }
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        let c = self.l(id).first;
        (c != NONE).then_some(c)
    }
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        let c = self.l(id).last;
        (c != NONE).then_some(c)
    }
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        let c = self.l(id).next;
        (c != NONE).then_some(c)
    }
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        let c = self.l(id).prev;
        (c != NONE).then_some(c)
    }
    pub fn children(&self, id: NodeId) -> Kids<'_, 'd> {
        Kids { t: self, next: self.l(id).first }
    }
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |&c| self.is_element(c))
    }
    pub fn first_element_child(&self, id: NodeId) -> Option<NodeId> {
        self.element_children(id).next()
    }
    pub fn next_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        let mut n = self.next_sibling(id);
        while let Some(x) = n {
            if self.is_element(x) {
                return Some(x);
            }
            n = self.next_sibling(x);
        }
        None
    }
    pub fn prev_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        let mut n = self.prev_sibling(id);
        while let Some(x) = n {
            if self.is_element(x) {
                return Some(x);
            }
            n = self.prev_sibling(x);
        }
        None
    }
    pub fn element_child_count(&self, id: NodeId) -> usize {
        self.element_children(id).count()
    }

    /// Attributes of an element (replaced ones when set).
    pub fn attrs(&self, id: NodeId) -> Vec<(&str, &str)> {
        let a = self.l(id).attrs;
        if a > 0 {
            return self.attrs[a as usize - 1].iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        }
        if self.is_created(id) {
            return Vec::new();
        }
        self.doc.attrs(id).collect()
    }
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        let a = self.l(id).attrs;
        if a > 0 {
            return self.attrs[a as usize - 1].iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        }
        if self.is_created(id) {
            return None;
        }
        self.doc.attr(id, name)
    }
    pub fn has_attr(&self, id: NodeId, name: &str) -> bool {
        self.attr(id, name).is_some()
    }
    pub fn class(&self, id: NodeId) -> &str {
        if self.l(id).attrs == 0 && !self.is_created(id) {
            return self.doc.class(id);
        }
        self.attr(id, "class").unwrap_or("")
    }
    pub fn id_attr(&self, id: NodeId) -> &str {
        self.attr(id, "id").unwrap_or("")
    }
    /// Replaces the attributes of an element.
    pub fn set_attrs(&mut self, id: NodeId, attrs: Attrs) {
        let a = self.links[id as usize].attrs;
        if a > 0 {
            self.attrs[a as usize - 1] = attrs;
        } else {
            self.attrs.push(attrs);
            self.links[id as usize].attrs = self.attrs.len() as u32;
        }
    }
    /// Sets one attribute (replacing the attribute list with an owned copy first).
    pub fn set_attr(&mut self, id: NodeId, name: &str, value: &str) {
        let mut list: Attrs = self.attrs(id).into_iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        match list.iter_mut().find(|(n, _)| n == name) {
            Some(x) => x.1 = value.to_string(),
            None => list.push((name.to_string(), value.to_string())),
        }
        self.set_attrs(id, list);
    }
    pub fn remove_attr(&mut self, id: NodeId, name: &str) {
        if !self.has_attr(id, name) {
            return;
        }
        let list: Attrs = self.attrs(id).into_iter().filter(|(n, _)| *n != name).map(|(n, v)| (n.to_string(), v.to_string())).collect();
        self.set_attrs(id, list);
    }

    /// Creates a detached element.
    pub fn create(&mut self, name: &'static str) -> NodeId {
        let id = self.links.len() as NodeId;
        self.links.push(Link { parent: NONE, first: NONE, last: NONE, prev: NONE, next: NONE, tag: Tag::from_name(name), name: Some(name), attrs: 0 });
        self.lens.push(Cell::new(UNKNOWN));
        id
    }

    /// Renames an element in place (Readability's `_setNodeTag`: same children, attributes).
    pub fn rename(&mut self, id: NodeId, name: &'static str) {
        // A rename can change what counts as text (a script's text never does).
        self.touch(id);
        let l = &mut self.links[id as usize];
        l.tag = Tag::from_name(name);
        l.name = Some(name);
    }

    /// Detaches a node (with its subtree) from its parent.
    pub fn remove(&mut self, id: NodeId) {
        let Link { parent, prev, next, .. } = self.links[id as usize];
        if parent == NONE {
            return;
        }
        self.touch(parent);
        if prev != NONE {
            self.links[prev as usize].next = next;
        } else {
            self.links[parent as usize].first = next;
        }
        if next != NONE {
            self.links[next as usize].prev = prev;
        } else {
            self.links[parent as usize].last = prev;
        }
        let l = &mut self.links[id as usize];
        l.parent = NONE;
        l.prev = NONE;
        l.next = NONE;
    }

    /// Moves `child` (detaching it first) to the end of `parent`'s children.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.remove(child);
        let last = self.links[parent as usize].last;
        {
            let c = &mut self.links[child as usize];
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last != NONE {
            self.links[last as usize].next = child;
        } else {
            self.links[parent as usize].first = child;
        }
        self.links[parent as usize].last = child;
        self.touch(parent);
    }

    /// Inserts `new` (detaching it first) before `reference`.
    pub fn insert_before(&mut self, new: NodeId, reference: NodeId) {
        let Some(parent) = self.parent(reference) else { return };
        self.remove(new);
        let prev = self.links[reference as usize].prev;
        {
            let c = &mut self.links[new as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = reference;
        }
        self.links[reference as usize].prev = new;
        if prev != NONE {
            self.links[prev as usize].next = new;
        } else {
            self.links[parent as usize].first = new;
        }
        self.touch(parent);
    }

    /// Puts `new` where `old` is and detaches `old`.
    pub fn replace(&mut self, new: NodeId, old: NodeId) {
        if new == old || self.parent(old).is_none() {
            return;
        }
        self.insert_before(new, old);
        self.remove(old);
    }

    /// Moves every child of `from` to the end of `to`.
    pub fn move_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(c) = self.first_child(from) {
            self.append(to, c);
        }
    }

    /// True when `a` is `b` or one of its ancestors.
    pub fn contains(&self, a: NodeId, b: NodeId) -> bool {
        let mut n = Some(b);
        while let Some(x) = n {
            if x == a {
                return true;
            }
            n = self.parent(x);
        }
        false
    }

    /// Ancestors of `id` up to (not including) `root`.
    pub fn ancestors_in(&self, id: NodeId, root: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut n = self.parent(id);
        std::iter::from_fn(move || {
            let x = n?;
            if x == root {
                return None;
            }
            n = self.parent(x);
            Some(x)
        })
    }

    /// The node after `id` in document order within `root` (`skip_kids`: not into `id`).
    pub fn next_in(&self, id: NodeId, root: NodeId, skip_kids: bool) -> Option<NodeId> {
        if !skip_kids {
            if let Some(c) = self.first_child(id) {
                return Some(c);
            }
        }
        let mut n = id;
        loop {
            if n == root {
                return None;
            }
            if let Some(s) = self.next_sibling(n) {
                return Some(s);
            }
            n = self.parent(n)?;
        }
    }

    /// Descendants of `root` (not `root`), in document order.
    pub fn descendants(&self, root: NodeId) -> Desc<'_, 'd> {
        Desc { t: self, root, next: self.first_child(root) }
    }

    /// Descendant elements with one of these tags, in document order (a static list).
    pub fn by_tags(&self, root: NodeId, tags: &[Tag]) -> Vec<NodeId> {
        self.descendants(root).filter(|&d| self.is_element(d) && tags.contains(&self.tag(d))).collect()
    }
    pub fn count_tags(&self, root: NodeId, tags: &[Tag]) -> usize {
        self.descendants(root).filter(|&d| self.is_element(d) && tags.contains(&self.tag(d))).count()
    }
    /// Descendant elements with this name (for tags the model has no [`Tag`] for).
    pub fn by_name(&self, root: NodeId, name: &str) -> Vec<NodeId> {
        // A known name has its own tag (`Tag::from_name` is one to one, and every element's tag
        // comes from its name): compare tags, not strings.
        match Tag::from_name(name) {
            Tag::Other => self.descendants(root).filter(|&d| self.is_element(d) && self.name(d) == name).collect(),
            tag => self.descendants(root).filter(|&d| self.is_element(d) && self.tag(d) == tag).collect(),
        }
    }

    /// `textContent`: every text node's data (scripts, styles and templates the page never
    /// renders are left out).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut s = String::new();
        self.for_text(id, &mut |t| s.push_str(t));
        s
    }

    /// Calls `f` with each text node's data under `id`, in order.
    pub fn for_text(&self, id: NodeId, f: &mut dyn FnMut(&'d str)) {
        match self.kind(id) {
            Kind::Text => f(self.data(id)),
            Kind::Element | Kind::Document => {
                let mut n = self.first_child(id);
                while let Some(x) = n {
                    match self.kind(x) {
                        Kind::Text => f(self.data(x)),
                        Kind::Element if !matches!(self.tag(x), Tag::Script | Tag::Style | Tag::Template | Tag::Noscript) => {
                            if let Some(c) = self.first_child(x) {
                                n = Some(c);
                                continue;
                            }
                        }
                        _ => {}
                    }
                    // Next sibling, climbing as needed (never above `id`).
                    let mut y = x;
                    n = loop {
                        if let Some(s) = self.next_sibling(y) {
                            break Some(s);
                        }
                        match self.parent(y) {
                            Some(p) if p != id => y = p,
                            _ => break None,
                        }
                    };
                }
            }
            _ => {}
        }
    }
}

pub struct Kids<'a, 'd> {
    t: &'a Tree<'d>,
    next: NodeId,
}
impl Iterator for Kids<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let c = self.next;
        self.next = self.t.l(c).next;
        Some(c)
    }
}

pub struct Desc<'a, 'd> {
    t: &'a Tree<'d>,
    root: NodeId,
    next: Option<NodeId>,
}
impl Iterator for Desc<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.t.next_in(cur, self.root, false);
        Some(cur)
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;
    use crate::article::words::{js_space, js_trim};

    /// `_getInnerText(id).length` the slow way: the text built, trimmed, runs of space as one.
    fn naive(t: &Tree, id: NodeId) -> usize {
        let s = t.text_content(id);
        let (mut n, mut in_space) = (0, false);
        for c in js_trim(&s).chars() {
            if js_space(c) {
                if !in_space {
                    n += 1;
                }
                in_space = true;
            } else {
                n += c.len_utf16();
                in_space = false;
            }
        }
        n
    }

    #[test]
    fn inner_len_joins_children_as_the_text_would() {
        let html = "<body><div id=a> <p> one  two </p><span>x</span><b> </b><i>y</i>\n\
                    <script>var s = 1;</script><p></p><em>\u{2003}é😀 z</em>  </div>\
                    <div id=b><span>a</span><span>b</span> <span> </span><span>c</span></div></body>";
        let doc = crate::native::parse(html, None);
        let mut t = Tree::new(&doc);
        for id in 0..t.len() as NodeId {
            assert_eq!(t.inner_len(id), naive(&t, id), "node {id}");
        }
        // A structural change is seen by the ancestors, and only by them.
        let b = (0..t.len() as NodeId).find(|&i| t.is_element(i) && t.attr(i, "id") == Some("b")).unwrap();
        let first = t.first_child(b).unwrap();
        t.remove(first);
        let a = (0..t.len() as NodeId).find(|&i| t.is_element(i) && t.attr(i, "id") == Some("a")).unwrap();
        t.append(a, first);
        for id in 0..t.len() as NodeId {
            assert_eq!(t.inner_len(id), naive(&t, id), "node {id} after the move");
        }
        assert_eq!(t.inner_len(b), "b c".len());
    }

    #[test]
    fn seeded_measures_are_the_tree_own() {
        // Leading, trailing, inner and only white space; empty text; hidden text; non-ASCII.
        let html = "<body><div> <p> one  two </p><span>x</span><b> </b><i> lead</i><u>trail </u><i>y</i>\n\t<p>a\r\nb</p>\
                    <div hidden> hidden  text </div><em>\u{2003}é z</em><pre>  keep\n  this  </pre>  </div>\
                    <script>var s = 1;</script><div style='display:none'> gone </div></body>";
        let doc = crate::native::parse(html, None);
        let an = crate::analysis::Analysis::new(&doc);
        let (plain, seeded) = (Tree::new(&doc), Tree::seeded(&doc, &an));
        for id in 0..doc.len() as NodeId {
            assert_eq!(seeded.summary(id), plain.summary(id), "node {id}");
        }
    }
}
