//! The HTTP edge: routes, state, and the one place errors become responses.

pub mod admin;
pub mod appointments;
pub mod audit;
pub mod checklist;
pub mod counters;
pub mod error;
pub mod events;
pub mod extract;
pub mod fleet;
pub mod limits;
pub mod offices;
pub mod openapi;
pub mod page_headers;
pub mod pages;
pub mod serve;
pub mod tickets;
pub mod track_page;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;

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
    /// The offices' live events.
    pub lobby: Arc<events::LobbyFeed>,
    /// Calls said aloud.
    pub announcer: Arc<crate::announce::Announcer>,
    /// Request limits per token and per client address.
    pub limits: Arc<limits::Limiters>,
}

impl AppState {
    /// The state of a server on `store` and `clock`, with eSpeak NG as its voice.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, public_url: String) -> Self {
        Self {
            store,
            clock,
            public_url,
            lobby: Arc::default(),
            announcer: Arc::new(crate::announce::Announcer::new(Arc::new(
                speech::EspeakNg::default(),
            ))),
            limits: Arc::default(),
        }
    }

    /// The same state holding other request limits ([`limits::RequestLimits::lobby`] by default).
    pub fn with_limits(mut self, settings: limits::RequestLimits) -> Self {
        self.limits = Arc::new(limits::Limiters::new(settings));
        self
    }

    /// The public page where a visitor follows ticket `id`.
    pub fn track_url(&self, id: &str) -> String {
        format!("{}/t/{id}", self.public_url)
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let limited = Router::new()
        .merge(offices::router())
        .merge(tickets::router())
        .merge(appointments::router())
        .merge(counters::router())
        .merge(events::router())
        .merge(fleet::router())
        .merge(audit::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            audit::record,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::any_request,
        ));
    let api = Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi::document))
        .merge(limited)
        .layer(axum::middleware::map_response(
            page_headers::not_stored_unless_said,
        ));
    Router::new()
        .nest("/api/v1", api)
        .merge(tickets::page_router())
        .merge(checklist::page_router())
        .merge(admin::page_router())
        .merge(pages::page_router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::map_response(
            page_headers::on_every_response,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .route_layer(axum::middleware::from_fn(log_request))
        .layer(CatchPanicLayer::custom(|_| {
            HttpError::Internal("a handler panicked".into()).into_response_boxed()
        }))
        .with_state(state)
}

/// One line per answered request, under the target `central::request`: the method, the
/// route as written in the router (`/api/v1/tickets/{id}`, never the address itself,
/// which can hold a ticket's id or a booking code), the status and the time taken.
async fn log_request(
    route: axum::extract::MatchedPath,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let method = request.method().clone();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    if status >= 500 {
        tracing::warn!(target: "central::request", %method, route = route.as_str(), status, ms, "answered");
    } else {
        tracing::info!(target: "central::request", %method, route = route.as_str(), status, ms, "answered");
    }
    response
}

impl HttpError {
    fn into_response_boxed(self) -> axum::http::Response<axum::body::Body> {
        axum::response::IntoResponse::into_response(self)
    }
}

/// Whether the server and its database answer: a query is made each time.
#[utoipa::path(get, path = "/health", tag = "meta",
    responses((status = 200, body = wire::Health),
              (status = 503, body = wire::Health, description = "the database does not answer")))]
pub async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, Json<wire::Health>) {
    let answers = tokio::time::timeout(std::time::Duration::from_secs(2), state.store.ping())
        .await
        .is_ok_and(|r| r.is_ok());
    let (status, word, database) = if answers {
        (axum::http::StatusCode::OK, "ok", "ok")
    } else {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "unreachable",
        )
    };
    (
        status,
        Json(wire::Health {
            status: word.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            database: database.into(),
        }),
    )
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
