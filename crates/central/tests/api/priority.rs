//! Legal priority and everyone else take turns, one priority ticket for every two others.

use reqwest::StatusCode;

use crate::common::{service_in, spawn_app, TestApp, BA_DINH};

async fn take(app: &TestApp, priority: &str, key: &str) -> wire::Ticket {
    app.post(
        &format!("/offices/{BA_DINH}/tickets"),
        Some(&app.kiosk),
        Some(key),
        Some(serde_json::json!({ "service": service_in("A"), "priority": priority })),
    )
    .await
    .expect(StatusCode::CREATED)
}

#[tokio::test]
async fn priority_and_others_take_turns_and_the_promise_of_people_ahead_is_kept() {
    let app = spawn_app().await;
    let n1 = take(&app, "none", "n1").await;
    let n2 = take(&app, "none", "n2").await;
    let n3 = take(&app, "none", "n3").await;
    let p1 = take(&app, "elderly", "p1").await;
    let p2 = take(&app, "pregnant", "p2").await;
    let n4 = take(&app, "none", "n4").await;
    // Expected calls: p1, n1, n2, p2, n3, n4.
    assert_eq!(p1.people_ahead, 0, "priority goes first");
    assert_eq!(p2.people_ahead, 3, "after p1 and two others");
    assert_eq!(n4.people_ahead, 5);

    // Counter 1 serves group A only.
    let mut called = Vec::new();
    for _ in 0..6 {
        let next: wire::CalledTicket = app
            .call_next("hn-ba-dinh-q1", &app.admin)
            .await
            .expect(StatusCode::OK);
        called.push(next.ticket.number);
    }
    let expected: Vec<String> = [&p1, &n1, &n2, &p2, &n3, &n4]
        .iter()
        .map(|t| t.number.clone())
        .collect();
    assert_eq!(called, expected);
    app.call_next("hn-ba-dinh-q1", &app.admin)
        .await
        .expect_error(StatusCode::CONFLICT, "nobody_waiting");
}

#[tokio::test]
async fn a_stream_of_priority_tickets_does_not_starve_the_others() {
    let app = spawn_app().await;
    let normal = take(&app, "none", "n").await;
    for i in 0..5 {
        take(&app, "disabled", &format!("p{i}")).await;
    }
    let status: wire::TicketStatus = app
        .get(&format!("/tickets/{}", normal.id), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(status.people_ahead, 1, "one priority ticket, then this one");
    let first: wire::CalledTicket = app
        .call_next("hn-ba-dinh-q1", &app.admin)
        .await
        .expect(StatusCode::OK);
    let second: wire::CalledTicket = app
        .call_next("hn-ba-dinh-q1", &app.admin)
        .await
        .expect(StatusCode::OK);
    assert_eq!(first.ticket.priority, wire::Priority::Disabled);
    assert_eq!(second.ticket.id, normal.id);
}
