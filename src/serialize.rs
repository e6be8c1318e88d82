//! HTML serialization of the model (the HTML fragment serialization algorithm), with a filter
//! that leaves out or rewrites nodes: the CLI's cleaned page and the article's HTML.

use crate::dom::{Document, Kind, NodeId};

/// How to treat a node while serializing.
pub enum Emit {
    Keep,
    /// Leave the node and its subtree out.
    Skip,
    /// Emit the children but not the element itself.
    Unwrap,
    /// Keep the element and add an attribute (name, value) to it.
    Mark(&'static str, &'static str),
}

pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "source" | "track" | "wbr" | "param" | "keygen" | "frame" | "basefont" | "bgsound"
    )
}

fn is_raw_text(name: &str) -> bool {
    matches!(name, "style" | "script" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript")
}

pub fn escape_text(s: &str, out: &mut String) {
    escape(s, out, b'<', b'>', "&lt;", "&gt;");
}

pub fn escape_attr(s: &str, out: &mut String) {
    escape(s, out, b'"', b'"', "&quot;", "&quot;");
}

/// Copies `s` to `out` in runs, escaping `&`, the no-break space and the bytes `a` and `b`
/// (all ASCII, or the no-break space's lead byte: no run ends inside another character).
fn escape(s: &str, out: &mut String, a: u8, b: u8, a_ref: &str, b_ref: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (with, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            x if x == a => (a_ref, 1),
            x if x == b => (b_ref, 1),
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        out.push_str(with);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// Serializes the children of `root` (or the node itself with `outer`), asking `filter` about
/// each node and `attr` to rewrite attribute values (return None to drop the attribute).
pub fn serialize(
    doc: &Document,
    root: NodeId,
    outer: bool,
    filter: &dyn Fn(NodeId) -> Emit,
    attr: &dyn Fn(NodeId, &str, &str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(1024);
    if outer {
        node(doc, root, filter, attr, &mut out, false);
    } else {
        let raw = doc.is_element(root) && is_raw_text(doc.name(root));
        for c in doc.children(root) {
            node(doc, c, filter, attr, &mut out, raw);
        }
    }
    out
}

fn node(doc: &Document, id: NodeId, filter: &dyn Fn(NodeId) -> Emit, attr: &dyn Fn(NodeId, &str, &str) -> Option<String>, out: &mut String, raw: bool) {
    match doc.kind(id) {
        Kind::Text => {
            if raw {
                out.push_str(doc.data(id));
            } else {
                escape_text(doc.data(id), out);
            }
        }
        Kind::Comment => {
            if let Emit::Keep | Emit::Mark(..) = filter(id) {
                out.push_str("<!--");
                out.push_str(doc.data(id));
                out.push_str("-->");
            }
        }
        Kind::Doctype => {
            out.push_str("<!DOCTYPE ");
            out.push_str(doc.name(id));
            out.push('>');
        }
        Kind::Document => {
            for c in doc.children(id) {
                node(doc, c, filter, attr, out, false);
            }
        }
        Kind::Element => match filter(id) {
            Emit::Skip => {}
            Emit::Unwrap => {
                for c in doc.children(id) {
                    node(doc, c, filter, attr, out, raw);
                }
            }
            emit @ (Emit::Keep | Emit::Mark(..)) => {
                let name = doc.name(id);
                out.push('<');
                out.push_str(name);
                if let Emit::Mark(n, v) = emit {
                    out.push(' ');
                    out.push_str(n);
                    out.push_str("=\"");
                    escape_attr(v, out);
                    out.push('"');
                }
                for (n, v) in doc.attrs(id) {
                    if let Some(v) = attr(id, n, v) {
                        out.push(' ');
                        out.push_str(n);
                        out.push_str("=\"");
                        escape_attr(&v, out);
                        out.push('"');
                    }
                }
                out.push('>');
                if is_void(name) {
                    return;
                }
                let raw = is_raw_text(name);
                for c in doc.children(id) {
                    node(doc, c, filter, attr, out, raw);
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
        },
    }
}

/// Serializes the whole document unchanged except for `filter`.
pub fn document_html(doc: &Document, filter: &dyn Fn(NodeId) -> Emit) -> String {
    serialize(doc, 0, false, filter, &|_, _, v| Some(v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escaping character by character, as the runs must give it.
    fn by_char(s: &str, attr: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' if !attr => out.push_str("&lt;"),
                '>' if !attr => out.push_str("&gt;"),
                '"' if attr => out.push_str("&quot;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_in_runs_matches_escaping_each_character() {
        let parts = ["", "a", "&", "<", ">", "\"", "\u{a0}", "\u{c2}", "Â", "é", "\u{2028}", "日本", "&amp;", "x\u{a0}\u{a0}y", "🙂", "'"];
        for x in parts {
            for y in parts {
                for z in parts {
                    let s = format!("{x}{y}{z}");
                    let (mut t, mut a) = (String::new(), String::new());
                    escape_text(&s, &mut t);
                    escape_attr(&s, &mut a);
                    assert_eq!(t, by_char(&s, false), "{s:?}");
                    assert_eq!(a, by_char(&s, true), "{s:?}");
                }
            }
        }
        let mut t = String::new();
        escape_text("a < b & c\u{a0}> \"d\"", &mut t);
        assert_eq!(t, "a &lt; b &amp; c&nbsp;&gt; \"d\"");
    }
}
