//! Data computed from an on-disk store, kept in a file beside it for as long as the store is
//! unchanged: the argument graph that every graph command would otherwise read afresh, quad by
//! quad, although nothing changed since the last command.
//!
//! A kept file is only ever an answer the store would give again. Its header names the state of
//! the store it was computed from, and a reader that finds another state ignores it:
//!
//! - **The state of a store is its files as RocksDB left them**: the name and size of each
//!   table, write-ahead log and manifest (everything in the directory but RocksDB's own info
//!   log and lock, claimgraph's lock and kept files). Every write appends to a log or a
//!   manifest or adds a table under a new number, so no write leaves the list as it was,
//!   whoever makes it: an older claimgraph, another Oxigraph program, a restored backup. Files
//!   moved about without a change of content (a compaction) only cost a re-read.
//! - **A writer records what it changed**, and nothing else. When it opens the store it takes
//!   the state that kept content names (the store's own state, or the state the changes already
//!   recorded start from), and as it writes it notes the resources its quads name (subjects and
//!   objects, not literals). When it closes, after RocksDB, still holding the lock, it writes
//!   the `changes` file: the state it started from and those resources, for the state it left.
//!   A reader that finds content kept for that earlier state may bring it up to date by reading
//!   the store around those resources only. A writer killed at any point writes no `changes`
//!   file, so its change is read afresh. A writer that cannot say what it changed (an update,
//!   a drop, a change of the class hierarchy, more than [`MOST_TOUCHED`] resources) records
//!   that nothing can be patched.
//! - **Kept content of another state is never read as current**: it only ever serves as the
//!   start of a patch named by a `changes` file that is current.
//! - **What was computed, and by which code**, is the caller's `key`: data kept by another
//!   version of the code that computes it is ignored.
//! - **The content is checked against its length and CRC-32** in the header, so a file cut
//!   short or damaged is ignored, never decoded. The check is against accidents (a full disk,
//!   a crash, flipped bits): the length catches every cut, the CRC every burst of up to 32
//!   bits and other damage but for one chance in four billion, at a small part of the time of
//!   a cryptographic digest (SHA-256 over a million claims' graph took a third of a second of
//!   every graph command). Whoever may write into the store's directory can change the store
//!   itself, so a digest would guard nothing more.
//! - **A file is written under a name of its own and renamed into place**, which is atomic, and
//!   only when the store's state is the same after the computation as before it, so that two
//!   readers computing at once, or a writer's own compaction meanwhile, never leave a file that
//!   names one state and holds another.
//! - **A writer's open deletes the kept files it will not start from**: the `changes` file
//!   (rewritten at its close) and content of any state but the one it starts from.
//!
//! Keeping is best effort: a store on a read-only medium simply keeps nothing.

use oxigraph::model::vocab::rdfs;
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The start of every kept file.
const MAGIC: &[u8; 16] = b"claimgraph kept2";

/// Kept files are named `claimgraph-kept-<name>`; files being written end with `.tmp-<pid>`.
const PREFIX: &str = "claimgraph-kept-";

/// Files in a store directory that say nothing of its content.
fn is_state(name: &str) -> bool {
    !(name == "LOG"
        || name.starts_with("LOG.old")
        || name == "LOCK"
        || name == super::LOCK_FILE
        || name.starts_with(PREFIX))
}

/// The state of the store in `dir`, as a digest of its files' names and sizes.
pub(super) fn state(dir: &Path) -> io::Result<[u8; 32]> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_state(&name) {
            files.push((name, entry.metadata()?.len()));
        }
    }
    files.sort_unstable();
    let mut digest = Sha256::new();
    for (name, size) in files {
        digest.update(name.as_bytes());
        digest.update([0]);
        digest.update(size.to_le_bytes());
    }
    Ok(digest.finalize().into())
}

fn path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{PREFIX}{name}"))
}

