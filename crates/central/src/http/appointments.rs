//! Booking a slot and checking in at the kiosk.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use wire::{
    Appointment, AppointmentLookup, BookingRules, FieldProblem, FoundAppointment,
    FoundAppointments, NewAppointment, Ticket,
};

use super::error::HttpError;
use super::extract::{Caller, IdempotencyKey, JsonBody, PathParam};
use super::limits::{Address, TokenLocked};
use super::AppState;
use crate::rules::{
    day_bounds, is_safe_text, local_day, name_key, normalise_code, phone_hint, PhoneNumber,
};
use crate::store::{BookingRequest, BookingWithContact, Idempotency, StoreError};

/// Longest contact name kept.
const MAX_NAME_CHARS: usize = 100;
/// Most bookings an office may let one phone hold per day.
const MAX_BOOKINGS_PER_PHONE: u32 = 1000;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/offices/{office}/appointments", post(book))
        .route("/appointments/{code}/check-in", post(check_in))
        .route("/offices/{office}/appointments/lookup", post(lookup))
        .route(
            "/offices/{office}/booking-rules",
            get(booking_rules).put(set_booking_rules),
        )
}

/// Books a slot for a procedure; answers a short code to type or scan at the kiosk.
#[utoipa::path(post, path = "/offices/{office}/appointments", tag = "appointments",
    params(("office" = String, Path, description = "Office id"),
           ("Idempotency-Key" = String, Header, pattern = "^[!-~]{1,128}$", description = "A replay returns the same booking; the same key with another body is 422 idempotency_key_reused")),
    request_body = NewAppointment,
    responses((status = 201, body = Appointment), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "slot_full; too_many_bookings_for_phone when the phone holds as many bookings for that day as the office allows"),
              (status = 422, body = wire::ApiError, description = "idempotency_key_reused when the key was used for another booking"),
              (status = 429, body = wire::ApiError, description = "too_many_visits: more than one kiosk serves; see Retry-After")),
    security(("bearer" = [])))]
pub async fn book(
    State(state): State<AppState>,
    caller: Caller,
    Address(address): Address,
    PathParam(office): PathParam<String>,
    IdempotencyKey(key): IdempotencyKey,
    body: JsonBody<NewAppointment>,
) -> Result<(StatusCode, Json<Appointment>), HttpError> {
    caller.require(caller.role.may_serve_visitors(&office))?;
    state
        .limits
        .visit(&caller.token_hash, address, state.clock.now())?;
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
    let name = match body.contact.name.as_deref() {
        Some(name) => Some(visitor_name(name)?).filter(|n| !n.is_empty()),
        None => None,
    };
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
/// A code of another office answers exactly as an unknown code. Too many wrong codes
/// lock the kiosk (and its address) out of check-in by code for a while
/// (`check_in_locked`, with `Retry-After`); the lock shows in the fleet view.
#[utoipa::path(post, path = "/appointments/{code}/check-in", tag = "appointments",
    params(("code" = String, Path, description = "Booking code")),
    responses((status = 201, body = Ticket), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "outside_check_in_window, with window and arrival (early or late)"),
              (status = 429, body = wire::ApiError, description = "check_in_locked after too many wrong codes, or too_many_check_ins; see Retry-After")),
    security(("bearer" = [])))]
pub async fn check_in(
    State(state): State<AppState>,
    caller: Caller,
    Address(address): Address,
    PathParam(code): PathParam<String>,
) -> Result<(StatusCode, Json<Ticket>), HttpError> {
    // Refused before the code is read, so the refusal says nothing about it.
    caller.require(caller.role.serves_visitors())?;
    let now = state.clock.now();
    state.limits.check_in(&caller.token_hash, address, now)?;
    // A lock noted before a restart, or by another instance.
    if let Some(until) = state
        .store
        .check_in_locked_until(&caller.token_hash)
        .await?
        .filter(|until| *until > now)
    {
        return Err(super::limits::locked(until - now));
    }
    let code = normalise_code(&code);
    match state.store.appointment_office(&code).await {
        Ok(office) if caller.role.may_serve_visitors(&office) => {}
        // Another office's booking is as unknown here as a code nobody booked.
        Ok(_) | Err(StoreError::UnknownAppointment) => {
            if let Some(TokenLocked(until)) =
                state.limits.wrong_code(&caller.token_hash, address, now)
            {
                state.store.lock_check_in(&caller.token_hash, until).await?;
            }
            return Err(StoreError::UnknownAppointment.into());
        }
        Err(error) => return Err(error.into()),
    }
    let mut ticket = state.store.check_in(&code, now).await?;
    super::events::ticket_issued(&state, &ticket);
    ticket.track_url = state.track_url(&ticket.id);
    Ok((StatusCode::CREATED, Json(ticket)))
}

