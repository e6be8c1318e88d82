//! Clean diagnostics on trafilatura's pages (a development tool, not shipped): the `without`
//! snippets (boilerplate) visible before clean and still visible after it, with the element chain
//! they sit in and, when an ancestor is named for a clutter category, that block's figures
//! (`CAT`: inside the located article or not, text, link density, prose); the total hidden last.
//! Navigation, footers and dates are boilerplate that clean leaves alone by design, so the total
//! is a trend to watch, not a goal. `VISIBLE?` marks text also present elsewhere on the page.
//!
//! `cargo run --release --example clean_diag > clean.txt`. Corpus: `$DECLUTTER_CORPUS` or ../shared/corpus.
use declutter::dom::NodeId;
use declutter::{native, output, Options};
#[path = "../tests/common/reader_metrics.rs"]
mod reader_metrics;
use reader_metrics::decode_page;
#[path = "../tests/common/diag.rs"]
mod diag;
use diag::{chain, corpus, find, norm};

fn main() {
    let root = corpus();
    let dir = root.join("trafilatura-eval");
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("evaldata.json")).unwrap()).unwrap();
    let mut entries: Vec<_> = data.as_object().unwrap().iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let (mut vis, mut hid, mut absent) = (0, 0, 0);
    for (url, item) in entries {
        let file = item["file"].as_str().unwrap();
        let path = [dir.join("eval").join(file), dir.join("cache").join(file)].into_iter().find(|p| p.is_file()).unwrap();
        let html = decode_page(&std::fs::read(&path).unwrap());
        let doc = native::parse(&html, Some(url));
        let cleaned = declutter::clean(&doc, &Options::default());
        let prep = declutter::prepare(&doc);
        let mask = output::hidden_mask(&doc, &cleaned.decisions);
        let before = norm(&output::visible_text(&doc, &declutter::Cleaned { decisions: Vec::new(), article: None, replies: false, report: Default::default() }));
        let after = norm(&output::visible_text(&doc, &cleaned));
        println!("PAGE {file} hidden {}", cleaned.report.hidden);
        for s in item["without"].as_array().unwrap() {
            let s = norm(s.as_str().unwrap());
            if !before.contains(&s) { absent += 1; continue; }
            if after.contains(&s) {
                vis += 1;
                let node = find(&doc, &s);
                let hidden_anc = node.map(|n| doc.ancestors(n).any(|a| mask[a as usize])).unwrap_or(false);
                let ctx = node.and_then(|n| doc.parent(n)).map(|p| chain(&doc, p, 7)).unwrap_or_default();
                println!("  VISIBLE{} {:?} << {ctx}", if hidden_anc { "?" } else { "" }, s.chars().take(90).collect::<String>());
                if let Some(n) = node {
                    use declutter::clutter::patterns as pt;
                    let cat_of = |a: NodeId| -> Option<&'static str> {
                        let mut cat = None; let mut content = false;
                        for v in [doc.class(a), doc.id_attr(a)] {
                            pt::for_each_token(v, |t| {
                                if pt::CONTENT_TOKENS.contains(t) { content = true; }
                                if pt::RELATED_TOKENS.contains(t) { cat = Some("related"); }
                                else if pt::COMMENT_TOKENS.contains(t) { cat = Some("comments"); }
                                else if pt::NEWSLETTER_TOKENS.contains(t) { cat = Some("newsletter"); }
                                else if pt::SOCIAL_TOKENS.contains(t) { cat = Some("social"); }
                                false
                            });
                        }
                        if content { None } else { cat }
                    };
                    if let Some((a, c)) = doc.ancestors(n).filter(|&a| doc.is_element(a)).filter_map(|a| cat_of(a).map(|c| (a, c))).last() {
                        let st = prep.analysis.get(a);
                        let inside = cleaned.article.is_some_and(|r| doc.contains(r, a));
                        let contains = cleaned.article.is_some_and(|r| doc.contains(a, r));
                        println!("    CAT {c} {} .{} #{} inside={inside} holds_article={contains} text={} ld={:.2} paras={} para_text={} links={} controls={} art_prose={}", doc.name(a), doc.class(a).chars().take(60).collect::<String>(), doc.id_attr(a), st.text, st.link_density(), st.paras, st.para_text, st.links, st.controls, cleaned.article.map(|r| prep.analysis.get(r).para_text).unwrap_or(0));
                    }
                }
            } else {
                hid += 1;
            }
        }
    }
    println!("TOTAL without visible-before {} hidden-by-clean {} ({:.3}) absent {}", vis + hid, hid, hid as f64 / (vis + hid) as f64, absent);
}
