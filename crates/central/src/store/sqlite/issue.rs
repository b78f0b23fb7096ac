//! Ticket issuance with group commit.
//!
//! Issuing is the hot path of the whole system: every kiosk tap lands here. One
//! task takes the requests waiting in its queue, decides them in arrival order
//! inside one write transaction, writes all new tickets with one statement, and
//! commits once; only then does any caller get its answer. Under load the fsync
//! and the round trips to SQLite are shared by the whole batch; alone, a request
//! costs what it did as its own transaction. Rules are unchanged: numbers follow
//! each other with no gap, the lobby never holds more than its capacity, and a
//! replayed key gets the ticket it got before.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqlitePool;
use sqlx::{QueryBuilder, Row, Sqlite};
use tokio::sync::{mpsc, oneshot};
use wire::{Slot, Ticket};

use super::{group_pace, next_free_slots, office_record, priority_name, ticket_by_id, Tx};
use crate::rules::{
    call_rank, estimated_wait_minutes, lobby_capacity, local_day, ticket_id, ticket_number,
    to_local_rfc3339, to_stored,
};
use crate::store::{OfficeRecord, StoreError, TicketRequest};

/// Most requests decided in one transaction.
const MAX_BATCH: usize = 256;
/// Rows per INSERT statement (SQLite limits bound parameters per statement).
const ROWS_PER_INSERT: usize = 64;
/// Requests that may wait for the issuer before callers wait to enqueue.
const QUEUE_LENGTH: usize = 4096;

/// One request for a ticket and where its answer goes.
pub(super) struct IssueJob {
    pub request: TicketRequest,
    pub reply: oneshot::Sender<Result<Ticket, StoreError>>,
}

