//! Counter staff at work: calling the next visitor, calling again, pausing and
//! opening the counter, what the counter page shows, and the sound of a call.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;
use wire::{CallEvent, CalledTicket, ClosedEvent, CounterSummary, CounterView, LobbyEvent};

use super::error::HttpError;
use super::events::{call_event, queues_changed};
use super::extract::{Caller, PathParam, QueryParams};
use super::AppState;
use crate::store::{RecentCall, StoreError};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/counters", get(my_counters))
        .route("/counters/{counter}", get(view))
        .route("/counters/{counter}/call-next", post(call_next))
        .route("/counters/{counter}/recall", post(recall))
        .route("/counters/{counter}/pause", post(pause))
        .route("/counters/{counter}/open", post(open))
        .route("/counters/{counter}/announcement.wav", get(announcement))
}

/// The counter, after checking that the caller may work it. A counter of an office the
/// caller has no part in answers as an unknown one would: whether it exists is not the
/// caller's to learn.
async fn workable_counter(
    state: &AppState,
    caller: &Caller,
    counter: &str,
) -> Result<CounterSummary, HttpError> {
    let summary = state.store.counter(counter).await?;
    if !caller.role.may_read_office(&summary.office) {
        return Err(StoreError::UnknownCounter(counter.to_owned()).into());
    }
    caller.require(caller.role.may_work_counter(&summary.office, counter))?;
    Ok(summary)
}

/// Staff: the counters this token may work, every office's for an admin.
#[utoipa::path(get, path = "/counters", tag = "staff",
    responses((status = 200, body = Vec<CounterSummary>), (status = 401, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn my_counters(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<CounterSummary>>, HttpError> {
    let offices: Vec<String> = match &caller.role {
        crate::access::Role::Staff { office, .. } => vec![office.clone()],
        crate::access::Role::Admin => state
            .store
            .offices()
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
        crate::access::Role::Kiosk { .. } => return Err(HttpError::Forbidden),
    };
    let mut counters = Vec::new();
    for office in offices {
        counters.extend(
            state
                .store
                .counters(&office)
                .await?
                .into_iter()
                .filter(|c| caller.role.may_work_counter(&c.office, &c.id)),
        );
    }
    Ok(Json(counters))
}

/// Staff: what the counter page shows: the ticket served, the queues, who comes next.
#[utoipa::path(get, path = "/counters/{counter}", tag = "staff",
    params(("counter" = String, Path, description = "Counter id")),
    responses((status = 200, body = CounterView), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn view(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(counter): PathParam<String>,
) -> Result<Json<CounterView>, HttpError> {
    workable_counter(&state, &caller, &counter).await?;
    Ok(Json(
        state
            .store
            .counter_view(&counter, state.clock.now())
            .await?,
    ))
}

/// Calls the next ticket of the counter's groups (appointments, then legal
/// priority and the others in turn, then arrival order), closing the one it was serving.
#[utoipa::path(post, path = "/counters/{counter}/call-next", tag = "staff",
    params(("counter" = String, Path, description = "Counter id")),
    responses((status = 200, body = CalledTicket), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "nobody_waiting, counter_paused")),
    security(("bearer" = [])))]
pub async fn call_next(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(counter): PathParam<String>,
) -> Result<Json<CalledTicket>, HttpError> {
    let summary = workable_counter(&state, &caller, &counter).await?;
    let outcome = state.store.call_next(&counter, state.clock.now()).await?;
    if let Some(called) = &outcome.called {
        // The call first: it is what the lobby waits for.
        state.lobby.publish(
            &summary.office,
            LobbyEvent::Called(call_event(RecentCall {
                number: called.ticket.number.clone(),
                service_group: called.ticket.service_group.clone(),
                counter: counter.clone(),
                counter_name: summary.name.clone(),
                called_at: called.ticket.called_at.clone().unwrap_or_default(),
            })),
        );
    }
    // Calling closes what the counter served, even when nobody waits.
    if let Some(done) = outcome.closed {
        state.lobby.publish(
            &summary.office,
            LobbyEvent::Completed(ClosedEvent {
                number: done.number,
                service_group: done.service_group,
                counter: counter.clone(),
            }),
        );
    }
    queues_changed(&state, &summary.office);
    let called = outcome.called.ok_or(StoreError::NobodyWaiting)?;
    Ok(Json(called))
}

/// Staff: says the counter's number again, on the board and aloud.
#[utoipa::path(post, path = "/counters/{counter}/recall", tag = "staff",
    params(("counter" = String, Path, description = "Counter id")),
    responses((status = 200, body = CallEvent), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "nothing_to_recall")),
    security(("bearer" = [])))]
