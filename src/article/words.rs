//! Readability's regular expressions as hand-written matchers (no regex engine in the wasm):
//! class/id substrings, the word lists of its checks, and its text helpers.

use crate::chars::Needles;

/// JavaScript's `\s`: Unicode white space, plus the BOM, minus U+0085.
pub fn js_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

pub fn js_trim(s: &str) -> &str {
    s.trim_matches(js_space)
}

/// Length in UTF-16 code units (JavaScript's `length`).
pub fn js_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// True when the lower-cased `hay` contains one of `needles`.
fn any_in(hay: &str, needles: &Needles) -> bool {
    needles.found_in(hay)
}

const UNLIKELY: Needles = Needles::new(&[
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
    "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager",
    "popup", "yom-remote",
]);
const MAYBE: Needles = Needles::new(&["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]);
const POSITIVE: Needles = Needles::new(&["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"]);
const NEGATIVE: Needles = Needles::new(&[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
]);
const BYLINE: Needles = Needles::new(&["byline", "author", "dateline", "writtenby", "p-author"]);

/// `unlikelyCandidates` and not `okMaybeItsACandidate` (on `class + " " + id`, lower case).
pub fn unlikely(lower: &str) -> bool {
    any_in(lower, &UNLIKELY) && !any_in(lower, &MAYBE)
}

pub fn positive(lower: &str) -> bool {
    any_in(lower, &POSITIVE)
}

pub fn negative(lower: &str) -> bool {
    // A hidden label ("field--label-hidden") is not a hidden block.
    if lower.contains("label-hidden") || lower.contains("label--hidden") || lower.contains("title-hidden") {
        let cleaned = lower.replace("label--hidden", "").replace("label-hidden", "").replace("title-hidden", "");
        return negative(&cleaned);
    }
    any_in(lower, &NEGATIVE) || lower == "hid" || lower.starts_with("hid ") || lower.ends_with(" hid") || lower.contains(" hid ")
}

pub fn byline(lower: &str) -> bool {
    any_in(lower, &BYLINE)
}

fn js_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `/(\b|_)(share|sharedaddy)(\b|_)/i`.
pub fn share(lower: &str) -> bool {
    let b = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower[from..].find("share").map(|i| i + from) {
        let before_ok = i == 0 || !js_word(b[i - 1]) || b[i - 1] == b'_';
        if before_ok {
            for end in [i + 5, i + 10] {
                if end == i + 10 && !lower[i..].starts_with("sharedaddy") {
                    continue;
                }
                let after_ok = end >= b.len() || !js_word(b[end]) || b[end] == b'_';
                if after_ok {
                    return true;
                }
            }
        }
        from = i + 1;
    }
    false
}

/// Readability's `adWords` / `loadingWords`: text that is nothing but a slot label.
pub fn ad_or_loading(text: &str) -> bool {
    let l = text.to_lowercase();
    const AD: &[&str] = &["ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告", "реклама", "anuncio"];
    if AD.contains(&l.as_str()) {
        return true;
    }
    let base = l.strip_suffix('…').or_else(|| l.strip_suffix("...")).unwrap_or(&l);
    ["loading", "正在加载", "загрузка", "chargement", "cargando"].contains(&base) || ["loading", "正在加载", "загрузка", "chargement", "cargando"].contains(&l.as_str())
}

const IMG_EXT: &[&str] = &[".jpg", ".jpeg", ".png", ".webp"];

/// `/\.(jpg|jpeg|png|webp)/i`.
pub fn has_image_ext(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    IMG_EXT.iter().any(|e| l.contains(e))
}

/// `/\.(jpg|jpeg|png|webp)\s+\d/` (a srcset-like value).
pub fn srcset_like(v: &str) -> bool {
    IMG_EXT.iter().any(|e| {
        v.match_indices(e).any(|(i, _)| {
            let rest = &v[i + e.len()..];
            let t = rest.trim_start_matches(js_space);
            t.len() < rest.len() && t.starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// `/^\s*\S+\.(jpg|jpeg|png|webp)\S*\s*$/` (a single image URL).
pub fn url_like(v: &str) -> bool {
    let t = js_trim(v);
    !t.is_empty() && !t.contains(js_space) && IMG_EXT.iter().any(|e| t.match_indices(e).any(|(i, _)| i > 0))
}

/// Readability's `_textSimilarity`: 1 - (share of B's tokens not in A), on ASCII word tokens.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let toks = |s: &str| -> Vec<String> { s.to_lowercase().split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).map(str::to_string).collect() };
    let ta = toks(a);
    let tb = toks(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq: Vec<&str> = tb.iter().filter(|t| !ta.contains(t)).map(String::as_str).collect();
    let len_u = js_len(&uniq.join(" ")) as f64;
    let len_b = js_len(&tb.join(" ")) as f64;
    1.0 - len_u / len_b
}

/// Collapses runs of two or more white-space characters to one space (`/\s{2,}/g`).
pub fn collapse_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    let mut first = ' ';
    for c in s.chars() {
        if js_space(c) {
            if run == 0 {
                first = c;
            }
            run += 1;
            continue;
        }
        match run {
            0 => {}
            1 => out.push(first),
            _ => out.push(' '),
        }
        run = 0;
        out.push(c);
    }
    match run {
        0 => {}
        1 => out.push(first),
        _ => out.push(' '),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matchers_behave_like_the_regexes() {
        assert!(unlikely("sidebar-left ") && !unlikely("sidebar main-content "));
        assert!(negative("hid") && negative("x hid y") && !negative("hidx"));
        assert!(share("share-buttons") && share("post_share") && share("sharedaddy x") && !share("shared") && !share("socialshare"));
        assert!(ad_or_loading("Advertisement") && ad_or_loading("Loading...") && !ad_or_loading("Ad hoc"));
        assert!(srcset_like("a.jpg 1x, b.jpg 2x") && !srcset_like("a.jpg"));
        assert!(url_like(" /x/a.png?w=1 ") && !url_like("a b.png") && !url_like(".png"));
        assert!((text_similarity("Hello big world", "hello world") - 1.0).abs() < 1e-9);
        assert_eq!(collapse_runs("a  b\nc \t d"), "a b\nc d");
    }
}
