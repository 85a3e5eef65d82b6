//! Test helpers: a temporary store per test and a way to run the binary against it.

use assert_cmd::Command;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use tempfile::TempDir;

/// A temporary directory holding one on-disk store.
pub struct Env {
    dir: TempDir,
}

impl Env {
    /// An empty environment: no store yet.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// An environment whose store holds the bundled ontology and the file at `path`.
    pub fn loaded(path: &Path) -> Self {
        let env = Self::new();
        env.cmd().arg("load").arg(path).assert().success();
        env
    }

    /// An environment whose store holds the bundled ontology and controversy.
    pub fn initialised() -> Self {
        let env = Self::new();
        env.cmd().arg("init").assert().success();
        env
    }

    /// The store directory.
    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// The binary, pointed at this environment's store.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("claimgraph").expect("the claimgraph binary");
        // Output is fitted to COLUMNS when it is set: tests read whole cells.
        cmd.env_remove("CLAIMGRAPH_STORE")
            .env_remove("CLAIMGRAPH_ENDPOINT")
            .env_remove("CLAIMGRAPH_UPDATE_ENDPOINT")
            .env_remove("CLAIMGRAPH_PRIMARY_ENDPOINT")
            .env_remove("CLAIMGRAPH_GRAPH_STORE")
            .env_remove("CLAIMGRAPH_USER")
            .env_remove("CLAIMGRAPH_PASSWORD")
            .env_remove("COLUMNS")
            .arg("--store")
            .arg(self.store());
        cmd
    }

    /// The path of a file in the environment, written or not.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the binary with `args`, asserts that it succeeds (showing its standard error if
    /// not) and returns its standard output.
    pub fn stdout<I, S>(&self, args: I) -> Vec<u8>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let shown: Vec<String> = args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        let output = self.cmd().args(&args).output().expect("the binary runs");
        assert!(
            output.status.success(),
            "{shown:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }

    /// Writes a file into the environment and returns its path.
    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).expect("a writable temporary directory");
        path
    }

    /// Runs a query with `args` (e.g. `["--named", "responses"]`) and returns its JSON rows,
    /// each binding as its plain value.
    pub fn rows(&self, args: &[&str]) -> Vec<serde_json::Map<String, Value>> {
        let output = self
            .cmd()
            .arg("query")
            .args(args)
            .args(["--format", "json"])
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "query {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: Value = serde_json::from_slice(&output.stdout).expect("SPARQL JSON results");
        json["results"]["bindings"]
            .as_array()
            .expect("a bindings array")
            .iter()
            .map(|b| b.as_object().expect("a binding object").clone())
            .collect()
    }

    /// The number of quads in all named graphs, as the store reports it.
    pub fn quad_count(&self) -> u64 {
        let rows = self.rows(&["SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"]);
        value(&rows[0], "n").parse().expect("a count")
    }
}

