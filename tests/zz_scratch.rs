mod common;
use common::*;
use declutter::{native, Options};
#[test]
fn scratch() {
    let opts = Options::default();
    let mut pages: Vec<(String, std::path::PathBuf)> = trafilatura_pages().into_iter().map(|p| (p.url, p.path)).collect();
    pages.extend(readability_pages().into_iter().map(|(n, s, _, _)| (n, s)));
    let mut out = String::new();
    for (url, path) in pages {
        let doc = native::parse(&read_html(&path), Some(&url));
        let c = declutter::clean(&doc, &opts);
        for b in declutter::output::blocks(&doc, &c) {
            out.push_str(&format!("{} | {} {} {} | {}\n", url.chars().take(60).collect::<String>(), b.category, b.rule, b.tag, b.text.chars().take(110).collect::<String>()));
        }
    }
    std::fs::write(std::env::var("OUT").unwrap(), out).unwrap();
}
