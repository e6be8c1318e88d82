//! Native extract speed: Declutter (html5ever parse + extract) against dom_smoothie (its own
//! parse + Readability port) on the same HTML string, for each page given, in one process.
//! Prints one JSON object per page: {"page", "declutter_ms", "dom_smoothie_ms"}.

use std::time::Instant;

const BATCH_MS: f64 = 40.0;
const BATCHES: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Median per-run milliseconds over batches that each last at least BATCH_MS.
fn measure(mut f: impl FnMut()) -> f64 {
    let mut k = 1usize;
    loop {
        let t0 = Instant::now();
        for _ in 0..k {
            f();
        }
        let dt = t0.elapsed().as_secs_f64() * 1000.0;
        if dt >= BATCH_MS || k >= 1 << 14 {
            break;
        }
        k = (k * 2).max(((k as f64) * BATCH_MS / dt.max(0.01)).ceil() as usize).min(1 << 14);
    }
    median(
        (0..BATCHES)
            .map(|_| {
                let t0 = Instant::now();
                for _ in 0..k {
                    f();
                }
                t0.elapsed().as_secs_f64() * 1000.0 / k as f64
            })
            .collect(),
    )
}

fn main() {
    let url = "http://fakehost/test/page.html";
    let opts = declutter::Options::default();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let html = declutter::native::decode(&bytes).map(|s| s.into_owned()).unwrap_or_default();
        let ours = measure(|| {
            let doc = declutter::native::parse_for_reading(&html, Some(url));
            std::hint::black_box(declutter::extract(&doc, &opts));
        });
        let mut smoothie_ok = true;
        let theirs = measure(|| match dom_smoothie::Readability::new(html.as_str(), Some(url), None) {
            Ok(mut r) => {
                if r.parse().is_err() {
                    smoothie_ok = false;
                }
            }
            Err(_) => smoothie_ok = false,
        });
        println!("{}", serde_json::json!({ "page": path, "declutter_ms": ours, "dom_smoothie_ms": theirs, "dom_smoothie_ok": smoothie_ok }));
    }
}
