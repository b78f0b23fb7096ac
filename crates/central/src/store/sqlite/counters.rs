//! The counters' side of the day: calling, pausing, transferring, and what a
//! counter's officer and the lobby board see.

use std::collections::{BTreeMap, VecDeque};

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use wire::{
    CalledTicket, CounterSummary, CounterView, GroupName, LocalizedText, OfficeTicket, Priority,
    ServedTicket, TicketState, TransferTargets, UpcomingTicket,
};

use super::{
    group_turn, office_record, office_ticket, parse_priority, parse_state, SqliteStore, Tx,
    CLOSE_CALLED_AT_COUNTER,
};
use crate::queue_order::{call_order, Class, QueueLine};
use crate::rules::{from_stored, local_day, to_local_rfc3339, to_stored};
use crate::store::{CallNext, OfficeRecord, RecentCall, StoreError, TransferTarget, Transferred};

/// Upcoming numbers a counter page lists.
const UPCOMING_SHOWN: usize = 5;

/// A counter with the number it serves; `c` is `counters`.
const COUNTER_COLUMNS: &str = "c.id, c.office, c.name, c.groups, c.open,
    (SELECT t.number FROM tickets t WHERE t.counter = c.id AND t.state = 'called') AS serving";

fn counter_from_row(row: &SqliteRow) -> Result<CounterSummary, StoreError> {
    Ok(CounterSummary {
        id: row.get("id"),
        office: row.get("office"),
        name: row.get("name"),
        groups: parse_groups(row.get("groups"))?,
        open: row.get::<i64, _>("open") != 0,
        serving: row.get("serving"),
    })
}

fn parse_groups(text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("counter groups: {e}")))
}

async fn counter_summary(
    conn: &mut SqliteConnection,
    counter: &str,
) -> Result<CounterSummary, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COUNTER_COLUMNS} FROM counters c WHERE c.id = ?"
    ))
    .bind(counter)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::UnknownCounter(counter.to_owned()))?;
    counter_from_row(&row)
}

/// A waiting ticket as the call order sees it: ordered by issue time (then its
/// number within the queue, then its id, so the order is total).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct WaitingTicket {
    issued_at: String,
    seq: i64,
    id: String,
    number: String,
    service_group: String,
    priority: String,
}

/// The queues a counter calls from, with their waiting tickets: the counter's own
/// groups (less tickets sent to another counter) and every ticket sent to it.
async fn waiting_lines(
    conn: &mut SqliteConnection,
    office: &OfficeRecord,
    day: &str,
    counter: &str,
    groups: &[String],
) -> Result<Vec<QueueLine<WaitingTicket>>, StoreError> {
    let mut by_group: BTreeMap<String, [VecDeque<WaitingTicket>; 3]> = BTreeMap::new();
    let mut add = |row: &SqliteRow| {
        let group: String = row.get("service_group");
        let rank = row.get::<i64, _>("call_rank").clamp(0, 2) as usize;
        by_group.entry(group.clone()).or_default()[rank].push_back(WaitingTicket {
            issued_at: row.get("issued_at"),
            seq: row.get("seq"),
            id: row.get("id"),
            number: row.get("number"),
            service_group: group,
            priority: row.get("priority"),
        });
    };
    const COLUMNS: &str = "id, number, service_group, priority, call_rank, issued_at, seq";
    for group in groups {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tickets
             WHERE office = ? AND service_group = ? AND local_day = ? AND state = 'waiting'
               AND (only_counter IS NULL OR only_counter = ?)
             ORDER BY issued_at, seq"
        ))
        .bind(&office.office.id)
        .bind(group)
        .bind(day)
        .bind(counter)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().for_each(&mut add);
    }
    let sent_here = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM tickets
         WHERE only_counter = ? AND state = 'waiting' AND local_day = ?
         ORDER BY issued_at, seq"
    ))
    .bind(counter)
    .bind(day)
    .fetch_all(&mut *conn)
    .await?;
    for row in &sent_here {
        let group: String = row.get("service_group");
        if !groups.contains(&group) {
            add(row);
        }
    }
    let mut lines = Vec::with_capacity(by_group.len());
    for (group, mut classes) in by_group {
        for class in &mut classes {
            class.make_contiguous().sort();
        }
        let turn = group_turn(conn, &office.office.id, &group, day, office.ratio).await?;
        lines.push(QueueLine { turn, classes });
    }
    Ok(lines)
}

impl SqliteStore {
    pub(super) async fn counters_of(
        &self,
        office: &str,
    ) -> Result<Vec<CounterSummary>, StoreError> {
        office_record(&self.reader, office).await?;
        let rows = sqlx::query(&format!(
            "SELECT {COUNTER_COLUMNS} FROM counters c WHERE c.office = ? ORDER BY c.id"
        ))
        .bind(office)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(counter_from_row).collect()
    }

    pub(super) async fn counter_of(&self, counter: &str) -> Result<CounterSummary, StoreError> {
        let mut conn = self.reader.acquire().await?;
        counter_summary(&mut conn, counter).await
    }

