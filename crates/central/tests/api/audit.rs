//! The audit log: every successful admin and staff change, with the token that made
//! it; readable by admins only; never a ticket id or booking code.

use central::access::Role;
use central::store::sqlite::SqliteStore;
use central::store::{Store, TokenTerms};
use reqwest::StatusCode;
use serde_json::json;
use wire::{AuditEntry, AuditLog};

use crate::common::{service_in, spawn_app, TestApp, BA_DINH, STAFF_COUNTER};

/// A labelled token made on the app's database, as `central token create --label`
/// does: its id and secret.
async fn labelled_token(app: &TestApp, role: Role, label: &str) -> (i64, String) {
    let store = SqliteStore::open(&app.db_url)
        .await
        .expect("open the database");
    let token = store
        .create_token_with(
            &role,
            &TokenTerms {
                label: Some(label.into()),
                expires_at: None,
            },
            app.clock_now(),
        )
        .await
        .expect("create a token");
    (token.id, token.secret)
}

async fn audit(app: &TestApp, query: &str) -> AuditLog {
    app.get(&format!("/audit{query}"), Some(&app.admin))
        .await
        .expect(StatusCode::OK)
}

fn calendar() -> serde_json::Value {
    json!({
        "opening_hours": [
            { "weekdays": [1, 2, 3, 4, 5], "opens": "07:30", "closes": "17:00" }
        ],
        "closed_days": []
    })
}

#[tokio::test]
async fn a_calendar_change_and_a_counter_call_are_kept_with_their_token_and_no_ticket_id() {
    let app = spawn_app().await;
    let (admin_id, admin) = labelled_token(&app, Role::Admin, "IT desk, Lan").await;
    let (staff_id, staff) = labelled_token(
        &app,
        Role::Staff {
            office: BA_DINH.into(),
            counter: Some(STAFF_COUNTER.into()),
        },
        "counter 3 tablet",
    )
    .await;

    // A kiosk's ticket: kiosks are not audited.
    let ticket = app
        .issue_ok(&app.kiosk, BA_DINH, &service_in("B"), "audit-1")
        .await;
    let called = app.call_next(STAFF_COUNTER, &staff).await;
    assert_eq!(called.status, StatusCode::OK, "{}", called.text());
    app.post(
        &format!("/tickets/{}/complete", ticket.id),
        Some(&staff),
        None,
        None,
    )
    .await
    .expect::<serde_json::Value>(StatusCode::OK);
    // Refused changes are not changes.
    app.put(
        &format!("/offices/{BA_DINH}/calendar"),
        Some(&staff),
        calendar(),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.put(
        &format!("/offices/{BA_DINH}/calendar"),
        Some(&admin),
        calendar(),
    )
    .await
    .expect::<serde_json::Value>(StatusCode::OK);
    // Reads are not changes either.
    app.get("/kiosks", Some(&admin))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);

    let raw = app.get("/audit", Some(&app.admin)).await;
    assert_eq!(raw.status, StatusCode::OK, "{}", raw.text());
    let text = raw.text();
    assert!(
        !text.contains(&ticket.id),
        "the ticket id is in the log: {text}"
    );
    assert!(
        !text.contains(&admin) && !text.contains(&staff),
        "a secret is in the log"
    );
    let log: AuditLog = raw.json();
    let actions: Vec<&str> = log.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["calendar.replace", "ticket.complete", "counter.call_next"],
        "{text}"
    );
    assert_eq!(log.next_before, None);

    let change = &log.entries[0];
    assert_eq!(change.token_id, admin_id);
    assert_eq!(change.token_label.as_deref(), Some("IT desk, Lan"));
    assert_eq!(change.role, "admin");
    assert_eq!(
        change.summary,
        format!("calendar replaced for office {BA_DINH}")
    );
    assert_eq!(change.route, "PUT /api/v1/offices/{office}/calendar");
    assert_eq!(
        change.target.get("office").map(String::as_str),
        Some(BA_DINH)
    );
    assert_eq!(change.status, 200);
    assert_eq!(
        change.at, "2026-12-02T02:00:00Z",
        "the central's clock, 09:00 in Hà Nội"
    );

    let call = &log.entries[2];
    assert_eq!(call.token_id, staff_id);
    assert_eq!(call.token_label.as_deref(), Some("counter 3 tablet"));
    assert_eq!(call.role, "staff");
    assert_eq!(call.summary, format!("counter {STAFF_COUNTER} called next"));
    assert_eq!(
        call.target.get("counter").map(String::as_str),
        Some(STAFF_COUNTER)
    );

    let done = &log.entries[1];
    assert_eq!(done.summary, "ticket completed");
    assert_eq!(done.route, "POST /api/v1/tickets/{id}/complete");
    assert!(done.target.is_empty(), "{:?}", done.target);
    assert!(
        log.entries.windows(2).all(|w| w[0].id > w[1].id),
        "newest first"
    );
}

