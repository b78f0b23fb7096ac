//! The office's clock, as the kiosk keeps it. The central's status answer gives its time
//! (`now`, with the office's offset) and the office gives its IANA zone; between answers
//! the time runs on with the kiosk's monotonic clock ([`Instant`]). The machine's own date,
//! time and zone are never read for office time: a kiosk whose clock is an hour wrong, or
//! a demo central whose clock starts on another day, shows the central's day and hour.
//!
//! Before the central first answered there is no office time ([`OfficeClock::now`] is
//! `None`): the header shows no clock and the booking screen asks the central first. The
//! last time is not kept on disk, because carrying it across a restart would need the
//! machine's wall clock.

use std::sync::RwLock;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The central's time at one instant of the kiosk's monotonic clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    /// The central's time, with the offset it was written in.
    central: DateTime<FixedOffset>,
    /// When the kiosk took it.
    at: Instant,
}

/// The office's time: the central's last `now`, run on by the monotonic clock.
#[derive(Debug, Default)]
pub struct OfficeClock {
    anchor: RwLock<Option<Anchor>>,
    /// The office's IANA zone, once the central named it; until then the offset of the
    /// last `now` is used, which is the same for offices without daylight saving.
    zone: RwLock<Option<Tz>>,
}

/// Why a time from the central could not set the clock.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// `now` was not RFC 3339.
    #[error("the central's time {0:?} is not RFC 3339")]
    BadTime(String),
    /// The zone is not an IANA zone name.
    #[error("the office's time zone {0:?} is not an IANA zone name")]
    BadZone(String),
}

impl OfficeClock {
    /// A clock that knows no time yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the clock from the central's `now` (RFC 3339), taken at `at` on the
    /// monotonic clock.
    pub fn set(&self, central_now: &str, at: Instant) -> Result<(), ClockError> {
        let central = DateTime::parse_from_rfc3339(central_now)
            .map_err(|_| ClockError::BadTime(central_now.to_owned()))?;
        let anchor = Anchor { central, at };
        match self.anchor.write() {
            Ok(mut held) => *held = Some(anchor),
            Err(poisoned) => *poisoned.into_inner() = Some(anchor),
        }
        Ok(())
    }

    /// Sets the office's zone from its IANA name (`Asia/Ho_Chi_Minh`).
    pub fn set_zone(&self, name: &str) -> Result<(), ClockError> {
        let zone: Tz = name
            .parse()
            .map_err(|_| ClockError::BadZone(name.to_owned()))?;
        match self.zone.write() {
            Ok(mut held) => *held = Some(zone),
            Err(poisoned) => *poisoned.into_inner() = Some(zone),
        }
        Ok(())
    }

