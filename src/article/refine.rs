//! What the reader does beyond Readability, on its result: boilerplate that Readability keeps
//! inside the article ("Read more: …" link lines, "Related"/"Comments" sections announced by a
//! heading, share prompts) goes.

use super::readability::inner_len;
use super::tree::Tree;
use crate::clutter::patterns::{self as pat, for_each_token};
use crate::dom::{NodeId, Tag};

/// Class/id words of blocks that are never the article's text, beyond Readability's lists:
/// page furniture around a post (author boxes, tags, post meta, ratings, pagination, print and
/// share tools) in addition to the clutter detector's comment, related, social, newsletter,
/// sponsored and ad words.
const FURNITURE: &[&str] = &[
    "author", "authorbox", "authorbio", "bio", "postmeta", "entrymeta", "postmetadata", "meta", "tags", "tagcloud", "taglist", "categories", "breadcrumb",
    "breadcrumbs", "pagination", "pager", "nav", "navigation", "navbar", "menu", "rating", "ratings", "print", "toolbar", "utility", "copyright", "disclaimer", "disclosure",
    "sidebar", "promo", "login", "signin", "entryfooter", "postfooter", "footer", "cta", "subscribe", "donate", "donation",
    "licenceinfo", "authorinfo", "saboxplugin", "masthead", "branding", "sitename", "kommentar", "kommentare", "comentarios", "commentaires",
];

/// Class/id words of teasers: cards and lists that point to other pages. They go when they
/// link out (a standfirst named "teaser" holds no links).
const TEASER: &[&str] = &[
    "teaser", "teasers", "teaserlist", "nextstory", "nextpost", "relatedlinks", "interlinking", "readmore", "morelinks", "listposts", "postlist",
    "factbox", "linkbox", "kasten", "aktionsbutton", "cta", "promo", "promobox",
];

fn teaser(t: &Tree, id: NodeId) -> bool {
    if !has_token(t, id, TEASER) {
        return false;
    }
    let len = inner_len(t, id);
    // A card that is a link itself (holding blocks: a figure, a heading), not a link in a sentence.
    let card_link = t.tag(id) == Tag::A && t.descendants(id).any(|d| t.is_element(d) && t.tag(d).is_block());
    let links = if card_link { len } else { link_len(t, id) };
    // A list of teaser cards, linked or not.
    let cards = t.element_children(id).filter(|&c| has_token(t, c, TEASER)).count() >= 2;
    len > 0 && links * 5 >= len && len < 1500 || (links > 0 && len < 200) || cards && len < 3000 && !has_prose(t, id)
}

/// 0: not furniture; 1: named furniture; 2: named an ad slot (never holding prose).
fn furniture(t: &Tree, id: NodeId) -> u8 {
    if heading_level(t, id).is_some() {
        return 0;
    }
    // A navigation bar or menu (a table of contents is one too), unless it holds prose.
    if teaser(t, id) || t.tag(id) == Tag::Nav && !has_prose(t, id) {
        return 1;
    }
    let mut hit = 0;
    for v in [t.class(id), t.id_attr(id)] {
        if v.is_empty() {
            continue;
        }
        // Ids made from a heading's words ("the-most-popular-tools") name nothing.
        let mut count = 0;
        for_each_token(v, |_| {
            count += 1;
            false
        });
        if count > 4 && v == t.id_attr(id) {
            continue;
        }
        // "has-shares", "with-comments", "no-related" describe a block that has (or lacks)
        // one, not one (a picture with its share buttons: "fig--has-shares").
        let mut prev_has = false;
        for_each_token(v, |tok| {
            if std::mem::replace(&mut prev_has, matches!(tok, "has" | "with" | "no" | "without")) {
                return false;
            }
            // Numbered variants name the same thing ("cta3", "sidebar2").
            let tok = match tok.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "" => tok,
                t => t,
            };
            if FURNITURE.contains(&tok)
                || pat::COMMENT_TOKENS.contains(tok)
                || pat::SOCIAL_TOKENS.contains(tok)
                || pat::RELATED_TOKENS.contains(tok)
                || pat::NEWSLETTER_TOKENS.contains(tok)
            {
                hit = 1;
            } else if hit == 0 && (pat::SPONSORED_TOKENS.contains(tok) || pat::AD_TOKENS.contains(tok)) {
                hit = 2;
            }
            hit == 1
        });
        if hit == 1 {
            return 1;
        }
    }
    hit
}

/// A paragraph of real prose inside: 150 characters or more, few of them links.
fn has_prose(t: &Tree, id: NodeId) -> bool {
    t.descendants(id).any(|d| t.is_element(d) && t.tag(d) == Tag::P && {
        let len = inner_len(t, d);
        len >= 150 && link_len(t, d) * 4 < len
    })
}

/// Blocks named as page furniture, unless they hold much of the article.
fn furniture_blocks(t: &mut Tree, root: NodeId) {
    let total = inner_len(t, root).max(1);
    let mut n = t.first_child(root).and_then(|page| t.first_child(page).or(Some(page)));
    while let Some(x) = n {
        let kind = if t.is_element(x) { furniture(t, x) } else { 0 };
        if kind > 0 && !has_material(t, x) && inner_len(t, x) * 10 < total * 4 && !(kind == 2 && has_prose(t, x)) {
            let next = t.next_in(x, root, true);
            t.remove(x);
            n = next;
            continue;
        }
        n = t.next_in(x, root, false);
    }
}

/// Holds what the reader must keep whatever the container is called: code, math, data.
fn has_material(t: &Tree, id: NodeId) -> bool {
    t.descendants(id).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Pre | Tag::Math | Tag::Table))
}

fn heading_level(t: &Tree, id: NodeId) -> Option<u8> {
    if !t.is_element(id) {
        return None;
    }
    Some(match t.tag(id) {
        Tag::H1 => 1,
        Tag::H2 => 2,
        Tag::H3 => 3,
        Tag::H4 => 4,
        Tag::H5 => 5,
        Tag::H6 => 6,
        _ => return None,
    })
}

/// Beginnings of headings that announce more reading (other articles, related links) in the
/// languages we see most. Unlike the detector's exact labels these are prefixes, so the block
/// after such a heading goes only when it is links.
const MORE_READING: &[&str] = &[
    "read also", "also read", "related", "more on", "more from", "more about", "further reading", "you may also", "you might also",
    "recommended", "most read", "most popular", "latest", "similar", "other articles", "more articles", "more stories", "don't miss", "read next",
    "schon gelesen", "verwandte", "ähnliche", "mehr zum thema", "mehr zu", "mehr von", "mehr aus", "weitere beiträge", "weitere artikel",
    "weitere news", "weitere nachrichten", "weitere themen", "weitere tipps", "weitere tourentipps", "weiterführend", "das könnte", "könnte dich",
    "könnte sie", "zum weiterlesen", "weiterlesen", "lesen sie auch", "lesen sie mehr", "lies auch", "auch interessant",
    "auch lesenswert", "auch auf", "neueste", "neuste", "aktuelle beiträge", "aktuelle artikel", "beliebte", "beiträge zum thema", "artikel zum thema",
    "meistgelesen", "meistdiskutiert", "meistkommentiert", "meist gelesen", "meist diskutiert", "meist kommentiert", "empfehlungen", "unsere empfehlung", "wir empfehlen", "heute empfehlen", "entdecken sie",
    "das interessiert", "passend dazu", "dazu passend", "zum thema", "veja também", "leia também", "leia mais", "saiba mais", "vea también",
    "lea también", "lee también", "te puede interesar", "también te puede", "noticias relacionadas", "artículos relacionados", "más noticias",
    "lo más", "lire aussi", "à lire aussi", "a lire aussi", "sur le même sujet", "articles similaires", "dans la même rubrique", "à découvrir",
    "leggi anche", "articoli correlati", "czytaj także", "czytaj też", "zobacz też", "zobacz także", "przeczytaj", "polecamy", "najnowsze",
    "najczęściej", "siehe auch", "empfohlene", "entdecke weitere", "entdecken sie weitere", "mehr entdecken",
];

