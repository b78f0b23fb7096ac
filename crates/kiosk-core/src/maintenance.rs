//! The local maintenance screen, for office staff: opened with a PIN kept in the profile as
//! an Argon2 hash, locked out for a growing time after repeated wrong PINs, and open for a
//! few minutes at a time. From there staff test the connection and the printer, read the
//! recent log lines and restart the kiosk.
//!
//! Time is passed in: every method takes `now`, so tests move a manual clock.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use printer::{PrinterSettings, PrinterStatus, TicketLabels, TicketPrint};
use serde::{Deserialize, Serialize};

use crate::client::ClientError;
use crate::ipc::{
    ConnectionTest, MaintenanceError, MaintenanceErrorKind, MaintenanceInfo, PrinterSummary,
    TestPrint,
};
use crate::kiosk::Kiosk;
use crate::recent_log::RecentLog;

// The PIN itself lives in `pin`, below both the profile (which reads its hash) and this
// screen; the `kiosk maintenance hash-pin` command finds it here, beside the gate.
pub use crate::pin::{
    check_pin_rules, hash_pin, PinHash, PinRuleError, MAX_PIN_DIGITS, MIN_PIN_DIGITS,
    PIN_HASH_SETTING,
};

/// Wrong PINs in a row allowed before the gate locks.
pub const FREE_TRIES: u32 = 5;
/// The first lockout; each further wrong PIN doubles it.
pub const FIRST_LOCKOUT: Duration = Duration::minutes(1);
/// The longest lockout.
pub const MAX_LOCKOUT: Duration = Duration::hours(1);
/// How long the screen stays open after the last maintenance action.
pub const OPEN_FOR: Duration = Duration::minutes(5);

/// Why the gate refused a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRefused {
    /// The PIN is wrong; `tries_left` more wrong ones before a lockout.
    Wrong {
        /// Wrong PINs still allowed before the gate locks.
        tries_left: u32,
    },
    /// Too many wrong PINs: no PIN is checked, not even the right one, until `until`.
    LockedOut {
        /// When the next PIN will be checked.
        until: DateTime<Utc>,
    },
}

/// Checks PINs against a hash, locking out after [`FREE_TRIES`] wrong ones in a row: for
/// [`FIRST_LOCKOUT`], doubled for each further wrong PIN, at most [`MAX_LOCKOUT`]. The right
/// PIN starts the count again.
#[derive(Debug, Clone)]
pub struct PinGate {
    hash: PinHash,
    failures: u32,
    locked_until: Option<DateTime<Utc>>,
    /// Where the count of wrong PINs is kept, so a restart or a power cut does not clear it.
    record: Option<PathBuf>,
}

/// The count of wrong PINs as kept on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
struct GateRecord {
    failures: u32,
    locked_until: Option<DateTime<Utc>>,
}

impl PinGate {
    /// A gate for the PIN of `hash`, with no wrong PIN counted.
    pub fn new(hash: PinHash) -> Self {
        Self {
            hash,
            failures: 0,
            locked_until: None,
            record: None,
        }
    }

    /// The gate keeps its count of wrong PINs in `path` and starts from what is there: a
    /// lockout outlives a restart. An unreadable file counts as no wrong PIN; a file that
    /// cannot be written is logged, and the count still holds while the kiosk runs.
    pub fn remembered_in(mut self, path: PathBuf) -> Self {
        if let Some(kept) = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<GateRecord>(&bytes).ok())
        {
            self.failures = kept.failures;
            self.locked_until = kept.locked_until;
        }
        self.record = Some(path);
        self
    }

    fn remember(&self) {
        let Some(path) = &self.record else { return };
        let kept = GateRecord {
            failures: self.failures,
            locked_until: self.locked_until,
        };
        let written = serde_json::to_vec(&kept)
            .map_err(std::io::Error::other)
            .and_then(|bytes| {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                let temporary = path.with_extension("tmp");
                std::fs::write(&temporary, bytes)?;
                std::fs::rename(&temporary, path)
            });
        if let Err(e) = written {
            tracing::warn!(path = %path.display(), error = %e, "cannot keep the count of wrong maintenance PINs");
        }
    }

    /// Until when the gate refuses every PIN, if it does at `now`.
    pub fn locked_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// Checks `pin` at `now`.
    pub fn try_pin(&mut self, pin: &str, now: DateTime<Utc>) -> Result<(), PinRefused> {
        if let Some(until) = self.locked_until(now) {
            return Err(PinRefused::LockedOut { until });
        }
        if self.hash.matches(pin) {
            self.failures = 0;
            self.locked_until = None;
            self.remember();
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        let refused = match lockout_after(self.failures) {
            Some(lockout) => {
                let until = now + lockout;
                self.locked_until = Some(until);
                PinRefused::LockedOut { until }
            }
            None => PinRefused::Wrong {
                tries_left: FREE_TRIES.saturating_sub(self.failures),
            },
        };
        self.remember();
        Err(refused)
    }
}

