//! The lobby's live events over real HTTP: a snapshot first, every change after,
//! nothing lost across a reconnect with `Last-Event-ID`, no ticket id or personal
//! data on the public stream.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{service_in, spawn_app, TestApp, BA_DINH, STAFF_COUNTER};

/// Reads Server-Sent Events from an open response.
struct EventReader {
    response: reqwest::Response,
    buffer: String,
}

/// One event: its id and its JSON.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    data: Value,
}

impl Received {
    fn kind(&self) -> &str {
        self.data["type"].as_str().unwrap_or_default()
    }
}

impl EventReader {
    async fn open(app: &TestApp, office: &str, last_event_id: Option<&str>) -> Self {
        let mut request = app
            .client
            .get(app.api(&format!("/offices/{office}/events")));
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = request.send().await.expect("the server answers");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/event-stream")
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event, failing the test if none comes within five seconds.
    async fn next(&mut self) -> Received {
        tokio::time::timeout(Duration::from_secs(5), self.read())
            .await
            .expect("an event within 5 s")
    }

    /// The next event of `kind`, skipping others (queue counts come and go).
    async fn next_of(&mut self, kind: &str) -> Received {
        loop {
            let event = self.next().await;
            if event.kind() == kind {
                return event;
            }
        }
    }

    async fn read(&mut self) -> Received {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = String::new();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if data.is_empty() {
                    continue; // a keep-alive comment
                }
                let data = serde_json::from_str(&data).expect("each event is JSON");
                return Received { id, data };
            }
            let chunk = self
                .response
                .chunk()
                .await
                .expect("the stream goes on")
                .expect("the stream is not closed");
            self.buffer
                .push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
        }
    }
}

#[tokio::test]
async fn a_stream_starts_with_the_whole_lobby_and_then_tells_each_change() {
    let app = spawn_app().await;
    let mut stream = EventReader::open(&app, BA_DINH, None).await;
    let snapshot = stream.next().await;
    assert_eq!(snapshot.kind(), "snapshot");
    assert!(!snapshot.id.is_empty());
    let lobby = &snapshot.data;
    assert_eq!(lobby["office"], BA_DINH);
    assert!(lobby["office_name"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(lobby["time_zone"], "Asia/Ho_Chi_Minh");
    assert!(lobby["now"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-02T09:00:00"));
    assert_eq!(lobby["opening"]["open"], true);
    assert_eq!(lobby["counters"].as_array().unwrap().len(), 6);
    assert_eq!(lobby["recent_calls"].as_array().unwrap().len(), 0);
    assert!(!lobby["queues"]["groups"].as_array().unwrap().is_empty());

    let ticket = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("B"), "k1")
        .await;
    let issued = stream.next().await;
    assert_eq!(issued.kind(), "issued");
    assert_eq!(issued.data["number"], "B-001");
    let queues = stream.next_of("queues").await;
    let b = queues.data["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["service_group"] == "B")
        .expect("group B")
        .clone();
    assert_eq!(b["waiting"], 1);

    app.call_next(STAFF_COUNTER, &app.staff).await;
    let called = stream.next_of("called").await;
    assert_eq!(called.data["number"], "B-001");
    assert_eq!(called.data["counter"], STAFF_COUNTER);
    assert_eq!(called.data["counter_name"], "Quầy 3");
    assert_eq!(
        called.data["announcement"]["vi"],
        "Mời số B-001 đến quầy số 3"
    );
    assert!(called.data["audio_url"]
        .as_str()
        .unwrap()
        .ends_with("announcement.wav?number=B-001"));

    app.post(
        &format!("/counters/{STAFF_COUNTER}/recall"),
        Some(&app.staff),
        None,
        None,
    )
    .await;
    assert_eq!(stream.next_of("recalled").await.data["number"], "B-001");
    app.post(
        &format!("/counters/{STAFF_COUNTER}/pause"),
        Some(&app.staff),
        None,
        None,
    )
    .await;
    let paused = stream.next_of("counter_changed").await;
    assert_eq!(paused.data["id"], STAFF_COUNTER);
    assert_eq!(paused.data["open"], false);
    app.post(
        &format!("/tickets/{}/complete", ticket.id),
        Some(&app.staff),
        None,
        None,
    )
    .await;
    let completed = stream.next_of("completed").await;
    assert_eq!(completed.data["number"], "B-001");
    assert_eq!(completed.data["counter"], STAFF_COUNTER);

    // The ticket's id is its secret: it never travels on the public stream.
    let again = EventReader::open(&app, BA_DINH, None).await.next().await;
    for event in [&snapshot, &issued, &called, &completed, &again] {
        assert!(
            !event.data.to_string().contains(&ticket.id),
            "{:?} carries the ticket id",
            event.kind()
        );
    }
    // A new stream's snapshot holds the call and the paused counter.
    assert_eq!(again.data["recent_calls"][0]["number"], "B-001");
    let q3 = again.data["counters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == STAFF_COUNTER)
        .unwrap()
        .clone();
    assert_eq!(q3["open"], false);
}

#[tokio::test]
async fn a_reconnect_with_the_last_event_id_gets_exactly_what_it_missed() {
    let app = spawn_app().await;
    let service = service_in("B");
    let mut stream = EventReader::open(&app, BA_DINH, None).await;
    let snapshot = stream.next().await;
    app.issue_ok(&app.kiosk, BA_DINH, &service, "k1").await;
    let first = stream.next_of("issued").await;
    drop(stream); // the phone loses its network here

    for i in 2..=4 {
        app.issue_ok(&app.kiosk, BA_DINH, &service, &format!("k{i}"))
            .await;
    }
    app.call_next(STAFF_COUNTER, &app.staff).await;

    let mut resumed = EventReader::open(&app, BA_DINH, Some(&first.id)).await;
    let mut missed = Vec::new();
    loop {
        let event = resumed.next().await;
        assert_ne!(
            event.kind(),
            "snapshot",
            "a known id is resumed, not restarted"
        );
        if event.kind() == "called" {
            missed.push(format!("called {}", event.data["number"].as_str().unwrap()));
            break;
        }
        if event.kind() == "issued" {
            missed.push(format!("issued {}", event.data["number"].as_str().unwrap()));
        }
    }
    assert_eq!(
        missed,
        [
            "issued B-002",
            "issued B-003",
            "issued B-004",
            "called B-001"
        ]
    );
    // Then the queues as they are now, so counts are right whatever was coalesced.
    let queues = resumed.next_of("queues").await;
    let b = queues.data["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["service_group"] == "B")
        .unwrap()
        .clone();
    assert_eq!(b["waiting"], 3);

    // From the snapshot's own id, the first issue is replayed too.
    let mut from_snapshot = EventReader::open(&app, BA_DINH, Some(&snapshot.id)).await;
    assert_eq!(
        from_snapshot.next_of("issued").await.data["number"],
        "B-001"
    );
}

#[tokio::test]
async fn an_unknown_or_foreign_last_event_id_gets_a_fresh_snapshot() {
    let app = spawn_app().await;
    for id in ["0123456789abcdef.1", "nonsense", "", &"9".repeat(500)] {
        let mut stream = EventReader::open(&app, BA_DINH, Some(id)).await;
        assert_eq!(stream.next().await.kind(), "snapshot", "{id:?}");
    }
}

#[tokio::test]
async fn an_unknown_office_has_no_stream() {
    let app = spawn_app().await;
    app.get("/offices/nowhere/events", None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_office");
}
