//! Who may open an on-disk store at the same time: any number of readers, or one writer.
//!
//! RocksDB locks a store only against a second writer, and reports that lock only in the text of
//! its error; a read-only open beside a writer is undefined behaviour by Oxigraph's own
//! documentation. So claimgraph takes an advisory lock of its own on a file inside the store
//! directory before RocksDB sees it: shared for readers, exclusive for writers. A conflict is then
//! known from the error's kind (`WouldBlock`), never from its wording.

use super::Access;
use crate::error::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// The lock file's name inside the store directory.
const LOCK_FILE: &str = "claimgraph.lock";

/// Held for as long as the store is open; the operating system releases it when the process
/// ends, however it ends.
#[derive(Debug)]
pub(crate) struct StoreLock {
    _file: Option<File>,
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
                return Ok(Self { _file: None })
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
            Ok(()) => Ok(Self { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
                path: dir.to_owned(),
                access,
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Open {
                path: dir.to_owned(),
                source: source.into(),
            }),
        }
    }
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
                ..
            }
        ));
        drop((first, second));
        let writer = StoreLock::acquire(dir.path(), Access::ReadWrite).unwrap();
        let reader = StoreLock::acquire(dir.path(), Access::ReadOnly).unwrap_err();
        assert!(matches!(
            reader,
            StoreError::Locked {
                access: Access::ReadOnly,
                ..
            }
        ));
        drop(writer);
    }
}
