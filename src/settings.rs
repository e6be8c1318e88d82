//! The settings schema, defined once: global defaults, per-site profiles, validation with
//! messages that say what is wrong and where, and versioned migration.
//!
//! Settings arrive as untyped data (a JSON file, `storage.sync`, a JS object). They are read into
//! [`Value`] first and then checked field by field, so an error names its path
//! (`sites["example.com"].categories.ads: expected true or false, found "yes"`) instead of
//! serde's position-less message, and unknown fields are reported rather than silently dropped.

use crate::clutter::{Category, CategorySet};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// The schema version this build writes.
pub const VERSION: u32 = 1;

/// What Declutter does on a site.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Leave the site untouched.
    Off,
    /// Hide clutter in place (the default).
    Clean,
    /// Open the reader view automatically.
    Reader,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Auto,
    Light,
    Sepia,
    Dark,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Font {
    Serif,
    Sans,
    Mono,
    /// A typeface designed for readers with dyslexia (falls back to a wide sans).
    Dyslexic,
}

/// Reader view typography.
#[derive(Clone, Copy, PartialEq, Debug, Serialize)]
pub struct Reader {
    pub theme: Theme,
    pub font: Font,
    /// Font size in CSS pixels (12..=40).
    pub size: u32,
    /// Column width in characters (40..=120).
    pub width: u32,
    /// Line height as a multiple of the font size (1.0..=2.5).
    pub line_height: f64,
}

impl Default for Reader {
    fn default() -> Self {
        Reader { theme: Theme::Auto, font: Font::Serif, size: 20, width: 70, line_height: 1.6 }
    }
}

/// Everything that applies to one page: the defaults with a site's overrides laid over them.
#[derive(Clone, PartialEq, Debug, Serialize)]
pub struct Profile {
    pub mode: Mode,
    /// Which clutter categories are hidden.
    pub categories: BTreeMap<Category, bool>,
    /// The site's own CSS selectors to hide.
    pub hide: Vec<String>,
    /// CSS selectors never to hide (wins over everything).
    pub keep: Vec<String>,
    pub reader: Reader,
}

impl Default for Profile {
    fn default() -> Self {
        let on = CategorySet::default_on();
        Profile {
            mode: Mode::Clean,
            categories: Category::ALL.into_iter().map(|c| (c, on.contains(c))).collect(),
            hide: Vec::new(),
            keep: Vec::new(),
            reader: Reader::default(),
        }
    }
}

impl Profile {
    pub fn category_set(&self) -> CategorySet {
        let mut s = CategorySet::NONE;
        for (&c, &on) in &self.categories {
            s.set(c, on);
        }
        s
    }
}

/// A site's overrides: only what differs from the defaults.
#[derive(Clone, PartialEq, Debug, Default, Serialize)]
pub struct SiteProfile {
    /// Also applies to subdomains of the host (`example.com` covers `news.example.com`).
    #[serde(skip_serializing_if = "is_false")]
    pub subdomains: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub categories: BTreeMap<Category, bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hide: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keep: Vec<String>,
    #[serde(skip_serializing_if = "ReaderOverrides::is_empty")]
    pub reader: ReaderOverrides,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Copy, PartialEq, Debug, Default, Serialize)]
pub struct ReaderOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<Font>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_height: Option<f64>,
}

impl ReaderOverrides {
    fn is_empty(&self) -> bool {
        *self == ReaderOverrides::default()
    }
}

/// Everything the user set.
#[derive(Clone, PartialEq, Debug, Serialize)]
pub struct Settings {
    pub version: u32,
    pub defaults: Profile,
    /// Keyed by lower-case host name.
    pub sites: BTreeMap<String, SiteProfile>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { version: VERSION, defaults: Profile::default(), sites: BTreeMap::new() }
    }
}

