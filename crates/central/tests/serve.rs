//! The real `central serve` process: its `--clock-start` option, and its log,
//! which never holds a visitor's name or phone number.

use std::process::Command;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

const OFFICE: &str = "hn-ba-dinh";

#[path = "common/process.rs"]
mod process;

use process::{create_token, Server, CENTRAL};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

#[tokio::test]
async fn the_clock_starts_where_asked_runs_on_and_the_demo_follows_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    // Friday 13 February 2026, 16:59:52 in Hanoi: eight seconds before closing, on the
    // eve of Tết. Eight seconds leave a slowly starting server time for its first answer.
    let server = Server::start(
        &db,
        &dir.path().join("central.log"),
        &["--clock-start", "2026-02-13T09:59:52Z"],
        "debug",
    );
    let client = client();
    let status = |client: reqwest::Client| {
        let url = server.api(&format!("/offices/{OFFICE}/status"));
        async move {
            let status: wire::OfficeStatus = client
                .get(url)
                .send()
                .await
                .expect("status")
                .json()
                .await
                .expect("an office status");
            let now = chrono::DateTime::parse_from_rfc3339(&status.now).expect("RFC 3339 now");
            (status, now)
        }
    };
    let start = chrono::DateTime::parse_from_rfc3339("2026-02-13T16:59:52+07:00").unwrap();
    let closing = chrono::DateTime::parse_from_rfc3339("2026-02-13T17:00:00+07:00").unwrap();
    let (first, first_now) = status(client.clone()).await;
    assert!(first.now.ends_with("+07:00"), "{}", first.now);
    assert!(
        first_now >= start && first_now < closing,
        "the first answer came at {}, not in the 8 s before closing",
        first.now
    );
    assert!(first.opening.open, "{first:?}");
    assert_eq!(
        first.opening.closes_at.as_deref(),
        Some("2026-02-13T17:00:00+07:00")
    );

    // Demo slots start after the clock's day, skipping Tết (14–22 February).
    let kiosk = create_token(&db, &["kiosk", "--office", OFFICE]);
    let service = central::demo::procedures().expect("demo procedures")[0]
        .code
        .clone();
    let slots_on = |date: &'static str| {
        let request = client
            .get(server.api(&format!("/offices/{OFFICE}/slots")))
            .query(&[("service", service.as_str()), ("date", date)])
            .bearer_auth(&kiosk);
        async move {
            let list: wire::SlotList = request
                .send()
                .await
                .expect("slots")
                .json()
                .await
                .expect("a slot list");
            list.slots.len()
        }
    };
    assert_eq!(slots_on("2026-02-16").await, 0, "Tết");
    assert!(slots_on("2026-02-23").await > 0, "the first day after Tết");

    // The clock runs: once it is past 17:00 the office has closed for Tết.
    let wait = (closing + chrono::Duration::seconds(1) - first_now)
        .to_std()
        .unwrap_or_default();
    tokio::time::sleep(wait).await;
    let (later, later_now) = status(client.clone()).await;
    assert!(later_now > first_now, "{} then {}", first.now, later.now);
    assert!(!later.opening.open, "{later:?}");
    assert_eq!(
        later.opening.opens_at.as_deref(),
        Some("2026-02-23T08:00:00+07:00")
    );
}

#[test]
fn an_unreadable_clock_start_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    for bad in ["tomorrow 9am", "2026-12-02 09:00", "2026-12-02T09:00:00"] {
        let output = Command::new(CENTRAL)
            .args(["--db", &db, "serve", "--listen", "127.0.0.1:0"])
            .args(["--clock-start", bad])
            .output()
            .expect("run central");
        assert!(!output.status.success(), "{bad:?} was accepted");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains("--clock-start") && said.contains("RFC 3339"),
            "{bad:?}: {said}"
        );
    }
    let help = Command::new(CENTRAL)
        .args(["serve", "--help"])
        .output()
        .expect("run central");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--clock-start <RFC3339>"), "{help}");
}

#[tokio::test]
async fn names_and_phone_numbers_never_reach_the_log() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let log = dir.path().join("central.log");
    let server = Server::start(
        &db,
        &log,
        &["--clock-start", "2026-12-02T09:00:00+07:00"],
        "debug",
    );
    let kiosk = create_token(&db, &["kiosk", "--office", OFFICE]);
    let client = client();
    let service = central::demo::procedures().expect("demo procedures")[0]
        .code
        .clone();
    let booked = client
        .post(server.api(&format!("/offices/{OFFICE}/appointments")))
        .bearer_auth(&kiosk)
        .header("Idempotency-Key", "booking")
        .json(&json!({
            "service": service,
            "slot_start": "2026-12-03T08:00:00+07:00",
            "contact": { "phone": "0912345678", "name": "Phạm Thị Lụa" }
        }))
        .send()
        .await
        .expect("book");
    assert_eq!(booked.status(), StatusCode::CREATED);
    // Looked up by name (found or not, the answer is 200), and with no name (refused).
    for (name, expected) in [
        ("Phạm Thị Lụa", StatusCode::OK),
        ("PHẠM THỊ LỤA", StatusCode::OK),
        ("", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let reply = client
            .post(server.api(&format!("/offices/{OFFICE}/appointments/lookup")))
            .bearer_auth(&kiosk)
            .json(&json!({ "name": name }))
            .send()
            .await
            .expect("lookup");
        assert_eq!(reply.status(), expected, "lookup of {name:?}");
    }
    drop(server);
    let log = std::fs::read_to_string(&log).expect("the log");
    assert!(
        log.contains("appointments/lookup"),
        "requests are logged: {log}"
    );
    for secret in ["Phạm", "PHẠM", "Lụa", "LỤA", "0912345678", "345678"] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}