/// Prompts above a comment form or a rating widget: the heading and its form go.
const COMMENT_PROMPTS: &[&str] = &[
    "kommentare schreiben", "kommentar schreiben", "kommentieren", "schreibe einen kommentar", "einen kommentar schreiben", "leave a comment",
    "write a comment", "deja un comentario", "deja tu comentario", "laisser un commentaire", "lascia un commento", "napisz komentarz", "dodaj komentarz",
    "valora esta noticia", "bewerten sie", "rate this",
];

/// Phrases that make a short label one of more reading wherever they stand in it ("Das Thema
/// könnte dich auch interessieren", "Diese Artikel könnten euch auch interessieren", "You may
/// also like").
static MORE_READING_ANYWHERE: Phrases = Phrases::new(&[
    "auch interessieren", "also like", "also be interested", "also enjoy", "might like", "may like", "te puede interesar", "te podría interesar",
    "pourrait vous intéresser", "pourraient vous intéresser", "potrebbe interessarti", "potrebbero interessarti", "może cię zainteresować",
    "pode te interessar", "pode interessar",
]);

fn more_reading(label: &str) -> bool {
    MORE_READING.iter().any(|&e| label.starts_with(e) && (label.len() == e.len() || label[e.len()..].starts_with(' ') || e.chars().count() >= 6))
        || any_phrase(label, &MORE_READING_ANYWHERE)
}

/// Whether any text follows `x` (and its subtree) in the article.
fn text_after(t: &Tree, x: NodeId, root: NodeId) -> bool {
    let mut n = t.next_in(x, root, true);
    while let Some(y) = n {
        if t.is_text(y) && !t.data(y).trim().is_empty() {
            return true;
        }
        n = t.next_in(y, root, false);
    }
    false
}

/// A heading, or a short block that stands as one: all its text bold or emphasized, or in an
/// element named as a title/headline.
fn heading_like(t: &Tree, id: NodeId) -> bool {
    if heading_level(t, id).is_some() {
        return true;
    }
    if !t.is_element(id) || !matches!(t.tag(id), Tag::P | Tag::Div | Tag::Dt | Tag::Header) {
        return false;
    }
    let len = inner_len(t, id);
    if len == 0 || len > 80 || t.descendants(id).any(|d| t.is_element(d) && t.tag(d).is_block() && t.tag(d) != Tag::Div) {
        return false;
    }
    emphasized_len(t, id) * 10 >= len * 9 || has_token(t, id, &["title", "headline", "heading", "head", "subline", "subheading"])
}

/// A short line of its own that ends in a colon ("Veja também:", "Lesen Sie auch:"): it
/// announces what follows as a heading does, however it is styled. (Only labels of related
/// reading, comments or sharing take anything with them: see [`announced_sections`].)
fn label_line(t: &Tree, id: NodeId) -> bool {
    if !t.is_element(id) || !matches!(t.tag(id), Tag::P | Tag::Div) {
        return false;
    }
    let len = inner_len(t, id);
    len > 0 && len <= 60 && !t.descendants(id).any(|d| t.is_element(d) && t.tag(d).is_block()) && t.text_content(id).trim_end().ends_with(':')
}

/// A short line of its own that is no sentence (it ends in no full stop, question or
/// exclamation mark) and stands before a list: a title over the list, however it is styled
/// ("Meistdiskutierte Artikel" over links).
fn title_line(t: &Tree, id: NodeId) -> bool {
    if !t.is_element(id) || !matches!(t.tag(id), Tag::P | Tag::Div) {
        return false;
    }
    let len = inner_len(t, id);
    if len == 0 || len > 60 || t.descendants(id).any(|d| t.is_element(d) && t.tag(d).is_block()) {
        return false;
    }
    let text = t.text_content(id);
    if text.trim_end().ends_with(['.', '!', '?', '…', '"', '”', '»']) {
        return false;
    }
    // The list: the next element after the line (or after its wrapper, when it stands alone in one).
    let mut unit = id;
    while t.next_element_sibling(unit).is_none() {
        match t.parent(unit) {
            Some(p) if inner_len(t, p) == len => unit = p,
            _ => return false,
        }
    }
    t.next_element_sibling(unit).is_some_and(|n| matches!(t.tag(n), Tag::Ul | Tag::Ol))
}

/// Characters of text inside bold or emphasis (within `id`).
fn emphasized_len(t: &Tree, id: NodeId) -> usize {
    let mut n = 0;
    for d in t.descendants(id) {
        if t.is_text(d) && t.ancestors_in(d, id).chain(std::iter::once(id)).any(|a| t.is_element(a) && matches!(t.tag(a), Tag::Strong | Tag::B | Tag::Em | Tag::I)) {
            n += crate::analysis::measure_text(t.data(d)).0 as usize;
        }
    }
    n
}

/// A heading announcing related links, comments, sharing or a newsletter takes its section
/// (the siblings up to the next heading of its rank) with it. A heading (or a bold line)
/// announcing more reading ("Lesen Sie auch", "Veja também") goes with the links after it.
fn announced_sections(t: &mut Tree, root: NodeId) {
    let heads: Vec<NodeId> = t.descendants(root).filter(|&d| heading_like(t, d) || label_line(t, d) || title_line(t, d)).collect();
    for h in heads {
        if t.parent(h).is_none() || !t.contains(root, h) {
            continue;
        }
        let label = pat::normalize_label(&t.text_content(h));
        if label.is_empty() || label.len() > 60 {
            continue;
        }
        let lists = [pat::RELATED_LABELS, pat::COMMENT_LABELS, pat::SOCIAL_LABELS, pat::NEWSLETTER_LABELS, pat::SPONSORED_LABELS];
        // Exact labels, or a longer entry ("more from") followed by a name.
        // (The first byte rules most entries out before either comparison.)
        let first = label.as_bytes().first();
        let matches = |l: &pat::Words| l.iter().any(|e| e.as_bytes().first() == first && (label == e || (e.contains(' ') && pat::entry_matches(&label, e))));
        let exact = (heading_level(t, h).is_some() && lists.iter().any(matches)) || COMMENT_PROMPTS.iter().any(|p| label.starts_with(p));
        if !exact && !more_reading(&label) {
            continue;
        }
        // A heading wrapped alone in a block: the block is the heading.
        let mut unit = h;
        while let Some(p) = t.parent(unit) {
            if p == root || t.element_child_count(p) != 1 || inner_len(t, p) != inner_len(t, unit) || t.parent(p).is_none_or(|pp| pp == root) {
                break;
            }
            unit = p;
        }
        let level = heading_level(t, h).unwrap_or(6);
        let mut run = Vec::new();
        let mut next = t.next_sibling(unit);
        let mut prose_after = false;
        // The announced section is empty: the next heading follows at once.
        let mut empty = false;
        while let Some(s) = next {
            if heading_level(t, s).is_some_and(|l| l <= level) || has_material(t, s) || (!exact && heading_like(t, s)) {
                prose_after = true;
                empty = run.is_empty() && !has_material(t, s);
                break;
            }
            // Teaser cards (linked titles over short excerpts) are links, whatever their excerpts.
            if !has_material(t, s) && cards(t, s) {
                run.push(s);
                next = t.next_sibling(s);
                continue;
            }
            // The announced block is links (or a form); prose after it is the article again.
            if t.is_element(s) {
                let len = inner_len(t, s);
                let prose = len > 0 && link_len(t, s) * 2 < len && !t.descendants(s).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Form | Tag::Input | Tag::Textarea));
                if prose {
                    prose_after = true;
                    empty = run.is_empty() && starts_with_heading(t, s);
                    break;
                }
                if len > 0 || !exact {
                    run.push(s);
                }
            } else if t.is_text(s) && !t.data(s).trim().is_empty() {
                prose_after = true;
                break;
            }
            next = t.next_sibling(s);
        }
        let links = run.iter().any(|&s| link_len(t, s) > 0) || link_len(t, unit) > 0;
        if exact || links || empty || !prose_after && !text_after(t, run.last().copied().unwrap_or(unit), root) {
            for s in run {
                t.remove(s);
            }
            t.remove(unit);
        } else if let Some(tail) = link_tail(t, unit, root) {
            for s in tail {
                t.remove(s);
            }
            t.remove(unit);
        }
    }
}

