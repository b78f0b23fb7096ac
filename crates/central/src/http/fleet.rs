//! Kiosk profiles for IT staff, and the fleet: kiosks register, send heartbeats and get
//! the profile assigned to them; IT staff see every kiosk's state.

use std::sync::OnceLock;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use wire::{
    AssignedProfile, FieldProblem, Heartbeat, HeartbeatAnswer, KioskRegistered, KioskRegistration,
    KioskState, NewProfile, ProfileAssignment, ProfileRef, ProfileUpdate, ProfileVersion,
};

use super::audit::AuditDetail;
use super::error::HttpError;
use super::extract::{Caller, JsonBody, PathParam};
use super::AppState;
use crate::fleet::{
    check_document, check_heartbeat, check_name, check_registration, is_online, profile_to_send,
    unknown_pinned, MAX_DOCUMENT_BYTES,
};
use crate::store::{KioskRecord, StoreError, StoredProfile};

/// Largest body of a profile request: the document, escaped as JSON, and its name.
pub const PROFILE_BODY_LIMIT: usize = 4 * MAX_DOCUMENT_BYTES;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    let profiles = Router::new()
        .route("/profiles", get(list_profiles).post(create_profile))
        .route("/profiles/{id}", get(latest_profile).put(update_profile))
        .layer(DefaultBodyLimit::max(PROFILE_BODY_LIMIT));
    Router::new()
        .merge(profiles)
        .route("/profiles/{id}/versions/{version}", get(profile_version))
        .route("/profile-schema.json", get(profile_schema))
        .route("/kiosks", get(list_kiosks))
        .route("/kiosks/register", post(register))
        .route("/kiosks/heartbeat", post(heartbeat))
        .route("/kiosks/{kiosk}/profile", put(assign_profile))
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn profile_version_of(p: StoredProfile) -> ProfileVersion {
    ProfileVersion {
        id: p.id,
        name: p.name,
        office: p.office,
        version: p.version,
        document: p.document,
        updated_at: rfc3339(p.updated_at),
    }
}

fn assigned_of(p: StoredProfile) -> AssignedProfile {
    AssignedProfile {
        id: p.id,
        version: p.version,
        document: p.document,
    }
}

fn kiosk_state(k: KioskRecord, now: DateTime<Utc>) -> KioskState {
    let report = k.report;
    KioskState {
        id: k.id,
        name: k.name,
        office: k.office,
        online: is_online(k.last_heartbeat, now),
        last_heartbeat: k.last_heartbeat.map(rfc3339),
        assigned_profile: k
            .assigned
            .map(|(id, name, version)| ProfileRef { id, name, version }),
        app_version: report.as_ref().map(|r| r.app_version.clone()),
        profile_id: report.as_ref().and_then(|r| r.profile_id),
        profile_version: report.as_ref().and_then(|r| r.profile_version),
        printer: report.as_ref().map(|r| r.printer.clone()),
        last_error: report.as_ref().and_then(|r| r.last_error.clone()),
        uptime_seconds: report.as_ref().map(|r| r.uptime_seconds),
        check_in_locked_until: k
            .check_in_locked_until
            .filter(|until| *until > now)
            .map(rfc3339),
    }
}

async fn office_ids(state: &AppState) -> Result<Vec<String>, HttpError> {
    Ok(state
        .store
        .offices()
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

fn invalid_profile(problems: Vec<FieldProblem>) -> HttpError {
    HttpError::invalid("invalid_profile", "the profile", problems)
}

/// Refuses a profile that pins quick numbers its office does not handle: the kiosk
/// could never show them.
async fn check_pinned(
    state: &AppState,
    settings: &kiosk_profile::Settings,
) -> Result<(), HttpError> {
    if settings.quick_numbers.pinned.is_empty() {
        return Ok(());
    }
    let catalogue = state.store.catalogue(&settings.office).await?;
    let codes: Vec<&str> = catalogue
        .procedures
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    let problems = unknown_pinned(settings, &codes);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(invalid_profile(problems))
    }
}

/// Every profile at its latest version.
#[utoipa::path(get, path = "/profiles", tag = "fleet",
    responses((status = 200, body = Vec<ProfileVersion>), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn list_profiles(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ProfileVersion>>, HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    let profiles = state.store.profiles().await?;
    Ok(Json(profiles.into_iter().map(profile_version_of).collect()))
}

/// Saves a new profile as its version 1. The document is checked as a kiosk would check
/// it, without device settings; every problem is listed with its field.
#[utoipa::path(post, path = "/profiles", tag = "fleet", request_body = NewProfile,
    responses((status = 201, body = ProfileVersion), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "profile_name_taken"),
              (status = 413, body = wire::ApiError),
              (status = 422, body = wire::ApiError, description = "invalid_profile, with problems")),
    security(("bearer" = [])))]
