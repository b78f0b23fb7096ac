//! Offices and what a kiosk reads of one: catalogue, queues, slots.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;
use wire::{
    CatalogueAnswer, MostTaken, Office, OfficeCalendar, OfficeStatus, QueueOverview, SlotList,
};

use super::error::HttpError;
use super::extract::{Caller, JsonBody, PathParam, QueryParams};
use super::{checklist, AppState};
use crate::calendar::{opening_status, Calendar};
use crate::rules::{day_bounds, local_day, parse_slot_date, to_local_rfc3339};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/offices", get(list_offices))
        .route("/offices/{office}/catalogue", get(catalogue))
        .route("/offices/{office}/queues", get(queues))
        .route("/offices/{office}/most-taken", get(most_taken))
        .route("/offices/{office}/slots", get(slots))
        .route("/offices/{office}/status", get(status))
        .route("/offices/{office}/calendar", put(set_calendar))
}

/// All offices; public.
#[utoipa::path(get, path = "/offices", tag = "offices",
    responses((status = 200, body = Vec<Office>)))]
pub async fn list_offices(State(state): State<AppState>) -> Result<Json<Vec<Office>>, HttpError> {
    Ok(Json(state.store.offices().await?))
}

/// The office's procedures and queues, and the address of its public checklist pages.
/// Answers 304 to a matching `If-None-Match`.
#[utoipa::path(get, path = "/offices/{office}/catalogue", tag = "offices",
    params(("office" = String, Path, description = "Office id")),
    responses((status = 200, body = CatalogueAnswer, headers(("ETag" = String))), (status = 304, description = "Unchanged"),
               (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn catalogue(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    caller.require(caller.role.may_read_office(&office))?;
    let answer = CatalogueAnswer {
        catalogue: state.store.catalogue(&office).await?,
        checklist_url: Some(checklist::url_template(&state, &office)),
    };
    let body = serde_json::to_vec(&answer).map_err(|e| HttpError::Internal(e.to_string()))?;
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
    let etag_value =
        HeaderValue::from_str(&etag).map_err(|e| HttpError::Internal(e.to_string()))?;
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    // Public facts, asked for again before each use: a kiosk sends its ETag and most
    // often gets 304.
    let cache = (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), cache],
        )
            .into_response());
    }
    Ok((
        [
            (header::ETAG, etag_value),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            cache,
        ],
        body,
    )
        .into_response())
}

