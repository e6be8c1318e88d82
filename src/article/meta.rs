//! Article metadata as Readability reads it (`_getJSONLD`, `_getArticleMetadata`,
//! `_getArticleTitle`): JSON-LD first, then `<meta>` tags, then the document's `<title>`,
//! cleaned of the site name glued to it.

use super::json::{self, Json};
use super::words::{js_len, js_space, js_trim, text_similarity};
use crate::dom::{Document, Kind, NodeId, Tag};

#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub excerpt: Option<String>,
    pub image: Option<String>,
    /// `og:locale`, `content-language` and the like (a fallback for `lang`).
    pub locale: Option<String>,
}

#[derive(Default)]
struct JsonLd {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    image: Option<String>,
}

/// `jsonLdArticleTypes` (`/^Article|…|APIReference$/`, alternatives unanchored but the ends).
fn article_type(t: &str) -> bool {
    const MID: &[&str] = &[
        "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicQuestionNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
        "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle",
    ];
    t.starts_with("Article") || t.ends_with("APIReference") || MID.iter().any(|m| t.contains(m))
}

fn type_of(v: &Json) -> Option<&str> {
    v.get("@type").and_then(Json::str)
}

fn schema_org(s: &str) -> bool {
    let s = s.strip_prefix("http://").or_else(|| s.strip_prefix("https://"));
    matches!(s, Some("schema.org") | Some("schema.org/"))
}

fn json_ld(doc: &Document, html_title: &dyn Fn() -> String) -> JsonLd {
    for i in doc.elements() {
        if doc.tag(i) != Tag::Script || doc.attr(i, "type") != Some("application/ld+json") {
            continue;
        }
        let raw = all_text(doc, i);
        let mut content = raw.trim_start_matches(js_space);
        content = content.strip_prefix("<![CDATA[").unwrap_or(content);
        let content = content.trim_end_matches(js_space);
        let content = content.strip_suffix("]]>").unwrap_or(content);
        let Some(mut parsed) = json::parse(content) else { continue };
        if let Json::Arr(items) = parsed {
            match items.into_iter().find(|it| type_of(it).is_some_and(article_type)) {
                Some(it) => parsed = it,
                None => continue,
            }
        }
        let ctx_ok = match parsed.get("@context") {
            Some(Json::Str(s)) => schema_org(s),
            Some(o @ Json::Obj(_)) => o.get("@vocab").and_then(Json::str).is_some_and(schema_org),
            _ => false,
        };
        if !ctx_ok {
            continue;
        }
        if parsed.get("@type").is_none() {
            if let Some(graph) = parsed.get("@graph").and_then(Json::arr) {
                match graph.iter().find(|it| type_of(it).is_some_and(article_type)) {
                    Some(it) => parsed = it.clone(),
                    None => continue,
                }
            }
        }
        if !type_of(&parsed).is_some_and(article_type) {
            continue;
        }
        let mut m = JsonLd::default();
        let name = parsed.get("name").and_then(Json::str);
        let headline = parsed.get("headline").and_then(Json::str);
        match (name, headline) {
            (Some(n), Some(h)) if n != h => {
                let title = html_title();
                let name_matches = text_similarity(n, &title) > 0.75;
                let headline_matches = text_similarity(h, &title) > 0.75;
                m.title = Some(if headline_matches && !name_matches { h } else { n }.to_string());
            }
            (Some(n), _) => m.title = Some(js_trim(n).to_string()),
            (None, Some(h)) => m.title = Some(js_trim(h).to_string()),
            _ => {}
        }
        if let Some(author) = parsed.get("author") {
            if let Some(n) = author.get("name").and_then(Json::str) {
                m.byline = Some(js_trim(n).to_string());
            } else if let Some(list) = author.arr() {
                if list.first().and_then(|a| a.get("name")).and_then(Json::str).is_some() {
                    let names: Vec<&str> = list.iter().filter_map(|a| a.get("name").and_then(Json::str)).map(js_trim).collect();
                    m.byline = Some(names.join(", "));
                }
            }
        }
        m.excerpt = parsed.get("description").and_then(Json::str).map(|s| js_trim(s).to_string());
        m.site_name = parsed.get("publisher").and_then(|p| p.get("name")).and_then(Json::str).map(|s| js_trim(s).to_string());
        m.published = parsed.get("datePublished").and_then(Json::str).map(|s| js_trim(s).to_string());
        m.image = match parsed.get("image") {
            Some(Json::Str(s)) => Some(s.clone()),
            Some(o @ Json::Obj(_)) => o.get("url").and_then(Json::str).map(str::to_string),
            Some(Json::Arr(a)) => a.first().and_then(|x| x.str().map(str::to_string).or_else(|| x.get("url").and_then(Json::str).map(str::to_string))),
            _ => None,
        };
        return m;
    }
    JsonLd::default()
}

