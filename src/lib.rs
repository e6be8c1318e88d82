//! Declutter's core: it decides what on a page is clutter and what is the article.
//!
//! The core is pure Rust over a compact [`dom::Document`] and knows no browser and no parser.
//! Two adapters build that model: [`native`] from html5ever (the CLI and tests) and `web`
//! from the live DOM in one bulk pass (the wasm module in the extension and on web pages).
//! Both then ask the same functions for the same decisions:
//!
//! - [`clean`]: which blocks to hide (typed [`clutter::Category`]), what to expand or unstick;
//! - [`extract`]: the article, with its metadata, HTML and text;
//! - [`style::stylesheet`]: the one stylesheet that turns decisions (attributes) into hiding;
//! - [`settings`]: the schema, validation and migration of what the user set.
//!
//! The lifecycle on a page: at document start the stylesheet hides what markup alone reveals;
//! when the DOM is ready the page is gathered and [`clean`] decides; later additions are
//! gathered as fragments and decided on their own with the article they hang under.

#![deny(unsafe_code)] // allowed in one place: the core's allocator (`alloc.rs`)

#[cfg(any(test, all(target_arch = "wasm32", feature = "wasm-core")))]
mod alloc;
pub mod analysis;
pub mod chars;
pub mod article;
pub mod clutter;
pub mod csp;
pub mod dom;
pub mod selector;
pub mod serialize;
pub mod settings;
pub mod style;
pub mod output;
pub mod text;
pub mod url;

#[cfg(feature = "cli")]
pub mod native;
#[cfg(feature = "sanitize")]
pub mod sanitize;
/// The wasm exports (public for the in-browser tests in `tests/web.rs`).
#[cfg(all(target_arch = "wasm32", any(feature = "wasm-core", feature = "wasm-reader")))]
pub mod web;

use analysis::Analysis;
use clutter::{Action, Category, CategorySet, Decision, DetectOptions};
use dom::{Document, NodeId};
use selector::{Selector, SelectorError};
use serde::{Serialize, Serializer};
use settings::Profile;
use std::fmt;

/// Errors the core reports; each becomes a clear message at the JS boundary and in the CLI.
#[derive(Debug)]
pub enum Error {
    /// Settings that do not validate.
    Settings(settings::SettingsError),
    /// A site rule that is not a supported selector.
    Selector(SelectorError),
    /// Input the adapters could not read (not HTML, truncated records...).
    Input(String),
}

impl Error {
    /// The message (as `Display` writes it), built without `fmt`: see [`chars::decimal`].
    pub fn message(&self) -> String {
        match self {
            Error::Settings(e) => "invalid settings: ".to_owned() + &e.message(),
            Error::Selector(e) => "invalid rule: ".to_owned() + &e.message(),
            Error::Input(e) => "unreadable input: ".to_owned() + e,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

/// What a clean did, for the badge, the popup and the API.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Report {
    /// Blocks hidden (outermost blocks only), all categories and site rules together.
    pub hidden: u32,
    /// Hidden blocks per category (every category listed, zeros included).
    pub categories: CategoryCounts,
    /// Blocks hidden by the site's own rules.
    pub rules: u32,
    /// Truncated bodies expanded ("Continue reading").
    pub expanded: u32,
    /// Sticky headers let go; locked page scrolling restored.
    pub unstuck: u32,
    /// Whether an article was found.
    pub article: bool,
    /// Whether the page is worth a reader view (Readability's "probably readerable").
    pub readerable: bool,
    /// Time taken, in milliseconds, measured by the adapter (gathering included).
    pub ms: f64,
}

/// A count per category, serialized as `{ads: n, sponsored: n, …}`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CategoryCounts(pub [u32; 8]);

impl CategoryCounts {
    pub fn get(&self, c: Category) -> u32 {
        self.0[c as usize]
    }
}

impl Serialize for CategoryCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(8))?;
        for c in Category::ALL {
            m.serialize_entry(c.name(), &self.0[c as usize])?;
        }
        m.end()
    }
}

impl Report {
    /// Adds another report's counts (late additions on the same page).
    pub fn merge(&mut self, o: &Report) {
        self.hidden += o.hidden;
        for (a, b) in self.categories.0.iter_mut().zip(o.categories.0) {
            *a += b;
        }
        self.rules += o.rules;
        self.expanded += o.expanded;
        self.unstuck += o.unstuck;
        self.article |= o.article;
        self.readerable |= o.readerable;
    }
}

