//! The kiosk window: Tauri setup and commands. Each command is a thin call into
//! `kiosk_core::kiosk::Kiosk`; nothing here decides anything.

mod commands;
mod lockdown;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kiosk_core::kiosk::Kiosk;
use kiosk_core::profile::Profile;
use tauri::Emitter;

/// How often the kiosk asks whether the central answers.
const CONNECTION_CHECK_EVERY: Duration = Duration::from_secs(3);

/// When the process started, for the start-up figure printed at `ui_ready`.
pub struct StartedAt(pub Instant);

/// Opens the kiosk window for a valid profile and runs until it closes.
pub fn run(profile: Profile, started: Instant) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "kiosk=info,kiosk_core=info,kiosk_app=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let kiosk = match Kiosk::new(profile) {
        Ok(k) => Arc::new(k),
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let watched = kiosk.clone();
    let result = tauri::Builder::default()
        // First, so that a second launch hands over to the running kiosk before anything starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            tracing::warn!("a second kiosk was launched; showing this one instead");
            lockdown::focus_main_window(app);
        }))
        .manage(kiosk)
        .manage(StartedAt(started))
        .invoke_handler(tauri::generate_handler![
            commands::kiosk_config,
            commands::connection_state,
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
        ])
        .setup(move |app| {
            lockdown::open_main_window(app)?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    if watched.check_connection().await {
                        let state = watched.connection_state();
                        tracing::info!(
                            online = state.online,
                            open = state.opening.as_ref().map(|o| o.open),
                            "connection to the central or the office's opening changed"
                        );
                        let _ = handle.emit("connection-changed", state);
                    }
                    tokio::time::sleep(CONNECTION_CHECK_EVERY).await;
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
