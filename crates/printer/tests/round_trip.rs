//! A ticket from layout to paper: rendered, encoded, sent over TCP to the virtual printer,
//! decoded back to a PNG that has the paper's width and a QR code of the track URL.

mod support;

use printer::{PaperWidth, TicketPrint};
use support::{decode_qr, spawn_printer, tcp_printer};

#[test]
fn a_ticket_printed_over_tcp_comes_back_as_a_png_of_the_paper_width_with_its_qr() {
    let (virtual_printer, _dir) = spawn_printer();
    for (paper, dots) in [(PaperWidth::Mm58, 384), (PaperWidth::Mm80, 576)] {
        let printer = tcp_printer(&virtual_printer.addr().to_string(), paper);
        let mut ticket = TicketPrint::example();
        ticket.track_url = format!("http://127.0.0.1:8080/t/ticket-on-{}mm-paper", paper.mm());
        printer.print(&ticket).unwrap();

        let png = virtual_printer
            .tickets()
            .unwrap()
            .pop()
            .expect("a ticket was cut");
        let printed = image::open(&png).unwrap().to_luma8();
        assert_eq!(printed.width(), dots, "{}", png.display());
        assert_eq!(decode_qr(&printed), ticket.track_url);

        // Dot for dot what was rendered, then the feed before the cut.
        let rendered = printer.render(&ticket).unwrap();
        assert!(printed.height() > rendered.height());
        for y in 0..rendered.height() {
            for x in 0..dots {
                assert_eq!(
                    printed.get_pixel(x, y),
                    rendered.get_pixel(x, y),
                    "dot ({x},{y})"
                );
            }
        }
    }
    let names: Vec<_> = virtual_printer
        .tickets()
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ticket-0001.png", "ticket-0002.png"]);
}

#[test]
fn the_rendered_qr_decodes_at_every_darkness_and_on_both_papers() {
    for paper in [PaperWidth::Mm58, PaperWidth::Mm80] {
        for level in 1..=7 {
            let mut options = printer::RenderOptions::new(paper);
            options.darkness = printer::Darkness::new(level).unwrap();
            let image = printer::render_ticket(&TicketPrint::example(), &options).unwrap();
            assert_eq!(decode_qr(&image), TicketPrint::example().track_url);
        }
    }
}

#[test]
fn numbering_goes_on_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ticket-0007.png"), b"old").unwrap();
    let virtual_printer =
        printer::virtual_printer::VirtualPrinter::start("127.0.0.1:0", dir.path()).unwrap();
    tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80)
        .print(&TicketPrint::example())
        .unwrap();
    assert!(dir.path().join("ticket-0008.png").exists());
}
