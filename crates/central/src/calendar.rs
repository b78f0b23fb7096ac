//! Opening hours as plain functions: whether an office is open at an instant,
//! when that changes, and whether a calendar an administrator sends is sound.
//!
//! An office's calendar is its weekly opening sessions (a lunch break is the gap
//! between two sessions of a day) and its closed days (public holidays), all in
//! the office's local time.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use wire::{FieldProblem, OpeningSession, OpeningStatus};

use crate::rules::{local_day, parse_day, to_local_rfc3339};

/// How many days ahead the next opening is looked for.
pub const OPENING_SEARCH_DAYS: i64 = 60;

const SECONDS_PER_DAY: u32 = 24 * 60 * 60;

/// One opening session, ready to compare: seconds after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Session {
    /// Bit `n` set for ISO weekday `n` (1 = Monday … 7 = Sunday).
    weekdays: u8,
    opens: u32,
    closes: u32,
}

/// An office's opening sessions and closed days, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    sessions: Vec<Session>,
    closed: BTreeSet<NaiveDate>,
}

/// Seconds after midnight of `HH:MM` (00:00 to 23:59), or of `24:00` when
/// `end_of_day` allows it; `None` for anything else.
pub fn parse_hhmm(text: &str, end_of_day: bool) -> Option<u32> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' {
        return None;
    }
    let digits = [bytes[0], bytes[1], bytes[3], bytes[4]];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let hours = u32::from(digits[0] - b'0') * 10 + u32::from(digits[1] - b'0');
    let minutes = u32::from(digits[2] - b'0') * 10 + u32::from(digits[3] - b'0');
    match (hours, minutes) {
        (0..=23, 0..=59) => Some((hours * 60 + minutes) * 60),
        (24, 0) if end_of_day => Some(SECONDS_PER_DAY),
        _ => None,
    }
}

fn weekday_mask(weekdays: &[u8]) -> u8 {
    weekdays
        .iter()
        .filter(|d| (1..=7).contains(*d))
        .fold(0, |mask, d| mask | (1 << d))
}

