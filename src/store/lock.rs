//! Who may open an on-disk store at the same time: any number of readers, or one writer.
//!
//! RocksDB locks a store only against a second writer, and reports that lock only in the text of
//! its error; a read-only open beside a writer is undefined behaviour by Oxigraph's own
//! documentation. So claimgraph takes an advisory lock of its own on a file inside the store
//! directory before RocksDB sees it: shared for readers, exclusive for writers. A conflict is then
//! known from the error's kind (`WouldBlock`), never from its wording.
//!
//! A writer may hold the store for long (`serve --allow-update` holds it while it runs), so it
//! writes who it is into the lock file, and those it keeps out say so.

use super::Access;
use super::{StoreError, LOCK_FILE};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::Path;

/// Held for as long as the store is open; the operating system releases it when the process
/// ends, however it ends.
#[derive(Debug)]
pub(crate) struct StoreLock {
    file: Option<File>,
    access: Access,
}

impl StoreLock {
    /// Takes the lock for `access` without waiting.
    pub(crate) fn acquire(dir: &Path, access: Access) -> Result<Self, StoreError> {
        let path = dir.join(LOCK_FILE);
        let file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(file) => file,
            // A store on a read-only medium cannot be written by anyone: readers need no lock.
            Err(error) if access == Access::ReadOnly && is_read_only_medium(&error) => {
                return Ok(Self { file: None, access })
            }
            Err(source) => {
                return Err(StoreError::Open {
                    path: dir.to_owned(),
                    source: source.into(),
                })
            }
        };
        let attempt = match access {
            Access::ReadOnly => file.try_lock_shared(),
            Access::ReadWrite => file.try_lock(),
        };
        match attempt {
            Ok(()) => {
                if access == Access::ReadWrite {
                    // Only to explain a refusal: a store is written all the same without it.
                    let _ = record_writer(&file);
                }
                Ok(Self {
                    file: Some(file),
                    access,
                })
            }
            Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
                path: dir.to_owned(),
                access,
                writer: writer(&file),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Open {
                path: dir.to_owned(),
                source: source.into(),
            }),
        }
    }
}

impl Drop for StoreLock {
    /// A writer leaves no record of itself behind; the file is unlocked after this, when it
    /// is closed.
    fn drop(&mut self) {
        if let (Some(file), Access::ReadWrite) = (&self.file, self.access) {
            let _ = file.set_len(0);
        }
    }
}

/// Writes into the lock file, held exclusively, the process that holds it: its id and command
/// line.
fn record_writer(mut file: &File) -> io::Result<()> {
    let mut args = std::env::args();
    let program = args.next().unwrap_or_default();
    let program = Path::new(&program)
        .file_name()
        .map_or(program.clone(), |name| name.to_string_lossy().into_owned());
    let command: Vec<String> = std::iter::once(program).chain(args).collect();
    file.set_len(0)?;
    write!(file, "pid {}: {}", std::process::id(), command.join(" "))
}

/// The writer that holds the lock, as it recorded itself; `None` when readers hold it, or
/// the record cannot be read.
fn writer(mut file: &File) -> Option<String> {
    // Readers share the lock: only a writer refuses it to another reader.
    if file.try_lock_shared().is_ok() {
        let _ = file.unlock();
        return None;
    }
    let mut record = String::new();
    file.read_to_string(&mut record).ok()?;
    let record = record.trim();
    (!record.is_empty()).then(|| record.to_owned())
}

fn is_read_only_medium(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_share_and_a_writer_is_alone() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::acquire(dir.path(), Access::ReadOnly).unwrap();
        let second = StoreLock::acquire(dir.path(), Access::ReadOnly).unwrap();
        let writer = StoreLock::acquire(dir.path(), Access::ReadWrite).unwrap_err();
        assert!(matches!(
            writer,
            StoreError::Locked {
                access: Access::ReadWrite,
                writer: None,
                ..
            }
        ));
        drop((first, second));
        let writer = StoreLock::acquire(dir.path(), Access::ReadWrite).unwrap();
        let reader = StoreLock::acquire(dir.path(), Access::ReadOnly).unwrap_err();
        let StoreError::Locked {
            access: Access::ReadOnly,
            writer: Some(record),
            ..
        } = reader
        else {
            panic!("{reader:?}");
        };
        assert!(
            record.starts_with(&format!("pid {}: ", std::process::id())),
            "{record}"
        );
        drop(writer);
        let reader = StoreLock::acquire(dir.path(), Access::ReadOnly).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap(),
            ""
        );
        drop(reader);
    }
}