/// The decisions for one document.
#[derive(Clone, Debug)]
pub struct Cleaned {
    pub decisions: Vec<Decision>,
    pub article: Option<NodeId>,
    /// The article is a page of replies (see [`Prepared::replies`]).
    pub replies: bool,
    pub report: Report,
}

/// Compiled per-page options: which categories to hide and the site's own rules.
pub struct Options {
    /// The categories and the site's rules (`detect.hide`, `detect.keep`). The rules live there
    /// once: a second copy for the stylesheets cost the every-page module a deep `Clone`.
    pub detect: DetectOptions,
}

impl Options {
    pub fn new(categories: CategorySet, hide: &[String], keep: &[String]) -> Result<Options, Error> {
        let parse = |list: &[String]| -> Result<Vec<Selector>, SelectorError> {
            let mut out = Vec::with_capacity(list.len());
            for s in list {
                out.push(Selector::parse(s)?);
            }
            Ok(out)
        };
        let hide = parse(hide).map_err(Error::Selector)?;
        let keep = parse(keep).map_err(Error::Selector)?;
        Ok(Options { detect: DetectOptions { categories, hide: hide.into(), keep: keep.into(), opened_by_user: false, late: false } })
    }

    pub fn from_profile(p: &Profile) -> Result<Options, Error> {
        Options::new(p.category_set(), &p.hide, &p.keep)
    }

    /// The page's stylesheet for these options.
    pub fn stylesheet(&self) -> String {
        style::stylesheet(self.detect.categories, &self.detect.hide)
    }

    /// What the live-DOM adapter must read for these options: the tags that give all their
    /// attributes, and a selector for the other elements that do (the detector's attributes and
    /// those the site's rules test).
    pub fn gather_spec(&self) -> (&'static str, String) {
        let mut names: Vec<&str> = clutter::patterns::READ_ATTRIBUTES.iter().collect();
        for sel in self.detect.hide.iter().chain(self.detect.keep.iter()) {
            for a in sel.attribute_names() {
                if !names.contains(&a) && a != "id" && a != "class" {
                    names.push(a);
                }
            }
        }
        (clutter::patterns::FULL_ATTRIBUTE_TAGS, names.join(" "))
    }

    /// The same rules for open shadow roots and same-origin frames.
    pub fn scoped_stylesheet(&self) -> String {
        style::scoped_stylesheet(self.detect.categories, &self.detect.hide)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options { detect: DetectOptions::default() }
    }
}

/// The analysis of a document that every decision starts from.
pub struct Prepared {
    pub analysis: Analysis,
    pub article: Option<NodeId>,
    /// Late content beside a page's article (see [`prepare_in`]).
    pub late: bool,
    /// The article stands on reader comments: a page of replies (a forum, an issue tracker).
    /// What arrives later beside it ("load more") is more of them, not comments beside an
    /// article: the page's later additions are not `late`.
    pub replies: bool,
}

/// Analyses a document and locates its article.
pub fn prepare(doc: &Document) -> Prepared {
    prepare_in(doc, false)
}

/// [`prepare`], for a page, or (`late`) for content added after the clean of a page whose
/// article is still there and shown, and is not a page of replies (a fragment for
/// [`decide_fragment`]): a comment thread in it is never an article of its own, and beside the
/// article it is judged as comments. Not when the page's article is gone or hidden: a
/// single-page app's next page of replies (a forum, an issue tracker) arrives as late content
/// too, and its replies are its article. Nor in the seconds after the reader's own input: a
/// thread that arrives then may be one they asked for ("Show comments", fetched slowly).
pub fn prepare_in(doc: &Document, late: bool) -> Prepared {
    let analysis = Analysis::new(doc);
    let mut replies = false;
    let article = article::locate::locate(doc, &analysis, late, &mut replies);
    Prepared { analysis, article, late, replies }
}

/// Elements whose layout the core would like measured before it decides (in a browser).
pub fn layout_requests(doc: &Document, prep: &Prepared) -> Vec<NodeId> {
    clutter::layout_requests(doc, &prep.analysis, prep.article)
}

