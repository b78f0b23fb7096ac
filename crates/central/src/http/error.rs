//! One error type for every handler, turned into `{"error", "message"}` in one place.
//! A 500 never shows its cause to the caller; the log gets it.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use wire::{ApiError, Arrival, CheckInWindow, FieldProblem, Slot};

use crate::store::StoreError;

/// What a handler can answer instead of success.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The request is malformed: `code` says how.
    #[error("{message}")]
    BadRequest {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
    },
    /// Well-formed but refers to something that does not fit (unknown service, slot).
    #[error("{message}")]
    Unprocessable {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
    },
    /// Well-formed, with one or more fields that are not acceptable; 422 with each problem.
    #[error("{message}")]
    Invalid {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
        /// Every problem found.
        problems: Vec<FieldProblem>,
    },
    /// No or unknown bearer token.
    #[error("a valid bearer token is required")]
    Unauthorized,
    /// The token's role does not reach this resource.
    #[error("this token may not do that")]
    Forbidden,
    /// Nothing here.
    #[error("{message}")]
    NotFound {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
    },
    /// The current state refuses the request.
    #[error("{message}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
        /// What some refusals add (boxed: most errors carry none of it).
        details: Box<ConflictDetails>,
    },
    /// The change started from a version that is no longer the latest.
    #[error("{message}")]
    StaleVersion {
        /// Explanation.
        message: String,
        /// The latest version, to reload.
        latest: u32,
    },
    /// The resource does not answer that method.
    #[error("this resource does not answer that method")]
    MethodNotAllowed,
    /// The body is over the limit.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// A part the server relies on (the speech program) is not working now.
    #[error("{message}")]
    Unavailable {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
    },
    /// Too many requests from this token or address: try again after `retry_after` seconds.
    #[error("{message}")]
    TooManyRequests {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        message: String,
        /// Seconds to wait, also sent as `Retry-After`.
        retry_after: u32,
    },
    /// Something broke inside; details go to the log only.
    #[error("internal error")]
    Internal(String),
}

/// What a 409 may tell besides its code and message.
#[derive(Debug, Default)]
pub struct ConflictDetails {
    /// Slots to offer instead (`lobby_full`).
    pub next_slots: Option<Vec<Slot>>,
    /// The check-in window (`outside_check_in_window`).
    pub window: Option<CheckInWindow>,
    /// Early or late (`outside_check_in_window`).
    pub arrival: Option<Arrival>,
    /// The next opening (`office_closed`).
    pub opens_at: Option<String>,
}

impl HttpError {
    /// A 400 with a code and message.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// A 422 listing every problem with its field; `what` says what was refused.
    pub fn invalid(code: &'static str, what: &str, problems: Vec<FieldProblem>) -> Self {
        let message = match problems.as_slice() {
            [one] => format!("{what} has a problem: {}: {}", one.field, one.message),
            _ => format!("{what} has {} problems, listed by field", problems.len()),
        };
        Self::Invalid {
            code,
            message,
            problems,
        }
    }

    fn conflict(code: &'static str, message: String) -> Self {
        Self::Conflict {
            code,
            message,
            details: Box::default(),
        }
    }
}

