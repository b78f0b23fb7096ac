//! Ticket numbers: per office, group and local day; the visitor's track page.

use reqwest::StatusCode;

use crate::common::{
    local, open_all_hours, service_in, spawn_app, spawn_app_with, start_day, BA_DINH, HOAN_KIEM,
};

#[tokio::test]
async fn numbers_count_per_office_and_group_and_restart_at_local_midnight() {
    // Open day and night, so numbers can be taken either side of midnight.
    let app = spawn_app_with(open_all_hours).await;
    let a = service_in("A");
    let b = service_in("B");

    let first = app.issue_ok(&app.kiosk, BA_DINH, &a, "k1").await;
    let second = app.issue_ok(&app.kiosk, BA_DINH, &a, "k2").await;
    let b_first = app.issue_ok(&app.kiosk, BA_DINH, &b, "k3").await;
    let other_office = app
        .issue_ok(&app.kiosk_hoan_kiem, HOAN_KIEM, &a, "k1")
        .await;
    assert_eq!(first.number, "A-001");
    assert_eq!(second.number, "A-002");
    assert_eq!(b_first.number, "B-001");
    assert_eq!(b_first.service_group, "B");
    assert_eq!(
        other_office.number, "A-001",
        "each office counts on its own"
    );

    // The last minute of the local day still counts on; local midnight (17:00 UTC) starts over.
    app.set_time(local(start_day(), 23, 59));
    let late = app.issue_ok(&app.kiosk, BA_DINH, &a, "k4").await;
    assert_eq!(late.number, "A-003");
    let next_day = start_day().succ_opt().unwrap();
    app.set_time(local(next_day, 0, 0));
    let after_midnight = app.issue_ok(&app.kiosk, BA_DINH, &a, "k5").await;
    assert_eq!(after_midnight.number, "A-001");
    assert!(
        after_midnight.issued_at.starts_with("2026-12-03T00:00:00"),
        "{}",
        after_midnight.issued_at
    );
    let b_after_midnight = app.issue_ok(&app.kiosk, BA_DINH, &b, "k6").await;
    assert_eq!(b_after_midnight.number, "B-001");

    let today: Vec<_> = app
        .day_list(BA_DINH, None)
        .await
        .into_iter()
        .map(|t| t.number)
        .collect();
    assert_eq!(today, ["A-001", "B-001"]);
    assert_eq!(
        app.day_list(BA_DINH, Some("2026-12-03"))
            .await
            .first()
            .map(|t| t.id.clone()),
        Some(after_midnight.id.clone())
    );
    let yesterday: Vec<_> = app
        .day_list(BA_DINH, Some("2026-12-02"))
        .await
        .into_iter()
        .map(|t| t.number)
        .collect();
    assert_eq!(yesterday, ["A-001", "A-002", "B-001", "A-003"]);
}

#[tokio::test]
async fn people_ahead_and_wait_grow_as_tickets_are_issued() {
    let app = spawn_app().await;
    let a = service_in("A");
    let mut last_wait = None;
    let mut first_id = None;
    for (i, key) in ["w1", "w2", "w3", "w4"].into_iter().enumerate() {
        let ticket = app.issue_ok(&app.kiosk, BA_DINH, &a, key).await;
        assert_eq!(ticket.people_ahead as usize, i, "{}", ticket.number);
        if let Some(previous) = last_wait {
            assert!(ticket.estimated_wait_minutes > previous, "{ticket:?}");
        } else {
            assert_eq!(ticket.estimated_wait_minutes, 0);
        }
        last_wait = Some(ticket.estimated_wait_minutes);
        first_id.get_or_insert(ticket.id);
    }
    // Legal priority goes ahead of everyone without it, and is called first.
    let elderly: wire::Ticket = app
        .post(
            &format!("/offices/{BA_DINH}/tickets"),
            Some(&app.kiosk),
            Some("w-elderly"),
            Some(serde_json::json!({ "service": a, "priority": "elderly" })),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(elderly.number, "A-005");
    assert_eq!(elderly.people_ahead, 0);
    let first: wire::TicketStatus = app
        .get(&format!("/tickets/{}", first_id.unwrap()), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        first.people_ahead, 1,
        "the priority ticket is now ahead of A-001"
    );
    // Another group's queue is not ahead of this one.
    let b = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("B"), "w5")
        .await;
    assert_eq!(b.people_ahead, 0);
    let called: wire::CalledTicket = app
        .call_next("hn-ba-dinh-q1", &app.admin)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.id, elderly.id);

    // The queue overview agrees.
    let overview: wire::QueueOverview = app
        .get(&format!("/offices/{BA_DINH}/queues"), Some(&app.kiosk))
        .await
        .expect(StatusCode::OK);
    let group_a = overview
        .groups
        .iter()
        .find(|g| g.service_group == "A")
        .unwrap();
    assert_eq!(group_a.waiting, 4, "the called ticket no longer waits");
    assert_eq!(overview.lobby.occupancy, 6, "but it is still in the lobby");
    assert_eq!(overview.lobby.capacity, 20);
}

