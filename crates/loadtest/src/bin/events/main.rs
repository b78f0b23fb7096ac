//! One central holding many open event streams on loopback: its memory per open
//! stream, and how long a Call next takes to reach the streams.
//!
//! `cargo build --release -p loadtest -p central && cargo run --release -p loadtest --bin events`
//!
//! Starts the release central (`serve --demo`, its clock on a working morning),
//! opens `--streams` event streams to one office, reads the central's VmRSS
//! before and after, then issues a ticket and calls it `--calls` times, one at a
//! time, and times the `called` event on every stream. The figures of a call are
//! the time to the last of `--sample` streams spread across all of them.

mod process;
mod sse;
mod stats;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use futures::StreamExt;
use tokio::sync::mpsc;

use process::{Central, Memory, Stopped};
use sse::{EventStream, StreamError};
use stats::{kib, ms, percentile, thousands};

#[derive(Parser)]
#[command(
    name = "events",
    about = "Benchmark: a central holding many open event streams on loopback"
)]
struct Args {
    /// The central binary; defaults to `central` beside this one.
    #[arg(long)]
    central: Option<PathBuf>,
    /// Event streams to hold open.
    #[arg(long, default_value_t = 10_000)]
    streams: usize,
    /// Streams, spread across all of them, whose delivery times are reported.
    #[arg(long, default_value_t = 1_000)]
    sample: usize,
    /// Calls to make, one after another.
    #[arg(long, default_value_t = 50)]
    calls: usize,
    /// Milliseconds of quiet around each call (half before, half after).
    #[arg(long, default_value_t = 1_000)]
    gap_ms: u64,
    /// Streams being opened at once.
    #[arg(long, default_value_t = 256)]
    open_parallel: usize,
    /// Source addresses to spread connections over (127.0.0.1, .2, ...), if
    /// one address runs short of ports.
    #[arg(long, default_value_t = 1)]
    sources: u8,
    /// Office whose stream is opened.
    #[arg(long, default_value = "hn-ba-dinh")]
    office: String,
    /// Counter that calls.
    #[arg(long, default_value = "hn-ba-dinh-q1")]
    counter: String,
    /// Procedure of the tickets issued (one the counter serves).
    #[arg(long, default_value = "1.001193")]
    service: String,
    /// The central's clock at start: a working morning, so tickets can be issued.
    #[arg(long, default_value = "2026-12-02T09:00:00+07:00")]
    clock_start: String,
    /// Seconds a call's event may take to reach every stream before it counts as lost.
    #[arg(long, default_value_t = 10)]
    delivery_timeout_s: u64,
    /// Seconds the whole run may take.
    #[arg(long, default_value_t = 900)]
    time_limit_s: u64,
}

/// Seconds one stream may take to connect and receive its snapshot.
const OPEN_TIMEOUT: Duration = Duration::from_secs(30);
/// Seconds the central is given to exit on SIGTERM.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// File descriptors the tool and the central need beyond one per stream.
const SPARE_FILES: usize = 256;
/// Goal of the issue: p99 of the time to the last of the sampled streams.
const GOAL_P99: Duration = Duration::from_millis(250);
/// Goal of the issue: memory per open stream.
const GOAL_KIB_PER_STREAM: f64 = 100.0;

/// What a stream's reader tells the measuring loop.
enum Report {
    /// A `called` event for `number` arrived on `stream` at `at`.
    Called {
        stream: usize,
        number: String,
        at: Instant,
    },
    /// `stream` ended.
    Closed { stream: usize, why: String },
}

/// One call and when its event reached each stream.
struct Call {
    /// Call next's response time.
    response: Duration,
    /// Per stream, when the event arrived after Call next was sent.
    arrivals: Vec<Option<Duration>>,
    /// Streams open when the call was made.
    open: usize,
}

