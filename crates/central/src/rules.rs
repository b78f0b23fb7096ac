//! The office's rules as plain functions: numbering, capacity, waiting estimates,
//! check-in windows, local days, and the values accepted at the edge.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;
pub use wire::formats::{normalise_code, PhoneNumber, CODE_ALPHABET, CODE_LENGTH};
use wire::Priority;

/// Human-readable ticket number: group prefix and the day's sequence, `B-017`.
pub fn ticket_number(group: &str, seq: u32) -> String {
    format!("{group}-{seq:03}")
}

/// Seats the lobby may fill: the share of all seats allowed, rounded down, at least 1.
pub fn lobby_capacity(seats: u32, allowed_ratio: f64) -> u32 {
    let allowed = (f64::from(seats) * allowed_ratio.clamp(0.0, 1.0)).floor() as u32;
    allowed.max(1)
}

/// Minutes until a ticket with `people_ahead` is called, with the group's counters
/// serving in parallel. With no counter open it counts as one, so the figure stays
/// a promise the office can keep once a counter opens.
pub fn estimated_wait_minutes(
    people_ahead: u32,
    counters_open: u32,
    avg_service_minutes: u32,
) -> u32 {
    let counters = counters_open.max(1);
    (people_ahead * avg_service_minutes).div_ceil(counters)
}

/// Minutes before a slot's start from which its booking can be checked in.
pub const CHECK_IN_OPENS_BEFORE_MINUTES: i64 = 30;
/// Minutes after a slot's start until which its booking can still be checked in.
pub const CHECK_IN_CLOSES_AFTER_MINUTES: i64 = 15;

/// The time during which a booking for a slot starting at `slot_start` can be checked in.
pub fn check_in_window(slot_start: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        slot_start - Duration::minutes(CHECK_IN_OPENS_BEFORE_MINUTES),
        slot_start + Duration::minutes(CHECK_IN_CLOSES_AFTER_MINUTES),
    )
}

