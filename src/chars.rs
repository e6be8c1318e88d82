//! Small character classes for tokens, labels and word counts. The standard library's full
//! Unicode tables cost more wasm than the whole clutter detector; these cover what the word
//! lists need (case folding for Latin, Greek and Cyrillic scripts; letters of every script).

/// Lower case for Latin (Basic, Latin-1, Extended-A), Greek and Cyrillic capitals; any other
/// character is returned as it is (most scripts have no case).
pub fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 32,
        0xC0..=0xDE if u != 0xD7 => u + 32,
        // Latin Extended-A pairs capital/small on even/odd code points, with two shifted runs.
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x391..=0x3A9 if u != 0x3A2 => u + 32,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x410..=0x42F => u + 32,
        0x400..=0x40F => u + 80,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

pub fn is_upper(c: char) -> bool {
    lower(c) != c
}

/// Whether `hay` contains `needle`, byte-wise (as `str::contains` with a string). The core's
/// searches are for short words in short values: a plain loop, where `str::contains` brings
/// the Two-Way searcher (about 2 KB of the every-page module).
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w[0] == n[0] && w == n)
}

/// `s.chars().count()` by a plain loop over the bytes (each character has one byte that is not
/// a continuation byte): the standard library's counter is about 500 B of the every-page
/// module.
pub fn count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Letters and digits of any script: ASCII letters and digits, and everything above ASCII
/// except whitespace, punctuation and symbol blocks.
pub fn is_word(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    !matches!(u,
        0x80..=0xBF if !matches!(u, 0xAA | 0xB5 | 0xBA)
    ) && !matches!(u,
        0xD7 | 0xF7
        | 0x2000..=0x206F   // general punctuation, spaces
        | 0x20A0..=0x20CF   // currency
        | 0x2100..=0x2BFF   // letterlike, arrows, math operators, boxes, shapes, dingbats
        | 0x2E00..=0x2E7F   // supplemental punctuation
        | 0x3000..=0x303F   // CJK punctuation
        | 0xFE30..=0xFE4F   // CJK compatibility forms
        | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 // fullwidth punctuation
        | 0xFFF0..=0xFFFF
        | 0x1F000..=0x1FAFF // emoji and pictographs
        | 0x0600..=0x060F | 0x061B..=0x061F | 0x066A..=0x066D | 0x06D4 // Arabic punctuation
        | 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F3 | 0x05F4 // Hebrew punctuation
        | 0x0964 | 0x0965 | 0x0E4F | 0x0E5A | 0x0E5B
    )
}

/// `str::split_ascii_whitespace`, with one `next` for the whole core: at the core's inline
/// threshold the standard one was copied into every place that reads a class list.
pub fn ascii_words(s: &str) -> AsciiWords<'_> {
    AsciiWords(s)
}

pub struct AsciiWords<'a>(&'a str);

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;
    #[inline(never)]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.0.as_bytes();
        let start = b.iter().position(|c| !c.is_ascii_whitespace())?;
        let end = b.get(start..)?.iter().position(|c| c.is_ascii_whitespace()).map_or(b.len(), |p| start + p);
        let w = self.0.get(start..end)?;
        self.0 = self.0.get(end..)?;
        Some(w)
    }
}

/// JavaScript's `\s` (and `char::is_whitespace`) on an ASCII byte: tab, line feed, vertical
/// tab, form feed, carriage return, space. For the byte-wise fast paths over ASCII text.
pub fn ascii_space(b: u8) -> bool {
    matches!(b, 9..=13 | b' ')
}

/// Words to look for in a string (class names, URLs, short texts), with the set of byte pairs
/// they start with, built at compile time. [`Needles::found_in`] makes one pass over the string
/// and compares words only where a pair matches: no searcher per word, and on most strings no
/// compare at all.
pub struct Needles {
    pub list: &'static [&'static str],
    /// Bit `(b0 & 31) << 5 | (b1 & 31)` for each word's first two bytes.
    pairs: [u64; 16],
    /// A word shorter than two bytes: every position is a candidate.
    short: bool,
}