/// Teaser cards: two headings or more, every one of them a link, and no long paragraph (an
/// article's section headings are not links; a card's title is).
fn cards(t: &Tree, x: NodeId) -> bool {
    if !t.is_element(x) {
        return false;
    }
    let mut n = 0;
    for d in t.descendants(x) {
        if !t.is_element(d) {
            continue;
        }
        if heading_level(t, d).is_some() {
            let len = inner_len(t, d);
            if len == 0 {
                continue;
            }
            if link_len(t, d) * 10 < len * 9 {
                return false;
            }
            n += 1;
        } else if t.tag(d) == Tag::P && inner_len(t, d) > 500 {
            return false;
        }
    }
    n >= 2
}

/// Whether the first text in `x` is a heading's (a section that opens with its own heading).
fn starts_with_heading(t: &Tree, x: NodeId) -> bool {
    let Some(first) = t.descendants(x).find(|&d| t.is_text(d) && !t.data(d).trim().is_empty()) else { return false };
    t.ancestors_in(first, x).chain(std::iter::once(x)).any(|a| heading_level(t, a).is_some())
}

/// Everything after `unit` (a heading announcing more reading) to the end of the article (the
/// following siblings of it and of its ancestors), when that is not the article: a list of
/// links to the site's own pages (a quarter of its text links or more, most of them on the
/// page's host; references and external links point elsewhere) under half the article, or a
/// short remainder (at most 400 characters and an eighth of the article). Never with code,
/// math or data in it.
fn link_tail(t: &Tree, unit: NodeId, root: NodeId) -> Option<Vec<NodeId>> {
    let mut tail = Vec::new();
    let mut a = unit;
    while a != root {
        let mut s = t.next_sibling(a);
        while let Some(x) = s {
            tail.push(x);
            s = t.next_sibling(x);
        }
        a = t.parent(a)?;
    }
    let (mut len, mut links, mut own, mut anchors) = (0, 0, 0, 0);
    for &x in &tail {
        if t.is_element(x) {
            if has_material(t, x) {
                return None;
            }
            len += inner_len(t, x);
            links += link_len(t, x);
            own += own_link_len(t, x);
            anchors += t.descendants(x).filter(|&d| t.is_element(d) && t.tag(d) == Tag::A && inner_len(t, d) > 0).count();
        } else if t.is_text(x) {
            len += crate::analysis::measure_text(t.data(x)).0 as usize;
        }
    }
    let total = inner_len(t, root);
    // Links to the site's own pages (references and external links point elsewhere).
    let list = anchors >= 2 && len * 2 < total && links * 4 >= len && own * 3 >= links * 2;
    let short = len <= 400 && len * 8 <= total;
    (list || short).then_some(tail)
}

fn link_len(t: &Tree, id: NodeId) -> usize {
    t.descendants(id).filter(|&d| t.is_element(d) && t.tag(d) == Tag::A).map(|a| inner_len(t, a)).sum()
}

/// Characters of the links to the page's own site (relative, or on its host, with or without
/// `www.`).
fn own_link_len(t: &Tree, id: NodeId) -> usize {
    let host = t.doc.url.as_deref().and_then(pat::url_host);
    t.descendants(id)
        .filter(|&d| t.is_element(d) && t.tag(d) == Tag::A)
        .filter(|&a| {
            let href = t.attr(a, "href").unwrap_or("").trim();
            match pat::url_host(href) {
                Some(h) => host.is_some_and(|o| {
                    let bare = |x: &str| x.to_ascii_lowercase().trim_start_matches("www.").to_string();
                    bare(o) == bare(h)
                }),
                None => !href.contains(':') || href.starts_with('/'),
            }
        })
        .map(|a| inner_len(t, a))
        .sum()
}

fn has_media(t: &Tree, id: NodeId) -> bool {
    t.descendants(id).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture | Tag::Video | Tag::Iframe | Tag::Math | Tag::Svg | Tag::Table | Tag::Pre))
}

/// Short paragraphs that are mostly a link: "Read more: <a>…</a>", "Lea también: …"; and
/// paragraphs or headings that are one link to another page of the site, headline-long, between
/// the article's paragraphs (a teaser for another article set in the text).
fn link_lines(t: &mut Tree, root: NodeId) {
    let list: Vec<NodeId> =
        t.descendants(root).filter(|&d| t.is_element(d) && matches!(t.tag(d), Tag::P | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Blockquote)).collect();
    for p in list.into_iter().rev() {
        if t.parent(p).is_none() || has_media(t, p) {
            continue;
        }
        let len = inner_len(t, p);
        if len == 0 || len > 200 {
            continue;
        }
        let links = link_len(t, p);
        // A heading or a quote that is a link to another article after a label ("MIRA: …",
        // "PUEDES VER: …").
        let labelled = || {
            let text = t.text_content(p);
            let text = text.trim();
            text.find(':').is_some_and(|i| i > 0 && text[..i].chars().count() <= 20 && text[..i].split_whitespace().count() <= 3)
        };
        if t.tag(p) == Tag::P && (links * 2 > len && label_then_link(t, p) || teaser_line(t, p, len, root, true)) || t.tag(p) != Tag::P && labelled() && teaser_line(t, p, len, root, false) {
            t.remove(p);
        }
    }
}

/// One link to another page of the site making up the whole block, four words or more, not in
/// a table or a list (and with the article's text before and after it if `between`).
fn teaser_line(t: &Tree, p: NodeId, len: usize, root: NodeId, between: bool) -> bool {
    let anchors: Vec<NodeId> = t.descendants(p).filter(|&d| t.is_element(d) && t.tag(d) == Tag::A).collect();
    let [a] = anchors[..] else { return false };
    // A label in a table or a list is the table's or list's.
    if t.ancestors_in(p, root).any(|x| t.is_element(x) && matches!(t.tag(x), Tag::Td | Tag::Th | Tag::Li | Tag::Dd)) {
        return false;
    }
    let text = t.text_content(a);
    let href = t.attr(a, "href").unwrap_or("").trim();
    // All of it a link (after its label, when labelled).
    let share = if between { 19 } else { 14 };
    if inner_len(t, a) * 20 < len * share || text.split_whitespace().count() < 4 || href.is_empty() || href.starts_with('#') || own_link_len(t, p) == 0 {
        return false;
    }
    let page = t.doc.url.as_deref().unwrap_or("");
    if !page.is_empty() && crate::url::resolve(Some(page), href).split('#').next() == Some(page.split('#').next().unwrap_or(page)) {
        return false;
    }
    !between || text_after(t, p, root) && text_before(t, p, root)
}

/// Whether, next to the heading `h` (under its parent), a linked picture points where the
/// heading's link does.
fn picture_links_alike(t: &Tree, h: NodeId) -> bool {
    let Some(target) = t.descendants(h).find(|&d| t.is_element(d) && t.tag(d) == Tag::A).and_then(|a| t.attr(a, "href")) else { return false };
    // The card: the heading's parent, or the grandparent when it holds little more (the picture
    // in a block of its own beside the heading's).
    let limit = inner_len(t, h) + 350;
    let mut up = t.parent(h);
    for _ in 0..2 {
        let Some(card) = up.filter(|&c| inner_len(t, c) <= limit) else { return false };
        let linked = t.descendants(card).any(|a| {
            t.is_element(a) && t.tag(a) == Tag::A && !t.contains(h, a) && t.attr(a, "href") == Some(target) && t.descendants(a).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture))
        });
        if linked {
            return true;
        }
        up = t.parent(card);
    }
    false
}

/// Whether a link in `x` points to the page itself (an anchor on it, or its own address).
fn links_to_page(t: &Tree, x: NodeId) -> bool {
    let page = t.doc.url.as_deref().unwrap_or("");
    t.descendants(x).filter(|&d| t.is_element(d) && t.tag(d) == Tag::A).any(|a| {
        let href = t.attr(a, "href").unwrap_or("").trim();
        href.is_empty() || href.starts_with('#') || !page.is_empty() && crate::url::resolve(Some(page), href).split('#').next() == Some(page.split('#').next().unwrap_or(page))
    })
}

