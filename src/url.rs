//! Resolving relative URLs against the page address (RFC 3986 reference resolution, enough of
//! it for links and images), and finding the real source of lazy-loaded images.

use crate::dom::{Document, NodeId};

fn scheme_len(s: &str) -> Option<usize> {
    let i = s.find(':')?;
    let sch = &s[..i];
    (!sch.is_empty() && sch.as_bytes()[0].is_ascii_alphabetic() && sch.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))).then_some(i)
}

fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (k, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if k == segs.len() - 1 {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if k == segs.len() - 1 {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let j = out.join("/");
    if path.starts_with('/') && !j.starts_with('/') {
        format!("/{j}")
    } else {
        j
    }
}

/// Resolves `href` against `base`; returns `href` trimmed when there is no usable base.
pub fn resolve(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return href.to_string();
    }
    if scheme_len(href).is_some() {
        return href.to_string();
    }
    let Some(base) = base.filter(|b| scheme_len(b).is_some()) else { return href.to_string() };
    let sl = scheme_len(base).unwrap_or(0);
    let scheme = &base[..sl];
    let rest = &base[sl + 1..];
    if let Some(h) = href.strip_prefix("//") {
        return format!("{scheme}://{h}");
    }
    let (authority, path_q) = match rest.strip_prefix("//") {
        Some(r) => {
            let e = r.find(['/', '?', '#']).unwrap_or(r.len());
            (&r[..e], &r[e..])
        }
        None => ("", rest),
    };
    let path_q = path_q.split('#').next().unwrap_or("");
    let (path, _query) = match path_q.find('?') {
        Some(i) => (&path_q[..i], &path_q[i..]),
        None => (path_q, ""),
    };
    let prefix = if rest.starts_with("//") { format!("{scheme}://{authority}") } else { format!("{scheme}:") };
    if href.starts_with('?') {
        return format!("{prefix}{path}{href}");
    }
    let (hpath, tail) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let merged = if hpath.starts_with('/') {
        hpath.to_string()
    } else {
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "/",
        };
        format!("{dir}{hpath}")
    };
    format!("{prefix}{}{tail}", remove_dots(&merged))
}

/// Resolves every URL in a `srcset` list.
pub fn resolve_srcset(base: Option<&str>, srcset: &str) -> String {
    srcset
        .split(',')
        .filter_map(|part| {
            let part = part.trim();
            if part.is_empty() {
                return None;
            }
            let mut it = part.splitn(2, char::is_whitespace);
            let url = it.next().unwrap_or("");
            let desc = it.next().map(str::trim).unwrap_or("");
            let u = resolve(base, url);
            Some(if desc.is_empty() { u } else { format!("{u} {desc}") })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The image an `<img>` really shows, preferring lazy-loading attributes over placeholders.
pub fn image_src(doc: &Document, img: NodeId) -> Option<String> {
    for a in ["data-src", "data-lazy-src", "data-original", "data-url", "data-lazy", "data-hi-res-src"] {
        if let Some(v) = doc.attr(img, a) {
            if !v.trim().is_empty() && !v.starts_with("data:") {
                return Some(v.trim().to_string());
            }
        }
    }
    let src = doc.attr(img, "src")?.trim();
    (!src.is_empty()).then(|| src.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        let b = Some("https://ex.com/a/b/page.html?q=1#f");
        assert_eq!(resolve(b, "img.png"), "https://ex.com/a/b/img.png");
        assert_eq!(resolve(b, "../x"), "https://ex.com/a/x");
        assert_eq!(resolve(b, "/root"), "https://ex.com/root");
        assert_eq!(resolve(b, "//cdn.ex.com/y"), "https://cdn.ex.com/y");
        assert_eq!(resolve(b, "?z=2"), "https://ex.com/a/b/page.html?z=2");
        assert_eq!(resolve(b, "#top"), "#top");
        assert_eq!(resolve(b, "mailto:a@b"), "mailto:a@b");
        assert_eq!(resolve(None, "x.png"), "x.png");
        assert_eq!(resolve_srcset(b, "a.png 1x, /b.png 2x"), "https://ex.com/a/b/a.png 1x, https://ex.com/b.png 2x");
    }
}
