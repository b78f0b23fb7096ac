//! The audit log of admin and staff changes, as IT staff read it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// One change made with an admin or staff token. It names the token, never its
/// secret, and holds no booking code, ticket id, name or phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditEntry {
    /// Entry id, rising: the `before` cursor of the next page.
    #[ts(type = "number")]
    pub id: i64,
    /// When the central made the change, RFC 3339 UTC.
    pub at: String,
    /// Id of the token that made it (`central token list`).
    #[ts(type = "number")]
    pub token_id: i64,
    /// That token's label when the change was made, if it had one.
    pub token_label: Option<String>,
    /// That token's role: `admin` or `staff`.
    pub role: String,
    /// What was done, e.g. `calendar.replace`, `profile.update`, `counter.call_next`.
    pub action: String,
    /// The request's method and route, e.g. `PUT /api/v1/offices/{office}/calendar`.
    pub route: String,
    /// The route's parameters that are not secret, e.g. `{"office": "hn-ba-dinh"}`;
    /// ticket ids and booking codes are left out.
    pub target: BTreeMap<String, String>,
    /// One sentence, e.g. "calendar replaced for office hn-ba-dinh".
    pub summary: String,
    /// The HTTP status of the answer.
    pub status: u16,
}

/// Answer of `GET /audit`: entries newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditLog {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next, older page; `null` when there is none.
    #[ts(type = "number | null")]
    pub next_before: Option<i64>,
}