/// The instant at which `seconds` after local midnight of `day` falls.
fn local_instant(tz: Tz, day: NaiveDate, seconds: u32) -> DateTime<Utc> {
    let (day, seconds) = if seconds >= SECONDS_PER_DAY {
        (day + Duration::days(1), 0)
    } else {
        (day, seconds)
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap_or(NaiveTime::MIN);
    let local = day.and_time(time);
    tz.from_local_datetime(&local)
        .earliest()
        // A local time skipped by a clock change (Vietnam has none): read as UTC
        // rather than fail; such a gap does not meet office hours in practice.
        .unwrap_or_else(|| Utc.from_utc_datetime(&local).with_timezone(&tz))
        .with_timezone(&Utc)
}

impl Calendar {
    /// Reads an office's calendar as stored. Sessions or dates that do not parse
    /// are left out (they were validated when written); this never fails.
    pub fn from_wire(hours: &[OpeningSession], closed_days: &[String]) -> Self {
        let sessions = hours
            .iter()
            .filter_map(|s| {
                let opens = parse_hhmm(&s.opens, false)?;
                let closes = parse_hhmm(&s.closes, true)?;
                let weekdays = weekday_mask(&s.weekdays);
                (opens < closes && weekdays != 0).then_some(Session {
                    weekdays,
                    opens,
                    closes,
                })
            })
            .collect();
        let closed = closed_days.iter().filter_map(|d| parse_day(d)).collect();
        Self { sessions, closed }
    }

    /// Checks a calendar sent by an administrator; lists every problem found.
    pub fn validate(
        hours: &[OpeningSession],
        closed_days: &[String],
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field: String, message: String| {
            problems.push(FieldProblem { field, message });
        };
        let mut parsed: Vec<Option<Session>> = Vec::with_capacity(hours.len());
        for (i, s) in hours.iter().enumerate() {
            let field = format!("opening_hours[{i}]");
            let mut ok = true;
            if s.weekdays.is_empty() {
                problem(
                    format!("{field}.weekdays"),
                    "list at least one weekday, 1 (Monday) to 7 (Sunday)".into(),
                );
                ok = false;
            }
            let mut seen = 0u8;
            for &day in &s.weekdays {
                if !(1..=7).contains(&day) {
                    problem(
                        format!("{field}.weekdays"),
                        format!("{day} is not a weekday: use 1 (Monday) to 7 (Sunday)"),
                    );
                    ok = false;
                } else if seen & (1 << day) != 0 {
                    problem(
                        format!("{field}.weekdays"),
                        format!("weekday {day} is listed twice"),
                    );
                    ok = false;
                } else {
                    seen |= 1 << day;
                }
            }
            let opens = parse_hhmm(&s.opens, false);
            if opens.is_none() {
                problem(
                    format!("{field}.opens"),
                    format!(
                        "write the opening time as HH:MM, e.g. 07:30, not {:?}",
                        s.opens
                    ),
                );
            }
            let closes = parse_hhmm(&s.closes, true);
            if closes.is_none() {
                problem(
                    format!("{field}.closes"),
                    format!(
                        "write the closing time as HH:MM, e.g. 17:00 (24:00 for midnight), not {:?}",
                        s.closes
                    ),
                );
            }
            let session = match (opens, closes) {
                (Some(opens), Some(closes)) if opens >= closes => {
                    problem(
                        field.clone(),
                        format!(
                            "opens at {} but closes at {}: it must open before it closes",
                            s.opens, s.closes
                        ),
                    );
                    None
                }
                (Some(opens), Some(closes)) if ok => Some(Session {
                    weekdays: seen,
                    opens,
                    closes,
                }),
                _ => None,
            };
            parsed.push(session);
        }
        for (j, later) in parsed.iter().enumerate() {
            let Some(later) = later else { continue };
            for (i, earlier) in parsed[..j].iter().enumerate() {
                let Some(earlier) = earlier else { continue };
                let shared = earlier.weekdays & later.weekdays;
                if shared != 0 && earlier.opens < later.closes && later.opens < earlier.closes {
                    let days: Vec<String> = (1..=7u8)
                        .filter(|d| shared & (1 << d) != 0)
                        .map(|d| d.to_string())
                        .collect();
                    problem(
                        format!("opening_hours[{j}]"),
                        format!("overlaps opening_hours[{i}] on weekday {}", days.join(", ")),
                    );
                }
            }
        }
        let mut closed = BTreeSet::new();
        for (i, text) in closed_days.iter().enumerate() {
            match parse_day(text) {
                Some(day) => {
                    closed.insert(day);
                }
                None => problem(
                    format!("closed_days[{i}]"),
                    format!("write a real date from 2000 to 2099 as YYYY-MM-DD, e.g. 2027-01-01, not {text:?}"),
                ),
            }
        }
        if problems.is_empty() {
            Ok(Self {
                sessions: parsed.into_iter().flatten().collect(),
                closed,
            })
        } else {
            Err(problems)
        }
    }

    /// The closed days, in date order, as they are written on the wire.
    pub fn closed_days(&self) -> Vec<String> {
        self.closed.iter().map(NaiveDate::to_string).collect()
    }

    /// The opening intervals of one local day, in order, touching ones joined.
    fn day_intervals(&self, day: NaiveDate, tz: Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if self.closed.contains(&day) {
            return Vec::new();
        }
        let bit = 1u8 << day.weekday().number_from_monday();
        let mut spans: Vec<(u32, u32)> = self
            .sessions
            .iter()
            .filter(|s| s.weekdays & bit != 0)
            .map(|s| (s.opens, s.closes))
            .collect();
        spans.sort_unstable();
        let mut joined: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
        for (opens, closes) in spans {
            match joined.last_mut() {
                Some(last) if opens <= last.1 => last.1 = last.1.max(closes),
                _ => joined.push((opens, closes)),
            }
        }
        joined
            .into_iter()
            .map(|(o, c)| (local_instant(tz, day, o), local_instant(tz, day, c)))
            .collect()
    }

    /// True when the office is open at `now`: cheaper than [`Calendar::status`],
    /// for the ticket issuer.
    pub fn is_open(&self, tz: Tz, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&tz);
        let day = local.date_naive();
        if self.closed.contains(&day) {
            return false;
        }
        let bit = 1u8 << day.weekday().number_from_monday();
        let second = local.num_seconds_from_midnight();
        self.sessions
            .iter()
            .any(|s| s.weekdays & bit != 0 && s.opens <= second && second < s.closes)
    }

    /// Open or closed at `now`, and when that changes. An opening starts at its
    /// first second and ends at its closing time, which is already closed.
    /// Changes are looked for up to [`OPENING_SEARCH_DAYS`] ahead: beyond that,
    /// an opening has no `closes_at` and a closure no `opens_at`.
    pub fn status(&self, tz: Tz, now: DateTime<Utc>) -> OpeningStatus {
        let today = local_day(now, tz);
        let mut open_until: Option<DateTime<Utc>> = None;
        for offset in 0..=OPENING_SEARCH_DAYS {
            for (start, end) in self.day_intervals(today + Duration::days(offset), tz) {
                match open_until {
                    // Sessions that follow without a gap, even past midnight, are one opening.
                    Some(until) if start <= until => open_until = Some(until.max(end)),
                    Some(until) => return open_status(tz, until),
                    None if end <= now => {}
                    None if start <= now => open_until = Some(end),
                    None => {
                        return OpeningStatus {
                            open: false,
                            closes_at: None,
                            opens_at: Some(to_local_rfc3339(start, tz)),
                        }
                    }
                }
            }
        }
        match open_until {
            // An opening that runs to the end of the search has no known end.
            Some(until)
                if until
                    >= local_instant(
                        tz,
                        today + Duration::days(OPENING_SEARCH_DAYS),
                        SECONDS_PER_DAY,
                    ) =>
            {
                OpeningStatus {
                    open: true,
                    closes_at: None,
                    opens_at: None,
                }
            }
            Some(until) => open_status(tz, until),
            None => OpeningStatus {
                open: false,
                closes_at: None,
                opens_at: None,
            },
        }
    }
}