/// A visitor's name as sent, trimmed: at most [`MAX_NAME_CHARS`] characters, one line,
/// none that turns the text's direction around (see [`is_safe_text`]).
fn visitor_name(name: &str) -> Result<String, HttpError> {
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(HttpError::Unprocessable {
            code: "invalid_name",
            message: format!("a name has at most {MAX_NAME_CHARS} characters"),
        });
    }
    if !is_safe_text(name) {
        return Err(HttpError::Unprocessable {
            code: "invalid_name",
            message: "a name is one line, without control or text-direction characters".into(),
        });
    }
    Ok(name.trim().to_owned())
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
              (status = 404, body = wire::ApiError), (status = 422, body = wire::ApiError, description = "invalid_name"),
              (status = 429, body = wire::ApiError, description = "too_many_lookups: more than one kiosk serves; see Retry-After")),
    security(("bearer" = [])))]
pub async fn lookup(
    State(state): State<AppState>,
    caller: Caller,
    Address(address): Address,
    PathParam(office): PathParam<String>,
    body: JsonBody<AppointmentLookup>,
) -> Result<Json<FoundAppointments>, HttpError> {
    caller.require(caller.role.may_find_bookings(&office))?;
    state
        .limits
        .lookup(&caller.token_hash, address, state.clock.now())?;
    let body = body.read().await?;
    if visitor_name(&body.name)?.is_empty() {
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

/// The office's rules for bookings: how many one phone number may hold per day.
#[utoipa::path(get, path = "/offices/{office}/booking-rules", tag = "appointments",
    params(("office" = String, Path, description = "Office id")),
    responses((status = 200, body = BookingRules), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn booking_rules(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
) -> Result<Json<BookingRules>, HttpError> {
    caller.require(caller.role.may_read_office(&office))?;
    let record = state.store.office(&office).await?;
    Ok(Json(BookingRules {
        bookings_per_phone_per_day: record.bookings_per_phone,
    }))
}

/// Admin: sets the office's rules for bookings. Bookings already made stay.
#[utoipa::path(put, path = "/offices/{office}/booking-rules", tag = "admin",
    params(("office" = String, Path, description = "Office id")),
    request_body = BookingRules,
    responses((status = 200, body = BookingRules, description = "The rules as they are now"),
              (status = 400, body = wire::ApiError), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 422, body = wire::ApiError, description = "invalid_booking_rules, with problems")),
    security(("bearer" = [])))]
pub async fn set_booking_rules(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    body: JsonBody<BookingRules>,
) -> Result<Json<BookingRules>, HttpError> {
    caller.require(caller.role.may_configure_office())?;
    let body = body.read().await?;
    let wanted = body.bookings_per_phone_per_day;
    if !(1..=MAX_BOOKINGS_PER_PHONE).contains(&wanted) {
        return Err(HttpError::invalid(
            "invalid_booking_rules",
            "the booking rules",
            vec![FieldProblem {
                field: "bookings_per_phone_per_day".into(),
                message: format!("must be from 1 to {MAX_BOOKINGS_PER_PHONE}, not {wanted}"),
            }],
        ));
    }
    let record = state.store.set_bookings_per_phone(&office, wanted).await?;
    tracing::info!(office = %record.office.id, bookings_per_phone = record.bookings_per_phone,
        "booking rules replaced");
    Ok(Json(BookingRules {
        bookings_per_phone_per_day: record.bookings_per_phone,
    }))
}
