//! The live events of each office's lobby: numbered in order, kept for a while so
//! a client that reconnects with `Last-Event-ID` gets what it missed, and fanned
//! out to every open stream.
//!
//! Each event is serialised once, whatever the number of streams. A stream that
//! falls too far behind is ended rather than buffered without bound: its client
//! reconnects and is either replayed from what is kept or sent a fresh snapshot,
//! so nothing is lost either way.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;
use wire::LobbyEvent;

/// Events kept per office for replay after a reconnect.
pub const KEPT_PER_OFFICE: usize = 1024;
/// Events a stream may fall behind before it is ended.
pub const STREAM_BACKLOG: usize = 256;

/// One event as sent: its id and the bytes of its Server-Sent Event.
#[derive(Debug)]
pub struct SentEvent {
    /// Sequence number within the office, from 1.
    pub seq: u64,
    /// The SSE id: this process's epoch and the sequence number.
    pub id: String,
    /// `id: ...\ndata: ...\n\n`, shared by every stream that sends it.
    pub frame: bytes::Bytes,
}

/// The bytes of one Server-Sent Event. JSON written by serde holds no line break,
/// so one `data:` line carries it whole.
pub fn sse_frame(id: &str, json: &str) -> bytes::Bytes {
    let mut frame = Vec::with_capacity(id.len() + json.len() + 12);
    frame.extend_from_slice(b"id: ");
    frame.extend_from_slice(id.as_bytes());
    frame.extend_from_slice(b"\ndata: ");
    frame.extend_from_slice(json.as_bytes());
    frame.extend_from_slice(b"\n\n");
    frame.into()
}

/// Where a new stream starts.
pub enum Resume {
    /// The client's last event is known: these follow it.
    Replay(Vec<Arc<SentEvent>>),
    /// The client is new, or missed more than is kept, or comes from before a restart:
    /// it needs a snapshot, whose id is this one (the latest event's).
    Snapshot {
        /// The id to give the snapshot, so a reconnect after it resumes here.
        id: String,
    },
}

struct OfficeLog {
    next_seq: u64,
    kept: VecDeque<Arc<SentEvent>>,
    sender: broadcast::Sender<Arc<SentEvent>>,
}

/// Every office's events.
pub struct EventHub {
    epoch: String,
    offices: Mutex<HashMap<String, OfficeLog>>,
}

impl Default for EventHub {
    fn default() -> Self {
        Self::new()
    }
}

impl EventHub {
    /// A hub with a fresh epoch: ids of an earlier process are not mistaken for its own.
    pub fn new() -> Self {
        let epoch: u64 = rand::random();
        Self {
            epoch: format!("{epoch:016x}"),
            offices: Mutex::new(HashMap::new()),
        }
    }