/// How long the gate locks after `failures` wrong PINs in a row, if at all.
pub fn lockout_after(failures: u32) -> Option<Duration> {
    let beyond = failures.checked_sub(FREE_TRIES)?;
    // 2^6 minutes is already past the cap; stop doubling before it could overflow.
    let doubled = FIRST_LOCKOUT * 2_i32.pow(beyond.min(6));
    Some(doubled.min(MAX_LOCKOUT))
}

/// Who may use the maintenance screen right now: the PIN gate, and until when the screen
/// stays open after the right PIN.
#[derive(Debug)]
pub struct Access {
    gate: Option<PinGate>,
    open_until: Option<DateTime<Utc>>,
}

impl Access {
    /// Access guarded by the PIN of `hash`; without a hash the screen never opens.
    pub fn new(hash: Option<PinHash>) -> Self {
        Self {
            gate: hash.map(PinGate::new),
            open_until: None,
        }
    }

    /// The PIN gate keeps its count of wrong PINs in `path` (see [`PinGate::remembered_in`]).
    pub fn remembered_in(mut self, path: PathBuf) -> Self {
        self.gate = self.gate.map(|gate| gate.remembered_in(path));
        self
    }

    /// Checks the PIN; the right one opens the screen for [`OPEN_FOR`].
    pub fn unlock(&mut self, pin: &str, now: DateTime<Utc>) -> Result<(), MaintenanceError> {
        self.open_until = None;
        let Some(gate) = self.gate.as_mut() else {
            tracing::warn!(
                "maintenance screen asked for, but the profile sets no {PIN_HASH_SETTING}; it cannot be opened"
            );
            return Err(MaintenanceError::new(MaintenanceErrorKind::NoPinSet));
        };
        match gate.try_pin(pin, now) {
            Ok(()) => {
                tracing::info!("maintenance screen unlocked");
                self.open_until = Some(now + OPEN_FOR);
                Ok(())
            }
            Err(PinRefused::Wrong { tries_left }) => {
                tracing::warn!(tries_left, "wrong maintenance PIN");
                Err(MaintenanceError {
                    tries_left: Some(tries_left),
                    ..MaintenanceError::new(MaintenanceErrorKind::WrongPin)
                })
            }
            Err(PinRefused::LockedOut { until }) => {
                tracing::warn!(until = %until.to_rfc3339(), "maintenance PIN locked out");
                Err(MaintenanceError {
                    locked_until: Some(until.to_rfc3339()),
                    ..MaintenanceError::new(MaintenanceErrorKind::LockedOut)
                })
            }
        }
    }

    /// Lets a maintenance action through when the screen is open at `now`, and keeps it open
    /// for [`OPEN_FOR`] from now.
    pub fn check(&mut self, now: DateTime<Utc>) -> Result<(), MaintenanceError> {
        match self.open_until {
            Some(until) if now < until => {
                self.open_until = Some(now + OPEN_FOR);
                Ok(())
            }
            Some(_) => {
                tracing::info!("maintenance screen locked after {OPEN_FOR} without use");
                self.open_until = None;
                Err(MaintenanceError::new(MaintenanceErrorKind::NotUnlocked))
            }
            None => Err(MaintenanceError::new(MaintenanceErrorKind::NotUnlocked)),
        }
    }

