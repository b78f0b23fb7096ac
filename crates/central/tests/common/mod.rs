//! The one way an API test starts the server: a fresh SQLite file in its own
//! temporary directory, the demo offices, a clock the test moves, a token per
//! role, and the real router served on a random port.

use std::sync::Arc;
use std::time::Duration;

use central::access::Role;
use central::clock::ManualClock;
use central::http::limits::RequestLimits;
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::{OfficeSeed, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The demo office most tests work in (40 seats × 0.5: 20 people in the lobby).
pub const BA_DINH: &str = "hn-ba-dinh";
/// The other demo office.
pub const HOAN_KIEM: &str = "hn-hoan-kiem";
/// Lobby capacity of [`BA_DINH`] in the demo data.
pub const BA_DINH_CAPACITY: usize = 20;
/// The counter the staff token works: it serves group B.
pub const STAFF_COUNTER: &str = "hn-ba-dinh-q3";

/// Wednesday 2 December 2026, the day tests start on: a working day, so demo
/// slots exist from the next day on.
pub fn start_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("valid date")
}

/// An office-local (Asia/Ho_Chi_Minh) date and time as the instant it is.
pub fn local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Ho_Chi_Minh
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).expect("valid time"))
        .single()
        .expect("Vietnam has no daylight saving")
        .with_timezone(&Utc)
}

/// Every procedure code of `group` in the demo catalogue.
pub fn services_in(group: &str) -> Vec<String> {
    let procedures = central::demo::procedures().expect("demo procedures parse");
    let codes: Vec<String> = procedures
        .iter()
        .filter(|p| p.service_group == group)
        .map(|p| p.code.clone())
        .collect();
    assert!(
        !codes.is_empty(),
        "the demo catalogue has no procedure in group {group}"
    );
    codes
}

/// A procedure code of `group` in the demo catalogue.
pub fn service_in(group: &str) -> String {
    services_in(group).swap_remove(0)
}

/// Makes every seeded office open day and night, every day of the year.
pub fn open_all_hours(seeds: &mut Vec<OfficeSeed>) {
    for seed in seeds {
        seed.office.opening_hours = vec![wire::OpeningSession {
            weekdays: vec![1, 2, 3, 4, 5, 6, 7],
            opens: "00:00".into(),
            closes: "24:00".into(),
        }];
        seed.office.closed_days.clear();
    }
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, also the public address in track URLs.
    pub base: String,
    /// Client with a timeout, so a hung server fails the test instead of stalling it.
    pub client: reqwest::Client,
    /// The server's clock.
    pub clock: Arc<ManualClock>,
    /// Admin token.
    pub admin: String,
    /// Kiosk token of [`BA_DINH`].
    pub kiosk: String,
    /// Kiosk token of [`HOAN_KIEM`].
    pub kiosk_hoan_kiem: String,
    /// Staff token of counter [`STAFF_COUNTER`].
    pub staff: String,
    /// The database's URL, for tests that look beneath the API.
    pub db_url: String,
    server: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Starts the app with the demo data as of 09:00 on [`start_day`] (the demo
/// offices open 08:00–12:00 and 13:30–17:00 on weekdays, 08:00–12:00 on Saturdays).
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app after `adjust` has changed the demo seed (e.g. more seats). Its
/// request limits are off: one token here stands for any number of kiosks, and
/// the clock stands still (the limits' own tests use [`spawn_app_limited`]).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Vec<OfficeSeed>)) -> TestApp {
    start_app(adjust, None).await
}

/// Starts the app with request limits `limits`, served as `central serve` serves
/// it, so that each request carries its client address (127.0.0.1).
/// `adjust` changes the demo seed first.
pub async fn spawn_app_limited(
    limits: RequestLimits,
    adjust: impl FnOnce(&mut Vec<OfficeSeed>),
) -> TestApp {
    start_app(adjust, Some(limits)).await
}

async fn start_app(
    adjust: impl FnOnce(&mut Vec<OfficeSeed>),
    limits: Option<RequestLimits>,
) -> TestApp {
    let now = local(start_day(), 9, 0);
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("central.db").display());
    let store = SqliteStore::open(&url).await.expect("open the database");
    let mut seeds = central::demo::offices(now).expect("demo data");
    adjust(&mut seeds);
    store.seed(&seeds).await.expect("seed the demo offices");

    let token = |role: Role| {
        let store = store.clone();
        async move {
            store
                .create_token(&role, now)
                .await
                .expect("create a token")
        }
    };
    let admin = token(Role::Admin).await;
    let kiosk = token(Role::Kiosk {
        office: BA_DINH.into(),
    })
    .await;
    let kiosk_hoan_kiem = token(Role::Kiosk {
        office: HOAN_KIEM.into(),
    })
    .await;
    let staff = token(Role::Staff {
        office: BA_DINH.into(),
        counter: Some(STAFF_COUNTER.into()),
    })
    .await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let clock = Arc::new(ManualClock::new(now));
    let state = AppState::new(Arc::new(store), clock.clone(), base.clone());
    let server = match limits {
        None => {
            let state = state.with_limits(RequestLimits::none());
            tokio::spawn(async move {
                axum::serve(listener, router(state))
                    .await
                    .expect("server runs");
            })
        }
        Some(limits) => {
            let state = state.with_limits(limits);
            let connections = central::http::serve::Limits {
                header_timeout: Duration::from_secs(10),
                max_connections: 1000,
                streams_per_address: 300,
            };
            tokio::spawn(async move {
                central::http::serve::serve(
                    listener,
                    router(state),
                    connections,
                    std::future::pending(),
                )
                .await
                .expect("server runs");
            })
        }
    };
    TestApp {
        base,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("HTTP client"),
        clock,
        admin,
        kiosk,
        kiosk_hoan_kiem,
        staff,
        db_url: url,
        server,
        _dir: dir,
    }
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as `T`, or a panic that shows the body.
    #[track_caller]
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} body is not the expected JSON ({e}): {}",
                self.status,
                self.text()
            )
        })
    }

    /// The header's value as text, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts `status` (showing the body when it differs) and parses the body.
    #[track_caller]
    pub fn expect<T: DeserializeOwned>(&self, status: StatusCode) -> T {
        assert_eq!(self.status, status, "body: {}", self.text());
        self.json()
    }

    /// Asserts an error answer: the status, a JSON content type, and a body with
    /// string `error` equal to `code` and a non-empty string `message`.
    #[track_caller]
    pub fn expect_error(&self, status: StatusCode, code: &str) -> Value {
        assert_eq!(self.status, status, "body: {}", self.text());
        let body = self.error_body();
        assert_eq!(body["error"], code, "body: {body}");
        body
    }

    /// Asserts the answer is in the API's error shape, whatever its status and
    /// code; returns the body.
    #[track_caller]
    pub fn error_body(&self) -> Value {
        assert!(
            self.header(CONTENT_TYPE.as_str())
                .is_some_and(|t| t.starts_with("application/json")),
            "{} answered with Content-Type {:?}: {}",
            self.status,
            self.header(CONTENT_TYPE.as_str()),
            self.text()
        );
        let body: Value = self.json();
        assert!(body["error"].is_string(), "no `error` string: {body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| !m.trim().is_empty()),
            "no `message` string: {body}"
        );
        body
    }
}

