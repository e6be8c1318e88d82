//! `declutter`: the core on the command line.

use declutter::settings::{self, Settings};
use declutter::{native, output, Options};
use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
declutter — hide page clutter and extract the article (the core of the Declutter extension)

USAGE:
    declutter clean   FILE|- [--url URL] [--format html|text|json] [--settings FILE]
    declutter extract FILE|- [--url URL] [--format html|text|json] [--settings FILE]
    declutter settings defaults
    declutter settings check FILE
    declutter --version | --help

clean    the page with clutter removed (html), the text a reader still sees (text), or a
         report with every hidden block (json)
extract  the article: its HTML, its text, or everything with metadata (json)
--url    the page address: resolves relative links, selects the site's settings
--settings  a settings export (as the options page writes it); the site of --url applies
";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Html,
    Text,
    Json,
}

struct Args {
    input: Option<String>,
    url: Option<String>,
    format: Format,
    settings: Option<String>,
}

fn parse_args(rest: &[String]) -> Result<Args, String> {
    let mut a = Args { input: None, url: None, format: Format::Html, settings: None };
    let mut it = rest.iter();
    while let Some(x) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match x.as_str() {
            "--url" => a.url = Some(value("--url")?),
            "--settings" => a.settings = Some(value("--settings")?),
            "--format" => {
                a.format = match value("--format")?.as_str() {
                    "html" => Format::Html,
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format \"{other}\" (html, text or json)")),
                }
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => {
                if a.input.is_some() {
                    return Err(format!("unexpected argument {s}"));
                }
                a.input = Some(s.to_string());
            }
        }
    }
    if a.input.is_none() {
        return Err("missing input: a file name, or - for standard input".into());
    }
    Ok(a)
}

fn read_input(name: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    if name == "-" {
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        buf = std::fs::read(name).map_err(|e| format!("cannot read {name}: {e}"))?;
    }
    Ok(buf)
}

fn load_settings(path: &str) -> Result<Settings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    Settings::from_json(&text).map_err(|e| format!("{path}: invalid settings:\n{e}"))
}

fn options_for(args: &Args) -> Result<Options, String> {
    let profile = match &args.settings {
        None => settings::Profile::default(),
        Some(p) => {
            let s = load_settings(p)?;
            let host = args.url.as_deref().and_then(declutter::clutter::patterns::url_host).unwrap_or("");
            s.profile_for(host)
        }
    };
    Options::from_profile(&profile).map_err(|e| e.to_string())
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn run(cmd: &str, rest: &[String]) -> Result<String, String> {
    match cmd {
        "clean" | "extract" => {
            let args = parse_args(rest)?;
            let opts = options_for(&args)?;
            let input = args.input.as_deref().unwrap_or("-");
            let bytes = read_input(input)?;
            let html = native::decode(&bytes).map_err(|e| format!("{input}: {e}"))?;
            let t0 = Instant::now();
            // Extraction never reads script or style text; a cleaned page is printed whole.
            let doc = if cmd == "clean" { native::parse(&html, args.url.as_deref()) } else { native::parse_for_reading(&html, args.url.as_deref()) };
            if cmd == "clean" {
                let mut cleaned = declutter::clean(&doc, &opts);
                cleaned.report.ms = t0.elapsed().as_secs_f64() * 1000.0;
                Ok(match args.format {
                    Format::Html => output::cleaned_html(&doc, &cleaned, &opts.stylesheet()),
                    Format::Text => output::visible_text(&doc, &cleaned),
                    Format::Json => json(&serde_json::json!({
                        "report": cleaned.report,
                        "blocks": output::blocks(&doc, &cleaned),
                    })),
                })
            } else {
                let article = declutter::extract(&doc, &opts);
                Ok(match args.format {
                    Format::Html => declutter::sanitize::sanitize(&article.html),
                    Format::Text => article.text,
                    Format::Json => {
                        let mut a = article;
                        a.html = declutter::sanitize::sanitize(&a.html);
                        json(&a)
                    }
                })
            }
        }
        "settings" => match rest.first().map(String::as_str) {
            Some("defaults") => Ok(json(&Settings::default())),
            Some("check") => {
                let path = rest.get(1).ok_or("settings check needs a FILE")?;
                let s = load_settings(path)?;
                Ok(format!("{path}: valid settings (version {}, {} site{})", s.version, s.sites.len(), if s.sites.len() == 1 { "" } else { "s" }))
            }
            Some(other) => Err(format!("unknown settings command \"{other}\" (defaults or check)")),
            None => Err("settings needs a command: defaults or check".into()),
        },
        other => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = argv.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "-V" | "--version" => {
            println!("declutter {}", declutter::version());
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    match run(cmd, &argv[1..]) {
        Ok(mut out) => {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("declutter: {e}");
            ExitCode::from(1)
        }
    }
}
