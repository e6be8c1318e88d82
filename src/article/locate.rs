//! Where the article is: content scoring in the spirit of Readability (prose paragraphs vote for
//! their ancestors; class and id words and link density adjust the vote), on the shared model.

use crate::analysis::Analysis;
use crate::clutter::patterns::{for_each_token, CONTENT_TOKENS};
use crate::dom::{Document, NodeId, Tag};

/// Class/id words that make a container less likely to be the article (Readability's "negative").
pub const NEGATIVE_TOKENS: &[&str] = &[
    "hidden", "hid", "banner", "combx", "comment", "comments", "contact", "footer", "footnote",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "taboola", "ad", "ads",
    "advert", "nav", "menu", "breadcrumb", "breadcrumbs", "pagination", "pager", "popup", "social",
    "trending", "recommended", "newsletter", "subscribe", "aside", "rail",
];

const NEGATIVE: u8 = 1;
const CONTENT: u8 = 2;
const COMMENT: u8 = 4;

/// What the words of a class or id say: [`NEGATIVE`], [`CONTENT`], [`COMMENT`] (reader
/// comments: "comment", "comments", "commentlist", not after "has", "with", "no" or
/// "without", which describe a container).
fn word_flags(value: &str) -> u8 {
    let mut f = 0;
    let mut modifier = false;
    for_each_token(value, |t| {
        if NEGATIVE_TOKENS.contains(&t) {
            f |= NEGATIVE;
        }
        if CONTENT_TOKENS.contains(t) {
            f |= CONTENT;
        }
        if !modifier && matches!(t, "comment" | "comments" | "commentlist") {
            f |= COMMENT;
        }
        modifier = matches!(t, "has" | "with" | "no" | "without");
        false
    });
    f
}

/// An id that names a thread of comments or one of them: "comments", "commentlist",
/// "postComments", "comments-section", "comment-list", "comment-9257", "div-comment-12" (a
/// word ending in "comments"; "comment" followed by a number; "comment" alone or followed by a
/// container's word, with nothing before it). Not a heading's slug such as
/// "comment-installer-x" (French "how") or "line-comment"; "block-comments" is told apart by
/// its heading (see `comment_named`).
pub fn comment_id(id: &str) -> bool {
    let (mut before, mut prev_comment, mut modifier, mut found) = (false, false, false, None);
    for_each_token(id, |t| {
        if prev_comment {
            let number = t.bytes().all(|b| b.is_ascii_digit());
            found = Some(number || (!before && matches!(t, "list" | "section" | "area" | "thread" | "wrap" | "wrapper" | "container" | "box")));
            return true;
        }
        if matches!(t, "comments" | "commentlist") {
            // ("has-comments", "no-comments" describe a container.)
            found = Some(!modifier);
            return true;
        }
        modifier = matches!(t, "has" | "with" | "no" | "without");
        prev_comment = t == "comment";
        before |= !prev_comment && t != "div";
        false
    });
    // ("comment" as the last word: an item's id, unless a word came before it.)
    found.unwrap_or(prev_comment && !before)
}

/// +25 per attribute (class, id) that has a content word, -25 per attribute with a negative one.
pub fn class_weight(doc: &Document, id: NodeId) -> f32 {
    let mut w = 0.0;
    for value in [doc.class(id), doc.id_attr(id)] {
        let f = word_flags(value);
        if f & NEGATIVE != 0 {
            w -= 25.0;
        }
        if f & CONTENT != 0 {
            w += 25.0;
        }
    }
    w
}

fn tag_weight(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th => -5.0,
        _ => 0.0,
    }
}

/// Elements whose text scores: paragraphs, cells, preformatted blocks, and text-only divs.
fn scorable(doc: &Document, id: NodeId) -> bool {
    match doc.tag(id) {
        Tag::P | Tag::Td | Tag::Pre | Tag::Blockquote => true,
        Tag::Div | Tag::Section | Tag::Span | Tag::Font | Tag::Center | Tag::Li | Tag::Dd => {
            // Leaf-ish blocks: text directly inside, no block children.
            !doc.children(id).any(|c| doc.is_element(c) && doc.tag(c).is_block())
                && doc.children(id).any(|c| doc.has_words(c))
        }
        _ => false,
    }
}

