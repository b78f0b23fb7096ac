//! The live lobby: `GET /offices/{office}/events`, a Server-Sent Events stream
//! that the board, the counter page and the visitor's phone page follow, and the
//! one place handlers tell it what changed.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;
use wire::{CallEvent, LobbyEvent, LobbySnapshot, OpeningStatus};

use super::error::HttpError;
use super::extract::PathParam;
use super::AppState;
use crate::calendar::opening_status;
use crate::events::{sse_frame, EventHub, Resume};
use crate::rules::to_local_rfc3339;
use crate::store::{OfficeRecord, RecentCall};

/// How long changes gather before the queues' counts are sent once for all of them
/// (a call, the completion it implies and a burst of numbers taken give one count).
const QUEUES_COALESCE: Duration = Duration::from_millis(250);
/// How often the opening state of a followed office is looked at.
const OPENING_CHECK: Duration = Duration::from_secs(5);
/// Keep-alive comments, so proxies and phones keep an idle stream open.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Latest calls in a snapshot.
const RECENT_CALLS: u32 = 10;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/offices/{office}/events", get(stream_events))
}

/// The office's live events, and what is pending to be sent.
#[derive(Default)]
pub struct LobbyFeed {
    /// Numbered, kept, fanned out.
    pub hub: EventHub,
    /// Offices whose queue counts will be sent shortly.
    queues_pending: Mutex<HashSet<String>>,
    /// Offices whose opening is being watched, with the state last sent.
    opening_watched: Mutex<HashMap<String, Option<OpeningStatus>>>,
    /// Set when the server shuts down: every stream ends.
    closing: watch::Sender<bool>,
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl LobbyFeed {
    /// Sends an event to everyone following the office.
    pub fn publish(&self, office: &str, event: LobbyEvent) {
        self.hub.publish(office, &event);
    }

    /// Ends every stream, open or opened from now on: the server is shutting down.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

/// The office's queues changed: their counts and waits are sent once the burst of
/// changes is over, and only while someone follows the office (a new stream starts
/// from a snapshot, which has them).
pub fn queues_changed(state: &AppState, office: &str) {
    let feed = &state.lobby;
    if !feed.hub.is_watched(office) || !locked(&feed.queues_pending).insert(office.to_owned()) {
        return;
    }
    let state = state.clone();
    let office = office.to_owned();
    tokio::spawn(async move {
        tokio::time::sleep(QUEUES_COALESCE).await;
        locked(&state.lobby.queues_pending).remove(&office);
        match queues_now(&state, &office).await {
            Ok(queues) => state.lobby.publish(&office, LobbyEvent::Queues(queues)),
            Err(error) => tracing::warn!(%error, office, "queue counts not sent"),
        }
    });
}

async fn queues_now(state: &AppState, office: &str) -> Result<wire::QueueOverview, HttpError> {
    let record = state.store.office(office).await?;
    Ok(state
        .store
        .queue_overview(&record, state.clock.now())
        .await?)
}

/// A number was issued (or a booking checked in). A replayed request tells it again,
/// which changes nothing for those who follow.
pub fn ticket_issued(state: &AppState, ticket: &wire::Ticket) {
    state.lobby.publish(
        &ticket.office,
        LobbyEvent::Issued(wire::IssuedEvent {
            number: ticket.number.clone(),
            service_group: ticket.service_group.clone(),
            issued_at: ticket.issued_at.clone(),
        }),
    );
    queues_changed(state, &ticket.office);
}

/// Looks at the office's opening now and then while anyone follows it, and sends
/// the queues (which carry the opening) when it opens or closes.
fn watch_opening(state: &AppState, office: &str) {
    if locked(&state.lobby.opening_watched)
        .insert(office.to_owned(), None)
        .is_some()
    {
        // Already watched; put back what was last seen.
        return;
    }
    let state = state.clone();
    let office = office.to_owned();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(OPENING_CHECK).await;
            if !state.lobby.hub.is_watched(&office) {
                locked(&state.lobby.opening_watched).remove(&office);
                return;
            }
            let Ok(record) = state.store.office(&office).await else {
                continue;
            };
            let now = opening_of(&record, state.clock.now());
            let changed = {
                let mut watched = locked(&state.lobby.opening_watched);
                let last = watched.insert(office.clone(), Some(now.clone()));
                matches!(last, Some(Some(ref before)) if *before != now)
            };
            if changed {
                queues_changed(&state, &office);
            }
        }
    });
}

fn opening_of(record: &OfficeRecord, now: DateTime<Utc>) -> OpeningStatus {
    opening_status(
        &record.office.opening_hours,
        &record.office.closed_days,
        record.tz,
        now,
    )
}