/// The lexical value of a binding, or "" when unbound.
pub fn value(row: &serde_json::Map<String, Value>, var: &str) -> String {
    row.get(var)
        .and_then(|b| b["value"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The datatype IRI of a literal binding, or "" when there is none.
pub fn datatype(row: &serde_json::Map<String, Value>, var: &str) -> String {
    row.get(var)
        .and_then(|b| b["datatype"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The repository root, to reach the bundled files as a user would.
pub fn repo_file(path: &str) -> PathBuf {
    Path::new(&manifest_dir()).join(path)
}

/// Compares `actual` with the reviewed snapshot `name`; `CLAIMGRAPH_BLESS=1` rewrites it.
pub fn check_snapshot(name: &str, actual: &str) {
    let path = repo_file(&format!("tests/snapshots/{name}"));
    if std::env::var_os("CLAIMGRAPH_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("no snapshot {name}: run with CLAIMGRAPH_BLESS=1 and review it")
    });
    assert!(
        expected == actual,
        "{name} changed: review, then re-bless with CLAIMGRAPH_BLESS=1"
    );
}

/// `n` claims in a chain, each rebutting the one before, as N-Triples that conform to the
/// shapes: the shape of a long exchange of replies, made up for tests, about 9 triples a claim.
pub fn generated_chain(n: usize) -> String {
    generated_replies(n, |i| i - 1)
}

/// `n` claims, each but the first rebutting the first: an allegation that draws a crowd.
pub fn generated_star(n: usize) -> String {
    generated_replies(n, |_| 0)
}

/// `n` claims, claim `i > 0` rebutting claim `answers(i)`, as N-Triples that conform to the
/// shapes.
fn generated_replies(n: usize, answers: impl Fn(usize) -> usize) -> String {
    const CG: &str = "https://w3id.org/claimgraph/ns#";
    const ID: &str = "http://example.org/chain/";
    const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
    const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    let mut out =
        format!("<{ID}editor> <{TYPE}> <{CG}Person> .\n<{ID}editor> <{LABEL}> \"editor\"@en .\n");
    for i in 0..n {
        let class = if i == 0 { "Allegation" } else { "Claim" };
        out.push_str(&format!(
            "<{ID}c{i}> <{TYPE}> <{CG}{class}> .\n\
             <{ID}c{i}> <{LABEL}> \"claim {i}\"@en .\n\
             <{ID}c{i}> <{CG}statement> \"Claim number {i}.\"@en .\n"
        ));
        if i == 0 {
            out.push_str(&format!("<{ID}c0> <{CG}accuses> <{ID}editor> .\n"));
        } else {
            let answered = answers(i);
            out.push_str(&format!(
                "<{ID}r{i}> <{TYPE}> <{CG}Rebuttal> .\n\
                 <{ID}r{i}> <{CG}fromClaim> <{ID}c{i}> .\n\
                 <{ID}r{i}> <{CG}toClaim> <{ID}c{answered}> .\n\
                 <{ID}r{i}> <{CG}interpretedBy> <{ID}editor> .\n"
            ));
        }
    }
    out
}

/// An HTTP client that gives every status as a response, with a minute for each request.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .build()
        .new_agent()
}

/// `claimgraph serve` running on a free loopback port of an environment's store, killed when
/// dropped. What it writes on standard error goes to a file, for [`Served::log`].
pub struct Served {
    child: std::process::Child,
    /// The endpoint, `http://127.0.0.1:PORT/sparql`.
    pub endpoint: String,
    pub log: PathBuf,
}

impl Served {
    /// Starts the binary with `serve` and `args` on `env`'s store, and waits until it answers.
    pub fn start(env: &Env, args: &[&str]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let log = env.path(&format!("serve-{port}.log"));
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimgraph"))
            .env_remove("CLAIMGRAPH_STORE")
            .arg("--store")
            .arg(env.store())
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("the binary starts");
        let mut served = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}/sparql"),
            log,
        };
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = served.child.try_wait().expect("the server's status") {
                panic!("serve ended with {status}: {}", served.log());
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return served;
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "serve did not answer within 30 s: {}",
                served.log()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:PORT`, where the pages are.
    pub fn base(&self) -> &str {
        self.endpoint.trim_end_matches("/sparql")
    }

    /// GETs `path` (with its query string): status, headers and body.
    pub fn page(&self, path: &str) -> Page {
        let mut response = agent()
            .get(&format!("{}{path}", self.base()))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (content_type, policy) = (header("content-type"), header("content-security-policy"));
        Page {
            status: response.status().as_u16(),
            content_type,
            policy,
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server has written on standard error so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for the server to end; returns its exit status.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        self.child.wait().expect("the server ends")
    }
}

/// A page as [`Served::page`] gets it.
pub struct Page {
    pub status: u16,
    pub content_type: String,
    pub policy: String,
    pub body: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary on `env`'s store with `args`, its standard error piped; with `pause_at`, it
/// stops at that point of a load (see `CLAIMGRAPH_PAUSE_AT`).
pub fn spawn(env: &Env, args: &[&str], pause_at: Option<&str>) -> Child {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimgraph"));
    cmd.env_remove("CLAIMGRAPH_STORE")
        .arg("--store")
        .arg(env.store())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(point) = pause_at {
        cmd.env("CLAIMGRAPH_PAUSE_AT", point);
    }
    cmd.spawn().expect("the binary starts")
}

/// Kills `child` with SIGKILL once it says it has reached its pause point.
pub fn kill_when_paused(mut child: Child, point: &str) {
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let expected = format!("paused at {point}");
    loop {
        match lines.next() {
            Some(line) if line.as_ref().unwrap() == &expected => break,
            Some(_) => {}
            None => panic!(
                "the load ended before it reached {point}: {:?}",
                child.wait()
            ),
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
}

/// How many claims are the conclusions debates start from: answered, or with premises, but
/// answering nothing and no premise, and no allegation (`ArgumentGraph::roots`, in SPARQL).
pub const CONCLUSION_ROOTS: &str = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { \
     ?c a/rdfs:subClassOf* cg:Claim . { ?r cg:toClaim ?c } UNION { ?c cg:hasPremise ?p } \
     FILTER NOT EXISTS { ?c a/rdfs:subClassOf* cg:Allegation } \
     FILTER NOT EXISTS { ?o cg:fromClaim ?c } FILTER NOT EXISTS { ?x cg:hasPremise ?c } \
     FILTER NOT EXISTS { ?d cg:thesis ?c } }";

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