/// Whether any text precedes `x` in the article.
fn text_before(t: &Tree, x: NodeId, root: NodeId) -> bool {
    let mut n = t.first_child(root);
    while let Some(y) = n {
        if y == x {
            return false;
        }
        if t.is_text(y) && !t.data(y).trim().is_empty() {
            return true;
        }
        n = t.next_in(y, root, false);
    }
    false
}

/// The paragraph starts with a short label ending in a colon before its first link
/// ("Read more:", "Lea también:", "VEA TAMBIÉN:").
fn label_then_link(t: &Tree, p: NodeId) -> bool {
    let mut label = String::new();
    let mut n = t.first_child(p);
    // Text before the first link, descending into inline wrappers (<strong>Read more:</strong>).
    while let Some(x) = n {
        if t.is_element(x) && t.tag(x) == Tag::A {
            break;
        }
        if t.is_element(x) && t.descendants(x).any(|d| t.is_element(d) && t.tag(d) == Tag::A) {
            n = t.first_child(x);
            continue;
        }
        label.push_str(&t.text_content(x));
        if label.chars().count() > 40 {
            return false;
        }
        n = t.next_sibling(x).or_else(|| {
            let mut up = x;
            loop {
                let parent = t.parent(up)?;
                if parent == p {
                    return None;
                }
                if let Some(s) = t.next_sibling(parent) {
                    return Some(s);
                }
                up = parent;
            }
        });
    }
    let l = label.trim();
    n.is_some() && !l.is_empty() && (l.ends_with(':') || l.ends_with('»') || l.ends_with('>'))
}

/// Class words of a standfirst (the lead paragraph between headline and body).
const LEAD: &[&str] = &[
    "lead", "intro", "subtitle", "summary", "abstract", "excerpt", "chapo", "deck", "dek", "perex", "standfirst", "sapo", "entradilla",
    "bajada", "sumario", "lede", "subline", "subheadline", "underline", "description", "leader", "teaser", "teasertext", "descr",
];

/// The standfirst Readability leaves out when it sits in the article's header, outside the
/// body it picked: a short, unlinked paragraph named as a lead just before the article, under
/// a common ancestor close to it. It goes first.
fn lead(t: &mut Tree, root: NodeId, title: &str, skip: &dyn Fn(NodeId) -> bool) {
    let doc = t.doc;
    let Some(page) = t.first_child(root) else { return };
    // The first text of the page the article holds.
    let Some(first) = t.descendants(root).find(|&d| !t.is_created(d) && t.is_text(d) && !t.data(d).trim().is_empty()) else { return };
    let mut ancestors = Vec::new();
    let mut a = doc.parent(first);
    while let Some(x) = a {
        if !doc.is_element(x) || matches!(doc.tag(x), crate::dom::Tag::Body | crate::dom::Tag::Html) {
            break;
        }
        ancestors.push(x);
        a = doc.parent(x);
    }
    ancestors.truncate(9);
    let Some(&top) = ancestors.last() else { return };
    let (mut found, mut found_moved): (Option<(NodeId, NodeId)>, Option<(NodeId, NodeId)>) = (None, None);
    for i in doc.descendants(top) {
        if i >= first {
            break;
        }
        if !doc.is_element(i) || doc.contains(i, first) || skip(i) || !matches!(doc.tag(i), Tag::P | Tag::Div | Tag::H2 | Tag::H3 | Tag::Span | Tag::Strong) {
            continue;
        }
        let mut named = false;
        for v in [doc.class(i), doc.id_attr(i)] {
            for_each_token(v, |tok| {
                named |= LEAD.contains(&tok);
                named
            });
        }
        // (Ancestors the article shares do not count: a layout named "sidebar" may hold both.)
        let bad_ancestor = |x: NodeId| skip(x) || matches!(doc.tag(x), Tag::Li | Tag::A | Tag::Figure | Tag::Nav | Tag::Aside | Tag::Footer) || furniture(t, x) > 0;
        // A picture's description is named like a lead too ("imageDescription").
        let caption = has_token(t, i, PICTURE_WORDS);
        if !named || caption || furniture(t, i) > 0 || doc.ancestors(i).take_while(|&x| x != top && !doc.contains(x, first)).any(bad_ancestor) {
            continue;
        }
        // A lead whose text Readability moved into a paragraph of its own (a div of phrasing
        // content becomes a <p>): that paragraph.
        // Only when no lead kept its own node.
        let moved = moved_to(t, i);
        let c = moved.unwrap_or(i);
        let len = inner_len(t, c);
        if (40..=800).contains(&len) && link_len(t, c) * 4 < len && !t.contains(root, c) && !has_material(t, c) {
            // The closest to the article wins (a lead-named teaser higher up is not its lead).
            let slot = if moved.is_some() { &mut found_moved } else { &mut found };
            if slot.is_none_or(|(f, _)| !doc.contains(f, i)) {
                *slot = Some((i, c));
            }
        }
    }
    let mut found = found.or(found_moved).map(|(_, c)| c);
    // Else the subtitle right after the headline (an <h1> that is the title).
    if found.is_none() {
        let norm_title = super::normalize(title).to_lowercase();
        let headline = doc.descendants(top).take_while(|&i| i < first).find(|&i| {
            doc.is_element(i) && doc.tag(i) == Tag::H1 && {
                let h = super::normalize(&doc.text_content(i)).to_lowercase();
                !h.is_empty() && (norm_title.starts_with(&h) || h.starts_with(&norm_title))
            }
        });
        if let Some(h) = headline {
            let mut n = doc.node(h).next_sibling;
            while n != crate::dom::NONE && !doc.is_element(n) {
                n = doc.node(n).next_sibling;
            }
            if n != crate::dom::NONE && n < first && matches!(doc.tag(n), Tag::H2 | Tag::P | Tag::Div) && !skip(n) && !t.contains(root, n) && !doc.contains(n, first) && furniture(t, n) == 0 {
                let len = inner_len(t, n);
                if (40..=600).contains(&len) && link_len(t, n) * 4 < len && !has_material(t, n) && !post_meta(t, n) {
                    found = Some(n);
                }
            }
            // Else the first paragraph between the headline and the article (past bylines and
            // dates), when it stands apart from lists, figures, links and page furniture.
            if found.is_none() {
                for p in (h + 1)..first {
                    if !doc.is_element(p) || doc.tag(p) != Tag::P || skip(p) || t.contains(root, p) || doc.contains(p, first) {
                        continue;
                    }
                    let len = inner_len(t, p);
                    let text = super::normalize(&doc.text_content(p));
                    if len < 40 || meta_line(&text) {
                        continue;
                    }
                    // A standfirst is sentences: it ends as one does (or is long, with no exclamation); and
                    // it is no notice.
                    let end = text.trim_end_matches(['"', '\'', '“', '”', '»', '«', ')', '’']);
                    let lower = text.to_lowercase();
                    let sentence = end.ends_with(['.', '?', '…']) || len >= 100 && !end.ends_with('!');
                    if !sentence || any_phrase(&lower, &NOTICE) {
                        break;
                    }
                    let bad = |x: NodeId| {
                        skip(x)
                            || matches!(doc.tag(x), Tag::Li | Tag::A | Tag::Figure | Tag::Figcaption | Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Blockquote)
                            || furniture(t, x) > 0
                            || has_token(t, x, PICTURE_WORDS)
                            || has_token(t, x, &["byline", "date"])
                    };
                    if len <= 600 && link_len(t, p) * 4 < len && !has_material(t, p) && !std::iter::once(p).chain(doc.ancestors(p).take_while(|&x| !doc.contains(x, first))).any(bad) {
                        found = Some(p);
                    }
                    break;
                }
            }
        }
    }
    let Some(l) = found else { return };
    // Not already in the article under another node (the text is what counts).
    let text = super::normalize(&t.text_content(l));
    if super::normalize(&t.text_content(root)).contains(&text) {
        return;
    }
    match t.first_child(page) {
        Some(f) => t.insert_before(l, f),
        None => t.append(page, l),
    }
}