pub async fn create_profile(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<NewProfile>,
) -> Result<(StatusCode, AuditDetail, Json<ProfileVersion>), HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    let body = body.read().await?;
    let name = check_name("name", &body.name);
    let settings = check_document(&body.document, &office_ids(&state).await?);
    let (name, settings) = match (name, settings) {
        (Ok(name), Ok(settings)) => (name, settings),
        (name, settings) => {
            let problems = name
                .err()
                .into_iter()
                .chain(settings.err().into_iter().flatten())
                .collect();
            return Err(invalid_profile(problems));
        }
    };
    check_pinned(&state, &settings).await?;
    let profile = state
        .store
        .create_profile(&name, &body.document, &settings.office, state.clock.now())
        .await?;
    tracing::info!(profile = profile.id, "profile created");
    let detail = AuditDetail(format!("with id {}", profile.id));
    Ok((
        StatusCode::CREATED,
        detail,
        Json(profile_version_of(profile)),
    ))
}

/// A profile at its latest version.
#[utoipa::path(get, path = "/profiles/{id}", tag = "fleet",
    params(("id" = i64, Path, description = "Profile id")),
    responses((status = 200, body = ProfileVersion), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn latest_profile(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam<i64>,
) -> Result<Json<ProfileVersion>, HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    Ok(Json(profile_version_of(
        state.store.profile(id, None).await?,
    )))
}

/// One version of a profile; every version is kept.
#[utoipa::path(get, path = "/profiles/{id}/versions/{version}", tag = "fleet",
    params(("id" = i64, Path, description = "Profile id"), ("version" = u32, Path, description = "Version, from 1")),
    responses((status = 200, body = ProfileVersion), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 404, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn profile_version(
    State(state): State<AppState>,
    caller: Caller,
    PathParam((id, version)): PathParam<(i64, u32)>,
) -> Result<Json<ProfileVersion>, HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    Ok(Json(profile_version_of(
        state.store.profile(id, Some(version)).await?,
    )))
}

/// Saves a change as the profile's next version. Refused with 409 `stale_profile_version`
/// (and `latest_version`) when someone saved another version after `base_version`: the
/// editor reloads. Kiosks with this profile pick the new version up at their next heartbeat.
#[utoipa::path(put, path = "/profiles/{id}", tag = "fleet", request_body = ProfileUpdate,
    params(("id" = i64, Path, description = "Profile id")),
    responses((status = 200, body = ProfileVersion), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "stale_profile_version, with latest_version"),
              (status = 413, body = wire::ApiError),
              (status = 422, body = wire::ApiError, description = "invalid_profile, with problems; invalid_base_version")),
    security(("bearer" = [])))]
pub async fn update_profile(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam<i64>,
    body: JsonBody<ProfileUpdate>,
) -> Result<(AuditDetail, Json<ProfileVersion>), HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    let body = body.read().await?;
    // A stale editor reloads before it fixes anything else.
    let current = state.store.profile(id, None).await?;
    if body.base_version < current.version {
        return Err(StoreError::StaleProfileVersion {
            base: body.base_version,
            latest: current.version,
        }
        .into());
    }
    let settings =
        check_document(&body.document, &office_ids(&state).await?).map_err(invalid_profile)?;
    check_pinned(&state, &settings).await?;
    let saved = state
        .store
        .update_profile(
            id,
            body.base_version,
            &body.document,
            &settings.office,
            state.clock.now(),
        )
        .await;
    let profile = match saved {
        Err(mismatch @ StoreError::ProfileOfficeMismatch { .. }) => {
            return Err(invalid_profile(vec![FieldProblem {
                field: "office".into(),
                message: mismatch.to_string(),
            }]))
        }
        other => other?,
    };
    tracing::info!(
        profile = profile.id,
        version = profile.version,
        "profile changed"
    );
    let detail = AuditDetail(format!("to version {}", profile.version));
    Ok((detail, Json(profile_version_of(profile))))
}

/// The JSON Schema of a profile document; public, for editors.
#[utoipa::path(get, path = "/profile-schema.json", tag = "fleet",
    responses((status = 200, body = Object, description = "JSON Schema (draft 2020-12) of a profile document")))]
