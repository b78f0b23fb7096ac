use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::{LocalizedText, OpeningStatus};

/// Answer of `GET /offices/{office}/queues`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct QueueOverview {
    /// Office.
    pub office: String,
    /// One entry per service group.
    pub groups: Vec<GroupQueue>,
    /// Seats in use against the allowed number.
    pub lobby: Lobby,
    /// Whether the office is open now (tickets are issued only then), and until when.
    pub opening: OpeningStatus,
}

/// Queue state of one service group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct GroupQueue {
    /// Service group id.
    pub service_group: String,
    /// Its name.
    pub name: LocalizedText,
    /// Tickets waiting to be called.
    pub waiting: u32,
    /// Counters open for this group.
    pub counters_open: u32,
    /// Estimated wait for a ticket taken now, in minutes.
    pub estimated_wait_minutes: u32,
}

/// Lobby occupancy: people holding a ticket that is waiting or being served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Lobby {
    /// People in the lobby now.
    pub occupancy: u32,
    /// Allowed number (seats × allowed occupancy ratio).
    pub capacity: u32,
}

/// Answer of `GET /offices/{office}/slots`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct SlotList {
    /// Procedure code asked for.
    pub service: String,
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Slots of that day in time order.
    pub slots: Vec<Slot>,
}

/// An appointment slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Slot {
    /// Start, RFC 3339 with the office's offset.
    pub start: String,
    /// End, RFC 3339 with the office's offset.
    pub end: String,
    /// Bookings the slot takes.
    pub capacity: u32,
    /// Places left.
    pub remaining: u32,
}
