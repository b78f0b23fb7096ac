//! Connection hygiene of the real `central serve` process: half-sent requests and idle
//! connections are closed, the health check and staff get in past a flood, a client
//! address holds only its share of event streams, and SIGTERM ends the process within
//! seconds with every event stream ended cleanly.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[path = "common/process.rs"]
mod process;

use process::{create_token, Server, CENTRAL};

const OFFICE: &str = "hn-ba-dinh";
/// Opening hours the demo office keeps: 09:00 on a Wednesday.
const CLOCK: &str = "2026-12-02T09:00:00+07:00";

/// A client that opens a new connection for each request, so a connection the
/// server closes while idle is never reused by mistake.
fn fresh_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .pool_max_idle_per_host(0)
        .build()
        .expect("HTTP client")
}

/// A client for event streams: no overall timeout, a stream lasts.
fn stream_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(3))
        .build()
        .expect("HTTP client")
}

/// `central serve --demo` run through `sh` with at most `files` open files, so the
/// process meets the limit a default system gives it; killed when dropped.
struct Limited {
    child: Child,
    base: String,
}

impl Limited {
    fn start(db: &str, log: &Path, files: u32, args: &[&str]) -> Self {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
            .arg(CENTRAL)
            .args(["--db", db, "serve", "--listen", "127.0.0.1:0", "--demo"])
            .args(["--clock-start", CLOCK])
            .args(args)
            // The default log filter: what an operator sees.
            .env_remove("RUST_LOG")
            .stdout(Stdio::piped())
            .stderr(File::create(log).expect("server log file"))
            .spawn()
            .expect("start central");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = lines.next().and_then(Result::ok).unwrap_or_default();
        std::thread::spawn(move || for _ in lines {});
        let Some(base) = line.trim().strip_prefix("listening on ").map(str::to_owned) else {
            let _ = child.kill();
            panic!(
                "central printed {line:?}; its log:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        };
        Self { child, base }
    }

    fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }
}

impl Drop for Limited {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn host_port(base: &str) -> String {
    base.trim_start_matches("http://").to_owned()
}

/// Opens a connection and sends the start of a request, then one byte every
/// 200 ms, never finishing its headers. Returns how long the server kept it open,
/// or `None` if it was still open after `give_up`.
async fn half_sent(address: String, give_up: Duration) -> Option<Duration> {
    let mut stream = TcpStream::connect(&address).await.expect("connect");
    let opened = Instant::now();
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: central\r\nX-Slow: ")
        .await
        .expect("the first bytes");
    let mut buffer = [0u8; 256];
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    loop {
        if opened.elapsed() > give_up {
            return None;
        }
        tokio::select! {
            // End of stream or a reset: either way the server closed it.
            _ = stream.read(&mut buffer) => return Some(opened.elapsed()),
            _ = tick.tick() => {
                if stream.write_all(b"a").await.is_err() {
                    return Some(opened.elapsed());
                }
            }
        }
    }
}

/// Opens `count` half-sent connections and keeps them until each is closed or
/// `give_up` passes.
fn flood(address: &str, count: usize, give_up: Duration) -> tokio::task::JoinSet<Option<Duration>> {
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..count {
        set.spawn(half_sent(address.to_owned(), give_up));
    }
    set
}

async fn health_status(client: &reqwest::Client, url: &str) -> Result<StatusCode, String> {
    client
        .get(url)
        .send()
        .await
        .map(|r| r.status())
        .map_err(|e| format!("{e:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_are_closed_within_the_header_timeout_and_health_answers_throughout() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = Server::start(
        &db,
        &dir.path().join("central.log"),
        &["--header-timeout", "1"],
        "info",
    );
    let address = host_port(&server.base);
    let mut slow = flood(&address, 500, Duration::from_secs(6));

    let client = fresh_client();
    let health = server.api("/health");
    let mut answers = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        answers.push(health_status(&client, &health).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answers.len() >= 10, "{answers:?}");
    assert!(
        answers.iter().all(|a| a == &Ok(StatusCode::OK)),
        "the health check failed during the flood: {answers:?}"
    );

    let mut kept = Vec::new();
    while let Some(result) = slow.join_next().await {
        kept.push(result.expect("a slow client"));
    }
    let still_open = kept.iter().filter(|k| k.is_none()).count();
    assert_eq!(still_open, 0, "{still_open} of 500 still open after 6 s");
    let longest = kept.iter().flatten().max().expect("500 results");
    // One second allowed for the headers, and some for a loaded machine.
    assert!(
        *longest < Duration::from_millis(3000),
        "a half-sent request was kept {longest:?} with a 1 s header timeout"
    );
}

#[tokio::test]
async fn a_trickled_request_body_is_cut_off() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = Server::start(
        &db,
        &dir.path().join("central.log"),
        &["--header-timeout", "1"],
        "info",
    );
    let kiosk = create_token(&db, &["kiosk", "--office", OFFICE]);
    let mut stream = TcpStream::connect(host_port(&server.base))
        .await
        .expect("connect");
    let head = format!(
        "POST /api/v1/offices/{OFFICE}/appointments/lookup HTTP/1.1\r\nHost: central\r\n\
         Authorization: Bearer {kiosk}\r\nContent-Type: application/json\r\n\
         Content-Length: 10000\r\n\r\n{{\"name\": \""
    );
    stream
        .write_all(head.as_bytes())
        .await
        .expect("the headers");
    let sent = Instant::now();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    loop {
        assert!(
            sent.elapsed() < Duration::from_secs(5),
            "a body sent a byte at a time was still read after 5 s"
        );
        tokio::select! {
            read = stream.read(&mut buffer) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            },
            _ = tick.tick() => {
                if stream.write_all(b"a").await.is_err() {
                    break;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 4"),
        "answered {text}"
    );
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = Server::start(
        &db,
        &dir.path().join("central.log"),
        &["--header-timeout", "1"],
        "info",
    );
    let mut stream = TcpStream::connect(host_port(&server.base))
        .await
        .expect("connect");
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: central\r\n\r\n")
        .await
        .expect("a request");
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&answer).contains("\"database\"") {
        let read = tokio::time::timeout(Duration::from_secs(3), stream.read(&mut buffer))
            .await
            .expect("the answer")
            .expect("read the answer");
        assert!(read > 0, "closed before answering: {answer:?}");
        answer.extend_from_slice(&buffer[..read]);
    }
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        !text.to_ascii_lowercase().contains("connection: close"),
        "the answer itself should keep the connection: {text}"
    );

    let idle_since = Instant::now();
    let after = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await;
    match after {
        Ok(Ok(0)) | Ok(Err(_)) => {}
        Ok(Ok(n)) => panic!("unexpected bytes on an idle connection: {n}"),
        Err(_) => panic!("an idle connection was still open after 5 s"),
    }
    let idle = idle_since.elapsed();
    assert!(
        idle >= Duration::from_millis(800) && idle < Duration::from_secs(3),
        "closed after {idle:?} idle with a 1 s timeout"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_limit_health_and_staff_still_answer() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    // 256 open files: 128 connections, 115 of them event streams at most. The long
    // header timeout leaves the flood to the connection limit alone.
    let server = Limited::start(
        &db,
        &dir.path().join("central.log"),
        256,
        &[
            "--header-timeout",
            "60",
            "--max-streams-per-address",
            "1000",
        ],
    );
    let staff = create_token(&db, &["staff", "--office", OFFICE]);
    let events = server.api(&format!("/offices/{OFFICE}/events"));
    let streams_client = stream_client();
    let mut streams = Vec::new();
    let refused = loop {
        let response =
            tokio::time::timeout(Duration::from_secs(5), streams_client.get(&events).send())
                .await
                .unwrap_or_else(|_| panic!("no answer after {} streams", streams.len()))
                .expect("an answer to a stream");
        if response.status() != StatusCode::OK {
            break response;
        }
        streams.push(response);
        assert!(streams.len() <= 200, "no limit on event streams");
    };
    assert_eq!(streams.len(), 115, "90% of 128 connections");
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(refused.headers().contains_key("retry-after"));

    // Far more half-sent requests than the connections left.
    let address = host_port(&server.base);
    let _slow = flood(&address, 300, Duration::from_secs(20));
    tokio::time::sleep(Duration::from_millis(500)).await;

    let client = fresh_client();
    for _ in 0..5 {
        let health = health_status(&client, &server.api("/health")).await;
        assert_eq!(health, Ok(StatusCode::OK), "the health check");
        let counters = client
            .get(server.api("/counters"))
            .bearer_auth(&staff)
            .send()
            .await
            .map(|r| r.status())
            .map_err(|e| format!("{e:?}"));
        assert_eq!(counters, Ok(StatusCode::OK), "a staff request");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The streams were not pushed out to make room.
    for stream in streams.iter_mut().take(5) {
        let first = tokio::time::timeout(Duration::from_secs(3), stream.chunk())
            .await
            .expect("the stream's first event")
            .expect("a readable stream");
        assert!(first.is_some(), "a stream was closed to make room");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_accepts_and_the_limit_being_met_are_logged() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let log = dir.path().join("central.log");
    // A limit set above what 160 open files allow: accepts fail before it is met.
    let server = Limited::start(&db, &log, 160, &["--max-connections", "1000"]);
    let _slow = flood(&host_port(&server.base), 300, Duration::from_secs(20));
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("a connection could not be accepted") {
            assert!(
                text.contains("more connections are allowed than open files"),
                "{text}"
            );
            break;
        }
        assert!(Instant::now() < deadline, "no accept error logged:\n{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(server);

    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let log = dir.path().join("central.log");
    let server = Limited::start(&db, &log, 4096, &["--max-connections", "50"]);
    let _slow = flood(&host_port(&server.base), 100, Duration::from_secs(20));
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("connection limit reached") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the limit met is not logged:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn one_client_address_holds_only_its_share_of_event_streams() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = Server::start(
        &db,
        &dir.path().join("central.log"),
        &["--max-streams-per-address", "3"],
        "info",
    );
    let events = server.api(&format!("/offices/{OFFICE}/events"));
    let client = stream_client();
    let mut open = Vec::new();
    for _ in 0..3 {
        let response = client.get(&events).send().await.expect("a stream");
        assert_eq!(response.status(), StatusCode::OK);
        open.push(response);
    }
    let fourth = client.get(&events).send().await.expect("an answer");
    assert_eq!(fourth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        fourth
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("30")
    );
    let body: serde_json::Value = fourth.json().await.expect("a JSON error");
    assert_eq!(body["error"], "too_many_streams", "{body}");
    // A stream closed gives its place back.
    drop(open.pop());
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let again = client.get(&events).send().await.expect("an answer");
        if again.status() == StatusCode::OK {
            break;
        }
        assert!(Instant::now() < deadline, "the place was not given back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Other requests from the same address are not limited by it.
    let health = health_status(&fresh_client(), &server.api("/health")).await;
    assert_eq!(health, Ok(StatusCode::OK));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_fifty_open_streams_ends_the_process_within_five_seconds() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let log = dir.path().join("central.log");
    let mut server = Limited::start(&db, &log, 4096, &[]);
    let events = server.api(&format!("/offices/{OFFICE}/events"));
    let client = stream_client();
    let mut streams = Vec::new();
    for _ in 0..50 {
        let response = client.get(&events).send().await.expect("a stream");
        assert_eq!(response.status(), StatusCode::OK);
        let mut body = response;
        let first = tokio::time::timeout(Duration::from_secs(5), body.chunk())
            .await
            .expect("the first event")
            .expect("a readable stream")
            .expect("an open stream");
        assert!(
            String::from_utf8_lossy(&first).contains("snapshot"),
            "{first:?}"
        );
        streams.push(body);
    }
    // A half-sent request and an idle connection must not hold the shutdown up either.
    let _slow = flood(&host_port(&server.base), 5, Duration::from_secs(20));
    tokio::time::sleep(Duration::from_millis(200)).await;

    let signalled = Instant::now();
    server.terminate();
    let ended = tokio::task::spawn_blocking(move || {
        let status = loop {
            if let Some(status) = server.child.try_wait().expect("the process") {
                break Some(status);
            }
            if signalled.elapsed() > Duration::from_secs(5) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        (status, server)
    });
    let (status, _server) = ended.await.expect("waiting");
    let status = status.unwrap_or_else(|| {
        panic!(
            "still running 5 s after SIGTERM; its log:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        )
    });
    assert!(status.success(), "exit after SIGTERM: {status}");

    for (i, mut stream) in streams.into_iter().enumerate() {
        loop {
            match tokio::time::timeout(Duration::from_secs(2), stream.chunk()).await {
                Ok(Ok(None)) => break,
                Ok(Ok(Some(_))) => continue,
                Ok(Err(error)) => {
                    panic!("stream {i} was cut instead of ended: {error:?}")
                }
                Err(_) => panic!("stream {i} did not end"),
            }
        }
    }
}
