//! Argument maps: DOT snapshots of the bundled data, rendering through the real `dot`, hostile
//! labels, focus, and a missing Graphviz.

use crate::support::{check_snapshot, repo_file, Env};
use claimgraph::export::{self, ImageFormat, Layout};
use std::path::Path;

fn export(env: &Env, args: &[&str]) -> Vec<u8> {
    let output = env.cmd().arg("export").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "export {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Lays out `dot` with the real Graphviz, through the library's one way of calling it.
fn dot_to_svg(dot: &[u8]) -> String {
    let text = std::str::from_utf8(dot).expect("DOT is UTF-8");
    let svg = export::render(text, ImageFormat::Svg, Layout::Layered)
        .unwrap_or_else(|e| panic!("dot rejected the export: {e}"));
    String::from_utf8(svg).expect("SVG is UTF-8")
}

#[test]
fn the_whole_map_matches_its_snapshot_and_renders() {
    let env = Env::initialised();
    let dot = export(&env, &["dot"]);
    assert_eq!(
        dot,
        export(&env, &["dot"]),
        "the same store gives byte-identical DOT"
    );
    check_snapshot(
        "distillation-attacks.dot",
        &String::from_utf8(dot.clone()).unwrap(),
    );
    let svg = dot_to_svg(&dot);
    for text in [
        "distillation is not stealing",
        "HOW IS MODEL DISTILLATION STEALING",
        "legend",
        "counter&#45;accusation",
        "♥ 251",
    ] {
        assert!(svg.contains(text), "the SVG lacks {text:?}");
    }
    // The binary's own rendering agrees.
    let own = String::from_utf8(export(&env, &["svg"])).unwrap();
    assert!(own.starts_with("<?xml") && own.contains("♥ 251"));
    let png = export(&env, &["png"]);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn a_focus_on_the_gdpr_counter_accusation_shows_what_it_answers() {
    let env = Env::initialised();
    let dot = String::from_utf8(export(
        &env,
        &["dot", "--focus", "c-gdpr-questions", "--depth", "1"],
    ))
    .unwrap();
    check_snapshot("focus-gdpr.dot", &dot);
    assert!(
        dot.contains("accounts traced to researchers\\nvia request metadata"),
        "{dot}"
    );
    for unrelated in [
        "Moonshine",
        "national-security",
        "paying customers",
        "GitHub",
    ] {
        assert!(
            !dot.contains(unrelated),
            "{unrelated:?} is not in the GDPR neighbourhood"
        );
    }
    dot_to_svg(dot.as_bytes());
}

#[test]
fn hostile_labels_cannot_break_dot_or_svg() {
    let env = Env::new();
    env.cmd()
        .args([
            "load",
            repo_file("tests/fixtures/hostile.ttl").to_str().unwrap(),
        ])
        .assert()
        .success();
    let dot = export(&env, &["dot"]);
    let text = String::from_utf8(dot.clone()).unwrap();
    assert!(
        !text.contains("digraph { evil"),
        "a newline in a label stays inside its string"
    );
    let svg = dot_to_svg(&dot);
    assert!(!svg.contains("<script>"), "markup in labels is escaped");
    assert!(svg.contains("&lt;script&gt;"));
    for survivor in ["😭", "中文", "pwned", "引号"] {
        assert!(svg.contains(survivor), "{survivor:?} lost");
    }
    // One node statement per claim, quote and actor: nothing injected.
    let nodes = text
        .lines()
        .filter(|l| l.trim_start().starts_with(['c', 'q', 'a']) && l.contains("[label="))
        .count();
    assert_eq!(nodes, 2 + 1 + 2);
}

#[test]
fn language_clusters_and_simplifications() {
    let env = Env::initialised();
    let zh = String::from_utf8(export(
        &env,
        &["dot", "--lang", "zh", "--no-quotes", "--no-actors"],
    ))
    .unwrap();
    assert!(zh.contains("工业级蒸馏攻击"), "Chinese labels");
    for word in [
        "label=\"反驳\"",
        "label=\"图例\"",
        "label=\"反指控\"",
        "回应（类型未知）",
    ] {
        assert!(
            zh.contains(word),
            "relations and the legend in Chinese: {word}"
        );
    }
    assert!(!zh.contains("label=\"rebuttal\"") && !zh.contains("label=\"legend\""));
    assert!(
        !zh.contains("shape=\"note\" fillcolor=\"#eeeeee\" fontsize"),
        "no quotes"
    );
    assert!(
        !zh.contains("shape=\"ellipse\" fillcolor=\"#bbdefb\" tooltip"),
        "no actors"
    );
    let clustered = String::from_utf8(export(&env, &["dot", "--cluster", "faction"])).unwrap();
    for faction in [
        "double-standard exposers",
        "privacy worriers",
        "national-security camp",
    ] {
        assert!(
            clustered.contains(&format!("label=\"{faction}\"")),
            "{faction}"
        );
    }
    dot_to_svg(clustered.as_bytes());
}

#[test]
fn rendering_without_graphviz_says_what_to_do() {
    let env = Env::initialised();
    let empty = tempfile::tempdir().unwrap();
    let output = env
        .cmd()
        .env("PATH", empty.path())
        .args(["export", "svg"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot run `dot`: install Graphviz"),
        "{stderr}"
    );
    assert!(stderr.contains("use `export dot`"));
    // DOT itself needs nothing installed.
    env.cmd()
        .env("PATH", empty.path())
        .args(["export", "dot"])
        .assert()
        .success();
    assert!(Path::new(&repo_file("tests/snapshots")).is_dir());
}

#[test]
fn a_map_too_big_for_dot_is_laid_out_by_sfdp_with_a_note() {
    let env = Env::new();
    let data = env.write("big.nt", "");
    env.cmd()
        .args(["generate", "--claims", "700", "--seed", "5", "-o"])
        .arg(&data)
        .assert()
        .success();
    env.cmd()
        .args(["load", "--no-validate"])
        .arg(&data)
        .assert()
        .success();
    let output = env
        .cmd()
        .args(["export", "svg", "--no-quotes", "--no-actors"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let note = String::from_utf8_lossy(&output.stderr);
    assert!(
        note.contains("sfdp") && note.contains("--focus"),
        "no note on the layout: {note}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
    // A small map stays layered, without a note.
    let focused = env
        .cmd()
        .args(["export", "svg", "--focus", "c1", "--depth", "1"])
        .output()
        .unwrap();
    assert!(focused.status.success());
    assert!(
        focused.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&focused.stderr)
    );
    assert!(Layout::for_map(Layout::LAYERED_LIMIT) == Layout::Layered);
    assert!(Layout::for_map(Layout::LAYERED_LIMIT + 1) == Layout::ForceDirected);
}