    /// Whether the central named the office's zone.
    pub fn has_zone(&self) -> bool {
        self.zone
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// The office's time at `at` on the monotonic clock; `None` before the central's
    /// first answer. An `at` before the answer reads as the answer's time.
    pub fn now_at(&self, at: Instant) -> Option<DateTime<FixedOffset>> {
        let anchor = (*self.anchor.read().unwrap_or_else(|e| e.into_inner()))?;
        let elapsed = chrono::Duration::from_std(at.saturating_duration_since(anchor.at))
            .unwrap_or(chrono::Duration::MAX);
        let utc = anchor
            .central
            .with_timezone(&Utc)
            .checked_add_signed(elapsed)?;
        let zone = *self.zone.read().unwrap_or_else(|e| e.into_inner());
        Some(match zone {
            Some(zone) => zone.from_utc_datetime(&utc.naive_utc()).fixed_offset(),
            None => utc.with_timezone(anchor.central.offset()),
        })
    }

    /// The office's time now; `None` before the central's first answer.
    pub fn now(&self) -> Option<DateTime<FixedOffset>> {
        self.now_at(Instant::now())
    }

    /// The office's date now; `None` before the central's first answer.
    pub fn today(&self) -> Option<NaiveDate> {
        self.now().map(|now| now.date_naive())
    }
}

/// An office time as the UI and the central write it: RFC 3339 to the second, with the
/// office's offset.
pub fn rfc3339(at: DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn before_the_central_answers_there_is_no_office_time() {
        let clock = OfficeClock::new();
        assert_eq!(clock.now(), None);
        assert_eq!(clock.today(), None);
    }

    #[test]
    fn the_central_time_runs_on_with_the_monotonic_clock() {
        let clock = OfficeClock::new();
        let received = Instant::now();
        clock.set("2026-12-02T09:00:00+07:00", received).unwrap();
        let later = received + Duration::from_secs(3 * 3600 + 125);
        assert_eq!(
            clock.now_at(later).map(rfc3339).as_deref(),
            Some("2026-12-02T12:02:05+07:00")
        );
        // Just after the answer it is the answer's time, whatever the machine's clock says.
        assert_eq!(
            clock.now_at(received).map(rfc3339).as_deref(),
            Some("2026-12-02T09:00:00+07:00")
        );
    }

    #[test]
    fn the_office_day_turns_at_the_office_midnight() {
        let clock = OfficeClock::new();
        let received = Instant::now();
        clock.set("2026-12-02T23:59:30+07:00", received).unwrap();
        assert_eq!(
            clock
                .now_at(received + Duration::from_secs(29))
                .map(|t| t.date_naive()),
            NaiveDate::from_ymd_opt(2026, 12, 2)
        );
        assert_eq!(
            clock
                .now_at(received + Duration::from_secs(31))
                .map(|t| t.date_naive()),
            NaiveDate::from_ymd_opt(2026, 12, 3)
        );
    }

    #[test]
    fn a_later_answer_resets_the_clock() {
        let clock = OfficeClock::new();
        let first = Instant::now();
        clock.set("2026-12-02T09:00:00+07:00", first).unwrap();
        // The central's clock was put back an hour; the kiosk follows it at the next answer.
        let second = first + Duration::from_secs(10);
        clock.set("2026-12-02T08:00:10+07:00", second).unwrap();
        assert_eq!(
            clock
                .now_at(second + Duration::from_secs(5))
                .map(rfc3339)
                .as_deref(),
            Some("2026-12-02T08:00:15+07:00")
        );
    }

    #[test]
    fn an_instant_before_the_answer_reads_as_the_answer() {
        let clock = OfficeClock::new();
        let earlier = Instant::now();
        let received = earlier + Duration::from_secs(2);
        clock.set("2026-12-02T09:00:00+07:00", received).unwrap();
        assert_eq!(
            clock.now_at(earlier).map(rfc3339).as_deref(),
            Some("2026-12-02T09:00:00+07:00")
        );
    }

    #[test]
    fn the_named_zone_decides_the_offset() {
        // A central writing UTC still gives the office's wall clock once the zone is known.
        let clock = OfficeClock::new();
        let received = Instant::now();
        clock.set("2026-12-02T02:00:00+00:00", received).unwrap();
        assert_eq!(
            clock.now_at(received).map(rfc3339).as_deref(),
            Some("2026-12-02T02:00:00+00:00")
        );
        clock.set_zone("Asia/Ho_Chi_Minh").unwrap();
        assert_eq!(
            clock.now_at(received).map(rfc3339).as_deref(),
            Some("2026-12-02T09:00:00+07:00")
        );
        // And daylight saving is followed between answers: Berlin goes to +02:00.
        clock.set_zone("Europe/Berlin").unwrap();
        clock.set("2026-03-29T01:59:00+01:00", received).unwrap();
        assert_eq!(
            clock
                .now_at(received + Duration::from_secs(120))
                .map(rfc3339)
                .as_deref(),
            Some("2026-03-29T03:01:00+02:00")
        );
    }

    #[test]
    fn bad_input_from_the_central_is_refused_and_changes_nothing() {
        let clock = OfficeClock::new();
        let received = Instant::now();
        assert_eq!(
            clock.set("2 December 2026, 9 o'clock", received),
            Err(ClockError::BadTime("2 December 2026, 9 o'clock".into()))
        );
        assert_eq!(clock.now_at(received), None);
        assert!(matches!(
            clock.set_zone("Mars/Olympus_Mons"),
            Err(ClockError::BadZone(_))
        ));
    }
}
