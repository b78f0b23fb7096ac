//! The profile the central assigns to this kiosk, and the kiosk's reports to the central.
//!
//! [`ProfileSync`] keeps the last good profile from the central in the cache folder, so the
//! kiosk starts with it even when the central is away. Each profile the central sends is
//! checked as the kiosk checks its own file before it is kept; an older version than the one
//! held is refused as stale, and a profile that fails the checks is refused and reported in
//! the next heartbeat, the last good one staying. A profile kept is only *ready*: the app
//! applies it when no visitor is mid-flow ([`ProfileSync::take_ready`]).
//!
//! For the app:
//! - at start: `ProfileSync::open(&profile)`, then `take_ready()` gives the kept central
//!   settings (or `None`: run the file's own); then `register()` in the background;
//! - every 30 seconds: `heartbeat()`; when it answers [`Offer::Ready`] (or `is_ready()`),
//! - when no visitor is mid-flow: `take_ready()` and apply its settings
//!   (`Profile::with_settings`).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use kiosk_profile::{Files, Problem, Settings};
use printer::PrinterStatus;
use serde::{Deserialize, Serialize};
use wire::{AssignedProfile, Heartbeat};

use crate::client::{CentralClient, ClientError};
use crate::profile::Profile;

/// The file in the cache folder holding the last good profile from the central.
pub const FILE_NAME: &str = "central-profile.json";
/// How often the app sends a heartbeat; the central counts a kiosk offline after three missed.
pub const HEARTBEAT_SECONDS: u64 = 30;
/// Longest `last_error` the central takes.
const MAX_ERROR_CHARS: usize = 200;

/// A profile from the central that passed this kiosk's checks.
#[derive(Debug, Clone, PartialEq)]
pub struct CentralProfile {
    /// Profile id on the central.
    pub id: i64,
    /// Its version.
    pub version: u32,
    /// Its TOML, as the central sent it.
    pub document: String,
    /// Its settings.
    pub settings: Settings,
}

/// Settings for the app to apply, and where they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    /// The settings.
    pub settings: Settings,
    /// The central profile they are, or `None` for the kiosk's own file (the central
    /// assigns no profile any more).
    pub from: Option<(i64, u32)>,
}

/// What became of what the central sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Offer {
    /// Nothing new.
    Nothing,
    /// A profile was checked and kept: ready to apply when no visitor is mid-flow.
    Ready {
        /// Profile id.
        id: i64,
        /// Its version.
        version: u32,
    },
    /// No profile is assigned any more: the kiosk's own settings are ready to apply again.
    Withdrawn,
    /// Refused: an older version than the one held (the central's data went back in time).
    Stale {
        /// Profile id.
        id: i64,
        /// The version offered.
        offered: u32,
        /// The version held, which stays.
        held: u32,
    },
    /// Refused: it fails this kiosk's checks; the last good profile stays.
    Invalid {
        /// Profile id.
        id: i64,
        /// Its version.
        version: u32,
        /// What is wrong, by field.
        problems: Vec<Problem>,
    },
}

/// What the app knows of itself for a heartbeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskStatus {
    /// The app's version.
    pub app_version: String,
    /// The printer's state code ([`printer_code`]).
    pub printer: String,
    /// The last error worth IT staff's attention, without personal data.
    pub last_error: Option<String>,
    /// Seconds since the app started.
    pub uptime_seconds: u64,
}

/// The code a heartbeat reports for a printer state; `None`: not asked yet.
pub fn printer_code(status: Option<PrinterStatus>) -> &'static str {
    match status {
        None | Some(PrinterStatus::Unknown) => "unknown",
        Some(PrinterStatus::Ready) => "ready",
        Some(PrinterStatus::PaperNearEnd) => "paper_near_end",
        Some(PrinterStatus::OutOfPaper) => "out_of_paper",
        Some(PrinterStatus::CoverOpen) => "cover_open",
        Some(PrinterStatus::Offline) => "offline",
        Some(PrinterStatus::NotResponding) => "not_responding",
        Some(PrinterStatus::NoPrinter) => "none",
    }
}

/// The copy on disk.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    id: i64,
    version: u32,
    document: String,
}

#[derive(Debug, Default)]
struct State {
    /// The last good central profile, also on disk.
    held: Option<CentralProfile>,
    /// Settings waiting for the app to apply them.
    ready: Option<Ready>,
    /// The central profile the app runs, as reported in heartbeats.
    running: Option<(i64, u32)>,
    /// Why the last profile offered was refused.
    refusal: Option<String>,
    /// The last profile refused, so a refusal repeated every heartbeat is logged once.
    refused: Option<(i64, u32)>,
}

/// The central's profile for this kiosk: kept, checked, and handed to the app when ready.
#[derive(Debug)]
pub struct ProfileSync {
    path: PathBuf,
    office: String,
    files_base: PathBuf,
    local: Settings,
    state: Mutex<State>,
}

