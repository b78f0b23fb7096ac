//! The audit log: one layer writes an entry for every successful change made with an
//! admin or staff token, and `GET /audit` lets IT staff read them.
//!
//! Handlers write nothing themselves: the layer knows the route each request took and
//! its path parameters, and names the action from the table below. A handler may add
//! an [`AuditDetail`] to its answer to say more ("to version 4").

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponseParts, Response, ResponseParts};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use wire::AuditLog;

use super::error::HttpError;
use super::extract::{Caller, QueryParams};
use super::AppState;
use crate::store::{AuditQuery, AuditRecord};

/// Entries a page holds when `limit` is absent.
const DEFAULT_LIMIT: u32 = 100;
/// Most entries one page may hold.
const MAX_LIMIT: u32 = 1000;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(read))
}

/// More about a change than its route says, added by a handler to its answer.
#[derive(Debug, Clone)]
pub struct AuditDetail(pub String);

impl IntoResponseParts for AuditDetail {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        res.extensions_mut().insert(self);
        Ok(res)
    }
}

/// Path parameters that may be written to the audit log, under the name the log
/// gives them. Ticket ids and booking codes are secrets, so they are not here: a
/// parameter not named is left out.
fn public_parameter(route: &str, name: &str) -> Option<&'static str> {
    match name {
        "office" => Some("office"),
        "counter" => Some("counter"),
        "kiosk" => Some("kiosk"),
        "id" if route.starts_with("/profiles/") => Some("profile"),
        _ => None,
    }
}

/// Every change the API offers to admins and staff: method, route (after `/api/v1`),
/// the action's short name, and a sentence in which `{name}` stands for a public
/// parameter. A route missing here is still recorded, by its method and route alone.
#[rustfmt::skip]
const ACTIONS: &[(&str, &str, &str, &str)] = &[
    ("PUT", "/offices/{office}/calendar", "calendar.replace", "calendar replaced for office {office}"),
    ("POST", "/offices/{office}/tickets", "ticket.issue", "ticket issued at office {office}"),
    ("POST", "/tickets/{id}/complete", "ticket.complete", "ticket completed"),
    ("POST", "/tickets/{id}/no-show", "ticket.no_show", "ticket marked no-show"),
    ("POST", "/tickets/{id}/transfer", "ticket.transfer", "ticket transferred"),
    ("POST", "/offices/{office}/appointments", "appointment.book", "appointment booked at office {office}"),
    ("POST", "/appointments/{code}/check-in", "appointment.check_in", "appointment checked in"),
    ("POST", "/offices/{office}/appointments/lookup", "appointment.lookup", "bookings looked up by name at office {office}"),
    ("POST", "/counters/{counter}/call-next", "counter.call_next", "counter {counter} called next"),
    ("POST", "/counters/{counter}/recall", "counter.recall", "counter {counter} called its ticket again"),
    ("POST", "/counters/{counter}/pause", "counter.pause", "counter {counter} paused"),
    ("POST", "/counters/{counter}/open", "counter.open", "counter {counter} opened"),
    ("POST", "/profiles", "profile.create", "profile created"),
    ("PUT", "/profiles/{id}", "profile.update", "profile {profile} updated"),
    ("PUT", "/kiosks/{kiosk}/profile", "kiosk.assign_profile", "profile assignment of kiosk {kiosk} changed"),
];

/// The audit entry of a request to `route` (without `/api/v1`) with path parameters
/// `params`: action, target (public parameters only) and summary.
fn describe(
    method: &Method,
    route: &str,
    params: &[(String, String)],
) -> (String, BTreeMap<String, String>, String) {
    let target: BTreeMap<String, String> = params
        .iter()
        .filter_map(|(name, value)| {
            public_parameter(route, name).map(|name| (name.to_owned(), value.clone()))
        })
        .collect();
    let known = ACTIONS
        .iter()
        .find(|(m, r, _, _)| *m == method.as_str() && *r == route);
    match known {
        Some((_, _, action, sentence)) => {
            let mut summary = (*sentence).to_owned();
            for (name, value) in &target {
                summary = summary.replace(&format!("{{{name}}}"), value);
            }
            ((*action).to_owned(), target, summary)
        }
        None => {
            let what = format!("{method} {route}");
            (what.clone(), target, what)
        }
    }
}

