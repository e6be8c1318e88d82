//! Reader diagnostics on the corpus (a development tool, not shipped): per page, the missed
//! `with` snippets and the leaked `without` snippets of trafilatura's set with where they sit
//! (the element chain, the clutter category that hid them, whether Readability's container held
//! them), and per-page F1 on Readability's pages.
//!
//! `cargo run --release --example reader_diag -- [traf|read|both] [PAGE-SUBSTRING] [--text]`
//! Writes per-page lines to stdout; totals last. Corpus: `$DECLUTTER_CORPUS` or ../shared/corpus.
use declutter::article::{meta, readability};
use declutter::clutter::Action;
use declutter::dom::{Document, NodeId};
use declutter::{native, Options};
use std::collections::HashMap;

#[path = "../tests/common/reader_metrics.rs"]
mod reader_metrics;
use reader_metrics::{decode_page, describe as desc, precision_recall as pr};
#[path = "../tests/common/diag.rs"]
mod diag;
use diag::{chain, corpus, find, norm};
use std::path::PathBuf;

struct Page<'a> {
    doc: &'a Document,
    hidden: HashMap<NodeId, String>,
    container: Vec<NodeId>,
}

impl Page<'_> {
    fn why(&self, node: Option<NodeId>) -> String {
        let Some(n) = node else { return "nowhere".into() };
        let doc = self.doc;
        for a in std::iter::once(n).chain(doc.ancestors(n)) {
            if let Some(c) = self.hidden.get(&a) {
                return format!("hidden:{c} by {}", desc(doc, a));
            }
        }
        if self.container.iter().any(|&c| doc.contains(c, n) || c == n) {
            "in-container".into()
        } else {
            "outside-container".into()
        }
    }
}

fn page<'a>(doc: &'a Document) -> Page<'a> {
    let prep = declutter::prepare(doc);
    let reader = Options { detect: declutter::clutter::DetectOptions { categories: declutter::clutter::CategorySet::all(), ..Options::default().detect } };
    let cleaned = declutter::decide(doc, &prep, &reader, false);
    let mut hidden = HashMap::new();
    let mut drop = Vec::new();
    for d in &cleaned.decisions {
        match d.action {
            Action::Hide(c) => {
                hidden.insert(d.node, format!("{}/{:?}", c.name(), d.rule));
                drop.push(d.node);
            }
            Action::HideByRule => {
                hidden.insert(d.node, "rule".into());
                drop.push(d.node);
            }
            _ => {}
        }
    }
    let m = meta::read(doc);
    let title = m.title.clone().unwrap_or_default();
    let mut container = Vec::new();
    if let Some(g) = readability::grab(doc, None, &title, m.byline.is_some(), &drop, None) {
        if let Some(p) = g.tree.first_child(g.root) {
            for c in g.tree.children(p) {
                if !g.tree.is_created(c) {
                    container.push(c);
                }
            }
        }
    }
    Page { doc, hidden, container }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().cloned().unwrap_or_else(|| "both".into());
    let filter = args.get(1).filter(|a| !a.starts_with("--")).cloned();
    let show_text = args.iter().any(|a| a == "--text");
    let show_html = args.iter().any(|a| a == "--html");
    let root = corpus();
    if mode == "read" || mode == "both" {
        let dir = root.join("readability");
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.join("source.html").is_file()).collect();
        pages.sort();
        let (mut sp, mut sr, mut n) = (0.0, 0.0, 0.0);
        for p in &pages {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
                continue;
            }
            let src = native::decode(&std::fs::read(p.join("source.html")).unwrap()).unwrap().into_owned();
            let doc = native::parse(&src, Some("http://fakehost/test/page.html"));
            let a = declutter::extract(&doc, &Options::default());
            let exp = std::fs::read_to_string(p.join("expected.html")).unwrap();
            let edoc = native::parse(&exp, None);
            let et = declutter::text::block_text(&edoc, edoc.body(), &|_| false);
            let (pp, rr) = pr(&et, &a.text);
            sp += pp;
            sr += rr;
            n += 1.0;
            println!("READ {name} P {pp:.4} R {rr:.4}");
            if show_text {
                let ours: Vec<String> = a.text.lines().map(norm).filter(|l| !l.is_empty()).collect();
                let theirs: Vec<String> = et.lines().map(norm).filter(|l| !l.is_empty()).collect();
                for l in &ours {
                    if !theirs.contains(l) {
                        println!("  + {}", l.chars().take(200).collect::<String>());
                    }
                }
                for l in &theirs {
                    if !ours.contains(l) {
                        println!("  - {}", l.chars().take(200).collect::<String>());
                    }
                }
            }
        }
        let (p, r) = (sp / n, sr / n);
        println!("READ TOTAL F1 {:.4} P {p:.4} R {r:.4}", 2.0 * p * r / (p + r));
    }
    if mode == "traf" || mode == "both" {
        let dir = root.join("trafilatura-eval");
        let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("evaldata.json")).unwrap()).unwrap();
        let mut entries: Vec<_> = data.as_object().unwrap().iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let (mut wk, mut wn, mut lb, mut ln) = (0, 0, 0, 0);
        for (url, item) in entries {
            let file = item["file"].as_str().unwrap();
            if filter.as_ref().is_some_and(|f| !file.contains(f.as_str())) {
                continue;
            }
            let path = [dir.join("eval").join(file), dir.join("cache").join(file)].into_iter().find(|p| p.is_file()).unwrap();
            let html = decode_page(&std::fs::read(&path).unwrap());
            let doc = native::parse(&html, Some(url));
            let a = declutter::extract(&doc, &Options::default());
            let text = norm(&a.text);
            let mut lines = Vec::new();
            let mut pg: Option<Page> = None;
            for s in item["with"].as_array().unwrap() {
                let s = norm(s.as_str().unwrap());
                wn += 1;
                if text.contains(&s) {
                    wk += 1;
                } else {
                    let pg = pg.get_or_insert_with(|| page(&doc));
                    let node = find(&doc, &s);
                    let ctx = node.and_then(|n| doc.parent(n)).map(|p| chain(&doc, p, 6)).unwrap_or_default();
                    lines.push(format!("  MISS [{}] {s:?} << {ctx}", pg.why(node)));
                }
            }
            for s in item["without"].as_array().unwrap() {
                let s = norm(s.as_str().unwrap());
                ln += 1;
                if text.contains(&s) {
                    lb += 1;
                    let node = find(&doc, &s);
                    let ctx = node.and_then(|n| doc.parent(n)).map(|p| chain(&doc, p, 6)).unwrap_or_default();
                    lines.push(format!("  LEAK {s:?} << {ctx}"));
                }
            }
            println!("TRAF {file} words {} miss {} leak {}", a.word_count, lines.iter().filter(|l| l.starts_with("  MISS")).count(), lines.iter().filter(|l| l.starts_with("  LEAK")).count());
            for l in lines {
                println!("{l}");
            }
            if show_html {
                println!("=====\n{}\n=====", a.html);
            }
            if show_text {
                println!("-----\n{}\n-----", a.text);
            }
        }
        println!("TRAF TOTAL with {:.4} ({wk}/{wn}) without {:.4} ({lb}/{ln})", wk as f64 / wn.max(1) as f64, lb as f64 / ln.max(1) as f64);
    }
}
