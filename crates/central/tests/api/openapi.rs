//! The OpenAPI document describes the API as it is served.

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::spawn_app;

#[tokio::test]
async fn the_openapi_document_is_3_1_and_lists_the_routes() {
    let app = spawn_app().await;
    let doc: Value = app.get("/openapi.json", None).await.expect(StatusCode::OK);
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/health", "get"),
        ("/offices", "get"),
        ("/offices/{office}/catalogue", "get"),
        ("/offices/{office}/queues", "get"),
        ("/offices/{office}/slots", "get"),
        ("/offices/{office}/tickets", "post"),
        ("/offices/{office}/tickets", "get"),
        ("/offices/{office}/appointments", "post"),
        ("/appointments/{code}/check-in", "post"),
        ("/tickets/{id}", "get"),
        ("/tickets/{id}/complete", "post"),
        ("/tickets/{id}/no-show", "post"),
        ("/counters/{counter}/call-next", "post"),
        ("/offices/{office}/status", "get"),
        ("/offices/{office}/calendar", "put"),
        ("/offices/{office}/appointments/lookup", "post"),
        ("/offices/{office}/events", "get"),
        ("/counters", "get"),
        ("/counters/{counter}", "get"),
        ("/counters/{counter}/recall", "post"),
        ("/counters/{counter}/pause", "post"),
        ("/counters/{counter}/open", "post"),
        ("/counters/{counter}/announcement.wav", "get"),
        ("/tickets/{id}/transfer", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is missing"
        );
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let issue = &doc["paths"]["/offices/{office}/tickets"]["post"];
    let params = issue["parameters"].as_array().expect("parameters");
    assert!(params
        .iter()
        .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header"));
    assert!(issue["responses"]["409"].is_object() && issue["responses"]["413"].is_object());
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for name in [
        "OpeningStatus",
        "OfficeStatus",
        "OfficeCalendar",
        "AppointmentLookup",
        "FoundAppointments",
        "FoundAppointment",
        "Arrival",
        "FieldProblem",
        "LobbyEvent",
        "LobbySnapshot",
        "CallEvent",
        "CounterView",
        "CounterSummary",
        "TransferRequest",
    ] {
        assert!(schemas.contains_key(name), "schema {name} is missing");
    }
    assert!(
        schemas["QueueOverview"]["properties"]["opening"].is_object(),
        "QueueOverview has no opening"
    );
}
