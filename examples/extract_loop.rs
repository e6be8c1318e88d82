//! Profiling aid: parse + extract every page given, N times (`EXTRACT_LOOP_N`, default 20),
//! printing the parse and extract (or, with `EXTRACT_LOOP_CLEAN=1`, clean) totals: `perf record ./target/release/examples/extract_loop PAGES…`.
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::var("EXTRACT_LOOP_N").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let pages: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| declutter::native::decode(&std::fs::read(&p).unwrap()).unwrap().into_owned())
        .collect();
    let opts = declutter::Options::default();
    // EXTRACT_LOOP_CLEAN=1: time the clean decision (what every page runs) instead of extraction.
    let clean_only = std::env::var_os("EXTRACT_LOOP_CLEAN").is_some();
    let (mut parse, mut extract) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..n {
        for html in &pages {
            let t = Instant::now();
            let url = Some("http://fakehost/test/page.html");
            let doc = if clean_only { declutter::native::parse(html, url) } else { declutter::native::parse_for_reading(html, url) };
            parse += t.elapsed();
            let t = Instant::now();
            if clean_only {
                std::hint::black_box(declutter::clean(&doc, &opts));
            } else {
                std::hint::black_box(declutter::extract(&doc, &opts));
            }
            extract += t.elapsed();
        }
    }
    println!("parse {:?} extract {:?}", parse / n as u32, extract / n as u32);
}
