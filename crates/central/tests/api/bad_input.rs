//! Bad input gets `{"error", "message"}` with the right status, never a 500.

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{service_in, spawn_app, TestApp, BA_DINH};

/// Posts a raw body to the ticket endpoint with the kiosk token and a key.
async fn raw_ticket_post(
    app: &TestApp,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> crate::common::Reply {
    let mut request = app
        .client
        .post(app.api(&format!("/offices/{BA_DINH}/tickets")))
        .bearer_auth(&app.kiosk)
        .header("Idempotency-Key", "raw")
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    app.send(request).await
}

/// Posts `body` in 1 KiB chunks with no Content-Length, over a plain socket
/// (the HTTP client always knows the length); returns the status and body.
async fn chunked_ticket_post(app: &TestApp, body: &[u8]) -> (u16, String) {
    let address = app.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.expect("connect");
    let mut request = format!(
        "POST /api/v1/offices/{BA_DINH}/tickets HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {}\r\nIdempotency-Key: chunked\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        app.kiosk
    )
    .into_bytes();
    for chunk in body.chunks(1024) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    // The server may answer and close before reading everything; that is fine.
    let _ = stream.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    let (head, rest) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_owned()
    };
    (status, body)
}

fn dechunk(mut text: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = text.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        text = rest[size..].trim_start_matches("\r\n");
    }
    out
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    raw_ticket_post(&app, Some("application/json"), r#"{"service": "1.001193","#)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
    raw_ticket_post(&app, Some("application/json"), "")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
    assert!(app.day_list(BA_DINH, None).await.is_empty());
}

#[tokio::test]
async fn unknown_fields_and_values_are_named() {
    let app = spawn_app().await;
    let reply = raw_ticket_post(
        &app,
        Some("application/json"),
        json!({ "service": service_in("A"), "priority": "none", "colour": "red" }).to_string(),
    )
    .await;
    assert!(
        [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY].contains(&reply.status),
        "{}: {}",
        reply.status,
        reply.text()
    );
    let body = reply.error_body();
    assert!(
        body["message"].as_str().unwrap().contains("colour"),
        "{body}"
    );

    let reply = raw_ticket_post(
        &app,
        Some("application/json"),
        json!({ "service": service_in("A"), "priority": "vip" }).to_string(),
    )
    .await;
    assert!(
        reply.status.is_client_error(),
        "{}: {}",
        reply.status,
        reply.text()
    );
    assert!(reply.error_body()["message"]
        .as_str()
        .unwrap()
        .contains("vip"));

    let booking = json!({ "service": service_in("A"), "slot_start": "2026-12-03T08:00:00+07:00",
                          "contact": { "phone": "0912345678", "email": "a@b.vn" } });
    let reply = app
        .post(
            &format!("/offices/{BA_DINH}/appointments"),
            Some(&app.kiosk),
            Some("b"),
            Some(booking),
        )
        .await;
    assert!(
        reply.status.is_client_error(),
        "{}: {}",
        reply.status,
        reply.text()
    );
    assert!(reply.error_body()["message"]
        .as_str()
        .unwrap()
        .contains("email"));
}

