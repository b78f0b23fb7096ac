//! Request limits per token and per client address, answered `429` with
//! `Retry-After`, chosen from what a lobby really does in a minute.
//!
//! A kiosk serves one visitor at a time, and a visitor needs 10 to 30 seconds for a
//! number, a booking or a check-in; a busy office puts some ten kiosks, forty counter
//! pages, a few boards and a hundred phones behind one NAT address. Every limit below
//! is several times what that traffic needs, and far below what a script sends:
//!
//! | what                                | per token            | per address           |
//! |-------------------------------------|----------------------|-----------------------|
//! | any API request (not `/health`)     | 600 at once, 6,000/min | 1,200 at once, 12,000/min |
//! | tickets and bookings                | 10 at once, 10/min   | 100 at once, 120/min  |
//! | check-in by code                    | 10 at once, 10/min   | 60 at once, 60/min    |
//! | lookup by name                      | 10 at once, 6/min    | 60 at once, 60/min    |
//! | wrong booking codes before a lock   | 10 in 10 min → 5 min | 30 in 10 min → 5 min  |
//!
//! The client address is the connection's (`serve` puts it in the request as a
//! [`ClientAddress`]); behind a trusted reverse proxy it is the last address the
//! proxy added to `X-Forwarded-For`. Where there is none (a router served without
//! `serve`), only the per-token limits hold.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};

use super::error::HttpError;
use super::AppState;
use crate::rate::{Lockout, Lockouts, Rate, RateLimiter, Wait, DEFAULT_KEYS_KEPT};

/// The address a connection comes from (an IPv6 client: its /64), as `serve` knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddress(pub IpAddr);

/// The numbers; `None` turns a limit off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLimits {
    /// Any API request but the health check, per token.
    pub any_per_token: Option<Rate>,
    /// Any API request but the health check, per address.
    pub any_per_address: Option<Rate>,
    /// Tickets issued and bookings made, per token.
    pub visits_per_token: Option<Rate>,
    /// Tickets issued and bookings made, per address.
    pub visits_per_address: Option<Rate>,
    /// Check-ins by code, right or wrong, per token.
    pub check_ins_per_token: Option<Rate>,
    /// Check-ins by code, right or wrong, per address.
    pub check_ins_per_address: Option<Rate>,
    /// Lookups by name, per token.
    pub lookups_per_token: Option<Rate>,
    /// Lookups by name, per address.
    pub lookups_per_address: Option<Rate>,
    /// Wrong booking codes that lock a token out of check-in by code.
    pub wrong_codes_per_token: Option<Lockout>,
    /// Wrong booking codes that lock an address out of check-in by code.
    pub wrong_codes_per_address: Option<Lockout>,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Keys each limit keeps at most.
    pub keys_kept: usize,
}

impl Default for RequestLimits {
    fn default() -> Self {
        Self::lobby()
    }
}

impl RequestLimits {
    /// What a lobby needs, several times over (see the module's table).
    pub fn lobby() -> Self {
        let wrong_codes = |failures| {
            Some(Lockout {
                failures,
                within: Duration::minutes(10),
                lock_for: Duration::minutes(5),
            })
        };
        Self {
            any_per_token: Some(Rate::new(600, 6_000)),
            any_per_address: Some(Rate::new(1_200, 12_000)),
            visits_per_token: Some(Rate::new(10, 10)),
            visits_per_address: Some(Rate::new(100, 120)),
            check_ins_per_token: Some(Rate::new(10, 10)),
            check_ins_per_address: Some(Rate::new(60, 60)),
            lookups_per_token: Some(Rate::new(10, 6)),
            lookups_per_address: Some(Rate::new(60, 60)),
            wrong_codes_per_token: wrong_codes(10),
            wrong_codes_per_address: wrong_codes(30),
            trusted_proxies: Vec::new(),
            keys_kept: DEFAULT_KEYS_KEPT,
        }
    }

    /// No limit at all: for load tests and tests that stand for many kiosks with one token.
    pub fn none() -> Self {
        Self {
            any_per_token: None,
            any_per_address: None,
            visits_per_token: None,
            visits_per_address: None,
            check_ins_per_token: None,
            check_ins_per_address: None,
            lookups_per_token: None,
            lookups_per_address: None,
            wrong_codes_per_token: None,
            wrong_codes_per_address: None,
            trusted_proxies: Vec::new(),
            keys_kept: DEFAULT_KEYS_KEPT,
        }
    }
}

