//! The log holds no personal data and no secret at any level: a visitor's name and phone
//! number, a booking code and a ticket's id never reach it, even at `trace` with the
//! request log on and bodies the server refuses.

use std::time::Duration;

use serde_json::{json, Value};

#[path = "common/process.rs"]
#[allow(dead_code)] // this file kills no server
mod process;

use process::{create_token, Server};

const OFFICE: &str = "hn-ba-dinh";
const NAME: &str = "Nguyễn Thị Riêng Tư";
const PHONE: &str = "0912345678";
const OTHER_PHONE: &str = "912345679";

#[tokio::test]
async fn no_name_phone_code_or_ticket_id_is_logged_even_at_trace() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("central.db").display());
    let log = dir.path().join("central.log");
    let server = Server::start(
        &db,
        &log,
        &["--clock-start", "2026-12-02T09:00:00+07:00", "--access-log"],
        "trace",
    );
    let kiosk = create_token(&db, &["kiosk", "--office", OFFICE]);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let send = |request: reqwest::RequestBuilder| async move {
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        (status, body)
    };

    let catalogue = send(
        client
            .get(server.api(&format!("/offices/{OFFICE}/catalogue")))
            .bearer_auth(&kiosk),
    )
    .await
    .1;
    let service = catalogue["procedures"][0]["code"]
        .as_str()
        .expect("a procedure")
        .to_owned();
    let slots = send(
        client
            .get(server.api(&format!(
                "/offices/{OFFICE}/slots?service={service}&date=2026-12-03"
            )))
            .bearer_auth(&kiosk),
    )
    .await
    .1;
    let slot = slots["slots"][0]["start"]
        .as_str()
        .expect("a slot")
        .to_owned();
    let (status, booked) = send(
        client
            .post(server.api(&format!("/offices/{OFFICE}/appointments")))
            .bearer_auth(&kiosk)
            .header("Idempotency-Key", "privacy-1")
            .json(&json!({ "service": service, "slot_start": slot, "contact": { "phone": PHONE, "name": NAME } })),
    )
    .await;
    assert_eq!(status, 201, "{booked}");
    let code = booked["code"].as_str().expect("a code").to_owned();
    // Refused bodies carrying personal data: a phone as a number, a name too long.
    send(
        client
            .post(server.api(&format!("/offices/{OFFICE}/appointments")))
            .bearer_auth(&kiosk)
            .header("Idempotency-Key", "privacy-2")
            .json(&json!({ "service": service, "slot_start": slot, "contact": { "phone": OTHER_PHONE.parse::<u64>().unwrap() } })),
    )
    .await;
    send(
        client
            .post(server.api(&format!("/offices/{OFFICE}/appointments/lookup")))
            .bearer_auth(&kiosk)
            .json(&json!({ "name": NAME })),
    )
    .await;
    // Too early: the booking is tomorrow. The code is in the address.
    send(
        client
            .post(server.api(&format!("/appointments/{code}/check-in")))
            .bearer_auth(&kiosk),
    )
    .await;
    let (status, ticket) = send(
        client
            .post(server.api(&format!("/offices/{OFFICE}/tickets")))
            .bearer_auth(&kiosk)
            .header("Idempotency-Key", "privacy-3")
            .json(&json!({ "service": service, "priority": "none" })),
    )
    .await;
    assert_eq!(status, 201, "{ticket}");
    let id = ticket["id"].as_str().expect("a ticket id").to_owned();
    send(client.get(server.api(&format!("/tickets/{id}")))).await;
    let page = client
        .get(format!("{}/t/{id}", server.base))
        .send()
        .await
        .expect("the phone page answers");
    assert_eq!(page.status(), 200);
    drop(page);
    drop(server);

    let written = std::fs::read_to_string(&log).expect("the log");
    assert!(
        written.contains("central::request"),
        "the request log was on, yet wrote nothing:\n{written}"
    );
    for (what, secret) in [
        ("the name", NAME),
        ("the phone number", PHONE),
        ("the refused phone number", OTHER_PHONE),
        ("the booking code", code.as_str()),
        ("the ticket id", id.as_str()),
    ] {
        let line = written.lines().find(|l| l.contains(secret));
        assert!(
            line.is_none(),
            "{what} is in the log: {}",
            line.unwrap_or_default()
        );
    }
}
