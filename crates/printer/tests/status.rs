//! Real-time status over TCP: ready, paper near its end, out of paper, cover open, nobody
//! listening, and a listener that never answers, each within its timeout.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use printer::{PaperWidth, PrinterStatus, Transport};
use support::{quick, spawn_printer, tcp_printer};

#[test]
fn the_virtual_printer_answers_dle_eot_byte_exactly() {
    let (virtual_printer, _dir) = spawn_printer();
    let ask = || {
        let mut stream = TcpStream::connect(virtual_printer.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        stream
            .write_all(&[0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4])
            .unwrap();
        let mut answer = [0u8; 4];
        stream.read_exact(&mut answer).unwrap();
        answer
    };
    assert_eq!(ask(), [0x12, 0x12, 0x12, 0x12]);
    virtual_printer.set_out_of_paper(true).unwrap();
    assert_eq!(ask(), [0x1A, 0x32, 0x12, 0x72]);
    virtual_printer.set_out_of_paper(false).unwrap();
    virtual_printer.set_cover_open(true).unwrap();
    assert_eq!(ask(), [0x1A, 0x16, 0x12, 0x12]);
    virtual_printer.set_cover_open(false).unwrap();
    virtual_printer.set_paper_near_end(true).unwrap();
    assert_eq!(ask(), [0x12, 0x12, 0x12, 0x1E]);
}

#[test]
fn status_follows_the_paper_and_the_cover() {
    let (virtual_printer, _dir) = spawn_printer();
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80);
    assert_eq!(printer.status(), PrinterStatus::Ready);
    virtual_printer.set_paper_near_end(true).unwrap();
    assert_eq!(printer.status(), PrinterStatus::PaperNearEnd);
    virtual_printer.set_out_of_paper(true).unwrap();
    assert_eq!(printer.status(), PrinterStatus::OutOfPaper);
    virtual_printer.set_out_of_paper(false).unwrap();
    virtual_printer.set_paper_near_end(false).unwrap();
    virtual_printer.set_cover_open(true).unwrap();
    assert_eq!(printer.status(), PrinterStatus::CoverOpen);
    virtual_printer.set_cover_open(false).unwrap();
    assert_eq!(printer.status(), PrinterStatus::Ready);
}

#[test]
fn nobody_listening_is_not_responding_at_once() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let printer = tcp_printer(&format!("127.0.0.1:{port}"), PaperWidth::Mm80);
    let started = Instant::now();
    assert_eq!(printer.status(), PrinterStatus::NotResponding);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let error = printer.print(&printer::TicketPrint::example()).unwrap_err();
    assert_eq!(error.status(), PrinterStatus::NotResponding);
    assert!(
        error.to_string().contains(&format!("127.0.0.1:{port}")),
        "{error}"
    );
}

#[test]
fn a_printer_that_never_answers_is_unknown_within_the_timeout() {
    // Connections complete in the kernel's backlog; nothing ever reads or answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let transport = Transport::Tcp {
        address: silent.local_addr().unwrap().to_string(),
    };
    let started = Instant::now();
    assert_eq!(transport.status(&quick()), PrinterStatus::Unknown);
    let elapsed = started.elapsed();
    assert!(
        elapsed >= quick().status && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
}

#[test]
fn an_unresolvable_host_is_not_responding() {
    let transport = Transport::Tcp {
        address: "printer.invalid:9100".into(),
    };
    assert_eq!(transport.status(&quick()), PrinterStatus::NotResponding);
}
