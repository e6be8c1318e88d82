//! The subset of CSS selectors a site's own hide and keep rules are written in, matched on the
//! document model so the same rule gives the same answer natively and in a browser.
//!
//! Supported: type, `*`, `#id`, `.class`, `[attr]`, `[attr=v]`, `[attr~=v]`, `[attr^=v]`,
//! `[attr$=v]`, `[attr*=v]` (quoted or not), `:nth-child(n)`, `:nth-of-type(n)`,
//! `:first-child`, `:last-child`, the descendant and `>` combinators, and `,` lists. That is
//! what the element picker writes and what people write by hand; anything else is rejected
//! with the position of the problem.

use crate::dom::{Document, NodeId};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
enum AttrOp {
    Exists,
    Equals(String),
    Includes(String),
    Prefix(String),
    Suffix(String),
    Substring(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Simple {
    Tag(String),
    Id(String),
    Class(String),
    Attr(String, AttrOp),
    NthChild(u32),
    NthOfType(u32),
    LastChild,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Combinator {
    Descendant,
    Child,
}

/// One complex selector: compounds joined by combinators, stored right to left.
#[derive(Clone, Debug, PartialEq)]
struct Complex {
    /// (compound, combinator to the compound on its left)
    parts: Vec<(Vec<Simple>, Option<Combinator>)>,
    /// Its own source text.
    source: String,
}

/// A parsed selector list.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector {
    source: String,
    list: Vec<Complex>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    pub selector: String,
    pub position: usize,
    pub message: &'static str,
}

impl SelectorError {
    /// The message (as `Display` writes it), built without `fmt`.
    pub fn message(&self) -> String {
        ["selector \"", &self.selector, "\" at ", &crate::chars::decimal(self.position as i64), ": ", self.message].concat()
    }
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SelectorError {}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

impl<'a> Parser<'a> {
    fn err(&self, message: &'static str) -> SelectorError {
        SelectorError { selector: self.src.to_string(), position: self.i, message }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip_ws(&mut self) -> bool {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
        self.i > start
    }
    fn ident(&mut self) -> Result<String, SelectorError> {
        let mut out = String::new();
        while let Some(b) = self.peek() {
            if b == b'\\' {
                // CSS escape: the next character literally (hex escapes are rare in rules).
                self.i += 1;
                let rest = self.src.get(self.i..).unwrap_or("");
                let c = rest.chars().next().ok_or_else(|| self.err("escape at end"))?;
                out.push(c);
                self.i += c.len_utf8();
            } else if is_ident_byte(b) {
                let rest = self.src.get(self.i..).unwrap_or("");
                let c = rest.chars().next().unwrap_or('\u{fffd}');
                out.push(c);
                self.i += c.len_utf8();
            } else {
                break;
            }
        }
        if out.is_empty() {
            return Err(self.err("expected a name"));
        }
        Ok(out)
    }
    fn value(&mut self) -> Result<String, SelectorError> {
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => {
                self.i += 1;
                let start = self.i;
                while let Some(b) = self.peek() {
                    if b == q {
                        let v = self.src.get(start..self.i).unwrap_or("").to_string();
                        self.i += 1;
                        return Ok(v);
                    }
                    self.i += 1;
                }
                Err(self.err("unterminated string"))
            }
            _ => self.ident(),
        }
    }
    fn number_arg(&mut self) -> Result<u32, SelectorError> {
        if self.peek() != Some(b'(') {
            return Err(self.err("expected '('"));
        }
        self.i += 1;
        self.skip_ws();
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        let n: u32 = self.src.get(start..self.i).unwrap_or("").parse().map_err(|_| self.err("expected a number"))?;
        self.skip_ws();
        if self.peek() != Some(b')') {
            return Err(self.err("expected ')'"));
        }
        self.i += 1;
        if n == 0 {
            return Err(self.err("positions start at 1"));
        }
        Ok(n)
    }
    fn compound(&mut self) -> Result<Vec<Simple>, SelectorError> {
        let mut out = Vec::new();
        match self.peek() {
            Some(b'*') => self.i += 1,
            Some(b) if is_ident_byte(b) => out.push(Simple::Tag(self.ident()?.to_ascii_lowercase())),
            _ => {}
        }
        loop {
            match self.peek() {
                Some(b'#') => {
                    self.i += 1;
                    out.push(Simple::Id(self.ident()?));
                }
                Some(b'.') => {
                    self.i += 1;
                    out.push(Simple::Class(self.ident()?));
                }
                Some(b'[') => {
                    self.i += 1;
                    self.skip_ws();
                    let name = self.ident()?.to_ascii_lowercase();
                    self.skip_ws();
                    let op = match self.peek() {
                        Some(b']') => AttrOp::Exists,
                        Some(b'=') => {
                            self.i += 1;
                            self.skip_ws();
                            AttrOp::Equals(self.value()?)
                        }
                        Some(c @ (b'~' | b'^' | b'$' | b'*')) => {
                            self.i += 1;
                            if self.peek() != Some(b'=') {
                                return Err(self.err("expected '='"));
                            }
                            self.i += 1;
                            self.skip_ws();
                            let v = self.value()?;
                            match c {
                                b'~' => AttrOp::Includes(v),
                                b'^' => AttrOp::Prefix(v),
                                b'$' => AttrOp::Suffix(v),
                                _ => AttrOp::Substring(v),
                            }
                        }
                        _ => return Err(self.err("unsupported attribute operator")),
                    };
                    self.skip_ws();
                    if self.peek() != Some(b']') {
                        return Err(self.err("expected ']'"));
                    }
                    self.i += 1;
                    out.push(Simple::Attr(name, op));
                }
                Some(b':') => {
                    self.i += 1;
                    let name = self.ident()?.to_ascii_lowercase();
                    match name.as_str() {
                        "nth-child" => out.push(Simple::NthChild(self.number_arg()?)),
                        "nth-of-type" => out.push(Simple::NthOfType(self.number_arg()?)),
                        "first-child" => out.push(Simple::NthChild(1)),
                        "last-child" => out.push(Simple::LastChild),
                        _ => return Err(self.err("unsupported pseudo-class")),
                    }
                }
                _ => break,
            }
        }
        Ok(out)
    }
}

impl Selector {
    pub fn parse(src: &str) -> Result<Selector, SelectorError> {
        let mut p = Parser { s: src.as_bytes(), src, i: 0 };
        if src.len() > 2000 {
            return Err(p.err("too long"));
        }
        let mut list = Vec::new();
        loop {
            p.skip_ws();
            let begin = p.i;
            let mut parts: Vec<(Vec<Simple>, Option<Combinator>)> = Vec::new();
            let mut comb: Option<Combinator> = None;
            loop {
                let start = p.i;
                let c = p.compound()?;
                if c.is_empty() && p.i == start && !src.get(start..).unwrap_or("").starts_with('*') {
                    if p.i == src.len() || p.peek() == Some(b',') {
                        return Err(p.err("expected a selector"));
                    }
                    return Err(p.err("unexpected character"));
                }
                parts.push((c, comb));
                let ws = p.skip_ws();
                match p.peek() {
                    None | Some(b',') => break,
                    Some(b'>') => {
                        p.i += 1;
                        p.skip_ws();
                        comb = Some(Combinator::Child);
                    }
                    Some(_) if ws => comb = Some(Combinator::Descendant),
                    Some(_) => return Err(p.err("unexpected character")),
                }
            }
            parts.reverse();
            list.push(Complex { parts, source: src.get(begin..p.i).unwrap_or("").trim().to_string() });
            match p.peek() {
                Some(b',') => p.i += 1,
                _ => break,
            }
        }
        Ok(Selector { source: src.trim().to_string(), list })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The source of each selector in the list, one by one.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|c| c.source.as_str())
    }

    /// Attribute names the selector tests (besides id and class).
    pub fn attribute_names(&self) -> impl Iterator<Item = &str> {
        self.list.iter().flat_map(|c| c.parts.iter()).flat_map(|(simples, _)| simples.iter()).filter_map(|s| match s {
            Simple::Attr(name, _) => Some(name.as_str()),
            _ => None,
        })
    }

    pub fn matches(&self, doc: &Document, id: NodeId) -> bool {
        doc.is_element(id) && self.list.iter().any(|c| matches_complex(doc, id, &c.parts))
    }
}

fn matches_complex(doc: &Document, id: NodeId, parts: &[(Vec<Simple>, Option<Combinator>)]) -> bool {
    let Some(((compound, comb), rest)) = parts.split_first() else { return true };
    if !compound.iter().all(|s| matches_simple(doc, id, s)) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    // Stored right to left: the combinator recorded with this compound joins it to the next part.
    match comb {
        Some(Combinator::Child) => doc.parent(id).is_some_and(|p| doc.is_element(p) && matches_complex(doc, p, rest)),
        Some(Combinator::Descendant) => doc.ancestors(id).filter(|&a| doc.is_element(a)).any(|a| matches_complex(doc, a, rest)),
        None => true,
    }
}

fn matches_simple(doc: &Document, id: NodeId, s: &Simple) -> bool {
    match s {
        Simple::Tag(t) => doc.name(id) == t,
        Simple::Id(v) => doc.id_attr(id) == v,
        Simple::Class(c) => doc.has_class(id, c),
        Simple::Attr(name, op) => match doc.attr(id, name) {
            None => false,
            Some(v) => match op {
                AttrOp::Exists => true,
                AttrOp::Equals(x) => v == x,
                AttrOp::Includes(x) => crate::chars::ascii_words(v).any(|w| w == x),
                AttrOp::Prefix(x) => !x.is_empty() && v.starts_with(x.as_str()),
                AttrOp::Suffix(x) => !x.is_empty() && v.ends_with(x.as_str()),
                AttrOp::Substring(x) => !x.is_empty() && crate::chars::has(v, x),
            },
        },
        Simple::NthChild(n) => element_position(doc, id, false) == Some(*n),
        Simple::NthOfType(n) => element_position(doc, id, true) == Some(*n),
        Simple::LastChild => {
            let mut next = doc.node(id).next_sibling;
            while next != crate::dom::NONE {
                if doc.is_element(next) {
                    return false;
                }
                next = doc.node(next).next_sibling;
            }
            true
        }
    }
}

fn element_position(doc: &Document, id: NodeId, same_type: bool) -> Option<u32> {
    let p = doc.parent(id)?;
    let mut n = 0;
    for c in doc.children(p) {
        if doc.is_element(c) && (!same_type || doc.name(c) == doc.name(id)) {
            n += 1;
        }
        if c == id {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Builder;

    fn doc() -> Document {
        let mut b = Builder::new();
        b.open("body", []);
        b.open("div", [("id", "main"), ("class", "wrap big")]);
        b.open("p", [("data-x", "ad-slot-1")]);
        b.text("a");
        b.close();
        b.open("p", []);
        b.close();
        b.close();
        b.open("aside", [("class", "promo")]);
        b.open("span", []);
        b.finish()
    }

    fn sel(s: &str) -> Selector {
        Selector::parse(s).unwrap()
    }

    #[test]
    fn matches_compounds_and_combinators() {
        let d = doc();
        let ps: Vec<_> = d.elements().filter(|&i| d.name(i) == "p").collect();
        let span = d.elements().find(|&i| d.name(i) == "span").unwrap();
        assert!(sel("#main > p").matches(&d, ps[0]));
        assert!(sel("div.wrap.big p:nth-of-type(2)").matches(&d, ps[1]));
        assert!(!sel("div.wrap p:nth-child(2)").matches(&d, ps[0]));
        assert!(sel("[data-x^=ad-slot]").matches(&d, ps[0]));
        assert!(sel("p[data-x*='slot']").matches(&d, ps[0]));
        assert!(sel("body > aside.promo span, #nope").matches(&d, span));
        assert!(!sel("#main span").matches(&d, span));
        assert!(sel("p:last-child").matches(&d, ps[1]));
        assert!(sel("*").matches(&d, span));
    }

    #[test]
    fn rejects_with_position() {
        for bad in ["", "div >", "a[href", "p:hover", "div,,p", "a ~ b", "[x|=y]"] {
            let e = Selector::parse(bad).unwrap_err();
            assert!(!e.to_string().is_empty(), "{bad}");
        }
        assert_eq!(Selector::parse("p:hover").unwrap_err().message, "unsupported pseudo-class");
    }
}
