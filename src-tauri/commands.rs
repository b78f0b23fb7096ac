//! Tauri commands: the UI's only way out. Each maps to one `Kiosk` method.

use std::sync::Arc;

use kiosk_core::app::KioskApp;
use kiosk_core::ipc::{
    AppointmentView, CardBookings, CatalogueView, ConnectionState, ConnectionTest, DaySlots,
    KioskConfig, KioskError, MaintenanceError, MaintenanceInfo, OnlineHandoff, QrSvg, ScanRead,
    SpokenSentence, TestPrint, TicketView,
};
use kiosk_core::maintenance::Maintenance;
use tauri::{AppHandle, State};
use wire::{LocalizedText, Priority};

use crate::StartedAt;

type Shared<'a> = State<'a, Arc<KioskApp>>;
type Staff<'a> = State<'a, Arc<Maintenance>>;
type Speech<'a> = State<'a, speech::Voice>;

#[tauri::command]
pub fn kiosk_config(app: Shared<'_>) -> KioskConfig {
    app.config()
}

/// Applies the profile the central sent, if one waits; the UI calls it when no visitor is
/// mid-flow and gets the new configuration, or `null` when there was none.
#[tauri::command]
pub async fn apply_profile(app: Shared<'_>) -> Result<Option<KioskConfig>, ()> {
    let applied = app.apply_ready().await;
    if applied.is_some() {
        // The central learns the version in force now, not at the next beat.
        let app = app.inner().clone();
        tauri::async_runtime::spawn(async move { app.heartbeat(chrono_now()).await });
    }
    Ok(applied)
}

#[tauri::command]
pub fn connection_state(app: Shared<'_>) -> ConnectionState {
    app.kiosk().connection_state()
}

/// The office's time now (RFC 3339 with its offset), from the central's clock run on by
/// the kiosk's monotonic clock; `null` before the central first answered.
#[tauri::command]
pub fn office_now(app: Shared<'_>) -> Option<String> {
    app.kiosk().office_now().map(kiosk_core::clock::rfc3339)
}

#[tauri::command]
pub async fn load_catalogue(app: Shared<'_>) -> Result<CatalogueView, KioskError> {
    app.kiosk().catalogue().await
}

#[tauri::command]
pub fn search_procedures(app: Shared<'_>, query: String) -> Vec<String> {
    app.kiosk().search(&query)
}

#[tauri::command]
pub fn compose_telex(keys: String) -> String {
    kiosk_core::telex::compose(&keys)
}

#[tauri::command]
pub fn checklist_qr(
    app: Shared<'_>,
    code: String,
    case_index: Option<u32>,
) -> Result<QrSvg, KioskError> {
    app.kiosk().checklist_qr(&code, case_index)
}

#[tauri::command]
pub fn online_handoff(app: Shared<'_>, code: String) -> Result<OnlineHandoff, KioskError> {
    app.kiosk().online_handoff(&code)
}

#[tauri::command]
pub async fn take_ticket(
    app: Shared<'_>,
    service: String,
    priority: Priority,
    print: bool,
) -> Result<TicketView, KioskError> {
    app.kiosk().take_ticket(&service, priority, print).await
}

#[tauri::command]
pub async fn upcoming_slots(app: Shared<'_>, service: String) -> Result<Vec<DaySlots>, KioskError> {
    app.kiosk().upcoming_slots(&service).await
}

#[tauri::command]
pub async fn book_appointment(
    app: Shared<'_>,
    service: String,
    slot_start: String,
    phone: String,
    name: Option<String>,
) -> Result<AppointmentView, KioskError> {
    app.kiosk()
        .book(&service, &slot_start, &phone, name.as_deref())
        .await
}

#[tauri::command]
pub async fn check_in(app: Shared<'_>, code: String) -> Result<TicketView, KioskError> {
    app.kiosk().check_in(&code, true).await
}

#[tauri::command]
pub async fn bookings_for_card(app: Shared<'_>, name: String) -> Result<CardBookings, KioskError> {
    app.kiosk().bookings_for_card(&name).await
}