impl From<StoreError> for HttpError {
    fn from(error: StoreError) -> Self {
        let message = error.to_string();
        match error {
            StoreError::UnknownOffice(_) => Self::NotFound {
                code: "unknown_office",
                message,
            },
            StoreError::UnknownTicket => Self::NotFound {
                code: "unknown_ticket",
                message,
            },
            StoreError::UnknownCounter(_) => Self::NotFound {
                code: "unknown_counter",
                message,
            },
            StoreError::UnknownAppointment => Self::NotFound {
                code: "unknown_appointment",
                message,
            },
            StoreError::UnknownService(_) => Self::Unprocessable {
                code: "unknown_service",
                message,
            },
            StoreError::UnknownSlot => Self::Unprocessable {
                code: "unknown_slot",
                message,
            },
            StoreError::SlotInPast => Self::Unprocessable {
                code: "slot_in_past",
                message,
            },
            StoreError::LobbyFull { next_slots } => Self::Conflict {
                code: "lobby_full",
                message: "The waiting area is full; book a time slot instead.".into(),
                details: Box::new(ConflictDetails {
                    next_slots: Some(next_slots),
                    ..ConflictDetails::default()
                }),
            },
            StoreError::SlotFull => Self::conflict("slot_full", message),
            StoreError::OutsideWindow { window, arrival } => Self::Conflict {
                code: "outside_check_in_window",
                message: match arrival {
                    Arrival::Early => format!("too early: {message}"),
                    Arrival::Late => format!("too late: {message}"),
                },
                details: Box::new(ConflictDetails {
                    window: Some(window),
                    arrival: Some(arrival),
                    ..ConflictDetails::default()
                }),
            },
            StoreError::OfficeClosed { opens_at } => Self::Conflict {
                code: "office_closed",
                message,
                details: Box::new(ConflictDetails {
                    opens_at,
                    ..ConflictDetails::default()
                }),
            },
            StoreError::TooManyBookingsForPhone { .. } => {
                Self::conflict("too_many_bookings_for_phone", message)
            }
            StoreError::IdempotencyKeyReused => Self::Unprocessable {
                code: "idempotency_key_reused",
                message,
            },
            StoreError::NobodyWaiting => Self::conflict("nobody_waiting", message),
            StoreError::CounterPaused => Self::conflict("counter_paused", message),
            StoreError::NothingToRecall => Self::conflict("nothing_to_recall", message),
            StoreError::UnknownGroup(_) => Self::Unprocessable {
                code: "unknown_group",
                message,
            },
            StoreError::InvalidTransfer(_) => Self::Unprocessable {
                code: "invalid_transfer",
                message,
            },
            StoreError::TicketNotCalled(_) => Self::conflict("ticket_not_called", message),
            StoreError::Database(_) | StoreError::Corrupt(_) | StoreError::Batch(_) => {
                Self::Internal(message)
            }
            StoreError::UnknownProfile(_) => Self::NotFound {
                code: "unknown_profile",
                message,
            },
            StoreError::UnknownProfileVersion { .. } => Self::NotFound {
                code: "unknown_profile_version",
                message,
            },
            StoreError::UnknownKiosk(_) => Self::NotFound {
                code: "unknown_kiosk",
                message,
            },
            StoreError::UnknownToken(_) => Self::NotFound {
                code: "unknown_token",
                message,
            },
            StoreError::ProfileNameTaken(_) => Self::conflict("profile_name_taken", message),
            StoreError::StaleProfileVersion { latest, .. } => {
                Self::StaleVersion { message, latest }
            }
            StoreError::FutureProfileVersion { .. } => Self::Unprocessable {
                code: "invalid_base_version",
                message,
            },
            StoreError::ProfileOfficeMismatch { .. } => Self::Unprocessable {
                code: "office_mismatch",
                message,
            },
        }
    }
}

impl From<JsonRejection> for HttpError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::bad_request(
                "unsupported_media_type",
                "the body must be JSON with Content-Type: application/json",
            ),
            _ => Self::bad_request("invalid_json", rejection.body_text()),
        }
    }
}

impl From<QueryRejection> for HttpError {
    fn from(rejection: QueryRejection) -> Self {
        Self::bad_request("invalid_query", rejection.body_text())
    }
}

impl From<PathRejection> for HttpError {
    fn from(rejection: PathRejection) -> Self {
        Self::bad_request("invalid_path", rejection.body_text())
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let mut body = ApiError::new(String::new(), self.to_string());
        let mut retry_after = None;
        let (status, code) = match self {
            Self::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            Self::Unprocessable { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            Self::Invalid { code, problems, .. } => {
                body.problems = Some(problems);
                (StatusCode::UNPROCESSABLE_ENTITY, code)
            }
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Self::StaleVersion { latest, .. } => {
                body.latest_version = Some(latest);
                (StatusCode::CONFLICT, "stale_profile_version")
            }
            Self::NotFound { code, .. } => (StatusCode::NOT_FOUND, code),
            Self::Conflict { code, details, .. } => {
                let ConflictDetails {
                    next_slots,
                    window,
                    arrival,
                    opens_at,
                } = *details;
                body.next_slots = next_slots;
                body.window = window;
                body.arrival = arrival;
                body.opens_at = opens_at;
                (StatusCode::CONFLICT, code)
            }
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Self::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::Unavailable { code, .. } => (StatusCode::SERVICE_UNAVAILABLE, code),
            Self::TooManyRequests {
                code,
                retry_after: seconds,
                ..
            } => {
                retry_after = Some(seconds);
                body.retry_after = Some(seconds);
                (StatusCode::TOO_MANY_REQUESTS, code)
            }
            Self::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        body.error = code.to_owned();
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
