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
    let mut css = String::with_capacity(1024);
    let not_shown = format!(":root:not([{ATTR_SHOW}])");
    let mut early: Vec<&str> = Vec::new();
    for c in Category::ALL {
        if categories.contains(c) {
            early.extend(early_selectors(c));
        }
    }
    let keep_guard = format!(":not([{ATTR_KEEP}])");
    // Hidden blocks.
    css.push_str(&format!("{not_shown} [{ATTR_HIDE}]{keep_guard}"));
    for sel in early.iter().copied().chain(site_hide.iter().flat_map(|s| s.parts())) {
        css.push_str(&format!(",\n{not_shown} {sel}{keep_guard}"));
    }
    css.push_str(" {\n  display: none !important;\n}\n");
    // "Show what was removed": outline instead of hiding.
    css.push_str(&format!(
        ":root[{ATTR_SHOW}] [{ATTR_HIDE}] {{\n  outline: 2px dashed #d0342c !important;\n  outline-offset: -2px !important;\n  background-color: rgba(208, 52, 44, 0.08) !important;\n}}\n"
    ));
    // Layout fixes.
    css.push_str(&format!(
        "[{ATTR_FIX}~=\"expand\"] {{\n  max-height: none !important;\n  height: auto !important;\n  overflow: visible !important;\n  -webkit-line-clamp: unset !important;\n  -webkit-mask-image: none !important;\n  mask-image: none !important;\n}}\n"
    ));
    css.push_str(&format!("[{ATTR_FIX}~=\"unstick\"] {{\n  position: relative !important;\n  top: auto !important;\n}}\n"));
    css.push_str(&format!("[{ATTR_FIX}~=\"unlock\"] {{\n  overflow: auto !important;\n  position: static !important;\n}}\n"));
    css
}

#[cfg(test)]
mod tests {
    use super::*;

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
