use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// A public administrative service centre of a ward or commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Office {
    /// Stable identifier, e.g. `hn-ba-dinh`.
    pub id: String,
    /// Name as shown to visitors.
    pub name: String,
    /// Street address.
    pub address: String,
    /// IANA time zone; all local days and times are in it.
    pub time_zone: String,
    /// Opening sessions; a lunch break is the gap between two sessions of a day.
    pub opening_hours: Vec<OpeningSession>,
}

/// One opening session, for instance Monday to Friday 07:30–11:30.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct OpeningSession {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    pub weekdays: Vec<u8>,
    /// Local opening time, `HH:MM`.
    pub opens: String,
    /// Local closing time, `HH:MM`.
    pub closes: String,
}
