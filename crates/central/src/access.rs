//! Who a bearer token speaks for, and what each role may do.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sha2::{Digest, Sha256};

/// The role a token was created with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A lobby kiosk of one office.
    Kiosk {
        /// Its office.
        office: String,
    },
    /// Staff at one office, optionally tied to a counter.
    Staff {
        /// Their office.
        office: String,
        /// Their counter, when the token is for one.
        counter: Option<String>,
    },
    /// IT staff: everything.
    Admin,
}

impl Role {
    /// Name of the role as the CLI and the store write it.
    pub fn name(&self) -> &'static str {
        match self {
            Role::Kiosk { .. } => "kiosk",
            Role::Staff { .. } => "staff",
            Role::Admin => "admin",
        }
    }

    /// May read the office's catalogue, queues, slots.
    pub fn may_read_office(&self, office: &str) -> bool {
        match self {
            Role::Kiosk { office: own } | Role::Staff { office: own, .. } => own == office,
            Role::Admin => true,
        }
    }

    /// May issue tickets, book and check in at the office.
    pub fn may_serve_visitors(&self, office: &str) -> bool {
        match self {
            Role::Kiosk { office: own } => own == office,
            Role::Staff { .. } => false,
            Role::Admin => true,
        }
    }

    /// May issue tickets, book and check in at some office: everyone but staff.
    pub fn serves_visitors(&self) -> bool {
        !matches!(self, Role::Staff { .. })
    }

    /// May look up the office's bookings of the day by a visitor's name: its
    /// kiosks, its staff and admins.
    pub fn may_find_bookings(&self, office: &str) -> bool {
        match self {
            Role::Kiosk { office: own } | Role::Staff { office: own, .. } => own == office,
            Role::Admin => true,
        }
    }

    /// May change the office's opening hours and closed days.
    pub fn may_configure_office(&self) -> bool {
        matches!(self, Role::Admin)
    }

    /// May see the office's ticket list.
    pub fn may_list_tickets(&self, office: &str) -> bool {
        match self {
            Role::Staff { office: own, .. } => own == office,
            Role::Kiosk { .. } => false,
            Role::Admin => true,
        }
    }

    /// May keep profiles and see and manage the fleet of kiosks: IT staff only.
    pub fn may_manage_fleet(&self) -> bool {
        matches!(self, Role::Admin)
    }

    /// May read the audit log of every change: IT staff only.
    pub fn may_read_audit(&self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Changes made with this role are written to the audit log: staff and admins.
    pub fn is_audited(&self) -> bool {
        !self.is_kiosk()
    }

    /// Is a kiosk, which registers and sends heartbeats.
    pub fn is_kiosk(&self) -> bool {
        matches!(self, Role::Kiosk { .. })
    }

    /// May work the given counter of the given office.
    pub fn may_work_counter(&self, office: &str, counter: &str) -> bool {
        match self {
            Role::Staff {
                office: own,
                counter: None,
            } => own == office,
            Role::Staff {
                office: own,
                counter: Some(own_counter),
            } => own == office && own_counter == counter,
            Role::Kiosk { .. } => false,
            Role::Admin => true,
        }
    }
}

/// Tokens are stored as their SHA-256, so a copy of the database grants nothing.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new secret token for a role: its prefix says the role, the rest is 192 random bits.
pub fn new_token(role: &Role) -> String {
    let secret: [u8; 24] = rand::random();
    format!("{}_{}", role.name(), hex::encode(secret))
}

/// Longest label a token may have, in characters.
pub const MAX_LABEL_CHARS: usize = 80;

/// A token's label, trimmed: 1 to [`MAX_LABEL_CHARS`] characters, no control or
/// bidirectional-formatting characters (it is shown in tables and logs).
pub fn check_label(text: &str) -> Result<String, String> {
    let label = text.trim();
    if label.is_empty() {
        return Err("the label is empty".into());
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(format!(
            "the label is longer than {MAX_LABEL_CHARS} characters"
        ));
    }
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if let Some(c) = label.chars().find(|&c| c.is_control() || bidi(c)) {
        return Err(format!(
            "the label holds the character U+{:04X}",
            u32::from(c)
        ));
    }
    Ok(label.to_owned())
}

/// Longest lifetime `--expires` accepts, so a typo cannot make a token eternal by
/// overflowing.
const LONGEST_EXPIRY_DAYS: i64 = 100 * 366;

