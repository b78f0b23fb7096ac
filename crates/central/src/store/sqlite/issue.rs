//! Ticket issuance with group commit, on a thread of its own.
//!
//! Issuing is the hot path of the whole system: every kiosk tap lands here. One
//! thread owns a SQLite connection and its prepared statements. It takes the
//! requests waiting in its queue, decides them in arrival order inside one
//! `BEGIN IMMEDIATE` transaction, and commits once (with an fsync); only then
//! does any caller get its answer. Under load the commit is shared by the whole
//! batch; alone, a request costs one small transaction. The rules hold as
//! before: numbers follow each other with no gap, the lobby never holds more
//! than its capacity, and a replayed key gets the ticket it got before.
//!
//! Answers that need more reading (a replayed ticket's current place, the free
//! slots offered when the lobby is full) are finished by the async side from
//! the read pool, after the commit.

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use tokio::sync::{mpsc, oneshot};
use wire::{OpeningSession, Ticket};

use super::{
    calls_to_read, priority_name, turn_from_latest, waiting_from_ranks, LATEST_CALLS,
    WAITING_BY_RANK,
};
use crate::calendar::Calendar;
use crate::queue_order::{people_ahead, Class, Ratio, Turn, Waiting};
use crate::rules::{
    call_rank, estimated_wait_minutes, lobby_capacity, local_day, ticket_number, to_local_rfc3339,
    to_stored,
};
use crate::store::{StoreError, TicketRequest};

/// Most requests decided in one transaction.
const MAX_BATCH: usize = 512;
/// Requests that may wait for the issuer before callers wait to enqueue.
const QUEUE_LENGTH: usize = 4096;
/// How long a write waits for another writer's transaction to end.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How the issuer answered one request.
pub(super) enum Issued {
    /// A new ticket.
    New(Ticket),
    /// The key was used before for the same request: that ticket, to be read again.
    Replay(String),
    /// The lobby is at capacity; the caller offers the next free slots of the group.
    LobbyFull {
        office: String,
        service_group: String,
        now: DateTime<Utc>,
    },
}

/// One request for a ticket and where its answer goes.
pub(super) struct IssueJob {
    pub request: TicketRequest,
    /// The id its ticket has, new or replayed: made from the sender and the key
    /// (`rules::ticket_id_for_key`) before the job is queued.
    pub ticket_id: String,
    pub reply: oneshot::Sender<Result<Issued, StoreError>>,
}

impl std::fmt::Debug for IssueJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IssueJob")
    }
}

/// Opens the issuer's connection to the database file (already migrated) and
/// starts its thread; the thread ends when every sender is dropped.
pub(super) fn spawn(file: PathBuf) -> Result<mpsc::Sender<IssueJob>, StoreError> {
    let connection = Connection::open(&file).map_err(batch_error)?;
    // Room for the per-ticket statements and the multi-row inserts of every chunk size.
    connection.set_prepared_statement_cache_capacity(64);
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .and_then(|_| {
            connection.execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
                 PRAGMA temp_store = MEMORY;",
            )
        })
        .map_err(batch_error)?;
    let (sender, mut queue) = mpsc::channel::<IssueJob>(QUEUE_LENGTH);
    std::thread::Builder::new()
        .name("ticket-issuer".into())
        .spawn(move || {
            let mut connection = connection;
            let mut known = Known::default();
            while let Some(first) = queue.blocking_recv() {
                let mut jobs = vec![first];
                while jobs.len() < MAX_BATCH {
                    match queue.try_recv() {
                        Ok(job) => jobs.push(job),
                        Err(_) => break,
                    }
                }
                let (requests, replies): (Vec<_>, Vec<_>) = jobs
                    .into_iter()
                    .map(|j| ((j.request, j.ticket_id), j.reply))
                    .unzip();
                match issue_batch(&mut connection, &mut known, &requests) {
                    Ok(outcomes) => {
                        for (reply, outcome) in replies.into_iter().zip(outcomes) {
                            let _ = reply.send(outcome);
                        }
                    }
                    Err(error) => {
                        // Rolled back: what the batch counted in memory never happened.
                        known = Known::default();
                        tracing::error!(%error, batch = requests.len(), "ticket batch failed");
                        for reply in replies {
                            let _ = reply.send(Err(StoreError::Batch(error.to_string())));
                        }
                    }
                }
            }
        })
        .map_err(|e| StoreError::Batch(format!("cannot start the ticket issuer: {e}")))?;
    Ok(sender)
}

fn batch_error(error: rusqlite::Error) -> StoreError {
    StoreError::Batch(error.to_string())
}