#[tokio::test]
async fn ids_are_unguessable_and_the_track_page_shows_the_number() {
    let app = spawn_app().await;
    let a = service_in("A");
    let one = app.issue_ok(&app.kiosk, BA_DINH, &a, "t1").await;
    let two = app.issue_ok(&app.kiosk, BA_DINH, &a, "t2").await;
    for ticket in [&one, &two] {
        assert!(
            ticket.id.len() >= 32,
            "id {:?} is too short to be unguessable",
            ticket.id
        );
        assert!(
            !ticket.id.contains(&ticket.number),
            "id {:?} derives from the number",
            ticket.id
        );
        assert_eq!(ticket.track_url, format!("{}/t/{}", app.base, ticket.id));
    }
    assert_ne!(one.id, two.id);

    let page = app.send(app.client.get(&two.track_url)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    assert!(page.text().contains("A-002"), "{}", page.text());

    let missing = app
        .send(app.client.get(format!("{}/t/{}", app.base, "0".repeat(32))))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The public status needs no token and holds no more than the ticket.
    let status: wire::TicketStatus = app
        .get(&format!("/tickets/{}", two.id), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(status.number, "A-002");
    assert_eq!(status.state, wire::TicketState::Waiting);
    assert_eq!(status.people_ahead, 1);
}

#[tokio::test]
async fn the_track_page_names_the_counter_the_visitor_is_called_to() {
    let app = spawn_app().await;
    let ticket = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("B"), "called")
        .await;
    let called: wire::CalledTicket = app
        .call_next(crate::common::STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.id, ticket.id);
    let page = app.send(app.client.get(&ticket.track_url)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Mời bạn đến quầy số 3"), "{html}");
    assert!(html.contains("Please go to counter 3"), "{html}");
    assert!(!html.contains("hn-ba-dinh-q3"), "{html}");
}

#[tokio::test]
async fn the_track_page_is_small_works_without_scripts_and_follows_the_lobby_with_them() {
    let app = spawn_app().await;
    let ticket = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("B"), "page")
        .await;
    let page = app.send(app.client.get(&ticket.track_url)).await;
    let html = page.text();
    // Whole without scripts: the number, where it stands, and a refresh for browsers
    // that run none.
    assert!(html.contains("<h1>B-001</h1>"), "{html}");
    assert_eq!(html.matches("<h1").count(), 1);
    assert_eq!(html.matches("<main").count(), 1);
    assert!(html.contains("Bạn là người tiếp theo"), "{html}");
    assert!(html.contains("<noscript><meta http-equiv=refresh content=30></noscript>"));
    assert!(!html.contains("user-scalable"));
    // The script is its own file, allowed by the page's policy, and follows the
    // office's event stream.
    assert!(html.contains("<script src=\"/t/track.js\" defer></script>"));
    let policy = page.header("content-security-policy").expect("a policy");
    assert!(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'"));
    let script = app
        .send(app.client.get(format!("{}/t/track.js", app.base)))
        .await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.text().contains("/events"));
    assert!(
        page.body.len() + script.body.len() < 30 * 1024,
        "{} + {} bytes",
        page.body.len(),
        script.body.len()
    );
}
