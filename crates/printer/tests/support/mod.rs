//! What the integration tests share: a virtual printer in a fresh folder, and a printer for it.

#![allow(dead_code)]

use std::time::Duration;

use printer::virtual_printer::VirtualPrinter;
use printer::{PaperWidth, Printer, PrinterSettings, Timeouts, Transport};

/// A virtual printer on a free port, writing to a folder removed at the end of the test.
pub fn spawn_printer() -> (VirtualPrinter, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let printer = VirtualPrinter::start("127.0.0.1:0", dir.path()).unwrap();
    (printer, dir)
}

/// Short timeouts: everything here is on the loopback.
pub fn quick() -> Timeouts {
    Timeouts {
        connect: Duration::from_millis(500),
        status: Duration::from_millis(300),
        send: Duration::from_secs(5),
    }
}

/// A kiosk printer sending to `address` over TCP.
pub fn tcp_printer(address: &str, paper: PaperWidth) -> Printer {
    let settings = PrinterSettings {
        transport: Transport::Tcp {
            address: address.to_owned(),
        },
        paper_width: paper,
        ..PrinterSettings::default()
    };
    Printer::new(&settings).unwrap().with_timeouts(quick())
}

/// The text of the one QR code in `image`.
pub fn decode_qr(image: &image::GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        image.width() as usize,
        image.height() as usize,
        |x, y| image.get_pixel(x as u32, y as u32).0[0],
    );
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the ticket");
    grids[0].decode().expect("the QR code decodes").1
}
