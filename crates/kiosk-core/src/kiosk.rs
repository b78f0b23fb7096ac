//! What a visitor can do at the kiosk, as plain async methods over the central
//! client: the Tauri commands are one-line calls to these.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use printer::{issue_and_print, Issued, Printer, PrinterSettings, PrinterStatus, TicketPrint};
use wire::{
    Arrival, Catalogue, CatalogueAnswer, LocalizedText, MostTaken, OpeningStatus, Priority,
    Procedure, Ticket,
};

use crate::cache::{CachedCatalogue, CatalogueFile};
use crate::client::{new_idempotency_key, CatalogueFetch, CentralClient, ClientError};
use crate::clock::OfficeClock;
use crate::ipc::{
    AppointmentView, CardBookings, CatalogueView, ConnectionState, DaySlots, KioskConfig,
    KioskError, KioskErrorKind, OnlineHandoff, PrintOutcome, QrSvg, TicketView,
};
use crate::links::{checklist_url, portal_url};
use crate::profile::Profile;
use crate::qr::qr_svg;
use crate::quick::{quick_numbers, MOST_TAKEN_ASKED, MOST_TAKEN_DAYS};
use crate::search::SearchIndex;
use crate::visitor::number_offer;
use kiosk_profile::Settings;

/// Working days offered for booking.
pub const BOOKING_DAYS: usize = 7;
/// Calendar days looked through to find them (weekends and holidays have no slots).
const BOOKING_LOOKAHEAD_DAYS: i64 = 14;
/// Most procedures a search answers with: more than a visitor reads.
pub const SEARCH_LIMIT: usize = 40;
/// How long a full lobby is remembered after the central refused a number for it
/// (unless a number is issued sooner).
const LOBBY_FULL_REMEMBERED: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// The catalogue the kiosk holds, with its ETag, the part of it the profile shows, and
/// the search index over that part.
#[derive(Debug)]
struct Held {
    /// As the central sent it, and as it is kept on disk.
    answer: CatalogueAnswer,
    etag: Option<String>,
    /// The procedures the profile offers (`shown_fields`, `shown_procedures`).
    shown: Catalogue,
    index: SearchIndex,
}

impl Held {
    fn new(answer: CatalogueAnswer, etag: Option<String>, settings: &Settings) -> Arc<Self> {
        let mut shown = answer.catalogue.clone();
        shown
            .procedures
            .retain(|p| settings.shows_procedure(&p.code, &p.field.vi));
        let index = SearchIndex::new(&shown.procedures);
        Arc::new(Self {
            answer,
            etag,
            shown,
            index,
        })
    }
}

/// One kiosk: its profile, its link to the central, and what it last knew.
#[derive(Debug)]
pub struct Kiosk {
    profile: Profile,
    client: CentralClient,
    office_name: RwLock<Option<String>>,
    catalogue: RwLock<Option<Arc<Held>>>,
    /// The office's most-taken procedures, as the central last gave them.
    most_taken: RwLock<Option<MostTaken>>,
    file: CatalogueFile,
    /// The office name in the file on disk.
    kept_name: RwLock<Option<String>>,
    online: AtomicBool,
    /// Whether the office is open, as the central last said.
    opening: RwLock<Option<OpeningStatus>>,
    printer: Printer,
    last_printer_problem: Mutex<Option<PrinterProblem>>,
    /// The office's time, from the central's answers.
    clock: OfficeClock,
    /// When the central last refused a number for a full lobby, if none was issued since.
    lobby_full_at: Mutex<Option<Instant>>,
    /// The connection state as last reported, to tell when it changed.
    reported: Mutex<Option<ConnectionState>>,
}

/// The last time the printer let a visitor down, kept for staff (the kiosk heartbeat will
/// carry it to the central).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterProblem {
    /// When it happened on the machine's clock: only to tell how long ago, never shown.
    pub at: DateTime<Utc>,
    /// When it happened in office time, when the kiosk knew it.
    pub office_at: Option<DateTime<FixedOffset>>,
    /// The printer's state, as far as it is known.
    pub status: PrinterStatus,
    /// What staff should look at: the status's note, or the print error.
    pub detail: String,
    /// True when a number was issued but did not print; false when none was issued.
    pub ticket_issued: bool,
}

fn text(vi: &str, en: &str) -> LocalizedText {
    LocalizedText::new(vi, en)
}

