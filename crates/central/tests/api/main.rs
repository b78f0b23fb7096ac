//! The central server's JSON API over real HTTP: each test starts the app on a
//! random port with a fresh database (see `common::spawn_app`).

#[path = "../common/mod.rs"]
mod common;

mod appointments;
mod audit;
mod auth;
mod bad_input;
mod catalogue;
mod checklist;
mod concurrency;
mod counters;
mod events;
mod fleet;
mod hardening;
mod hours;
mod idempotency;
mod limits;
mod lobby;
mod lookup;
mod most_taken;
mod numbering;
mod openapi;
mod priority;
mod tokens;
