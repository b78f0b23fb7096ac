//! The device-file transport against a stand-in USB printer: a pseudo-terminal in raw mode,
//! whose other end runs the virtual printer's decoder and answers status as a printer does.

mod support;

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use printer::virtual_printer::decoder::{Decoder, Event, Page};
use printer::virtual_printer::State;
use printer::{
    PaperWidth, Printer, PrinterSettings, PrinterStatus, TicketPrint, Timeouts, Transport,
};
use support::decode_qr;

/// A printer on the far side of a pty: `path` is the device file the kiosk opens.
struct PtyPrinter {
    path: PathBuf,
    state: Arc<Mutex<State>>,
    pages: Arc<Mutex<Vec<Page>>>,
    stop: Arc<AtomicBool>,
    _slave: File,
}

impl PtyPrinter {
    fn start() -> Self {
        // SAFETY: plain libc calls on a descriptor this function owns; errors are checked.
        let (master, path, slave) = unsafe {
            let fd = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
            assert!(fd >= 0, "posix_openpt");
            assert_eq!(libc::grantpt(fd), 0);
            assert_eq!(libc::unlockpt(fd), 0);
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(libc::ptsname_r(fd, name.as_mut_ptr(), name.len()), 0);
            let path = PathBuf::from(CStr::from_ptr(name.as_ptr()).to_str().unwrap());
            // Raw mode, set through a descriptor kept open so it lasts: a printer is no terminal.
            let slave = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .unwrap();
            let mut attrs: libc::termios = std::mem::zeroed();
            assert_eq!(
                libc::tcgetattr(std::os::fd::AsRawFd::as_raw_fd(&slave), &mut attrs),
                0
            );
            libc::cfmakeraw(&mut attrs);
            assert_eq!(
                libc::tcsetattr(
                    std::os::fd::AsRawFd::as_raw_fd(&slave),
                    libc::TCSANOW,
                    &attrs
                ),
                0
            );
            (File::from_raw_fd(fd), path, slave)
        };
        let state = Arc::new(Mutex::new(State::default()));
        let pages = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, p, st) = (Arc::clone(&state), Arc::clone(&pages), Arc::clone(&stop));
        std::thread::spawn(move || serve(master, &s, &p, &st));
        PtyPrinter {
            path,
            state,
            pages,
            stop,
            _slave: slave,
        }
    }

    fn printer(&self) -> Printer {
        let settings = PrinterSettings {
            transport: Transport::Device {
                path: self.path.clone(),
            },
            paper_width: PaperWidth::Mm58,
            ..PrinterSettings::default()
        };
        Printer::new(&settings).unwrap().with_timeouts(Timeouts {
            status: Duration::from_millis(500),
            ..Timeouts::default()
        })
    }
}

impl Drop for PtyPrinter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(mut master: File, state: &Mutex<State>, pages: &Mutex<Vec<Page>>, stop: &AtomicBool) {
    let mut decoder = Decoder::new();
    let mut buffer = [0u8; 4096];
    while !stop.load(Ordering::SeqCst) {
        let mut fds = libc::pollfd {
            fd: std::os::fd::AsRawFd::as_raw_fd(&master),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut fds, 1, 50) } <= 0 {
            continue;
        }
        let Ok(n) = master.read(&mut buffer) else {
            return;
        };
        for event in decoder.feed(&buffer[..n]) {
            match event {
                Event::StatusRequest(r) => {
                    if let Some(byte) = state.lock().unwrap().answer(r) {
                        let _ = master.write_all(&[byte]);
                    }
                }
                Event::Cut(Some(page)) if !state.lock().unwrap().out_of_paper => {
                    pages.lock().unwrap().push(page)
                }
                _ => {}
            }
        }
    }
}

#[test]
fn a_usb_style_device_answers_status_and_prints() {
    let pty = PtyPrinter::start();
    let printer = pty.printer();
    assert_eq!(printer.status(), PrinterStatus::Ready);

    pty.state.lock().unwrap().out_of_paper = true;
    assert_eq!(printer.status(), PrinterStatus::OutOfPaper);
    let error = printer.print(&TicketPrint::example()).unwrap_err();
    assert_eq!(error.status(), PrinterStatus::OutOfPaper);
    assert!(pty.pages.lock().unwrap().is_empty());

    pty.state.lock().unwrap().out_of_paper = false;
    printer.print(&TicketPrint::example()).unwrap();
    let pages = pty.pages.lock().unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].image.width(), 384);
    assert_eq!(decode_qr(&pages[0].image), TicketPrint::example().track_url);
}
