//! The HTTP edge: routes, state, and the one place errors become responses.

pub mod admin;
pub mod appointments;
pub mod checklist;
pub mod counters;
pub mod error;
pub mod extract;
pub mod fleet;
pub mod offices;
pub mod openapi;
pub mod tickets;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::clock::Clock;
use crate::store::Store;
use error::HttpError;

/// Largest request body accepted; every valid request is far smaller.
pub const BODY_LIMIT_BYTES: usize = 16 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Storage.
    pub store: Arc<dyn Store>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Public base address of this server, for track URLs (no trailing slash).
    pub public_url: String,
}

impl AppState {
    /// The public page where a visitor follows ticket `id`.
    pub fn track_url(&self, id: &str) -> String {
        format!("{}/t/{id}", self.public_url)
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi::document))
        .merge(offices::router())
        .merge(tickets::router())
        .merge(appointments::router())
        .merge(counters::router())
        .merge(fleet::router());
    Router::new()
        .nest("/api/v1", api)
        .merge(tickets::page_router())
        .merge(checklist::page_router())
        .merge(admin::page_router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(CatchPanicLayer::custom(|_| {
            HttpError::Internal("a handler panicked".into()).into_response_boxed()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

impl HttpError {
    fn into_response_boxed(self) -> axum::http::Response<axum::body::Body> {
        axum::response::IntoResponse::into_response(self)
    }
}

/// Liveness.
#[utoipa::path(get, path = "/health", tag = "meta", responses((status = 200, body = wire::Health)))]
pub async fn health() -> Json<wire::Health> {
    Json(wire::Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

async fn not_found() -> HttpError {
    HttpError::NotFound {
        code: "not_found",
        message: "no such resource".into(),
    }
}

async fn method_not_allowed() -> HttpError {
    HttpError::MethodNotAllowed
}