/// Starts the issuer on the current runtime; it stops when every sender is gone.
pub(super) fn spawn(writer: SqlitePool) -> mpsc::Sender<IssueJob> {
    let (sender, mut queue) = mpsc::channel::<IssueJob>(QUEUE_LENGTH);
    tokio::spawn(async move {
        while let Some(first) = queue.recv().await {
            let mut jobs = vec![first];
            while jobs.len() < MAX_BATCH {
                match queue.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
            let (requests, replies): (Vec<_>, Vec<_>) =
                jobs.into_iter().map(|j| (j.request, j.reply)).unzip();
            match issue_batch(&writer, &requests).await {
                Ok(outcomes) => {
                    for (reply, outcome) in replies.into_iter().zip(outcomes) {
                        let _ = reply.send(outcome);
                    }
                }
                Err(error) => {
                    tracing::error!(%error, batch = requests.len(), "ticket batch failed");
                    for reply in replies {
                        let _ = reply.send(Err(StoreError::Batch(error.to_string())));
                    }
                }
            }
        }
    });
    sender
}

/// What the batch knows of one queue (office, group, day) as it goes.
struct QueueTally {
    last_seq: i64,
    /// Waiting tickets per call rank (0 appointment, 1 legal priority, 2 others).
    waiting_by_rank: [u32; 3],
    counters_open: u32,
    avg_service_minutes: u32,
}

/// A new ticket to insert.
struct NewRow {
    ticket: Ticket,
    day: String,
    seq: i64,
    rank: u8,
    issued_at: DateTime<Utc>,
    scope: String,
    key: String,
    fingerprint: String,
}

fn fingerprint(request: &TicketRequest) -> String {
    format!(
        "ticket {} {} {}",
        request.office,
        request.service,
        priority_name(request.priority)
    )
}

/// The same refusal again, for a request that repeated a refused one in the same batch.
fn repeat(error: &StoreError) -> StoreError {
    match error {
        StoreError::UnknownOffice(o) => StoreError::UnknownOffice(o.clone()),
        StoreError::UnknownService(s) => StoreError::UnknownService(s.clone()),
        StoreError::LobbyFull { next_slots } => StoreError::LobbyFull {
            next_slots: next_slots.clone(),
        },
        StoreError::IdempotencyKeyReused => StoreError::IdempotencyKeyReused,
        other => StoreError::Batch(other.to_string()),
    }
}

/// Where a request's answer comes from, decided in order.
enum Decision {
    Done(Result<Ticket, StoreError>),
    /// A key used in an earlier batch: the ticket it issued then.
    Replay(String),
    /// A key first used earlier in this batch: that request's answer.
    SameAs(usize),
    /// A new ticket, row index in `rows`.
    Issued(usize),
}

async fn issue_batch(
    writer: &SqlitePool,
    requests: &[TicketRequest],
) -> Result<Vec<Result<Ticket, StoreError>>, StoreError> {
    let mut tx: Tx = writer.begin().await?;
    let known = known_keys(&mut tx, requests).await?;
    let mut first_use: HashMap<(&str, &str), (String, usize)> = HashMap::new();
    let mut offices: HashMap<String, Option<OfficeRecord>> = HashMap::new();
    let mut groups: HashMap<(String, String), Option<String>> = HashMap::new();
    let mut occupancy: HashMap<(String, String), u32> = HashMap::new();
    let mut tallies: HashMap<(String, String, String), QueueTally> = HashMap::new();
    let mut rows: Vec<NewRow> = Vec::new();
    let mut decisions: Vec<Decision> = Vec::with_capacity(requests.len());

    for (index, request) in requests.iter().enumerate() {
        let print = fingerprint(request);
        let key = (
            request.idempotency.scope.as_str(),
            request.idempotency.key.as_str(),
        );
        if let Some((stored, resource)) = known.get(&(key.0.to_owned(), key.1.to_owned())) {
            decisions.push(if *stored == print {
                Decision::Replay(resource.clone())
            } else {
                Decision::Done(Err(StoreError::IdempotencyKeyReused))
            });
            continue;
        }
        if let Some((stored, first)) = first_use.get(&key) {
            decisions.push(if *stored == print {
                Decision::SameAs(*first)
            } else {
                Decision::Done(Err(StoreError::IdempotencyKeyReused))
            });
            continue;
        }
        first_use.insert(key, (print.clone(), index));

        if !offices.contains_key(&request.office) {
            let record = match office_record(&mut *tx, &request.office).await {
                Ok(r) => Some(r),
                Err(StoreError::UnknownOffice(_)) => None,
                Err(e) => return Err(e),
            };
            offices.insert(request.office.clone(), record);
        }
        let Some(office) = offices[&request.office].as_ref() else {
            decisions.push(Decision::Done(Err(StoreError::UnknownOffice(
                request.office.clone(),
            ))));
            continue;
        };
        let group_key = (request.office.clone(), request.service.clone());
        if !groups.contains_key(&group_key) {
            let group: Option<String> = sqlx::query_scalar(
                "SELECT service_group FROM procedures WHERE office = ? AND code = ?",
            )
            .bind(&request.office)
            .bind(&request.service)
            .fetch_optional(&mut *tx)
            .await?;
            groups.insert(group_key.clone(), group);
        }
        let Some(group) = groups[&group_key].clone() else {
            decisions.push(Decision::Done(Err(StoreError::UnknownService(
                request.service.clone(),
            ))));
            continue;
        };

        let day = local_day(request.now, office.tz).to_string();
        let occupied = match occupancy.get_mut(&(request.office.clone(), day.clone())) {
            Some(n) => n,
            None => {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COALESCE(SUM(n), 0) FROM queue_counts WHERE office = ? AND local_day = ?
                       AND state IN ('waiting', 'called')",
                )
                .bind(&request.office)
                .bind(&day)
                .fetch_one(&mut *tx)
                .await?;
                occupancy
                    .entry((request.office.clone(), day.clone()))
                    .or_insert(n as u32)
            }
        };
        if *occupied >= lobby_capacity(office.seats, office.occupancy_ratio) {
            let next_slots: Vec<Slot> =
                next_free_slots(&mut tx, office, &group, request.now).await?;
            decisions.push(Decision::Done(Err(StoreError::LobbyFull { next_slots })));
            continue;
        }
        *occupied += 1;

        let tally_key = (request.office.clone(), group.clone(), day.clone());
        if !tallies.contains_key(&tally_key) {
            let tally = queue_tally(&mut tx, &request.office, &group, &day).await?;
            tallies.insert(tally_key.clone(), tally);
        }
        let tally = tallies.get_mut(&tally_key).expect("inserted above");
        tally.last_seq += 1;
        let rank = call_rank(request.priority);
        // Everyone waiting in a class called no later than this one was issued before it.
        let ahead: u32 = tally.waiting_by_rank[..=usize::from(rank)].iter().sum();
        tally.waiting_by_rank[usize::from(rank)] += 1;
        let id = ticket_id(&mut rand::thread_rng());
        rows.push(NewRow {
            ticket: Ticket {
                id: id.clone(),
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
            },
            day,
            seq: tally.last_seq,
            rank,
            issued_at: request.now,
            scope: request.idempotency.scope.clone(),
            key: request.idempotency.key.clone(),
            fingerprint: print,
        });
        decisions.push(Decision::Issued(rows.len() - 1));
    }

    insert_rows(&mut tx, &rows).await?;
    let mut outcomes: Vec<Result<Ticket, StoreError>> = Vec::with_capacity(requests.len());
    for decision in &decisions {
        let outcome = match decision {
            Decision::Done(Ok(t)) => Ok(t.clone()),
            Decision::Done(Err(e)) => Err(repeat(e)),
            Decision::Replay(id) => Ok(ticket_by_id(&mut tx, id).await?),
            Decision::Issued(row) => Ok(rows[*row].ticket.clone()),
            Decision::SameAs(first) => match &outcomes[*first] {
                Ok(t) => Ok(t.clone()),
                Err(e) => Err(repeat(e)),
            },
        };
        outcomes.push(outcome);
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Idempotency keys of the batch already stored: (scope, key) → (request, ticket id).
/// Asked per sender, `scope = ? AND key IN (...)`, which SQLite answers from the
/// primary key (a row-value `IN` list would scan the table).
async fn known_keys(
    tx: &mut Tx,
    requests: &[TicketRequest],
) -> Result<HashMap<(String, String), (String, String)>, StoreError> {
    let mut by_scope: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in requests {
        by_scope
            .entry(r.idempotency.scope.as_str())
            .or_default()
            .push(r.idempotency.key.as_str());
    }
    let mut known = HashMap::new();
    for (scope, keys) in by_scope {
        for chunk in keys.chunks(ROWS_PER_INSERT) {
            let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
                "SELECT key, request, resource FROM idempotency_keys WHERE scope = ",
            );
            query.push_bind(scope).push(" AND key IN (");
            let mut list = query.separated(", ");
            for key in chunk {
                list.push_bind(*key);
            }
            query.push(")");
            for row in query.build().fetch_all(&mut **tx).await? {
                known.insert(
                    (scope.to_owned(), row.get("key")),
                    (row.get("request"), row.get("resource")),
                );
            }
        }
    }
    Ok(known)
}

async fn queue_tally(
    tx: &mut Tx,
    office: &str,
    group: &str,
    day: &str,
) -> Result<QueueTally, StoreError> {
    let last_seq: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(seq), 0) FROM tickets
         WHERE office = ? AND service_group = ? AND local_day = ?",
    )
    .bind(office)
    .bind(group)
    .bind(day)
    .fetch_one(&mut **tx)
    .await?;
    let mut waiting_by_rank = [0u32; 3];
    let counts = sqlx::query(
        "SELECT call_rank, n FROM queue_counts
         WHERE office = ? AND local_day = ? AND service_group = ? AND state = 'waiting'",
    )
    .bind(office)
    .bind(day)
    .bind(group)
    .fetch_all(&mut **tx)
    .await?;
    for row in counts {
        let rank = row.get::<i64, _>("call_rank").clamp(0, 2) as usize;
        waiting_by_rank[rank] = row.get::<i64, _>("n") as u32;
    }
    let (counters_open, avg_service_minutes) = group_pace(&mut **tx, office, group).await?;
    Ok(QueueTally {
        last_seq,
        waiting_by_rank,
        counters_open,
        avg_service_minutes,
    })
}

async fn insert_rows(tx: &mut Tx, rows: &[NewRow]) -> Result<(), StoreError> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut tickets: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO tickets (id, office, service, service_group, local_day, seq, number,
                                  priority, call_rank, state, issued_at) ",
        );
        tickets.push_values(chunk, |mut b, row| {
            b.push_bind(&row.ticket.id)
                .push_bind(&row.ticket.office)
                .push_bind(&row.ticket.service)
                .push_bind(&row.ticket.service_group)
                .push_bind(&row.day)
                .push_bind(row.seq)
                .push_bind(&row.ticket.number)
                .push_bind(priority_name(row.ticket.priority))
                .push_bind(i64::from(row.rank))
                .push_bind("waiting")
                .push_bind(to_stored(row.issued_at));
        });
        tickets.build().execute(&mut **tx).await?;
        let mut keys: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO idempotency_keys (scope, key, request, resource, created_at) ",
        );
        keys.push_values(chunk, |mut b, row| {
            b.push_bind(&row.scope)
                .push_bind(&row.key)
                .push_bind(&row.fingerprint)
                .push_bind(&row.ticket.id)
                .push_bind(to_stored(row.issued_at));
        });
        keys.build().execute(&mut **tx).await?;
    }
    Ok(())
}