/// One limit per token and one per address.
#[derive(Debug)]
struct Pair {
    per_token: Option<RateLimiter<String>>,
    per_address: Option<RateLimiter<IpAddr>>,
}

impl Pair {
    fn new(per_token: Option<Rate>, per_address: Option<Rate>, keys: usize) -> Self {
        Self {
            per_token: per_token.map(|r| RateLimiter::new(r, keys)),
            per_address: per_address.map(|r| RateLimiter::new(r, keys)),
        }
    }

    /// Counts a request; the longer wait when either limit refuses it.
    fn check(
        &self,
        token: Option<&str>,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), Wait> {
        let by_token = match (&self.per_token, token) {
            (Some(limiter), Some(token)) => limiter.check(&token.to_owned(), now),
            _ => Ok(()),
        };
        let by_address = match (&self.per_address, address) {
            (Some(limiter), Some(address)) => limiter.check(&address, now),
            _ => Ok(()),
        };
        match (by_token, by_address) {
            (Err(a), Err(b)) => Err(if a.0 >= b.0 { a } else { b }),
            (Err(w), _) | (_, Err(w)) => Err(w),
            _ => Ok(()),
        }
    }
}

/// The limits a server holds, with what each key has used.
#[derive(Debug)]
pub struct Limiters {
    settings: RequestLimits,
    any: Pair,
    visits: Pair,
    check_ins: Pair,
    lookups: Pair,
    wrong_codes_per_token: Option<Lockouts<String>>,
    wrong_codes_per_address: Option<Lockouts<IpAddr>>,
}

impl Default for Limiters {
    fn default() -> Self {
        Self::new(RequestLimits::lobby())
    }
}

/// A token was locked out of check-in by code until an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenLocked(pub DateTime<Utc>);

impl Limiters {
    /// Limiters holding `settings`.
    pub fn new(settings: RequestLimits) -> Self {
        let keys = settings.keys_kept;
        Self {
            any: Pair::new(settings.any_per_token, settings.any_per_address, keys),
            visits: Pair::new(settings.visits_per_token, settings.visits_per_address, keys),
            check_ins: Pair::new(
                settings.check_ins_per_token,
                settings.check_ins_per_address,
                keys,
            ),
            lookups: Pair::new(
                settings.lookups_per_token,
                settings.lookups_per_address,
                keys,
            ),
            wrong_codes_per_token: settings
                .wrong_codes_per_token
                .map(|r| Lockouts::new(r, keys)),
            wrong_codes_per_address: settings
                .wrong_codes_per_address
                .map(|r| Lockouts::new(r, keys)),
            settings,
        }
    }

    /// The numbers held.
    pub fn settings(&self) -> &RequestLimits {
        &self.settings
    }

    /// Counts a ticket or a booking of `token_hash` from `address`.
    pub fn visit(
        &self,
        token_hash: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), HttpError> {
        self.visits
            .check(Some(token_hash), address, now)
            .map_err(|wait| {
                too_many(
                    "too_many_visits",
                    "this kiosk asked for more numbers and bookings than one kiosk serves in a minute",
                    wait,
                )
            })
    }

    /// Counts a lookup by name of `token_hash` from `address`.
    pub fn lookup(
        &self,
        token_hash: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), HttpError> {
        self.lookups
            .check(Some(token_hash), address, now)
            .map_err(|wait| {
                too_many(
                    "too_many_lookups",
                    "this kiosk looked up more names than one kiosk serves visitors",
                    wait,
                )
            })
    }

    /// Refuses a check-in by code while the token or the address is locked out,
    /// then counts the attempt.
    pub fn check_in(
        &self,
        token_hash: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), HttpError> {
        let by_token = self
            .wrong_codes_per_token
            .as_ref()
            .and_then(|l| l.locked_until(&token_hash.to_owned(), now));
        let by_address = match (&self.wrong_codes_per_address, address) {
            (Some(l), Some(address)) => l.locked_until(&address, now),
            _ => None,
        };
        if let Some(until) = by_token.max(by_address) {
            return Err(locked(until - now));
        }
        self.check_ins
            .check(Some(token_hash), address, now)
            .map_err(|wait| {
                too_many(
                    "too_many_check_ins",
                    "this kiosk tried more check-ins than one kiosk serves in a minute",
                    wait,
                )
            })
    }

