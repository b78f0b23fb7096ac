//! The procedures an office issues most numbers for: counted from the tickets over the
//! last local days, today included, most first, each office on its own.

use chrono::Duration;
use reqwest::StatusCode;
use wire::MostTaken;

use crate::common::{
    local, open_all_hours, spawn_app, spawn_app_with, start_day, TestApp, BA_DINH, HOAN_KIEM,
};

const BIRTH: &str = "1.001193";
const MARRIAGE: &str = "1.000894";
const DEATH: &str = "1.000656";
const MARITAL_STATUS: &str = "1.004873";
const COPIES: &str = "2.000815";
const SIGNATURE: &str = "2.000884";
const PERMANENT_RESIDENCE: &str = "1.004222";
const TEMPORARY_RESIDENCE: &str = "1.004194";

/// An app whose offices are open at all hours and have no seeded history: the test's
/// own tickets are all there is.
async fn app_without_history() -> TestApp {
    spawn_app_with(|seeds| {
        open_all_hours(seeds);
        for seed in seeds.iter_mut() {
            seed.history.clear();
        }
    })
    .await
}

/// Issues `count` numbers for `service` at `office` at 09:00 `days_back` days before
/// the start day, and leaves the clock there.
async fn issue_on(
    app: &TestApp,
    token: &str,
    office: &str,
    days_back: i64,
    service: &str,
    count: usize,
) {
    app.set_time(local(start_day() - Duration::days(days_back), 9, 0));
    for i in 0..count {
        let key = format!("most-taken-{office}-{days_back}-{service}-{i}");
        app.issue_ok(token, office, service, &key).await;
    }
}

async fn most_taken(app: &TestApp, office: &str, query: &str, token: &str) -> MostTaken {
    app.get(&format!("/offices/{office}/most-taken{query}"), Some(token))
        .await
        .expect(StatusCode::OK)
}

fn counts(answer: &MostTaken) -> Vec<(&str, u32)> {
    answer
        .procedures
        .iter()
        .map(|p| (p.code.as_str(), p.tickets))
        .collect()
}

#[tokio::test]
async fn the_last_28_local_days_are_counted_most_first_and_older_numbers_are_not() {
    let app = app_without_history().await;
    let kiosk = app.kiosk.clone();
    // Outside the window: more numbers than any procedure inside it.
    issue_on(&app, &kiosk, BA_DINH, 40, DEATH, 15).await;
    issue_on(&app, &kiosk, BA_DINH, 28, MARITAL_STATUS, 10).await;
    // Inside: 27 days back is the window's first day.
    issue_on(&app, &kiosk, BA_DINH, 27, BIRTH, 4).await;
    issue_on(&app, &kiosk, BA_DINH, 10, COPIES, 3).await;
    issue_on(&app, &kiosk, BA_DINH, 10, BIRTH, 1).await;
    issue_on(&app, &kiosk, BA_DINH, 1, SIGNATURE, 2).await;
    issue_on(&app, &kiosk, BA_DINH, 1, MARRIAGE, 2).await;
    issue_on(&app, &kiosk, BA_DINH, 0, PERMANENT_RESIDENCE, 1).await;

    let answer = most_taken(&app, BA_DINH, "", &kiosk).await;
    assert_eq!(answer.office, BA_DINH);
    assert_eq!(answer.days, 28);
    assert_eq!(answer.to, "2026-12-02");
    assert_eq!(answer.from, "2026-11-05");
    // Marriage and signature tie: marriage comes first in the catalogue.
    assert_eq!(
        counts(&answer),
        vec![
            (BIRTH, 5),
            (COPIES, 3),
            (MARRIAGE, 2),
            (SIGNATURE, 2),
            (PERMANENT_RESIDENCE, 1)
        ]
    );
    assert_eq!(
        answer,
        most_taken(&app, BA_DINH, "?days=28", &kiosk).await,
        "28 days unless asked otherwise"
    );

    let two = most_taken(&app, BA_DINH, "?limit=2", &kiosk).await;
    assert_eq!(counts(&two), vec![(BIRTH, 5), (COPIES, 3)]);
    let today = most_taken(&app, BA_DINH, "?days=1", &kiosk).await;
    assert_eq!(counts(&today), vec![(PERMANENT_RESIDENCE, 1)]);
    let longer = most_taken(&app, BA_DINH, "?days=29&limit=1", &kiosk).await;
    assert_eq!(counts(&longer), vec![(MARITAL_STATUS, 10)]);

    // A day later the window's first day has moved on, and its four births with it.
    app.set_time(local(start_day() + Duration::days(1), 8, 0));
    let tomorrow = most_taken(&app, BA_DINH, "", &kiosk).await;
    assert_eq!(tomorrow.from, "2026-11-06");
    assert_eq!(
        counts(&tomorrow),
        vec![
            (COPIES, 3),
            (MARRIAGE, 2),
            (SIGNATURE, 2),
            (BIRTH, 1),
            (PERMANENT_RESIDENCE, 1)
        ]
    );
}