impl Needles {
    pub const fn new(list: &'static [&'static str]) -> Needles {
        let mut pairs = [0u64; 16];
        let mut short = false;
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes();
            if b.len() < 2 {
                short = true;
            } else {
                let k = Self::key(b[0], b[1]);
                pairs[k >> 6] |= 1 << (k & 63);
            }
            i += 1;
        }
        Needles { list, pairs, short }
    }
    const fn key(a: u8, b: u8) -> usize {
        (((a & 31) as usize) << 5) | (b & 31) as usize
    }
    /// [`Needles::found_in`] ignoring ASCII case on both sides, without lower-case copies
    /// (for words in lower case: `found_in` on the lower-cased `hay`).
    pub fn found_in_ascii_case(&self, hay: &str) -> bool {
        if self.short {
            let h = hay.to_ascii_lowercase();
            return self.list.iter().any(|n| has(&h, &n.to_ascii_lowercase()));
        }
        // The pair key ignores ASCII case already (it keeps the low five bits).
        self.scan(hay, |at, n| at.get(..n.len()).is_some_and(|x| x.eq_ignore_ascii_case(n)))
    }
    /// Whether a word `matches` the bytes from some position of `hay` whose first two bytes
    /// are a word's pair.
    fn scan(&self, hay: &str, matches: impl Fn(&[u8], &[u8]) -> bool) -> bool {
        let h = hay.as_bytes();
        (0..h.len().saturating_sub(1)).any(|i| {
            let k = Self::key(h[i], h[i + 1]);
            // Only the words that start with this pair are compared (a call to memcmp each).
            self.pairs[k >> 6] & (1 << (k & 63)) != 0
                && self.list.iter().any(|n| {
                    let n = n.as_bytes();
                    Self::key(n[0], n[1]) == k && matches(&h[i..], n)
                })
        })
    }
    /// True when `hay` contains one of the words (byte-wise, as `str::contains`).
    pub fn found_in(&self, hay: &str) -> bool {
        if self.short {
            return self.list.iter().any(|n| has(hay, n));
        }
        self.scan(hay, |at, n| at.starts_with(n))
    }
}

/// `n` in decimal, for messages built without `fmt` (its machinery stays out of the every-page
/// module: error messages are its only use there).
pub fn decimal(n: i64) -> String {
    let mut digits = Vec::new();
    let mut m = n.unsigned_abs();
    loop {
        digits.push(b'0' + (m % 10) as u8);
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_counts_characters() {
        for t in ["", "a", "ab c", "café", "ééé", "日本語のテキスト", "emoji 🦀 and ß", "Ελληνικά"] {
            assert_eq!(count(t), t.chars().count(), "{t:?}");
        }
    }

    #[test]
    fn has_finds_what_contains_finds() {
        for hay in ["", "a", "position:fixed", "max-height:10px;overflow:hidden", "café au lait", "ééé", "ab", "ba"] {
            for needle in ["", "a", "ab", "height:", "overflow:hidden", "é", "au l", "éé", "café au lait!", "b"] {
                assert_eq!(has(hay, needle), hay.contains(needle), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn needles_are_found_as_contains_finds_them() {
        const N: Needles = Needles::new(&["-ad-", "ad-break", "comment", "é", "mm", "M-"]);
        const SHORT: Needles = Needles::new(&["x", "yz"]);
        for hay in ["", "x", "my-ad-slot", "ad-brea", "ad-break", "commen", "xcomments", "café", "comm", "mmm", "-ad", "zz-ad-", "m-", "M-", "-M", "xyz", "éé"] {
            assert_eq!(N.found_in(hay), N.list.iter().any(|n| hay.contains(n)), "{hay}");
            assert_eq!(SHORT.found_in(hay), SHORT.list.iter().any(|n| hay.contains(n)), "{hay}");
            let upper = hay.to_ascii_uppercase();
            let lower_list = |n: &&str| upper.to_ascii_lowercase().contains(&n.to_ascii_lowercase());
            assert_eq!(N.found_in_ascii_case(&upper), N.list.iter().any(lower_list), "{upper}");
            assert_eq!(SHORT.found_in_ascii_case(&upper), SHORT.list.iter().any(lower_list), "{upper}");
        }
        assert!(Needles::new(&[""]).found_in("anything") && !Needles::new(&[]).found_in("anything"));
    }

    #[test]
    fn folds_the_scripts_we_match() {
        let s: String = "ÀÉÎÕÜ ĄĆĘŁŃŚŹŻ РЕКЛАМА ΔΙΑΦΉΜΙΣΗ Ё".chars().map(lower).collect();
        assert_eq!(s, "àéîõü ąćęłńśźż реклама διαφήμιση ё");
        assert_eq!(lower('广'), '广');
        assert!(is_upper('Ж') && !is_upper('ж') && !is_upper('1'));
    }

    #[test]
    fn words_of_every_script() {
        for c in ['a', 'Z', '7', 'é', 'ж', 'α', '广', 'ا', 'ש', 'ก', 'ª'] {
            assert!(is_word(c), "{c}");
        }
        for c in [' ', '-', '’', '“', '。', '€', '→', '…', '\u{a0}', '×', '«'] {
            assert!(!is_word(c), "{c}");
        }
    }

    #[test]
    fn decimal_writes_integers_as_format_does() {
        for n in [0, 7, -1, 10, 4096, -123_456, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n), n.to_string());
        }
    }
}
