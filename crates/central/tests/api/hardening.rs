//! What an attacker or a careless client meets: headers that keep answers from being
//! kept, framed or sniffed; strict dates and queries; names without control or
//! direction characters; an OpenAPI document whose parameters are where they are
//! sent; and a database no other user can read.

use std::os::unix::fs::PermissionsExt;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{service_in, spawn_app, start_day, BA_DINH};

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_api_answers_are_not_stored() {
    let app = spawn_app().await;
    let ticket = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "h-1")
        .await;
    let answers = [
        (
            "an API answer",
            app.get(&format!("/tickets/{}", ticket.id), None).await,
        ),
        (
            "an API error",
            app.get("/offices/nowhere/queues", Some(&app.admin)).await,
        ),
        (
            "an unknown address",
            app.send(app.client.get(format!("{}/no/such/page", app.base)))
                .await,
        ),
        (
            "the phone page",
            app.send(app.client.get(&ticket.track_url)).await,
        ),
        ("the health check", app.get("/health", None).await),
    ];
    for (what, reply) in &answers {
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{what}");
        assert_eq!(
            reply.header("referrer-policy"),
            Some("no-referrer"),
            "{what}"
        );
        assert!(reply.header("content-security-policy").is_some(), "{what}");
    }
    // The ticket's status and its phone page are the ticket's secret's own.
    for (what, reply) in [&answers[0], &answers[3]] {
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{what}");
    }
    // A JSON answer runs nothing, even opened as a page.
    assert!(answers[0]
        .1
        .header("content-security-policy")
        .is_some_and(|p| p.contains("default-src 'none'")));
    // The catalogue, public, may be kept but is asked for again before use.
    let catalogue = app
        .get(&format!("/offices/{BA_DINH}/catalogue"), Some(&app.kiosk))
        .await;
    assert_eq!(catalogue.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn dates_are_strict_year_month_day_within_the_working_years() {
    let app = spawn_app().await;
    let service = service_in("A");
    let today = start_day();
    let good = app
        .get(
            &format!("/offices/{BA_DINH}/slots?service={service}&date={today}"),
            Some(&app.kiosk),
        )
        .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.text());
    for date in ["2026-12-3", "-001-01-01", "2026-02-30", "20261203"] {
        app.get(
            &format!("/offices/{BA_DINH}/slots?service={service}&date={date}"),
            Some(&app.kiosk),
        )
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_date");
        app.get(
            &format!("/offices/{BA_DINH}/tickets?date={date}"),
            Some(&app.admin),
        )
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_date");
    }
    app.get(
        &format!("/offices/{BA_DINH}/tickets?date=1999-12-31"),
        Some(&app.admin),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_date");
    let calendar = json!({
        "opening_hours": [{ "weekdays": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "17:00" }],
        "closed_days": ["0001-01-01"],
    });
    let refused = app
        .put(
            &format!("/offices/{BA_DINH}/calendar"),
            Some(&app.admin),
            calendar,
        )
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_calendar");
    assert!(refused.to_string().contains("closed_days[0]"), "{refused}");
}

#[tokio::test]
async fn a_query_that_is_not_utf8_is_refused_not_guessed_at() {
    let app = spawn_app().await;
    let reply = app
        .get(
            &format!("/offices/{BA_DINH}/tickets?date=2026-12-0%FF"),
            Some(&app.admin),
        )
        .await;
    reply.expect_error(StatusCode::BAD_REQUEST, "invalid_query");
    let reply = app
        .send(app.client.get(format!(
            "{}/api/v1/counters/{}/announcement.wav?number=A-%C3",
            app.base,
            crate::common::STAFF_COUNTER
        )))
        .await;
    reply.expect_error(StatusCode::BAD_REQUEST, "invalid_query");
}

#[tokio::test]
async fn a_whole_number_written_with_a_decimal_point_is_a_whole_number() {
    let app = spawn_app().await;
    let calendar = json!({
        "opening_hours": [{ "weekdays": [1.0, 2, 3, 4, 5], "opens": "08:00", "closes": "17:00" }],
        "closed_days": [],
    });
    let office: Value = app
        .put(
            &format!("/offices/{BA_DINH}/calendar"),
            Some(&app.admin),
            calendar,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        office["opening_hours"][0]["weekdays"],
        json!([1, 2, 3, 4, 5])
    );
    let half = json!({
        "opening_hours": [{ "weekdays": [1.5], "opens": "08:00", "closes": "17:00" }],
        "closed_days": [],
    });
    app.put(
        &format!("/offices/{BA_DINH}/calendar"),
        Some(&app.admin),
        half,
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
}

#[tokio::test]
async fn a_kiosk_name_with_a_direction_override_is_refused() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/kiosks/register",
            Some(&app.kiosk),
            None,
            Some(json!({ "name": "s\u{202E}nahK", "app_version": "0.1.0" })),
        )
        .await;
    let body = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_registration");
    assert_eq!(body["problems"][0]["field"], "name", "{body}");
}

