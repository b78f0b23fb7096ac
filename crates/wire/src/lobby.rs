//! What happens in an office's lobby, as the live event stream
//! (`GET /offices/{office}/events`) sends it, and what the counter page sees.
//! One enum for every page that follows the lobby: the board, the counter page,
//! the visitor's phone page and the kiosk. Public events carry no personal data:
//! numbers, counters and counts only (never a ticket's id, which is its secret).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::{LocalizedText, OpeningStatus, Priority, QueueOverview};

/// One change in an office's lobby. Sent as the `data` of a Server-Sent Event whose
/// `id` a reconnecting client sends back as `Last-Event-ID`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LobbyEvent {
    /// The whole lobby as it is now: the first event of every stream, and the one
    /// sent again when a reconnecting client missed more than the server kept.
    Snapshot(LobbySnapshot),
    /// A queue number was issued (or a booking checked in).
    Issued(IssuedEvent),
    /// A number was called to a counter.
    Called(CallEvent),
    /// A number was called again to the same counter.
    Recalled(CallEvent),
    /// A called number was sent to another queue or counter; it waits again, in
    /// its place by issue time.
    Transferred(TransferredEvent),
    /// A called number was served.
    Completed(ClosedEvent),
    /// A called number did not come.
    NoShow(ClosedEvent),
    /// A counter was paused or opened.
    CounterChanged(CounterSummary),
    /// Counts and estimated waits per queue, the lobby's occupancy and the opening
    /// state; sent after changes, at most a few times a second.
    Queues(QueueOverview),
}

/// The lobby of one office as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct LobbySnapshot {
    /// Office id.
    pub office: String,
    /// Its name, as visitors see it.
    pub office_name: String,
    /// IANA time zone of the office.
    pub time_zone: String,
    /// The central's time now, RFC 3339 with the office's offset.
    pub now: String,
    /// Open or closed now, and until when.
    pub opening: OpeningStatus,
    /// Every counter of the office, with the number it serves.
    pub counters: Vec<CounterSummary>,
    /// Today's latest calls, newest first (at most ten).
    pub recent_calls: Vec<CallEvent>,
    /// Counts and waits per queue.
    pub queues: QueueOverview,
    /// Whether calls are announced in English too, after Vietnamese.
    pub speak_english: bool,
}

/// A number issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct IssuedEvent {
    /// Number, e.g. `A-017`.
    pub number: String,
    /// Its queue.
    pub service_group: String,
    /// Issue time, RFC 3339 with the office's offset.
    pub issued_at: String,
}

/// A number called (or called again) to a counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct CallEvent {
    /// Number, e.g. `A-017`.
    pub number: String,
    /// Its queue.
    pub service_group: String,
    /// Counter id.
    pub counter: String,
    /// Counter's name as visitors see it ("Quầy 3").
    pub counter_name: String,
    /// When it was called, RFC 3339 with the office's offset.
    pub called_at: String,
    /// What is said: "Mời số A-017 đến quầy số 3" and its English.
    pub announcement: LocalizedText,
    /// Address of the spoken announcement (a chime, then the words), a WAV file
    /// on this server; the board plays it as it is.
    pub audio_url: String,
}

/// A called number sent elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct TransferredEvent {
    /// Number.
    pub number: String,
    /// The queue it waits in now.
    pub service_group: String,
    /// The counter that sent it.
    pub from_counter: String,
    /// The counter that will call it, when it was sent to one counter.
    pub to_counter: Option<String>,
}

/// A called number closed (served or not come).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ClosedEvent {
    /// Number.
    pub number: String,
    /// Its queue.
    pub service_group: String,
    /// The counter it was called to.
    pub counter: String,
}

/// A counter as the board and the counter picker show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct CounterSummary {
    /// Counter id, unique across offices.
    pub id: String,
    /// Its office.
    pub office: String,
    /// Name as visitors see it ("Quầy 3").
    pub name: String,
    /// Queues (service group ids) it calls from.
    pub groups: Vec<String>,
    /// False while paused: it is offered no calls and counts as closed in waits.
    pub open: bool,
    /// The number it is serving now, if any.
    pub serving: Option<String>,
}

/// Answer of `GET /counters/{counter}`: everything the counter page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct CounterView {
    /// The counter.
    pub counter: CounterSummary,
    /// The ticket it is serving, if any.
    pub current: Option<ServedTicket>,
    /// The queues it serves: counts and waits.
    pub queues: Vec<crate::GroupQueue>,
    /// The next numbers it would call, in the order it would call them (at most five).
    pub upcoming: Vec<UpcomingTicket>,
    /// Where a ticket can be transferred: the office's queues and other counters.
    pub transfer_targets: TransferTargets,
}

/// The ticket a counter serves, as the officer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ServedTicket {
    /// Ticket id (staff only).
    pub id: String,
    /// Number.
    pub number: String,
    /// Procedure code.
    pub service: String,
    /// Procedure name.
    pub service_name: LocalizedText,
    /// Its queue.
    pub service_group: String,
    /// Priority.
    pub priority: Priority,
    /// Whether it comes from a booking checked in.
    pub appointment: bool,
    /// Issue time, RFC 3339 with the office's offset.
    pub issued_at: String,
    /// When it was called.
    pub called_at: String,
    /// Minutes between issue and call.
    pub waited_minutes: u32,
}

/// A number waiting for a counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct UpcomingTicket {
    /// Number.
    pub number: String,
    /// Its queue.
    pub service_group: String,
    /// Priority.
    pub priority: Priority,
    /// Issue time, RFC 3339 with the office's offset.
    pub issued_at: String,
}

/// Where a counter may send its ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct TransferTargets {
    /// The office's queues.
    pub groups: Vec<GroupName>,
    /// The office's other counters.
    pub counters: Vec<CounterSummary>,
}

/// A queue's id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct GroupName {
    /// Service group id (its ticket prefix).
    pub id: String,
    /// Name.
    pub name: LocalizedText,
}

/// Body of `POST /tickets/{id}/transfer`: one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// The queue it should wait in.
    #[serde(default)]
    pub service_group: Option<String>,
    /// The counter that should call it.
    #[serde(default)]
    pub counter: Option<String>,
}
