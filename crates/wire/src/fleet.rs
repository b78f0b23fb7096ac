//! Kiosk profiles held by the central, and the fleet of kiosks that report to it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Body of `POST /profiles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProfile {
    /// A name for IT staff, unique, e.g. "Ba Đình lobby": one line.
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
    )]
    pub name: String,
    /// The profile as TOML, without device settings (see `GET /profile-schema.json`).
    pub document: String,
}

/// Body of `PUT /profiles/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    /// The new TOML.
    pub document: String,
    /// The version the editor started from; refused with `stale_profile_version` when
    /// someone saved a later one meanwhile.
    #[serde(deserialize_with = "crate::whole::number")]
    #[schema(format = Int64, minimum = 1, maximum = 4294967295.0)]
    pub base_version: u32,
}

/// One version of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ProfileVersion {
    /// Profile id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The office its document names; it may be assigned to kiosks of that office only.
    pub office: String,
    /// Version, from 1; every change makes the next one, and all are kept.
    pub version: u32,
    /// The TOML of this version.
    pub document: String,
    /// When this version was saved, RFC 3339 UTC.
    pub updated_at: String,
}

/// Body of `PUT /kiosks/{kiosk}/profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileAssignment {
    /// Profile id; `null` takes the kiosk's assignment away (it keeps what it has).
    /// Required, so that an empty body takes nothing away.
    #[serde(deserialize_with = "crate::whole::optional")]
    #[schema(required = true)]
    #[ts(type = "number | null")]
    pub profile: Option<i64>,
}

/// Body of `POST /kiosks/register`, sent by a kiosk when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KioskRegistration {
    /// A name IT staff recognise, e.g. the machine's host name: one line.
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
    )]
    pub name: String,
    /// The kiosk app's version.
    #[schema(pattern = "^[!-~]{1,40}$")]
    pub app_version: String,
}

/// The profile a kiosk should run: the latest version of the one assigned to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AssignedProfile {
    /// Profile id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its latest version.
    pub version: u32,
    /// Its TOML.
    pub document: String,
}

/// Answer of `POST /kiosks/register`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct KioskRegistered {
    /// This kiosk's id (one per kiosk token).
    #[ts(type = "number")]
    pub kiosk_id: i64,
    /// The office its token belongs to.
    pub office: String,
    /// The profile assigned to it; `null`: none, it runs on its own file's settings.
    pub profile: Option<AssignedProfile>,
}

/// Body of `POST /kiosks/heartbeat`, sent by a kiosk every 30 seconds. It carries no
/// personal data: `last_error` is written by the kiosk to hold none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Heartbeat {
    /// The kiosk app's version.
    #[schema(pattern = "^[!-~]{1,40}$")]
    pub app_version: String,
    /// Id of the central profile it runs, if any.
    #[serde(default, deserialize_with = "crate::whole::optional")]
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
    /// Version of that profile; `null` when it runs on its own file's settings.
    #[serde(default, deserialize_with = "crate::whole::optional")]
    #[schema(format = Int64, minimum = 0, maximum = 4294967295.0)]
    pub profile_version: Option<u32>,
    /// Printer state, a short code: `ready`, `out_of_paper`, `cover_open`, `offline`,
    /// `none` (no printer), `error`.
    #[schema(pattern = "^[a-z0-9_]{1,32}$")]
    pub printer: String,
    /// The last error worth IT staff's attention, in a few words, one line; `null` when all is well.
    #[schema(
        max_length = 200,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
    )]
    pub last_error: Option<String>,
    /// Seconds since the kiosk app started; at most 100 years' worth.
    #[serde(deserialize_with = "crate::whole::number")]
    #[schema(format = Int64, minimum = 0, maximum = 3155760000.0)]
    #[ts(type = "number")]
    pub uptime_seconds: u64,
}

/// Answer of `POST /kiosks/heartbeat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct HeartbeatAnswer {
    /// The assigned profile's latest version when it is not the one the kiosk reported;
    /// `null` when there is nothing new.
    pub profile: Option<AssignedProfile>,
    /// True when no profile is assigned any more but the kiosk reported running one: it
    /// goes back to its own file's settings.
    #[serde(default)]
    pub unassigned: bool,
}

/// A profile named in the fleet list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ProfileRef {
    /// Profile id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its latest version.
    pub version: u32,
}

/// One kiosk as IT staff see it (`GET /kiosks`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct KioskState {
    /// Kiosk id (one per kiosk token).
    #[ts(type = "number")]
    pub id: i64,
    /// The name it registered with; `null` until it first starts.
    pub name: Option<String>,
    /// Its office.
    pub office: String,
    /// True when its last heartbeat came within the last 90 seconds.
    pub online: bool,
    /// Its last heartbeat (or registration), RFC 3339 UTC.
    pub last_heartbeat: Option<String>,
    /// App version it reported.
    pub app_version: Option<String>,
    /// The profile assigned to it, with that profile's latest version.
    pub assigned_profile: Option<ProfileRef>,
    /// Id of the central profile it reported running.
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
    /// Version of the profile it reported running.
    pub profile_version: Option<u32>,
    /// Printer state it reported.
    pub printer: Option<String>,
    /// Last error it reported.
    pub last_error: Option<String>,
    /// Seconds since its app started, as reported.
    #[ts(type = "number | null")]
    pub uptime_seconds: Option<u64>,
    /// While too many wrong booking codes keep it from checking in by code: until
    /// when, RFC 3339 UTC; `null` otherwise.
    #[serde(default)]
    pub check_in_locked_until: Option<String>,
}
