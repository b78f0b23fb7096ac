//! `Idempotency-Key`: a retried request never issues a second ticket.

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{service_in, spawn_app, BA_DINH, HOAN_KIEM};

/// Books the first slot of group B on 3 December with `key`.
async fn book_with_key(app: &crate::common::TestApp, key: &str) -> crate::common::Reply {
    let b = service_in("B");
    let slot = app.first_slot(&b, "2026-12-03").await;
    app.book(
        json!({ "service": b, "slot_start": slot.start, "contact": { "phone": "0912345678" } }),
        key,
    )
    .await
}

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

#[tokio::test]
async fn a_key_serves_one_request_whether_ticket_or_booking() {
    let app = spawn_app().await;
    let booked: wire::Appointment = book_with_key(&app, "booked-first")
        .await
        .expect(StatusCode::CREATED);
    app.issue(&app.kiosk, BA_DINH, &service_in("A"), "booked-first")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    app.issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "ticket-first")
        .await;
    book_with_key(&app, "ticket-first")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    // Each kept its own answer.
    let again: wire::Appointment = book_with_key(&app, "booked-first")
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(again.code, booked.code);
    assert_eq!(app.day_list(BA_DINH, None).await.len(), 1);
}

/// Tickets issued before ids were made from keys have their key in
/// `idempotency_keys`; a retry with such a key still gets its ticket back.
#[tokio::test]
async fn keys_kept_before_ids_came_from_keys_still_replay() {
    let app = spawn_app().await;
    let a = service_in("A");
    let earlier = app.issue_ok(&app.kiosk, BA_DINH, &a, "today").await;
    let db = sqlx::SqlitePool::connect(&app.db_url)
        .await
        .expect("open the database");
    sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request, resource, created_at)
         VALUES (?, 'from-last-version', ?, ?, '2026-12-01T02:00:00.000000Z')",
    )
    .bind(central::access::token_hash(&app.kiosk))
    .bind(format!("ticket {BA_DINH} {a} none"))
    .bind(&earlier.id)
    .execute(&db)
    .await
    .expect("a key as the last version stored it");

    let replay: wire::Ticket = app
        .issue(&app.kiosk, BA_DINH, &a, "from-last-version")
        .await
        .expect(StatusCode::CREATED);
    assert_eq!((replay.id, replay.number), (earlier.id, earlier.number));
    app.issue(&app.kiosk, BA_DINH, &service_in("B"), "from-last-version")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    assert_eq!(app.day_list(BA_DINH, None).await.len(), 1);
}
