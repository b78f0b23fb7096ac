//! The kiosk window is locked down: it shows the app and nothing else.
//!
//! The window is described in `tauri.conf.json` (`"create": false`) and built here, so
//! that every navigation away from the app and every `window.open` is refused. Release
//! builds also get a script that swallows the context menu, reload and zoom (keys,
//! Ctrl+wheel); dev tools exist only in debug builds (no `devtools` feature).
//!
//! Pinch-zoom cannot be stopped from the page: WebKitGTK zooms on a two-finger gesture of
//! its own that the page never sees. So touches are filtered on the GTK window before the
//! web view gets them ([`OneFinger`]): only the first finger on the screen reaches the
//! page, and touchpad pinches none, so WebKit's zoom gesture never starts.

use tauri::webview::NewWindowResponse;
use tauri::{App, AppHandle, Manager, PhysicalSize, Url, WebviewWindowBuilder};

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

/// A touch event, as far as [`OneFinger`] cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch {
    /// A finger comes down.
    Begin,
    /// A finger moves.
    Update,
    /// A finger lifts.
    End,
    /// The system took the touch back.
    Cancel,
}

/// Lets the touches of one finger at a time through: a second finger put down while the
/// first is on the screen is dropped, from its first touch to its last. One finger is all
/// a kiosk needs; two would let WebKitGTK zoom the page.
#[derive(Debug, Default)]
pub struct OneFinger {
    /// The touch sequence let through, while its finger is down.
    down: Option<usize>,
}

impl OneFinger {
    /// True when the event of touch sequence `sequence` must not reach the page.
    pub fn drops(&mut self, touch: Touch, sequence: usize) -> bool {
        match (touch, self.down) {
            (Touch::Begin, None) => {
                self.down = Some(sequence);
                false
            }
            (Touch::End | Touch::Cancel, Some(down)) if down == sequence => {
                self.down = None;
                false
            }
            (_, Some(down)) => down != sequence,
            // Updates or ends of a finger never let through.
            (_, None) => true,
        }
    }
}

/// Filters touches on the web view's widget before WebKit handles them (see [`OneFinger`]).
/// GTK emits a widget's `event` signal before the widget's own touch handler, from which
/// WebKitGTK feeds its zoom gesture, and before gestures of the bubble phase: an event this
/// handler stops never reaches the zoom.
#[cfg(target_os = "linux")]
fn one_finger_only(window: &tauri::WebviewWindow) {
    use gdk::EventType;
    use gtk::prelude::WidgetExt;
    use std::cell::RefCell;

    let installed = window.with_webview(|webview| {
        let filter = RefCell::new(OneFinger::default());
        webview.inner().connect_event(move |_, event| {
            let touch = match event.event_type() {
                EventType::TouchBegin => Touch::Begin,
                EventType::TouchUpdate => Touch::Update,
                EventType::TouchEnd => Touch::End,
                EventType::TouchCancel => Touch::Cancel,
                EventType::TouchpadPinch => return glib::Propagation::Stop,
                _ => return glib::Propagation::Proceed,
            };
            let sequence = event
                .event_sequence()
                .map(|s| {
                    let raw: *const gdk::ffi::GdkEventSequence =
                        glib::translate::ToGlibPtr::to_glib_none(&s).0;
                    raw as usize
                })
                .unwrap_or(0);
            if filter.borrow_mut().drops(touch, sequence) {
                glib::Propagation::Stop
            } else {
                glib::Propagation::Proceed
            }
        });
    });
    if let Err(e) = installed {
        tracing::warn!(error = %e, "two-finger zoom is not filtered");
    }
}

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
    let mut builder = WebviewWindowBuilder::from_config(app, &config)?;
    // Full screen asks the window manager, and a kiosk may have none (a bare X server):
    // the window also takes the screen's own size and place, whatever its shape.
    match app.primary_monitor() {
        Ok(Some(monitor)) => {
            let (width, height) = screen_size(monitor.size(), monitor.scale_factor());
            let origin = monitor.position().to_logical::<f64>(monitor.scale_factor());
            builder = builder
                .inner_size(width, height)
                .position(origin.x, origin.y);
        }
        Ok(None) => tracing::warn!("no screen found: the window keeps its configured size"),
        Err(e) => tracing::warn!(error = %e, "the screen's size is unknown"),
    }
    builder = builder
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
    let _window = builder.build()?;
    #[cfg(target_os = "linux")]
    one_finger_only(&_window);
    Ok(())
}

/// The window's size in logical pixels for a screen of `size` physical pixels at `scale`.
pub fn screen_size(size: &PhysicalSize<u32>, scale: f64) -> (f64, f64) {
    let logical = size.to_logical::<f64>(if scale > 0.0 { scale } else { 1.0 });
    (logical.width, logical.height)
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

    #[test]
    fn the_window_takes_the_screen_whatever_its_shape() {
        assert_eq!(
            screen_size(&PhysicalSize::new(1080, 1920), 1.0),
            (1080.0, 1920.0)
        );
        assert_eq!(
            screen_size(&PhysicalSize::new(1366, 768), 1.0),
            (1366.0, 768.0)
        );
        assert_eq!(
            screen_size(&PhysicalSize::new(3840, 2160), 2.0),
            (1920.0, 1080.0)
        );
        assert_eq!(
            screen_size(&PhysicalSize::new(1280, 720), 0.0),
            (1280.0, 720.0)
        );
    }

    #[test]
    fn one_finger_reaches_the_page_and_a_second_never_does() {
        let mut filter = OneFinger::default();
        // A tap.
        assert!(!filter.drops(Touch::Begin, 1));
        assert!(!filter.drops(Touch::Update, 1));
        assert!(!filter.drops(Touch::End, 1));
        // A pinch: the second finger is dropped from start to end, the first goes through.
        assert!(!filter.drops(Touch::Begin, 2));
        assert!(filter.drops(Touch::Begin, 3));
        assert!(!filter.drops(Touch::Update, 2));
        assert!(filter.drops(Touch::Update, 3));
        // The first finger lifts while the second stays: the second is still dropped.
        assert!(!filter.drops(Touch::End, 2));
        assert!(filter.drops(Touch::Update, 3));
        assert!(filter.drops(Touch::End, 3));
        // A new finger after that is let through again, and a cancel frees it too.
        assert!(!filter.drops(Touch::Begin, 4));
        assert!(!filter.drops(Touch::Cancel, 4));
        assert!(!filter.drops(Touch::Begin, 5));
    }
}
