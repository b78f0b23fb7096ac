//! The kiosk's logic that needs no window: its profile, the central API client,
//! and the views the UI shows. The Tauri crate only wires these to commands.

pub mod ipc;
pub mod typescript;
