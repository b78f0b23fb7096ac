use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::{CheckInWindow, FieldProblem, Slot};

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
    /// With `invalid_profile` and the other `invalid_*` codes of IT staff's endpoints:
    /// every problem, each with its field. The kiosk's screens never see these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub problems: Option<Vec<FieldProblem>>,
    /// With `stale_profile_version`: the version saved meanwhile, to reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub latest_version: Option<u32>,
}
