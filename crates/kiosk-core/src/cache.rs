//! The catalogue kept on the kiosk's disk with its ETag, so that search and the
//! documents check work when the kiosk starts while the central is away, and a
//! restart with the central up costs one `304 Not Modified`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use wire::{CatalogueAnswer, MostTaken};

/// What is kept: the central's answer and the ETag it came with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedCatalogue {
    /// The ETag of `answer`, for the next conditional request.
    pub etag: Option<String>,
    /// The office's name as the central gave it, for the header of a kiosk started offline.
    #[serde(default)]
    pub office_name: Option<String>,
    /// The catalogue answer as the central gave it.
    pub answer: CatalogueAnswer,
    /// The office's most-taken procedures as the central last gave them, for the quick
    /// numbers of a kiosk started offline.
    #[serde(default)]
    pub most_taken: Option<MostTaken>,
}

/// The file of one office's catalogue in a cache folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueFile {
    path: PathBuf,
    office: String,
}

impl CatalogueFile {
    /// The file for `office` in `dir` (created on first save).
    pub fn new(dir: &Path, office: &str) -> Self {
        Self {
            path: dir.join(format!("catalogue-{office}.json")),
            office: office.to_owned(),
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The kept catalogue; `None` when there is none, or it is unreadable or of
    /// another office (a problem is logged, never raised: the central has the truth).
    pub fn load(&self) -> Option<CachedCatalogue> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "cannot read the kept catalogue");
                return None;
            }
        };
        match serde_json::from_slice::<CachedCatalogue>(&bytes) {
            Ok(kept) if kept.answer.catalogue.office == self.office => Some(kept),
            Ok(kept) => {
                tracing::warn!(path = %self.path.display(), office = %kept.answer.catalogue.office,
                    "the kept catalogue is of another office; ignored");
                None
            }
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "the kept catalogue is unreadable; ignored");
                None
            }
        }
    }

    /// Keeps `cached`, replacing the file only once the new one is fully written,
    /// so a power cut leaves the old catalogue or the new one, never half of one.
    pub fn save(&self, cached: &CachedCatalogue) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let bytes = serde_json::to_vec(cached).map_err(std::io::Error::other)?;
        let temporary = self.path.with_extension("json.tmp");
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::Catalogue;

    fn cached(office: &str) -> CachedCatalogue {
        CachedCatalogue {
            etag: Some("\"abc\"".into()),
            office_name: Some("Phường Ba Đình".into()),
            answer: CatalogueAnswer {
                catalogue: Catalogue {
                    office: office.into(),
                    service_groups: vec![],
                    procedures: central::demo::procedures().unwrap(),
                },
                checklist_url: Some("https://x.test/c/hn-ba-dinh/{code}".into()),
            },
            most_taken: Some(wire::MostTaken {
                office: office.into(),
                days: 28,
                from: "2026-11-05".into(),
                to: "2026-12-02".into(),
                procedures: vec![wire::TakenProcedure {
                    code: "1.001193".into(),
                    tickets: 12,
                }],
            }),
        }
    }

    #[test]
    fn a_saved_catalogue_reads_back_with_its_etag() {
        let dir = tempfile::tempdir().unwrap();
        let file = CatalogueFile::new(&dir.path().join("new-folder"), "hn-ba-dinh");
        assert_eq!(file.load(), None, "nothing kept yet");
        file.save(&cached("hn-ba-dinh")).unwrap();
        assert_eq!(file.load(), Some(cached("hn-ba-dinh")));
        assert!(file.path().ends_with("catalogue-hn-ba-dinh.json"));
    }

    #[test]
    fn a_broken_or_foreign_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = CatalogueFile::new(dir.path(), "hn-ba-dinh");
        std::fs::write(file.path(), b"{ half a catal").unwrap();
        assert_eq!(file.load(), None);
        file.save(&cached("hn-hoan-kiem")).unwrap();
        assert_eq!(file.load(), None, "another office's catalogue is not used");
    }
}
