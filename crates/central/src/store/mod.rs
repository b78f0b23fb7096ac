//! Everything the server keeps, behind one interface. Handlers see only
//! [`Store`]; SQLite ([`sqlite::SqliteStore`]) is the embedded implementation,
//! and a PostgreSQL one can be added beside it without touching a handler.

pub mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use wire::{
    Appointment, Arrival, AuditEntry, CalledTicket, Catalogue, CheckInWindow, CounterSummary,
    CounterView, LocalizedText, Office, OfficeTicket, OpeningSession, Priority, Procedure,
    QueueOverview, Slot, TakenProcedure, Ticket, TicketState, TicketStatus,
};

use crate::access::Role;
use crate::rules::PhoneNumber;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No office with that id.
    #[error("no office {0:?}")]
    UnknownOffice(String),
    /// The office handles no procedure with that code.
    #[error("this office handles no procedure with code {0:?}")]
    UnknownService(String),
    /// No ticket with that id.
    #[error("no such ticket")]
    UnknownTicket,
    /// No counter with that id.
    #[error("no counter {0:?}")]
    UnknownCounter(String),
    /// No booking with that code.
    #[error("no booking with that code")]
    UnknownAppointment,
    /// No slot of that procedure's group starts at that time.
    #[error("no slot starts at that time for this procedure")]
    UnknownSlot,
    /// The slot has already started.
    #[error("that slot has already started")]
    SlotInPast,
    /// The lobby is at capacity.
    #[error("the waiting area is full")]
    LobbyFull {
        /// The next free slots for that service.
        next_slots: Vec<Slot>,
    },
    /// Every place of the slot is booked.
    #[error("that slot is fully booked")]
    SlotFull,
    /// Check-in is only possible inside the booking's window.
    #[error("check-in for this booking is possible from {} to {}", .window.opens_at, .window.closes_at)]
    OutsideWindow {
        /// The booking's window.
        window: CheckInWindow,
        /// Whether the visitor came before or after it.
        arrival: Arrival,
    },
    /// The office is closed now: no queue numbers are issued.
    #[error("{}", closed_message(.opens_at.as_deref()))]
    OfficeClosed {
        /// The next opening, RFC 3339 with the office's offset, if one is planned.
        opens_at: Option<String>,
    },
    /// The phone number holds as many bookings for that day at the office as it may.
    #[error("this phone number already holds {limit} booking(s) at this office for that day, the most allowed")]
    TooManyBookingsForPhone {
        /// Bookings a phone may hold per office and day.
        limit: u32,
    },
    /// The same idempotency key was used before for a different request.
    #[error("this Idempotency-Key was already used for a different request")]
    IdempotencyKeyReused,
    /// Nobody is waiting for the counter's groups.
    #[error("nobody is waiting for this counter")]
    NobodyWaiting,
    /// The counter is paused: it calls nobody until it is opened again.
    #[error("this counter is paused; open it to call the next number")]
    CounterPaused,
    /// The counter serves no ticket now.
    #[error("this counter is serving no number now")]
    NothingToRecall,
    /// The office has no queue with that id.
    #[error("this office has no queue {0:?}")]
    UnknownGroup(String),
    /// A transfer names no target, both, or one that does not fit.
    #[error("{0}")]
    InvalidTransfer(String),
    /// The ticket is not in a state that allows it.
    #[error("the ticket is {0:?}, not called")]
    TicketNotCalled(TicketState),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A batch of writes failed as a whole.
    #[error("batch of writes failed: {0}")]
    Batch(String),
    /// Stored data could not be read back.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// No profile with that id.
    #[error("no profile {0}")]
    UnknownProfile(i64),
    /// The profile has no such version.
    #[error("profile {id} has no version {version}")]
    UnknownProfileVersion {
        /// Profile.
        id: i64,
        /// Version asked for.
        version: u32,
    },
    /// Another profile has that name.
    #[error("a profile named {0:?} exists already")]
    ProfileNameTaken(String),
    /// A later version was saved since the one the change started from.
    #[error("version {latest} of this profile was saved after version {base}, which this change started from; reload it and make the change again")]
    StaleProfileVersion {
        /// The version the change started from.
        base: u32,
        /// The latest version.
        latest: u32,
    },
    /// The change starts from a version that does not exist yet.
    #[error("the profile's latest version is {latest}; a change cannot start from version {base}")]
    FutureProfileVersion {
        /// The version the change started from.
        base: u32,
        /// The latest version.
        latest: u32,
    },
    /// The profile names another office than a kiosk it would reach.
    #[error("the profile is for office {profile_office:?}, but kiosk {kiosk} stands in office {kiosk_office:?}")]
    ProfileOfficeMismatch {
        /// The kiosk.
        kiosk: i64,
        /// Its office.
        kiosk_office: String,
        /// The office the profile names.
        profile_office: String,
    },
    /// No kiosk token with that id.
    #[error("no kiosk {0}")]
    UnknownKiosk(i64),
    /// No token with that id.
    #[error("no token {0}")]
    UnknownToken(i64),
}