/// Named as a thread of reader comments or one of them (by a class: `ol.commentlist`,
/// `li.comment`; by an id: see [`comment_id`]), with no content word and no h1 (a thread does
/// not hold the page's title): its paragraphs are the readers', not the article's. An id that
/// is its first heading's slug ("block-comments" over "Block Comments") names a section about
/// comments; an `<article>` or `<main>` named "comment" is an opinion piece.
fn comment_named(doc: &Document, id: NodeId) -> bool {
    if matches!(doc.tag(id), Tag::Article | Tag::Main | Tag::Body | Tag::Html) {
        return false;
    }
    let (class, name) = (word_flags(doc.class(id)), doc.id_attr(id));
    if (class & COMMENT == 0 && !(comment_id(name) && !heading_slug(doc, id, name))) || (class | word_flags(name)) & CONTENT != 0 {
        return false;
    }
    !(id..doc.node(id).end).any(|d| doc.is_element(d) && doc.tag(d) == Tag::H1)
}

/// Is `name` the slug of the first heading inside `id` (its ASCII words, case and punctuation
/// aside: "block-comments", "Block_Comments" of "Block Comments")?
pub fn heading_slug(doc: &Document, id: NodeId, name: &str) -> bool {
    let Some(h) = (id..doc.node(id).end).find(|&d| doc.is_element(d) && matches!(doc.tag(d), Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)) else {
        return false;
    };
    // (ASCII words, compared in step: Unicode's case tables would weigh more than the rest.)
    let heading = crate::clutter::patterns::label_of(doc, h);
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty())
    }
    let (mut a, mut b, mut any) = (words(name), words(&heading), false);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return any,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => any = true,
            _ => return false,
        }
    }
}

/// Is `i` inside a comment thread (see [`comment_named`])? Memoised per element in `memo`
/// (0 not known, 1 no, 2 yes); `path` is scratch.
fn in_comments(doc: &Document, memo: &mut [u8], path: &mut Vec<NodeId>, i: NodeId) -> bool {
    path.clear();
    let mut a = Some(i);
    let mut state = false;
    while let Some(x) = a {
        if memo[x as usize] != 0 {
            state = memo[x as usize] == 2;
            break;
        }
        if !doc.is_element(x) || matches!(doc.tag(x), Tag::Body | Tag::Html) {
            break;
        }
        path.push(x);
        a = doc.parent(x);
    }
    for &x in path.iter().rev() {
        state = state || comment_named(doc, x);
        memo[x as usize] = if state { 2 } else { 1 };
    }
    state
}

