//! Queue tickets: issuing, public status, closing, the day's list, and the
//! visitor's track page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;
use wire::{
    ClosedEvent, LobbyEvent, NewTicket, OfficeTicket, Ticket, TicketState, TicketStatus,
    TransferRequest, TransferredEvent,
};

use super::error::HttpError;
use super::events::queues_changed;
use super::extract::{Caller, IdempotencyKey, JsonBody, PathParam, QueryParams};
use super::limits::Address;
use super::AppState;
use crate::rules::{local_day, parse_date};
use crate::store::{Idempotency, TicketRequest, TransferTarget};

/// API routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/offices/{office}/tickets", post(issue).get(list))
        .route("/tickets/{id}", get(status))
        .route("/tickets/{id}/complete", post(complete))
        .route("/tickets/{id}/no-show", post(no_show))
        .route("/tickets/{id}/transfer", post(transfer))
}

/// The visitor's page, outside the API.
pub fn page_router() -> Router<AppState> {
    super::track_page::router()
}

/// Issues a queue number. The same `Idempotency-Key` replayed gives the same ticket.
#[utoipa::path(post, path = "/offices/{office}/tickets", tag = "tickets",
    params(("office" = String, Path, description = "Office id"),
           ("Idempotency-Key" = String, Header, pattern = "^[!-~]{1,128}$", description = "Unique per intended ticket; a replay returns the same ticket")),
    request_body = NewTicket,
    responses((status = 201, body = Ticket), (status = 400, body = wire::ApiError), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 409, body = wire::ApiError, description = "lobby_full, with next_slots"),
              (status = 413, body = wire::ApiError), (status = 422, body = wire::ApiError),
              (status = 429, body = wire::ApiError, description = "too_many_visits: more than one kiosk serves; see Retry-After")),
    security(("bearer" = [])))]
pub async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    Address(address): Address,
    PathParam(office): PathParam<String>,
    IdempotencyKey(key): IdempotencyKey,
    body: JsonBody<NewTicket>,
) -> Result<(StatusCode, Json<Ticket>), HttpError> {
    caller.require(caller.role.may_serve_visitors(&office))?;
    state
        .limits
        .visit(&caller.token_hash, address, state.clock.now())?;
    let body = body.read().await?;
    if body.priority == wire::Priority::Appointment {
        return Err(HttpError::Unprocessable {
            code: "invalid_priority",
            message: "appointment priority comes only from checking in a booking".into(),
        });
    }
    let mut ticket = state
        .store
        .issue_ticket(TicketRequest {
            office,
            service: body.service,
            priority: body.priority,
            idempotency: Idempotency {
                scope: caller.token_hash,
                key,
            },
            now: state.clock.now(),
        })
        .await?;
    super::events::ticket_issued(&state, &ticket);
    ticket.track_url = state.track_url(&ticket.id);
    Ok((StatusCode::CREATED, Json(ticket)))
}

/// Public status and position of a ticket; the id is the secret.
#[utoipa::path(get, path = "/tickets/{id}", tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    responses((status = 200, body = TicketStatus), (status = 404, body = wire::ApiError)))]
pub async fn status(
    State(state): State<AppState>,
    PathParam(id): PathParam<String>,
) -> Result<Json<TicketStatus>, HttpError> {
    Ok(Json(state.store.ticket_status(&id).await?))
}

async fn close(
    state: AppState,
    caller: Caller,
    id: String,
    outcome: TicketState,
) -> Result<Json<OfficeTicket>, HttpError> {
    let (office, counter) = state.store.ticket_place(&id).await?;
    // Staff of one counter close only what their counter serves; a ticket not
    // called yet is refused below as `ticket_not_called`.
    let allowed = match &counter {
        Some(counter) => caller.role.may_work_counter(&office, counter),
        None => caller.role.may_list_tickets(&office),
    };
    caller.require(allowed)?;
    let closed = state
        .store
        .close_ticket(&id, outcome, state.clock.now())
        .await?;
    let event = ClosedEvent {
        number: closed.number.clone(),
        service_group: closed.service_group.clone(),
        counter: closed.counter.clone().unwrap_or_default(),
    };
    state.lobby.publish(
        &office,
        match outcome {
            TicketState::NoShow => LobbyEvent::NoShow(event),
            _ => LobbyEvent::Completed(event),
        },
    );
    queues_changed(&state, &office);
    Ok(Json(closed))
}

