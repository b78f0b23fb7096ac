//! `Idempotency-Key`: a retried request never issues a second ticket.

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{service_in, spawn_app, BA_DINH, HOAN_KIEM};

#[tokio::test]
async fn a_replayed_key_returns_the_same_ticket_once() {
    let app = spawn_app().await;
    let a = service_in("A");
    let first = app.issue_ok(&app.kiosk, BA_DINH, &a, "retry-me").await;
    let other = app.issue_ok(&app.kiosk, BA_DINH, &a, "someone-else").await;
    let replay = app.issue(&app.kiosk, BA_DINH, &a, "retry-me").await;
    let replay: wire::Ticket = replay.expect(StatusCode::CREATED);
    assert_eq!(replay.id, first.id);
    assert_eq!(replay.number, "A-001");
    assert_eq!(replay.track_url, first.track_url);
    assert_eq!(other.number, "A-002");

    let list = app.day_list(BA_DINH, None).await;
    assert_eq!(list.iter().filter(|t| t.id == first.id).count(), 1);
    assert_eq!(list.len(), 2, "{list:?}");
}

#[tokio::test]
async fn a_key_reused_for_another_request_is_refused() {
    let app = spawn_app().await;
    app.issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "once")
        .await;
    app.issue(&app.kiosk, BA_DINH, &service_in("B"), "once")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    let with_priority = app
        .post(
            &format!("/offices/{BA_DINH}/tickets"),
            Some(&app.kiosk),
            Some("once"),
            Some(json!({ "service": service_in("A"), "priority": "elderly" })),
        )
        .await;
    with_priority.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    assert_eq!(app.day_list(BA_DINH, None).await.len(), 1);
}

#[tokio::test]
async fn keys_belong_to_the_token_that_sent_them() {
    let app = spawn_app().await;
    let a = service_in("A");
    let here = app.issue_ok(&app.kiosk, BA_DINH, &a, "shared-key").await;
    let there = app
        .issue_ok(&app.kiosk_hoan_kiem, HOAN_KIEM, &a, "shared-key")
        .await;
    assert_ne!(here.id, there.id);
    assert_eq!(there.office, HOAN_KIEM);
}

#[tokio::test]
async fn the_key_is_required_and_checked() {
    let app = spawn_app().await;
    let body = json!({ "service": service_in("A"), "priority": "none" });
    let path = format!("/offices/{BA_DINH}/tickets");
    app.post(&path, Some(&app.kiosk), None, Some(body.clone()))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "missing_idempotency_key");
    app.post(&path, Some(&app.kiosk), Some(&"k".repeat(129)), Some(body))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_idempotency_key");
    assert!(app.day_list(BA_DINH, None).await.is_empty());
}

#[tokio::test]
async fn simultaneous_retries_of_one_key_issue_one_ticket() {
    let app = spawn_app().await;
    let a = service_in("A");
    let replies = join_all((0..20).map(|_| app.issue(&app.kiosk, BA_DINH, &a, "double-tap"))).await;
    let tickets: Vec<wire::Ticket> = replies
        .iter()
        .map(|r| r.expect(StatusCode::CREATED))
        .collect();
    assert!(
        tickets
            .iter()
            .all(|t| t.id == tickets[0].id && t.number == "A-001"),
        "{tickets:?}"
    );
    assert_eq!(app.day_list(BA_DINH, None).await.len(), 1);
}
