use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Body of `POST /offices/{office}/tickets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicket {
    /// Procedure code, e.g. `1.001193`.
    pub service: String,
    /// Priority the visitor asked for; `none` when absent.
    #[serde(default)]
    pub priority: Priority,
}

/// Legal priority of a visitor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// No priority.
    #[default]
    None,
    /// Aged 60 or more.
    Elderly,
    /// Living with a disability.
    Disabled,
    /// Pregnant.
    Pregnant,
    /// With a child under 6.
    ChildUnder6,
    /// Holder of a checked-in appointment.
    Appointment,
}

/// A queue ticket as issued (201 of `POST /offices/{office}/tickets`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Ticket {
    /// Unguessable id, used in the track URL.
    pub id: String,
    /// Human-readable number, e.g. `B-017`; unique per office, group and local day.
    pub number: String,
    /// Office that issued it.
    pub office: String,
    /// Procedure code.
    pub service: String,
    /// Service group (queue).
    pub service_group: String,
    /// Priority.
    pub priority: Priority,
    /// Issue time, RFC 3339 with the office's offset.
    pub issued_at: String,
    /// Tickets of the same group that will be called before this one.
    pub people_ahead: u32,
    /// Estimated wait in minutes.
    pub estimated_wait_minutes: u32,
    /// Public page where the visitor follows the ticket.
    pub track_url: String,
}

/// Where a ticket is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// In the queue.
    Waiting,
    /// Called to a counter and being served.
    Called,
    /// Served.
    Done,
    /// Called but did not come.
    NoShow,
}

/// Public status of a ticket (`GET /tickets/{id}`); holds no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct TicketStatus {
    /// Ticket id.
    pub id: String,
    /// Human-readable number.
    pub number: String,
    /// Office.
    pub office: String,
    /// Service group.
    pub service_group: String,
    /// State.
    pub state: TicketState,
    /// Tickets to be called before this one (0 once called).
    pub people_ahead: u32,
    /// Estimated wait in minutes (0 once called).
    pub estimated_wait_minutes: u32,
    /// Counter it was called to, if called.
    pub counter: Option<String>,
    /// Name of that counter as visitors see it ("Quầy 3").
    pub counter_name: Option<String>,
    /// Issue time.
    pub issued_at: String,
}

/// A ticket as staff see it in the day's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct OfficeTicket {
    /// Ticket id.
    pub id: String,
    /// Number.
    pub number: String,
    /// Procedure code.
    pub service: String,
    /// Service group.
    pub service_group: String,
    /// Priority.
    pub priority: Priority,
    /// State.
    pub state: TicketState,
    /// Issue time.
    pub issued_at: String,
    /// Time it was called, if called.
    pub called_at: Option<String>,
    /// Counter it was called to.
    pub counter: Option<String>,
    /// Time it was completed or marked no-show.
    pub closed_at: Option<String>,
}

/// Answer of `POST /counters/{counter}/call-next`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct CalledTicket {
    /// Counter that called.
    pub counter: String,
    /// The ticket now called to it.
    pub ticket: OfficeTicket,
}