#[tokio::test]
async fn unknown_service_and_reserved_priority_are_422() {
    let app = spawn_app().await;
    app.issue(&app.kiosk, BA_DINH, "9.999999", "unknown")
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_service");
    app.post(
        &format!("/offices/{BA_DINH}/tickets"),
        Some(&app.kiosk),
        Some("jump-the-queue"),
        Some(json!({ "service": service_in("A"), "priority": "appointment" })),
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_priority");
    app.get(
        &format!("/offices/{BA_DINH}/slots?service=9.999999&date=2026-12-03"),
        Some(&app.kiosk),
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_service");
    assert!(app.day_list(BA_DINH, None).await.is_empty());
}

#[tokio::test]
async fn dates_must_be_valid_and_in_range() {
    let app = spawn_app().await;
    let a = service_in("A");
    let slots = |date: &str| format!("/offices/{BA_DINH}/slots?service={a}&date={date}");
    for (date, status, code) in [
        ("2026-13-01", StatusCode::BAD_REQUEST, "invalid_date"),
        ("03/12/2026", StatusCode::BAD_REQUEST, "invalid_date"),
        (
            "2026-12-01",
            StatusCode::UNPROCESSABLE_ENTITY,
            "date_out_of_range",
        ),
        (
            "2027-12-02",
            StatusCode::UNPROCESSABLE_ENTITY,
            "date_out_of_range",
        ),
    ] {
        let reply = app.get(&slots(date), Some(&app.kiosk)).await;
        reply.expect_error(status, code);
    }
    // Today and the last day of the horizon are accepted.
    assert_eq!(
        app.get(&slots("2026-12-02"), Some(&app.kiosk)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&slots("2027-01-31"), Some(&app.kiosk)).await.status,
        StatusCode::OK
    );

    app.get(
        &format!("/offices/{BA_DINH}/slots?service={a}"),
        Some(&app.kiosk),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_query");
    app.get(
        &format!("/offices/{BA_DINH}/tickets?date=2026-02-30"),
        Some(&app.admin),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_date");
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let app = spawn_app().await;
    let huge = json!({ "service": "x".repeat(17 * 1024), "priority": "none" }).to_string();
    raw_ticket_post(&app, Some("application/json"), huge.clone())
        .await
        .expect_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // Without Content-Length (chunked), the limit still holds.
    let (status, body) = chunked_ticket_post(&app, huge.as_bytes()).await;
    assert_eq!(status, 413, "{body}");
    let body: serde_json::Value = serde_json::from_str(&body).expect("JSON error body");
    assert_eq!(body["error"], "payload_too_large");
}

#[tokio::test]
async fn a_body_that_is_not_declared_json_is_400() {
    let app = spawn_app().await;
    let body = json!({ "service": service_in("A"), "priority": "none" }).to_string();
    raw_ticket_post(&app, Some("text/plain"), body.clone())
        .await
        .expect_error(StatusCode::BAD_REQUEST, "unsupported_media_type");
    raw_ticket_post(&app, None, body)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "unsupported_media_type");
}

#[tokio::test]
async fn unknown_things_are_404_and_wrong_methods_405() {
    let app = spawn_app().await;
    for path in [
        "/offices/hn-nowhere/catalogue",
        "/offices/hn-nowhere/queues",
    ] {
        app.get(path, Some(&app.admin))
            .await
            .expect_error(StatusCode::NOT_FOUND, "unknown_office");
    }
    app.get(
        &format!(
            "/offices/hn-nowhere/slots?service={}&date=2026-12-03",
            service_in("A")
        ),
        Some(&app.admin),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "unknown_office");
    app.issue(&app.admin, "hn-nowhere", &service_in("A"), "nowhere")
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_office");
    app.get("/offices/hn-nowhere/tickets", Some(&app.admin))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_office");
    app.get(&format!("/tickets/{}", "f".repeat(32)), None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_ticket");
    app.post(
        &format!("/tickets/{}/complete", "f".repeat(32)),
        Some(&app.admin),
        None,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "unknown_ticket");
    app.call_next("hn-ba-dinh-q99", &app.admin)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_counter");

    for path in ["/api/v1/nothing-here", "/api/v2/offices", "/nothing-here"] {
        let reply = app
            .send(app.client.get(format!("{}{path}", app.base)))
            .await;
        reply.expect_error(StatusCode::NOT_FOUND, "not_found");
    }

    for (method, path) in [
        (Method::DELETE, "/offices".to_owned()),
        (Method::GET, "/counters/hn-ba-dinh-q1/call-next".to_owned()),
        (Method::PUT, format!("/offices/{BA_DINH}/tickets")),
        (Method::POST, "/health".to_owned()),
    ] {
        let reply = app
            .send(
                app.client
                    .request(method.clone(), app.api(&path))
                    .bearer_auth(&app.admin),
            )
            .await;
        reply.expect_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
        assert!(
            reply.header("allow").is_some(),
            "405 without Allow for {method} {path}"
        );
    }
}

#[tokio::test]
async fn closing_a_ticket_that_was_not_called_is_409() {
    let app = spawn_app().await;
    let ticket = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("A"), "waiting")
        .await;
    app.post(
        &format!("/tickets/{}/complete", ticket.id),
        Some(&app.admin),
        None,
        None,
    )
    .await
    .expect_error(StatusCode::CONFLICT, "ticket_not_called");
}
