//! What is clutter: typed categories, the evidence for each, and the rules that keep the article
//! safe.
//!
//! The detector runs after the article is located. Each element collects evidence (class and id
//! words, ad markup, label and heading text, ad-server frames, social link clusters, and in a
//! browser a few layout facts). A block is hidden when its evidence is strong enough *for where
//! it is*: outside the article a medium signal with a clutter-shaped body suffices; inside the
//! article only strong evidence counts, and a block holding prose, tables, code, math or captions
//! is never hidden. Wrappers left empty by hiding collapse with their content, so nothing leaves
//! a gap.

pub mod patterns;

use crate::analysis::{Analysis, Stats};
use crate::chars::has;
use crate::dom::{Document, Kind, Layout, NodeId, Tag, NONE};
use crate::selector::Selector;
use patterns::*;
use serde::{Deserialize, Serialize};

/// The kinds of clutter, each reported and switchable on its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Ad slots, ad labels, ad-server frames.
    Ads,
    /// Sponsored-content feeds (Taboola, Outbrain, "Promoted", "Around the web").
    Sponsored,
    /// Trending, popular, most-read, related, recommended, "more articles", tickers.
    Related,
    /// Comment sections.
    Comments,
    /// Share and follow bars.
    Social,
    /// Newsletter and sign-up boxes, and donation appeals named as such.
    Newsletter,
    /// Fixed or sticky bars and modals over the article.
    Overlays,
    /// Cookie notices (off by default: some sites stay locked until one is answered).
    Cookies,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Ads,
        Category::Sponsored,
        Category::Related,
        Category::Comments,
        Category::Social,
        Category::Newsletter,
        Category::Overlays,
        Category::Cookies,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Ads => "ads",
            Category::Sponsored => "sponsored",
            Category::Related => "related",
            Category::Comments => "comments",
            Category::Social => "social",
            Category::Newsletter => "newsletter",
            Category::Overlays => "overlays",
            Category::Cookies => "cookies",
        }
    }

    pub fn from_name(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == s)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of categories (which ones are switched on).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CategorySet(u8);

impl CategorySet {
    pub const NONE: CategorySet = CategorySet(0);
    pub fn all() -> Self {
        CategorySet(0xff)
    }
    /// Everything but cookie notices.
    pub fn default_on() -> Self {
        CategorySet(0xff & !Category::Cookies.bit())
    }
    pub fn contains(self, c: Category) -> bool {
        self.0 & c.bit() != 0
    }
    pub fn set(&mut self, c: Category, on: bool) {
        if on {
            self.0 |= c.bit()
        } else {
            self.0 &= !c.bit()
        }
    }
}

/// What to do to one element.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    /// Hide the block; it is clutter of this category.
    Hide(Category),
    /// The site's own hide rule matched.
    HideByRule,
    /// Lift a height limit that truncates the article ("Continue reading").
    Expand,
    /// Hide the button or fade that stood for the truncated part.
    HideControl,
    /// A sticky header that holds navigation: keep it, but let it scroll away.
    Unstick,
    /// An overlay locked page scrolling on this element (html/body): restore scrolling.
    Unlock,
    /// A keep rule matched: never hide this block (overrides the stylesheet's early rules).
    Keep,
    /// A wrapper left with nothing visible once the blocks inside it were hidden (or, outside
    /// the article, nothing but a short heading over them): hide it too so it leaves no gap (not
    /// counted as a block of its own).
    Collapse,
    /// The article's column after its sidebar went: centre it at a reading width.
    Widen,
    /// A wrapper between that column and the article: drop sidebar margins and fixed widths.
    Fill,
}

/// Which signal a decision rests on (shown in "what was removed" and the CLI's JSON).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    /// Markup that is an ad or a sponsored feed wherever it appears (AdSense, GPT, ad servers).
    Markup,
    /// Class and id words.
    Words,
    /// A short label ("Advertisement", "Anzeige").
    Label,
    /// A heading that names the block ("Trending Articles", "Comments").
    Heading,
    /// A cluster of links to social networks.
    SocialLinks,
    /// A line of the article pointing at another of the site's pages ("Read also: …").
    ReadAlso,
    /// A grid of cards of the site's other stories beside the article.
    Cards,
    /// An empty frame of a standard ad size (browser layout).
    AdSize,
    /// The site's own hide or keep rule.
    SiteRule,
    /// A "Continue reading" truncation.
    Truncation,
    /// Sticky or fixed layout.
    Layout,
    /// A wrapper left empty by hiding.
    Empty,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::Markup => "markup",
            Rule::Words => "words",
            Rule::Label => "label",
            Rule::Heading => "heading",
            Rule::SocialLinks => "social-links",
            Rule::ReadAlso => "read-also",
            Rule::Cards => "cards",
            Rule::AdSize => "ad-size",
            Rule::SiteRule => "site-rule",
            Rule::Truncation => "truncation",
            Rule::Layout => "layout",
            Rule::Empty => "empty",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Decision {
    pub node: NodeId,
    pub action: Action,
    pub rule: Rule,
}

/// Inputs to the detector besides the document.
#[derive(Clone, Debug)]
pub struct DetectOptions {
    pub categories: CategorySet,
    /// (Shared, not owned: a late fragment's options are the page's with two flags changed,
    /// and a deep copy of the selectors cost the every-page module about 1.4 KB of code.)
    pub hide: std::rc::Rc<[Selector]>,
    pub keep: std::rc::Rc<[Selector]>,
    /// Late content that came right after the reader's own click, tap or key: a box over the
    /// page (a dialog, a fixed overlay) is one they opened, a lightbox or a menu, not clutter.
    /// Everything else in it is judged as usual.
    pub opened_by_user: bool,
    /// Late content of a page whose article is still there and shown: a fragment added after
    /// the page's clean, decided without that article (see `crate::prepare_in` and
    /// `comment_section`, which judges its comments beside the article only).
    pub late: bool,
}

impl Default for DetectOptions {
    fn default() -> Self {
        DetectOptions { categories: CategorySet::default_on(), hide: Default::default(), keep: Default::default(), opened_by_user: false, late: false }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Strength {
    Medium,
    Strong,
}

/// Per-element token evidence from class, id and a few attributes.
#[derive(Clone, Copy, Default)]
struct Tokens {
    ads: u8,
    ad_context: u8,
    sponsored: u8,
    related: u8,
    comments: u8,
    social: u8,
    newsletter: u8,
    overlay: u8,
    cookie: u8,
    content: u8,
    /// Content words before a related-reading word in one name ("msm_article_related"): the
    /// box's context outside the article, not what it is (see `tokens_of`).
    context: u8,
    related_plugin: u8,
    /// "recent" or "latest" followed by "posts", "entries", "articles" or "stories" in one
    /// name, or "recentposts" and "latestposts" as one word (WordPress's
    /// "widget_recent_entries", "latest-posts"): a list of the site's newest posts, related
    /// reading when it is a list of links beside an article.
    recent: u8,
    /// Vendor and plugin names (sharedaddy, disqus, mc4wp…): unambiguous, so a content word
    /// elsewhere on the element ("like-post-wrapper") does not outweigh them.
    vendor: u8,
}

/// Attributes whose words name a block as well as its class and id do: sites with hashed class
/// names (CSS-in-JS) keep their meaning in test ids, component names and ARIA labels.
const NAMING_ATTRS: &[&str] = &["class", "id", "aria-label", "data-testid", "data-test-id", "data-component", "data-module", "data-type", "data-block", "data-widget", "data-qa"];

const COOKIE_NEEDLES: crate::chars::Needles = crate::chars::Needles::new(COOKIE_PHRASES);

fn tokens_of(doc: &Document, id: NodeId) -> Tokens {
    let mut t = Tokens::default();
    for value in doc.attrs(id).filter(|(n, _)| NAMING_ATTRS.contains(n)).map(|(_, v)| v) {
        if value.is_empty() || value.len() > 400 {
            continue;
        }
        // "has-ads", "with-ads", "no-ads", "ad-free" describe a container, not an ad.
        let mut prev_modifier = false;
        // "has-related", "with-comments", "no-sharing": a block that has (or lacks) one, not one.
        let mut prev_has = false;
        let mut pending_ad = false;
        let mut prev_recent = false;
        for_each_token(value, |tok| {
            if (std::mem::replace(&mut prev_recent, matches!(tok, "recent" | "latest")) && matches!(tok, "posts" | "entries" | "articles" | "stories")) || matches!(tok, "recentposts" | "latestposts") {
                t.recent += 1;
            }
            // A word in a list with a number run on ("comments18", "related2", "adbox16") is that
            // word (a token with digits inside, "a2a" or "mc4wp", is looked up whole first). Not
            // "ad" (hex in ids and hashed names reads "AD0", "ad3"), nor a content word.
            let mut lists = patterns::token_lists(tok);
            if lists == 0 {
                let stem = tok.trim_end_matches(|c: char| c.is_ascii_digit());
                if stem.len() < tok.len() && stem != "ad" {
                    lists = patterns::token_lists(stem) & !list::CONTENT;
                }
            }
            if lists == 0 {
                // In no list (most tokens: layout and hashed class names): only ends a pending ad.
                if pending_ad {
                    t.ads += 1;
                }
                pending_ad = false;
                prev_modifier = false;
                prev_has = false;
                return false;
            }
            let has = std::mem::replace(&mut prev_has, matches!(tok, "has" | "with" | "no" | "without"));
            let hit = |bit: u16| u8::from(lists & bit != 0 && !(has && bit & (list::RELATED | list::COMMENT | list::SOCIAL | list::NEWSLETTER) != 0));
            if pending_ad && lists & list::AD_NEGATING_AFTER == 0 {
                t.ads += 1;
            }
            pending_ad = false;
            if hit(list::AD) > 0 && !prev_modifier {
                pending_ad = true;
            }
            prev_modifier = lists & list::AD_NEGATING_BEFORE != 0;
            t.ad_context += hit(list::AD_CONTEXT);
            t.sponsored += hit(list::SPONSORED);
            t.related += hit(list::RELATED);
            t.comments += hit(list::COMMENT);
            t.social += hit(list::SOCIAL);
            t.newsletter += hit(list::NEWSLETTER);
            t.overlay += hit(list::OVERLAY);
            t.cookie += hit(list::COOKIE);
            t.content += hit(list::CONTENT);
            t.related_plugin += hit(list::RELATED_PLUGIN);
            t.vendor += hit(list::VENDOR) | hit(list::RELATED_PLUGIN);
            false
        });
        if pending_ad {
            t.ads += 1;
        }
        // A compound name reads as its last part. A BEM element ("c-article__comment-link",
        // "post__share"): the block's name before the last "__" is the element's context, not
        // what it is; a content word there does not make the element the article's. And a
        // content word before a related-reading word ("msm_article_related", "article-related")
        // is counted as `context`, which the related rules set aside outside the article only
        // (inside, "article-breaking" may be the story's own). A content word right after
        // "related" is what is related ("related-post", "related_article"), not the article's
        // (after "ticker" or "breaking" it may be the article's own live updates). Not for
        // sharing, comment and sign-up words: a share bar holding a plain-text byline, a post's
        // meta line with its date and a loan calculator ("page-default-signup") went so. Words are looked up as
        // written, so in lower case; see also `content_apart`, the newsletter rule's reading of
        // words like "blog_subscription".
        if t.content > 0 {
            // (ASCII names only: `for_each_token` reads others by characters.)
            for w in crate::chars::ascii_words(value).filter(|w| w.is_ascii()) {
                let b = w.as_bytes();
                let bem = (1..b.len()).rev().find(|&k| b[k] == b'_' && b[k - 1] == b'_').map_or(0, |k| k - 1);
                let (mut n, mut pending, mut at, mut after_related) = (0u8, 0u8, 0usize, false);
                for p in b.split(|c| !c.is_ascii_alphanumeric()) {
                    let lists = std::str::from_utf8(p).map_or(0, patterns::token_lists);
                    if lists & patterns::list::CONTENT != 0 {
                        if at < bem || after_related {
                            n += 1;
                        } else {
                            pending += 1;
                        }
                    } else if lists & patterns::list::RELATED != 0 {
                        t.context = t.context.saturating_add(std::mem::take(&mut pending));
                    }
                    after_related = p == b"related";
                    at += p.len() + 1;
                }
                t.content = t.content.saturating_sub(n);
            }
        }
    }
    t
}

/// Is the element's text, in letters and digits, part of its id: "share-your-results",
/// "h-share-your-results" or "share-your-results-2" of "Share your results", "Social_media" of
/// "Social media"? (Also true for no id over text without ASCII letters or digits.)
fn id_of_text(doc: &Document, i: NodeId) -> bool {
    let letters = |s: &str, out: &mut Vec<u8>| out.extend(s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b | 32));
    let (mut id, mut text) = (Vec::new(), Vec::new());
    letters(doc.id_attr(i), &mut id);
    for d in doc.descendants(i) {
        letters(doc.data(d), &mut text);
    }
    if text.is_empty() {
        return id.is_empty();
    }
    id.windows(text.len()).any(|w| w == text)
}

/// Markup that is an ad whatever its surroundings.
fn ad_markup(doc: &Document, id: NodeId) -> bool {
    let tag = doc.tag(id);
    if tag == Tag::Ins && doc.has_class(id, "adsbygoogle") {
        return true;
    }
    let el_id = doc.id_attr(id);
    if el_id.starts_with("div-gpt-ad") || el_id.starts_with("google_ads_iframe") || el_id.starts_with("gpt-ad") || el_id.starts_with("dfp-ad") {
        return true;
    }
    for (name, _) in doc.attrs(id) {
        if matches!(name, "data-ad-slot" | "data-ad-client" | "data-ad-unit" | "data-google-query-id" | "data-ad-unit-path" | "data-adunit" | "data-dfp" | "data-ad-placement" | "data-freestar-ad" | "data-ad-format")
        {
            return true;
        }
    }
    if matches!(tag, Tag::Iframe | Tag::Script | Tag::Img) {
        if let Some(host) = doc.attr(id, "src").and_then(url_host) {
            if host_in(host, AD_HOSTS) {
                return true;
            }
        }
        if tag == Tag::Iframe && doc.attr(id, "name").is_some_and(|n| n.starts_with("google_ads_iframe")) {
            return true;
        }
    }
    false
}

/// Markup of a sponsored-content feed vendor.
fn sponsored_markup(doc: &Document, id: NodeId) -> bool {
    let el_id = doc.id_attr(id);
    if el_id.starts_with("taboola") || el_id.starts_with("outbrain") || el_id.starts_with("trc_") {
        return true;
    }
    const VENDOR_CLASSES: crate::chars::Needles = crate::chars::Needles::new(&["OUTBRAIN", "trc_related_container", "taboola"]);
    if VENDOR_CLASSES.found_in(doc.class(id)) {
        return true;
    }
    doc.has_attr(id, "data-widget-id") && doc.attr(id, "data-src").is_some_and(|s| has(s, "outbrain"))
}

/// The label of an element when its visible text is short (a label or heading), else None.
fn short_label(doc: &Document, an: &Analysis, id: NodeId, max: u32) -> Option<String> {
    let s = an.get(id);
    if s.text == 0 || s.text > max {
        return None;
    }
    Some(label_of(doc, id))
}

/// Elements that can carry a label or a heading: headings and short text-only elements.
fn is_label_like(doc: &Document, an: &Analysis, id: NodeId) -> bool {
    let tag = doc.tag(id);
    if tag.is_heading() {
        return true;
    }
    if matches!(tag, Tag::Ul | Tag::Ol | Tag::Table | Tag::Tr | Tag::Tbody | Tag::Form | Tag::Select | Tag::Html | Tag::Body) {
        return false;
    }
    let s = an.get(id);
    // All its text sits in one run of inline content: no block children that carry text.
    s.text > 0 && s.text <= 60 && !doc.children(id).any(|c| doc.is_element(c) && doc.tag(c).is_block() && an.get(c).text > 0)
}

/// A word of a sentence ("tap <strong>Share</strong> in the top right"): an inline element
/// with text before and after it in its line (sibling texts up to the nearest block, anything
/// but white space; for the core's size a separator, "Share | Print", counts too). A count
/// before a label, "18 Comments", or a title after one, "Up Next: …", is not a sentence.
#[inline(never)]
fn in_running_text(doc: &Document, id: NodeId) -> bool {
    let (mut c, mut seen) = (id, 0);
    while let Some(p) = doc.parent(c).filter(|_| !doc.tag(c).is_block()) {
        for x in doc.children(p) {
            if doc.has_words(x) {
                seen |= 1 << (x > c) as u8;
            }
        }
        c = p;
    }
    seen == 3
}

/// In a cell of a table of the article (not of a layout table around it): a cell reading
/// "Recommended" or "Comments" is the table's, not a label over a block.
#[inline(never)]
fn in_data_cell(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let mut cell = false;
    for a in std::iter::once(i).chain(doc.ancestors(i)) {
        match doc.tag(a) {
            Tag::Td | Tag::Th => cell = true,
            Tag::Table => return cell && ctx.in_article(a),
            _ => {}
        }
    }
    false
}

/// Facts about the page the rules keep consulting.
struct Ctx<'a> {
    doc: &'a Document,
    an: &'a Analysis,
    /// The located article, if any.
    root: Option<NodeId>,
    /// The document is a fragment added inside the page's article.
    inside: bool,
    /// Prose text in the article (0 without one).
    root_prose: u32,
    social_links: Vec<u32>,
    /// Deciding for the page shown in place (not for the reader's extraction).
    in_place: bool,
    /// See [`DetectOptions::opened_by_user`].
    opened_by_user: bool,
    /// See [`DetectOptions::late`].
    late: bool,
    /// The page's addresses: its own and the one it states (see [`stated_address`]).
    pages: [Option<&'a str>; 2],
}

impl Ctx<'_> {
    fn stats(&self, id: NodeId) -> &Stats {
        self.an.get(id)
    }
    /// Inside (or equal to) the article.
    fn in_article(&self, id: NodeId) -> bool {
        self.inside || self.root.is_some_and(|r| self.doc.contains(r, id))
    }
    /// The article, its ancestors, and the page's frame can never be hidden.
    fn untouchable(&self, id: NodeId) -> bool {
        let doc = self.doc;
        if id == 0 || !doc.is_element(id) || matches!(doc.tag(id), Tag::Html | Tag::Body | Tag::Head | Tag::Main) {
            return true;
        }
        if doc.ancestors(id).any(|a| doc.is_element(a) && doc.tag(a) == Tag::Head) {
            return true;
        }
        self.root.is_some_and(|r| doc.contains(id, r))
    }
    /// Holds article material that must never be hidden: prose paragraphs, data tables, code,
    /// math, captions, quotes.
    fn holds_article_material(&self, id: NodeId) -> bool {
        let s = self.stats(id);
        if s.paras == 0 && s.media == 0 && s.text == 0 {
            return false;
        }
        let doc = self.doc;
        doc.descendants(id).chain(std::iter::once(id)).any(|d| {
            doc.is_element(d)
                && !self.an.invisible[d as usize]
                && match doc.tag(d) {
                    Tag::Pre | Tag::Math | Tag::Figcaption | Tag::Blockquote | Tag::H1 => self.stats(d).text > 0,
                    // (In the article a table with header cells is data, however much of it
                    // links; outside it, a news box laid out as a table may have them.)
                    Tag::Table => self.stats(d).text > 40 && (self.stats(d).link_density() < 0.5 || (self.in_article(d) && doc.descendants(d).any(|x| doc.tag(x) == Tag::Th))),
                    Tag::P | Tag::Li | Tag::Dd | Tag::Div | Tag::Section | Tag::Td => {
                        let st = self.stats(d);
                        crate::analysis::is_prose(doc, d, &Stats { paras: 0, ..*st }) && st.text >= 120
                    }
                    _ => false,
                }
        })
    }
}

/// Decides, for a whole document, which blocks to hide and what to fix.
pub fn detect(doc: &Document, an: &Analysis, root: Option<NodeId>, inside_article: bool, opts: &DetectOptions) -> Vec<Decision> {
    detect_in(doc, an, root, inside_article, opts, true)
}

/// The blocks [`detect`] hides, and the site's keep rules: no collapsed wrappers and no
/// fixes (truncation, layout, reflow), which only a page shown in place needs. The reader's
/// extraction leaves these blocks out.
pub fn detect_hidden(doc: &Document, an: &Analysis, root: Option<NodeId>, opts: &DetectOptions) -> Vec<Decision> {
    detect_in(doc, an, root, false, opts, false)
}