impl KioskError {
    fn new(kind: KioskErrorKind, message: LocalizedText) -> Self {
        Self {
            kind,
            message,
            next_slots: Vec::new(),
        }
    }

    fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "kiosk error");
        Self::new(
            KioskErrorKind::Internal,
            text(
                "Máy gặp sự cố. Vui lòng hỏi cán bộ hướng dẫn.",
                "Something went wrong. Please ask a member of staff.",
            ),
        )
    }
}

impl From<ClientError> for KioskError {
    fn from(error: ClientError) -> Self {
        match error {
            ClientError::Unreachable(detail) => {
                tracing::warn!(%detail, "central unreachable");
                KioskError::new(
                    KioskErrorKind::CentralUnreachable,
                    text(
                        "Máy chưa kết nối được với hệ thống. Vui lòng thử lại sau ít phút hoặc hỏi cán bộ hướng dẫn.",
                        "The kiosk cannot reach the office system. Please try again in a few minutes or ask a member of staff.",
                    ),
                )
            }
            ClientError::Refused { body, status } => match body.error.as_str() {
                "lobby_full" => KioskError {
                    kind: KioskErrorKind::LobbyFull,
                    message: text(
                        "Phòng chờ đã đủ chỗ. Mời bạn đặt lịch hẹn vào giờ khác.",
                        "The waiting area is full. Please book a time to come back.",
                    ),
                    next_slots: body.next_slots.unwrap_or_default(),
                },
                "slot_full" => KioskError::new(
                    KioskErrorKind::SlotFull,
                    text("Giờ này vừa hết chỗ. Mời bạn chọn giờ khác.", "This time has just filled up. Please choose another."),
                ),
                // No word of a normal number here: whether one is offered now is the
                // visitor rule's to say (`crate::visitor`), and the screen shows it.
                "outside_check_in_window" => {
                    let (opens, closes) = body
                        .window
                        .map(|w| (clock_time(&w.opens_at), clock_time(&w.closes_at)))
                        .unwrap_or_default();
                    let message = match body.arrival {
                        Some(Arrival::Early) => text(
                            &format!("Bạn đến sớm. Lịch hẹn nhận từ {opens} đến {closes}: hãy quay lại lúc {opens}."),
                            &format!("You are early. Your booking can be checked in from {opens} to {closes}: come back at {opens}."),
                        ),
                        Some(Arrival::Late) => text(
                            &format!("Lịch hẹn đã hết giờ nhận (từ {opens} đến {closes}). Bạn có thể đặt lịch khác."),
                            &format!("The check-in time for this booking is over ({opens} to {closes}). You can book another time."),
                        ),
                        None => text(
                            &format!("Lịch hẹn của bạn nhận từ {opens} đến {closes}."),
                            &format!("Your booking can be checked in from {opens} to {closes}."),
                        ),
                    };
                    KioskError::new(KioskErrorKind::OutsideWindow, message)
                }
                "office_closed" => {
                    let message = match body.opens_at.as_deref().and_then(local_day_and_time) {
                        Some((day, time)) => text(
                            &format!("Trung tâm đang ngoài giờ làm việc. Mở cửa lại lúc {time} ngày {day}. Bạn vẫn có thể đặt lịch hẹn hoặc kiểm tra hồ sơ."),
                            &format!("The centre is closed now. It opens again at {time} on {day}. You can still book a time or check your documents."),
                        ),
                        None => text(
                            "Trung tâm đang ngoài giờ làm việc. Bạn vẫn có thể đặt lịch hẹn hoặc kiểm tra hồ sơ.",
                            "The centre is closed now. You can still book a time or check your documents.",
                        ),
                    };
                    KioskError::new(KioskErrorKind::OfficeClosed, message)
                }
                "unknown_appointment" => KioskError::new(
                    KioskErrorKind::NotFound,
                    text("Không tìm thấy lịch hẹn với mã này. Vui lòng kiểm tra lại mã.", "No booking has this code. Please check the code."),
                ),
                // Too many wrong codes typed here: the visitor can still be found by name.
                "check_in_locked" => {
                    let minutes = body.retry_after.unwrap_or(300).div_ceil(60).max(1);
                    KioskError::new(
                        KioskErrorKind::Rejected,
                        text(
                            &format!("Máy tạm ngừng nhận lịch hẹn bằng mã vì đã nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút, tìm lịch hẹn theo họ tên, hoặc hỏi cán bộ hướng dẫn."),
                            &format!("Check-in by code is paused on this kiosk after too many wrong codes. Please try again in {minutes} minutes, find your booking by your name, or ask a member of staff."),
                        ),
                    )
                }
                "too_many_visits" | "too_many_check_ins" | "too_many_lookups" | "too_many_requests" => {
                    let seconds = body.retry_after.unwrap_or(10).max(1);
                    KioskError::new(
                        KioskErrorKind::Rejected,
                        text(
                            &format!("Máy đang bận. Vui lòng chờ {seconds} giây rồi thử lại."),
                            &format!("The kiosk is busy. Please wait {seconds} seconds and try again."),
                        ),
                    )
                }
                "too_many_bookings_for_phone" => KioskError::new(
                    KioskErrorKind::Rejected,
                    text(
                        "Số điện thoại này đã đặt đủ số lịch hẹn được phép trong ngày đó. Mời bạn chọn ngày khác hoặc hỏi cán bộ hướng dẫn.",
                        "This phone number already holds as many bookings for that day as allowed. Please choose another day or ask a member of staff.",
                    ),
                ),
                "invalid_phone" => KioskError::new(
                    KioskErrorKind::Rejected,
                    text(
                        "Số điện thoại chưa đúng. Số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
                        "That phone number is not valid. A mobile number has 10 digits and starts with 03, 05, 07, 08 or 09.",
                    ),
                ),
                _ => {
                    tracing::warn!(status, error = %body.error, "central refused");
                    KioskError::new(
                        KioskErrorKind::Rejected,
                        text(
                            "Yêu cầu chưa thực hiện được. Vui lòng hỏi cán bộ hướng dẫn.",
                            "The request could not be done. Please ask a member of staff.",
                        ),
                    )
                }
            },
            ClientError::Unexpected(detail) => KioskError::internal(detail),
        }
    }
}

