//! A real central server on a random port for the kiosk's tests: the demo offices in a
//! SQLite file, open day and night (these tests run on the machine's clock, whatever the
//! hour), an admin token and a kiosk token of Ba Đình.

use std::path::Path;
use std::sync::Arc;

use central::access::Role;
use central::clock::{Clock, SystemClock};
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::Store;

/// A running central.
pub struct Central {
    pub url: String,
    /// A kiosk token of `hn-ba-dinh`.
    pub token: String,
    /// An admin token.
    pub admin: String,
    pub stop: tokio::sync::oneshot::Sender<()>,
    pub stopped: tokio::task::JoinHandle<()>,
}

impl Central {
    /// Stops the server and waits until it has.
    #[allow(dead_code)] // not every test binary stops its central
    pub async fn shut_down(self) {
        let _ = self.stop.send(());
        let _ = self.stopped.await;
    }
}

/// Serves a fresh database at `db` with the demo offices, each with `seats` seats.
pub async fn spawn_central(db: &Path, seats: u32) -> Central {
    let store = SqliteStore::open(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let mut offices = central::demo::offices(SystemClock.now()).unwrap();
    for office in &mut offices {
        office.seats = seats;
        office.office.opening_hours = vec![wire::OpeningSession {
            weekdays: vec![1, 2, 3, 4, 5, 6, 7],
            opens: "00:00".into(),
            closes: "24:00".into(),
        }];
        office.office.closed_days.clear();
    }
    store.seed(&offices).await.unwrap();
    let now = SystemClock.now();
    let token = store
        .create_token(
            &Role::Kiosk {
                office: "hn-ba-dinh".into(),
            },
            now,
        )
        .await
        .unwrap();
    let admin = store.create_token(&Role::Admin, now).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(Arc::new(store), Arc::new(SystemClock), url.clone());
    let (stop, stopping) = tokio::sync::oneshot::channel::<()>();
    let stopped = tokio::spawn(async move {
        let _ = axum::serve(listener, router(state))
            .with_graceful_shutdown(async move {
                let _ = stopping.await;
            })
            .await;
    });
    Central {
        url,
        token,
        admin,
        stop,
        stopped,
    }
}
