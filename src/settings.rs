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

impl Problem {
    /// The message (as `Display` writes it), built without `fmt`.
    pub fn line(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            [&self.path, ": ", &self.message].concat()
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// Settings that failed validation: every problem found, not just the first.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct SettingsError {
    pub problems: Vec<Problem>,
}

impl SettingsError {
    /// Every problem on a line of its own (as `Display` writes them), built without `fmt`.
    pub fn message(&self) -> String {
        self.problems.iter().map(Problem::line).collect::<Vec<_>>().join("\n")
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
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

    /// Reads a settings file (the CLI's `--settings`, the options page's import): JSON text,
    /// validated and migrated like [`Settings::from_value`].
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let v: Value = serde_json::from_str(text).map_err(|e| SettingsError {
            problems: vec![Problem { path: String::new(), message: format!("not valid JSON: {e}") }],
        })?;
        Settings::from_value(&v)
    }

    /// The settings as a file to keep or import elsewhere (what the CLI's `--settings` reads).
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
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

// ------------------------------------------------------------------------------------------
// Edits: what the extension's popup, options page, element picker and context menu change

/// A site's list of rules: selectors to hide, or selectors never to hide.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RuleKind {
    Hide,
    Keep,
}

impl RuleKind {
    pub fn from_name(s: &str) -> Option<RuleKind> {
        match s {
            "hide" => Some(RuleKind::Hide),
            "keep" => Some(RuleKind::Keep),
            _ => None,
        }
    }
}

/// What adding a rule did.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleChange {
    /// The rule is new.
    Added,
    /// It took away the same selector from the other list instead.
    Inverse,
    /// It was there already.
    None,
}

/// A change to a site's overrides or to the defaults, read from a partial profile. For each
/// field: `None` leaves it as it is; `Some(None)` (a `null` in the input) clears it: a site
/// falls back to the defaults, the defaults to the built-in value. Lists given replace the old
/// list.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Patch {
    pub subdomains: Option<bool>,
    pub mode: Option<Option<Mode>>,
    pub categories: BTreeMap<Category, Option<bool>>,
    pub hide: Option<Vec<String>>,
    pub keep: Option<Vec<String>>,
    pub reader: ReaderPatch,
}

#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct ReaderPatch {
    pub theme: Option<Option<Theme>>,
    pub font: Option<Option<Font>>,
    pub size: Option<Option<u32>>,
    pub width: Option<Option<u32>>,
    pub line_height: Option<Option<f64>>,
}

impl Check {
    /// `f` on a value unless it is `null` (which clears the field).
    fn nullable<T>(&mut self, v: &Value, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if matches!(v, Value::Null) {
            Some(None)
        } else {
            Some(f(self))
        }
    }

    fn patch(&mut self, path: &str, v: &Value, site: bool) -> Patch {
        let mut out = Patch::default();
        let Some(o) = self.object(path, v) else { return out };
        for (k, x) in o {
            let p = format!("{path}.{k}");
            let null = matches!(x, Value::Null);
            match k.as_str() {
                "mode" => out.mode = self.nullable(x, |c| c.mode(&p, x)),
                "hide" => out.hide = Some(if null { Vec::new() } else { self.selectors(&p, x) }),
                "keep" => out.keep = Some(if null { Vec::new() } else { self.selectors(&p, x) }),
                "subdomains" if site => out.subdomains = Some(!null && self.bool(&p, x).unwrap_or(false)),
                "categories" => {
                    if let Some(cats) = self.object(&p, x) {
                        for (name, on) in cats {
                            let q = format!("{p}.{name}");
                            match Category::from_name(name) {
                                Some(c) => {
                                    let on = self.nullable(on, |c| c.bool(&q, on));
                                    out.categories.insert(c, on.flatten());
                                }
                                None => {
                                    let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
                                    self.fail(&q, format!("unknown category (known: {})", names.join(", ")));
                                }
                            }
                        }
                    }
                }
                "reader" => {
                    if let Some(fields) = self.object(&p, x) {
                        for (name, y) in fields {
                            let q = format!("{p}.{name}");
                            let r = &mut out.reader;
                            match name.as_str() {
                                "theme" => r.theme = self.nullable(y, |c| c.choice(&q, y, &[("auto", Theme::Auto), ("light", Theme::Light), ("sepia", Theme::Sepia), ("dark", Theme::Dark)])),
                                "font" => r.font = self.nullable(y, |c| c.choice(&q, y, &[("serif", Font::Serif), ("sans", Font::Sans), ("mono", Font::Mono), ("dyslexic", Font::Dyslexic)])),
                                "size" => r.size = self.nullable(y, |c| c.int(&q, y, 12, 40)),
                                "width" => r.width = self.nullable(y, |c| c.int(&q, y, 40, 120)),
                                "line_height" => r.line_height = self.nullable(y, |c| c.float(&q, y, 1.0, 2.5)),
                                _ => self.fail(&q, "unknown field (known: theme, font, size, width, line_height)"),
                            }
                        }
                    }
                }
                _ => self.fail(&p, format!("unknown field (known: {}mode, categories, hide, keep, reader)", if site { "subdomains, " } else { "" })),
            }
        }
        out
    }
}

