//! Rules of the fleet as plain functions: when a kiosk counts as online, when a heartbeat
//! carries a profile back, and what a profile, a registration or a heartbeat may hold.

use chrono::{DateTime, Duration, Utc};
use kiosk_profile::{Files, Settings};
use wire::{FieldProblem, Heartbeat, KioskRegistration};

use crate::store::{KioskReport, StoredProfile};

/// A kiosk is online when its last heartbeat is at most this old (three missed beats of 30 s).
pub const ONLINE_WINDOW: Duration = Duration::seconds(90);
/// Largest profile document, in bytes: a profile is a page of settings, not a file store.
pub const MAX_DOCUMENT_BYTES: usize = 32 * 1024;
/// Longest profile or kiosk name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Longest app version, in characters.
pub const MAX_APP_VERSION_CHARS: usize = 40;
/// Longest printer state code.
pub const MAX_PRINTER_CHARS: usize = 32;
/// Longest error a kiosk reports, in characters: a few words, never a dump.
pub const MAX_LAST_ERROR_CHARS: usize = 200;
/// Longest uptime a heartbeat may report: 100 years; more is a broken clock or a forgery.
pub const MAX_UPTIME_SECONDS: u64 = 3_155_760_000;

/// Whether a kiosk last heard from at `last` counts as online at `now`.
pub fn is_online(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last.is_some_and(|last| now - last <= ONLINE_WINDOW)
}

/// The profile a heartbeat answers with: the assigned profile's latest version, unless
/// the kiosk reported running exactly that. An older kiosk that reports no profile id is
/// compared by version alone.
pub fn profile_to_send(
    assigned: Option<StoredProfile>,
    reported_id: Option<i64>,
    reported_version: Option<u32>,
) -> Option<StoredProfile> {
    let assigned = assigned?;
    let same_profile = !matches!(reported_id, Some(id) if id != assigned.id);
    let current = same_profile && reported_version == Some(assigned.version);
    (!current).then_some(assigned)
}