    /// Calls the next ticket (see [`call_order`]), closing the one the counter served.
    pub(super) async fn call_next_at(
        &self,
        counter: &str,
        now: DateTime<Utc>,
    ) -> Result<CallNext, StoreError> {
        let mut tx = self.begin_write().await?;
        let summary = counter_summary(&mut tx, counter).await?;
        if !summary.open {
            return Err(StoreError::CounterPaused);
        }
        let office = office_record(&mut *tx, &summary.office).await?;
        let day = local_day(now, office.tz).to_string();
        let serving: Option<String> =
            sqlx::query_scalar("SELECT id FROM tickets WHERE counter = ? AND state = 'called'")
                .bind(counter)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query(CLOSE_CALLED_AT_COUNTER)
            .bind(to_stored(now))
            .bind(counter)
            .execute(&mut *tx)
            .await?;
        let closed = match serving {
            Some(id) => Some(office_ticket(&mut tx, &id, office.tz).await?),
            None => None,
        };
        let lines = waiting_lines(&mut tx, &office, &day, counter, &summary.groups).await?;
        let Some(next) = call_order(lines, office.ratio, 1).pop() else {
            tx.commit().await?;
            return Ok(CallNext {
                closed,
                called: None,
            });
        };
        sqlx::query(
            "UPDATE tickets SET state = 'called', called_at = ?, counter = ?, only_counter = NULL,
                 call_number = (SELECT COALESCE(MAX(t.call_number), 0) + 1 FROM tickets t
                                WHERE t.office = tickets.office
                                  AND t.service_group = tickets.service_group
                                  AND t.local_day = tickets.local_day
                                  AND t.call_number IS NOT NULL)
             WHERE id = ?",
        )
        .bind(to_stored(now))
        .bind(counter)
        .bind(&next.id)
        .execute(&mut *tx)
        .await?;
        let ticket = office_ticket(&mut tx, &next.id, office.tz).await?;
        tx.commit().await?;
        Ok(CallNext {
            closed,
            called: Some(CalledTicket {
                counter: counter.to_owned(),
                ticket,
            }),
        })
    }

    pub(super) async fn counter_view_at(
        &self,
        counter: &str,
        now: DateTime<Utc>,
    ) -> Result<CounterView, StoreError> {
        let mut tx: Tx = self.reader.begin().await?;
        let summary = counter_summary(&mut tx, counter).await?;
        let office = office_record(&mut *tx, &summary.office).await?;
        let day = local_day(now, office.tz).to_string();
        let current = served_ticket(&mut tx, counter, &office).await?;
        let lines = waiting_lines(&mut tx, &office, &day, counter, &summary.groups).await?;
        let upcoming = call_order(lines, office.ratio, UPCOMING_SHOWN)
            .into_iter()
            .map(|t| {
                Ok(UpcomingTicket {
                    number: t.number,
                    service_group: t.service_group,
                    priority: parse_priority(&t.priority)?,
                    issued_at: to_local_rfc3339(from_stored(&t.issued_at), office.tz),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let groups = sqlx::query(
            "SELECT id, name_vi, name_en FROM service_groups WHERE office = ? ORDER BY id",
        )
        .bind(&office.office.id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| GroupName {
            id: r.get("id"),
            name: LocalizedText::new(r.get::<String, _>("name_vi"), r.get::<String, _>("name_en")),
        })
        .collect();
        let counters = sqlx::query(&format!(
            "SELECT {COUNTER_COLUMNS} FROM counters c WHERE c.office = ? AND c.id <> ? ORDER BY c.id"
        ))
        .bind(&office.office.id)
        .bind(counter)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(counter_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        tx.commit().await?;
        let overview = self.queue_overview_of(&office, now).await?;
        let queues = overview
            .groups
            .into_iter()
            .filter(|g| summary.groups.contains(&g.service_group))
            .collect();
        Ok(CounterView {
            counter: summary,
            current,
            queues,
            upcoming,
            transfer_targets: TransferTargets { groups, counters },
        })
    }

    pub(super) async fn set_counter_open_to(
        &self,
        counter: &str,
        open: bool,
    ) -> Result<CounterSummary, StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query("UPDATE counters SET open = ? WHERE id = ?")
            .bind(i64::from(open))
            .bind(counter)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::UnknownCounter(counter.to_owned()));
        }
        let summary = counter_summary(&mut tx, counter).await?;
        tx.commit().await?;
        Ok(summary)
    }

    pub(super) async fn serving_at(
        &self,
        counter: &str,
    ) -> Result<Option<OfficeTicket>, StoreError> {
        let mut tx: Tx = self.reader.begin().await?;
        let summary = counter_summary(&mut tx, counter).await?;
        let office = office_record(&mut *tx, &summary.office).await?;
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM tickets WHERE counter = ? AND state = 'called'")
                .bind(counter)
                .fetch_optional(&mut *tx)
                .await?;
        let ticket = match id {
            Some(id) => Some(office_ticket(&mut tx, &id, office.tz).await?),
            None => None,
        };
        tx.commit().await?;
        Ok(ticket)
    }

    pub(super) async fn transfer_to(
        &self,
        id: &str,
        target: TransferTarget,
    ) -> Result<Transferred, StoreError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT office, service_group, local_day, seq, state, counter FROM tickets WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::UnknownTicket)?;
        let state = parse_state(row.get("state"))?;
        if state != TicketState::Called {
            return Err(StoreError::TicketNotCalled(state));
        }
        let office_id: String = row.get("office");
        let office = office_record(&mut *tx, &office_id).await?;
        let from_counter: String = row
            .get::<Option<String>, _>("counter")
            .ok_or_else(|| StoreError::Corrupt("a called ticket without a counter".into()))?;
        let day: String = row.get("local_day");
        let current_group: String = row.get("service_group");
        let (group, seq, only_counter) = match target {
            TransferTarget::Group(group) => {
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT 1 FROM service_groups WHERE office = ? AND id = ?")
                        .bind(&office_id)
                        .bind(&group)
                        .fetch_optional(&mut *tx)
                        .await?;
                if known.is_none() {
                    return Err(StoreError::UnknownGroup(group));
                }
                let seq: i64 = if group == current_group {
                    row.get("seq")
                } else {
                    // Below every number of the queue's day: never one the issuer gives.
                    sqlx::query_scalar(
                        "SELECT MIN(COALESCE(MIN(seq), 0), 0) - 1 FROM tickets
                         WHERE office = ? AND service_group = ? AND local_day = ?",
                    )
                    .bind(&office_id)
                    .bind(&group)
                    .bind(&day)
                    .fetch_one(&mut *tx)
                    .await?
                };
                (group, seq, None)
            }
            TransferTarget::Counter(counter) => {
                let target = counter_summary(&mut tx, &counter).await?;
                if target.office != office_id {
                    return Err(StoreError::InvalidTransfer(format!(
                        "counter {counter:?} is in another office"
                    )));
                }
                if counter == from_counter {
                    return Err(StoreError::InvalidTransfer(
                        "the ticket is at this counter already".into(),
                    ));
                }
                (current_group, row.get("seq"), Some(counter))
            }
        };
        sqlx::query(
            "UPDATE tickets SET state = 'waiting', service_group = ?, seq = ?, only_counter = ?,
                 counter = NULL, called_at = NULL, call_number = NULL
             WHERE id = ?",
        )
        .bind(&group)
        .bind(seq)
        .bind(&only_counter)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let ticket = office_ticket(&mut tx, id, office.tz).await?;
        tx.commit().await?;
        Ok(Transferred {
            ticket,
            from_counter,
            to_counter: only_counter,
        })
    }