impl Patch {
    /// Reads a change to a site (`site`: `subdomains` is allowed) or to the defaults. Problems
    /// are named under `path`.
    pub fn from_value(path: &str, v: &Value, site: bool) -> Result<Patch, SettingsError> {
        let mut c = Check { problems: Vec::new() };
        let p = c.patch(path, v, site);
        if c.problems.is_empty() {
            Ok(p)
        } else {
            Err(SettingsError { problems: c.problems })
        }
    }
}

fn set<T>(slot: &mut Option<T>, change: Option<Option<T>>) {
    if let Some(v) = change {
        *slot = v;
    }
}

impl SiteProfile {
    /// No override at all: the site behaves like the defaults.
    pub fn is_empty(&self) -> bool {
        *self == SiteProfile::default()
    }

    fn patch(&mut self, p: &Patch) {
        if let Some(b) = p.subdomains {
            self.subdomains = b;
        }
        set(&mut self.mode, p.mode);
        for (&c, &on) in &p.categories {
            match on {
                Some(b) => {
                    self.categories.insert(c, b);
                }
                None => {
                    self.categories.remove(&c);
                }
            }
        }
        if let Some(h) = &p.hide {
            self.hide = dedup(h);
        }
        if let Some(k) = &p.keep {
            self.keep = dedup(k);
        }
        let r = &mut self.reader;
        set(&mut r.theme, p.reader.theme);
        set(&mut r.font, p.reader.font);
        set(&mut r.size, p.reader.size);
        set(&mut r.width, p.reader.width);
        set(&mut r.line_height, p.reader.line_height);
    }

    fn rules(&mut self, kind: RuleKind) -> &mut Vec<String> {
        match kind {
            RuleKind::Hide => &mut self.hide,
            RuleKind::Keep => &mut self.keep,
        }
    }
}