/// The content kept under `name` for `key`, when it was computed from the store in `dir` as it
/// is now. `None` when there is none, or it is stale, damaged or another code's.
pub(super) fn read(dir: &Path, name: &str, key: &[u8]) -> Option<Kept> {
    read_at(dir, name, key, state(dir).ok()?)
}

/// The content kept under `name` for `key`, when it was computed from the store in the state
/// `at`.
fn read_at(dir: &Path, name: &str, key: &[u8], at: [u8; 32]) -> Option<Kept> {
    // The header first: a file kept for another state or code is not read further.
    let (file, bytes) = start_of(&path(dir, name))?;
    let header = Header::parse(&bytes)?;
    if header.state != at || header.key != key {
        return None;
    }
    let (start, check) = (header.len, header.check);
    let total = start.checked_add(usize::try_from(header.length).ok()?)?;
    if file.metadata().ok()?.len() != total as u64 {
        return None;
    }
    // SAFETY: kept files are written whole under a temporary name and renamed into place, and
    // never written again, so the mapped file does not change under the map (a file renamed
    // over it or deleted leaves this one whole; only cutting it in place by hand would not).
    let bytes = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    if bytes.len() != total || crc32fast::hash(&bytes[start..]) != check {
        return None;
    }
    Some(Kept { bytes, start })
}

/// Bytes read to find a kept file's header: more than any header with a key of its callers.
const HEADER_ROOM: usize = 4096;

/// A kept file's content, mapped whole; its header stays in front rather than be copied away.
pub struct Kept {
    bytes: memmap2::Mmap,
    start: usize,
}

impl std::ops::Deref for Kept {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// Keeps `content` under `name` for `key`, as computed from the store in `dir` in the state
/// `before`. Keeps nothing, and says nothing, when the store has changed since or the file
/// cannot be written: a reader will compute it again.
pub(super) fn write(dir: &Path, name: &str, key: &[u8], before: [u8; 32], content: &[u8]) {
    let _ = try_write(dir, name, key, before, content);
}

fn try_write(
    dir: &Path,
    name: &str,
    key: &[u8],
    before: [u8; 32],
    content: &[u8],
) -> io::Result<()> {
    let target = path(dir, name);
    let temporary = dir.join(format!("{PREFIX}{name}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(MAGIC)?;
        file.write_all(&before)?;
        file.write_all(&(key.len() as u32).to_le_bytes())?;
        file.write_all(key)?;
        file.write_all(&crc32fast::hash(content).to_le_bytes())?;
        file.write_all(&(content.len() as u64).to_le_bytes())?;
        // Not synced to disk: after a crash a file cut or never written fails its length or
        // CRC check and is computed again, and waiting for the disk cost the first reader after
        // a write at a million claims a tenth of its time.
        file.write_all(content)
    })();
    if written.is_ok() && state(dir)? == before {
        fs::rename(&temporary, &target)?;
        return Ok(());
    }
    fs::remove_file(&temporary)?;
    written
}

/// The record of what writers changed since kept content was computed.
const CHANGES: &str = "changes";

/// What a `changes` file holds, and in which layout: the state its changes start from, then a
/// `u32` count of resources, each a tag (bit 0 an IRI rather than a blank node, bit 1 named as
/// a subject), a `u32` length and UTF-8.
const CHANGES_KEY: &[u8] = b"changed resources, v1";

/// Beyond this many resources named by writes since kept content was computed, the changes are
/// not recorded: holding them would cost a writer more memory than reading the store afresh
/// costs a reader time (a patch looks each one up, a whole reading scans; the reader weighs
/// the two for the store it reads).
pub(super) const MOST_TOUCHED: usize = 500_000;

/// The resources that writes name: the subjects and objects of the quads they add or remove,
/// which are all a reader of kept content need look at again; each with whether it was named
/// as a subject, which is when what it says of itself changed.
#[derive(Default)]
pub struct Touched {
    nodes: HashMap<NamedOrBlankNode, bool>,
    /// Whether the change cannot be patched: too many resources, or the class hierarchy
    /// changed, on which every reading depends.
    whole: bool,
}

impl Touched {
    /// Notes what `quads` name.
    pub fn quads<'a>(&mut self, quads: impl IntoIterator<Item = &'a Quad>) {
        for quad in quads {
            if self.whole {
                return;
            }
            if quad.predicate == rdfs::SUB_CLASS_OF {
                self.whole = true;
            }
            self.node(&quad.subject, true);
            match &quad.object {
                Term::NamedNode(node) => self.node(&node.clone().into(), false),
                Term::BlankNode(node) => self.node(&node.clone().into(), false),
                _ => {}
            }
        }
    }

