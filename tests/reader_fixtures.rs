//! Reader mode on small pages of our own (tests/fixtures/reader/): what reader modes tend to
//! lose must be kept, and the page furniture around it must not.

use declutter::article::Article;
use declutter::{native, Options};
use std::path::Path;

const URL: &str = "https://example.org/posts/2024/page.html";

fn extract(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader").join(name);
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = native::parse_for_reading(&html, Some(URL));
    declutter::extract(&doc, &Options::default())
}

fn keeps(name: &str, a: &Article, html: &[&str], text: &[&str]) {
    for s in html {
        assert!(a.html.contains(s), "{name}: the article HTML lost {s:?}:\n{}", a.html);
    }
    for s in text {
        assert!(a.text.contains(s), "{name}: the article text lost {s:?}:\n{}", a.text);
    }
}

fn drops(name: &str, a: &Article, text: &[&str]) {
    for s in text {
        assert!(!a.text.contains(s) && !a.html.contains(s), "{name}: {s:?} should not be in the article:\n{}", a.text);
    }
}

#[test]
fn code_blocks_keep_their_line_breaks() {
    let a = extract("code.html");
    keeps(
        "code.html",
        &a,
        &["<pre><code>", "fn main() -&gt; io::Result&lt;()&gt; {\n    let file = File::open(\"notes.txt\")?;"],
        &[
            "use std::io::{self, BufRead, BufReader};\n\nfn main() -> io::Result<()> {\n    let file = File::open(\"notes.txt\")?;\n    for line in BufReader::new(file).lines() {\n        println!(\"{}\", line?);\n    }\n    Ok(())\n}",
            "$ cargo run\n   Compiling notes v0.1.0\nfirst line",
            "Each call to lines() allocates a new String.",
        ],
    );
    drops("code.html", &a, &["Archive", "Privacy"]);
    assert_eq!(a.title, "Reading files line by line in Rust", "the site name goes");
    assert_eq!(a.byline.as_deref(), Some("By Ada Example"));
    assert_eq!(a.lead_image.as_deref(), Some("https://example.org/img/rust-files.png"));
    assert!(a.readerable);
    assert!(a.word_count > 150 && a.reading_minutes == 1, "{} words, {} min", a.word_count, a.reading_minutes);
}

#[test]
fn data_tables_stay_and_layout_tables_go() {
    let a = extract("tables.html");
    keeps(
        "tables.html",
        &a,
        &["<table>", "<caption>Largest municipalities of Norway</caption>", "<th>Population</th>", "<td>709,037</td>"],
        &["City\nCounty\nPopulation\nChartered", "Bergen\nVestland\n289,330\n1070", "Growth has been fastest around Oslo"],
    );
    drops("tables.html", &a, &["Front page", "Americas"]);
    assert_eq!(a.html.matches("<table").count(), 1, "only the data table is a table: {}", a.html);
}

#[test]
fn math_is_kept_once() {
    let a = extract("math.html");
    keeps(
        "math.html",
        &a,
        &["<math display=\"block\"><mrow><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup>", "<mfrac>", "<msqrt>", "<annotation encoding=\"application/x-tex\">"],
        &["The expression under the root, the discriminant, decides everything"],
    );
    // KaTeX's visual copy (aria-hidden) goes; its MathML stays; the TeX source is not text.
    drops("math.html", &a, &["KATEXVISUALCOPY"]);
    assert!(!a.text.contains("\\frac"), "{}", a.text);
    assert!(a.text.contains("ax2+bx+c=0"), "{}", a.text);
}

#[test]
fn video_embeds_are_kept_and_sandboxed() {
    let a = extract("youtube.html");
    keeps(
        "youtube.html",
        &a,
        &["<iframe", "src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\""],
        &["The escapement is the heartbeat of every mechanical watch.", "each tick is the pallet fork catching a tooth"],
    );
    assert!(!a.html.contains("<script"), "{}", a.html);
    let safe = declutter::sanitize::sanitize(&a.html);
    assert!(safe.contains("https://www.youtube.com/embed/dQw4w9WgXcQ") && safe.contains("sandbox="), "{safe}");
}

