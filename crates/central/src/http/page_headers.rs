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