    /// Closes the screen: the next action needs the PIN again.
    pub fn lock(&mut self) {
        if self.open_until.take().is_some() {
            tracing::info!("maintenance screen locked");
        }
    }

    /// Whether a PIN is set at all.
    pub fn has_pin(&self) -> bool {
        self.gate.is_some()
    }
}

impl MaintenanceError {
    /// An error of `kind` with nothing more to say.
    pub fn new(kind: MaintenanceErrorKind) -> Self {
        Self {
            kind,
            locked_until: None,
            tries_left: None,
        }
    }
}

/// The maintenance screen's side in Rust: access, and what it shows and does.
#[derive(Debug)]
pub struct Maintenance {
    access: Mutex<Access>,
    log: RecentLog,
    profile_source: String,
    app_version: String,
}

impl Maintenance {
    /// The maintenance side of a kiosk whose profile came from `profile_source`.
    pub fn new(
        pin_hash: Option<PinHash>,
        log: RecentLog,
        profile_source: String,
        app_version: String,
    ) -> Self {
        if pin_hash.is_none() {
            tracing::info!(
                "the profile sets no {PIN_HASH_SETTING}: the maintenance screen cannot be opened"
            );
        }
        Self {
            access: Mutex::new(Access::new(pin_hash)),
            log,
            profile_source,
            app_version,
        }
    }

    /// Keeps the count of wrong PINs in `path`, so a restart does not clear a lockout.
    pub fn remembering_failures_in(self, path: PathBuf) -> Self {
        let access = self.access.into_inner().unwrap_or_else(|e| e.into_inner());
        Self {
            access: Mutex::new(access.remembered_in(path)),
            ..self
        }
    }

    fn access(&self) -> std::sync::MutexGuard<'_, Access> {
        // A panic while holding the lock leaves nothing half-done worth refusing over.
        self.access.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Checks the PIN and, when right, tells what the screen shows. Blocks for the PIN
    /// check: call it off the async threads.
    /// `profile_version` is the central profile's version in force, if any.
    pub fn unlock(
        &self,
        kiosk: &Kiosk,
        profile_version: Option<u32>,
        pin: &str,
        now: DateTime<Utc>,
    ) -> Result<MaintenanceInfo, MaintenanceError> {
        self.access().unlock(pin, now)?;
        Ok(self.info(kiosk, profile_version))
    }

    /// Closes the screen.
    pub fn lock(&self) {
        self.access().lock();
    }