#[test]
fn lazy_images_are_restored_with_absolute_urls() {
    let a = extract("lazy.html");
    keeps(
        "lazy.html",
        &a,
        &[
            "src=\"https://example.org/photos/quay.jpg\"",
            "srcset=\"https://example.org/photos/warehouses-640.jpg 640w, https://example.org/photos/warehouses-1280.jpg 1280w\"",
            "src=\"https://example.org/photos/warehouses-1280.jpg\"",
            "src=\"https://example.org/photos/lighthouse.jpg\"",
            "src=\"https://cdn.example.net/photos/ferry.jpg\"",
        ],
        &["the harbour belongs to the visitors again"],
    );
    assert!(!a.html.contains("data:image/gif"), "placeholders go: {}", a.html);
    assert!(!a.html.contains("placeholder.gif"), "the noscript image replaces the placeholder: {}", a.html);
    assert_eq!(a.lead_image.as_deref(), Some("https://example.org/photos/quay.jpg"));
}

#[test]
fn right_to_left_articles_keep_dir_and_lang() {
    let a = extract("rtl.html");
    assert_eq!(a.dir.as_deref(), Some("rtl"));
    assert_eq!(a.lang.as_deref(), Some("he"));
    assert_eq!(a.title, "מדריך קצר לקפה טוב בבית", "the site name goes");
    keeps("rtl.html", &a, &[], &["קפה טוב בבית מתחיל בפולים טריים.", "ולבסוף, סבלנות"]);
    drops("rtl.html", &a, &["ראשי"]);
    // One paragraph per line.
    assert_eq!(a.text.lines().count(), 4, "{}", a.text);
}

#[test]
fn figures_keep_their_captions() {
    let a = extract("figures.html");
    keeps(
        "figures.html",
        &a,
        &["<figure>", "<img src=\"https://example.org/images/eagle-nest.jpg\"", "<figcaption>A white-tailed eagle on its nest", "<source srcset=\"https://example.org/images/eagle-flight.webp\"", "<img src=\"https://example.org/images/eagle-chick.jpg\""],
        &["A white-tailed eagle on its nest above the bay", "In flight, the pale tail gives the species its name."],
    );
    drops("figures.html", &a, &["Wild Coast"]);
    // No og:image: the hero image above the headline, outside the article, leads.
    assert_eq!(a.lead_image.as_deref(), Some("https://example.org/images/hero-bay.jpg"));
}

#[test]
fn footnotes_are_kept() {
    let a = extract("footnotes.html");
    keeps(
        "footnotes.html",
        &a,
        &["<sup id=\"fnref1\"><a href=\"#fn1\">1</a></sup>", "<li id=\"fn1\">"],
        &["Manutius printed it in Pietro Bembo's De Aetna", "See her diaries, where semicolons outnumber full stops"],
    );
}

#[test]
fn hostile_input_never_panics() {
    for html in [
        "",
        "<noscript><img src='x",
        "<html><body><div>".repeat(3000).as_str(),
        "<p>a<br><br><br>b<br><br>c</p><font>x</font><table><tr><td>only</td></tr></table>",
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"\\ud800\",\"author\":[{\"name\":1}]}</script>",
        "<title> | - | </title><h1>x</h1><img src=\"data:image/png;base64,\" data-x=\"a.jpg 1x\">",
        "<a href=\"javascript:void(0)\"><b>x</b></a><math><mi>x</mi></math><svg><title>t</title></svg>",
        "<meta property=\"ß é og:title\" content=\"T\"><title>Ünïcödé — Ü</title><img src=x alt='ü'><noscript><img src='ü.jpg' alt=\"ö\"></noscript>",
    ] {
        let doc = native::parse_for_reading(html, Some(URL));
        let a = declutter::extract(&doc, &Options::default());
        let _ = declutter::sanitize::sanitize(&a.html);
    }
    // Deep nesting of the elements Readability checks recursively.
    let deep = format!("<div>text {}deep{}</div>", "<del>".repeat(20_000), "</del>".repeat(20_000));
    let a = declutter::extract(&native::parse_for_reading(&deep, Some(URL)), &Options::default());
    assert!(a.text.contains("deep"));
}

/// Consent placeholders and control labels go; article sentences that share their words
/// (privacy, loading, clicking, invitations: "eingeladen") stay.
#[test]
fn notices_go_and_sentences_with_their_words_stay() {
    let a = extract("notices.html");
    keeps(
        "notices.html",
        &a,
        &[],
        &[
            "Der Datenschutzbeauftragte hatte alle Mitglieder zu einer Anhörung eingeladen.",
            "Klicken Sie im Mitgliederbereich auf „Profil“, um den Inhalt Ihres Eintrags zu laden und zu prüfen.",
            "Privacy advocates who spoke at the meeting said the new rules should load no extra work onto volunteers.",
            "Click the button to load the content of the new statutes, a tutorial on the website explains each step.",
            "Die neue Satzung tritt mit der Eintragung ins Vereinsregister in Kraft",
        ],
    );
    drops("notices.html", &a, &["Klicken Sie auf den unteren Button", "Mehr laden"]);
}