/// A block of post meta, no standfirst: it holds a `<time>`, is named as a byline or date, or
/// one of its lines is a meta line ("By John Walk - January 10, 2020").
fn post_meta(t: &Tree, n: NodeId) -> bool {
    has_token(t, n, &["byline", "dateline", "date", "meta", "metadata", "author"])
        || t.descendants(n).any(|d| t.is_element(d) && (t.tag(d) == Tag::Time || has_token(t, d, &["byline", "date", "author"])))
        || leaf_blocks(t, n).iter().any(|&b| meta_line(&t.text_content(b)))
}

/// The paragraph holding all of `i`'s text when `i` itself holds none in the tree (created for
/// it, or its only paragraph put in its place).
fn moved_to(t: &Tree, i: NodeId) -> Option<NodeId> {
    if inner_len(t, i) > 0 {
        return None;
    }
    let doc = t.doc;
    let x = doc.descendants(i).find(|&d| doc.has_words(d))?;
    let p = t.parent(x)?;
    // A created paragraph, or the paragraph that took the wrapper's place.
    let took_place = !t.is_created(p) && doc.contains(i, p) && t.parent(i).is_none();
    ((t.is_created(p) || took_place) && super::normalize(&t.text_content(p)) == super::normalize(&doc.text_content(i))).then_some(p)
}

/// The headline repeated at the top of the body: the view shows the title already. Readability
/// compares ASCII words only, so headlines in other scripts stay; this compares any words.
fn repeated_headline(t: &mut Tree, root: NodeId, title: &str) {
    let title = super::normalize(title).to_lowercase();
    if title.is_empty() {
        return;
    }
    let first_heading = t.descendants(root).filter(|&d| t.is_element(d)).take(8).find(|&d| matches!(t.tag(d), Tag::H1 | Tag::H2));
    if let Some(h) = first_heading {
        let text = super::normalize(&t.text_content(h)).to_lowercase();
        if !text.is_empty() && (title == text || title.starts_with(&text) && text.chars().count() * 10 >= title.chars().count() * 7) {
            t.remove(h);
        }
    }
}

fn has_token(t: &Tree, id: NodeId, words: &[&str]) -> bool {
    let mut hit = false;
    for v in [t.class(id), t.id_attr(id)] {
        for_each_token(v, |tok| {
            hit |= words.contains(&tok);
            hit
        });
    }
    hit
}

/// Text that is only a picture credit: "Foto: dpa", "© Getty Images", "Bild: Jahr Media",
/// "(Quelle: Unsplash/DJV)", "Photograph by …", "Name/Agency.com".
fn credit_like(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let l = lower.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']') || c.is_whitespace());
    let n = l.chars().count();
    if n == 0 || n > 90 {
        return false;
    }
    const LEADS: &[&str] = &[
        "foto", "fotos", "bild", "bilder", "photo", "photos", "image", "images", "credit", "credits", "quelle", "source", "crédito", "credito", "abbildung", "titelbild",
        "beitragsbild", "copyright", "fuente", "źródło", "zdjęcie", "photographie", "photograph", "imagen", "imágenes", "fotografía", "crédits photos", "crédit photo",
        "crédits", "crédit", "bildquelle", "bildnachweis", "fotoquelle", "grafik", "illustration", "picture",
    ];
    let starts = LEADS.iter().any(|w| {
        l.strip_prefix(w).is_some_and(|r| {
            let r = r.trim_start();
            r.starts_with([':', '/', '|', '(', '©']) || ((r.starts_with("by ") || r.starts_with("via ") || r.starts_with("von ")) && n <= 60)
        })
    });
    const AGENCIES: &[&str] = &[
        "getty", "shutterstock", "istock", "istockphoto", "dpa", "afp", "reuters", "imago", "picture alliance", "picture-alliance", "keystone", "ap photo", "epa",
        "thinkstock", "unsplash", "pixabay", "pexels", "bestimage", "télam", "efe", "ansa", "xinhua", "ddp", "apa", "adobe stock", "adobestock", "fotolia",
        "depositphotos", "123rf", "alamy", "sipa", "abaca", "kna", "epd", "wenn",
    ];
    let agency = AGENCIES.iter().any(|a| {
        if a.contains(' ') || a.contains('-') {
            l.contains(a)
        } else {
            l.split(|c: char| !c.is_alphanumeric()).any(|w| w == *a)
        }
    });
    // "Name/Agency.com": a short line naming a site after a slash.
    let site = n <= 40 && l.contains('/') && [".com", ".de", ".org", ".net", ".at", ".ch"].iter().any(|e| l.ends_with(e));
    starts || l.starts_with('©') || l.starts_with("(c)") || site || (n <= 60 && (l.contains('©') || agency && (l.contains(['/', '|', ':']) || n <= 40)))
}

/// Picture credits: elements named as credits, and captions that are nothing but a credit.
/// Captions themselves stay.
fn credits(t: &mut Tree, root: NodeId) {
    const NAMED: &[&str] = &["credit", "credits", "copyright", "photographer", "photocredit", "fotocredit", "bildnachweis", "imagecredit", "source", "sources", "quelle"];
    const PICTURE: &[&str] = &["caption", "figure", "image", "img", "photo", "picture", "media"];
    const SOURCE: &[&str] = &["source", "sources", "quelle"];
    // What each element's class and id name, tokenized once (bits: PICTURE, caption, NAMED,
    // SOURCE; 0x80 = not yet read).
    let mut names = vec![0x80u8; t.len()];
    let mut named_as = |t: &Tree, x: NodeId| -> u8 {
        let slot = &mut names[x as usize];
        if *slot == 0x80 {
            let mut bits = 0u8;
            for v in [t.class(x), t.id_attr(x)] {
                for_each_token(v, |tok| {
                    for (bit, words) in [(1u8, PICTURE), (2, &["caption"][..]), (4, NAMED), (8, SOURCE)] {
                        if words.contains(&tok) {
                            bits |= bit;
                        }
                    }
                    false
                });
            }
            *slot = bits;
        }
        *slot
    };
    let list: Vec<NodeId> = t.descendants(root).filter(|&d| t.is_element(d)).collect();
    // Whether an element holds a table, code or a formula: children come before their parents
    // in reverse document order, and nothing removed here holds one.
    let mut material = vec![false; t.len()];
    for &e in list.iter().rev() {
        if material[e as usize] || matches!(t.tag(e), Tag::Pre | Tag::Math | Tag::Table) {
            if let Some(p) = t.parent(e) {
                material[p as usize] = true;
            }
        }
    }
    for e in list.into_iter().rev() {
        if t.parent(e).is_none() || material[e as usize] {
            continue;
        }
        let in_figure = t.tag(e) == Tag::Figcaption || {
            let mut a = t.parent(e);
            let mut hit = false;
            for _ in 0..4 {
                let Some(x) = a else { break };
                if matches!(t.tag(x), Tag::Figure | Tag::Figcaption) || named_as(t, x) & 1 != 0 {
                    hit = true;
                    break;
                }
                a = t.parent(x);
            }
            hit
        };
        let own = named_as(t, e);
        let caption = t.tag(e) == Tag::Figcaption || own & 2 != 0 || after_picture(t, e);
        let named = own & 4 != 0 && (in_figure || own & 8 == 0) && inner_len(t, e) < 200;
        if named || ((caption || in_figure) && credit_like(&t.text_content(e)) && !t.descendants(e).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture))) {
            t.remove(e);
        }
    }
}

/// A short block right after a picture (its credit or caption line).
fn after_picture(t: &Tree, e: NodeId) -> bool {
    if !matches!(t.tag(e), Tag::P | Tag::Div | Tag::Span | Tag::Small) || inner_len(t, e) > 90 {
        return false;
    }
    let Some(prev) = t.prev_element_sibling(e) else { return false };
    matches!(t.tag(prev), Tag::Img | Tag::Picture | Tag::Figure)
        || (inner_len(t, prev) == 0 && t.descendants(prev).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture)))
}