/// The layer: finds the caller once (handlers then reuse it), and after a successful
/// answer to a change by an admin or staff token, keeps an audit entry. A failed
/// write of the entry is logged; the change stands.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let caller = Caller::from_request_parts(&mut parts, &state).await.ok();
    let Some(caller) = caller else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    parts.extensions.insert(caller.clone());
    if !caller.role.is_audited() {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let method = parts.method.clone();
    let route = parts
        .extensions
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let params: Vec<(String, String)> = RawPathParams::from_request_parts(&mut parts, &state)
        .await
        .map(|raw| {
            raw.iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let response = next.run(Request::from_parts(parts, body)).await;
    if !response.status().is_success() {
        return response;
    }
    let short_route = route.strip_prefix("/api/v1").unwrap_or(&route);
    let (action, target, mut summary) = describe(&method, short_route, &params);
    if let Some(AuditDetail(detail)) = response.extensions().get::<AuditDetail>() {
        summary = format!("{summary} {detail}");
    }
    let entry = AuditRecord {
        at: state.clock.now(),
        token_id: caller.token_id,
        token_label: caller.token_label.clone(),
        role: caller.role.name().to_owned(),
        action,
        route: format!("{method} {route}"),
        target,
        summary,
        status: response.status().as_u16(),
    };
    if matches!(caller.role, crate::access::Role::Admin) {
        tracing::info!(
            token_id = entry.token_id,
            token_label = entry.token_label.as_deref().unwrap_or(""),
            action = %entry.action,
            "admin change: {}",
            entry.summary
        );
    }
    // Written by a task of its own, so a client that hangs up now cannot cancel the
    // entry of a change already made; awaited, so the entry exists once the answer is sent.
    let store = state.store.clone();
    let written = tokio::spawn(async move {
        if let Err(error) = store.record_audit(&entry).await {
            tracing::warn!(
                token_id = entry.token_id,
                action = %entry.action,
                %error,
                "the change was made but its audit entry could not be kept"
            );
        }
    });
    if let Err(error) = written.await {
        tracing::warn!(%error, "the audit entry's writer stopped");
    }
    response
}

/// Query of `GET /audit`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Entries at most, 1 to 1000; 100 when absent.
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// Only entries older than this entry id: the `next_before` of the previous page.
    #[param(minimum = 1)]
    pub before: Option<i64>,
    /// Only entries made at or after this instant, RFC 3339 with its offset.
    #[param(format = DateTime)]
    pub since: Option<String>,
}

/// Admins: the audit log of changes made with admin and staff tokens, newest first.
#[utoipa::path(get, path = "/audit", tag = "fleet",
    params(AuditParams),
    responses((status = 200, body = AuditLog), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn read(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(params): QueryParams<AuditParams>,
) -> Result<Json<AuditLog>, HttpError> {
    caller.require(caller.role.may_read_audit())?;
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(HttpError::bad_request(
            "invalid_limit",
            format!("limit must be from 1 to {MAX_LIMIT}, got {limit}"),
        ));
    }
    if params.before.is_some_and(|before| before < 1) {
        return Err(HttpError::bad_request(
            "invalid_before",
            "before must be an entry id, from 1",
        ));
    }
    let since = params
        .since
        .map(|text| {
            DateTime::parse_from_rfc3339(&text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    HttpError::bad_request(
                        "invalid_since",
                        format!("since must be an RFC 3339 time with its offset, got {text:?}"),
                    )
                })
        })
        .transpose()?;
    let entries = state
        .store
        .audit_log(&AuditQuery {
            limit,
            before: params.before,
            since,
        })
        .await?;
    let next_before = if entries.len() == limit as usize {
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(Json(AuditLog {
        entries,
        next_before,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn ticket_ids_and_booking_codes_never_reach_the_entry() {
        let (action, target, summary) = describe(
            &Method::POST,
            "/tickets/{id}",
            &params(&[("id", "secret-ticket-id")]),
        );
        assert!(target.is_empty());
        assert!(!action.contains("secret") && !summary.contains("secret"));
        let (action, target, summary) = describe(
            &Method::POST,
            "/tickets/{id}/complete",
            &params(&[("id", "secret-ticket-id")]),
        );
        assert_eq!(
            (action.as_str(), summary.as_str()),
            ("ticket.complete", "ticket completed")
        );
        assert!(target.is_empty());
        let (_, target, summary) = describe(
            &Method::POST,
            "/appointments/{code}/check-in",
            &params(&[("code", "K7M2QX")]),
        );
        assert!(target.is_empty() && !summary.contains("K7M2QX"));
    }

    #[test]
    fn offices_counters_and_profiles_are_named() {
        let (action, target, summary) = describe(
            &Method::PUT,
            "/offices/{office}/calendar",
            &params(&[("office", "hn-ba-dinh")]),
        );
        assert_eq!(action, "calendar.replace");
        assert_eq!(summary, "calendar replaced for office hn-ba-dinh");
        assert_eq!(target.get("office").map(String::as_str), Some("hn-ba-dinh"));
        let (action, target, summary) =
            describe(&Method::PUT, "/profiles/{id}", &params(&[("id", "3")]));
        assert_eq!(
            (action.as_str(), summary.as_str()),
            ("profile.update", "profile 3 updated")
        );
        assert_eq!(target.get("profile").map(String::as_str), Some("3"));
        let (action, _, summary) = describe(
            &Method::POST,
            "/counters/{counter}/call-next",
            &params(&[("counter", "c-1")]),
        );
        assert_eq!(
            (action.as_str(), summary.as_str()),
            ("counter.call_next", "counter c-1 called next")
        );
    }

    #[test]
    fn every_named_action_is_a_change_the_api_documents() {
        let document = <super::super::openapi::ApiDoc as utoipa::OpenApi>::openapi();
        for (method, route, action, _) in ACTIONS {
            let item = document
                .paths
                .paths
                .get(*route)
                .unwrap_or_else(|| panic!("{route} is not a route of the API"));
            let operation = match *method {
                "POST" => item.post.as_ref(),
                "PUT" => item.put.as_ref(),
                _ => None,
            };
            assert!(operation.is_some(), "no {method} {route} for {action}");
        }
        let mut names: Vec<&str> = ACTIONS.iter().map(|(_, _, name, _)| *name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len(), "two actions share a name");
    }
}
