//! The running kiosk as its window sees it: the [`Kiosk`] for the settings in force, and
//! the fleet around it. At start the profile last received from the central (kept on
//! disk) is used, else the file's own settings; the kiosk then registers with the central
//! and sends a heartbeat every [`HEARTBEAT_SECONDS`] with its version, profile version,
//! printer state, last error and uptime. A newer profile from the central is applied only
//! when the UI says no visitor is mid-flow ([`KioskApp::apply_ready`]): a new `Kiosk` is
//! built for it and takes the old one's place between two visitors.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use printer::PrinterStatus;

use crate::client::ClientError;
use crate::fleet::{printer_code, KioskStatus, Offer, ProfileSync};
use crate::ipc::KioskConfig;
use crate::kiosk::Kiosk;
use crate::maintenance::office_time;
use crate::profile::Profile;

pub use crate::fleet::HEARTBEAT_SECONDS;

/// How long a printer failure stays in the heartbeat's `last_error` after it happened.
const PRINTER_PROBLEM_REPORTED_FOR_MINUTES: i64 = 60;

/// The kiosk in force and its place in the fleet.
#[derive(Debug)]
pub struct KioskApp {
    /// The profile file as read at start: its device settings stay whatever the central sends.
    file: Profile,
    current: RwLock<Arc<Kiosk>>,
    sync: ProfileSync,
    registered: AtomicBool,
    started: Instant,
    name: String,
    app_version: String,
}

impl KioskApp {
    /// The kiosk for `file`, with the central's profile kept on disk when there is one.
    /// `name` tells this machine apart in the IT console (its host name).
    pub fn start(file: Profile, name: String, app_version: String) -> Result<Self, ClientError> {
        let sync = ProfileSync::open(&file);
        let running = match sync.take_ready() {
            Some(ready) => file.with_settings(ready.settings),
            None => file.clone(),
        };
        let kiosk = Arc::new(Kiosk::new(running)?);
        Ok(Self {
            file,
            current: RwLock::new(kiosk),
            sync,
            registered: AtomicBool::new(false),
            started: Instant::now(),
            name,
            app_version,
        })
    }

    /// The kiosk in force. Hold it for one visitor action, not longer: a newer profile
    /// may replace it between visitors.
    pub fn kiosk(&self) -> Arc<Kiosk> {
        match self.current.read() {
            Ok(kiosk) => kiosk.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The central profile version in force, `None` when the file's own settings run.
    pub fn profile_version(&self) -> Option<u32> {
        self.sync.running().map(|(_, version)| version)
    }

    /// Registers once (again at each heartbeat until it worked), then sends the heartbeat.
    /// Returns true when a newer profile waits to be applied.
    pub async fn heartbeat(&self, now: DateTime<Utc>) -> bool {
        let kiosk = self.kiosk();
        if !self.registered.load(Ordering::Relaxed) {
            match self
                .sync
                .register(kiosk.client(), &self.name, &self.app_version)
                .await
            {
                Ok(offer) => {
                    self.registered.store(true, Ordering::Relaxed);
                    log_offer(&offer);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot register with the central; will try again");
                    return self.sync.is_ready();
                }
            }
        }
        let status = self.status(&kiosk, now).await;
        match self.sync.heartbeat(kiosk.client(), &status).await {
            Ok(offer) => log_offer(&offer),
            Err(e) => tracing::warn!(error = %e, "heartbeat not delivered"),
        }
        self.sync.is_ready()
    }

    /// What the heartbeat tells about this kiosk now.
    async fn status(&self, kiosk: &Kiosk, now: DateTime<Utc>) -> KioskStatus {
        let printer = kiosk.printer_status().await;
        let recent = kiosk
            .printer_problem()
            .filter(|p| now - p.at < Duration::minutes(PRINTER_PROBLEM_REPORTED_FOR_MINUTES));
        let last_error = match (&recent, printer) {
            (Some(problem), _) => Some(format!(
                "{}{} ({})",
                problem
                    .office_at
                    .map(|at| format!("{}: ", office_time(at)))
                    .unwrap_or_default(),
                if problem.ticket_issued {
                    "a number was issued but not printed"
                } else {
                    "no number issued: the printer could not print"
                },
                problem.detail
            )),
            (None, PrinterStatus::Ready | PrinterStatus::NoPrinter) => None,
            (None, status) => Some(status.staff_note().to_owned()),
        };
        KioskStatus {
            app_version: self.app_version.clone(),
            printer: printer_code(Some(printer)).to_owned(),
            last_error,
            uptime_seconds: self.started.elapsed().as_secs(),
        }
    }

    /// What the UI needs to know, with the profile version in force.
    pub fn config(&self) -> KioskConfig {
        KioskConfig {
            profile_version: self.profile_version(),
            ..self.kiosk().config()
        }
    }

    /// Whether a newer profile waits to be applied.
    pub fn profile_ready(&self) -> bool {
        self.sync.is_ready()
    }

    /// Applies the profile waiting, if any: call it only when no visitor is mid-flow.
    /// Returns the new configuration for the UI. A profile the kiosk cannot run (its
    /// central client cannot be built) is logged and the running one stays.
    pub async fn apply_ready(&self) -> Option<KioskConfig> {
        let ready = self.sync.take_ready()?;
        let profile = self.file.with_settings(ready.settings);
        let kiosk = match Kiosk::new(profile) {
            Ok(kiosk) => Arc::new(kiosk),
            Err(e) => {
                tracing::error!(error = %e, "the profile received cannot run; keeping the one in force");
                return None;
            }
        };
        // Knows the connection and the office's opening before it shows.
        kiosk.check_connection().await;
        let config = KioskConfig {
            profile_version: ready.from.map(|(_, version)| version),
            ..kiosk.config()
        };
        match self.current.write() {
            Ok(mut current) => *current = kiosk,
            Err(poisoned) => *poisoned.into_inner() = kiosk,
        }
        tracing::info!(
            profile = ?ready.from.map(|(id, _)| id),
            version = ?ready.from.map(|(_, v)| v),
            "profile applied"
        );
        Some(config)
    }
}

fn log_offer(offer: &Offer) {
    match offer {
        Offer::Nothing => {}
        Offer::Ready { id, version } => {
            tracing::info!(
                profile = id,
                version,
                "a newer profile is ready; applied between visitors"
            )
        }
        other => tracing::info!(offer = ?other, "profile offer"),
    }
}
