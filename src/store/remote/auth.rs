//! HTTP authentication against a remote SPARQL engine: Basic (RFC 7617) and Digest (RFC 7616,
//! and the older RFC 2617 and RFC 2069 forms), with the credentials read from the environment or
//! a netrc file.
//!
//! Engines guard their update endpoints in different ways: Virtuoso's `/sparql-auth` asks for
//! Digest, Fuseki and GraphDB for Basic, so both are needed. Credentials never come from a
//! command-line flag, whose value would land in shell histories, in `ps` listings and in the logs
//! of whatever ran the command: they come from `CLAIMGRAPH_USER` and `CLAIMGRAPH_PASSWORD`, or
//! else from the netrc file that curl, wget and git read too.
//!
//! Nothing is sent before the endpoint asks for it, so that a password never travels to an
//! endpoint that does not want it. An HTTP client drives an [`Auth`] like this:
//!
//! ```text
//! let auth = Credentials::find(host)?.map(Auth::new);
//! let mut authorization = auth.as_ref().and_then(|auth| auth.header(method, target));
//! loop {
//!     let response = send(request, authorization.as_ref().map(Authorization::value));
//!     if response.status() != 401 {
//!         return Ok(response);
//!     }
//!     let auth = auth.as_ref().ok_or(AuthError::NoCredentials { host })?;
//!     // Fails when the credentials were refused; otherwise the request goes again.
//!     authorization = Some(auth.answer(method, target, authorization.as_ref(), &challenges)?);
//! }
//! ```

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use md5::Md5;
use sha2::{Digest as _, Sha256};
use std::collections::hash_map::RandomState;
use std::env::{self, VarError};
use std::ffi::OsString;
use std::fmt::{self, Write as _};
use std::hash::BuildHasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

const USER_VAR: &str = "CLAIMGRAPH_USER";
const PASSWORD_VAR: &str = "CLAIMGRAPH_PASSWORD";

/// How many times one request may be answered: once for the first challenge, once more for a
/// stale nonce or a change of scheme. A server that keeps asking is refusing.
const MAX_ATTEMPTS: u8 = 3;

/// Why credentials could not be found or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// One of the two variables is set without the other.
    #[error("{set} is set but {missing} is not: set both, or neither to use a netrc file")]
    HalfSet {
        /// The variable that is set.
        set: &'static str,
        /// The variable that is missing.
        missing: &'static str,
    },
    /// A variable holds bytes that are not UTF-8.
    #[error("{variable} is not valid UTF-8")]
    NotUnicode {
        /// The variable.
        variable: &'static str,
    },
    /// The netrc file exists but could not be read.
    #[error("cannot read netrc file {path}")]
    ReadNetrc {
        /// The netrc file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: io::Error,
    },
    /// The netrc file is not valid, or its entry for the endpoint lacks a login or password.
    #[error("netrc file {path}, line {line}: {message}")]
    Netrc {
        /// The netrc file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// The user name cannot be sent in an HTTP header.
    #[error(
        "the user name from {origin} contains a colon or a control character, which HTTP \
         authentication cannot carry"
    )]
    BadUser {
        /// Where the user name came from.
        origin: String,
    },
    /// The endpoint asks for credentials and none were found.
    #[error(
        "the endpoint asks for credentials: set {USER_VAR} and {PASSWORD_VAR} or add a netrc \
         entry for {host}"
    )]
    NoCredentials {
        /// The endpoint's host, as a netrc `machine` entry names it.
        host: String,
    },
    /// The endpoint refused the credentials.
    #[error(
        "the endpoint rejected user {user:?} (from {origin}): check the user name and password"
    )]
    Rejected {
        /// The user name sent.
        user: String,
        /// Where the credentials came from.
        origin: String,
    },
    /// The endpoint declared each of its nonces stale as soon as it was used.
    #[error("the endpoint keeps declaring its own fresh nonce stale; try again later")]
    StaleNonce,
    /// The endpoint offers no scheme that is supported.
    #[error(
        "the endpoint asks for {schemes} authentication, which claimgraph does not support \
         (it supports Basic and Digest)"
    )]
    UnsupportedScheme {
        /// The schemes offered, comma-separated.
        schemes: String,
    },
    /// The endpoint asks for Digest with parameters that are not supported.
    #[error("the endpoint's Digest challenge cannot be answered: {reason}")]
    UnsupportedDigest {
        /// What is not supported.
        reason: String,
    },
    /// A 401 came without a challenge that could be read.
    #[error(
        "the endpoint answered 401 Unauthorized without a WWW-Authenticate challenge that can \
         be read"
    )]
    NoChallenge,
}

/// Where credentials came from, for messages that tell the user what to fix.
#[derive(Debug)]
enum Origin {
    Environment,
    Netrc(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => write!(f, "{USER_VAR} and {PASSWORD_VAR}"),
            Origin::Netrc(path) => write!(f, "netrc file {}", path.display()),
        }
    }
}

/// A user name and password for an endpoint.
pub struct Credentials {
    user: String,
    password: String,
    origin: Origin,
}

// By hand, so that the password cannot reach a log or an error report through `{:?}`.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &format_args!("<redacted>"))
            .field("origin", &self.origin)
            .finish()
    }
}

impl Credentials {
    /// The credentials for `host` (the endpoint's host name or address): from
    /// `CLAIMGRAPH_USER` and `CLAIMGRAPH_PASSWORD` if they are set, else from the netrc file
    /// (`$NETRC`, else `~/.netrc`), else none. An empty variable counts as unset, so that
    /// `CLAIMGRAPH_USER= claimgraph ...` turns the environment off for one command.
    pub fn find(host: &str) -> Result<Option<Self>, AuthError> {
        Self::resolve(host, env_value(USER_VAR)?, env_value(PASSWORD_VAR)?, || {
            let Some(path) = netrc_path(env::var_os("NETRC"), env::var_os("HOME")) else {
                return Ok(None);
            };
            Ok(read_netrc(&path)?.map(|text| (path, text)))
        })
    }

    /// [`Credentials::find`] with the variables' values given, and the netrc file's path and
    /// text read only when they are needed: a netrc file that cannot be read does not matter
    /// when the environment has the credentials.
    fn resolve(
        host: &str,
        user: Option<String>,
        password: Option<String>,
        netrc: impl FnOnce() -> Result<Option<(PathBuf, String)>, AuthError>,
    ) -> Result<Option<Self>, AuthError> {
        match (user, password) {
            (Some(user), Some(password)) => {
                Self::checked(user, password, Origin::Environment).map(Some)
            }
            (Some(_), None) => Err(AuthError::HalfSet {
                set: USER_VAR,
                missing: PASSWORD_VAR,
            }),
            (None, Some(_)) => Err(AuthError::HalfSet {
                set: PASSWORD_VAR,
                missing: USER_VAR,
            }),
            (None, None) => match netrc()? {
                Some((path, text)) => Self::from_netrc(host, path, &text),
                None => Ok(None),
            },
        }
    }