#[tauri::command]
pub fn read_scan(text: String) -> ScanRead {
    kiosk_core::scan::read_scan(&text)
}

#[tauri::command]
pub fn phone_problem(phone: String) -> Option<LocalizedText> {
    kiosk_core::scan::phone_problem(&phone)
}

/// Says `sentences` in order, cutting whatever was being said; returns at once.
#[tauri::command]
pub fn speak(voice: Speech<'_>, sentences: Vec<SpokenSentence>) {
    voice.say(kiosk_core::voice::sentences(sentences));
}

/// Stops the voice at once.
#[tauri::command]
pub fn stop_speaking(voice: Speech<'_>) {
    voice.stop();
}

/// Says the last sentences again from their start.
#[tauri::command]
pub fn repeat_speaking(voice: Speech<'_>) {
    voice.repeat();
}

/// Sets the voice's loudness in percent; answers it as set (never below the minimum).
#[tauri::command]
pub fn set_speech_volume(voice: Speech<'_>, percent: u8) -> u8 {
    voice.set_volume(percent)
}

/// The UI's first screen is interactive: print the start-up time once, for the benchmark.
#[tauri::command]
pub fn ui_ready(started: State<'_, StartedAt>) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| println!("kiosk: ready after {} ms", started.0.elapsed().as_millis()));
}

/// Opens the maintenance screen with the PIN; wrong PINs lock it out for a growing time.
#[tauri::command]
pub async fn maintenance_unlock(
    app: Shared<'_>,
    maintenance: Staff<'_>,
    pin: String,
) -> Result<MaintenanceInfo, MaintenanceError> {
    let (kiosk, version, maintenance) = (
        app.kiosk(),
        app.profile_version(),
        maintenance.inner().clone(),
    );
    // The PIN check is slow by design: not on the async threads.
    tauri::async_runtime::spawn_blocking(move || {
        let now = chrono_now();
        maintenance
            .unlock(&kiosk, version, &pin, now)
            .map_err(|refused| refused.in_office_time(now, kiosk.office_now()))
    })
    .await
    .unwrap_or_else(|e| {
        tracing::error!(error = %e, "the PIN check did not finish");
        Err(MaintenanceError::new(
            kiosk_core::ipc::MaintenanceErrorKind::NotUnlocked,
        ))
    })
}

/// Closes the maintenance screen: the next maintenance command needs the PIN again.
#[tauri::command]
pub fn maintenance_lock(maintenance: Staff<'_>) {
    maintenance.lock();
}

#[tauri::command]
pub async fn maintenance_connection_test(
    app: Shared<'_>,
    maintenance: Staff<'_>,
) -> Result<ConnectionTest, MaintenanceError> {
    maintenance
        .connection_test(&app.kiosk(), chrono_now())
        .await
}

#[tauri::command]
pub async fn maintenance_print_test_page(
    app: Shared<'_>,
    maintenance: Staff<'_>,
) -> Result<TestPrint, MaintenanceError> {
    maintenance
        .print_test_page(&app.kiosk(), chrono_now())
        .await
}

#[tauri::command]
pub fn maintenance_recent_logs(maintenance: Staff<'_>) -> Result<Vec<String>, MaintenanceError> {
    maintenance.recent_logs(chrono_now())
}

/// Restarts the kiosk. Under systemd (which sets `INVOCATION_ID`) the kiosk exits and its
/// unit starts it again; a process started here would be stopped with the old one.
#[tauri::command]
pub fn maintenance_restart(app: AppHandle, maintenance: Staff<'_>) -> Result<(), MaintenanceError> {
    maintenance.check(chrono_now())?;
    tracing::warn!("restart asked from the maintenance screen");
    if std::env::var_os("INVOCATION_ID").is_some() {
        app.exit(0);
        Ok(())
    } else {
        app.restart()
    }
}

/// The machine's clock: read only here, at the edge, and only to measure how long
/// (the maintenance lockout, the heartbeat's recent problems); office time comes from the
/// central (`Kiosk::office_now`).
fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
