//! The one adapter to a physical printer: a TCP socket (`host:9100`), a device file
//! (`/dev/usb/lp0`), a raw CUPS queue, or none. Every wait has a timeout, so a dead printer
//! costs the visitor a second, not a frozen kiosk.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::escpos::status_request;
use crate::layout::RenderError;
use crate::settings::Transport;
use crate::status::{interpret, is_status_byte, PrinterStatus};

/// How long each step may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Opening a TCP connection.
    pub connect: Duration,
    /// Each status byte's answer.
    pub status: Duration,
    /// Sending a whole job (or `lp` accepting it).
    pub send: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_millis(1500),
            status: Duration::from_millis(1000),
            send: Duration::from_secs(15),
        }
    }
}

/// Why a ticket was not printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The profile has no printer.
    #[error("no printer is configured (transport = \"none\")")]
    NoPrinter,
    /// The printer said it cannot print before anything was sent.
    #[error("the printer cannot print: {}", .0.staff_note())]
    NotReady(PrinterStatus),
    /// The job was sent, then the printer said it stopped: the ticket may be missing or cut short.
    #[error("the printer stopped while printing: {}", .0.staff_note())]
    StoppedWhilePrinting(PrinterStatus),
    /// The printer could not be reached.
    #[error("cannot reach the printer at {target}: {source}")]
    Unreachable {
        /// Address or device.
        target: String,
        /// Why.
        source: io::Error,
    },
    /// Sending the job failed part-way.
    #[error("sending the ticket to {target} failed: {source}")]
    Send {
        /// Address or device.
        target: String,
        /// Why.
        source: io::Error,
    },
    /// `lp` refused the job.
    #[error("CUPS queue {queue:?} refused the ticket: {detail}")]
    Cups {
        /// Queue name.
        queue: String,
        /// What `lp` said.
        detail: String,
    },
    /// The ticket could not be drawn.
    #[error(transparent)]
    Render(#[from] RenderError),
}

impl PrintError {
    /// The printer state to show the visitor for this failure.
    pub fn status(&self) -> PrinterStatus {
        match self {
            PrintError::NoPrinter => PrinterStatus::NoPrinter,
            PrintError::NotReady(s) | PrintError::StoppedWhilePrinting(s) => *s,
            PrintError::Unreachable { .. } => PrinterStatus::NotResponding,
            PrintError::Send { .. } | PrintError::Cups { .. } => PrinterStatus::Offline,
            PrintError::Render(_) => PrinterStatus::Unknown,
        }
    }
}

/// A two-way link on which status can be asked.
trait Link {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// One byte, or `None` when nothing comes within `timeout` or the other end closed.
    fn read_byte(&mut self, timeout: Duration) -> io::Result<Option<u8>>;
}

impl Link for TcpStream {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.write_all(bytes)?;
        self.flush()
    }

    fn read_byte(&mut self, timeout: Duration) -> io::Result<Option<u8>> {
        self.set_read_timeout(Some(timeout.max(Duration::from_millis(1))))?;
        let mut byte = [0u8];
        match self.read(&mut byte) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(byte[0])),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// A device file opened for reading and writing; reads wait with poll(2), since a printer
/// that does not answer would block a plain read forever.
struct DeviceLink(File);

