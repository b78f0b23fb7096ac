//! The database's files on disk are the central's alone: they hold phone numbers, names
//! and the secret that ticket ids are made from.

use std::fs::{DirBuilder, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode of the database file and its `-wal` and `-shm` companions (SQLite gives the
/// companions the mode of the database file).
pub const FILE_MODE: u32 = 0o600;
/// Mode of a data directory the central makes.
pub const DIRECTORY_MODE: u32 = 0o700;

/// Makes the database's directory (`0700`) and file (`0600`) when they are missing, and
/// takes group and other access away from an existing file and its companions. An
/// in-memory database has no files.
pub fn keep_private(database: &Path) -> io::Result<()> {
    let name = database.to_string_lossy();
    if name.is_empty() || name == ":memory:" || name.starts_with("file:") {
        return Ok(());
    }
    if let Some(directory) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !directory.exists() {
            DirBuilder::new()
                .recursive(true)
                .mode(DIRECTORY_MODE)
                .create(directory)?;
        }
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(database)
    {
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", database.display());
        let Ok(metadata) = std::fs::metadata(&file) else {
            continue;
        };
        if metadata.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&file, Permissions::from_mode(FILE_MODE))?;
            tracing::info!(
                file,
                "database file made readable by the central's user only"
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_database_and_its_directory_are_private() {
        let root = tempfile::tempdir().unwrap();
        let database = root.path().join("data/central/central.db");
        keep_private(&database).unwrap();
        assert_eq!(mode(&database), 0o600);
        assert_eq!(mode(database.parent().unwrap()), 0o700);
    }

    #[test]
    fn an_existing_database_readable_by_others_is_made_private() {
        let root = tempfile::tempdir().unwrap();
        let database = root.path().join("central.db");
        for suffix in ["", "-wal"] {
            let file = format!("{}{suffix}", database.display());
            std::fs::write(&file, b"").unwrap();
            std::fs::set_permissions(&file, Permissions::from_mode(0o644)).unwrap();
        }
        keep_private(&database).unwrap();
        assert_eq!(mode(&database), 0o600);
        assert_eq!(mode(&root.path().join("central.db-wal")), 0o600);
    }
}