    fn id(&self, seq: u64) -> String {
        format!("{}.{seq}", self.epoch)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, OfficeLog>> {
        // A panic while holding the lock leaves plain data behind; go on with it.
        self.offices.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Numbers, keeps and sends an event of an office.
    pub fn publish(&self, office: &str, event: &LobbyEvent) {
        let json = match serde_json::to_string(event) {
            Ok(json) => json,
            Err(error) => {
                tracing::error!(%error, "an event could not be written as JSON");
                return;
            }
        };
        let mut offices = self.lock();
        let log = offices.entry(office.to_owned()).or_insert_with(new_log);
        let seq = log.next_seq;
        log.next_seq += 1;
        let id = self.id(seq);
        let sent = Arc::new(SentEvent {
            seq,
            frame: sse_frame(&id, &json),
            id,
        });
        if log.kept.len() == KEPT_PER_OFFICE {
            log.kept.pop_front();
        }
        log.kept.push_back(sent.clone());
        // No receiver is not an error: nobody is watching this office now.
        let _ = log.sender.send(sent);
    }

    /// Opens a stream of an office's events after `last_event_id`: what it missed
    /// (or that it needs a snapshot), and the receiver of everything after. Both are
    /// taken under one lock, so no event falls between them or comes twice.
    pub fn subscribe(
        &self,
        office: &str,
        last_event_id: Option<&str>,
    ) -> (Resume, broadcast::Receiver<Arc<SentEvent>>) {
        let mut offices = self.lock();
        let log = offices.entry(office.to_owned()).or_insert_with(new_log);
        let receiver = log.sender.subscribe();
        let latest = log.next_seq - 1;
        let resume = match last_event_id.and_then(|id| self.parse_own_id(id)) {
            Some(seq) if seq <= latest => {
                let oldest_kept = log.kept.front().map_or(log.next_seq, |e| e.seq);
                if seq + 1 >= oldest_kept {
                    Resume::Replay(log.kept.iter().filter(|e| e.seq > seq).cloned().collect())
                } else {
                    Resume::Snapshot {
                        id: self.id(latest),
                    }
                }
            }
            _ => Resume::Snapshot {
                id: self.id(latest),
            },
        };
        (resume, receiver)
    }

    /// The sequence number of an id this process gave, if it is one.
    fn parse_own_id(&self, id: &str) -> Option<u64> {
        let (epoch, seq) = id.trim().split_once('.')?;
        (epoch == self.epoch).then(|| seq.parse().ok()).flatten()
    }

    /// Offices with at least one open stream.
    pub fn watched_offices(&self) -> Vec<String> {
        self.lock()
            .iter()
            .filter(|(_, log)| log.sender.receiver_count() > 0)
            .map(|(office, _)| office.clone())
            .collect()
    }

    /// Whether anyone follows an office now.
    pub fn is_watched(&self, office: &str) -> bool {
        self.lock()
            .get(office)
            .is_some_and(|log| log.sender.receiver_count() > 0)
    }
}

fn new_log() -> OfficeLog {
    OfficeLog {
        next_seq: 1,
        kept: VecDeque::new(),
        sender: broadcast::channel(STREAM_BACKLOG).0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{ClosedEvent, IssuedEvent};

    fn issued(number: &str) -> LobbyEvent {
        LobbyEvent::Issued(IssuedEvent {
            number: number.into(),
            service_group: "A".into(),
            issued_at: "2026-12-02T09:00:00+07:00".into(),
        })
    }

    fn numbers(events: &[Arc<SentEvent>]) -> Vec<String> {
        events
            .iter()
            .map(|e| {
                let frame = std::str::from_utf8(&e.frame).unwrap();
                let (_, data) = frame.split_once("\ndata: ").unwrap();
                serde_json::from_str(data.trim_end()).unwrap()
            })
            .map(|event| match event {
                LobbyEvent::Issued(i) => i.number,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_new_stream_needs_a_snapshot_and_then_gets_every_event() {
        let hub = EventHub::new();
        hub.publish("o", &issued("A-001"));
        let (resume, mut rx) = hub.subscribe("o", None);
        let Resume::Snapshot { id } = resume else {
            panic!("a new stream starts with a snapshot")
        };
        assert_eq!(hub.parse_own_id(&id), Some(1));
        hub.publish("o", &issued("A-002"));
        let next = rx.try_recv().unwrap();
        assert_eq!(numbers(&[next]), ["A-002"]);
    }

    #[test]
    fn a_reconnect_with_a_known_id_replays_exactly_what_was_missed() {
        let hub = EventHub::new();
        for n in 1..=5 {
            hub.publish("o", &issued(&format!("A-00{n}")));
        }
        let after_two = hub.id(2);
        let (resume, _rx) = hub.subscribe("o", Some(&after_two));
        let Resume::Replay(missed) = resume else {
            panic!("a known id is replayed")
        };
        assert_eq!(numbers(&missed), ["A-003", "A-004", "A-005"]);
        // Up to date: nothing to replay, and no snapshot either.
        let (resume, _rx) = hub.subscribe("o", Some(&hub.id(5)));
        assert!(matches!(resume, Resume::Replay(ref v) if v.is_empty()));
    }

    #[test]
    fn ids_of_another_process_too_old_or_garbled_get_a_snapshot() {
        let hub = EventHub::new();
        for n in 0..(KEPT_PER_OFFICE as u64 + 10) {
            hub.publish("o", &issued(&format!("A-{n:03}")));
        }
        for id in [
            "0000000000000000.3",
            "garbage",
            "",
            &hub.id(3),
            &hub.id(99_999),
        ] {
            let (resume, _rx) = hub.subscribe("o", Some(id));
            assert!(matches!(resume, Resume::Snapshot { .. }), "{id:?}");
        }
        // The oldest kept one's predecessor is still replayable.
        let oldest = KEPT_PER_OFFICE as u64 + 10 - KEPT_PER_OFFICE as u64 + 1;
        let (resume, _rx) = hub.subscribe("o", Some(&hub.id(oldest - 1)));
        assert!(matches!(resume, Resume::Replay(ref v) if v.len() == KEPT_PER_OFFICE));
    }

    #[test]
    fn offices_are_apart_and_watching_is_known() {
        let hub = EventHub::new();
        let (_, rx) = hub.subscribe("a", None);
        hub.publish(
            "b",
            &LobbyEvent::Completed(ClosedEvent {
                number: "B-001".into(),
                service_group: "B".into(),
                counter: "b-1".into(),
            }),
        );
        assert!(rx.is_empty());
        assert!(hub.is_watched("a") && !hub.is_watched("b"));
        assert_eq!(hub.watched_offices(), ["a"]);
        drop(rx);
        assert!(!hub.is_watched("a"));
    }
}