/// Every text node's data under `id`, scripts included (JSON-LD, titles).
fn all_text(doc: &Document, id: NodeId) -> String {
    doc.descendants(id).filter(|&d| doc.kind(d) == Kind::Text).map(|d| doc.data(d)).collect()
}

/// `<meta>` values Readability reads, keyed as it keys them.
fn meta_values(doc: &Document) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    fn set(values: &mut Vec<(String, String)>, k: String, v: &str) {
        let v = js_trim(v).to_string();
        match values.iter_mut().find(|(n, _)| *n == k) {
            Some(x) => x.1 = v,
            None => values.push((k, v)),
        }
    }
    for i in doc.elements() {
        if doc.tag(i) != Tag::Meta {
            continue;
        }
        let Some(content) = doc.attr(i, "content").filter(|c| !c.is_empty()) else { continue };
        let mut matched = false;
        if let Some(prop) = doc.attr(i, "property") {
            if let Some(k) = property_key(prop) {
                set(&mut values, k, content);
                matched = true;
            }
        }
        if !matched {
            if let Some(name) = doc.attr(i, "name") {
                if name_key(name) {
                    let k: String = name.to_lowercase().chars().filter(|c| !js_space(*c)).map(|c| if c == '.' { ':' } else { c }).collect();
                    set(&mut values, k, content);
                }
            }
        }
        // Beyond Readability: the image and the locale, for the lead image and `lang`.
        for key in [doc.attr(i, "property"), doc.attr(i, "name"), doc.attr(i, "itemprop"), doc.attr(i, "http-equiv")].into_iter().flatten() {
            let k = key.trim().to_ascii_lowercase();
            if matches!(k.as_str(), "og:image" | "og:image:url" | "og:image:secure_url" | "twitter:image" | "twitter:image:src" | "og:locale" | "content-language" | "language")
                && !values.iter().any(|(n, _)| *n == format!("x-{k}"))
            {
                values.push((format!("x-{k}"), js_trim(content).to_string()));
            }
        }
    }
    values
}

/// `/\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name)\s*/gi`:
/// the first match in a space-separated `property`, lower case without spaces.
fn property_key(prop: &str) -> Option<String> {
    let lower = prop.to_ascii_lowercase();
    let b = lower.as_bytes();
    const PRE: &[&str] = &["article", "dcterm", "dc", "og", "twitter"];
    const POST: &[&str] = &["author", "creator", "description", "published_time", "title", "site_name"];
    for start in 0..b.len() {
        let Some(rest) = lower.get(start..) else { continue };
        for pre in PRE {
            if !rest.starts_with(pre) {
                continue;
            }
            let mut j = start + pre.len();
            while j < b.len() && (b[j] as char).is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] != b':' {
                continue;
            }
            j += 1;
            while j < b.len() && (b[j] as char).is_ascii_whitespace() {
                j += 1;
            }
            for post in POST {
                if lower[j..].starts_with(post) {
                    return Some(format!("{pre}:{post}"));
                }
            }
        }
    }
    None
}

