//! The counter page's endpoints: what a counter sees, calling, calling again,
//! pausing, transferring, the sound of a call, and who may do each.

use std::collections::BTreeSet;

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;
use wire::{CallEvent, CalledTicket, CounterSummary, CounterView, OfficeTicket, TicketState};

use crate::common::{
    local, service_in, spawn_app, spawn_app_with, start_day, TestApp, BA_DINH, HOAN_KIEM,
    STAFF_COUNTER,
};

/// Counters of the demo office: q1 serves A, q2 serves A and E, q3 serves B.
const Q1: &str = "hn-ba-dinh-q1";
const Q2: &str = "hn-ba-dinh-q2";

async fn issue_at(app: &TestApp, group: &str, minute: u32, key: &str) -> wire::Ticket {
    app.set_time(local(start_day(), 9, minute));
    app.issue_ok(&app.kiosk, BA_DINH, &service_in(group), key)
        .await
}

async fn view(app: &TestApp, counter: &str, token: &str) -> CounterView {
    app.get(&format!("/counters/{counter}"), Some(token))
        .await
        .expect(StatusCode::OK)
}

async fn act(app: &TestApp, path: &str, token: &str) -> crate::common::Reply {
    app.post(path, Some(token), None, None).await
}

async fn queues(app: &TestApp) -> wire::QueueOverview {
    app.get(&format!("/offices/{BA_DINH}/queues"), Some(&app.kiosk))
        .await
        .expect(StatusCode::OK)
}

fn numbers(view: &CounterView) -> Vec<&str> {
    view.upcoming.iter().map(|t| t.number.as_str()).collect()
}

