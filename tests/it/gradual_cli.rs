//! `analyze --framework FILE.bag` with the gradual semantics: the library's strengths through
//! the command line, and what it refuses.

use crate::support::Env;
use serde_json::Value;

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd().arg("analyze").args(args).output().unwrap()
}

fn strengths(env: &Env, file: &str, semantics: &str, extra: &[&str]) -> Value {
    let path = env.path(file);
    let mut args = vec![
        "--framework",
        path.to_str().unwrap(),
        "--semantics",
        semantics,
    ];
    args.extend_from_slice(&["--format", "json"]);
    args.extend_from_slice(extra);
    let output = run(env, &args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn strengths_of_a_bag_file_follow_each_rule() {
    let env = Env::new();
    // a attacks b, c supports b.
    env.write(
        "t.bag",
        "arg(a,1).\narg(b,1).\narg(c,0.5).\natt(a,b).\nsup(c,b).\n",
    );
    let at = |semantics: &str, argument: &str| {
        strengths(&env, "t.bag", semantics, &[])["strengths"][argument]
            .as_f64()
            .unwrap()
    };
    // Unattacked, unsupported arguments keep their base score under every semantics.
    for semantics in ["h-categoriser", "df-quad", "qem", "euler"] {
        assert_eq!(at(semantics, "a"), 1.0, "{semantics}");
        assert_eq!(at(semantics, "c"), 0.5, "{semantics}");
    }
    // h-categoriser: 1 / (1 + 1), the support not read.
    assert_eq!(at("h-categoriser", "b"), 0.5);
    // DF-QuAD: the attack (1) outweighs the support (0.5): 1 - 1 * (1 - 0.5).
    assert_eq!(at("df-quad", "b"), 0.5);
    // Euler-based: 1 - (1 - w^2) / (1 + w e^E) is 1 whatever E when w is 1.
    assert_eq!(at("euler", "b"), 1.0);
    let report = strengths(&env, "t.bag", "h-categoriser", &[]);
    assert_eq!(report["converged"], true);
    assert_eq!(report["ignored_supports"], 1);
    // Social: votes 3 for and 1 against give 3 / (3 + 1 + ε).
    env.write(
        "votes.bag",
        "arg(a,1).\narg(b,1).\natt(b,a).\nvotes(a,3,1).\nvotes(b,1,1).\n",
    );
    let social = strengths(&env, "votes.bag", "social", &["--epsilon", "0"]);
    assert_eq!(social["strengths"]["b"].as_f64().unwrap(), 0.5);
    assert!((social["strengths"]["a"].as_f64().unwrap() - 0.75 * 0.5).abs() < 1e-12);
    let social = strengths(&env, "votes.bag", "social", &["--epsilon", "1"]);
    assert!((social["strengths"]["b"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn a_cycle_without_one_answer_gets_no_number() {
    let env = Env::new();
    env.write(
        "m.bag",
        "arg(a,1).\narg(b,1).\natt(a,b).\natt(b,a).\narg(c,0.3).\n",
    );
    let report = strengths(&env, "m.bag", "df-quad", &[]);
    assert_eq!(report["converged"], false);
    assert!(report["strengths"]["a"].is_null() && report["strengths"]["b"].is_null());
    assert_eq!(report["strengths"]["c"].as_f64(), Some(0.3));
    assert!(report["reason"].as_str().unwrap().contains("not unique"));
    // In text, how it was computed comes first, then why there is no number.
    let path = env.path("m.bag");
    let output = run(
        &env,
        &[
            "--framework",
            path.to_str().unwrap(),
            "--semantics",
            "df-quad",
        ],
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("# df-quad") && lines[1].contains("not unique"),
        "{text}"
    );
    assert!(lines.contains(&"a\tnone\t(base 1)"), "{text}");
}

#[test]
fn what_does_not_fit_is_refused_with_its_code() {
    let env = Env::new();
    let bad = env.write("bad.bag", "arg(a,1).\natt(a,\n");
    let good = env.write("t.bag", "arg(a,1).\n");
    let code = |args: &[&str]| {
        let output = run(&env, args);
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (status, stderr) = code(&["--framework", bad.to_str().unwrap(), "--semantics", "qem"]);
    assert_eq!(status, Some(3), "{stderr}");
    assert!(stderr.contains("bad.bag:2:7:"), "{stderr}");
    // Dung's semantics do not read a .bag file, and the gradual ones need one.
    assert_eq!(code(&["--framework", good.to_str().unwrap()]).0, Some(2));
    assert_eq!(code(&["--semantics", "qem"]).0, Some(2));
    let negative = [
        "--framework",
        good.to_str().unwrap(),
        "--semantics",
        "social",
        "--epsilon",
        "-1",
    ];
    assert_eq!(code(&negative).0, Some(2));
}