/// Everything measured, for the summary.
struct Measured {
    opened: usize,
    open_time: Duration,
    before: Memory,
    with_streams: Memory,
    after_calls: Memory,
    calls: Vec<Call>,
    central_cpu: Duration,
    tool_cpu: Duration,
    /// Events each stream received per ticket and call, on average.
    events_per_cycle: f64,
    late: usize,
    closed: Vec<(usize, String)>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("events: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    if args.streams == 0 || args.calls == 0 {
        return Err("--streams and --calls must be at least 1".into());
    }
    if args.sample == 0 || args.sample > args.streams {
        return Err(format!(
            "--sample must be between 1 and --streams ({})",
            args.streams
        ));
    }
    if args.sources == 0 || args.open_parallel == 0 {
        return Err("--sources and --open-parallel must be at least 1".into());
    }
    let needed = (args.streams + SPARE_FILES) as u64;
    let (soft_before, soft) = process::raise_open_files_limit()?;
    if soft < needed {
        return Err(format!(
            "{} streams need {needed} open files, and the hard limit is {soft}: raise it \
             (as root, `ulimit -Hn {needed}`, or LimitNOFILE= in a systemd unit)",
            args.streams
        ));
    }
    let binary = match &args.central {
        Some(path) => path.clone(),
        None => std::env::current_exe()
            .map_err(|e| format!("where this tool is: {e}"))?
            .with_file_name("central"),
    };
    if !binary.is_file() {
        return Err(format!(
            "no central binary at {}: build it with `cargo build --release -p central`, or pass --central",
            binary.display()
        ));
    }

    // Started from this thread, before any runtime, so the parent-death signal
    // stays tied to a thread that lives as long as the tool. It inherits the raised limit.
    let mut central = Central::start(&binary, &args.clock_start, args.streams)?;
    let pid = central.pid();
    let central_files = process::open_files_limit(pid)?;
    if central_files < needed {
        return Err(format!(
            "the central may open {central_files} files; {} streams need {needed}",
            args.streams
        ));
    }
    let kiosk = central.token(&["--role", "kiosk", "--office", &args.office])?;
    let staff = central.token(&["--role", "staff", "--office", &args.office])?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    let limit = Duration::from_secs(args.time_limit_s);
    let address = central.address;
    let measured = runtime.block_on(async {
        tokio::time::timeout(limit, measure(args, address, pid, &kiosk, &staff))
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "the run took more than --time-limit-s {}",
                    limit.as_secs()
                ))
            })
    });
    let measured = match measured {
        Ok(measured) => measured,
        Err(message) => {
            // The streams close before the central is asked to stop.
            drop(runtime);
            let why = match central.exited() {
                Some(status) => format!(
                    "{message}\nthe central exited ({status}); its log:\n{}",
                    central.log_tail()
                ),
                None => message,
            };
            return Err(why);
        }
    };

    // A board or a phone keeps its stream open for hours: the central must still
    // stop when asked, so SIGTERM is sent while every stream is open.
    let stop_with_streams = central.terminate(STOP_GRACE);
    drop(runtime);
    let stop_after = match stop_with_streams {
        Some(_) => None,
        None => Some(central.stop(STOP_GRACE)),
    };

    print_summary(
        args,
        &measured,
        (soft_before, soft, central_files),
        stop_with_streams,
        stop_after,
    );
    Ok(())
}

/// The source address of stream `i`.
fn source(args: &Args, i: usize) -> Option<IpAddr> {
    (args.sources > 1).then(|| {
        IpAddr::V4(Ipv4Addr::new(
            127,
            0,
            0,
            1 + (i % args.sources as usize) as u8,
        ))
    })
}

/// Whether stream `i` is one of the sampled ones, spread evenly across all.
fn sampled(args: &Args, i: usize) -> bool {
    let step = args.streams / args.sample;
    i.is_multiple_of(step) && i / step < args.sample
}