/// What the batch needs of an office.
struct OfficeFacts {
    tz: Tz,
    capacity: u32,
    ratio: Ratio,
    /// Read inside the batch's transaction, so a calendar changed meanwhile is
    /// either wholly before the batch or wholly after it.
    calendar: Calendar,
}

/// What the batch knows of one queue (office, group, day) as it goes.
struct QueueTally {
    last_seq: i64,
    waiting: Waiting,
    turn: Turn,
    counters_open: u32,
    avg_service_minutes: u32,
}

/// What a ticket request asks, as stored for keys of tickets issued before ids
/// were made from keys.
fn fingerprint(request: &TicketRequest) -> String {
    format!(
        "ticket {} {} {}",
        request.office,
        request.service,
        priority_name(request.priority)
    )
}

/// The same refusal again, for a request that repeated a refused one in the same batch.
fn repeat(outcome: &Result<Issued, StoreError>) -> Result<Issued, StoreError> {
    match outcome {
        Ok(Issued::New(ticket)) => Ok(Issued::New(ticket.clone())),
        Ok(Issued::Replay(id)) => Ok(Issued::Replay(id.clone())),
        Ok(Issued::LobbyFull {
            office,
            service_group,
            now,
        }) => Ok(Issued::LobbyFull {
            office: office.clone(),
            service_group: service_group.clone(),
            now: *now,
        }),
        Err(StoreError::UnknownOffice(o)) => Err(StoreError::UnknownOffice(o.clone())),
        Err(StoreError::UnknownService(s)) => Err(StoreError::UnknownService(s.clone())),
        Err(StoreError::IdempotencyKeyReused) => Err(StoreError::IdempotencyKeyReused),
        Err(StoreError::OfficeClosed { opens_at }) => Err(StoreError::OfficeClosed {
            opens_at: opens_at.clone(),
        }),
        Err(other) => Err(StoreError::Batch(other.to_string())),
    }
}

/// What the issuer has read of offices and queues, kept from one batch to the
/// next and updated in memory as its own batches issue numbers, so a batch
/// reads the database only for what it has not seen yet. It is dropped when
/// another connection has committed since (`PRAGMA data_version` moved: staff
/// called someone, a calendar changed, a booking was checked in) and when a
/// batch fails.
#[derive(Default)]
pub(super) struct Known {
    data_version: Option<i64>,
    offices: HashMap<String, Option<OfficeFacts>>,
    /// Service group by (office, service).
    groups: HashMap<(String, String), Option<String>>,
    /// Tickets waiting or called by (office, local day).
    occupancy: HashMap<(String, String), u32>,
    tallies: HashMap<(String, String, String), QueueTally>,
}

/// Past this many queues known, the issuer starts afresh (days gone by).
const MOST_QUEUES_KNOWN: usize = 10_000;

impl Known {
    /// Keeps what is known only if nobody else wrote since it was read.
    fn check(&mut self, tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
        let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) || self.tallies.len() > MOST_QUEUES_KNOWN {
            *self = Self {
                data_version: Some(version),
                ..Self::default()
            };
        }
        Ok(())
    }
}