    /// The credentials a netrc file's text holds for `host`: its `machine` entry, else its
    /// `default` entry, else none.
    fn from_netrc(host: &str, path: PathBuf, text: &str) -> Result<Option<Self>, AuthError> {
        let entries = netrc_entries(text).map_err(|(line, message)| AuthError::Netrc {
            path: path.clone(),
            line,
            message,
        })?;
        // A URL writes an IPv6 address in brackets, a netrc file does not.
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let entry = entries
            .iter()
            .find(|entry| {
                entry
                    .machine
                    .as_deref()
                    .is_some_and(|machine| machine.eq_ignore_ascii_case(host))
            })
            .or_else(|| entries.iter().find(|entry| entry.machine.is_none()));
        let Some(entry) = entry else {
            return Ok(None);
        };
        let missing = |what: &str| AuthError::Netrc {
            path: path.clone(),
            line: entry.line,
            message: match &entry.machine {
                Some(machine) => format!("the entry for machine {machine} has no {what}"),
                None => format!("the default entry has no {what}"),
            },
        };
        let user = entry.login.clone().ok_or_else(|| missing("login"))?;
        let password = entry.password.clone().ok_or_else(|| missing("password"))?;
        Self::checked(user, password, Origin::Netrc(path)).map(Some)
    }

    /// Refuses a user name that would break the header: Basic cannot tell a colon in the user
    /// name from the one before the password, and a line break would end the header early.
    fn checked(user: String, password: String, origin: Origin) -> Result<Self, AuthError> {
        if user.contains(':') || user.chars().any(char::is_control) {
            return Err(AuthError::BadUser {
                origin: origin.to_string(),
            });
        }
        Ok(Self {
            user,
            password,
            origin,
        })
    }

    fn rejected(&self) -> AuthError {
        AuthError::Rejected {
            user: self.user.clone(),
            origin: self.origin.to_string(),
        }
    }
}

fn env_value(name: &'static str) -> Result<Option<String>, AuthError> {
    match env::var(name) {
        Ok(value) => Ok(Some(value).filter(|value| !value.is_empty())),
        Err(VarError::NotPresent) => Ok(None),
        Err(VarError::NotUnicode(_)) => Err(AuthError::NotUnicode { variable: name }),
    }
}

/// `$NETRC` if it is set, else `.netrc` in `$HOME`.
fn netrc_path(netrc: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    match netrc.filter(|netrc| !netrc.is_empty()) {
        Some(netrc) => Some(PathBuf::from(netrc)),
        None => home
            .filter(|home| !home.is_empty())
            .map(|home| Path::new(&home).join(".netrc")),
    }
}

/// The netrc file's text, or none if there is no such file. A file that others may read is
/// still read, as curl does: refusing it would break setups that work with every other tool.
fn read_netrc(path: &Path) -> Result<Option<String>, AuthError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AuthError::ReadNetrc {
            path: path.to_owned(),
            source,
        }),
    }
}

/// A `machine` entry (or, without a machine, the `default` one) of a netrc file.
struct Entry {
    machine: Option<String>,
    login: Option<String>,
    password: Option<String>,
    /// Where the entry starts, for the message when it lacks a login or password.
    line: usize,
}

/// The entries of a netrc file, or the line and the message of its first error.
fn netrc_entries(text: &str) -> Result<Vec<Entry>, (usize, String)> {
    let mut lexer = Lexer {
        rest: text,
        line: 1,
    };
    let mut entries: Vec<Entry> = Vec::new();
    while let Some(keyword) = lexer.token()? {
        let line = lexer.line;
        match keyword.as_str() {
            // Only where a keyword is due: a password may well start with `#`.
            comment if comment.starts_with('#') => lexer.skip_line(),
            "default" => entries.push(Entry {
                machine: None,
                login: None,
                password: None,
                line,
            }),
            "machine" => {
                let machine = lexer.value(&keyword)?;
                entries.push(Entry {
                    machine: Some(machine),
                    login: None,
                    password: None,
                    line,
                });
            }
            // A macro is for ftp; its body runs up to an empty line.
            "macdef" => {
                lexer.value(&keyword)?;
                lexer.skip_macro();
            }
            "login" | "password" | "account" => {
                let value = lexer.value(&keyword)?;
                let Some(entry) = entries.last_mut() else {
                    return Err((
                        line,
                        format!("`{keyword}` comes before any `machine` or `default`"),
                    ));
                };
                match keyword.as_str() {
                    "login" => entry.login = Some(value),
                    "password" => entry.password = Some(value),
                    // An ftp account: nothing HTTP has a use for.
                    _ => {}
                }
            }
            _ => {
                return Err((
                    line,
                    format!(
                        "unknown keyword {keyword:?} (netrc knows machine, default, login, \
                         password, account and macdef; a value with spaces needs double quotes)"
                    ),
                ))
            }
        }
    }
    Ok(entries)
}

/// The tokens of a netrc file, and the line each one is on.
struct Lexer<'a> {
    rest: &'a str,
    line: usize,
}