#[tokio::test]
async fn the_openapi_document_puts_each_parameter_where_it_is_sent() {
    let app = spawn_app().await;
    let doc: Value = app.get("/openapi.json", None).await.expect(StatusCode::OK);
    let params = |path: &str, method: &str| -> Vec<(String, String)> {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .unwrap_or_else(|| panic!("{method} {path} has no parameters"))
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_owned(),
                    p["in"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let slots = params("/offices/{office}/slots", "get");
    for name in ["service", "date"] {
        assert!(slots.contains(&(name.into(), "query".into())), "{slots:?}");
    }
    assert!(params("/offices/{office}/tickets", "get").contains(&("date".into(), "query".into())));
    assert!(params("/counters/{counter}/announcement.wav", "get")
        .contains(&("number".into(), "query".into())));
    for path in ["/tickets/{id}/complete", "/tickets/{id}/no-show"] {
        assert!(
            doc["paths"][path]["post"]["responses"]["401"].is_object(),
            "{path}"
        );
    }
    assert!(doc["paths"]["/offices/{office}/tickets"]["get"]["responses"]["404"].is_object());
    let key = doc["paths"]["/offices/{office}/tickets"]["post"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Idempotency-Key")
        .unwrap()
        .clone();
    assert_eq!(key["schema"]["pattern"], "^[!-~]{1,128}$", "{key}");
    let session = &doc["components"]["schemas"]["OpeningSession"]["properties"];
    assert_eq!(session["weekdays"]["items"]["minimum"], 1, "{session}");
    assert_eq!(session["weekdays"]["items"]["maximum"], 7, "{session}");
    assert!(session["opens"]["pattern"].is_string(), "{session}");
    let lookup = &doc["components"]["schemas"]["AppointmentLookup"]["properties"]["name"];
    assert_eq!(lookup["maxLength"], 100, "{lookup}");
}

#[tokio::test]
async fn the_database_and_its_journal_are_readable_by_the_central_alone() {
    let app = spawn_app().await;
    app.issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "m-1")
        .await;
    let file = app.db_url.trim_start_matches("sqlite://").to_owned();
    for path in [file.clone(), format!("{file}-wal"), format!("{file}-shm")] {
        let mode = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{path} has mode {:o}", mode & 0o777);
    }
}

#[tokio::test]
async fn who_may_act_is_checked_before_the_body_is_judged() {
    let app = spawn_app().await;
    // A kiosk may not change an office's calendar: it learns that, not the body's faults.
    app.put(
        &format!("/offices/{BA_DINH}/calendar"),
        Some(&app.kiosk),
        json!({ "opening_hours": "not a list", "secret_field": 1 }),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.post(
        "/profiles",
        Some(&app.staff),
        None,
        Some(json!({ "nonsense": true })),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "forbidden");
    let sent_as_text = app
        .send(
            app.client
                .post(app.api(&format!("/offices/{BA_DINH}/tickets")))
                .bearer_auth(&app.kiosk_hoan_kiem)
                .header("Idempotency-Key", "t-1")
                .body("not json"),
        )
        .await;
    sent_as_text.expect_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn a_counter_of_another_office_answers_as_an_unknown_one() {
    let app = spawn_app().await;
    let elsewhere = app.call_next("hn-hoan-kiem-q1", &app.staff).await;
    let nowhere = app.call_next("hn-nowhere-q1", &app.staff).await;
    let elsewhere_body = elsewhere.expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    let nowhere_body = nowhere.expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    assert_eq!(
        elsewhere_body["message"]
            .as_str()
            .unwrap()
            .replace("hn-hoan-kiem-q1", "X"),
        nowhere_body["message"]
            .as_str()
            .unwrap()
            .replace("hn-nowhere-q1", "X"),
    );
    // Within its own office a staff member knows the counters: another one is 403.
    app.call_next("hn-ba-dinh-q1", &app.staff)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn a_visitor_name_with_control_or_direction_characters_is_refused_and_not_stored() {
    let app = spawn_app().await;
    let service = service_in("A");
    let day = (start_day() + chrono::Duration::days(1)).to_string();
    let slot = app.first_slot(&service, &day).await;
    for (i, name) in ["Nguyễn\u{0}An", "\u{202E}nA nễyugN", "An\u{2066}"]
        .into_iter()
        .enumerate()
    {
        let body = json!({
            "service": service,
            "slot_start": slot.start,
            "contact": { "phone": "0912345678", "name": name },
        });
        app.book(body, &format!("n-{i}"))
            .await
            .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_name");
        app.post(
            &format!("/offices/{BA_DINH}/appointments/lookup"),
            Some(&app.kiosk),
            None,
            Some(json!({ "name": name })),
        )
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_name");
    }
    // Nothing was booked: the slot keeps every place.
    assert_eq!(
        app.first_slot(&service, &day).await.remaining,
        slot.remaining
    );
}
