//! Quality gate for in-place clean on real pages: the article must stay visible.
//!
//! - Readability's 130 pages: every shingle of the expected article's text must stay in the
//!   visible text after clean (recall), on average and on every page. Also reported: how much
//!   of the non-article text clean hid.
//! - trafilatura's 990 pages: the share of `with` snippets (main text) still visible after clean,
//!   and of the `without` snippets (boilerplate) visible before it, the share it hid.
//!
//! Pinned minimums only rise; lowering one needs an explicit, explained commit.

mod common;
use common::*;
use declutter::{native, output, Options};

const MIN_MEAN_RECALL: f64 = 0.995;
const MIN_PAGE_RECALL: f64 = 0.98;
const MIN_WITH_VISIBLE: f64 = 0.985;
/// Of trafilatura's `without` snippets (boilerplate) visible before clean, the share hidden after
/// it. Navigation, footers and datelines are boilerplate that clean leaves alone on purpose, so
/// this is far from 1: it guards what clean does hide (ads, related reading, comments, social
/// and sign-up boxes) against regressions.
const MIN_WITHOUT_HIDDEN: f64 = 0.2870;
/// Of the pictures and embeds in Readability's expected articles, how many the pages show
/// before clean (each must still show after it).
const MIN_MEDIA_SHOWN: usize = 719;

/// Pictures and embeds of the expected articles to leave out per page (their `media`: the
/// commenters' avatars of a comment section Readability keeps).
fn known_media() -> std::collections::HashMap<String, Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clean-known-differences.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["readability"].as_object().unwrap().iter().filter_map(|(page, e)| Some((page.clone(), e["media"].as_array()?.iter().map(|s| s.as_str().unwrap().to_string()).collect()))).collect()
}

/// Lines of expected text to leave out per page, with the reason (tests/clean-known-differences.json).
fn known_differences() -> std::collections::HashMap<String, Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clean-known-differences.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = std::collections::HashMap::new();
    for (page, entry) in v["readability"].as_object().unwrap() {
        assert!(entry["reason"].as_str().is_some_and(|r| !r.is_empty()), "{page}: a known difference needs a reason");
        let ex = entry["exclude"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
        out.insert(page.clone(), ex);
    }
    out
}

#[test]
fn readability_pages_keep_their_article() {
    let opts = Options::default();
    let known = known_differences();
    let mut recalls = Vec::new();
    let mut hid_clutter = 0u64;
    let mut clutter_total = 0u64;
    let mut worst: Vec<(f64, String)> = Vec::new();
    for (name, source, expected, _) in readability_pages() {
        let html = read_html(&source);
        let doc = native::parse(&html, Some(READABILITY_URL));
        let cleaned = declutter::clean(&doc, &opts);
        let visible = shingles(&output::visible_text(&doc, &cleaned));
        let before = shingles(&output::visible_text(&doc, &declutter::Cleaned { decisions: Vec::new(), article: None, replies: false, report: Default::default() }));
        let exp_doc = native::parse(&read_html(&expected), None);
        let exp_text = declutter::text::block_text(&exp_doc, exp_doc.body(), &|_| false);
        let excluded = known.get(&name).cloned().unwrap_or_default();
        let mut unused: Vec<&String> = excluded.iter().collect();
        let kept_lines: Vec<&str> = exp_text
            .lines()
            .filter(|l| {
                let hit = excluded.iter().find(|x| l.contains(x.as_str()));
                if let Some(x) = hit {
                    unused.retain(|u| *u != x);
                }
                hit.is_none()
            })
            .collect();
        assert!(unused.is_empty(), "{name}: known-difference snippets not found in expected.html: {unused:?}");
        let exp = shingles(&kept_lines.join("\n"));
        // Only what the page shows before cleaning can be kept: score against that.
        let exp: std::collections::HashMap<String, u32> = exp.into_iter().filter_map(|(k, n)| before.get(&k).map(|&b| (k, n.min(b)))).collect();
        let recall = if total(&exp) == 0 { 1.0 } else { overlap(&exp, &visible) as f64 / total(&exp) as f64 };
        recalls.push(recall);
        worst.push((recall, name.clone()));
        // Non-article text: shingles visible before, not in the article.
        for (k, &n) in &before {
            let art = *exp.get(k).unwrap_or(&0);
            let extra = n.saturating_sub(art);
            if extra > 0 {
                clutter_total += extra as u64;
                let still = visible.get(k).copied().unwrap_or(0).saturating_sub(art);
                hid_clutter += extra.saturating_sub(still) as u64;
            }
        }
    }
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mean = recalls.iter().sum::<f64>() / recalls.len() as f64;
    println!("readability corpus: {} pages, article recall after clean: mean {:.4}, min {:.4}", recalls.len(), mean, worst[0].0);
    println!("non-article text hidden by clean: {:.1}% of its shingles", 100.0 * hid_clutter as f64 / clutter_total.max(1) as f64);
    println!("lowest pages: {}", worst.iter().take(8).map(|(r, n)| format!("{n} {r:.3}")).collect::<Vec<_>>().join(", "));
    let below: Vec<_> = worst.iter().filter(|(r, _)| *r < MIN_PAGE_RECALL).map(|(r, n)| format!("{n} ({r:.3})")).collect();
    assert!(below.is_empty(), "pages losing article text (recall < {MIN_PAGE_RECALL}): {}", below.join(", "));
    assert!(mean >= MIN_MEAN_RECALL, "mean article recall {mean:.4} < {MIN_MEAN_RECALL}");
}

