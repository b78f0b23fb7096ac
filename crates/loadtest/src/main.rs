//! Ticket issuance over loopback, p50/p99 and throughput at 1 and 64 concurrent
//! clients, beside a bare axum JSON endpoint measured the same way in the same run.
//!
//! `cargo run --release -p loadtest -- [REQUESTS_PER_CLIENT_AT_1] [TOTAL_AT_64]`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::routing::post;
use axum::{Json, Router};
use central::access::Role;
use central::clock::{Clock, SystemClock};
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::Store;

struct Figures {
    p50: Duration,
    p99: Duration,
    per_second: f64,
}

/// Sends `total` requests from `clients` concurrent loops; `request(i)` builds request i.
async fn measure(
    clients: usize,
    total: usize,
    request: Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync>,
) -> Figures {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let loops = (0..clients).map(|_| {
        let next = next.clone();
        let request = request.clone();
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break latencies;
                }
                let t = Instant::now();
                let response = request(i).send().await.expect("server answers");
                assert!(
                    response.status().is_success(),
                    "status {}",
                    response.status()
                );
                response.bytes().await.expect("body");
                latencies.push(t.elapsed());
            }
        })
    });
    let mut all: Vec<Duration> = futures::future::join_all(loops)
        .await
        .into_iter()
        .flat_map(|r| r.expect("client loop"))
        .collect();
    let elapsed = started.elapsed();
    all.sort();
    let at = |q: f64| {
        all[((all.len() as f64 * q).ceil() as usize)
            .saturating_sub(1)
            .min(all.len() - 1)]
    };
    Figures {
        p50: at(0.50),
        p99: at(0.99),
        per_second: all.len() as f64 / elapsed.as_secs_f64(),
    }
}

fn row(name: &str, clients: usize, f: &Figures) {
    println!(
        "| {name} | {clients} | {:.2} ms | {:.2} ms | {:.0} req/s |",
        f.p50.as_secs_f64() * 1e3,
        f.p99.as_secs_f64() * 1e3,
        f.per_second
    );
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sequential = *args.first().unwrap_or(&1000);
    let concurrent = *args.get(1).unwrap_or(&10000);

    // The servers get their own runtime (one worker per core), apart from the clients'.
    let servers = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let (central_url, bare_url, token) = servers.block_on(async {
        let store = SqliteStore::open(&format!(
            "sqlite://{}",
            dir.path().join("load.db").display()
        ))
        .await
        .expect("store");
        let mut offices = central::demo::offices(SystemClock.now()).expect("demo data");
        for office in &mut offices {
            office.seats = 10_000_000; // the lobby rule is not what is measured here
                                       // Nor are opening hours: open day and night, whenever the benchmark runs.
            office.office.opening_hours = vec![wire::OpeningSession {
                weekdays: vec![1, 2, 3, 4, 5, 6, 7],
                opens: "00:00".into(),
                closes: "24:00".into(),
            }];
            office.office.closed_days.clear();
        }
        store.seed(&offices).await.expect("seed");
        let token = store
            .create_token(
                &Role::Kiosk {
                    office: "hn-ba-dinh".into(),
                },
                SystemClock.now(),
            )
            .await
            .expect("token");
        let state = AppState {
            store: Arc::new(store),
            clock: Arc::new(SystemClock),
            public_url: "http://127.0.0.1".into(),
        };
        let central = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let central_url = format!("http://{}", central.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(central, router(state)).await });
        let bare = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let bare_url = format!("http://{}", bare.local_addr().expect("addr"));
        let echo = Router::new().route(
            "/echo",
            post(|Json(v): Json<serde_json::Value>| async move { Json(v) }),
        );
        tokio::spawn(async move { axum::serve(bare, echo).await });
        (central_url, bare_url, token)
    });

    let clients = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    clients.block_on(async {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(128)
            .build()
            .expect("client");
        let body = serde_json::json!({"service": "1.001193", "priority": "none"});
        let issue: Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync> = {
            let (http, body, token) = (http.clone(), body.clone(), token.clone());
            let url = format!("{central_url}/api/v1/offices/hn-ba-dinh/tickets");
            Arc::new(move |i| {
                http.post(&url)
                    .bearer_auth(&token)
                    .header(
                        "Idempotency-Key",
                        format!("load-{i}-{}", std::process::id()),
                    )
                    .json(&body)
            })
        };
        let bare: Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync> = {
            let url = format!("{bare_url}/echo");
            Arc::new(move |_| http.post(&url).json(&body))
        };
        // Warm up connections and caches.
        measure(8, 200, bare.clone()).await;

        println!("| endpoint | clients | p50 | p99 | throughput |");
        println!("|---|---|---|---|---|");
        let bare1 = measure(1, sequential, bare.clone()).await;
        row("bare axum JSON echo", 1, &bare1);
        let issue1 = measure(1, sequential, issue.clone()).await;
        row("POST /offices/{office}/tickets", 1, &issue1);
        let bare64 = measure(64, concurrent, bare.clone()).await;
        row("bare axum JSON echo", 64, &bare64);
        let issue64 = measure(64, concurrent, Arc::new(move |i| issue(i + sequential))).await;
        row("POST /offices/{office}/tickets", 64, &issue64);
        println!();
        println!(
            "ticket issuance throughput / bare endpoint: {:.2} at 1 client, {:.2} at 64 clients",
            issue1.per_second / bare1.per_second,
            issue64.per_second / bare64.per_second
        );
    });
}
