//! What people expect of a command line of this kind, tried with the programs that use it: the
//! completions loaded by bash, the manual page rendered by `man`, the version, and a mistyped
//! command, flag or named query answered with the nearest right one.

use crate::support::Env;
use std::process::Command;

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd().args(args).output().unwrap()
}

#[test]
fn bash_loads_the_completions_and_completes_commands_and_flags() {
    let env = Env::new();
    let script = env.path("claimgraph.bash");
    let output = run(&env, &["completions", "bash"]);
    assert!(output.status.success());
    std::fs::write(&script, &output.stdout).unwrap();
    // What bash offers after `claimgraph re<TAB>` and `claimgraph query --na<TAB>`, asked of
    // the completion function the script registers.
    let complete = |words: &str, current: usize| {
        let program = format!(
            "source {script}\n\
             complete -p claimgraph\n\
             COMP_WORDS=({words}); COMP_CWORD={current}; COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}\n\
             function=$(complete -p claimgraph | sed 's/.*-F \\([^ ]*\\).*/\\1/')\n\
             \"$function\" claimgraph \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script = script.display()
        );
        let output = Command::new("bash")
            .arg("-c")
            .arg(program)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let offered = complete("claimgraph re", 1);
    assert!(
        offered
            .lines()
            .next()
            .unwrap()
            .ends_with("-F _claimgraph claimgraph"),
        "{offered}"
    );
    let words: Vec<&str> = offered.lines().skip(1).collect();
    assert_eq!(words, ["responses"]);
    let offered = complete("claimgraph query --na", 2);
    let words: Vec<&str> = offered.lines().skip(1).collect();
    assert_eq!(words, ["--named"]);
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    let env = Env::new();
    for shell in ["zsh", "fish"] {
        let output = run(&env, &["completions", shell]);
        assert!(output.status.success());
        let script = String::from_utf8(output.stdout).unwrap();
        for command in [
            "responses",
            "load",
            "query",
            "trace",
            "analyze",
            "export",
            "serve",
        ] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
}

#[test]
fn man_renders_the_manual_page() {
    let env = Env::new();
    let page = env.path("claimgraph.1");
    let output = run(&env, &["man"]);
    assert!(output.status.success());
    std::fs::write(&page, &output.stdout).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man runs (scripts/install-deps --test installs it)");
    assert!(rendered.status.success());
    let text = String::from_utf8_lossy(&rendered.stdout);
    for heading in ["NAME", "SYNOPSIS", "OPTIONS", "SUBCOMMANDS"] {
        assert!(text.contains(heading), "no {heading} in:\n{text}");
    }
    assert!(text.contains("claimgraph - Who claimed what"), "{text}");
    assert!(text.contains("claimgraph-responses(1)"), "{text}");
    assert!(
        text.lines().all(|line| line.chars().count() <= 80),
        "wider than 80 columns:\n{text}"
    );
}

#[test]
fn the_version_names_the_ontology_it_writes_data_for() {
    let env = Env::new();
    let output = run(&env, &["--version"]);
    assert!(output.status.success());
    let version = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        version.trim(),
        format!(
            "claimgraph {} (ontology {})",
            env!("CARGO_PKG_VERSION"),
            claimgraph::bundled::ontology_version()
        )
    );
}

/// `(arguments, exit code, what stderr must say)`.
const TYPOS: &[(&[&str], i32, &str)] = &[
    (
        &["respones"],
        2,
        "tip: a similar subcommand exists: 'responses'",
    ),
    (
        &["query", "--nam", "x"],
        2,
        "tip: a similar argument exists: '--named'",
    ),
    (
        &["--memory", "query", "--named", "respones"],
        4,
        "; did you mean \"responses\"?",
    ),
];

#[test]
fn a_typo_gets_the_nearest_name() {
    let env = Env::new();
    for (args, code, says) in TYPOS {
        let output = run(&env, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

/// What a terminal of `columns` shows of `claimgraph ARGS`: the binary run in a pseudo-terminal
/// by `script`, with no `COLUMNS` to go by.
fn in_terminal(env: &Env, columns: u16, args: &str) -> String {
    let binary = assert_cmd::cargo::cargo_bin("claimgraph");
    let command = format!(
        "stty cols {columns} rows 50; exec '{}' --store '{}' {args}",
        binary.display(),
        env.store().display()
    );
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env_remove("COLUMNS")
        .output()
        .expect("script runs (util-linux)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .replace("\r\n", "\n")
}

fn display_width(line: &str) -> usize {
    line.chars().map(claimgraph::render::width).sum()
}

#[test]
fn responses_fit_a_terminal_of_80_or_140_columns() {
    let env = Env::initialised();
    for columns in [80, 140] {
        let shown = in_terminal(&env, columns, "responses");
        for line in shown.lines() {
            assert!(
                display_width(line) <= usize::from(columns),
                "wider than {columns}: {line}"
            );
        }
        crate::support::check_snapshot(&format!("responses-{columns}.txt"), &shown);
    }
    // A pipe gets what an 80-column terminal shows, wherever it runs.
    let piped = env
        .cmd()
        .arg("responses")
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(piped.stdout).unwrap(),
        in_terminal(&env, 80, "responses")
    );
}
