//! The kiosk's logic that needs no window: its profile, the central API client,
//! the catalogue kept on disk, search, Telex, QR codes, links, the views the UI shows,
//! and the maintenance screen's PIN, checks and recent log. The Tauri crate only wires
//! these to commands.

pub mod cache;
pub mod citizen_id;
pub mod client;
pub mod ipc;
pub mod kiosk;
pub mod links;
pub mod maintenance;
pub mod profile;
pub mod qr;
pub mod recent_log;
pub mod search;
pub mod telex;
pub mod typescript;