/// `/^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-\.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$/i`.
fn name_key(name: &str) -> bool {
    let l = name.trim_matches(js_space).to_ascii_lowercase();
    const POST: &[&str] = &["author", "creator", "pub-date", "description", "title", "site_name"];
    if POST.contains(&l.as_str()) {
        return true;
    }
    for pre in ["dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage"] {
        if let Some(rest) = l.strip_prefix(pre) {
            let rest = rest.trim_start_matches(js_space);
            if let Some(rest) = rest.strip_prefix(['-', '.', ':']) {
                if POST.contains(&rest.trim_start_matches(js_space)) {
                    return true;
                }
            }
        }
    }
    false
}

/// `_unescapeHtmlEntities`: meta values that were escaped twice.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let mut done = false;
        for (ent, c) in [("&quot;", '"'), ("&amp;", '&'), ("&apos;", '\''), ("&lt;", '<'), ("&gt;", '>')] {
            if rest.starts_with(ent) {
                out.push(c);
                rest = &rest[ent.len()..];
                done = true;
                break;
            }
        }
        if !done && rest.starts_with("&#") {
            let body = &rest[2..];
            let (hex, digits) = match body.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, body),
            };
            let n: String = digits.chars().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).collect();
            let after = &digits[n.len()..];
            if !n.is_empty() && after.starts_with(';') {
                let v = u32::from_str_radix(&n[..n.len().min(8)], if hex { 16 } else { 10 }).unwrap_or(0);
                let c = if v == 0 || v > 0x10ffff || (0xd800..=0xdfff).contains(&v) { '\u{fffd}' } else { char::from_u32(v).unwrap_or('\u{fffd}') };
                out.push(c);
                rest = &after[1..];
                done = true;
            }
        }
        if !done {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// `document.title`: the first `<title>`, ASCII white space stripped and collapsed.
fn document_title(doc: &Document) -> String {
    let Some(t) = doc.find(Tag::Title) else { return String::new() };
    let raw = all_text(doc, t);
    raw.split(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

fn js_word_count(s: &str) -> usize {
    // `str.split(/\s+/).length`
    let mut n = 1;
    let mut in_space = false;
    for c in s.chars() {
        if js_space(c) {
            if !in_space {
                n += 1;
            }
            in_space = true;
        } else {
            in_space = false;
        }
    }
    n
}

const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];

/// Byte offsets of each `\s[sep]\s` in `s` (the start of the white space).
fn separator_matches(s: &str) -> Vec<usize> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k + 2 < cs.len() {
        if js_space(cs[k].1) && SEPARATORS.contains(&cs[k + 1].1) && js_space(cs[k + 2].1) {
            out.push(cs[k].0);
            k += 3;
        } else {
            k += 1;
        }
    }
    out
}

/// `_getArticleTitle`: the document's title without the site's name.
pub fn article_title(doc: &Document) -> String {
    let orig = js_trim(&document_title(doc)).to_string();
    let mut cur = orig.clone();
    let mut hierarchical = false;
    let seps = separator_matches(&cur);
    if !seps.is_empty() {
        hierarchical = {
            let cs: Vec<char> = cur.chars().collect();
            cs.windows(3).any(|w| js_space(w[0]) && matches!(w[1], '\\' | '/' | '>' | '»') && js_space(w[2]))
        };
        let last = *seps.last().unwrap_or(&0);
        cur = orig[..last].to_string();
        if js_word_count(&cur) < 3 {
            // Remove the first part instead: up to and including the first separator.
            cur = match orig.find(SEPARATORS) {
                Some(i) => orig[i + orig[i..].chars().next().map_or(1, char::len_utf8)..].to_string(),
                None => orig.clone(),
            };
        }
    } else if cur.contains(": ") {
        let trimmed = js_trim(&cur).to_string();
        let matched = doc.elements().any(|h| matches!(doc.tag(h), Tag::H1 | Tag::H2) && js_trim(&all_text(doc, h)) == trimmed);
        if !matched {
            let last = orig.rfind(':').unwrap_or(0);
            cur = orig[last + 1..].to_string();
            if js_word_count(&cur) < 3 {
                let first = orig.find(':').unwrap_or(0);
                cur = orig[first + 1..].to_string();
            } else if js_word_count(&orig[..orig.find(':').unwrap_or(0)]) > 5 {
                cur = orig.clone();
            }
        }
    } else if js_len(&cur) > 150 || js_len(&cur) < 15 {
        let h1s: Vec<NodeId> = doc.elements().filter(|&h| doc.tag(h) == Tag::H1).collect();
        if h1s.len() == 1 {
            cur = super::words::collapse_runs(js_trim(&all_text(doc, h1s[0])));
        }
    }
    cur = super::words::collapse_runs(js_trim(&cur));
    let wc = js_word_count(&cur);
    if wc <= 4 {
        let mut without = orig.clone();
        for &i in separator_matches(&orig).iter().rev() {
            let end = i + orig[i..].chars().take(3).map(char::len_utf8).sum::<usize>();
            without.replace_range(i..end, "");
        }
        if !hierarchical || wc != js_word_count(&without) - 1 {
            cur = orig;
        }
    }
    cur
}

fn get<'a>(v: &'a [(String, String)], k: &str) -> Option<&'a str> {
    v.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()).filter(|s| !s.is_empty())
}

