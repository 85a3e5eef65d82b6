//! Real SPARQL engines on loopback for the remote store's tests: Oxigraph's server and
//! Virtuoso, each with its data in a temporary directory that goes with it.
//!
//! They are started through `scripts/engine run`, which people and benchmarks use too, so the
//! engines' settings live in one place. That script ends by becoming the engine, so the child
//! process here is the server itself: killing it kills the engine, not a wrapper.

use crate::support;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Oxigraph,
    Virtuoso,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Oxigraph => "oxigraph",
            Kind::Virtuoso => "virtuoso",
        }
    }
}

/// Virtuoso's caps on results, sorting and query time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limits {
    /// Raised out of the way of any test-sized data: 1,000,000 rows, 600 s.
    Raised,
    /// Debian's: results silently cut at 10,000 rows, which is what a fault test needs.
    Stock,
}

/// A running engine. Dropping it stops the engine (SIGTERM, then SIGKILL) and removes its data.
pub struct Engine {
    pub kind: Kind,
    /// Where queries go (GET or form POST with `query=`).
    pub query: String,
    /// Where updates go (POST `application/sparql-update` or form `update=`).
    pub update: String,
    /// The Graph Store Protocol endpoint, for writes (`?graph=IRI`).
    pub store: Option<String>,
    /// Whom updates and Graph Store writes need: HTTP Digest on Virtuoso, nobody on Oxigraph.
    pub user: Option<(String, String)>,
    limits: Limits,
    child: Option<Child>,
    dir: TempDir,
}

/// How long an engine may take to answer its first query.
const READY_WITHIN: Duration = Duration::from_secs(60);
/// How long an engine may take to shut down on SIGTERM before it is killed.
const STOP_WITHIN: Duration = Duration::from_secs(10);

impl Engine {
    /// Oxigraph's server, without authentication.
    pub fn oxigraph() -> Self {
        Self::start(Kind::Oxigraph, Limits::Raised)
    }

    /// Virtuoso, with updates and Graph Store writes through HTTP Digest as dba.
    pub fn virtuoso(limits: Limits) -> Self {
        Self::start(Kind::Virtuoso, limits)
    }

    fn start(kind: Kind, limits: Limits) -> Self {
        let mut engine = Self {
            kind,
            query: String::new(),
            update: String::new(),
            store: None,
            user: None,
            limits,
            child: None,
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        engine.spawn();
        engine
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the engine runs").id()
    }

    /// The engine's directory: its data, its log, and a place Virtuoso may read files from (for
    /// its bulk loader).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// What the engine has written so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir().join("engine.log")).unwrap_or_default()
    }

    /// Kills the engine at once (SIGKILL), as a crash would, leaving its data as it is.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the engine again on the same data and ports, stopping it first if it runs.
    pub fn restart(&mut self) {
        self.stop();
        let urls = (self.query.clone(), self.update.clone(), self.store.clone());
        self.spawn();
        assert_eq!(
            urls,
            (self.query.clone(), self.update.clone(), self.store.clone()),
            "the engine moved on restart"
        );
    }

