//! Booking a slot and checking in at the kiosk.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use wire::{
    Appointment, AppointmentLookup, FoundAppointment, FoundAppointments, NewAppointment, Ticket,
};

use super::error::HttpError;
use super::extract::{Caller, IdempotencyKey, JsonBody, PathParam};
use super::AppState;
use crate::rules::{day_bounds, local_day, name_key, normalise_code, phone_hint, PhoneNumber};
use crate::store::{BookingRequest, BookingWithContact, Idempotency};

/// Longest contact name kept.
const MAX_NAME_CHARS: usize = 100;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/offices/{office}/appointments", post(book))
        .route("/appointments/{code}/check-in", post(check_in))
        .route("/offices/{office}/appointments/lookup", post(lookup))
}

/// Books a slot for a procedure; answers a short code to type or scan at the kiosk.
#[utoipa::path(post, path = "/offices/{office}/appointments", tag = "appointments",
    params(("office" = String, Path, description = "Office id"),
           ("Idempotency-Key" = String, Header, description = "A replay returns the same booking")),
    request_body = NewAppointment,
    responses((status = 201, body = Appointment), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "slot_full"), (status = 422, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn book(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    IdempotencyKey(key): IdempotencyKey,
    body: JsonBody<NewAppointment>,
) -> Result<(StatusCode, Json<Appointment>), HttpError> {
    caller.require(caller.role.may_serve_visitors(&office))?;
    let body = body.read().await?;
    let slot_start = DateTime::parse_from_rfc3339(&body.slot_start)
        .map_err(|_| {
            HttpError::bad_request("invalid_slot_start", "slot_start must be an RFC 3339 time")
        })?
        .with_timezone(&Utc);
    let phone = PhoneNumber::parse(&body.contact.phone).map_err(|m| HttpError::Unprocessable {
        code: "invalid_phone",
        message: m,
    })?;
    let name = body
        .contact
        .name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if name
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NAME_CHARS)
    {
        return Err(HttpError::Unprocessable {
            code: "invalid_name",
            message: format!("a name has at most {MAX_NAME_CHARS} characters"),
        });
    }
    let appointment = state
        .store
        .book_appointment(BookingRequest {
            office,
            service: body.service,
            slot_start,
            phone,
            name,
            idempotency: Idempotency {
                scope: caller.token_hash,
                key,
            },
            now: state.clock.now(),
        })
        .await?;
    Ok((StatusCode::CREATED, Json(appointment)))
}

/// Checks a booking in: a ticket inside its window, `outside_check_in_window` outside.
#[utoipa::path(post, path = "/appointments/{code}/check-in", tag = "appointments",
    params(("code" = String, Path, description = "Booking code")),
    responses((status = 201, body = Ticket), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "outside_check_in_window, with window and arrival (early or late)")),
    security(("bearer" = [])))]
pub async fn check_in(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(code): PathParam<String>,
) -> Result<(StatusCode, Json<Ticket>), HttpError> {
    let code = normalise_code(&code);
    let office = state.store.appointment_office(&code).await?;
    caller.require(caller.role.may_serve_visitors(&office))?;
    let mut ticket = state.store.check_in(&code, state.clock.now()).await?;
    super::events::ticket_issued(&state, &ticket);
    ticket.track_url = state.track_url(&ticket.id);
    Ok((StatusCode::CREATED, Json(ticket)))
}

/// The bookings among `bookings` made under `name`, compared as [`name_key`]
/// does, with the phone number cut down to a hint.
pub fn matching_bookings(bookings: Vec<BookingWithContact>, name: &str) -> Vec<FoundAppointment> {
    let wanted = name_key(name);
    bookings
        .into_iter()
        .filter(|b| b.name.as_deref().is_some_and(|n| name_key(n) == wanted))
        .map(|b| FoundAppointment {
            code: b.appointment.code,
            service: b.appointment.service,
            slot_start: b.appointment.slot_start,
            slot_end: b.appointment.slot_end,
            check_in: b.appointment.check_in,
            phone_hint: phone_hint(&b.phone),
        })
        .collect()
}

/// The office's bookings of its local today made under a name, as read from a
/// citizen ID card or typed: case, spacing and Unicode composition do not
/// matter, diacritics do. Each comes with the last digits of its phone number,
/// so namesakes can tell theirs apart. A POST keeps the name out of addresses
/// and access logs; the name is never logged.
#[utoipa::path(post, path = "/offices/{office}/appointments/lookup", tag = "appointments",
    params(("office" = String, Path, description = "Office id")),
    request_body = AppointmentLookup,
    responses((status = 200, body = FoundAppointments), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 404, body = wire::ApiError), (status = 422, body = wire::ApiError, description = "invalid_name")),
    security(("bearer" = [])))]
pub async fn lookup(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    body: JsonBody<AppointmentLookup>,
) -> Result<Json<FoundAppointments>, HttpError> {
    caller.require(caller.role.may_find_bookings(&office))?;
    let body = body.read().await?;
    let length = body.name.trim().chars().count();
    if length == 0 || length > MAX_NAME_CHARS {
        return Err(HttpError::Unprocessable {
            code: "invalid_name",
            message: format!("a name has 1 to {MAX_NAME_CHARS} characters"),
        });
    }
    let record = state.store.office(&office).await?;
    let (from, to) = day_bounds(local_day(state.clock.now(), record.tz), record.tz);
    let bookings = state.store.bookings_between(&record, from, to).await?;
    Ok(Json(FoundAppointments {
        appointments: matching_bookings(bookings, &body.name),
    }))
}