impl Lexer<'_> {
    /// The next token, with a double-quoted one unquoted (as curl reads `\"`, `\\`, `\n`, `\r`
    /// and `\t` in it), or none at the end of the text.
    fn token(&mut self) -> Result<Option<String>, (usize, String)> {
        let trimmed = self.rest.trim_start();
        self.line += self.rest[..self.rest.len() - trimmed.len()]
            .matches('\n')
            .count();
        self.rest = trimmed;
        if self.rest.is_empty() {
            return Ok(None);
        }
        let Some(quoted) = self.rest.strip_prefix('"') else {
            let end = self
                .rest
                .find(char::is_whitespace)
                .unwrap_or(self.rest.len());
            let (token, rest) = self.rest.split_at(end);
            self.rest = rest;
            return Ok(Some(token.to_owned()));
        };
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    self.rest = &quoted[at + 1..];
                    return Ok(Some(value));
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, 'r')) => value.push('\r'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, '\n')) | None => break,
                    Some((_, c)) => value.push(c),
                },
                // Keeps line numbers true: a value never spans lines.
                '\n' => break,
                c => value.push(c),
            }
        }
        Err((self.line, "a quoted value has no closing quote".to_owned()))
    }

    /// The value after `keyword`.
    fn value(&mut self, keyword: &str) -> Result<String, (usize, String)> {
        let line = self.line;
        self.token()?
            .ok_or_else(|| (line, format!("`{keyword}` needs a value")))
    }

    /// Skips the rest of the current line.
    fn skip_line(&mut self) {
        match self.rest.find('\n') {
            Some(end) => {
                self.rest = &self.rest[end + 1..];
                self.line += 1;
            }
            None => self.rest = "",
        }
    }

    /// Skips the rest of a `macdef` line and the macro's body, up to and with the first empty
    /// line (a line of spaces counts, and so does a line ending in `\r\n`).
    fn skip_macro(&mut self) {
        self.skip_line();
        while !self.rest.is_empty() {
            let end = self.rest.find('\n').unwrap_or(self.rest.len());
            let empty = self.rest[..end].trim().is_empty();
            self.skip_line();
            if empty {
                break;
            }
        }
    }
}

/// The value of an `Authorization` header, with what [`Auth::answer`] needs to know about it
/// when the endpoint answers it with another 401.
pub struct Authorization {
    value: String,
    /// The nonce a Digest answer used; none for Basic.
    nonce: Option<String>,
    /// How many 401s of the same request led to this value.
    attempts: u8,
}

impl Authorization {
    /// The header's value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

// By hand: a Basic value is the password in base64.
impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field(
                "scheme",
                &if self.nonce.is_some() {
                    "Digest"
                } else {
                    "Basic"
                },
            )
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// The authentication state for one endpoint, shared by the threads that send requests to it.
pub struct Auth {
    credentials: Credentials,
    /// The scheme the endpoint last asked for; none until it asks.
    state: Mutex<Option<Scheme>>,
    /// Makes a client nonce; a field so that tests can use the RFCs' examples.
    cnonce: fn() -> String,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl Auth {
    /// Authentication with `credentials`, which sends nothing until the endpoint asks.
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            state: Mutex::new(None),
            cnonce: random_cnonce,
        }
    }

    /// The `Authorization` header to send with a request for `method` (`GET`, `POST`) and
    /// `uri` (the request target: path and query), or none while the endpoint has not asked
    /// for credentials. Once it has, every request carries them: Digest with the next nonce
    /// count, Basic as it is.
    pub fn header(&self, method: &str, uri: &str) -> Option<Authorization> {
        let mut state = self.lock();
        let scheme = state.as_mut()?;
        Some(self.authorize(scheme, method, uri, 0))
    }

    /// Answers a 401 to a request for `method` and `uri` that was sent with `sent` (none if it
    /// carried no `Authorization`), from the values of the 401's `WWW-Authenticate` headers:
    /// the header to send the request again with. Digest is preferred to Basic, which shows
    /// the password to anyone who can read the request.
    ///
    /// Fails with [`AuthError::Rejected`] when the endpoint refused what was sent (a 401 to
    /// credentials that does not declare their nonce stale), with [`AuthError::StaleNonce`]
    /// when it declares stale the nonce it has just handed out, and when it offers nothing that
    /// can be answered. One request is answered at most three times, however the endpoint
    /// changes its mind.
    pub fn answer(
        &self,
        method: &str,
        uri: &str,
        sent: Option<&Authorization>,
        www_authenticate: &[&str],
    ) -> Result<Authorization, AuthError> {
        let chosen = choose(www_authenticate)?;
        let attempts = sent.map_or(0, |sent| sent.attempts) + 1;
        if let Some(sent) = sent {
            let retry = match (&chosen, &sent.nonce) {
                // RFC 7616: stale means the credentials were right but the nonce too old, so
                // they are worth sending with the new one. The same nonce again would loop.
                (Chosen::Digest(challenge, true), Some(nonce)) => challenge.nonce != *nonce,
                // The endpoint changed its scheme since the request was sent.
                (Chosen::Digest(..), None) | (Chosen::Basic, Some(_)) => true,
                _ => false,
            };
            if !retry || attempts > MAX_ATTEMPTS {
                return Err(match chosen {
                    Chosen::Digest(_, true) => AuthError::StaleNonce,
                    _ => self.credentials.rejected(),
                });
            }
        }
        let mut state = self.lock();
        let scheme = match (state.take(), chosen) {
            // Another thread has taken up this challenge already: its nonce count goes on,
            // since the endpoint may refuse a count it has seen as a replay.
            (Some(Scheme::Digest(digest)), Chosen::Digest(challenge, _))
                if digest.challenge == challenge =>
            {
                Scheme::Digest(digest)
            }
            (_, Chosen::Digest(challenge, _)) => Scheme::Digest(DigestState {
                session_cnonce: challenge.algorithm.session.then(self.cnonce),
                challenge,
                count: 0,
            }),
            (_, Chosen::Basic) => Scheme::Basic,
        };
        let scheme = state.insert(scheme);
        Ok(self.authorize(scheme, method, uri, attempts))
    }

