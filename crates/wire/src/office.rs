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
    /// Local dates (`YYYY-MM-DD`) on which the office stays closed, such as public
    /// holidays, whatever its opening sessions say; in date order.
    #[serde(default)]
    pub closed_days: Vec<String>,
}

/// One opening session, for instance Monday to Friday 07:30–11:30.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct OpeningSession {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    #[serde(deserialize_with = "crate::whole::list")]
    #[schema(schema_with = weekdays_schema)]
    pub weekdays: Vec<u8>,
    /// Local opening time, `HH:MM`.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub opens: String,
    /// Local closing time, `HH:MM`, or `24:00` for midnight.
    #[schema(pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
    pub closes: String,
}

/// Whether an office is open at an instant, and when that changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct OpeningStatus {
    /// True while an opening session is running and the day is not a closed day.
    pub open: bool,
    /// While open: when this opening ends (RFC 3339 with the office's offset);
    /// sessions that follow without a gap count as one. `null` while closed, or
    /// when the opening runs on past the next 60 days.
    pub closes_at: Option<String>,
    /// While closed: the next opening within the next 60 days (RFC 3339 with the
    /// office's offset), `null` if there is none. `null` while open.
    pub opens_at: Option<String>,
}

/// Answer of `GET /offices/{office}/status`: the central's time and the office's opening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct OfficeStatus {
    /// Office.
    pub office: String,
    /// The central's time now, RFC 3339 with the office's offset.
    pub now: String,
    /// Open or closed now, and until when.
    pub opening: OpeningStatus,
}

/// Body of `PUT /offices/{office}/calendar`: the office's opening sessions and
/// closed days, replacing the ones it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficeCalendar {
    /// Opening sessions: weekdays 1–7, `HH:MM` times (`closes` may be `24:00`),
    /// opening before closing, no two sessions overlapping on a weekday.
    pub opening_hours: Vec<OpeningSession>,
    /// Local dates `YYYY-MM-DD` on which the office stays closed.
    #[schema(schema_with = closed_days_schema)]
    pub closed_days: Vec<String>,
}

/// ISO weekdays as the schema tells them: whole numbers 1 to 7.
fn weekdays_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Integer))
                .minimum(Some(1))
                .maximum(Some(7)),
        )
        .description(Some("ISO weekdays, 1 = Monday … 7 = Sunday."))
        .build()
}

/// Closed days as the schema tells them: dates written `YYYY-MM-DD`.
fn closed_days_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaFormat, SchemaType, Type};
    use utoipa::openapi::KnownFormat;
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                .pattern(Some("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")),
        )
        .description(Some(
            "Local dates `YYYY-MM-DD` on which the office stays closed.",
        ))
        .build()
}