/// `dd/MM/yyyy` and `HH:MM` of an RFC 3339 time as written by the central (in local time).
fn local_day_and_time(rfc3339: &str) -> Option<(String, String)> {
    let at = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    Some((
        at.format("%d/%m/%Y").to_string(),
        at.format("%H:%M").to_string(),
    ))
}

/// `HH:MM` of an RFC 3339 time as written by the central (already in local time).
fn clock_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

impl Kiosk {
    /// A kiosk for a valid profile, holding the catalogue it kept on disk, if any.
    pub fn new(profile: Profile) -> Result<Self, ClientError> {
        let client =
            CentralClient::new(profile.central_url.clone(), &profile.office, &profile.token)?;
        let file = CatalogueFile::new(&profile.cache_dir, &profile.office);
        let kept = file.load();
        if kept.is_some() {
            tracing::info!(path = %file.path().display(), "catalogue read from disk");
        }
        let office_name = kept.as_ref().and_then(|k| k.office_name.clone());
        let most_taken = kept.as_ref().and_then(|k| k.most_taken.clone());
        let held = kept.map(|kept| Held::new(kept.answer, kept.etag, &profile.settings));
        let printer = Printer::new(&profile.printer).unwrap_or_else(|error| {
            // The logo was a readable PNG when the profile was checked; if it is gone now,
            // tickets still print, without it.
            tracing::warn!(%error, "printer logo unusable; printing without it");
            let settings = PrinterSettings {
                logo: None,
                ..profile.printer.clone()
            };
            Printer::new(&settings).expect("a printer without a logo has nothing to fail on")
        });
        Ok(Self {
            profile,
            client,
            office_name: RwLock::new(office_name.clone()),
            catalogue: RwLock::new(held),
            most_taken: RwLock::new(most_taken),
            file,
            kept_name: RwLock::new(office_name),
            online: AtomicBool::new(false),
            opening: RwLock::new(None),
            printer,
            last_printer_problem: Mutex::new(None),
            clock: OfficeClock::new(),
            lobby_full_at: Mutex::new(None),
            reported: Mutex::new(None),
        })
    }

    /// The adapter to the central, for the fleet's register and heartbeat
    /// (see [`crate::fleet::ProfileSync`]).
    pub fn client(&self) -> &CentralClient {
        &self.client
    }