fn issue_batch(
    connection: &mut Connection,
    known: &mut Known,
    requests: &[(TicketRequest, String)],
) -> Result<Vec<Result<Issued, StoreError>>, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    known.check(&tx)?;
    let Known {
        offices,
        groups,
        occupancy,
        tallies,
        ..
    } = known;
    // The ticket ids made in this batch (one per key), and where their request is.
    let mut first_use: HashMap<&str, usize> = HashMap::new();
    let mut outcomes: Vec<Result<Issued, StoreError>> = Vec::with_capacity(requests.len());
    let mut rows: Vec<NewRow> = Vec::with_capacity(requests.len());

    for (index, (request, ticket_id)) in requests.iter().enumerate() {
        if let Some(&first) = first_use.get(ticket_id.as_str()) {
            outcomes.push(if asks_the_same(&requests[first].0, request) {
                repeat(&outcomes[first])
            } else {
                Err(StoreError::IdempotencyKeyReused)
            });
            continue;
        }
        first_use.insert(ticket_id, index);
        // A replayed key: its ticket has the id the key makes.
        let issued: Option<(String, String, String)> = tx
            .prepare_cached("SELECT office, service, priority FROM tickets WHERE id = ?1")?
            .query_row(params![ticket_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some((office, service, priority)) = issued {
            let same = office == request.office
                && service == request.service
                && priority == priority_name(request.priority);
            outcomes.push(if same {
                Ok(Issued::Replay(ticket_id.clone()))
            } else {
                Err(StoreError::IdempotencyKeyReused)
            });
            continue;
        }
        // The key of a booking, or of a ticket issued before ids came from keys.
        let known: Option<(String, String)> = tx
            .prepare_cached(
                "SELECT request, resource FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
            )?
            .query_row(
                params![request.idempotency.scope, request.idempotency.key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((stored, resource)) = known {
            outcomes.push(if stored == fingerprint(request) {
                Ok(Issued::Replay(resource))
            } else {
                Err(StoreError::IdempotencyKeyReused)
            });
            continue;
        }

        if !offices.contains_key(&request.office) {
            let facts = office_facts(&tx, &request.office)?;
            offices.insert(request.office.clone(), facts);
        }
        let Some(office) = offices[&request.office].as_ref() else {
            outcomes.push(Err(StoreError::UnknownOffice(request.office.clone())));
            continue;
        };
        let group_key = (request.office.clone(), request.service.clone());
        if !groups.contains_key(&group_key) {
            let group: Option<String> = tx
                .prepare_cached(
                    "SELECT service_group FROM procedures WHERE office = ?1 AND code = ?2",
                )?
                .query_row(params![request.office, request.service], |r| r.get(0))
                .optional()?;
            groups.insert(group_key.clone(), group);
        }
        let Some(group) = groups[&group_key].clone() else {
            outcomes.push(Err(StoreError::UnknownService(request.service.clone())));
            continue;
        };
        // Closed: no number is taken. The full status (when it opens) is worked
        // out only for a refusal; the open case is one look at today's sessions.
        if !office.calendar.is_open(office.tz, request.now) {
            let status = office.calendar.status(office.tz, request.now);
            outcomes.push(Err(StoreError::OfficeClosed {
                opens_at: status.opens_at,
            }));
            continue;
        }

        let day = local_day(request.now, office.tz).to_string();
        let occupied = match occupancy.entry((request.office.clone(), day.clone())) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let n: i64 = tx
                    .prepare_cached(
                        "SELECT COALESCE(SUM(n), 0) FROM queue_counts
                         WHERE office = ?1 AND local_day = ?2 AND state IN ('waiting', 'called')",
                    )?
                    .query_row(params![request.office, day], |r| r.get(0))?;
                e.insert(n as u32)
            }
        };
        if *occupied >= office.capacity {
            outcomes.push(Ok(Issued::LobbyFull {
                office: request.office.clone(),
                service_group: group,
                now: request.now,
            }));
            continue;
        }
        *occupied += 1;

        let tally_key = (request.office.clone(), group.clone(), day.clone());
        if !tallies.contains_key(&tally_key) {
            let tally = queue_tally(&tx, &request.office, &group, &day, office.ratio)?;
            tallies.insert(tally_key.clone(), tally);
        }
        let tally = tallies.get_mut(&tally_key).expect("inserted above");
        tally.last_seq += 1;
        let rank = call_rank(request.priority);
        let class = Class::from_rank(rank);
        let same_class = match class {
            Class::Appointment => &mut tally.waiting.appointment,
            Class::Priority => &mut tally.waiting.priority,
            Class::Normal => &mut tally.waiting.normal,
        };
        let position = *same_class + 1;
        *same_class += 1;
        let ahead = people_ahead(class, position, tally.waiting, tally.turn, office.ratio);
        let ticket = Ticket {
            id: ticket_id.clone(),
            number: ticket_number(&group, tally.last_seq as u32),
            office: request.office.clone(),
            service: request.service.clone(),
            service_group: group,
            priority: request.priority,
            issued_at: to_local_rfc3339(request.now, office.tz),
            people_ahead: ahead,
            estimated_wait_minutes: estimated_wait_minutes(
                ahead,
                tally.counters_open,
                tally.avg_service_minutes,
            ),
            track_url: String::new(),
        };
        rows.push(NewRow {
            outcome: outcomes.len(),
            day,
            seq: tally.last_seq,
            rank: i64::from(rank),
            issued_at: to_stored(request.now),
        });
        outcomes.push(Ok(Issued::New(ticket)));
    }
    insert_rows(&tx, &rows, &outcomes)?;
    tx.commit()?;
    Ok(outcomes)
}

/// A ticket decided in this batch, to be written with the others once all are decided.
struct NewRow {
    /// Its place in the batch's outcomes, where the ticket itself is.
    outcome: usize,
    day: String,
    seq: i64,
    rank: i64,
    issued_at: String,
}

/// Whether two requests with the same key ask for the same ticket.
fn asks_the_same(first: &TicketRequest, again: &TicketRequest) -> bool {
    first.office == again.office
        && first.service == again.service
        && first.priority == again.priority
}

/// Most rows written by one statement.
const ROWS_PER_INSERT: usize = 64;

/// Writes the batch's new tickets, many rows per statement: each statement runs
/// in a statement journal of its own (the tickets' triggers and foreign key ask
/// for one), which copies every page it touches, so one statement per ticket
/// would copy the same pages again and again. Nothing read while deciding the
/// batch depends on these rows: requests repeating a key of the batch, and the
/// counts of the queues, are kept in memory.
fn insert_rows(
    tx: &rusqlite::Transaction<'_>,
    rows: &[NewRow],
    outcomes: &[Result<Issued, StoreError>],
) -> Result<(), rusqlite::Error> {
    let mut rest = rows;
    while !rest.is_empty() {
        // Chunks of a few fixed sizes, so a few prepared statements serve every batch.
        let size = if rest.len() >= ROWS_PER_INSERT {
            ROWS_PER_INSERT
        } else {
            1 << rest.len().ilog2()
        };
        let (chunk, after) = rest.split_at(size);
        rest = after;
        let mut tickets = tx.prepare_cached(&multi_row_insert(
            "INSERT INTO tickets (id, office, service, service_group, local_day, seq, number,
                                  priority, call_rank, state, issued_at) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)",
            size,
        ))?;
        let mut t = 0;
        for row in chunk {
            let Ok(Issued::New(ticket)) = &outcomes[row.outcome] else {
                unreachable!("a row is written only for a new ticket");
            };
            for value in [
                &ticket.id as &dyn rusqlite::ToSql,
                &ticket.office,
                &ticket.service,
                &ticket.service_group,
                &row.day,
                &row.seq,
                &ticket.number,
                &priority_name(ticket.priority),
                &row.rank,
                &row.issued_at,
            ] {
                t += 1;
                tickets.raw_bind_parameter(t, value)?;
            }
        }
        tickets.raw_execute()?;
    }
    Ok(())
}

