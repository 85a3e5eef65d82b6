//! `serve`: a SPARQL 1.1 Protocol endpoint over the store, at `/sparql`.
//!
//! The HTTP server is oxhttp, the one Oxigraph's own server runs on: synchronous, one thread
//! per connection up to a cap, which suits Oxigraph's pull-based evaluation: results are
//! written as they are computed, through a pipe from the thread that evaluates the query, and
//! a client that goes away breaks the pipe, which stops the evaluation. This is the only
//! module that knows HTTP.

use crate::analysis::strength::Setting;
use crate::query::Limits;
use crate::store::ClaimStore;
use crate::validate::Shapes;
use oxhttp::model::header::CONTENT_TYPE;
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};
use oxhttp::Server;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

mod negotiate;
mod pages;
mod slots;
mod sparql;
mod workers;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it listens.
    pub bind: SocketAddr,
    /// The time limit of every query; `None` for none.
    pub timeout: Option<Duration>,
    /// The largest request body taken, in bytes.
    pub max_body: usize,
    /// How many connections are served at once; beyond that, they wait.
    pub max_connections: usize,
    /// How many queries and updates are evaluated at once; beyond that, they wait for a
    /// slot, up to the time limit.
    pub max_queries: usize,
    /// Whether to answer cross-origin requests (`Access-Control-Allow-Origin: *`).
    pub cors: bool,
    /// No line per request on standard error.
    pub quiet: bool,
    /// Whether SPARQL Update is accepted; the store must then be open to write.
    pub update: bool,
    /// Whether updates may `LOAD` RDF from the network.
    pub load: bool,
    /// Whether `SERVICE` may query other SPARQL endpoints.
    pub service: bool,
    /// The shapes that the store must still conform to after each update; `None`, unchecked.
    pub shapes: Option<Shapes>,
    /// The gradual semantics whose strengths the pages show, if any.
    pub strengths: Option<Setting>,
}

impl Config {
    /// How far a query or update may go.
    fn limits(&self) -> Limits {
        Limits {
            timeout: self.timeout,
            service: self.service,
        }
    }
}

/// The server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {bind}")]
    Bind {
        /// The address.
        bind: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The handler of SIGINT and SIGTERM could not be installed.
    #[error("cannot handle SIGINT and SIGTERM")]
    Signals(#[from] ctrlc::Error),
}

/// What the request handlers share.
struct State {
    store: ClaimStore,
    config: Config,
    /// Requests being answered, streams included.
    in_flight: AtomicUsize,
    stopping: AtomicBool,
    /// What the pages read of the store.
    pages: pages::Cache,
    evaluations: slots::Slots,
    workers: Arc<workers::Workers>,
}

impl State {
    /// A slot to evaluate a query or update in, once one is free within the time limit.
    fn slot(&self) -> Result<slots::Slot<'_>, Busy> {
        self.evaluations
            .take(self.config.timeout)
            .ok_or(Busy(self.config.max_queries))
    }
}

/// No slot to evaluate in came free in time: this many are busy.
#[derive(Debug, thiserror::Error)]
#[error("busy: {0} queries were running and none ended in time; try again later")]
struct Busy(usize);

impl Busy {
    /// The 503 that says so, with when to try again.
    fn response(&self) -> Response<Body> {
        let mut response = text(StatusCode::SERVICE_UNAVAILABLE, &self.to_string());
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from_static("5"));
        response
    }
}

/// Counts a request as in flight until dropped (at the end of its stream, for a query).
struct InFlight(Arc<State>);

impl InFlight {
    fn new(state: &Arc<State>) -> Self {
        state.in_flight.fetch_add(1, Ordering::SeqCst);
        Self(Arc::clone(state))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One line per request on standard error, unless quiet.
struct Log {
    method: String,
    target: String,
    started: Instant,
    quiet: bool,
}

impl Log {
    fn line(&self, status: u16, detail: &str) {
        if !self.quiet {
            let ms = self.started.elapsed().as_millis();
            let detail = if detail.is_empty() {
                String::new()
            } else {
                format!(" {detail}")
            };
            eprintln!("{} {} {status} {ms} ms{detail}", self.method, self.target);
        }
    }
}

/// Serves `store` until SIGINT or SIGTERM, then stops taking requests, lets those in flight
/// finish (they are bounded by the time limit) and returns, closing the store.
pub fn run(store: ClaimStore, config: Config) -> Result<(), ServeError> {
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })?;
    let bind = config.bind;
    let evaluations = slots::Slots::new(config.max_queries);
    let pages = pages::Cache::new(config.strengths.clone());
    let state = Arc::new(State {
        store,
        config,
        in_flight: AtomicUsize::new(0),
        stopping: AtomicBool::new(false),
        pages,
        evaluations,
        workers: Arc::default(),
    });
    let handler_state = Arc::clone(&state);
    // The socket's own read and write timeout: a client that sends or reads nothing for this
    // long is dropped.
    let idle = Duration::from_secs(60);
    Server::new(move |request| handle(&handler_state, request))
        .bind(bind)
        .with_global_timeout(idle)
        .with_max_concurrent_connections(state.config.max_connections)
        .spawn()
        .map_err(|source| ServeError::Bind { bind, source })?;
    let warming = Arc::clone(&state);
    std::thread::spawn(move || warming.pages.warm(&warming.store));
    eprintln!("serving pages at http://{bind}/ and SPARQL at http://{bind}/sparql (SIGINT or SIGTERM stops it)");
    if !bind.ip().is_loopback() {
        let can = if state.config.update {
            "read and change"
        } else {
            "read"
        };
        eprintln!("note: {bind} is not loopback: whoever reaches it can {can} the whole store");
    }
    let _ = stopped.recv();
    state.stopping.store(true, Ordering::SeqCst);
    eprintln!("stopping: finishing the requests in flight");
    let grace = state.config.timeout.unwrap_or(Duration::from_secs(60)) + Duration::from_secs(5);
    let started = Instant::now();
    while state.in_flight.load(Ordering::SeqCst) > 0 && started.elapsed() < grace {
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("stopped");
    Ok(())
}

/// Every request: refused while stopping, else routed by its path; logged, and given the CORS
/// header when asked for.
fn handle(state: &Arc<State>, request: &mut Request<Body>) -> Response<Body> {
    let log = Log {
        method: request.method().to_string(),
        target: request.uri().path().to_owned(),
        started: Instant::now(),
        quiet: state.config.quiet,
    };
    let mut response = if state.stopping.load(Ordering::SeqCst) {
        log.line(503, "the server is stopping");
        let mut response = text(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping");
        response
            .headers_mut()
            .insert("connection", HeaderValue::from_static("close"));
        response
    } else if request.uri().path() == "/sparql" {
        sparql::answer(state, request, log)
    } else {
        pages::answer(state, request, log)
    };
    if state.config.cors {
        let headers = response.headers_mut();
        headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    }
    response
}

/// A plain-text response: errors and refusals.
/// 405 for a method that `allow` does not list, which the response says.
fn not_allowed(allow: &'static str, log: &Log) -> Response<Body> {
    log.line(405, "");
    Response::builder()
        .status(StatusCode::METHOD_NOT_ALLOWED)
        .header(oxhttp::model::header::ALLOW, allow)
        .body(Body::empty())
        .expect("a valid response")
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(format!("{message}\n")))
        .expect("a valid response")
}