impl Settings {
    /// The site entry that applies to `host`: the host itself, else the nearest parent domain
    /// whose entry covers subdomains.
    pub fn site_for(&self, host: &str) -> Option<(&str, &SiteProfile)> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if let Some((k, v)) = self.sites.get_key_value(host.as_str()).or_else(|| self.sites.get_key_value(format!("www.{host}").as_str())) {
            return Some((k.as_str(), v));
        }
        let mut rest = host.as_str();
        while let Some(i) = rest.find('.') {
            rest = &rest[i + 1..];
            if let Some((k, v)) = self.sites.get_key_value(rest) {
                if v.subdomains {
                    return Some((k.as_str(), v));
                }
            }
        }
        None
    }

    /// The profile for a page on `host`.
    pub fn profile_for(&self, host: &str) -> Profile {
        let mut p = self.defaults.clone();
        if let Some((_, site)) = self.site_for(host) {
            site.apply(&mut p);
        }
        p
    }
}

impl SiteProfile {
    pub fn apply(&self, p: &mut Profile) {
        if let Some(m) = self.mode {
            p.mode = m;
        }
        for (&c, &on) in &self.categories {
            p.categories.insert(c, on);
        }
        p.hide.extend(self.hide.iter().cloned());
        p.keep.extend(self.keep.iter().cloned());
        let r = &self.reader;
        if let Some(v) = r.theme {
            p.reader.theme = v;
        }
        if let Some(v) = r.font {
            p.reader.font = v;
        }
        if let Some(v) = r.size {
            p.reader.size = v;
        }
        if let Some(v) = r.width {
            p.reader.width = v;
        }
        if let Some(v) = r.line_height {
            p.reader.line_height = v;
        }
    }
}

// ------------------------------------------------------------------------------------------
// Untyped input