fn open_status(tz: Tz, until: DateTime<Utc>) -> OpeningStatus {
    OpeningStatus {
        open: true,
        closes_at: Some(to_local_rfc3339(until, tz)),
        opens_at: None,
    }
}

/// Whether `office` is open at `now`, and when that changes.
pub fn opening_status(
    hours: &[OpeningSession],
    closed_days: &[String],
    tz: Tz,
    now: DateTime<Utc>,
) -> OpeningStatus {
    Calendar::from_wire(hours, closed_days).status(tz, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

    fn session(weekdays: &[u8], opens: &str, closes: &str) -> OpeningSession {
        OpeningSession {
            weekdays: weekdays.to_vec(),
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    /// Monday–Friday 07:30–11:30 and 13:30–17:00, Saturday 07:30–11:30.
    fn ward_hours() -> Vec<OpeningSession> {
        vec![
            session(&[1, 2, 3, 4, 5], "07:30", "11:30"),
            session(&[1, 2, 3, 4, 5], "13:30", "17:00"),
            session(&[6], "07:30", "11:30"),
        ]
    }

    /// Local time in Hanoi as an instant.
    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        TZ.with_ymd_and_hms(y, m, d, h, min, s)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn status(closed: &[&str], now: DateTime<Utc>) -> OpeningStatus {
        let closed: Vec<String> = closed.iter().map(|d| d.to_string()).collect();
        let calendar = Calendar::from_wire(&ward_hours(), &closed);
        let status = calendar.status(TZ, now);
        assert_eq!(
            calendar.is_open(TZ, now),
            status.open,
            "is_open agrees at {now}"
        );
        status
    }

    fn closed_until(text: &str) -> OpeningStatus {
        OpeningStatus {
            open: false,
            closes_at: None,
            opens_at: Some(text.into()),
        }
    }

    fn open_until(text: &str) -> OpeningStatus {
        OpeningStatus {
            open: true,
            closes_at: Some(text.into()),
            opens_at: None,
        }
    }

    #[test]
    fn before_opening_it_opens_the_same_morning() {
        // Tuesday 1 December 2026, 06:00.
        assert_eq!(
            status(&[], at(2026, 12, 1, 6, 0, 0)),
            closed_until("2026-12-01T07:30:00+07:00")
        );
    }

    #[test]
    fn the_lunch_break_is_closed_until_the_afternoon() {
        assert_eq!(
            status(&[], at(2026, 12, 1, 10, 0, 0)),
            open_until("2026-12-01T11:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 1, 12, 15, 0)),
            closed_until("2026-12-01T13:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 1, 14, 0, 0)),
            open_until("2026-12-01T17:00:00+07:00")
        );
    }

    #[test]
    fn in_the_evening_it_opens_next_morning() {
        assert_eq!(
            status(&[], at(2026, 12, 1, 19, 0, 0)),
            closed_until("2026-12-02T07:30:00+07:00")
        );
        // Just before local midnight (16:59 UTC) and just after.
        assert_eq!(
            status(&[], at(2026, 12, 1, 23, 59, 59)),
            closed_until("2026-12-02T07:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 2, 0, 0, 0)),
            closed_until("2026-12-02T07:30:00+07:00")
        );
    }

    #[test]
    fn friday_evening_waits_for_saturday_and_saturday_noon_for_monday() {
        // Friday 4 December 2026.
        assert_eq!(
            status(&[], at(2026, 12, 4, 17, 30, 0)),
            closed_until("2026-12-05T07:30:00+07:00")
        );
        // Saturday after its only session, and all Sunday.
        assert_eq!(
            status(&[], at(2026, 12, 5, 11, 30, 0)),
            closed_until("2026-12-07T07:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 6, 9, 0, 0)),
            closed_until("2026-12-07T07:30:00+07:00")
        );
        // With Saturday closed too, Friday evening waits for Monday.
        let closed = ["2026-12-05"];
        assert_eq!(
            status(&closed, at(2026, 12, 4, 17, 30, 0)),
            closed_until("2026-12-07T07:30:00+07:00")
        );
    }

    #[test]
    fn the_tet_holiday_run_is_closed_through_to_the_day_after() {
        let tet: Vec<String> = (14..=22).map(|d| format!("2026-02-{d:02}")).collect();
        let tet: Vec<&str> = tet.iter().map(String::as_str).collect();
        // Friday 13 February 2026, afternoon: open as usual.
        assert_eq!(
            status(&tet, at(2026, 2, 13, 15, 0, 0)),
            open_until("2026-02-13T17:00:00+07:00")
        );
        // After closing, the next opening is Monday 23 February.
        assert_eq!(
            status(&tet, at(2026, 2, 13, 17, 0, 0)),
            closed_until("2026-02-23T07:30:00+07:00")
        );
        // A weekday morning inside the holiday is closed.
        assert_eq!(
            status(&tet, at(2026, 2, 17, 9, 0, 0)),
            closed_until("2026-02-23T07:30:00+07:00")
        );
    }

    #[test]
    fn exactly_at_opening_it_is_open_and_exactly_at_closing_it_is_closed() {
        assert_eq!(
            status(&[], at(2026, 12, 1, 7, 30, 0)),
            open_until("2026-12-01T11:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 1, 7, 29, 59)),
            closed_until("2026-12-01T07:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 1, 11, 29, 59)),
            open_until("2026-12-01T11:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 1, 11, 30, 0)),
            closed_until("2026-12-01T13:30:00+07:00")
        );
        assert_eq!(
            status(&[], at(2026, 12, 1, 17, 0, 0)),
            closed_until("2026-12-02T07:30:00+07:00")
        );
    }

    #[test]
    fn no_opening_at_all_gives_no_next_opening() {
        let none = Calendar::from_wire(&[], &[]);
        let status = none.status(TZ, at(2026, 12, 1, 9, 0, 0));
        assert_eq!(
            status,
            OpeningStatus {
                open: false,
                closes_at: None,
                opens_at: None
            }
        );
        // An opening further away than the search reaches counts as none.
        let days: Vec<String> = (0..=OPENING_SEARCH_DAYS)
            .map(|d| {
                (NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + Duration::days(d)).to_string()
            })
            .collect();
        let far = Calendar::from_wire(&ward_hours(), &days);
        assert_eq!(far.status(TZ, at(2026, 12, 1, 9, 0, 0)).opens_at, None);
    }

    #[test]
    fn touching_sessions_and_days_make_one_opening() {
        let hours = vec![
            session(&[1, 2, 3, 4, 5, 6, 7], "00:00", "12:00"),
            session(&[1, 2, 3, 4, 5, 6, 7], "12:00", "24:00"),
        ];
        let calendar = Calendar::from_wire(&hours, &["2026-12-10".to_string()]);
        let status = calendar.status(TZ, at(2026, 12, 1, 23, 0, 0));
        assert_eq!(status, open_until("2026-12-10T00:00:00+07:00"));
        assert!(calendar.is_open(TZ, at(2026, 12, 1, 23, 59, 59)));
        assert!(!calendar.is_open(TZ, at(2026, 12, 10, 12, 0, 0)));
        // Open day and night with no closed day: no closing within reach.
        let always = Calendar::from_wire(&hours, &[]);
        assert_eq!(
            always.status(TZ, at(2026, 12, 1, 23, 0, 0)),
            OpeningStatus {
                open: true,
                closes_at: None,
                opens_at: None
            }
        );
    }

    #[test]
    fn times_and_dates_are_read_strictly() {
        assert_eq!(parse_hhmm("07:30", false), Some(27_000));
        assert_eq!(parse_hhmm("00:00", false), Some(0));
        assert_eq!(parse_hhmm("23:59", false), Some(86_340));
        assert_eq!(parse_hhmm("24:00", true), Some(86_400));
        for bad in [
            "24:00",
            "7:30",
            "07:60",
            "25:00",
            "07-30",
            "0730",
            " 7:30",
            "07:3a",
            "١٢:٠٠",
        ] {
            assert_eq!(parse_hhmm(bad, false), None, "{bad}");
        }
        assert_eq!(parse_hhmm("24:01", true), None);
        assert_eq!(parse_day("2027-02-05"), NaiveDate::from_ymd_opt(2027, 2, 5));
        for bad in [
            "2027-2-5",
            "2027-02-30",
            "05/02/2027",
            "2027-02-05T00:00",
            "+027-02-05",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_sound_calendar_is_accepted() {
        let calendar = Calendar::validate(
            &ward_hours(),
            &[
                "2027-01-01".into(),
                "2026-09-02".into(),
                "2027-01-01".into(),
            ],
        )
        .expect("valid");
        assert_eq!(calendar.closed_days(), ["2026-09-02", "2027-01-01"]);
        assert_eq!(
            calendar,
            Calendar::from_wire(&ward_hours(), &calendar.closed_days())
        );
    }

    #[test]
    fn every_problem_of_a_calendar_is_listed_with_its_field() {
        let hours = vec![
            session(&[1, 2, 3, 4, 5], "07:30", "11:30"),
            session(&[0, 5, 5, 8], "7:30", "11:30"),
            session(&[], "13:30", "13:00"),
            session(&[5, 6], "11:00", "12:00"),
            session(&[1], "17:00", "24:00"),
        ];
        let problems = Calendar::validate(&hours, &["2026-02-30".into(), "2026-09-02".into()])
            .expect_err("invalid");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "opening_hours[1].weekdays", // 0
                "opening_hours[1].weekdays", // 5 twice
                "opening_hours[1].weekdays", // 8
                "opening_hours[1].opens",
                "opening_hours[2].weekdays",
                "opening_hours[2]", // opens after it closes
                "opening_hours[3]", // overlaps [0] on Friday
                "closed_days[0]",
            ],
            "{problems:#?}"
        );
        assert!(
            problems[6].message.contains("opening_hours[0]"),
            "{problems:#?}"
        );
        assert!(problems[6].message.contains('5'), "{problems:#?}");
    }
}