fn detect_in(doc: &Document, an: &Analysis, root: Option<NodeId>, inside_article: bool, opts: &DetectOptions, fixes: bool) -> Vec<Decision> {
    let n = doc.len();
    let mut social_links = vec![0u32; n];
    for i in (0..n as NodeId).rev() {
        if doc.is_element(i) && doc.tag(i) == Tag::A && doc.attr(i, "href").is_some_and(is_share_link) {
            social_links[i as usize] += 1;
        }
        if let Some(p) = doc.parent(i) {
            social_links[p as usize] += social_links[i as usize];
        }
    }
    let ctx = Ctx { doc, an, root, inside: inside_article, root_prose: root.map_or(0, |r| an.get(r).para_text), social_links, in_place: fixes, opened_by_user: opts.opened_by_user, late: opts.late, pages: [doc.url.as_deref(), stated_address(doc)] };

    // A discussion's page (a forum's thread, a Reddit or Hacker News item, a question with
    // its answers, an issue) is its comments: they are what the reader came for. By its
    // address, where every such site says so; mistaking another page for one only leaves its
    // comments shown.
    let discussion = ctx.pages.iter().flatten().any(|u| path_names(u, DISCUSSION_WORDS));

    // hidden[i] = the action and rule for blocks chosen so far.
    let mut hidden: Vec<Option<(Action, Rule)>> = vec![None; n];
    let mut keep = vec![false; n];
    let mut out = Vec::new();

    // The site's own rules first: keep wins over everything.
    // (No walk at all for a site without rules, the usual case.)
    if !opts.keep.is_empty() {
        for i in doc.elements() {
            if opts.keep.iter().any(|s| s.matches(doc, i)) {
                keep[i as usize] = true;
                out.push(Decision { node: i, action: Action::Keep, rule: Rule::SiteRule });
            }
        }
    }
    let kept_above = |i: NodeId, keep: &[bool]| keep[i as usize] || doc.ancestors(i).any(|a| keep[a as usize]) || doc.descendants(i).any(|d| keep[d as usize]);
    if !opts.hide.is_empty() {
        for i in doc.elements() {
            if opts.hide.iter().any(|s| s.matches(doc, i)) && !kept_above(i, &keep) && doc.tag(i) != Tag::Html && doc.tag(i) != Tag::Body {
                hidden[i as usize] = Some((Action::HideByRule, Rule::SiteRule));
            }
        }
    }

    let mut i: NodeId = 0;
    while (i as usize) < n {
        if !doc.is_element(i) || an.invisible[i as usize] || hidden[i as usize].is_some() {
            // Skip the subtree of an invisible or already hidden block.
            i = if doc.is_element(i) && (an.invisible[i as usize] || hidden[i as usize].is_some()) { doc.node(i).end } else { i + 1 };
            continue;
        }
        if let Some((block, cat, rule)) = judge(&ctx, i).map(|(b, c, r)| (if r == Rule::ReadAlso { b } else { widen(&ctx, b, c) }, c, r)) {
            // (Not a list of the item's own documents taken for related reading.)
            if opts.categories.contains(cat) && !(discussion && cat == Category::Comments) && !kept_above(block, &keep) && !ctx.untouchable(block) && !(cat == Category::Related && not_reading(&ctx, block)) {
                // A block found through a label may start above `i`; mark it and move on.
                hidden[block as usize] = Some((Action::Hide(cat), rule));
                let group = if rule == Rule::Heading { following_group(&ctx, block, cat) } else { Vec::new() };
                for &sib in group.iter() {
                    if !kept_above(sib, &keep) {
                        hidden[sib as usize] = Some((Action::Hide(cat), rule));
                    }
                }
                i = doc.node(block).end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }

    if !fixes {
        let mut under_hidden = 0 as NodeId;
        for i in 0..n as NodeId {
            if let Some((action, rule)) = hidden[i as usize] {
                if i >= under_hidden {
                    out.push(Decision { node: i, action, rule });
                    under_hidden = doc.node(i).end;
                }
            }
        }
        return out;
    }
    let collapsed = collapse_wrappers(&ctx, &hidden, &keep);

    // Report each chosen block once (not the ones inside another chosen block), and the
    // outermost collapsed wrappers. What is never rendered (an ad or share script the words
    // name) is chosen, so that a wrapper it leaves empty collapses, but not reported: hiding
    // it changes nothing the reader sees, and the count would overstate.
    let mut under_hidden = 0 as NodeId;
    let mut under_collapsed = 0 as NodeId;
    for i in 0..n as NodeId {
        let iu = i as usize;
        if let Some((action, rule)) = hidden[iu] {
            if i >= under_hidden {
                if !(doc.tag(i).is_non_rendered() || matches!(doc.tag(i), Tag::Meta | Tag::Link | Tag::Base)) {
                    out.push(Decision { node: i, action, rule });
                }
                under_hidden = doc.node(i).end;
            }
        }
        if collapsed[iu] && i >= under_collapsed && i >= under_hidden {
            out.push(Decision { node: i, action: Action::Collapse, rule: Rule::Empty });
            under_collapsed = doc.node(i).end;
        }
    }
    for (i, c) in collapsed.iter().enumerate() {
        if *c && hidden[i].is_none() {
            hidden[i] = Some((Action::Collapse, Rule::Empty));
        }
    }
    fix_truncation(&ctx, &hidden, &mut out);
    fix_layout(&ctx, &hidden, &mut out);
    fix_reflow(&ctx, &hidden, &mut out);
    out
}

/// Is element `i` (or a block it announces) clutter? Returns the block to hide and its category.
fn judge(ctx: &Ctx, i: NodeId) -> Option<(NodeId, Category, Rule)> {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    let inside = ctx.in_article(i);
    let tag = doc.tag(i);
    if matches!(tag, Tag::Html | Tag::Body | Tag::Head) {
        return None;
    }

    // 1. Ad markup: strong anywhere, as long as the slot holds no article material.
    if ad_markup(doc, i) && !ctx.holds_article_material(i) && s.paras == 0 {
        let cat = if doc.attr(i, "src").and_then(url_host).is_some_and(|h| host_in(h, words!["outbrain.com", "taboola.com", "revcontent.com", "mgid.com", "zergnet.com"])) {
            Category::Sponsored
        } else {
            Category::Ads
        };
        return Some((i, cat, Rule::Markup));
    }
    if sponsored_markup(doc, i) && !ctx.holds_article_material(i) {
        return Some((i, Category::Sponsored, Rule::Markup));
    }

    if let Some(hit) = newsletter_form(ctx, i) {
        return Some(hit);
    }

    // 2. Class and id words (and the names in ARIA labels and test ids).
    let t = tokens_of(doc, i);
    if let Some(hit) = dialog_verdict(ctx, i, &t) {
        return Some(hit);
    }
    // (Not for a heading, or an element right inside one, whose id holds its text: "share-
    // your-results", "h-share-your-results" of "Share your results", "Social_media" of "Social
    // media", as Markdown tools, WordPress, GOV.UK and MediaWiki make them: it says what its
    // text says. Nor for an accordion's button, which opens a panel: its name is the panel's
    // topic.)
    let heading = |h: NodeId| doc.tag(h).is_heading();
    if !(doc.has_attr(i, "aria-expanded") || ((heading(i) || doc.parent(i).is_some_and(heading)) && id_of_text(doc, i))) {
        if let Some(hit) = token_verdict(ctx, i, &t) {
            return Some(hit);
        }
    }

    // 3. Labels and headings that announce a block (a link to another page is not a label).
    if is_label_like(doc, ctx.an, i) && !(tag == Tag::A && !href_stays(doc, doc.attr(i, "href"))) && !in_running_text(doc, i) && !in_data_cell(ctx, i) {
        if let Some(label) = short_label(doc, ctx.an, i, 60) {
            // A tab names the panel it switches to (it goes with its tab bar or not at all), a
            // menu's item heads nothing, and the page's first h1 is its title; an ad label in
            // a menu or a tab bar is still one, but a menu's link named "Advertising" is not.
            // (The label may sit inside the item's one link: `li > a > div`, to a page of the site.)
            let item = |a: NodeId| menu_link(ctx, a) && ctx.stats(a).links == 1 && doc.descendants(a).any(|d| doc.tag(d) == Tag::A && doc.attr(d, "href").is_some_and(|h| same_site(&ctx.pages, h)));
            let menu_link = menu_link(ctx, i) || doc.ancestors(i).take(3).any(item);
            let heads_nothing = menu_link || is_tab(doc, i) || in_menu(doc, i) || (tag == Tag::H1 && doc.find(Tag::H1) == Some(i));
            if !label.is_empty() && (!heads_nothing || (!menu_link && label_matches(&label, AD_LABELS))) {
                if let Some(hit) = label_verdict(ctx, i, &label) {
                    return Some(hit);
                }
            }
        }
    }

    // 3b. A line of the article that points at another one: "Read also: <a>…</a>".
    if read_also_line(ctx, i) {
        return Some((i, Category::Related, Rule::ReadAlso));
    }

    // 3c. An empty box its script fills later (a "Most popular" list, a breaking-news bar).
    if let Some(hit) = shell_verdict(ctx, i, &t) {
        return Some(hit);
    }

    // 3d. Cards of other stories beside the article, with no name or heading that says so.
    if teaser_grid(ctx, i) {
        return Some((i, Category::Related, Rule::Cards));
    }

    // 4. A cluster of links to social networks with little text: a share or follow bar.
    let social = ctx.social_links[i as usize];
    if social >= 3 && s.links > 0 && social * 10 >= s.links * 7 && s.text.saturating_sub(s.link_text) < 120 && s.paras == 0 && !ctx.holds_article_material(i) && !holds_byline_beside(ctx, i, 0) {
        // Take the whole bar: climb while the parent adds nothing but more of the same.
        let more = |p: NodeId| {
            let ps = ctx.stats(p);
            ps.text.saturating_sub(ps.link_text) < 120 + s.text && ps.links <= ctx.social_links[p as usize] + 2
        };
        return Some((climb_same(ctx, i, more), Category::Social, Rule::SocialLinks));
    }

    // 5. Layout (browser only): fixed overlays and bars; an empty frame of a standard ad size.
    if let Some(hit) = overlay_verdict(ctx, i, &t) {
        return Some(hit);
    }
    if let Some(l) = doc.layout(i) {
        if matches!(tag, Tag::Iframe | Tag::Ins | Tag::Div) && s.text == 0 && is_iab_size(l) && !inside_protected_media(ctx, i) && (tag != Tag::Div || t.ads > 0 || s.iframes > 0) {
            return Some((i, Category::Ads, Rule::AdSize));
        }
    }
    let _ = inside;
    None
}

fn is_iab_size(l: &Layout) -> bool {
    IAB_SIZES.iter().any(|&(w, h)| (l.width - w as f32).abs() <= 2.0 && (l.height - h as f32).abs() <= 2.0)
}

fn inside_protected_media(ctx: &Ctx, i: NodeId) -> bool {
    ctx.doc.ancestors(i).any(|a| matches!(ctx.doc.tag(a), Tag::Figure | Tag::Video))
}

/// A menu's item: a list item that is all a link to another page.
fn menu_link(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    doc.tag(i) == Tag::Li && s.links > 0 && s.link_text >= s.text && doc.descendants(i).any(|d| doc.is_element(d) && doc.tag(d) == Tag::A && !href_stays(doc, doc.attr(d, "href")))
}

/// Anything but a heading inside a `<nav>` or a `role=navigation|menu|menubar` block. (A
/// heading there still heads its list: a sidebar's "Most read" marked up as a nav.)
fn in_menu(doc: &Document, i: NodeId) -> bool {
    let menu_role = |r: &str| crate::chars::ascii_words(r).any(|t| ["navigation", "menu", "menubar"].iter().any(|m| t.eq_ignore_ascii_case(m)));
    !doc.tag(i).is_heading() && std::iter::once(i).chain(doc.ancestors(i)).any(|a| doc.is_element(a) && (doc.tag(a) == Tag::Nav || doc.attr(a, "role").is_some_and(menu_role)))
}

/// A tab of a tab bar (`role=tab`, or the item holding one): a control, not a heading.
fn is_tab(doc: &Document, i: NodeId) -> bool {
    std::iter::once(i).chain(doc.descendants(i)).any(|d| doc.is_element(d) && doc.attr(d, "role") == Some("tab"))
}

/// "Read also: <a>Another story</a>", "Lea también: …", "Mehr zum Thema: …": a short line, a
/// label that announces more reading, a colon, then (nearly) nothing but a link to another page
/// of the same site (a link elsewhere is a source, a product, a primary document: content).
/// Not a title (h1, or a link to the page itself), nor a line of a caption, quote or table.
fn read_also_line(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    let tag = doc.tag(i);
    let line = match tag {
        Tag::P | Tag::Li | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => true,
        // A div only as a line of text: nothing but inline elements in it (not a player's box).
        Tag::Div => doc.children(i).all(|c| !doc.is_element(c) || matches!(doc.tag(c), Tag::A | Tag::Span | Tag::Strong | Tag::B | Tag::Em | Tag::I | Tag::Small | Tag::Br)),
        _ => false,
    };
    if !line || s.text == 0 || s.text > 250 || s.links == 0 || s.links > 2 || s.images + s.iframes + s.media + s.controls > 0 {
        return false;
    }
    // Cheap first: most short lines with a link have no colon at all.
    let mut colon = false;
    doc.for_text(i, |t| colon |= t.contains(':'));
    // (A note of the article's own, such as an encyclopedia's "See also: …" hatnote, stays.)
    if !colon || doc.attr(i, "role").is_some_and(|r| r.eq_ignore_ascii_case("note")) {
        return false;
    }
    if doc.ancestors(i).any(|a| doc.is_element(a) && matches!(doc.tag(a), Tag::Figcaption | Tag::Blockquote | Tag::Table | Tag::Figure)) {
        return false;
    }
    let text = doc.text_content(i);
    let text = text.trim_start();
    let Some(colon) = text.char_indices().take(40).find(|&(_, c)| c == ':').map(|(k, _)| k) else { return false };
    let label = normalize_label(text.get(..colon).unwrap_or(""));
    if label.is_empty() || !READ_ALSO_LABELS.contains(&label) {
        return false;
    }
    // After the label, the link's title (a word or two around it at most).
    let rest = crate::chars::count(text.get(colon + 1..).unwrap_or("").trim()) as u32;
    let mut linked = 0;
    for d in doc.descendants(i).filter(|&d| doc.is_element(d) && doc.tag(d) == Tag::A) {
        let href = doc.attr(d, "href");
        if href_stays(doc, href) {
            continue;
        }
        let href = href.unwrap_or("").trim();
        let own = ctx.pages.iter().flatten().any(|u| u.split('#').next() == href.split('#').next());
        if own || !same_site(&ctx.pages, href) || doc.attr(d, "rel").is_some_and(|r| crate::chars::ascii_words(r).any(|t| t.eq_ignore_ascii_case("bookmark"))) {
            return false;
        }
        linked += ctx.stats(d).text;
    }
    rest >= 10 && linked * 10 >= rest * 8
}

/// Does `href` point into the page's own site: a relative link, or a host of the same site
/// (`site_of`: "money.cnn.com" on "www.cnn.com") as one of the page's addresses (its own, and
/// the one it states, see [`stated_address`])? Without either, only a relative link does.
fn same_site(pages: &[Option<&str>], href: &str) -> bool {
    let Some(host) = url_host(href) else {
        // No host: relative, unless it names another scheme (mailto:, tel:, data:).
        let b = href.as_bytes();
        return match b.iter().position(|&c| c == b':') {
            None => true,
            Some(c) => b[..c].iter().any(|&x| matches!(x, b'/' | b'?' | b'#')),
        };
    };
    let site = site_of(host);
    pages.iter().any(|u| u.and_then(url_host).is_some_and(|page| site_of(page).eq_ignore_ascii_case(site)))
}

/// The address the page states as its own (the href of its `<link rel=canonical>`, before the
/// body) when its own address does not name its site: none, a file, or a local server (a
/// saved copy). A page on its site keeps to its own address (a syndicated story's canonical
/// link names the agency, whose links are still another site's).
fn stated_address(doc: &Document) -> Option<&str> {
    if names_a_site(doc.url.as_deref()) {
        return None;
    }
    let canonical = |e: NodeId| doc.tag(e) == Tag::Link && doc.attr(e, "rel").is_some_and(|r| crate::chars::ascii_words(r).any(|t| t.eq_ignore_ascii_case("canonical")));
    doc.elements().take_while(|&e| doc.tag(e) != Tag::Body).find(|&e| canonical(e)).and_then(|e| doc.attr(e, "href"))
}

/// The registrable part of a host, by bytes: its last two labels ("cnn.com" of
/// "money.cnn.com"), three under a country's second level ("bbc.co.uk", "abc.net.au",
/// "asahi.co.jp": a short generic label before a two-letter country code; rarer ones such as
/// me.uk are taken as two), and an IP address whole.
fn ip_address(host: &[u8]) -> bool {
    host.first() == Some(&b'[') || host.iter().all(|&c| c == b'.' || c.is_ascii_digit())
}

fn site_of(host: &str) -> &[u8] {
    let b = host.trim_end_matches('.').as_bytes();
    if ip_address(b) {
        return b;
    }
    // Where each of the last three labels starts.
    let mut starts = [0usize; 3];
    let mut found = 0;
    for k in (0..b.len()).rev() {
        if b[k] == b'.' {
            starts[found] = k + 1;
            found += 1;
            if found == 3 {
                break;
            }
        }
    }
    if found < 2 {
        return b;
    }
    // The label before the last (without its dot), and the last.
    let (second, tld) = (&b[starts[1]..starts[0] - 1], &b[starts[0]..]);
    let country_second = tld.len() == 2 && [&b"co"[..], b"com", b"net", b"org", b"gov", b"gob", b"edu", b"ac", b"or", b"ne", b"go", b"mil", b"nic"].iter().any(|l| l.eq_ignore_ascii_case(second));
    match (country_second, found) {
        (false, _) => &b[starts[1]..],
        (true, 3) => &b[starts[2]..],
        (true, _) => b,
    }
}

/// Climbs from `i` while `more` holds for the parent and the parent may be hidden.
fn climb_same(ctx: &Ctx, i: NodeId, more: impl Fn(NodeId) -> bool) -> NodeId {
    let mut b = i;
    while let Some(p) = ctx.doc.parent(b) {
        if ctx.untouchable(p) || !more(p) || ctx.holds_article_material(p) || holds_nav_elements(ctx, p) || holds_byline_beside(ctx, p, b) {
            break;
        }
        b = p;
    }
    b
}

/// Does a content word name the element on its own, not only inside a word that says
/// newsletter or subscribe ("blog_subscription", "subscribe-blog", "newsletter-content": a
/// sign-up box and its parts)? ("signup" alone says less: "page-default-signup" is a loan
/// calculator's form.)
#[inline(never)]
fn content_apart(doc: &Document, i: NodeId) -> bool {
    let newsletter = words!["newsletter", "newsletters", "subscribe", "subscription"];
    doc.attrs(i).filter(|(n, _)| NAMING_ATTRS.contains(n)).any(|(_, v)| crate::chars::ascii_words(v).any(|w| has_word(w, CONTENT_TOKENS) && !has_word(w, newsletter)))
}

/// Does a class or id value hold one of `words` as a whole word (one tokenizer for every list)?
#[inline(never)]
fn has_word(value: &str, words: Words) -> bool {
    for_each_token(value, |t| words.contains(t))
}

/// The article's byline or dateline: named so (`byline`, `dateline`), or marked up as its
/// author or date (`rel=author`, `itemprop` author, creator or datePublished, `<time>`,
/// `<address>`). A share bar often sits beside them in one wrapper; they are not its part.
fn is_byline(ctx: &Ctx, id: NodeId) -> bool {
    let doc = ctx.doc;
    if matches!(doc.tag(id), Tag::Time | Tag::Address) {
        return true;
    }
    // A share bar named for where it sits ("byline-share") is a share bar.
    if ctx.social_links.get(id as usize).is_some_and(|&n| n >= 2) {
        return false;
    }
    doc.attrs(id).any(|(name, value)| match name {
        "rel" => crate::chars::ascii_words(value).any(|v| v.eq_ignore_ascii_case("author")),
        "itemprop" => crate::chars::ascii_words(value).any(|v| matches!(v, "author" | "creator" | "datePublished")),
        // A date marked up for a script ("<div class=date data-datetime=…>24 July 2015</div>").
        "data-datetime" => true,
        // (An author's name or box, not a widget to follow them: "FollowAuthor", "author-social".)
        "class" | "id" => value.len() <= 400 && (has_word(value, words!["byline", "dateline"]) || (has_word(value, words!["author"]) && !has_word(value, SOCIAL_TOKENS))),
        _ => false,
    })
}

/// Does `p` hold a byline or dateline outside its descendant `b` (anywhere, for `b` = 0)?
#[inline(never)]
fn holds_byline_beside(ctx: &Ctx, p: NodeId, b: NodeId) -> bool {
    let doc = ctx.doc;
    let inner = if b == 0 { 0..0 } else { b..doc.descendants(b).end };
    std::iter::once(p).chain(doc.descendants(p)).any(|d| !inner.contains(&d) && doc.is_element(d) && is_byline(ctx, d))
}

/// Verdict from class/id words.
fn token_verdict(ctx: &Ctx, i: NodeId, t: &Tokens) -> Option<(NodeId, Category, Rule)> {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    let inside = ctx.in_article(i);
    let material = || ctx.holds_article_material(i);
    let prose_free = s.paras == 0;

    // Content words next to clutter words ("post-content-ad") make the clutter reading weak.
    if t.ads > 0 && ((t.content == 0 || t.vendor > 0) || t.ad_context > 0) {
        let strength = if t.ad_context > 0 || t.ads > 1 { Strength::Strong } else { Strength::Medium };
        let small = s.text.saturating_sub(s.link_text) <= 200 || s.link_density() > 0.6;
        if small && prose_free && !material() && (strength == Strength::Strong || !inside || s.text < 40) {
            return Some((i, Category::Ads, Rule::Words));
        }
    }
    if t.sponsored > 0 && (t.content == 0 || t.vendor > 0) && !material() && (s.link_density() > 0.4 || s.text < 40) && (!inside || t.sponsored > 1 || s.links >= 2) {
        return Some((i, Category::Sponsored, Rule::Words));
    }
    // Comment sections: judged by their own name; they hold prose, but never the article's.
    // (A menu's item or a link that leads to another page, not to a thread on one, is the
    // site's navigation: a law site's "Kommentare" are its commentaries. A thread's address
    // has a fragment and a comment word, `/post#comments`, `#disqus_thread`; for the core's
    // size the word may sit anywhere in it, so "/kommentare/#top" counts as one.)
    let nav_item = || {
        let to_thread = std::iter::once(i).chain(doc.descendants(i)).any(|d| doc.tag(d) == Tag::A && doc.attr(d, "href").is_some_and(|h| h.as_bytes().contains(&b'#') && has_word(h, COMMENT_TOKENS)));
        (menu_link(ctx, i) || (doc.tag(i) == Tag::A && !href_stays(doc, doc.attr(i, "href")))) && !to_thread
    };
    if t.comments > 0 && (t.content == 0 || t.vendor > 0) && comment_section(ctx, i) && !nav_item() {
        return Some((i, Category::Comments, Rule::Words));
    }
    // (Outside the article a content word before the related word is the box's context.)
    let plain_related = t.content <= if inside { 0 } else { t.context } || t.vendor > 0;
    // (A list of the newest posts is related reading beside an article; on a page without
    // one, or one whose "article" is a featured excerpt, or inside it, it may be what the page
    // is: a blog's front page, a category's listing, WordPress's Latest Posts block.)
    // Inside it, also one related story promoted between the article's paragraphs (a card: a
    // picture, an eyebrow and a title, all one link to another page of the site, not a file),
    // not a part of a larger card (a related list's title line). Only for a block named
    // "related" itself (or for a related-posts plugin): inside the article, "popular-picks",
    // "similar-species", "recommended-reading", "suggested-itinerary", a "ticker" or
    // "breaking-news" box of live updates may be the article's own section.
    let plainly = t.related_plugin > 0 || [doc.class(i), doc.id_attr(i)].iter().any(|v| v.as_bytes().windows(7).any(|w| w.eq_ignore_ascii_case(b"related")));
    let promo = || {
        inside && plainly && s.links == 1 && s.text <= 200 && s.link_density() >= 0.8 && matches!(doc.tag(i), Tag::Div | Tag::Aside | Tag::Section) && doc.parent(i).is_some_and(|p| ctx.stats(p).paras > 0)
            && doc.descendants(i).find(|&d| doc.tag(d) == Tag::A).and_then(|a| doc.attr(a, "href")).is_some_and(|h| site_page(&ctx.pages, h))
    };
    if (t.related > 0 || (t.recent > 0 && !inside && ctx.root_prose > 800)) && plain_related && prose_free && !material() && (s.links >= 2 || promo()) && s.link_density() >= if inside { 0.5 } else { 0.35 } && !holds_nav_elements(ctx, i) {
        return Some((i, Category::Related, Rule::Words));
    }
    // Teaser cards (a linked title, a picture, an excerpt) named as related reading: their
    // excerpts are prose, so they are judged by their shape instead.
    if t.related > 0 && plain_related && teaser_list(ctx, i, plainly) {
        return Some((i, Category::Related, Rule::Words));
    }
    // Plugin names that mean "related posts" and nothing else: cards with excerpts and dates
    // have little link text, so they are judged by their shape instead (several linked items).
    if t.related_plugin > 0 && !material() && s.paras <= 4 && s.links >= 2 && !holds_nav_elements(ctx, i) && (!inside || s.link_density() > 0.2) {
        return Some((i, Category::Related, Rule::Words));
    }
    // The same plugin's shell before its script fills it (Jetpack's "Related" heading over
    // an empty list): a short label, no link, picture or paragraph.
    if t.related_plugin > 0 && s.links == 0 && s.images == 0 && prose_free && s.text < 60 && matches!(doc.tag(i), Tag::Div | Tag::Section | Tag::Aside) && !material() && doc.descendants(i).any(|d| doc.tag(d).is_heading()) {
        return Some((i, Category::Related, Rule::Words));
    }
    // (A picture of the article that can be shared is still the article's picture.)
    if t.social > 0 && (t.content == 0 || t.vendor > 0) && prose_free && !material() && s.text.saturating_sub(s.link_text) < 150 && (s.links + s.controls > 0 || s.images > 0 || s.text < 40) && (!inside || ctx.social_links[i as usize] > 0 || s.text < 60) && !(inside && holds_figure(doc, i)) && !holds_byline_beside(ctx, i, 0) {
        return Some((i, Category::Social, Rule::Words));
    }
    // (A sign-up form's one paragraph is its pitch, even when it reads as prose; for the page
    // in place, with an email field, up to three: a pitch, a legal note and a title line. In
    // the article, a block that is all link, "Get our daily edition by email", is a promo too;
    // not a link inside a sentence. The reader leaves such boxes to Readability's cleaning, as
    // below: taking one whole changed which attempt stood, and its byline.)
    let signs_up = s.email_inputs > 0 || s.controls > 0;
    if t.newsletter > 0 && (t.content == 0 || t.vendor > 0 || (signs_up && !content_apart(doc, i))) && (!material() || (s.email_inputs > 0 && (ctx.in_place || s.text < 400)) || (s.text < 400 && !inside && !holds_protected_media(ctx, i) && !doc.descendants(i).any(|d| doc.tag(d) == Tag::H1))) && s.paras <= 1 + 2 * (ctx.in_place && s.email_inputs > 0) as u32 && s.text < 600 && (s.email_inputs > 0 || s.controls > 0 || !inside || (s.link_density() >= 0.8 && s.text < 200 && doc.tag(i).is_block())) && !account_link(ctx, i) && !in_cookie_notice(ctx, i, t) {
        return Some((i, Category::Newsletter, Rule::Words));
    }
    // Outside the article a sign-up box may explain itself in a paragraph or three: named for a
    // newsletter, with a form's fields or buttons, a small fraction of the article's prose. (For
    // the page in place: the reader leaves forms to Readability's own cleaning, and taking such
    // a box whole there changes which of Readability's attempts stands, and so its byline.)
    if ctx.in_place && t.newsletter > 0 && (t.content == 0 || t.vendor > 0 || !content_apart(doc, i)) && signup_box(ctx, i) && !in_cookie_notice(ctx, i, t) {
        return Some((i, Category::Newsletter, Rule::Words));
    }
    // Consent banners explain themselves at length: their prose is not the article's. Named for
    // cookies, saying so, with buttons, outside the article.
    if t.cookie > 0 && !inside && s.paras <= 3 && s.text < 2500 && (s.controls > 0 || s.links > 0) && !holds_protected_media(ctx, i) {
        let text = label_of(doc, i);
        if COOKIE_NEEDLES.found_in(&text) || has(&text, "cookie") {
            return Some((i, Category::Cookies, Rule::Words));
        }
    }
    None
}

/// An empty box its script fills later (no text, link, picture, field or embed yet), named for
/// related reading, comments or a newsletter outside the article, or for a related-posts
/// plugin: hidden before it fills, it never shows. (A comment thread that arrives later in a
/// box not hidden so is judged without the page's article, and `comment_section` wants one.)
fn shell_verdict(ctx: &Ctx, i: NodeId, t: &Tokens) -> Option<(NodeId, Category, Rule)> {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    let plain = t.content == 0 || t.vendor > 0;
    let named = t.related_plugin > 0 || ((t.related > 0 || t.comments > 0 || t.newsletter > 0) && plain);
    if !named || ctx.root.is_none() || ctx.in_article(i) || s.text > 0 || s.links > 0 || s.images > 0 || s.controls > 0 || s.iframes > 0 || s.media > 0 || !matches!(doc.tag(i), Tag::Div | Tag::Section | Tag::Aside) || ctx.holds_article_material(i) {
        return None;
    }
    // Not a box an ad's markup inside names better; nor one a field
    // fills as the reader types (a search box's suggestions), nor one in a form or a link (a
    // check a script draws there, "verifyHuman_Recommendation"; a card's part), nor a video
    // player's part ("Up next" over the player), nor an icon, a button or a float's clearing
    // its stylesheet draws ("icon panel-icon-subscribe" in a drawing of a browser's menu,
    // "visualClear#clear-space-before-relatedItem"). (A sponsored feed's box goes as related.)
    if doc.descendants(i).any(|d| doc.is_element(d) && ad_markup(doc, d))
        || named_with(doc, i, NOT_SHELLS)
        || std::iter::once(i).chain(doc.ancestors(i)).any(|a| doc.is_element(a) && (matches!(doc.tag(a), Tag::A | Tag::Form) || named_with(doc, a, PLAYER)))
    {
        return None;
    }
    Some((i, if t.related_plugin > 0 || t.related > 0 { Category::Related } else if t.comments > 0 { Category::Comments } else { Category::Newsletter }, Rule::Words))
}

/// Words of a name that say a field fills the box as the reader types, or that the box is
/// drawn by its stylesheet or a script (an icon, a button, a float's clearing, a spacer, a chart
/// or a map).
const NOT_SHELLS: Words = words![
    "search", "suggest", "suggestions", "autosuggest", "autocomplete", "typeahead", "icon", "btn", "button", "clear", "spacer",
    "chart", "graph", "map",
];
/// Words of a name that say a video player.
const PLAYER: Words = words!["player", "video"];

/// Does `i`'s class or id hold one of `words`?
#[inline(never)]
fn named_with(doc: &Document, i: NodeId, words: Words) -> bool {
    has_word(doc.class(i), words) || has_word(doc.id_attr(i), words)
}

/// Part of a cookie notice (`i` by its tokens `t`, or an ancestor below the body whose class or id says
/// "cookie", "consent", "cmplz" or "gdpr"): its "opt-in" message and checkboxes are the
/// notice's, not a newsletter's, and go (or stay) with it. (A body class such as
/// "cookies-not-set" says nothing about its blocks.)
#[inline(never)]
fn in_cookie_notice(ctx: &Ctx, i: NodeId, t: &Tokens) -> bool {
    let doc = ctx.doc;
    // (An ancestor by its plain words: short cookie tokens such as "cmp" also name components,
    // `cmp-container` wraps whole pages.)
    let plain = |v: &str| has(v, "ookie") || has(v, "onsent") || has(v, "cmplz") || has(v, "gdpr");
    t.cookie > 0
        || doc.ancestors(i).any(|a| doc.is_element(a) && !matches!(doc.tag(a), Tag::Body | Tag::Html) && (plain(doc.class(a)) || plain(doc.id_attr(a))))
}

/// A link to the reader's account (log in or out, sign in, my account, register): the site's
/// controls, whatever the menu item is named ("log-in-button subscribe-now"), not a sign-up
/// box. By its label, or every link of it leading to such a page.
fn account_link(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    if s.links == 0 || s.links > 2 || s.text > 40 || s.controls > 0 || s.images > 0 {
        return false;
    }
    if ACCOUNT_LABELS.contains(&label_of(doc, i)) {
        return true;
    }
    // Its links (the element itself when it is one): node ids number a subtree in a run.
    (i..doc.node(i).end).filter(|&d| doc.is_element(d) && doc.tag(d) == Tag::A).all(|a| doc.attr(a, "href").is_some_and(|h| path_names(h, ACCOUNT_WORDS)))
}

/// Does a segment of the link's path (not its host, query or fragment) name one of `words`:
/// an account page, "login", "log-in", "sign_in", "signIn", "logout", "account",
/// "my-accounts"...?
fn path_names(href: &str, words: Words) -> bool {
    let b = href.trim().as_bytes();
    // After "scheme://host" or "//host", the path starts at the next slash.
    let from = match b.windows(2).position(|w| w == b"//") {
        Some(k) => b[k + 2..].iter().position(|&c| c == b'/').map_or(b.len(), |j| k + 2 + j),
        None => 0,
    };
    let end = b.iter().position(|&c| c == b'?' || c == b'#').unwrap_or(b.len()).max(from);
    b[from..end].split(|&c| c == b'/').any(|seg| {
        // Lower case, without '-' and '_'; "my" and a plural 's' dropped.
        let mut w = [0u8; 12];
        let mut n = 0;
        for &c in seg {
            if c != b'-' && c != b'_' {
                if n == w.len() {
                    return false;
                }
                w[n] = c.to_ascii_lowercase();
                n += 1;
            }
        }
        let w = &w[..n];
        let w = w.strip_prefix(b"my").unwrap_or(w);
        let w = w.strip_suffix(b"s").unwrap_or(w);
        words.iter().any(|a| a.as_bytes() == w)
    })
}

/// A list of teasers: several links, each with at most an excerpt (no paragraph longer than an
/// excerpt, 800 characters in a card outside the article, 450 elsewhere; little text per
/// link), far less prose than the article (or, outside it, every paragraph a card's), and none
/// of the article's
/// other material (tables, code, math, quotes, captions). Inside the article only cards that
/// are links through and through (the excerpt inside the link, 80 % of the text linked): the
/// article's own prose does not sit inside links. With `named` (the block's own class or id
/// says "related", or names a related-posts plugin), also inside it cards whose excerpt stands
/// beside the link: every paragraph a card's (see `in_card`) and at most 450 characters, two
/// links per paragraph or more, to the site's pages.
fn teaser_list(ctx: &Ctx, i: NodeId, named: bool) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    let inside = ctx.in_article(i);
    // Inside the article with excerpts beside the links: only as cards (see above).
    let carded = inside && s.link_density() < 0.8;
    if ctx.root.is_none() || ctx.untouchable(i) || s.links < 2 || (carded && !(named && s.paras >= 2 && s.links >= 2 * s.paras)) {
        return false;
    }
    let own = s.text.saturating_sub(s.link_text);
    if own > 400 * s.links || s.para_text > 300 * s.links {
        return false;
    }
    // The article's material (a caption, a quote, a table…) unless it sits inside a card's link
    // (a picture credit in a linked card is the card's).
    let in_link = |d: NodeId| doc.ancestors(d).take_while(|&a| a != i).any(|a| doc.is_element(a) && doc.tag(a) == Tag::A);
    let material = s.media > 0
        && doc.descendants(i).any(|d| doc.is_element(d) && matches!(doc.tag(d), Tag::Table | Tag::Pre | Tag::Math | Tag::Figcaption | Tag::Blockquote | Tag::H1) && ctx.stats(d).text > 0 && !in_link(d));
    if material || holds_nav_elements(ctx, i) {
        return false;
    }
    // Its paragraphs are excerpts: none longer than one, none citing more than one page (prose
    // that links as it goes is an essay's, a teaser's link is its title). Outside the article,
    // a paragraph in a card (see `in_card`) may run longer and carry a byline's links. A list
    // with more than half the article's prose (a short post's) is one only when every
    // paragraph of it is a card's, outside the article.
    // (Such a list leads to other pages of the site, two links in three at least: not a
    // round-up of products or a ticker whose entries link elsewhere or within the page.)
    let outweighs = s.para_text > 300 && s.para_text * 2 > ctx.root_prose;
    let site_links = || {
        let hrefs = (i..doc.node(i).end).filter(|&d| doc.is_element(d) && doc.tag(d) == Tag::A).filter_map(|a| doc.attr(a, "href"));
        let (mut all, mut site) = (0, 0);
        for h in hrefs {
            all += 1;
            site += u32::from(!h.starts_with('#') && same_site(&ctx.pages, h));
        }
        site >= 2 && site * 3 >= all * 2
    };
    if (outweighs && (inside || !site_links())) || (carded && !site_links()) {
        return false;
    }
    s.paras == 0
        || !doc.descendants(i).any(|d| {
            let ds = ctx.stats(d);
            let card = || (!inside || carded) && ds.para_text <= if carded { 450 } else { 800 } && in_card(ctx, i, d);
            doc.is_element(d) && ds.paras == 1 && !ctx.an.invisible[d as usize] && (outweighs || carded || ((ds.para_text > 450 || ds.links > 1) && crate::analysis::is_prose(doc, d, &Stats { paras: 0, ..*ds }))) && !card()
        })
}

/// A grid of story cards outside the article ("More from the section", a sidebar's feed):
/// three or more alike children, each one story (a picture or a heading, 25 characters or more
/// of linked title leading to another page of the site, at most a short excerpt; an item, a
/// box or a link, not a table's row), and at most one child of another kind (a "More" link).
/// Only beside an article of some length, and with less text than it (a category page's
/// listing found beside an introduction that reads as an article is the page); not a grid
/// with form controls (a shop's products), nor one with a card that leads to the page itself
/// or below it (see [`own_part`]). (A heading over the grid goes with it when nothing else is
/// left beside it: see [`collapse_wrappers`].)
fn teaser_grid(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    if ctx.in_article(i) || ctx.root_prose <= 800 || s.text > ctx.root_prose || s.links < 3 || s.controls > 0 {
        return false;
    }
    // One pass over the children, each card compared with the card before it (not with every
    // sibling: a list of thousands of items stays linear), the subtree walks last.
    let (mut cards, mut others, mut prev) = (0u32, 0u32, None);
    for c in doc.children(i).filter(|&c| doc.is_element(c)) {
        let cs = ctx.stats(c);
        let link = (matches!(doc.tag(c), Tag::Li | Tag::Div | Tag::Article | Tag::Section | Tag::A)
            && (1..=3).contains(&cs.links)
            && cs.link_text >= 25
            && cs.text.saturating_sub(cs.link_text) <= 300
            && cs.paras <= 1)
            .then(|| std::iter::once(c).chain(doc.descendants(c)).find(|&d| doc.tag(d) == Tag::A))
            .flatten();
        let href = link.and_then(|a| doc.attr(a, "href"));
        // A card that is the page itself or one of its parts (its gallery's photos, its other
        // pages, a series' current part, a live blog's entries, a section's own pages): the
        // page's own navigation, not other stories.
        if href.is_some_and(|h| own_part(&ctx.pages, h)) {
            return false;
        }
        let story = href.is_some_and(|h| site_page(&ctx.pages, h))
            // Alike cards share a class (not all of them: a blog's cards carry their post's,
            // category's or tag's own, `post-12 category-news tag-garden`).
            && prev.is_none_or(|f: NodeId| {
                doc.tag(f) == doc.tag(c)
                    && (doc.class(f) == doc.class(c) || crate::chars::ascii_words(doc.class(c)).any(|t| doc.has_class(f, t)))
            })
            // A picture or a title that is a link (a footer's columns are headed by plain labels).
            && (cs.images > 0 || doc.descendants(c).any(|d| doc.tag(d).is_heading() && (ctx.stats(d).links > 0 || doc.ancestors(d).any(|a| doc.tag(a) == Tag::A))));
        if story {
            prev = Some(c);
            cards += 1;
        } else {
            others += 1;
            if others > 1 {
                return false;
            }
        }
    }
    cards >= 3 && !ctx.holds_article_material(i) && !holds_nav_elements(ctx, i) && !in_menu(doc, i)
}

/// Is `d` (a paragraph inside the list `i`) in a teaser card: one of several alike items (same
/// name and class as a sibling), with one paragraph, whose first words are a link (its title)
/// and which holds no running text of its own (prose that opens with a link, `<p><a>…</a>, and
/// so on</p>`, is not a card)?
fn in_card(ctx: &Ctx, i: NodeId, d: NodeId) -> bool {
    let doc = ctx.doc;
    std::iter::once(d).chain(doc.ancestors(d).take_while(|&a| a != i)).any(|c| {
        let alike = |x: NodeId| x != c && doc.is_element(x) && doc.tag(x) == doc.tag(c) && doc.class(x) == doc.class(c);
        // Node ids number a subtree in a run: its first words are its first non-blank text.
        let first = || (c + 1..doc.node(c).end).find(|&t| doc.has_words(t));
        ctx.stats(c).paras == 1
            && !doc.children(c).any(|t| doc.has_words(t))
            && first().is_some_and(|t| doc.ancestors(t).take_while(|&a| a != c).any(|a| doc.tag(a) == Tag::A))
            && doc.parent(c).is_some_and(|p| doc.children(p).any(alike))
    })
}

/// A sign-up box outside the article: form controls, little text, at most three short
/// paragraphs and a third of the article's prose, none of its other material.
fn signup_box(ctx: &Ctx, i: NodeId) -> bool {
    let s = ctx.stats(i);
    if ctx.in_article(i) || ctx.root.is_none() || ctx.untouchable(i) || s.controls == 0 || s.controls > 30 {
        return false;
    }
    s.text < 1200 && s.paras <= 3 && s.para_text * 3 < ctx.root_prose && s.links <= 6 && !holds_protected_media(ctx, i) && !holds_nav_elements(ctx, i)
}

/// A figure (or picture) with an image: `i` itself or inside it.
fn holds_figure(doc: &Document, i: NodeId) -> bool {
    std::iter::once(i).chain(doc.descendants(i)).any(|d| doc.is_element(d) && matches!(doc.tag(d), Tag::Figure | Tag::Picture) && doc.descendants(d).any(|x| doc.is_element(x) && doc.tag(x) == Tag::Img))
}

/// Tables, code, math, quotes, captions and headings of the article (prose aside).
fn holds_protected_media(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    ctx.stats(i).media > 0
        && doc.descendants(i).any(|d| doc.is_element(d) && matches!(doc.tag(d), Tag::Table | Tag::Pre | Tag::Math | Tag::Figcaption | Tag::Blockquote | Tag::H1))
}

/// A sign-up form: an email field and a button, little else. Anywhere, it is a newsletter box;
/// the box is the form with its heading and blurb.
fn newsletter_form(ctx: &Ctx, i: NodeId) -> Option<(NodeId, Category, Rule)> {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    if doc.tag(i) != Tag::Form || s.email_inputs == 0 || s.controls > 4 || s.paras > 0 || s.text > 300 {
        return None;
    }
    if holds_other_form(doc, i) {
        return None;
    }
    let mut b = i;
    while let Some(p) = doc.parent(b) {
        let ps = ctx.stats(p);
        if ctx.untouchable(p) || ps.paras > 1 + 2 * ctx.in_place as u32 || ps.text > 500 + 100 * ctx.in_place as u32 || ps.media > 0 || ps.controls > s.controls || ps.links > ctx.stats(b).links + 2 + ctx.in_place as u32 || holds_nav_elements(ctx, p) || holds_byline_beside(ctx, p, b) {
            break;
        }
        b = p;
    }
    Some((b, Category::Newsletter, Rule::Markup))
}

/// Search, login and comment forms are not sign-ups: a text area, a password or search field,
/// or a form declared a search.
#[inline(never)]
fn holds_other_form(doc: &Document, i: NodeId) -> bool {
    doc.descendants(i).any(|d| {
        doc.is_element(d) && (doc.tag(d) == Tag::Textarea || doc.attr(d, "role") == Some("search") || doc.attr(d, "type").is_some_and(|t| t.eq_ignore_ascii_case("password") || t.eq_ignore_ascii_case("search")))
    })
}

/// A dialog declared in markup (role, aria-modal, an open <dialog>, inline position: fixed):
/// a modal over the page even where no layout was measured.
fn dialog_verdict(ctx: &Ctx, i: NodeId, t: &Tokens) -> Option<(NodeId, Category, Rule)> {
    if ctx.opened_by_user {
        return None;
    }
    let doc = ctx.doc;
    let declared = doc.attr(i, "role").is_some_and(|r| r == "dialog" || r == "alertdialog")
        || doc.attr(i, "aria-modal") == Some("true")
        || (doc.tag(i) == Tag::Dialog && doc.has_attr(i, "open"))
        || doc.attr(i, "style").is_some_and(|st| crate::analysis::style_is(st, "position", "fixed"));
    // (Any header counts here, as it did for every block before `holds_nav_elements` learned
    // sections: a menu drawer declared as a dialog may hold the site's links under one.)
    if !declared || ctx.in_article(i) || holds_protected_media(ctx, i) || holds_nav_elements(ctx, i) || (ctx.stats(i).links >= 3 && doc.descendants(i).any(|d| doc.tag(d) == Tag::Header)) {
        return None;
    }
    let s = ctx.stats(i);
    if s.paras > 3 || s.text > 2500 || (s.controls == 0 && s.links == 0) {
        return None;
    }
    let text = label_of(doc, i);
    let cookie = t.cookie > 0 || COOKIE_NEEDLES.found_in(&text);
    let cat = if cookie {
        Category::Cookies
    } else if t.newsletter > 0 || s.email_inputs > 0 {
        Category::Newsletter
    } else if t.overlay > 0 || t.newsletter > 0 || t.ads > 0 || s.controls > 0 {
        Category::Overlays
    } else {
        return None;
    };
    Some((i, cat, Rule::Markup))
}

/// Navigation, site headers and search: what a clutter block must never take with it.
fn holds_nav_elements(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    // A header inside an article, aside or section (the block itself or one within it) heads
    // that part (a teaser card's kicker and title), as in HTML's own rule for banners.
    let is_nav = |d: NodeId| {
        doc.is_element(d)
            && (doc.tag(d) == Tag::Nav
                || doc.attr(d, "role").is_some_and(|r| matches!(r, "navigation" | "banner" | "search" | "menubar"))
                || (doc.tag(d) == Tag::Header && (d == i || !doc.ancestors(d).take_while(|&a| a != i).chain(Some(i)).any(|a| matches!(doc.tag(a), Tag::Article | Tag::Aside | Tag::Section)))))
    };
    is_nav(i) || (ctx.stats(i).links >= 3 && doc.descendants(i).any(is_nav))
}

/// Fixed boxes over the page (browser layout): modals and their backdrops, and bars docked to
/// the top or bottom edge that are not the site's navigation. Cookie notices and sign-up boxes
/// keep their own category (so switching cookies off leaves them alone).
fn overlay_verdict(ctx: &Ctx, i: NodeId, t: &Tokens) -> Option<(NodeId, Category, Rule)> {
    if ctx.opened_by_user {
        return None;
    }
    let doc = ctx.doc;
    let l = doc.layout(i)?;
    if l.flags & Layout::FIXED == 0 || l.flags & Layout::HIDDEN != 0 || ctx.in_article(i) || ctx.holds_article_material(i) {
        return None;
    }
    let (vw, vh) = doc.viewport.unwrap_or((1280.0, 800.0));
    let s = ctx.stats(i);
    let covers = covers_view(ctx, l);
    let docked = l.width >= vw * 0.5 && l.height >= 24.0 && l.height <= vh * 0.4 && (l.y <= 2.0 || l.y + l.height >= vh - 2.0);
    if !(covers || docked) || (docked && !covers && holds_navigation(ctx, i)) {
        return None;
    }
    let cookie = t.cookie > 0 || (s.text > 0 && s.text < 1500 && {
        let text = label_of(doc, i);
        COOKIE_NEEDLES.found_in(&text)
    });
    let cat = if cookie {
        Category::Cookies
    } else if t.newsletter > 0 || s.email_inputs > 0 {
        Category::Newsletter
    } else {
        Category::Overlays
    };
    Some((i, cat, Rule::Layout))
}

/// A header or bar of site navigation: a nav element, or mostly links.
fn holds_navigation(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    matches!(doc.tag(i), Tag::Header | Tag::Nav)
        || doc.attr(i, "role") == Some("navigation")
        || doc.descendants(i).any(|d| doc.is_element(d) && (doc.tag(d) == Tag::Nav || doc.attr(d, "role") == Some("navigation")))
        || (s.links >= 4 && s.link_density() > 0.6)
}

fn covers_view(ctx: &Ctx, l: &Layout) -> bool {
    let (vw, vh) = ctx.doc.viewport.unwrap_or((1280.0, 800.0));
    l.width * l.height >= vw * vh * 0.25
}

/// A comment section: a container named for comments that holds a list of comments or a reply
/// form, and far less prose than the article.
fn comment_section(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let s = ctx.stats(i);
    if ctx.untouchable(i) {
        return false;
    }
    // (An embed counts when it is a comment service's, not a video or a code playground.)
    let vendor = |src: &str| ["disqus", "livefyre", "commento", "remark42", "hyvor", "utteranc", "giscus", "spot.im", "openweb", "viafoura", "plugins/comments"].iter().any(|w| has(src, w));
    let thread = || comment_items(doc, i) >= 2 || doc.descendants(i).any(|d| (doc.tag(d) == Tag::Textarea && doc.ancestors(d).any(|f| doc.tag(f) == Tag::Form)) || (doc.tag(d) == Tag::Iframe && doc.attr(d, "src").is_some_and(vendor)));
    // Late content with no article of its own, beside the page's article: a thread a script
    // adds after the clean. A block named for comments goes when it is shaped like a thread, or
    // holds no prose and nothing of an article (a comment count, a "load comments" bar; not a
    // short story's figure or table under a "Responses" heading). Inside the article, late
    // content is left as before: on a forum's page of replies it is more of them. Nor right
    // after the reader's own input: a thread they asked for ("Show comments") stays. Nor in
    // late content with an h1: a page's own thread (a forum or Q&A page rendered late).
    let Some(root) = ctx.root else { return ctx.late && !ctx.inside && !ctx.opened_by_user && doc.find(Tag::H1).is_none() && named_with(doc, i, COMMENT_TOKENS) && (thread() || (s.para_text == 0 && !ctx.holds_article_material(i))) };
    // Comments come after the article. A "comments" block before it that outweighs the article
    // means we misread the page: hide nothing. After it, a long discussion is still comments when
    // it is shaped like one (a reply form, or several items named as comments).
    if s.para_text > 0 && s.para_text * 2 > ctx.root_prose {
        let after = i >= doc.node(root).end;
        return after && (s.controls > 0 || comment_items(doc, i) >= 2);
    }
    // Inside the article, a comment block must look like one: named as the thread, or with a
    // form; and with no prose, or shaped like a thread (a reply form, several comments, a
    // comment service's embed). A style guide's section on comments (`section#comments`) is
    // the article's.
    if ctx.in_article(i) {
        let named = ["comments", "disqus_thread", "respond", "comment-section", "comments-section"].iter().any(|w| doc.id_attr(i).eq_ignore_ascii_case(w));
        return (named || s.controls > 0) && (s.para_text == 0 || thread());
    }
    // Before the article, a block with the headline is its header (an opinion piece's
    // "ressort-kommentare" kicker, headline and standfirst), not its comments.
    if i < root && doc.descendants(i).any(|d| doc.tag(d) == Tag::H1) {
        return false;
    }
    s.text > 0 || s.controls > 0 || s.iframes > 0 || doc.id_attr(i).eq_ignore_ascii_case("disqus_thread")
}

/// Descendants named as individual comments, up to 3, the innermost only (`li.comment >
/// div.comment-body` is one comment; `div.comment-list > li.comment` two or more): by a comment
/// word in their class (`li.comment`) or by an id that names one (`li#comment-9257`, see
/// `locate::comment_id`; not a heading's slug such as "block-comments").
fn comment_items(doc: &Document, i: NodeId) -> usize {
    use crate::article::locate::{comment_id, heading_slug};
    let named = |d: NodeId| {
        let id = doc.id_attr(d);
        doc.is_element(d) && matches!(doc.tag(d), Tag::Li | Tag::Article | Tag::Div | Tag::Section) && (has_word(doc.class(d), COMMENT_TOKENS) || (comment_id(id) && !heading_slug(doc, d, id)))
    };
    // The last one found stands for an item until one inside it takes its place.
    let (mut count, mut last) = (0, None::<NodeId>);
    for d in doc.descendants(i).filter(|&d| named(d)) {
        match last {
            Some(l) if d < doc.node(l).end => {}
            Some(_) => count += 1,
            None => {}
        }
        if count == 3 {
            break;
        }
        last = Some(d);
    }
    count + usize::from(last.is_some() && count < 3)
}

/// Verdict from a label or heading's text.
fn label_verdict(ctx: &Ctx, i: NodeId, label: &str) -> Option<(NodeId, Category, Rule)> {
    let inside = ctx.in_article(i);
    // Outside the article a heading that speaks of a newsletter anywhere in it ("Spektrum.de
    // Newsletter", "Melden Sie sich für unseren Newsletter an", "Newsletteranmeldung") heads a
    // sign-up box when the section it opens holds an email field. (By substring: tokenizing
    // every label cost about 3 % of a native extraction.)
    if !inside && SIGNUP_WORDS.iter().any(|w| has(label, w)) {
        if let Some(block) = section_block(ctx, i, Category::Newsletter).filter(|&b| ctx.stats(b).email_inputs > 0 && !holds_other_form(ctx.doc, b)) {
            return Some((block, Category::Newsletter, Rule::Heading));
        }
    }
    // Every verdict below needs the label in one of the lists.
    if !any_label_list_matches(label) {
        return None;
    }
    let tag = ctx.doc.tag(i);
    // Inside the article, a heading or caption that reads "Advertisement…" is the article's.
    if label_matches(label, AD_LABELS) && !(inside && (tag.is_heading() || tag == Tag::Figcaption)) {
        return Some((label_block(ctx, i), Category::Ads, Rule::Label));
    }
    for cat in [Category::Sponsored, Category::Related, Category::Comments, Category::Social, Category::Newsletter] {
        // Outside the article a heading that starts like a clutter heading counts ("Popular
        // routes"); inside, only the exact words do ("Most popular titles of 2023" is content).
        let fits = label_matches(label, labels(cat)) || (!inside && cat == Category::Related && label_matches(label, RELATED_PREFIXES));
        if !fits {
            continue;
        }
        // "Read more" alone is a continue-reading button, handled with truncation.
        if cat == Category::Related && label_matches(label, CONTINUE_LABELS) && !ctx.doc.tag(i).is_heading() {
            return None;
        }
        // In an article made of lists under headings (a roundup of links: "Reading",
        // "Listening", "Related"), a heading of that rank over links is one of its sections.
        if inside && tag.is_heading() && roundup(ctx, i) {
            return None;
        }
        if let Some(block) = section_block(ctx, i, cat) {
            return Some((block, cat, Rule::Heading));
        }
        // The heading stands in a larger container: hide it with the run of siblings it heads.
        if heads_clutter_run(ctx, i, cat) {
            return Some((heading_wrapper(ctx, i, cat), cat, Rule::Heading));
        }
        // Outside the article, its wrapper holds, besides it, only the empty list or box a
        // script fills later ("Related Stories" over `ul#story-recs`, "You Might Also Like" over
        // a feed's slot). (Inside, "Latest" over an empty box may head a live blog's entries.)
        if !inside && matches!(cat, Category::Related | Category::Sponsored) && awaits_list(ctx, i) {
            return Some((heading_wrapper(ctx, i, cat), cat, Rule::Heading));
        }
    }
    None
}

/// The slot an ad label belongs to: climb while the parent adds nothing but ad-shaped content.
fn label_block(ctx: &Ctx, label: NodeId) -> NodeId {
    let mut b = label;
    while let Some(p) = ctx.doc.parent(b) {
        if ctx.untouchable(p) || ctx.holds_article_material(p) || holds_byline_beside(ctx, p, b) {
            break;
        }
        let (ps, bs) = (ctx.stats(p), ctx.stats(b));
        let other = ps.text.saturating_sub(bs.text);
        // Besides the label: nothing, or a promo card (one or two links, an image).
        let other_links = ps.link_text.saturating_sub(bs.link_text);
        let promo = other <= 160 && other_links * 10 >= other * 9 && ps.links <= bs.links + 2;
        if (other > 40 && !promo) || ps.paras > 0 {
            break;
        }
        b = p;
    }
    b
}

/// Takes the wrappers around a block that hold nothing else (for ads: nothing but an ad label
/// or more ad markup), so one slot counts once and leaves no gap.
fn widen(ctx: &Ctx, block: NodeId, cat: Category) -> NodeId {
    let doc = ctx.doc;
    let mut b = block;
    while let Some(p) = doc.parent(b) {
        let (ps, bs) = (ctx.stats(p), ctx.stats(b));
        let extra_text = ps.text.saturating_sub(bs.text);
        let same = extra_text == 0 && ps.images == bs.images && ps.iframes == bs.iframes && ps.controls == bs.controls && ps.media == bs.media;
        let ad_slot = cat == Category::Ads && extra_text <= 40 && ps.paras == 0 && ps.media == bs.media && ps.controls == bs.controls && (ps.images == bs.images || only_ad_images_beside(ctx, p, b)) && {
            // Whatever else is there must be ad-labelled or ad markup.
            extra_text == 0 || doc.children(p).any(|c| c != b && doc.is_element(c) && is_label_like(doc, ctx.an, c) && label_matches(&label_of(doc, c), AD_LABELS))
        };
        // (The cheap figures first: the material and navigation checks read the parent's whole
        // subtree, which for an item of a 25,000-item list made the walk quadratic.)
        if !(same || ad_slot) || ctx.untouchable(p) || ctx.holds_article_material(p) || holds_nav_elements(ctx, p) {
            break;
        }
        b = p;
    }
    b
}

/// Are the images in `p` outside `b` ad markup or tracking pixels (a picture beside an ad
/// slot, such as a linked button or a thumbnail, is not the slot's)?
fn only_ad_images_beside(ctx: &Ctx, p: NodeId, b: NodeId) -> bool {
    let doc = ctx.doc;
    let inner = doc.descendants(b);
    let pixel = |d: NodeId| ["width", "height"].iter().any(|a| doc.attr(d, a).and_then(|v| { let v = v.trim(); v.strip_suffix("px").unwrap_or(v).parse::<u32>().ok() }).is_some_and(|n| n <= 2));
    doc.descendants(p).filter(|&d| d != b && !inner.contains(&d) && doc.tag(d) == Tag::Img && !ctx.an.invisible[d as usize]).all(|d| ad_markup(doc, d) || pixel(d))
}

/// Climbs from a heading through wrappers that hold nothing else.
fn heading_wrapper(ctx: &Ctx, h: NodeId, cat: Category) -> NodeId {
    let mut b = h;
    while let Some(p) = ctx.doc.parent(b) {
        if ctx.untouchable(p) {
            break;
        }
        let ps = ctx.stats(p);
        // A heading bar may carry a small control ("Close", "View all", "×") beside the title;
        // a sign-up heading's bar no field to type an address in (that is the form it opens).
        let bs = ctx.stats(b);
        if ps.text > bs.text + 12 || ps.images > bs.images || ps.iframes > 0 || ps.paras > 0 || (cat == Category::Newsletter && ps.email_inputs > bs.email_inputs) {
            break;
        }
        b = p;
    }
    b
}

/// Is `s` clutter-shaped for `cat`: the body of a block whose heading named the category?
fn body_fits(ctx: &Ctx, block: NodeId, heading_text: u32, cat: Category) -> bool {
    let s = ctx.stats(block);
    let inside = ctx.in_article(block);
    let text = s.text.saturating_sub(heading_text);
    let link = s.link_text;
    let density = if text == 0 { 1.0 } else { link.min(text) as f32 / text as f32 };
    match cat {
        Category::Ads => text <= 60,
        Category::Sponsored | Category::Related => {
            !ctx.holds_article_material(block)
                && (s.links >= 2 || (s.links == 1 && text <= 160))
                && density >= if inside { 0.5 } else { 0.3 }
        }
        Category::Social => {
            !ctx.holds_article_material(block) && text.saturating_sub(link) < 150 && (s.links + s.controls + s.images > 0)
        }
        Category::Newsletter => {
            !ctx.holds_article_material(block) && text < 600 && (s.controls > 0 || s.email_inputs > 0 || s.links > 0 || s.iframes > 0) && (s.controls == 0 || !holds_other_form(ctx.doc, block))
        }
        Category::Comments => comment_section(ctx, block) || (s.para_text == 0 && (s.controls > 0 || s.iframes > 0 || text < 40)),
        _ => false,
    }
}

/// The section a heading names, when the heading opens a container: the container.
fn section_block(ctx: &Ctx, h: NodeId, cat: Category) -> Option<NodeId> {
    let doc = ctx.doc;
    let b = heading_wrapper(ctx, h, cat);
    let p = doc.parent(b)?;
    if ctx.untouchable(p) {
        return None;
    }
    // The heading (wrapper) must come first in its container (ignoring empty nodes).
    let first = doc.children(p).find(|&c| match doc.kind(c) {
        Kind::Element => ctx.stats(c).text > 0 || ctx.stats(c).images > 0 || ctx.stats(c).iframes > 0,
        Kind::Text => !doc.data(c).trim().is_empty(),
        _ => false,
    });
    if first != Some(b) {
        return None;
    }
    let heading_text = ctx.stats(b).text;
    // A container the heading opens may also hold teaser cards with excerpts (not a run of
    // siblings after a heading: what follows a heading is less clearly its own).
    if !holds_nav_elements(ctx, p) && (body_fits(ctx, p, heading_text, cat) || (cat == Category::Related && teaser_list(ctx, p, false))) {
        // Take wrappers around the section that hold nothing else.
        let mut block = p;
        while let Some(pp) = doc.parent(block) {
            if ctx.untouchable(pp) || ctx.stats(pp).text > ctx.stats(block).text + 3 || ctx.stats(pp).images > ctx.stats(block).images || holds_nav_elements(ctx, pp) {
                break;
            }
            block = pp;
        }
        return Some(block);
    }
    None
}

/// Does the wrapper of heading `h` hold an empty list, or an empty box with an id (a script's
/// slot), beside the heading? (Empty: no element inside; a list of icons is not a slot.)
fn awaits_list(ctx: &Ctx, h: NodeId) -> bool {
    let doc = ctx.doc;
    let b = heading_wrapper(ctx, h, Category::Related);
    b != h && ctx.stats(b).links == 0 && doc.descendants(b).any(|d| {
        ctx.stats(d).text == 0 && !doc.children(d).any(|c| doc.is_element(c)) && (matches!(doc.tag(d), Tag::Ul | Tag::Ol) || (doc.tag(d) == Tag::Div && !doc.id_attr(d).is_empty())) && !doc.contains(d, h)
    })
}

/// A heading amid other content: does the run of siblings after it fit the category?
fn heads_clutter_run(ctx: &Ctx, h: NodeId, cat: Category) -> bool {
    let b = heading_wrapper(ctx, h, cat);
    let run = following_run(ctx, b);
    if run.is_empty() {
        // A lone label ("Comments", "Trending Articles" with nothing after it) is clutter itself.
        return ctx.stats(b).text <= 40 && cat != Category::Newsletter;
    }
    run.iter().all(|&r| body_fits(ctx, r, 0, cat))
}

/// Siblings after `b` up to the next heading-like sibling.
fn following_run(ctx: &Ctx, b: NodeId) -> Vec<NodeId> {
    let doc = ctx.doc;
    let mut run = Vec::new();
    let mut next = doc.node(b).next_sibling;
    while next != crate::dom::NONE {
        let c = next;
        next = doc.node(c).next_sibling;
        match doc.kind(c) {
            Kind::Element => {
                if ctx.an.invisible[c as usize] {
                    continue;
                }
                let s = ctx.stats(c);
                if s.text == 0 && s.images == 0 && s.iframes == 0 && s.controls == 0 {
                    continue;
                }
                if doc.tag(c).is_heading() || (is_label_like(doc, ctx.an, c) && s.links == 0 && s.text <= 40 && run.len() > 0) {
                    break;
                }
                run.push(c);
                if run.len() >= 3 {
                    break;
                }
            }
            Kind::Text if !doc.data(c).trim().is_empty() => break,
            _ => {}
        }
    }
    run
}

/// Siblings that belong with a hidden heading block.
fn following_group(ctx: &Ctx, block: NodeId, cat: Category) -> Vec<NodeId> {
    let doc = ctx.doc;
    // (A sign-up block with a field to type an address in is the box a heading opened, not a
    // heading over what follows.)
    if (!is_label_like(doc, ctx.an, block) && !doc.tag(block).is_heading() && !heading_like_wrapper(ctx, block)) || (cat == Category::Newsletter && ctx.stats(block).email_inputs > 0) {
        return Vec::new();
    }
    let run = following_run(ctx, block);
    if !run.is_empty() && run.iter().all(|&r| body_fits(ctx, r, 0, cat) && !ctx.untouchable(r)) {
        run
    } else {
        Vec::new()
    }
}

fn heading_like_wrapper(ctx: &Ctx, b: NodeId) -> bool {
    ctx.doc.descendants(b).any(|d| ctx.doc.is_element(d) && ctx.doc.tag(d).is_heading()) && ctx.stats(b).text <= 60
}

/// Wrappers whose visible content was all hidden: they collapse too, so nothing leaves a gap.
/// Outside the article (anywhere on a page without one) also a wrapper left with only a short
/// heading (h2-h6, 80 characters at most) over more than twice its text hidden: "Most read"
/// over its hidden list, in a title bar or bare. Share buttons count as no text there (an
/// author's name above them stays); not a list item or in a menu (a menu's entries over their
/// panels); and only when nothing shown follows that the heading could head (see the loop and
/// [`opens_with_heading`]), unless what went is a grid of other stories (rule `cards`), which
/// the heading names. Not table cells or rows (the table's grid would shift).
fn collapse_wrappers(ctx: &Ctx, hidden: &[Option<(Action, Rule)>], keep: &[bool]) -> Vec<bool> {
    let doc = ctx.doc;
    let n = doc.len();
    let mut collapsed = vec![false; n];
    // Per node: the visible content left under it, the part of it in headings, and the text
    // hidden below it (plus one per hidden block, so that zero means nothing was hidden).
    let mut f = vec![[0u32; 3]; n];
    let article = ctx.root.map_or(0..0, |r| r..doc.node(r).end);
    for i in (0..n as NodeId).rev() {
        let iu = i as usize;
        let node = doc.node(i);
        if let Some((action, rule)) = hidden[iu] {
            // A line hidden in the text (read-also) leaves its wrapper: whatever else is there,
            // even an empty box a player fills later, is the article's. Share buttons are no
            // body a heading stood over (an author's name above them); a grid of other stories
            // is one whatever follows it (bit 24 marks it).
            f[iu][2] = if rule == Rule::ReadAlso { 0 } else if matches!(action, Action::Hide(Category::Social)) { 1 } else { ctx.stats(i).text + 1 + (((rule == Rule::Cards) as u32) << 24) };
        } else {
            match node.kind {
                Kind::Text if !ctx.an.invisible[iu] => f[iu][0] += ctx.stats(i).text,
                Kind::Element if !ctx.an.invisible[iu] && !node.tag.is_non_rendered() => {
                    if matches!(node.tag, Tag::Img | Tag::Iframe | Tag::Video | Tag::Svg | Tag::Canvas | Tag::Input | Tag::Button | Tag::Select | Tag::Textarea | Tag::Embed | Tag::Object | Tag::Audio | Tag::Hr | Tag::Math) {
                        f[iu][0] += 1;
                    }
                    // (Not an h1: the page's title.)
                    if node.tag.is_heading() && node.tag != Tag::H1 {
                        f[iu][1] = f[iu][0];
                    }
                    let [left, head, body] = f[iu];
                    // Emptied, or emptied but for a short heading over what went (outside the
                    // article: "Most read" over its hidden list): over twice its own text hidden,
                    // not a list item or in a menu (a menu's entry over its hidden panel), and
                    // nothing shown after it that the heading could head: from the wrapper, or the
                    // wrappers holding only it (a title bar's box), the next sibling still shown,
                    // if any, opens with a heading of its own (see `opens_with_heading`); or what
                    // went holds a grid of other stories.
                    let heads_nothing = left > 0 && left == head && left <= 80 && body > 2 * left && node.tag != Tag::Li && !article.contains(&i) && !in_menu(doc, i) && {
                        let mut w = i;
                        while let Some(p) = doc.parent(w).filter(|&p| ctx.stats(p).text == ctx.stats(w).text) {
                            w = p;
                        }
                        let mut s = doc.node(w).next_sibling;
                        while s != NONE && (hidden[s as usize].is_some() || f[s as usize][0] == 0) {
                            s = doc.node(s).next_sibling;
                        }
                        body >> 24 > 0 || s == NONE || opens_with_heading(doc, i, s)
                    };
                    if (left == 0 || heads_nothing) && body > 0 && !ctx.untouchable(i) && !keep[iu] && !matches!(node.tag, Tag::Td | Tag::Th | Tag::Tr) {
                        collapsed[iu] = true;
                    }
                }
                _ => {}
            }
        }
        if let Some(p) = doc.parent(i) {
            let pu = p as usize;
            if hidden[iu].is_none() && !collapsed[iu] {
                f[pu][0] += f[iu][0];
                f[pu][1] += f[iu][1];
            }
            // (Wrapping: past 255 hidden grids under one node the mark is lost there, never a
            // panic.)
            f[pu][2] = f[pu][2].wrapping_add(f[iu][2]);
        }
    }
    collapsed
}

/// Does `s` open with a heading (its first element, or that element's first, and so on: a
/// widget's title bar) of the same rank as the first in the wrapper `w` or higher?
/// (A lower one, cards' titles under a section's, is what `w`'s heading heads.)
#[inline(never)]
fn opens_with_heading(doc: &Document, w: NodeId, s: NodeId) -> bool {
    let rank = doc.descendants(w).map(|d| doc.tag(d)).find(|t| t.is_heading()).unwrap_or(Tag::H6);
    let mut e = s;
    while doc.is_element(e) {
        if doc.tag(e).is_heading() {
            return doc.tag(e) as u8 <= rank as u8;
        }
        let Some(k) = doc.children(e).find(|&k| doc.is_element(k)) else { break };
        e = k;
    }
    false
}

/// "Continue reading": a button that stands for the rest of a truncated article body.
fn fix_truncation(ctx: &Ctx, hidden: &[Option<(Action, Rule)>], out: &mut Vec<Decision>) {
    let doc = ctx.doc;
    let Some(root) = ctx.root else { return };
    // Look in the article and around it (the button often follows the article container).
    let scope = truncation_scope(doc, root);
    let mut expanded: Vec<NodeId> = Vec::new();
    let mut skip_until: NodeId = 0;
    for i in doc.descendants(scope) {
        if i < skip_until || !doc.is_element(i) || hidden[i as usize].is_some() || ctx.an.invisible[i as usize] {
            continue;
        }
        if doc.ancestors(i).any(|a| hidden[a as usize].is_some()) || !continue_button(ctx, i) {
            continue;
        }
        // The truncated container: the nearest clipped block before the button or around it.
        let Some(c) = clipped_container(ctx, i, scope) else { continue };
        if !expanded.contains(&c) {
            expanded.push(c);
            out.push(Decision { node: c, action: Action::Expand, rule: Rule::Truncation });
        }
        // The button and the fade/wrapper that holds it (once: nested wrappers of one button
        // all read "Continue reading").
        let mut b = i;
        while let Some(p) = doc.parent(b) {
            if doc.contains(p, c) || ctx.untouchable(p) || ctx.stats(p).text > ctx.stats(b).text + 3 || ctx.stats(p).images > 0 {
                break;
            }
            b = p;
        }
        out.push(Decision { node: b, action: Action::HideControl, rule: Rule::Truncation });
        skip_until = doc.node(b).end;
    }
}

/// Where a "Continue reading" button for the article can be: up to three levels above the
/// article (themes put the button after the clipped body, outside the article's container).
fn truncation_scope(doc: &Document, root: NodeId) -> NodeId {
    let mut scope = root;
    for _ in 0..3 {
        match doc.parent(scope) {
            Some(p) if doc.is_element(p) && !matches!(doc.tag(p), Tag::Body | Tag::Html) => scope = p,
            _ => break,
        }
    }
    scope
}

/// A button or link labelled "Continue reading" that stays on the page.
fn continue_button(ctx: &Ctx, i: NodeId) -> bool {
    let doc = ctx.doc;
    let tag = doc.tag(i);
    if ctx.stats(i).text > 40 || ctx.stats(i).text == 0 {
        return false;
    }
    let clickable = matches!(tag, Tag::Button | Tag::A)
        || doc.attr(i, "role") == Some("button")
        || doc.has_attr(i, "onclick")
        || has_word(doc.class(i), words!["btn", "button", "but", "more", "read", "cont", "continue", "expand", "toggle", "readmore"]);
    if !clickable || (tag == Tag::A && !href_stays(doc, doc.attr(i, "href"))) {
        return false;
    }
    CONTINUE_LABELS.contains(&label_of(doc, i))
}

/// Elements whose layout decides a rule, for a browser to measure before `detect`: the blocks
/// around "Continue reading" buttons (are they clipped?).
pub fn layout_requests(doc: &Document, an: &Analysis, root: Option<NodeId>) -> Vec<NodeId> {
    let mut out = Vec::new();
    let Some(root) = root else { return out };
    let ctx = Ctx { doc, an, root: Some(root), inside: false, root_prose: 0, social_links: Vec::new(), in_place: true, opened_by_user: false, late: false, pages: [None; 2] };
    let scope = truncation_scope(doc, root);
    for i in doc.descendants(scope) {
        if !doc.is_element(i) || an.invisible[i as usize] || !continue_button(&ctx, i) {
            continue;
        }
        // Ancestors within the scope, and the prose-holding blocks before the button.
        for a in doc.ancestors(i) {
            out.push(a);
            if a == scope {
                break;
            }
        }
        let mut b = i;
        while let Some(p) = doc.parent(b) {
            for c in doc.children(p) {
                if c == b {
                    break;
                }
                if doc.is_element(c) && an.get(c).para_text > 0 {
                    out.push(c);
                    out.extend(doc.descendants(c).filter(|&d| doc.is_element(d) && an.get(d).para_text > 0 && !doc.tag(d).is_heading() && doc.tag(d) != Tag::P).take(20));
                }
            }
            if p == scope || out.len() > 200 {
                break;
            }
            b = p;
        }
    }
    // In document order, once each (a mask, not a sort: less code in the wasm).
    let mut want = vec![false; doc.len()];
    for &i in &out {
        want[i as usize] = true;
    }
    (0..doc.len() as NodeId).filter(|&i| want[i as usize]).take(400).collect()
}

/// A link to a file (a report's PDF, a data set), not a page: its last path segment has an
/// extension other than a page's (".html", ".php", ".aspx").
fn file_link(href: &str) -> bool {
    file_ext(href).is_some_and(|ext| !(ext.len() >= 3 && [b"htm", b"php", b"asp", b"jsp", b"cfm"].iter().any(|p| ext[..3].eq_ignore_ascii_case(*p))))
}

/// The extension of the last segment of `href`'s path (`pdf` of "/a/b.pdf?x"), not empty.
fn file_ext(href: &str) -> Option<&[u8]> {
    let b = href.as_bytes();
    let end = b.iter().position(|&c| c == b'?' || c == b'#').unwrap_or(b.len());
    let path = &b[..end];
    let start = path.iter().rposition(|&c| c == b'/').map_or(0, |k| k + 1);
    let last = &path[start..];
    last.iter().rposition(|&c| c == b'.').map(|k| &last[k + 1..]).filter(|e| !e.is_empty())
}

/// Do two or more other headings of `h`'s rank in the article open a list (the next element
/// after each is a `ul` or `ol`), headings that name no clutter ("Reading", "Listening";
/// not a news page's "More on this story" beside its "Related Topics")?
fn roundup(ctx: &Ctx, h: NodeId) -> bool {
    let doc = ctx.doc;
    let Some(root) = ctx.root else { return false };
    // (Node ids number a subtree in a run: the next sibling starts where `d`'s subtree ends.)
    let opens_list = |d: NodeId| {
        let mut n = doc.node(d).end;
        while (n as usize) < doc.len() && doc.parent(n) == doc.parent(d) && !doc.is_element(n) {
            n += 1;
        }
        (n as usize) < doc.len() && doc.parent(n) == doc.parent(d) && matches!(doc.tag(n), Tag::Ul | Tag::Ol)
    };
    doc.descendants(root).filter(|&d| d != h && doc.tag(d) == doc.tag(h) && opens_list(d) && !any_label_list_matches(&label_of(doc, d))).nth(1).is_some()
}

/// Is `b` not related reading after all? When a quarter or more of its links are documents to
/// download (a PDF, an office file, an archive): related reading leads to other pages; a list
/// of the item's files ("Related documents", a Drupal `field--name-field-related-documents`,
/// TYPO3's "Related files") is the item's own. Or when, in the article, most of its links go
/// to other sites: a product card under an "Editor's pick" badge with its price buttons, a
/// list of sources (only on a page whose site is known, see [`names_site`]).
#[inline(never)]
fn not_reading(ctx: &Ctx, b: NodeId) -> bool {
    let doc = ctx.doc;
    let (mut links, mut docs, mut away) = (0u32, 0u32, 0u32);
    for h in doc.descendants(b).filter(|&d| doc.tag(d) == Tag::A).filter_map(|d| doc.attr(d, "href")) {
        links += 1;
        docs += file_ext(h).is_some_and(|e| words!["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "zip", "csv", "epub"].iter().any(|x| e.eq_ignore_ascii_case(x.as_bytes()))) as u32;
        away += !same_site(&ctx.pages, h) as u32;
    }
    (docs > 0 && docs * 4 >= links) || (ctx.in_article(b) && names_site(ctx) && away * 2 > links)
}

/// Is the page's site known: its address names one (not a file, nor a local server's
/// address), or it states one (see [`stated_address`])?
fn names_site(ctx: &Ctx) -> bool {
    ctx.pages[1].is_some() || names_a_site(ctx.pages[0])
}

/// An address on a named host: not a file, nor a local server (an IP address, or a name of one
/// label such as "localhost").
#[inline(never)]
fn names_a_site(u: Option<&str>) -> bool {
    u.and_then(url_host).is_some_and(|h| h.contains('.') && !ip_address(h.as_bytes()))
}

/// Does `href` lead to another page of the site (not a place on this one, nor a file)?
fn site_page(pages: &[Option<&str>], href: &str) -> bool {
    !href.starts_with('#') && same_site(pages, href) && !file_link(href)
}

/// The path of an address (absolute, protocol-relative or root-relative), without its query,
/// fragment and trailing slashes: "/local/2024/story" of "https://site/local/2024/story/?p=2".
fn url_path(u: &str) -> &str {
    // (The host is a slice of `u`: the path starts at the first '/' after it, past a port.)
    let start = url_host(u).map_or(0, |h| h.as_ptr() as usize - u.as_ptr() as usize + h.len());
    let rest = &u.as_bytes()[start..];
    let from = if start > 0 { rest.iter().position(|&c| c == b'/').unwrap_or(rest.len()) } else { 0 };
    let end = rest[from..].iter().position(|&c| matches!(c, b'?' | b'#')).map_or(rest.len(), |p| from + p);
    u.get(start + from..start + end).unwrap_or("").trim_end_matches('/')
}

/// Does `href` lead to the page itself (another query of it) or below its path?
fn own_part(pages: &[Option<&str>], href: &str) -> bool {
    let p = url_path(href);
    href.starts_with('?') || pages.iter().flatten().any(|u| {
        let own = url_path(u);
        !own.is_empty() && p.strip_prefix(own).is_some_and(|r| r.is_empty() || r.starts_with('/'))
    })
}

fn href_stays(_doc: &Document, href: Option<&str>) -> bool {
    match href {
        None => true,
        Some(h) => {
            let h = h.trim();
            h.is_empty() || h.starts_with('#') || h.get(..11).is_some_and(|s| s.eq_ignore_ascii_case("javascript:"))
        }
    }
}

/// Truncation by height limit: inline `max-height`/`height` with `overflow: hidden`, a class
/// that says so, or (in a browser) the measured clip.
fn is_clipped(doc: &Document, id: NodeId) -> bool {
    if let Some(l) = doc.layout(id) {
        if l.flags & Layout::CLIPPED != 0 {
            return true;
        }
    }
    if let Some(style) = doc.attr(id, "style") {
        // (Read in place, case and spacing ignored: a declared height or max-height, not a
        // transition's "height" or a line-height.)
        use crate::analysis::style_is;
        if (style_is(style, "height", "") || style_is(style, "max-height", "")) && (style_is(style, "overflow", "hidden") || style_is(style, "overflow-y", "hidden") || style_is(style, "overflow", "clip")) {
            return true;
        }
    }
    let mut hit = false;
    for_each_token(doc.class(id), |t| {
        hit = matches!(t, "truncated" | "truncate" | "collapsed" | "clamped" | "clamp" | "readmore" | "expandable" | "preview" | "teaser" | "limited" | "fade" | "faded") ;
        hit
    });
    hit
}

fn clipped_container(ctx: &Ctx, button: NodeId, scope: NodeId) -> Option<NodeId> {
    let doc = ctx.doc;
    // Ancestors of the button within scope.
    for a in doc.ancestors(button) {
        if is_clipped(doc, a) && ctx.stats(a).para_text > 0 {
            return Some(a);
        }
        if a == scope {
            break;
        }
    }
    // Preceding siblings of the button or of its wrappers.
    let mut b = button;
    loop {
        let p = doc.parent(b)?;
        let mut prev = None;
        for c in doc.children(p) {
            if c == b {
                break;
            }
            if doc.is_element(c) {
                prev = Some(c);
            }
        }
        if let Some(pr) = prev {
            if is_clipped(doc, pr) && ctx.stats(pr).para_text > 0 {
                return Some(pr);
            }
            if let Some(d) = doc.descendants(pr).filter(|&d| doc.is_element(d) && is_clipped(doc, d) && ctx.stats(d).para_text > 0).last() {
                return Some(d);
            }
        }
        if p == scope || doc.contains(p, scope) {
            return None;
        }
        b = p;
    }
}

/// When a sidebar column next to the article went away, the article's column takes the room: it
/// is centred at a comfortable reading width and the wrappers between it and the article drop
/// the margins and widths that made room for the sidebar.
fn fix_reflow(ctx: &Ctx, hidden: &[Option<(Action, Rule)>], out: &mut Vec<Decision>) {
    let doc = ctx.doc;
    let Some(root) = ctx.root else { return };
    let mut column = root;
    for a in doc.ancestors(root) {
        if !doc.is_element(a) || matches!(doc.tag(a), Tag::Body | Tag::Html) {
            return;
        }
        let sidebar_gone = doc.children(a).any(|c| c != column && doc.is_element(c) && hidden[c as usize].is_some() && looks_like_column(ctx, c));
        if sidebar_gone {
            if column == root {
                return;
            }
            out.push(Decision { node: column, action: Action::Widen, rule: Rule::Layout });
            for x in doc.ancestors(root).take_while(|&x| x != column) {
                out.push(Decision { node: x, action: Action::Fill, rule: Rule::Layout });
            }
            return;
        }
        column = a;
    }
}

fn looks_like_column(ctx: &Ctx, c: NodeId) -> bool {
    let doc = ctx.doc;
    doc.tag(c) == Tag::Aside
        || doc.attr(c, "role") == Some("complementary")
        || [doc.class(c), doc.id_attr(c)].iter().any(|v| {
            has_word(v, words!["sidebar", "side", "rail", "secondary", "widgets", "widgetarea", "sidebars", "aside", "sidecol", "rightcol", "leftcol"])
        })
}

/// A scroll lock on the root or body: overflow hidden on a taller page, or the body pinned in
/// place with `position: fixed`.
pub fn locks_scroll(l: &Layout) -> bool {
    l.flags & (Layout::CLIPPED | Layout::FIXED) != 0
}

/// Whether hiding these decisions removed something that may have locked page scrolling: an
/// overlay, a notice, or a block the site's own rules hide (what a user picks to hide on a
/// scroll-locked page is the thing that locked it).
#[inline(never)]
pub fn hid_an_overlay(decisions: &[Decision]) -> bool {
    decisions.iter().any(|d| may_lock_scroll(d.action))
}

fn may_lock_scroll(a: Action) -> bool {
    matches!(a, Action::Hide(Category::Overlays | Category::Cookies | Category::Newsletter) | Action::HideByRule)
}

/// Sticky navigation headers scroll away instead of hiding; locked scrolling is restored.
fn fix_layout(ctx: &Ctx, hidden: &[Option<(Action, Rule)>], out: &mut Vec<Decision>) {
    let doc = ctx.doc;
    if !doc.has_layout() {
        return;
    }
    let mut overlay_hidden = false;
    for i in doc.elements() {
        if hidden[i as usize].is_some_and(|(a, _)| may_lock_scroll(a)) {
            overlay_hidden = true;
        }
        let Some(l) = doc.layout(i) else { continue };
        if l.flags & (Layout::FIXED | Layout::STICKY) == 0 || hidden[i as usize].is_some() || ctx.untouchable(i) {
            continue;
        }
        if holds_navigation(ctx, i) && l.y <= 5.0 && !matches!(doc.tag(i), Tag::Html | Tag::Body) {
            out.push(Decision { node: i, action: Action::Unstick, rule: Rule::Layout });
        }
    }
    if overlay_hidden {
        for t in [Tag::Html, Tag::Body] {
            if let Some(e) = doc.find(t) {
                if doc.layout(e).is_some_and(locks_scroll) {
                    out.push(Decision { node: e, action: Action::Unlock, rule: Rule::Layout });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hidden blocks as `tag#id.class` (with `ids`) or `tag.class`.
    fn hidden_as(html: &str, ids: bool) -> Vec<String> {
        hidden_at(html, None, ids)
    }

    /// The blocks hidden on `html` at the address `url`.
    fn hidden_at(html: &str, url: Option<&str>, ids: bool) -> Vec<String> {
        let doc = crate::native::parse(html, url);
        let prep = crate::prepare(&doc);
        let c = crate::decide(&doc, &prep, &crate::Options::default(), false);
        let name = |n: NodeId| if ids { format!("{}#{}.{}", doc.name(n), doc.id_attr(n), doc.class(n)) } else { format!("{}.{}", doc.name(n), doc.class(n)) };
        c.decisions.iter().filter(|d| matches!(d.action, Action::Hide(_))).map(|d| name(d.node)).collect()
    }

    fn hidden_with_ids(html: &str) -> Vec<String> {
        hidden_as(html, true)
    }

    fn hidden_blocks(html: &str) -> Vec<String> {
        hidden_as(html, false)
    }

    /// A header inside an article, aside or section heads that part (a teaser card's title), so
    /// a related list of such cards goes; a header that is the page's banner still keeps a block
    /// named for clutter around it in place.
    #[test]
    fn card_headers_are_not_the_page_banner() {
        let cards = |wrap: &str, card: &str| {
            let one = |n: u32| format!("<{card} class=\"card\"><header class=\"entry-header\"><a href=\"/topic/{n}\">Topic</a><h3><a href=\"/2024/0{n}/story\">Story number {n} of the month</a></h3></header></{card}>");
            format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}{PROSE}</article><{wrap} class=\"related-entries\">{}{}{}</{wrap}></body></html>", one(1), one(2), one(3))
        };
        for (wrap, card) in [("aside", "article"), ("div", "article"), ("section", "div")] {
            let hidden = hidden_blocks(&cards(wrap, card));
            assert!(hidden.iter().any(|h| h == &format!("{wrap}.related-entries")), "{wrap} > {card}: {hidden:?}");
        }
        // Cards whose headers sit in no article, aside or section: headers like the banner's.
        assert!(!hidden_blocks(&cards("div", "div")).iter().any(|h| h.starts_with("div.related")));
        // A menu drawer declared as a dialog, the site's links under its own header, stays.
        let drawer = format!("<html><body><aside class=\"offcanvas\" role=\"dialog\" aria-modal=\"true\"><header><a href=\"/\">Home</a><button>Close</button></header><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li><li><a href=\"/culture\">Culture</a></li></ul></aside><article><h1>Title</h1>{PROSE}{PROSE}</article></body></html>");
        assert!(!hidden_blocks(&drawer).iter().any(|h| h.starts_with("aside")), "the drawer went");
        let banner = format!("<html><body><div class=\"related-bar\"><header class=\"site-header\"><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></header></div><article><h1>Title</h1>{PROSE}{PROSE}</article></body></html>");
        let hidden = hidden_blocks(&banner);
        assert!(!hidden.iter().any(|h| h.starts_with("div.related") || h.starts_with("header")), "{hidden:?}");
    }

    /// A short post followed by a long discussion: the readers' paragraphs do not make the
    /// thread the article, so it goes and the post stays. An opinion piece named "comment" is
    /// still the article, and a page of nothing but replies still has one.
    #[test]
    fn a_long_discussion_does_not_take_the_place_of_its_post() {
        let reply = |n: u32| format!("<li id=\"comment-{n}\"><cite>Reader {n}</cite> says: {PROSE}</li>");
        let replies: String = (1..=30).map(reply).collect();
        let page = format!("<html><body><div id=\"main\"><div class=\"post\"><h1>Title</h1><div class=\"entry\">{PROSE}{PROSE}</div></div><h2>30 replies</h2><ol id=\"commentlist\">{replies}</ol></div></body></html>");
        let doc = crate::native::parse(&page, None);
        let prep = crate::prepare(&doc);
        let c = crate::decide(&doc, &prep, &crate::Options::default(), false);
        let article = c.article.expect("an article");
        assert_eq!((doc.name(article), doc.class(article)), ("div", "entry"), "the located article");
        let hidden: Vec<_> = c.decisions.iter().filter(|d| matches!(d.action, Action::Hide(_))).map(|d| d.node).collect();
        let shown = |n: NodeId| !doc.ancestors(n).chain(std::iter::once(n)).any(|a| hidden.contains(&a));
        let paras: Vec<_> = (0..doc.len() as NodeId).filter(|&n| doc.is_element(n) && doc.tag(n) == Tag::P).collect();
        assert!(paras.iter().filter(|&&p| doc.contains(article, p)).all(|&p| shown(p)), "a paragraph of the post went");
        assert!(paras.iter().filter(|&&p| !doc.contains(article, p)).all(|&p| !shown(p)), "a reply stayed");
        // The thread goes whole (its items are named by their ids), not reply by reply.
        assert!(hidden.iter().any(|&n| doc.tag(n) == Tag::Ol), "the thread did not go whole");

        let opinion = format!("<html><body><article class=\"comment opinion\"><h1>Our view</h1>{PROSE}{PROSE}{PROSE}</article><div class=\"sidebar\"><p>Short note about the paper, not long enough.</p></div></body></html>");
        let doc = crate::native::parse(&opinion, None);
        let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
        let piece = doc.find(Tag::Article).unwrap();
        assert!(c.article.is_some_and(|a| doc.contains(a, piece)), "the opinion piece is not the article");
        assert!(hidden_blocks(&opinion).is_empty(), "{:?}", hidden_blocks(&opinion));

        // A photo post of two short lines (no paragraph of 80 characters) with a long thread,
        // and a post with a "Recent comments" widget before it: the post is the article.
        let comment = |n: u32| format!("<li class=\"comment\"><b>Reader {n}</b>{PROSE}</li>");
        let thread: String = (1..=30).map(comment).collect();
        let photo = format!("<html><body><div class=\"entry\"><h1>Close-ups</h1><img src=\"/bug.jpg\"><p>Close-ups from the garden this week, old lens.</p><p>More to follow when the weather is kinder.</p></div><div id=\"comments\"><ol class=\"commentlist\">{thread}</ol></div></body></html>");
        let widget = format!("<html><body><aside><section class=\"widget widget_recent_comments\"><ul><li class=\"recentcomments\">Jane on A post about the harbour wall and its granite</li></ul></section></aside><div class=\"entry\"><h1>Title</h1>{PROSE}{PROSE}</div><div id=\"comments\"><ol class=\"commentlist\">{thread}</ol></div></body></html>");
        for page in [photo, widget] {
            let doc = crate::native::parse(&page, None);
            let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
            assert_eq!(c.article.map(|a| doc.class(a)), Some("entry"), "{}", &page[..90]);
        }
        // Pages of replies: a forum thread with a footer line, a link post whose only other
        // text is its points line (Hacker News), an issue whose first post is named as a
        // comment too. The thread is the article and nothing of it goes.
        let footer = "<footer><p>Example Forum, all rights reserved, since the year two thousand.</p></footer>";
        let forum = format!("<html><body><h1>Thread</h1><ol class=\"commentlist\">{replies}</ol>{footer}</body></html>");
        let link_post = format!("<html><body><table><tr><td class=\"title\"><a href=\"https://example.org/x\">A link to elsewhere</a></td></tr><tr><td class=\"subtext\">123 points by <a href=\"/user?id=someone\">someone</a> <a href=\"/item?id=1\">3 hours ago</a> | <a href=\"/hide?id=1\">hide</a> | <a href=\"/item?id=1\">45 comments</a></td></tr></table><table class=\"comment-tree\">{}</table></body></html>", (1..=30).map(|_| format!("<tr><td><div class=\"comment\">{PROSE}</div></td></tr>")).collect::<String>());
        let issue = format!("<html><body><div class=\"timeline-comment\"><p>The opening post of the issue, which describes the bug in some detail, with steps to reproduce.</p>{PROSE}</div>{}<div class=\"sidebar\"><p>Assignees: nobody yet, labels: bug, needs triage, no milestone set.</p></div></body></html>", (1..=6).map(|_| format!("<div class=\"timeline-comment\">{PROSE}</div>")).collect::<String>());
        for page in [forum, link_post, issue] {
            let doc = crate::native::parse(&page, None);
            let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
            let paras: Vec<_> = (0..doc.len() as NodeId).filter(|&n| doc.is_element(n) && doc.tag(n) == Tag::P && label_of(&doc, n).contains("harbour")).collect();
            assert!(c.article.is_some_and(|a| paras.iter().all(|&p| doc.contains(a, p))), "the thread is not the article: {}", &page[..80]);
            assert!(hidden_blocks(&page).is_empty(), "{:?} {}", hidden_blocks(&page), &page[..80]);
        }
        // A page whose sections are named by their headings' slugs (French "comment": "how"),
        // or whose wrapper says it has no comments: the article.
        for wrap in ["<section id=\"comment-installer-x\" class=\"section\">", "<div class=\"container no-comments\">"] {
            // (A sidebar before it, with a paragraph of its own, would be the article if the
            // section's paragraphs gave no vote.)
            let page = format!("<html><body><div class=\"intro\"><p>About this site: notes on tools and installing them, kept since the spring, by one person, for anyone who needs them, free to use.</p></div><article><h1>Installing</h1>{wrap}<h2>Installer</h2>{PROSE}{PROSE}{PROSE}</{}></article></body></html>", if wrap.starts_with("<section") { "section" } else { "div" });
            let doc = crate::native::parse(&page, None);
            let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
            let first = (0..doc.len() as NodeId).find(|&n| doc.is_element(n) && doc.tag(n) == Tag::P && label_of(&doc, n).contains("harbour")).unwrap();
            assert!(c.article.is_some_and(|a| doc.contains(a, first)), "{wrap} {:?}", c.article.map(|a| (doc.name(a), doc.class(a))));
            assert!(hidden_blocks(&page).is_empty(), "{wrap}: {:?}", hidden_blocks(&page));
        }
    }

    /// A style guide's section on comments, inside the article, is the article's; a reply form
    /// named as the thread inside it still goes.
    #[test]
    fn a_section_about_comments_is_not_a_thread() {
        let page = format!("<html><body><article><h1>Style Guide</h1>{PROSE}{PROSE}<section id=\"comments\"><h2>Comments</h2><p>Comments that contradict the code are worse than no comments. Always make a priority of keeping the comments up to date when the code changes.</p><section id=\"block-comments\"><h3>Block Comments</h3>{PROSE}</section><section id=\"inline-comments\"><h3>Inline Comments</h3>{PROSE}</section></section>{PROSE}</article></body></html>");
        assert!(!hidden_blocks(&page).iter().any(|h| h.starts_with("section")), "{:?}", hidden_blocks(&page));
        // With a video in it, too.
        let video = page.replace("<section id=\"inline-comments\">", "<iframe src=\"https://www.youtube.com/embed/abc\"></iframe><section id=\"inline-comments\">");
        assert!(!hidden_blocks(&video).iter().any(|h| h.starts_with("section")), "{:?}", hidden_blocks(&video));
        let form = format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}{PROSE}<div id=\"respond\"><h3>Leave a reply</h3><form><textarea name=\"comment\"></textarea><button>Post</button></form></div></article></body></html>");
        let doc = crate::native::parse(&form, None);
        let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
        assert!(c.decisions.iter().any(|d| matches!(d.action, Action::Hide(_)) && doc.id_attr(d.node) == "respond"), "the reply form stayed");
    }

    /// A short post (a photo and a few lines) with a related-posts list under it whose
    /// excerpts hold more prose than the post: the list goes when every paragraph of it is a
    /// card's (its linked title first, no running text of its own); a block of the same name
    /// and size written as running prose stays.
    #[test]
    fn a_short_posts_related_cards_go() {
        let excerpt = "The first phone of its kind from the Chinese maker arrives as a budget model, probably sold at first in markets where smartphones are still rare...";
        let card = |n: u32| format!("<li><a href=\"/post-{n}/\">Story number {n} from the archive</a> <small>{excerpt}</small></li>");
        let post = "<div class=\"entry\"><h1>Macro photos of insects</h1><img src=\"/bug.jpg\"><p>Some close-ups from the garden this week, taken with an old lens and a lot of patience.</p><p>More will follow when the weather is kinder to the small creatures.</p></div>";
        let cards = format!("<html><body>{post}<div class=\"yarpp-related\"><p>From the archive:</p><ol>{}{}{}</ol></div></body></html>", card(1), card(2), card(3));
        let hidden = hidden_blocks(&cards);
        assert!(hidden.iter().any(|h| h == "div.yarpp-related"), "{hidden:?}");
        let essay = format!("<html><body>{post}<div class=\"related-posts\"><p>As we wrote <a href=\"/a\">last year</a>, {excerpt}</p><p>And as <a href=\"/b\">others</a> found, {excerpt}</p><p>{excerpt}</p></div></body></html>");
        let hidden = hidden_blocks(&essay);
        assert!(!hidden.iter().any(|h| h.starts_with("div.related")), "{hidden:?}");
        // A round-up of products under a short intro, each card leading to a shop: the
        // article's, whatever its wrapper is named.
        let shop = |n: u32| format!("<li><a href=\"https://shop{n}.example.com/item\">Product number {n} of the year</a> <small>{excerpt}</small></li>");
        let roundup = format!("<html><body>{post}<div class=\"recommended\"><ol>{}{}{}</ol></div></body></html>", shop(1), shop(2), shop(3));
        let hidden = hidden_blocks(&roundup);
        assert!(!hidden.iter().any(|h| h.starts_with("div.recommended")), "{hidden:?}");
    }

    /// A wrapper left with nothing but a short heading over the blocks hidden in it collapses
    /// with them ("Around the coast" over a hidden list of popular posts, bare or in a title
    /// bar, also before a widget without a heading), outside the article. Not an author's name
    /// over hidden share buttons, nor a heading over less than twice its text hidden (a title
    /// beside an ad label), nor a title bar whose hidden part is a line (a sponsor) above what
    /// it heads (a table), nor a menu's entries over their hidden panels (list items, or in a
    /// nav), nor a long heading or an h1, nor a heading with anything else left beside it, nor
    /// inside the article.
    #[test]
    fn a_heading_over_nothing_but_hidden_blocks_goes_with_them() {
        let links = (1..=4).map(|n| format!("<li><a href=\"/2024/05/story-{n}/\">Council approves the harbour plan, part {n}</a></li>")).collect::<String>();
        let popular = format!("<div class=\"popular-posts\"><ul>{links}</ul></div>");
        let shares = "<ul class=\"share-buttons\"><li><a href=\"https://twitter.com/intent/tweet?url=x\">Share this on Twitter</a></li><li><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Share this on Facebook</a></li><li><a href=\"https://www.linkedin.com/shareArticle?url=x\">Share this on LinkedIn</a></li><li><a href=\"/feed/\">RSS</a></li><li><a href=\"/contact/\">Contact</a></li></ul>";
        let visible = |article_end: &str, beside: &str| {
            let html = format!("<html><body><article><h1>The harbour wall</h1>{}{article_end}</article>{beside}</body></html>", PROSE.repeat(6));
            let doc = crate::native::parse(&html, None);
            let c = crate::clean(&doc, &crate::Options::default());
            crate::output::visible_text(&doc, &c)
        };
        let note = "<div class=\"textwidget\"><p>Letters to the editor: post them to the harbour office.</p></div>";
        let hours = "<div class=\"widget\"><h3>Opening hours</h3><p>The harbour office opens at nine.</p></div>";
        for head in ["<h3>Around the coast</h3>", "<div class=\"bar\"><h3>Around the coast</h3></div>"] {
            for after in ["", hours] {
                let text = visible("", &format!("<aside class=\"col\"><div class=\"widget\">{head}{popular}</div>{after}</aside>"));
                assert!(!text.contains("Around the coast") && !text.contains("part 1"), "{head}{after}: {text}");
            }
        }
        let results = "<table><tr><th>Ward</th><th>Winner</th></tr><tr><td>Harbour</td><td>J. Fisher</td></tr></table>";
        let panel = |n: &str| format!("<div class=\"mega-menu mega-trending\">{}</div>", (1..=4).map(|k| format!("<div class=\"mega-card\"><a href=\"/{n}/2024/05/story-{k}/\"><img src=\"/i/{k}.jpg\"><span>{n} story number {k} about the harbour</span></a></div>")).collect::<String>());
        let entry = |tag: &str, n: &str| format!("<{tag} class=\"menu-item\"><h3><a href=\"/{n}/\">{n}</a></h3>{}</{tag}>", panel(n));
        let pitch = "<div class=\"newsletter-signup\"><p>Every Friday our editors pick the best of the weekend on the coast: concerts, markets, walks and the tide times you need for them, in one short letter.</p><form><input type=\"email\"><button>Sign up</button></form></div>";
        let events = "<ul class=\"events\"><li>Saturday: the lifeboat open day on the east quay</li><li>Sunday: the harbour swim at high tide</li></ul>";
        let cards = (1..=3).map(|k| format!("<div class=\"card\"><h3>Regatta day {k} on the water</h3><p>Boats from four clubs race round the bay.</p></div>")).collect::<String>();
        let stays = [
            // What the heading heads comes after it: a list after a long sign-up pitch, a table
            // after a title bar in a box of its own, cards with lower headings.
            ("What's on this weekend", String::new(), format!("<section class=\"whats-on\"><div class=\"section-header\"><h2>What's on this weekend</h2>{pitch}</div>{events}</section>")),
            ("Tide times", String::new(), format!("<div class=\"tides\"><div class=\"tides-top\"><div class=\"tides-header\"><h3>Tide times</h3><div class=\"ad-slot\">Advertisement from our partners</div></div></div><div class=\"tides-body\">{results}</div></div>")),
            ("Sport", String::new(), format!("<section class=\"sport\"><div class=\"section-header\"><h2>Sport</h2><div class=\"sponsored-by\">Sponsored by Acme Building Society</div></div>{cards}</section>")),
            // An untitled widget after it may be what it heads (the two cannot be told apart).
            ("Around the coast", String::new(), format!("<aside class=\"col\"><div class=\"widget\"><h3>Around the coast</h3>{popular}</div>{note}</aside>")),
            ("Council approves the harbour plan and more", String::new(), "<div class=\"col\"><h3>Council approves the harbour plan and more</h3><div class=\"ad-slot\">Ad</div></div>".to_string()),
            ("Around the coast", String::new(), "<div class=\"col\"><h3>Around the coast</h3><div class=\"ad-slot\">Advertisement from a partner</div></div>".to_string()),
            ("Election results", String::new(), format!("<div class=\"module\"><div class=\"module-header\"><h3>Election results</h3><div class=\"sponsored-by\">Sponsored by Acme Building Society</div></div>{results}</div>")),
            ("News", String::new(), format!("<div class=\"primary-menu\"><ul class=\"menu\">{}{}<li><a href=\"/contact/\">Contact</a></li></ul></div>", entry("li", "News"), entry("li", "Sport"))),
            ("News", String::new(), format!("<nav class=\"primary-menu\">{}{}<div><a href=\"/contact/\">Contact</a></div></nav>", entry("div", "News"), entry("div", "Sport"))),
            ("Jane Fairweather-Smith", String::new(), format!("<div class=\"credit\"><h3>Jane Fairweather-Smith</h3>{shares}</div>")),
            ("Around the coast this week", String::new(), format!("<div class=\"col\"><h3>Around the coast this week, in the harbour towns, up the river and in the hills behind them</h3>{popular}{popular}</div>")),
            ("Harbour Town Gazette", String::new(), format!("<div class=\"col\"><h1>Harbour Town Gazette</h1>{popular}</div>")),
            ("Around the coast", String::new(), format!("<div class=\"col\"><h3>Around the coast</h3><p>Updated hourly.</p>{popular}</div>")),
            ("Around the coast", format!("<section><h3>Around the coast</h3>{popular}</section>"), String::new()),
        ];
        for (heading, end, beside) in stays {
            assert!(visible(&end, &beside).contains(heading), "{heading} {end}{beside}: {}", visible(&end, &beside));
        }
    }

    /// Cards of the site's other stories beside the article go as one grid, named or not
    /// (`Rule::Cards`), with a heading over them but not a player or a note beside them; not
    /// the same cards inside the article or beside a short post, nor a shop's category tiles
    /// (short labels) or products (buttons), cards leading to other sites, a table's rows, a
    /// menu's cards, a plain list of titles, or the page's own parts (its gallery, the series
    /// it is part of, its other pages).
    #[test]
    fn story_card_grids_beside_the_article_go() {
        let card = |n: u32, tag: &str, host: &str, title: &str, pic: bool| {
            let pic = if pic { format!("<img src=\"/t{n}.jpg\">") } else { String::new() };
            format!("<{tag} class=\"tile\"><a href=\"{host}/2024/05/story-{n}/\">{pic}<h3>{title} {n}</h3></a><span>May {n}</span></{tag}>")
        };
        let title = "Council approves the harbour plan, part";
        let grid = |wrap: &str, tag: &str, host: &str, title: &str, pic: bool| {
            format!("<{wrap} class=\"wall\">{}{}{}</{wrap}>", card(1, tag, host, title, pic), card(2, tag, host, title, pic), card(3, tag, host, title, pic))
        };
        let page = |prose: usize, inside: &str, beside: &str| format!("<html><body><article><h1>Title</h1>{}{inside}</article>{beside}</body></html>", PROSE.repeat(prose));
        let cards_at = |html: &str, url: Option<&str>| {
            let doc = crate::native::parse(html, url);
            let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
            c.decisions.iter().filter(|d| d.rule == Rule::Cards).map(|d| format!("{}.{}", doc.name(d.node), doc.class(d.node))).collect::<Vec<_>>()
        };
        let cards = |html: &str| cards_at(html, None);
        assert_eq!(cards(&page(6, "", &grid("div", "div", "", title, true))), ["div.wall"]);
        // Headings without pictures, and one child of another kind (a "More" link).
        let more = grid("ul", "li", "", title, false).replace("</ul>", "<li class=\"more\"><a href=\"/news/\">More news</a></li></ul>");
        assert_eq!(cards(&page(6, "", &more)), ["ul.wall"]);
        // The heading over it goes with it when the wrapper holds nothing else (the wrapper
        // collapses, a bare heading or one in a title bar), whatever follows (a grid of other
        // stories is what the heading names); not a column that holds more (a search form).
        let collapsed = |html: &str| {
            let doc = crate::native::parse(html, None);
            let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
            c.decisions.iter().filter(|d| d.action == Action::Collapse).map(|d| format!("{}.{}", doc.name(d.node), doc.class(d.node))).collect::<Vec<_>>()
        };
        let headed = |head: &str, extra: &str| page(6, "", &format!("<div class=\"col\">{head}{}{extra}</div>", grid("div", "div", "", title, true)));
        for head in ["<h2>Around the coast</h2>", "<div class=\"bar\"><h2>Around the coast</h2></div>"] {
            assert_eq!(cards(&headed(head, "")), ["div.wall"]);
            assert_eq!(collapsed(&headed(head, "")), ["div.col"], "{head}");
            let note = headed(head, "").replace("</body>", "<div class=\"note\"><p>Letters to the editor: post them to the harbour office.</p></div></body>");
            assert_eq!(collapsed(&note), ["div.col"], "{head}, a note after it");
        }
        let search = headed("<h2>Around the coast</h2>", "<form action=\"/search\"><input name=\"q\"><button>Search</button></form>");
        assert_eq!(cards(&search), ["div.wall"]);
        assert!(collapsed(&search).is_empty());
        // Nor a player or a note beside the cards, without a heading (a video page's stage
        // with its "Up next" list).
        for beside in ["<iframe src=\"https://www.youtube.com/embed/x\"></iframe>", "<video src=\"/v.mp4\"></video>", "<p>Corrected on 15 May: the pier closes in June.</p>"] {
            let stage = page(6, "", &format!("<div class=\"stage\">{beside}{}</div>", grid("div", "div", "", title, true)));
            assert_eq!(cards(&stage), ["div.wall"], "{beside}");
        }
        // A blog's cards, each with its post's, category's and tag's own classes beside the
        // theme's (WordPress's post_class, Ghost's tag classes): alike by a class they share.
        let blog = (1..=3).map(|n| format!("<article class=\"post-{n} post type-post category-c{n} tag-t{n}\"><a href=\"/2024/05/story-{n}/\"><img src=\"/t{n}.jpg\"></a><h2><a href=\"/2024/05/story-{n}/\">{title} {n}</a></h2></article>")).collect::<String>();
        assert_eq!(cards(&page(6, "", &format!("<div class=\"wall\">{blog}</div>"))), ["div.wall"]);
        // Cards that are links themselves.
        let links = (1..=3).map(|n| format!("<a class=\"tile\" href=\"/2024/05/story-{n}/\"><img src=\"/t{n}.jpg\"><h3>{title} {n}</h3></a>")).collect::<String>();
        assert_eq!(cards(&page(6, "", &format!("<div class=\"wall\">{links}</div>"))), ["div.wall"]);
        // The page's own parts: its gallery's photos (below its address), a series whose
        // current part is one of the cards (the page itself), its other pages (another query).
        let at = "https://news.example.com/2024/05/harbour";
        assert_eq!(cards_at(&page(6, "", &grid("div", "div", "", title, true)), Some(at)), ["div.wall"]);
        for (what, html, url) in [
            ("gallery", page(6, "", &grid("div", "div", "", title, true).replace("/2024/05/story-1/", "/2024/05/harbour/photos/1")), at),
            ("series", page(6, "", &grid("div", "div", "https://news.example.com", title, true)), "https://news.example.com/2024/05/story-2"),
            ("pages", page(6, "", &grid("div", "div", "", title, true).replace("/2024/05/story-1/", "?page=1")), at),
        ] {
            assert!(cards_at(&html, Some(url)).is_empty(), "{what}: {:?}", cards_at(&html, Some(url)));
        }
        let stays = [
            ("inside the article", page(6, &grid("div", "div", "", title, true), "")),
            ("beside a short post", page(3, "", &grid("div", "div", "", title, true))),
            ("category tiles", page(6, "", &grid("div", "div", "", "Shoes for kids", true))),
            ("other sites", page(6, "", &grid("div", "div", "https://shop.example.com", title, true))),
            ("a menu", page(6, "", &format!("<nav>{}</nav>", grid("div", "div", "", title, true)))),
            ("a shop's products", page(6, "", &grid("div", "div", "", title, true).replace("<span>", "<button>Add to basket</button><span>"))),
            ("a table's rows", page(6, "", &format!("<table><tbody class=\"wall\">{}</tbody></table>", (1..=3).map(|n| format!("<tr class=\"tile\"><td><a href=\"/players/{n}/\"><img src=\"/p{n}.png\">{title} {n}</a></td><td>{n}</td></tr>")).collect::<String>()))),
            ("plain titles", page(6, "", &grid("ul", "li", "", title, false).replace("<h3>", "<b>").replace("</h3>", "</b>"))),
            // A footer's columns (numbered classes sharing one) of site pages under a label
            // that is not a link, without pictures: the site's directory, not stories.
            ("footer columns", page(6, "", &format!("<div class=\"footer-widgets\">{}</div>", (1..=3).map(|n| format!("<div class=\"widget-area footer-widgets-{n}\"><h4 class=\"widget-title\">Column {n}</h4><ul><li><a href=\"/about-us-{n}/\">About this blog and its team</a></li><li><a href=\"/imprint-{n}/\">Imprint</a></li></ul></div>")).collect::<String>()))),
            // (A listing with more text than the "article" it was found beside: a category
            // page whose introduction reads as one.)
            ("a listing", page(6, "", &format!("<div class=\"wall\">{}</div>", (1..=14).map(|n| card(n, "div", "", title, true).replace("</span>", " The council met again on Tuesday to talk it over.</span>")).collect::<String>()))),
        ];
        for (what, html) in stays {
            assert!(cards(&html).is_empty(), "{what}: {:?}", cards(&html));
            assert!(!hidden_blocks(&html).iter().any(|h| h.contains("wall") || h.contains("tile")), "{what}: {:?}", hidden_blocks(&html));
        }
    }

    /// Inside the article, a block named for related reading that is a list of cards (a linked
    /// picture and title, an excerpt beside them) goes: every paragraph a card's, two links or
    /// more per paragraph, to the site's pages (rp4wp's and YARPP's cards with excerpts). A
    /// content word after "related" ("related-post") names what is related. A list of the same
    /// name whose paragraphs run longer than an excerpt, or whose cards lead to other sites, or
    /// that is not named "related" itself, is the article's.
    #[test]
    fn related_cards_with_excerpts_inside_the_article_go() {
        let excerpt = "The harbour wall was rebuilt in the spring by a crew of six who had never worked with granite.";
        let card = |n: u32, host: &str, text: &str| format!("<li class=\"item\"><a href=\"{host}/2024/story-{n}/\"><img src=\"/t{n}.jpg\"></a><div class=\"item-content\"><a href=\"{host}/2024/story-{n}/\">Story number {n} from the archive</a><p>{text}</p></div></li>");
        let list = |name: &str, host: &str, text: &str| format!("<div class=\"{name}\"><ul>{}{}{}</ul></div>", card(1, host, text), card(2, host, text), card(3, host, text));
        let page = |block: &str| format!("<html><body><article><h1>Title</h1><div class=\"entry-content\">{}{block}</div></article></body></html>", PROSE.repeat(8));
        for name in ["related-posts", "related-post", "yarpp-related"] {
            let hidden = hidden_blocks(&page(&list(name, "", excerpt)));
            assert!(hidden.iter().any(|h| h == &format!("div.{name}")), "{name}: {hidden:?}");
        }
        let long = excerpt.repeat(6);
        // Inside the article only a block named "related" (or a plugin's) goes so: a travel
        // guide's "popular-destinations", a field guide's "similar-species", live updates in a
        // "live-ticker-content" box are the article's own sections.
        let named = |name: &str| (format!("named {name}"), list(name, "", excerpt));
        let others = [("long paragraphs".to_string(), list("related-posts", "", &long)), ("other sites".to_string(), list("related-posts", "https://shop.example.com", excerpt)), ("no name".to_string(), list("picks", "", excerpt)), named("popular-destinations"), named("similar-species"), named("live-ticker-content"), named("breaking-post")];
        // (After another related word a content word still counts: a live blog's entries in a
        // "breaking-post" box, each a permalinked line, are the article's.)
        let live: String = (1..=3).map(|n| format!("<p><a href=\"/2024/05/story/entry-{n}/\">19:1{n} The council has confirmed the vote will go ahead tonight</a></p>")).collect();
        let others = others.into_iter().chain([("live entries".to_string(), format!("<div class=\"breaking-post\">{live}</div>"))]);
        for (what, block) in others {
            let hidden = hidden_blocks(&page(&block));
            assert!(!hidden.iter().any(|h| h.starts_with("div.") || h.starts_with("ul") || h.starts_with("li")), "{what}: {hidden:?}");
        }
    }

    /// One related story promoted between the article's paragraphs (The Intercept's card: a
    /// picture, "Related" and a title, all one link; a label and a linked title) goes. Not a
    /// link to another site or to a file (the article's report), a block with text of its own,
    /// one not named "related" (an editor's "breaking-update"), or a title line inside a
    /// larger card.
    #[test]
    fn a_single_related_promo_between_paragraphs_goes() {
        let page = |block: &str| format!("<html><body><article><h1>Title</h1><div class=\"entry-content\">{PROSE}{PROSE}{block}{PROSE}{PROSE}</div></article></body></html>");
        let card = "<div class=\"promote-related-post\"><a href=\"/2023/11/03/politics/\"><img src=\"/t.jpg\"><span><h2>Related</h2><h3>Inside the White House, doubts begin to creep in</h3></span></a></div>";
        let labelled = "<div class=\"related-wrap\"><div class=\"block-title\">Související</div><div class=\"box\"><a href=\"/fotbal/repka\">Řepka a spol. zůstali na trávníku sami, soupeř odešel</a></div></div>";
        for (name, block) in [("div.promote-related-post", card), ("div.related-wrap", labelled)] {
            let hidden = hidden_blocks(&page(block));
            assert!(hidden.iter().any(|h| h == name), "{name}: {hidden:?}");
        }
        let elsewhere = card.replace("/2023/11/03/politics/", "https://other.example.org/story");
        let own_text = "<div class=\"related-files\"><p>Download the full report, with the tables of every survey:</p><a href=\"/files/report.pdf\">Report (PDF)</a></div>";
        let report = "<div class=\"related-document\"><a href=\"/reports/harbour-survey-2024.pdf\">Read the full report: Harbour Wall Survey 2024 (PDF)</a></div>";
        let update = "<div class=\"breaking-update\"><a href=\"/2024/05/council-vote/\">Update, 21:40: the council has approved the plan</a></div>";
        let part = "<ul class=\"author-entries\"><li><div class=\"entry-thumb\"><a href=\"/a\"><img src=\"/a.jpg\"></a></div><div class=\"entry-date\">7 April 2022</div><div class=\"related-entry-title\"><a href=\"/a\">Learning nuggets at work</a></div></li></ul>";
        // (A lone "Related" label over a link elsewhere still goes as a label, as before.)
        for block in [elsewhere.as_str(), own_text, report, update, part] {
            let hidden = hidden_blocks(&page(block));
            assert!(!hidden.iter().any(|h| h.starts_with("div") || h.starts_with("ul") || h.starts_with("li")), "{block}: {hidden:?}");
        }
    }

    /// A list of the item's own documents is not related reading, named or headed so
    /// ("Related" over PDFs, Drupal's `field--name-field-related-documents`, TYPO3's
    /// "Related files"), in the article or beside it; the same list of pages goes.
    #[test]
    fn lists_of_the_items_own_documents_stay() {
        let files = |ext: &str| (1..=3).map(|n| format!("<li><a href=\"/sites/default/files/2024-05/report-part-{n}.{ext}\">Harbour survey, part {n} ({ext}, 2 MB)</a></li>")).collect::<String>();
        for ext in ["pdf", "PDF", "docx"] {
            for (inside, beside) in [
                (format!("<div class=\"field--name-field-related-documents\"><ul>{}</ul></div>", files(ext)), String::new()),
                (format!("<div class=\"box\"><h2>Related</h2><ul>{}</ul></div>", files(ext)), String::new()),
                (String::new(), format!("<aside><div class=\"news-related-files\"><h3>Related files</h3><ul>{}</ul></div></aside>", files(ext))),
            ] {
                let html = format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}{inside}{PROSE}</article>{beside}</body></html>");
                let hidden = hidden_blocks(&html);
                assert!(hidden.is_empty(), "{ext}: {hidden:?}");
                let pages = html.replace(&format!(".{ext}\""), "/\"");
                assert!(!hidden_blocks(&pages).is_empty(), "{ext}: the list of pages stays: {pages}");
            }
        }
    }

    /// Article parts that carry a clutter word the way documents carry one: a bold button
    /// name inside a sentence ("tap **Share** in the top right"), a heading whose id is made of
    /// its text (GOV.UK, Markdown tools, MediaWiki's `span.mw-headline`), an accordion's button
    /// whose id names its panel. The same words as labels, and a heading named otherwise, go.
    #[test]
    fn words_of_sentences_and_headings_named_by_their_text_stay() {
        let page = |body: &str| format!("<html><body><article><h1>Title</h1>{PROSE}{body}{PROSE}{PROSE}</article></body></html>");
        for body in [
            "<ol><li>Open the plan and tap <strong>Share</strong> in the top right.</li><li>Pick a person.</li></ol>",
            "<p>Open the <strong>Comments</strong> panel on the right of the plan and filter by bed.</p>",
            "<ul><li>Every offer card is labelled <strong>Sponsored</strong> in its top corner.</li><li>Offers rotate.</li></ul>",
            "<h2 id=\"share-your-survey-results\">Share your survey results</h2>",
            "<h2 id=\"h-share-of-voice\">Share of voice</h2>",
            "<h2 id=\"share-of-voice-1\">Share of voice</h2>",
            "<h2><span class=\"mw-headline\" id=\"Social_media\">Social media</span></h2>",
            "<h2 id=\"Advertising\">Advertising</h2>",
            "<h3 class=\"accordion__heading\"><button type=\"button\" aria-expanded=\"false\" aria-controls=\"p1\" id=\"acc-stop-sharing\">How do I stop sharing a plan?</button></h3>",
        ] {
            let hidden = hidden_blocks(&page(&format!("{body}{PROSE}")));
            assert!(hidden.is_empty(), "{body}: {hidden:?}");
        }
        // A byline row with share links: the links go, the author named by its class stays.
        let row = "<div class=\"article-info-block\"><div class=\"article-author-name\"><a class=\"author-link\" href=\"/author/rami/\">Rami Khatib</a></div><ul class=\"share\"><li><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">f</a></li><li><a href=\"https://twitter.com/intent/tweet?url=x\">t</a></li><li><a href=\"https://api.whatsapp.com/send?text=x\">w</a></li></ul></div>";
        assert_eq!(hidden_blocks(&page(row)), ["ul.share"]);
        for body in [
            "<p><strong>Sponsored</strong></p>",
            "<h2 id=\"share-tools\">Share your survey results</h2>",
            "<h2><span class=\"mw-headline\" id=\"share_bar\">Share this</span></h2>",
        ] {
            assert!(!hidden_blocks(&page(body)).is_empty(), "{body} stays");
        }
    }

    /// A table of the article reads "Recommended", "Popular" or "Comments" in its cells (a
    /// feature comparison without header cells, a data table's header): the cells and their
    /// rows stay. In the article, a product card under an "Editor's pick" badge, whose links go
    /// to shops, is not related reading: its name and prices stay. The same card of the site's
    /// own stories goes.
    #[test]
    fn table_cells_and_product_cards_are_the_articles() {
        let page = |body: &str| {
            let html = format!("<html><head><link rel=\"canonical\" href=\"https://www.guide.example/best/keyboards\"></head><body><article><h1>Title</h1>{PROSE}{body}{PROSE}{PROSE}</article></body></html>");
            hidden_at(&html, Some("https://www.guide.example/best/keyboards"), false)
        };
        let table = "<figure class=\"wp-block-table\"><table><tbody><tr><td>Feature</td><td>Ghost</td><td>Substack</td></tr><tr><td>Comments</td><td>Members only</td><td>Yes</td></tr><tr><td>Recommended</td><td>Yes</td><td>Boosts</td></tr><tr><td>Sponsored</td><td>No</td><td>Ad network</td></tr></tbody></table></figure>";
        assert_eq!(page(table), Vec::<String>::new());
        let card = |href: &str, shop1: &str, shop2: &str| format!("<div class=\"product-card\"><div class=\"badge\">Most popular</div><h3><a href=\"{href}\">Keyboard Model 2 with a long name</a></h3><p>Great keyboard for writers.</p><a class=\"btn\" href=\"{shop1}\">$59 at Amazon</a><a class=\"btn\" href=\"{shop2}\">$61 at Best Buy</a></div>");
        let hidden = page(&card("/reviews/model-2", "https://www.amazon.com/dp/B0X", "https://www.bestbuy.com/site/x"));
        assert!(!hidden.iter().any(|h| h.starts_with("div.product-card")), "{hidden:?}");
        let hidden = page(&card("/news/a", "/news/b", "/news/c"));
        assert!(hidden.iter().any(|h| h.starts_with("div.product-card")), "the site's stories stayed: {hidden:?}");
    }

    /// Inside the article a table with header cells is data: under a "Related" heading, or in
    /// a block named for related reading, however much of it links, it stays. Outside the
    /// article a news box laid out as such a table still goes.
    #[test]
    fn tables_with_header_cells_in_the_article_stay() {
        let rows: String = ["Santos", "Paranagua", "Itaqui"].iter().map(|p| format!("<tr><td><a href=\"/wiki/{p}\">{p}</a></td><td>147</td><td><a href=\"/wiki/{p}_data\">data</a></td></tr>")).collect();
        let table = format!("<table><tr><th>Port</th><th>Cargo (Mt)</th><th>Link</th></tr>{rows}</table>");
        let inside = format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}<section><h2>Related</h2>{table}</section>{PROSE}{PROSE}</article></body></html>");
        assert!(hidden_blocks(&inside).is_empty(), "{:?}", hidden_blocks(&inside));
        let outside = format!("<html><body><article><h1>Title</h1>{}</article><aside class=\"sidebar\"><section class=\"box\"><h2>Related</h2>{table}</section></aside></body></html>", PROSE.repeat(6));
        assert!(hidden_blocks(&outside).iter().any(|h| h.starts_with("section") || h.starts_with("aside")), "{:?}", hidden_blocks(&outside));
    }

    /// "Read also" in the corpus's other languages heads a box of links inside the article
    /// too ("Lesen Sie auch", "Lee también", "Leia também"); over prose it heads the article's
    /// own paragraph, and "see also" ("Veja também", "Zobacz także") a wiki's own list.
    #[test]
    fn read_also_headings_in_other_languages_go() {
        let links = "<ul><li><a href=\"/a\">Darf ich meine Zaubernuss umpflanzen?</a></li><li><a href=\"/b\">Ist die Zaubernuss giftig?</a></li><li><a href=\"/c\">Warum blüht meine Zaubernuss nicht?</a></li></ul>";
        let page = |label: &str, body: &str| format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}<div class=\"embed-box\"><h4>{label}</h4>{body}</div>{PROSE}{PROSE}</article></body></html>");
        for label in ["Lesen Sie auch", "Lee también", "Leia também:", "Czytaj także"] {
            let hidden = hidden_blocks(&page(label, links));
            assert!(hidden.iter().any(|h| h == "div.embed-box"), "{label}: {hidden:?}");
        }
        // "See also" in any language heads a wiki's own list of links inside the article.
        for label in ["Veja também", "Zobacz także", "See also"] {
            assert!(hidden_blocks(&page(label, links)).is_empty(), "{label}: {:?}", hidden_blocks(&page(label, links)));
        }
        assert!(hidden_blocks(&page("Lesen Sie auch", PROSE)).is_empty(), "{:?}", hidden_blocks(&page("Lesen Sie auch", PROSE)));
    }

    /// Outside the article a newsletter box whose pitch reads as prose goes, with or without a
    /// form; the "opt-in" message and checkboxes of a cookie notice are the notice's, which
    /// stays by default (some sites stay locked until it is answered).
    #[test]
    fn newsletter_pitches_go_and_cookie_opt_ins_stay() {
        let page = |extra: &str| format!("<html><body class=\"cookies-not-set\"><article><h1>Title</h1>{PROSE}{PROSE}{PROSE}</article><aside class=\"newsletter-info\"><p>Our newsletter: the week's best reading, tips and offers every Friday morning, free of charge and easy to cancel whenever you like.</p><a href=\"/newsletter\">More information</a></aside>{extra}</body></html>");
        let notice = "<div class=\"cmplz-cookiebanner banner-1 optin\"><div class=\"cmplz-message\" id=\"cmplz-message-1-optin\">We use technologies like cookies to store and access device information, to give you the best experience on this site, and to show personalised content.</div><label><input type=\"checkbox\" class=\"cmplz-consent-checkbox\" id=\"cmplz-marketing-optin\"> Marketing</label><button>Accept</button><button>Deny</button></div>";
        let hidden = hidden_blocks(&page(notice));
        assert!(hidden.iter().any(|h| h == "aside.newsletter-info"), "{hidden:?}");
        assert!(!hidden.iter().any(|h| h.contains("cmplz")), "{hidden:?}");
        // A page built of components named "cmp-…" (a cookie word only as a token of its own).
        let cmp = page("").replace("<aside class=\"newsletter-info\">", "<div class=\"cmp-container\"><aside class=\"newsletter-info\">").replace("</aside>", "</aside></div>");
        assert!(hidden_blocks(&cmp).iter().any(|h| h == "aside.newsletter-info"), "{:?}", hidden_blocks(&cmp));
        // A table (or code, a quote, a caption) in a block named for the newsletter is not a pitch.
        let issue = "<div class=\"newsletter-issue\"><p>This week in numbers, from the newsletter's own archive of readers' answers:</p><table><tr><th>Answer</th><th>Readers</th></tr><tr><td>Yes, every week</td><td>412</td></tr><tr><td>Now and then</td><td>230</td></tr><tr><td>No, never</td><td>97</td></tr></table></div>";
        let hidden = hidden_blocks(&page(issue));
        assert!(!hidden.iter().any(|h| h.contains("newsletter-issue")), "{hidden:?}");
    }

    /// A sidebar widget named for nothing, headed by a heading that speaks of a newsletter
    /// among other words ("Spektrum.de Newsletter", "Melden Sie sich für unseren Newsletter
    /// an") over an email field, is a sign-up box, its honeypot fields and consent line too.
    /// Without an email field such a heading heads what it heads (an archive's links stay),
    /// the widgets after it are not its part, and inside the article it is the article's.
    #[test]
    fn newsletter_headings_over_email_fields_go() {
        let signup = "<aside id=\"custom_html-3\" class=\"widget widget_custom_html\"><h3 class=\"widget-title\">Spektrum.de Newsletter</h3><div class=\"textwidget\"><p>Bleiben Sie auf dem Laufenden mit dem kostenlosen Newsletter, fünf Mal die Woche!</p><form action=\"/nl\" method=\"post\"><input type=\"email\" name=\"_email\"><input id=\"info\" type=\"checkbox\"><label for=\"info\">Ja, ich möchte zusätzlich regelmäßig über Produktangebote aus dem Verlag informiert werden.</label><div style=\"font-size: 8px\">(Der Versand des Newsletters »Spektrum informiert« erfolgt ein- bis zweimal im Monat)</div><input type=\"submit\" value=\"Jetzt abonnieren!\"></form></div></aside>";
        let short = "<div id=\"block-13\" class=\"block block-views\"><h2>Redaktions-Newsletter</h2><div><form><input type=\"email\" name=\"email\" placeholder=\"E-Mail-Adresse\"><input type=\"submit\" value=\"Anmelden\"></form></div></div>";
        let honeypots = "<div id=\"wysija-2\" class=\"widget widget_wysija\"><h4>Melden Sie sich für unseren Newsletter an</h4><div class=\"widget_wysija_cont\"><form class=\"widget_wysija\"><p><label>Name</label><input type=\"text\" name=\"wysija[user][firstname]\"><span class=\"abs-req\"><input type=\"text\" name=\"wysija[user][abs][firstname]\"></span></p><p><label>E-Mail</label><input type=\"text\" name=\"wysija[user][email]\"><span class=\"abs-req\"><input type=\"text\" name=\"wysija[user][abs][email]\"></span></p><input type=\"submit\" value=\"Anmelden!\"></form></div></div>";
        let archive = "<aside id=\"text-7\" class=\"widget widget_text\"><h3>Newsletter archive</h3><ul><li><a href=\"/nl/1\">Issue one</a></li><li><a href=\"/nl/2\">Issue two</a></li></ul></aside>";
        let tags = "<aside id=\"tag_cloud-2\" class=\"widget widget_tag_cloud\"><h3>Schlagwörter</h3><a href=\"/t/a\">Arbeit</a> <a href=\"/t/b\">Recht</a> <a href=\"/t/c\">Urlaub</a></aside>";
        let lesson = "<h2>How our newsletter grew</h2><p>We asked readers for an address and nothing else:</p><form><input type=\"email\" name=\"email\"><button>Try it</button></form>";
        // A log-in box that also sells a subscription is not a sign-up.
        let login = "<aside id=\"custom_html-2\" class=\"widget widget_custom_html\"><h3>Log in or subscribe</h3><form><input type=\"email\" name=\"log\"><input type=\"password\" name=\"pwd\"><button>Log in</button></form></aside>";
        let html = format!("<html><body><div id=\"main\"><article class=\"post\"><h1>Title</h1>{PROSE}{lesson}{PROSE}{PROSE}</article><div id=\"secondary\">{signup}{short}{tags}{login}{archive}<div class=\"x-column\">{honeypots}</div></div></div></body></html>");
        let hidden = hidden_blocks(&html);
        assert!(hidden.iter().any(|h| h == "aside.widget widget_custom_html"), "{hidden:?}");
        assert!(hidden.iter().any(|h| h == "div.widget widget_wysija" || h == "div.x-column"), "{hidden:?}");
        assert!(hidden.iter().any(|h| h == "div.block block-views"), "{hidden:?}");
        // (The form in the article goes by its own rule: a sign-up form is clutter anywhere.)
        assert!(!hidden.iter().any(|h| h.contains("tag_cloud") || h.contains("widget_text") || h.starts_with("article") || h.starts_with("h2")), "{hidden:?}");
        assert_eq!(hidden.iter().filter(|h| *h == "aside.widget widget_custom_html").count(), 1, "the log-in box went too: {hidden:?}");
    }

    /// WordPress's "Recent Posts" widget (`widget_recent_entries`) and lists named "latest
    /// posts" beside an article are related reading whatever their heading's language ("Letzte
    /// Artikel"). Beside a short "article" (a category page's featured excerpt), inside the
    /// article (WordPress's Latest Posts block) or on a page without one (a blog's front page)
    /// such a list may be what the page is, and it stays.
    #[test]
    fn recent_posts_lists_beside_an_article_go() {
        let items: String = (0..6).map(|n| format!("<li><a href=\"/2024/post-{n}\">A fairly long title of the blog's post number {n}</a></li>")).collect();
        let widget = format!("<aside id=\"recent-posts-2\" class=\"widget widget_recent_entries\"><h3 class=\"widget-title\">Letzte Artikel</h3><ul>{items}</ul></aside>");
        let page = |prose: &str, extra: &str| format!("<html><body><div id=\"main\"><article class=\"post\"><h1>Title</h1>{prose}{extra}</article><div id=\"secondary\"><aside class=\"widget widget_text\"><p>About: notes on walking.</p></aside>{widget}</div></div></body></html>");
        let article = PROSE.repeat(6);
        let html = page(&article, "");
        assert!(hidden_blocks(&html).iter().any(|h| h.contains("widget_recent_entries")), "{:?}", hidden_blocks(&html));
        // Beside a short "article" (a category page's featured excerpt) the list may be the page's.
        let short = page(PROSE, "");
        assert!(!hidden_blocks(&short).iter().any(|h| h.contains("widget_recent_entries")), "{:?}", hidden_blocks(&short));
        // Inside the article, WordPress's Latest Posts block is the article's.
        let inside = page(&article, &format!("<ul class=\"wp-block-latest-posts__list wp-block-latest-posts\">{items}</ul>"));
        assert!(!hidden_blocks(&inside).iter().any(|h| h.contains("latest-posts")), "{:?}", hidden_blocks(&inside));
        let front = format!("<html><body><main><h1>My blog</h1><div class=\"latest-posts\"><ul>{items}{items}</ul></div></main></body></html>");
        assert!(hidden_blocks(&front).is_empty(), "{:?}", hidden_blocks(&front));
    }

    /// A related-reading heading over the empty list or slot its script fills later goes with
    /// its wrapper (Ars Technica's "Related Stories" over `ul#story-recs`, beside the sponsored
    /// box; Salon's "You Might Also Like" over Taboola's slots), so no heading is left over
    /// nothing; a heading over a filled list is judged by the list, as before.
    #[test]
    fn related_headings_over_empty_slots_go() {
        let ars = "<footer id=\"article-footer\"><div id=\"recommendations-footer\"><div id=\"story-recommendations\"><div class=\"heading-column\"><h3>Related Stories</h3></div><ul id=\"story-recs\" class=\"rec-wrap\"></ul></div>\
            <div id=\"partner-recommendations\"><div class=\"heading-column\"><h3>Partner Stories</h3><a href=\"https://partner.example/what-is\">Powered by</a></div><ul id=\"partner-recs\"></ul></div>\
            <div id=\"today-stories\"><div class=\"heading-column\"><h3>Today on the site</h3></div><ul id=\"today-recs\" class=\"rec-wrap\"></ul></div></div></footer>";
        let next = "<div class=\"nextArticle\"><a href=\"/2015/01/31/next\"><img src=\"next.jpg\" alt=\"\"><h3>The next story's title</h3><p class=\"button\">Next Article</p></a></div>";
        let salon = "<div class=\"related_stories widget\"><h3>You Might Also Like</h3><div id=\"feed-bottom-main-column\"></div><div id=\"feed-text-2-columns-mix\"></div></div>";
        let more = "<div class=\"horizontalPostList widget\"><h3>More from the desk</h3><ul><li><a href=\"/a\">A first story's title</a></li><li><a href=\"/b\">A second story's title</a></li></ul></div>";
        // Inside the article, "Latest" over an empty box may head a live blog's entries.
        let live = "<section class=\"live-updates\"><h2>Latest</h2><div id=\"liveblog-entries\" data-src=\"/api/live/123\"></div></section>";
        let html = format!("<html><body><div id=\"main\"><article class=\"post\"><h1>Title</h1>{PROSE}{live}{PROSE}{PROSE}</article>{ars}{next}{salon}{more}</div></body></html>");
        let hidden = hidden_with_ids(&html);
        assert!(hidden.iter().any(|h| h == "div#story-recommendations."), "{hidden:?}");
        assert!(hidden.iter().any(|h| h == "div#.related_stories widget"), "{hidden:?}");
        assert!(!hidden.iter().any(|h| h.contains("today") || h.starts_with("article") || h.starts_with("footer") || h.contains("nextArticle") || h.contains("live")), "{hidden:?}");
    }

    /// A clutter word with a number run on is that word ("comments18-wrapper", "related2",
    /// "adbox16"); not "ad" with digits, which hex ids and hashed names spell ("navId-…-4AD0-…"
    /// on a menu's link), and not a content word ("detailContent1" does not make an ad slot
    /// the article's).
    #[test]
    fn numbered_names_read_as_their_word() {
        let items: String = (0..4).map(|n| format!("<li><a href=\"/2024/story-{n}\">A fairly long title of another story, number {n}</a></li>")).collect();
        let html = format!(
            "<html><body><nav><ul class=\"menu\"><li class=\"menuitem-visible\"><a id=\"navId-80E6DEE6-87E4-4AD0-9152-14FA6B07E5AB\" href=\"/pages/politics/\">Politics</a></li><li><a href=\"/pages/world/\">World</a></li></ul></nav>\
             <article><h1>Title</h1>{PROSE}{PROSE}{PROSE}</article>\
             <div class=\"related2\"><ul>{items}</ul></div>\
             <div id=\"comments18-wrapper\"><p>Para comentar debes registrarte.</p><iframe id=\"comments18\" src=\"/comentarios/18\"></iframe></div></body></html>"
        );
        let hidden = hidden_with_ids(&html);
        assert!(hidden.iter().any(|h| h == "div#.related2"), "{hidden:?}");
        assert!(hidden.iter().any(|h| h == "div#comments18-wrapper."), "{hidden:?}");
        assert!(!hidden.iter().any(|h| h.starts_with("li") || h.starts_with("nav") || h.starts_with("ul") || h.starts_with("a")), "{hidden:?}");
    }

    /// WordPress's Jetpack names its blocks with the blog's word: "widget_blog_subscription",
    /// "subscribe-blog". A content word inside a word that says subscribe or newsletter does
    /// not make the sign-up box part of the article; a form named only "signup" beside a
    /// content word (a loan calculator's "page-default-signup") stays. Jetpack's related-posts
    /// shell, a heading its script fills later, goes with the related posts.
    #[test]
    fn blog_subscription_widgets_and_related_shells_go() {
        let widget = "<aside id=\"blog_subscription-3\" class=\"widget widget_blog_subscription jetpack_subscription_widget\"><h2 class=\"widget-title\">Blog per E-Mail folgen</h2>\
            <form action=\"#\" method=\"post\" id=\"subscribe-blog-blog_subscription-3\"><div id=\"subscribe-text\"><p>Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen und per E-Mail Benachrichtigungen über neue Beiträge zu erhalten.</p></div>\
            <p id=\"subscribe-email\"><input type=\"email\" name=\"email\"></p><p id=\"subscribe-submit\"><button type=\"submit\">Folgen</button></p></form></aside>";
        let calculator = "<div class=\"page-default-signup\"><label>Nettokreditbetrag <input type=\"tel\" name=\"kreditbetrag\"></label><select name=\"laufzeit\"><option>12 Monate</option><option>24 Monate</option></select><button type=\"submit\">Jetzt vergleichen</button></div>";
        let shell = "<div id=\"jp-relatedposts\" class=\"jp-relatedposts\"><h3 class=\"jp-relatedposts-headline\"><em>Ähnliche Beiträge</em></h3></div>";
        let html = format!("<html><body><div id=\"main\"><article class=\"post\"><h1>Title</h1><div class=\"entry-content\">{PROSE}{PROSE}{PROSE}{shell}</div></article><div id=\"secondary\" class=\"widget-area\">{widget}</div></div><form class=\"calc\">{calculator}</form></body></html>");
        let hidden = hidden_blocks(&html);
        assert!(hidden.iter().any(|h| h.contains("jetpack_subscription_widget")), "{hidden:?}");
        assert!(hidden.iter().any(|h| h == "div.jp-relatedposts"), "{hidden:?}");
        assert!(!hidden.iter().any(|h| h.contains("signup") || h.contains("calc")), "{hidden:?}");
        // A heading named for a related-posts plugin is a label; a block of the article that
        // holds a picture or a paragraph is not a shell.
        let figure = html.replace("<em>Ähnliche Beiträge</em></h3>", "<em>Ähnliche Beiträge</em></h3><img src=\"a.jpg\" alt=\"\">");
        assert!(!hidden_blocks(&figure).iter().any(|h| h.contains("relatedposts")), "{:?}", hidden_blocks(&figure));
    }

    /// Comment sections named in the corpus's other languages ("kommentare", "comentarios",
    /// "commentaires") go, and so does the line left where a thread would be ("nocomments");
    /// a menu's item that leads to another page named so (a law site's
    /// commentaries) stays, while one that leads to a thread (`#comments`) goes.
    #[test]
    fn comment_sections_in_other_languages_go_and_menu_pages_stay() {
        let html = format!(
            "<html><body><header><ul class=\"menu\"><li class=\"mm-list-path-kommentare\"><a href=\"/kommentare\">Kommentare</a></li>\
             <li class=\"mm-list-path-gesetze\"><a href=\"/gesetze\">Gesetze</a></li><li class=\"kommentare-count\"><a href=\"/urlaub#kommentare\">3 Kommentare</a></li></ul></header>\
             <article><h1>Urlaubsanspruch</h1>{PROSE}{PROSE}{PROSE}</article>\
             <div id=\"kommentare\"><h2>Kommentar schreiben</h2><form><textarea name=\"text\"></textarea><input name=\"name\"><button>Senden</button></form></div>\
             <section class=\"box-aktuelle-kommentare\"><h3>Aktuelle Kommentare</h3><ul><li><a href=\"/a#c1\">Anna zu Urlaub</a></li><li><a href=\"/b#c2\">Ben zu Recht</a></li></ul></section>\
             <p class=\"nocomments\">Kommentarfunktion ist deaktiviert</p></body></html>"
        );
        let hidden = hidden_with_ids(&html);
        assert!(hidden.iter().any(|h| h == "div#kommentare."), "{hidden:?}");
        assert!(hidden.iter().any(|h| h.contains("box-aktuelle-kommentare")), "{hidden:?}");
        assert!(hidden.iter().any(|h| h.contains("kommentare-count")), "{hidden:?}");
        // WordPress's line where a thread would be: "Comments are closed."
        assert!(hidden.iter().any(|h| h == "p#.nocomments"), "{hidden:?}");
        assert!(!hidden.iter().any(|h| h.contains("path-kommentare") || h.contains("ul#.menu") || h.starts_with("header")), "a menu item went: {hidden:?}");
    }

    /// A comment section whose heading bar holds a field to follow replies by email goes whole:
    /// only a sign-up heading stops below such a field.
    #[test]
    fn comment_heading_bars_with_email_fields_take_their_thread() {
        let reply = "<li class=\"c-item\"><div class=\"c-meta\"><b>Reader</b> <time>March 9, 2024</time></div><p>I was at the meeting and I think the library decision was the right one, even if the ring road will now have to wait another year for the repairs it badly needs.</p></li>";
        let html = format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}{PROSE}</article><div class=\"c-wrap\"><div class=\"c-head\"><h3>Comments</h3><form action=\"/follow\"><input type=\"email\" name=\"email\" placeholder=\"Get replies by email\"><button>Follow</button></form></div><ol class=\"c-list\">{reply}{reply}{reply}</ol></div></body></html>");
        let hidden = hidden_blocks(&html);
        assert!(hidden.iter().any(|h| h == "div.c-wrap"), "{hidden:?}");
    }

    /// A box its script fills later (a "Most popular" list, a breaking-news bar, a sign-up
    /// box) goes while still empty, so it never shows; not an icon, a search box's suggestions,
    /// a video player's part, a box in a form or a link, or a related box inside the article.
    /// A label over a list beside it takes the list, not only itself.
    #[test]
    fn empty_shells_of_widgets_go_but_not_icons_or_suggestions() {
        let html = format!(
            "<html><body><div class=\"autosuggest-suggestions\"></div>\
             <article><h1>Title</h1>{PROSE}<div class=\"toolbar\"><div class=\"icon icon-subscribe\"></div><div class=\"icon icon-print\"></div></div>{PROSE}<div class=\"related-articles\"></div>{PROSE}</article>\
             <aside><div id=\"most-popular\"></div><div class=\"video-player\"><div class=\"upnext-tease\"></div></div>\
             <div class=\"newsletter-box\"></div><div class=\"clear\" id=\"clear-before-related\"></div>\
             <form action=\"/send\"><input name=\"mail\"><div class=\"verify-recommendation\"></div></form>\
             <a href=\"/d\"><div class=\"related-headline\"><h3>A card's title</h3></div><img src=\"d.jpg\" alt=\"\"></a>\
             <div class=\"popular-title\"><h3>Most popular</h3></div><ul class=\"stories\"><li><a href=\"/a\">A story of the day</a></li><li><a href=\"/b\">Another story here</a></li><li><a href=\"/c\">The third story</a></li></ul></aside></body></html>"
        );
        let doc = crate::native::parse(&html, None);
        let prep = crate::prepare(&doc);
        let c = crate::decide(&doc, &prep, &crate::Options::default(), false);
        let hid: Vec<NodeId> = c.decisions.iter().filter(|d| matches!(d.action, Action::Hide(_))).map(|d| d.node).collect();
        // Whether the element named `v` (class or id) is hidden, itself or by an ancestor.
        let gone = |v: &str| all_named(&doc, v, |a| hid.contains(&a));
        let names: Vec<String> = hid.iter().map(|&d| format!("{}.{}#{}", doc.name(d), doc.class(d), doc.id_attr(d))).collect();
        assert!(gone("most-popular"), "{names:?}");
        assert!(gone("newsletter-box"), "{names:?}");
        assert!(gone("stories"), "the list under \"Most popular\" stays: {names:?}");
        for v in ["icon icon-subscribe", "clear", "autosuggest-suggestions", "related-articles", "upnext-tease", "toolbar", "verify-recommendation", "related-headline"] {
            assert!(!gone(v), "{v} went: {names:?}");
        }
    }

    /// A comment section's placeholder that its script fills later (WordPress's empty
    /// `#comments`, Facebook's `fb-comments`, a comment service's container) goes while empty:
    /// late content inside the page's article-less fragment is not judged as comments, so this
    /// is where they are caught. Not a comment icon.
    #[test]
    fn empty_comment_placeholders_go_but_not_icons() {
        let html = format!(
            "<html><body><article><h1>Title</h1>{PROSE}{PROSE}</article>\
             <div class=\"meta\"><div class=\"comment-icon\"></div></div><div id=\"respond\"></div>\
             <div class=\"fb-comments\" data-href=\"https://example.com/a\"></div><section class=\"spot-im-comments-container\"></section></body></html>"
        );
        let doc = crate::native::parse(&html, None);
        let prep = crate::prepare(&doc);
        let c = crate::decide(&doc, &prep, &crate::Options::default(), false);
        let hid: Vec<(NodeId, Category)> = c.decisions.iter().filter_map(|d| match d.action { Action::Hide(cat) => Some((d.node, cat)), _ => None }).collect();
        let names: Vec<String> = hid.iter().map(|&(d, _)| format!("{}.{}#{}", doc.name(d), doc.class(d), doc.id_attr(d))).collect();
        let gone = |v: &str| all_named(&doc, v, |a| hid.iter().any(|&(h, cat)| h == a && cat == Category::Comments));
        for v in ["respond", "fb-comments", "spot-im-comments-container"] {
            assert!(gone(v), "{v} stayed: {names:?}");
        }
        assert!(!gone("comment-icon"), "{names:?}");
    }

    /// A compound name reads as its last part: "msm_article_related" and "article-related"
    /// outside the article are related reading whose context is the article. Not inside it
    /// ("article-breaking" with its update links is the story's), and not for sharing or
    /// comment words: a share bar holding a plain-text byline and date, a BEM modifier block
    /// ("post--featured post--social") with its picture and caption, and a post's meta line
    /// with its date in a wrapper named "entry-comments-link-hide-before" (Genesis themes) stay.
    #[test]
    fn compound_names_read_as_their_last_part() {
        let links = "<ul><li><a href=\"/a\">A story of the day</a></li><li><a href=\"/b\">Another story here</a></li><li><a href=\"/c\">The third story</a></li></ul>";
        let share = "<a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Facebook</a> <a href=\"https://twitter.com/intent/tweet?url=x\">Twitter</a>";
        let html = format!(
            "<html><body><article><header><h1>Title</h1><p class=\"entry-meta\"><span class=\"entry-comments-link-hide-before\"><time>6 November 2023</time> | <span class=\"entry-comments-link\"><a href=\"#comments\">3 comments</a></span></span></p>\
             <div class=\"post-meta-share\"><span class=\"author\">By <a href=\"/author/jane/\">Jane Doe</a></span> <span class=\"date\">June 3, 2023</span> {share}</div></header>\
             <div class=\"entry-content\">{PROSE}<div class=\"post--featured post--social\"><a href=\"/photo\"><img src=\"/p.jpg\" width=\"700\" height=\"400\"></a><p class=\"caption\">Photo: Agency</p></div>{PROSE}\
             <div class=\"article-breaking\"><p>Breaking: <a href=\"/u1\">Update one</a>, <a href=\"/u2\">update two</a></p></div>{PROSE}</div></article>\
             <div class=\"msm_article_related\">{links}</div><div class=\"article-related\">{links}</div></body></html>"
        );
        let doc = crate::native::parse(&html, None);
        let c = crate::clean(&doc, &crate::Options::default());
        let hides = |e: NodeId| c.decisions.iter().any(|d| matches!(d.action, Action::Hide(_)) && (d.node == e || doc.contains(d.node, e)));
        let names: Vec<String> = c.decisions.iter().map(|d| format!("{:?} {}.{}", d.action, doc.name(d.node), doc.class(d.node))).collect();
        for v in ["msm_article_related", "article-related"] {
            let e = doc.elements().find(|&e| doc.class(e) == v).unwrap();
            assert!(c.decisions.iter().any(|d| d.node == e && d.action == Action::Hide(Category::Related)), "{v} stayed: {names:?}");
        }
        let kept = [
            doc.elements().find(|&e| doc.tag(e) == Tag::Time).unwrap(),
            doc.elements().find(|&e| doc.class(e) == "author").unwrap(),
            doc.elements().find(|&e| doc.class(e) == "date").unwrap(),
            doc.elements().find(|&e| doc.tag(e) == Tag::Img).unwrap(),
            doc.elements().find(|&e| doc.class(e) == "caption").unwrap(),
            doc.elements().find(|&e| doc.class(e) == "article-breaking").unwrap(),
        ];
        for e in kept {
            assert!(!hides(e), "{}.{} went: {names:?}", doc.name(e), doc.class(e));
        }
    }

    /// A body clipped by its inline style (a declared height or max-height with overflow hidden)
    /// is expanded and its "Read more" goes; a transition's "height" or a line-height is no
    /// height: the button stays, the only way to the story's rest its script shows.
    #[test]
    fn clipped_bodies_are_read_from_declared_heights() {
        let page = |style: &str| format!(
            "<html><body><article><h1>Title</h1><div class=\"entry-content\" style=\"{style}\">{PROSE}{PROSE}</div><button class=\"read-more\">Read more</button>\
             <div class=\"rest\" style=\"display: none\"><p>The rest of the story, which the button shows when pressed, with more about the harbour.</p></div></article></body></html>"
        );
        let expanded = |style: &str| {
            let doc = crate::native::parse(&page(style), None);
            let c = crate::clean(&doc, &crate::Options::default());
            (c.report.expanded, c.decisions.iter().any(|d| d.action == Action::HideControl))
        };
        assert_eq!(expanded("max-height: 300px; overflow: hidden"), (1, true));
        assert_eq!(expanded("HEIGHT:300PX;OVERFLOW:HIDDEN"), (1, true));
        assert_eq!(expanded("overflow: hidden; transition: height .3s ease"), (0, false));
        assert_eq!(expanded("overflow: hidden; line-height: 1.6"), (0, false));
    }

    /// WordPress's Jetpack "Top Posts & Pages" widget (and a stats plugin's "Top Posts from
    /// WordPress stats") is most-read reading: its heading names it, as "Popular posts" does.
    #[test]
    fn top_posts_widgets_go() {
        let item = |n: u32| format!("<li><a href=\"/2024/0{n}/post\">Post number {n} of the year</a></li>");
        let html = format!(
            "<html><body><article><h1>Title</h1>{PROSE}{PROSE}{PROSE}</article><div id=\"secondary\">\
             <aside id=\"top-posts-2\" class=\"widget widget_top-posts\"><h2 class=\"widget-title\">Top Posts &amp; Pages</h2><ul>{}{}{}</ul></aside></div></body></html>",
            item(1), item(2), item(3)
        );
        let doc = crate::native::parse(&html, None);
        let c = crate::clean(&doc, &crate::Options::default());
        let names: Vec<String> = c.decisions.iter().map(|d| format!("{:?} {}.{}", d.action, doc.name(d.node), doc.class(d.node))).collect();
        let list = doc.elements().find(|&e| doc.tag(e) == Tag::Ul).unwrap();
        assert!(c.decisions.iter().any(|d| d.action == Action::Hide(Category::Related) && (d.node == list || doc.contains(d.node, list))), "{names:?}");
    }

    /// A script the words or markup name as clutter is not reported hidden (nothing the reader
    /// sees changes, and the count would overstate), but the box it is all of still goes (or
    /// collapses), so the ad its script fills in later never shows.
    #[test]
    fn scripts_are_not_reported_but_their_slots_go() {
        let html = format!(
            "<html><head><link rel=\"stylesheet\" id=\"social-share-css\" href=\"/s.css\"></head><body><article><h1>Title</h1>{PROSE}{PROSE}</article>\
             <div class=\"slot\"><script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js\"></script></div>\
             <div class=\"widget\" style=\"min-height: 250px\"><script id=\"advanced-ads-responsive-js\" src=\"/ads.js\"></script></div><script id=\"sharing-js-js\">var sharing = 1;</script></body></html>"
        );
        let doc = crate::native::parse(&html, None);
        let c = crate::clean(&doc, &crate::Options::default());
        let named: Vec<String> = c.decisions.iter().map(|d| format!("{:?} {}.{}", d.action, doc.name(d.node), doc.class(d.node))).collect();
        assert!(!c.decisions.iter().any(|d| matches!(doc.tag(d.node), Tag::Script | Tag::Link)), "{named:?}");
        assert_eq!(c.report.hidden, 2, "the two slots: {named:?}");
        for v in ["slot", "widget"] {
            assert!(c.decisions.iter().any(|d| doc.class(d.node) == v), "the ad's {v} stays: {named:?}");
        }
    }

    /// A BEM element is what its name says after "__": "c-article__sharing" is the article's
    /// share bar, not the article ("article" names its block). A block named for sharing that
    /// holds the byline or the date ("byline-social", "mini-info-list-and-share" around a
    /// `data-datetime` date) stays: they are the article's.
    #[test]
    fn bem_elements_are_named_after_the_block_and_bylines_stay() {
        let share = |n: &str| format!("<a href=\"https://www.{n}.com/sharer?u=x\">{n}</a>");
        let html = format!(
            "<html><body><article class=\"c-article\"><h1>The harbour</h1>\
             <div class=\"story-body__mini-info-list-and-share\"><ul><li><div class=\"date\" data-datetime=\"24 July 2015\">24 July 2015</div></li><li><a href=\"/news/us\">US</a></li></ul></div>\
             <div class=\"byline-social\"><span>By Ann Lee</span> <span>9 August 2012</span> <a href=\"/by/ann\">More</a></div>\
             {PROSE}{PROSE}{PROSE}<div class=\"c-article__sharing\"><span>Share this article:</span> <button>Copy link</button></div></article>\
             <div class=\"c-sidebar\"><div class=\"c-article__comment-link\"><a href=\"#comments\">Write a comment</a></div>{}{}</div></body></html>",
            share("facebook"),
            share("twitter")
        );
        let hidden = hidden_blocks(&html);
        assert!(hidden.iter().any(|h| h == "div.c-article__sharing"), "{hidden:?}");
        assert!(hidden.iter().any(|h| h.starts_with("div.c-article__comment-link") || h == "div.c-sidebar"), "{hidden:?}");
        assert!(!hidden.iter().any(|h| h.contains("mini-info") || h.contains("byline") || h.starts_with("article")), "a byline or date went: {hidden:?}");
    }

    /// What a review of the comment, newsletter and empty-box rules found hidden, that is the
    /// page's: an opinion piece's header named "ressort-kommentare" (its headline and
    /// standfirst), a site's menu links to its "Kommentare" section (a link to another page,
    /// not to a thread), a newsletter issue's lede ("newsletter-text" with no field), a blood
    /// test's "crp-result" and an empty "crp-chart" in the article, a "most-read-chart" a
    /// script draws between the article's parts, a trending list's box on a page with no
    /// article found. A link to the thread (`#comments`) still goes.
    #[test]
    fn opinion_headers_menus_issues_and_charts_stay() {
        let none = |html: &str| {
            let hidden = hidden_blocks(html);
            assert!(hidden.is_empty(), "{hidden:?} in {html}");
        };
        none(&format!("<html><body><main><div class=\"kopf ressort-kommentare\"><span class=\"kicker\">Kommentar</span><h1>Die Regierung muss jetzt handeln</h1>\
            <p class=\"teaser\">Die Hafenmauer ist ein Thema, das uns alle angeht, und wir sollten darüber reden, ein Kommentar von Anna Müller.</p></div><div class=\"artikeltext\">{PROSE}{PROSE}{PROSE}{PROSE}</div></main></body></html>"));
        none(&format!("<html><body><main><div class=\"issue\"><h1>Harbour Weekly, issue 42</h1><div class=\"newsletter-text\"><p>Good morning. This week the council finally voted on the harbour wall and we have the numbers for you.</p></div>\
            <div class=\"issue-body\">{PROSE}{PROSE}{PROSE}{PROSE}</div></div></main></body></html>"));
        none(&format!("<html><body><article><h1>What your blood test says</h1>{PROSE}{PROSE}<div class=\"crp-result\"><strong>CRP: 48 mg/L</strong></div>{PROSE}<div id=\"crp-chart\"></div>{PROSE}</article></body></html>"));
        none(&format!("<html><body><main><div class=\"story-header\"><h1>What readers clicked most in 2024</h1></div><div class=\"story-body\">{PROSE}{PROSE}{PROSE}</div>\
            <div class=\"graphic-wrap\"><div id=\"most-read-chart\" class=\"dw-chart\"></div></div><div class=\"story-body\">{PROSE}{PROSE}</div></main></body></html>"));
        none("<html><body><main><h1>Trending this week</h1><div id=\"trending-list\" class=\"trending\"></div></main></body></html>");
        let menus = format!(
            "<html><body><nav><a class=\"nav-link nav-kommentare\" href=\"/kommentare/\">Kommentare</a><a href=\"/politik/\">Politik</a></nav>\
             <ul class=\"menu\"><li class=\"menu-item\"><a class=\"menu-link--kommentare\" href=\"/kommentare/\">Kommentare</a></li>\
             <li class=\"menu-item menu-item-kommentare has-children\"><a href=\"/kommentare/\">Kommentare</a><a href=\"#\" class=\"submenu-toggle\"></a>\
             <ul class=\"sub-menu\"><li><a href=\"/k/politik\">Politik</a></li><li><a href=\"/k/wirtschaft\">Wirtschaft</a></li></ul></li></ul>\
             <article><h1>T</h1>{PROSE}{PROSE}{PROSE}</article><ul class=\"tools\"><li class=\"comments-count\"><a href=\"/a#comments\">3 comments</a></li></ul></body></html>"
        );
        let hidden = hidden_blocks(&menus);
        assert!(!hidden.iter().any(|h| h.contains("kommentare") || h.starts_with("li.menu-item") || h == "ul.menu" || h == "ul.sub-menu"), "a menu item went: {hidden:?}");
        assert!(hidden.iter().any(|h| h == "li.comments-count" || h == "ul.tools"), "{hidden:?}");
    }

    /// An element's label, read in pieces, is the label of its text content.
    #[test]
    fn label_of_is_the_label_of_the_text() {
        let html = "<html><body><div id=a>  12 <b>Com</b>ments<script>x</script> (3)</div><h2 id=b>Editor\u{2019}s <i>Picks</i></h2>\
            <p id=c>- Advert<span>isement</span> -</p><p id=d>\u{420}\u{415}<b>\u{41a}\u{41b}\u{410}\u{41c}\u{410}</b></p><p id=e> </p><p id=f>It's <b>'Read</b> more' 2</p></body></html>";
        let doc = crate::native::parse(html, None);
        let mut seen = 0;
        for i in doc.elements() {
            if !doc.id_attr(i).is_empty() {
                assert_eq!(label_of(&doc, i), normalize_label(&doc.text_content(i)), "#{}", doc.id_attr(i));
                seen += 1;
            }
        }
        assert_eq!(seen, 6);
        assert_eq!(label_of(&doc, doc.elements().find(|&i| doc.id_attr(i) == "a").unwrap()), "comments");
    }

    /// Whether every element whose class or id is `v` (there must be one) is `hidden`, itself
    /// or through an ancestor.
    fn all_named(doc: &Document, v: &str, hidden: impl Fn(NodeId) -> bool) -> bool {
        let named: Vec<NodeId> = doc.elements().filter(|&e| doc.class(e) == v || doc.id_attr(e) == v).collect();
        assert!(!named.is_empty(), "no element named {v}");
        named.iter().all(|&e| std::iter::once(e).chain(doc.ancestors(e)).any(&hidden))
    }

    const PROSE: &str = "<p>The harbour wall was rebuilt in the spring, stone by stone, by a crew of six who had never worked with granite before, and it shows in the best possible way.</p>";

    /// Pictures of the article named for their share buttons ("fig--has-shares", "share-photo")
    /// are the article's pictures; a share bar beside them still goes.
    #[test]
    fn shareable_article_pictures_stay() {
        let html = format!(
            "<html><body><article class=\"story\"><h1>The harbour</h1>{PROSE}\
             <figure class=\"element element-image fig--has-shares\"><img src=\"a.jpg\" alt=\"\"></figure>{PROSE}\
             <figure class=\"share-photo\"><picture><img src=\"b.jpg\" alt=\"\"></picture><a href=\"https://twitter.com/intent/tweet?u=x\">Tweet</a></figure>{PROSE}\
             <div class=\"share-bar\"><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Facebook</a><a href=\"https://twitter.com/intent/tweet?u=x\">Twitter</a></div>{PROSE}</article></body></html>"
        );
        let hidden = hidden_blocks(&html);
        assert!(!hidden.iter().any(|h| h.starts_with("figure")), "an article picture was hidden: {hidden:?}");
        assert!(hidden.iter().any(|h| h == "div.share-bar"), "the share bar stays: {hidden:?}");
    }

    /// The byline and the date are not part of the share bar beside them, nor is a byline
    /// link named for "follow" a follow button; a picture beside an ad slot is not the slot's.
    #[test]
    fn bylines_and_pictures_beside_clutter_stay() {
        let share = |n: &str| format!("<li><a href=\"https://www.{n}.com/sharer?u=x\">{n}</a></li>");
        let html = format!(
            "<html><body><header><h1>The harbour</h1><div class=\"meta\"><div class=\"who\"><a href=\"/by/ann\"><img src=\"ann.jpg\" alt=\"Ann\"></a>\
             <p itemprop=\"author\">By <a href=\"/by/ann\">Ann Lee</a></p></div><ul><li><time datetime=\"2019-02-21\">Feb. 21, 2019</time></li>\
             <li><ul class=\"tools\">{}{}{}{}</ul></li></ul></div>\
             <div class=\"post-meta\"><a class=\"gtm_contributorBylineAvatar contributor-follow-tip\" href=\"/contributor/ann\"><img src=\"ann-small.jpg\" alt=\"\"></a>\
             <a class=\"name-follow-tip byline\" href=\"/contributor/ann\">By Ann Lee</a></div></header>\
             <article>{PROSE}{PROSE}<p class=\"end\"><a href=\"javascript:history.back()\"><img src=\"back.gif\" width=\"175\" height=\"32\" alt=\"Back\"></a>\
             <br><script src=\"https://pagead2.googlesyndication.com/pagead/show_ads.js\"></script></p></article></body></html>",
            share("facebook"),
            share("twitter"),
            share("linkedin"),
            share("reddit")
        );
        let hidden = hidden_blocks(&html);
        let doc = crate::native::parse(&html, None);
        let prep = crate::prepare(&doc);
        let c = crate::decide(&doc, &prep, &crate::Options::default(), false);
        let mask = crate::output::hidden_mask(&doc, &c.decisions);
        let shown = |pred: &dyn Fn(NodeId) -> bool| doc.elements().filter(|&e| pred(e)).all(|e| !std::iter::once(e).chain(doc.ancestors(e)).any(|a| mask[a as usize]));
        assert!(doc.elements().filter(|&e| doc.attr(e, "href").is_some_and(|h| h.contains("sharer"))).all(|e| !shown(&|x| x == e)), "the share bar stays: {hidden:?}");
        assert!(shown(&|e| doc.tag(e) == Tag::Img), "a picture was hidden: {hidden:?}");
        assert!(shown(&|e| doc.tag(e) == Tag::Time || doc.has_attr(e, "itemprop") || doc.has_class(e, "byline")), "the byline or date was hidden: {hidden:?}");
    }

    /// A line of the article that points at another page of the site ("Read also: <a>…</a>")
    /// goes; a line that only starts like one, says more than its link, links elsewhere (a
    /// source, a product) or within the page, a title, and a caption's line stay.
    #[test]
    fn read_also_lines_go_and_look_alikes_stay() {
        let html = format!(
            "<html><body><article><h1><a href=\"/2024/05/watch-the-crane\" rel=\"bookmark\">Watch: the crane lifts the last stone</a></h1>{PROSE}\
             <p class=\"a\">Read also: <a href=\"/2024/05/the-old-lighthouse\">The old lighthouse gets a new keeper</a></p>{PROSE}\
             <p class=\"b\"><a href=\"/2016/01/rich-taxes/index.html\"><span>Related: Rich are paying more in taxes</span></a></p>{PROSE}\
             <div class=\"c\"><strong>Lea también</strong>: <a href=\"/noticias/123\">El puerto abre sus puertas</a></div>{PROSE}\
             <p class=\"d\">Read more: the committee's full report is online, with its appendices and the minutes of every hearing, <a href=\"/report.pdf\">here</a>.</p>\
             <p class=\"e\">Watch: the crane lifts the last stone into place at dawn.</p>\
             <p class=\"f\">Read also: <a href=\"#notes\">the notes below</a></p>{PROSE}\
             <div role=\"note\" class=\"g\">See also: <a href=\"/wiki/Harbours\">List of harbours</a></div>\
             <p class=\"h\">Recommended: <a href=\"https://shop.example.net/boots\">Harbour Boots, size 42</a></p>\
             <figure><img src=\"crane.jpg\" alt=\"\"><figcaption><p class=\"i\">Watch: <a href=\"/video/crane\">the crane at work</a></p></figcaption></figure>\
             <div class=\"j\"><p>Watch: <a href=\"/video/crane-2\">The crane at dawn, in full</a></p><div class=\"player\"></div></div>{PROSE}</article></body></html>"
        );
        let hidden = hidden_blocks(&html);
        for c in ["p.a", "p.b", "div.c", "p."] {
            assert!(hidden.iter().any(|h| h == c), "{c} stays: {hidden:?}");
        }
        for c in ["p.d", "p.e", "p.f", "div.g", "p.h", "p.i", "div.j"] {
            assert!(!hidden.iter().any(|h| h == c), "{c} was hidden: {hidden:?}");
        }
        assert!(!hidden.iter().any(|h| h.starts_with("h1")), "the title was hidden: {hidden:?}");
        // Nor is the player beside a hidden line collapsed with it as an emptied wrapper.
        let doc = crate::native::parse(&html, None);
        let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
        let mask = crate::output::hidden_mask(&doc, &c.decisions);
        let player = doc.elements().find(|&e| doc.has_class(e, "player")).unwrap();
        assert!(!std::iter::once(player).chain(doc.ancestors(player)).any(|a| mask[a as usize]), "the player went");
    }

    /// A sign-up form embedded in the article (Mailchimp's `#mc_embed_signup`) goes even when its
    /// pitch is a sentence of prose (and a box named for a newsletter with an email field, its
    /// pitch and a legal note, goes whole up to 600 characters), and so does a promo line that
    /// is all link; a paragraph of the article in a block named for a newsletter, with no form,
    /// stays, and so does a link named for the newsletter inside a sentence.
    #[test]
    fn signup_forms_in_the_article_go_with_their_pitch() {
        let html = format!(
            "<html><body><article><h1>Plotting in R</h1>{PROSE}{PROSE}\
             <div id=\"mc_embed_signup\"><form id=\"mc-embedded-subscribe-form\" class=\"validate\" action=\"https://x.list-manage.com/subscribe/post\"><div id=\"mc_embed_signup_scroll\">\
             <p>Subscribe to my free statistics newsletter</p><p>Get regular updates on the latest tutorials, offers and news from this site, once a week, and you may opt out at any time you like.</p>\
             <input type=\"email\" name=\"EMAIL\" placeholder=\"email address\"><input type=\"submit\" value=\"Subscribe\"></div></form></div>{PROSE}\
             <div class=\"newsletter-history\"><p>The first newsletter of the harbour society went out in 1921, typed on a borrowed machine and carried from door to door by the secretary's children.</p></div>{PROSE}\
             <p class=\"newsletter-promo\"><a href=\"/newsletters/daily\">Get the Harbour Daily by email and never miss our top stories</a></p>{PROSE}\
             <p>If you want every story, get our <a class=\"newsletter-popup\" href=\"#\">free newsletter</a> and read it over breakfast, as the secretary's grandchildren still do.</p>{PROSE}\
             <div class=\"newsletter-inline\"><div><b>Harbour Daily:</b> <span>Join thousands of readers and get our best stories, exclusive reporting and essential analysis of the day's news from the harbour in your inbox every weekday morning.</span></div>\
             <form><input type=\"email\" aria-label=\"Email address\"><button>Sign Up</button></form><p>By signing up, you agree to receive this newsletter and other updates about the Harbour Daily and its partners' offerings, our Terms of Service (including resolving disputes on an individual basis) and you acknowledge our Privacy Statement.</p></div>{PROSE}</article></body></html>"
        );
        let hidden = hidden_blocks(&html);
        // (A pitch and a legal note of prose length beside the email field: the box, not the form alone.)
        assert!(hidden.iter().any(|h| h == "div.newsletter-inline"), "the sign-up box stays: {hidden:?}");
        assert!(hidden.iter().any(|h| h == "div."), "the sign-up form stays: {hidden:?}");
        assert!(hidden.iter().any(|h| h == "p.newsletter-promo"), "the promo line stays: {hidden:?}");
        assert!(!hidden.iter().any(|h| h.starts_with("a.")), "a link inside a sentence went: {hidden:?}");
        assert!(!hidden.iter().any(|h| h.starts_with("div.newsletter-history") || h == "p."), "the article's paragraph went: {hidden:?}");
    }

    /// A saved copy of a page (no address, or served from another host) still knows its site by
    /// its canonical link: a "Read also" line to another story there goes, one to another site
    /// stays.
    #[test]
    fn read_also_lines_know_the_site_by_the_canonical_link() {
        let html = format!(
            "<html><head><link rel=\"canonical\" href=\"https://www.harbour-news.example/2024/05/crane\"></head><body><article><h1>The crane</h1>{PROSE}\
             <p class=\"a\">Read also: <a href=\"https://www.harbour-news.example/2024/05/the-old-lighthouse\">The old lighthouse gets a new keeper</a></p>{PROSE}\
             <p class=\"b\">Read also: <a href=\"https://www.other-paper.example/2024/05/lighthouse\">The lighthouse, as our neighbours saw it</a></p>{PROSE}</article></body></html>"
        );
        for url in [None, Some("http://127.0.0.1:8080/saved/crane.html"), Some("file:///home/me/crane.html")] {
            let doc = crate::native::parse(&html, url);
            let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
            let hidden: Vec<String> = c.decisions.iter().filter(|d| matches!(d.action, Action::Hide(_))).map(|d| format!("{}.{}", doc.name(d.node), doc.class(d.node))).collect();
            assert!(hidden.iter().any(|h| h == "p.a"), "{url:?}: the line to the site stays: {hidden:?}");
            assert!(!hidden.iter().any(|h| h == "p.b"), "{url:?}: the line to another site went: {hidden:?}");
        }
        // On a site of its own, a page keeps to its address: a syndicated story's canonical link
        // names the agency, whose pages are still another site's.
        let doc = crate::native::parse(&html, Some("https://www.local-paper.example/news/crane"));
        let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
        assert!(!c.decisions.iter().any(|d| matches!(d.action, Action::Hide(_)) && doc.class(d.node) == "a"), "a line to the canonical site went on another site");
    }

    /// A menu's log-in link named for the subscription offer beside it ("log-in-button
    /// subscribe-now") is the site's control and stays, as do a "Mein Konto" item and a link to
    /// the account page; the "Subscribe" item and a sign-up box named so still go.
    #[test]
    fn account_links_stay_beside_subscribe_items() {
        let html = format!(
            "<html><body><header><ul class=\"menu\"><li class=\"menu-item subscribe-now\"><a href=\"/subscribe?ref=nav\">Subscribe</a></li>\
             <li class=\"log-in-button subscribe-now menu-item\"><a href=\"https://www.example.com/login\">Log In</a></li>\
             <li class=\"abo-subscription menu-item\"><a href=\"/konto\">Mein Konto</a></li>\
             <li class=\"subscription-nav menu-item\"><a href=\"/user/account/\">Profile</a></li>\
             <li class=\"menu-item\"><a class=\"nav-item--newsletter\" href=\"https://www.example.com/de/newsletter\">Newsletter</a></li></ul></header>\
             <article><h1>The harbour</h1>{PROSE}{PROSE}{PROSE}</article>\
             <aside><div class=\"newsletter-signup\"><h3>Our newsletter</h3><a href=\"/newsletter\">Sign up</a></div></aside></body></html>"
        );
        let hidden = hidden_blocks(&html);
        assert!(hidden.iter().any(|h| h == "li.menu-item subscribe-now"), "the Subscribe item stays: {hidden:?}");
        assert!(hidden.iter().any(|h| h == "a.nav-item--newsletter" || h == "li.menu-item"), "the newsletter link stays: {hidden:?}");
        assert!(hidden.iter().any(|h| h == "div.newsletter-signup" || h == "aside."), "the sign-up box stays: {hidden:?}");
        for c in ["li.log-in-button", "li.abo-subscription", "li.subscription-nav"] {
            assert!(!hidden.iter().any(|h| h.starts_with(c)), "{c} went: {hidden:?}");
        }
    }

    /// A page's own site, by host: its last two labels, three under a country's second level
    /// (another site of co.uk is not the page's), an IP address whole.
    #[test]
    fn same_site_knows_country_second_levels() {
        let on = |page: &str, href: &str| same_site(&[Some(page)], href);
        assert!(on("https://www.cnn.com/a", "https://money.cnn.com/b"));
        assert!(!on("https://www.cnn.com/a", "https://www.cnbc.com/b"));
        assert!(on("https://www.bbc.co.uk/news/a", "https://bbc.co.uk/sport/b"));
        assert!(on("https://www.bbc.co.uk/news/a", "https://news.BBC.co.uk/b"));
        assert!(!on("https://www.bbc.co.uk/news/a", "https://www.itv.co.uk/b"));
        assert!(!on("https://www.abc.net.au/a", "https://www.smh.net.au/b"));
        assert!(on("https://www.abc.net.au/a", "/news/b"));
        assert!(!on("https://example.de/a", "https://other.de/b"));
        assert!(on("https://shop.example.de/a", "https://example.de/b"));
        assert!(!on("http://10.0.0.1/a", "http://127.0.0.1/b"));
        assert!(on("http://127.0.0.1:8080/a", "http://127.0.0.1/b"));
        assert!(!on("https://example.co/a", "https://other.co/b"));
        assert!(on("http://[::1]:8080/a", "http://[::1]/b"));
        assert!(!on("http://[::1]:8080/a", "http://[::2]/b"));
    }

    /// Account pages by a segment of the link's path, however it is spelled; not by its host,
    /// query or fragment.
    #[test]
    fn account_paths() {
        for h in ["/login", "https://www.example.com/log-in?next=/", "/users/sign_in", "/signIn", "/accounts/", "/my-account", "login", "//www.example.com/user/logout"] {
            assert!(path_names(h, ACCOUNT_WORDS), "{h}");
        }
        for h in ["https://account.example.com/subscribe", "/subscribe#login", "/subscribe?return=/login", "/newsletter", "//login.example.com/x", "", "/", "/accountancy-news"] {
            assert!(!path_names(h, ACCOUNT_WORDS), "{h}");
        }
    }

    /// A discussion's page by its address (its comments stay); an article's address, with its
    /// comments named in the query or fragment, is not one. (A section named "comment", an
    /// opinion page's `/comment/`, is taken for one: its comments then stay, nothing is lost.)
    #[test]
    fn discussion_pages_by_address() {
        for u in [
            "https://www.reddit.com/r/Sourdough/comments/1b9xk2q/my_starter/",
            "https://news.ycombinator.com/item?id=39512345",
            "https://forums.example.com/threads/rear-brake-bleed.48213/",
            "https://discourse.example.org/t/slow-builds/1234/5",
            "https://stackoverflow.com/questions/123/how-to",
            "https://github.com/o/r/issues/42",
            "https://github.com/o/r/discussions/7",
        ] {
            assert!(path_names(u, DISCUSSION_WORDS), "{u}");
        }
        for u in ["https://www.example.com/news/2024/story#comments", "https://www.example.com/story?comments=1", "https://blog.example.com/2024/05/post/", "https://www.example.com/tag/climate-change"] {
            assert!(!path_names(u, DISCUSSION_WORDS), "{u}");
        }
        let page = |url: &str| {
            let html = format!("<html><body><article><h1>Title</h1>{PROSE}{PROSE}{PROSE}</article><div id=\"comments\" class=\"comments\"><h2>Comments</h2><ol class=\"commentlist\"><li class=\"comment\"><p>First reply to the post, with a thought of its own about the harbour.</p></li><li class=\"comment\"><p>Second reply, which disagrees with the first one about the granite.</p></li></ol></div></body></html>");
            hidden_at(&html, Some(url), false).len()
        };
        assert_eq!(page("https://forums.example.com/threads/harbour.1/"), 0, "a thread's replies went");
        assert!(page("https://www.example.com/2024/harbour/") > 0, "an article's comments stayed");
    }

    /// Outside the article a list headed "Neueste Beiträge", "Ähnliche Artikel", "Lo más
    /// leído" (more reading, in the languages the reader view knows) goes; a menu whose items
    /// read "Aktuelle Artikel" or "Newsletter", a tab "Lo más reciente" and the page's h1 stay.
    #[test]
    fn more_reading_lists_go_and_menus_stay() {
        let list = |n: &str| format!("<ul><li><a href=\"/{n}/1\">Ein Beitrag über den Hafen</a></li><li><a href=\"/{n}/2\">Noch ein Beitrag</a></li><li><a href=\"/{n}/3\">Und ein dritter</a></li></ul>");
        let html = format!(
            "<html><body><header><ul class=\"menu\"><li><a href=\"/thema/aktuelles\">Aktuelle Artikel</a></li><li><a href=\"/faktencheck\">Faktencheck</a></li>\
             <li><a href=\"/newsletter\">Newsletter</a></li><li><a href=\"/impressum\">Impressum</a></li></ul>\
             <ul role=\"tablist\" class=\"tabs\"><li role=\"presentation\"><a href=\"#stream\" role=\"tab\">Lo más reciente</a></li><li><a href=\"#search\" role=\"tab\">Buscar</a></li></ul></header>\
             <h1>Aktuelle Artikel</h1><article><h2>Der Hafen</h2>{PROSE}{PROSE}{PROSE}</article>\
             <aside><div class=\"w1\"><h3>Neueste Beiträge</h3>{}</div><div class=\"w2\"><h3>Ähnliche Artikel</h3>{}</div><div class=\"w3\"><h3>Lo más leído</h3>{}</div></aside></body></html>",
            list("a"),
            list("b"),
            list("c")
        );
        let hidden = hidden_blocks(&html);
        for w in ["w1", "w2", "w3"] {
            assert!(hidden.iter().any(|h| h.ends_with(&format!(".{w}"))), "{w} stays: {hidden:?}");
        }
        assert!(!hidden.iter().any(|h| h.starts_with("h1") || h.starts_with("li.") || h.starts_with("ul.menu") || h.starts_with("ul.tabs")), "a menu, a tab or the title went: {hidden:?}");
    }

    /// A menu item whose label sits inside its one link (`li > a > div`, `li > a > span`, as
    /// page builders write them) heads nothing either: a footer menu "Newsletter, Impressum,
    /// Datenschutz" stays whole. A share bar whose items are labelled the same way still goes
    /// (its links lead to other sites), and so does a list headed by a label in a link to "#".
    #[test]
    fn labels_inside_menu_links_head_nothing() {
        let html = format!(
            "<html><body><header><ul class=\"menu\"><li class=\"menu-item\"><a href=\"/category/breaking-news/\"><div class=\"menu-item-text\">Breaking News</div></a></li>\
             <li class=\"menu-item\"><a href=\"/category/local/\"><div class=\"menu-item-text\">Local News</div></a></li><li class=\"menu-item\"><a href=\"/category/crime/\"><div class=\"menu-item-text\">Crime</div></a></li></ul></header>\
             <article><h1>Der Hafen</h1>{PROSE}{PROSE}{PROSE}\
             <ul class=\"share\"><li><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\"><span class=\"label\">Share</span></a></li><li><a href=\"https://twitter.com/intent/tweet?u=x\"><span class=\"label\">Tweet</span></a></li><li><a href=\"mailto:?body=x\"><span class=\"label\">Email</span></a></li></ul></article>\
             <div class=\"toc\"><ul><li><a href=\"#\">Mehr zum Thema</a><ul><li><a href=\"/a\">Ein Beitrag über den Hafen</a></li><li><a href=\"/b\">Noch ein Beitrag</a></li><li><a href=\"/c\">Und ein dritter</a></li></ul></li></ul></div>\
             <footer><ul class=\"links\"><li><a href=\"/newsletter\"><span>Newsletter</span></a></li><li><a href=\"/impressum\"><span>Impressum</span></a></li><li><a href=\"/datenschutz\"><span>Datenschutz</span></a></li></ul></footer></body></html>"
        );
        let hidden = hidden_blocks(&html);
        assert!(!hidden.iter().any(|h| h.starts_with("li.menu-item") || h.starts_with("div.menu-item-text") || h.starts_with("ul.menu") || h.starts_with("ul.links") || h.starts_with("li.") || h.starts_with("span.")), "a menu item went: {hidden:?}");
        let doc = crate::native::parse(&html, None);
        let c = crate::decide(&doc, &crate::prepare(&doc), &crate::Options::default(), false);
        let mask = crate::output::hidden_mask(&doc, &c.decisions);
        let with = |t: &str| doc.elements().filter(|&e| doc.text_content(e).trim() == t).collect::<Vec<_>>();
        let gone = |t: &str| with(t).into_iter().all(|e| std::iter::once(e).chain(doc.ancestors(e)).any(|a| mask[a as usize]));
        assert!(["Share", "Tweet", "Mehr zum Thema", "Noch ein Beitrag", "Breaking News", "Crime", "Newsletter", "Impressum", "Datenschutz"].iter().all(|t| !with(t).is_empty()));
        for t in ["Share", "Tweet", "Mehr zum Thema", "Noch ein Beitrag"] {
            assert!(gone(t), "{t} stays: {hidden:?}");
        }
        for t in ["Breaking News", "Crime", "Newsletter", "Impressum", "Datenschutz"] {
            assert!(!gone(t), "{t} went: {hidden:?}");
        }
    }

    /// A page whose body is scroll-locked by a fixed box the detector does not recognise.
    fn locked_page() -> Document {
        let mut doc = crate::native::parse(
            "<html><body><main><h1>Title</h1><p>Paragraph one of the article, long enough to read as prose for the locator to find.</p></main>\
             <div id=\"gate\"><p>Choose your edition</p></div></body></html>",
            None,
        );
        let body = doc.find(crate::dom::Tag::Body).unwrap();
        let gate = doc.elements().find(|&e| doc.id_attr(e) == "gate").unwrap();
        doc.set_layout(body, Layout { x: 0.0, y: 0.0, width: 1280.0, height: 3000.0, flags: Layout::CLIPPED });
        doc.set_layout(gate, Layout { x: 300.0, y: 200.0, width: 600.0, height: 300.0, flags: Layout::FIXED });
        doc
    }

    fn unlocked(opts: &crate::Options) -> bool {
        let doc = locked_page();
        let prep = crate::prepare(&doc);
        crate::decide(&doc, &prep, opts, false).decisions.iter().any(|d| d.action == Action::Unlock)
    }

    #[test]
    fn hiding_by_a_site_rule_unlocks_scrolling() {
        let none = crate::Options::new(CategorySet::default_on(), &[], &[]).unwrap();
        assert!(!unlocked(&none), "nothing hidden, nothing unlocked");
        let rule = crate::Options::new(CategorySet::default_on(), &["#gate".to_string()], &[]).unwrap();
        assert!(unlocked(&rule), "the block a rule hides may be what locked the page");
        assert!(hid_an_overlay(&[Decision { node: 3, action: Action::HideByRule, rule: Rule::SiteRule }]));
        assert!(!hid_an_overlay(&[Decision { node: 3, action: Action::Hide(Category::Ads), rule: Rule::SiteRule }]));
    }

    /// A comment thread a script adds after the clean is decided without the page's article
    /// (late content has none of its own): beside the article, a block named for comments goes
    /// when it is shaped like a thread or holds no prose and nothing of an article. A late
    /// block named for comments that holds prose but no thread stays, and so do a late story's
    /// figure and table, late content inside the article or with an h1, and a thread that
    /// comes right after the reader's own input. A page of nothing but comments keeps them
    /// (they are its article) and says it is a page of replies.
    #[test]
    fn late_comment_threads_go() {
        let comment = |k: u32| format!("<li class=\"comment\" id=\"comment-{k}\"><p>{}</p></li>", "I read this and I think the argument holds, mostly. ".repeat(3));
        let thread = format!("<section class=\"comments-area\" id=\"thread\"><h3>3 Comments</h3><ol class=\"comment-list\">{}{}{}</ol></section>", comment(1), comment(2), comment(3));
        let bar = "<div class=\"comment-count\" id=\"bar\"><a href=\"#respond\">12 comments</a></div>";
        let note = format!("<div class=\"comment-policy\" id=\"note\"><p>{}</p></div>", "We read every comment before it appears, and we keep the discussion civil and on topic. ".repeat(2));
        let form = "<div id=\"comments\"><h3>Leave a reply</h3><form><textarea name=\"c\"></textarea><button>Post</button></form></div>";
        let hidden_after = |html: &str, inside: bool, late: bool, opened: bool| -> Vec<String> {
            let doc = crate::native::parse(html, None);
            let prep = crate::prepare_in(&doc, late);
            let opts = crate::Options::default();
            let c = if late { crate::decide_fragment(&doc, &prep, &opts, inside, opened) } else { crate::decide(&doc, &prep, &opts, false) };
            c.decisions.iter().filter(|d| matches!(d.action, Action::Hide(_))).map(|d| doc.id_attr(d.node).to_string()).collect()
        };
        let hidden = |html: &str, inside: bool, late: bool| hidden_after(html, inside, late, false);
        // Right after the reader's own input ("Show comments") the thread they asked for stays,
        // and so does a thread with an h1 (a forum or Q&A page rendered late).
        assert!(hidden_after(&format!("<html><body>{thread}</body></html>"), false, true, true).is_empty());
        let titled = thread.replace("<h3>3 Comments</h3>", "<h1>Why does the build fail?</h1>");
        assert!(hidden(&format!("<html><body>{titled}</body></html>"), false, true).is_empty());
        let outside = hidden(&format!("<html><body>{thread}{bar}{note}</body></html>"), false, true);
        assert!(outside.contains(&"thread".to_string()) && outside.contains(&"bar".to_string()), "{outside:?}");
        assert!(!outside.contains(&"note".to_string()), "prose without a thread went: {outside:?}");
        // Beside the article, a short story under a "Responses" heading (a figure and a table,
        // no prose) and a block named for comments that holds only a table stay.
        let story = "<article class=\"story\" id=\"story\"><h2>Responses to the heatwave, in three charts</h2><figure><img src=\"c.png\" width=\"600\" height=\"300\"><figcaption>Cooling centres opened each day in the five largest cities since June.</figcaption></figure>\
            <table><tr><th>City</th><th>Centres</th></tr><tr><td>Lyon</td><td>14</td></tr><tr><td>Nice</td><td>9</td></tr></table></article>";
        let table = "<div class=\"comments-table\" id=\"figures\"><table><tr><th>Month</th><th>Readers who wrote in</th></tr><tr><td>June</td><td>1,240</td></tr><tr><td>July</td><td>2,310</td></tr></table></div>";
        let material = hidden(&format!("<html><body>{story}{table}</body></html>"), false, true);
        assert!(material.is_empty(), "a late story's figure or table went: {material:?}");
        // Inside the article late content is left as before: on a forum's page of replies it is
        // more of them.
        let inside = hidden(&format!("<html><body>{form}{note}</body></html>"), true, true);
        assert!(inside.is_empty(), "{inside:?}");
        let page = hidden(&format!("<html><body>{thread}</body></html>"), false, false);
        assert!(page.is_empty(), "a page of comments lost {page:?}");
        // A page of replies says so (`replies`: its later additions are more of them, not
        // comments beside an article); an article with comments below it does not.
        let replies = |html: &str| crate::prepare(&crate::native::parse(html, None)).replies;
        assert!(replies(&format!("<html><body>{thread}</body></html>")));
        assert!(!replies(&format!("<html><body><article><h1>A story</h1>{PROSE}{PROSE}</article>{thread}</body></html>")));
    }

    /// A box over the page that arrives late: a modal the page shows by itself goes; the same
    /// box right after the reader's own click (a lightbox, a menu) stays. An ad that comes in
    /// the same batch goes either way.
    #[test]
    fn a_box_the_reader_opened_stays_and_an_ad_with_it_goes() {
        let mut doc = crate::native::parse(
            "<html><body><div id=\"box\" role=\"dialog\" aria-modal=\"true\"><img src=\"big.jpg\" alt=\"\"><button>Close</button></div>\
             <div id=\"ad\" class=\"ad-slot\"><span>Advertisement</span></div></body></html>",
            None,
        );
        let box_ = doc.elements().find(|&e| doc.id_attr(e) == "box").unwrap();
        doc.set_layout(box_, Layout { x: 0.0, y: 0.0, width: 1280.0, height: 800.0, flags: Layout::FIXED });
        doc.viewport = Some((1280.0, 800.0));
        let prep = crate::prepare(&doc);
        let opts = crate::Options::default();
        let hidden = |opened: bool| -> Vec<String> {
            crate::decide_fragment(&doc, &prep, &opts, false, opened)
                .decisions
                .iter()
                .filter(|d| matches!(d.action, Action::Hide(_)))
                .map(|d| doc.id_attr(d.node).to_string())
                .collect()
        };
        let by_page = hidden(false);
        assert!(by_page.contains(&"box".to_string()) && by_page.contains(&"ad".to_string()), "{by_page:?}");
        let by_user = hidden(true);
        assert!(!by_user.contains(&"box".to_string()), "the box the reader opened was hidden: {by_user:?}");
        assert!(by_user.contains(&"ad".to_string()), "{by_user:?}");
    }
}
