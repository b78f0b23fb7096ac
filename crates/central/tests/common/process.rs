//! The real `central` binary as a child process, for the tests that need the process
//! itself: its command line, its log, a SIGKILL.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const CENTRAL: &str = env!("CARGO_BIN_EXE_central");

/// A `central serve --demo` process; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `serve --demo` on a free port with `args` after it, its log (at `RUST_LOG`
    /// level `log_level`) into `log`, and waits for its `listening on` line.
    pub fn start(db: &str, log: &Path, args: &[&str], log_level: &str) -> Self {
        let mut command = Command::new(CENTRAL);
        command
            .args(["--db", db, "serve", "--listen", "127.0.0.1:0", "--demo"])
            .args(args)
            .env("RUST_LOG", log_level);
        Self::launch(command, log)
    }

    /// Runs `command`, a `central ... serve` command line of the caller's own, with its log
    /// into `log`, and waits for its `listening on` line.
    pub fn launch(mut command: Command, log: &Path) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(File::create(log).expect("server log file"))
            .spawn()
            .expect("start central");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = sender.send(lines.next());
            // Keep reading so the server never writes into a closed pipe.
            for _ in lines {}
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .ok()
            .flatten()
            .and_then(Result::ok)
            .unwrap_or_default();
        let Some(base) = line.trim().strip_prefix("listening on ").map(str::to_owned) else {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(log).unwrap_or_default();
            panic!("central printed {line:?} instead of its address; its log:\n{log}");
        };
        Self { child, base }
    }

    /// Sends SIGTERM, as systemd does to stop a service, and waits at most `limit` for the
    /// process to end: its exit status, or `None` if it was still running (then killed).
    #[allow(dead_code)] // not every test binary stops its server so
    pub fn terminate_within(mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -TERM failed");
        let asked = std::time::Instant::now();
        while asked.elapsed() <= limit {
            if let Some(status) = self.child.try_wait().expect("the server's state") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// The address of an API path.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Ends the process the hard way: no shutdown, no flush beyond what was committed.
    #[allow(dead_code)] // not every test binary kills its server
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `central token create`; returns the printed token.
pub fn create_token(db: &str, role: &[&str]) -> String {
    let output = Command::new(CENTRAL)
        .args(["--db", db, "token", "create", "--role"])
        .args(role)
        .output()
        .expect("run central token create");
    assert!(
        output.status.success(),
        "token create failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let token = String::from_utf8(output.stdout)
        .expect("UTF-8 token")
        .trim()
        .to_owned();
    assert!(
        !token.is_empty() && !token.contains(char::is_whitespace),
        "{token:?}"
    );
    token
}
