//! One thing wrong with a profile, named by its field.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One thing wrong with a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The setting as written in the file, with its table: `office`, `branding.primary_colour`;
    /// `(file)` when the text is not TOML at all.
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl Problem {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl From<printer::Problem> for Problem {
    fn from(p: printer::Problem) -> Self {
        Self::new(p.field, p.message)
    }
}