fn short(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= MAX_ERROR_CHARS {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(MAX_ERROR_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

impl ProfileSync {
    /// For the kiosk of `profile` (its own file): reads the copy kept in its cache folder.
    /// A missing, unreadable or no longer valid copy counts as none.
    pub fn open(profile: &Profile) -> Self {
        let sync = Self {
            path: profile.cache_dir.join(FILE_NAME),
            office: profile.office.clone(),
            files_base: profile.base.clone(),
            local: profile.settings.clone(),
            state: Mutex::new(State::default()),
        };
        if let Some(held) = sync.read_kept() {
            tracing::info!(
                profile = held.id,
                version = held.version,
                "central profile read from disk"
            );
            let mut state = sync.lock();
            state.ready = Some(Ready {
                settings: held.settings.clone(),
                from: Some((held.id, held.version)),
            });
            state.held = Some(held);
        }
        sync
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn read_kept(&self) -> Option<CentralProfile> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "cannot read the kept central profile");
                return None;
            }
        };
        let kept: Kept = match serde_json::from_slice(&bytes) {
            Ok(kept) => kept,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "kept central profile is damaged; ignored");
                return None;
            }
        };
        match self.check(&kept.document) {
            Ok(settings) => Some(CentralProfile {
                id: kept.id,
                version: kept.version,
                document: kept.document,
                settings,
            }),
            Err(problems) => {
                tracing::warn!(
                    profile = kept.id,
                    version = kept.version,
                    problems = problems.len(),
                    "kept central profile no longer passes the checks; ignored"
                );
                None
            }
        }
    }

    /// Writes the copy atomically: a crash leaves the old copy or the new one, never half.
    fn write_kept(&self, profile: &CentralProfile) -> std::io::Result<()> {
        use std::io::Write;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let kept = Kept {
            id: profile.id,
            version: profile.version,
            document: profile.document.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&kept).map_err(std::io::Error::other)?;
        let temporary = self.path.with_extension("json.tmp");
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, &self.path)
    }

    /// Checks a document as this kiosk checks its own file, and that it is for its office.
    fn check(&self, document: &str) -> Result<Settings, Vec<Problem>> {
        let table = kiosk_profile::parse_toml(document)?;
        let mut settings = Settings::from_table(&table, Files::Beside(&self.files_base))?;
        // A profile shared by many kiosks rarely knows each one's printer: without a
        // `[printer]` table, this kiosk keeps the printer its own file names.
        if !table.contains_key(printer::SECTION) {
            settings.printer = self.local.printer.clone();
        }
        if settings.office != self.office {
            return Err(vec![Problem::new(
                "office",
                format!(
                    "is {:?}, but this kiosk stands in {:?}",
                    settings.office, self.office
                ),
            )]);
        }
        Ok(settings)
    }

    /// Checks and keeps a profile the central sent.
    pub fn offer(&self, profile: AssignedProfile) -> Offer {
        let (id, version) = (profile.id, profile.version);
        {
            let state = self.lock();
            if let Some(held) = &state.held {
                if held.id == id && held.version == version {
                    return Offer::Nothing;
                }
                if held.id == id && version < held.version {
                    let held = held.version;
                    drop(state);
                    self.refuse(
                        id,
                        version,
                        format!("profile {id} v{version} refused: older than v{held}, kept"),
                    );
                    return Offer::Stale {
                        id,
                        offered: version,
                        held,
                    };
                }
            }
        }
        let settings = match self.check(&profile.document) {
            Ok(settings) => settings,
            Err(problems) => {
                let first = problems
                    .first()
                    .map(|p| format!("{}: {}", p.field, p.message))
                    .unwrap_or_default();
                self.refuse(
                    id,
                    version,
                    format!("profile {id} v{version} refused: {first}"),
                );
                return Offer::Invalid {
                    id,
                    version,
                    problems,
                };
            }
        };
        let accepted = CentralProfile {
            id,
            version,
            document: profile.document,
            settings,
        };
        if let Err(e) = self.write_kept(&accepted) {
            // Still run it; it is only lost for the next start without the central.
            tracing::warn!(path = %self.path.display(), error = %e, "cannot keep the central profile on disk");
        }
        tracing::info!(profile = id, version, "central profile ready");
        let mut state = self.lock();
        state.ready = Some(Ready {
            settings: accepted.settings.clone(),
            from: Some((id, version)),
        });
        state.held = Some(accepted);
        state.refusal = None;
        state.refused = None;
        Offer::Ready { id, version }
    }

    fn refuse(&self, id: i64, version: u32, why: String) {
        let mut state = self.lock();
        if state.refused != Some((id, version)) {
            tracing::warn!(profile = id, version, reason = %why, "central profile refused");
        }
        state.refused = Some((id, version));
        state.refusal = Some(short(&why));
    }

    /// Forgets the central's profile: none is assigned any more. The kiosk's own settings
    /// are ready to apply again if it ran one.
    fn withdraw(&self) -> Offer {
        let mut state = self.lock();
        if state.held.is_none() && state.running.is_none() {
            return Offer::Nothing;
        }
        state.held = None;
        state.refusal = None;
        state.refused = None;
        state.ready = state.running.is_some().then(|| Ready {
            settings: self.local.clone(),
            from: None,
        });
        drop(state);
        if let Err(e) = std::fs::remove_file(&self.path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(path = %self.path.display(), error = %e, "cannot remove the kept central profile");
            }
        }
        tracing::info!("no central profile assigned any more");
        Offer::Withdrawn
    }

    /// Tells the central this kiosk started, and takes the profile assigned to it.
    pub async fn register(
        &self,
        client: &CentralClient,
        name: &str,
        app_version: &str,
    ) -> Result<Offer, ClientError> {
        let answer = client.register(name, app_version).await?;
        Ok(match answer.profile {
            Some(profile) => self.offer(profile),
            None => self.withdraw(),
        })
    }

    /// The heartbeat this kiosk sends now.
    pub fn heartbeat_body(&self, status: &KioskStatus) -> Heartbeat {
        let state = self.lock();
        let last_error = state
            .refusal
            .clone()
            .or_else(|| status.last_error.as_deref().map(short))
            .filter(|e| !e.trim().is_empty());
        Heartbeat {
            app_version: status.app_version.clone(),
            profile_id: state.running.map(|r| r.0),
            profile_version: state.running.map(|r| r.1),
            printer: status.printer.clone(),
            last_error,
            uptime_seconds: status.uptime_seconds,
        }
    }

    /// Sends a heartbeat and takes any profile in the answer.
    pub async fn heartbeat(
        &self,
        client: &CentralClient,
        status: &KioskStatus,
    ) -> Result<Offer, ClientError> {
        let answer = client.heartbeat(&self.heartbeat_body(status)).await?;
        Ok(match answer.profile {
            Some(profile) => self.offer(profile),
            None if answer.unassigned => self.withdraw(),
            None => Offer::Nothing,
        })
    }

    /// Whether settings wait to be applied.
    pub fn is_ready(&self) -> bool {
        self.lock().ready.is_some()
    }

    /// The settings waiting to be applied, once: call it when no visitor is mid-flow, and
    /// apply them. From then on heartbeats report them as running.
    pub fn take_ready(&self) -> Option<Ready> {
        let mut state = self.lock();
        let ready = state.ready.take()?;
        state.running = ready.from;
        Some(ready)
    }

    /// The last good central profile, if any.
    pub fn held(&self) -> Option<CentralProfile> {
        self.lock().held.clone()
    }

    /// The central profile the app runs, as heartbeats report it.
    pub fn running(&self) -> Option<(i64, u32)> {
        self.lock().running
    }

    /// Why the last profile offered was refused, as the next heartbeat reports it.
    pub fn refusal(&self) -> Option<String> {
        self.lock().refusal.clone()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn local(dir: &Path) -> Profile {
        std::fs::write(dir.join("kiosk.token"), "kiosk_x").unwrap();
        Profile::parse(
            "central_url = \"http://127.0.0.1:9\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"cache\"\nidle_timeout_seconds = 90\n",
            dir,
        )
        .unwrap()
    }

    fn assigned(id: i64, version: u32, idle: u32) -> AssignedProfile {
        AssignedProfile {
            id,
            version,
            document: format!("office = \"hn-ba-dinh\"\nidle_timeout_seconds = {idle}\n"),
        }
    }

    #[test]
    fn a_profile_without_a_printer_keeps_the_kiosks_own_and_one_with_a_printer_sets_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kiosk.token"), "kiosk_x").unwrap();
        let file = Profile::parse(
            "central_url = \"http://127.0.0.1:9\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"cache\"\n\n[printer]\ntransport = \"tcp\"\naddress = \"10.0.0.7:9100\"\n",
            dir.path(),
        )
        .unwrap();
        let sync = ProfileSync::open(&file);
        sync.offer(assigned(1, 1, 60));
        let ready = sync.take_ready().unwrap();
        assert_eq!(
            ready.settings.printer, file.printer,
            "the kiosk's own printer stays"
        );

        sync.offer(AssignedProfile {
            id: 1,
            version: 2,
            document: "office = \"hn-ba-dinh\"\n\n[printer]\ntransport = \"none\"\n".into(),
        });
        let ready = sync.take_ready().unwrap();
        assert!(
            !ready.settings.printer.transport.is_printer(),
            "the profile's printer wins"
        );
    }

    #[test]
    fn a_checked_profile_is_kept_on_disk_and_ready_once() {
        let dir = tempfile::tempdir().unwrap();
        let sync = ProfileSync::open(&local(dir.path()));
        assert!(!sync.is_ready());
        assert_eq!(
            sync.offer(assigned(1, 1, 60)),
            Offer::Ready { id: 1, version: 1 }
        );
        assert_eq!(sync.offer(assigned(1, 1, 60)), Offer::Nothing);
        let ready = sync.take_ready().unwrap();
        assert_eq!(ready.settings.idle_timeout_seconds, 60);
        assert_eq!(ready.from, Some((1, 1)));
        assert_eq!(sync.take_ready(), None);
        assert_eq!(sync.running(), Some((1, 1)));
        // Written whole, with no temporary file left beside it.
        let cache = dir.path().join("cache");
        let names: Vec<_> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);

        let again = ProfileSync::open(&local(dir.path()));
        assert_eq!(again.held().map(|h| h.version), Some(1));
        assert_eq!(
            again.take_ready().map(|r| r.settings.idle_timeout_seconds),
            Some(60)
        );
    }

    #[test]
    fn an_older_version_is_refused_as_stale_and_a_bad_one_as_invalid() {
        let dir = tempfile::tempdir().unwrap();
        let sync = ProfileSync::open(&local(dir.path()));
        sync.offer(assigned(1, 3, 60));
        assert_eq!(
            sync.offer(assigned(1, 2, 30)),
            Offer::Stale {
                id: 1,
                offered: 2,
                held: 3
            }
        );
        assert!(sync.refusal().unwrap().contains("older than v3"));
        assert_eq!(sync.held().unwrap().version, 3);

        let mut bad = assigned(1, 4, 5);
        let offer = sync.offer(bad.clone());
        let Offer::Invalid { problems, .. } = offer else {
            panic!("{offer:?}")
        };
        assert_eq!(problems[0].field, "idle_timeout_seconds");
        assert!(sync
            .refusal()
            .unwrap()
            .starts_with("profile 1 v4 refused: idle_timeout_seconds"));
        bad.document = "office = \"hn-hoan-kiem\"\n".into();
        let offer = sync.offer(bad);
        assert!(matches!(&offer, Offer::Invalid { problems, .. } if problems[0].field == "office"));
        // The last good one stays, on disk too.
        assert_eq!(sync.held().unwrap().version, 3);
        let reopened = ProfileSync::open(&local(dir.path()));
        assert_eq!(reopened.held().unwrap().version, 3);

        // Another profile is taken whatever its version, and clears the refusal.
        assert_eq!(
            sync.offer(assigned(2, 1, 45)),
            Offer::Ready { id: 2, version: 1 }
        );
        assert_eq!(sync.refusal(), None);
    }

    #[test]
    fn a_damaged_copy_on_disk_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        for damaged in [
            "{ not json".to_owned(),
            serde_json::json!({ "id": 1, "version": 2, "document": "idle_timeout_seconds = 1" })
                .to_string(),
        ] {
            std::fs::write(cache.join(FILE_NAME), damaged).unwrap();
            let sync = ProfileSync::open(&local(dir.path()));
            assert_eq!(sync.held(), None);
            assert!(!sync.is_ready());
        }
    }

    #[test]
    fn a_heartbeat_reports_what_runs_and_the_refusal_first() {
        let dir = tempfile::tempdir().unwrap();
        let sync = ProfileSync::open(&local(dir.path()));
        let status = KioskStatus {
            app_version: "0.1.0".into(),
            printer: printer_code(Some(PrinterStatus::OutOfPaper)).into(),
            last_error: Some("printer: out of paper".into()),
            uptime_seconds: 5,
        };
        let beat = sync.heartbeat_body(&status);
        assert_eq!((beat.profile_id, beat.profile_version), (None, None));
        assert_eq!(beat.printer, "out_of_paper");
        assert_eq!(beat.last_error.as_deref(), Some("printer: out of paper"));

        sync.offer(assigned(1, 1, 60));
        // Ready but not applied: still reports the file's own settings.
        assert_eq!(sync.heartbeat_body(&status).profile_version, None);
        sync.take_ready();
        sync.offer(assigned(1, 2, 2));
        let beat = sync.heartbeat_body(&status);
        assert_eq!((beat.profile_id, beat.profile_version), (Some(1), Some(1)));
        let error = beat.last_error.unwrap();
        assert!(error.starts_with("profile 1 v2 refused"), "{error}");
        assert!(error.chars().count() <= 200 && !error.contains('\n'));
    }

    #[test]
    fn printer_states_have_short_codes() {
        assert_eq!(printer_code(Some(PrinterStatus::NoPrinter)), "none");
        assert_eq!(printer_code(Some(PrinterStatus::Ready)), "ready");
        assert_eq!(printer_code(None), "unknown");
    }
}
