//! The embedded store: one SQLite file in WAL mode.
//!
//! Writes go through a pool of exactly one connection, so write transactions run
//! one after another and never meet `SQLITE_BUSY`; reads use their own pool and
//! see the last committed state. `synchronous = FULL` makes every acknowledged
//! write survive a crash of the process or the machine.

mod audit;
mod counters;
mod files;
mod fleet;
mod issue;
mod tokens;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};
use wire::{
    Appointment, Arrival, Catalogue, CheckInWindow, CounterSummary, CounterView, GroupQueue, Lobby,
    LocalizedText, Office, OfficeTicket, OpeningSession, Priority, Procedure, QueueOverview,
    ServiceGroup, Slot, TakenProcedure, Ticket, TicketState, TicketStatus,
};

use super::{
    AuditQuery, AuditRecord, BookingRequest, BookingWithContact, CallNext, Idempotency,
    KioskRecord, KioskReport, NewToken, OfficeRecord, OfficeSeed, RecentCall, Store, StoreError,
    StoredProfile, TicketRequest, TokenGrant, TokenRecord, TokenTerms, TransferTarget, Transferred,
};
use crate::access::Role;
use crate::calendar::{opening_status, Calendar};
use crate::queue_order::{self, Class, Ratio, Turn, Waiting};
use crate::rules::{
    appointment_code, call_rank, check_in_window, day_bounds, estimated_wait_minutes, from_stored,
    lobby_capacity, local_day, ticket_id, ticket_id_for_key, ticket_number, to_local_rfc3339,
    to_stored,
};

/// How many free slots a `lobby_full` answer offers.
const NEXT_SLOTS_OFFERED: i64 = 3;

/// SQLite-backed [`Store`].
#[derive(Debug, Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    issuer: tokio::sync::mpsc::Sender<issue::IssueJob>,
    /// Token rows read lately, by hash: every request asks, and reads the row again
    /// only when what it holds is older than `store::TOKEN_FRESHNESS`.
    tokens: Arc<RwLock<HashMap<String, tokens::CachedToken>>>,
    /// The secret ticket ids are made with from idempotency keys.
    ticket_id_secret: TicketIdSecret,
}

/// The central's secret for ticket ids (`rules::ticket_id_for_key`); never printed.
#[derive(Clone)]
struct TicketIdSecret(Arc<[u8]>);

impl std::fmt::Debug for TicketIdSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TicketIdSecret(..)")
    }
}

impl TicketIdSecret {
    fn ticket_id(&self, idempotency: &Idempotency) -> String {
        ticket_id_for_key(&self.0, &idempotency.scope, &idempotency.key)
    }
}

