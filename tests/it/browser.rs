//! `serve`'s pages in a real browser: headless Chromium, driven by Playwright for Python
//! (`tests/browser.py`) through the executable path of the system's Chromium.

use crate::support::{repo_file, value, Env, Served, CONCLUSION_ROOTS};
use serde_json::Value;
use std::process::Command;

/// The system's Chromium: `CHROMIUM` if set, else the first of Debian's names on `PATH`.
fn chromium() -> String {
    if let Ok(path) = std::env::var("CHROMIUM") {
        return path;
    }
    ["chromium", "chromium-browser"]
        .into_iter()
        .find_map(|name| {
            let output = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            output
                .status
                .success()
                .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        })
        .expect("Chromium is installed (scripts/install-deps --test installs Debian's `chromium`)")
}

/// What `tests/browser.py` saw in `mode`.
fn browse(served: &Served, mode: &str, extra: &[&str]) -> Value {
    let output = Command::new("python3")
        .arg(repo_file("tests/browser.py"))
        .args([chromium().as_str(), mode, served.base()])
        .args(extra)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the browser failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn a_reader_follows_an_allegation_to_its_quotes_and_map_and_a_node_to_another_claim() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let screenshot = env.path("claim.png");
    let seen = browse(&served, "walk", &[screenshot.to_str().unwrap()]);

    // The home lists every allegation, and the conclusions debates start from.
    let count = |sparql: &str| -> u64 { value(&env.rows(&[sparql])[0], "n").parse().unwrap() };
    let allegations =
        count("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* cg:Allegation }");
    assert_eq!(
        seen["allegations"].as_u64().unwrap(),
        allegations + count(CONCLUSION_ROOTS)
    );
    let claim_url = seen["claim_url"].as_str().unwrap();
    assert!(
        claim_url.starts_with(&format!("{}/claim/", served.base())),
        "{seen}"
    );
    assert_eq!(seen["heading"], seen["first_label"]);

    // The quotes shown are the store's words, in the original or a translation.
    let texts: Vec<String> = env
        .rows(&["SELECT DISTINCT ?t WHERE { ?q a cg:Quote . \
             { ?q cg:originalText ?t } UNION { ?q cg:translation/cg:text ?t } }"])
        .iter()
        .map(|row| value(row, "t"))
        .collect();
    let quotes = seen["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty(), "no quote on {claim_url}");
    for quote in quotes {
        let shown = quote.as_str().unwrap().trim();
        assert!(
            texts.iter().any(|t| t.trim() == shown),
            "{shown:?} is no quote of the store"
        );
    }

    assert_eq!(seen["svg"], 1, "one map");
    assert!(seen["svg_nodes"].as_u64().unwrap() >= 2, "{seen}");
    let followed = &seen["followed"];
    let href = followed["href"]
        .as_str()
        .unwrap_or_else(|| panic!("no node of the map links to another claim: {seen}"));
    assert_eq!(followed["url"], format!("{}{href}", served.base()).as_str());
    assert_ne!(followed["url"], seen["claim_url"]);
    assert!(!followed["heading"].as_str().unwrap().is_empty());

    // The screenshot is a real image of a tall page: a PNG whose header gives its size.
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(width, 1280);
    assert!(height > 900, "the whole page, not the viewport: {height}");
    assert!(png.len() > 50_000, "{} bytes", png.len());
}

#[test]
fn script_and_javascript_links_in_the_data_stay_text_in_the_browser() {
    let env = Env::loaded(&repo_file("tests/fixtures/hostile-pages.ttl"));
    let served = Served::start(&env, &["--quiet"]);
    let seen = browse(&served, "visit", &[]);
    assert_eq!(seen["ran"], serde_json::json!([]), "a dialog opened");
    assert_eq!(seen["blocked"], serde_json::json!([]), "markup got through");
    let pages = seen["pages"].as_array().unwrap();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    let mut text = String::new();
    for page in pages {
        assert_eq!(page["scripts"], 0, "{}", page["path"]);
        assert_eq!(
            page["javascript_links"],
            serde_json::json!([]),
            "{}",
            page["path"]
        );
        text.push_str(page["text"].as_str().unwrap());
    }
    for shown in [
        "<script>alert(4)</script>",
        "<script>alert(5)</script>",
        "javascript:alert(1)",
        "\"><script>alert(3)</script>",
        "<iframe src=\"javascript:alert(10)\"></iframe>",
    ] {
        assert!(text.contains(shown), "{shown} is not shown as text");
    }
}