pub async fn profile_schema() -> Json<serde_json::Value> {
    static SCHEMA: OnceLock<serde_json::Value> = OnceLock::new();
    Json(SCHEMA.get_or_init(kiosk_profile::schema).clone())
}

/// Every kiosk token and what its kiosk last reported; `online` when it was heard from
/// within the last 90 seconds.
#[utoipa::path(get, path = "/kiosks", tag = "fleet",
    responses((status = 200, body = Vec<KioskState>), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError)),
    security(("bearer" = [])))]
pub async fn list_kiosks(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<KioskState>>, HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    let now = state.clock.now();
    let kiosks = state.store.kiosks().await?;
    Ok(Json(
        kiosks.into_iter().map(|k| kiosk_state(k, now)).collect(),
    ))
}

/// Assigns a profile to a kiosk, or none (`null`). The kiosk gets the profile's latest
/// version, now and after every later change. The profile must be for the kiosk's office.
#[utoipa::path(put, path = "/kiosks/{kiosk}/profile", tag = "fleet", request_body = ProfileAssignment,
    params(("kiosk" = i64, Path, description = "Kiosk id")),
    responses((status = 200, body = KioskState), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 404, body = wire::ApiError, description = "unknown_kiosk, unknown_profile"),
              (status = 422, body = wire::ApiError, description = "office_mismatch")),
    security(("bearer" = [])))]
pub async fn assign_profile(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(kiosk): PathParam<i64>,
    body: JsonBody<ProfileAssignment>,
) -> Result<(AuditDetail, Json<KioskState>), HttpError> {
    caller.require(caller.role.may_manage_fleet())?;
    let body = body.read().await?;
    let record = state.store.assign_profile(kiosk, body.profile).await?;
    tracing::info!(kiosk, profile = ?body.profile, "profile assigned");
    let detail = AuditDetail(match body.profile {
        Some(profile) => format!("to profile {profile}"),
        None => "to none".into(),
    });
    Ok((detail, Json(kiosk_state(record, state.clock.now()))))
}

/// A kiosk starts: it says its name and version, and gets its id, its office and the
/// latest version of the profile assigned to it.
#[utoipa::path(post, path = "/kiosks/register", tag = "fleet", request_body = KioskRegistration,
    responses((status = 200, body = KioskRegistered), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 422, body = wire::ApiError, description = "invalid_registration, with problems")),
    security(("bearer" = [])))]
pub async fn register(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<KioskRegistration>,
) -> Result<Json<KioskRegistered>, HttpError> {
    caller.require(caller.role.is_kiosk())?;
    let body = body.read().await?;
    let name = check_registration(&body).map_err(|problems| {
        HttpError::invalid("invalid_registration", "the registration", problems)
    })?;
    let (kiosk, profile) = state
        .store
        .register_kiosk(
            &caller.token_hash,
            &name,
            &body.app_version,
            state.clock.now(),
        )
        .await?;
    tracing::info!(kiosk = kiosk.id, app_version = %body.app_version, "kiosk registered");
    Ok(Json(KioskRegistered {
        kiosk_id: kiosk.id,
        office: kiosk.office,
        profile: profile.map(assigned_of),
    }))
}

/// A kiosk's state every 30 seconds. The answer carries the assigned profile's latest
/// version when the kiosk runs another, so a change reaches it within one heartbeat.
#[utoipa::path(post, path = "/kiosks/heartbeat", tag = "fleet", request_body = Heartbeat,
    responses((status = 200, body = HeartbeatAnswer), (status = 400, body = wire::ApiError),
              (status = 401, body = wire::ApiError), (status = 403, body = wire::ApiError),
              (status = 422, body = wire::ApiError, description = "invalid_heartbeat, with problems")),
    security(("bearer" = [])))]
pub async fn heartbeat(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<Heartbeat>,
) -> Result<Json<HeartbeatAnswer>, HttpError> {
    caller.require(caller.role.is_kiosk())?;
    let body = body.read().await?;
    let report = check_heartbeat(&body)
        .map_err(|problems| HttpError::invalid("invalid_heartbeat", "the heartbeat", problems))?;
    let assigned = state
        .store
        .kiosk_heartbeat(&caller.token_hash, &report, state.clock.now())
        .await?;
    let unassigned = assigned.is_none() && body.profile_version.is_some();
    let profile = profile_to_send(assigned, body.profile_id, body.profile_version);
    Ok(Json(HeartbeatAnswer {
        profile: profile.map(assigned_of),
        unassigned,
    }))
}
