//! Per-node facts computed once, bottom-up, and shared by the clutter detector and the article
//! finder: how much visible text a subtree holds, how much of it is link text, how many
//! paragraphs, images, links and form controls it has.

use crate::dom::{Document, Kind, NodeId, Tag};

#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Visible characters (whitespace runs count as one).
    pub text: u32,
    /// Of `text`, the part inside links.
    pub link_text: u32,
    pub commas: u32,
    /// Paragraph-like blocks with real prose (see [`is_prose`]).
    pub paras: u32,
    /// Characters of text in those paragraphs.
    pub para_text: u32,
    pub images: u32,
    pub links: u32,
    /// input, select, textarea, button.
    pub controls: u32,
    pub email_inputs: u32,
    pub iframes: u32,
    /// Material the article may hold besides prose: tables, pre/code blocks, quotes, captions,
    /// figures, video, math, embeds.
    pub media: u32,
    pub elements: u32,
}

impl Stats {
    pub fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f32 / self.text as f32
        }
    }
    fn add(&mut self, o: &Stats) {
        self.text += o.text;
        self.link_text += o.link_text;
        self.commas += o.commas;
        self.paras += o.paras;
        self.para_text += o.para_text;
        self.images += o.images;
        self.links += o.links;
        self.controls += o.controls;
        self.email_inputs += o.email_inputs;
        self.iframes += o.iframes;
        self.media += o.media;
        self.elements += o.elements;
    }
}

/// Counts visible characters of a text node (collapsing whitespace runs to one) and commas.
pub fn measure_text(s: &str) -> (u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut in_space = true;
    if s.is_ascii() {
        // The same by bytes (most text nodes are ASCII; char decoding is most of the cost).
        // Without branches: a byte counts unless it is a space after a space (or at the start).
        for &b in s.as_bytes() {
            let space = crate::chars::ascii_space(b);
            n += u32::from(!(space && in_space));
            commas += u32::from(b == b',');
            in_space = space;
        }
        if in_space && n > 0 {
            n -= 1;
        }
        return (n, commas);
    }
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1;
                in_space = true;
            }
        } else {
            in_space = false;
            n += 1;
            if c == ',' || c == '，' || c == '、' || c == '،' {
                commas += 1;
            }
        }
    }
    if in_space && n > 0 {
        n -= 1;
    }
    (n, commas)
}

/// True when the page itself hides this element (hidden attribute, inline display:none).
pub fn page_hidden(doc: &Document, id: NodeId) -> bool {
    for (name, value) in doc.attrs(id) {
        if name == "hidden" || (name == "style" && (style_is(value, "display", "none") || style_is(value, "visibility", "hidden"))) {
            return true;
        }
    }
    if let Some(l) = doc.layout(id) {
        return l.flags & crate::dom::Layout::HIDDEN != 0;
    }
    false
}

/// Does an inline style declare `property: value` (case and spacing ignored)? No allocation:
/// this runs for every element with a style attribute.
pub fn style_is(style: &str, property: &str, value: &str) -> bool {
    let b = style.as_bytes();
    let p = property.as_bytes();
    let v = value.as_bytes();
    let mut i = 0;
    while i + p.len() <= b.len() {
        if b[i..i + p.len()].eq_ignore_ascii_case(p) && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'-') {
            let mut j = i + p.len();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && b[j] == b':' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                // (An empty `value`: the property is declared, whatever its value.)
                if v.is_empty() || j + v.len() <= b.len() && b[j..j + v.len()].eq_ignore_ascii_case(v) && (j + v.len() == b.len() || !(b[j + v.len()].is_ascii_alphanumeric() || b[j + v.len()] == b'-')) {
                    return true;
                }
            }
        }
        i += 1;
    }
    false
}

pub struct Analysis {
    pub stats: Vec<Stats>,
    /// Nodes whose text is not rendered (inside script, style, template, hidden subtrees).
    pub invisible: Vec<bool>,
}

