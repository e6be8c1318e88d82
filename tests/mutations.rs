//! Hostile input on the native side: real pages cut, spliced, duplicated and salted with
//! markup that trips parsers (unclosed templates, stray `</body>`, NULs, lone surrogates as
//! character references, foreign content, `<plaintext>`), through clean, extraction and the
//! sanitizer. Nothing may panic; every mutant is reproducible from its seed.

mod common;
use common::*;
use declutter::{native, Options};
use std::panic;

/// xorshift64: the same mutants on every run and machine.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 as usize) % n.max(1)
    }
}

const SALT: &[&str] = &[
    "<div>", "</div>", "<p>", "<table><tr><td>", "</td></tr></table>", "<svg><foreignObject>", "<math><mi>",
    "<template>", "<noscript>", "<script>", "</script>", "\0", "&#0;", "&#xD800;", "<img src='", "\"",
    "<a href='javascript:alert(1)'>", "<!--", "-->", "<![CDATA[", "<frameset>", "<plaintext>",
    "<select><option>", "<pre>\n", "<ruby><rt>", "<li>", "<ul>", "<h1>", "<title>", "</body></html><p>x",
    "<iframe srcdoc='<p>x'>", "<body onload=x>", "<base href='javascript:x'>", "<object data=x>",
];

fn char_floor(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(html: &str, rng: &mut Rng) -> String {
    let mut s = html.to_string();
    for _ in 0..1 + rng.below(8) {
        let at = char_floor(&s, rng.below(s.len() + 1));
        match rng.below(4) {
            0 => s.truncate(at),
            1 => {
                let end = char_floor(&s, at + rng.below(2000));
                s.replace_range(at..end, "");
            }
            2 => s.insert_str(at, SALT[rng.below(SALT.len())]),
            _ => {
                let end = char_floor(&s, at + rng.below(500));
                let dup = s[at..end].repeat(1 + rng.below(5));
                s.insert_str(at, &dup);
            }
        }
    }
    s
}

#[test]
fn mutated_real_pages_never_panic() {
    let opts = Options::default();
    let mut pages: Vec<_> = readability_pages().into_iter().map(|(_, source, _, _)| source).collect();
    // Every fourth trafilatura page: other languages, charsets and CMSs.
    pages.extend(trafilatura_pages().into_iter().step_by(4).map(|p| p.path));
    let mut failures = Vec::new();
    let mut runs = 0;
    for (k, path) in pages.iter().enumerate() {
        let html = read_html(path);
        for m in 0..3u64 {
            let seed = 0x9e37_79b9_7f4a_7c15 ^ ((k as u64) << 8 | m);
            let mutant = mutate(&html, &mut Rng(seed));
            runs += 1;
            let ok = panic::catch_unwind(|| {
                let doc = native::parse(&mutant, Some(READABILITY_URL));
                let _ = declutter::clean(&doc, &opts);
                let doc = native::parse_for_reading(&mutant, Some(READABILITY_URL));
                let a = declutter::extract(&doc, &opts);
                let _ = declutter::sanitize::sanitize(&a.html);
            });
            if ok.is_err() {
                failures.push(format!("{} (mutant {m}, seed {seed:#x})", path.display()));
            }
        }
    }
    println!("{runs} mutants of {} pages", pages.len());
    assert!(runs >= 600, "too few mutants: {runs}");
    assert!(failures.is_empty(), "panicked on: {}", failures.join(", "));
}