    /// Refuses unless the screen is open.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), MaintenanceError> {
        self.access().check(now)
    }

    fn info(&self, kiosk: &Kiosk, profile_version: Option<u32>) -> MaintenanceInfo {
        let config = kiosk.config();
        let profile = kiosk.profile();
        MaintenanceInfo {
            app_version: self.app_version.clone(),
            office_id: config.office_id,
            office_name: config.office_name,
            central_url: profile.central_url.to_string(),
            profile_source: self.profile_source.clone(),
            profile_version,
            printer: printer_summary(&profile.printer),
            open_for_seconds: OPEN_FOR.num_seconds() as u32,
        }
    }

    /// The recent log lines, oldest first.
    pub fn recent_logs(&self, now: DateTime<Utc>) -> Result<Vec<String>, MaintenanceError> {
        self.check(now)?;
        Ok(self.log.lines())
    }

    /// Asks the central whether it answers, how fast, whether it knows this office and
    /// accepts this kiosk's token.
    pub async fn connection_test(
        &self,
        kiosk: &Kiosk,
        now: DateTime<Utc>,
    ) -> Result<ConnectionTest, MaintenanceError> {
        self.check(now)?;
        let client = kiosk.client();
        let mut test = ConnectionTest {
            central_url: kiosk.profile().central_url.to_string(),
            reachable: false,
            latency_ms: None,
            central_version: None,
            office_name: None,
            token_accepted: None,
            problem: None,
        };
        let started = std::time::Instant::now();
        match client.health().await {
            Ok(health) => {
                test.reachable = true;
                test.latency_ms = Some(millis(started.elapsed()));
                test.central_version = Some(health.version);
            }
            Err(error) => {
                test.problem = Some(error.to_string());
                tracing::warn!(%error, "maintenance connection test: the central does not answer");
                return Ok(test);
            }
        }
        match client.office().await {
            Ok(office) => test.office_name = Some(office.name),
            Err(error) => test.problem = Some(error.to_string()),
        }
        match client.catalogue(kiosk.catalogue_etag().as_deref()).await {
            Ok(_) => test.token_accepted = Some(true),
            Err(ClientError::Refused { status, body }) if status == 401 || status == 403 => {
                test.token_accepted = Some(false);
                test.problem.get_or_insert(format!(
                    "the central refused this kiosk's token ({status}): {}",
                    body.message
                ));
            }
            Err(error) => {
                test.problem.get_or_insert(error.to_string());
            }
        }
        tracing::info!(
            latency_ms = test.latency_ms,
            office_known = test.office_name.is_some(),
            token_accepted = test.token_accepted,
            "maintenance connection test"
        );
        Ok(test)
    }

    /// Prints a test page on the profile's printer: the office, the printer settings, a QR
    /// code and the date in the office's time. The printer is asked first, as for a ticket.
    pub async fn print_test_page(
        &self,
        kiosk: &Kiosk,
        now: DateTime<Utc>,
    ) -> Result<TestPrint, MaintenanceError> {
        self.check(now)?;
        let local_time = kiosk
            .office_now()
            .map(office_time)
            .unwrap_or_else(|| OFFICE_TIME_UNKNOWN.to_owned());
        let config = kiosk.config();
        let settings = &kiosk.profile().printer;
        let page = test_page(
            &config.office_name,
            &config.office_id,
            settings,
            &local_time,
        );
        let printer = kiosk.printer().clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let status = printer.status();
            if !status.can_print() {
                return (status, None);
            }
            match printer.print(&page) {
                Ok(()) => (status, None),
                Err(error) => (error.status(), Some(error.to_string())),
            }
        })
        .await;
        let (status, error) =
            outcome.unwrap_or_else(|e| (PrinterStatus::Unknown, Some(e.to_string())));
        let printed = status.can_print() && error.is_none();
        tracing::info!(
            ?status,
            printed,
            error = error.as_deref(),
            "maintenance test page"
        );
        Ok(TestPrint {
            printed,
            state: status,
            detail: error.unwrap_or_else(|| status.staff_note().to_owned()),
            printer: printer_summary(settings),
        })
    }
}

/// What a test page prints for its time before the central gave the office's time.
const OFFICE_TIME_UNKNOWN: &str = "--/--/---- --:--";

/// An office time as printed on paper: `02/03/2026 15:04`.
pub fn office_time(at: DateTime<FixedOffset>) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

impl MaintenanceError {
    /// The refusal as staff read it: `locked_until` in the office's time, the lockout's
    /// remaining length (measured at `now`) added to `office_now`; `null` when the office
    /// time is not known yet.
    pub fn in_office_time(
        mut self,
        now: DateTime<Utc>,
        office_now: Option<DateTime<FixedOffset>>,
    ) -> Self {
        if let Some(until) = self.locked_until.take() {
            let until = DateTime::parse_from_rfc3339(&until).ok();
            self.locked_until = until.zip(office_now).map(|(until, office_now)| {
                let left = (until.with_timezone(&Utc) - now).max(Duration::zero());
                crate::clock::rfc3339(office_now + left)
            });
        }
        self
    }
}

fn millis(elapsed: StdDuration) -> u32 {
    elapsed.as_millis().try_into().unwrap_or(u32::MAX)
}

/// What the screen says about the printer settings.
pub fn printer_summary(settings: &PrinterSettings) -> PrinterSummary {
    PrinterSummary {
        transport: settings.transport.describe(),
        paper_width_mm: settings.paper_width.mm(),
        darkness: settings.darkness.level(),
        cut: match settings.cut {
            printer::Cut::Partial => "partial".into(),
            printer::Cut::Full => "full".into(),
        },
    }
}

