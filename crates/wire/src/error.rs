use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::{Arrival, CheckInWindow, Slot};

/// Every error answer of the API: a stable code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ApiError {
    /// Stable machine-readable code, e.g. `unknown_service`, `lobby_full`.
    pub error: String,
    /// Plain-words explanation.
    pub message: String,
    /// With `lobby_full`: the next free slots for that service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_slots: Option<Vec<Slot>>,
    /// With `outside_check_in_window`: the booking's window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub window: Option<CheckInWindow>,
    /// With `outside_check_in_window`: whether the visitor came early or late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub arrival: Option<Arrival>,
    /// With `office_closed`: the next opening, RFC 3339; absent when none is planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub opens_at: Option<String>,
    /// With `invalid_calendar`: every problem found, each with the field it is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problems: Option<Vec<FieldProblem>>,
    /// With `stale_profile_version`: the version saved meanwhile, to reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub latest_version: Option<u32>,
    /// With a 429 answer: seconds to wait before trying again, as `Retry-After` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub retry_after: Option<u32>,
}

impl ApiError {
    /// An error with its code and sentence and none of the optional details.
    pub fn new(error: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            message: message.into(),
            next_slots: None,
            window: None,
            arrival: None,
            opens_at: None,
            problems: None,
            latest_version: None,
            retry_after: None,
        }
    }
}

/// One problem with one field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct FieldProblem {
    /// Path of the field, e.g. `opening_hours[1].closes` or `closed_days[0]`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}
