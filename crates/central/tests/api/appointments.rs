//! Booking a slot, and checking the booking in at the kiosk.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{local, service_in, spawn_app, start_day, BA_DINH, STAFF_COUNTER};

/// Characters a booking code may use: none that reads like another.
const CODE_ALPHABET: &str = "ACDEFGHJKMNPQRTUVWXY34679";

fn booking(service: &str, slot_start: &str, phone: &str) -> Value {
    json!({ "service": service, "slot_start": slot_start, "contact": { "phone": phone, "name": "Nguyễn Văn A" } })
}

#[tokio::test]
async fn a_slot_takes_its_capacity_and_no_more() {
    let app = spawn_app().await;
    let b = service_in("B");
    let slot = app.first_slot(&b, "2026-12-03").await;
    assert!(
        slot.start.starts_with("2026-12-03T08:00:00+07:00"),
        "{slot:?}"
    );
    assert_eq!(slot.capacity, 4);
    assert_eq!(slot.remaining, 4);

    let mut codes = Vec::new();
    for i in 0..slot.capacity {
        let phone = format!("091234567{i}");
        let booked: wire::Appointment = app
            .book(booking(&b, &slot.start, &phone), &format!("book-{i}"))
            .await
            .expect(StatusCode::CREATED);
        assert_eq!(booked.code.chars().count(), 6, "{}", booked.code);
        assert!(
            booked.code.chars().all(|c| CODE_ALPHABET.contains(c)),
            "{}",
            booked.code
        );
        assert_eq!(booked.slot_start, slot.start);
        codes.push(booked.code);
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 4, "codes are distinct");

    app.book(booking(&b, &slot.start, "0987654321"), "book-late")
        .await
        .expect_error(StatusCode::CONFLICT, "slot_full");
    assert_eq!(app.first_slot(&b, "2026-12-03").await.remaining, 0);

    // A replay of an accepted booking is not refused for the slot being full now.
    let replay: wire::Appointment = app
        .book(booking(&b, &slot.start, "0912345670"), "book-0")
        .await
        .expect(StatusCode::CREATED);
    assert!(codes.contains(&replay.code));
    // The same key for another slot is refused, not booked.
    let later = app.first_slot(&b, "2026-12-04").await;
    app.book(booking(&b, &later.start, "0912345670"), "book-0")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    assert_eq!(app.first_slot(&b, "2026-12-04").await.remaining, 4);
}

#[tokio::test]
async fn bookings_check_what_they_are_given() {
    let app = spawn_app().await;
    let b = service_in("B");
    let slot = app.first_slot(&b, "2026-12-03").await;
    app.book(booking(&b, &slot.start, "12345"), "bad-phone")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_phone");
    app.book(
        booking(&b, "2026-12-03T08:10:00+07:00", "0912345678"),
        "no-slot",
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_slot");
    app.book(booking(&b, "tomorrow at eight", "0912345678"), "bad-time")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_slot_start");
    app.book(
        booking("9.999999", &slot.start, "0912345678"),
        "bad-service",
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_service");
    // The same instant written in UTC is the same slot.
    let utc = chrono::DateTime::parse_from_rfc3339(&slot.start)
        .unwrap()
        .with_timezone(&chrono::Utc)
        .to_rfc3339();
    let booked: wire::Appointment = app
        .book(booking(&b, &utc, "+84 912 345 678"), "utc")
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(booked.slot_start, slot.start);
    // A slot that has started cannot be booked.
    app.set_time(local(start_day().succ_opt().unwrap(), 8, 5));
    app.book(booking(&b, &slot.start, "0912345678"), "too-late")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "slot_in_past");
}

#[tokio::test]
async fn check_in_gives_a_ticket_inside_the_window_that_is_called_first() {
    let app = spawn_app().await;
    let b = service_in("B");
    let slot = app.first_slot(&b, "2026-12-03").await;
    let booked: wire::Appointment = app
        .book(booking(&b, &slot.start, "0912345678"), "appt")
        .await
        .expect(StatusCode::CREATED);
    let missed: wire::Appointment = app
        .book(booking(&b, &slot.start, "0911111111"), "appt-missed")
        .await
        .expect(StatusCode::CREATED);
    assert!(
        booked
            .check_in
            .opens_at
            .starts_with("2026-12-03T07:30:00+07:00"),
        "{booked:?}"
    );
    assert!(
        booked
            .check_in
            .closes_at
            .starts_with("2026-12-03T08:15:00+07:00"),
        "{booked:?}"
    );
    let check_in = format!("/appointments/{}/check-in", booked.code);

    // The day before: refused, with the window to come back in.
    let early = app.post(&check_in, Some(&app.kiosk), None, None).await;
    let body = early.expect_error(StatusCode::CONFLICT, "outside_check_in_window");
    assert_eq!(
        body["window"]["opens_at"],
        booked.check_in.opens_at.as_str(),
        "{body}"
    );
    assert_eq!(
        body["window"]["closes_at"],
        booked.check_in.closes_at.as_str(),
        "{body}"
    );

    // Inside the window, as the office opens, two walk-ins of the same group arrive first.
    let slot_day = start_day().succ_opt().unwrap();
    app.set_time(local(slot_day, 8, 0));
    let walk_in_1 = app.issue_ok(&app.kiosk, BA_DINH, &b, "walk-1").await;
    let walk_in_2 = app.issue_ok(&app.kiosk, BA_DINH, &b, "walk-2").await;
    app.set_time(local(slot_day, 8, 5));
    let reply = app.post(&check_in, Some(&app.kiosk), None, None).await;
    let ticket: wire::Ticket = reply.expect(StatusCode::CREATED);
    assert_eq!(ticket.priority, wire::Priority::Appointment);
    assert_eq!(ticket.service_group, "B");
    assert_eq!(
        ticket.number, "B-003",
        "appointments share the group's numbering"
    );
    assert_eq!(ticket.people_ahead, 0);
    assert!(ticket.track_url.ends_with(&format!("/t/{}", ticket.id)));

    // Checking in again (typed in lower case, with a dash) gives the same ticket.
    let typed = format!("{}-{}", &booked.code[..3], &booked.code[3..]).to_lowercase();
    let again: wire::Ticket = app
        .post(
            &format!("/appointments/{typed}/check-in"),
            Some(&app.kiosk),
            None,
            None,
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(again.id, ticket.id);

    let called: wire::CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        called.ticket.id, ticket.id,
        "the appointment is called before earlier walk-ins"
    );
    let called: wire::CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.id, walk_in_1.id);
    let called: wire::CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.id, walk_in_2.id);
    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect_error(StatusCode::CONFLICT, "nobody_waiting");

    // After the window closes, a booking never checked in is refused.
    app.set_time(local(slot_day, 8, 16));
    app.post(
        &format!("/appointments/{}/check-in", missed.code),
        Some(&app.kiosk),
        None,
        None,
    )
    .await
    .expect_error(StatusCode::CONFLICT, "outside_check_in_window");

    app.post(
        "/appointments/ACDEFG/check-in",
        Some(&app.kiosk),
        None,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");
}