    /// Asks the printer whether it can print (off the async threads); `NoPrinter` when
    /// the profile names none.
    pub async fn printer_status(&self) -> PrinterStatus {
        let printer = self.printer.clone();
        tokio::task::spawn_blocking(move || printer.status())
            .await
            .unwrap_or(PrinterStatus::NotResponding)
    }

    /// The last printer problem since the kiosk started, if any: for the heartbeat.
    pub fn printer_problem(&self) -> Option<PrinterProblem> {
        self.last_printer_problem
            .lock()
            .ok()
            .and_then(|p| p.clone())
    }

    /// The profile the kiosk runs with.
    pub(crate) fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The ticket printer.
    pub(crate) fn printer(&self) -> &Printer {
        &self.printer
    }

    /// The ETag of the catalogue held, for a request that costs the central nothing.
    pub(crate) fn catalogue_etag(&self) -> Option<String> {
        self.held().and_then(|held| held.etag.clone())
    }

    fn note_printer_problem(&self, status: PrinterStatus, detail: String, ticket_issued: bool) {
        // No ticket number or service here: the log stays free of anything about a visitor.
        tracing::warn!(?status, %detail, ticket_issued, "printer problem");
        if let Ok(mut slot) = self.last_printer_problem.lock() {
            *slot = Some(PrinterProblem {
                at: Utc::now(),
                office_at: self.office_now(),
                status,
                detail,
                ticket_issued,
            });
        }
    }

    /// What goes on the paper ticket: words from the catalogue held and the office name.
    fn ticket_print(&self, ticket: &Ticket) -> TicketPrint {
        let office_name = self
            .office_name
            .read()
            .ok()
            .and_then(|n| n.clone())
            .unwrap_or_else(|| self.profile.office.clone());
        let service_name = self
            .held()
            .and_then(|held| {
                held.answer
                    .catalogue
                    .procedures
                    .iter()
                    .find(|p| p.code == ticket.service)
                    .map(|p| p.name.vi.clone())
            })
            .unwrap_or_else(|| ticket.service.clone());
        to_ticket_print(ticket, office_name, service_name)
    }

    /// What the UI needs to know about this kiosk.
    pub fn config(&self) -> KioskConfig {
        let name = self.office_name.read().ok().and_then(|n| n.clone());
        KioskConfig {
            office_id: self.profile.office.clone(),
            office_name: name.unwrap_or_else(|| self.profile.office.clone()),
            default_language: self.profile.default_language,
            languages: self.profile.languages.clone(),
            idle_timeout_seconds: self.profile.idle_timeout_seconds,
            home_actions: self.profile.home_actions.clone(),
            branding: self.profile.branding.clone(),
            accessibility: self.profile.accessibility.clone(),
            closed_message: self.profile.closed_message.clone(),
            profile_version: None,
        }
    }

    /// Whether the last check reached the central.
    pub fn is_online(&self) -> bool {
        self.online.load(Ordering::Relaxed)
    }

    /// The office's time now, as the central last gave it and the kiosk's monotonic clock
    /// ran it on; `None` before the central first answered.
    pub fn office_now(&self) -> Option<DateTime<FixedOffset>> {
        self.clock.now()
    }

    /// The office's date now; `None` before the central first answered.
    pub fn office_today(&self) -> Option<NaiveDate> {
        self.clock.today()
    }

    /// Whether a full lobby refused a number a short while ago, with none issued since.
    fn lobby_full(&self) -> bool {
        let at = self.lobby_full_at.lock().ok().and_then(|at| *at);
        at.is_some_and(|at| at.elapsed() < LOBBY_FULL_REMEMBERED)
    }

    fn note_lobby(&self, full: bool) {
        if let Ok(mut at) = self.lobby_full_at.lock() {
            *at = full.then(Instant::now);
        }
    }

    /// Whether the central answers, the office is open, and what the visitor may do now.
    pub fn connection_state(&self) -> ConnectionState {
        let online = self.is_online();
        let opening = self.opening.read().ok().and_then(|o| o.clone());
        let number = number_offer(
            online,
            opening.as_ref(),
            self.office_now(),
            self.lobby_full(),
        );
        ConnectionState {
            online,
            opening,
            number,
        }
    }