/// Phrases of the calls to action and notices that close articles (subscribe, follow, share,
/// copyright, "read also"), in the languages we see most. Lower case.
static PROMO: Phrases = Phrases::new(&[
    "subscribe", "subscriber", "sign up", "newsletter", "follow us", "follow the", "download the", "all rights reserved", "copyrighted", "written permission",
    "not responsible for", "contact us at", "send us a", "click here", "share this", "you might also", "log in", "support our", "support us", "donate",
    "advertis", "sponsored", "abonnier", "folgen sie", "folge uns", "jetzt anmelden", "alle rechte vorbehalten", "mehr zum thema",
    "teilen", "weiterlesen", "lesen sie auch", "auch interessant", "schon gelesen", "anzeige", "werbung", "suscrib", "suscríb", "síguenos", "únete", "lea también",
    "lea más", "te puede interesar", "vea también", "hazte miembro", "todos los derechos", "abonnez", "inscrivez", "lire aussi", "pour lire la suite",
    "tous droits réservés", "iscriviti", "leggi anche", "czytaj także", "czytaj też", "zobacz także", "subskryb", "assine", "leia também", "veja também",
    "leave a reply", "czytaj więcej", "[więcej]", "czytaj dalej", "join now", "to view the full story", "already a subscriber", "zapraszamy",
    "if you enjoyed", "letter to the editor", "jetzt für", "jetzt kostenlos", "nicht eingeloggt", "einloggen", "affiliate", "provision",
    "eingeloggt sein", "must be logged in", "get the latest", "never miss", "we need your help", "help us continue", "help us keep", "die meinung des autors", "die meinung der autorin",
    "views expressed", "opinions expressed", "unter der lizenz", "licensed under", "cc-by", "cc by",
]);

/// Class and id words of pictures and their captions (a description there is no standfirst).
const PICTURE_WORDS: &[&str] = &["caption", "image", "img", "photo", "picture", "figure", "media", "credit", "legend", "gallery", "video"];

/// Openings of calls to action and notices, whatever follows them. Lower case.
const CALLS: &[&str] = &[
    "follow us", "subscribe", "sign up", "support our", "support us", "if you enjoyed", "join now", "to view the full story", "already a subscriber",
    "all rights reserved", "copyright ©", "copyright (c)", "folgen sie uns", "folge uns", "abonnieren sie", "unterstützen sie", "unterstütze uns", "alle rechte vorbehalten",
    "síguenos", "suscríbete", "hazte miembro", "todos los derechos", "abonnez-vous", "tous droits réservés", "iscriviti", "seguici", "assine", "siga-nos",
];

/// Phrases of notices that are never the article's own text, wherever they stand in it when the
/// block is short and set apart (all bold or emphasized, or mostly links): ad and affiliate
/// disclosures, subscription and login prompts, reprint notices. Lower case.
static NOTICE: Phrases = Phrases::new(&[
    "subscribe", "subscriber", "sign up for", "newsletter", "all rights reserved", "copyrighted", "written permission", "reprint", "enthält werbung",
    "werbung", "anzeige", "affiliate", "provision", "abonnier", "jetzt anmelden", "alle rechte vorbehalten", "einloggen", "eingeloggt", "suscríb",
    "suscrib", "abonnez", "inscrivez", "iscriviti", "subskryb", "zapraszamy", "assine", "if you enjoyed", "support us", "support our", "letter to the editor",
    "leserbrief", "unterstützen sie", "unterstütze uns", "tous droits réservés", "todos los derechos", "sponsored", "advertis", "follow us", "folgen sie uns",
    "folge uns", "síguenos", "download the", "app herunterladen", "fan-shop", "fanshop", "jetzt bestellen", "hier bestellen", "jetzt kaufen",
]);

/// Short notices set apart from the text (see [`NOTICE`]), anywhere in the article.
fn notices(t: &mut Tree, root: NodeId) {
    for b in leaf_blocks(t, root) {
        if t.parent(b).is_none() || has_material(t, b) || t.descendants(b).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture | Tag::Iframe | Tag::Video)) {
            continue;
        }
        let len = inner_len(t, b);
        if len == 0 || len > 400 {
            continue;
        }
        let text = t.text_content(b).to_lowercase();
        if consent_notice(&text, len) || len <= 40 && ui_label(&text) {
            t.remove(b);
            continue;
        }
        if len > 220 {
            continue;
        }
        let apart = emphasized_len(t, b) * 10 >= len * 9 || link_len(t, b) * 2 > len;
        if !apart {
            continue;
        }
        if any_phrase(&text, &NOTICE) {
            t.remove(b);
        }
    }
}

/// The whole text of a control, not of the article (lower case): "Mehr laden", "Show more",
/// "Quellen ausblenden".
fn ui_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "load more", "show more", "show less", "see more", "view more", "mehr laden", "weitere laden", "lade weitere inhalte", "weitere inhalte laden",
        "mehr anzeigen", "weniger anzeigen", "alle anzeigen", "bild anzeigen", "bilder anzeigen", "ausblenden", "einblenden", "quellen anzeigen",
        "quellen ausblenden", "cargar más", "mostrar más", "ver más", "voir plus", "afficher plus", "charger plus", "mostra di più", "carica altri",
        "pokaż więcej", "załaduj więcej", "carregar mais", "ver mais", "mostrar mais", "zurück zur übersicht", "nach oben", "back to top", "torna su",
    ];
    let l = super::normalize(text);
    let l = l.trim_matches(|c: char| !c.is_alphanumeric());
    LABELS.contains(&l)
}

/// A consent notice (lower-case text of a block of `len` characters): a cookie banner, or the
/// placeholder of an embed that loads only after consent ("Externer Inhalt", "Mit dem Laden
/// des Beitrags akzeptieren Sie die Datenschutzerklärung von …", "Inhalt laden").
fn consent_notice(text: &str, len: usize) -> bool {
    // Words (or their beginnings) as they start in the text: "laden" is not "eingeladen" or
    // "herunterladen", "load" not "download".
    let any = |words: &Phrases| any_phrase(text, words);
    static AGREE: Phrases = Phrases::new(&[
        "akzeptier", "accept", "consent", "zustimm", "einverstanden", "agree", "acept", "consentimiento", "consenso", "zgod", "aceit",
    ]);
    static PRIVACY: Phrases = Phrases::new(&["datenschutz", "privacy", "privacidad", "confidentialité", "données personnelles", "personenbezogen", "personal data", "prywatno", "privacidade"]);
    static LOAD: Phrases = Phrases::new(&["laden", "load", "blockiert", "blocked", "cargar", "charger", "caricare", "carregar", "angezeigt", "displayed"]);
    const LABELS: &[&str] = &[
        "externer inhalt", "externe inhalte", "external content", "inhalt laden", "inhalte laden", "load content", "contenido externo", "contenu externe",
        "inhalt anzeigen", "inhalte anzeigen", "show content", "mostrar contenido", "afficher le contenu",
    ];
    static CLICK: Phrases = Phrases::new(&["klicken", "click", "cliquez", "clic", "kliknij", "clique"]);
    static CONTENT: Phrases = Phrases::new(&["inhalt", "content", "contenido", "contenu", "contenuto", "treść", "conteúdo"]);
    // The site speaking of its own cookies (an article about cookie consent keeps its text).
    static SITE: Phrases = Phrases::new(&[
        "we use", "this website", "this site", "our website", "our site", "wir verwenden", "wir nutzen", "diese website", "unsere website", "dieser website",
        "unserer website", "nous utilisons", "ce site", "utilizamos", "usamos", "este sitio", "nuestro sitio", "utilizziamo", "questo sito", "używamy", "ta strona",
        "este site", "nosso site",
    ]);
    // Where an embed comes from: a placeholder names it; an article's own "click to load the
    // content" (a tutorial) or "the data protection officer was invited" (eingeladen) does not.
    static SOURCE: Phrases = Phrases::new(&[
        "instagram", "youtube", "twitter", "facebook", "tiktok", "spotify", "vimeo", "soundcloud", "podcast", "google maps", "datawrapper", "flourish",
        "pinterest", "extern", "drittanbieter", "third-party", "third party", "tercero", "tiers", "www.", "http",
    ]);
    (text.contains("cookie") && any(&AGREE) && any(&SITE))
        || (len <= 200 && any(&CLICK) && any(&LOAD) && any(&CONTENT) && any(&SOURCE))
        || (any(&PRIVACY) && any(&LOAD) && (any(&AGREE) || any(&SOURCE)))
        || (len <= 40 && LABELS.iter().any(|l| text.trim() == *l || text.trim().starts_with(l) && text.trim().len() <= l.len() + 2))
}

