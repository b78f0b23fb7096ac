//! A full lobby refuses new tickets and offers slots instead, until a seat frees.

use chrono::DateTime;
use reqwest::StatusCode;

use crate::common::{service_in, spawn_app, BA_DINH, BA_DINH_CAPACITY, STAFF_COUNTER};

#[tokio::test]
async fn a_full_lobby_offers_slots_until_someone_is_served() {
    let app = spawn_app().await;
    let b = service_in("B");
    for i in 0..BA_DINH_CAPACITY {
        app.issue_ok(&app.kiosk, BA_DINH, &b, &format!("seat-{i}"))
            .await;
    }
    let overview: wire::QueueOverview = app
        .get(&format!("/offices/{BA_DINH}/queues"), Some(&app.kiosk))
        .await
        .expect(StatusCode::OK);
    assert_eq!(overview.lobby.occupancy as usize, BA_DINH_CAPACITY);
    assert_eq!(overview.lobby.capacity as usize, BA_DINH_CAPACITY);

    let refused = app.issue(&app.kiosk, BA_DINH, &b, "one-too-many").await;
    let body = refused.expect_error(StatusCode::CONFLICT, "lobby_full");
    let slots: Vec<wire::Slot> =
        serde_json::from_value(body["next_slots"].clone()).expect("next_slots is a slot list");
    assert!(!slots.is_empty(), "{body}");
    let now = app.clock_now();
    for slot in &slots {
        let start = DateTime::parse_from_rfc3339(&slot.start).expect("RFC 3339 start");
        assert!(
            start > now,
            "offered slot {} is not in the future",
            slot.start
        );
        assert!(slot.remaining > 0, "offered slot {} is full", slot.start);
    }
    // A group's own slots are offered to a visitor of another group too.
    app.issue(&app.kiosk, BA_DINH, &service_in("A"), "other-group")
        .await
        .expect_error(StatusCode::CONFLICT, "lobby_full");

    // Being called does not free the seat: the visitor is still inside.
    let called: wire::CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.number, "B-001");
    app.issue(&app.kiosk, BA_DINH, &b, "still-full")
        .await
        .expect_error(StatusCode::CONFLICT, "lobby_full");

    let done: wire::OfficeTicket = app
        .post(
            &format!("/tickets/{}/complete", called.ticket.id),
            Some(&app.staff),
            None,
            None,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done.state, wire::TicketState::Done);
    let admitted = app.issue_ok(&app.kiosk, BA_DINH, &b, "one-too-many").await;
    assert_eq!(
        admitted.number, "B-021",
        "the refused attempt used no number"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_requests_never_overfill_the_lobby() {
    let app = spawn_app().await;
    let a = service_in("A");
    let extra = 10;
    let replies = futures::future::join_all((0..BA_DINH_CAPACITY + extra).map(|i| {
        let app = &app;
        let a = &a;
        async move {
            app.issue(&app.kiosk, BA_DINH, a, &format!("rush-{i}"))
                .await
        }
    }))
    .await;
    let admitted = replies
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    assert_eq!(admitted, BA_DINH_CAPACITY);
    for reply in replies.iter().filter(|r| r.status != StatusCode::CREATED) {
        reply.expect_error(StatusCode::CONFLICT, "lobby_full");
    }
    let numbers: Vec<_> = app
        .day_list(BA_DINH, None)
        .await
        .into_iter()
        .map(|t| t.number)
        .collect();
    let expected: Vec<_> = (1..=BA_DINH_CAPACITY)
        .map(|n| format!("A-{n:03}"))
        .collect();
    assert_eq!(numbers, expected);
}
