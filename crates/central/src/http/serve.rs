//! Serving connections, with the limits that tell a slow attacker from a board.
//!
//! Boards, counter pages and phones keep an event stream open for hours, so a
//! long-lived connection is normal; what is not normal is a connection that never
//! finishes its request. Hence:
//!
//! - a request's headers must arrive within the header timeout, counted from the
//!   connection's start or from the end of its previous answer, so a half-sent
//!   request and an idle keep-alive connection are both closed after it; its body
//!   (16 KiB at most) gets as long again;
//! - at the connection limit, a new connection closes the oldest one that has sent
//!   no request yet (then the oldest idle one) instead of being refused: a flood of
//!   half-sent requests pushes out its own, and the health check and staff get in;
//! - event streams fill at most [`STREAM_SHARE_PERCENT`] of the limit, and one client
//!   address holds at most `streams_per_address` of them, so short requests always
//!   find room;
//! - shutdown stops accepting, closes idle connections at once and gives requests
//!   in flight [`SHUTDOWN_GRACE`] (event streams end as soon as shutdown starts:
//!   see `LobbyFeed::close`).

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, Ipv6Addr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Open files kept for everything but client connections: the listener, SQLite's
/// files for each pooled connection, the log, the speech program's pipes.
pub const FILES_FOR_THE_REST: u64 = 128;
/// Fewest connections a default limit allows, however low the open-files limit.
const MIN_CONNECTIONS: usize = 64;
/// Most connections a default limit allows, however high the open-files limit: each
/// costs about 15 KiB, so 50,000 (some 750 MiB at the limit) fit a modest server.
pub const MAX_DEFAULT_CONNECTIONS: usize = 50_000;
/// Share of the connection limit that event streams may fill; the rest is kept for
/// short requests (health check, staff, kiosks).
pub const STREAM_SHARE_PERCENT: usize = 90;
/// How long requests in flight may take to finish once shutdown has started.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// Pause after a failed accept (mostly: out of files), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);
/// What a refused event stream is told to wait before it tries again, in seconds.
const STREAM_RETRY_AFTER_SECONDS: u32 = 30;
/// At most one warning of a kind in this time, with the count of those not written.
const WARN_EVERY: Duration = Duration::from_secs(10);

/// The limits a server holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time allowed for a request's headers, from the connection's start or the end
    /// of the previous answer, and as long again for its body; also how long an idle
    /// keep-alive connection is kept.
    pub header_timeout: Duration,
    /// Open client connections at most.
    pub max_connections: usize,
    /// Open event streams at most from one client address (an IPv6 client: its /64).
    pub streams_per_address: usize,
}

impl Limits {
    /// Ten seconds: a phone on poor Wi-Fi sends its headers in well under one.
    pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
    /// A large lobby behind one NAT address: a hundred phones following their
    /// number, forty counter pages and a few boards, twice over for reconnects.
    pub const DEFAULT_STREAMS_PER_ADDRESS: usize = 300;

    /// The connection limit that `files` open files allow, keeping
    /// [`FILES_FOR_THE_REST`] for the server's own files, and at most
    /// [`MAX_DEFAULT_CONNECTIONS`].
    pub fn connections_for_open_files(files: u64) -> usize {
        usize::try_from(files.saturating_sub(FILES_FOR_THE_REST))
            .unwrap_or(usize::MAX)
            .clamp(MIN_CONNECTIONS, MAX_DEFAULT_CONNECTIONS)
    }

