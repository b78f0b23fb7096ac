//! The central under test: the release binary started as an office would run it,
//! with the demo data in a database of its own, its tokens made with its own CLI,
//! its memory and CPU read from /proc, and stopped whatever happens.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the central may take to say where it listens.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running central; stopped (killed if need be) when dropped.
pub struct Central {
    child: Child,
    binary: PathBuf,
    db_url: String,
    log: PathBuf,
    /// Where it listens.
    pub address: SocketAddr,
    // Last, so the database goes only after the process that holds it.
    _dir: tempfile::TempDir,
}

/// How a stop went.
pub enum Stopped {
    /// It exited on SIGTERM within this long.
    OnTerm(Duration),
    /// It had to be killed.
    Killed,
}

impl Central {
    /// Starts `binary serve --demo` on a free loopback port, its clock at `clock_start`,
    /// allowing `streams` event streams from the one address they all come from.
    pub fn start(binary: &Path, clock_start: &str, streams: usize) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
        let db_url = format!("sqlite://{}", dir.path().join("central.db").display());
        let log = dir.path().join("central.log");
        let stderr = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut command = Command::new(binary);
        command
            .args([
                "--db",
                &db_url,
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--demo",
            ])
            .args(["--clock-start", clock_start])
            // Thousands of streams and numbers from one address and token: a load test.
            .arg("--no-request-limits")
            // Here one address stands for ten thousand phones and boards.
            .args(["--max-streams-per-address", &streams.to_string()])
            // The level an office runs at, whatever this shell sets.
            .env("RUST_LOG", "central=info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr);
        // SAFETY: prctl is async-signal-safe and touches nothing of the parent.
        // The central must not outlive the tool, even when the tool is killed.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;

        let stdout = child.stdout.take().expect("stdout is piped");
        let (said, heard) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("listening on http://") {
                    let _ = said.send(url.trim().to_owned());
                    break;
                }
            }
            // Keep reading so the central never blocks on a full pipe.
            for _ in lines {}
        });
        let mut central = Self {
            child,
            binary: binary.to_owned(),
            db_url,
            log,
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
            _dir: dir,
        };
        let listening = heard.recv_timeout(START_TIMEOUT).map_err(|_| {
            format!(
                "the central did not say where it listens within {} s; its log:\n{}",
                START_TIMEOUT.as_secs(),
                central.log_tail()
            )
        })?;
        central.address = listening
            .parse()
            .map_err(|e| format!("the central listens on {listening:?}: {e}"))?;
        Ok(central)
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A new token made with the central's CLI, e.g. `["--role", "kiosk", "--office", "x"]`.
    pub fn token(&self, args: &[&str]) -> Result<String, String> {
        let output = Command::new(&self.binary)
            .args(["--db", &self.db_url, "token", "create"])
            .args(args)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.binary.display()))?;
        if !output.status.success() {
            return Err(format!(
                "token create {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        let token = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if token.is_empty() {
            return Err("token create printed no token".into());
        }
        Ok(token)
    }

    /// The last lines of its log, to show with an error.
    pub fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log) {
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// Whether it has exited, and how.
    pub fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(status.to_string()),
            Ok(None) => None,
            Err(e) => Some(e.to_string()),
        }
    }

    /// Sends SIGTERM and waits up to `grace` for it to exit.
    pub fn terminate(&mut self, grace: Duration) -> Option<Duration> {
        let started = Instant::now();
        if self.exited().is_some() {
            return Some(Duration::ZERO);
        }
        // SAFETY: kill(2) with a child's pid, which is ours until we wait for it.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        while started.elapsed() < grace {
            if self.exited().is_some() {
                return Some(started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// SIGTERM, then SIGKILL after `grace`.
    pub fn stop(&mut self, grace: Duration) -> Stopped {
        match self.terminate(grace) {
            Some(took) => Stopped::OnTerm(took),
            None => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                Stopped::Killed
            }
        }
    }
}

impl Drop for Central {
    fn drop(&mut self) {
        self.stop(Duration::from_secs(2));
    }
}

/// The memory of a process, from /proc/PID/status.
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    /// Resident set size, KiB.
    pub rss_kib: u64,
    /// Peak resident set size, KiB.
    pub hwm_kib: u64,
}

/// Reads VmRSS and VmHWM of `pid`.
pub fn memory(pid: u32) -> Result<Memory, String> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .ok_or_else(|| format!("{path} has no {name}"))
    };
    Ok(Memory {
        rss_kib: field("VmRSS:")?,
        hwm_kib: field("VmHWM:")?,
    })
}

/// CPU time (user + system) `pid` has used so far.
pub fn cpu_time(pid: u32) -> Result<Duration, String> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    // "pid (name) state ..." with utime and stime the 14th and 15th fields.
    let after_name = stat
        .rfind(')')
        .map(|at| &stat[at + 1..])
        .ok_or_else(|| format!("{path}: no process name"))?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = [11, 12]
        .iter()
        .map(|&i| {
            fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum();
    Ok(Duration::from_millis(ticks * 1000 / CLOCK_TICKS_PER_SECOND))
}

/// The kernel's USER_HZ, which Linux fixes at 100 for /proc.
const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// The soft limit of open files of `pid`, from /proc/PID/limits.
pub fn open_files_limit(pid: u32) -> Result<u64, String> {
    let path = format!("/proc/{pid}/limits");
    let limits = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    limits
        .lines()
        .find_map(|l| l.strip_prefix("Max open files"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|soft| soft.parse().ok())
        .ok_or_else(|| format!("{path}: no open files limit"))
}

/// Raises this process's soft limit of open files to its hard limit; returns
/// (soft before, soft now).
pub fn raise_open_files_limit() -> Result<(u64, u64), String> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return Err(format!("getrlimit: {}", std::io::Error::last_os_error()));
        }
        let before = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
            return Err(format!("setrlimit: {}", std::io::Error::last_os_error()));
        }
        Ok((before, limit.rlim_cur))
    }
}