impl TestApp {
    /// Address of an API path (`/offices` → `BASE/api/v1/offices`).
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// The server's clock.
    pub fn clock_now(&self) -> DateTime<Utc> {
        central::Clock::now(self.clock.as_ref())
    }

    /// Sets the server's clock.
    pub fn set_time(&self, at: DateTime<Utc>) {
        self.clock.set(at);
    }

    /// Sends a request and reads the whole answer.
    pub async fn send(&self, request: RequestBuilder) -> Reply {
        let response = request.send().await.expect("the server answers");
        Reply {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.bytes().await.expect("read the body").to_vec(),
        }
    }

    /// `GET` of an API path, with a bearer token if given.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut request = self.client.get(self.api(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }

    /// `POST` of JSON to an API path, with a token and an `Idempotency-Key` if given.
    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.post(self.api(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    /// `PUT` of JSON to an API path, with a bearer token if given.
    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        let mut request = self.client.put(self.api(path)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }

    /// Asks for a ticket without priority.
    pub async fn issue(&self, token: &str, office: &str, service: &str, key: &str) -> Reply {
        self.post(
            &format!("/offices/{office}/tickets"),
            Some(token),
            Some(key),
            Some(json!({ "service": service, "priority": "none" })),
        )
        .await
    }

    /// Issues a ticket that must be granted.
    pub async fn issue_ok(
        &self,
        token: &str,
        office: &str,
        service: &str,
        key: &str,
    ) -> wire::Ticket {
        self.issue(token, office, service, key)
            .await
            .expect(StatusCode::CREATED)
    }

    /// The day's tickets of an office as staff see them (`date` absent: today).
    /// Books at [`BA_DINH`] with its kiosk token: `body` is `{service, slot_start, contact}`.
    pub async fn book(&self, body: Value, key: &str) -> Reply {
        self.post(
            &format!("/offices/{BA_DINH}/appointments"),
            Some(&self.kiosk),
            Some(key),
            Some(body),
        )
        .await
    }

    /// The first slot of `service` at [`BA_DINH`] on `date` (`YYYY-MM-DD`).
    pub async fn first_slot(&self, service: &str, date: &str) -> wire::Slot {
        let list: wire::SlotList = self
            .get(
                &format!("/offices/{BA_DINH}/slots?service={service}&date={date}"),
                Some(&self.kiosk),
            )
            .await
            .expect(StatusCode::OK);
        assert_eq!(list.date, date);
        list.slots
            .into_iter()
            .next()
            .expect("the demo seeds slots for the next working day")
    }

    pub async fn day_list(&self, office: &str, date: Option<&str>) -> Vec<wire::OfficeTicket> {
        let path = match date {
            Some(date) => format!("/offices/{office}/tickets?date={date}"),
            None => format!("/offices/{office}/tickets"),
        };
        self.get(&path, Some(&self.admin))
            .await
            .expect(StatusCode::OK)
    }

    /// `POST /counters/{counter}/call-next` with a token.
    pub async fn call_next(&self, counter: &str, token: &str) -> Reply {
        self.post(
            &format!("/counters/{counter}/call-next"),
            Some(token),
            None,
            None,
        )
        .await
    }
}