/// The text of the QR code on a test page.
pub fn test_page_qr_text(office_id: &str, local_time: &str) -> String {
    format!("LOBBY-KIOSK TEST PAGE {office_id} {local_time}")
}

/// A test page, laid out as a ticket: the office, "test page" where the number goes, the
/// printer settings in the rows, a QR code, and the profile's header and footer.
pub fn test_page(
    office_name: &str,
    office_id: &str,
    settings: &PrinterSettings,
    local_time: &str,
) -> TicketPrint {
    TicketPrint {
        office_name: office_name.to_owned(),
        number: "IN THỬ".into(),
        service_name: format!(
            "{} · cut: {}",
            settings.transport.describe(),
            printer_summary(settings).cut
        ),
        issued_at_local: local_time.to_owned(),
        people_ahead: u32::from(settings.darkness.level()),
        estimated_wait_minutes: settings.paper_width.mm(),
        track_url: test_page_qr_text(office_id, local_time),
        bring_line: Some(
            "Nếu đọc rõ trang này và quét được mã QR, máy in hoạt động tốt. / If this page reads clearly and the QR code scans, the printer works."
                .into(),
        ),
        labels: TicketLabels {
            your_number: "Trang in thử / Test page".into(),
            issued_at: "Ngày in / Printed".into(),
            people_ahead: "Độ đậm (1–7) / Darkness".into(),
            estimated_wait: "Khổ giấy / Paper".into(),
            minutes: "mm".into(),
            scan_to_track: "Quét thử mã QR / Scan to test".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};

    /// A hash made with the smallest Argon2 parameters, so that tests check PINs quickly.
    fn quick_hash(pin: &str) -> PinHash {
        let argon = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8, 1, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let phc = argon.hash_password(pin.as_bytes(), &salt).unwrap();
        PinHash::parse(&phc.to_string()).unwrap()
    }

    fn at(minutes: i64, seconds: i64) -> DateTime<Utc> {
        "2026-03-02T08:00:00Z".parse::<DateTime<Utc>>().unwrap()
            + Duration::minutes(minutes)
            + Duration::seconds(seconds)
    }

    #[test]
    fn five_wrong_pins_lock_the_gate_and_even_the_right_pin_waits() {
        let mut gate = PinGate::new(quick_hash("246810"));
        for tries_left in (1..FREE_TRIES).rev() {
            assert_eq!(
                gate.try_pin("111111", at(0, 0)),
                Err(PinRefused::Wrong { tries_left })
            );
        }
        let until = at(1, 10);
        assert_eq!(
            gate.try_pin("111111", at(0, 10)),
            Err(PinRefused::LockedOut { until })
        );
        assert_eq!(gate.locked_until(at(0, 30)), Some(until));
        assert_eq!(
            gate.try_pin("246810", at(0, 30)),
            Err(PinRefused::LockedOut { until }),
            "a locked gate refuses the right PIN, and says until when"
        );
        assert_eq!(
            gate.try_pin("246810", at(1, 9)),
            Err(PinRefused::LockedOut { until }),
            "a refused try does not lengthen the lockout"
        );
        assert_eq!(gate.locked_until(until), None);
        assert_eq!(gate.try_pin("246810", until), Ok(()));
        assert_eq!(
            gate.try_pin("111111", at(2, 0)),
            Err(PinRefused::Wrong { tries_left: 4 }),
            "the right PIN starts the count again"
        );
    }

    #[test]
    fn a_lockout_outlives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache").join("maintenance-lockout.json");
        let mut gate = PinGate::new(quick_hash("246810")).remembered_in(file.clone());
        for _ in 0..FREE_TRIES - 1 {
            assert!(matches!(
                gate.try_pin("111111", at(0, 0)),
                Err(PinRefused::Wrong { .. })
            ));
        }
        // The kiosk restarts before the fifth wrong PIN: the count goes on from four.
        let mut gate = PinGate::new(quick_hash("246810")).remembered_in(file.clone());
        let until = at(1, 10);
        assert_eq!(
            gate.try_pin("111111", at(0, 10)),
            Err(PinRefused::LockedOut { until })
        );
        // And again while locked: still locked, the right PIN still waits.
        let mut gate = PinGate::new(quick_hash("246810")).remembered_in(file.clone());
        assert_eq!(
            gate.try_pin("246810", at(0, 30)),
            Err(PinRefused::LockedOut { until })
        );
        assert_eq!(gate.try_pin("246810", until), Ok(()));
        let gate = PinGate::new(quick_hash("246810")).remembered_in(file.clone());
        assert_eq!(gate.locked_until(until), None);
        // A damaged file counts as no wrong PIN, never as a way to lock the screen for good.
        std::fs::write(&file, "{not json").unwrap();
        let mut gate = PinGate::new(quick_hash("246810")).remembered_in(file);
        assert_eq!(
            gate.try_pin("111111", at(3, 0)),
            Err(PinRefused::Wrong { tries_left: 4 })
        );
    }

    #[test]
    fn each_further_wrong_pin_doubles_the_lockout_up_to_an_hour() {
        let mut gate = PinGate::new(quick_hash("246810"));
        let mut now = at(0, 0);
        for _ in 1..FREE_TRIES {
            let _ = gate.try_pin("000000", now);
        }
        let mut lockouts = Vec::new();
        for _ in 0..9 {
            match gate.try_pin("000000", now) {
                Err(PinRefused::LockedOut { until }) => {
                    lockouts.push((until - now).num_minutes());
                    now = until;
                }
                other => panic!("expected a lockout, got {other:?}"),
            }
        }
        assert_eq!(lockouts, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(gate.try_pin("246810", now), Ok(()));
    }

    #[test]
    fn the_lockout_grows_from_the_fifth_failure_and_is_capped() {
        let minutes = |n| lockout_after(n).map(|d| d.num_minutes());
        for n in 0..FREE_TRIES {
            assert_eq!(minutes(n), None);
        }
        assert_eq!(minutes(5), Some(1));
        assert_eq!(minutes(6), Some(2));
        assert_eq!(minutes(10), Some(32));
        assert_eq!(minutes(11), Some(60));
        assert_eq!(minutes(u32::MAX), Some(60));
    }

    #[test]
    fn the_screen_opens_with_the_pin_and_closes_when_left_or_unused() {
        let mut access = Access::new(Some(quick_hash("246810")));
        let refused = |r: Result<(), MaintenanceError>| r.unwrap_err().kind;
        assert_eq!(
            refused(access.check(at(0, 0))),
            MaintenanceErrorKind::NotUnlocked
        );

        let wrong = access.unlock("135790", at(0, 0)).unwrap_err();
        assert_eq!(wrong.kind, MaintenanceErrorKind::WrongPin);
        assert_eq!(wrong.tries_left, Some(4));
        assert_eq!(
            refused(access.check(at(0, 1))),
            MaintenanceErrorKind::NotUnlocked
        );

        access.unlock("246810", at(0, 0)).unwrap();
        assert!(access.check(at(4, 59)).is_ok());
        assert!(access.check(at(9, 58)).is_ok(), "each action keeps it open");
        assert_eq!(
            refused(access.check(at(14, 59))),
            MaintenanceErrorKind::NotUnlocked,
            "five minutes without an action close it"
        );
        assert_eq!(
            refused(access.check(at(15, 0))),
            MaintenanceErrorKind::NotUnlocked
        );

        access.unlock("246810", at(20, 0)).unwrap();
        access.lock();
        assert_eq!(
            refused(access.check(at(20, 1))),
            MaintenanceErrorKind::NotUnlocked
        );
    }

    #[test]
    fn a_lockout_says_until_when() {
        let mut access = Access::new(Some(quick_hash("246810")));
        for _ in 0..FREE_TRIES - 1 {
            let _ = access.unlock("000000", at(0, 0));
        }
        let locked = access.unlock("000000", at(0, 0)).unwrap_err();
        assert_eq!(locked.kind, MaintenanceErrorKind::LockedOut);
        assert_eq!(
            locked.locked_until.as_deref(),
            Some("2026-03-02T08:01:00+00:00")
        );
        let still = access.unlock("246810", at(0, 30)).unwrap_err();
        assert_eq!(still.kind, MaintenanceErrorKind::LockedOut);
        assert_eq!(
            refused_kind(&mut access, at(0, 31)),
            MaintenanceErrorKind::NotUnlocked
        );
    }

    #[test]
    fn a_lockout_reads_in_the_office_time_not_the_machine_one() {
        let mut access = Access::new(Some(quick_hash("246810")));
        for _ in 0..FREE_TRIES - 1 {
            let _ = access.unlock("000000", at(0, 0));
        }
        let locked = access.unlock("000000", at(0, 0)).unwrap_err();
        // The machine says 08:00 UTC; the central says it is 09:00 in the office, a day later.
        let office_now = DateTime::parse_from_rfc3339("2026-03-03T09:00:00+07:00").ok();
        let shown = locked.clone().in_office_time(at(0, 0), office_now);
        assert_eq!(
            shown.locked_until.as_deref(),
            Some("2026-03-03T09:01:00+07:00")
        );
        assert_eq!(shown.kind, MaintenanceErrorKind::LockedOut);
        // Before the central answered, no time is claimed.
        assert_eq!(locked.in_office_time(at(0, 0), None).locked_until, None);
    }

    fn refused_kind(access: &mut Access, now: DateTime<Utc>) -> MaintenanceErrorKind {
        access.check(now).unwrap_err().kind
    }

    #[test]
    fn without_a_pin_hash_the_screen_never_opens() {
        let mut access = Access::new(None);
        assert!(!access.has_pin());
        for pin in ["", "246810", "000000"] {
            assert_eq!(
                access.unlock(pin, at(0, 0)).unwrap_err().kind,
                MaintenanceErrorKind::NoPinSet
            );
        }
        assert_eq!(
            refused_kind(&mut access, at(0, 1)),
            MaintenanceErrorKind::NotUnlocked
        );
    }

    #[test]
    fn the_profile_setting_is_checked_with_its_field() {
        use crate::profile::Profile;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kiosk.token"), "kiosk_abc\n").unwrap();
        let head = "central_url = \"http://127.0.0.1:8080\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n";
        let hash = quick_hash("246810");
        let profile = Profile::parse(
            &format!("{head}{PIN_HASH_SETTING} = \"{}\"\n", hash.as_str()),
            dir.path(),
        )
        .unwrap();
        assert_eq!(profile.maintenance_pin_hash, Some(hash));
        assert_eq!(
            Profile::parse(head, dir.path())
                .unwrap()
                .maintenance_pin_hash,
            None
        );

        let problems = Profile::parse(
            &format!("{head}{PIN_HASH_SETTING} = \"246810\"\n"),
            dir.path(),
        )
        .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, PIN_HASH_SETTING);
        assert!(problems[0].message.contains("kiosk maintenance hash-pin"));
    }

    #[test]
    fn the_test_page_prints_the_settings_and_a_qr_code() {
        let settings = PrinterSettings {
            header: vec!["UBND phường Ba Đình".into()],
            ..PrinterSettings::default()
        };
        let page = test_page(
            "Phường Ba Đình",
            "hn-ba-dinh",
            &settings,
            "02/03/2026 15:04",
        );
        assert_eq!(page.issued_at_local, "02/03/2026 15:04");
        assert_eq!(page.estimated_wait_minutes, 80);
        assert_eq!(page.people_ahead, 4);
        assert_eq!(
            page.track_url,
            "LOBBY-KIOSK TEST PAGE hn-ba-dinh 02/03/2026 15:04"
        );
        assert!(page.service_name.starts_with("none · cut: partial"));
        let image = printer::Printer::new(&settings)
            .unwrap()
            .render(&page)
            .unwrap();
        assert_eq!(image.width(), 576);
    }
}