    /// Event streams open at most, from every address together.
    pub fn max_streams(&self) -> usize {
        self.max_connections.saturating_mul(STREAM_SHARE_PERCENT) / 100
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes, then
/// ends every connection within [`SHUTDOWN_GRACE`] and returns.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let registry = Arc::new(Registry::new(limits));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let (closing, closing_seen) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut accept_failed = Throttled::default();
    let mut full = Throttled::default();
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        // Reap finished connections so the set holds only open ones.
        while connections.try_join_next().is_some() {}
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                if let Some(unwritten) = accept_failed.due() {
                    tracing::warn!(%error, unwritten, "a connection could not be accepted");
                }
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let address = client_key(peer.ip());
        let (id, evicted, closed) = match registry.admit() {
            Admission::Admitted { id, closed } => (id, false, closed),
            Admission::Evicted { id, closed } => (id, true, closed),
            Admission::Refused => {
                if let Some(unwritten) = full.due() {
                    tracing::warn!(
                        limit = limits.max_connections,
                        unwritten,
                        "connection limit reached with every connection answering: a new one is refused"
                    );
                }
                drop(stream);
                continue;
            }
        };
        if evicted {
            if let Some(unwritten) = full.due() {
                tracing::warn!(
                    limit = limits.max_connections,
                    unwritten,
                    "connection limit reached: connections that sent no request are closed for new ones"
                );
            }
        }
        let _ = stream.set_nodelay(true);
        connections.spawn(connection(
            stream,
            ConnectionContext {
                id,
                address,
                registry: registry.clone(),
                router: router.clone(),
                builder: builder.clone(),
                body_timeout: limits.header_timeout,
                closed,
                closing: closing_seen.clone(),
            },
        ));
    }
    drop(listener);
    closing.send_replace(true);
    let open = connections.len();
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    match drained {
        Ok(()) => tracing::info!(open, "every connection is closed"),
        Err(_) => tracing::warn!(
            still_open = connections.len(),
            "connections still answering after the grace period are cut"
        ),
    }
    connections.shutdown().await;
    Ok(())
}

/// What one connection's task needs.
struct ConnectionContext {
    id: u64,
    address: IpAddr,
    registry: Arc<Registry>,
    router: Router,
    builder: http1::Builder,
    body_timeout: Duration,
    closed: oneshot::Receiver<()>,
    closing: watch::Receiver<bool>,
}

async fn connection(stream: TcpStream, context: ConnectionContext) {
    let ConnectionContext {
        id,
        address,
        registry,
        router,
        builder,
        body_timeout,
        closed,
        mut closing,
    } = context;
    let service = {
        let registry = registry.clone();
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let answering = registry.begin(id);
            let registry = registry.clone();
            let router = router.clone();
            async move {
                let mut request = request.map(|body| {
                    if body.is_end_stream() {
                        Body::new(body)
                    } else {
                        Body::new(BodyInTime {
                            body,
                            deadline: Box::pin(tokio::time::sleep(body_timeout)),
                        })
                    }
                });
                // The limits per client address read it here.
                request
                    .extensions_mut()
                    .insert(super::limits::ClientAddress(address));
                let response = match router.oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                };
                Ok::<_, Infallible>(tracked(response, answering, &registry, address))
            }
        })
    };
    let served = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(served);
    tokio::select! {
        result = served.as_mut() => {
            if let Err(error) = result {
                // Header timeouts and clients that hang up are routine; not worth a warning.
                tracing::debug!(%error, "connection ended with an error");
            }
        }
        // Pushed out at the limit: it had sent no request, so nothing is cut short.
        _ = closed => {}
        () = async { let _ = closing.wait_for(|closing| *closing).await; } => {
            if registry.answering(id) {
                served.as_mut().graceful_shutdown();
                let _ = served.await;
            }
        }
    }
    registry.remove(id);
}

/// The response as sent, holding the connection's "answering" mark and, for an
/// event stream, its place among the streams, until its body is done.
fn tracked(
    response: Response<Body>,
    answering: Answering,
    registry: &Arc<Registry>,
    address: IpAddr,
) -> Response<Body> {
    let is_stream = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    let stream = if is_stream {
        match registry.open_stream(address) {
            Ok(place) => Some(place),
            Err(refusal) => return refusal.response(),
        }
    } else {
        None
    };
    response.map(|body| {
        Body::new(TrackedBody {
            body,
            _answering: answering,
            _stream: stream,
        })
    })
}

struct TrackedBody {
    body: Body,
    _answering: Answering,
    _stream: Option<StreamPlace>,
}

impl HttpBody for TrackedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A request body that fails if it is not all sent in time: a client trickling
/// its body would otherwise hold its connection, answering, for ever.
struct BodyInTime {
    body: Incoming,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl HttpBody for BodyInTime {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        if this.deadline.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Some(Err("the request body was not sent in time".into())));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// Why an event stream was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StreamRefusal {
    /// This address holds as many as it may.
    Address,
    /// The server holds as many as it may.
    Server,
}