#[tokio::test]
async fn an_officer_sees_the_queue_calls_recalls_and_closes() {
    let app = spawn_app().await;
    let first = issue_at(&app, "B", 1, "b1").await;
    issue_at(&app, "B", 2, "b2").await;
    issue_at(&app, "A", 3, "a1").await;

    // The staff token works one counter, and sees only it.
    let mine: Vec<CounterSummary> = app
        .get("/counters", Some(&app.staff))
        .await
        .expect(StatusCode::OK);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, STAFF_COUNTER);
    assert_eq!(mine[0].name, "Quầy 3");
    assert!(mine[0].open);

    let before = view(&app, STAFF_COUNTER, &app.staff).await;
    assert!(before.current.is_none());
    assert_eq!(numbers(&before), ["B-001", "B-002"]);
    assert_eq!(before.queues.len(), 1);
    assert_eq!(before.queues[0].service_group, "B");
    assert_eq!(before.queues[0].waiting, 2);
    assert!(before
        .transfer_targets
        .groups
        .iter()
        .any(|g| g.id == "A" && !g.name.vi.is_empty()));
    assert!(!before
        .transfer_targets
        .counters
        .iter()
        .any(|c| c.id == STAFF_COUNTER));

    app.set_time(local(start_day(), 9, 10));
    let called: CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.number, "B-001");
    let during = view(&app, STAFF_COUNTER, &app.staff).await;
    let current = during.current.clone().expect("serving B-001");
    assert_eq!(current.id, first.id);
    assert_eq!(current.number, "B-001");
    assert_eq!(current.waited_minutes, 9);
    assert!(!current.appointment);
    assert!(!current.service_name.vi.is_empty());
    assert_eq!(during.counter.serving.as_deref(), Some("B-001"));
    assert_eq!(numbers(&during), ["B-002"]);

    let again: CallEvent = act(
        &app,
        &format!("/counters/{STAFF_COUNTER}/recall"),
        &app.staff,
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(again.number, "B-001");
    assert_eq!(again.counter_name, "Quầy 3");
    assert_eq!(again.announcement.vi, "Mời số B-001 đến quầy số 3");
    assert_eq!(
        again.audio_url,
        format!("/api/v1/counters/{STAFF_COUNTER}/announcement.wav?number=B-001")
    );

    let done: OfficeTicket = act(&app, &format!("/tickets/{}/complete", first.id), &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(done.state, TicketState::Done);
    act(
        &app,
        &format!("/counters/{STAFF_COUNTER}/recall"),
        &app.staff,
    )
    .await
    .expect_error(StatusCode::CONFLICT, "nothing_to_recall");

    let second: CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(second.ticket.number, "B-002");
    let missed: OfficeTicket = act(
        &app,
        &format!("/tickets/{}/no-show", second.ticket.id),
        &app.staff,
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(missed.state, TicketState::NoShow);
    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect_error(StatusCode::CONFLICT, "nobody_waiting");
}

#[tokio::test]
async fn a_paused_counter_calls_nobody_and_counts_as_closed() {
    let app = spawn_app().await;
    issue_at(&app, "B", 1, "b1").await;
    let open_b = |overview: &wire::QueueOverview| {
        overview
            .groups
            .iter()
            .find(|g| g.service_group == "B")
            .expect("group B")
            .counters_open
    };
    let before = open_b(&queues(&app).await);

    let paused: CounterSummary = act(
        &app,
        &format!("/counters/{STAFF_COUNTER}/pause"),
        &app.staff,
    )
    .await
    .expect(StatusCode::OK);
    assert!(!paused.open);
    assert_eq!(open_b(&queues(&app).await), before - 1);
    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect_error(StatusCode::CONFLICT, "counter_paused");
    // The waiting ticket is still there, and the wait grew with a counter less.
    let view = view(&app, STAFF_COUNTER, &app.staff).await;
    assert!(!view.counter.open);
    assert_eq!(numbers(&view), ["B-001"]);

    let opened: CounterSummary = act(&app, &format!("/counters/{STAFF_COUNTER}/open"), &app.staff)
        .await
        .expect(StatusCode::OK);
    assert!(opened.open);
    assert_eq!(open_b(&queues(&app).await), before);
    let called: CalledTicket = app
        .call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect(StatusCode::OK);
    assert_eq!(called.ticket.number, "B-001");
}

#[tokio::test]
async fn a_ticket_sent_to_another_queue_keeps_its_number_and_its_place_by_issue_time() {
    let app = spawn_app().await;
    issue_at(&app, "A", 1, "a1").await;
    let b = issue_at(&app, "B", 2, "b1").await;
    issue_at(&app, "A", 3, "a2").await;

    app.set_time(local(start_day(), 9, 10));
    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect::<CalledTicket>(StatusCode::OK);
    let moved: OfficeTicket = app
        .post(
            &format!("/tickets/{}/transfer", b.id),
            Some(&app.staff),
            None,
            Some(json!({ "service_group": "A" })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(moved.number, "B-001", "the printed number stays");
    assert_eq!(moved.service_group, "A");
    assert_eq!(moved.state, TicketState::Waiting);
    assert_eq!(moved.counter, None);
    assert!(view(&app, STAFF_COUNTER, &app.staff)
        .await
        .current
        .is_none());

    // Counter 1 (queue A) calls by issue time: A-001 (9:01), B-001 (9:02), A-002 (9:03).
    let upcoming = view(&app, Q1, &app.admin).await;
    assert_eq!(numbers(&upcoming), ["A-001", "B-001", "A-002"]);
    let mut called = Vec::new();
    for _ in 0..3 {
        let c: CalledTicket = app.call_next(Q1, &app.admin).await.expect(StatusCode::OK);
        called.push(c.ticket.number);
    }
    assert_eq!(called, ["A-001", "B-001", "A-002"]);
    // Queue A's own numbering goes on where it was.
    let next = issue_at(&app, "A", 20, "a3").await;
    assert_eq!(next.number, "A-003");
    // And the status page of the moved ticket follows it.
    let status: wire::TicketStatus = app
        .get(&format!("/tickets/{}", b.id), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(status.number, "B-001");
    assert_eq!(status.state, TicketState::Done);
}

#[tokio::test]
async fn a_ticket_sent_to_one_counter_is_called_there_and_nowhere_else() {
    let app = spawn_app().await;
    let b = issue_at(&app, "B", 1, "b1").await;
    issue_at(&app, "A", 2, "a1").await;
    app.set_time(local(start_day(), 9, 10));
    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect::<CalledTicket>(StatusCode::OK);
    let moved: OfficeTicket = app
        .post(
            &format!("/tickets/{}/transfer", b.id),
            Some(&app.staff),
            None,
            Some(json!({ "counter": Q2 })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(moved.service_group, "B");
    // Counter 1 serves A like counter 2, but the ticket was sent to counter 2.
    assert_eq!(numbers(&view(&app, Q1, &app.admin).await), ["A-001"]);
    assert_eq!(
        numbers(&view(&app, Q2, &app.admin).await),
        ["B-001", "A-001"]
    );
    let at_q2: CalledTicket = app.call_next(Q2, &app.admin).await.expect(StatusCode::OK);
    assert_eq!(at_q2.ticket.number, "B-001");
    assert_eq!(at_q2.ticket.counter.as_deref(), Some(Q2));
}

#[tokio::test]
async fn transfers_that_do_not_fit_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let waiting = issue_at(&app, "B", 1, "b1").await;
    let transfer = |id: &str, body: serde_json::Value, token: &str| {
        let path = format!("/tickets/{id}/transfer");
        let token = token.to_owned();
        let app = &app;
        async move { app.post(&path, Some(&token), None, Some(body)).await }
    };
    transfer(&waiting.id, json!({ "service_group": "A" }), &app.admin)
        .await
        .expect_error(StatusCode::CONFLICT, "ticket_not_called");

    app.call_next(STAFF_COUNTER, &app.staff)
        .await
        .expect::<CalledTicket>(StatusCode::OK);
    let id = &waiting.id;
    transfer(id, json!({}), &app.staff)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_transfer");
    transfer(
        id,
        json!({ "service_group": "A", "counter": Q1 }),
        &app.staff,
    )
    .await
    .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_transfer");
    transfer(id, json!({ "service_group": "Z" }), &app.staff)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_group");
    transfer(id, json!({ "counter": "nowhere" }), &app.staff)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    transfer(id, json!({ "counter": "hn-hoan-kiem-q1" }), &app.staff)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_transfer");
    transfer(id, json!({ "counter": STAFF_COUNTER }), &app.staff)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_transfer");
    transfer(id, json!({ "queue": "A" }), &app.staff)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
    transfer(id, json!({ "service_group": 7 }), &app.staff)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
    transfer("0000", json!({ "service_group": "A" }), &app.staff)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_ticket");
    transfer(id, json!({ "service_group": "A" }), &app.kiosk)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    let reply = app
        .post(
            &format!("/tickets/{id}/transfer"),
            None,
            None,
            Some(json!({ "service_group": "A" })),
        )
        .await;
    reply.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");

    // Still called at counter 3.
    let still = view(&app, STAFF_COUNTER, &app.staff).await;
    assert_eq!(still.current.map(|c| c.number).as_deref(), Some("B-001"));
}

#[tokio::test]
async fn each_counter_endpoint_is_scoped_to_who_may_work_the_counter() {
    let app = spawn_app().await;
    for path in [
        format!("/counters/{Q1}/recall"),
        format!("/counters/{Q1}/pause"),
        format!("/counters/{Q1}/open"),
        format!("/counters/{Q1}/call-next"),
    ] {
        act(&app, &path, &app.staff)
            .await
            .expect_error(StatusCode::FORBIDDEN, "forbidden");
        act(&app, &path, &app.kiosk)
            .await
            .expect_error(StatusCode::FORBIDDEN, "forbidden");
        app.post(&path, None, None, None)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    app.get(&format!("/counters/{Q1}"), Some(&app.staff))
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.get("/counters", Some(&app.kiosk))
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.get("/counters/nowhere", Some(&app.admin))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    // Another office's counter answers as an unknown one: its existence is not theirs.
    for token in [&app.staff, &app.kiosk] {
        act(&app, "/counters/hn-hoan-kiem-q1/pause", token)
            .await
            .expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    }
    act(&app, "/counters/nowhere/pause", &app.admin)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_counter");
    // An admin works every counter of every office.
    let all: Vec<CounterSummary> = app
        .get("/counters", Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    let offices: BTreeSet<&str> = all.iter().map(|c| c.office.as_str()).collect();
    assert_eq!(offices, BTreeSet::from([BA_DINH, HOAN_KIEM]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_officers_calling_at_the_same_instant_never_get_the_same_ticket() {
    const TICKETS: usize = 40;
    let app = spawn_app_with(|seeds| {
        for seed in seeds.iter_mut() {
            seed.seats = 1000;
            seed.occupancy_ratio = 1.0;
        }
    })
    .await;
    let service = service_in("A");
    for i in 0..TICKETS {
        app.issue_ok(&app.kiosk, BA_DINH, &service, &format!("race-{i}"))
            .await;
    }
    // Counters 1 and 2 both serve A: each presses Call next as fast as it can,
    // both at once, until nobody waits.
    let officer = |counter: &'static str| {
        let app = &app;
        async move {
            let mut got = Vec::new();
            loop {
                let reply = app.call_next(counter, &app.admin).await;
                if reply.status == StatusCode::CONFLICT {
                    reply.expect_error(StatusCode::CONFLICT, "nobody_waiting");
                    return got;
                }
                let called: CalledTicket = reply.expect(StatusCode::OK);
                got.push(called.ticket.number);
            }
        }
    };
    let results = join_all([officer(Q1), officer(Q2)]).await;
    let all: Vec<&String> = results.iter().flatten().collect();
    let unique: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), TICKETS, "every ticket called once: {results:?}");
    assert_eq!(unique.len(), TICKETS, "no ticket called twice: {results:?}");
    assert!(
        results.iter().all(|r| !r.is_empty()),
        "both officers took part: {results:?}"
    );
}

#[tokio::test]
async fn the_sound_of_a_call_is_a_wav_file_and_bad_numbers_are_refused() {
    let app = spawn_app().await;
    let reply = app
        .get(
            &format!("/counters/{STAFF_COUNTER}/announcement.wav?number=B-017"),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("audio/wav"));
    assert_eq!(&reply.body[..4], b"RIFF");
    assert_eq!(&reply.body[8..12], b"WAVE");
    // Chime and the sentence: well over a second of 16-bit sound.
    assert!(reply.body.len() > 40_000, "{} bytes", reply.body.len());

    for (query, code) in [
        ("number=B-017%0A", "invalid_number"),
        ("number=b-017", "invalid_number"),
        ("number=B-0171234", "invalid_number"),
        ("number=%3Cscript%3E", "invalid_number"),
        ("", "invalid_query"),
        ("number=B-017&x=1", "invalid_query"),
    ] {
        app.get(
            &format!("/counters/{STAFF_COUNTER}/announcement.wav?{query}"),
            None,
        )
        .await
        .expect_error(StatusCode::BAD_REQUEST, code);
    }
    app.get("/counters/nowhere/announcement.wav?number=B-017", None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_counter");
}