    pub(super) async fn recent_calls_of(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<RecentCall>, StoreError> {
        let day = local_day(now, office.tz).to_string();
        let rows = sqlx::query(
            "SELECT t.number, t.service_group, t.counter, c.name AS counter_name, t.called_at
             FROM tickets t JOIN counters c ON c.id = t.counter
             WHERE t.office = ? AND t.local_day = ? AND t.called_at IS NOT NULL
             ORDER BY t.called_at DESC, t.call_number DESC LIMIT ?",
        )
        .bind(&office.office.id)
        .bind(&day)
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .iter()
            .map(|r| RecentCall {
                number: r.get("number"),
                service_group: r.get("service_group"),
                counter: r.get("counter"),
                counter_name: r.get("counter_name"),
                called_at: to_local_rfc3339(from_stored(r.get("called_at")), office.tz),
            })
            .collect())
    }
}

/// The ticket a counter serves, with what its officer needs to know.
async fn served_ticket(
    tx: &mut Tx,
    counter: &str,
    office: &OfficeRecord,
) -> Result<Option<ServedTicket>, StoreError> {
    let row = sqlx::query(
        "SELECT t.id, t.number, t.service, t.service_group, t.priority, t.call_rank,
                t.issued_at, t.called_at, p.record
         FROM tickets t LEFT JOIN procedures p ON p.office = t.office AND p.code = t.service
         WHERE t.counter = ? AND t.state = 'called'",
    )
    .bind(counter)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let service: String = row.get("service");
    let service_name = row
        .get::<Option<String>, _>("record")
        .and_then(|r| serde_json::from_str::<wire::Procedure>(&r).ok())
        .map(|p| p.name)
        .unwrap_or_else(|| LocalizedText::new(service.clone(), service.clone()));
    let issued = from_stored(row.get("issued_at"));
    let called = row
        .get::<Option<String>, _>("called_at")
        .map(|t| from_stored(&t))
        .unwrap_or(issued);
    let priority: Priority = parse_priority(row.get("priority"))?;
    Ok(Some(ServedTicket {
        id: row.get("id"),
        number: row.get("number"),
        service,
        service_name,
        service_group: row.get("service_group"),
        priority,
        appointment: Class::from_rank(row.get::<i64, _>("call_rank").clamp(0, 2) as u8)
            == Class::Appointment,
        issued_at: to_local_rfc3339(issued, office.tz),
        called_at: to_local_rfc3339(called, office.tz),
        waited_minutes: (called - issued).num_minutes().max(0) as u32,
    }))
}