    /// Asks the central whether it answers and whether the office is open, and sets the
    /// office's clock by its answer; returns true when the connection state changed
    /// since it was last reported. Coming back online also refreshes the office name
    /// and catalogue.
    pub async fn check_connection(&self) -> bool {
        let sent = Instant::now();
        let answer = self.client.office_status().await;
        // The central wrote its time somewhere between the request and the answer.
        let received = Instant::now();
        let taken = sent + received.duration_since(sent) / 2;
        let (online, opening) = match answer {
            Ok(status) => {
                if let Err(e) = self.clock.set(&status.now, taken) {
                    tracing::warn!(error = %e, "the central's time is unusable");
                }
                (true, Some(status.opening))
            }
            // It answered, though not with the status: reachable, opening unknown.
            Err(ClientError::Refused { .. }) => (true, None),
            Err(_) => (false, None),
        };
        let came_online = !self.online.swap(online, Ordering::Relaxed) && online;
        if let Ok(mut held) = self.opening.write() {
            *held = opening;
        }
        let state = self.connection_state();
        let changed = match self.reported.lock() {
            Ok(mut reported) if reported.as_ref() != Some(&state) => {
                *reported = Some(state);
                true
            }
            _ => false,
        };
        let name_missing = self.office_name.read().map(|n| n.is_none()).unwrap_or(true);
        if online && (changed || came_online || name_missing || !self.clock.has_zone()) {
            if let Ok(office) = self.client.office().await {
                if let Err(e) = self.clock.set_zone(&office.time_zone) {
                    tracing::warn!(error = %e, "the office's time zone is unusable");
                }
                if let Ok(mut name) = self.office_name.write() {
                    *name = Some(office.name);
                }
            }
            let _ = self.refresh_catalogue().await;
            // The name arrived after the catalogue was kept, or it changed: keep it too.
            let name = self.office_name.read().ok().and_then(|n| n.clone());
            let kept = self.kept_name.read().ok().and_then(|n| n.clone());
            if let (Some(held), true) = (self.held(), name.is_some() && name != kept) {
                self.keep(held.answer.clone(), held.etag.clone()).await;
            }
        }
        changed
    }

    /// Writes the catalogue, its ETag, the office name and the most-taken procedures to
    /// disk. A failure is logged: it only costs a full fetch at the next start.
    async fn keep(&self, answer: CatalogueAnswer, etag: Option<String>) {
        let office_name = self.office_name.read().ok().and_then(|n| n.clone());
        let kept = CachedCatalogue {
            etag,
            office_name: office_name.clone(),
            answer,
            most_taken: self.most_taken(),
        };
        let file = self.file.clone();
        // Off the async threads.
        let saved = tokio::task::spawn_blocking(move || file.save(&kept)).await;
        match saved.map_err(std::io::Error::other).and_then(|r| r) {
            Ok(()) => {
                if let Ok(mut kept_name) = self.kept_name.write() {
                    *kept_name = office_name;
                }
            }
            Err(e) => {
                tracing::warn!(path = %self.file.path().display(), error = %e, "cannot keep the catalogue on disk")
            }
        }
    }

    /// The office's most-taken procedures held, if the central ever gave them.
    fn most_taken(&self) -> Option<MostTaken> {
        self.most_taken.read().ok().and_then(|m| m.clone())
    }

    /// Asks for the catalogue (conditionally) and the most-taken procedures together. A
    /// most-taken list that changed while the catalogue did not is kept on disk too;
    /// one that cannot be fetched leaves the last one held.
    async fn refresh_catalogue(&self) -> Result<Catalogue, KioskError> {
        let etag = self.held().and_then(|held| held.etag.clone());
        let (fetched, most_taken) = futures::future::join(
            self.client.catalogue(etag.as_deref()),
            self.client.most_taken(MOST_TAKEN_DAYS, MOST_TAKEN_ASKED),
        )
        .await;
        let taken_changed = match most_taken {
            Ok(fresh) => match self.most_taken.write() {
                Ok(mut held) if held.as_ref() != Some(&fresh) => {
                    *held = Some(fresh);
                    true
                }
                _ => false,
            },
            Err(e) => {
                tracing::warn!(error = %e, "cannot fetch the most-taken procedures; keeping the last known");
                false
            }
        };
        match fetched? {
            CatalogueFetch::Fresh { answer, etag } => {
                self.keep(answer.clone(), etag.clone()).await;
                // Indexing a large catalogue takes a moment: not on the async threads.
                let settings = self.profile.settings.clone();
                let held = tokio::task::spawn_blocking(move || Held::new(answer, etag, &settings))
                    .await
                    .map_err(KioskError::internal)?;
                let catalogue = held.shown.clone();
                if let Ok(mut slot) = self.catalogue.write() {
                    *slot = Some(held);
                }
                Ok(catalogue)
            }
            CatalogueFetch::Unchanged => {
                let held = self
                    .held()
                    .ok_or_else(|| KioskError::internal("304 without a cached catalogue"))?;
                if taken_changed {
                    self.keep(held.answer.clone(), held.etag.clone()).await;
                }
                Ok(held.shown.clone())
            }
        }
    }

