//! Argdown's own parser, to compare ours with. Argdown's command-line tool (`@argdown/cli`
//! 1.7.5, which `scripts/install-deps --test` installs into `node_modules/` at the root of the
//! repository) exports `.argdown` files as JSON (`argdown json <files> <dir>`), and each export
//! must say what our tree says: the same statements (titles, and the texts of each equivalence
//! class in order, with their tags, data, sections and positions), the same arguments (titles,
//! descriptions, tags, data, premise-conclusion structures with their inferences), the same
//! relations (kinds and directions) and the same sections.
//!
//! Where the two differ on purpose, the comparison says so:
//! - Texts: Argdown keeps spaces and line breaks as they fall between tokens (`"text "`,
//!   `"a  b"`); ours collapses each run into one space and trims. Argdown's texts are
//!   compared after the same collapsing.
//! - Relations: ours are the relations as written. Argdown's model then moves the outgoing
//!   relations of a reconstructed argument to its main conclusion, undercuts of a
//!   reconstructed argument to its last inference, and drops an attack from a statement on an
//!   argument when the statement already attacks or contradicts one of its premises
//!   (`ModelPlugin.transformArgumentRelations` and `removeRedundantEC2ARelations`). The
//!   comparison applies those same steps to our relations first.
//!   A relation so moved onto its own target (an argument supporting its own conclusion) is
//!   dropped, as Argdown drops it.
//! - A contradiction is listed once by both, in the direction first written; it is compared
//!   as an unordered pair.
//! - Settings in a front matter are ignored by our parser; Argdown is run with
//!   `frontMatterSettingsMode: ignore` so that both read every file with Argdown's defaults.
//!
//! What programs write with the crate (claimgraph's export) is checked the same way, so this
//! module is shared: `#[path]` takes it into their tests too.

use ::argdown::{Document, Node, RelationKind};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Argdown's command-line tool.
pub struct Argdown {
    cli: PathBuf,
}

impl Argdown {
    /// The tool in `node_modules/` under `root`, the repository's root. Fails, and says how to
    /// install it, when it is missing or not version 1.7.5.
    pub fn find(root: &Path) -> Argdown {
        let cli = root.join("node_modules/.bin/argdown");
        let version = Command::new(&cli).arg("--version").output();
        match version {
            Ok(output) if String::from_utf8_lossy(&output.stdout).trim() == "1.7.5" => {
                Argdown { cli }
            }
            Ok(output) => panic!(
                "Argdown's command-line tool {} is {:?}, not 1.7.5: run scripts/install-deps --test \
                 at the root of the repository",
                cli.display(),
                String::from_utf8_lossy(&output.stdout).trim()
            ),
            Err(error) => panic!(
                "Argdown's command-line tool (@argdown/cli 1.7.5) is missing from {} \
                 ({error}): run scripts/install-deps --test at the root of the repository",
                cli.display()
            ),
        }
    }

    /// Argdown's JSON export of each `.argdown` file in `dir`, by file stem, with Argdown's
    /// default settings: settings in a file's front matter (which can switch to the strict
    /// reading of relations, take tags out of texts or regroup sections) are ignored, as our
    /// parser ignores them.
    pub fn export(&self, dir: &Path) -> BTreeMap<String, Value> {
        let out = tempfile::tempdir().unwrap();
        let config = out.path().join("argdown.config.json");
        std::fs::write(
            &config,
            r#"{"data": {"frontMatterSettingsMode": "ignore"}}"#,
        )
        .unwrap();
        let output = Command::new(&self.cli)
            .arg("json")
            .arg(dir.join("*.argdown"))
            .arg(out.path())
            .arg("--config")
            .arg(&config)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "argdown json failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        argdown_files(dir)
            .iter()
            .map(|file| {
                let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
                let json = out.path().join(format!("{stem}.json"));
                let text = std::fs::read_to_string(&json).unwrap_or_else(|_| {
                    panic!(
                        "argdown wrote no JSON for {stem}:\n{}",
                        String::from_utf8_lossy(&output.stdout)
                    )
                });
                (stem, serde_json::from_str(&text).unwrap())
            })
            .collect()
    }
}

/// The `.argdown` files of a directory, sorted.
pub fn argdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "argdown"))
        .collect();
    files.sort();
    files
}

