//! The kiosk window: Tauri setup and commands. Each command is a thin call into
//! `kiosk_core::kiosk::Kiosk`; nothing here decides anything.

mod commands;
mod lockdown;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kiosk_core::app::{KioskApp, HEARTBEAT_SECONDS};
use kiosk_core::maintenance::Maintenance;
use kiosk_core::profile::Profile;
use kiosk_core::recent_log::RecentLog;
use tauri::Emitter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The file in the cache folder keeping the count of wrong maintenance PINs.
const MAINTENANCE_LOCKOUT_FILE: &str = "maintenance-lockout.json";

/// How often the kiosk asks whether the central answers.
const CONNECTION_CHECK_EVERY: Duration = Duration::from_secs(3);

/// When the process started, for the start-up figure printed at `ui_ready`.
pub struct StartedAt(pub Instant);

/// This machine's name, to tell kiosks apart in the IT console.
fn machine_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_owned())
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "kiosk".to_owned())
}

/// Opens the kiosk window for a valid profile, read from `profile_path`, and runs until it
/// closes.
pub fn run(profile: Profile, profile_path: &Path, started: Instant) -> ExitCode {
    // The log goes to stderr (the journal, under systemd) and its last lines stay in memory
    // for the maintenance screen.
    let recent_log = RecentLog::default();
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                "kiosk=info,kiosk_core=info,kiosk_app=info,printer=info,speech=info".into()
            }),
        )
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(std::io::stderr().is_terminal())
                .with_writer(std::io::stderr),
        )
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(recent_log.clone()),
        )
        .init();
    let profile_source = std::path::absolute(profile_path)
        .unwrap_or_else(|_| profile_path.to_owned())
        .display()
        .to_string();
    let maintenance = Arc::new(
        Maintenance::new(
            profile.maintenance_pin_hash.clone(),
            recent_log,
            profile_source,
            env!("CARGO_PKG_VERSION").to_owned(),
        )
        .remembering_failures_in(profile.cache_dir.join(MAINTENANCE_LOCKOUT_FILE)),
    );
    let app = match KioskApp::start(
        profile,
        machine_name(),
        env!("CARGO_PKG_VERSION").to_owned(),
    ) {
        Ok(app) => Arc::new(app),
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let voice = kiosk_core::voice::kiosk_voice(
        std::env::var_os(kiosk_core::voice::RECORD_ENV).map(Into::into),
        std::env::var(kiosk_core::voice::DEVICE_ENV).ok(),
    );
    let watched = app.clone();
    let fleet = app.clone();
    let result = tauri::Builder::default()
        // First, so that a second launch hands over to the running kiosk before anything starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            tracing::warn!("a second kiosk was launched; showing this one instead");
            lockdown::focus_main_window(app);
        }))
        .manage(app)
        .manage(maintenance)
        .manage(StartedAt(started))
        .manage(voice)
        .invoke_handler(tauri::generate_handler![
            commands::kiosk_config,
            commands::apply_profile,
            commands::connection_state,
            commands::office_now,
            commands::load_catalogue,
            commands::search_procedures,
            commands::compose_telex,
            commands::checklist_qr,
            commands::online_handoff,
            commands::take_ticket,
            commands::upcoming_slots,
            commands::book_appointment,
            commands::check_in,
            commands::bookings_for_card,
            commands::read_scan,
            commands::phone_problem,
            commands::ui_ready,
            commands::speak,
            commands::stop_speaking,
            commands::repeat_speaking,
            commands::set_speech_volume,
            commands::maintenance_unlock,
            commands::maintenance_lock,
            commands::maintenance_connection_test,
            commands::maintenance_print_test_page,
            commands::maintenance_recent_logs,
            commands::maintenance_restart,
        ])
        .setup(move |app| {
            lockdown::open_main_window(app)?;
            // The connection watcher: each answer also sets the office's clock.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    let kiosk = watched.kiosk();
                    if kiosk.check_connection().await {
                        let state = kiosk.connection_state();
                        tracing::info!(
                            online = state.online,
                            open = state.opening.as_ref().map(|o| o.open),
                            number = ?state.number.state,
                            "connection to the central, the office's opening or what a visitor may do changed"
                        );
                        let _ = handle.emit("connection-changed", state);
                    }
                    tokio::time::sleep(CONNECTION_CHECK_EVERY).await;
                }
            });
            // The fleet: a heartbeat every 30 s; a newer profile is announced to the UI,
            // which applies it once no visitor is mid-flow.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    if fleet.heartbeat(chrono::Utc::now()).await {
                        let _ = handle.emit("profile-ready", ());
                    }
                    tokio::time::sleep(Duration::from_secs(HEARTBEAT_SECONDS)).await;
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kiosk: the window could not run: {e}");
            ExitCode::FAILURE
        }
    }
}
