//! Many kiosks asking at once still get unique numbers with no gap.

use std::collections::BTreeSet;

use futures::future::join_all;
use reqwest::StatusCode;

use crate::common::{services_in, spawn_app_with, BA_DINH};

const ISSUANCES: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_issuances_get_unique_numbers_without_gaps() {
    // 200 people would not fit the demo lobby (20); this test is about numbering.
    let app = spawn_app_with(|seeds| {
        for seed in seeds.iter_mut().filter(|s| s.office.id == BA_DINH) {
            seed.seats = 1000;
            seed.occupancy_ratio = 1.0;
        }
    })
    .await;
    let services = services_in("A");
    let replies = join_all((0..ISSUANCES).map(|i| {
        let service = &services[i % services.len()];
        let key = format!("concurrent-{i}");
        let app = &app;
        async move { app.issue(&app.kiosk, BA_DINH, service, &key).await }
    }))
    .await;

    let mut numbers = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for reply in &replies {
        let ticket: wire::Ticket = reply.expect(StatusCode::CREATED);
        assert!(
            numbers.insert(ticket.number.clone()),
            "{} issued twice",
            ticket.number
        );
        assert!(ids.insert(ticket.id));
    }
    let expected: BTreeSet<String> = (1..=ISSUANCES).map(|n| format!("A-{n:03}")).collect();
    assert_eq!(
        numbers, expected,
        "numbers are A-001..A-200, no gap, no duplicate"
    );

    let listed: BTreeSet<String> = app
        .day_list(BA_DINH, None)
        .await
        .into_iter()
        .map(|t| t.number)
        .collect();
    assert_eq!(listed, expected);
}
