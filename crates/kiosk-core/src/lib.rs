//! The kiosk's logic that needs no window: its profile, the central API client,
//! search, QR codes and the views the UI shows. The Tauri crate only wires these
//! to commands.

pub mod citizen_id;
pub mod client;
pub mod ipc;
pub mod kiosk;
pub mod profile;
pub mod qr;
pub mod search;
pub mod typescript;