    /// Counts a wrong booking code; answers when the token's lock ends if this
    /// code starts one, so it can be shown in the fleet view.
    pub fn wrong_code(
        &self,
        token_hash: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Option<TokenLocked> {
        if let (Some(lockouts), Some(address)) = (&self.wrong_codes_per_address, address) {
            if lockouts.fail(&address, now).is_some() {
                tracing::warn!(%address, "too many wrong booking codes: this address may not check in by code for a while");
            }
        }
        let until = self
            .wrong_codes_per_token
            .as_ref()
            .and_then(|l| l.fail(&token_hash.to_owned(), now))?;
        tracing::warn!(
            token = &token_hash[..token_hash.len().min(8)],
            "too many wrong booking codes: this kiosk may not check in by code for a while"
        );
        Some(TokenLocked(until))
    }
}

fn too_many(code: &'static str, message: &str, wait: Wait) -> HttpError {
    let retry_after = wait.seconds();
    HttpError::TooManyRequests {
        code,
        message: format!("{message}; try again in {retry_after} s"),
        retry_after,
    }
}

/// The answer to a check-in by code while locked out, `left` before the lock ends.
pub fn locked(left: Duration) -> HttpError {
    let retry_after = Wait(left).seconds();
    HttpError::TooManyRequests {
        code: "check_in_locked",
        message: format!(
            "too many wrong booking codes: check-in by code is locked here for {retry_after} s more; \
             a visitor can still check in by name"
        ),
        retry_after,
    }
}

/// The client's address: the connection's, or, from a trusted proxy, the last
/// address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(parts: &Parts, limits: &Limiters) -> Option<IpAddr> {
    let ClientAddress(peer) = *parts.extensions.get::<ClientAddress>()?;
    let trusted = &limits.settings.trusted_proxies;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .map_or(peer, super::serve::client_key),
    )
}

/// The client's address, where known (see [`client_address`]).
#[derive(Debug, Clone, Copy)]
pub struct Address(pub Option<IpAddr>);

impl FromRequestParts<AppState> for Address {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(client_address(parts, &state.limits)))
    }
}

/// Middleware: any API request counts against its token and its address.
pub async fn any_request(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let limits: &Arc<Limiters> = &state.limits;
    let address = client_address(&parts, limits);
    let token = super::extract::bearer_hash(&mut parts);
    if let Err(wait) = limits
        .any
        .check(token.as_deref(), address, state.clock.now())
    {
        return too_many(
            "too_many_requests",
            "too many requests from this client",
            wait,
        )
        .into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(peer: &str, forwarded: &[&str]) -> Parts {
        let mut request = axum::http::Request::builder().uri("/");
        for value in forwarded {
            request = request.header("x-forwarded-for", *value);
        }
        let (mut parts, ()) = request.body(()).expect("a request").into_parts();
        parts
            .extensions
            .insert(ClientAddress(peer.parse().expect("an address")));
        parts
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn the_client_is_the_peer_unless_the_peer_is_a_trusted_proxy() {
        let open = Limiters::new(RequestLimits::lobby());
        // Anyone may write X-Forwarded-For: from an untrusted peer it is ignored.
        assert_eq!(
            client_address(&parts("10.0.0.5", &["203.0.113.9"]), &open),
            Some(ip("10.0.0.5"))
        );
        let behind = Limiters::new(RequestLimits {
            trusted_proxies: vec![ip("127.0.0.1"), ip("10.0.0.2")],
            ..RequestLimits::lobby()
        });
        // The last address a trusted proxy added, skipping trusted proxies, and
        // never one the client wrote before it.
        assert_eq!(
            client_address(
                &parts("127.0.0.1", &["198.51.100.1, 203.0.113.9", "10.0.0.2"]),
                &behind
            ),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            client_address(&parts("127.0.0.1", &["2001:db8:1:2:aaaa::1"]), &behind),
            Some(ip("2001:db8:1:2::"))
        );
        assert_eq!(
            client_address(&parts("127.0.0.1", &[]), &behind),
            Some(ip("127.0.0.1"))
        );
        let mut no_peer = parts("127.0.0.1", &[]);
        no_peer.extensions.clear();
        assert_eq!(client_address(&no_peer, &behind), None);
    }
}
