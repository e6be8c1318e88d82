//! The CLI on the seed page and on bad input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> String {
    root().join("www/samples/seed.html").to_string_lossy().into_owned()
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the CLI");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args, None);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const PARAGRAPHS: &[&str] = &[
    "Following their discussions in Pyongyang on Wednesday",
    "“Russia and North Korea have signed a Comprehensive Strategic Partnership Treaty,”",
    "The two leaders also exchanged gifts during the visit",
    "Ushakov did not say what gifts Putin received",
    "The Kremlin said on Monday the treaty would replace previous bilateral documents",
    "Moscow and Pyongyang’s ties have sparked concern in the West",
    "Kim said earlier relations with Russia had reached a new high point",
];

#[test]
fn clean_text_keeps_the_article_and_drops_the_clutter() {
    let text = ok(&["clean", &seed(), "--format", "text"]);
    for p in PARAGRAPHS {
        assert!(text.contains(p), "missing paragraph {p:?}");
    }
    assert!(text.contains("In this pool photograph distributed by the Russian state agency Sputnik"));
    for gone in ["Advertisement", "Connect with us", "Breaking News", "Trending Articles", "Leave a Reply", "Comments"] {
        assert!(!text.contains(gone), "{gone:?} still in the text");
    }
    // One block per line: no two paragraphs on one line.
    let lines: Vec<&str> = text.lines().collect();
    for p in PARAGRAPHS {
        assert_eq!(lines.iter().filter(|l| l.contains(p)).count(), 1);
        let line = lines.iter().find(|l| l.contains(p)).unwrap();
        assert!(PARAGRAPHS.iter().filter(|q| line.contains(*q)).count() == 1, "paragraphs run together: {line}");
    }
}

#[test]
fn clean_json_reports_blocks_by_category() {
    let out = ok(&["clean", &seed(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cats = &v["report"]["categories"];
    assert!(cats["ads"].as_u64().unwrap() >= 4, "{cats}");
    assert!(cats["related"].as_u64().unwrap() >= 2, "{cats}");
    assert!(cats["comments"].as_u64().unwrap() >= 1, "{cats}");
    assert!(cats["social"].as_u64().unwrap() >= 1, "{cats}");
    assert_eq!(v["report"]["hidden"].as_u64().unwrap() as usize, v["blocks"].as_array().unwrap().iter().filter(|b| b["category"] != "control").count());
}

#[test]
fn clean_html_is_the_page_without_its_clutter() {
    let html = ok(&["clean", &seed()]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style id=\"declutter-style\">"));
    let body = &html[html.find("<body").unwrap()..];
    assert!(!body.contains("adsbygoogle") && !body.contains("div-gpt-ad") && !body.contains("Trending Articles"));
    assert!(html.contains("Following their discussions in Pyongyang"));
}

#[test]
fn extract_gives_the_article_with_metadata() {
    let out = ok(&["extract", &seed(), "--format", "json", "--url", "https://dailyledger.example/2024/06/19/putin-kim-treaty/"]);
    let a: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a["title"], "Putin and North Korea’s Kim Jong Un sign strategic partnership treaty");
    assert_eq!(a["siteName"], "The Daily Ledger");
    assert_eq!(a["byline"], "Ledger Staff");
    assert_eq!(a["lang"], "en-US");
    assert_eq!(a["published"], "2024-06-19T14:05:00+00:00");
    assert_eq!(a["leadImage"], "https://dailyledger.example/2024/06/19/putin-kim-treaty/putin-kim.svg");
    for p in PARAGRAPHS {
        assert!(a["text"].as_str().unwrap().contains(p), "{p}");
    }
    assert!(a["wordCount"].as_u64().unwrap() > 150);
    let html = a["html"].as_str().unwrap();
    assert!(!html.contains("Advertisement") && !html.contains("<script"));
    let text = ok(&["extract", &seed(), "--format", "text"]);
    assert!(!text.contains("Advertisement"));
}

#[test]
fn reads_standard_input() {
    let out = run(&["clean", "-", "--format", "text"], Some(b"<p>Hello <b>there</b></p><div class=\"ad-slot\">Advertisement</div>"));
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "Hello there");
}

#[test]
fn unreadable_input_is_a_clear_error() {
    let missing = run(&["clean", "/nonexistent/page.html"], None);
    assert!(!missing.status.success());
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("cannot read /nonexistent/page.html"), "{err}");

    let binary = run(&["extract", "-"], Some(&[0u8; 2048]));
    assert!(!binary.status.success());
    assert!(String::from_utf8_lossy(&binary.stderr).contains("binary"));

    let bad_format = run(&["clean", &seed(), "--format", "pdf"], None);
    assert!(!bad_format.status.success());
    assert!(String::from_utf8_lossy(&bad_format.stderr).contains("unknown format \"pdf\""));

    let no_cmd = run(&["frobnicate"], None);
    assert!(!no_cmd.status.success());
}

#[test]
fn settings_defaults_check_and_use() {
    let defaults: serde_json::Value = serde_json::from_str(&ok(&["settings", "defaults"])).unwrap();
    assert_eq!(defaults["version"], 1);
    assert_eq!(defaults["defaults"]["categories"]["cookies"], false);

    let dir = std::env::temp_dir().join(format!("declutter-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"version": 1, "sites": {"dailyledger.example": {"categories": {"ads": false}}}}"#).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version": 1, "sites": {"dailyledger.example": {"categories": {"ads": "no"}}}}"#).unwrap();
    assert!(ok(&["settings", "check", good.to_str().unwrap()]).contains("valid settings"));
    let out = run(&["settings", "check", bad.to_str().unwrap()], None);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sites[\"dailyledger.example\"].categories.ads: expected true or false, found \"no\""), "{err}");

    // The site's settings apply through --url: ads stay, the rest goes.
    let v: serde_json::Value = serde_json::from_str(&ok(&["clean", &seed(), "--format", "json", "--settings", good.to_str().unwrap(), "--url", "https://dailyledger.example/x"])).unwrap();
    assert_eq!(v["report"]["categories"]["ads"], 0);
    assert!(v["report"]["categories"]["related"].as_u64().unwrap() >= 2);
    let v: serde_json::Value = serde_json::from_str(&ok(&["clean", &seed(), "--format", "json", "--settings", good.to_str().unwrap(), "--url", "https://elsewhere.example/x"])).unwrap();
    assert!(v["report"]["categories"]["ads"].as_u64().unwrap() >= 4, "other sites keep the defaults");
    std::fs::remove_dir_all(&dir).ok();
}