/// Spaces and line breaks collapsed into one space, trimmed: our texts' form.
fn collapse(text: &str) -> String {
    text.split([' ', '\t', '\n', '\r'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_of(member: &Value) -> String {
    collapse(member["text"].as_str().unwrap_or(""))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn is_reference(member: &Value) -> bool {
    member["isReference"].as_bool().unwrap_or(false)
}

fn section_id(section: Option<usize>) -> Value {
    section.map_or(Value::Null, |s| Value::String(format!("s{}", s + 1)))
}

fn position(member: &Value) -> (u64, u64) {
    (
        member["startLine"].as_u64().unwrap_or(0),
        member["startColumn"].as_u64().unwrap_or(0),
    )
}

/// A relation end as Argdown's JSON names it: (type, title, conclusion index).
type End = (String, String, Option<u64>);

fn end(node: &Node) -> End {
    match node {
        Node::Statement(title) => ("equivalence-class".into(), title.clone(), None),
        Node::Argument(title) => ("argument".into(), title.clone(), None),
        Node::Inference {
            argument,
            conclusion,
        } => (
            "inference".into(),
            argument.clone(),
            Some(*conclusion as u64),
        ),
    }
}

/// A relation as compared: kind, then its ends (sorted for a contradiction).
fn relation_key(kind: &str, from: End, to: End) -> (String, End, End) {
    if kind == "contradictory" && to < from {
        (kind.to_owned(), to, from)
    } else {
        (kind.to_owned(), from, to)
    }
}

/// Our relations after the steps Argdown's model takes (see the module's documentation).
fn argdown_relations(doc: &Document) -> BTreeSet<(String, End, End)> {
    let pcs_of = |title: &str| doc.argument(title).and_then(|a| a.pcs.as_ref());
    let mut relations: Vec<(RelationKind, Node, Node)> = Vec::new();
    for relation in &doc.relations {
        let (mut from, mut to) = (relation.from.clone(), relation.to.clone());
        if let Node::Argument(title) = &from {
            if let Some(pcs) = pcs_of(title) {
                from = Node::Statement(pcs.statements.last().unwrap().title.clone());
                // An argument's relation to its own conclusion: Argdown finds the moved
                // relation among the conclusion's relations already, and drops it.
                if from == to {
                    continue;
                }
            }
        }
        if relation.kind == RelationKind::Undercut {
            if let Node::Argument(title) = &to {
                if let Some(pcs) = pcs_of(title) {
                    to = Node::Inference {
                        argument: title.clone(),
                        conclusion: pcs.statements.len() - 1,
                    };
                }
            }
        }
        let item = (relation.kind, from, to);
        if !relations.contains(&item) {
            relations.push(item);
        }
    }
    // An attack from a statement on a reconstructed argument is dropped when the statement
    // already attacks, or contradicts, one of its premises.
    let redundant = |(kind, from, to): &(RelationKind, Node, Node)| {
        let (RelationKind::Attack, Node::Statement(ec), Node::Argument(argument)) =
            (kind, from, to)
        else {
            return false;
        };
        let Some(pcs) = pcs_of(argument) else {
            return false;
        };
        let premises: BTreeSet<&str> = pcs
            .statements
            .iter()
            .filter(|s| s.inference.is_none())
            .map(|s| s.title.as_str())
            .collect();
        relations.iter().any(|(kind, a, b)| {
            let other = match (a, b) {
                (Node::Statement(a), Node::Statement(b)) if a == ec => b,
                (Node::Statement(a), Node::Statement(b)) if b == ec => a,
                _ => return false,
            };
            let counts = match kind {
                RelationKind::Attack => matches!(a, Node::Statement(a) if a == ec),
                RelationKind::Contradiction => true,
                _ => false,
            };
            counts && premises.contains(other.as_str())
        })
    };
    relations
        .iter()
        .filter(|r| !redundant(r))
        .map(|(kind, from, to)| relation_key(kind.argdown_name(), end(from), end(to)))
        .collect()
}

/// What Argdown's export says and what our tree says differ in: one line per difference.
pub fn compare(name: &str, json: &Value, doc: &Document) -> Vec<String> {
    let mut differences = Vec::new();
    let mut differ = |what: String, theirs: String, ours: String| {
        if theirs != ours {
            differences.push(format!("{name}: {what}: argdown {theirs}, ours {ours}"));
        }
    };

    // Statements: titles, texts in order, tags, data, sections, positions.
    let empty = serde_json::Map::new();
    let statements = json["statements"].as_object().unwrap_or(&empty);
    let theirs: BTreeSet<&String> = statements.keys().collect();
    let ours: BTreeSet<&String> = doc.statements.iter().map(|s| &s.title).collect();
    differ(
        "statement titles".into(),
        format!("{theirs:?}"),
        format!("{ours:?}"),
    );
    for statement in &doc.statements {
        let Some(ec) = statements.get(&statement.title) else {
            continue;
        };
        let members: Vec<&Value> = ec["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| !is_reference(m))
            .collect();
        let what = |field: &str| format!("[{}] {field}", statement.title);
        differ(
            what("texts"),
            format!(
                "{:?}",
                members.iter().map(|m| text_of(m)).collect::<Vec<_>>()
            ),
            format!(
                "{:?}",
                statement
                    .members
                    .iter()
                    .map(|m| &m.text)
                    .collect::<Vec<_>>()
            ),
        );
        let tags = |list: Vec<String>| list.into_iter().collect::<BTreeSet<_>>();
        differ(
            what("tags"),
            format!("{:?}", tags(strings(&ec["tags"]))),
            format!("{:?}", tags(statement.tags.clone())),
        );
        differ(
            what("data"),
            format!("{}", ec.get("data").unwrap_or(&Value::Null)),
            format!("{}", statement.data.clone().unwrap_or(Value::Null)),
        );
        for (theirs, ours) in members.iter().zip(&statement.members) {
            differ(
                what("member tags"),
                format!("{:?}", strings(&theirs["tags"])),
                format!("{:?}", ours.tags),
            );
            differ(
                what("member data"),
                format!("{}", theirs.get("data").unwrap_or(&Value::Null)),
                format!("{}", ours.data.clone().unwrap_or(Value::Null)),
            );
            differ(
                what("member section"),
                format!("{}", theirs.get("section").unwrap_or(&Value::Null)),
                format!("{}", section_id(ours.section)),
            );
            differ(
                what("member position"),
                format!("{:?}", position(theirs)),
                format!(
                    "{:?}",
                    (ours.location.line as u64, ours.location.column as u64)
                ),
            );
        }
    }

    // Arguments: titles, descriptions, tags, data, structures.
    let arguments = json["arguments"].as_object().unwrap_or(&empty);
    let theirs: BTreeSet<&String> = arguments.keys().collect();
    let ours: BTreeSet<&String> = doc.arguments.iter().map(|a| &a.title).collect();
    differ(
        "argument titles".into(),
        format!("{theirs:?}"),
        format!("{ours:?}"),
    );
    for argument in &doc.arguments {
        let Some(theirs) = arguments.get(&argument.title) else {
            continue;
        };
        let what = |field: &str| format!("<{}> {field}", argument.title);
        let descriptions: Vec<String> = theirs["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| !is_reference(m))
            .map(text_of)
            .collect();
        differ(
            what("descriptions"),
            format!("{descriptions:?}"),
            format!(
                "{:?}",
                argument
                    .descriptions
                    .iter()
                    .map(|d| &d.text)
                    .collect::<Vec<_>>()
            ),
        );
        let tags = |list: Vec<String>| list.into_iter().collect::<BTreeSet<_>>();
        differ(
            what("tags"),
            format!("{:?}", tags(strings(&theirs["tags"]))),
            format!("{:?}", tags(argument.tags.clone())),
        );
        differ(
            what("data"),
            format!("{}", theirs.get("data").unwrap_or(&Value::Null)),
            format!("{}", argument.data.clone().unwrap_or(Value::Null)),
        );
        let pcs: Vec<(String, String, Vec<String>, String)> = theirs["pcs"]
            .as_array()
            .map(|steps| {
                steps
                    .iter()
                    .map(|step| {
                        let role = step["role"].as_str().unwrap_or("").to_owned();
                        let inference = &step["inference"];
                        (
                            step["title"].as_str().unwrap_or("").to_owned(),
                            role,
                            strings(&inference["inferenceRules"]),
                            format!("{}", inference.get("data").unwrap_or(&Value::Null)),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let steps = argument.pcs.as_ref().map_or(&[][..], |p| &p.statements[..]);
        let ours: Vec<(String, String, Vec<String>, String)> = steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let role = match (&step.inference, i + 1 == steps.len()) {
                    (None, _) => "premise",
                    (Some(_), true) => "main-conclusion",
                    (Some(_), false) => "intermediary-conclusion",
                };
                let (rules, data) = step.inference.as_ref().map_or((vec![], Value::Null), |i| {
                    (i.rules.clone(), i.data.clone().unwrap_or(Value::Null))
                });
                (
                    step.title.clone(),
                    role.to_owned(),
                    rules,
                    format!("{data}"),
                )
            })
            .collect();
        differ(what("pcs"), format!("{pcs:?}"), format!("{ours:?}"));
    }

    // Relations.
    let theirs: BTreeSet<(String, End, End)> = json["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let end = |title: &str, kind: &str, index: Option<u64>| -> End {
                (
                    r[kind].as_str().unwrap().to_owned(),
                    r[title].as_str().unwrap().to_owned(),
                    index,
                )
            };
            relation_key(
                r["relationType"].as_str().unwrap(),
                end("from", "fromType", None),
                end("to", "toType", r["conclusionIndex"].as_u64()),
            )
        })
        .collect();
    let ours = argdown_relations(doc);
    differ(
        "relations".into(),
        format!("{:?}", theirs.difference(&ours).collect::<Vec<_>>()),
        format!("{:?}", ours.difference(&theirs).collect::<Vec<_>>()),
    );

    // Sections, flattened in document order.
    let mut theirs = Vec::new();
    let mut stack: Vec<&Value> = json["sections"]
        .as_array()
        .map(|s| s.iter().rev().collect())
        .unwrap_or_default();
    while let Some(section) = stack.pop() {
        theirs.push(format!(
            "{} {} {:?} {}",
            section["id"].as_str().unwrap(),
            section["level"],
            collapse(section["title"].as_str().unwrap_or("")),
            section.get("parent").unwrap_or(&Value::Null)
        ));
        stack.extend(section["children"].as_array().unwrap().iter().rev());
    }
    let ours: Vec<String> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "s{} {} {:?} {}",
                i + 1,
                s.level,
                s.title,
                section_id(s.parent)
            )
        })
        .collect();
    differ(
        "sections".into(),
        format!("{theirs:?}"),
        format!("{ours:?}"),
    );
    differences
}