#[test]
fn trafilatura_pages_keep_their_main_text_visible() {
    let opts = Options::default();
    let (mut kept, mut kept_before, mut all) = (0usize, 0usize, 0usize);
    let (mut boiler_before, mut boiler_hidden) = (0usize, 0usize);
    let mut losses: Vec<(String, String)> = Vec::new();
    for page in trafilatura_pages() {
        let html = read_html(&page.path);
        let doc = native::parse(&html, Some(&page.url));
        let cleaned = declutter::clean(&doc, &opts);
        let after = squash(&output::visible_text(&doc, &cleaned));
        let before = squash(&output::visible_text(&doc, &declutter::Cleaned { decisions: Vec::new(), article: None, replies: false, report: Default::default() }));
        for s in &page.with {
            let s = squash(s);
            all += 1;
            let was = before.contains(&s);
            kept_before += was as usize;
            if after.contains(&s) {
                kept += 1;
            } else if was {
                losses.push((page.url.clone(), s));
            }
        }
        for s in &page.without {
            let s = squash(s);
            if before.contains(&s) {
                boiler_before += 1;
                boiler_hidden += usize::from(!after.contains(&s));
            }
        }
    }
    let hidden_share = boiler_hidden as f64 / boiler_before.max(1) as f64;
    println!("trafilatura corpus: {boiler_before} `without` snippets visible before clean; hidden after clean {hidden_share:.4} ({boiler_hidden})");
    assert!(hidden_share >= MIN_WITHOUT_HIDDEN, "boilerplate hidden by clean {hidden_share:.4} < {MIN_WITHOUT_HIDDEN}");
    let share = kept as f64 / all as f64;
    println!("trafilatura corpus: {all} `with` snippets; visible after clean {:.4}, before clean {:.4}", share, kept_before as f64 / all as f64);
    for (u, s) in losses.iter().take(25) {
        println!("  hidden: {u}: {}", s.chars().take(80).collect::<String>());
    }
    println!("  ({} snippets visible before and hidden after)", losses.len());
    assert!(share >= MIN_WITH_VISIBLE, "`with` snippets visible after clean {share:.4} < {MIN_WITH_VISIBLE}");
}

#[test]
fn readability_pages_keep_their_article_images() {
    use declutter::dom::Tag;
    let opts = Options::default();
    let mut expected_total = 0usize;
    let mut shown_before = 0usize;
    let mut lost: Vec<String> = Vec::new();
    let known = known_media();
    for (name, source, expected, _) in readability_pages() {
        let exp_doc = native::parse(&read_html(&expected), None);
        let skip = known.get(&name).cloned().unwrap_or_default();
        let wanted: Vec<String> = article_media(&exp_doc).into_iter().filter(|m| !skip.contains(m)).collect();
        if wanted.is_empty() {
            continue;
        }
        let doc = native::parse(&read_html(&source), Some(READABILITY_URL));
        let cleaned = declutter::clean(&doc, &opts);
        let hidden = output::hidden_mask(&doc, &cleaned.decisions);
        let shown = |id, mask: bool| !std::iter::once(id).chain(doc.ancestors(id)).any(|a| declutter::analysis::page_hidden(&doc, a) || (mask && hidden[a as usize]) || doc.tag(a) == Tag::Noscript);
        // The page's media elements with their names, read once.
        let media: Vec<_> = doc.elements().filter(|&e| is_media(&doc, e) || matches!(doc.name(e), "source" | "picture")).map(|e| (e, media_names(&doc, e))).collect();
        for w in wanted {
            expected_total += 1;
            let matches: Vec<_> = media.iter().filter(|(_, n)| n.contains(&w)).map(|&(e, _)| e).collect();
            if !matches.iter().any(|&e| shown(e, false)) {
                continue;
            }
            shown_before += 1;
            if !matches.iter().any(|&e| shown(e, true)) {
                lost.push(format!("{name}: {w}"));
            }
        }
    }
    println!("readability corpus: {expected_total} images and embeds in the expected articles, {shown_before} shown before clean, {} hidden by it", lost.len());
    for l in &lost {
        println!("  hidden: {l}");
    }
    assert!(lost.is_empty(), "article images hidden by clean: {}", lost.join(", "));
    // The check must keep finding them (a change of matching could leave it nothing to judge).
    assert!(shown_before >= MIN_MEDIA_SHOWN, "only {shown_before} expected pictures and embeds found shown before clean (at least {MIN_MEDIA_SHOWN})");
}
