//! The central API server: catalogue of procedures, queues and numbering, slots,
//! appointments and the kiosks' tokens. HTTP handlers live in [`http`]; every
//! read and write goes through the [`store::Store`] interface.

pub mod access;
pub mod announce;
pub mod calendar;
pub mod clock;
pub mod demo;
pub mod events;
pub mod fleet;
pub mod http;
pub mod queue_order;
pub mod rate;
pub mod rules;
pub mod store;

pub use clock::{Clock, OffsetClock, SystemClock};