fn problem(field: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// Checks a profile document as the central holds it: the settings of the profile format,
/// no device settings, no file checks (the kiosk's disk is not here), and an office this
/// central knows.
pub fn check_document(document: &str, offices: &[String]) -> Result<Settings, Vec<FieldProblem>> {
    if document.len() > MAX_DOCUMENT_BYTES {
        return Err(vec![problem(
            "(file)",
            format!(
                "is {} bytes; a profile may have at most {MAX_DOCUMENT_BYTES}",
                document.len()
            ),
        )]);
    }
    let checked = Settings::parse(document, Files::Unchecked);
    let mut problems: Vec<FieldProblem> = match &checked {
        Ok(_) => Vec::new(),
        Err(found) => found
            .iter()
            .map(|p| problem(&p.field, p.message.clone()))
            .collect(),
    };
    if let Ok(settings) = &checked {
        if !offices.contains(&settings.office) {
            problems.push(problem(
                "office",
                format!(
                    "{:?} is not an office of this central (its offices: {})",
                    settings.office,
                    offices.join(", ")
                ),
            ));
        }
    }
    match checked {
        Ok(settings) if problems.is_empty() => Ok(settings),
        _ => Err(problems),
    }
}

/// The pinned quick numbers of `settings` that are not among `codes` (the procedures
/// of its office's catalogue), each a problem with its place in the list.
pub fn unknown_pinned(settings: &Settings, codes: &[&str]) -> Vec<FieldProblem> {
    settings
        .quick_numbers
        .pinned
        .iter()
        .enumerate()
        .filter(|(_, code)| !codes.contains(&code.as_str()))
        .map(|(i, code)| {
            problem(
                &format!("quick_numbers.pinned[{i}]"),
                format!(
                    "is {code:?}, which is not a procedure of office {:?}: pin a code of its catalogue",
                    settings.office
                ),
            )
        })
        .collect()
}

/// A name for people: trimmed, not empty, no control characters, at most [`MAX_NAME_CHARS`].
pub fn check_name(field: &str, name: &str) -> Result<String, FieldProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(problem(field, "is empty; write a name"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(problem(
            field,
            format!(
                "is {} characters long; at most {MAX_NAME_CHARS}",
                name.chars().count()
            ),
        ));
    }
    if !crate::rules::is_safe_text(name) {
        return Err(problem(
            field,
            "must be one line without control or text-direction characters",
        ));
    }
    Ok(name.to_owned())
}

fn check_app_version(version: &str) -> Result<(), FieldProblem> {
    let ok = !version.is_empty()
        && version.chars().count() <= MAX_APP_VERSION_CHARS
        && version.chars().all(|c| c.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(problem(
            "app_version",
            format!("must be a version like \"0.1.0\": 1 to {MAX_APP_VERSION_CHARS} characters, no spaces"),
        ))
    }
}

/// Checks a kiosk's registration; returns its trimmed name.
pub fn check_registration(body: &KioskRegistration) -> Result<String, Vec<FieldProblem>> {
    let name = check_name("name", &body.name);
    let version = check_app_version(&body.app_version);
    match (name, version) {
        (Ok(name), Ok(())) => Ok(name),
        (name, version) => Err(name.err().into_iter().chain(version.err()).collect()),
    }
}

/// Checks a heartbeat: short codes and texts, so a kiosk cannot fill the database or
/// the console with a dump (which could hold what a visitor typed).
pub fn check_heartbeat(body: &Heartbeat) -> Result<KioskReport, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    if let Err(p) = check_app_version(&body.app_version) {
        problems.push(p);
    }
    if body.profile_id.is_some() && body.profile_version.is_none() {
        problems.push(problem(
            "profile_version",
            "is missing; it goes with profile_id",
        ));
    }
    let printer_ok = !body.printer.is_empty()
        && body.printer.len() <= MAX_PRINTER_CHARS
        && body
            .printer
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !printer_ok {
        problems.push(problem(
            "printer",
            format!("must be a state code of at most {MAX_PRINTER_CHARS} lower-case letters, digits and _, e.g. \"ready\", \"out_of_paper\", \"offline\", \"none\""),
        ));
    }
    if body.uptime_seconds > MAX_UPTIME_SECONDS {
        problems.push(problem(
            "uptime_seconds",
            format!("is {}; at most {MAX_UPTIME_SECONDS}", body.uptime_seconds),
        ));
    }
    if let Some(error) = &body.last_error {
        let chars = error.chars().count();
        if chars > MAX_LAST_ERROR_CHARS {
            problems.push(problem(
                "last_error",
                format!("is {chars} characters long; at most {MAX_LAST_ERROR_CHARS}"),
            ));
        } else if error.chars().any(char::is_control) {
            problems.push(problem(
                "last_error",
                "must be one line without control characters",
            ));
        }
    }
    if problems.is_empty() {
        Ok(KioskReport {
            app_version: body.app_version.clone(),
            profile_id: body.profile_id,
            profile_version: body.profile_version,
            printer: body.printer.clone(),
            last_error: body
                .last_error
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_owned),
            uptime_seconds: body.uptime_seconds,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    fn stored(id: i64, version: u32) -> StoredProfile {
        StoredProfile {
            id,
            name: "lobby".into(),
            version,
            document: "office = \"hn-ba-dinh\"\n".into(),
            office: "hn-ba-dinh".into(),
            updated_at: at(0),
        }
    }

    #[test]
    fn a_kiosk_is_online_for_90_seconds_after_its_last_heartbeat() {
        assert!(is_online(Some(at(0)), at(0)));
        assert!(is_online(Some(at(0)), at(90)));
        assert!(!is_online(Some(at(0)), at(91)));
        assert!(!is_online(None, at(0)));
        // A heartbeat stamped after now (the clock was set back) still counts.
        assert!(is_online(Some(at(10)), at(0)));
    }

    #[test]
    fn a_heartbeat_carries_the_profile_only_when_the_kiosk_runs_another() {
        assert_eq!(profile_to_send(None, Some(1), Some(3)), None);
        assert_eq!(profile_to_send(Some(stored(1, 3)), Some(1), Some(3)), None);
        assert_eq!(
            profile_to_send(Some(stored(1, 4)), Some(1), Some(3)),
            Some(stored(1, 4))
        );
        assert_eq!(
            profile_to_send(Some(stored(1, 1)), None, None),
            Some(stored(1, 1))
        );
        // Another profile at the same version number is another profile.
        assert_eq!(
            profile_to_send(Some(stored(2, 3)), Some(1), Some(3)),
            Some(stored(2, 3))
        );
        assert_eq!(profile_to_send(Some(stored(2, 3)), None, Some(3)), None);
    }

    #[test]
    fn a_document_must_be_a_valid_profile_for_a_known_office() {
        let offices = vec!["hn-ba-dinh".to_owned()];
        assert!(check_document("office = \"hn-ba-dinh\"\n", &offices).is_ok());
        let p = check_document("office = \"hcm-q1\"\n", &offices).unwrap_err();
        assert_eq!(p[0].field, "office");
        assert!(p[0].message.contains("hn-ba-dinh"));
        let p = check_document(
            "office = \"hn-ba-dinh\"\ncentral_url = \"http://x\"\nidle_timeout_seconds = 1\n",
            &offices,
        )
        .unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["central_url", "idle_timeout_seconds"]);
        let big = format!(
            "office = \"hn-ba-dinh\"\n#{}\n",
            "x".repeat(MAX_DOCUMENT_BYTES)
        );
        assert_eq!(
            check_document(&big, &offices).unwrap_err()[0].field,
            "(file)"
        );
        // The logo cannot be looked at from here, so it is not.
        assert!(check_document(
            "office = \"hn-ba-dinh\"\n[printer]\nlogo = \"logo.png\"\n",
            &offices
        )
        .is_ok());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(check_name("name", "  Sảnh A ").unwrap(), "Sảnh A");
        assert_eq!(check_name("name", " ").unwrap_err().field, "name");
        assert!(check_name("name", &"a".repeat(81)).is_err());
        assert!(check_name("name", "a\nb").is_err());
    }

    fn beat() -> Heartbeat {
        Heartbeat {
            app_version: "0.1.0".into(),
            profile_id: Some(1),
            profile_version: Some(2),
            printer: "ready".into(),
            last_error: None,
            uptime_seconds: 60,
        }
    }

    #[test]
    fn a_heartbeat_holds_short_codes_and_texts() {
        assert!(check_heartbeat(&beat()).is_ok());
        let fields = |b: Heartbeat| -> Vec<String> {
            check_heartbeat(&b)
                .unwrap_err()
                .into_iter()
                .map(|p| p.field)
                .collect()
        };
        assert_eq!(
            fields(Heartbeat {
                printer: "Out of paper!".into(),
                ..beat()
            }),
            ["printer"]
        );
        assert_eq!(
            fields(Heartbeat {
                last_error: Some("x".repeat(201)),
                app_version: String::new(),
                ..beat()
            }),
            ["app_version", "last_error"]
        );
        assert_eq!(
            fields(Heartbeat {
                profile_version: None,
                ..beat()
            }),
            ["profile_version"]
        );
        assert_eq!(
            fields(Heartbeat {
                uptime_seconds: 1 << 63,
                ..beat()
            }),
            ["uptime_seconds"]
        );
        let report = check_heartbeat(&Heartbeat {
            last_error: Some("  ".into()),
            ..beat()
        })
        .unwrap();
        assert_eq!(report.last_error, None);
    }
}