    /// The quick numbers for the procedures `shown`: pinned, then most taken.
    fn quick_numbers(&self, shown: &Catalogue) -> Vec<String> {
        quick_numbers(
            &self.profile.settings.quick_numbers.pinned,
            self.most_taken().as_ref(),
            &shown.procedures,
        )
    }

    fn held(&self) -> Option<Arc<Held>> {
        self.catalogue.read().ok().and_then(|c| c.clone())
    }

    fn cached_catalogue(&self) -> Option<Catalogue> {
        self.held().map(|held| held.shown.clone())
    }

    /// The procedure `code` of the catalogue held.
    fn procedure(&self, code: &str) -> Result<(Arc<Held>, Procedure), KioskError> {
        let held = self.held().ok_or_else(|| {
            KioskError::new(
                KioskErrorKind::CentralUnreachable,
                text(
                    "Máy chưa có danh sách thủ tục. Vui lòng thử lại sau ít phút.",
                    "The kiosk has no list of services yet. Please try again in a few minutes.",
                ),
            )
        })?;
        let procedure = held
            .shown
            .procedures
            .iter()
            .find(|p| p.code == code)
            .cloned()
            .ok_or_else(|| {
                KioskError::new(
                    KioskErrorKind::NotFound,
                    text("Không tìm thấy thủ tục này.", "This service was not found."),
                )
            })?;
        Ok((held, procedure))
    }

    /// The catalogue, fresh when the central answers, else the last one known.
    pub async fn catalogue(&self) -> Result<CatalogueView, KioskError> {
        match self.refresh_catalogue().await {
            Ok(catalogue) => Ok(CatalogueView {
                quick_numbers: self.quick_numbers(&catalogue),
                catalogue,
                from_cache: false,
            }),
            Err(error) => match self.cached_catalogue() {
                Some(catalogue) if error.kind == KioskErrorKind::CentralUnreachable => {
                    Ok(CatalogueView {
                        quick_numbers: self.quick_numbers(&catalogue),
                        catalogue,
                        from_cache: true,
                    })
                }
                _ => Err(error),
            },
        }
    }