#[tokio::test]
async fn profile_changes_say_their_version_and_the_log_pages_newest_first() {
    let app = spawn_app().await;
    let document = "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 60\n";
    let created: wire::ProfileVersion = app
        .post(
            "/profiles",
            Some(&app.admin),
            None,
            Some(json!({ "name": "Ba Đình lobby", "document": document })),
        )
        .await
        .expect(StatusCode::CREATED);
    let updated: wire::ProfileVersion = app
        .put(
            &format!("/profiles/{}", created.id),
            Some(&app.admin),
            json!({ "document": document, "base_version": 1 }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(updated.version, 2);

    let log = audit(&app, "").await;
    let summaries: Vec<&str> = log.entries.iter().map(|e| e.summary.as_str()).collect();
    let id = created.id;
    assert_eq!(
        summaries,
        [
            format!("profile {id} updated to version 2"),
            format!("profile created with id {id}"),
        ]
    );
    assert_eq!(log.entries[0].target.get("profile"), Some(&id.to_string()));
    assert!(log
        .entries
        .iter()
        .all(|e| e.token_id == 1 && e.token_label.is_none()));

    // One at a time, with the cursor.
    let first = audit(&app, "?limit=1").await;
    assert_eq!(first.entries, log.entries[..1]);
    let before = first.next_before.expect("an older page");
    let second = audit(&app, &format!("?limit=1&before={before}")).await;
    assert_eq!(second.entries, log.entries[1..]);
    let third = audit(&app, &format!("?limit=1&before={}", second.entries[0].id)).await;
    assert_eq!(third.entries, Vec::<AuditEntry>::new());
    assert_eq!(third.next_before, None);
    // Since an instant: all of them were made at the clock's 09:00.
    assert_eq!(
        audit(&app, "?since=2026-12-02T09:00:00%2B07:00")
            .await
            .entries
            .len(),
        2
    );
    assert!(audit(&app, "?since=2026-12-02T09:00:01%2B07:00")
        .await
        .entries
        .is_empty());
}

#[tokio::test]
async fn only_admins_read_the_audit_log_and_bad_queries_are_400() {
    let app = spawn_app().await;
    app.get("/audit", None)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    app.get("/audit", Some("admin_0123456789abcdef"))
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    for token in [&app.kiosk, &app.staff] {
        app.get("/audit", Some(token))
            .await
            .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }
    for query in [
        "?limit=0",
        "?limit=1001",
        "?limit=-1",
        "?limit=ten",
        "?before=0",
        "?since=yesterday",
        "?since=2026-12-02",
        "?colour=red",
    ] {
        let reply = app.get(&format!("/audit{query}"), Some(&app.admin)).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            reply.text()
        );
        reply.error_body();
    }
}

#[tokio::test]
async fn a_change_stands_when_its_audit_entry_cannot_be_written() {
    let app = spawn_app().await;
    let db = sqlx::SqlitePool::connect(&app.db_url)
        .await
        .expect("open the database");
    sqlx::query(
        "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log
         BEGIN SELECT RAISE(FAIL, 'the disk is full'); END",
    )
    .execute(&db)
    .await
    .expect("make audit writes fail");

    let office: wire::Office = app
        .put(
            &format!("/offices/{BA_DINH}/calendar"),
            Some(&app.admin),
            calendar(),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(office.opening_hours[0].opens, "07:30");
    let offices: Vec<wire::Office> = app.get("/offices", None).await.expect(StatusCode::OK);
    let kept = offices
        .iter()
        .find(|o| o.id == BA_DINH)
        .expect("the office is listed");
    assert_eq!(kept.opening_hours.len(), 1, "the change was kept");
    assert!(audit(&app, "").await.entries.is_empty());
}