/// Waiting people, open counters and estimated wait per queue; lobby occupancy.
#[utoipa::path(get, path = "/offices/{office}/queues", tag = "offices",
    params(("office" = String, Path, description = "Office id")),
    responses((status = 200, body = QueueOverview), (status = 401, body = wire::ApiError),
               (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn queues(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
) -> Result<Json<QueueOverview>, HttpError> {
    caller.require(caller.role.may_read_office(&office))?;
    let record = state.store.office(&office).await?;
    Ok(Json(
        state
            .store
            .queue_overview(&record, state.clock.now())
            .await?,
    ))
}

/// Local days `most-taken` counts when `days` is absent: four weeks.
pub const MOST_TAKEN_DEFAULT_DAYS: u32 = 28;
/// Most local days `most-taken` counts: a quarter of a year.
pub const MOST_TAKEN_MAX_DAYS: u32 = 92;
/// Procedures `most-taken` lists when `limit` is absent.
pub const MOST_TAKEN_DEFAULT_LIMIT: u32 = 10;
/// Most procedures `most-taken` lists.
pub const MOST_TAKEN_MAX_LIMIT: u32 = 50;

/// Query of `GET /offices/{office}/most-taken`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MostTakenQuery {
    /// Local days counted, today included: 1 to 92; 28 when absent.
    #[param(minimum = 1, maximum = 92)]
    pub days: Option<u32>,
    /// Procedures listed at most: 1 to 50; 10 when absent.
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// The procedures the office issued the most queue numbers for over its last `days`
/// local days (today included), most first: what a kiosk offers as quick numbers.
/// Counted from the tickets as stored; check-ins count too.
#[utoipa::path(get, path = "/offices/{office}/most-taken", tag = "offices",
    params(("office" = String, Path, description = "Office id"), MostTakenQuery),
    responses((status = 200, body = MostTaken),
               (status = 400, body = wire::ApiError, description = "invalid_days, invalid_limit, or a malformed query"),
               (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
               (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn most_taken(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    QueryParams(query): QueryParams<MostTakenQuery>,
) -> Result<Json<MostTaken>, HttpError> {
    caller.require(caller.role.may_read_office(&office))?;
    let days = query.days.unwrap_or(MOST_TAKEN_DEFAULT_DAYS);
    if !(1..=MOST_TAKEN_MAX_DAYS).contains(&days) {
        return Err(HttpError::bad_request(
            "invalid_days",
            format!("days must be from 1 to {MOST_TAKEN_MAX_DAYS}, got {days}"),
        ));
    }
    let limit = query.limit.unwrap_or(MOST_TAKEN_DEFAULT_LIMIT);
    if !(1..=MOST_TAKEN_MAX_LIMIT).contains(&limit) {
        return Err(HttpError::bad_request(
            "invalid_limit",
            format!("limit must be from 1 to {MOST_TAKEN_MAX_LIMIT}, got {limit}"),
        ));
    }
    let record = state.store.office(&office).await?;
    let to = local_day(state.clock.now(), record.tz);
    let from = to - chrono::Duration::days(i64::from(days) - 1);
    let procedures = state.store.most_taken(&record, from, to, limit).await?;
    Ok(Json(MostTaken {
        office: record.office.id,
        days,
        from: from.to_string(),
        to: to.to_string(),
        procedures,
    }))
}

/// Query of `GET /offices/{office}/slots`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SlotQuery {
    /// Procedure code.
    #[param(min_length = 1, max_length = 64)]
    pub service: String,
    /// Local date, `YYYY-MM-DD`, from today up to 60 days ahead.
    #[param(format = Date, pattern = "^20[0-9]{2}-[0-9]{2}-[0-9]{2}$")]
    pub date: String,
}

/// Appointment slots of one day for a procedure, with places left.
#[utoipa::path(get, path = "/offices/{office}/slots", tag = "offices",
    params(("office" = String, Path, description = "Office id"), SlotQuery),
    responses((status = 200, body = SlotList), (status = 400, body = wire::ApiError),
               (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
               (status = 422, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn slots(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    QueryParams(query): QueryParams<SlotQuery>,
) -> Result<Json<SlotList>, HttpError> {
    caller.require(caller.role.may_read_office(&office))?;
    let record = state.store.office(&office).await?;
    let now = state.clock.now();
    let today = local_day(now, record.tz);
    // A date not written as one is malformed (400); a real date outside the days slots
    // are offered for is understood and refused (422).
    let date = parse_slot_date(&query.date, today).map_err(|(code, message)| match code {
        "date_out_of_range" => HttpError::Unprocessable { code, message },
        _ => HttpError::BadRequest { code, message },
    })?;
    let procedure = state.store.procedure(&office, &query.service).await?;
    let (day_start, to) = day_bounds(date, record.tz);
    // Today: only slots that have not started, the ones a visitor can still book.
    let from = day_start.max(now);
    let slots = state
        .store
        .slots(&record, &procedure.service_group, from, to)
        .await?;
    Ok(Json(SlotList {
        service: query.service,
        date: date.to_string(),
        slots,
    }))
}

/// The central's time and whether the office is open; public, so a kiosk can
/// learn both before it has a token, and set its idea of time by the central's.
#[utoipa::path(get, path = "/offices/{office}/status", tag = "offices",
    params(("office" = String, Path, description = "Office id")),
    responses((status = 200, body = OfficeStatus), (status = 404, body = wire::ApiError)))]
pub async fn status(
    State(state): State<AppState>,
    PathParam(office): PathParam<String>,
) -> Result<Json<OfficeStatus>, HttpError> {
    let record = state.store.office(&office).await?;
    let now = state.clock.now();
    Ok(Json(OfficeStatus {
        now: to_local_rfc3339(now, record.tz),
        opening: opening_status(
            &record.office.opening_hours,
            &record.office.closed_days,
            record.tz,
            now,
        ),
        office: record.office.id,
    }))
}

/// Admin: replaces the office's opening sessions and closed days. Every problem
/// of the body is listed at once (`invalid_calendar`, with `problems`).
#[utoipa::path(put, path = "/offices/{office}/calendar", tag = "admin",
    params(("office" = String, Path, description = "Office id")),
    request_body = OfficeCalendar,
    responses((status = 200, body = Office, description = "The office as it is now"),
              (status = 400, body = wire::ApiError), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 422, body = wire::ApiError, description = "invalid_calendar, with problems")),
    security(("bearer" = [])))]
pub async fn set_calendar(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(office): PathParam<String>,
    body: JsonBody<OfficeCalendar>,
) -> Result<Json<Office>, HttpError> {
    caller.require(caller.role.may_configure_office())?;
    let body = body.read().await?;
    let calendar =
        Calendar::validate(&body.opening_hours, &body.closed_days).map_err(|problems| {
            HttpError::Invalid {
                code: "invalid_calendar",
                message: format!(
                    "the calendar has {} problem{}; see problems",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                ),
                problems,
            }
        })?;
    let updated = state
        .store
        .set_calendar(&office, &body.opening_hours, &calendar.closed_days())
        .await?;
    tracing::info!(office = %updated.id, sessions = updated.opening_hours.len(),
        closed_days = updated.closed_days.len(), "calendar replaced");
    super::events::queues_changed(&state, &updated.id);
    Ok(Json(updated))
}
