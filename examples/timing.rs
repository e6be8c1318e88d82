//! Times the phases of clean and extract on one page: `cargo run --release --example timing -- PAGE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a page");
    let html = declutter::native::decode(&std::fs::read(&path).unwrap()).unwrap().into_owned();
    let t = Instant::now();
    let doc = declutter::native::parse(&html, None);
    let parse = t.elapsed();
    let opts = declutter::Options::default();
    let t = Instant::now();
    let an = declutter::analysis::Analysis::new(&doc);
    let analysis = t.elapsed();
    let t = Instant::now();
    let prep = declutter::prepare(&doc);
    let prepare = t.elapsed();
    let t = Instant::now();
    let c = declutter::decide(&doc, &prep, &opts, false);
    let decide = t.elapsed();
    let t = Instant::now();
    let a = declutter::extract(&doc, &opts);
    let extract = t.elapsed();
    drop(an);
    println!("nodes {} parse {:?} analysis {:?} prepare {:?} decide {:?} extract {:?} hidden {} words {}", doc.len(), parse, analysis, prepare, decide, extract, c.report.hidden, a.word_count);
}
