//! What the reader does beyond Readability, on its result: boilerplate that Readability keeps
//! inside the article ("Read more: …" link lines, "Related"/"Comments" sections announced by a
//! heading, share prompts) goes.

use super::readability::inner_len;
use super::tree::Tree;
use crate::dom::{NodeId, Tag};

fn link_len(t: &Tree, id: NodeId) -> usize {
    t.descendants(id).filter(|&d| t.is_element(d) && t.tag(d) == Tag::A).map(|a| inner_len(t, a)).sum()
}

fn has_media(t: &Tree, id: NodeId) -> bool {
    t.descendants(id).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture | Tag::Video | Tag::Iframe | Tag::Math | Tag::Svg | Tag::Table | Tag::Pre))
}

/// Short paragraphs that are mostly a link: "Read more: <a>…</a>", "Lea también: …".
fn link_lines(t: &mut Tree, root: NodeId) {
    let list: Vec<NodeId> = t.descendants(root).filter(|&d| t.is_element(d) && matches!(t.tag(d), Tag::P)).collect();
    for p in list.into_iter().rev() {
        if t.parent(p).is_none() || has_media(t, p) {
            continue;
        }
        let len = inner_len(t, p);
        if len == 0 || len > 200 {
            continue;
        }
        let links = link_len(t, p);
        if links * 2 > len && label_then_link(t, p) {
            t.remove(p);
        }
    }
}

/// The paragraph starts with a short label ending in a colon before its first link
/// ("Read more:", "Lea también:", "VEA TAMBIÉN:").
fn label_then_link(t: &Tree, p: NodeId) -> bool {
    let mut label = String::new();
    let mut n = t.first_child(p);
    // Text before the first link, descending into inline wrappers (<strong>Read more:</strong>).
    while let Some(x) = n {
        if t.is_element(x) && t.tag(x) == Tag::A {
            break;
        }
        if t.is_element(x) && t.descendants(x).any(|d| t.is_element(d) && t.tag(d) == Tag::A) {
            n = t.first_child(x);
            continue;
        }
        label.push_str(&t.text_content(x));
        if label.chars().count() > 40 {
            return false;
        }
        n = t.next_sibling(x).or_else(|| {
            let mut up = x;
            loop {
                let parent = t.parent(up)?;
                if parent == p {
                    return None;
                }
                if let Some(s) = t.next_sibling(parent) {
                    return Some(s);
                }
                up = parent;
            }
        });
    }
    let l = label.trim();
    n.is_some() && !l.is_empty() && (l.ends_with(':') || l.ends_with('»') || l.ends_with('>'))
}

pub fn refine(t: &mut Tree, root: NodeId) {
    link_lines(t, root);
}
