//! The allowlist sanitizer every article passes before it is shown, written on lol_html.
//!
//! Only known-safe elements and attributes survive: no scripts, no event handlers, no styles
//! or classes from the page, no forms, no frames but sandboxed embeds of known video hosts, no
//! `javascript:` (or other unexpected scheme) in any URL, no `data:` URL but inline images.
//! Elements whose content the HTML parser treats as raw text (`style`, `xmp`, `noscript`,
//! `template`, `textarea`, `title`...) are dropped with their content: they are how
//! mutation-XSS payloads smuggle markup past a sanitizer. SVG is dropped; MathML is kept with
//! presentation elements only.

use lol_html::html_content::{Comment, Element};
use lol_html::{comments, element, rewrite_str, RewriteStrSettings};

/// Elements kept as they are (with allowed attributes).
const ALLOWED: &[&str] = &[
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
    "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "i", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    "video", "audio", "track", "iframe",
    // MathML presentation markup.
    "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot",
    "msub", "msup", "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd",
    "mstyle", "mpadded", "mphantom", "menclose", "mmultiscripts", "mprescripts", "none",
    "semantics", "annotation",
];

/// Elements removed with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "xmp", "noembed", "noframes", "plaintext",
    "title", "textarea", "select", "option", "optgroup", "button", "input", "form", "object",
    "embed", "applet", "frame", "frameset", "svg", "head", "meta", "link", "base", "param",
    "dialog", "canvas", "portal", "fencedframe", "annotation-xml", "mglyph", "malignmark",
    "maction", "slot", "search", "selectedcontent", "math-style",
];

/// Hosts whose players may be embedded (sandboxed, without same-origin rights).
const EMBED_HOSTS: crate::clutter::patterns::Words = crate::clutter::patterns::words![
    "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "vimeo.com", "dailymotion.com",
    "player.twitch.tv", "open.spotify.com", "w.soundcloud.com", "bandcamp.com", "ted.com",
    "archive.org", "codepen.io", "player.bilibili.com",
];

fn url_ok(value: &str, allow_data_image: bool) -> bool {
    // Browsers ignore ASCII whitespace and control characters inside the scheme.
    let cleaned: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(i) => {
            // A colon after a path, query or fragment delimiter does not start a scheme.
            if lower[..i].contains(['/', '?', '#']) {
                return true;
            }
            let scheme = &lower[..i];
            match scheme {
                "http" | "https" | "mailto" | "tel" => true,
                "data" => {
                    allow_data_image
                        && ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/avif"].iter().any(|p| lower.starts_with(p))
                }
                _ => false,
            }
        }
    }
}

fn srcset_ok(value: &str) -> bool {
    value.split(',').all(|part| {
        let url = part.split_whitespace().next().unwrap_or("");
        url_ok(url, false)
    })
}

fn host_of(url: &str) -> Option<String> {
    crate::clutter::patterns::url_host(url).map(|h| h.to_ascii_lowercase())
}

fn embed_ok(src: &str) -> bool {
    let Some(h) = host_of(src) else { return false };
    // `host_in` slices by bytes: only ASCII hosts reach it (no known embed host is an IDN).
    if !h.is_ascii() {
        return false;
    }
    src.trim_start().to_ascii_lowercase().starts_with("https:") && crate::clutter::patterns::host_in(&h, EMBED_HOSTS)
}

fn attr_allowed(tag: &str, name: &str) -> bool {
    match name {
        "title" | "lang" | "dir" => true,
        "href" => matches!(tag, "a"),
        "src" => matches!(tag, "img" | "source" | "video" | "audio" | "track" | "iframe"),
        "srcset" | "sizes" => matches!(tag, "img" | "source"),
        "alt" | "width" | "height" => matches!(tag, "img" | "video" | "iframe" | "col"),
        "poster" | "controls" | "loop" | "muted" | "playsinline" => matches!(tag, "video" | "audio"),
        "kind" | "srclang" | "label" => tag == "track",
        "type" | "media" => matches!(tag, "source" | "ol"),
        "colspan" | "rowspan" | "headers" | "scope" | "abbr" => matches!(tag, "td" | "th"),
        "span" => matches!(tag, "col" | "colgroup"),
        "start" | "reversed" => tag == "ol",
        "value" => matches!(tag, "li" | "data"),
        "datetime" => matches!(tag, "time" | "del" | "ins"),
        "cite" => matches!(tag, "blockquote" | "q" | "del" | "ins"),
        "open" => tag == "details",
        "id" => true,
        // MathML presentation attributes.
        "display" | "mathvariant" | "displaystyle" | "scriptlevel" | "fence" | "separator" | "stretchy" | "symmetric" | "lspace" | "rspace" | "accent" | "accentunder"
        | "linethickness" | "columnalign" | "rowalign" | "columnspan" | "notation" | "encoding" => {
            !ALLOWED[..ALLOWED.iter().position(|t| *t == "math").unwrap_or(0)].contains(&tag)
        }
        _ => false,
    }
}

