//! Queue tickets on thermal printers.
//!
//! A ticket is drawn as a black-and-white image of exactly the paper's printable width
//! (384 dots on 58 mm paper, 576 on 80 mm), Vietnamese text included, from the bundled
//! Be Vietnam Pro font, so it prints the same on any ESC/POS printer whatever code pages it
//! knows. The image is sent as `GS v 0` raster bands, then fed and cut.
//!
//! The kiosk's part, in order:
//! 1. [`PrinterSettings::from_table`] on the profile's `[printer]` table, then [`Printer::new`].
//! 2. [`issue_and_print`] when a visitor takes a number: the printer is asked first, and a
//!    number is issued only when it can print ([`Issued::NotIssued`] otherwise: show
//!    [`PrinterStatus::message_vi`] and offer the on-screen ticket). A failure after issuing
//!    is [`Issued::PrintFailed`]: keep the ticket on screen and report the error.
//! 3. [`Printer::status`] now and then for the heartbeat; [`PrinterStatus::needs_staff`].
//!
//! [`virtual_printer`] is a network printer on a TCP port that writes what it prints as PNG
//! files, for tests and demos.

pub mod escpos;
mod font;
mod layout;
mod printer;
mod render;
mod settings;
mod settings_table;
mod status;
mod ticket;
mod transport;
pub mod virtual_printer;

pub use layout::RenderError;
pub use printer::{issue_and_print, Issued, Printer};
pub use render::{load_logo, prepare_logo, render_ticket, LogoError, RenderOptions};
pub use settings::{Cut, Darkness, PaperWidth, PrinterSettings, Transport};
pub use settings_table::{Files, Problem, DEFAULT_PORT, SECTION};
pub use status::{interpret, is_status_byte, PrinterStatus};
pub use ticket::{TicketLabels, TicketPrint};
pub use transport::{PrintError, Timeouts};