fn closed_message(opens_at: Option<&str>) -> String {
    match opens_at {
        Some(at) => match DateTime::parse_from_rfc3339(at) {
            Ok(local) => format!(
                "the office is closed now; it opens again at {}",
                local.format("%H:%M on %A %-d %B %Y")
            ),
            Err(_) => format!("the office is closed now; it opens again at {at}"),
        },
        None => "the office is closed now, and no opening is planned in the next 60 days".into(),
    }
}

/// An office with what the server needs beyond its public face.
#[derive(Debug, Clone)]
pub struct OfficeRecord {
    /// Public face.
    pub office: Office,
    /// Its time zone.
    pub tz: Tz,
    /// Seats in the waiting area.
    pub seats: u32,
    /// Share of seats that may be used.
    pub occupancy_ratio: f64,
    /// How priority tickets and the others take turns.
    pub ratio: crate::queue_order::Ratio,
    /// Bookings one phone number may hold here for one local day.
    pub bookings_per_phone: u32,
}

/// A booking with the contact it was made with; personal data, never logged.
#[derive(Clone)]
pub struct BookingWithContact {
    /// The booking.
    pub appointment: Appointment,
    /// Contact name, if one was given.
    pub name: Option<String>,
    /// Contact phone, `0xxxxxxxxx`.
    pub phone: String,
}

impl std::fmt::Debug for BookingWithContact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BookingWithContact")
            .field("appointment", &self.appointment)
            .finish_non_exhaustive()
    }
}

/// Who sent a request with an `Idempotency-Key`, and the key.
#[derive(Debug, Clone)]
pub struct Idempotency {
    /// Sender (the token's hash), so two kiosks never share keys.
    pub scope: String,
    /// The key.
    pub key: String,
}

/// A visitor asks for a queue number.
#[derive(Debug, Clone)]
pub struct TicketRequest {
    /// Office.
    pub office: String,
    /// Procedure code.
    pub service: String,
    /// Priority asked for.
    pub priority: Priority,
    /// Replays with the same key give the same ticket.
    pub idempotency: Idempotency,
    /// Now.
    pub now: DateTime<Utc>,
}

/// A visitor books a slot.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    /// Office.
    pub office: String,
    /// Procedure code.
    pub service: String,
    /// Slot start.
    pub slot_start: DateTime<Utc>,
    /// Contact phone.
    pub phone: PhoneNumber,
    /// Contact name, if given.
    pub name: Option<String>,
    /// Replays with the same key give the same booking.
    pub idempotency: Idempotency,
    /// Now.
    pub now: DateTime<Utc>,
}

/// A service group as seeded.
#[derive(Debug, Clone)]
pub struct GroupSeed {
    /// Id and ticket prefix.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// Average minutes a counter spends on one visitor.
    pub avg_service_minutes: u32,
}

/// A counter as seeded.
#[derive(Debug, Clone)]
pub struct CounterSeed {
    /// Id, unique across offices.
    pub id: String,
    /// Name shown to visitors ("Quầy 1").
    pub name: String,
    /// Service groups it serves.
    pub groups: Vec<String>,
}

/// A slot as seeded.
#[derive(Debug, Clone)]
pub struct SlotSeed {
    /// Service group.
    pub service_group: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Bookings it takes.
    pub capacity: u32,
}

/// One office with everything it needs to work.
#[derive(Debug, Clone)]
pub struct OfficeSeed {
    /// Public face.
    pub office: Office,
    /// Seats in the waiting area.
    pub seats: u32,
    /// Share of seats that may be used.
    pub occupancy_ratio: f64,
    /// Queues.
    pub groups: Vec<GroupSeed>,
    /// Procedures handled.
    pub procedures: Vec<Procedure>,
    /// Counters.
    pub counters: Vec<CounterSeed>,
    /// Appointment slots.
    pub slots: Vec<SlotSeed>,
    /// Numbers taken on days before the seed's today, kept as done tickets.
    pub history: Vec<PastTicket>,
}

