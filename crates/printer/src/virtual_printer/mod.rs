//! A network thermal printer on a TCP port, for tests and demos: it answers real-time
//! status requests (`DLE EOT`) byte for byte as an ESC/POS printer does, decodes the raster
//! images it receives, and writes each cut ticket as `DIR/ticket-0001.png`.
//!
//! Its state is driven by files in `DIR`, so a test, a script or a person can change it
//! while it runs: `out-of-paper`, `paper-near-end` and `cover-open` (present = true).
//! Out of paper or with the cover open it answers so and prints nothing.

pub mod decoder;

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use decoder::{Decoder, Event, Page};

use crate::status::answer;

/// Present in the output folder: the printer is out of paper.
pub const OUT_OF_PAPER: &str = "out-of-paper";
/// Present in the output folder: the roll is near its end.
pub const PAPER_NEAR_END: &str = "paper-near-end";
/// Present in the output folder: the cover is open.
pub const COVER_OPEN: &str = "cover-open";

/// How the virtual printer behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where tickets and control files are.
    pub out_dir: PathBuf,
    /// Width of the print head in dots; wider rasters are reported (a real printer clips them).
    pub head_dots: u32,
    /// Print one line per ticket and per warning on standard output.
    pub echo: bool,
}

impl Options {
    /// Tickets to `out_dir`, an 80 mm head, quiet.
    pub fn new(out_dir: impl Into<PathBuf>) -> Self {
        Self {
            out_dir: out_dir.into(),
            head_dots: 576,
            echo: false,
        }
    }
}

struct Shared {
    options: Options,
    next_ticket: AtomicU32,
    stop: AtomicBool,
}

/// A running virtual printer; it stops when dropped.
pub struct VirtualPrinter {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

/// The printer's paper and cover, read from the control files at each question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct State {
    /// No paper.
    pub out_of_paper: bool,
    /// Little paper left.
    pub paper_near_end: bool,
    /// Cover open.
    pub cover_open: bool,
}

impl State {
    fn read(dir: &Path) -> Self {
        Self {
            out_of_paper: dir.join(OUT_OF_PAPER).exists(),
            paper_near_end: dir.join(PAPER_NEAR_END).exists(),
            cover_open: dir.join(COVER_OPEN).exists(),
        }
    }

    /// The byte a real printer answers to `DLE EOT n`; none for requests it does not know.
    pub fn answer(&self, n: u8) -> Option<u8> {
        let offline = self.out_of_paper || self.cover_open;
        match n {
            1 => Some(answer::printer(offline)),
            2 => Some(answer::offline_cause(self.cover_open, self.out_of_paper)),
            3 => Some(answer::error_cause()),
            4 => Some(answer::paper(self.paper_near_end, self.out_of_paper)),
            _ => None,
        }
    }
}

impl VirtualPrinter {
    /// Listens on `listen` (`127.0.0.1:0` for any free port) and writes tickets to `out_dir`.
    pub fn start(listen: &str, out_dir: impl Into<PathBuf>) -> io::Result<Self> {
        Self::start_with(listen, Options::new(out_dir))
    }