pub async fn recall(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(counter): PathParam<String>,
) -> Result<Json<CallEvent>, HttpError> {
    let summary = workable_counter(&state, &caller, &counter).await?;
    let ticket = state
        .store
        .serving(&counter)
        .await?
        .ok_or(StoreError::NothingToRecall)?;
    let event = call_event(RecentCall {
        number: ticket.number,
        service_group: ticket.service_group,
        counter: counter.clone(),
        counter_name: summary.name,
        called_at: ticket.called_at.unwrap_or_default(),
    });
    state
        .lobby
        .publish(&summary.office, LobbyEvent::Recalled(event.clone()));
    Ok(Json(event))
}

async fn set_open(
    state: AppState,
    caller: Caller,
    counter: String,
    open: bool,
) -> Result<Json<CounterSummary>, HttpError> {
    let summary = workable_counter(&state, &caller, &counter).await?;
    let changed = state.store.set_counter_open(&counter, open).await?;
    if changed.open != summary.open {
        state
            .lobby
            .publish(&changed.office, LobbyEvent::CounterChanged(changed.clone()));
        queues_changed(&state, &changed.office);
    }
    Ok(Json(changed))
}

/// Staff: pauses the counter: it is offered no calls and counts as closed in the
/// waiting-time estimate until opened again.
#[utoipa::path(post, path = "/counters/{counter}/pause", tag = "staff",
    params(("counter" = String, Path, description = "Counter id")),
    responses((status = 200, body = CounterSummary), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn pause(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(counter): PathParam<String>,
) -> Result<Json<CounterSummary>, HttpError> {
    set_open(state, caller, counter, false).await
}

/// Staff: opens the counter again.
#[utoipa::path(post, path = "/counters/{counter}/open", tag = "staff",
    params(("counter" = String, Path, description = "Counter id")),
    responses((status = 200, body = CounterSummary), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn open(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(counter): PathParam<String>,
) -> Result<Json<CounterSummary>, HttpError> {
    set_open(state, caller, counter, true).await
}

/// Query of the announcement.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementQuery {
    /// The number called, e.g. `A-017`.
    #[param(pattern = "^[A-Z]{1,3}-[0-9]{3,4}$")]
    pub number: String,
}

/// The sound of a call to this counter: a chime, then "Mời số A mười bảy, đến quầy
/// số ba" (and the English where the office's kiosks offer English), as a WAV file.
/// Public, like the board that plays it.
#[utoipa::path(get, path = "/counters/{counter}/announcement.wav", tag = "lobby",
    params(("counter" = String, Path, description = "Counter id"), AnnouncementQuery),
    responses((status = 200, content_type = "audio/wav", body = Vec<u8>),
              (status = 400, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 503, body = wire::ApiError, description = "speech_unavailable")))]
pub async fn announcement(
    State(state): State<AppState>,
    PathParam(counter): PathParam<String>,
    QueryParams(query): QueryParams<AnnouncementQuery>,
) -> Result<Response, HttpError> {
    let summary = state.store.counter(&counter).await?;
    let number = speech::TicketNumber::parse(&query.number)
        .map_err(|e| HttpError::bad_request("invalid_number", e.to_string()))?;
    let english = crate::announce::speaks_english(&state, &summary.office).await;
    let clip = state
        .announcer
        .render(number.as_str(), &summary.name, english)
        .await
        .map_err(|error| match error {
            speech::SpeechError::Input(e) => {
                HttpError::bad_request("invalid_number", e.to_string())
            }
            other => {
                tracing::error!(error = %other, "a call could not be said");
                HttpError::Unavailable {
                    code: "speech_unavailable",
                    message: "the call could not be said aloud; it is shown on the board".into(),
                }
            }
        })?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("audio/wav")),
            (
                header::CACHE_CONTROL,
                // Short: a renamed counter or a change of languages is heard within minutes.
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        clip.as_ref().clone(),
    )
        .into_response())
}
