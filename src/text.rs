//! The text a reader sees, one block per line: words of adjacent paragraphs, headings, list
//! items or cells never run together; whitespace inside a block collapses; `pre` keeps its
//! line breaks.

use crate::dom::{Document, Kind, NodeId, Tag};

struct Out {
    s: String,
    /// A space is owed before the next word.
    space: bool,
}

impl Out {
    fn newline(&mut self) {
        while self.s.ends_with(' ') {
            self.s.pop();
        }
        if !self.s.is_empty() && !self.s.ends_with('\n') {
            self.s.push('\n');
        }
        self.space = false;
    }
    fn word_text(&mut self, t: &str) {
        // Soft hyphens are invisible unless a line breaks there.
        let owned;
        let t = if t.contains('\u{ad}') {
            owned = t.replace('\u{ad}', "");
            owned.as_str()
        } else {
            t
        };
        for (k, part) in t.split(char::is_whitespace).enumerate() {
            if k > 0 {
                self.space = true;
            }
            if part.is_empty() {
                continue;
            }
            if self.space && !self.s.is_empty() && !self.s.ends_with('\n') && !self.s.ends_with(' ') {
                self.s.push(' ');
            }
            self.space = false;
            self.s.push_str(part);
        }
    }
}

/// A tree the text walker can read: the document itself, or the article's edited view of it.
pub trait TextTree {
    fn kind(&self, id: NodeId) -> Kind;
    fn tag(&self, id: NodeId) -> Tag;
    /// Lower-case element name.
    fn name(&self, id: NodeId) -> &str;
    fn data(&self, id: NodeId) -> &str;
    fn first_child(&self, id: NodeId) -> Option<NodeId>;
    fn next_sibling(&self, id: NodeId) -> Option<NodeId>;
    /// The element is not shown (hidden by the page, or left out by the caller).
    fn skipped(&self, id: NodeId) -> bool;
}

struct DocTree<'a> {
    doc: &'a Document,
    skip: &'a dyn Fn(NodeId) -> bool,
}

impl TextTree for DocTree<'_> {
    fn kind(&self, id: NodeId) -> Kind {
        self.doc.kind(id)
    }
    fn tag(&self, id: NodeId) -> Tag {
        self.doc.tag(id)
    }
    fn name(&self, id: NodeId) -> &str {
        self.doc.name(id)
    }
    fn data(&self, id: NodeId) -> &str {
        self.doc.data(id)
    }
    fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.doc.children(id).next()
    }
    fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.doc.node(id).next_sibling;
        (n != crate::dom::NONE).then_some(n)
    }
    fn skipped(&self, id: NodeId) -> bool {
        (self.skip)(id) || crate::analysis::page_hidden(self.doc, id)
    }
}

/// Visible text of the subtree at `root`, skipping nodes for which `skip` is true (hidden
/// clutter) and everything the page itself does not render.
pub fn block_text(doc: &Document, root: NodeId, skip: &dyn Fn(NodeId) -> bool) -> String {
    tree_text(&DocTree { doc, skip }, root)
}

/// Elements whose text is not shown as running text: MathML annotations (the TeX source beside
/// the rendering) and ruby annotations (the reading printed above CJK characters, which inline
/// would split the words it annotates).
fn unshown(name: &str) -> bool {
    matches!(name, "annotation" | "annotation-xml" | "rt" | "rp")
}

/// Visible text of the subtree at `root` of any [`TextTree`], one block per line.
pub fn tree_text(t: &dyn TextTree, root: NodeId) -> String {
    let mut out = Out { s: String::new(), space: false };
    // Iterative walk (deep pages must not exhaust the stack, and no list of children is made):
    // `open` holds the entered elements with the `pre` of their parent's level.
    let mut open: Vec<(NodeId, bool)> = Vec::new();
    let mut cur = Some(root);
    let mut pre = false;
    loop {
        let Some(id) = cur else {
            let Some((id, parent_pre)) = open.pop() else { break };
            pre = parent_pre;
            let tag = t.tag(id);
            if tag.is_block() || tag == Tag::Td || tag == Tag::Th {
                out.newline();
            } else if tag == Tag::Img {
                out.space = true;
            }
            cur = if id == root { None } else { t.next_sibling(id) };
            continue;
        };
        let next = if id == root { None } else { t.next_sibling(id) };
        let kind = t.kind(id);
        match kind {
            Kind::Text => {
                if pre {
                    if out.space && !out.s.is_empty() && !out.s.ends_with('\n') {
                        out.s.push(' ');
                    }
                    out.space = false;
                    out.s.push_str(t.data(id));
                } else {
                    out.word_text(t.data(id));
                }
            }
            Kind::Element | Kind::Document => {
                let tag = t.tag(id);
                if kind == Kind::Element && (tag.is_non_rendered() || unshown(t.name(id)) || t.skipped(id)) {
                    cur = next;
                    continue;
                }
                if tag == Tag::Br {
                    out.newline_forced();
                    cur = next;
                    continue;
                }
                if tag.is_block() || tag == Tag::Td || tag == Tag::Th {
                    out.newline();
                }
                open.push((id, pre));
                pre = pre || tag == Tag::Pre || tag == Tag::Textarea;
                cur = t.first_child(id);
                continue;
            }
            _ => {}
        }
        cur = next;
    }
    out.newline();
    let mut s = out.s;
    while s.ends_with('\n') {
        s.pop();
    }
    s
}

impl Out {
    fn newline_forced(&mut self) {
        while self.s.ends_with(' ') {
            self.s.pop();
        }
        self.s.push('\n');
        self.space = false;
    }
}

/// Number of words (runs of letters or digits; each CJK character counts as a word).
pub fn word_count(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII first, by bytes (most text): a letter or digit, or a mark that breaks a word
        // or not.
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_alphanumeric() {
                n += usize::from(!in_word);
                in_word = true;
            } else if x != b'\'' && x != b'-' {
                in_word = false;
            }
            i += 1;
            continue;
        }
        // `i` is at a character's first byte: every step is one ASCII byte or one character.
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if crate::chars::is_word(c) {
            if !in_word {
                n += 1;
            }
            in_word = true;
        } else if c != '’' {
            in_word = false;
        }
    }
    n
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Builder;

    #[test]
    fn blocks_get_their_own_lines() {
        let mut b = Builder::new();
        b.open("body", []);
        b.open("h1", []);
        b.text("Title");
        b.close();
        b.open("p", []);
        b.text("One\n  two ");
        b.open("b", []);
        b.text("three");
        b.close();
        b.close();
        b.open("ul", []);
        for t in ["a", "b"] {
            b.open("li", []);
            b.text(t);
            b.close();
        }
        b.close();
        b.open("pre", []);
        b.text("x  =\n  1");
        b.close();
        b.open("p", []);
        b.text("line");
        b.open("br", []);
        b.close();
        b.text("break");
        let d = b.finish();
        assert_eq!(block_text(&d, 0, &|_| false), "Title\nOne two three\na\nb\nx  =\n  1\nline\nbreak");
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("Hello, world! It's 2024."), 4);
        assert_eq!(word_count("日本語"), 3);
        assert_eq!(word_count("l’homme d'état co-op — Straße 12,5 x"), 7);
        assert_eq!(word_count("naïve café, ünïcödé’s"), 3);
        assert_eq!(word_count(""), 0);
    }
}
