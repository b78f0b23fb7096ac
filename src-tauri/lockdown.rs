//! The kiosk window is locked down: it shows the app and nothing else.
//!
//! The window is described in `tauri.conf.json` (`"create": false`) and built here, so
//! that every navigation away from the app and every `window.open` is refused. Release
//! builds also get a script that swallows the context menu, reload and zoom (keys,
//! Ctrl+wheel, pinch); dev tools exist only in debug builds (no `devtools` feature).

use tauri::webview::NewWindowResponse;
use tauri::{App, AppHandle, Manager, Url, WebviewWindowBuilder};

/// The label of the one window, as in `tauri.conf.json`.
pub const MAIN_WINDOW: &str = "main";

/// Installed in release builds before the UI's own scripts run.
const RELEASE_SCRIPT: &str = r#"(() => {
  const stop = (e) => { e.preventDefault(); e.stopImmediatePropagation(); };
  window.addEventListener('contextmenu', stop, true);
  window.addEventListener('keydown', (e) => {
    const k = e.key;
    const mod = e.ctrlKey || e.metaKey;
    if (k === 'F5' || k === 'F7' || k === 'F12' || k === 'BrowserRefresh' ||
        (mod && ['r', 'R', '+', '=', '-', '_', '0', 'p', 'P'].includes(k)) ||
        (mod && e.shiftKey && ['i', 'I', 'j', 'J', 'c', 'C'].includes(k)) ||
        (e.altKey && (k === 'ArrowLeft' || k === 'ArrowRight'))) {
      e.preventDefault();
    }
  }, true);
  window.addEventListener('wheel', (e) => { if (e.ctrlKey || e.metaKey) e.preventDefault(); }, { capture: true, passive: false });
  window.addEventListener('touchmove', (e) => { if (e.touches.length > 1) e.preventDefault(); }, { capture: true, passive: false });
  for (const g of ['gesturestart', 'gesturechange', 'gestureend']) window.addEventListener(g, stop, true);
})();"#;

/// Builds the main window from its configuration, with navigation locked to the app.
pub fn open_main_window(app: &App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let dev_url = app.config().build.dev_url.clone();
    let mut builder = WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(move |url| {
            let allowed = is_app_url(url, dev_url.as_ref());
            if !allowed {
                tracing::warn!(
                    host = url.host_str().unwrap_or(""),
                    "refused a navigation away from the app"
                );
            }
            allowed
        })
        .on_new_window(|url, _features| {
            tracing::warn!(
                host = url.host_str().unwrap_or(""),
                "refused to open a new window"
            );
            NewWindowResponse::Deny
        });
    if !cfg!(debug_assertions) {
        builder = builder.initialization_script(RELEASE_SCRIPT);
    }
    builder.build()?;
    Ok(())
}

/// Brings the kiosk window to the front, for a second launch that hands over to this one.
pub fn focus_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Whether `url` is the app itself: the bundled UI (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows), or in debug builds the dev server.
pub fn is_app_url(url: &Url, dev_url: Option<&Url>) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => url.port().is_none(),
        ("http" | "https", Some("tauri.localhost")) => url.port().is_none(),
        _ => cfg!(debug_assertions) && dev_url.is_some_and(|dev| dev.origin() == url.origin()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(url: &str) -> bool {
        let dev: Url = "http://127.0.0.1:1420".parse().unwrap();
        is_app_url(&url.parse().unwrap(), Some(&dev))
    }

    #[test]
    fn only_the_app_is_allowed() {
        assert!(app("tauri://localhost/"));
        assert!(app("tauri://localhost/index.html#x"));
        assert!(app("http://tauri.localhost/"));
        assert!(app("https://tauri.localhost/assets/a.js"));
        assert!(!app("https://example.org/"));
        assert!(!app("http://127.0.0.1:9/"));
        assert!(!app("http://tauri.localhost.example.org/"));
        assert!(!app("tauri://localhost.evil/"));
        assert!(!app("file:///etc/passwd"));
        assert!(!app("about:blank"));
        assert!(!app("http://localhost:1420/"));
        assert_eq!(app("http://127.0.0.1:1420/"), cfg!(debug_assertions));
    }
}