    /// Notes what the quads a write removes name: as [`quads`](Self::quads), but looking at no
    /// more of them than a change that can be patched names resources, so that replacing a
    /// large graph does not read it all for nothing.
    pub(super) fn removed<E>(
        &mut self,
        quads: impl Iterator<Item = Result<Quad, E>>,
    ) -> Result<(), E> {
        for (seen, quad) in quads.enumerate() {
            if self.whole || seen >= MOST_TOUCHED {
                self.whole = true;
                break;
            }
            self.quads([&quad?]);
        }
        Ok(())
    }

    /// Notes one resource, named as a subject or not.
    pub(super) fn node(&mut self, node: &NamedOrBlankNode, subject: bool) {
        if self.whole {
            return;
        }
        match self.nodes.get_mut(node) {
            Some(named) => *named |= subject,
            None => {
                self.nodes.insert(node.clone(), subject);
                self.whole = self.nodes.len() > MOST_TOUCHED;
            }
        }
    }

    fn merge(&mut self, other: Touched) {
        self.whole |= other.whole;
        for (node, subject) in &other.nodes {
            self.node(node, *subject);
        }
    }

    /// Each resource, with whether it was named as a subject; `None` when the change cannot
    /// be patched.
    pub fn into_nodes(self) -> Option<Vec<(NamedOrBlankNode, bool)>> {
        (!self.whole).then(|| self.nodes.into_iter().collect())
    }
}

type Since = ([u8; 32], Touched);

/// What the writes through one handle changed, since the state kept content names; written
/// beside the store when the handle is dropped, after RocksDB (see the module's notes).
pub(super) struct Changes {
    dir: Option<PathBuf>,
    /// The state the changes start from and what they touched; `None` once they cannot be
    /// patched. Boxed, as every store handle carries one.
    since: Mutex<Option<Box<Since>>>,
}

impl Changes {
    /// No record: a store in memory, on an engine or only read.
    pub(super) fn none() -> Self {
        Self {
            dir: None,
            since: Mutex::new(None),
        }
    }