/// Opens one stream and waits for its first event, which must be the snapshot.
async fn open_stream(
    server: SocketAddr,
    source: Option<IpAddr>,
    path: &str,
) -> Result<EventStream, StreamError> {
    let mut stream = EventStream::open(server, source, path).await?;
    let first = stream
        .next_event()
        .await?
        .ok_or_else(|| StreamError::Protocol("it ended before its first event".into()))?;
    let kind = serde_json::from_str::<serde_json::Value>(&first.data)
        .ok()
        .and_then(|v| v.get("type")?.as_str().map(str::to_owned));
    if kind.as_deref() != Some("snapshot") {
        return Err(StreamError::Protocol(format!(
            "its first event is {:?}, not a snapshot",
            kind.unwrap_or_else(|| first.data.chars().take(80).collect())
        )));
    }
    Ok(stream)
}

/// The number of a `called` event, or `None` for any other event. Ten thousand
/// streams read each event at once, so the usual shape (`type` first, as serde
/// writes a tagged enum) is recognised without parsing; anything else is parsed.
fn called_number(data: &str) -> Option<String> {
    if !data.contains("called") {
        return None;
    }
    if let Some(rest) = data.strip_prefix(r#"{"type":"called","number":""#) {
        if let Some(end) = rest.find('"') {
            return Some(rest[..end].to_owned());
        }
    }
    let value: serde_json::Value = serde_json::from_str(data).ok()?;
    if value.get("type")?.as_str()? != "called" {
        return None;
    }
    Some(value.get("number")?.as_str()?.to_owned())
}

/// Reads `stream` until it ends, reporting each `called` event's arrival.
fn spawn_reader(
    i: usize,
    mut stream: EventStream,
    reports: mpsc::UnboundedSender<Report>,
    events: Arc<AtomicU64>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let why = loop {
            match stream.next_event().await {
                Ok(Some(event)) => {
                    let at = Instant::now();
                    events.fetch_add(1, Ordering::Relaxed);
                    if let Some(number) = called_number(&event.data) {
                        let _ = reports.send(Report::Called {
                            stream: i,
                            number,
                            at,
                        });
                    }
                }
                Ok(None) => break "the server ended it".to_owned(),
                Err(e) => break e.to_string(),
            }
        };
        let _ = reports.send(Report::Closed { stream: i, why });
    })
}