type Tx = Transaction<'static, Sqlite>;

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` and applies migrations.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        files::keep_private(options.get_filename()).map_err(|e| {
            StoreError::Database(sqlx::Error::Configuration(
                format!(
                    "the database file {}: {e}",
                    options.get_filename().display()
                )
                .into(),
            ))
        })?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations")
            .run(&writer)
            .await
            .map_err(|e| StoreError::Database(e.into()))?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone().read_only(true))
            .await?;
        let secret: Vec<u8> = sqlx::query_scalar("SELECT secret FROM central_secret WHERE id = 1")
            .fetch_one(&reader)
            .await?;
        let issuer = issue::spawn(options.get_filename().to_owned())?;
        Ok(Self {
            writer,
            reader,
            issuer,
            tokens: Arc::default(),
            ticket_id_secret: TicketIdSecret(secret.into()),
        })
    }

    /// A write transaction that takes the write lock at once: the ticket issuer
    /// writes through its own connection, and a deferred transaction that read
    /// before the issuer's commit could not write after it.
    async fn begin_write(&self) -> Result<Tx, StoreError> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }
}

fn parse_tz(name: &str) -> Result<Tz, StoreError> {
    Tz::from_str(name).map_err(|_| StoreError::Corrupt(format!("time zone {name:?}")))
}

fn state_name(state: TicketState) -> &'static str {
    match state {
        TicketState::Waiting => "waiting",
        TicketState::Called => "called",
        TicketState::Done => "done",
        TicketState::NoShow => "no_show",
    }
}

pub(super) fn parse_state(text: &str) -> Result<TicketState, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.into()))
        .map_err(|_| StoreError::Corrupt(format!("ticket state {text:?}")))
}

fn priority_name(priority: Priority) -> String {
    serde_json::to_value(priority)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "none".into())
}

pub(super) fn parse_priority(text: &str) -> Result<Priority, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.into()))
        .map_err(|_| StoreError::Corrupt(format!("priority {text:?}")))
}

pub(super) async fn office_record<'e, E>(executor: E, id: &str) -> Result<OfficeRecord, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(
        "SELECT id, name, address, time_zone, opening_hours, closed_days, seats, occupancy_ratio,
                priority_run, normal_run, bookings_per_phone
         FROM offices WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(executor)
    .await?
    .ok_or_else(|| StoreError::UnknownOffice(id.to_owned()))?;
    let time_zone: String = row.get("time_zone");
    let opening_hours: String = row.get("opening_hours");
    let closed_days: String = row.get("closed_days");
    Ok(OfficeRecord {
        tz: parse_tz(&time_zone)?,
        office: Office {
            id: row.get("id"),
            name: row.get("name"),
            address: row.get("address"),
            time_zone,
            opening_hours: serde_json::from_str(&opening_hours)
                .map_err(|e| StoreError::Corrupt(format!("opening hours: {e}")))?,
            closed_days: serde_json::from_str(&closed_days)
                .map_err(|e| StoreError::Corrupt(format!("closed days: {e}")))?,
        },
        seats: row.get::<i64, _>("seats") as u32,
        occupancy_ratio: row.get("occupancy_ratio"),
        ratio: Ratio {
            priority: row.get::<i64, _>("priority_run") as u32,
            normal: row.get::<i64, _>("normal_run") as u32,
        },
        bookings_per_phone: row
            .get::<i64, _>("bookings_per_phone")
            .clamp(0, u32::MAX.into()) as u32,
    })
}

async fn procedure_group(tx: &mut Tx, office: &str, code: &str) -> Result<String, StoreError> {
    sqlx::query_scalar("SELECT service_group FROM procedures WHERE office = ? AND code = ?")
        .bind(office)
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::UnknownService(code.to_owned()))
}

/// Waiting tickets of a group on a day, per call rank: `(call_rank, n)` rows.
pub(super) const WAITING_BY_RANK: &str = "SELECT call_rank, n FROM queue_counts
     WHERE office = ? AND local_day = ? AND service_group = ? AND state = 'waiting'";

/// The latest calls of a group on a day, newest first: `call_rank` rows, `LIMIT ?`.
pub(super) const LATEST_CALLS: &str = "SELECT call_rank FROM tickets
     WHERE office = ? AND service_group = ? AND local_day = ? AND call_number IS NOT NULL
       AND call_rank > 0
     ORDER BY call_number DESC LIMIT ?";

/// The ticket a counter called, closed when it calls the next one.
pub(super) const CLOSE_CALLED_AT_COUNTER: &str =
    "UPDATE tickets SET state = 'done', closed_at = ? WHERE counter = ? AND state = 'called'";

/// An office's tickets of a day, after the columns: through the numbering
/// index, group by group (the groups with tickets that day are in `queue_counts`).
const DAY_LIST: &str = "FROM tickets
     WHERE office = ?1 AND local_day = ?2
       AND service_group IN (SELECT service_group FROM queue_counts
                             WHERE office = ?1 AND local_day = ?2)
     ORDER BY issued_at, service_group, seq";

/// Tickets per procedure over a range of local days, most first, ties in catalogue order.
/// The groups of the office make the numbering index usable: one range of days per group
/// instead of every ticket the office ever issued.
const MOST_TAKEN: &str = "SELECT t.service AS code, COUNT(*) AS n
     FROM tickets t
     JOIN procedures p ON p.office = t.office AND p.code = t.service
     WHERE t.office = ?1
       AND t.service_group IN (SELECT id FROM service_groups WHERE office = ?1)
       AND t.local_day BETWEEN ?2 AND ?3
     GROUP BY t.service
     ORDER BY n DESC, MIN(p.position)
     LIMIT ?4";

/// Counts per class from `(call_rank, n)` rows.
pub(super) fn waiting_from_ranks(rows: impl IntoIterator<Item = (i64, i64)>) -> Waiting {
    let mut waiting = Waiting::default();
    for (rank, n) in rows {
        let n = n.max(0) as u32;
        match Class::from_rank(rank.clamp(0, 2) as u8) {
            Class::Appointment => waiting.appointment = n,
            Class::Priority => waiting.priority = n,
            Class::Normal => waiting.normal = n,
        }
    }
    waiting
}

/// Whose turn it is from the latest calls' ranks, newest first.
pub(super) fn turn_from_latest(ranks: impl DoubleEndedIterator<Item = i64>) -> Turn {
    Turn::after(ranks.rev().map(|r| Class::from_rank(r.clamp(0, 2) as u8)))
}

/// Calls that tell whose turn it is: enough to see both runs end.
pub(super) fn calls_to_read(ratio: Ratio) -> i64 {
    i64::from(ratio.priority + ratio.normal)
}

async fn group_waiting(
    conn: &mut SqliteConnection,
    office: &str,
    group: &str,
    day: &str,
) -> Result<Waiting, StoreError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(WAITING_BY_RANK)
        .bind(office)
        .bind(day)
        .bind(group)
        .fetch_all(&mut *conn)
        .await?;
    Ok(waiting_from_ranks(rows))
}

pub(super) async fn group_turn(
    conn: &mut SqliteConnection,
    office: &str,
    group: &str,
    day: &str,
    ratio: Ratio,
) -> Result<Turn, StoreError> {
    let ranks: Vec<i64> = sqlx::query_scalar(LATEST_CALLS)
        .bind(office)
        .bind(group)
        .bind(day)
        .bind(calls_to_read(ratio))
        .fetch_all(&mut *conn)
        .await?;
    Ok(turn_from_latest(ranks.into_iter()))
}

/// Tickets of the group that will be called before the waiting one of `rank` issued
/// at `issued_at` (stored form) as `seq`: within a class, tickets go by issue time
/// (a ticket transferred in keeps its place by it).
#[allow(clippy::too_many_arguments)]
async fn people_ahead(
    conn: &mut SqliteConnection,
    office: &str,
    group: &str,
    day: &str,
    rank: u8,
    issued_at: &str,
    seq: i64,
    ratio: Ratio,
) -> Result<u32, StoreError> {
    let earlier: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tickets
         WHERE office = ? AND service_group = ? AND local_day = ? AND state = 'waiting'
           AND call_rank = ? AND (issued_at, seq) < (?, ?)",
    )
    .bind(office)
    .bind(group)
    .bind(day)
    .bind(rank as i64)
    .bind(issued_at)
    .bind(seq)
    .fetch_one(&mut *conn)
    .await?;
    let waiting = group_waiting(conn, office, group, day).await?;
    let turn = group_turn(conn, office, group, day, ratio).await?;
    Ok(queue_order::people_ahead(
        Class::from_rank(rank),
        earlier as u32 + 1,
        waiting,
        turn,
        ratio,
    ))
}

/// Open counters serving the group and the group's average service time.
async fn group_pace<'e, E>(executor: E, office: &str, group: &str) -> Result<(u32, u32), StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(
        "SELECT g.avg_service_minutes AS avg,
                (SELECT COUNT(*) FROM counters c
                  WHERE c.office = g.office AND c.open = 1
                    AND EXISTS (SELECT 1 FROM json_each(c.groups) WHERE value = g.id)) AS open
         FROM service_groups g WHERE g.office = ? AND g.id = ?",
    )
    .bind(office)
    .bind(group)
    .fetch_optional(executor)
    .await?
    .ok_or_else(|| StoreError::Corrupt(format!("service group {group:?}")))?;
    Ok((
        row.get::<i64, _>("open") as u32,
        row.get::<i64, _>("avg") as u32,
    ))
}

/// Reads a whole ticket row into the public ticket, with its place in the queue now.
async fn ticket_by_id(tx: &mut Tx, id: &str) -> Result<Ticket, StoreError> {
    let row = sqlx::query(
        "SELECT t.id, t.office, t.service, t.service_group, t.local_day, t.seq, t.number,
                t.priority, t.call_rank, t.issued_at, o.time_zone, o.priority_run, o.normal_run
         FROM tickets t JOIN offices o ON o.id = t.office WHERE t.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::UnknownTicket)?;
    let office: String = row.get("office");
    let group: String = row.get("service_group");
    let day: String = row.get("local_day");
    let tz = parse_tz(row.get("time_zone"))?;
    let ratio = Ratio {
        priority: row.get::<i64, _>("priority_run") as u32,
        normal: row.get::<i64, _>("normal_run") as u32,
    };
    let ahead = people_ahead(
        tx,
        &office,
        &group,
        &day,
        row.get::<i64, _>("call_rank") as u8,
        row.get::<&str, _>("issued_at"),
        row.get("seq"),
        ratio,
    )
    .await?;
    let (open, avg) = group_pace(&mut **tx, &office, &group).await?;
    Ok(Ticket {
        id: row.get("id"),
        number: row.get("number"),
        office,
        service: row.get("service"),
        service_group: group,
        priority: parse_priority(row.get("priority"))?,
        issued_at: to_local_rfc3339(from_stored(row.get("issued_at")), tz),
        people_ahead: ahead,
        estimated_wait_minutes: estimated_wait_minutes(ahead, open, avg),
        track_url: String::new(),
    })
}

/// Inserts a new waiting ticket with the next number of its group and day.
async fn insert_ticket(
    tx: &mut Tx,
    office: &OfficeRecord,
    service: &str,
    group: &str,
    priority: Priority,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let day = local_day(now, office.tz).to_string();
    // Writes are serialised (one writer connection), so MAX + 1 cannot race;
    // the UNIQUE constraint on (office, group, day, seq) stands guard anyway.
    let last: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(seq), 0) FROM tickets
         WHERE office = ? AND service_group = ? AND local_day = ? AND seq > 0",
    )
    .bind(&office.office.id)
    .bind(group)
    .bind(&day)
    .fetch_one(&mut **tx)
    .await?;
    let seq = last + 1;
    let id = ticket_id(now, &mut rand::thread_rng());
    sqlx::query(
        "INSERT INTO tickets (id, office, service, service_group, local_day, seq, number,
                              priority, call_rank, state, issued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)",
    )
    .bind(&id)
    .bind(&office.office.id)
    .bind(service)
    .bind(group)
    .bind(&day)
    .bind(seq)
    .bind(ticket_number(group, seq as u32))
    .bind(priority_name(priority))
    .bind(call_rank(priority) as i64)
    .bind(to_stored(now))
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Inserts an office's past tickets as served ones, numbered per group and day in the
/// order they were taken.
async fn seed_history(tx: &mut Tx, seed: &OfficeSeed) -> Result<(), StoreError> {
    let tz = parse_tz(&seed.office.time_zone)?;
    let group_of: HashMap<&str, &str> = seed
        .procedures
        .iter()
        .map(|p| (p.code.as_str(), p.service_group.as_str()))
        .collect();
    let mut history: Vec<&super::PastTicket> = seed.history.iter().collect();
    history.sort_by_key(|t| t.issued_at);
    let mut last_seq: HashMap<(String, NaiveDate), u32> = HashMap::new();
    for past in history {
        let group = group_of
            .get(past.service.as_str())
            .ok_or_else(|| StoreError::UnknownService(past.service.clone()))?;
        let day = local_day(past.issued_at, tz);
        let seq = last_seq.entry(((*group).to_owned(), day)).or_insert(0);
        *seq += 1;
        let served = past.issued_at + chrono::Duration::minutes(15);
        let id = ticket_id(past.issued_at, &mut rand::thread_rng());
        sqlx::query(
            "INSERT INTO tickets (id, office, service, service_group, local_day, seq, number,
                                  priority, call_rank, state, issued_at, called_at, closed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?)",
        )
        .bind(id)
        .bind(&seed.office.id)
        .bind(&past.service)
        .bind(*group)
        .bind(day.to_string())
        .bind(i64::from(*seq))
        .bind(ticket_number(group, *seq))
        .bind(priority_name(Priority::None))
        .bind(call_rank(Priority::None) as i64)
        .bind(to_stored(past.issued_at))
        .bind(to_stored(served))
        .bind(to_stored(served + chrono::Duration::minutes(10)))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What a booking's idempotency key stands for: every field the visitor gave, so a
/// replay with another name, phone, slot or procedure is refused, not answered with
/// the first booking.
fn booking_fingerprint(request: &BookingRequest, start: &str) -> String {
    serde_json::json!({
        "appointment": {
            "office": request.office,
            "service": request.service,
            "slot_start": start,
            "phone": request.phone.as_str(),
            "name": request.name,
        }
    })
    .to_string()
}

/// The resource stored for an idempotency key, if the key was used before for
/// this same request; an error if it was used for another.
async fn replayed(
    tx: &mut Tx,
    scope: &str,
    key: &str,
    request: &str,
) -> Result<Option<String>, StoreError> {
    let row =
        sqlx::query("SELECT request, resource FROM idempotency_keys WHERE scope = ? AND key = ?")
            .bind(scope)
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?;
    match row {
        None => Ok(None),
        Some(row) if row.get::<String, _>("request") == request => Ok(Some(row.get("resource"))),
        Some(_) => Err(StoreError::IdempotencyKeyReused),
    }
}

async fn remember_key(
    tx: &mut Tx,
    scope: &str,
    key: &str,
    request: &str,
    resource: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request, resource, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(scope)
    .bind(key)
    .bind(request)
    .bind(resource)
    .bind(to_stored(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn slot_from_row(row: &sqlx::sqlite::SqliteRow, tz: Tz) -> Slot {
    let capacity = row.get::<i64, _>("capacity");
    let booked = row.get::<i64, _>("booked");
    Slot {
        start: to_local_rfc3339(from_stored(row.get("start_at")), tz),
        end: to_local_rfc3339(from_stored(row.get("end_at")), tz),
        capacity: capacity as u32,
        remaining: (capacity - booked).max(0) as u32,
    }
}

const SLOTS_WITH_BOOKINGS: &str = "SELECT s.start_at, s.end_at, s.capacity,
        (SELECT COUNT(*) FROM appointments a
          WHERE a.office = s.office AND a.service_group = s.service_group
            AND a.slot_start = s.start_at) AS booked
     FROM slots s WHERE s.office = ? AND s.service_group = ?";

/// The office's opening hours as they are now. A slot is offered and booked only when it
/// starts while the office is open: a day closed or hours cut after the slots were made
/// leave those slots unoffered.
fn office_calendar(office: &OfficeRecord) -> Calendar {
    Calendar::from_wire(&office.office.opening_hours, &office.office.closed_days)
}

/// Slots looked through to find the next free ones, past those a changed calendar closed.
const NEXT_SLOTS_LOOKED_AT: i64 = 200;

async fn next_free_slots(
    tx: &mut Tx,
    office: &OfficeRecord,
    group: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT * FROM ({SLOTS_WITH_BOOKINGS} AND s.start_at > ?) WHERE booked < capacity
         ORDER BY start_at LIMIT ?"
    ))
    .bind(&office.office.id)
    .bind(group)
    .bind(to_stored(now))
    .bind(NEXT_SLOTS_LOOKED_AT)
    .fetch_all(&mut **tx)
    .await?;
    let calendar = office_calendar(office);
    Ok(rows
        .iter()
        .filter(|r| calendar.is_open(office.tz, from_stored(r.get("start_at"))))
        .take(NEXT_SLOTS_OFFERED as usize)
        .map(|r| slot_from_row(r, office.tz))
        .collect())
}

fn office_ticket_from_row(
    row: &sqlx::sqlite::SqliteRow,
    tz: Tz,
) -> Result<OfficeTicket, StoreError> {
    let local = |column: &str| {
        row.get::<Option<String>, _>(column)
            .map(|t| to_local_rfc3339(from_stored(&t), tz))
    };
    Ok(OfficeTicket {
        id: row.get("id"),
        number: row.get("number"),
        service: row.get("service"),
        service_group: row.get("service_group"),
        priority: parse_priority(row.get("priority"))?,
        state: parse_state(row.get("state"))?,
        issued_at: local("issued_at").unwrap_or_default(),
        called_at: local("called_at"),
        counter: row.get("counter"),
        closed_at: local("closed_at"),
    })
}

const OFFICE_TICKET_COLUMNS: &str =
    "id, number, service, service_group, priority, state, issued_at, called_at, counter, closed_at";

pub(super) async fn office_ticket(
    tx: &mut Tx,
    id: &str,
    tz: Tz,
) -> Result<OfficeTicket, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {OFFICE_TICKET_COLUMNS} FROM tickets WHERE id = ?"
    ))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    office_ticket_from_row(&row, tz)
}

fn appointment_from_row(row: &sqlx::sqlite::SqliteRow, tz: Tz) -> Appointment {
    let start = from_stored(row.get("slot_start"));
    let (opens, closes) = check_in_window(start);
    Appointment {
        code: row.get("code"),
        office: row.get("office"),
        service: row.get("service"),
        slot_start: to_local_rfc3339(start, tz),
        slot_end: to_local_rfc3339(from_stored(row.get("slot_end")), tz),
        check_in: CheckInWindow {
            opens_at: to_local_rfc3339(opens, tz),
            closes_at: to_local_rfc3339(closes, tz),
        },
    }
}

async fn appointment_by_code(tx: &mut Tx, code: &str, tz: Tz) -> Result<Appointment, StoreError> {
    let row = sqlx::query(
        "SELECT code, office, service, slot_start, slot_end FROM appointments WHERE code = ?",
    )
    .bind(code)
    .fetch_one(&mut **tx)
    .await?;
    Ok(appointment_from_row(&row, tz))
}

impl SqliteStore {
    /// Runs `update`, an UPDATE of the row of `office`, and reads the office back, in one
    /// transaction; an office that is not there is [`StoreError::UnknownOffice`].
    async fn update_office<'q>(
        &self,
        office: &str,
        update: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> Result<OfficeRecord, StoreError> {
        let mut tx = self.begin_write().await?;
        if update.execute(&mut *tx).await?.rows_affected() == 0 {
            return Err(StoreError::UnknownOffice(office.to_owned()));
        }
        let record = office_record(&mut *tx, office).await?;
        tx.commit().await?;
        Ok(record)
    }

    /// Queues and lobby of an office now.
    pub(super) async fn queue_overview_of(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
    ) -> Result<QueueOverview, StoreError> {
        let id = &office.office.id;
        let day = local_day(now, office.tz).to_string();
        let mut conn = self.reader.acquire().await?;
        let rows = sqlx::query(
            "SELECT g.id, g.name_vi, g.name_en, g.avg_service_minutes AS avg,
                    (SELECT COUNT(*) FROM counters c WHERE c.office = g.office AND c.open = 1
                        AND EXISTS (SELECT 1 FROM json_each(c.groups) WHERE value = g.id)) AS open
             FROM service_groups g WHERE g.office = ? ORDER BY g.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let occupancy: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(n), 0) FROM queue_counts
             WHERE office = ? AND local_day = ? AND state IN ('waiting', 'called')",
        )
        .bind(id)
        .bind(&day)
        .fetch_one(&mut *conn)
        .await?;
        let mut groups = Vec::with_capacity(rows.len());
        for r in &rows {
            let group: String = r.get("id");
            let waiting = group_waiting(&mut conn, id, &group, &day).await?;
            let turn = group_turn(&mut conn, id, &group, &day, office.ratio).await?;
            // The wait of a ticket taken now, without priority.
            let ahead = queue_order::people_ahead(
                Class::Normal,
                waiting.normal + 1,
                waiting,
                turn,
                office.ratio,
            );
            let open = r.get::<i64, _>("open") as u32;
            groups.push(GroupQueue {
                service_group: group,
                name: LocalizedText::new(
                    r.get::<String, _>("name_vi"),
                    r.get::<String, _>("name_en"),
                ),
                waiting: waiting.appointment + waiting.priority + waiting.normal,
                counters_open: open,
                estimated_wait_minutes: estimated_wait_minutes(
                    ahead,
                    open,
                    r.get::<i64, _>("avg") as u32,
                ),
            });
        }
        Ok(QueueOverview {
            office: id.clone(),
            groups,
            lobby: Lobby {
                occupancy: occupancy as u32,
                capacity: lobby_capacity(office.seats, office.occupancy_ratio),
            },
            opening: opening_status(
                &office.office.opening_hours,
                &office.office.closed_days,
                office.tz,
                now,
            ),
        })
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.reader)
            .await?;
        Ok(())
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offices")
            .fetch_one(&self.reader)
            .await?;
        Ok(count == 0)
    }

    async fn seed(&self, offices: &[OfficeSeed]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for seed in offices {
            let office = &seed.office;
            sqlx::query(
                "INSERT INTO offices (id, name, address, time_zone, opening_hours, closed_days,
                                      seats, occupancy_ratio)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&office.id)
            .bind(&office.name)
            .bind(&office.address)
            .bind(&office.time_zone)
            .bind(serde_json::to_string(&office.opening_hours).expect("serialisable"))
            .bind(serde_json::to_string(&office.closed_days).expect("serialisable"))
            .bind(seed.seats as i64)
            .bind(seed.occupancy_ratio)
            .execute(&mut *tx)
            .await?;
            for group in &seed.groups {
                sqlx::query(
                    "INSERT INTO service_groups (office, id, name_vi, name_en, avg_service_minutes)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&office.id)
                .bind(&group.id)
                .bind(&group.name.vi)
                .bind(&group.name.en)
                .bind(group.avg_service_minutes as i64)
                .execute(&mut *tx)
                .await?;
            }
            for (position, procedure) in seed.procedures.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO procedures (office, code, service_group, position, record)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&office.id)
                .bind(&procedure.code)
                .bind(&procedure.service_group)
                .bind(position as i64)
                .bind(serde_json::to_string(procedure).expect("serialisable"))
                .execute(&mut *tx)
                .await?;
            }
            for counter in &seed.counters {
                sqlx::query(
                    "INSERT INTO counters (id, office, name, groups, open) VALUES (?, ?, ?, ?, 1)",
                )
                .bind(&counter.id)
                .bind(&office.id)
                .bind(&counter.name)
                .bind(serde_json::to_string(&counter.groups).expect("serialisable"))
                .execute(&mut *tx)
                .await?;
            }
            seed_history(&mut tx, seed).await?;
            for slot in &seed.slots {
                sqlx::query(
                    "INSERT INTO slots (office, service_group, start_at, end_at, capacity)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&office.id)
                .bind(&slot.service_group)
                .bind(to_stored(slot.start))
                .bind(to_stored(slot.end))
                .bind(slot.capacity as i64)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn offices(&self) -> Result<Vec<Office>, StoreError> {
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM offices ORDER BY id")
            .fetch_all(&self.reader)
            .await?;
        let mut offices = Vec::with_capacity(ids.len());
        for id in ids {
            offices.push(office_record(&self.reader, &id).await?.office);
        }
        Ok(offices)
    }

    async fn office(&self, id: &str) -> Result<OfficeRecord, StoreError> {
        office_record(&self.reader, id).await
    }

    async fn set_calendar(
        &self,
        office: &str,
        opening_hours: &[OpeningSession],
        closed_days: &[String],
    ) -> Result<Office, StoreError> {
        let update =
            sqlx::query("UPDATE offices SET opening_hours = ?, closed_days = ? WHERE id = ?")
                .bind(serde_json::to_string(opening_hours).expect("serialisable"))
                .bind(serde_json::to_string(closed_days).expect("serialisable"))
                .bind(office);
        Ok(self.update_office(office, update).await?.office)
    }

    async fn catalogue(&self, office: &str) -> Result<Catalogue, StoreError> {
        office_record(&self.reader, office).await?;
        let groups = sqlx::query(
            "SELECT id, name_vi, name_en FROM service_groups WHERE office = ? ORDER BY id",
        )
        .bind(office)
        .fetch_all(&self.reader)
        .await?;
        let records: Vec<String> =
            sqlx::query_scalar("SELECT record FROM procedures WHERE office = ? ORDER BY position")
                .bind(office)
                .fetch_all(&self.reader)
                .await?;
        let procedures = records
            .iter()
            .map(|r| {
                serde_json::from_str(r).map_err(|e| StoreError::Corrupt(format!("procedure: {e}")))
            })
            .collect::<Result<_, _>>()?;
        Ok(Catalogue {
            office: office.to_owned(),
            service_groups: groups
                .iter()
                .map(|g| ServiceGroup {
                    id: g.get("id"),
                    name: LocalizedText::new(
                        g.get::<String, _>("name_vi"),
                        g.get::<String, _>("name_en"),
                    ),
                })
                .collect(),
            procedures,
        })
    }

    async fn procedure(&self, office: &str, code: &str) -> Result<Procedure, StoreError> {
        let record: String =
            sqlx::query_scalar("SELECT record FROM procedures WHERE office = ? AND code = ?")
                .bind(office)
                .bind(code)
                .fetch_optional(&self.reader)
                .await?
                .ok_or_else(|| StoreError::UnknownService(code.to_owned()))?;
        serde_json::from_str(&record).map_err(|e| StoreError::Corrupt(format!("procedure: {e}")))
    }

    async fn queue_overview(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
    ) -> Result<QueueOverview, StoreError> {
        self.queue_overview_of(office, now).await
    }

    async fn slots(
        &self,
        office: &OfficeRecord,
        service_group: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Slot>, StoreError> {
        let rows = sqlx::query(&format!(
            "{SLOTS_WITH_BOOKINGS} AND s.start_at >= ? AND s.start_at < ? ORDER BY s.start_at"
        ))
        .bind(&office.office.id)
        .bind(service_group)
        .bind(to_stored(from))
        .bind(to_stored(to))
        .fetch_all(&self.reader)
        .await?;
        let calendar = office_calendar(office);
        Ok(rows
            .iter()
            .filter(|r| calendar.is_open(office.tz, from_stored(r.get("start_at"))))
            .map(|r| slot_from_row(r, office.tz))
            .collect())
    }

    async fn issue_ticket(&self, request: TicketRequest) -> Result<Ticket, StoreError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let ticket_id = self.ticket_id_secret.ticket_id(&request.idempotency);
        self.issuer
            .send(issue::IssueJob {
                request,
                ticket_id,
                reply,
            })
            .await
            .map_err(|_| StoreError::Batch("the ticket issuer has stopped".into()))?;
        let issued = answer
            .await
            .map_err(|_| StoreError::Batch("the ticket issuer dropped the request".into()))??;
        match issued {
            issue::Issued::New(ticket) => Ok(ticket),
            issue::Issued::Replay(id) => {
                let mut tx: Tx = self.reader.begin().await?;
                ticket_by_id(&mut tx, &id).await
            }
            issue::Issued::LobbyFull {
                office,
                service_group,
                now,
            } => {
                let record = office_record(&self.reader, &office).await?;
                let mut tx: Tx = self.reader.begin().await?;
                let next_slots = next_free_slots(&mut tx, &record, &service_group, now).await?;
                Err(StoreError::LobbyFull { next_slots })
            }
        }
    }

    async fn book_appointment(&self, request: BookingRequest) -> Result<Appointment, StoreError> {
        let mut tx = self.begin_write().await?;
        let start = to_stored(request.slot_start);
        let fingerprint = booking_fingerprint(&request, &start);
        let scope = &request.idempotency.scope;
        let key = &request.idempotency.key;
        let office = office_record(&mut *tx, &request.office).await?;
        match replayed(&mut tx, scope, key, &fingerprint).await {
            Ok(Some(code)) => return appointment_by_code(&mut tx, &code, office.tz).await,
            Ok(None) => {}
            Err(StoreError::IdempotencyKeyReused) => {
                // A key kept before the name was part of the fingerprint is still
                // found by what it held then (a retry a moment after an upgrade).
                let before_names = format!(
                    "appointment {} {} {} {}",
                    request.office,
                    request.service,
                    start,
                    request.phone.as_str()
                );
                return match replayed(&mut tx, scope, key, &before_names).await {
                    Ok(Some(code)) => appointment_by_code(&mut tx, &code, office.tz).await,
                    _ => Err(StoreError::IdempotencyKeyReused),
                };
            }
            Err(error) => return Err(error),
        }
        // The key of a ticket (tickets keep their keys in their ids).
        let ticket_id = self.ticket_id_secret.ticket_id(&request.idempotency);
        if sqlx::query("SELECT 1 FROM tickets WHERE id = ?")
            .bind(&ticket_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some()
        {
            return Err(StoreError::IdempotencyKeyReused);
        }
        let group = procedure_group(&mut tx, &request.office, &request.service).await?;
        let slot = sqlx::query(&format!("{SLOTS_WITH_BOOKINGS} AND s.start_at = ?"))
            .bind(&request.office)
            .bind(&group)
            .bind(&start)
            .fetch_optional(&mut *tx)
            .await?
            .filter(|_| office_calendar(&office).is_open(office.tz, request.slot_start))
            .ok_or(StoreError::UnknownSlot)?;
        if request.slot_start <= request.now {
            return Err(StoreError::SlotInPast);
        }
        if slot.get::<i64, _>("booked") >= slot.get::<i64, _>("capacity") {
            return Err(StoreError::SlotFull);
        }
        let (day_start, day_end) = day_bounds(local_day(request.slot_start, office.tz), office.tz);
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM appointments
             WHERE office = ? AND phone = ? AND slot_start >= ? AND slot_start < ?",
        )
        .bind(&request.office)
        .bind(request.phone.as_str())
        .bind(to_stored(day_start))
        .bind(to_stored(day_end))
        .fetch_one(&mut *tx)
        .await?;
        if held >= i64::from(office.bookings_per_phone) {
            return Err(StoreError::TooManyBookingsForPhone {
                limit: office.bookings_per_phone,
            });
        }
        let code = loop {
            let code = appointment_code(&mut rand::thread_rng());
            let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE code = ?")
                .bind(&code)
                .fetch_one(&mut *tx)
                .await?;
            if taken == 0 {
                break code;
            }
        };
        sqlx::query(
            "INSERT INTO appointments (code, office, service, service_group, slot_start, slot_end,
                                       phone, name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&code)
        .bind(&request.office)
        .bind(&request.service)
        .bind(&group)
        .bind(&start)
        .bind(slot.get::<String, _>("end_at"))
        .bind(request.phone.as_str())
        .bind(&request.name)
        .bind(to_stored(request.now))
        .execute(&mut *tx)
        .await?;
        remember_key(&mut tx, scope, key, &fingerprint, &code, request.now).await?;
        let appointment = appointment_by_code(&mut tx, &code, office.tz).await?;
        tx.commit().await?;
        Ok(appointment)
    }

    async fn bookings_between(
        &self,
        office: &OfficeRecord,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingWithContact>, StoreError> {
        let rows = sqlx::query(
            "SELECT code, office, service, slot_start, slot_end, name, phone FROM appointments
             WHERE office = ? AND slot_start >= ? AND slot_start < ?
             ORDER BY slot_start, code",
        )
        .bind(&office.office.id)
        .bind(to_stored(from))
        .bind(to_stored(to))
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .iter()
            .map(|row| BookingWithContact {
                appointment: appointment_from_row(row, office.tz),
                name: row.get("name"),
                phone: row.get("phone"),
            })
            .collect())
    }

    async fn appointment_office(&self, code: &str) -> Result<String, StoreError> {
        sqlx::query_scalar("SELECT office FROM appointments WHERE code = ?")
            .bind(code)
            .fetch_optional(&self.reader)
            .await?
            .ok_or(StoreError::UnknownAppointment)
    }

    async fn check_in(&self, code: &str, now: DateTime<Utc>) -> Result<Ticket, StoreError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT office, service, service_group, slot_start, ticket FROM appointments WHERE code = ?")
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::UnknownAppointment)?;
        if let Some(ticket) = row.get::<Option<String>, _>("ticket") {
            return ticket_by_id(&mut tx, &ticket).await;
        }
        let office = office_record(&mut *tx, row.get("office")).await?;
        let (opens, closes) = check_in_window(from_stored(row.get("slot_start")));
        if now < opens || now > closes {
            return Err(StoreError::OutsideWindow {
                window: CheckInWindow {
                    opens_at: to_local_rfc3339(opens, office.tz),
                    closes_at: to_local_rfc3339(closes, office.tz),
                },
                arrival: if now < opens {
                    Arrival::Early
                } else {
                    Arrival::Late
                },
            });
        }
        let service: String = row.get("service");
        let group: String = row.get("service_group");
        let id = insert_ticket(
            &mut tx,
            &office,
            &service,
            &group,
            Priority::Appointment,
            now,
        )
        .await?;
        sqlx::query("UPDATE appointments SET ticket = ? WHERE code = ?")
            .bind(&id)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        let ticket = ticket_by_id(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(ticket)
    }

    async fn ticket_status(&self, id: &str) -> Result<TicketStatus, StoreError> {
        let mut tx: Tx = self.reader.begin().await?;
        let ticket = ticket_by_id(&mut tx, id).await?;
        let row = sqlx::query(
            "SELECT t.state, t.counter, c.name AS counter_name
             FROM tickets t LEFT JOIN counters c ON c.id = t.counter WHERE t.id = ?",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let state = parse_state(row.get("state"))?;
        let waiting = state == TicketState::Waiting;
        Ok(TicketStatus {
            id: ticket.id,
            number: ticket.number,
            office: ticket.office,
            service_group: ticket.service_group,
            state,
            people_ahead: if waiting { ticket.people_ahead } else { 0 },
            estimated_wait_minutes: if waiting {
                ticket.estimated_wait_minutes
            } else {
                0
            },
            counter: row.get("counter"),
            counter_name: row.get("counter_name"),
            issued_at: ticket.issued_at,
        })
    }

    async fn ticket_place(&self, id: &str) -> Result<(String, Option<String>), StoreError> {
        let row = sqlx::query("SELECT office, counter FROM tickets WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .ok_or(StoreError::UnknownTicket)?;
        Ok((row.get("office"), row.get("counter")))
    }

    async fn call_next(&self, counter: &str, now: DateTime<Utc>) -> Result<CallNext, StoreError> {
        self.call_next_at(counter, now).await
    }

    async fn counters(&self, office: &str) -> Result<Vec<CounterSummary>, StoreError> {
        self.counters_of(office).await
    }

    async fn counter(&self, counter: &str) -> Result<CounterSummary, StoreError> {
        self.counter_of(counter).await
    }

    async fn counter_view(
        &self,
        counter: &str,
        now: DateTime<Utc>,
    ) -> Result<CounterView, StoreError> {
        self.counter_view_at(counter, now).await
    }

    async fn set_counter_open(
        &self,
        counter: &str,
        open: bool,
    ) -> Result<CounterSummary, StoreError> {
        self.set_counter_open_to(counter, open).await
    }

    async fn serving(&self, counter: &str) -> Result<Option<OfficeTicket>, StoreError> {
        self.serving_at(counter).await
    }

    async fn transfer(&self, id: &str, target: TransferTarget) -> Result<Transferred, StoreError> {
        self.transfer_to(id, target).await
    }

    async fn recent_calls(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<RecentCall>, StoreError> {
        self.recent_calls_of(office, now, limit).await
    }

    async fn close_ticket(
        &self,
        id: &str,
        outcome: TicketState,
        now: DateTime<Utc>,
    ) -> Result<OfficeTicket, StoreError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT t.state, o.time_zone FROM tickets t JOIN offices o ON o.id = t.office WHERE t.id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::UnknownTicket)?;
        let tz = parse_tz(row.get("time_zone"))?;
        let state = parse_state(row.get("state"))?;
        if state != TicketState::Called {
            return Err(StoreError::TicketNotCalled(state));
        }
        sqlx::query("UPDATE tickets SET state = ?, closed_at = ? WHERE id = ?")
            .bind(state_name(outcome))
            .bind(to_stored(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let ticket = office_ticket(&mut tx, id, tz).await?;
        tx.commit().await?;
        Ok(ticket)
    }

    async fn most_taken(
        &self,
        office: &OfficeRecord,
        from: NaiveDate,
        to: NaiveDate,
        limit: u32,
    ) -> Result<Vec<TakenProcedure>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(MOST_TAKEN)
            .bind(&office.office.id)
            .bind(from.to_string())
            .bind(to.to_string())
            .bind(i64::from(limit))
            .fetch_all(&self.reader)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(code, n)| TakenProcedure {
                code,
                tickets: u32::try_from(n).unwrap_or(u32::MAX),
            })
            .collect())
    }

    async fn office_tickets(
        &self,
        office: &str,
        day: NaiveDate,
    ) -> Result<Vec<OfficeTicket>, StoreError> {
        let record = office_record(&self.reader, office).await?;
        let rows = sqlx::query(&format!("SELECT {OFFICE_TICKET_COLUMNS} {DAY_LIST}"))
            .bind(office)
            .bind(day.to_string())
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| office_ticket_from_row(r, record.tz))
            .collect()
    }

    async fn create_token_with(
        &self,
        role: &Role,
        terms: &TokenTerms,
        now: DateTime<Utc>,
    ) -> Result<NewToken, StoreError> {
        self.tokens_create(role, terms, now).await
    }

    async fn token_for_hash(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenGrant>, StoreError> {
        self.tokens_lookup(hash, now).await
    }

    async fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.tokens_list().await
    }

    async fn revoke_token(&self, id: i64, now: DateTime<Utc>) -> Result<TokenRecord, StoreError> {
        self.tokens_revoke(id, now).await
    }

    async fn record_audit(&self, entry: &AuditRecord) -> Result<(), StoreError> {
        self.audit_record(entry).await
    }

    async fn audit_log(&self, query: &AuditQuery) -> Result<Vec<wire::AuditEntry>, StoreError> {
        self.audit_read(query).await
    }

    async fn create_profile(
        &self,
        name: &str,
        document: &str,
        office: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProfile, StoreError> {
        self.fleet_create_profile(name, document, office, now).await
    }

    async fn profiles(&self) -> Result<Vec<StoredProfile>, StoreError> {
        self.fleet_profiles().await
    }

    async fn profile(&self, id: i64, version: Option<u32>) -> Result<StoredProfile, StoreError> {
        self.fleet_profile(id, version).await
    }

    async fn update_profile(
        &self,
        id: i64,
        base_version: u32,
        document: &str,
        office: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProfile, StoreError> {
        self.fleet_update_profile(id, base_version, document, office, now)
            .await
    }

    async fn assign_profile(
        &self,
        kiosk: i64,
        profile: Option<i64>,
    ) -> Result<KioskRecord, StoreError> {
        self.fleet_assign_profile(kiosk, profile).await
    }

    async fn register_kiosk(
        &self,
        token_hash: &str,
        name: &str,
        app_version: &str,
        now: DateTime<Utc>,
    ) -> Result<(KioskRecord, Option<StoredProfile>), StoreError> {
        self.fleet_register_kiosk(token_hash, name, app_version, now)
            .await
    }

    async fn kiosk_heartbeat(
        &self,
        token_hash: &str,
        report: &KioskReport,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredProfile>, StoreError> {
        self.fleet_heartbeat(token_hash, report, now).await
    }

    async fn kiosks(&self) -> Result<Vec<KioskRecord>, StoreError> {
        self.fleet_kiosks().await
    }

    async fn check_in_locked_until(
        &self,
        token_hash: &str,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let until: Option<String> =
            sqlx::query_scalar("SELECT locked_until FROM check_in_locks WHERE token_hash = ?")
                .bind(token_hash)
                .fetch_optional(&self.reader)
                .await?;
        Ok(until.map(|t| from_stored(&t)))
    }

    async fn lock_check_in(
        &self,
        token_hash: &str,
        until: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO check_in_locks (token_hash, locked_until) VALUES (?, ?)
             ON CONFLICT (token_hash) DO UPDATE SET locked_until = excluded.locked_until",
        )
        .bind(token_hash)
        .bind(to_stored(until))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn set_bookings_per_phone(
        &self,
        office: &str,
        bookings_per_phone: u32,
    ) -> Result<OfficeRecord, StoreError> {
        let update = sqlx::query("UPDATE offices SET bookings_per_phone = ? WHERE id = ?")
            .bind(i64::from(bookings_per_phone))
            .bind(office);
        self.update_office(office, update).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Statements run for every call, ticket or status page must find their rows
    /// through an index: a scan reads every ticket ever issued, and slows down
    /// day by day without any test noticing.
    #[tokio::test]
    async fn ping_answers_while_the_database_does_and_fails_once_it_is_gone() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("ping.db").display());
        let store = SqliteStore::open(&url).await.expect("open");
        store.ping().await.expect("an open database answers");
        store.reader.close().await;
        assert!(store.ping().await.is_err());
    }

    #[tokio::test]
    async fn statements_on_tickets_use_an_index() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("plans.db").display());
        let store = SqliteStore::open(&url).await.expect("open");
        let statements = [
            CLOSE_CALLED_AT_COUNTER.to_owned(),
            format!("SELECT {OFFICE_TICKET_COLUMNS} {DAY_LIST}"),
            LATEST_CALLS.to_owned(),
            WAITING_BY_RANK.to_owned(),
            MOST_TAKEN.to_owned(),
            format!("SELECT {OFFICE_TICKET_COLUMNS} FROM tickets WHERE id = ?"),
        ];
        for statement in statements {
            let plan: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {statement}"))
                    .fetch_all(&store.reader)
                    .await
                    .expect("a plan");
            let steps: Vec<&str> = plan.iter().map(|(.., step)| step.as_str()).collect();
            assert!(
                steps.iter().all(|step| !step.starts_with("SCAN")),
                "{statement}\n{steps:?}"
            );
        }
    }
}
