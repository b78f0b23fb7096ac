//! The IT console at `/admin`: one page, its script and its style, built into the binary.
//! It talks only to this server's API with an admin token the person types in; the
//! Content-Security-Policy lets it load nothing from elsewhere and run no inline script.

use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::page_headers::page_response;
use super::AppState;

const PAGE: &str = include_str!("admin/console.html");
const SCRIPT: &str = include_str!("admin/console.js");
const STYLE: &str = include_str!("admin/console.css");
/// A plain square icon, so the browser's own request for one finds it.
const ICON: &str = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>\
<rect width='16' height='16' rx='3' fill='#0b4a94'/><rect x='4' y='3' width='8' height='7' fill='#fff'/>\
<rect x='7' y='10' width='2' height='4' fill='#fff'/></svg>";

/// Everything the console may load: its own files and its own API, nothing else.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

/// Routes of the console, outside the API.
pub fn page_router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(page))
        .route("/admin/console.js", get(script))
        .route("/admin/console.css", get(style))
        .route("/admin/icon.svg", get(icon))
}

fn file(content_type: &'static str, body: &'static str) -> Response {
    page_response(content_type, CONTENT_SECURITY_POLICY, "no-store", body)
}

async fn page() -> Response {
    file("text/html; charset=utf-8", PAGE)
}

async fn script() -> Response {
    file("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    file("text/css; charset=utf-8", STYLE)
}

async fn icon() -> Response {
    file("image/svg+xml", ICON)
}
