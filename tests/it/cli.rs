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
/// by `script`, with no `COLUMNS` to go by but the terminal's own size.
fn in_terminal(env: &Env, columns: u16, args: &str) -> String {
    let (success, shown) = in_terminal_with(env, columns, args, &[]);
    assert!(success, "{args}: {shown}");
    shown
}

/// Whether the command succeeded, and what the terminal showed, with `vars` set.
fn in_terminal_with(env: &Env, columns: u16, args: &str, vars: &[(&str, &str)]) -> (bool, String) {
    let binary = assert_cmd::cargo::cargo_bin("claimgraph");
    let command = format!(
        "stty cols {columns} rows 50; exec '{}' --store '{}' {args}",
        binary.display(),
        env.store().display()
    );
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .envs(vars.iter().copied())
        .output()
        .expect("script runs (util-linux)");
    let shown = String::from_utf8(output.stdout).unwrap();
    (output.status.success(), shown.replace("\r\n", "\n"))
}

#[test]
fn responses_fit_a_terminal_of_80_or_140_columns() {
    let env = Env::initialised();
    for columns in [80, 140] {
        let shown = in_terminal(&env, columns, "responses");
        for line in shown.lines() {
            assert!(
                claimgraph::render::text_width(line) <= usize::from(columns),
                "wider than {columns}: {line}"
            );
        }
        crate::support::check_snapshot(&format!("responses-{columns}.txt"), &shown);
    }
    // A pipe with COLUMNS gets what a terminal of that width shows; one without, nothing cut.
    let piped = |columns: Option<&str>| {
        let mut cmd = env.cmd();
        cmd.arg("responses").env_remove("COLUMNS");
        if let Some(columns) = columns {
            cmd.env("COLUMNS", columns);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert_eq!(piped(Some("80")), in_terminal(&env, 80, "responses"));
    let whole = piped(None);
    assert!(
        whole.contains("to specific researchers at the lab. So… you're bragging you can"),
        "{whole}"
    );
    assert!(whole.contains("· author of the \"ask Kimi who it is\" comment · 44 likes"));
}

#[test]
fn tables_fit_80_columns_one_line_a_row() {
    let env = Env::initialised();
    for args in ["graphs", "queries", "analyze", "query --named responses"] {
        let shown = in_terminal(&env, 80, args);
        for line in shown.lines() {
            assert!(
                claimgraph::render::text_width(line) <= 80,
                "{args}: wider than 80: {line}"
            );
        }
        // Each table row is one line: as many lines between the rules as rows.
        if args == "queries" {
            let rows = shown.lines().filter(|l| l.starts_with('│')).count();
            assert_eq!(
                rows,
                1 + claimgraph::bundled::NAMED_QUERIES.len(),
                "{shown}"
            );
        }
        assert!(
            shown.contains('…'),
            "{args}: nothing needed cutting?\n{shown}"
        );
    }
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let env = Env::new();
    let escape = "\x1b[";
    assert!(in_terminal(&env, 80, "--help").contains(escape));
    let (_, plain) = in_terminal_with(&env, 80, "--help", &[("NO_COLOR", "1")]);
    assert!(!plain.contains(escape), "{plain}");
    let piped = env
        .cmd()
        .arg("--help")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&piped.stdout).contains(escape));
    let (success, error) = in_terminal_with(&env, 80, "respones", &[("NO_COLOR", "1")]);
    assert!(!success);
    assert!(
        error.contains("similar subcommand") && !error.contains(escape),
        "{error}"
    );
    let (_, coloured) = in_terminal_with(&env, 80, "respones", &[]);
    assert!(coloured.contains(escape), "{coloured}");
}

#[test]
fn quiet_silences_every_note_and_keeps_the_results() {
    let env = Env::new();
    let map = env.path("map.json");
    let generated = env.path("small.nt");
    // (arguments, what the note says without --quiet)
    let cases: [(Vec<&str>, &str); 4] = [
        (
            vec!["responses"],
            "created the store with the bundled controversy",
        ),
        (vec!["analyze", "--write"], "claims into <"),
        (
            vec![
                "generate",
                "--claims",
                "10",
                "-o",
                generated.to_str().unwrap(),
            ],
            "10 claims",
        ),
        (
            vec!["export", "aif", "-o", map.to_str().unwrap()],
            "left out",
        ),
    ];
    let quiet_env = Env::new();
    for (args, note) in &cases {
        let loud = run(&env, args);
        assert!(loud.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&loud.stderr).contains(note),
            "{args:?}"
        );
        let mut quiet_args = vec!["--quiet"];
        quiet_args.extend(args.iter().copied());
        let quiet = run(&quiet_env, &quiet_args);
        assert!(quiet.status.success(), "{args:?}");
        assert!(
            quiet.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&quiet.stderr)
        );
        assert_eq!(quiet.stdout.is_empty(), loud.stdout.is_empty(), "{args:?}");
    }
}

/// Data that tries to command the terminal (a clear-screen sequence, a window title, a carriage
/// return) is shown, never obeyed, by every command that prints it for a person.
#[test]
fn labels_cannot_command_the_terminal() {
    let env = Env::new();
    let file = crate::support::repo_file("tests/fixtures/terminal.ttl");
    let loaded = run(&env, &["load", file.to_str().unwrap()]);
    assert!(loaded.status.success(), "{loaded:?}");
    for args in [
        &["responses"][..],
        &["trace"],
        &["analyze"],
        &["graphs"],
        &["query", "--named", "responses"],
    ] {
        let output = run(&env, args);
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        // `graphs` names files and graphs, not labels.
        if args != ["graphs"] {
            assert!(text.contains("Mal␛]0;pwned␇lory"), "{args:?}: {text}");
        }
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r']),
            "{args:?}: {text:?}"
        );
    }
    // Machine formats keep the data as it is.
    let json = run(&env, &["query", "--named", "responses", "--format", "json"]);
    assert!(String::from_utf8(json.stdout)
        .unwrap()
        .contains("\\u001b]0;pwned"));
}