#[tokio::test]
async fn each_office_counts_only_its_own_numbers() {
    let app = app_without_history().await;
    let (ba_dinh, hoan_kiem) = (app.kiosk.clone(), app.kiosk_hoan_kiem.clone());
    issue_on(&app, &hoan_kiem, HOAN_KIEM, 3, TEMPORARY_RESIDENCE, 8).await;
    issue_on(&app, &ba_dinh, BA_DINH, 2, BIRTH, 2).await;

    let here = most_taken(&app, BA_DINH, "", &ba_dinh).await;
    assert_eq!(counts(&here), vec![(BIRTH, 2)]);
    let there = most_taken(&app, HOAN_KIEM, "", &hoan_kiem).await;
    assert_eq!(counts(&there), vec![(TEMPORARY_RESIDENCE, 8)]);

    // Staff of the office and admins read it; another office's kiosk may not.
    assert_eq!(most_taken(&app, BA_DINH, "", &app.staff).await, here);
    assert_eq!(most_taken(&app, HOAN_KIEM, "", &app.admin).await, there);
    app.get(&format!("/offices/{BA_DINH}/most-taken"), Some(&hoan_kiem))
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    app.get(&format!("/offices/{BA_DINH}/most-taken"), None)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    app.get("/offices/hn-nowhere/most-taken", Some(&app.admin))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_office");
}

#[tokio::test]
async fn days_and_limit_out_of_bounds_are_refused_with_a_json_error() {
    let app = app_without_history().await;
    for (query, code) in [
        ("?days=0", "invalid_days"),
        ("?days=93", "invalid_days"),
        ("?limit=0", "invalid_limit"),
        ("?limit=51", "invalid_limit"),
    ] {
        let reply = app
            .get(
                &format!("/offices/{BA_DINH}/most-taken{query}"),
                Some(&app.kiosk),
            )
            .await;
        reply.expect_error(StatusCode::BAD_REQUEST, code);
    }
    for query in [
        "?days=abc",
        "?days=-1",
        "?limit=2.5",
        "?week=1",
        "?days=99999999999",
    ] {
        let reply = app
            .get(
                &format!("/offices/{BA_DINH}/most-taken{query}"),
                Some(&app.kiosk),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            reply.text()
        );
        reply.error_body();
    }
    let widest = most_taken(&app, BA_DINH, "?days=92&limit=50", &app.kiosk).await;
    assert_eq!(widest.days, 92);
}

#[tokio::test]
async fn the_demo_history_puts_the_five_commonest_ward_procedures_first() {
    let app = spawn_app().await;
    let answer = most_taken(&app, BA_DINH, "?limit=6", &app.kiosk).await;
    let top: Vec<&str> = answer
        .procedures
        .iter()
        .take(5)
        .map(|p| p.code.as_str())
        .collect();
    let commonest: Vec<&str> = central::demo::COMMONEST.iter().map(|(c, _)| *c).collect();
    assert_eq!(top, commonest);
    assert_eq!(
        top,
        vec![BIRTH, COPIES, SIGNATURE, MARRIAGE, PERMANENT_RESIDENCE]
    );
    // The other demo office starts without a history.
    let other = most_taken(&app, HOAN_KIEM, "", &app.kiosk_hoan_kiem).await;
    assert!(other.procedures.is_empty(), "{other:?}");
}
