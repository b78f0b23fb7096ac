//! Types that cross a boundary: HTTP between kiosk and central, and IPC between
//! the kiosk's Rust side and its UI. The UI's TypeScript types are generated
//! from these (see `kiosk-core`'s `generated_types` test); nothing is written twice.

pub mod appointment;
pub mod audit;
pub mod catalogue;
pub mod error;
pub mod fleet;
pub mod formats;
pub mod lobby;
pub mod office;
pub mod queue;
pub mod ticket;
pub mod whole;

pub use appointment::*;
pub use audit::*;
pub use catalogue::*;
pub use error::*;
pub use fleet::*;
pub use lobby::*;
pub use office::*;
pub use queue::*;
pub use ticket::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// A text in Vietnamese, the office's language, with its English translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct LocalizedText {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

impl LocalizedText {
    /// Builds a text from its Vietnamese and English forms.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }
}

/// Answer of `GET /health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Health {
    /// `ok` when the server and its database answer, `unavailable` when the database
    /// does not (the answer is then a 503).
    pub status: String,
    /// Server version.
    pub version: String,
    /// `ok` when a query to the database was answered just now, else `unreachable`.
    #[serde(default)]
    pub database: String,
}

/// A TypeScript module of `export`ed declarations (ts-rs's `decl()`) under a header
/// comment: how each generated types file of the project is written.
pub fn typescript_module(header: &str, declarations: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from(header);
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