/// Content scores of candidate containers, by node (0 where not a candidate). With `mute`, the
/// paragraphs of reader comments give no vote (a long discussion outweighs the post it follows).
pub fn scores(doc: &Document, an: &Analysis, mute: bool) -> (Vec<f32>, Vec<NodeId>) {
    let n = doc.len();
    let mut muted = Vec::new();
    let mut score = vec![0.0f32; n];
    let mut init = vec![false; n];
    let mut memo = if mute { vec![0u8; n] } else { Vec::new() };
    let mut path = Vec::new();
    let body = doc.body();
    for i in doc.descendants(body) {
        if !doc.is_element(i) || an.invisible[i as usize] || !scorable(doc, i) {
            continue;
        }
        let s = an.get(i);
        if s.text < 25 {
            continue;
        }
        if mute && in_comments(doc, &mut memo, &mut path, i) {
            muted.push(i);
            continue;
        }
        let content = 1.0 + s.commas as f32 + (s.text as f32 / 100.0).floor().min(3.0);
        for (level, a) in doc.ancestors(i).take(5).enumerate() {
            if !doc.is_element(a) {
                break;
            }
            let au = a as usize;
            if !init[au] {
                init[au] = true;
                score[au] = tag_weight(doc.tag(a)) + class_weight(doc, a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[au] += content / div;
        }
    }
    for i in 0..n {
        if init[i] {
            score[i] *= 1.0 - an.stats[i].link_density();
        } else {
            score[i] = 0.0;
        }
    }
    (score, muted)
}

/// The element most likely to hold the article, or `None` when the page has no prose at all.
/// Reader comments vote too when, without them, the best block's own prose (its paragraphs of
/// 25 characters or more, comments aside) is under 80 characters or less than the comments'
/// before it: a page of replies (a forum, a link post's discussion, an issue whose first post is
/// named as a comment too); `replies` then says so. Not in `late` content (added after the
/// page's clean, whose article is elsewhere): a thread a script adds is never an article.
pub fn locate(doc: &Document, an: &Analysis, late: bool, replies: &mut bool) -> Option<NodeId> {
    let mut score = Vec::new();
    let mut best: Option<NodeId> = None;
    let mut best_score = 0.0f32;
    for mute in [true, false] {
        *replies = !mute;
        let muted;
        (score, muted) = scores(doc, an, mute);
        best = None;
        best_score = 0.0;
        for (i, &s) in score.iter().enumerate() {
            if s > best_score {
                best_score = s;
                best = Some(i as NodeId);
            }
        }
        // Its own prose and where it starts (node ids number a subtree in a run), against the
        // comments' before that.
        let stands = |b: NodeId| {
            let (mut own, mut start) = (0, None);
            for d in b..doc.node(b).end {
                if doc.is_element(d) && !an.invisible[d as usize] && scorable(doc, d) && an.get(d).text >= 25 && muted.binary_search(&d).is_err() {
                    own += an.get(d).text;
                    start.get_or_insert(d);
                }
            }
            let before: u32 = muted.iter().take_while(|&&m| start.is_some_and(|s| m < s)).map(|&m| an.get(m).text).sum();
            own >= 80 && before <= own
        };
        if late || muted.is_empty() || best.is_some_and(stands) {
            break;
        }
    }
    let mut top = best?;
    // Several strong candidates under one ancestor: the article spans them (Readability's
    // "alternative candidates" step).
    // The five best other candidates within 75 % of the top one (kept in order, no sort).
    let mut alts: Vec<NodeId> = Vec::with_capacity(6);
    for i in 0..score.len() as NodeId {
        let si = score[i as usize];
        // Other candidates: the top one's ancestors and descendants score from its own
        // paragraphs and say nothing about the article spanning several blocks.
        if i == top || si < best_score * 0.75 || doc.contains(i, top) || doc.contains(top, i) {
            continue;
        }
        let at = alts.iter().position(|&a| score[a as usize] < si).unwrap_or(alts.len());
        if at < 5 {
            alts.insert(at, i);
            alts.truncate(5);
        }
    }
    if alts.len() >= 3 {
        let mut p = doc.parent(top);
        while let Some(a) = p {
            if doc.tag(a) == Tag::Body || !doc.is_element(a) {
                break;
            }
            if alts.iter().filter(|&&c| doc.contains(a, c)).count() >= 3 {
                top = a;
                break;
            }
            p = doc.parent(a);
        }
    }
    // A lone child of its parent: the parent is the container.
    while let Some(p) = doc.parent(top) {
        if !doc.is_element(p) || matches!(doc.tag(p), Tag::Body | Tag::Html) {
            break;
        }
        let element_kids = doc.children(p).filter(|&c| doc.is_element(c) && an.get(c).text > 0).count();
        if element_kids == 1 && an.get(p).text <= an.get(top).text + 20 {
            top = p;
        } else {
            break;
        }
    }
    Some(top)
}

#[cfg(test)]
mod tests {
    use super::comment_id;

    #[test]
    fn comment_ids_are_threads_and_items_not_slugs() {
        // ("block-comments" passes here: a heading's slug is told apart by its heading.)
        for id in ["comments", "commentlist", "commentList", "postComments", "post-comments", "comments-section", "comment-list", "comment-9257", "div-comment-12", "comment", "li-comment-3", "block-comments"] {
            assert!(comment_id(id), "{id}");
        }
        for id in ["comment-installer-x", "comment-faire", "line-comment", "leave-a-comment", "no-comment", "no-comments", "has-comments", "respond", "", "commentary"] {
            assert!(!comment_id(id), "{id}");
        }
    }
}