    /// Codes of procedures matching the query, best first (at most [`SEARCH_LIMIT`]).
    pub fn search(&self, query: &str) -> Vec<String> {
        self.held()
            .map(|held| {
                held.index
                    .search(query, SEARCH_LIMIT)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where to apply online for procedure `code`, as a QR code.
    pub fn online_handoff(&self, code: &str) -> Result<OnlineHandoff, KioskError> {
        let (_, procedure) = self.procedure(code)?;
        let (portal, url) = portal_url(&procedure, self.profile.city_portal_url.as_deref());
        let qr = qr_svg(&url).map_err(KioskError::internal)?;
        Ok(OnlineHandoff { portal, qr })
    }

    /// A QR code of the public checklist page of procedure `code`, for dossier
    /// case `case` (an index into its `dossier`) when the visitor chose one.
    pub fn checklist_qr(&self, code: &str, case: Option<u32>) -> Result<QrSvg, KioskError> {
        let (held, procedure) = self.procedure(code)?;
        let case = case.filter(|&c| (c as usize) < procedure.dossier.len());
        let url = checklist_url(
            held.answer.checklist_url.as_deref(),
            &self.profile.central_url,
            &self.profile.office,
            &procedure.code,
            case,
        );
        qr_svg(&url).map_err(KioskError::internal)
    }

    /// Takes a queue number for a procedure. With `print` and a printer, the printer is
    /// asked first and no number is issued when it cannot print (`printer_unavailable`);
    /// without `print` (the visitor chose the on-screen ticket) nothing is printed.
    pub async fn take_ticket(
        &self,
        service: &str,
        priority: Priority,
        print: bool,
    ) -> Result<TicketView, KioskError> {
        let key = new_idempotency_key();
        let issue = self.client.take_ticket(service, priority, &key);
        let issued = self.issue_printed(issue, print).await;
        match &issued {
            Err(error) if error.kind == KioskErrorKind::LobbyFull => self.note_lobby(true),
            Ok(Ok(_)) => self.note_lobby(false),
            _ => {}
        }
        let (ticket, printed) = match issued? {
            Ok(done) => done,
            Err(status) => {
                self.note_printer_problem(status, status.staff_note().into(), false);
                return Err(KioskError::new(
                    KioskErrorKind::PrinterUnavailable,
                    text(status.message_vi(), status.message_en()),
                ));
            }
        };
        ticket_view(ticket, printed)
    }

    /// Days with free slots for a procedure, from the office's today on: today's
    /// remaining times first. The day is the central's; before its first answer the
    /// central is asked now.
    pub async fn upcoming_slots(&self, service: &str) -> Result<Vec<DaySlots>, KioskError> {
        if self.office_today().is_none() {
            self.check_connection().await;
        }
        let Some(today) = self.office_today() else {
            return Err(
                ClientError::Unreachable("no office time from the central yet".into()).into(),
            );
        };
        self.upcoming_slots_from(service, today).await
    }

    /// Days with free slots for a procedure, from `today` (the office's date) on.
    pub async fn upcoming_slots_from(
        &self,
        service: &str,
        today: NaiveDate,
    ) -> Result<Vec<DaySlots>, KioskError> {
        let dates: Vec<String> = (0..BOOKING_LOOKAHEAD_DAYS)
            .map(|d| (today + Duration::days(d)).to_string())
            .collect();
        let lists =
            futures::future::join_all(dates.iter().map(|d| self.client.slots(service, d))).await;
        let mut days = Vec::new();
        for list in lists {
            let list = match list {
                Ok(list) => list,
                // The central's day can differ from the kiosk's around midnight or with a
                // clock set wrong: days it does not offer are skipped, not a failure.
                Err(ClientError::Refused { body, .. }) if body.error == "date_out_of_range" => {
                    continue
                }
                Err(error) => return Err(error.into()),
            };
            if !list.slots.is_empty() {
                days.push(DaySlots {
                    date: list.date,
                    slots: list.slots,
                });
            }
            if days.len() == BOOKING_DAYS {
                break;
            }
        }
        Ok(days)
    }

    /// Books a slot with the visitor's phone number and, when their ID card was
    /// scanned, their name. A number that is not a Vietnamese mobile number is
    /// refused here, before anything is sent.
    pub async fn book(
        &self,
        service: &str,
        slot_start: &str,
        phone: &str,
        name: Option<&str>,
    ) -> Result<AppointmentView, KioskError> {
        if let Some(problem) = crate::scan::phone_problem(phone) {
            return Err(KioskError::new(KioskErrorKind::Rejected, problem));
        }
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let appointment = self
            .client
            .book(service, slot_start, phone, name, &new_idempotency_key())
            .await?;
        let qr = qr_svg(&appointment.code).map_err(KioskError::internal)?;
        Ok(AppointmentView { appointment, qr })
    }

    /// Today's bookings under the name read from an ID card. Only the name goes to the
    /// central; nothing of it is kept or logged here.
    pub async fn bookings_for_card(&self, name: &str) -> Result<CardBookings, KioskError> {
        let found = self.client.find_appointments(name).await?;
        Ok(CardBookings {
            name: name.to_owned(),
            appointments: found.appointments,
        })
    }

    /// Checks a booking in and gives its ticket, printed when `print` and a printer
    /// can print.
    pub async fn check_in(&self, code: &str, print: bool) -> Result<TicketView, KioskError> {
        let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if code.is_empty() {
            return Err(KioskError::new(
                KioskErrorKind::NotFound,
                text(
                    "Vui lòng nhập mã lịch hẹn.",
                    "Please type your booking code.",
                ),
            ));
        }
        let (ticket, printed) = match self
            .issue_printed(self.client.check_in(&code), print)
            .await?
        {
            Ok(done) => done,
            // A booked visitor is checked in even when the printer cannot print:
            // the number stays on screen with its QR code.
            Err(status) => {
                self.note_printer_problem(status, status.staff_note().into(), true);
                (
                    self.client.check_in(&code).await?,
                    PrintOutcome::PrintFailed,
                )
            }
        };
        ticket_view(ticket, printed)
    }

    /// Issues a ticket with `issue`, printed when `print` (and a printer is configured):
    /// the printer is asked first, and when it cannot print nothing is issued and its
    /// state comes back as the inner `Err`.
    async fn issue_printed(
        &self,
        issue: impl std::future::Future<Output = Result<Ticket, ClientError>>,
        print: bool,
    ) -> Result<Result<(Ticket, PrintOutcome), PrinterStatus>, KioskError> {
        if !print {
            return Ok(Ok((issue.await?, PrintOutcome::OnScreen)));
        }
        let issued = issue_and_print(&self.printer, issue, |t| self.ticket_print(t)).await?;
        Ok(match issued {
            Issued::Printed(ticket) => Ok((ticket, PrintOutcome::Printed)),
            Issued::OnScreenOnly(ticket) => Ok((ticket, PrintOutcome::OnScreen)),
            Issued::PrintFailed { ticket, error } => {
                self.note_printer_problem(error.status(), error.to_string(), true);
                Ok((ticket, PrintOutcome::PrintFailed))
            }
            Issued::NotIssued(status) => Err(status),
        })
    }
}

/// A ticket ready to show, with its track-URL QR code.
fn ticket_view(ticket: Ticket, printed: PrintOutcome) -> Result<TicketView, KioskError> {
    let qr = qr_svg(&ticket.track_url).map_err(KioskError::internal)?;
    Ok(TicketView {
        ticket,
        qr,
        printed,
    })
}

/// The paper ticket of an issued ticket. Its issue time is printed as the office's local
/// time, which the central already wrote into `issued_at`.
pub fn to_ticket_print(ticket: &Ticket, office_name: String, service_name: String) -> TicketPrint {
    let issued_at_local = chrono::DateTime::parse_from_rfc3339(&ticket.issued_at)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| ticket.issued_at.clone());
    TicketPrint {
        office_name,
        number: ticket.number.clone(),
        service_name,
        issued_at_local,
        people_ahead: ticket.people_ahead,
        estimated_wait_minutes: ticket.estimated_wait_minutes,
        track_url: ticket.track_url.clone(),
        bring_line: None,
        labels: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: &str, retry_after: Option<u32>) -> KioskError {
        KioskError::from(ClientError::Refused {
            status: 429,
            body: Box::new(wire::ApiError {
                retry_after,
                ..wire::ApiError::new(code, "refused")
            }),
        })
    }

    #[test]
    fn the_limits_of_the_central_are_told_in_words_a_visitor_can_act_on() {
        let locked = refused("check_in_locked", Some(241));
        assert_eq!(locked.kind, KioskErrorKind::Rejected);
        assert!(locked.message.vi.contains("5 phút"), "{:?}", locked.message);
        assert!(
            locked.message.en.contains("by your name"),
            "{:?}",
            locked.message
        );
        let busy = refused("too_many_visits", Some(6));
        assert!(busy.message.vi.contains("6 giây"), "{:?}", busy.message);
        assert!(
            busy.message.en.contains("wait 6 seconds"),
            "{:?}",
            busy.message
        );
        let phone = refused("too_many_bookings_for_phone", None);
        assert!(
            phone.message.vi.contains("chọn ngày khác"),
            "{:?}",
            phone.message
        );
        assert!(
            phone.message.en.contains("another day"),
            "{:?}",
            phone.message
        );
    }

    #[test]
    fn the_paper_ticket_shows_the_office_local_issue_time() {
        let ticket = Ticket {
            id: "abc".into(),
            number: "A-017".into(),
            office: "hn-ba-dinh".into(),
            service: "1.001193".into(),
            service_group: "A".into(),
            priority: Priority::None,
            issued_at: "2026-11-29T09:15:42+07:00".into(),
            people_ahead: 4,
            estimated_wait_minutes: 20,
            track_url: "http://127.0.0.1:8080/t/abc".into(),
        };
        let print = to_ticket_print(&ticket, "Ba Đình".into(), "Đăng ký khai sinh".into());
        assert_eq!(print.issued_at_local, "29/11/2026 09:15");
        assert_eq!(print.number, "A-017");
        assert_eq!(print.people_ahead, 4);
        assert_eq!(print.estimated_wait_minutes, 20);
        assert_eq!(print.track_url, ticket.track_url);
    }
}
