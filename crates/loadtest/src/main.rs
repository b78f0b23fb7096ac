//! Ticket issuance over loopback, p50/p99 and throughput at 1 and 64 concurrent
//! clients, beside a bare axum JSON endpoint measured the same way in the same run.
//!
//! `cargo run --release -p loadtest -- [REQUESTS_AT_1] [REQUESTS_PER_ROUND_AT_64] [ROUNDS]`
//!
//! At 64 clients the echo and the issuance take turns for a few rounds; the
//! ratio reported is the median of the rounds' ratios. CPU time per request is
//! read from /proc by thread: the servers' runtime, the clients' runtime and
//! the ticket issuer.

use std::collections::BTreeMap;
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
    /// Requests per second: of the whole measurement, or the median of its rounds.
    per_second: f64,
    /// Requests per second of each round.
    rounds: Vec<f64>,
    /// Every latency, sorted.
    latencies: Vec<Duration>,
}

impl Figures {
    fn from_latencies(mut latencies: Vec<Duration>, per_second: f64) -> Self {
        latencies.sort();
        let at = |q: f64| {
            latencies[((latencies.len() as f64 * q).ceil() as usize)
                .saturating_sub(1)
                .min(latencies.len() - 1)]
        };
        Self {
            p50: at(0.50),
            p99: at(0.99),
            per_second,
            rounds: vec![per_second],
            latencies,
        }
    }

    /// Rounds taken together: percentiles of all their latencies, the median round's throughput.
    fn merged(rounds: Vec<Figures>) -> Self {
        let per_round: Vec<f64> = rounds.iter().map(|f| f.per_second).collect();
        let latencies = rounds.into_iter().flat_map(|f| f.latencies).collect();
        let mut merged = Self::from_latencies(latencies, median(per_round.clone()));
        merged.rounds = per_round;
        merged
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// CPU time used so far by this process's threads, by thread name (the servers'
/// runtime, the clients' runtime, the ticket issuer, ...), from /proc.
fn cpu_by_thread_name() -> BTreeMap<String, Duration> {
    let mut used = BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return used;
    };
    for task in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue;
        };
        // "tid (name) state ..." with utime and stime the 14th and 15th fields.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_owned();
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        let ticks: u64 = [11, 12]
            .iter()
            .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
            .sum();
        *used.entry(name).or_default() +=
            Duration::from_millis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    }
    used
}

/// The kernel's USER_HZ, which Linux fixes at 100 for /proc.
const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// Adds to `total` the CPU each thread name spent between two snapshots.
fn add_spent(
    total: &mut BTreeMap<String, Duration>,
    before: &BTreeMap<String, Duration>,
    after: &BTreeMap<String, Duration>,
) {
    for (name, &spent) in after {
        let spent = spent.saturating_sub(before.get(name).copied().unwrap_or_default());
        *total.entry(name.clone()).or_default() += spent;
    }
}

/// Microseconds of CPU per request, in all and by thread name.
fn cpu_per_request(spent: &BTreeMap<String, Duration>, requests: usize) -> String {
    let mut parts = Vec::new();
    let mut total = Duration::ZERO;
    for (name, &spent) in spent {
        total += spent;
        if !spent.is_zero() {
            parts.push(format!(
                "{name} {:.1}",
                spent.as_secs_f64() * 1e6 / requests as f64
            ));
        }
    }
    format!(
        "{:.1} µs CPU per request ({})",
        total.as_secs_f64() * 1e6 / requests as f64,
        parts.join(", ")
    )
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
    let all: Vec<Duration> = futures::future::join_all(loops)
        .await
        .into_iter()
        .flat_map(|r| r.expect("client loop"))
        .collect();
    let per_second = all.len() as f64 / started.elapsed().as_secs_f64();
    Figures::from_latencies(all, per_second)
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
    let per_round = *args.get(1).unwrap_or(&10000);
    let rounds = *args.get(2).unwrap_or(&5).max(&1);

    // The servers get their own runtime (one worker per core), apart from the clients'.
    let servers = tokio::runtime::Builder::new_multi_thread()
        .thread_name("server")
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
        // One token stands for every kiosk of the load: no request limits.
        let state = AppState::new(
            Arc::new(store),
            Arc::new(SystemClock),
            "http://127.0.0.1".into(),
        )
        .with_limits(central::http::limits::RequestLimits::none());
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
        .thread_name("client")
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
            Arc::new(move |_| {
                http.post(&url)
                    .bearer_auth(&token)
                    // A new key for every tap, made as the kiosk makes it.
                    .header("Idempotency-Key", kiosk_core::client::new_idempotency_key())
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

        // At 64 clients the two endpoints take turns, round after round, so that
        // whatever else the machine does weighs on both alike.
        let mut bare64 = Vec::new();
        let mut issue64 = Vec::new();
        let mut bare_cpu = BTreeMap::new();
        let mut issue_cpu = BTreeMap::new();
        for _ in 0..rounds {
            let before = cpu_by_thread_name();
            bare64.push(measure(64, per_round, bare.clone()).await);
            let between = cpu_by_thread_name();
            issue64.push(measure(64, per_round, issue.clone()).await);
            let after = cpu_by_thread_name();
            add_spent(&mut bare_cpu, &before, &between);
            add_spent(&mut issue_cpu, &between, &after);
        }
        let bare64 = Figures::merged(bare64);
        let issue64 = Figures::merged(issue64);
        row("bare axum JSON echo", 64, &bare64);
        row("POST /offices/{office}/tickets", 64, &issue64);
        println!();
        let requests = per_round * rounds;
        println!(
            "CPU at 64 clients, bare echo: {}",
            cpu_per_request(&bare_cpu, requests)
        );
        println!(
            "CPU at 64 clients, issuance: {}",
            cpu_per_request(&issue_cpu, requests)
        );
        let ratios: Vec<f64> = issue64
            .rounds
            .iter()
            .zip(&bare64.rounds)
            .map(|(issue, bare)| issue / bare)
            .collect();
        println!(
            "issuance / bare throughput at 64 clients, by round: {}",
            ratios
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!(
            "ticket issuance throughput / bare endpoint: {:.2} at 1 client, {:.2} at 64 clients (median of {rounds} rounds)",
            issue1.per_second / bare1.per_second,
            median(ratios)
        );
    });
}