/// A call as events carry it: what is said, and where its sound is.
pub fn call_event(call: RecentCall) -> CallEvent {
    let announcement = crate::announce::announcement_text(&call.number, &call.counter_name);
    let audio_url = crate::announce::audio_path(&call.counter, &call.number);
    CallEvent {
        number: call.number,
        service_group: call.service_group,
        counter: call.counter,
        counter_name: call.counter_name,
        called_at: call.called_at,
        announcement,
        audio_url,
    }
}

/// The whole lobby of an office now.
pub async fn snapshot(state: &AppState, office: &str) -> Result<LobbySnapshot, HttpError> {
    let record = state.store.office(office).await?;
    let now = state.clock.now();
    let counters = state.store.counters(office).await?;
    let recent_calls = state
        .store
        .recent_calls(&record, now, RECENT_CALLS)
        .await?
        .into_iter()
        .map(call_event)
        .collect();
    let queues = state.store.queue_overview(&record, now).await?;
    Ok(LobbySnapshot {
        office: record.office.id.clone(),
        office_name: record.office.name.clone(),
        time_zone: record.tz.name().to_owned(),
        now: to_local_rfc3339(now, record.tz),
        opening: queues.opening.clone(),
        counters,
        recent_calls,
        queues,
        speak_english: crate::announce::speaks_english(state, office).await,
    })
}

/// A comment line: keeps an idle stream open through proxies and phones.
const KEEP_ALIVE_FRAME: &[u8] = b":\n\n";

fn json_frame(id: &str, event: &LobbyEvent) -> Result<Bytes, HttpError> {
    let json = serde_json::to_string(event)
        .map_err(|e| HttpError::Internal(format!("event as JSON: {e}")))?;
    Ok(sse_frame(id, &json))
}

/// The office's live events as Server-Sent Events. The first is a `snapshot` of the
/// whole lobby; a client that reconnects with `Last-Event-ID` gets the events it
/// missed instead (then the queues as they are now), or a new snapshot when more
/// was missed than the server keeps. Keep-alive comments every 15 s. Public: it
/// carries numbers, counters and counts, never a ticket's id or a person's data.
#[utoipa::path(get, path = "/offices/{office}/events", tag = "lobby",
    params(("office" = String, Path, description = "Office id"),
           ("Last-Event-ID" = Option<String>, Header, description = "Id of the last event received, to resume after it")),
    responses((status = 200, content_type = "text/event-stream", body = LobbyEvent,
               description = "A stream of events, each `id:` and `data:` (one LobbyEvent as JSON)"),
              (status = 404, body = wire::ApiError)))]
pub async fn stream_events(
    State(state): State<AppState>,
    PathParam(office): PathParam<String>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let record = state.store.office(&office).await?;
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64);
    let (resume, receiver) = state.lobby.hub.subscribe(&office, last_event_id);
    let first: Vec<Result<Bytes, Infallible>> = match resume {
        Resume::Replay(missed) => {
            let mut frames: Vec<_> = missed.iter().map(|e| Ok(e.frame.clone())).collect();
            let id = missed
                .last()
                .map(|e| e.id.clone())
                .or_else(|| last_event_id.map(str::to_owned))
                .unwrap_or_default();
            let queues = state
                .store
                .queue_overview(&record, state.clock.now())
                .await?;
            frames.push(Ok(json_frame(&id, &LobbyEvent::Queues(queues))?));
            frames
        }
        Resume::Snapshot { id } => {
            let snapshot = snapshot(&state, &office).await?;
            vec![Ok(json_frame(&id, &LobbyEvent::Snapshot(snapshot))?)]
        }
    };
    watch_opening(&state, &office);
    // Every stream sends the same bytes of an event, made once when it was published.
    let live = stream::unfold(receiver, |mut receiver| async move {
        match tokio::time::timeout(KEEP_ALIVE, receiver.recv()).await {
            Err(_) => Some((Ok(Bytes::from_static(KEEP_ALIVE_FRAME)), receiver)),
            Ok(Ok(event)) => Some((Ok(event.frame.clone()), receiver)),
            // Too far behind, or shutting down: end the stream; the client comes
            // back with its last id and gets the rest.
            Ok(Err(RecvError::Lagged(_) | RecvError::Closed)) => None,
        }
    });
    let mut closing = state.lobby.closing.subscribe();
    let closed = async move {
        let _ = closing.wait_for(|closing| *closing).await;
    };
    let body = Body::from_stream(stream::iter(first).chain(live).take_until(closed));
    Ok((
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response())
}