/// Post meta and a lone heading closing the article go (a `<time>` block, a question that
/// announces a box that is not there, a dateline with bars at the top); a closing heading that
/// is a sentence (a pull quote), a section headed "Zurück" and a closing phone number stay.
#[test]
fn closing_meta_goes_and_closing_text_stays() {
    let a = extract("closing.html");
    keeps(
        "closing.html",
        &a,
        &[],
        &["Die Tour beginnt am Bahnhof Friedrichsfelde-Ost", "wo die Tour an der Fähre endet.", "Die Fähre fährt nur im Sommer. Im Winter bleibt nur die Brücke."],
    );
    // A section headed "Zurück" (the way back) is the article's; only a lone "zurück" closing it is a link back.
    keeps("closing.html", &a, &["<h3>Zurück</h3>"], &["Für den Rückweg nimmt man am besten die S-Bahn"]);
    drops("closing.html", &a, &["Publiziert: 24.03.2022", "Keine Lust alleine zu radeln?", "19:49 | Redaktion"]);
    let a = extract("closing-contact.html");
    keeps("closing-contact.html", &a, &[], &["erreicht die Versuchsstation werktags telefonisch:", "+49 351 2612-2012"]);
}

/// A plain line announcing related reading ("Veja também:") goes with its links, a teaser card
/// closing the article (a picture and a heading linking to the same page, an excerpt) goes; a
/// plain title over an article's own list, a short line that only looks like a label and a
/// closing section whose heading links to a page of its topic stay.
#[test]
fn related_reading_goes_and_article_lists_stay() {
    let a = extract("related.html");
    keeps(
        "related.html",
        &a,
        &[],
        &["Ingredientes da proposta", "prazo para a análise do Congresso", "chamou a articulação de manobra diversionista", "com o Supremo e com a imprensa."],
    );
    drops("related.html", &a, &["Veja também", "STF afasta imunidade", "Cinco tendências para as eleições", "Um guia para entender"]);
    let a = extract("related-end.html");
    keeps("related-end.html", &a, &[], &["Most read", "Our affiliates meet once a year", "Our Programs", "Our work spans a variety of different areas"]);
}

/// Notes closing the article that are not its text go (an author's note set apart, an opinion
/// disclaimer); an editorial note set apart the same way stays.
#[test]
fn closing_notes_go_and_editorial_notes_stay() {
    let a = extract("closing-notes.html");
    keeps(
        "closing-notes.html",
        &a,
        &[],
        &["über die weiteren wird im Herbst verhandelt.", "Dieser Artikel baut auf einer gemeinsamen Recherche mit dem Rechercheverbund der Regionalzeitungen auf."],
    );
    drops("closing-notes.html", &a, &["Jana Berger ist eine freie Journalistin", "gibt die Meinung des Autors wieder"]);
}

/// A call to follow the site on its networks, next/previous article links and a "back" link
/// closing the article go; the article's last paragraph, which names a network and links
/// elsewhere, stays.
#[test]
fn closing_calls_go_and_sentences_naming_networks_stay() {
    let a = extract("closing-follow.html");
    keeps(
        "closing-follow.html",
        &a,
        &[],
        &["as it did after the first year.", "Facebook believe that the fact-checkers, along with other newsrooms, are impartial enough"],
    );
    drops("closing-follow.html", &a, &["Follow The Gazette on Twitter", "Send us a message", "transport centre upgrade", "occupational safety bill", "zurück"]);
}

/// The steps of a recipe or a how-to, each with its picture, are the article's: Readability
/// drops a list with more pictures than paragraphs; an item that says something of its own
/// (not a linked title, a headed teaser or a caption) counts as one. A list of picture teasers
/// with linked titles still goes.
#[test]
fn steps_with_pictures_stay() {
    let a = extract("steps.html");
    keeps(
        "steps.html",
        &a,
        &["/img/step-1.jpg", "/img/step-3.jpg"],
        &["Dice the tofu and soak up the excess water", "With two tablespoons of oil left in the wok", "Return the tofu to the wok", "Half a block of firm tofu, diced"],
    );
    drops("steps.html", &a, &["curry laksa", "Chicken satay", "laksa.jpg", "peanut sauce"]);
}
