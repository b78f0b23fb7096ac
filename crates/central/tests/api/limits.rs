//! Limits against guessing and hoarding: booking codes, names, places and replays.

use central::http::limits::RequestLimits;
use central::rate::Lockout;
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{service_in, spawn_app, spawn_app_limited, Reply, TestApp, BA_DINH, HOAN_KIEM};

/// A slot of the demo's first day with slots (Thursday 3 December 2026).
const SLOT: &str = "2026-12-03T08:00:00+07:00";

/// A code in the booking codes' alphabet that nobody booked.
fn unbooked_code(i: usize) -> String {
    let alphabet = wire::formats::CODE_ALPHABET;
    (0..wire::formats::CODE_LENGTH)
        .map(|p| alphabet[(i * 7 + p * 3 + i / alphabet.len()) % alphabet.len()] as char)
        .collect()
}

async fn check_in(app: &TestApp, token: &str, code: &str) -> Reply {
    app.post(
        &format!("/appointments/{code}/check-in"),
        Some(token),
        None,
        None,
    )
    .await
}

async fn lookup(app: &TestApp, token: &str, name: &str) -> Reply {
    app.post(
        &format!("/offices/{BA_DINH}/appointments/lookup"),
        Some(token),
        None,
        Some(json!({ "name": name })),
    )
    .await
}

fn booking(service: &str, slot: &str, phone: &str, name: Option<&str>) -> Value {
    json!({ "service": service, "slot_start": slot, "contact": { "phone": phone, "name": name } })
}

/// `Retry-After` in seconds; a panic if it is missing or not a number.
#[track_caller]
fn retry_after(reply: &Reply) -> u64 {
    let seconds: u64 = reply
        .header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {}", reply.text()))
        .parse()
        .expect("Retry-After in seconds");
    assert_eq!(
        reply.error_body()["retry_after"].as_u64(),
        Some(seconds),
        "the body says the same wait"
    );
    seconds
}