    fn authorize(
        &self,
        scheme: &mut Scheme,
        method: &str,
        uri: &str,
        attempts: u8,
    ) -> Authorization {
        let Credentials { user, password, .. } = &self.credentials;
        match scheme {
            Scheme::Basic => Authorization {
                value: format!("Basic {}", BASE64.encode(format!("{user}:{password}"))),
                nonce: None,
                attempts,
            },
            Scheme::Digest(digest) => {
                // The count only has to differ between requests on one nonce; a server
                // hands out a new nonce long before four billion of them.
                digest.count = digest.count.wrapping_add(1);
                let cnonce = digest
                    .challenge
                    .qop
                    .then(|| digest.session_cnonce.clone().unwrap_or_else(self.cnonce));
                Authorization {
                    value: digest.challenge.response(
                        &self.credentials,
                        method,
                        uri,
                        digest.count,
                        cnonce.as_deref(),
                    ),
                    nonce: Some(digest.challenge.nonce.clone()),
                    attempts,
                }
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<Scheme>> {
        // Nothing panics while the state is half changed, so a poisoned one is still whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A client nonce nobody can predict: the current time and a counter, hashed with random keys
/// that the standard library draws from the operating system.
fn random_cnonce() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    format!(
        "{:016x}{:016x}",
        RandomState::new().hash_one((now, count)),
        RandomState::new().hash_one((count, now))
    )
}

enum Scheme {
    Basic,
    Digest(DigestState),
}

struct DigestState {
    challenge: DigestChallenge,
    /// The nonce count of the last request sent with the challenge's nonce.
    count: u32,
    /// With a `-sess` algorithm, the client nonce the session key is made with: one for the
    /// whole nonce, so that servers that compute the key once and those that compute it on
    /// each request agree.
    session_cnonce: Option<String>,
}

/// The scheme chosen among a 401's challenges.
enum Chosen {
    Basic,
    /// A Digest challenge, and whether it declares the nonce sent stale.
    Digest(DigestChallenge, bool),
}

/// The first Digest challenge that can be answered, else Basic, else the reason why none can.
fn choose(www_authenticate: &[&str]) -> Result<Chosen, AuthError> {
    let challenges: Vec<Challenge> = www_authenticate
        .iter()
        .filter_map(|value| parse_challenges(value))
        .flatten()
        .collect();
    let mut refusal = None;
    for challenge in challenges
        .iter()
        .filter(|challenge| challenge.scheme.eq_ignore_ascii_case("Digest"))
    {
        match DigestChallenge::read(challenge) {
            Ok(digest) => {
                let stale = challenge
                    .param("stale")
                    .is_some_and(|stale| stale.eq_ignore_ascii_case("true"));
                return Ok(Chosen::Digest(digest, stale));
            }
            Err(reason) => {
                refusal.get_or_insert(reason);
            }
        }
    }
    if challenges
        .iter()
        .any(|challenge| challenge.scheme.eq_ignore_ascii_case("Basic"))
    {
        return Ok(Chosen::Basic);
    }
    if let Some(reason) = refusal {
        return Err(AuthError::UnsupportedDigest { reason });
    }
    if challenges.is_empty() {
        return Err(AuthError::NoChallenge);
    }
    let schemes: Vec<&str> = challenges
        .iter()
        .map(|challenge| challenge.scheme.as_str())
        .collect();
    Err(AuthError::UnsupportedScheme {
        schemes: schemes.join(", "),
    })
}

/// What a Digest response is computed from. The nonce count is not part of it, nor `stale`,
/// so that two 401s with the same nonce compare equal.
#[derive(PartialEq, Eq)]
struct DigestChallenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    algorithm: Algorithm,
    /// Whether the endpoint offers `qop=auth`; without a `qop`, the response takes RFC 2069's
    /// form, with no nonce count and no client nonce.
    qop: bool,
}

impl DigestChallenge {
    /// The challenge, or why it cannot be answered.
    fn read(challenge: &Challenge) -> Result<Self, String> {
        let algorithm = match challenge.param("algorithm") {
            None => Algorithm {
                hash: Hash::Md5,
                session: false,
            },
            Some(name) => Algorithm::named(name).ok_or_else(|| {
                format!(
                    "algorithm {name:?} is not supported (MD5, MD5-sess, SHA-256 and \
                     SHA-256-sess are)"
                )
            })?,
        };
        if challenge
            .param("userhash")
            .is_some_and(|userhash| userhash.eq_ignore_ascii_case("true"))
        {
            return Err("it asks for a hashed user name (userhash), which is not supported".into());
        }
        let qop = match challenge.param("qop") {
            None => false,
            Some(qops)
                if qops
                    .split(',')
                    .any(|qop| qop.trim().eq_ignore_ascii_case("auth")) =>
            {
                true
            }
            Some(qops) => {
                return Err(format!(
                    "it offers qop {qops:?}, without \"auth\", the only one supported"
                ))
            }
        };
        if algorithm.session && !qop {
            // Only a qop brings the client nonce that the session key needs.
            return Err(format!(
                "algorithm {} comes without a qop",
                algorithm.name()
            ));
        }
        let required = |name: &str| {
            challenge
                .param(name)
                .map(str::to_owned)
                .ok_or_else(|| format!("it has no {name}"))
        };
        Ok(Self {
            realm: required("realm")?,
            nonce: required("nonce")?,
            opaque: challenge.param("opaque").map(str::to_owned),
            algorithm,
            qop,
        })
    }

    /// The `Authorization` value for request number `count` on this nonce, as RFC 7616
    /// section 3.4 computes it (RFC 2069's form without a `cnonce`, which comes with `qop`).
    fn response(
        &self,
        credentials: &Credentials,
        method: &str,
        uri: &str,
        count: u32,
        cnonce: Option<&str>,
    ) -> String {
        let Self {
            realm,
            nonce,
            opaque,
            algorithm,
            ..
        } = self;
        let Credentials { user, password, .. } = credentials;
        let hash = |text: String| algorithm.hash.hex(&text);
        let mut ha1 = hash(format!("{user}:{realm}:{password}"));
        if let (true, Some(cnonce)) = (algorithm.session, cnonce) {
            ha1 = hash(format!("{ha1}:{nonce}:{cnonce}"));
        }
        let ha2 = hash(format!("{method}:{uri}"));
        let nc = format!("{count:08x}");
        let response = match cnonce {
            Some(cnonce) => hash(format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")),
            None => hash(format!("{ha1}:{nonce}:{ha2}")),
        };
        let mut value = format!(
            "Digest username={}, realm={}, uri={}, algorithm={}, nonce={}",
            quote(user),
            quote(realm),
            quote(uri),
            algorithm.name(),
            quote(nonce)
        );
        // Writing to a String cannot fail.
        if let Some(cnonce) = cnonce {
            let _ = write!(value, ", nc={nc}, cnonce={}, qop=auth", quote(cnonce));
        }
        let _ = write!(value, ", response=\"{response}\"");
        if let Some(opaque) = opaque {
            let _ = write!(value, ", opaque={}", quote(opaque));
        }
        value
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Algorithm {
    hash: Hash,
    /// A `-sess` variant: the hash of the credentials is hashed again with both nonces.
    session: bool,
}

impl Algorithm {
    fn named(name: &str) -> Option<Self> {
        let (hash, session) = match name.len().checked_sub("-sess".len()) {
            Some(end)
                if name.is_char_boundary(end) && name[end..].eq_ignore_ascii_case("-sess") =>
            {
                (&name[..end], true)
            }
            _ => (name, false),
        };
        let hash = if hash.eq_ignore_ascii_case("MD5") {
            Hash::Md5
        } else if hash.eq_ignore_ascii_case("SHA-256") {
            Hash::Sha256
        } else {
            return None;
        };
        Some(Self { hash, session })
    }

    fn name(self) -> &'static str {
        match (self.hash, self.session) {
            (Hash::Md5, false) => "MD5",
            (Hash::Md5, true) => "MD5-sess",
            (Hash::Sha256, false) => "SHA-256",
            (Hash::Sha256, true) => "SHA-256-sess",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hash {
    Md5,
    Sha256,
}

impl Hash {
    /// The digest of `text`, in lower-case hexadecimal as Digest writes it.
    fn hex(self, text: &str) -> String {
        match self {
            Hash::Md5 => hex(&Md5::digest(text)),
            Hash::Sha256 => hex(&Sha256::digest(text)),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(2 * bytes.len()), |mut hex, byte| {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// A quoted-string: what the endpoint sent (realm, nonce, opaque) may hold quotes.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// One challenge of a `WWW-Authenticate` value: its scheme and its parameters, with names in
/// lower case and values unquoted. A token68 (`Negotiate abc==`) is skipped: neither Basic nor
/// Digest has one.
#[derive(Debug, PartialEq)]
struct Challenge {
    scheme: String,
    params: Vec<(String, String)>,
}

impl Challenge {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(param, _)| param == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The challenges of one `WWW-Authenticate` value (RFC 9110 section 11.6.1), or none if it
/// cannot be read. Commas separate both challenges and their parameters: a new challenge
/// starts where a token is not followed by `=`.
fn parse_challenges(value: &str) -> Option<Vec<Challenge>> {
    let mut cursor = Cursor { text: value, at: 0 };
    let mut challenges = Vec::new();
    loop {
        cursor.skip(|byte| matches!(byte, b' ' | b'\t' | b','));
        if cursor.peek().is_none() {
            return Some(challenges);
        }
        let scheme = cursor.word()?.to_owned();
        let mut params = Vec::new();
        let mut first = true;
        loop {
            let start = cursor.at;
            cursor.skip_spaces();
            let Some(name) = cursor.word() else {
                break;
            };
            cursor.skip_spaces();
            if cursor.peek() != Some(b'=') {
                if !first {
                    // The next challenge's scheme.
                    cursor.at = start;
                }
                // Else a token68 without padding.
                break;
            }
            cursor.at += 1;
            cursor.skip_spaces();
            match cursor.peek() {
                // A token68's padding.
                None | Some(b',' | b'=') if first => {
                    cursor.skip(|byte| byte == b'=');
                    break;
                }
                None | Some(b',' | b'=') => return None,
                Some(b'"') => {
                    let value = cursor.quoted()?;
                    params.push((name.to_ascii_lowercase(), value));
                }
                Some(_) => {
                    let value = cursor.word()?.to_owned();
                    params.push((name.to_ascii_lowercase(), value));
                }
            }
            first = false;
            cursor.skip_spaces();
            match cursor.peek() {
                None => break,
                Some(b',') => cursor.skip(|byte| matches!(byte, b' ' | b'\t' | b',')),
                Some(_) => return None,
            }
        }
        challenges.push(Challenge { scheme, params });
    }
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip(&mut self, skipped: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&skipped) {
            self.at += 1;
        }
    }

    fn skip_spaces(&mut self) {
        self.skip(|byte| matches!(byte, b' ' | b'\t'));
    }

    /// A token, or a token68 without its padding (which may hold a `/`); none if there is
    /// neither here.
    fn word(&mut self) -> Option<&'a str> {
        let start = self.at;
        self.skip(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/".contains(&byte));
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// A quoted-string starting here, unquoted; none if it does not end.
    fn quoted(&mut self) -> Option<String> {
        let body = &self.text[self.at + 1..];
        let mut value = String::new();
        let mut chars = body.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += 1 + at + 1;
                    return Some(value);
                }
                '\\' => value.push(chars.next()?.1),
                c => value.push(c),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials(user: &str, password: &str) -> Credentials {
        Credentials::checked(user.to_owned(), password.to_owned(), Origin::Environment).unwrap()
    }

    fn auth(user: &str, password: &str, cnonce: fn() -> String) -> Auth {
        let mut auth = Auth::new(credentials(user, password));
        auth.cnonce = cnonce;
        auth
    }

    /// The parameters of an `Authorization` value, read as a challenge would be.
    fn params(authorization: &Authorization) -> Challenge {
        let mut challenges = parse_challenges(authorization.value()).unwrap();
        assert_eq!(challenges.len(), 1, "{}", authorization.value());
        challenges.remove(0)
    }

    fn rfc7616(algorithm: &str) -> String {
        format!(
            concat!(
                r#"Digest realm="http-auth@example.org", qop="auth, auth-int", "#,
                r#"algorithm={}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "#,
                r#"opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
            ),
            algorithm
        )
    }

    fn rfc7616_cnonce() -> String {
        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ".to_owned()
    }

    fn rfc7616_response(algorithm: &str) -> String {
        let auth = auth("Mufasa", "Circle of Life", rfc7616_cnonce);
        let answer = auth
            .answer("GET", "/dir/index.html", None, &[&rfc7616(algorithm)])
            .unwrap();
        let params = params(&answer);
        assert_eq!(params.scheme, "Digest");
        assert_eq!(params.param("username"), Some("Mufasa"));
        assert_eq!(params.param("realm"), Some("http-auth@example.org"));
        assert_eq!(params.param("uri"), Some("/dir/index.html"));
        assert_eq!(params.param("algorithm"), Some(algorithm));
        assert_eq!(params.param("nc"), Some("00000001"));
        assert_eq!(params.param("qop"), Some("auth"));
        assert_eq!(
            params.param("cnonce"),
            Some("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        );
        assert_eq!(
            params.param("opaque"),
            Some("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
        );
        params.param("response").unwrap().to_owned()
    }

    #[test]
    fn rfc7616_example_with_md5() {
        assert_eq!(rfc7616_response("MD5"), "8ca523f5e9506fed4657c9700eebdbec");
    }

    #[test]
    fn rfc7616_example_with_sha256() {
        assert_eq!(
            rfc7616_response("SHA-256"),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    #[test]
    fn session_algorithms_hash_the_credentials_with_both_nonces() {
        // Computed with Python's hashlib from RFC 7616's formula for A1 with -sess.
        assert_eq!(
            rfc7616_response("MD5-sess"),
            "e783283f46242139c486a698fec7211d"
        );
        assert_eq!(
            rfc7616_response("SHA-256-sess"),
            "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"
        );
    }

    #[test]
    fn session_algorithms_keep_one_cnonce_per_nonce() {
        fn counting() -> String {
            static N: AtomicU64 = AtomicU64::new(0);
            N.fetch_add(1, Ordering::Relaxed).to_string()
        }
        let auth = auth("u", "p", counting);
        let first = auth
            .answer("GET", "/", None, &[&rfc7616("SHA-256-sess")])
            .unwrap();
        let second = auth.header("GET", "/").unwrap();
        assert_eq!(
            params(&first).param("cnonce"),
            params(&second).param("cnonce")
        );
    }

    #[test]
    fn rfc2617_example() {
        let auth = auth("Mufasa", "Circle Of Life", || "0a4f113b".to_owned());
        let challenge = concat!(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", "#,
            r#"nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", "#,
            r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#
        );
        let answer = auth
            .answer("GET", "/dir/index.html", None, &[challenge])
            .unwrap();
        let params = params(&answer);
        assert_eq!(
            params.param("response"),
            Some("6629fae49393a05397450978507c4ef1")
        );
        assert_eq!(params.param("algorithm"), Some("MD5"));
        assert_eq!(params.param("cnonce"), Some("0a4f113b"));
    }

    #[test]
    fn without_qop_the_response_takes_rfc2069s_form() {
        let auth = auth("Mufasa", "Circle Of Life", || unreachable!());
        let challenge = concat!(
            r#"Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", "#,
            r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#
        );
        let answer = auth
            .answer("GET", "/dir/index.html", None, &[challenge])
            .unwrap();
        let params = params(&answer);
        // Computed with Python's hashlib: MD5(HA1:nonce:HA2).
        assert_eq!(
            params.param("response"),
            Some("670fd8c2df070c60b045671b8b24ff02")
        );
        assert_eq!(params.param("nc"), None);
        assert_eq!(params.param("cnonce"), None);
        assert_eq!(params.param("qop"), None);
    }

    #[test]
    fn basic_header_is_the_rfc7617_example() {
        let auth = auth("Aladdin", "open sesame", random_cnonce);
        let answer = auth
            .answer("GET", "/", None, &[r#"Basic realm="WallyWorld""#])
            .unwrap();
        assert_eq!(answer.value(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    #[test]
    fn nothing_is_sent_before_the_endpoint_asks_and_everything_after() {
        let auth = auth("Aladdin", "open sesame", random_cnonce);
        assert!(auth.header("GET", "/").is_none());
        auth.answer("GET", "/", None, &["Basic realm=\"r\""])
            .unwrap();
        assert_eq!(
            auth.header("POST", "/update").unwrap().value(),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }

    #[test]
    fn several_challenges_in_one_header() {
        let value = concat!(
            r#"Newauth realm="apps", type=1, title="Login to \"apps\"", "#,
            r#"Basic realm="simple, or not", "#,
            r#"Digest realm="x\"y, z", nonce="n,1", qop="auth,auth-int", algorithm=MD5, "#,
            r#"opaque="o", stale=FALSE"#
        );
        let challenges = parse_challenges(value).unwrap();
        let schemes: Vec<&str> = challenges.iter().map(|c| c.scheme.as_str()).collect();
        assert_eq!(schemes, ["Newauth", "Basic", "Digest"]);
        assert_eq!(challenges[0].param("title"), Some(r#"Login to "apps""#));
        assert_eq!(challenges[1].param("realm"), Some("simple, or not"));
        let digest = &challenges[2];
        assert_eq!(digest.param("realm"), Some(r#"x"y, z"#));
        assert_eq!(digest.param("nonce"), Some("n,1"));
        assert_eq!(digest.param("qop"), Some("auth,auth-int"));
        assert_eq!(digest.param("stale"), Some("FALSE"));

        // Digest is chosen over Basic, and what the endpoint sent is quoted back as it was.
        let auth = auth("u", "p", || "c".to_owned());
        let answer = auth.answer("GET", "/", None, &[value]).unwrap();
        assert!(answer.value().starts_with("Digest "), "{}", answer.value());
        assert!(
            answer.value().contains(r#"realm="x\"y, z""#),
            "{}",
            answer.value()
        );
        assert_eq!(params(&answer).param("nonce"), Some("n,1"));
    }

    #[test]
    fn challenges_spread_over_headers_and_token68s() {
        let challenges = parse_challenges("Negotiate abc/d+e==, Basic realm=r").unwrap();
        assert_eq!(
            challenges,
            [
                Challenge {
                    scheme: "Negotiate".into(),
                    params: vec![],
                },
                Challenge {
                    scheme: "Basic".into(),
                    params: vec![("realm".into(), "r".into())],
                },
            ]
        );
        assert_eq!(parse_challenges("Bearer, Basic").unwrap().len(), 2);
        assert!(parse_challenges(r#"Digest realm="unterminated"#).is_none());
        assert!(parse_challenges("Digest realm=a b=c").is_none());

        // An unreadable value does not hide a good one in another header.
        let auth = auth("u", "p", random_cnonce);
        let answer = auth
            .answer("GET", "/", None, &["Weird =", "Basic realm=r"])
            .unwrap();
        assert!(answer.value().starts_with("Basic "));
    }

    #[test]
    fn virtuoso_quotes_every_value() {
        let value = concat!(
            r#"Digest realm="SPARQL", domain="/sparql-auth", nonce="3b5d7e2c1f", "#,
            r#"opaque="5ebe2294ecd0e0f08eab7690d2a6ee69", stale="false", qop="auth", "#,
            r#"algorithm="MD5""#
        );
        let auth = auth("dba", "dba", || "c".to_owned());
        let answer = auth.answer("POST", "/sparql-auth", None, &[value]).unwrap();
        let params = params(&answer);
        assert_eq!(params.param("algorithm"), Some("MD5"));
        assert_eq!(params.param("qop"), Some("auth"));
        assert_eq!(params.param("nonce"), Some("3b5d7e2c1f"));
    }

    #[test]
    fn the_nonce_count_goes_up_with_each_request() {
        let auth = auth("u", "p", || "c".to_owned());
        let nc =
            |authorization: Authorization| params(&authorization).param("nc").unwrap().to_owned();
        assert_eq!(
            nc(auth.answer("GET", "/", None, &[&rfc7616("MD5")]).unwrap()),
            "00000001"
        );
        assert_eq!(nc(auth.header("GET", "/").unwrap()), "00000002");
        assert_eq!(nc(auth.header("GET", "/").unwrap()), "00000003");
        // A request sent before another thread took up the same challenge goes on counting.
        assert_eq!(
            nc(auth.answer("GET", "/", None, &[&rfc7616("MD5")]).unwrap()),
            "00000004"
        );
        // A new nonce starts again.
        let fresh = rfc7616("MD5").replace("7ypf", "8ypf");
        assert_eq!(
            nc(auth.answer("GET", "/", None, &[&fresh]).unwrap()),
            "00000001"
        );
    }

    #[test]
    fn a_stale_nonce_is_retried_and_a_refusal_is_not() {
        let challenge = |nonce: &str, stale: bool| {
            format!(r#"Digest realm="r", nonce="{nonce}", qop="auth", stale={stale}"#)
        };
        let auth = auth("Mufasa", "wrong", || "c".to_owned());
        let first = auth
            .answer("GET", "/", None, &[&challenge("n1", false)])
            .unwrap();
        // The nonce expired: the same credentials go again with the new one.
        let second = auth
            .answer("GET", "/", Some(&first), &[&challenge("n2", true)])
            .unwrap();
        assert_eq!(params(&second).param("nonce"), Some("n2"));
        assert_eq!(params(&second).param("nc"), Some("00000001"));
        // A 401 that does not call the nonce stale refuses the credentials, new nonce or not.
        for nonce in ["n2", "n3"] {
            let error = auth
                .answer("GET", "/", Some(&second), &[&challenge(nonce, false)])
                .unwrap_err();
            assert!(
                matches!(&error, AuthError::Rejected { user, .. } if user == "Mufasa"),
                "{error:?}"
            );
            assert_eq!(
                error.to_string(),
                "the endpoint rejected user \"Mufasa\" (from CLAIMGRAPH_USER and \
                 CLAIMGRAPH_PASSWORD): check the user name and password"
            );
        }
        // A nonce declared stale as soon as it is handed out would loop.
        let error = auth
            .answer("GET", "/", Some(&second), &[&challenge("n2", true)])
            .unwrap_err();
        assert!(matches!(error, AuthError::StaleNonce), "{error:?}");
        // However the endpoint changes its mind, one request is answered a bounded number of
        // times.
        let third = auth
            .answer("GET", "/", Some(&second), &[&challenge("n3", true)])
            .unwrap();
        let error = auth
            .answer("GET", "/", Some(&third), &[&challenge("n4", true)])
            .unwrap_err();
        assert!(matches!(error, AuthError::StaleNonce), "{error:?}");
    }

    #[test]
    fn basic_is_refused_on_a_second_401() {
        let auth = auth("u", "p", random_cnonce);
        let first = auth.answer("GET", "/", None, &["Basic realm=r"]).unwrap();
        let error = auth
            .answer("GET", "/", Some(&first), &["Basic realm=r"])
            .unwrap_err();
        assert!(matches!(error, AuthError::Rejected { .. }), "{error:?}");
        // But a switch to Digest is followed.
        let digest = auth
            .answer(
                "GET",
                "/",
                Some(&first),
                &[r#"Digest realm="r", nonce="n""#],
            )
            .unwrap();
        assert!(digest.value().starts_with("Digest "));
    }

    #[test]
    fn what_cannot_be_answered_is_named() {
        let auth = auth("u", "p", random_cnonce);
        let error = |values: &[&str]| {
            auth.answer("GET", "/", None, values)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error(&["Negotiate", "Bearer realm=\"api\""]),
            "the endpoint asks for Negotiate, Bearer authentication, which claimgraph does not \
             support (it supports Basic and Digest)"
        );
        assert!(
            error(&[r#"Digest realm="r", nonce="n", algorithm=SHA-512-256"#])
                .contains(r#"algorithm "SHA-512-256" is not supported"#)
        );
        assert!(error(&[r#"Digest realm="r", nonce="n", userhash=true"#]).contains("userhash"));
        assert!(error(&[r#"Digest realm="r", nonce="n", qop="auth-int""#])
            .contains(r#"qop "auth-int""#));
        assert!(
            error(&[r#"Digest realm="r", nonce="n", algorithm=MD5-sess"#])
                .contains("MD5-sess comes without a qop")
        );
        assert!(error(&[r#"Digest realm="r""#]).ends_with("it has no nonce"));
        assert_eq!(
            error(&[]),
            "the endpoint answered 401 Unauthorized without a WWW-Authenticate challenge that \
             can be read"
        );
        // Basic is the fallback when Digest's parameters cannot be answered.
        assert!(auth
            .answer(
                "GET",
                "/",
                None,
                &[r#"Digest realm="r", nonce="n", algorithm=SHA-512-256, Basic realm="r""#]
            )
            .unwrap()
            .value()
            .starts_with("Basic "));
    }

    #[test]
    fn algorithm_names() {
        for name in ["MD5", "md5", "MD5-sess", "SHA-256", "sha-256-SESS"] {
            let algorithm = Algorithm::named(name).unwrap();
            assert!(algorithm.name().eq_ignore_ascii_case(name));
        }
        for name in ["SHA-512-256", "-sess", "", "MD5-ses", "é-sess"] {
            assert!(Algorithm::named(name).is_none(), "{name}");
        }
    }

    const NETRC: &str = "\
# Work endpoints
machine sparql.example.org login alice password secret1
machine OTHER.example.org
    login bob # bob's account
    password \"two words\\\"quoted\" account unused

macdef init
machine macro.example.org login mallory password nope
cd /pub

machine after.example.org login carol password #notacomment
default login anon password guest
";

    fn from_netrc(host: &str, text: &str) -> Result<Option<Credentials>, AuthError> {
        Credentials::from_netrc(host, PathBuf::from("/home/u/.netrc"), text)
    }

    fn user_and_password(credentials: Option<Credentials>) -> Option<(String, String)> {
        credentials.map(|credentials| (credentials.user, credentials.password))
    }

    #[test]
    fn netrc_entries_by_machine_then_default() {
        let found = |host| user_and_password(from_netrc(host, NETRC).unwrap());
        let pair = |user: &str, password: &str| Some((user.to_owned(), password.to_owned()));
        assert_eq!(found("sparql.example.org"), pair("alice", "secret1"));
        assert_eq!(found("other.example.org"), pair("bob", "two words\"quoted"));
        assert_eq!(found("after.example.org"), pair("carol", "#notacomment"));
        // The macro's body is not read as entries.
        assert_eq!(found("macro.example.org"), pair("anon", "guest"));
        assert_eq!(found("elsewhere.example.org"), pair("anon", "guest"));
        let without_default = NETRC.replace("default login anon password guest", "");
        assert!(from_netrc("elsewhere.example.org", &without_default)
            .unwrap()
            .is_none());
        assert!(from_netrc("sparql.example.org", "").unwrap().is_none());
        assert_eq!(
            user_and_password(from_netrc("[::1]", "machine ::1 login a password b\r\n").unwrap()),
            pair("a", "b")
        );
    }

    #[test]
    fn netrc_errors_name_the_file_and_line() {
        let error = |text: &str| from_netrc("h", text).unwrap_err().to_string();
        assert_eq!(
            error("machine h login a\n\n  password open sesame\n"),
            "netrc file /home/u/.netrc, line 3: unknown keyword \"sesame\" (netrc knows \
             machine, default, login, password, account and macdef; a value with spaces needs \
             double quotes)"
        );
        assert_eq!(
            error("# comment\nlogin a"),
            "netrc file /home/u/.netrc, line 2: `login` comes before any `machine` or `default`"
        );
        assert_eq!(
            error("machine h\nlogin"),
            "netrc file /home/u/.netrc, line 2: `login` needs a value"
        );
        assert_eq!(
            error("machine h\n login \"a\n\""),
            "netrc file /home/u/.netrc, line 2: a quoted value has no closing quote"
        );
        assert_eq!(
            error("machine x login a password b\n\nmachine h\n login a"),
            "netrc file /home/u/.netrc, line 3: the entry for machine h has no password"
        );
        assert_eq!(
            error("default password b"),
            "netrc file /home/u/.netrc, line 1: the default entry has no login"
        );
        // An error elsewhere in the file counts even when the entry wanted is fine: the file
        // would not be read as written.
        assert!(from_netrc("h", "machine h login a password b\nport 8080").is_err());
    }

    #[test]
    fn a_missing_netrc_file_is_no_credentials() {
        let dir = std::env::temp_dir().join(format!("claimgraph-auth-{}", random_cnonce()));
        assert!(read_netrc(&dir.join(".netrc")).unwrap().is_none());
        std::fs::create_dir(&dir).unwrap();
        let path = dir.join(".netrc");
        std::fs::write(&path, "default login a password b").unwrap();
        let text = read_netrc(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(text.as_deref(), Some("default login a password b"));
        // A directory where the file should be is an error, not silence.
        assert!(matches!(
            read_netrc(&std::env::temp_dir()),
            Err(AuthError::ReadNetrc { .. })
        ));
    }

    #[test]
    fn the_netrc_file_is_netrc_else_home() {
        assert_eq!(
            netrc_path(Some("/etc/n".into()), Some("/home/u".into())),
            Some(PathBuf::from("/etc/n"))
        );
        assert_eq!(
            netrc_path(Some("".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.netrc"))
        );
        assert_eq!(netrc_path(None, None), None);
    }

    fn resolve(
        user: Option<&str>,
        password: Option<&str>,
        netrc: Option<&str>,
    ) -> Result<Option<Credentials>, AuthError> {
        Credentials::resolve(
            "h",
            user.map(str::to_owned),
            password.map(str::to_owned),
            || Ok(netrc.map(|text| (PathBuf::from("/n"), text.to_owned()))),
        )
    }

    #[test]
    fn the_environment_comes_before_netrc() {
        let netrc = Some("machine h login n password np");
        let credentials = resolve(Some("e"), Some("ep"), netrc).unwrap().unwrap();
        assert_eq!(
            (credentials.user.as_str(), credentials.password.as_str()),
            ("e", "ep")
        );
        assert!(matches!(credentials.origin, Origin::Environment));
        let credentials = resolve(None, None, netrc).unwrap().unwrap();
        assert_eq!(
            (credentials.user.as_str(), credentials.password.as_str()),
            ("n", "np")
        );
        assert!(matches!(&credentials.origin, Origin::Netrc(path) if path == Path::new("/n")));
        assert!(resolve(None, None, None).unwrap().is_none());
        // With the environment set, a netrc file is never read, nor can it fail.
        let credentials = Credentials::resolve("h", Some("e".into()), Some("ep".into()), || {
            panic!("netrc read")
        });
        assert!(credentials.unwrap().is_some());
    }

    #[test]
    fn half_the_environment_is_an_error() {
        let error = resolve(Some("e"), None, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "CLAIMGRAPH_USER is set but CLAIMGRAPH_PASSWORD is not: set both, or neither to use \
             a netrc file"
        );
        let error = resolve(None, Some("ep"), None).unwrap_err();
        assert!(
            matches!(
                error,
                AuthError::HalfSet {
                    set: "CLAIMGRAPH_PASSWORD",
                    missing: "CLAIMGRAPH_USER"
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn a_user_name_that_would_break_the_header_is_refused() {
        for user in ["a:b", "a\r\nX-Injected: 1"] {
            let error = resolve(Some(user), Some("p"), None).unwrap_err();
            assert!(matches!(error, AuthError::BadUser { .. }), "{error:?}");
        }
        let error = from_netrc("h", "machine h login \"a\\nb\" password p").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("the user name from netrc file /home/u/.netrc"),
            "{error}"
        );
    }

    #[test]
    fn the_password_never_shows_in_debug() {
        let password = "open sesame";
        let auth = auth("Aladdin", password, random_cnonce);
        let basic = auth.answer("GET", "/", None, &["Basic realm=r"]).unwrap();
        let error = auth
            .answer("GET", "/", Some(&basic), &["Basic realm=r"])
            .unwrap_err();
        let shown = format!(
            "{:?} {auth:?} {basic:?} {error:?} {error}",
            credentials("Aladdin", password)
        );
        assert!(shown.contains("Aladdin"), "{shown}");
        assert!(!shown.contains(password), "{shown}");
        assert!(!shown.contains("QWxhZGRpbjpvcGVuIHNlc2FtZQ"), "{shown}");
    }

    #[test]
    fn auth_is_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Auth>();

        let auth = auth("u", "p", random_cnonce);
        auth.answer("GET", "/", None, &[&rfc7616("SHA-256")])
            .unwrap();
        let counts: Vec<String> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| auth.header("GET", "/").unwrap()))
                .collect();
            threads
                .into_iter()
                .map(|thread| {
                    params(&thread.join().unwrap())
                        .param("nc")
                        .unwrap()
                        .to_owned()
                })
                .collect()
        });
        let mut counts = counts;
        counts.sort();
        let expected: Vec<String> = (2..10).map(|n| format!("{n:08x}")).collect();
        assert_eq!(counts, expected);
    }

    #[test]
    fn client_nonces_differ() {
        assert_ne!(random_cnonce(), random_cnonce());
        assert_eq!(random_cnonce().len(), 32);
    }
}
