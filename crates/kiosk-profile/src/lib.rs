//! The kiosk profile's settings: what a kiosk shows and does, in one versioned format.
//!
//! A profile is TOML. The same settings are read from a kiosk's own file (beside its device
//! settings: the central's address, its token file, its cache folder) and from a profile the
//! central server holds for a fleet of kiosks. Checking reports every problem at once, each
//! with its field, so IT staff fix a profile in one pass. [`schema`] describes the format as
//! JSON Schema; `profiles/kiosk-profile.schema.json` is that schema, kept up to date by a test.

pub mod colour;
mod parse;
mod problem;
pub mod schema;
mod settings;

pub use colour::Colour;
pub use parse::{parse_toml, DEVICE_FIELDS, SETTINGS_FIELDS};
pub use printer::Files;
pub use problem::Problem;
pub use schema::schema;
pub use settings::*;
