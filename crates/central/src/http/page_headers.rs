//! The headers every page and page file of the central is served with: its content
//! type, its Content-Security-Policy, how long it may be kept, and the ones that keep
//! it from being sniffed, framed or named in a referrer.

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};

/// A page or page file with the central's security headers.
pub fn page_response(
    content_type: &'static str,
    policy: &'static str,
    cache: &'static str,
    body: impl Into<Body>,
) -> Response {
    let headers: [(HeaderName, HeaderValue); 6] = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
    ];
    (headers, body.into()).into_response()
}

/// Headers every answer of the central carries unless its handler set its own: not to
/// be sniffed as another type, framed, or named in a referrer, and (for answers that are
/// not pages) no content of any kind to run.
pub async fn on_every_response(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// API answers are not kept by browsers or proxies unless their handler says they may
/// be (the catalogue, asked for again with its ETag): many carry personal data (bookings found by name,
/// a ticket's place) or change from one second to the next.
pub async fn not_stored_unless_said(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}
