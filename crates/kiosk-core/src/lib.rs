//! The kiosk's logic that needs no window: its profile and the one the central assigns it
//! (`fleet`), the central API client, the catalogue kept on disk, search, Telex, QR codes,
//! links, barcode scans, the views the UI shows, and the maintenance screen's PIN, checks
//! and recent log. The Tauri crate only wires these to commands.

pub mod app;
pub mod cache;
pub mod citizen_id;
pub mod client;
pub mod clock;
pub mod fleet;
pub mod ipc;
pub mod kiosk;
pub mod links;
pub mod maintenance;
pub mod pin;
pub mod profile;
pub mod qr;
pub mod quick;
pub mod recent_log;
pub mod scan;
pub mod search;
pub mod telex;
pub mod typescript;
pub mod visitor;
pub mod voice;
