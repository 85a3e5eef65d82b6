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
//! - **A writer deletes the kept files when it opens the store**, before it can write, so a
//!   writer killed at any point leaves none behind. One whose writes the kept content does not
//!   read (results written back beside the data) may keep it again once it has closed RocksDB,
//!   still holding the lock (`ClaimStore::close_keeping`): the close moves RocksDB's own files,
//!   and the lock keeps any other writer out until the file names the state it left.
//! - **What was computed, and by which code**, is the caller's `key`: data kept by another
//!   version of the code that computes it is ignored.
//! - **The content is checked against a SHA-256 digest** in the header, so a file cut short or
//!   damaged is ignored, never decoded.
//! - **A file is written under a name of its own and renamed into place**, which is atomic, and
//!   only when the store's state is the same after the computation as before it, so that two
//!   readers computing at once, or a writer's own compaction meanwhile, never leave a file that
//!   names one state and holds another.
//!
//! Keeping is best effort: a store on a read-only medium simply keeps nothing.

use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The start of every kept file.
const MAGIC: &[u8; 16] = b"claimgraph kept\n";

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
    let now = state(dir).ok()?;
    let bytes = fs::read(path(dir, name)).ok()?;
    let header = Header::parse(&bytes)?;
    if header.state != now || header.key != key {
        return None;
    }
    let start = header.len;
    if <[u8; 32]>::from(Sha256::digest(&bytes[start..])) != header.digest {
        return None;
    }
    Some(Kept { bytes, start })
}

/// A kept file's content, read whole; its header stays in front rather than be copied away.
pub struct Kept {
    bytes: Vec<u8>,
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
        file.write_all(&Sha256::digest(content))?;
        file.write_all(content)?;
        file.sync_all()
    })();
    if written.is_ok() && state(dir)? == before {
        fs::rename(&temporary, &target)?;
        return Ok(());
    }
    fs::remove_file(&temporary)?;
    written
}

/// Deletes every kept file in `dir`, before a writer changes the store.
#[cfg(any(feature = "rocksdb", test))]
pub(super) fn forget(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(PREFIX) {
            match fs::remove_file(entry.path()) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
        }
    }
    Ok(())
}

struct Header<'a> {
    state: [u8; 32],
    key: &'a [u8],
    digest: [u8; 32],
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
        let (digest, _) = rest.get(key_len..)?.split_first_chunk::<32>()?;
        Some(Self {
            state: *state,
            key,
            digest: *digest,
            len: MAGIC.len() + 32 + 4 + key_len + 32,
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
        forget(dir.path()).unwrap();
        assert!(!file.exists());
    }
}
