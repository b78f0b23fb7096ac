//! What one client gets from the central's request limits when it sends as fast as
//! it can: wrong booking codes at check-in, names at the lookup, numbers at the kiosk.
//!
//! `cargo run --release -p loadtest --bin limits -- [SECONDS]`
//!
//! Serves the central in this process (SQLite in a temporary folder, demo data, the
//! machine's clock, the lobby's default limits, connections served as `central serve`
//! serves them, so the per-address limits hold too), then for each endpoint sends
//! requests one after another from one kiosk token for SECONDS (default 10), and
//! prints what was sent, what was answered and what was refused with 429 (waiting
//! between endpoints for the address's budget to refill).

use std::sync::Arc;
use std::time::{Duration, Instant};

use central::access::Role;
use central::clock::{Clock, SystemClock};
use central::http::limits::RequestLimits;
use central::http::serve::{serve, Limits};
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::Store;
use reqwest::StatusCode;
use serde_json::json;

const OFFICE: &str = "hn-ba-dinh";
/// Long enough for an address's budget of any request (1,200 at 200 a second) to refill.
const REFILL: Duration = Duration::from_secs(7);

struct Tally {
    sent: u64,
    answered: u64,
    refused: u64,
    /// Answers before the first 429, and how long they took.
    before_first_refusal: Option<(u64, Duration)>,
    retry_after: Option<String>,
    /// The refusals' codes, with how many of each.
    codes: std::collections::BTreeMap<String, u64>,
}

async fn hammer(
    seconds: f64,
    mut send: impl FnMut(u64) -> reqwest::RequestBuilder,
) -> Result<Tally, String> {
    let started = Instant::now();
    let mut tally = Tally {
        sent: 0,
        answered: 0,
        refused: 0,
        before_first_refusal: None,
        retry_after: None,
        codes: Default::default(),
    };
    while started.elapsed().as_secs_f64() < seconds {
        let response = send(tally.sent).send().await.map_err(|e| e.to_string())?;
        tally.sent += 1;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            tally.refused += 1;
            if tally.before_first_refusal.is_none() {
                tally.before_first_refusal = Some((tally.answered, started.elapsed()));
                tally.retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
            }
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            let code = body["error"].as_str().unwrap_or("?").to_owned();
            *tally.codes.entry(code).or_default() += 1;
        } else {
            tally.answered += 1;
            let _ = response.bytes().await;
        }
    }
    Ok(tally)
}

fn row(what: &str, seconds: f64, tally: &Tally) {
    let (before, after) =
        tally
            .before_first_refusal
            .map_or(("never".to_owned(), String::new()), |(n, at)| {
                (
                    n.to_string(),
                    format!(" ({:.0} ms)", at.as_secs_f64() * 1000.0),
                )
            });
    let codes: Vec<String> = tally
        .codes
        .iter()
        .map(|(c, n)| format!("{c} ×{n}"))
        .collect();
    println!(
        "| {what} | {:.0} req/s | {:.1} req/s | {before}{after} | {} | {} |",
        tally.sent as f64 / seconds,
        tally.answered as f64 / seconds,
        codes.join(", "),
        tally.retry_after.as_deref().unwrap_or("—"),
    );
}

fn main() -> Result<(), String> {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map(|s| {
            s.parse()
                .map_err(|_| format!("not a number of seconds: {s}"))
        })
        .transpose()?
        .unwrap_or(10.0);
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let url = format!("sqlite://{}", dir.path().join("central.db").display());
        let store = SqliteStore::open(&url).await.map_err(|e| e.to_string())?;
        let mut offices = central::demo::offices(SystemClock.now()).map_err(|e| e.to_string())?;
        // Open day and night, so the numbers are issued whatever the hour.
        for office in &mut offices {
            office.seats = 100_000;
            office.occupancy_ratio = 1.0;
            office.office.opening_hours = vec![wire::OpeningSession {
                weekdays: vec![1, 2, 3, 4, 5, 6, 7],
                opens: "00:00".into(),
                closes: "24:00".into(),
            }];
            office.office.closed_days.clear();
        }
        store.seed(&offices).await.map_err(|e| e.to_string())?;
        let service = offices
            .iter()
            .find(|o| o.office.id == OFFICE)
            .and_then(|o| o.procedures.first())
            .map(|p| p.code.clone())
            .ok_or("the demo office has no procedure")?;
        let mut tokens = Vec::new();
        for _ in 0..3 {
            let role = Role::Kiosk {
                office: OFFICE.into(),
            };
            tokens.push(
                store
                    .create_token(&role, SystemClock.now())
                    .await
                    .map_err(|e| e.to_string())?,
            );
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let base = format!("http://{}/api/v1", listener.local_addr().map_err(|e| e.to_string())?);
        let state = AppState::new(Arc::new(store), Arc::new(SystemClock), base.clone())
            .with_limits(RequestLimits::lobby());
        let connections = Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 1000,
            streams_per_address: 300,
        };
        tokio::spawn(serve(
            listener,
            router(state),
            connections,
            std::future::pending(),
        ));
        let http = reqwest::Client::new();

        println!("One client, one request after another for {seconds} s, with its own kiosk token:\n");
        println!("| endpoint | sent | answered (not 429) | answers before the first 429 | 429s by code | first Retry-After (s) |");
        println!("|---|---|---|---|---|---|");
        let tally = hammer(seconds, |i| {
            http.post(format!("{base}/appointments/WRONG{i}/check-in"))
                .bearer_auth(&tokens[0])
        })
        .await?;
        row("check-in, wrong codes", seconds, &tally);
        // The address's budget for any request, spent by the flood, refills first.
        tokio::time::sleep(REFILL).await;
        let tally = hammer(seconds, |i| {
            http.post(format!("{base}/offices/{OFFICE}/appointments/lookup"))
                .bearer_auth(&tokens[1])
                .json(&json!({ "name": format!("Nguyễn Văn {i}") }))
        })
        .await?;
        row("lookup by name", seconds, &tally);
        tokio::time::sleep(REFILL).await;
        let tally = hammer(seconds, |i| {
            http.post(format!("{base}/offices/{OFFICE}/tickets"))
                .bearer_auth(&tokens[2])
                .header("Idempotency-Key", format!("load-{i}"))
                .json(&json!({ "service": service, "priority": "none" }))
        })
        .await?;
        row("numbers (tickets)", seconds, &tally);
        Ok(())
    })
}