/// A queue number of a past day, as seeded: taken for `service` at `issued_at`, and
/// served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastTicket {
    /// Procedure code; it must be one of the office's procedures.
    pub service: String,
    /// When it was taken.
    pub issued_at: DateTime<Utc>,
}

/// One version of a profile as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProfile {
    /// Profile id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// This version.
    pub version: u32,
    /// The TOML.
    pub document: String,
    /// The office the TOML names.
    pub office: String,
    /// When this version was saved.
    pub updated_at: DateTime<Utc>,
}

/// What a kiosk reports in a heartbeat (checked by the HTTP layer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskReport {
    /// App version.
    pub app_version: String,
    /// Central profile it runs.
    pub profile_id: Option<i64>,
    /// Version of that profile.
    pub profile_version: Option<u32>,
    /// Printer state code.
    pub printer: String,
    /// Last error, free of personal data.
    pub last_error: Option<String>,
    /// Seconds since its app started.
    pub uptime_seconds: u64,
}

/// How long a process trusts what it read of a token before it reads the row again:
/// the longest a revoked or deleted token still works there.
pub const TOKEN_FRESHNESS: std::time::Duration = std::time::Duration::from_millis(500);

/// Optional terms of a new token.
#[derive(Debug, Clone, Default)]
pub struct TokenTerms {
    /// What the token is for, e.g. "counter 3, Ms Lan's tablet".
    pub label: Option<String>,
    /// Refused from this instant on.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token just made: its secret is shown once and never kept.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// Its id (not secret; for listing and revoking).
    pub id: i64,
    /// The bearer secret.
    pub secret: String,
}

/// Who a valid token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    /// Token id.
    pub id: i64,
    /// Its label, if it has one.
    pub label: Option<String>,
    /// What it may do.
    pub role: Role,
}

/// A token as kept, without its secret or hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    /// Token id; a kiosk token's id is also its kiosk's id.
    pub id: i64,
    /// Its role, office and counter.
    pub role: Role,
    /// Its label.
    pub label: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used (noted at most about once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it stops working, if it does.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// One change for the audit log: who, what, when; nothing secret or personal.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    /// When, by the central's clock.
    pub at: DateTime<Utc>,
    /// The token that made it.
    pub token_id: i64,
    /// Its label then.
    pub token_label: Option<String>,
    /// Its role's name.
    pub role: String,
    /// What was done, e.g. `calendar.replace`.
    pub action: String,
    /// Method and route template, e.g. `PUT /api/v1/offices/{office}/calendar`.
    pub route: String,
    /// The route's non-secret parameters.
    pub target: std::collections::BTreeMap<String, String>,
    /// One sentence, e.g. "calendar replaced for office hn-ba-dinh".
    pub summary: String,
    /// The answer's HTTP status.
    pub status: u16,
}

/// Which audit entries to read.
#[derive(Debug, Clone)]
pub struct AuditQuery {
    /// At most this many.
    pub limit: u32,
    /// Only entries older than this entry id (the cursor of the previous page).
    pub before: Option<i64>,
    /// Only entries made at or after this instant.
    pub since: Option<DateTime<Utc>>,
}

/// A kiosk token and what its kiosk last said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskRecord {
    /// Kiosk id: its token's rowid.
    pub id: i64,
    /// Its office.
    pub office: String,
    /// Name it registered with.
    pub name: Option<String>,
    /// Its last registration or heartbeat.
    pub last_heartbeat: Option<DateTime<Utc>>,
    /// The profile assigned to it: id, name and latest version.
    pub assigned: Option<(i64, String, u32)>,
    /// Its last report, if any.
    pub report: Option<KioskReport>,
    /// Until when it was last locked out of check-in by code (may be past).
    pub check_in_locked_until: Option<DateTime<Utc>>,
}

/// Where a called ticket is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferTarget {
    /// Another queue (service group) of the office; any of its counters may call it.
    Group(String),
    /// One counter of the office, which alone may call it.
    Counter(String),
}

/// A call of today, as the board lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentCall {
    /// Number.
    pub number: String,
    /// Its queue.
    pub service_group: String,
    /// Counter id.
    pub counter: String,
    /// Counter name.
    pub counter_name: String,
    /// When it was called, RFC 3339 with the office's offset.
    pub called_at: String,
}

