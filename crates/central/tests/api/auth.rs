//! Bearer tokens: 401 without a valid one, 403 outside its scope.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{service_in, spawn_app, BA_DINH, HOAN_KIEM, STAFF_COUNTER};

fn office_reads(office: &str) -> Vec<String> {
    vec![
        format!("/offices/{office}/catalogue"),
        format!("/offices/{office}/queues"),
        format!(
            "/offices/{office}/slots?service={}&date=2026-12-03",
            service_in("A")
        ),
    ]
}

#[tokio::test]
async fn no_token_or_an_unknown_one_is_401_in_json() {
    let app = spawn_app().await;
    for path in office_reads(BA_DINH) {
        let reply = app.get(&path, None).await;
        reply.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"), "{path}");
        app.get(&path, Some("kiosk_0123456789abcdef"))
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    let no_token = app
        .post(
            &format!("/offices/{BA_DINH}/tickets"),
            None,
            Some("k"),
            Some(json!({ "service": service_in("A") })),
        )
        .await;
    no_token.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    let basic = app
        .send(
            app.client
                .get(app.api(&format!("/offices/{BA_DINH}/queues")))
                .basic_auth("admin", Some("admin")),
        )
        .await;
    basic.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert!(app.day_list(BA_DINH, None).await.is_empty());

    // Public: health, the office list, a ticket's status.
    let health: wire::Health = app.get("/health", None).await.expect(StatusCode::OK);
    assert_eq!(
        (health.status.as_str(), health.database.as_str()),
        ("ok", "ok")
    );
    let offices: Vec<wire::Office> = app.get("/offices", None).await.expect(StatusCode::OK);
    let ids: Vec<_> = offices.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, [BA_DINH, HOAN_KIEM]);
}

#[tokio::test]
async fn a_kiosk_reaches_only_its_office_and_no_staff_action() {
    let app = spawn_app().await;
    let a = service_in("A");
    for path in office_reads(HOAN_KIEM) {
        app.get(&path, Some(&app.kiosk))
            .await
            .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }
    for path in office_reads(BA_DINH) {
        assert_eq!(
            app.get(&path, Some(&app.kiosk)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    app.issue(&app.kiosk, HOAN_KIEM, &a, "elsewhere")
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    let booking = json!({ "service": a, "slot_start": "2026-12-03T08:00:00+07:00", "contact": { "phone": "0912345678" } });
    app.post(
        &format!("/offices/{HOAN_KIEM}/appointments"),
        Some(&app.kiosk),
        Some("b"),
        Some(booking),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "forbidden");

    let ticket = app.issue_ok(&app.kiosk, BA_DINH, &a, "mine").await;
    app.call_next("hn-ba-dinh-q1", &app.kiosk)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.get(&format!("/offices/{BA_DINH}/tickets"), Some(&app.kiosk))
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    for action in ["complete", "no-show"] {
        app.post(
            &format!("/tickets/{}/{action}", ticket.id),
            Some(&app.kiosk),
            None,
            None,
        )
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }

    // Another office's kiosk cannot check in this office's booking, and is not
    // told that it exists: the answer is that of a code nobody booked.
    let slot = "2026-12-03T08:00:00+07:00";
    let booked: wire::Appointment = app
        .post(
            &format!("/offices/{BA_DINH}/appointments"),
            Some(&app.kiosk),
            Some("appt"),
            Some(json!({ "service": a, "slot_start": slot, "contact": { "phone": "0912345678" } })),
        )
        .await
        .expect(StatusCode::CREATED);
    app.post(
        &format!("/appointments/{}/check-in", booked.code),
        Some(&app.kiosk_hoan_kiem),
        None,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");
}

#[tokio::test]
async fn staff_work_their_counter_and_serve_no_visitor_directly() {
    let app = spawn_app().await;
    app.call_next("hn-ba-dinh-q1", &app.staff)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    // Another office's counter is none of theirs to know of.
    app.call_next("hn-hoan-kiem-q3", &app.staff)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect_error(StatusCode::CONFLICT, "nobody_waiting");

    let b = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("B"), "b")
        .await;
    let called: wire::CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.id, b.id);
    assert_eq!(called.ticket.counter.as_deref(), Some(STAFF_COUNTER));
    let missed: wire::OfficeTicket = app
        .post(
            &format!("/tickets/{}/no-show", b.id),
            Some(&app.staff),
            None,
            None,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(missed.state, wire::TicketState::NoShow);

    app.issue(&app.staff, BA_DINH, &service_in("A"), "staff-ticket")
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    let list: Vec<wire::OfficeTicket> = app
        .get(&format!("/offices/{BA_DINH}/tickets"), Some(&app.staff))
        .await
        .expect(StatusCode::OK);
    assert_eq!(list.len(), 1);
    app.get(&format!("/offices/{HOAN_KIEM}/tickets"), Some(&app.staff))
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    for path in office_reads(HOAN_KIEM) {
        app.get(&path, Some(&app.staff))
            .await
            .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let hk = app
        .issue_ok(&app.kiosk_hoan_kiem, HOAN_KIEM, &service_in("A"), "hk")
        .await;
    app.call_next("hn-hoan-kiem-q1", &app.admin)
        .await
        .expect::<wire::CalledTicket>(StatusCode::OK);
    app.post(
        &format!("/tickets/{}/complete", hk.id),
        Some(&app.staff),
        None,
        None,
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn admin_reaches_every_office() {
    let app = spawn_app().await;
    let a = service_in("A");
    for office in [BA_DINH, HOAN_KIEM] {
        for path in office_reads(office) {
            assert_eq!(
                app.get(&path, Some(&app.admin)).await.status,
                StatusCode::OK,
                "{path}"
            );
        }
        let ticket = app
            .issue_ok(&app.admin, office, &a, &format!("admin-{office}"))
            .await;
        let called: wire::CalledTicket = app
            .call_next(&format!("{office}-q1"), &app.admin)
            .await
            .expect(StatusCode::OK);
        assert_eq!(called.ticket.id, ticket.id);
        let done: wire::OfficeTicket = app
            .post(
                &format!("/tickets/{}/complete", ticket.id),
                Some(&app.admin),
                None,
                None,
            )
            .await
            .expect(StatusCode::OK);
        assert_eq!(done.state, wire::TicketState::Done);
        assert_eq!(app.day_list(office, None).await.len(), 1);
    }
}

#[tokio::test]
async fn counter_staff_cannot_close_another_counters_ticket() {
    let app = spawn_app().await;
    let a = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "a")
        .await;
    let called: wire::CalledTicket = app
        .call_next("hn-ba-dinh-q1", &app.admin)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.id, a.id);
    for action in ["no-show", "complete"] {
        app.post(
            &format!("/tickets/{}/{action}", a.id),
            Some(&app.staff),
            None,
            None,
        )
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let status: wire::TicketStatus = app
        .get(&format!("/tickets/{}", a.id), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(status.state, wire::TicketState::Called);
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let app = spawn_app().await;
    for scheme in ["bearer", "BEARER"] {
        let reply = app
            .send(
                app.client
                    .get(app.api(&format!("/offices/{BA_DINH}/queues")))
                    .header("Authorization", format!("{scheme} {}", app.kiosk)),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{scheme}: {}", reply.text());
    }
}
