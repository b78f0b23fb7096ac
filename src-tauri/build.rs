use tauri_build::{AppManifest, Attributes};

/// The app's commands. Each gets an `allow-<command>` permission (underscores become
/// dashes); a command that no capability allows cannot be called from the UI.
const COMMANDS: &[&str] = &[
    "kiosk_config",
    "apply_profile",
    "connection_state",
    "office_now",
    "load_catalogue",
    "search_procedures",
    "compose_telex",
    "checklist_qr",
    "online_handoff",
    "take_ticket",
    "upcoming_slots",
    "book_appointment",
    "check_in",
    "bookings_for_card",
    "read_scan",
    "phone_problem",
    "ui_ready",
    "speak",
    "stop_speaking",
    "repeat_speaking",
    "set_speech_volume",
    "maintenance_unlock",
    "maintenance_lock",
    "maintenance_connection_test",
    "maintenance_print_test_page",
    "maintenance_recent_logs",
    "maintenance_restart",
];

fn main() {
    tauri_build::try_build(Attributes::new().app_manifest(AppManifest::new().commands(COMMANDS)))
        .expect("failed to run the Tauri build script");
}