/// When a token made at `now` expires, from what IT staff write: `YYYY-MM-DD` (the
/// token works through that whole day, UTC, and is refused from the next midnight UTC),
/// an RFC 3339 time, or a duration from now: a whole number and `s`, `m`, `h`, `d` or
/// `w` (`90d`, `12h`). The instant must lie ahead.
pub fn parse_expiry(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    let at = if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        if text.len() != 10 {
            return Err(format!("write the date as YYYY-MM-DD, got {text:?}"));
        }
        day.succ_opt()
            .and_then(|next| next.and_hms_opt(0, 0, 0))
            .map(|midnight| midnight.and_utc())
            .ok_or_else(|| format!("{text:?} is out of range"))?
    } else if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        at.with_timezone(&Utc)
    } else {
        let unit = text.chars().last().unwrap_or(' ');
        let count: i64 = text[..text.len() - unit.len_utf8().min(text.len())]
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                format!(
                    "{text:?} is neither a date (YYYY-MM-DD), an RFC 3339 time, nor a \
                     duration such as 90d or 12h"
                )
            })?;
        let span = match unit {
            's' => Duration::try_seconds(count),
            'm' => Duration::try_minutes(count),
            'h' => Duration::try_hours(count),
            'd' => Duration::try_days(count),
            'w' => Duration::try_weeks(count),
            _ => None,
        }
        .filter(|span| *span <= Duration::days(LONGEST_EXPIRY_DAYS))
        .ok_or_else(|| {
            format!("{text:?}: a duration is a whole number and s, m, h, d or w, at most 100 years")
        })?;
        now + span
    };
    if at <= now {
        return Err(format!(
            "{text:?} is already past: the token would never work"
        ));
    }
    if at - now > Duration::days(LONGEST_EXPIRY_DAYS) {
        return Err(format!("{text:?} is more than 100 years ahead"));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_reads_dates_times_and_durations() {
        let now = "2026-12-02T09:30:00Z".parse::<DateTime<Utc>>().unwrap();
        let at = |text: &str| parse_expiry(text, now).map(|t| t.to_rfc3339());
        assert_eq!(at("2026-12-31").unwrap(), "2027-01-01T00:00:00+00:00");
        assert_eq!(at("2026-12-02").unwrap(), "2026-12-03T00:00:00+00:00");
        assert_eq!(
            at("2026-12-05T17:00:00+07:00").unwrap(),
            "2026-12-05T10:00:00+00:00"
        );
        assert_eq!(at("90d").unwrap(), "2027-03-02T09:30:00+00:00");
        assert_eq!(at("12h").unwrap(), "2026-12-02T21:30:00+00:00");
        assert_eq!(at("2w").unwrap(), "2026-12-16T09:30:00+00:00");
        assert_eq!(at("30s").unwrap(), "2026-12-02T09:30:30+00:00");
        for bad in [
            "2026-12-01",
            "2026-12-2",
            "0d",
            "-3d",
            "12",
            "d",
            "",
            "12x",
            "tomorrow",
            "2026-12-02T09:00:00Z",
            "99999999999d",
            "200y",
            "2300-01-01",
            "3d\u{e9}",
        ] {
            assert!(at(bad).is_err(), "{bad:?} was accepted: {:?}", at(bad));
        }
    }

    #[test]
    fn labels_are_short_plain_text() {
        assert_eq!(
            check_label("  Quầy 3, máy tính bảng ").unwrap(),
            "Quầy 3, máy tính bảng"
        );
        for bad in [
            "",
            "   ",
            "a\nb",
            "a\u{0}b",
            "evil\u{202e}txt",
            &"x".repeat(81),
        ] {
            assert!(check_label(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(check_label(&"ầ".repeat(80)).is_ok());
    }

    #[test]
    fn only_admins_read_the_audit_and_kiosks_are_not_audited() {
        let kiosk = Role::Kiosk { office: "a".into() };
        let staff = Role::Staff {
            office: "a".into(),
            counter: None,
        };
        assert!(Role::Admin.may_read_audit());
        assert!(!kiosk.may_read_audit() && !staff.may_read_audit());
        assert!(Role::Admin.is_audited() && staff.is_audited());
        assert!(!kiosk.is_audited());
    }

    #[test]
    fn kiosk_is_confined_to_its_office() {
        let kiosk = Role::Kiosk { office: "a".into() };
        assert!(kiosk.may_read_office("a"));
        assert!(kiosk.may_serve_visitors("a"));
        assert!(!kiosk.may_read_office("b"));
        assert!(!kiosk.may_serve_visitors("b"));
        assert!(!kiosk.may_list_tickets("a"));
        assert!(!kiosk.may_work_counter("a", "a-1"));
        assert!(kiosk.may_find_bookings("a"));
        assert!(!kiosk.may_find_bookings("b"));
        assert!(!kiosk.may_configure_office());
    }

    #[test]
    fn counter_staff_work_only_their_counter() {
        let staff = Role::Staff {
            office: "a".into(),
            counter: Some("a-1".into()),
        };
        assert!(staff.may_work_counter("a", "a-1"));
        assert!(!staff.may_work_counter("a", "a-2"));
        assert!(staff.may_list_tickets("a"));
        assert!(!staff.may_serve_visitors("a"));
        assert!(staff.may_find_bookings("a"));
        assert!(!staff.may_find_bookings("b"));
        assert!(!staff.may_configure_office());
        assert!(Role::Admin.may_configure_office());
    }

    #[test]
    fn only_admins_manage_the_fleet_and_only_kiosks_report() {
        let kiosk = Role::Kiosk { office: "a".into() };
        let staff = Role::Staff {
            office: "a".into(),
            counter: None,
        };
        assert!(Role::Admin.may_manage_fleet());
        assert!(!kiosk.may_manage_fleet() && !staff.may_manage_fleet());
        assert!(kiosk.is_kiosk());
        assert!(!Role::Admin.is_kiosk() && !staff.is_kiosk());
    }

    #[test]
    fn hashes_are_stable_and_tokens_distinct() {
        // SHA-256 of "x", as `printf x | sha256sum` gives it: the stored form must not
        // change, or every token already handed out stops working.
        assert_eq!(
            token_hash("x"),
            "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
        );
        let t1 = new_token(&Role::Admin);
        let secret = t1.strip_prefix("admin_").expect("the role as prefix");
        assert_eq!(secret.len(), 48, "192 bits in hex: {t1}");
        assert!(secret.chars().all(|c| c.is_ascii_hexdigit()), "{t1}");
        assert_ne!(t1, new_token(&Role::Admin));
        assert!(new_token(&Role::Kiosk { office: "a".into() }).starts_with("kiosk_"));
    }
}