/// A list of phrases found at the start of a word ("teilen", not "mitteilen"; "abonnier" in
/// "abonnieren"), looked up by the word's first byte: a sorted copy made once, and where each
/// first byte's entries start in it.
struct Phrases(&'static [&'static str], std::sync::OnceLock<(Vec<&'static str>, [u16; 257])>);

impl Phrases {
    const fn new(list: &'static [&'static str]) -> Self {
        Phrases(list, std::sync::OnceLock::new())
    }

    /// The entries opening with byte `b`.
    fn starting(&self, b: u8) -> &[&'static str] {
        let (sorted, start) = self.1.get_or_init(|| {
            let mut v: Vec<&'static str> = self.0.iter().copied().filter(|p| !p.is_empty()).collect();
            v.sort_unstable();
            let mut start = [0u16; 257];
            for x in 0..=256usize {
                start[x] = v.partition_point(|p| (p.as_bytes()[0] as usize) < x) as u16;
            }
            (v, start)
        });
        &sorted[start[b as usize] as usize..start[b as usize + 1] as usize]
    }
}

/// One of `phrases` in `text` at the start of a word; a phrase that opens with a sign
/// ("[więcej]") counts anywhere. One pass over the text and a table lookup per word start:
/// cheaper than a substring search per phrase on the short blocks this reads.
fn any_phrase(text: &str, phrases: &Phrases) -> bool {
    let b = text.as_bytes();
    let (mut i, mut after_word) = (0, false);
    while i < b.len() {
        if !after_word && phrases.starting(b[i]).iter().any(|p| b[i..].starts_with(p.as_bytes())) {
            return true;
        }
        if b[i] < 0x80 {
            after_word = b[i].is_ascii_alphanumeric();
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            after_word = c.is_alphanumeric();
            i += c.len_utf8();
        }
    }
    phrases.0.iter().any(|p| !p.starts_with(char::is_alphanumeric) && text.contains(p))
}

/// Words that close articles as links or headings (not in a sentence of the text).
static PROMO_WEAK: Phrases = Phrases::new(&[
    "kommentare", "comments", "comentarios", "commentaires", "related", "telegram", "whatsapp", "facebook", "twitter", "instagram", "youtube", "teilen", "share",
    "weitere informationen", "more information", "read more",
]);

/// The leaf blocks of the article (paragraphs, headings, items, text-only divs) in order.
fn leaf_blocks(t: &Tree, root: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut taken = vec![false; t.len()];
    for d in t.descendants(root) {
        if !t.is_element(d) {
            continue;
        }
        let tag = t.tag(d);
        // (A <time> standing as a block of its own is one: "Publiziert: 03.04.2020, 12:35".)
        let leaf = matches!(tag, Tag::P | Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Li | Tag::Dd | Tag::Dt | Tag::Figcaption | Tag::Blockquote | Tag::Time)
            || (matches!(tag, Tag::Div | Tag::Section | Tag::Span) && !t.descendants(d).any(|x| t.is_element(x) && t.tag(x).is_block()));
        if leaf && !t.ancestors_in(d, root).any(|a| taken[a as usize]) && inner_len(t, d) > 0 {
            taken[d as usize] = true;
            out.push(d);
        }
    }
    out
}

/// A closing block that is a call to action, a notice or a link line, not the article.
fn closing_boilerplate(t: &Tree, b: NodeId) -> bool {
    if has_material(t, b) || t.descendants(b).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture | Tag::Iframe | Tag::Video)) {
        return false;
    }
    let len = inner_len(t, b);
    if len > 600 {
        return false;
    }
    let text = t.text_content(b).to_lowercase();
    // A longer closing block counts only when it opens as a notice does: a copyright sign or a
    // call to action ("© 2022, …", "Follow us on …").
    let opening = text.trim_start();
    // (Whole words: "Subscribers said …" or "Copyright law …" may close an article.)
    let calls = CALLS.iter().any(|p| opening.strip_prefix(p).is_some_and(|r| !r.starts_with(char::is_alphanumeric)));
    // "Follow <the site> on Twitter and Instagram …": a call to follow naming a network.
    let follow = ["follow ", "folgen sie ", "folge ", "síguenos ", "suivez-nous ", "seguici "].iter().any(|p| opening.starts_with(p))
        && ["twitter", "facebook", "instagram", "tiktok", "youtube", "linkedin", "telegram", "whatsapp"].iter().any(|n| text.contains(n));
    // A blog theme's post meta line ("This entry was posted on … and is filed under …",
    // "Erstellt am … und abgelegt unter …").
    let filed = ["filed under", "abgelegt unter", "archivado en", "classé dans"].iter().any(|p| text.contains(p)) && len <= 400;
    if opening.starts_with('©') || calls || follow || filed {
        return true;
    }
    // Set apart from the text (all of it bold or emphasized): a notice or an author's note, a
    // longer one too ("Follow The Gleaner on Twitter … Send us a message …").
    let apart = emphasized_len(t, b) * 10 >= len * 9;
    if apart && (any_phrase(&text, &PROMO) || author_note(&text)) {
        return true;
    }
    if len > 300 {
        return false;
    }
    let links = link_len(t, b);
    let heading = heading_level(t, b).is_some() || t.descendants(b).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Strong | Tag::B) && inner_len(t, d) * 10 >= len * 9);
    // A heading naming a network in a sentence ("… legt auf Facebook ein Fake-Profil an") is
    // the article's; a short one ("Folgen Sie uns auf Facebook") is not.
    // A bare address is a source the article cites, not a link line.
    let address = text.trim_start().starts_with("http://") || text.trim_start().starts_with("https://");
    links * 2 > len && !address
        || credit_like(&text)
        || (len <= 200 && any_phrase(&text, &PROMO))
        || (heading && len <= 60 && any_phrase(&text, &PROMO_WEAK))
        || (links > 0 && {
            // The word in a link ("Share on <a>Facebook</a>"), not in a sentence that links
            // elsewhere ("Facebook believe that <a>Snopes</a> writers are impartial …").
            let linked: String = t.descendants(b).filter(|&d| t.is_element(d) && t.tag(d) == Tag::A).map(|a| t.text_content(a).to_lowercase() + " ").collect();
            any_phrase(&linked, &PROMO_WEAK)
        })
}

/// A note about the author (lower case): a name of two to four words, then "is" and a role
/// ("candice sealey is the founder …", "jane doe ist redakteurin …").
fn author_note(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let Some(verb) = words.iter().position(|w| matches!(*w, "is" | "ist" | "es" | "est" | "è" | "jest")) else { return false };
    (2..=4).contains(&verb)
        && words[..verb].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'')))
        && words.get(verb + 1).is_some_and(|w| matches!(*w, "a" | "an" | "the" | "ein" | "eine" | "der" | "die" | "un" | "una" | "une" | "le" | "la" | "el" | "il"))
}

/// Whether a picture, video, frame, table, code or math follows `x` in the article.
fn media_after(t: &Tree, x: NodeId, root: NodeId) -> bool {
    let mut n = t.next_in(x, root, true);
    while let Some(y) = n {
        if t.is_element(y) && matches!(t.tag(y), Tag::Img | Tag::Picture | Tag::Video | Tag::Iframe | Tag::Table | Tag::Pre | Tag::Math | Tag::Svg | Tag::Audio | Tag::Object | Tag::Embed) {
            return true;
        }
        n = t.next_in(y, root, false);
    }
    false
}

