//! The real `central` binary, killed with SIGKILL and started again on the same
//! database, still has every ticket it acknowledged and numbers on without repeat, and
//! every profile version and assignment it saved. Its clock runs in real time from a
//! working morning (`--clock-start`), since numbers are issued only while the office is open.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

const OFFICE: &str = "hn-ba-dinh";
/// One less than the demo lobby's 20, so a ticket can still be issued after the restart.
const BEFORE_RESTART: usize = 19;

#[path = "common/process.rs"]
mod process;

use process::{create_token, Server};

/// One procedure code per service group, from the demo catalogue the server seeds.
fn one_service_per_group() -> BTreeMap<String, String> {
    let mut services = BTreeMap::new();
    for p in central::demo::procedures().expect("demo procedures parse") {
        services.entry(p.service_group).or_insert(p.code);
    }
    services
}

async fn issue(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    service: &str,
    key: &str,
) -> reqwest::Response {
    client
        .post(server.api(&format!("/offices/{OFFICE}/tickets")))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&json!({ "service": service, "priority": "none" }))
        .send()
        .await
        .expect("the server answers")
}

/// The local day a ticket was issued on, from its `issued_at` (`YYYY-MM-DDT…+07:00`).
fn issue_day(ticket: &wire::Ticket) -> &str {
    &ticket.issued_at[..10]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_ticket_survives_a_kill() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let log: PathBuf = dir.path().join("central.log");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client");

    // Wednesday 2 December 2026, 09:00 in Hanoi; the second start is 5 minutes on.
    let server = Server::start(
        &db,
        &log,
        &[
            "--clock-start",
            "2026-12-02T09:00:00+07:00",
            // One token stands for every kiosk issuing at once.
            "--no-request-limits",
        ],
        "info",
    );
    let kiosk = create_token(&db, &["kiosk", "--office", OFFICE]);
    let admin = create_token(&db, &["admin"]);
    let by_group = one_service_per_group();
    assert!(
        by_group.len() >= 3,
        "the demo catalogue serves only {} groups",
        by_group.len()
    );
    let services: Vec<&String> = by_group.values().collect();

    // Issued all at once, and the process killed as soon as the last answer is in.
    let requests: Vec<(String, String)> = (0..BEFORE_RESTART)
        .map(|i| (services[i % services.len()].clone(), format!("before-{i}")))
        .collect();
    let replies = join_all(
        requests
            .iter()
            .map(|(service, key)| issue(&client, &server, &kiosk, service, key)),
    )
    .await;
    let mut acknowledged = Vec::new();
    for (reply, request) in replies.into_iter().zip(&requests) {
        assert_eq!(
            reply.status(),
            StatusCode::CREATED,
            "{:?}",
            reply.text().await
        );
        acknowledged.push((
            request.clone(),
            reply.json::<wire::Ticket>().await.expect("a ticket"),
        ));
    }
    server.kill();

    let server = Server::start(
        &db,
        &log,
        &[
            "--clock-start",
            "2026-12-02T09:05:00+07:00",
            "--no-request-limits",
        ],
        "info",
    );
    let day = issue_day(&acknowledged[0].1).to_owned();
    let listed: Vec<wire::OfficeTicket> = client
        .get(server.api(&format!("/offices/{OFFICE}/tickets?date={day}")))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("a ticket list");
    assert_eq!(listed.len(), acknowledged.len(), "{listed:?}");
    for (_, ticket) in &acknowledged {
        let row = listed.iter().find(|t| t.id == ticket.id);
        let row =
            row.unwrap_or_else(|| panic!("acknowledged {} ({}) is lost", ticket.number, ticket.id));
        assert_eq!(
            (&row.number, &row.service),
            (&ticket.number, &ticket.service)
        );

        let status = client
            .get(server.api(&format!("/tickets/{}", ticket.id)))
            .send()
            .await
            .expect("status");
        assert_eq!(status.status(), StatusCode::OK);
        let status: wire::TicketStatus = status.json().await.expect("a status");
        assert_eq!(status.number, ticket.number);
    }

    // The kiosk's token and its idempotency keys survived too: a retry is no new ticket.
    let ((service, key), first) = &acknowledged[0];
    let replay = issue(&client, &server, &kiosk, service, key).await;
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(
        replay.json::<wire::Ticket>().await.expect("a ticket").id,
        first.id
    );

    // The next ticket of group A continues that group's numbering.
    let group_a = by_group.get("A").expect("a group A procedure");
    let numbers: BTreeSet<&str> = acknowledged
        .iter()
        .map(|(_, t)| t.number.as_str())
        .collect();
    let last_a = acknowledged
        .iter()
        .filter(|(_, t)| t.service_group == "A")
        .filter_map(|(_, t)| t.number.strip_prefix("A-")?.parse::<u32>().ok())
        .max()
        .expect("group A tickets were issued");
    let next = issue(&client, &server, &kiosk, group_a, "after-restart").await;
    assert_eq!(next.status(), StatusCode::CREATED);
    let next: wire::Ticket = next.json().await.expect("a ticket");
    assert_eq!(issue_day(&next), day);
    assert_eq!(next.number, format!("A-{:03}", last_a + 1));
    assert!(!numbers.contains(next.number.as_str()));
    server.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_their_versions_and_assignments_survive_a_kill() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let log: PathBuf = dir.path().join("central.log");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client");

    let server = Server::start(
        &db,
        &log,
        &["--clock-start", "2026-12-02T09:00:00+07:00"],
        "info",
    );
    let admin = create_token(&db, &["admin"]);
    let kiosk = create_token(&db, &["kiosk", "--office", OFFICE]);
    let documents: Vec<String> = [90, 45, 30]
        .iter()
        .map(|s| format!("office = \"{OFFICE}\"\nidle_timeout_seconds = {s}\n"))
        .collect();
    let created: wire::ProfileVersion = client
        .post(server.api("/profiles"))
        .bearer_auth(&admin)
        .json(&json!({ "name": "lobby", "document": documents[0] }))
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("a profile");
    for (base, document) in documents.iter().enumerate().skip(1) {
        let reply = client
            .put(server.api(&format!("/profiles/{}", created.id)))
            .bearer_auth(&admin)
            .json(&json!({ "document": document, "base_version": base }))
            .send()
            .await
            .expect("change");
        assert_eq!(reply.status(), StatusCode::OK);
    }
    let registered: wire::KioskRegistered = client
        .post(server.api("/kiosks/register"))
        .bearer_auth(&kiosk)
        .json(&json!({ "name": "lobby-1", "app_version": "0.1.0" }))
        .send()
        .await
        .expect("register")
        .json()
        .await
        .expect("a registration");
    let assigned = client
        .put(server.api(&format!("/kiosks/{}/profile", registered.kiosk_id)))
        .bearer_auth(&admin)
        .json(&json!({ "profile": created.id }))
        .send()
        .await
        .expect("assign");
    assert_eq!(assigned.status(), StatusCode::OK);
    server.kill();

    let server = Server::start(
        &db,
        &log,
        &[
            "--clock-start",
            "2026-12-02T09:05:00+07:00",
            "--no-request-limits",
        ],
        "info",
    );
    for (version, document) in (1..).zip(&documents) {
        let kept: wire::ProfileVersion = client
            .get(server.api(&format!("/profiles/{}/versions/{version}", created.id)))
            .bearer_auth(&admin)
            .send()
            .await
            .expect("a version")
            .json()
            .await
            .expect("a profile version");
        assert_eq!((kept.version, &kept.document), (version, document));
    }
    let fleet: Vec<wire::KioskState> = client
        .get(server.api("/kiosks"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("fleet")
        .json()
        .await
        .expect("a fleet");
    let row = fleet
        .iter()
        .find(|k| k.id == registered.kiosk_id)
        .expect("the kiosk is still known");
    assert_eq!(row.name.as_deref(), Some("lobby-1"));
    assert_eq!(row.assigned_profile.as_ref().map(|p| p.version), Some(3));
    // The kiosk's token survived, and it gets the latest version.
    let again: wire::KioskRegistered = client
        .post(server.api("/kiosks/register"))
        .bearer_auth(&kiosk)
        .json(&json!({ "name": "lobby-1", "app_version": "0.1.0" }))
        .send()
        .await
        .expect("register")
        .json()
        .await
        .expect("a registration");
    assert_eq!(again.kiosk_id, registered.kiosk_id);
    let profile = again.profile.expect("the assigned profile");
    assert_eq!((profile.version, &profile.document), (3, &documents[2]));
    server.kill();
}
