//! Renders a cleaned document for the CLI and tests: the page without its clutter (HTML), the
//! text a reader still sees, and a summary of each hidden block.

use crate::clutter::{Action, Decision};
use crate::dom::{Document, NodeId};
use crate::serialize::{serialize, Emit};
use crate::Cleaned;
use serde::Serialize;

/// Which nodes a set of decisions hides (outermost blocks marked; descendants implied).
pub fn hidden_mask(doc: &Document, decisions: &[Decision]) -> Vec<bool> {
    let mut hidden = vec![false; doc.len()];
    let mut keep = vec![false; doc.len()];
    for d in decisions {
        match d.action {
            Action::Hide(_) | Action::HideByRule | Action::HideControl | Action::Collapse => hidden[d.node as usize] = true,
            Action::Keep => keep[d.node as usize] = true,
            _ => {}
        }
    }
    for (i, k) in keep.iter().enumerate() {
        if *k {
            hidden[i] = false;
        }
    }
    hidden
}

/// The page as HTML with hidden blocks left out, layout fixes marked, and the stylesheet for
/// the fixes added to the head.
pub fn cleaned_html(doc: &Document, cleaned: &Cleaned, stylesheet: &str) -> String {
    let hidden = hidden_mask(doc, &cleaned.decisions);
    let fix = |id: NodeId| {
        cleaned.decisions.iter().find(|d| d.node == id && matches!(d.action, Action::Expand | Action::Unstick | Action::Unlock | Action::Widen | Action::Fill)).map(|d| crate::marker(d.action))
    };
    let filter = |id: NodeId| {
        if hidden[id as usize] {
            Emit::Skip
        } else if let Some((a, v)) = fix(id) {
            Emit::Mark(a, v)
        } else {
            Emit::Keep
        }
    };
    let mut html = serialize(doc, 0, false, &filter, &|_, _, v| Some(v.to_string()));
    let style = format!("<style id=\"declutter-style\">{stylesheet}</style>");
    match html.find("</head>") {
        Some(i) => html.insert_str(i, &style),
        None => html.insert_str(0, &style),
    }
    html
}

/// The text a reader still sees after the clean, one block per line.
pub fn visible_text(doc: &Document, cleaned: &Cleaned) -> String {
    let hidden = hidden_mask(doc, &cleaned.decisions);
    crate::text::block_text(doc, doc.body(), &|id| hidden[id as usize])
}

/// One hidden block, described for people.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Block {
    /// Category name, `rule` or `control`.
    pub category: &'static str,
    /// The signal it was hidden on.
    pub rule: &'static str,
    pub tag: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub class: String,
    /// The start of its text.
    pub text: String,
}

pub fn blocks(doc: &Document, cleaned: &Cleaned) -> Vec<Block> {
    cleaned
        .decisions
        .iter()
        .filter(|d| matches!(d.action, Action::Hide(_) | Action::HideByRule | Action::HideControl))
        .map(|d| {
            let text = crate::article::normalize(&doc.text_content(d.node));
            Block {
                category: crate::marker(d.action).1,
                rule: d.rule.name(),
                tag: doc.name(d.node).to_string(),
                id: doc.id_attr(d.node).to_string(),
                class: doc.class(d.node).to_string(),
                text: text.chars().take(100).collect(),
            }
        })
        .collect()
}