async fn fleet_lock(app: &TestApp, office: &str) -> Option<String> {
    let kiosks: Vec<wire::KioskState> = app
        .get("/kiosks", Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    kiosks
        .into_iter()
        .find(|k| k.office == office)
        .expect("the office's kiosk is listed")
        .check_in_locked_until
}

#[tokio::test]
async fn guessing_codes_meets_429_within_ten_tries_and_the_kiosk_shows_locked() {
    let app = spawn_app_limited(RequestLimits::lobby(), |_| {}).await;
    let started = app.clock_now();
    for i in 0..10 {
        // Spread over a few minutes, as a patient guesser would.
        app.set_time(started + Duration::seconds(20 * i as i64));
        check_in(&app, &app.kiosk, &unbooked_code(i))
            .await
            .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");
    }
    let locked_at = app.clock_now();
    let refused = check_in(&app, &app.kiosk, &unbooked_code(10)).await;
    refused.expect_error(StatusCode::TOO_MANY_REQUESTS, "check_in_locked");
    assert_eq!(retry_after(&refused), 5 * 60);

    // The fleet view shows until when.
    let until = fleet_lock(&app, BA_DINH).await.expect("shown as locked");
    let until = chrono::DateTime::parse_from_rfc3339(&until).expect("RFC 3339");
    assert_eq!(until, locked_at + Duration::minutes(5));
    assert_eq!(fleet_lock(&app, HOAN_KIEM).await, None);

    // A real booking does not get through the lock either, nor lift it.
    let service = service_in("B");
    let booked: wire::Appointment = app
        .book(booking(&service, SLOT, "0912345678", None), "real")
        .await
        .expect(StatusCode::CREATED);
    app.set_time(locked_at + Duration::minutes(4));
    let still = check_in(&app, &app.kiosk, &booked.code).await;
    still.expect_error(StatusCode::TOO_MANY_REQUESTS, "check_in_locked");
    assert_eq!(retry_after(&still), 60);
    // The other office's kiosk, at the same address, is not locked by this one.
    check_in(&app, &app.kiosk_hoan_kiem, &unbooked_code(11))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");

    // Five minutes on, the kiosk may try again, and the fleet view shows it free.
    app.set_time(locked_at + Duration::minutes(5));
    assert_eq!(fleet_lock(&app, BA_DINH).await, None);
    check_in(&app, &app.kiosk, &booked.code)
        .await
        .expect_error(StatusCode::CONFLICT, "outside_check_in_window");
    // The right code wiped nothing: ten more wrong codes lock again.
    for i in 12..22 {
        app.set_time(app.clock_now() + Duration::seconds(20));
        check_in(&app, &app.kiosk, &unbooked_code(i))
            .await
            .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");
    }
    check_in(&app, &app.kiosk, &booked.code)
        .await
        .expect_error(StatusCode::TOO_MANY_REQUESTS, "check_in_locked");
}

#[tokio::test]
async fn wrong_codes_from_one_address_lock_every_token_there() {
    let app = spawn_app_limited(
        RequestLimits {
            wrong_codes_per_address: Some(Lockout {
                failures: 3,
                within: Duration::minutes(10),
                lock_for: Duration::minutes(5),
            }),
            ..RequestLimits::lobby()
        },
        |_| {},
    )
    .await;
    for (i, token) in [&app.kiosk, &app.kiosk_hoan_kiem, &app.kiosk]
        .into_iter()
        .enumerate()
    {
        check_in(&app, token, &unbooked_code(i))
            .await
            .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");
    }
    for token in [&app.kiosk, &app.kiosk_hoan_kiem, &app.admin] {
        let refused = check_in(&app, token, &unbooked_code(9)).await;
        refused.expect_error(StatusCode::TOO_MANY_REQUESTS, "check_in_locked");
        assert_eq!(retry_after(&refused), 300);
    }
}

#[tokio::test]
async fn a_code_of_another_office_answers_byte_for_byte_like_an_unknown_code() {
    let app = spawn_app_limited(RequestLimits::lobby(), |_| {}).await;
    let booked: wire::Appointment = app
        .book(
            booking(&service_in("B"), SLOT, "0912345678", Some("Nguyễn Văn An")),
            "k1",
        )
        .await
        .expect(StatusCode::CREATED);
    // Its own kiosk would be told the window (the slot is tomorrow).
    check_in(&app, &app.kiosk, &booked.code)
        .await
        .expect_error(StatusCode::CONFLICT, "outside_check_in_window");

    let theirs = check_in(&app, &app.kiosk_hoan_kiem, &booked.code).await;
    let nobodys = check_in(&app, &app.kiosk_hoan_kiem, &unbooked_code(3)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(theirs.status, nobodys.status);
    assert_eq!(theirs.body, nobodys.body, "{}", theirs.text());
    assert_eq!(
        theirs.header("content-type"),
        nobodys.header("content-type")
    );
    assert!(!theirs.text().contains("window"), "{}", theirs.text());
    // Staff check in nothing: refused alike whether the code exists or not.
    let staff_real = check_in(&app, &app.staff, &booked.code).await;
    let staff_none = check_in(&app, &app.staff, &unbooked_code(4)).await;
    staff_real.expect_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(staff_real.body, staff_none.body);
}

#[tokio::test]
async fn the_lookup_by_name_keeps_to_a_kiosks_pace() {
    let app = spawn_app_limited(RequestLimits::lobby(), |_| {}).await;
    for i in 0..10 {
        let found: wire::FoundAppointments = lookup(&app, &app.kiosk, &format!("Nguyễn Văn {i}"))
            .await
            .expect(StatusCode::OK);
        assert!(found.appointments.is_empty());
    }
    let refused = lookup(&app, &app.kiosk, "Trần Thị Bình").await;
    refused.expect_error(StatusCode::TOO_MANY_REQUESTS, "too_many_lookups");
    assert_eq!(retry_after(&refused), 10);
    // Staff of the office have their own budget.
    lookup(&app, &app.staff, "Trần Thị Bình")
        .await
        .expect::<Value>(StatusCode::OK);
    // One a visitor, every ten seconds: answered.
    for _ in 0..30 {
        app.set_time(app.clock_now() + Duration::seconds(10));
        lookup(&app, &app.kiosk, "Trần Thị Bình")
            .await
            .expect::<Value>(StatusCode::OK);
    }
}

#[tokio::test]
async fn a_phones_third_booking_of_a_day_is_refused_and_the_office_sets_the_number() {
    let app = spawn_app().await;
    let b = service_in("B");
    let phone = "0912345678";
    for (i, slot) in ["2026-12-03T08:00:00+07:00", "2026-12-03T08:00:00+07:00"]
        .iter()
        .enumerate()
    {
        app.book(
            booking(&b, slot, phone, Some("Lê Văn Cường")),
            &format!("b{i}"),
        )
        .await
        .expect::<Value>(StatusCode::CREATED);
    }
    // A third, at another time of the same day, under another name.
    let third = app
        .book(booking(&b, "2026-12-03T14:00:00+07:00", phone, None), "b2")
        .await;
    let body = third.expect_error(StatusCode::CONFLICT, "too_many_bookings_for_phone");
    assert!(body["message"].as_str().unwrap().contains('2'), "{body}");
    assert!(!body.to_string().contains(phone), "{body}");
    // Another day, or another office, is another count.
    app.book(booking(&b, "2026-12-04T08:00:00+07:00", phone, None), "b3")
        .await
        .expect::<Value>(StatusCode::CREATED);
    app.post(
        &format!("/offices/{HOAN_KIEM}/appointments"),
        Some(&app.kiosk_hoan_kiem),
        Some("hk"),
        Some(booking(&service_in("B"), SLOT, phone, None)),
    )
    .await
    .expect::<Value>(StatusCode::CREATED);

    // The office allows three: the third goes through, the fourth does not.
    let rules = format!("/offices/{BA_DINH}/booking-rules");
    let default: wire::BookingRules = app
        .get(&rules, Some(&app.kiosk))
        .await
        .expect(StatusCode::OK);
    assert_eq!(default.bookings_per_phone_per_day, 2);
    app.put(
        &rules,
        Some(&app.kiosk),
        json!({ "bookings_per_phone_per_day": 3 }),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.put(
        &rules,
        Some(&app.admin),
        json!({ "bookings_per_phone_per_day": 0 }),
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_booking_rules");
    let set: wire::BookingRules = app
        .put(
            &rules,
            Some(&app.admin),
            json!({ "bookings_per_phone_per_day": 3 }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(set.bookings_per_phone_per_day, 3);
    app.book(booking(&b, "2026-12-03T14:00:00+07:00", phone, None), "b2")
        .await
        .expect::<Value>(StatusCode::CREATED);
    app.book(booking(&b, "2026-12-03T14:30:00+07:00", phone, None), "b4")
        .await
        .expect_error(StatusCode::CONFLICT, "too_many_bookings_for_phone");
    // Replays of bookings it holds still answer them.
    app.book(
        booking(&b, "2026-12-03T08:00:00+07:00", phone, Some("Lê Văn Cường")),
        "b0",
    )
    .await
    .expect::<Value>(StatusCode::CREATED);
}

#[tokio::test]
async fn a_kiosk_tokens_burst_of_numbers_and_bookings_meets_429() {
    let app = spawn_app_limited(RequestLimits::lobby(), |_| {}).await;
    let a = service_in("A");
    let b = service_in("B");
    for i in 0..6 {
        app.issue_ok(&app.kiosk, BA_DINH, &a, &format!("t{i}"))
            .await;
    }
    for i in 0..4 {
        app.book(
            booking(&b, SLOT, &format!("091234560{i}"), None),
            &format!("b{i}"),
        )
        .await
        .expect::<Value>(StatusCode::CREATED);
    }
    let refused = app
        .book(booking(&b, SLOT, "0912345699", None), "b-over")
        .await;
    refused.expect_error(StatusCode::TOO_MANY_REQUESTS, "too_many_visits");
    assert_eq!(retry_after(&refused), 6);
    let refused = app.issue(&app.kiosk, BA_DINH, &a, "t-over").await;
    refused.expect_error(StatusCode::TOO_MANY_REQUESTS, "too_many_visits");
    // The other office's kiosk is not held up by this one.
    app.issue_ok(&app.kiosk_hoan_kiem, HOAN_KIEM, &a, "hk")
        .await;
    // Six seconds later, one more.
    app.set_time(app.clock_now() + Duration::seconds(6));
    app.issue_ok(&app.kiosk, BA_DINH, &a, "t-over").await;
    app.issue(&app.kiosk, BA_DINH, &a, "t-over-2")
        .await
        .expect_error(StatusCode::TOO_MANY_REQUESTS, "too_many_visits");
}

#[tokio::test]
async fn a_replayed_booking_with_another_name_or_phone_is_refused_and_an_identical_one_answered() {
    let app = spawn_app().await;
    let b = service_in("B");
    let first: wire::Appointment = app
        .book(
            booking(&b, SLOT, "0912345678", Some("Nguyễn Văn An")),
            "one-key",
        )
        .await
        .expect(StatusCode::CREATED);
    let again: wire::Appointment = app
        .book(
            booking(&b, SLOT, "0912345678", Some("Nguyễn Văn An")),
            "one-key",
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(again, first);
    for other in [
        booking(&b, SLOT, "0912345678", Some("Trần Thị Bình")),
        booking(&b, SLOT, "0912345678", None),
        booking(&b, SLOT, "0987654321", Some("Nguyễn Văn An")),
        booking(
            &b,
            "2026-12-03T08:30:00+07:00",
            "0912345678",
            Some("Nguyễn Văn An"),
        ),
    ] {
        app.book(other, "one-key")
            .await
            .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    }
    // Tickets compare their whole body already: another procedure is refused too.
    app.issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "ticket-key")
        .await;
    app.issue(&app.kiosk, BA_DINH, &b, "ticket-key")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
}

/// Two kiosks, each serving a visitor every ten seconds for ten minutes, the staff
/// calling them, typos in booking codes, a hundred phones behind the same address
/// reading their tickets at once: nothing meets a limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_lobbys_traffic_never_meets_a_limit() {
    let app = spawn_app_limited(RequestLimits::lobby(), |seeds| {
        for seed in seeds.iter_mut() {
            seed.seats = 1000;
            seed.occupancy_ratio = 1.0;
            for slot in &mut seed.slots {
                slot.capacity = 100;
            }
        }
    })
    .await;
    let a = service_in("A");
    let b = service_in("B");
    let kiosks = [(&app.kiosk, BA_DINH), (&app.kiosk_hoan_kiem, HOAN_KIEM)];
    let mut tickets = Vec::new();
    let mut answered = 0;
    let started = app.clock_now();
    for step in 0..60i64 {
        app.set_time(started + Duration::seconds(10 * step));
        for (k, (token, office)) in kiosks.iter().enumerate() {
            let mut replies = vec![
                app.get(&format!("/offices/{office}/catalogue"), Some(token))
                    .await,
                app.get(&format!("/offices/{office}/queues"), Some(token))
                    .await,
                app.get(&format!("/offices/{office}/status"), None).await,
            ];
            let key = format!("visit-{step}-{k}");
            match step % 3 {
                0 | 1 => {
                    let issued = app.issue(token, office, &a, &key).await;
                    if issued.status == StatusCode::CREATED {
                        tickets.push(issued.json::<wire::Ticket>().id);
                    }
                    replies.push(issued);
                }
                _ => {
                    replies.push(
                        app.get(
                            &format!("/offices/{office}/slots?service={b}&date=2026-12-03"),
                            Some(token),
                        )
                        .await,
                    );
                    replies.push(
                        app.post(
                            &format!("/offices/{office}/appointments"),
                            Some(token),
                            Some(&key),
                            Some(booking(
                                &b,
                                SLOT,
                                &format!("09{:08}", step * 2 + k as i64),
                                None,
                            )),
                        )
                        .await,
                    );
                    replies.push(
                        app.post(
                            &format!("/offices/{office}/appointments/lookup"),
                            Some(token),
                            None,
                            Some(json!({ "name": "Phạm Minh Đức" })),
                        )
                        .await,
                    );
                }
            }
            // A visitor mistypes a code now and then.
            if step % 12 == 5 {
                replies.push(check_in(&app, token, &unbooked_code(step as usize)).await);
            }
            if step % 3 == 0 {
                replies.push(
                    app.post(
                        "/kiosks/heartbeat",
                        Some(token),
                        None,
                        Some(json!({
                            "app_version": "1.0.0", "profile_id": null, "profile_version": null,
                            "printer": "ready", "last_error": null, "uptime_seconds": step * 10
                        })),
                    )
                    .await,
                );
            }
            for reply in &replies {
                assert_ne!(
                    reply.status,
                    StatusCode::TOO_MANY_REQUESTS,
                    "step {step}: {}",
                    reply.text()
                );
                answered += 1;
            }
        }
        // The counter calls someone now and then; every phone in the lobby asks again.
        if step % 6 == 0 {
            let call = app
                .call_next(crate::common::STAFF_COUNTER, &app.staff)
                .await;
            assert_ne!(call.status, StatusCode::TOO_MANY_REQUESTS);
            let reads = futures::future::join_all((0..100).map(|i| {
                let id = tickets
                    .get(i % tickets.len().max(1))
                    .cloned()
                    .unwrap_or_default();
                let app = &app;
                async move { app.get(&format!("/tickets/{id}"), None).await }
            }))
            .await;
            for reply in reads {
                assert_ne!(
                    reply.status,
                    StatusCode::TOO_MANY_REQUESTS,
                    "{}",
                    reply.text()
                );
                answered += 1;
            }
        }
    }
    assert!(answered > 1000, "{answered}");
    assert!(tickets.len() >= 70, "{}", tickets.len());
}

#[tokio::test]
async fn a_lock_noted_by_another_instance_or_before_a_restart_holds() {
    let app = spawn_app_limited(RequestLimits::lobby(), |_| {}).await;
    let other = central::store::sqlite::SqliteStore::open(&app.db_url)
        .await
        .expect("the same database");
    let until = app.clock_now() + Duration::minutes(3);
    central::store::Store::lock_check_in(&other, &central::access::token_hash(&app.kiosk), until)
        .await
        .expect("noted");
    let refused = check_in(&app, &app.kiosk, &unbooked_code(1)).await;
    refused.expect_error(StatusCode::TOO_MANY_REQUESTS, "check_in_locked");
    assert_eq!(retry_after(&refused), 180);
    assert!(fleet_lock(&app, BA_DINH).await.is_some());
    check_in(&app, &app.kiosk_hoan_kiem, &unbooked_code(1))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_appointment");
}
