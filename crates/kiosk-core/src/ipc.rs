//! Types that cross the Tauri IPC boundary between the kiosk's Rust side and its UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wire::{Appointment, Catalogue, FoundAppointment, LocalizedText, OpeningStatus, Slot, Ticket};

/// A language the kiosk speaks; profiles name it, so it is defined with them.
pub use kiosk_profile::Language;
use kiosk_profile::{Accessibility, Branding, ClosedMessage, HomeAction};
use printer::PrinterStatus;

/// What the UI needs to know about this kiosk, from its profile.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
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
    /// Buttons of the home screen, in order.
    pub home_actions: Vec<HomeAction>,
    /// Title and colours of the office.
    pub branding: Branding,
    /// Text size and contrast shown to everyone.
    pub accessibility: Accessibility,
    /// Extra words on the closed screen (empty: none).
    pub closed_message: ClosedMessage,
    /// Version of the central's profile in force; `null` when the profile file's own
    /// settings run.
    pub profile_version: Option<u32>,
}

/// Whether the central server answers and the office is open; sent with the
/// `connection-changed` event whenever either changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionState {
    /// True when the last check reached the central.
    pub online: bool,
    /// Whether the office is open now, as the central last said; `null` until it answers.
    pub opening: Option<OpeningStatus>,
    /// Whether a visitor can take a queue number now: every screen that offers one asks this.
    pub number: NumberOffer,
}

/// Whether a visitor can take a queue number now, and what to tell them when not
/// (decided in one place, `kiosk_core::visitor`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NumberOffer {
    /// Why a number can be taken or not.
    pub state: NumberState,
    /// True when screens offer "take a number".
    pub offered: bool,
    /// What the visitor reads where the number would be; `null` when nothing needs saying.
    pub message: Option<LocalizedText>,
    /// With `closed`: the next opening (RFC 3339 with the office's offset), when known.
    pub opens_at: Option<String>,
}

/// The state behind a [`NumberOffer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NumberState {
    /// The office is open: numbers are issued.
    Open,
    /// The office is closed: no numbers until it opens.
    Closed,
    /// The waiting area was full at the last try; a number may still be tried.
    LobbyFull,
    /// The central does not answer; a number is tried when the visitor confirms.
    CentralAway,
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
    /// Codes of the procedures the take-a-number screen offers as quick numbers, in order:
    /// the profile's pinned ones, then the office's most taken of the last four weeks;
    /// only procedures of `catalogue`, at most six.
    pub quick_numbers: Vec<String>,
}

/// A sentence for the kiosk's voice, in the language it is written in: the UI sends what
/// a screen shows, the voice puts its numbers into words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SpokenSentence {
    /// As shown on the screen.
    pub text: String,
    /// The language it is in.
    pub language: Language,
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

/// What the maintenance screen shows once the right PIN was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MaintenanceInfo {
    /// Version of the kiosk app.
    pub app_version: String,
    /// Office id from the profile.
    pub office_id: String,
    /// Office name as the central knows it (the id until the central answers).
    pub office_name: String,
    /// The central's address from the profile.
    pub central_url: String,
    /// Where the profile came from: for now the path of the local profile file.
    pub profile_source: String,
    /// The profile's version, when it came from the central; none for a local file.
    pub profile_version: Option<u32>,
    /// The ticket printer's settings.
    pub printer: PrinterSummary,
    /// Seconds the screen stays open after the last maintenance action.
    pub open_for_seconds: u32,
}

/// The ticket printer's settings, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrinterSummary {
    /// Where tickets go: `tcp 192.168.1.50:9100`, `device /dev/usb/lp0`, `cups queue q`, `none`.
    pub transport: String,
    /// Paper roll width in millimetres (58 or 80).
    pub paper_width_mm: u32,
    /// Darkness, 1 (light) to 7 (dark).
    pub darkness: u8,
    /// `partial` or `full`.
    pub cut: String,
}

/// Why a maintenance command was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MaintenanceError {
    /// What went wrong.
    pub kind: MaintenanceErrorKind,
    /// With `locked_out`: when a PIN will be checked again (RFC 3339, UTC).
    pub locked_until: Option<String>,
    /// With `wrong_pin`: wrong PINs still allowed before the lockout.
    pub tries_left: Option<u32>,
}

/// Kinds of refusal on the maintenance screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceErrorKind {
    /// The profile sets no `maintenance_pin_hash`: the screen cannot be opened.
    NoPinSet,
    /// The PIN is wrong.
    WrongPin,
    /// Too many wrong PINs: no PIN is checked until `locked_until`.
    LockedOut,
    /// The screen is not open (never unlocked, closed, or left unused): type the PIN again.
    NotUnlocked,
}

/// The result of the maintenance connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionTest {
    /// The address tested.
    pub central_url: String,
    /// Whether the central answered `GET /health`.
    pub reachable: bool,
    /// How long that answer took, in milliseconds.
    pub latency_ms: Option<u32>,
    /// The central's version, from its answer.
    pub central_version: Option<String>,
    /// This kiosk's office as the central names it; none when it does not know the office.
    pub office_name: Option<String>,
    /// Whether the central accepted this kiosk's token; none when it was not asked.
    pub token_accepted: Option<bool>,
    /// The first thing that failed, in words for IT staff.
    pub problem: Option<String>,
}

/// The result of printing a test page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TestPrint {
    /// Whether the page went to the printer without an error.
    pub printed: bool,
    /// The printer's state.
    pub state: PrinterStatus,
    /// What IT staff should know: the print error, or what the state means.
    pub detail: String,
    /// The printer's settings.
    pub printer: PrinterSummary,
}
