//! Opening hours, lunch breaks, weekends and public holidays: what a kiosk is
//! told, numbers refused while closed, the admin's calendar, and early or late
//! check-in.

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{local, service_in, spawn_app, start_day, TestApp, BA_DINH, HOAN_KIEM};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// `GET /offices/{office}/status`, without a token.
async fn status(app: &TestApp, office: &str) -> wire::OfficeStatus {
    app.get(&format!("/offices/{office}/status"), None)
        .await
        .expect(StatusCode::OK)
}

/// The opening of the queue overview a kiosk polls.
async fn queue_opening(app: &TestApp) -> wire::OpeningStatus {
    let overview: wire::QueueOverview = app
        .get(&format!("/offices/{BA_DINH}/queues"), Some(&app.kiosk))
        .await
        .expect(StatusCode::OK);
    overview.opening
}

fn open_until(at: &str) -> wire::OpeningStatus {
    wire::OpeningStatus {
        open: true,
        closes_at: Some(at.into()),
        opens_at: None,
    }
}

fn closed_until(at: &str) -> wire::OpeningStatus {
    wire::OpeningStatus {
        open: false,
        closes_at: None,
        opens_at: Some(at.into()),
    }
}

/// Sets the clock and checks the status and the queue overview agree on `expected`.
async fn opening_at(app: &TestApp, at: chrono::DateTime<chrono::Utc>) -> wire::OpeningStatus {
    app.set_time(at);
    let public = status(app, BA_DINH).await;
    let polled = queue_opening(app).await;
    assert_eq!(public.opening, polled, "status and queues agree");
    public.opening
}

