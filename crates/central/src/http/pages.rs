//! The staff and lobby pages (counter page, lobby board): one Svelte app built by
//! Vite into `pages/dist` and embedded in the binary by `build.rs`. Each page's
//! address answers the app's `index.html`, which picks the screen from the path;
//! its hashed files are under `/pages/`, cached for good.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::error::HttpError;
use super::page_headers::page_response;
use super::AppState;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/pages_files.rs"));
}

/// The console's policy, plus the bundled font and the board's spoken calls
/// (WAV files of this server): nothing from elsewhere, no inline script or style.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; font-src 'self'; \
     media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Hashed file names change with their content, so a browser may keep them a year.
const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

/// Routes of the pages, outside the API.
pub fn page_router() -> Router<AppState> {
    Router::new()
        .route("/counter", get(app_page))
        .route("/board/{office}", get(app_page))
        .route("/pages/{*path}", get(asset))
}

/// The embedded file at `path` under `pages/dist`.
fn embedded(path: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, bytes)| *bytes)
}

/// Answer when the binary was built before the pages were.
fn not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        "The counter page and the lobby board are not built into this server.\n\
         Run `npm run build:pages`, then build the central again.\n",
    )
        .into_response()
}

fn file(content_type: &'static str, cache: &'static str, body: &'static [u8]) -> Response {
    page_response(content_type, CONTENT_SECURITY_POLICY, cache, body)
}

/// The app's page: the same for every screen; it reads its own address.
async fn app_page() -> Response {
    match embedded("index.html") {
        // Always asked again, so a new build's hashed files are found after an upgrade.
        Some(body) => file("text/html; charset=utf-8", "no-cache", body),
        None => not_built(),
    }
}

async fn asset(Path(path): Path<String>) -> Response {
    if embedded::FILES.is_empty() {
        return not_built();
    }
    match (path != "index.html").then(|| embedded(&path)).flatten() {
        Some(body) => file(content_type(&path), CACHE_FOREVER, body),
        None => HttpError::NotFound {
            code: "not_found",
            message: "no such file".into(),
        }
        .into_response(),
    }
}

/// Content type of a built file, by its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("wav") => "audio/wav",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_files_have_their_content_type() {
        assert_eq!(
            content_type("assets/index-3f2a.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("assets/be-vietnam-pro.woff2"), "font/woff2");
        assert_eq!(content_type("assets/x"), "application/octet-stream");
    }

    #[test]
    fn the_policy_is_the_consoles_and_adds_only_fonts_and_sound() {
        let console: Vec<&str> = super::super::admin::CONTENT_SECURITY_POLICY
            .split("; ")
            .collect();
        let pages: Vec<&str> = CONTENT_SECURITY_POLICY.split("; ").collect();
        for directive in &console {
            assert!(pages.contains(directive), "missing {directive}");
        }
        let added: Vec<&&str> = pages.iter().filter(|d| !console.contains(d)).collect();
        assert_eq!(added, [&"font-src 'self'", &"media-src 'self'"]);
    }
}
