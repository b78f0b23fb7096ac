//! The kiosk's printer: settings made ready once (logo decoded and dithered), then status,
//! render and print per ticket; and the order that keeps numbers from being issued that
//! nobody holds.

use std::future::Future;
use std::sync::Arc;

use image::GrayImage;

use crate::escpos::ticket_job;
use crate::layout::RenderError;
use crate::render::{load_logo, prepare_logo, render_ticket, LogoError, RenderOptions};
use crate::settings::{Cut, PrinterSettings, Transport};
use crate::status::PrinterStatus;
use crate::ticket::TicketPrint;
use crate::transport::{PrintError, Timeouts};

/// A printer ready to use. Cheap to clone; its I/O blocks (with timeouts), so call it from
/// `tokio::task::spawn_blocking` in async code, as [`issue_and_print`] does.
#[derive(Debug, Clone)]
pub struct Printer {
    transport: Transport,
    render: RenderOptions,
    cut: Cut,
    timeouts: Timeouts,
}

/// What happened to a ticket on its way to paper.
#[derive(Debug)]
pub enum Issued<T> {
    /// The printer could not print, so nothing was issued: show `status`'s message and offer
    /// the on-screen ticket with its QR code instead.
    NotIssued(PrinterStatus),
    /// Issued and printed.
    Printed(T),
    /// No printer in the profile: issued, and on screen only.
    OnScreenOnly(T),
    /// Issued, but printing failed: keep the ticket on screen with its QR code, and report
    /// `error` to the central for staff.
    PrintFailed {
        /// The issued ticket.
        ticket: T,
        /// Why it did not print.
        error: PrintError,
    },
}

impl Printer {
    /// Makes the printer of `settings` ready: reads and dithers the logo once.
    pub fn new(settings: &PrinterSettings) -> Result<Self, LogoError> {
        let logo = match &settings.logo {
            Some(path) => Some(Arc::new(prepare_logo(
                &load_logo(path)?,
                settings.paper_width,
            ))),
            None => None,
        };
        Ok(Self {
            transport: settings.transport.clone(),
            render: RenderOptions {
                paper: settings.paper_width,
                darkness: settings.darkness,
                header: settings.header.clone(),
                footer: settings.footer.clone(),
                logo,
            },
            cut: settings.cut,
            timeouts: Timeouts::default(),
        })
    }

    /// The same printer with other timeouts.
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Where tickets go.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// How tickets are drawn.
    pub fn render_options(&self) -> &RenderOptions {
        &self.render
    }

    /// Asks the printer whether it can print now. Blocks up to a few seconds.
    pub fn status(&self) -> PrinterStatus {
        self.transport.status(&self.timeouts)
    }

    /// The ticket as it will print, dot for dot.
    pub fn render(&self, ticket: &TicketPrint) -> Result<GrayImage, RenderError> {
        render_ticket(ticket, &self.render)
    }

    /// The ESC/POS bytes of a ticket.
    pub fn job(&self, ticket: &TicketPrint) -> Result<Vec<u8>, RenderError> {
        Ok(ticket_job(
            &self.render(ticket)?,
            self.render.darkness,
            self.cut,
        ))
    }

    /// Renders, encodes and sends a ticket, checking the printer before and after where the
    /// transport can ask.
    pub fn print(&self, ticket: &TicketPrint) -> Result<(), PrintError> {
        if !self.transport.is_printer() {
            return Err(PrintError::NoPrinter);
        }
        let job = self.job(ticket)?;
        self.transport.send_job(&job, &self.timeouts)
    }
}

/// Issues a ticket the printer way: asks the printer first and calls `issue` only when it
/// can print, then prints what `issue` returned. With no printer configured, `issue` is
/// called and the ticket is on screen only.
///
/// `issue` is the call to the central (it returns the issued ticket); `content` turns the
/// issued ticket into what to print. An error from `issue` is returned as is.
pub async fn issue_and_print<T, E, Fut>(
    printer: &Printer,
    issue: Fut,
    content: impl FnOnce(&T) -> TicketPrint,
) -> Result<Issued<T>, E>
where
    Fut: Future<Output = Result<T, E>>,
{
    if !printer.transport.is_printer() {
        return issue.await.map(Issued::OnScreenOnly);
    }
    let checker = printer.clone();
    let status = tokio::task::spawn_blocking(move || checker.status())
        .await
        .unwrap_or(PrinterStatus::NotResponding);
    if !status.can_print() {
        tracing::warn!(status = ?status, "printer cannot print; no number issued: {}", status.staff_note());
        return Ok(Issued::NotIssued(status));
    }
    let ticket = issue.await?;
    let print = content(&ticket);
    let sender = printer.clone();
    let result = tokio::task::spawn_blocking(move || sender.print(&print))
        .await
        .unwrap_or_else(|e| {
            Err(PrintError::Send {
                target: printer.transport.describe(),
                source: std::io::Error::other(e.to_string()),
            })
        });
    Ok(match result {
        Ok(()) => Issued::Printed(ticket),
        Err(error) => {
            tracing::warn!(%error, "ticket issued but not printed; kept on screen");
            Issued::PrintFailed { ticket, error }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::PaperWidth;

    #[test]
    fn a_printer_without_a_transport_refuses_to_print_but_renders() {
        let printer = Printer::new(&PrinterSettings::default()).unwrap();
        assert_eq!(printer.status(), PrinterStatus::NoPrinter);
        assert!(matches!(
            printer.print(&TicketPrint::example()),
            Err(PrintError::NoPrinter)
        ));
        assert_eq!(
            printer.render(&TicketPrint::example()).unwrap().width(),
            576
        );
    }

    #[test]
    fn the_logo_is_prepared_once_for_the_paper() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logo.png");
        image::GrayImage::from_fn(300, 100, |x, _| image::Luma([(x % 256) as u8]))
            .save(&path)
            .unwrap();
        let settings = PrinterSettings {
            paper_width: PaperWidth::Mm58,
            logo: Some(path),
            ..PrinterSettings::default()
        };
        let printer = Printer::new(&settings).unwrap();
        let logo = printer.render_options().logo.as_ref().unwrap();
        assert!(logo.width() <= 384);
        assert!(logo.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
    }
}