/// Any JSON-shaped value, as read from a file or a JS object.
#[derive(Clone, PartialEq, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    fn kind(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => format_number(*n),
            Value::String(s) => {
                let mut t: String = s.chars().take(40).collect();
                if t.len() < s.len() {
                    t.push('…');
                }
                format!("\"{t}\"")
            }
            Value::Array(_) => "a list".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Number(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
                Ok(Value::Number(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
                Ok(Value::Number(n))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
                Ok(Value::String(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
                Ok(Value::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Value::Array(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry::<String, Value>()? {
                    v.push((k, x));
                }
                Ok(Value::Object(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => s.serialize_f64(*n),
            Value::String(x) => s.serialize_str(x),
            Value::Array(v) => {
                let mut q = s.serialize_seq(Some(v.len()))?;
                for x in v {
                    q.serialize_element(x)?;
                }
                q.end()
            }
            Value::Object(v) => {
                let mut m = s.serialize_map(Some(v.len()))?;
                for (k, x) in v {
                    m.serialize_entry(k, x)?;
                }
                m.end()
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Validation

/// One problem found in settings: where, and what is wrong.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Settings that failed validation: every problem found, not just the first.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct SettingsError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SettingsError {}

struct Check {
    problems: Vec<Problem>,
}

impl Check {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        if self.problems.len() < 50 {
            self.problems.push(Problem { path: path.to_string(), message: message.into() });
        }
    }

    fn object<'v>(&mut self, path: &str, v: &'v Value) -> Option<&'v [(String, Value)]> {
        match v {
            Value::Object(o) => Some(o),
            other => {
                self.fail(path, format!("expected an object, found {}", other.kind()));
                None
            }
        }
    }

    fn bool(&mut self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.fail(path, format!("expected true or false, found {}", other.kind()));
                None
            }
        }
    }

    fn int(&mut self, path: &str, v: &Value, lo: u32, hi: u32) -> Option<u32> {
        match v {
            Value::Number(n) if n.fract() == 0.0 && *n >= lo as f64 && *n <= hi as f64 => Some(*n as u32),
            other => {
                self.fail(path, format!("expected a whole number from {lo} to {hi}, found {}", other.kind()));
                None
            }
        }
    }

    fn float(&mut self, path: &str, v: &Value, lo: f64, hi: f64) -> Option<f64> {
        match v {
            Value::Number(n) if *n >= lo && *n <= hi => Some(*n),
            other => {
                self.fail(path, format!("expected a number from {lo} to {hi}, found {}", other.kind()));
                None
            }
        }
    }

    fn choice<T: Copy>(&mut self, path: &str, v: &Value, options: &[(&str, T)]) -> Option<T> {
        if let Value::String(s) = v {
            if let Some(&(_, t)) = options.iter().find(|(n, _)| n == s) {
                return Some(t);
            }
        }
        let names: Vec<String> = options.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        self.fail(path, format!("expected one of {}, found {}", names.join(", "), v.kind()));
        None
    }

    fn selectors(&mut self, path: &str, v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let Value::Array(items) = v else {
            self.fail(path, format!("expected a list of CSS selectors, found {}", v.kind()));
            return out;
        };
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match item {
                Value::String(s) => match crate::selector::Selector::parse(s) {
                    Ok(_) => out.push(s.trim().to_string()),
                    Err(e) => self.fail(&p, format!("not a supported selector ({} at {})", e.message, e.position)),
                },
                other => self.fail(&p, format!("expected a CSS selector string, found {}", other.kind())),
            }
        }
        out
    }

    fn categories(&mut self, path: &str, v: &Value) -> BTreeMap<Category, bool> {
        let mut out = BTreeMap::new();
        if let Some(o) = self.object(path, v) {
            for (k, x) in o {
                let p = format!("{path}.{k}");
                match Category::from_name(k) {
                    Some(c) => {
                        if let Some(b) = self.bool(&p, x) {
                            out.insert(c, b);
                        }
                    }
                    None => {
                        let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
                        self.fail(&p, format!("unknown category (known: {})", names.join(", ")));
                    }
                }
            }
        }
        out
    }

    fn reader(&mut self, path: &str, v: &Value) -> ReaderOverrides {
        let mut r = ReaderOverrides::default();
        if let Some(o) = self.object(path, v) {
            for (k, x) in o {
                let p = format!("{path}.{k}");
                match k.as_str() {
                    "theme" => r.theme = self.choice(&p, x, &[("auto", Theme::Auto), ("light", Theme::Light), ("sepia", Theme::Sepia), ("dark", Theme::Dark)]),
                    "font" => r.font = self.choice(&p, x, &[("serif", Font::Serif), ("sans", Font::Sans), ("mono", Font::Mono), ("dyslexic", Font::Dyslexic)]),
                    "size" => r.size = self.int(&p, x, 12, 40),
                    "width" => r.width = self.int(&p, x, 40, 120),
                    "line_height" => r.line_height = self.float(&p, x, 1.0, 2.5),
                    _ => self.fail(&p, "unknown field (known: theme, font, size, width, line_height)"),
                }
            }
        }
        r
    }

    fn mode(&mut self, path: &str, v: &Value) -> Option<Mode> {
        self.choice(path, v, &[("off", Mode::Off), ("clean", Mode::Clean), ("reader", Mode::Reader)])
    }

    /// A profile's fields; `site` allows `subdomains`.
    fn site(&mut self, path: &str, v: &Value, site: bool) -> SiteProfile {
        let mut s = SiteProfile::default();
        if let Some(o) = self.object(path, v) {
            for (k, x) in o {
                let p = format!("{path}.{k}");
                match k.as_str() {
                    "mode" => s.mode = self.mode(&p, x),
                    "categories" => s.categories = self.categories(&p, x),
                    "hide" => s.hide = self.selectors(&p, x),
                    "keep" => s.keep = self.selectors(&p, x),
                    "reader" => s.reader = self.reader(&p, x),
                    "subdomains" if site => s.subdomains = self.bool(&p, x).unwrap_or(false),
                    _ => self.fail(&p, format!("unknown field (known: {}mode, categories, hide, keep, reader)", if site { "subdomains, " } else { "" })),
                }
            }
        }
        s
    }
}

/// A host name as a site key: lower case, no scheme, path or port, no leading "www.".
pub fn normalize_host(input: &str) -> Result<String, String> {
    let mut h = input.trim().to_ascii_lowercase();
    if let Some(i) = h.find("://") {
        h = h[i + 3..].to_string();
    }
    if let Some(i) = h.find(['/', '?', '#']) {
        h.truncate(i);
    }
    if let Some(i) = h.rfind(':') {
        if h[i + 1..].bytes().all(|b| b.is_ascii_digit()) {
            h.truncate(i);
        }
    }
    let h = h.strip_prefix("www.").unwrap_or(&h).trim_end_matches('.').to_string();
    let ok = !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80) && !l.starts_with('-'));
    if ok {
        Ok(h)
    } else {
        Err(format!("\"{input}\" is not a host name"))
    }
}

impl Settings {
    /// Reads settings of any version this build knows, migrating older ones. Every problem is
    /// reported; nothing is silently dropped.
    pub fn from_value(v: &Value) -> Result<Settings, SettingsError> {
        let mut c = Check { problems: Vec::new() };
        let Some(o) = c.object("", v) else { return Err(SettingsError { problems: c.problems }) };
        let version = match o.iter().find(|(k, _)| k == "version") {
            None => 0,
            Some((_, x)) => c.int("version", x, 0, u32::MAX).unwrap_or(VERSION),
        };
        if version > VERSION {
            c.fail("version", format!("settings of version {version} come from a newer Declutter (this one reads up to {VERSION})"));
            return Err(SettingsError { problems: c.problems });
        }
        let migrated;
        let o = if version == 0 {
            migrated = migrate_v0(o);
            &migrated[..]
        } else {
            o
        };
        let mut s = Settings::default();
        for (k, x) in o {
            match k.as_str() {
                "version" => {}
                "defaults" => {
                    let d = c.site("defaults", x, false);
                    d.apply(&mut s.defaults);
                    // Lists in defaults replace, not extend, the (empty) built-in lists.
                }
                "sites" => {
                    if let Some(sites) = c.object("sites", x) {
                        for (host, sv) in sites {
                            let p = format!("sites[\"{host}\"]");
                            match normalize_host(host) {
                                Ok(h) => {
                                    let site = c.site(&p, sv, true);
                                    if s.sites.insert(h.clone(), site).is_some() {
                                        c.fail(&p, format!("the site \"{h}\" appears twice"));
                                    }
                                }
                                Err(e) => c.fail(&p, e),
                            }
                        }
                    }
                }
                _ => c.fail(k, "unknown field (known: version, defaults, sites)"),
            }
        }
        if c.problems.is_empty() {
            Ok(s)
        } else {
            Err(SettingsError { problems: c.problems })
        }
    }

    #[cfg(feature = "cli")]
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let v: Value = serde_json::from_str(text).map_err(|e| SettingsError {
            problems: vec![Problem { path: String::new(), message: format!("not valid JSON: {e}") }],
        })?;
        Settings::from_value(&v)
    }
}

/// Version 0 (before versioning): `{ "enabled": bool, "categories": {...}, "sites": { host:
/// { "enabled": bool, "hide": [...] } } }`. `enabled: false` becomes `mode: "off"`.
fn migrate_v0(o: &[(String, Value)]) -> Vec<(String, Value)> {
    let mut defaults: Vec<(String, Value)> = Vec::new();
    let mut out: Vec<(String, Value)> = Vec::new();
    let site_v0 = |v: &Value| -> Value {
        match v {
            Value::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, x)| match (k.as_str(), x) {
                        ("enabled", Value::Bool(b)) => ("mode".to_string(), Value::String(if *b { "clean" } else { "off" }.into())),
                        _ => (k.clone(), x.clone()),
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    };
    for (k, x) in o {
        match (k.as_str(), x) {
            ("enabled", Value::Bool(b)) => defaults.push(("mode".into(), Value::String(if *b { "clean" } else { "off" }.into()))),
            ("categories", _) | ("reader", _) => defaults.push((k.clone(), x.clone())),
            ("sites", Value::Object(sites)) => {
                out.push(("sites".into(), Value::Object(sites.iter().map(|(h, s)| (h.clone(), site_v0(s))).collect())));
            }
            _ => out.push((k.clone(), x.clone())),
        }
    }
    if !defaults.is_empty() {
        out.push(("defaults".into(), Value::Object(defaults)));
    }
    out
}

/// Reader typography from a `{theme, font, size, width, line_height}` object (any subset),
/// laid over `base`.
pub fn reader_from_value(v: &Value, base: Reader) -> Result<Reader, SettingsError> {
    let mut c = Check { problems: Vec::new() };
    let o = c.reader("reader", v);
    if !c.problems.is_empty() {
        return Err(SettingsError { problems: c.problems });
    }
    let mut p = Profile { reader: base, ..Profile::default() };
    SiteProfile { reader: o, ..SiteProfile::default() }.apply(&mut p);
    Ok(p.reader)
}

/// Options for one `clean` or `extract` call: a profile, given whole or in part (missing fields
/// take the defaults). Accepts a [`Profile`]-shaped object.
pub fn profile_from_value(v: &Value) -> Result<Profile, SettingsError> {
    if matches!(v, Value::Null) {
        return Ok(Profile::default());
    }
    let mut c = Check { problems: Vec::new() };
    let site = c.site("settings", v, false);
    if !c.problems.is_empty() {
        return Err(SettingsError { problems: c.problems });
    }
    let mut p = Profile::default();
    site.apply(&mut p);
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(fields: &[(&str, Value)]) -> Value {
        Value::Object(fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }
    fn s(x: &str) -> Value {
        Value::String(x.into())
    }

    #[test]
    fn defaults_hide_everything_but_cookies() {
        let p = Profile::default();
        assert_eq!(p.mode, Mode::Clean);
        assert!(p.category_set().contains(Category::Ads));
        assert!(!p.category_set().contains(Category::Cookies));
    }

    #[test]
    fn site_lookup_with_subdomains() {
        let v = obj(&[
            ("version", Value::Number(1.0)),
            ("sites", obj(&[("Example.com", obj(&[("subdomains", Value::Bool(true)), ("mode", s("off"))])), ("other.org", obj(&[("mode", s("reader"))]))])),
        ]);
        let st = Settings::from_value(&v).unwrap();
        assert_eq!(st.profile_for("news.example.com").mode, Mode::Off);
        assert_eq!(st.profile_for("www.example.com").mode, Mode::Off);
        assert_eq!(st.profile_for("a.other.org").mode, Mode::Clean, "no subdomains flag");
        assert_eq!(st.profile_for("other.org").mode, Mode::Reader);
    }

    #[test]
    fn errors_name_the_path() {
        let v = obj(&[(
            "sites",
            obj(&[("example.com", obj(&[("categories", obj(&[("ads", s("yes")), ("popups", Value::Bool(true))])), ("hide", Value::Array(vec![s("div >")]))]))]),
        )]);
        let e = Settings::from_value(&obj(&[("version", Value::Number(1.0)), ("sites", match &v { Value::Object(o) => o[0].1.clone(), _ => unreachable!() })])).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("sites[\"example.com\"].categories.ads: expected true or false, found \"yes\""), "{text}");
        assert!(text.contains("sites[\"example.com\"].categories.popups: unknown category"), "{text}");
        assert!(text.contains("sites[\"example.com\"].hide[0]: not a supported selector"), "{text}");
    }

    #[test]
    fn newer_versions_are_refused_and_v0_migrates() {
        let e = Settings::from_value(&obj(&[("version", Value::Number(99.0))])).unwrap_err();
        assert!(e.to_string().contains("newer Declutter"));
        let v0 = obj(&[("enabled", Value::Bool(false)), ("sites", obj(&[("a.com", obj(&[("enabled", Value::Bool(true))]))]))]);
        let st = Settings::from_value(&v0).unwrap();
        assert_eq!(st.defaults.mode, Mode::Off);
        assert_eq!(st.profile_for("a.com").mode, Mode::Clean);
    }

    #[test]
    fn reader_prefs_validate() {
        let v = obj(&[("theme", s("sepia")), ("size", Value::Number(22.0))]);
        let r = reader_from_value(&v, Reader::default()).unwrap();
        assert_eq!((r.theme, r.size, r.font), (Theme::Sepia, 22, Font::Serif));
        let e = reader_from_value(&obj(&[("size", Value::Number(99.0))]), Reader::default()).unwrap_err();
        assert!(e.to_string().contains("reader.size: expected a whole number from 12 to 40, found 99"), "{e}");
    }

    #[test]
    fn hosts_normalize() {
        assert_eq!(normalize_host("https://WWW.Example.com:8080/x").unwrap(), "example.com");
        assert!(normalize_host("not a host").is_err());
    }
}
