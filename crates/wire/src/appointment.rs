use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Body of `POST /offices/{office}/appointments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAppointment {
    /// Procedure code.
    pub service: String,
    /// Start of the chosen slot, RFC 3339.
    #[schema(format = DateTime)]
    pub slot_start: String,
    /// How the office can reach the visitor.
    pub contact: Contact,
}

/// Contact of a visitor who booked; kept only with the booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Vietnamese mobile number, e.g. `0912345678` or `+84912345678`.
    pub phone: String,
    /// Name, if given: at most 100 characters, one line, no control or
    /// direction-override characters.
    #[serde(default)]
    #[schema(
        max_length = 100,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
    )]
    pub name: Option<String>,
}

/// A booked appointment (201 of `POST /offices/{office}/appointments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Appointment {
    /// Short code a person can type; no ambiguous characters.
    pub code: String,
    /// Office.
    pub office: String,
    /// Procedure code.
    pub service: String,
    /// Slot start.
    pub slot_start: String,
    /// Slot end.
    pub slot_end: String,
    /// When check-in opens and closes.
    pub check_in: CheckInWindow,
}

/// The time during which a booking can be checked in at the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct CheckInWindow {
    /// Earliest check-in, RFC 3339.
    pub opens_at: String,
    /// Latest check-in, RFC 3339.
    pub closes_at: String,
}

/// Whether a visitor came before or after a booking's check-in window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// Before the window opens: come back then.
    Early,
    /// After the window closed: the booking can no longer be checked in.
    Late,
}

/// Body of `POST /offices/{office}/appointments/lookup`: the name as printed on the
/// citizen ID card or typed. Only the name is sent, never the ID number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppointmentLookup {
    /// Full name, 1 to 100 characters, one line, no control or direction-override
    /// characters; case and spacing do not matter, diacritics do.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
    )]
    pub name: String,
}

/// Answer of `POST /offices/{office}/appointments/lookup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct FoundAppointments {
    /// Bookings of the office's local today under that name, in slot order.
    pub appointments: Vec<FoundAppointment>,
}

/// A booking found by name: enough to check it in, and to tell namesakes apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct FoundAppointment {
    /// Booking code, for check-in.
    pub code: String,
    /// Procedure code.
    pub service: String,
    /// Slot start.
    pub slot_start: String,
    /// Slot end.
    pub slot_end: String,
    /// When check-in opens and closes.
    pub check_in: CheckInWindow,
    /// The last 3 digits of the booking's phone number, e.g. `••• 567`.
    pub phone_hint: String,
}

/// An office's rules for bookings: body and answer of `PUT /offices/{office}/booking-rules`,
/// answer of `GET` there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingRules {
    /// Bookings one phone number may hold at the office for one local day, however
    /// they were made: 1 to 1000 (2 unless the office set it).
    #[serde(deserialize_with = "crate::whole::number")]
    #[schema(minimum = 1, maximum = 1000)]
    pub bookings_per_phone_per_day: u32,
}
