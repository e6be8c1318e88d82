//! `native::parse_for_reading` (what extraction parses with) builds the same tree as
//! `native::parse`, less the text of scripts (JSON data kept) and style sheets: on tricky
//! inputs, and on every page of the corpus.

mod common;

use declutter::dom::{Document, Kind};
use declutter::native::{parse, parse_for_reading};

/// Every node in document order with its depth, kind, name, attributes and text, except the
/// text inside scripts (not JSON) and style sheets.
fn signature(doc: &Document) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    let mut stack = vec![(0, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let raw = doc.kind(id) == Kind::Element
            && (doc.name(id) == "style" || (doc.name(id) == "script" && !doc.attr(id, "type").is_some_and(|t| t.to_ascii_lowercase().contains("json"))));
        let kids: Vec<_> = doc.children(id).collect();
        for &c in kids.iter().rev() {
            if raw && doc.kind(c) == Kind::Text {
                skipped += doc.data(c).len();
                continue;
            }
            stack.push((c, depth + 1));
        }
        let attrs: Vec<String> = if doc.kind(id) == Kind::Element { doc.attrs(id).map(|(k, v)| format!("{k}={v}")).collect() } else { Vec::new() };
        let data = if doc.kind(id) == Kind::Element { "" } else { doc.data(id) };
        out.push(format!("{depth} {:?} {} {attrs:?} {data:?}", doc.kind(id), doc.name(id)));
    }
    (out, skipped)
}

/// Same tree; returns how many bytes of raw text the reading parse left out. (It keeps some
/// where it cannot tell where the text ends without the tokenizer: a script holding `<!--`.)
fn check(name: &str, html: &str) -> usize {
    let (full, raw) = signature(&parse(html, None));
    let (read, kept) = signature(&parse_for_reading(html, None));
    if full != read {
        let at = full.iter().zip(&read).position(|(a, b)| a != b).unwrap_or(full.len().min(read.len()));
        panic!("{name}: trees differ at node {at}:\n  full:    {:?}\n  reading: {:?}", full.get(at), read.get(at));
    }
    raw - kept
}

#[test]
fn tricky_inputs_give_the_same_tree() {
    let cases = [
        ("plain", "<p>a<script>var x = 1 < 2 && '</p>';</script><p>b<style>p > b { color: red }</style>c"),
        ("case", "<SCRIPT type=text/javascript>if (a</b) x()</SCRIPT ><p>after</p><STYLE>x{}</Style\t><p>more"),
        ("comment", "<!-- <script> --><p>kept</p><!-- </script> --><p>two</p>"),
        ("attribute", "<div title=\"<script>\">x</div><p data-x='<style>'>y</p><a href=\"a>b<script>c\">z</a></script><p>after"),
        ("gt in script attribute", "<script data-a=\"x>y\">var a = '<p>';</script><p>after</p>"),
        ("textarea", "<textarea><script>not a script</script></textarea><p>after</p>"),
        ("title", "<title>Page <script>x</script></title><p>after</p>"),
        ("escaped", "<script><!-- document.write('<script>x()</script>'); --></script><p>after</p>"),
        ("escaped unclosed", "<script><!-- <script> </script> <p>still script"),
        ("json kept", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"</p>\"}</script><p>after</p>"),
        ("svg", "<svg><script>var a=1</script><style>rect{fill:red}</style><rect/></svg><p>after</p>"),
        ("math", "<math><style>x</style></math><p>after</p>"),
        ("unclosed at end", "<p>before</p><script>var a = 1;"),
        ("unclosed style", "<p>before</p><style>p{}"),
        ("self-closing", "<script src=a.js/><p>inside the script</p></script><p>after</p>"),
        ("table", "<table><tr><td>a</td><script>x</script><style>y</style></tr></table><p>after"),
        ("template", "<template><script>t()</script><p>in template</p></template><p>after"),
        ("select", "<select><script>s()</script><style>z</style><option>o</select><p>after"),
        ("frameset", "<frameset><script>x</script></frameset>"),
        ("after body", "<body><p>a</p></body><script>late()</script><style>s</style>"),
        ("noscript", "<noscript><script>n()</script><p>no</p></noscript><p>after"),
        ("not a tag", "<p>a <scripts>b</scripts> <style-x>c</style-x> <scriptx>d"),
        ("end tag lookalike", "<script>a = '</scriptx>'; b = '</script'</script><p>after"),
        ("cr", "<script>\r\nx\r\n</script\r><p>after\r\n"),
        ("nested raw", "<style><script>x</script></style><p>after"),
        ("empty", "<script></script><style></style><p>after"),
        ("lt at end", "<p>a <script"),
        ("no gt", "<p>a <script src='x'"),
    ];
    for (name, html) in cases {
        check(name, html);
    }
    assert!(check("plain", cases[0].1) > 0, "the test sees the text left out");
}

#[test]
fn corpus_pages_give_the_same_tree() {
    let mut pages: Vec<(String, std::path::PathBuf)> = common::readability_pages().into_iter().map(|(n, src, _, _)| (n, src)).collect();
    pages.extend(common::trafilatura_pages().into_iter().map(|p| (p.url, p.path)));
    let (mut skipped, mut total) = (0, 0);
    for (name, path) in &pages {
        let html = common::read_html(path);
        total += html.len();
        skipped += check(name, &html);
    }
    assert!(pages.len() > 1000, "{} pages", pages.len());
    // The point of it: a good part of the bytes never reach the tokenizer's raw text states.
    assert!(skipped * 5 > total, "left out {skipped} of {total} bytes");
}