    fn spawn(&mut self) {
        let name = self.kind.name();
        let mut command = Command::new(support::repo_file("scripts/engine"));
        command.arg("run").arg(name).arg(self.dir.path());
        if self.limits == Limits::Stock {
            command.arg("--stock-limits");
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("scripts/engine runs");
        // The script closes both pipes when it becomes the engine, or when it fails.
        let (mut out, mut err) = (String::new(), String::new());
        let _ = child
            .stdout
            .take()
            .expect("a pipe")
            .read_to_string(&mut out);
        let _ = child
            .stderr
            .take()
            .expect("a pipe")
            .read_to_string(&mut err);
        let field = |key: &str| {
            out.lines()
                .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
                .map(str::to_owned)
        };
        let Some(query) = field("query").filter(|_| field("pid").is_some()) else {
            let status = child.wait().expect("scripts/engine ends");
            panic!("scripts/engine run {name} failed ({status}): {err}{out}");
        };
        self.query = query;
        self.update = field("update").expect("an update endpoint");
        self.store = field("store").filter(|url| !url.is_empty());
        self.user = field("user")
            .and_then(|user| {
                user.split_once(':')
                    .map(|(name, password)| (name.to_owned(), password.to_owned()))
            })
            .filter(|(name, _)| !name.is_empty());
        self.child = Some(child);
        self.wait_until_ready();
    }

    fn wait_until_ready(&mut self) {
        let agent = support::agent();
        let started = Instant::now();
        loop {
            let child = self.child.as_mut().expect("the engine runs");
            if let Some(status) = child.try_wait().expect("the engine's status") {
                self.child = None;
                panic!("{} ended with {status}:\n{}", self.kind.name(), self.log());
            }
            let answered = agent
                .get(&self.query)
                .query("query", "ASK {}")
                .call()
                .is_ok_and(|response| response.status() == 200);
            if answered {
                return;
            }
            if started.elapsed() > READY_WITHIN {
                let log = self.log();
                self.kill();
                panic!(
                    "{} did not answer within {} s:\n{log}",
                    self.kind.name(),
                    READY_WITHIN.as_secs()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGTERM, so that the engine shuts down as it would in service; SIGKILL if it hangs.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let asked = Instant::now();
        while asked.elapsed() < STOP_WITHIN {
            if !matches!(child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.stop();
    }
}

const GRAPH: &str = "http://example.org/graph/harness";

/// `host:port` of an endpoint URL.
fn address(url: &str) -> String {
    let rest = url.strip_prefix("http://").expect("an http URL");
    rest[..rest.find('/').unwrap_or(rest.len())].to_owned()
}

/// Sends `body` with curl, which does HTTP Digest (ureq does not), and returns the status.
fn write(engine: &Engine, method: &str, url: &str, content_type: &str, body: &str) -> u16 {
    let mut curl = Command::new("curl");
    curl.args([
        "-s",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "--max-time",
        "60",
    ])
    .args(["-X", method, "-H", &format!("Content-Type: {content_type}")])
    .args(["--data-binary", "@-", url]);
    if let Some((name, password)) = &engine.user {
        curl.args(["--digest", "-u", &format!("{name}:{password}")]);
    }
    let mut child = curl
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("curl runs");
    // A Digest exchange sends the body twice, so curl reads all of it first.
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(body.as_bytes())
        .expect("curl reads the body");
    let output = child.wait_with_output().expect("curl ends");
    String::from_utf8_lossy(&output.stdout)
        .parse()
        .unwrap_or_else(|_| panic!("curl {method} {url}: {output:?}"))
}

/// Adds `object` to the test graph through the update endpoint; returns the status.
fn insert_status(engine: &Engine, object: &str) -> u16 {
    let update = format!(
        "INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://example.org/s> <http://example.org/p> \"{object}\" }} }}"
    );
    write(
        engine,
        "POST",
        &engine.update,
        "application/sparql-update",
        &update,
    )
}

fn insert(engine: &Engine, object: &str) {
    let status = insert_status(engine, object);
    assert!(
        (200..300).contains(&status),
        "update answered {status}:\n{}",
        engine.log()
    );
}

/// The objects in the test graph, sorted.
fn objects(engine: &Engine) -> Vec<String> {
    let mut response = support::agent()
        .get(&engine.query)
        .query(
            "query",
            format!("SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"),
        )
        .header("Accept", "application/sparql-results+json")
        .call()
        .expect("the engine answers");
    assert_eq!(response.status(), 200);
    let json: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap())
            .expect("SPARQL JSON results");
    let mut values: Vec<String> = json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|row| row["o"]["value"].as_str().unwrap_or_default().to_owned())
        .collect();
    values.sort();
    values
}

fn refused(address: &str) -> bool {
    TcpStream::connect(address)
        .is_err_and(|error| error.kind() == std::io::ErrorKind::ConnectionRefused)
}

/// The engine's listening addresses: HTTP, and Virtuoso's SQL port too.
fn addresses(engine: &Engine) -> Vec<String> {
    let mut found = vec![address(&engine.query)];
    let record = std::fs::read_to_string(engine.dir().join("engine.conf")).unwrap();
    if let Some(port) = record.lines().find_map(|l| l.strip_prefix("sql_port=")) {
        found.push(format!("127.0.0.1:{port}"));
    }
    found
}

/// Starts, answers, takes an authorised write in both ways, survives a kill, and leaves
/// nothing listening once dropped.
fn harness_works(mut engine: Engine) {
    for address in addresses(&engine) {
        assert!(address.starts_with("127.0.0.1:"), "{address}");
    }
    insert(&engine, "before the kill");
    let store = engine.store.clone().expect("a Graph Store endpoint");
    let status = write(
        &engine,
        "PUT",
        &format!("{store}?graph=http://example.org/graph/put"),
        "application/n-triples",
        "<http://example.org/a> <http://example.org/b> \"put\" .\n",
    );
    assert_eq!(status, 201, "Graph Store PUT:\n{}", engine.log());
    assert_eq!(objects(&engine), ["before the kill"]);

    let killed = engine.pid();
    engine.kill();
    assert!(refused(&address(&engine.query)));
    engine.restart();
    assert_ne!(engine.pid(), killed);
    assert_eq!(objects(&engine), ["before the kill"], "{}", engine.log());
    insert(&engine, "after the restart");
    assert_eq!(objects(&engine), ["after the restart", "before the kill"]);

    let listening = addresses(&engine);
    let dir = engine.dir().to_owned();
    drop(engine);
    for address in listening {
        assert!(refused(&address), "{address} still open after the drop");
    }
    assert!(!dir.exists(), "the data outlived the engine");
}

#[test]
fn oxigraph_starts_writes_survives_a_kill_and_stops() {
    let engine = Engine::oxigraph();
    assert_eq!(engine.user, None);
    harness_works(engine);
}

#[test]
fn virtuoso_starts_writes_survives_a_kill_and_stops() {
    let engine = Engine::virtuoso(Limits::Raised);
    assert_eq!(engine.user, Some(("dba".to_owned(), "dba".to_owned())));
    harness_works(engine);
}

#[test]
fn virtuoso_refuses_anonymous_updates() {
    let mut engine = Engine::virtuoso(Limits::Raised);
    engine.user = None;
    let status = insert_status(&engine, "x");
    assert_eq!(status, 401);
    assert!(objects(&engine).is_empty());
}

/// Stock limits cut a SELECT at 10,000 rows with 200 OK, and say so only in a header; raised
/// ones do not.
#[test]
fn virtuoso_limits_are_as_asked() {
    let triples: String = (0..12_000)
        .map(|i| format!("<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n"))
        .collect();
    for (limits, rows, cap) in [
        (Limits::Stock, 10_000, Some("10000")),
        (Limits::Raised, 12_000, None),
    ] {
        let engine = Engine::virtuoso(limits);
        let store = engine.store.as_deref().expect("a Graph Store endpoint");
        let url = format!("{store}?graph={GRAPH}");
        let status = write(&engine, "PUT", &url, "application/n-triples", &triples);
        assert_eq!(status, 201, "Graph Store PUT:\n{}", engine.log());
        let mut response = support::agent()
            .get(&engine.query)
            .query(
                "query",
                format!("SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"),
            )
            .header("Accept", "text/csv")
            .call()
            .expect("the engine answers");
        assert_eq!(response.status(), 200);
        let header = response
            .headers()
            .get("X-SPARQL-MaxRows")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.body_mut().read_to_string().unwrap();
        assert_eq!(body.lines().count() - 1, rows, "{limits:?}");
        assert_eq!(header.as_deref(), cap, "{limits:?}");
    }
}