async fn measure(
    args: &Args,
    server: SocketAddr,
    pid: u32,
    kiosk: &str,
    staff: &str,
) -> Result<Measured, String> {
    let path = format!("/api/v1/offices/{}/events", args.office);
    let (reports, mut received) = mpsc::unbounded_channel();
    let mut readers = Vec::with_capacity(args.streams);
    let events = Arc::new(AtomicU64::new(0));

    // The first stream alone: it shows whether the endpoint is there at all, and
    // whatever the central sets up once per office is in the baseline.
    let first = open_stream(server, source(args, 0), &path)
        .await
        .map_err(|e| match e {
            StreamError::Status { code: 404, body } => format!(
                "the central has no event stream at {path} (404: {body}); is it a build with the events endpoint?"
            ),
            other => format!("the first stream to {path}: {other}"),
        })?;
    readers.push(spawn_reader(0, first, reports.clone(), events.clone()));
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = process::memory(pid)?;

    println!(
        "opening {} event streams to {path} ({} at a time)...",
        thousands(args.streams),
        args.open_parallel
    );
    let started = Instant::now();
    let mut opening = futures::stream::iter(1..args.streams)
        .map(|i| {
            let path = &path;
            async move {
                let opened =
                    tokio::time::timeout(OPEN_TIMEOUT, open_stream(server, source(args, i), path))
                        .await
                        .unwrap_or_else(|_| {
                            Err(StreamError::Protocol(format!(
                                "no snapshot within {} s",
                                OPEN_TIMEOUT.as_secs()
                            )))
                        });
                (i, opened)
            }
        })
        .buffer_unordered(args.open_parallel);
    let mut failed = 0;
    let mut first_failure = None;
    while let Some((i, opened)) = opening.next().await {
        match opened {
            Ok(stream) => readers.push(spawn_reader(i, stream, reports.clone(), events.clone())),
            Err(e) => {
                failed += 1;
                first_failure.get_or_insert_with(|| format!("stream {i}: {e}"));
            }
        }
    }
    drop(opening);
    if let Some(first_failure) = first_failure {
        return Err(format!(
            "{failed} of {} streams could not be opened; the first: {first_failure}",
            args.streams
        ));
    }
    let open_time = started.elapsed();
    println!(
        "opened in {:.1} s; letting the central settle",
        open_time.as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    let with_streams = process::memory(pid)?;

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    let base = format!("http://{server}/api/v1");
    let half_gap = Duration::from_millis(args.gap_ms / 2);
    let delivery_timeout = Duration::from_secs(args.delivery_timeout_s);
    let mut open = readers.len();
    let mut closed = Vec::new();
    let mut late = 0;
    let mut calls = Vec::with_capacity(args.calls);
    let central_cpu_before = process::cpu_time(pid)?;
    let tool_cpu_before = process::cpu_time(std::process::id())?;
    let events_before = events.load(Ordering::Relaxed);
    println!("making {} calls, {} ms apart...", args.calls, args.gap_ms);
    for _ in 0..args.calls {
        issue_ticket(&http, &base, args, kiosk).await?;
        tokio::time::sleep(half_gap).await;

        let sent = Instant::now();
        let number = call_next(&http, &base, &args.counter, staff).await?;
        let response = sent.elapsed();
        let mut arrivals = vec![None; args.streams];
        let mut arrived = 0;
        let open_at_call = open;
        let deadline = tokio::time::Instant::from_std(sent + delivery_timeout);
        while arrived < open {
            match tokio::time::timeout_at(deadline, received.recv()).await {
                Ok(Some(Report::Called {
                    stream,
                    number: heard,
                    at,
                })) => {
                    if heard == number && arrivals[stream].is_none() {
                        arrivals[stream] = Some(at.saturating_duration_since(sent));
                        arrived += 1;
                    } else {
                        late += 1;
                    }
                }
                Ok(Some(Report::Closed { stream, why })) => {
                    open -= 1;
                    closed.push((stream, why));
                }
                Ok(None) | Err(_) => break,
            }
        }
        calls.push(Call {
            response,
            arrivals,
            open: open_at_call,
        });
        tokio::time::sleep(half_gap).await;
    }
    let central_cpu = process::cpu_time(pid)?.saturating_sub(central_cpu_before);
    let tool_cpu = process::cpu_time(std::process::id())?.saturating_sub(tool_cpu_before);
    let after_calls = process::memory(pid)?;
    let events_read = events.load(Ordering::Relaxed) - events_before;
    Ok(Measured {
        events_per_cycle: events_read as f64 / (readers.len() * args.calls) as f64,
        opened: readers.len(),
        open_time,
        before,
        with_streams,
        after_calls,
        calls,
        central_cpu,
        tool_cpu,
        late,
        closed,
    })
}

/// Issues one ticket at the kiosk's endpoint, as a kiosk does.
async fn issue_ticket(
    http: &reqwest::Client,
    base: &str,
    args: &Args,
    kiosk: &str,
) -> Result<(), String> {
    let response = http
        .post(format!("{base}/offices/{}/tickets", args.office))
        .bearer_auth(kiosk)
        .header("Idempotency-Key", kiosk_core::client::new_idempotency_key())
        .json(&serde_json::json!({ "service": args.service }))
        .send()
        .await
        .map_err(|e| format!("issuing a ticket: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        let body = response.text().await.unwrap_or_default();
        return Err(format!("issuing a ticket: HTTP {status}: {body}"));
    }
    Ok(())
}

/// Presses Call next; returns the number called.
async fn call_next(
    http: &reqwest::Client,
    base: &str,
    counter: &str,
    staff: &str,
) -> Result<String, String> {
    let response = http
        .post(format!("{base}/counters/{counter}/call-next"))
        .bearer_auth(staff)
        .send()
        .await
        .map_err(|e| format!("Call next: {e}"))?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    if !status.is_success() {
        return Err(format!("Call next: HTTP {status}: {body}"));
    }
    serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| Some(v.get("ticket")?.get("number")?.as_str()?.to_owned()))
        .ok_or_else(|| format!("Call next answered without a ticket number: {body}"))
}

fn print_summary(
    args: &Args,
    m: &Measured,
    (soft_before, soft, central_files): (u64, u64, u64),
    stop_with_streams: Option<Duration>,
    stop_after: Option<Stopped>,
) {
    let opened = m.opened;
    let grown = |after: &Memory| after.rss_kib.saturating_sub(m.before.rss_kib) as f64;
    // The first stream is in the baseline; the rest were opened after it.
    let per_stream = grown(&m.with_streams) / (opened.max(2) - 1) as f64;
    let per_stream_after_calls = grown(&m.after_calls) / (opened.max(2) - 1) as f64;

    let sample_size = (0..args.streams).filter(|&i| sampled(args, i)).count();
    let mut last_of_sample = Vec::new();
    let mut last_of_all = Vec::new();
    let mut per_stream_delivery = Vec::new();
    let mut missed_sample = 0;
    let mut missed_all = 0;
    for call in &m.calls {
        let mut last_sample = Duration::ZERO;
        let mut last_all = Duration::ZERO;
        let mut got_all = 0;
        for (i, arrival) in call.arrivals.iter().enumerate() {
            let is_sampled = sampled(args, i);
            match arrival {
                Some(t) => {
                    got_all += 1;
                    last_all = last_all.max(*t);
                    if is_sampled {
                        last_sample = last_sample.max(*t);
                        per_stream_delivery.push(*t);
                    }
                }
                None if is_sampled => missed_sample += 1,
                None => {}
            }
        }
        missed_all += call.open.saturating_sub(got_all);
        last_of_sample.push(last_sample);
        last_of_all.push(last_all);
    }
    let responses: Vec<Duration> = m.calls.iter().map(|c| c.response).collect();
    let p = |values: &[Duration], q: f64| ms(percentile(values, q));
    let calls = m.calls.len();
    let p99_last = percentile(&last_of_sample, 0.99);
    let verdict = |met: bool| if met { "met" } else { "MISSED" };

    println!();
    println!(
        "## {} open event streams, one central, loopback",
        thousands(opened)
    );
    println!();
    println!("| measure | figure | goal |");
    println!("|---|---|---|");
    println!(
        "| streams opened ({} at a time) | {} in {:.1} s | |",
        args.open_parallel,
        thousands(opened),
        m.open_time.as_secs_f64()
    );
    println!(
        "| central VmRSS: 1 stream / all open / after the calls | {} / {} / {} | |",
        kib(m.before.rss_kib),
        kib(m.with_streams.rss_kib),
        kib(m.after_calls.rss_kib)
    );
    println!(
        "| memory per open stream (VmRSS growth / streams) | {per_stream:.1} KiB ({per_stream_after_calls:.1} KiB after the calls) | < {GOAL_KIB_PER_STREAM:.0} KiB: {} |",
        verdict(per_stream_after_calls.max(per_stream) < GOAL_KIB_PER_STREAM)
    );
    println!(
        "| central peak VmRSS (VmHWM) | {} | |",
        kib(m.after_calls.hwm_kib)
    );
    println!(
        "| Call next → `called` on the last of {} streams: p50 / p90 / p99 / max over {calls} calls | {} / {} / {} / {} | p99 < {} ms: {} |",
        thousands(sample_size),
        p(&last_of_sample, 0.50),
        p(&last_of_sample, 0.90),
        p(&last_of_sample, 0.99),
        p(&last_of_sample, 1.0),
        GOAL_P99.as_millis(),
        verdict(p99_last < GOAL_P99 && missed_sample == 0)
    );
    println!(
        "| per-stream delivery ({} streams × {calls} calls): p50 / p99 | {} / {} | |",
        thousands(sample_size),
        p(&per_stream_delivery, 0.50),
        p(&per_stream_delivery, 0.99)
    );
    println!(
        "| Call next → `called` on the last of all {}: p50 / p99 | {} / {} | |",
        thousands(opened),
        p(&last_of_all, 0.50),
        p(&last_of_all, 0.99)
    );
    println!(
        "| Call next's own response: p50 / p99 | {} / {} | |",
        p(&responses, 0.50),
        p(&responses, 0.99)
    );
    println!(
        "| deliveries lost (not within {} s): sampled / all | {} / {} | 0 |",
        args.delivery_timeout_s, missed_sample, missed_all
    );
    println!(
        "| CPU per ticket + call ({:.1} events to every stream): central / load tool | {} / {} | |",
        m.events_per_cycle,
        ms(m.central_cpu / calls as u32),
        ms(m.tool_cpu / calls as u32)
    );
    println!(
        "| central stops on SIGTERM with every stream open | {} | yes |",
        match (stop_with_streams, &stop_after) {
            (Some(took), _) => format!("yes, in {}", ms(took)),
            (None, Some(Stopped::OnTerm(took))) =>
                format!("no: only after the streams closed ({} later)", ms(*took)),
            (None, _) => "no: killed".to_owned(),
        }
    );
    println!();
    println!(
        "Open files: the load tool's soft limit raised from {soft_before} to {soft}; the central (started by it) may open {central_files}."
    );
    if m.late > 0 {
        println!(
            "{} `called` events came after their call's {} s window.",
            m.late, args.delivery_timeout_s
        );
    }
    if let Some((stream, why)) = m.closed.first() {
        println!(
            "{} streams were closed by the central during the calls; the first, stream {stream}: {why}",
            m.closed.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(streams: usize, sample: usize) -> Args {
        Args::parse_from([
            "events",
            "--streams",
            &streams.to_string(),
            "--sample",
            &sample.to_string(),
        ])
    }

    #[test]
    fn called_events_are_told_from_the_others() {
        let called = r#"{"type":"called","number":"A-017","service_group":"A","counter":"q3"}"#;
        assert_eq!(called_number(called).as_deref(), Some("A-017"));
        let reordered = r#"{"number":"B-002","type":"called"}"#;
        assert_eq!(called_number(reordered).as_deref(), Some("B-002"));
        let recalled = r#"{"type":"recalled","number":"A-017","announcement":"called again"}"#;
        assert_eq!(called_number(recalled), None);
        assert_eq!(called_number(r#"{"type":"issued","number":"A-018"}"#), None);
        assert_eq!(called_number("called, but not JSON"), None);
    }

    #[test]
    fn the_sample_is_spread_across_all_streams() {
        let a = args(10_000, 1_000);
        let chosen: Vec<usize> = (0..10_000).filter(|&i| sampled(&a, i)).collect();
        assert_eq!(chosen.len(), 1_000);
        assert_eq!(chosen[0], 0);
        assert_eq!(chosen[999], 9_990);
        let uneven = args(2_500, 1_000);
        assert_eq!((0..2_500).filter(|&i| sampled(&uneven, i)).count(), 1_000);
    }

    #[test]
    fn connections_take_turns_among_the_source_addresses() {
        let mut a = args(10, 10);
        assert_eq!(source(&a, 7), None);
        a.sources = 3;
        let used: Vec<_> = (0..4).map(|i| source(&a, i)).collect();
        assert_eq!(
            used,
            [1, 2, 3, 1].map(|x| Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, x))))
        );
    }
}