fn is_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://")) && s.len() > 8
}

pub fn read(doc: &Document) -> Meta {
    let title_fn = || article_title(doc);
    let ld = json_ld(doc, &title_fn);
    let v = meta_values(doc);
    let pick = |keys: &[&str]| keys.iter().find_map(|k| get(&v, k)).map(str::to_string);
    let title = ld
        .title
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| pick(&["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"]))
        .unwrap_or_else(title_fn);
    let article_author = get(&v, "article:author").filter(|a| !is_url(a)).map(str::to_string);
    let byline = ld.byline.clone().filter(|s| !s.is_empty()).or_else(|| pick(&["dc:creator", "dcterm:creator", "author", "parsely-author"])).or(article_author);
    let excerpt = ld.excerpt.clone().filter(|s| !s.is_empty()).or_else(|| {
        pick(&["dc:description", "dcterm:description", "og:description", "weibo:article:description", "weibo:webpage:description", "description", "twitter:description"])
    });
    let site_name = ld.site_name.clone().filter(|s| !s.is_empty()).or_else(|| pick(&["og:site_name"]));
    let published = ld.published.clone().filter(|s| !s.is_empty()).or_else(|| pick(&["article:published_time", "parsely-pub-date"]));
    let image = pick(&["x-og:image", "x-og:image:url", "x-og:image:secure_url", "x-twitter:image", "x-twitter:image:src"]).or(ld.image.clone());
    let locale = pick(&["x-content-language", "x-language", "x-og:locale"]);
    let un = |s: Option<String>| s.map(|s| unescape(&s));
    Meta {
        title: Some(unescape(&title)),
        byline: un(byline),
        site_name: un(site_name),
        published: un(published),
        excerpt: un(excerpt),
        image: image.map(|u| crate::url::resolve(doc.url.as_deref(), &unescape(&u))),
        locale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_entities() {
        assert_eq!(property_key("og:title"), Some("og:title".into()));
        assert_eq!(property_key(" fb:app article : author "), Some("article:author".into()));
        assert_eq!(property_key("og:image"), None);
        assert_eq!(property_key("ß é og:title"), Some("og:title".into()));
        assert!(name_key("dc.creator") && name_key("parsely-pub-date") && name_key("Author") && !name_key("keywords"));
        assert_eq!(unescape("a &amp;amp; &#39;b&#x27; &#0; &foo;"), "a &amp; 'b' \u{fffd} &foo;");
        assert!(article_type("NewsArticle") && article_type("Article") && !article_type("WebPage"));
    }
}