/// Staff: sends the called ticket to another queue or to one counter, where it
/// waits again in its place by issue time (it keeps its number).
#[utoipa::path(post, path = "/tickets/{id}/transfer", tag = "staff",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = TransferRequest,
    responses((status = 200, body = OfficeTicket, description = "The ticket, waiting again"),
              (status = 400, body = wire::ApiError), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "ticket_not_called"),
              (status = 422, body = wire::ApiError, description = "invalid_transfer, unknown_group")),
    security(("bearer" = [])))]
pub async fn transfer(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam<String>,
    body: JsonBody<TransferRequest>,
) -> Result<Json<OfficeTicket>, HttpError> {
    let (office, counter) = state.store.ticket_place(&id).await?;
    let allowed = match &counter {
        Some(counter) => caller.role.may_work_counter(&office, counter),
        None => caller.role.may_list_tickets(&office),
    };
    caller.require(allowed)?;
    let body = body.read().await?;
    let target = match (body.service_group, body.counter) {
        (Some(group), None) => TransferTarget::Group(group),
        (None, Some(counter)) => TransferTarget::Counter(counter),
        _ => {
            return Err(HttpError::Unprocessable {
                code: "invalid_transfer",
                message: "name exactly one of service_group and counter".into(),
            })
        }
    };
    let moved = state.store.transfer(&id, target).await?;
    state.lobby.publish(
        &office,
        LobbyEvent::Transferred(TransferredEvent {
            number: moved.ticket.number.clone(),
            service_group: moved.ticket.service_group.clone(),
            from_counter: moved.from_counter,
            to_counter: moved.to_counter,
        }),
    );
    queues_changed(&state, &office);
    Ok(Json(moved.ticket))
}

/// Staff: the called ticket was served.
#[utoipa::path(post, path = "/tickets/{id}/complete", tag = "staff",
    params(("id" = String, Path, description = "Ticket id")),
    responses((status = 200, body = OfficeTicket), (status = 404, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 409, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn complete(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam<String>,
) -> Result<Json<OfficeTicket>, HttpError> {
    close(state, caller, id, TicketState::Done).await
}

/// Staff: the called visitor did not come.
#[utoipa::path(post, path = "/tickets/{id}/no-show", tag = "staff",
    params(("id" = String, Path, description = "Ticket id")),
    responses((status = 200, body = OfficeTicket), (status = 404, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 409, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn no_show(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam<String>,
) -> Result<Json<OfficeTicket>, HttpError> {
    close(state, caller, id, TicketState::NoShow).await
}

/// Query of `GET /offices/{office}/tickets`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DayQuery {
    /// Local date `YYYY-MM-DD` (2000 to 2099); today when absent.
    #[param(format = Date, pattern = "^20[0-9]{2}-[0-9]{2}-[0-9]{2}$")]
    pub date: Option<String>,
}

/// Staff and admin: every ticket of a local day.
#[utoipa::path(get, path = "/offices/{office}/tickets", tag = "staff",
    params(("office" = String, Path, description = "Office id"), DayQuery),
    responses((status = 200, body = Vec<OfficeTicket>), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    QueryParams(query): QueryParams<DayQuery>,
) -> Result<Json<Vec<OfficeTicket>>, HttpError> {
    caller.require(caller.role.may_list_tickets(&office))?;
    let record = state.store.office(&office).await?;
    let day = match query.date {
        None => local_day(state.clock.now(), record.tz),
        Some(text) => {
            parse_date(&text).map_err(|message| HttpError::bad_request("invalid_date", message))?
        }
    };
    Ok(Json(state.store.office_tickets(&office, day).await?))
}