fn dedup(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for s in list {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

impl Profile {
    /// Changes the defaults; a cleared field takes the built-in value.
    fn patch(&mut self, p: &Patch) {
        let built_in = Profile::default();
        if let Some(m) = p.mode {
            self.mode = m.unwrap_or(built_in.mode);
        }
        for (&c, &on) in &p.categories {
            self.categories.insert(c, on.unwrap_or_else(|| built_in.categories[&c]));
        }
        if let Some(h) = &p.hide {
            self.hide = dedup(h);
        }
        if let Some(k) = &p.keep {
            self.keep = dedup(k);
        }
        let (r, d) = (&mut self.reader, built_in.reader);
        if let Some(v) = p.reader.theme {
            r.theme = v.unwrap_or(d.theme);
        }
        if let Some(v) = p.reader.font {
            r.font = v.unwrap_or(d.font);
        }
        if let Some(v) = p.reader.size {
            r.size = v.unwrap_or(d.size);
        }
        if let Some(v) = p.reader.width {
            r.width = v.unwrap_or(d.width);
        }
        if let Some(v) = p.reader.line_height {
            r.line_height = v.unwrap_or(d.line_height);
        }
    }
}

fn one_problem(path: &str, message: impl Into<String>) -> SettingsError {
    SettingsError { problems: vec![Problem { path: path.to_string(), message: message.into() }] }
}

fn site_key(host: &str) -> Result<String, SettingsError> {
    normalize_host(host).map_err(|e| one_problem("host", e))
}

impl Settings {
    /// The key of the site entry that settings for a page on `host` belong to: the entry that
    /// applies (possibly a parent domain's, with `subdomains`), else the host itself.
    pub fn site_key_for(&self, host: &str) -> Result<String, SettingsError> {
        match self.site_for(host) {
            Some((k, _)) => Ok(k.to_string()),
            None => site_key(host),
        }
    }

    /// Changes the entry of the site `host` (created when missing; removed when nothing in it
    /// differs from the defaults any more).
    pub fn set_site(&mut self, host: &str, patch: &Patch) -> Result<(), SettingsError> {
        let key = site_key(host)?;
        let entry = self.sites.entry(key.clone()).or_default();
        entry.patch(patch);
        if entry.is_empty() {
            self.sites.remove(&key);
        }
        Ok(())
    }

    /// Changes the defaults.
    pub fn set_defaults(&mut self, patch: &Patch) {
        self.defaults.patch(patch);
    }

    /// Adds a rule to a site (the element picker, the context menu). A keep rule for a selector
    /// the site hides takes the hide rule away instead (and the other way round): that is the
    /// inverse of a pick. Says which of the three happened, so a pick can be undone exactly.
    pub fn add_rule(&mut self, host: &str, kind: RuleKind, selector: &str) -> Result<RuleChange, SettingsError> {
        let key = site_key(host)?;
        let selector = selector.trim();
        let path = format!("sites[\"{key}\"].{}", if kind == RuleKind::Hide { "hide" } else { "keep" });
        if let Err(e) = crate::selector::Selector::parse(selector) {
            return Err(one_problem(&path, format!("not a supported selector ({} at {})", e.message, e.position)));
        }
        let entry = self.sites.entry(key.clone()).or_default();
        let other = entry.rules(if kind == RuleKind::Hide { RuleKind::Keep } else { RuleKind::Hide });
        if let Some(i) = other.iter().position(|s| s == selector) {
            other.remove(i);
            if entry.is_empty() {
                self.sites.remove(&key);
            }
            return Ok(RuleChange::Inverse);
        }
        let list = entry.rules(kind);
        if list.iter().any(|s| s == selector) {
            return Ok(RuleChange::None);
        }
        list.push(selector.to_string());
        Ok(RuleChange::Added)
    }

    /// Takes a rule away from a site (undo in the picker, the options page). Returns whether it
    /// was there.
    pub fn remove_rule(&mut self, host: &str, kind: RuleKind, selector: &str) -> Result<bool, SettingsError> {
        let key = site_key(host)?;
        let Some(entry) = self.sites.get_mut(&key) else { return Ok(false) };
        let list = entry.rules(kind);
        let Some(i) = list.iter().position(|s| s == selector.trim()) else { return Ok(false) };
        list.remove(i);
        if entry.is_empty() {
            self.sites.remove(&key);
        }
        Ok(true)
    }

    /// Forgets everything set for a site. Returns whether there was an entry.
    pub fn remove_site(&mut self, host: &str) -> Result<bool, SettingsError> {
        Ok(self.sites.remove(&site_key(host)?).is_some())
    }
}

// ------------------------------------------------------------------------------------------
// Storage items: how the extension lays settings out in `storage.sync`, whose items are small
// (8 KB each): one item for the version and the defaults, one per site.

/// The item with the version and the defaults (and, in settings stored by older builds, every
/// site too).
pub const META_ITEM: &str = "settings";
/// Prefix of the item for one site: `site:example.com`.
pub const SITE_ITEM: &str = "site:";

/// One storage item.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Item<'a> {
    Meta { version: u32, defaults: &'a Profile },
    Site(&'a SiteProfile),
}

impl Settings {
    /// The settings as storage items, keyed by item name.
    pub fn to_items(&self) -> BTreeMap<String, Item<'_>> {
        let mut out = BTreeMap::new();
        out.insert(META_ITEM.to_string(), Item::Meta { version: self.version, defaults: &self.defaults });
        for (host, site) in &self.sites {
            out.insert(format!("{SITE_ITEM}{host}"), Item::Site(site));
        }
        out
    }

    /// Reads settings back from storage items (everything else in the storage area is ignored).
    /// `Ok(None)`: nothing stored. Settings stored whole in the one `settings` item by older
    /// builds read the same; a site stored both ways is reported, not merged silently.
    pub fn from_items(items: &Value) -> Result<Option<Settings>, SettingsError> {
        let Value::Object(o) = items else { return Err(one_problem("", format!("expected an object of storage items, found {}", items.kind()))) };
        let meta = o.iter().find(|(k, _)| k == META_ITEM).map(|(_, v)| v);
        let sites: Vec<(String, Value)> = o.iter().filter_map(|(k, v)| k.strip_prefix(SITE_ITEM).map(|h| (h.to_string(), v.clone()))).collect();
        if meta.is_none() && sites.is_empty() {
            return Ok(None);
        }
        let mut fields = match meta {
            None => vec![("version".to_string(), Value::Number(VERSION as f64))],
            Some(Value::Object(f)) => f.clone(),
            Some(other) => return Err(one_problem("", format!("expected an object, found {}", other.kind()))),
        };
        if !sites.is_empty() {
            match fields.iter_mut().find(|(k, _)| k == "sites") {
                Some((_, Value::Object(old))) => old.extend(sites),
                Some(_) => {} // reported by from_value
                None => fields.push(("sites".to_string(), Value::Object(sites))),
            }
        }
        Settings::from_value(&Value::Object(fields)).map(Some)
    }
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

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    fn patch(text: &str, site: bool) -> Patch {
        Patch::from_value("patch", &json(text), site).unwrap()
    }

    #[test]
    fn site_patches_set_and_clear_overrides() {
        let mut st = Settings::default();
        st.set_site("https://www.News.example.com/a", &patch(r#"{"mode": "off", "categories": {"ads": false, "cookies": true}}"#, true)).unwrap();
        let site = &st.sites["news.example.com"];
        assert_eq!(site.mode, Some(Mode::Off));
        assert_eq!(site.categories.get(&Category::Ads), Some(&false));
        assert_eq!(st.profile_for("news.example.com").mode, Mode::Off);
        assert!(st.profile_for("news.example.com").category_set().contains(Category::Cookies));
        // null clears one override; the others stay.
        st.set_site("news.example.com", &patch(r#"{"mode": null, "categories": {"cookies": null}}"#, true)).unwrap();
        let site = &st.sites["news.example.com"];
        assert_eq!(site.mode, None);
        assert_eq!(site.categories.len(), 1);
        assert_eq!(st.profile_for("news.example.com").mode, Mode::Clean);
        // Clearing the last one removes the entry: nothing is left that differs from the defaults.
        st.set_site("news.example.com", &patch(r#"{"categories": {"ads": null}}"#, true)).unwrap();
        assert!(st.sites.is_empty());
        // Reader overrides and subdomains.
        st.set_site("example.org", &patch(r#"{"subdomains": true, "reader": {"font": "dyslexic", "size": 24}}"#, true)).unwrap();
        assert_eq!(st.profile_for("a.example.org").reader.font, Font::Dyslexic);
        assert_eq!(st.profile_for("a.example.org").reader.size, 24);
        assert_eq!(st.profile_for("a.example.org").reader.width, Reader::default().width);
        assert!(st.set_site("not a host", &Patch::default()).is_err());
    }

    #[test]
    fn patches_are_validated_with_paths() {
        let e = Patch::from_value("patch", &json(r#"{"mode": "loud", "categories": {"ads": "no", "popups": true}, "reader": {"size": 41, "color": "red"}, "hide": ["div >"], "subdomains": true}"#), false).unwrap_err();
        let text = e.to_string();
        for want in [
            "patch.mode: expected one of \"off\", \"clean\", \"reader\", found \"loud\"",
            "patch.categories.ads: expected true or false, found \"no\"",
            "patch.categories.popups: unknown category",
            "patch.reader.size: expected a whole number from 12 to 40, found 41",
            "patch.reader.color: unknown field",
            "patch.hide[0]: not a supported selector",
            "patch.subdomains: unknown field",
        ] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
        assert!(Patch::from_value("patch", &json(r#"{"subdomains": true}"#), true).is_ok());
        assert!(Patch::from_value("patch", &json("[]"), true).is_err());
    }

    #[test]
    fn default_patches_reset_to_built_in_values() {
        let mut st = Settings::default();
        st.set_defaults(&patch(r#"{"mode": "reader", "categories": {"cookies": true, "ads": false}, "reader": {"theme": "sepia", "line_height": 2.0}}"#, false));
        assert_eq!(st.defaults.mode, Mode::Reader);
        assert_eq!(st.defaults.reader.theme, Theme::Sepia);
        assert!(st.profile_for("any.example").category_set().contains(Category::Cookies));
        st.set_defaults(&patch(r#"{"mode": null, "categories": {"cookies": null, "ads": null}, "reader": {"theme": null}}"#, false));
        assert_eq!(st.defaults.mode, Mode::Clean);
        assert_eq!(st.defaults.categories, Profile::default().categories);
        assert_eq!(st.defaults.reader.theme, Theme::Auto);
        assert_eq!(st.defaults.reader.line_height, 2.0, "fields not named keep their value");
    }

    #[test]
    fn rules_are_added_checked_and_taken_back() {
        let mut st = Settings::default();
        assert_eq!(st.add_rule("example.com", RuleKind::Hide, " [data-testid=\"promo\"] ").unwrap(), RuleChange::Added);
        assert_eq!(st.add_rule("example.com", RuleKind::Hide, "[data-testid=\"promo\"]").unwrap(), RuleChange::None, "no duplicates");
        assert_eq!(st.add_rule("example.com", RuleKind::Hide, "main > div:nth-of-type(2)").unwrap(), RuleChange::Added);
        assert_eq!(st.sites["example.com"].hide, vec!["[data-testid=\"promo\"]", "main > div:nth-of-type(2)"]);
        let e = st.add_rule("example.com", RuleKind::Hide, "div:hover").unwrap_err();
        assert!(e.to_string().starts_with("sites[\"example.com\"].hide: not a supported selector"), "{e}");
        assert!(st.add_rule("", RuleKind::Keep, "div").is_err());
        // A keep pick of a selector the site hides is the inverse of that pick.
        assert_eq!(st.add_rule("example.com", RuleKind::Keep, "main > div:nth-of-type(2)").unwrap(), RuleChange::Inverse);
        assert_eq!(st.sites["example.com"].hide, vec!["[data-testid=\"promo\"]"]);
        assert!(st.sites["example.com"].keep.is_empty());
        assert_eq!(st.add_rule("example.com", RuleKind::Keep, ".comments").unwrap(), RuleChange::Added);
        assert_eq!(st.profile_for("example.com").keep, vec![".comments"]);
        // Undo.
        assert!(st.remove_rule("example.com", RuleKind::Hide, "[data-testid=\"promo\"]").unwrap());
        assert!(!st.remove_rule("example.com", RuleKind::Hide, "[data-testid=\"promo\"]").unwrap());
        assert!(st.remove_rule("example.com", RuleKind::Keep, ".comments").unwrap());
        assert!(st.sites.is_empty(), "an entry with nothing left goes");
        st.add_rule("example.com", RuleKind::Hide, "aside").unwrap();
        assert!(st.remove_site("www.example.com").unwrap());
        assert!(!st.remove_site("example.com").unwrap());
        assert_eq!(RuleKind::from_name("keep"), Some(RuleKind::Keep));
        assert_eq!(RuleKind::from_name("show"), None);
    }

    #[test]
    fn edits_go_to_the_entry_that_applies() {
        let mut st = Settings::default();
        st.set_site("example.com", &patch(r#"{"subdomains": true, "mode": "off"}"#, true)).unwrap();
        assert_eq!(st.site_key_for("news.example.com").unwrap(), "example.com");
        assert_eq!(st.site_key_for("www.other.org").unwrap(), "other.org");
        assert!(st.site_key_for("").is_err());
    }

    /// Items as they come back from storage: JSON through the same untyped reader.
    fn stored(st: &Settings) -> Value {
        json(&serde_json::to_string(&st.to_items()).unwrap())
    }

    #[test]
    fn storage_items_round_trip() {
        assert_eq!(Settings::from_items(&json("{}")).unwrap(), None);
        assert_eq!(Settings::from_items(&json(r#"{"settingsArea": "local"}"#)).unwrap(), None, "other keys are not settings");
        let mut st = Settings::default();
        st.set_defaults(&patch(r#"{"categories": {"cookies": true}, "reader": {"line_height": 1.8}}"#, false));
        st.set_site("a.example", &patch(r#"{"mode": "off"}"#, true)).unwrap();
        st.add_rule("b.example", RuleKind::Hide, "#gate").unwrap();
        let items = st.to_items();
        assert_eq!(items.keys().collect::<Vec<_>>(), vec!["settings", "site:a.example", "site:b.example"]);
        assert_eq!(Settings::from_items(&stored(&st)).unwrap(), Some(st.clone()));
        // Settings stored whole in one item (older builds, hand edits) read the same.
        let whole = json(&format!("{{\"settings\": {}}}", serde_json::to_string(&st).unwrap()));
        assert_eq!(Settings::from_items(&whole).unwrap(), Some(st.clone()));
        // A site item without the meta item still reads.
        let only_site = json(r#"{"site:c.example": {"hide": [".x"]}}"#);
        assert_eq!(Settings::from_items(&only_site).unwrap().unwrap().sites["c.example"].hide, vec![".x"]);
    }

    #[test]
    fn corrupt_storage_items_name_the_site() {
        let e = Settings::from_items(&json(r#"{"settings": {"version": 1}, "site:a.example": {"mode": "loud"}, "site:b.example": 7}"#)).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("sites[\"a.example\"].mode: expected one of"), "{text}");
        assert!(text.contains("sites[\"b.example\"]: expected an object, found 7"), "{text}");
        let e = Settings::from_items(&json(r#"{"settings": "garbage"}"#)).unwrap_err();
        assert!(e.to_string().contains("expected an object, found \"garbage\""), "{e}");
        // The same site twice (in the whole item and in its own item) is reported, not merged.
        let e = Settings::from_items(&json(r#"{"settings": {"version": 1, "sites": {"a.example": {"mode": "off"}}}, "site:a.example": {"mode": "clean"}}"#)).unwrap_err();
        assert!(e.to_string().contains("appears twice"), "{e}");
        let e = Settings::from_items(&json(r#"{"settings": {"version": 2}}"#)).unwrap_err();
        assert!(e.to_string().contains("newer Declutter"), "{e}");
    }

    #[test]
    fn export_and_import_round_trip() {
        let mut st = Settings::default();
        st.set_defaults(&patch(r#"{"mode": "reader", "reader": {"font": "mono"}}"#, false));
        st.add_rule("example.com", RuleKind::Keep, "[data-role=\"lede\"]").unwrap();
        let text = st.to_json();
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
        assert_eq!(Settings::from_json(&text).unwrap(), st);
        assert_eq!(Settings::from_json(&format!("\u{feff}{text}")).unwrap(), st, "a byte order mark is fine");
        let e = Settings::from_json("{\"version\": 1,").unwrap_err();
        assert!(e.problems[0].message.starts_with("not valid JSON"), "{e}");
        let e = Settings::from_json(r#"{"version": 1, "sites": {"example.com": {"hide": ["a:hover"]}}}"#).unwrap_err();
        assert_eq!(e.problems[0].path, "sites[\"example.com\"].hide[0]");
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