    /// Listens on `listen` with `options`.
    pub fn start_with(listen: &str, options: Options) -> io::Result<Self> {
        std::fs::create_dir_all(&options.out_dir)?;
        let listener = TcpListener::bind(listen)?;
        let addr = listener.local_addr()?;
        let first = last_ticket_number(&options.out_dir) + 1;
        let shared = Arc::new(Shared {
            options,
            next_ticket: AtomicU32::new(first),
            stop: AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        let accept = std::thread::Builder::new()
            .name("virtual-printer".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if accepting.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let serving = Arc::clone(&accepting);
                    let _ = std::thread::Builder::new()
                        .name("virtual-printer-connection".into())
                        .spawn(move || serve(stream, &serving));
                }
            })?;
        Ok(Self {
            addr,
            shared,
            accept: Some(accept),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where tickets and control files are.
    pub fn out_dir(&self) -> &Path {
        &self.shared.options.out_dir
    }

    /// The current paper and cover state.
    pub fn state(&self) -> State {
        State::read(self.out_dir())
    }

    /// Runs out of paper, or gets a new roll.
    pub fn set_out_of_paper(&self, on: bool) -> io::Result<()> {
        self.set_flag(OUT_OF_PAPER, on)
    }

    /// Reports the roll near its end, or not.
    pub fn set_paper_near_end(&self, on: bool) -> io::Result<()> {
        self.set_flag(PAPER_NEAR_END, on)
    }

    /// Opens or closes the cover.
    pub fn set_cover_open(&self, on: bool) -> io::Result<()> {
        self.set_flag(COVER_OPEN, on)
    }

    fn set_flag(&self, name: &str, on: bool) -> io::Result<()> {
        let path = self.out_dir().join(name);
        if on {
            std::fs::write(path, b"")
        } else {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        }
    }

    /// The ticket images written so far, in order.
    pub fn tickets(&self) -> io::Result<Vec<PathBuf>> {
        let mut tickets: Vec<PathBuf> = std::fs::read_dir(self.out_dir())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| ticket_number(p).is_some())
            .collect();
        tickets.sort();
        Ok(tickets)
    }

    /// Serves until the process ends (for the binary).
    pub fn wait(mut self) {
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

impl Drop for VirtualPrinter {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn ticket_number(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix("ticket-")?
        .strip_suffix(".png")?
        .parse()
        .ok()
}

fn last_ticket_number(dir: &Path) -> u32 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().and_then(|e| ticket_number(&e.path())))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    let peer = stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| "?".into());
    // Wake now and then to notice the printer stopping.
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut decoder = Decoder::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let n = match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            Err(_) => break,
        };
        for event in decoder.feed(&buffer[..n]) {
            match event {
                Event::StatusRequest(request) => {
                    let state = State::read(&shared.options.out_dir);
                    if let Some(byte) = state.answer(request) {
                        if stream.write_all(&[byte]).is_err() {
                            return;
                        }
                    }
                }
                Event::Cut(Some(page)) => print_page(shared, page),
                Event::Cut(None) | Event::Initialise | Event::Density(_) => {}
                Event::Warning(w) => say(shared, &format!("warning from {peer}: {w}")),
            }
        }
    }
    if decoder.has_uncut_page() {
        say(
            shared,
            &format!(
                "warning from {peer}: the connection closed before a cut; that page is not saved"
            ),
        );
    }
}

fn print_page(shared: &Shared, page: Page) {
    let dir = &shared.options.out_dir;
    let state = State::read(dir);
    if state.out_of_paper || state.cover_open {
        let why = if state.out_of_paper {
            "out of paper"
        } else {
            "cover open"
        };
        say(
            shared,
            &format!("{why}: a ticket was sent and nothing printed"),
        );
        return;
    }
    let number = shared.next_ticket.fetch_add(1, Ordering::SeqCst);
    let name = format!("ticket-{number:04}.png");
    let (width, height) = page.image.dimensions();
    // Written aside then renamed, so nobody reads a half-written ticket.
    let partial = dir.join(format!(".{name}.partial"));
    let result = page
        .image
        .save_with_format(&partial, image::ImageFormat::Png)
        .map_err(|e| e.to_string())
        .and_then(|_| std::fs::rename(&partial, dir.join(&name)).map_err(|e| e.to_string()));
    if let Err(e) = result {
        say(shared, &format!("cannot write {name}: {e}"));
        return;
    }
    let mut line = format!(
        "{name}: {width} × {height} dots ({:.0} × {:.0} mm)",
        width as f32 / 8.0,
        height as f32 / 8.0
    );
    if let Some(d) = page.density {
        line.push_str(&format!(", density {d:+}"));
    }
    if width > shared.options.head_dots {
        line.push_str(&format!(
            ", WIDER than the {}-dot head: a real printer clips it",
            shared.options.head_dots
        ));
    }
    if page.text_bytes > 0 {
        line.push_str(&format!(", {} text bytes not drawn", page.text_bytes));
    }
    if page.dropped_rows > 0 {
        line.push_str(&format!(
            ", {} rows past {} dropped",
            page.dropped_rows,
            decoder::MAX_ROWS
        ));
    }
    say(shared, &line);
}

fn say(shared: &Shared, line: &str) {
    if shared.options.echo {
        println!("{line}");
    }
    tracing::info!("virtual printer: {line}");
}