/// Decides what to hide and fix. `inside_article`: the document is a fragment added inside
/// the page's article (late content), so everything in it gets the article's protection.
pub fn decide(doc: &Document, prep: &Prepared, opts: &Options, inside_article: bool) -> Cleaned {
    decide_in(doc, prep, &opts.detect, inside_article, false)
}

/// Decides on a fragment added to a page after `clean` (lazy content). A fragment is not a page:
/// only a real article in it (infinite scroll appends whole stories) gets article protection,
/// not whatever block happens to score best in a modal or an ad. `opened_by_user`: it came
/// right after the reader's own input (see [`DetectOptions::opened_by_user`]).
pub fn decide_fragment(doc: &Document, prep: &Prepared, opts: &Options, inside_article: bool, opened_by_user: bool) -> Cleaned {
    let detect = DetectOptions { opened_by_user, late: prep.late, ..opts.detect.clone() };
    decide_in(doc, prep, &detect, inside_article, true)
}

/// Prose (characters) a fragment's best block needs to count as an article.
const FRAGMENT_ARTICLE_PROSE: u32 = 400;

fn decide_in(doc: &Document, prep: &Prepared, detect: &DetectOptions, inside_article: bool, fragment: bool) -> Cleaned {
    let article = prep.article.filter(|&a| !fragment || prep.analysis.get(a).para_text >= FRAGMENT_ARTICLE_PROSE);
    let decisions = clutter::detect(doc, &prep.analysis, article, inside_article, detect);
    let mut report = report(&decisions, article.is_some());
    report.readerable = !fragment && article::readerable(doc, &prep.analysis);
    Cleaned { decisions, article, replies: prep.replies, report }
}

/// Decides what to hide and fix on a whole document.
pub fn clean(doc: &Document, opts: &Options) -> Cleaned {
    decide(doc, &prepare(doc), opts, false)
}

/// Summarizes decisions.
pub fn report(decisions: &[Decision], article: bool) -> Report {
    let mut r = Report { article, ..Report::default() };
    for d in decisions {
        match d.action {
            Action::Hide(c) => {
                r.hidden += 1;
                r.categories.0[c as usize] += 1;
            }
            Action::HideByRule => {
                r.hidden += 1;
                r.rules += 1;
            }
            Action::Expand => r.expanded += 1,
            Action::Unstick | Action::Unlock => r.unstuck += 1,
            Action::HideControl | Action::Keep | Action::Collapse | Action::Widen | Action::Fill => {}
        }
    }
    r
}

/// Extracts the article: clutter is decided first and left out.
pub fn extract(doc: &Document, opts: &Options) -> article::Article {
    let prep = prepare(doc);
    // The reader leaves out every category (cookie notices and overlays too, which a page may
    // keep in place); the site's own hide and keep rules still apply.
    let reader = Options { detect: DetectOptions { categories: CategorySet::all(), ..opts.detect.clone() } };
    // The detector alone, without the fixes only a page shown in place needs: `decide`'s
    // report (and its readerable check, which the article makes itself) would be thrown away.
    let mut decisions = clutter::detect_hidden(doc, &prep.analysis, prep.article, &reader.detect);
    // Not the grids of other stories (rule cards): Readability scores their excerpts, and on a
    // page whose article and story grids sit in two columns of one panel, leaving the grids
    // out made it pick a box of teasers under one paragraph of the article instead of the
    // article (livenet.ch, when cards with their own per-post classes began to count as
    // alike). Its own cleaning takes most such grids anyway.
    decisions.retain(|d| d.rule != clutter::Rule::Cards);
    article::extract(doc, &prep.analysis, prep.article, &decisions)
}

/// The attribute value a decision sets: (attribute, token).
pub fn marker(action: Action) -> (&'static str, &'static str) {
    match action {
        Action::Hide(c) => (style::ATTR_HIDE, c.name()),
        Action::HideByRule => (style::ATTR_HIDE, "rule"),
        Action::HideControl => (style::ATTR_HIDE, "control"),
        Action::Expand => (style::ATTR_FIX, "expand"),
        Action::Unstick => (style::ATTR_FIX, "unstick"),
        Action::Unlock => (style::ATTR_FIX, "unlock"),
        Action::Keep => (style::ATTR_KEEP, ""),
        Action::Collapse => (style::ATTR_HIDE, "empty"),
        Action::Widen => (style::ATTR_FIX, "widen"),
        Action::Fill => (style::ATTR_FIX, "fill"),
    }
}

/// The version of the core.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
