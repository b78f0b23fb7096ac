//! Races on the last place: many visitors at once never get more than there is.

#[path = "common/mod.rs"]
#[allow(dead_code)]
mod common;

use common::{service_in, spawn_app_with, BA_DINH};
use reqwest::StatusCode;

/// 300 visitors book the same slot, of capacity 10, at the same moment.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_bookings_on_ten_places_give_exactly_ten() {
    let app = spawn_app_with(|offices| {
        for office in offices.iter_mut() {
            for slot in &mut office.slots {
                slot.capacity = 10;
            }
        }
    })
    .await;
    let service = service_in("B");
    let slots: wire::SlotList = app
        .get(
            &format!("/offices/{BA_DINH}/slots?service={service}&date=2026-12-03"),
            Some(&app.kiosk),
        )
        .await
        .expect(StatusCode::OK);
    let slot = slots.slots[0].clone();
    assert_eq!(slot.capacity, 10);

    let attempts = (0..300).map(|i| {
        let body = serde_json::json!({
            "service": service,
            "slot_start": slot.start,
            "contact": { "phone": format!("09{:08}", i) },
        });
        let key = format!("race-{i}");
        let app = &app;
        async move {
            app.post(
                &format!("/offices/{BA_DINH}/appointments"),
                Some(&app.kiosk),
                Some(&key),
                Some(body),
            )
            .await
        }
    });
    let replies = futures::future::join_all(attempts).await;
    let booked = replies
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    let full = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT && r.error_body()["error"] == "slot_full")
        .count();
    assert_eq!(booked, 10, "exactly the slot's capacity is booked");
    assert_eq!(full, 290, "everyone else is told the slot is full");

    let after: wire::SlotList = app
        .get(
            &format!("/offices/{BA_DINH}/slots?service={service}&date=2026-12-03"),
            Some(&app.kiosk),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(after.slots[0].remaining, 0);
}

/// 100 visitors take a number at once when one seat is left: one gets it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_last_seat_in_the_lobby_goes_to_one_visitor() {
    let app = spawn_app_with(|offices| {
        for office in offices.iter_mut() {
            office.seats = 6; // capacity 3
        }
    })
    .await;
    let service = service_in("A");
    for i in 0..2 {
        app.issue_ok(&app.kiosk, BA_DINH, &service, &format!("seat-{i}"))
            .await;
    }
    let attempts = (0..100).map(|i| {
        let app = &app;
        let service = service.clone();
        async move {
            app.issue(&app.kiosk, BA_DINH, &service, &format!("last-{i}"))
                .await
        }
    });
    let replies = futures::future::join_all(attempts).await;
    let issued = replies
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    let full = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT && r.error_body()["error"] == "lobby_full")
        .count();
    assert_eq!((issued, full), (1, 99));
}
