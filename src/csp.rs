//! Does a page's Content-Security-Policy let a content script compile WebAssembly? Chromium
//! applies the page's policy to wasm compiled in content scripts: without `'wasm-unsafe-eval'`
//! (or `'unsafe-eval'`) in the effective `script-src`, compiling fails *and* the page receives a
//! `securitypolicyviolation` event. The extension asks before compiling.

/// `policies`: every `Content-Security-Policy` and `Content-Security-Policy-Report-Only`
/// header value of the response (report-only policies fire violation events too). Each value
/// may hold several comma-separated policies; all must allow wasm.
pub fn allows_wasm<'a>(policies: impl IntoIterator<Item = &'a str>) -> bool {
    policies.into_iter().flat_map(|h| h.split(',')).all(policy_allows_wasm)
}

fn policy_allows_wasm(policy: &str) -> bool {
    let mut script_src: Option<&str> = None;
    let mut default_src: Option<&str> = None;
    for directive in policy.split(';') {
        let directive = directive.trim();
        let (name, value) = match directive.find(|c: char| c.is_ascii_whitespace()) {
            Some(i) => (&directive[..i], &directive[i..]),
            None => (directive, ""),
        };
        // The first occurrence of a directive wins.
        if name.eq_ignore_ascii_case("script-src") && script_src.is_none() {
            script_src = Some(value);
        } else if name.eq_ignore_ascii_case("default-src") && default_src.is_none() {
            default_src = Some(value);
        }
    }
    match script_src.or(default_src) {
        None => true,
        Some(list) => crate::chars::ascii_words(list).any(|s| s.eq_ignore_ascii_case("'wasm-unsafe-eval'") || s.eq_ignore_ascii_case("'unsafe-eval'")),
    }
}

#[cfg(test)]
mod tests {
    use super::allows_wasm;

    #[test]
    fn effective_directive_decides() {
        assert!(allows_wasm([]));
        assert!(allows_wasm(["img-src 'self'"]));
        assert!(!allows_wasm(["script-src 'self'"]));
        assert!(!allows_wasm(["default-src 'self'"]));
        assert!(allows_wasm(["default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"]));
        assert!(allows_wasm(["script-src 'UNSAFE-EVAL' https:"]));
        assert!(!allows_wasm(["script-src *, default-src 'none'"]), "every comma-separated policy must allow it");
        assert!(!allows_wasm(["script-src 'wasm-unsafe-eval'", "default-src 'self'"]));
        assert!(!allows_wasm(["default-src 'self'; script-src 'self'; script-src 'unsafe-eval'"]), "the first directive wins");
    }
}
