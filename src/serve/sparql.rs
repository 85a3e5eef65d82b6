//! The SPARQL 1.1 Protocol at `/sparql`: its query operation, its update operation when
//! allowed, and its service description.

use super::negotiate;
use super::{not_allowed, text, Busy, InFlight, Log, State};
use crate::query::{self, Graphs, QueryError, UpdateError, UpdateOptions};
use crate::render::{self, OutputFormat, RenderError};
use crate::store::{self, Dataset, RemoteError, Selection};
use crate::vocab;
use oxhttp::model::header::{ACCEPT, ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::NamedNode;
use oxigraph::sparql::{QueryEvaluationError, QueryResults, UpdateEvaluationError};
use std::error::Error;
use std::io::{self, BufWriter, Read, Write};
use std::sync::{mpsc, Arc};

/// What SELECT and ASK results are offered as, the first when the client does not say.
const SOLUTIONS: &[(&str, OutputFormat)] = &[
    ("application/sparql-results+json", OutputFormat::Json),
    ("application/sparql-results+xml", OutputFormat::Xml),
    ("text/csv", OutputFormat::Csv),
    ("text/tab-separated-values", OutputFormat::Tsv),
    ("application/json", OutputFormat::Json),
    ("application/xml", OutputFormat::Xml),
];

/// What CONSTRUCT and DESCRIBE results are offered as.
const GRAPHS: &[(&str, OutputFormat)] = &[
    ("text/turtle", OutputFormat::Turtle),
    ("application/n-triples", OutputFormat::NTriples),
    ("application/ld+json", OutputFormat::JsonLd),
];

/// What the service description is offered as.
const DESCRIPTION: &[(&str, ())] = &[("text/turtle", ())];

/// A query or update request, as the protocol's ways of sending one give it.
#[derive(Debug, Default)]
struct QueryRequest {
    query: Option<String>,
    update: Option<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    using_graphs: Vec<String>,
    using_named_graphs: Vec<String>,
}

impl QueryRequest {
    /// The parameters of a query string or form body; `query` or `update` given twice is an
    /// error.
    fn parse(form: &[u8], into: &mut Self) -> Result<(), String> {
        for (name, value) in form_urlencoded::parse(form) {
            let value = value.into_owned();
            match name.as_ref() {
                "query" => set(&mut into.query, "query", value)?,
                "update" => set(&mut into.update, "update", value)?,
                "default-graph-uri" => into.default_graphs.push(value),
                "named-graph-uri" => into.named_graphs.push(value),
                "using-graph-uri" => into.using_graphs.push(value),
                "using-named-graph-uri" => into.using_named_graphs.push(value),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Puts the text of a query or update (`what`) into its place, which must be empty.
fn set(slot: &mut Option<String>, what: &str, text: String) -> Result<(), String> {
    match slot.replace(text) {
        Some(_) => Err(format!("more than one {what}")),
        None => Ok(()),
    }
}

/// A request body that is the text of a query or update (`what`).
fn body_text(slot: &mut Option<String>, what: &str, body: Vec<u8>) -> Result<(), String> {
    let text = String::from_utf8(body).map_err(|_| format!("the {what} is not UTF-8"))?;
    set(slot, what, text)
}

/// The dataset of a request, from the IRIs of its default and named graphs; `None` when it
/// gives none.
fn dataset(default: &[String], named: &[String]) -> Result<Option<Dataset>, String> {
    let iris = |names: &[String]| -> Result<Vec<NamedNode>, String> {
        names
            .iter()
            .map(|name| NamedNode::new(name).map_err(|_| format!("not an IRI: {name:?}")))
            .collect()
    };
    let (default, named) = (iris(default)?, iris(named)?);
    Ok((!default.is_empty() || !named.is_empty()).then_some((default, named)))
}

/// How far a request's evaluation may go.
/// The methods the endpoint takes.
const METHODS: &str = "GET, POST, OPTIONS";

/// Answers a request to `/sparql`.
pub(super) fn answer(state: &Arc<State>, request: &mut Request<Body>, log: Log) -> Response<Body> {
    let failed = |status: StatusCode, message: &str| {
        log.line(status.as_u16(), message);
        text(status, message)
    };
    let in_flight = InFlight::new(state);
    let mut parameters = QueryRequest::default();
    if let Err(message) = QueryRequest::parse(
        request.uri().query().unwrap_or("").as_bytes(),
        &mut parameters,
    ) {
        return failed(StatusCode::BAD_REQUEST, &message);
    }
    match *request.method() {
        Method::GET => {}
        Method::POST => {
            let body = match read_body(request, state.config.max_body) {
                Ok(body) => body,
                Err((status, message)) => return failed(status, &message),
            };
            let media = request
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(|v| v.trim().to_ascii_lowercase())
                .unwrap_or_default();
            match media.as_str() {
                "application/x-www-form-urlencoded" => {
                    if let Err(message) = QueryRequest::parse(&body, &mut parameters) {
                        return failed(StatusCode::BAD_REQUEST, &message);
                    }
                }
                "application/sparql-query" => {
                    if let Err(message) = body_text(&mut parameters.query, "query", body) {
                        return failed(StatusCode::BAD_REQUEST, &message);
                    }
                }
                "application/sparql-update" => {
                    if let Err(message) = body_text(&mut parameters.update, "update", body) {
                        return failed(StatusCode::BAD_REQUEST, &message);
                    }
                }
                _ => {
                    return failed(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "send application/sparql-query, application/sparql-update or \
                         application/x-www-form-urlencoded",
                    )
                }
            }
        }
        Method::OPTIONS => {
            log.line(204, "");
            let mut response = Response::builder()
                .status(StatusCode::NO_CONTENT)
                .header(ALLOW, METHODS);
            if state.config.cors {
                response = response
                    .header("access-control-allow-methods", METHODS)
                    .header("access-control-allow-headers", "Accept, Content-Type");
            }
            return response.body(Body::empty()).expect("a valid response");
        }
        _ => return not_allowed(METHODS, &log),
    }
    let accept = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(update) = parameters.update.take() {
        if !state.config.update {
            return failed(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: SPARQL Update (and LOAD) is not accepted",
            );
        }
        if parameters.query.is_some() {
            return failed(StatusCode::BAD_REQUEST, "both a query and an update");
        }
        if *request.method() != Method::POST {
            return failed(StatusCode::BAD_REQUEST, "an update is sent with POST");
        }
        if !parameters.default_graphs.is_empty() || !parameters.named_graphs.is_empty() {
            return failed(
                StatusCode::BAD_REQUEST,
                "an update takes using-graph-uri and using-named-graph-uri, \
                 not default-graph-uri or named-graph-uri",
            );
        }
        return match dataset(&parameters.using_graphs, &parameters.using_named_graphs) {
            Ok(using) => apply(state, &update, using, log),
            Err(message) => failed(StatusCode::BAD_REQUEST, &message),
        };
    }
    if !parameters.using_graphs.is_empty() || !parameters.using_named_graphs.is_empty() {
        return failed(
            StatusCode::BAD_REQUEST,
            "a query takes default-graph-uri and named-graph-uri, \
             not using-graph-uri or using-named-graph-uri",
        );
    }
    let Some(query) = parameters.query.take() else {
        if *request.method() == Method::GET {
            let host = request
                .headers()
                .get(HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("localhost")
                .to_owned();
            return description(&host, accept.as_deref(), state.config.update, log);
        }
        return failed(StatusCode::BAD_REQUEST, "no query parameter");
    };
    match dataset(&parameters.default_graphs, &parameters.named_graphs) {
        Ok(dataset) => evaluate(state, query, dataset, accept, log, in_flight),
        Err(message) => failed(StatusCode::BAD_REQUEST, &message),
    }
}

/// Applies an update: 204 once it has landed.
fn apply(state: &State, update: &str, using: Option<Dataset>, log: Log) -> Response<Body> {
    let _slot = match state.slot() {
        Ok(slot) => slot,
        Err(busy) => {
            log.line(503, &busy.to_string());
            return busy.response();
        }
    };
    let options = UpdateOptions {
        limits: state.config.limits(),
        load: state.config.load,
        using,
        shapes: state.config.shapes.as_ref(),
    };
    match query::update(&state.store, "update", update, options) {
        Ok(updated) => {
            state.pages.forget();
            let graphs = match updated.changed.len() {
                1 => "1 graph".to_owned(),
                n => format!("{n} graphs"),
            };
            // Broken before the update and left so: the log says so, as a load does.
            let already = match updated.already.len() {
                0 => String::new(),
                n => format!("; {n} violations of the shapes were in the store already"),
            };
            log.line(204, &format!("{graphs} changed{already}"));
            Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .expect("a valid response")
        }
        Err(error) => {
            let (status, message) = update_refusal(&error);
            log.line(status.as_u16(), &message);
            let mut body = message;
            // The log has the count; the client gets each node and rule, to fix them.
            if let UpdateError::Store(store::UpdateError::Invalid { report }) = &error {
                for violation in &report.results {
                    body.push_str(&format!("\n{violation}"));
                }
            }
            text(status, &body)
        }
    }
}

/// The request body, up to `limit` bytes: 413 beyond.
fn read_body(request: &mut Request<Body>, limit: usize) -> Result<Vec<u8>, (StatusCode, String)> {
    let too_large = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {limit} bytes"),
        )
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .body_mut()
        .take(limit as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| {
            (
                StatusCode::BAD_REQUEST,
                format!("cannot read the body: {e}"),
            )
        })?;
    if body.len() > limit {
        return Err(too_large());
    }
    Ok(body)
}

fn description(host: &str, accept: Option<&str>, update: bool, log: Log) -> Response<Body> {
    if negotiate::choose(accept, DESCRIPTION).is_none() {
        log.line(406, "");
        return text(
            StatusCode::NOT_ACCEPTABLE,
            "the service description is text/turtle",
        );
    }
    log.line(200, "service description");
    Response::builder()
        .header(CONTENT_TYPE, "text/turtle")
        .body(Body::from(vocab::service::description(
            &vocab::service::endpoint(host),
            update,
        )))
        .expect("a valid response")
}

/// What the evaluating thread says before it streams.
enum Ready {
    Stream(&'static str, io::PipeReader),
    Failed(StatusCode, String),
    Busy(Busy),
}

/// Evaluates the query on a thread of its own, which owns the results (Oxigraph's iterators
/// stay on the thread that made them) and writes them into a pipe that the response reads.
/// Errors that come before the first result get their status code; a failure later can only
/// cut the response short, which the client sees as an incomplete chunked body.
fn evaluate(
    state: &Arc<State>,
    query: String,
    dataset: Option<Dataset>,
    accept: Option<String>,
    log: Log,
    in_flight: InFlight,
) -> Response<Body> {
    let (ready, readied) = mpsc::sync_channel::<Ready>(1);
    let (done, finished) = mpsc::sync_channel::<Result<(), String>>(1);
    let state = Arc::clone(state);
    let workers = Arc::clone(&state.workers);
    workers.run(move || {
        let _in_flight = in_flight;
        // Held until the last result is written: streaming is evaluating.
        let _slot = match state.slot() {
            Ok(slot) => slot,
            Err(busy) => {
                log.line(503, &busy.to_string());
                let _ = ready.send(Ready::Busy(busy));
                return;
            }
        };
        let all = Selection::default();
        let graphs = match &dataset {
            Some((default, named)) => Graphs::Explicit { default, named },
            None => Graphs::Selected(&all),
        };
        let limits = state.config.limits();
        let answer = query::execute_on(&state.store, graphs, "query", &query, limits)
            .and_then(query::Answer::peeked);
        let answer = match answer {
            Ok(answer) => answer,
            Err(error) => {
                let (status, message) = refusal(&error);
                log.line(status.as_u16(), &message);
                let _ = ready.send(Ready::Failed(status, message));
                return;
            }
        };
        let offers = match answer.results {
            QueryResults::Graph(_) => GRAPHS,
            _ => SOLUTIONS,
        };
        let Some(&(media, format)) = negotiate::choose(accept.as_deref(), offers) else {
            let wanted: Vec<&str> = offers.iter().map(|(media, _)| *media).collect();
            let message = format!("this result is offered as {}", wanted.join(", "));
            log.line(406, &message);
            let _ = ready.send(Ready::Failed(StatusCode::NOT_ACCEPTABLE, message));
            return;
        };
        let (reader, writer) = match io::pipe() {
            Ok(pipe) => pipe,
            Err(error) => {
                let message = format!("cannot stream the results: {error}");
                log.line(500, &message);
                let _ = ready.send(Ready::Failed(StatusCode::INTERNAL_SERVER_ERROR, message));
                return;
            }
        };
        if ready.send(Ready::Stream(media, reader)).is_err() {
            return;
        }
        let mut out = BufWriter::new(writer);
        let written = render::write(answer, Some(format), None, &mut out)
            .and_then(|count| out.flush().map(|()| count).map_err(RenderError::from));
        match written {
            Ok(count) => {
                log.line(200, &format!("{count} results as {media}"));
                let _ = done.send(Ok(()));
            }
            Err(RenderError::Io(error)) => {
                log.line(200, &format!("cut short: the client went away ({error})"));
            }
            Err(error) => {
                let message = error.to_string();
                log.line(200, &format!("cut short: {message}"));
                let _ = done.send(Err(message));
            }
        }
        // The writer is dropped last, after the outcome is sent: the reader sees the end of
        // the pipe only once it can tell a finished stream from a failed one.
        drop(out);
    });
    match readied.recv() {
        Ok(Ready::Stream(media, reader)) => Response::builder()
            .header(CONTENT_TYPE, media)
            .body(Body::from_read(Streamed {
                reader,
                finished,
                ended: false,
            }))
            .expect("a valid response"),
        Ok(Ready::Failed(status, message)) => text(status, &message),
        Ok(Ready::Busy(busy)) => busy.response(),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "the query thread failed"),
    }
}

/// The refusal of a `SERVICE` that the endpoint was not allowed to call: Oxigraph, without
/// its default service handler, supports no service.
const SERVICE_REFUSED: &str = "SERVICE is not allowed: this endpoint answers from its own store";

/// The status code and message for a query that fails before any result.
fn refusal(error: &QueryError) -> (StatusCode, String) {
    let status = match error {
        QueryError::Syntax { .. } => StatusCode::BAD_REQUEST,
        QueryError::Timeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
        QueryError::Evaluation(QueryEvaluationError::UnsupportedService(_)) => {
            return (StatusCode::FORBIDDEN, SERVICE_REFUSED.to_owned())
        }
        QueryError::Evaluation(QueryEvaluationError::Service(_)) => StatusCode::BAD_GATEWAY,
        // The SPARQL engine behind `--endpoint` failed.
        QueryError::Evaluation(QueryEvaluationError::Dataset(cause))
            if cause.is::<RemoteError>() =>
        {
            StatusCode::BAD_GATEWAY
        }
        QueryError::Evaluation(
            QueryEvaluationError::UnboundService | QueryEvaluationError::InvalidServiceName(_),
        ) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, chained(error))
}

/// The status code and message for an update that was refused or failed.
fn update_refusal(error: &UpdateError) -> (StatusCode, String) {
    let refused = match error {
        UpdateError::Query(error) => return refusal(error),
        UpdateError::Store(refused) => refused,
        UpdateError::Load => return (StatusCode::FORBIDDEN, chained(error)),
    };
    let status = match refused {
        store::UpdateError::Protected { .. } | store::UpdateError::Remote(_) => {
            StatusCode::FORBIDDEN
        }
        store::UpdateError::DefaultGraph
        | store::UpdateError::UsingConflict
        | store::UpdateError::Invalid { .. } => StatusCode::BAD_REQUEST,
        store::UpdateError::Evaluation(UpdateEvaluationError::UnsupportedService(_)) => {
            return (StatusCode::FORBIDDEN, SERVICE_REFUSED.to_owned())
        }
        // A SERVICE that failed, or the fetch of a LOAD.
        store::UpdateError::Evaluation(UpdateEvaluationError::Service(_)) => {
            StatusCode::BAD_GATEWAY
        }
        store::UpdateError::Evaluation(
            UpdateEvaluationError::Storage(_) | UpdateEvaluationError::Unexpected(_),
        )
        | store::UpdateError::Validation(_)
        | store::UpdateError::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
        store::UpdateError::Evaluation(_) => StatusCode::BAD_REQUEST,
    };
    (status, chained(error))
}

/// An error's message followed by those of its causes.
fn chained(error: &dyn Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        message.push_str(&format!(": {error}"));
        cause = error.source();
    }
    message
}

/// The results as the evaluating thread writes them; the end of the pipe is an error when
/// the evaluation failed, so that the response is cut short rather than ended cleanly.
struct Streamed {
    reader: io::PipeReader,
    finished: mpsc::Receiver<Result<(), String>>,
    ended: bool,
}

impl Read for Streamed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended {
            return Ok(0);
        }
        let n = self.reader.read(buf)?;
        if n == 0 && !buf.is_empty() {
            match self.finished.recv() {
                Ok(Ok(())) => self.ended = true,
                Ok(Err(message)) => return Err(io::Error::other(message)),
                Err(_) => return Err(io::Error::other("the query thread ended early")),
            }
        }
        Ok(n)
    }
}