impl StreamRefusal {
    fn response(self) -> Response<Body> {
        let (status, code, message) = match self {
            Self::Address => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_streams",
                "this address follows as many event streams as it may; close one or try again later",
            ),
            Self::Server => (
                StatusCode::SERVICE_UNAVAILABLE,
                "streams_full",
                "the server follows as many event streams as it can; try again later",
            ),
        };
        let body = serde_json::json!({ "error": code, "message": message }).to_string();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(
            header::RETRY_AFTER,
            HeaderValue::from(STREAM_RETRY_AFTER_SECONDS),
        );
        response
    }
}

/// The key a client's limits are counted under: its IPv4 address, or the /64 of
/// its IPv6 address (one host is given a whole /64).
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// Every open connection and event stream.
struct Registry {
    limits: Limits,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    /// By id, so oldest first.
    connections: BTreeMap<u64, Connection>,
    streams: usize,
    streams_by_address: HashMap<IpAddr, usize>,
}

struct Connection {
    /// Requests being answered (more than one only while a body is finishing).
    answering: usize,
    /// Whether it has sent a whole request yet.
    has_asked: bool,
    /// Closes it when pushed out at the limit.
    close: Option<oneshot::Sender<()>>,
}

enum Admission {
    Admitted {
        id: u64,
        closed: oneshot::Receiver<()>,
    },
    /// Admitted in place of a connection that sent nothing (or sits idle).
    Evicted {
        id: u64,
        closed: oneshot::Receiver<()>,
    },
    Refused,
}

impl Registry {
    fn new(limits: Limits) -> Self {
        Self {
            limits,
            inner: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Plain counters: after a panic elsewhere they are still right.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn admit(&self) -> Admission {
        let mut inner = self.lock();
        let mut evicted = false;
        if inner.connections.len() >= self.limits.max_connections {
            let victim = inner
                .connections
                .iter()
                .find(|(_, c)| c.answering == 0 && !c.has_asked)
                .or_else(|| inner.connections.iter().find(|(_, c)| c.answering == 0))
                .map(|(id, _)| *id);
            let Some(victim) = victim else {
                return Admission::Refused;
            };
            if let Some(close) = inner
                .connections
                .remove(&victim)
                .and_then(|mut c| c.close.take())
            {
                let _ = close.send(());
            }
            evicted = true;
        }
        let id = inner.next_id;
        inner.next_id += 1;
        let (close, closed) = oneshot::channel();
        inner.connections.insert(
            id,
            Connection {
                answering: 0,
                has_asked: false,
                close: Some(close),
            },
        );
        if evicted {
            Admission::Evicted { id, closed }
        } else {
            Admission::Admitted { id, closed }
        }
    }

    fn remove(&self, id: u64) {
        self.lock().connections.remove(&id);
    }

    fn begin(self: &Arc<Self>, id: u64) -> Answering {
        if let Some(c) = self.lock().connections.get_mut(&id) {
            c.answering += 1;
            c.has_asked = true;
        }
        Answering {
            registry: self.clone(),
            id,
        }
    }

    fn answering(&self, id: u64) -> bool {
        self.lock()
            .connections
            .get(&id)
            .is_some_and(|c| c.answering > 0)
    }

    fn open_stream(self: &Arc<Self>, address: IpAddr) -> Result<StreamPlace, StreamRefusal> {
        let mut inner = self.lock();
        let of_address = inner.streams_by_address.get(&address).copied().unwrap_or(0);
        if of_address >= self.limits.streams_per_address {
            return Err(StreamRefusal::Address);
        }
        if inner.streams >= self.limits.max_streams() {
            return Err(StreamRefusal::Server);
        }
        inner.streams += 1;
        *inner.streams_by_address.entry(address).or_default() += 1;
        Ok(StreamPlace {
            registry: self.clone(),
            address,
        })
    }
}

/// A request being answered: its connection is not pushed out at the limit.
struct Answering {
    registry: Arc<Registry>,
    id: u64,
}

impl Drop for Answering {
    fn drop(&mut self) {
        if let Some(c) = self.registry.lock().connections.get_mut(&self.id) {
            c.answering = c.answering.saturating_sub(1);
        }
    }
}

/// An open event stream's place, given back when the stream ends.
struct StreamPlace {
    registry: Arc<Registry>,
    address: IpAddr,
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut inner = self.registry.lock();
        inner.streams = inner.streams.saturating_sub(1);
        if let Some(count) = inner.streams_by_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                inner.streams_by_address.remove(&self.address);
            }
        }
    }
}