fn clean_element(el: &mut Element) {
    let tag = el.tag_name().to_ascii_lowercase();
    if DROPPED.contains(&tag.as_str()) {
        el.remove();
        return;
    }
    if !ALLOWED.contains(&tag.as_str()) {
        el.remove_and_keep_content();
        return;
    }
    if tag == "iframe" {
        let src = el.get_attribute("src").unwrap_or_default();
        if !embed_ok(&src) {
            el.remove();
            return;
        }
    }
    let names: Vec<String> = el.attributes().iter().map(|a| a.name()).collect();
    for name in names {
        let lname = name.to_ascii_lowercase();
        let value = el.get_attribute(&name).unwrap_or_default();
        let keep = attr_allowed(&tag, &lname)
            && match lname.as_str() {
                "href" | "cite" => url_ok(&value, false),
                "src" => url_ok(&value, tag == "img"),
                "poster" => url_ok(&value, true),
                "srcset" => srcset_ok(&value),
                "id" => value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                _ => true,
            };
        if !keep {
            el.remove_attribute(&name);
        }
    }
    match tag.as_str() {
        "a" => {
            if el.get_attribute("href").is_some() {
                let _ = el.set_attribute("rel", "noopener noreferrer nofollow");
                let _ = el.set_attribute("target", "_blank");
                let _ = el.set_attribute("referrerpolicy", "no-referrer");
            }
        }
        "img" => {
            let _ = el.set_attribute("loading", "lazy");
            let _ = el.set_attribute("referrerpolicy", "no-referrer");
        }
        "iframe" => {
            let _ = el.set_attribute("sandbox", "allow-scripts allow-popups allow-presentation");
            let _ = el.set_attribute("referrerpolicy", "no-referrer");
            let _ = el.set_attribute("allow", "fullscreen; picture-in-picture");
            let _ = el.set_attribute("loading", "lazy");
        }
        _ => {}
    }
}

/// Sanitizes an HTML fragment. Never fails: input lol_html cannot process yields an empty
/// string rather than unsafe output.
pub fn sanitize(html: &str) -> String {
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!("*", |el| {
                clean_element(el);
                Ok(())
            }),
            comments!("*", |c: &mut Comment| {
                c.remove();
                Ok(())
            }),
        ],
        ..RewriteStrSettings::new()
    };
    rewrite_str(html, settings).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_handlers_and_bad_urls() {
        let out = sanitize(
            r#"<p onclick="x()" style="color:red" class="c">Hi <a href="javascript:alert(1)">j</a> <a href=" JaVa&#x09;script:x">k</a> <a href="/ok">ok</a></p><script>alert(1)</script><img src="x" onerror="alert(1)" srcset="javascript:x 1x"><svg><script>alert(1)</script></svg><iframe srcdoc="<script>alert(1)</script>"></iframe><form><input></form>"#,
        );
        for bad in ["onclick", "style=", "class=", "javascript", "<script", "onerror", "srcset", "<svg", "srcdoc", "<form", "<input", "alert"] {
            assert!(!out.to_ascii_lowercase().contains(bad), "{bad} in {out}");
        }
        assert!(out.contains(r#"<a href="/ok" rel="noopener noreferrer nofollow""#), "{out}");
        assert!(out.contains("<img src=\"x\""), "{out}");
    }

    #[test]
    fn keeps_structure_math_and_known_embeds() {
        let out = sanitize(r#"<pre><code>a &lt; b
  c</code></pre><table><tr><td colspan="2">x</td></tr></table><math><mi>x</mi><mo>=</mo></math><iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://evil.example/"></iframe><custom-el>kept text</custom-el>"#);
        assert!(out.contains("<pre><code>a &lt; b\n  c</code></pre>"), "{out}");
        assert!(out.contains("<td colspan=\"2\">"));
        assert!(out.contains("<math><mi>x</mi>"));
        assert!(out.contains("youtube.com/embed/abc") && out.contains("sandbox="));
        assert!(!out.contains("evil"));
        assert!(!sanitize(r#"<iframe src="https://www.römö.net/x"></iframe>"#).contains("iframe"), "IDN hosts are not embed hosts (and do not panic)");
        assert!(out.contains("kept text") && !out.contains("custom-el"));
    }

    #[test]
    fn data_urls_only_for_images() {
        assert!(url_ok("data:image/png;base64,AAA", true));
        assert!(!url_ok("data:text/html,<script>", true));
        assert!(!url_ok("data:image/png;base64,AAA", false));
        assert!(!url_ok("vbscript:x", false));
        assert!(url_ok("page?a=b:c", false));
    }
}
