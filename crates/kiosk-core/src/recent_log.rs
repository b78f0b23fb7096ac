//! The last log lines, kept in memory for the maintenance screen: a `tracing` writer that
//! holds the newest [`RECENT_LOG_LINES`] formatted lines and drops the oldest.
//!
//! It holds what the log holds, and the log holds no personal data: no phone number, no
//! booking code, no ticket of a visitor (the central client logs errors without their URL).

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;

/// Lines kept.
pub const RECENT_LOG_LINES: usize = 200;

/// The newest log lines. Clones share the same lines.
#[derive(Debug, Clone)]
pub struct RecentLog {
    lines: Arc<Mutex<VecDeque<String>>>,
    capacity: usize,
}

impl Default for RecentLog {
    fn default() -> Self {
        Self::new(RECENT_LOG_LINES)
    }
}

impl RecentLog {
    /// An empty log keeping at most `capacity` lines.
    pub fn new(capacity: usize) -> Self {
        Self {
            lines: Arc::new(Mutex::new(VecDeque::with_capacity(capacity))),
            capacity,
        }
    }

    /// Adds one line, dropping the oldest when full.
    pub fn push(&self, line: String) {
        if self.capacity == 0 {
            return;
        }
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if lines.len() == self.capacity {
            lines.pop_front();
        }
        lines.push_back(line);
    }

    /// The lines kept, oldest first.
    pub fn lines(&self) -> Vec<String> {
        let lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        lines.iter().cloned().collect()
    }
}

/// One event's text on its way into the log; its lines are kept when it is dropped.
pub struct LineWriter {
    log: RecentLog,
    buffer: Vec<u8>,
}

impl io::Write for LineWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.buffer);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            self.log.push(line.to_owned());
        }
    }
}

impl<'a> MakeWriter<'a> for RecentLog {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter {
            log: self.clone(),
            buffer: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::layer::SubscriberExt;

    #[test]
    fn keeps_the_newest_lines_only() {
        let log = RecentLog::new(3);
        for i in 1..=5 {
            log.push(format!("line {i}"));
        }
        assert_eq!(log.lines(), ["line 3", "line 4", "line 5"]);
    }

    #[test]
    fn takes_formatted_events_from_tracing() {
        let log = RecentLog::new(10);
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .without_time()
                .with_writer(log.clone()),
        );
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(attempt = 2, "central did not answer");
            tracing::info!("catalogue read from disk");
        });
        let lines = log.lines();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("WARN"), "{lines:?}");
        assert!(
            lines[0].contains("central did not answer attempt=2"),
            "{lines:?}"
        );
        assert!(lines[1].contains("catalogue read from disk"), "{lines:?}");
    }
}