/// Trailing calls to action and notices: from the end, while blocks look like that.
fn closing(t: &mut Tree, root: NodeId) {
    let blocks = leaf_blocks(t, root);
    let total = inner_len(t, root);
    let mut removed = 0;
    for (k, &b) in blocks.iter().rev().take(8).enumerate() {
        // The very last line may be an agency's or author's sign-off ("RIRM", "aja/PAP").
        let text = super::normalize(&t.text_content(b));
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let sign_off = k == 0 && !letters.is_empty() && text.chars().count() <= 20 && !text.contains(['.', '!', '?'])
            && (text.contains('/') || letters.iter().all(|c| !c.is_lowercase()));
        // A heading ending in a colon with nothing after it announces a list that is not there
        // (its links or its widget went): it goes too. (Not any closing heading: an article
        // cut short by a paywall or a page break can end in one.)
        let announce = text.ends_with([':', '?']);
        // (A plain line ending in a colon only when it announces more reading: "Das Konzeptpapier
        // finden Sie hier:" closes an article whose download link went.)
        let orphan = (heading_level(t, b).is_some() && (announce || !text.ends_with(['.', '!', '"', '”', '»', '“']))
            || heading_like(t, b) && announce
            || (heading_like(t, b) || label_line(t, b) || inner_len(t, b) <= 60 && !text.ends_with(['.', '!', '?', '…', '"', '”', '»']))
                && more_reading(&pat::normalize_label(&text)))
            && !media_after(t, b, root);
        // Post meta closing the article ("Publiziert: 03.04.2020, 12:35", "Aufrufe: 1120 |
        // Tags: …"), in words: not a bare number (a phone number, a figure), not a byline (an
        // author's line may sign the article; "By then, it was too late." may close it).
        let lower = text.to_lowercase();
        let byline = ["by ", "von ", "por ", "par ", "autor", "author", "written by", "geschrieben von"].iter().any(|w| lower.starts_with(w));
        let meta = !letters.is_empty() && !byline && meta_line(&text);
        // A teaser card closing the article: a picture and a heading linking to the same other
        // page of the site, then at most a short excerpt. The heading goes next, as a heading left
        // last. (A section heading that links to a page of its topic, with no picture linking there
        // too, is the article's.)
        let card = k + 1 < blocks.len() && inner_len(t, b) <= 300 && heading_level(t, b).is_none() && {
            let h = blocks[blocks.len() - 2 - k];
            let hl = inner_len(t, h);
            heading_level(t, h).is_some() && hl > 0 && link_len(t, h) * 10 >= hl * 9 && own_link_len(t, h) > 0 && !links_to_page(t, h) && picture_links_alike(t, h)
        };
        // A control's label ("Lade weitere Inhalte …") is no text either.
        // (A lone "Back" or "Retour" counts only here, at the end: within the text it may be a
        // section's heading, "Aller" and "Retour" of an itinerary.)
        let back = ["zurück", "back", "volver", "retour", "powrót"].contains(&lower.trim_matches(|c: char| !c.is_alphanumeric()));
        let control = text.chars().count() <= 40 && (ui_label(&lower) || back);
        if !sign_off && !orphan && !meta && !control && !card && !closing_boilerplate(t, b) {
            break;
        }
        // (Lines of links to the site's own pages count for nothing: the budget guards the
        // article's prose, and "next article" links closing it are none. Links elsewhere, a
        // list of sources, count.)
        let len = inner_len(t, b);
        if own_link_len(t, b) * 2 <= len {
            removed += len;
        }
        if removed * 5 > total {
            break;
        }
        t.remove(b);
    }
}

/// A line of post meta: a date, "Posted in …", "Category: …", "By …" (short, few words).
fn meta_line(text: &str) -> bool {
    // Over 120 characters besides white space is over 120 once normalized, too long for any
    // meta line but a permalink's: no need to copy it.
    if text.chars().filter(|c| !c.is_whitespace()).nth(120).is_some() {
        let head: String = text.trim_start().chars().take(12).flat_map(char::to_lowercase).collect();
        if !head.starts_with("permalink") {
            return false;
        }
    }
    let l = super::normalize(text).to_lowercase();
    // Fields of post meta run together with bars ("24. März 2004, 19:49 | Genesis", "2021-10-16
    // | Botschaft", "Aufrufe: 1120 | Hinzugefügt von: …"): short fields, one of them meta.
    let fields: Vec<&str> = l.split(['|', '•', '·']).map(str::trim).filter(|f| !f.is_empty()).collect();
    if fields.len() >= 2 && l.chars().count() <= 120 && fields.iter().all(|f| f.split(' ').count() <= 6) && fields.iter().any(|f| meta_field(f)) {
        return true;
    }
    meta_field(&l)
}

/// One field of post meta (lower case, white space normalized): see [`meta_line`].
fn meta_field(l: &str) -> bool {
    // "Permalink: https://…" (however long the address).
    if l.starts_with("permalink") {
        return true;
    }
    let words = l.split(' ').count();
    if l.is_empty() || words > 9 || l.chars().count() > 80 {
        return false;
    }
    const LEADS: &[&str] = &[
        "category", "categories", "kategorie", "kategorien", "categoría", "catégorie", "categoria", "posted", "published", "updated", "veröffentlicht",
        "erstellt", "aktualisiert", "publicado", "publié", "pubblicato", "tags", "tag:", "schlagworte", "filed under", "written by", "geschrieben von",
        "by ", "von ", "por ", "par ", "autor", "author", "aufrufe", "views", "lesezeit", "reading time", "min read", "minuten lesezeit",
        "publikacja", "data publikacji", "aktualizacja", "release date", "posted on", "lesedauer", "tiempo de lectura", "temps de lecture",
        "czas czytania", "ten tekst przeczytasz", "stand:", "datum:", "date:", "fecha:", "publiziert",
    ];
    if LEADS.iter().any(|w| l.starts_with(w)) {
        return true;
    }
    // A reading time: "4 Min Read", "21 minutes".
    let ws: Vec<&str> = l.split(' ').filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    if ws.len() <= 4 && ws.windows(2).any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && w[1].starts_with("min")) {
        return true;
    }
    // Mostly a date or a time: digits and separators, or a month name with digits.
    let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "januar", "februar", "märz", "mai", "juni", "juli", "okt", "dez",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "oktober", "dezember",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars",
        "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
        "sierpnia", "września", "października", "listopada", "grudnia",
    ];
    digits >= 2 && (letters == 0 || (words <= 5 && l.split(|c: char| !c.is_alphabetic()).any(|w| MONTHS.contains(&w))))
}

/// Leading post meta (dates, categories, "By …") before the first paragraph of text.
fn opening(t: &mut Tree, root: NodeId) {
    let blocks = leaf_blocks(t, root);
    for &b in blocks.iter().take(6) {
        if has_material(t, b) || t.descendants(b).any(|d| t.is_element(d) && matches!(t.tag(d), Tag::Img | Tag::Picture | Tag::Iframe | Tag::Video)) {
            continue;
        }
        let text = t.text_content(b);
        if meta_line(&text) {
            t.remove(b);
        } else if inner_len(t, b) > 120 {
            break;
        }
    }
}

/// Elements a stylesheet hides by a utility class (`hidden`, `d-none`, screen-reader-only
/// labels): not part of what a reader sees. Whole class names only (`hidden-xs` is visible).
fn css_hidden(t: &mut Tree, root: NodeId) {
    const HIDDEN: &[&str] = &[
        "hidden", "d-none", "hide", "is-hidden", "display-none", "visually-hidden", "sr-only", "screen-reader-text", "visuallyhidden", "u-hidden", "invisible",
        "element-invisible", "offscreen",
    ];
    let list: Vec<NodeId> = t.descendants(root).filter(|&d| t.is_element(d) && t.class(d).split_ascii_whitespace().any(|c| HIDDEN.contains(&c))).collect();
    for e in list.into_iter().rev() {
        if t.parent(e).is_some() && !has_material(t, e) && !t.descendants(e).any(|d| t.is_element(d) && t.tag(d) == Tag::Img) {
            t.remove(e);
        }
    }
}

pub fn refine(t: &mut Tree, root: NodeId, title: &str, skip: &dyn Fn(NodeId) -> bool) {
    css_hidden(t, root);
    furniture_blocks(t, root);
    announced_sections(t, root);
    credits(t, root);
    opening(t, root);
    closing(t, root);
    notices(t, root);
    repeated_headline(t, root, title);
    link_lines(t, root);
    lead(t, root, title, skip);
}