impl Analysis {
    pub fn new(doc: &Document) -> Analysis {
        let n = doc.len();
        let mut stats = vec![Stats::default(); n];
        let mut invisible = vec![false; n];
        // Top-down: invisibility is inherited.
        for i in 0..n as NodeId {
            let inv = match doc.parent(i) {
                Some(p) => invisible[p as usize] || (doc.is_element(p) && doc.tag(p).is_non_rendered()),
                None => false,
            };
            invisible[i as usize] = inv || (doc.is_element(i) && page_hidden(doc, i));
        }
        // Bottom-up: descendants have larger ids, so a reverse loop sees children first.
        for i in (0..n as NodeId).rev() {
            let iu = i as usize;
            let node = doc.node(i);
            let mut s = stats[iu];
            match node.kind {
                Kind::Text if !invisible[iu] => {
                    let (t, c) = measure_text(doc.data(i));
                    s.text = t;
                    s.commas = c;
                }
                Kind::Element if invisible[iu] || node.tag.is_non_rendered() => {
                    s = Stats::default();
                }
                Kind::Element => {
                    s.elements += 1;
                    match node.tag {
                        Tag::A => {
                            s.link_text = s.text;
                            if doc.has_attr(i, "href") {
                                s.links += 1;
                            }
                        }
                        Tag::Img => s.images += 1,
                        Tag::Input => {
                            let ty = doc.attr(i, "type").unwrap_or("text");
                            if !ty.eq_ignore_ascii_case("hidden") {
                                s.controls += 1;
                            }
                            if ty.eq_ignore_ascii_case("email") || doc.attr(i, "name").is_some_and(|n| crate::chars::has(&n.to_ascii_lowercase(), "email")) {
                                s.email_inputs += 1;
                            }
                        }
                        Tag::Select | Tag::Textarea | Tag::Button => s.controls += 1,
                        Tag::Iframe => s.iframes += 1,
                        Tag::Table | Tag::Pre | Tag::Video | Tag::Audio | Tag::Math | Tag::Embed | Tag::Object | Tag::Canvas | Tag::Blockquote | Tag::Figcaption => {
                            s.media += 1
                        }
                        Tag::Figure if s.images == 0 => s.media += 1,
                        _ => {}
                    }
                    if is_prose(doc, i, &s) {
                        s.paras = s.paras.max(1);
                        s.para_text = s.para_text.max(s.text - s.link_text);
                    }
                }
                _ => {}
            }
            stats[iu] = s;
            if let Some(p) = doc.parent(i) {
                let s = stats[iu];
                stats[p as usize].add(&s);
            }
        }
        Analysis { stats, invisible }
    }

    pub fn get(&self, id: NodeId) -> &Stats {
        &self.stats[id as usize]
    }
}

/// A paragraph of prose: a `p` (or a text-only block) with a sentence or more of non-link text.
/// Nested prose is counted once, at the innermost block.
pub fn is_prose(doc: &Document, id: NodeId, s: &Stats) -> bool {
    let own = s.text.saturating_sub(s.link_text);
    if own < 80 || s.paras > 0 || s.link_density() > 0.5 {
        return false;
    }
    match doc.tag(id) {
        Tag::P | Tag::Blockquote | Tag::Dd | Tag::Li | Tag::Td | Tag::Pre => true,
        Tag::Div | Tag::Section | Tag::Article | Tag::Span | Tag::Font | Tag::Center => {
            // A text-only block: no block-level element children.
            !doc.children(id).any(|c| doc.is_element(c) && doc.tag(c).is_block())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Builder;

    #[test]
    fn inline_styles() {
        assert!(style_is("color: red; DISPLAY : None !important", "display", "none"));
        assert!(!style_is("display:none-ish", "display", "none"));
        assert!(!style_is("max-display: none", "display", "none"));
        assert!(style_is("visibility:hidden", "visibility", "hidden"));
    }

    #[test]
    fn text_measure_collapses_whitespace() {
        assert_eq!(measure_text("  a  b\n c "), (5, 0));
        assert_eq!(measure_text("x, y, z"), (7, 2));
        assert_eq!(measure_text("   "), (0, 0));
    }

    #[test]
    fn stats_roll_up_and_skip_scripts() {
        let mut b = Builder::new();
        b.open("body", []);
        b.open("p", []);
        b.text(&"word ".repeat(30));
        b.open("a", [("href", "#")]);
        b.text("link");
        b.close();
        b.close();
        b.open("script", []);
        b.text("var a = 1, b = 2;");
        b.close();
        b.open("div", [("style", "display: none")]);
        b.text("hidden text");
        b.close();
        let d = b.finish();
        let a = Analysis::new(&d);
        let body = d.body();
        let s = a.get(body);
        assert_eq!(s.text, 149 + 4);
        assert_eq!(s.link_text, 4);
        assert_eq!(s.links, 1);
        assert_eq!(s.paras, 1);
        assert_eq!(s.commas, 0);
    }
}