#[tokio::test]
async fn the_status_tells_the_centrals_time_and_whether_the_office_is_open() {
    let app = spawn_app().await;
    // Wednesday 2 December 2026, 09:00: the morning session.
    let now = status(&app, BA_DINH).await;
    assert_eq!(now.office, BA_DINH);
    assert_eq!(now.now, "2026-12-02T09:00:00+07:00");
    assert_eq!(now.opening, open_until("2026-12-02T12:00:00+07:00"));
    assert_eq!(
        queue_opening(&app).await,
        open_until("2026-12-02T12:00:00+07:00")
    );

    let day = start_day();
    assert_eq!(
        opening_at(&app, local(day, 7, 59)).await,
        closed_until("2026-12-02T08:00:00+07:00"),
        "before opening"
    );
    assert_eq!(
        opening_at(&app, local(day, 8, 0)).await,
        open_until("2026-12-02T12:00:00+07:00"),
        "exactly at opening"
    );
    assert_eq!(
        opening_at(&app, local(day, 12, 0)).await,
        closed_until("2026-12-02T13:30:00+07:00"),
        "lunch break, from its first minute"
    );
    assert_eq!(
        opening_at(&app, local(day, 13, 30)).await,
        open_until("2026-12-02T17:00:00+07:00"),
        "afternoon"
    );
    assert_eq!(
        opening_at(&app, local(day, 17, 0)).await,
        closed_until("2026-12-03T08:00:00+07:00"),
        "evening"
    );
    // Saturday 5 December after its morning session: closed until Monday.
    assert_eq!(
        opening_at(&app, local(date(2026, 12, 5), 12, 30)).await,
        closed_until("2026-12-07T08:00:00+07:00"),
        "weekend"
    );
    // New Year's Day 2027 is a Friday; the office opens on Saturday morning.
    assert_eq!(
        opening_at(&app, local(date(2027, 1, 1), 9, 0)).await,
        closed_until("2027-01-02T08:00:00+07:00"),
        "public holiday"
    );
    // Thursday 11 February 2027 is the first working day after Tết (4–10 February).
    assert_eq!(
        opening_at(&app, local(date(2027, 2, 3), 17, 0)).await,
        closed_until("2027-02-11T08:00:00+07:00"),
        "Tết"
    );
    let later = status(&app, BA_DINH).await;
    assert_eq!(later.now, "2027-02-03T17:00:00+07:00");

    app.get("/offices/hn-nowhere/status", None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_office");
}

#[tokio::test]
async fn no_number_is_issued_while_the_office_is_closed() {
    let app = spawn_app().await;
    let a = service_in("A");
    let day = start_day();

    app.set_time(local(day, 7, 59));
    let refused = app.issue(&app.kiosk, BA_DINH, &a, "too-early").await;
    let body = refused.expect_error(StatusCode::CONFLICT, "office_closed");
    assert_eq!(body["opens_at"], "2026-12-02T08:00:00+07:00", "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("08:00"),
        "{body}"
    );

    // At opening the first number is A-001: the refusal used none.
    app.set_time(local(day, 8, 0));
    let first = app.issue_ok(&app.kiosk, BA_DINH, &a, "first").await;
    assert_eq!(first.number, "A-001");

    // Lunch break: refused, with the afternoon opening.
    app.set_time(local(day, 12, 10));
    let body = app
        .issue(&app.kiosk, BA_DINH, &a, "lunch")
        .await
        .expect_error(StatusCode::CONFLICT, "office_closed");
    assert_eq!(body["opens_at"], "2026-12-02T13:30:00+07:00", "{body}");
    // A retry of a number taken while open still gets that number back.
    let replay = app.issue_ok(&app.kiosk, BA_DINH, &a, "first").await;
    assert_eq!(replay.id, first.id);

    // Sunday, and a public holiday (Reunification Day, Friday 30 April 2027).
    app.set_time(local(date(2026, 12, 6), 10, 0));
    let body = app
        .issue(&app.kiosk, BA_DINH, &a, "sunday")
        .await
        .expect_error(StatusCode::CONFLICT, "office_closed");
    assert_eq!(body["opens_at"], "2026-12-07T08:00:00+07:00", "{body}");
    app.set_time(local(date(2027, 4, 30), 10, 0));
    let body = app
        .issue(&app.kiosk, BA_DINH, &a, "holiday")
        .await
        .expect_error(StatusCode::CONFLICT, "office_closed");
    // 1 May is a Saturday and a holiday too, so Monday 3 May is its day off.
    assert_eq!(body["opens_at"], "2027-05-04T08:00:00+07:00", "{body}");

    // Back on 2 December afternoon, numbering goes on from A-001.
    app.set_time(local(day, 13, 30));
    let second = app.issue_ok(&app.kiosk, BA_DINH, &a, "second").await;
    assert_eq!(second.number, "A-002");
    let numbers: Vec<String> = app
        .day_list(BA_DINH, Some("2026-12-02"))
        .await
        .into_iter()
        .map(|t| t.number)
        .collect();
    assert_eq!(numbers, ["A-001", "A-002"], "no number went to a refusal");
}

#[tokio::test]
async fn booking_and_checking_in_go_on_while_closed() {
    let app = spawn_app().await;
    let b = service_in("B");
    // Wednesday evening: closed, yet a slot for tomorrow 08:00 can be booked.
    app.set_time(local(start_day(), 20, 0));
    let booked: wire::Appointment = app
        .post(
            &format!("/offices/{BA_DINH}/appointments"),
            Some(&app.kiosk),
            Some("evening-booking"),
            Some(json!({
                "service": b,
                "slot_start": "2026-12-03T08:00:00+07:00",
                "contact": { "phone": "0912345678" }
            })),
        )
        .await
        .expect(StatusCode::CREATED);
    // 07:35 next morning: the office is not open yet, but the booking's window is.
    app.set_time(local(date(2026, 12, 3), 7, 35));
    assert!(!status(&app, BA_DINH).await.opening.open);
    let ticket: wire::Ticket = app
        .post(
            &format!("/appointments/{}/check-in", booked.code),
            Some(&app.kiosk),
            None,
            None,
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(ticket.number, "B-001");
    assert_eq!(ticket.priority, wire::Priority::Appointment);
    // A walk-in at the same minute is still refused.
    app.issue(&app.kiosk, BA_DINH, &b, "walk-in")
        .await
        .expect_error(StatusCode::CONFLICT, "office_closed");
}

#[tokio::test]
async fn check_in_outside_the_window_says_whether_the_visitor_is_early_or_late() {
    let app = spawn_app().await;
    let a = service_in("A");
    let booked: wire::Appointment = app
        .post(
            &format!("/offices/{BA_DINH}/appointments"),
            Some(&app.kiosk),
            Some("booking"),
            Some(json!({
                "service": a,
                "slot_start": "2026-12-03T09:00:00+07:00",
                "contact": { "phone": "0912345678" }
            })),
        )
        .await
        .expect(StatusCode::CREATED);
    let check_in = format!("/appointments/{}/check-in", booked.code);
    let slot_day = date(2026, 12, 3);

    // One minute before the window opens (08:30).
    app.set_time(local(slot_day, 8, 29));
    let body = app
        .post(&check_in, Some(&app.kiosk), None, None)
        .await
        .expect_error(StatusCode::CONFLICT, "outside_check_in_window");
    assert_eq!(body["arrival"], "early", "{body}");
    assert_eq!(body["window"]["opens_at"], "2026-12-03T08:30:00+07:00");
    assert_eq!(body["window"]["closes_at"], "2026-12-03T09:15:00+07:00");

    // One minute after it closed (09:15).
    app.set_time(local(slot_day, 9, 16));
    let body = app
        .post(&check_in, Some(&app.kiosk), None, None)
        .await
        .expect_error(StatusCode::CONFLICT, "outside_check_in_window");
    assert_eq!(body["arrival"], "late", "{body}");
    assert_eq!(body["window"]["closes_at"], "2026-12-03T09:15:00+07:00");

    // Other refusals carry no arrival.
    let body = app
        .issue(&app.kiosk, BA_DINH, "9.999999", "unknown")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_service");
    assert!(body.get("arrival").is_none(), "{body}");
}

fn calendar_body() -> Value {
    json!({
        "opening_hours": [
            { "weekdays": [1, 2, 3, 4, 5], "opens": "07:30", "closes": "11:30" },
            { "weekdays": [1, 2, 3, 4, 5], "opens": "13:00", "closes": "16:30" }
        ],
        // Out of order and repeated on purpose: kept sorted, once each.
        "closed_days": ["2026-12-04", "2026-12-03", "2026-12-04"]
    })
}

async fn put_calendar(
    app: &TestApp,
    office: &str,
    token: Option<&str>,
    body: Value,
) -> crate::common::Reply {
    let mut request = app
        .client
        .put(app.api(&format!("/offices/{office}/calendar")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    app.send(request.json(&body)).await
}

async fn office(app: &TestApp, id: &str) -> wire::Office {
    let offices: Vec<wire::Office> = app.get("/offices", None).await.expect(StatusCode::OK);
    offices
        .into_iter()
        .find(|o| o.id == id)
        .expect("the office is listed")
}

#[tokio::test]
async fn an_admin_replaces_the_calendar_and_the_office_follows_it() {
    let app = spawn_app().await;
    let before = office(&app, BA_DINH).await;
    assert!(
        before.closed_days.contains(&"2027-01-01".to_string()),
        "the demo offices close on public holidays: {:?}",
        before.closed_days
    );

    let updated: wire::Office = put_calendar(&app, BA_DINH, Some(&app.admin), calendar_body())
        .await
        .expect(StatusCode::OK);
    assert_eq!(updated.closed_days, ["2026-12-03", "2026-12-04"]);
    assert_eq!(updated.opening_hours.len(), 2);
    assert_eq!(updated.opening_hours[1].opens, "13:00");
    assert_eq!(office(&app, BA_DINH).await, updated, "the listing shows it");
    // The other office keeps its own calendar.
    assert_eq!(
        office(&app, HOAN_KIEM).await.closed_days,
        before.closed_days
    );

    // Wednesday 16:45 was open before; now the afternoon ends at 16:30 and
    // Thursday and Friday are closed, so the next opening is Monday 07:30.
    app.set_time(local(start_day(), 16, 45));
    assert_eq!(
        status(&app, BA_DINH).await.opening,
        closed_until("2026-12-07T07:30:00+07:00")
    );
    let body = app
        .issue(&app.kiosk, BA_DINH, &service_in("A"), "late-afternoon")
        .await
        .expect_error(StatusCode::CONFLICT, "office_closed");
    assert_eq!(body["opens_at"], "2026-12-07T07:30:00+07:00");
    // The other office, on the demo hours, is still open.
    assert!(status(&app, HOAN_KIEM).await.opening.open);

    // 07:30 on Monday: open, with the queue overview saying so.
    app.set_time(local(date(2026, 12, 7), 7, 30));
    assert_eq!(
        queue_opening(&app).await,
        open_until("2026-12-07T11:30:00+07:00")
    );
    app.issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "monday")
        .await;

    // An office with no opening at all says so.
    let closed: wire::Office = put_calendar(
        &app,
        BA_DINH,
        Some(&app.admin),
        json!({ "opening_hours": [], "closed_days": [] }),
    )
    .await
    .expect(StatusCode::OK);
    assert!(closed.opening_hours.is_empty());
    let body = app
        .issue(&app.kiosk, BA_DINH, &service_in("A"), "never")
        .await
        .expect_error(StatusCode::CONFLICT, "office_closed");
    assert!(body.get("opens_at").is_none(), "{body}");
    assert_eq!(
        status(&app, BA_DINH).await.opening,
        wire::OpeningStatus {
            open: false,
            closes_at: None,
            opens_at: None
        }
    );
}

#[tokio::test]
async fn only_an_admin_changes_a_calendar() {
    let app = spawn_app().await;
    put_calendar(&app, BA_DINH, None, calendar_body())
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    put_calendar(&app, BA_DINH, Some(&app.kiosk), calendar_body())
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    put_calendar(&app, BA_DINH, Some(&app.staff), calendar_body())
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    put_calendar(&app, "hn-nowhere", Some(&app.admin), calendar_body())
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_office");
    let unchanged = office(&app, BA_DINH).await;
    assert_eq!(unchanged.opening_hours[0].opens, "08:00");
}

#[tokio::test]
async fn a_bad_calendar_is_refused_with_every_problem_and_changes_nothing() {
    let app = spawn_app().await;
    let before = office(&app, BA_DINH).await;
    let body = json!({
        "opening_hours": [
            { "weekdays": [1, 2, 3, 4, 5], "opens": "07:30", "closes": "11:30" },
            { "weekdays": [0, 8], "opens": "7h30", "closes": "25:00" },
            { "weekdays": [5], "opens": "11:00", "closes": "12:00" },
            { "weekdays": [], "opens": "17:00", "closes": "16:00" }
        ],
        "closed_days": ["2026-02-30", "01/05/2027", "2027-05-01"]
    });
    let reply = put_calendar(&app, BA_DINH, Some(&app.admin), body).await;
    let error = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_calendar");
    let problems = error["problems"].as_array().expect("a problems list");
    let fields: Vec<&str> = problems
        .iter()
        .map(|p| {
            assert!(p["message"].as_str().is_some_and(|m| !m.is_empty()), "{p}");
            p["field"].as_str().expect("a field")
        })
        .collect();
    assert_eq!(
        fields,
        [
            "opening_hours[1].weekdays",
            "opening_hours[1].weekdays",
            "opening_hours[1].opens",
            "opening_hours[1].closes",
            "opening_hours[3].weekdays",
            "opening_hours[3]",
            "opening_hours[2]",
            "closed_days[0]",
            "closed_days[1]",
        ],
        "{error}"
    );
    assert_eq!(office(&app, BA_DINH).await, before, "nothing changed");

    // Malformed bodies are refused before they are read as a calendar.
    for (body, why) in [
        (json!({ "opening_hours": [] }), "no closed_days"),
        (
            json!({ "opening_hours": [], "closed_days": [], "seats": 3 }),
            "unknown field",
        ),
        (
            json!({ "opening_hours": [{ "weekdays": [300], "opens": "08:00", "closes": "09:00" }], "closed_days": [] }),
            "weekday out of range of a byte",
        ),
        (
            json!({ "opening_hours": "08:00-17:00", "closed_days": [] }),
            "not a list",
        ),
    ] {
        let reply = put_calendar(&app, BA_DINH, Some(&app.admin), body).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{why}: {}",
            reply.text()
        );
        reply.error_body();
    }
}

#[tokio::test]
async fn a_day_closed_after_its_slots_were_made_offers_none_of_them() {
    let app = spawn_app().await;
    let b = service_in("B");
    app.set_time(local(start_day(), 9, 0));
    let slots_on = |day: &'static str| {
        let app = &app;
        let b = b.clone();
        async move {
            let list: wire::SlotList = app
                .get(
                    &format!("/offices/{BA_DINH}/slots?service={b}&date={day}"),
                    Some(&app.kiosk),
                )
                .await
                .expect(StatusCode::OK);
            list.slots
        }
    };
    assert!(
        !slots_on("2026-12-03").await.is_empty(),
        "Thursday has slots"
    );

    // The office closes Thursday 3 December after the slots were made.
    let mut calendar = calendar_body();
    calendar["closed_days"] = json!(["2026-12-03"]);
    let _: wire::Office = put_calendar(&app, BA_DINH, Some(&app.admin), calendar)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        slots_on("2026-12-03").await,
        vec![],
        "no slot of a closed day"
    );
    assert!(
        !slots_on("2026-12-07").await.is_empty(),
        "Monday still has slots"
    );
    app.post(
        &format!("/offices/{BA_DINH}/appointments"),
        Some(&app.kiosk),
        Some("closed-day-booking"),
        Some(json!({
            "service": b,
            "slot_start": "2026-12-03T08:00:00+07:00",
            "contact": { "phone": "0912345678" }
        })),
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_slot");
}