/// What Call next did at a counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallNext {
    /// The ticket the counter was serving, now done.
    pub closed: Option<OfficeTicket>,
    /// The ticket called, unless nobody waited.
    pub called: Option<CalledTicket>,
}

/// What a transfer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transferred {
    /// The ticket, waiting again.
    pub ticket: OfficeTicket,
    /// The counter that sent it.
    pub from_counter: String,
    /// The counter it waits for, when sent to one.
    pub to_counter: Option<String>,
}

/// The server's storage.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Answers when the database answers a query.
    async fn ping(&self) -> Result<(), StoreError>;
    /// True when no office exists yet.
    async fn is_empty(&self) -> Result<bool, StoreError>;
    /// Adds offices with their groups, procedures, counters and slots.
    async fn seed(&self, offices: &[OfficeSeed]) -> Result<(), StoreError>;

    /// All offices.
    async fn offices(&self) -> Result<Vec<Office>, StoreError>;
    /// One office.
    async fn office(&self, id: &str) -> Result<OfficeRecord, StoreError>;
    /// Replaces an office's opening sessions and closed days (already validated);
    /// answers the office as it is now.
    async fn set_calendar(
        &self,
        office: &str,
        opening_hours: &[OpeningSession],
        closed_days: &[String],
    ) -> Result<Office, StoreError>;
    /// The office's catalogue.
    async fn catalogue(&self, office: &str) -> Result<Catalogue, StoreError>;
    /// One procedure of the office.
    async fn procedure(&self, office: &str, code: &str) -> Result<Procedure, StoreError>;
    /// Queues and lobby now.
    async fn queue_overview(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
    ) -> Result<QueueOverview, StoreError>;
    /// Slots of a service group starting in `[from, to)`.
    async fn slots(
        &self,
        office: &OfficeRecord,
        service_group: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Slot>, StoreError>;

    /// Issues a queue number while the office is open, or returns the one issued
    /// before for the same key.
    /// `track_url` is left empty: the HTTP layer knows the public address.
    async fn issue_ticket(&self, request: TicketRequest) -> Result<Ticket, StoreError>;
    /// Books a slot, or returns the booking made before for the same key.
    async fn book_appointment(&self, request: BookingRequest) -> Result<Appointment, StoreError>;
    /// Bookings of an office whose slot starts in `[from, to)`, in slot order,
    /// with their contact.
    async fn bookings_between(
        &self,
        office: &OfficeRecord,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingWithContact>, StoreError>;
    /// The office a booking belongs to.
    async fn appointment_office(&self, code: &str) -> Result<String, StoreError>;
    /// Turns a booking into a ticket inside its window; again gives the same ticket.
    async fn check_in(&self, code: &str, now: DateTime<Utc>) -> Result<Ticket, StoreError>;

    /// Public status of a ticket.
    async fn ticket_status(&self, id: &str) -> Result<TicketStatus, StoreError>;
    /// The office a ticket belongs to, and the counter serving it, if any.
    async fn ticket_place(&self, id: &str) -> Result<(String, Option<String>), StoreError>;
    /// Calls the next ticket to a counter, closing the one it was serving; says both,
    /// and closes even when nobody waits (then `called` is `None`).
    async fn call_next(&self, counter: &str, now: DateTime<Utc>) -> Result<CallNext, StoreError>;
    /// The office's counters, with the number each serves, by id.
    async fn counters(&self, office: &str) -> Result<Vec<CounterSummary>, StoreError>;
    /// One counter, with the number it serves.
    async fn counter(&self, counter: &str) -> Result<CounterSummary, StoreError>;
    /// What the counter's officer sees: its ticket, its queues, who comes next.
    async fn counter_view(
        &self,
        counter: &str,
        now: DateTime<Utc>,
    ) -> Result<CounterView, StoreError>;
    /// Pauses (`open = false`) or opens a counter.
    async fn set_counter_open(
        &self,
        counter: &str,
        open: bool,
    ) -> Result<CounterSummary, StoreError>;
    /// The ticket the counter is serving now, if any.
    async fn serving(&self, counter: &str) -> Result<Option<OfficeTicket>, StoreError>;
    /// Sends a called ticket to another queue or counter, where it waits again in its
    /// place by issue time.
    async fn transfer(&self, id: &str, target: TransferTarget) -> Result<Transferred, StoreError>;
    /// Today's latest calls of the office, newest first.
    async fn recent_calls(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<RecentCall>, StoreError>;
    /// Marks a called ticket done or no-show.
    async fn close_ticket(
        &self,
        id: &str,
        outcome: TicketState,
        now: DateTime<Utc>,
    ) -> Result<OfficeTicket, StoreError>;
    /// The procedures of the office's catalogue with the most tickets issued on the local
    /// days `from..=to` (check-ins included), most first, ties in catalogue order; at most
    /// `limit`. Counted from the tickets as stored.
    async fn most_taken(
        &self,
        office: &OfficeRecord,
        from: NaiveDate,
        to: NaiveDate,
        limit: u32,
    ) -> Result<Vec<TakenProcedure>, StoreError>;
    /// Tickets of an office on a local day, in issue order.
    async fn office_tickets(
        &self,
        office: &str,
        day: NaiveDate,
    ) -> Result<Vec<OfficeTicket>, StoreError>;

    /// Creates a token for a role, without label or expiry; returns the secret, which
    /// is stored only hashed.
    async fn create_token(&self, role: &Role, now: DateTime<Utc>) -> Result<String, StoreError> {
        Ok(self
            .create_token_with(role, &TokenTerms::default(), now)
            .await?
            .secret)
    }
    /// Creates a token for a role with a label and an expiry; returns its id and secret.
    async fn create_token_with(
        &self,
        role: &Role,
        terms: &TokenTerms,
        now: DateTime<Utc>,
    ) -> Result<NewToken, StoreError>;
    /// Who a token speaks for at `now`, by the token's hash (`access::token_hash`):
    /// `None` when it is unknown, revoked or expired. A revocation made by any
    /// process on the same database is seen within [`TOKEN_FRESHNESS`]. Notes the
    /// token's use, at most about once a minute.
    async fn token_for_hash(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenGrant>, StoreError>;
    /// Every token, by id, without secrets.
    async fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError>;
    /// Revokes a token from `now` on; revoking it again keeps the first time.
    async fn revoke_token(&self, id: i64, now: DateTime<Utc>) -> Result<TokenRecord, StoreError>;

    /// Keeps an entry of the audit log.
    async fn record_audit(&self, entry: &AuditRecord) -> Result<(), StoreError>;
    /// Entries of the audit log, newest first.
    async fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError>;

    /// Saves a new profile as its version 1; `office` is the office its document names.
    async fn create_profile(
        &self,
        name: &str,
        document: &str,
        office: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProfile, StoreError>;
    /// Every profile at its latest version, by name.
    async fn profiles(&self) -> Result<Vec<StoredProfile>, StoreError>;
    /// A profile at `version`, or at its latest.
    async fn profile(&self, id: i64, version: Option<u32>) -> Result<StoredProfile, StoreError>;
    /// Saves the next version of a profile, if `base_version` is still its latest and no
    /// kiosk it is assigned to stands in another office than `office`.
    async fn update_profile(
        &self,
        id: i64,
        base_version: u32,
        document: &str,
        office: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProfile, StoreError>;
    /// Assigns a profile to a kiosk (or none), if the profile is for the kiosk's office.
    async fn assign_profile(
        &self,
        kiosk: i64,
        profile: Option<i64>,
    ) -> Result<KioskRecord, StoreError>;
    /// Notes that the kiosk of a token started; returns it and its assigned profile's
    /// latest version.
    async fn register_kiosk(
        &self,
        token_hash: &str,
        name: &str,
        app_version: &str,
        now: DateTime<Utc>,
    ) -> Result<(KioskRecord, Option<StoredProfile>), StoreError>;
    /// Keeps a kiosk's report; returns its assigned profile's latest version.
    async fn kiosk_heartbeat(
        &self,
        token_hash: &str,
        report: &KioskReport,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredProfile>, StoreError>;
    /// Every kiosk token, with what its kiosk last said, by office.
    async fn kiosks(&self) -> Result<Vec<KioskRecord>, StoreError>;
    /// Until when the token may not check in by code, if a lock was noted for it.
    async fn check_in_locked_until(
        &self,
        token_hash: &str,
    ) -> Result<Option<DateTime<Utc>>, StoreError>;
    /// Notes that the token may not check in by code until `until`: the fleet view
    /// shows it, and it holds across restarts and on every instance.
    async fn lock_check_in(&self, token_hash: &str, until: DateTime<Utc>)
        -> Result<(), StoreError>;
    /// Sets how many bookings a phone may hold at the office per day; answers the office.
    async fn set_bookings_per_phone(
        &self,
        office: &str,
        bookings_per_phone: u32,
    ) -> Result<OfficeRecord, StoreError>;
}