/// The office-local calendar day that `at` falls on.
pub fn local_day(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The UTC instants at which a local day starts and the next one starts.
pub fn day_bounds(day: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |d: NaiveDate| {
        let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
        tz.from_local_datetime(&midnight)
            .earliest()
            .unwrap_or_else(|| Utc.from_utc_datetime(&midnight).with_timezone(&tz))
            .with_timezone(&Utc)
    };
    (start(day), start(day + Duration::days(1)))
}

/// RFC 3339 in the office's offset, as every time on the wire is written.
pub fn to_local_rfc3339(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// RFC 3339 in UTC with fixed width, as times are stored (sorts as text).
pub fn to_stored(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Reads a stored time back.
pub fn from_stored(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// A new random booking code a person can read out and type.
pub fn appointment_code(rng: &mut impl Rng) -> String {
    (0..CODE_LENGTH)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// An unguessable ticket id: the issue time in milliseconds (12 hex digits) and
/// then 128 random bits. The time prefix makes new ids sort after old ones, so
/// each insert lands at the end of the id index instead of on a random page;
/// the random part is what keeps the id unguessable.
pub fn ticket_id(now: DateTime<Utc>, rng: &mut impl Rng) -> String {
    let millis = now.timestamp_millis().clamp(0, 0xffff_ffff_ffff);
    let bytes: [u8; 16] = rng.gen();
    format!("{millis:012x}{}", hex::encode(bytes))
}

/// The id of the ticket issued for the request with this idempotency `key` from
/// this sender (`scope`): HMAC-SHA-256 under the central's `secret` of the two,
/// so a replayed key finds its ticket by id, with nothing else stored, and
/// nobody without the secret can guess an id. Like [`ticket_id`] it starts with
/// a time (12 hex digits), so new ids sort after old ones: the key's own time
/// when the key is a UUID version 7, as the kiosks' keys are; other keys get
/// the MAC's first bytes there instead (valid ids all the same, only placed at
/// random in the id index). Then 128 bits of the MAC.
pub fn ticket_id_for_key(secret: &[u8], scope: &str, key: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(scope.as_bytes());
    mac.update(&[0]);
    mac.update(key.as_bytes());
    let tag = mac.finalize().into_bytes();
    let time = match uuid::Uuid::try_parse(key) {
        Ok(uuid) if uuid.get_version_num() == 7 => hex::encode(&uuid.as_bytes()[..6]),
        _ => hex::encode(&tag[16..22]),
    };
    format!("{time}{}", hex::encode(&tag[..16]))
}

/// Rank of a priority class in the call order; lower is called first.
pub fn call_rank(priority: Priority) -> u8 {
    match priority {
        Priority::Appointment => 0,
        Priority::Elderly | Priority::Disabled | Priority::Pregnant | Priority::ChildUnder6 => 1,
        Priority::None => 2,
    }
}

/// A name as it is compared: Unicode NFC, trimmed, inner runs of white space
/// made one space, lower case. Diacritics stay: "Đào" and "Dao" are different
/// names, while "NGUYỄN  VĂN AN" from a card matches "Nguyễn Văn An" typed.
pub fn name_key(name: &str) -> String {
    let composed: String = name.nfc().collect();
    let spaced = composed.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.to_lowercase().nfc().collect()
}

/// The last 3 digits of a phone number behind dots, e.g. `••• 567`: enough for
/// a person to recognise their own booking, too little to call anyone.
pub fn phone_hint(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let last: String = digits[digits.len().saturating_sub(3)..].iter().collect();
    format!("••• {last}")
}

/// The value of an `Idempotency-Key` header: 1 to 128 visible ASCII characters.
pub fn parse_idempotency_key(value: &str) -> Result<&str, String> {
    if (1..=128).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(value)
    } else {
        Err("Idempotency-Key must be 1 to 128 visible ASCII characters".into())
    }
}

/// How far ahead slots can be asked for.
pub const SLOT_HORIZON_DAYS: i64 = 60;

/// A local date written `YYYY-MM-DD`, exactly, between the years 2000 and 2099 (the
/// only ones an office works in; a far year is a typing error).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|day| (2000..=2099).contains(&day.year()))
}

/// A date as the API takes it: exactly `YYYY-MM-DD` (`2026-12-03`, not `2026-12-3`),
/// a real day, and within the years 2000 to 2099, the only ones an office works in.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let refused =
        || format!("date must be a day written YYYY-MM-DD between 2000 and 2099, got {text:?}");
    parse_day(text).ok_or_else(refused)
}

/// Text a person typed that can be stored and shown to others: no control characters
/// (a NUL, a line break) and no characters that turn the direction of the text around
/// (U+202A to U+202E, U+2066 to U+2069), which can make a name read as another.
pub fn is_safe_text(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// Parses `YYYY-MM-DD` and checks it lies between `today` and the slot horizon.
pub fn parse_slot_date(text: &str, today: NaiveDate) -> Result<NaiveDate, (&'static str, String)> {
    let date = parse_date(text).map_err(|message| ("invalid_date", message))?;
    let last = today + Duration::days(SLOT_HORIZON_DAYS);
    if date < today || date > last {
        return Err((
            "date_out_of_range",
            format!("date must be between {today} and {last}"),
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn dates_are_strict_and_in_the_years_an_office_works() {
        assert_eq!(
            parse_date("2026-12-03"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())
        );
        for bad in [
            "2026-12-3",
            "-001-01-01",
            "1999-12-31",
            "2100-01-01",
            "2026-02-30",
            " 2026-12-03",
            "2026/12/03",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?} was taken");
        }
    }

    #[test]
    fn names_with_control_or_direction_characters_are_not_safe() {
        assert!(is_safe_text("Nguyễn Văn An"));
        for bad in ["An\u{0}", "An\nB", "\u{202E}nA", "An\u{2066}", "An\u{7}"] {
            assert!(!is_safe_text(bad), "{bad:?}");
        }
    }

    #[test]
    fn numbers_are_prefixed_and_zero_padded() {
        assert_eq!(ticket_number("B", 17), "B-017");
        assert_eq!(ticket_number("A", 1234), "A-1234");
    }

    #[test]
    fn capacity_is_the_allowed_share_of_seats() {
        assert_eq!(lobby_capacity(40, 0.5), 20);
        assert_eq!(lobby_capacity(15, 0.5), 7);
        assert_eq!(lobby_capacity(0, 0.5), 1);
        assert_eq!(lobby_capacity(10, 3.0), 10);
    }

    #[test]
    fn wait_is_shared_between_open_counters() {
        assert_eq!(estimated_wait_minutes(0, 2, 10), 0);
        assert_eq!(estimated_wait_minutes(3, 2, 10), 15);
        assert_eq!(estimated_wait_minutes(3, 0, 10), 30);
    }

    #[test]
    fn local_day_changes_at_local_midnight() {
        let tz: Tz = "Asia/Ho_Chi_Minh".parse().unwrap();
        let before = Utc.with_ymd_and_hms(2026, 11, 29, 16, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 11, 29, 17, 0, 0).unwrap();
        assert_eq!(local_day(before, tz).to_string(), "2026-11-29");
        assert_eq!(local_day(after, tz).to_string(), "2026-11-30");
        let (start, end) = day_bounds(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), tz);
        assert_eq!(start, after);
        assert_eq!(end - start, Duration::days(1));
    }

    #[test]
    fn codes_avoid_ambiguous_characters() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..500 {
            let code = appointment_code(&mut rng);
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B']));
        }
        assert_eq!(normalise_code(" ac3-d4f "), "AC3D4F");
    }

    #[test]
    fn ticket_ids_sort_by_time_and_stay_unguessable() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let t = Utc.with_ymd_and_hms(2026, 11, 29, 2, 0, 0).unwrap();
        let first = ticket_id(t, &mut rng);
        let same_time = ticket_id(t, &mut rng);
        let later = ticket_id(t + Duration::milliseconds(1), &mut rng);
        assert_eq!(first.len(), 44);
        assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(first, same_time, "the random part differs");
        assert!(later > first && later > same_time);
    }

    #[test]
    fn ticket_ids_from_keys_repeat_for_a_replay_only() {
        let secret = [7u8; 32];
        let key = "019ad3a5-6b2c-7c41-9d3e-2f5a8b1c0d9e"; // a UUID version 7
        let id = ticket_id_for_key(&secret, "kiosk-a", key);
        assert_eq!(id.len(), 44);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(id, ticket_id_for_key(&secret, "kiosk-a", key), "a replay");
        assert_eq!(&id[..12], "019ad3a56b2c", "the key's time leads");
        for other in [
            ticket_id_for_key(&secret, "kiosk-b", key),
            ticket_id_for_key(&[8u8; 32], "kiosk-a", key),
            ticket_id_for_key(&secret, "kiosk-a", "019ad3a5-6b2c-7c41-9d3e-2f5a8b1c0d9f"),
        ] {
            assert_eq!(&other[..12], &id[..12]);
            assert_ne!(other[12..], id[12..], "another sender, secret or key");
        }
        // Sender and key are kept apart: ("ab", "c") is not ("a", "bc").
        assert_ne!(
            ticket_id_for_key(&secret, "ab", "c"),
            ticket_id_for_key(&secret, "a", "bc")
        );
        // Later v7 keys give later ids.
        let later = ticket_id_for_key(&secret, "kiosk-a", "019ad3a5-6b2d-7000-8000-000000000000");
        assert!(later > id);
        // Any other key still gives a 44-digit id, the same on a replay.
        let plain = ticket_id_for_key(&secret, "kiosk-a", "retry-42");
        assert_eq!(plain.len(), 44);
        assert_eq!(plain, ticket_id_for_key(&secret, "kiosk-a", "retry-42"));
    }

    #[test]
    fn slot_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(parse_slot_date("2026-11-30", today).is_ok());
        assert_eq!(
            parse_slot_date("30/11/2026", today).unwrap_err().0,
            "invalid_date"
        );
        assert_eq!(
            parse_slot_date("2026-11-28", today).unwrap_err().0,
            "date_out_of_range"
        );
        assert_eq!(
            parse_slot_date("2027-06-01", today).unwrap_err().0,
            "date_out_of_range"
        );
    }

    #[test]
    fn names_match_whatever_their_case_spacing_and_composition() {
        let card = "NGUYỄN VĂN AN";
        assert_eq!(name_key(card), "nguyễn văn an");
        assert_eq!(name_key("  nguyễn   Văn\tAn "), name_key(card));
        // The same letters written with combining marks (NFD) are the same name.
        let decomposed: String = "Nguyễn Văn An".nfd().collect();
        assert_ne!(decomposed, "Nguyễn Văn An");
        assert_eq!(name_key(&decomposed), name_key(card));
        // Diacritics are significant.
        assert_ne!(name_key("Nguyen Van An"), name_key(card));
        assert_ne!(name_key("Đào Thị Hà"), name_key("Dao Thi Ha"));
        assert_eq!(name_key("ĐÀO THỊ HÀ"), name_key("đào thị hà"));
    }

    #[test]
    fn phone_hints_show_only_the_last_three_digits() {
        assert_eq!(phone_hint("0912345567"), "••• 567");
        assert_eq!(phone_hint("12"), "••• 12");
    }

    #[test]
    fn idempotency_keys() {
        assert!(parse_idempotency_key("4f6c-11").is_ok());
        assert!(parse_idempotency_key("").is_err());
        assert!(parse_idempotency_key("has space").is_err());
        assert!(parse_idempotency_key(&"k".repeat(129)).is_err());
    }
}
