//! The virtual printer as a program and as a neighbour: garbage does not stop it, a job sent
//! while it is out of paper prints nothing, and the binary prints one line per ticket.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use printer::{escpos, Cut, Darkness, PaperWidth, TicketPrint};
use support::{decode_qr, spawn_printer, tcp_printer};

#[test]
fn garbage_bytes_do_not_crash_it() {
    let (virtual_printer, _dir) = spawn_printer();
    let mut state = 0x9E37_79B9_u32;
    for round in 0..20 {
        let mut stream = TcpStream::connect(virtual_printer.addr()).unwrap();
        let garbage: Vec<u8> = (0..50_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                match state % 5 {
                    0 => 0x1D,
                    1 => 0x1B,
                    _ => (state >> 8) as u8,
                }
            })
            .collect();
        // The printer may answer stray status requests; nobody reads them.
        let _ = stream.write_all(&garbage);
        if round % 2 == 0 {
            let _ = stream.write_all(&escpos::cut(Cut::Full));
        }
    }
    // Still printing, and still answering.
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80);
    let before = virtual_printer.tickets().unwrap().len();
    printer.print(&TicketPrint::example()).unwrap();
    let tickets = virtual_printer.tickets().unwrap();
    assert_eq!(tickets.len(), before + 1);
    let last = image::open(tickets.last().unwrap()).unwrap().to_luma8();
    assert_eq!(decode_qr(&last), TicketPrint::example().track_url);
}

#[test]
fn a_job_sent_without_asking_while_out_of_paper_prints_nothing() {
    let (virtual_printer, _dir) = spawn_printer();
    virtual_printer.set_out_of_paper(true).unwrap();
    let image = image::GrayImage::from_pixel(576, 40, image::Luma([0]));
    let mut stream = TcpStream::connect(virtual_printer.addr()).unwrap();
    stream
        .write_all(&escpos::ticket_job(&image, Darkness::STANDARD, Cut::Full))
        .unwrap();
    // A status request after the job: its answer means the job was read.
    stream.write_all(&escpos::status_request(4)).unwrap();
    let mut answer = [0u8];
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    stream.read_exact(&mut answer).unwrap();
    assert_eq!(answer[0], 0x72);
    assert!(virtual_printer.tickets().unwrap().is_empty());
}

#[test]
fn the_program_listens_prints_a_line_per_ticket_and_obeys_its_control_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_virtual-printer"))
        .args(["--listen", "127.0.0.1:0", "--out"])
        .arg(dir.path())
        .arg("--out-of-paper")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let address = first
        .strip_prefix("virtual printer listening on ")
        .and_then(|rest| rest.split(';').next())
        .unwrap_or_else(|| panic!("first line: {first}"))
        .to_owned();
    lines.next().unwrap().unwrap(); // how to control it

    let printer = tcp_printer(&address, PaperWidth::Mm58);
    assert_eq!(
        printer.status(),
        printer::PrinterStatus::OutOfPaper,
        "--out-of-paper"
    );
    std::fs::remove_file(dir.path().join("out-of-paper")).unwrap();
    printer.print(&TicketPrint::example()).unwrap();
    let line = lines.next().unwrap().unwrap();
    let result = std::panic::catch_unwind(|| {
        assert!(line.starts_with("ticket-0001.png: 384 × "), "{line}");
        assert!(dir.path().join("ticket-0001.png").exists());
    });
    child.kill().unwrap();
    child.wait().unwrap();
    result.unwrap();
}
