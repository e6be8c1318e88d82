//! The one stylesheet that does all hiding. Decisions become attributes on elements; these
//! rules turn the attributes into hidden blocks, expanded bodies and unstuck headers, so that
//! removing the attributes (and the sheet) restores the page exactly, and one attribute on the
//! root switches to "show what was removed".
//!
//! The sheet also carries *early* rules: selectors for markup that is clutter wherever it
//! appears (AdSense, GPT slots, ad-server frames, sponsored-feed widgets), so they are hidden
//! from the first frame, before the document is even parsed.

use crate::clutter::{Category, CategorySet};
use crate::selector::Selector;

/// Attribute holding the category of a hidden block (or `rule`, `control`).
pub const ATTR_HIDE: &str = "data-declutter";
/// Space-separated layout fixes: `expand`, `unstick`, `unlock`.
pub const ATTR_FIX: &str = "data-declutter-fix";
/// A block a keep rule protects; beats the early rules.
pub const ATTR_KEEP: &str = "data-declutter-keep";
/// On the root element: outline hidden blocks instead of hiding them.
pub const ATTR_SHOW: &str = "data-declutter-show";
/// On the root element while the reader view is open over the page.
pub const ATTR_READER: &str = "data-declutter-reader";
/// On the root element while Declutter is on for the page: the early rules apply only then, so
/// undo switches them off with the rest (the extension sets it at document start).
pub const ATTR_ON: &str = "data-declutter-on";

/// Early selectors per category: markup that is never article content.
fn early_selectors(cat: Category) -> &'static [&'static str] {
    match cat {
        Category::Ads => &[
            "ins.adsbygoogle",
            "[id^=\"div-gpt-ad\"]",
            "[id^=\"google_ads_iframe\"]",
            "iframe[src*=\"doubleclick.net\"]",
            "iframe[src*=\"googlesyndication.com\"]",
            "iframe[src*=\"amazon-adsystem.com\"]",
            "iframe[name^=\"google_ads_iframe\"]",
            "[data-ad-slot]",
            "[data-google-query-id]",
        ],
        Category::Sponsored => &["[id^=\"taboola-\"]", ".trc_related_container", ".OUTBRAIN", "iframe[src*=\"outbrain.com\"]", "iframe[src*=\"taboola.com\"]"],
        _ => &[],
    }
}

/// The stylesheet for a page: fixed rules plus the early rules of the enabled categories and
/// the site's own hide selectors.
pub fn stylesheet(categories: CategorySet, site_hide: &[Selector]) -> String {
    build(categories, site_hide, true)
}

/// The stylesheet for an open shadow root or a same-origin frame: the marker rules without the
/// root-element guards (inside a shadow tree `:root` matches nothing). Markers there are only
/// ever set while Declutter is on.
pub fn scoped_stylesheet(categories: CategorySet, site_hide: &[Selector]) -> String {
    build(categories, site_hide, false)
}

fn build(categories: CategorySet, site_hide: &[Selector], guarded: bool) -> String {
    // (Pieces pushed in turn, not `format!`: the every-page module carries no `fmt`.)
    let mut css = String::with_capacity(1024);
    let mut push = |parts: &[&str]| parts.iter().for_each(|p| css.push_str(p));
    let mut early: Vec<&str> = Vec::new();
    for c in Category::ALL {
        if categories.contains(c) {
            early.extend(early_selectors(c));
        }
    }
    let keep_guard = [":not([", ATTR_KEEP, "])"].concat();
    // Hidden blocks: marked ones, and what markup alone reveals (only while Declutter is on).
    if guarded {
        push(&[":root:not([", ATTR_SHOW, "]) "]);
    }
    push(&["[", ATTR_HIDE, "]", &keep_guard]);
    for sel in early.iter().copied().chain(site_hide.iter().flat_map(|s| s.parts())) {
        push(&[",\n"]);
        if guarded {
            push(&[":root[", ATTR_ON, "]:not([", ATTR_SHOW, "]) "]);
        }
        push(&[sel, &keep_guard]);
    }
    push(&[" {\n  display: none !important;\n}\n"]);
    // "Show what was removed": outline instead of hiding (a page-level switch).
    if guarded {
        push(&[":root[", ATTR_SHOW, "] [", ATTR_HIDE, "] {\n  outline: 2px dashed #d0342c !important;\n  outline-offset: -2px !important;\n  background-color: rgba(208, 52, 44, 0.08) !important;\n}\n"]);
    }
    // Layout fixes.
    push(&["[", ATTR_FIX, "~=\"expand\"] {\n  max-height: none !important;\n  height: auto !important;\n  overflow: visible !important;\n  -webkit-line-clamp: unset !important;\n  -webkit-mask-image: none !important;\n  mask-image: none !important;\n}\n"]);
    push(&["[", ATTR_FIX, "~=\"unstick\"] {\n  position: relative !important;\n  top: auto !important;\n}\n"]);
    push(&["[", ATTR_FIX, "~=\"unlock\"] {\n  overflow: auto !important;\n  position: static !important;\n}\n"]);
    if guarded {
        // The reader view covers the page: one scrollbar (the view's), and only the view in print.
        push(&[":root[", ATTR_READER, "] {\n  overflow: hidden !important;\n}\n@media print {\n  :root[", ATTR_READER, "] > body {\n    display: none !important;\n  }\n}\n"]);
    }
    // Reflow after the sidebar went: the article column centred at a reading width.
    push(&["[", ATTR_FIX, "~=\"widen\"] {\n  float: none !important;\n  width: auto !important;\n  max-width: min(100%, 52rem) !important;\n  margin-left: auto !important;\n  margin-right: auto !important;\n  flex: 1 1 auto !important;\n  grid-column: 1 / -1 !important;\n}\n"]);
    push(&["[", ATTR_FIX, "~=\"fill\"] {\n  float: none !important;\n  width: auto !important;\n  max-width: none !important;\n  margin-left: 0 !important;\n  margin-right: 0 !important;\n}\n"]);
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoped_sheet_has_no_root_guards() {
        let css = scoped_stylesheet(CategorySet::default_on(), &[]);
        assert!(!css.contains(":root"), "{css}");
        assert!(css.starts_with("[data-declutter]:not([data-declutter-keep])"), "{css}");
        assert!(css.contains("\nins.adsbygoogle:not([data-declutter-keep])"), "{css}");
        // dom.js (showingCss) relies on this: while the page shows what was removed, a shadow
        // root's sheet loses its first rule, the one that hides, up to its end, and keeps the rest.
        let end = css.find("display: none !important;\n}\n").expect("the hiding rule");
        assert!(!css[..end].contains('}'), "the hiding rule comes first: {css}");
        assert!(css[end..].contains(ATTR_FIX), "the fixes come after it: {css}");
    }

    #[test]
    fn early_rules_follow_categories() {
        let all = stylesheet(CategorySet::default_on(), &[Selector::parse(".promo-box, aside > .x").unwrap()]);
        assert!(all.contains("aside > .x:not([data-declutter-keep])"));
        assert!(all.contains("ins.adsbygoogle:not([data-declutter-keep])"));
        assert!(all.contains(".promo-box:not([data-declutter-keep])"));
        let mut no_ads = CategorySet::default_on();
        no_ads.set(Category::Ads, false);
        assert!(!stylesheet(no_ads, &[]).contains("adsbygoogle"));
    }
}