impl Link for DeviceLink {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.0.write_all(bytes)?;
        self.0.flush()
    }

    fn read_byte(&mut self, timeout: Duration) -> io::Result<Option<u8>> {
        let mut fds = libc::pollfd {
            fd: self.0.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
        // SAFETY: `fds` is one valid pollfd for the call's duration; the fd is owned by `self.0`.
        let ready = unsafe { libc::poll(&mut fds, 1, millis) };
        if ready < 0 {
            return Err(io::Error::last_os_error());
        }
        if ready == 0 || fds.revents & libc::POLLIN == 0 {
            return Ok(None);
        }
        let mut byte = [0u8];
        match self.0.read(&mut byte) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(byte[0])),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Asks `DLE EOT 1`, then `4`, then `2` when offline. A printer that does not answer the
/// first question is one that cannot tell (a one-way interface): `Unknown`.
fn ask(link: &mut dyn Link, timeout: Duration) -> io::Result<PrinterStatus> {
    link.send(&status_request(1))?;
    let Some(printer) = link.read_byte(timeout)? else {
        return Ok(PrinterStatus::Unknown);
    };
    if !is_status_byte(printer) {
        return Ok(PrinterStatus::Unknown);
    }
    link.send(&status_request(4))?;
    let paper = link.read_byte(timeout)?;
    let cause = if printer & 0x08 != 0 {
        link.send(&status_request(2))?;
        link.read_byte(timeout)?
    } else {
        None
    };
    Ok(interpret(printer, cause, paper))
}

fn connect(address: &str, timeout: Duration) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the address resolves to nothing");
    for addr in address.to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(stream) => {
                stream.set_nodelay(true)?;
                return Ok(stream);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn open_device(path: &PathBuf) -> io::Result<(File, bool)> {
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => Ok((file, true)),
        // Some printer devices are write-only; they print but cannot be asked.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => OpenOptions::new()
            .write(true)
            .open(path)
            .map(|f| (f, false)),
        Err(e) => Err(e),
    }
}

impl Transport {
    fn target(&self) -> String {
        match self {
            Transport::Tcp { address } => address.clone(),
            Transport::Device { path } => path.display().to_string(),
            Transport::Cups { queue } => queue.clone(),
            Transport::None => "(none)".into(),
        }
    }

    /// Asks the printer's real-time status (TCP and device files); CUPS cannot ask.
    /// Blocks for at most about `connect + 3 × status`.
    pub fn status(&self, timeouts: &Timeouts) -> PrinterStatus {
        let result = match self {
            Transport::None => return PrinterStatus::NoPrinter,
            Transport::Cups { .. } => return PrinterStatus::Unknown,
            Transport::Tcp { address } => match connect(address, timeouts.connect) {
                Err(_) => return PrinterStatus::NotResponding,
                Ok(mut stream) => {
                    let status = ask(&mut stream, timeouts.status);
                    let _ = stream.shutdown(Shutdown::Both);
                    status
                }
            },
            Transport::Device { path } => match open_device(path) {
                Err(_) => return PrinterStatus::NotResponding,
                Ok((_, false)) => return PrinterStatus::Unknown,
                Ok((file, true)) => ask(&mut DeviceLink(file), timeouts.status),
            },
        };
        result.unwrap_or(PrinterStatus::NotResponding)
    }

    /// Sends a finished ESC/POS job. Where status can be asked, it is asked on the same
    /// connection before (nothing is sent to a printer that cannot print) and after (a
    /// printer that stopped mid-ticket is a failure).
    pub fn send_job(&self, job: &[u8], timeouts: &Timeouts) -> Result<(), PrintError> {
        let target = self.target();
        match self {
            Transport::None => Err(PrintError::NoPrinter),
            Transport::Tcp { address } => {
                let mut stream = connect(address, timeouts.connect).map_err(|source| {
                    PrintError::Unreachable {
                        target: target.clone(),
                        source,
                    }
                })?;
                let result = send_checked(&mut stream, job, timeouts, &target, |s, t| {
                    s.set_write_timeout(Some(t))
                });
                let _ = stream.shutdown(Shutdown::Both);
                result
            }
            Transport::Device { path } => {
                let (file, two_way) =
                    open_device(path).map_err(|source| PrintError::Unreachable {
                        target: target.clone(),
                        source,
                    })?;
                if two_way {
                    send_checked(&mut DeviceLink(file), job, timeouts, &target, |_, _| Ok(()))
                } else {
                    let mut file = file;
                    file.write_all(job)
                        .and_then(|_| file.flush())
                        .map_err(|source| PrintError::Send { target, source })
                }
            }
            Transport::Cups { queue } => {
                run_spooler("lp", &["-d", queue, "-o", "raw"], job, timeouts.send).map_err(
                    |detail| PrintError::Cups {
                        queue: queue.clone(),
                        detail,
                    },
                )
            }
        }
    }
}

fn send_checked<L: Link>(
    link: &mut L,
    job: &[u8],
    timeouts: &Timeouts,
    target: &str,
    set_write_timeout: impl Fn(&mut L, Duration) -> io::Result<()>,
) -> Result<(), PrintError> {
    let before = ask(link, timeouts.status).unwrap_or(PrinterStatus::NotResponding);
    if !before.can_print() {
        return Err(PrintError::NotReady(before));
    }
    let send_error = |source| PrintError::Send {
        target: target.to_owned(),
        source,
    };
    set_write_timeout(link, timeouts.send).map_err(send_error)?;
    link.send(job).map_err(send_error)?;
    if before == PrinterStatus::Unknown {
        return Ok(());
    }
    match ask(link, timeouts.status) {
        Ok(
            after @ (PrinterStatus::OutOfPaper | PrinterStatus::CoverOpen | PrinterStatus::Offline),
        ) => Err(PrintError::StoppedWhilePrinting(after)),
        // The job went out whole; a printer that then closes or falls silent has it.
        Ok(_) | Err(_) => Ok(()),
    }
}

/// Runs a print spooler command with `job` on its standard input, waiting at most `timeout`.
fn run_spooler(program: &str, args: &[&str], job: &[u8], timeout: Duration) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                format!("`{program}` is not installed (Debian: cups-client)")
            }
            _ => format!("cannot run `{program}`: {e}"),
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let job = job.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&job));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("`{program}` did not finish within {timeout:?}"));
            }
            Err(e) => return Err(format!("waiting for `{program}` failed: {e}")),
        }
    };
    let written = writer
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("writer panicked")));
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    if !status.success() {
        let said = stderr.trim();
        return Err(if said.is_empty() {
            format!("`{program}` exited with {status}")
        } else {
            format!("`{program}` exited with {status}: {said}")
        });
    }
    written.map_err(|e| format!("`{program}` did not take the whole job: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_printer_reports_no_printer_and_refuses_jobs() {
        assert_eq!(
            Transport::None.status(&Timeouts::default()),
            PrinterStatus::NoPrinter
        );
        assert!(matches!(
            Transport::None.send_job(b"x", &Timeouts::default()),
            Err(PrintError::NoPrinter)
        ));
    }

    #[test]
    fn cups_cannot_tell_its_status() {
        let cups = Transport::Cups {
            queue: "thermal".into(),
        };
        assert_eq!(cups.status(&Timeouts::default()), PrinterStatus::Unknown);
    }

    #[test]
    fn the_spooler_gets_the_whole_job_on_its_input() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("job.bin");
        let job: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let script = format!("cat > {}", out.display());
        run_spooler("sh", &["-c", &script], &job, Duration::from_secs(10)).unwrap();
        assert_eq!(std::fs::read(out).unwrap(), job);
    }

    #[test]
    fn a_spooler_that_fails_says_why() {
        let err = run_spooler(
            "sh",
            &[
                "-c",
                "cat > /dev/null; echo 'lp: The printer or class does not exist.' >&2; exit 1",
            ],
            b"job",
            Duration::from_secs(10),
        )
        .unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        let err = run_spooler("/nonexistent/lp", &[], b"job", Duration::from_secs(1)).unwrap_err();
        assert!(err.contains("not installed"), "{err}");
        let err = run_spooler("sleep", &["5"], b"", Duration::from_millis(200)).unwrap_err();
        assert!(err.contains("did not finish"), "{err}");
    }

    #[test]
    fn a_missing_device_is_not_responding() {
        let device = Transport::Device {
            path: "/nonexistent/lp0".into(),
        };
        assert_eq!(
            device.status(&Timeouts::default()),
            PrinterStatus::NotResponding
        );
        assert!(matches!(
            device.send_job(b"x", &Timeouts::default()),
            Err(PrintError::Unreachable { .. })
        ));
    }

    #[test]
    fn a_one_way_device_file_gets_the_job_and_cannot_tell_its_status() {
        // A plain file stands in for a printer that never answers: reads find nothing.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lp0");
        std::fs::write(&path, b"").unwrap();
        let device = Transport::Device { path: path.clone() };
        let quick = Timeouts {
            status: Duration::from_millis(50),
            ..Timeouts::default()
        };
        assert_eq!(device.status(&quick), PrinterStatus::Unknown);
        device.send_job(b"\x1b@hello", &quick).unwrap();
        let written = std::fs::read(&path).unwrap();
        assert!(written.ends_with(b"\x1b@hello"), "{written:?}");
    }
}