    /// Starts the record of a writer of the store in `dir`, before it opens RocksDB: from the
    /// state of content kept for the store as it is, else from where the changes recorded
    /// since kept content start; no record when no content is kept for that state. Deletes the
    /// kept files it will not start from.
    #[cfg(any(feature = "rocksdb", test))]
    pub(super) fn open(dir: &Path) -> io::Result<Self> {
        let now = state(dir)?;
        let recorded = read(dir, CHANGES, CHANGES_KEY).and_then(|c| decode_changes(&c));
        let mut kept = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(name) = name.strip_prefix(PREFIX) {
                if name != CHANGES && !name.contains(".tmp-") {
                    kept.push((entry.path(), header_state(&entry.path())));
                }
            }
        }
        let since = match recorded {
            Some(recorded) if !kept.iter().any(|(_, at)| *at == Some(now)) => recorded,
            _ => (now, Touched::default()),
        };
        let mut kept_since = false;
        for (file, at) in kept {
            if at == Some(since.0) {
                kept_since = true;
            } else {
                remove(&file)?;
            }
        }
        remove(&path(dir, CHANGES))?;
        Ok(Self {
            dir: Some(dir.to_owned()),
            // With nothing kept to patch, a load need not note what it names.
            since: Mutex::new(kept_since.then(|| Box::new(since))),
        })
    }

    /// Whether writes should note what they touch.
    pub(super) fn recording(&self) -> bool {
        self.dir.is_some() && self.lock().is_some()
    }

    /// Adds what a committed write touched; `None` for a write that cannot say.
    pub(super) fn add(&self, touched: Option<Touched>) {
        let mut since = self.lock();
        match (since.as_deref_mut(), touched) {
            (Some((_, all)), Some(touched)) => {
                all.merge(touched);
                if all.whole {
                    *since = None;
                }
            }
            _ => *since = None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Box<Since>>> {
        self.since
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for Changes {
    fn drop(&mut self) {
        let since = self.lock().take();
        if let (Some(dir), Some((from, touched))) = (&self.dir, since.map(|since| *since)) {
            if let Ok(now) = state(dir) {
                write(
                    dir,
                    CHANGES,
                    CHANGES_KEY,
                    now,
                    &encode_changes(from, &touched),
                );
            }
        }
    }
}

/// The content kept under `name` for `key` for an earlier state of the store, and the
/// resources that writes since have touched, when a current `changes` file says so.
pub(super) fn read_changed(
    dir: &Path,
    name: &str,
    key: &[u8],
) -> Option<(Kept, Vec<(NamedOrBlankNode, bool)>)> {
    let (from, touched) = decode_changes(&read(dir, CHANGES, CHANGES_KEY)?)?;
    let kept = read_at(dir, name, key, from)?;
    Some((kept, touched.into_nodes()?))
}

fn encode_changes(from: [u8; 32], touched: &Touched) -> Vec<u8> {
    let mut bytes = from.to_vec();
    bytes.extend_from_slice(&(touched.nodes.len() as u32).to_le_bytes());
    for (node, subject) in &touched.nodes {
        let (tag, text) = match node {
            NamedOrBlankNode::BlankNode(b) => (0, b.as_str()),
            NamedOrBlankNode::NamedNode(n) => (1, n.as_str()),
        };
        bytes.push(tag | u8::from(*subject) << 1);
        bytes.extend_from_slice(&(text.len() as u32).to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
    }
    bytes
}

fn decode_changes(bytes: &[u8]) -> Option<([u8; 32], Touched)> {
    let (from, rest) = bytes.split_first_chunk::<32>()?;
    let (count, mut rest) = rest.split_first_chunk::<4>()?;
    let mut touched = Touched::default();
    for _ in 0..u32::from_le_bytes(*count) {
        let (&tag, after) = rest.split_first()?;
        let (len, after) = after.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        let text = std::str::from_utf8(after.get(..len)?).ok()?;
        rest = &after[len..];
        let node = match tag & 1 {
            0 => BlankNode::new(text).ok()?.into(),
            _ => NamedNode::new(text).ok()?.into(),
        };
        if tag > 3 {
            return None;
        }
        touched.nodes.insert(node, tag & 2 != 0);
    }
    rest.is_empty().then_some((*from, touched))
}

/// The state a kept file names, from its header alone.
#[cfg(any(feature = "rocksdb", test))]
fn header_state(file: &Path) -> Option<[u8; 32]> {
    Some(Header::parse(&start_of(file)?.1)?.state)
}

/// A kept file, open, and its first [`HEADER_ROOM`] bytes.
fn start_of(file: &Path) -> Option<(fs::File, Vec<u8>)> {
    use std::io::Read;
    let mut file = fs::File::open(file).ok()?;
    let mut bytes = Vec::with_capacity(HEADER_ROOM);
    Read::by_ref(&mut file)
        .take(HEADER_ROOM as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    Some((file, bytes))
}

#[cfg(any(feature = "rocksdb", test))]
fn remove(file: &Path) -> io::Result<()> {
    match fs::remove_file(file) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

struct Header<'a> {
    state: [u8; 32],
    key: &'a [u8],
    check: u32,
    length: u64,
    /// Where the content starts.
    len: usize,
}

impl<'a> Header<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Self> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (state, rest) = rest.split_first_chunk::<32>()?;
        let (key_len, rest) = rest.split_first_chunk::<4>()?;
        let key_len = u32::from_le_bytes(*key_len) as usize;
        let key = rest.get(..key_len)?;
        let (check, rest) = rest.get(key_len..)?.split_first_chunk::<4>()?;
        let (length, _) = rest.split_first_chunk::<8>()?;
        Some(Self {
            state: *state,
            key,
            check: u32::from_le_bytes(*check),
            length: u64::from_le_bytes(*length),
            len: MAGIC.len() + 32 + 4 + key_len + 4 + 8,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            fs::write(dir.path().join(name), content).unwrap();
        }
        dir
    }

    #[test]
    fn kept_content_comes_back_while_the_store_is_unchanged() {
        let dir = dir_with(&[("000009.sst", b"table"), ("CURRENT", b"MANIFEST-000005\n")]);
        let before = state(dir.path()).unwrap();
        write(dir.path(), "graph", b"v1", before, b"content");
        assert_eq!(&*read(dir.path(), "graph", b"v1").unwrap(), b"content");
        // Another code's key, or another name, finds nothing.
        assert!(read(dir.path(), "graph", b"v2").is_none());
        assert!(read(dir.path(), "other", b"v1").is_none());
        // RocksDB's info log and claimgraph's lock say nothing of the content.
        fs::write(dir.path().join("LOG"), b"opened read-only").unwrap();
        fs::write(dir.path().join("claimgraph.lock"), b"pid 1").unwrap();
        assert_eq!(&*read(dir.path(), "graph", b"v1").unwrap(), b"content");
    }

    #[test]
    fn any_change_to_the_stores_files_makes_it_stale() {
        let dir = dir_with(&[("000004.log", b"a"), ("000009.sst", b"table")]);
        let before = state(dir.path()).unwrap();
        write(dir.path(), "graph", b"v1", before, b"content");
        // A write appended to the log, as one that no claimgraph of this version made.
        fs::write(dir.path().join("000004.log"), b"ab").unwrap();
        assert!(read(dir.path(), "graph", b"v1").is_none());
        fs::write(dir.path().join("000004.log"), b"a").unwrap();
        assert!(read(dir.path(), "graph", b"v1").is_some());
        fs::write(dir.path().join("000010.sst"), b"new table").unwrap();
        assert!(read(dir.path(), "graph", b"v1").is_none());
    }

    #[test]
    fn a_store_changed_during_the_computation_keeps_nothing() {
        let dir = dir_with(&[("000004.log", b"a")]);
        let before = state(dir.path()).unwrap();
        fs::write(dir.path().join("000004.log"), b"ab").unwrap();
        write(dir.path(), "graph", b"v1", before, b"content");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no file left");
    }

    #[test]
    fn a_damaged_or_cut_file_is_ignored() {
        let dir = dir_with(&[("000004.log", b"a")]);
        let before = state(dir.path()).unwrap();
        write(dir.path(), "graph", b"v1", before, b"some content");
        let file = path(dir.path(), "graph");
        let whole = fs::read(&file).unwrap();
        for cut in [0, 10, MAGIC.len() + 40, whole.len() - 1] {
            fs::write(&file, &whole[..cut]).unwrap();
            assert!(read(dir.path(), "graph", b"v1").is_none(), "cut at {cut}");
        }
        let mut flipped = whole.clone();
        *flipped.last_mut().unwrap() ^= 1;
        fs::write(&file, &flipped).unwrap();
        assert!(read(dir.path(), "graph", b"v1").is_none());
        fs::write(&file, &whole).unwrap();
        assert!(read(dir.path(), "graph", b"v1").is_some());
    }

    fn touched(iris: &[&str]) -> Touched {
        let mut touched = Touched::default();
        for iri in iris {
            touched.node(&NamedNode::new(*iri).unwrap().into(), true);
        }
        touched
    }

    fn names(changed: Option<(Kept, Vec<(NamedOrBlankNode, bool)>)>) -> Vec<String> {
        let mut names: Vec<String> = changed
            .expect("changes recorded")
            .1
            .into_iter()
            .map(|(node, _)| node.to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writers_record_what_they_touched_since_the_state_content_was_kept_for() {
        let dir = dir_with(&[("000004.log", b"a")]);
        let first = state(dir.path()).unwrap();
        write(dir.path(), "graph", b"v1", first, b"content");

        // A writer, whose writes change the store's files.
        let changes = Changes::open(dir.path()).unwrap();
        changes.add(Some(touched(&["urn:a"])));
        fs::write(dir.path().join("000004.log"), b"ab").unwrap();
        drop(changes);
        assert!(read(dir.path(), "graph", b"v1").is_none(), "stale as it is");
        let changed = read_changed(dir.path(), "graph", b"v1");
        assert_eq!(&*changed.as_ref().unwrap().0, b"content");
        assert_eq!(names(changed), ["<urn:a>"]);
        assert!(read_changed(dir.path(), "graph", b"v2").is_none());

        // A second writer before any reader: its changes add to the first's.
        let changes = Changes::open(dir.path()).unwrap();
        changes.add(Some(touched(&["urn:b"])));
        fs::write(dir.path().join("000005.sst"), b"t").unwrap();
        drop(changes);
        let changed = read_changed(dir.path(), "graph", b"v1");
        assert_eq!(names(changed), ["<urn:a>", "<urn:b>"]);

        // A reader keeps content for the store as it is now: the next writer starts there,
        // and deletes what it will not start from.
        let now = state(dir.path()).unwrap();
        write(dir.path(), "graph", b"v1", now, b"newer");
        write(dir.path(), "other", b"v1", first, b"older");
        let changes = Changes::open(dir.path()).unwrap();
        assert!(!path(dir.path(), "other").exists());
        changes.add(Some(touched(&["urn:c"])));
        fs::write(dir.path().join("000006.sst"), b"t").unwrap();
        drop(changes);
        let changed = read_changed(dir.path(), "graph", b"v1");
        assert_eq!(&*changed.as_ref().unwrap().0, b"newer");
        assert_eq!(names(changed), ["<urn:c>"]);

        // A write that cannot say what it changed, or one that changes the class hierarchy,
        // leaves nothing to patch with; nor does a writer killed before its close.
        let mut hierarchy = Touched::default();
        hierarchy.quads([&Quad::new(
            NamedNode::new("urn:x").unwrap(),
            rdfs::SUB_CLASS_OF,
            NamedNode::new("urn:y").unwrap(),
            oxigraph::model::GraphName::DefaultGraph,
        )]);
        for last in [None, Some(hierarchy)] {
            let changes = Changes::open(dir.path()).unwrap();
            changes.add(Some(touched(&["urn:d"])));
            changes.add(last);
            fs::write(dir.path().join("000007.sst"), b"t").unwrap();
            drop(changes);
            assert!(read_changed(dir.path(), "graph", b"v1").is_none());
        }
        let changes = Changes::open(dir.path()).unwrap();
        changes.add(Some(touched(&["urn:e"])));
        std::mem::forget(changes);
        assert!(read_changed(dir.path(), "graph", b"v1").is_none());
    }

    #[test]
    fn changes_decode_only_from_their_own_layout() {
        let mut all = touched(&["urn:a", "http://example.org/b"]);
        all.node(&BlankNode::new("b1").unwrap().into(), false);
        let bytes = encode_changes([7; 32], &all);
        let (from, back) = decode_changes(&bytes).unwrap();
        assert_eq!(from, [7; 32]);
        let back = back.into_nodes().unwrap();
        assert!(back.contains(&(BlankNode::new("b1").unwrap().into(), false)));
        assert!(back.contains(&(NamedNode::new("urn:a").unwrap().into(), true)));
        assert_eq!(back.len(), 3);
        for cut in 0..bytes.len() {
            assert!(decode_changes(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_changes(&longer).is_none());
    }
}
