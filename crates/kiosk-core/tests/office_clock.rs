//! The kiosk keeps the office's time by the central's clock, not the machine's: against a
//! real central whose clock starts on another day, the kiosk's day, booking days and
//! whether it offers a number follow the central.

use std::path::Path;
use std::sync::Arc;

use central::access::Role;
use central::clock::{Clock, OffsetClock};
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use kiosk_core::ipc::NumberState;
use kiosk_core::kiosk::Kiosk;
use kiosk_core::profile::Profile;

/// Serves the demo offices, with their real opening hours, on a clock that starts at
/// `start`; returns the address and a kiosk token of Ba Đình.
async fn central_starting_at(db: &Path, start: &str) -> (String, String) {
    let start: DateTime<Utc> = DateTime::parse_from_rfc3339(start).unwrap().into();
    let clock = Arc::new(OffsetClock::starting_at(start));
    let store = SqliteStore::open(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    store
        .seed(&central::demo::offices(clock.now()).unwrap())
        .await
        .unwrap();
    let token = store
        .create_token(
            &Role::Kiosk {
                office: "hn-ba-dinh".into(),
            },
            clock.now(),
        )
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(Arc::new(store), clock, url.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router(state)).await;
    });
    (url, token)
}

fn kiosk(dir: &Path, url: &str, token: &str) -> Kiosk {
    std::fs::write(dir.join("kiosk.token"), token).unwrap();
    let profile = Profile::parse(
        &format!(
            "central_url = \"{url}\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"kiosk-cache\"\n"
        ),
        dir,
    )
    .unwrap();
    Kiosk::new(profile).unwrap()
}

#[tokio::test]
async fn on_the_central_s_morning_the_kiosk_books_that_day_s_remaining_times() {
    let dir = tempfile::tempdir().unwrap();
    let (url, token) =
        central_starting_at(&dir.path().join("c.db"), "2026-12-02T09:00:00+07:00").await;
    let kiosk = kiosk(dir.path(), &url, &token);
    assert_eq!(
        kiosk.office_now(),
        None,
        "no office time before the central answers"
    );

    // Asked before any status check: the kiosk asks the central for its day first.
    let days = kiosk.upcoming_slots("1.001193").await.unwrap();
    assert_eq!(days[0].date, "2026-12-02");
    assert!(
        days[0]
            .slots
            .iter()
            .all(|slot| slot.start.as_str() >= "2026-12-02T09:00:00+07:00"),
        "only the times left that morning: {:?}",
        days[0].slots.first()
    );
    assert_eq!(kiosk.office_today(), NaiveDate::from_ymd_opt(2026, 12, 2));
    let now = kiosk.office_now().unwrap().to_rfc3339();
    assert!(now.starts_with("2026-12-02T09:0"), "{now}");
    assert!(now.ends_with("+07:00"), "{now}");

    let state = kiosk.connection_state();
    assert_eq!(state.number.state, NumberState::Open);
    assert!(state.number.offered);
}

#[tokio::test]
async fn in_the_central_s_evening_the_kiosk_offers_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let (url, token) =
        central_starting_at(&dir.path().join("c.db"), "2026-12-02T18:00:00+07:00").await;
    let kiosk = kiosk(dir.path(), &url, &token);
    assert!(kiosk.check_connection().await);
    let state = kiosk.connection_state();
    assert_eq!(state.number.state, NumberState::Closed);
    assert!(!state.number.offered);
    assert_eq!(
        state.number.opens_at.as_deref(),
        Some("2026-12-03T08:00:00+07:00")
    );
    assert!(state
        .number
        .message
        .unwrap()
        .vi
        .contains("08:00 ngày 03/12/2026"));
    // Booking goes on: the next days are offered from the central's today.
    let days = kiosk.upcoming_slots("1.001193").await.unwrap();
    assert!(days[0].date.as_str() >= "2026-12-02", "{}", days[0].date);
}
