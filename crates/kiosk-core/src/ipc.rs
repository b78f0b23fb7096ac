//! Types that cross the Tauri IPC boundary between the kiosk's Rust side and its UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wire::{Appointment, Catalogue, FoundAppointment, LocalizedText, OpeningStatus, Slot, Ticket};

/// A language the kiosk speaks; profiles name it, so it is defined with them.
pub use kiosk_profile::Language;

/// What the UI needs to know about this kiosk, from its profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KioskConfig {
    /// Office id.
    pub office_id: String,
    /// Office name as the central knows it (the id until the central answers).
    pub office_name: String,
    /// Language shown first and after every idle reset.
    pub default_language: Language,
    /// Languages offered by the switch.
    pub languages: Vec<Language>,
    /// Seconds without a touch before the kiosk returns home and clears everything.
    pub idle_timeout_seconds: u32,
}

/// Whether the central server answers and the office is open; sent with the
/// `connection-changed` event whenever either changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionState {
    /// True when the last check reached the central.
    pub online: bool,
    /// Whether the office is open now, as the central last said; `null` until it answers.
    pub opening: Option<OpeningStatus>,
}

/// Today's bookings under the name on a scanned ID card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardBookings {
    /// The name as printed on the card, to greet the visitor.
    pub name: String,
    /// The office's bookings for today under that name, in time order.
    pub appointments: Vec<FoundAppointment>,
}

/// The office's catalogue as the kiosk has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogueView {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// True when it comes from the kiosk's disk because the central is unreachable.
    pub from_cache: bool,
}

/// A QR code as an SVG path over a square of `size` modules (quiet zone included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QrSvg {
    /// Width and height in modules.
    pub size: u32,
    /// SVG path data of the dark modules, one unit per module.
    pub path: String,
    /// The text it encodes.
    pub text: String,
}

/// Which public service portal the kiosk sends visitors to, per the office's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Portal {
    /// The National Public Service Portal, dichvucong.gov.vn.
    National,
    /// The city's own portal (e.g. dichvucong.hanoi.gov.vn), set in the kiosk profile.
    City,
}

/// Applying online for one procedure: which portal, and a QR code of its page there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OnlineHandoff {
    /// The portal the address belongs to.
    pub portal: Portal,
    /// QR code of the procedure's page on the portal (`qr.text` is the address).
    pub qr: QrSvg,
}

/// A ticket ready to show: the ticket, its track-URL QR code, and whether it printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TicketView {
    /// The ticket as the central issued it.
    pub ticket: Ticket,
    /// QR code of `ticket.track_url`.
    pub qr: QrSvg,
    /// What happened on paper.
    pub printed: PrintOutcome,
}

/// Whether an issued ticket came out of the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrintOutcome {
    /// Printed: the visitor takes the paper ticket.
    Printed,
    /// Not meant to print (no printer, or the visitor chose the on-screen ticket).
    OnScreen,
    /// Issued, but printing failed: the ticket stays on screen with its QR code.
    PrintFailed,
}

/// A booked appointment ready to show, with a QR code of its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppointmentView {
    /// The booking.
    pub appointment: Appointment,
    /// QR code of `appointment.code`, for scanning at check-in.
    pub qr: QrSvg,
}

/// What a barcode scan turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScanRead {
    /// A booking code, normalised (`AC3D4F`).
    BookingCode {
        /// The code.
        code: String,
    },
    /// A chip citizen ID card: only the holder's name, to find today's bookings
    /// and to fill in the booking form.
    CitizenCard {
        /// Full name as printed on the card.
        name: String,
    },
    /// Nothing the kiosk can use.
    Unreadable {
        /// What to do instead.
        message: LocalizedText,
    },
}

/// Slots of one day for one procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DaySlots {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Slots in time order.
    pub slots: Vec<Slot>,
}

/// Why a kiosk action failed, in words for the visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KioskError {
    /// What kind of failure, for the UI to choose what to offer next.
    pub kind: KioskErrorKind,
    /// One short sentence for the visitor, in both languages.
    pub message: LocalizedText,
    /// With `lobby_full`: slots the visitor can book instead.
    pub next_slots: Vec<Slot>,
}

/// Kinds of failure the UI reacts to differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KioskErrorKind {
    /// The central server does not answer; try again later.
    CentralUnreachable,
    /// The lobby is at capacity; book a slot instead.
    LobbyFull,
    /// The slot was taken meanwhile.
    SlotFull,
    /// Check-in outside the booking's window.
    OutsideWindow,
    /// The office is closed now: no numbers until it opens.
    OfficeClosed,
    /// Unknown booking code.
    NotFound,
    /// The central refused the request (bad input).
    Rejected,
    /// The printer cannot print, so no number was issued; offer the on-screen ticket.
    PrinterUnavailable,
    /// Something went wrong inside the kiosk.
    Internal,
}