/// `head` followed by `rows` copies of `row`, comma separated.
fn multi_row_insert(head: &str, row: &str, rows: usize) -> String {
    let mut sql = String::with_capacity(head.len() + rows * (row.len() + 2));
    sql.push_str(head);
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(row);
    }
    sql
}

fn office_facts(
    tx: &rusqlite::Transaction<'_>,
    office: &str,
) -> Result<Option<OfficeFacts>, rusqlite::Error> {
    type Row = (String, i64, f64, i64, i64, String, String);
    let row: Option<Row> = tx
        .prepare_cached(
            "SELECT time_zone, seats, occupancy_ratio, priority_run, normal_run,
                    opening_hours, closed_days
             FROM offices WHERE id = ?1",
        )?
        .query_row(params![office], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    Ok(
        row.and_then(|(zone, seats, share, priority, normal, hours, closed)| {
            let hours: Vec<OpeningSession> = serde_json::from_str(&hours).ok()?;
            let closed: Vec<String> = serde_json::from_str(&closed).ok()?;
            Some(OfficeFacts {
                tz: Tz::from_str(&zone).ok()?,
                capacity: lobby_capacity(seats as u32, share),
                ratio: Ratio {
                    priority: priority as u32,
                    normal: normal as u32,
                },
                calendar: Calendar::from_wire(&hours, &closed),
            })
        }),
    )
}

fn queue_tally(
    tx: &rusqlite::Transaction<'_>,
    office: &str,
    group: &str,
    day: &str,
    ratio: Ratio,
) -> Result<QueueTally, rusqlite::Error> {
    let last_seq: i64 = tx
        .prepare_cached(
            "SELECT COALESCE(MAX(seq), 0) FROM tickets
             WHERE office = ?1 AND service_group = ?2 AND local_day = ?3 AND seq > 0",
        )?
        .query_row(params![office, group, day], |r| r.get(0))?;
    let waiting = waiting_from_ranks(
        tx.prepare_cached(WAITING_BY_RANK)?
            .query_map(params![office, day, group], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(i64, i64)>, _>>()?,
    );
    let ranks = tx
        .prepare_cached(LATEST_CALLS)?
        .query_map(params![office, group, day, calls_to_read(ratio)], |r| {
            r.get(0)
        })?
        .collect::<Result<Vec<i64>, _>>()?;
    let turn = turn_from_latest(ranks.into_iter());
    let (counters_open, avg_service_minutes): (i64, i64) = tx
        .prepare_cached(
            "SELECT (SELECT COUNT(*) FROM counters c
                      WHERE c.office = g.office AND c.open = 1
                        AND EXISTS (SELECT 1 FROM json_each(c.groups) WHERE value = g.id)),
                    g.avg_service_minutes
             FROM service_groups g WHERE g.office = ?1 AND g.id = ?2",
        )?
        .query_row(params![office, group], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(QueueTally {
        last_seq,
        waiting,
        turn,
        counters_open: counters_open as u32,
        avg_service_minutes: avg_service_minutes as u32,
    })
}