/// A warning written at most once per [`WARN_EVERY`]: a flood must not fill the log.
#[derive(Default)]
struct Throttled {
    last: Option<Instant>,
    unwritten: u64,
}

impl Throttled {
    /// Whether to write now; if so, how many were not written since the last one.
    fn due(&mut self) -> Option<u64> {
        let now = Instant::now();
        if self.last.is_some_and(|last| now - last < WARN_EVERY) {
            self.unwritten += 1;
            return None;
        }
        self.last = Some(now);
        Some(std::mem::take(&mut self.unwritten))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_connections: usize, streams_per_address: usize) -> Limits {
        Limits {
            header_timeout: Duration::from_secs(1),
            max_connections,
            streams_per_address,
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_and_a_mapped_ipv4_as_itself() {
        assert_eq!(
            client_key(ip("2001:db8:1:2:aaaa::1")),
            client_key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(
            client_key(ip("2001:db8:1:2::1")),
            client_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(client_key(ip("::ffff:10.0.0.7")), ip("10.0.0.7"));
    }

    #[test]
    fn at_the_limit_the_oldest_silent_connection_goes_before_an_idle_one() {
        let registry = Arc::new(Registry::new(limits(3, 10)));
        let Admission::Admitted { id: idle, .. } = registry.admit() else {
            panic!("room for the first")
        };
        drop(registry.begin(idle));
        let Admission::Admitted { id: busy, .. } = registry.admit() else {
            panic!("room for the second")
        };
        let _answering = registry.begin(busy);
        let Admission::Admitted {
            id: silent,
            closed: mut silent_closed,
        } = registry.admit()
        else {
            panic!("room for the third")
        };
        let Admission::Evicted { id: fourth, .. } = registry.admit() else {
            panic!("the fourth pushes one out")
        };
        assert!(
            silent_closed.try_recv().is_ok(),
            "the silent one goes first"
        );
        assert!(!registry.lock().connections.contains_key(&silent));
        // The fourth asks and is answered: now two are idle, none silent.
        drop(registry.begin(fourth));
        let Admission::Evicted { .. } = registry.admit() else {
            panic!("the fifth pushes the oldest idle one out")
        };
        let left: Vec<u64> = registry.lock().connections.keys().copied().collect();
        assert_eq!(left, vec![busy, fourth, fourth + 1]);
        assert!(!left.contains(&idle));
    }

    #[test]
    fn when_every_connection_is_answering_a_new_one_is_refused() {
        let registry = Arc::new(Registry::new(limits(2, 10)));
        let mut held = Vec::new();
        for _ in 0..2 {
            let Admission::Admitted { id, .. } = registry.admit() else {
                panic!("room")
            };
            held.push(registry.begin(id));
        }
        assert!(matches!(registry.admit(), Admission::Refused));
        held.pop();
        assert!(matches!(registry.admit(), Admission::Evicted { .. }));
    }

    #[test]
    fn streams_are_limited_per_address_and_in_all_and_given_back() {
        let registry = Arc::new(Registry::new(limits(10, 4)));
        let (a, b, c) = (ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.3"));
        let of_a: Vec<_> = (0..4).map(|_| registry.open_stream(a).unwrap()).collect();
        assert_eq!(registry.open_stream(a).err(), Some(StreamRefusal::Address));
        let of_b: Vec<_> = (0..4).map(|_| registry.open_stream(b).unwrap()).collect();
        // 90 % of 10 connections: 9 streams in all.
        let _one_of_c = registry.open_stream(c).unwrap();
        assert_eq!(registry.open_stream(c).err(), Some(StreamRefusal::Server));
        drop(of_a);
        assert!(registry.open_stream(a).is_ok());
        drop(of_b);
        assert_eq!(registry.lock().streams, 1);
    }

    #[test]
    fn the_default_connection_limit_keeps_files_for_the_server_itself() {
        assert_eq!(Limits::connections_for_open_files(1024), 896);
        assert_eq!(Limits::connections_for_open_files(100), MIN_CONNECTIONS);
        assert_eq!(
            Limits::connections_for_open_files(524_288),
            MAX_DEFAULT_CONNECTIONS
        );
    }
}
