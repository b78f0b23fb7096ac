//! Finding today's bookings by the name on a citizen ID card, without the ID number.

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use crate::common::{local, service_in, spawn_app, Reply, TestApp, BA_DINH, HOAN_KIEM};

/// Thursday 3 December 2026, the first day with demo slots.
fn slot_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).expect("valid date")
}

/// Books `slot_start` for a procedure of `group` at `office`; returns the code.
async fn book(
    app: &TestApp,
    office: &str,
    group: &str,
    slot_start: &str,
    phone: &str,
    name: Option<&str>,
) -> String {
    let token = if office == BA_DINH {
        &app.kiosk
    } else {
        &app.kiosk_hoan_kiem
    };
    let booked: wire::Appointment = app
        .post(
            &format!("/offices/{office}/appointments"),
            Some(token),
            Some(&format!("{office}-{group}-{slot_start}-{phone}")),
            Some(json!({
                "service": service_in(group),
                "slot_start": slot_start,
                "contact": { "phone": phone, "name": name }
            })),
        )
        .await
        .expect(StatusCode::CREATED);
    booked.code
}

async fn lookup(app: &TestApp, token: Option<&str>, name: &str) -> Reply {
    app.post(
        &format!("/offices/{BA_DINH}/appointments/lookup"),
        token,
        None,
        Some(json!({ "name": name })),
    )
    .await
}

async fn found(app: &TestApp, name: &str) -> Vec<wire::FoundAppointment> {
    let answer: wire::FoundAppointments = lookup(app, Some(&app.kiosk), name)
        .await
        .expect(StatusCode::OK);
    answer.appointments
}

#[tokio::test]
async fn todays_bookings_are_found_by_the_name_on_the_card() {
    let app = spawn_app().await;
    // Booked the day before, typed in mixed case by two namesakes, and others.
    let an_0800 = book(
        &app,
        BA_DINH,
        "B",
        "2026-12-03T08:00:00+07:00",
        "0912345567",
        Some("Nguyễn Văn An"),
    )
    .await;
    let an_1400 = book(
        &app,
        BA_DINH,
        "A",
        "2026-12-03T14:00:00+07:00",
        "0987654321",
        Some("  nguyễn  văn an "),
    )
    .await;
    let without_marks = book(
        &app,
        BA_DINH,
        "A",
        "2026-12-03T08:30:00+07:00",
        "0911111111",
        Some("Nguyen Van An"),
    )
    .await;
    book(
        &app,
        BA_DINH,
        "A",
        "2026-12-03T09:00:00+07:00",
        "0922222222",
        Some("Nguyễn Văn Anh"),
    )
    .await;
    book(
        &app,
        BA_DINH,
        "C",
        "2026-12-03T09:00:00+07:00",
        "0933333333",
        None,
    )
    .await;
    // Same name, but tomorrow, and at the other office.
    book(
        &app,
        BA_DINH,
        "B",
        "2026-12-04T08:00:00+07:00",
        "0944444444",
        Some("Nguyễn Văn An"),
    )
    .await;
    book(
        &app,
        HOAN_KIEM,
        "B",
        "2026-12-03T08:00:00+07:00",
        "0955555555",
        Some("Nguyễn Văn An"),
    )
    .await;

    // The morning of 3 December; the card prints the name in capitals.
    app.set_time(local(slot_day(), 7, 0));
    let on_card = found(&app, "NGUYỄN VĂN AN").await;
    let codes: Vec<&str> = on_card.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, [an_0800.as_str(), an_1400.as_str()], "{on_card:?}");
    let first = &on_card[0];
    assert_eq!(first.service, service_in("B"));
    assert_eq!(first.slot_start, "2026-12-03T08:00:00+07:00");
    assert_eq!(first.slot_end, "2026-12-03T08:30:00+07:00");
    assert_eq!(first.check_in.opens_at, "2026-12-03T07:30:00+07:00");
    assert_eq!(first.check_in.closes_at, "2026-12-03T08:15:00+07:00");
    assert_eq!(first.phone_hint, "••• 567");
    assert_eq!(on_card[1].phone_hint, "••• 321");
    let raw = lookup(&app, Some(&app.kiosk), "NGUYỄN VĂN AN").await;
    assert!(
        !raw.text().contains("0912345567") && !raw.text().contains("0987654321"),
        "no whole phone number: {}",
        raw.text()
    );

    // The same name with combining marks (as some readers send it) is the same name.
    let decomposed: String = "NGUYỄN VĂN AN".nfd().collect();
    assert_eq!(found(&app, &decomposed).await, on_card);
    // Diacritics matter: without them it is someone else.
    let plain = found(&app, "nguyen van an").await;
    assert_eq!(
        plain.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(),
        [without_marks.as_str()]
    );
    assert!(found(&app, "Trần Thị Bình").await.is_empty());

    // The next day only that day's booking is found.
    app.set_time(local(slot_day().succ_opt().unwrap(), 7, 0));
    let next_day = found(&app, "Nguyễn Văn An").await;
    assert_eq!(next_day.len(), 1);
    assert_eq!(next_day[0].slot_start, "2026-12-04T08:00:00+07:00");
    assert_eq!(next_day[0].phone_hint, "••• 444");

    // A found code checks in like a typed one.
    app.set_time(local(slot_day(), 7, 45));
    let ticket: wire::Ticket = app
        .post(
            &format!("/appointments/{an_0800}/check-in"),
            Some(&app.kiosk),
            None,
            None,
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(ticket.priority, wire::Priority::Appointment);
}

#[tokio::test]
async fn lookup_is_for_the_offices_kiosks_and_staff_with_a_sensible_name() {
    let app = spawn_app().await;
    lookup(&app, None, "Nguyễn Văn An")
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    lookup(&app, Some(&app.kiosk_hoan_kiem), "Nguyễn Văn An")
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    for token in [&app.kiosk, &app.staff, &app.admin] {
        let answer: wire::FoundAppointments = lookup(&app, Some(token), "Nguyễn Văn An")
            .await
            .expect(StatusCode::OK);
        assert!(answer.appointments.is_empty());
    }
    app.post(
        "/offices/hn-nowhere/appointments/lookup",
        Some(&app.admin),
        None,
        Some(json!({ "name": "Nguyễn Văn An" })),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "unknown_office");

    for name in ["", "   \t ", &"Ă".repeat(101)] {
        let body = lookup(&app, Some(&app.kiosk), name)
            .await
            .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_name");
        if !name.trim().is_empty() {
            assert!(
                !body.to_string().contains(name),
                "the name is not echoed: {body}"
            );
        }
    }
    // 100 characters (each a letter with a diacritic, two bytes in UTF-8) are fine.
    lookup(&app, Some(&app.kiosk), &"Ă".repeat(100))
        .await
        .expect::<wire::FoundAppointments>(StatusCode::OK);

    for body in [
        json!({}),
        json!({ "name": 42 }),
        json!({ "name": "Nguyễn Văn An", "id_number": "001090123456" }),
    ] {
        let reply = app
            .post(
                &format!("/offices/{BA_DINH}/appointments/lookup"),
                Some(&app.kiosk),
                None,
                Some(body.clone()),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{body}: {}",
            reply.text()
        );
        assert_eq!(reply.error_body()["error"], "invalid_json");
    }
    // A GET, which would put the name in the address, is not answered.
    app.get(
        &format!("/offices/{BA_DINH}/appointments/lookup?name=An"),
        Some(&app.kiosk),
    )
    .await
    .expect_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}
