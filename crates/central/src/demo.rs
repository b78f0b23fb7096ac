//! Demo data: two Hanoi ward service centres with real ward-level procedures,
//! counters, queues, Vietnam's public holidays of 2026 and 2027, appointment
//! slots for the next 7 working days, and five weeks of numbers taken at Ba Đình.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use wire::{LocalizedText, Office, OpeningSession, Procedure};

use crate::rules::local_day;
use crate::store::{CounterSeed, GroupSeed, OfficeSeed, PastTicket, SlotSeed};

/// Procedures of the demo catalogue, from the national TTHC database; facts not
/// confirmed are listed in each record's `unsure`.
pub const PROCEDURES_JSON: &str = include_str!("../demo/procedures.json");

/// Working days for which slots are seeded, today included.
pub const SLOT_DAYS: usize = 7;
/// Length of an appointment slot.
pub const SLOT_MINUTES: i64 = 30;
/// Bookings one slot of one group takes.
pub const SLOT_CAPACITY: u32 = 4;

/// Days before today the demo's history of numbers taken goes back.
pub const HISTORY_DAYS: i64 = 35;

/// What a ward office issues most, and how many numbers for each on a working day of the
/// demo's history: birth registration, certified copies, signature certification,
/// marriage registration, permanent residence.
pub const COMMONEST: [(&str, u32); 5] = [
    ("1.001193", 9),
    ("2.000815", 8),
    ("2.000884", 7),
    ("1.000894", 6),
    ("1.004222", 5),
];

/// Other procedures asked for on each working day of the history, one number each,
/// changing from day to day.
const OTHERS_PER_DAY: usize = 6;

/// The demo procedures.
pub fn procedures() -> Result<Vec<Procedure>, serde_json::Error> {
    serde_json::from_str(PROCEDURES_JSON)
}

fn session(weekdays: &[u8], opens: &str, closes: &str) -> OpeningSession {
    OpeningSession {
        weekdays: weekdays.to_vec(),
        opens: opens.into(),
        closes: closes.into(),
    }
}

/// Monday–Friday 08:00–12:00 and 13:30–17:00, Saturday morning (unsure: hours vary per ward).
fn opening_hours() -> Vec<OpeningSession> {
    vec![
        session(&[1, 2, 3, 4, 5], "08:00", "12:00"),
        session(&[1, 2, 3, 4, 5], "13:30", "17:00"),
        session(&[6], "08:00", "12:00"),
    ]
}

/// One public holiday: a local date the offices stay closed, what it is, and
/// what is not confirmed about it (`None` when the date is certain).
#[derive(Debug, Clone, Copy)]
pub struct Holiday {
    /// Local date, `YYYY-MM-DD`.
    pub date: &'static str,
    /// What the day is.
    pub name: &'static str,
    /// What was not confirmed; verify before relying on it.
    pub unsure: Option<&'static str>,
}

const fn day(date: &'static str, name: &'static str) -> Holiday {
    Holiday {
        date,
        name,
        unsure: None,
    }
}

const fn unsure(date: &'static str, name: &'static str, why: &'static str) -> Holiday {
    Holiday {
        date,
        name,
        unsure: Some(why),
    }
}

const TET_2027: &str =
    "Tết 2027 (New Year's Day of the lunar calendar on Saturday 6 February 2027): \
    the government decides the days each year; this is the 5 statutory days with 2 more for the \
    weekend, as published by the python-holidays package (0.108), not yet a government decision";
const NATIONAL_DAY_2026: &str = "the day next to 2 September is chosen each year; 1 September \
    2026 and the swap of Monday 31 August for Saturday 22 August follow the python-holidays \
    package (0.108), not checked against the government's notice";
const NATIONAL_DAY_2027: &str =
    "the day next to 2 September 2027 is chosen each year; 3 September \
    (a Friday) is likely but not yet decided";
const CULTURE_DAY: &str = "Vietnamese Culture Day (24 November) as a paid day off is listed by \
    the python-holidays package (0.108); its legal basis was not checked";

/// Vietnam's official public holidays of 2026 and 2027 on which a ward office is
/// closed (Labour Code 2019, art. 112, and the government's yearly decisions).
/// A holiday on a weekend moves to the next working day; weekends inside a
/// holiday run are listed too, since the demo offices open on Saturday mornings.
pub const PUBLIC_HOLIDAYS: &[Holiday] = &[
    day("2026-01-01", "Tết Dương lịch (New Year's Day)"),
    day(
        "2026-02-14",
        "Tết Nguyên Đán Bính Ngọ (lunar New Year), 14–22 February per the government's decision",
    ),
    day("2026-02-15", "Tết Nguyên Đán"),
    day("2026-02-16", "Tết Nguyên Đán (last day of the lunar year)"),
    day("2026-02-17", "Tết Nguyên Đán (first day of the lunar year)"),
    day("2026-02-18", "Tết Nguyên Đán"),
    day("2026-02-19", "Tết Nguyên Đán"),
    day("2026-02-20", "Tết Nguyên Đán"),
    day("2026-02-21", "Tết Nguyên Đán"),
    day("2026-02-22", "Tết Nguyên Đán"),
    // 10/3 of the lunar calendar falls on Sunday 26 April 2026.
    day(
        "2026-04-26",
        "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration, 10/3 lunar)",
    ),
    day(
        "2026-04-27",
        "Giỗ Tổ Hùng Vương, observed (26 April is a Sunday)",
    ),
    day("2026-04-30", "Ngày Giải phóng miền Nam (Reunification Day)"),
    day(
        "2026-05-01",
        "Ngày Quốc tế Lao động (International Labour Day)",
    ),
    unsure(
        "2026-08-31",
        "Day off swapped for Saturday 22 August, next to National Day",
        NATIONAL_DAY_2026,
    ),
    unsure(
        "2026-09-01",
        "Quốc khánh (National Day), the adjacent day",
        NATIONAL_DAY_2026,
    ),
    day("2026-09-02", "Quốc khánh (National Day)"),
    unsure(
        "2026-11-24",
        "Ngày Văn hóa Việt Nam (Vietnamese Culture Day)",
        CULTURE_DAY,
    ),
    day("2027-01-01", "Tết Dương lịch (New Year's Day)"),
    unsure(
        "2027-02-04",
        "Tết Nguyên Đán Đinh Mùi (lunar New Year)",
        TET_2027,
    ),
    unsure(
        "2027-02-05",
        "Tết Nguyên Đán (last day of the lunar year)",
        TET_2027,
    ),
    unsure(
        "2027-02-06",
        "Tết Nguyên Đán (first day of the lunar year)",
        TET_2027,
    ),
    unsure("2027-02-07", "Tết Nguyên Đán", TET_2027),
    unsure("2027-02-08", "Tết Nguyên Đán", TET_2027),
    unsure("2027-02-09", "Tết Nguyên Đán", TET_2027),
    unsure("2027-02-10", "Tết Nguyên Đán", TET_2027),
    unsure(
        "2027-04-16",
        "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration, 10/3 lunar)",
        "10/3 lunar: the third lunar month of 2027 begins with the new moon of 7 April, \
         06:51 Vietnam time (computed with the ephem package), so 10/3 is Friday 16 April, not \
         15 April; python-holidays 0.108 agrees; confirm against the official lunar calendar",
    ),
    day("2027-04-30", "Ngày Giải phóng miền Nam (Reunification Day)"),
    day(
        "2027-05-01",
        "Ngày Quốc tế Lao động (International Labour Day), a Saturday",
    ),
    day(
        "2027-05-03",
        "Ngày Quốc tế Lao động, observed (1 May is a Saturday)",
    ),
    day("2027-09-02", "Quốc khánh (National Day)"),
    unsure(
        "2027-09-03",
        "Quốc khánh (National Day), the adjacent day",
        NATIONAL_DAY_2027,
    ),
    unsure(
        "2027-11-24",
        "Ngày Văn hóa Việt Nam (Vietnamese Culture Day)",
        CULTURE_DAY,
    ),
];

/// The dates of [`PUBLIC_HOLIDAYS`], as an office's `closed_days`.
pub fn closed_days() -> Vec<String> {
    PUBLIC_HOLIDAYS.iter().map(|h| h.date.to_owned()).collect()
}

fn groups() -> Vec<GroupSeed> {
    [
        ("A", "Hộ tịch", "Civil status", 10),
        ("B", "Chứng thực", "Certification", 5),
        (
            "C",
            "Kinh doanh, Lao động - Xã hội",
            "Business, labour and social affairs",
            15,
        ),
        (
            "D",
            "Đất đai, Xây dựng, Môi trường",
            "Land, construction, environment",
            20,
        ),
        (
            "E",
            "Cư trú và lĩnh vực khác",
            "Residence and other fields",
            10,
        ),
    ]
    .into_iter()
    .map(|(id, vi, en, minutes)| GroupSeed {
        id: id.into(),
        name: LocalizedText::new(vi, en),
        avg_service_minutes: minutes,
    })
    .collect()
}

fn counters(office: &str) -> Vec<CounterSeed> {
    let serves: [&[&str]; 6] = [
        &["A"],
        &["A", "E"],
        &["B"],
        &["B", "C"],
        &["C", "D"],
        &["D", "E"],
    ];
    serves
        .iter()
        .enumerate()
        .map(|(i, groups)| CounterSeed {
            id: format!("{office}-q{}", i + 1),
            name: format!("Quầy {}", i + 1),
            groups: groups.iter().map(|g| g.to_string()).collect(),
        })
        .collect()
}

/// Numbers taken on the working days of the last [`HISTORY_DAYS`] before `today`: each
/// day the [`COMMONEST`] five, and a few of the other procedures, one number every four
/// minutes from the first opening.
pub fn history(
    tz: Tz,
    today: NaiveDate,
    hours: &[OpeningSession],
    closed_days: &[String],
    procedures: &[Procedure],
) -> Vec<PastTicket> {
    let closed: BTreeSet<NaiveDate> = closed_days
        .iter()
        .filter_map(|d| crate::rules::parse_day(d))
        .collect();
    let others: Vec<&str> = procedures
        .iter()
        .map(|p| p.code.as_str())
        .filter(|code| COMMONEST.iter().all(|(c, _)| c != code))
        .collect();
    let mut out = Vec::new();
    for back in 1..=HISTORY_DAYS {
        let day = today - Duration::days(back);
        let weekday = day.weekday().number_from_monday() as u8;
        let Some(opens) = hours
            .iter()
            .filter(|s| s.weekdays.contains(&weekday))
            .map(|s| hm(&s.opens))
            .min()
        else {
            continue;
        };
        if closed.contains(&day) {
            continue;
        }
        let mut services: Vec<&str> = COMMONEST
            .iter()
            .flat_map(|(code, n)| std::iter::repeat_n(*code, *n as usize))
            .collect();
        if !others.is_empty() {
            let step = back as usize;
            services
                .extend((0..OTHERS_PER_DAY).map(|k| others[(step * 7 + k * 11) % others.len()]));
        }
        // Mixed through the morning, as visitors come.
        let mut mixed: Vec<(u64, &str)> = services
            .into_iter()
            .enumerate()
            .map(|(i, code)| {
                let key = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ back as u64;
                (key, code)
            })
            .collect();
        mixed.sort_unstable();
        for (i, (_, service)) in mixed.into_iter().enumerate() {
            let at = day.and_time(opens) + Duration::minutes(4 * i as i64);
            if let Some(at) = tz.from_local_datetime(&at).earliest() {
                out.push(PastTicket {
                    service: service.to_owned(),
                    issued_at: at.with_timezone(&Utc),
                });
            }
        }
    }
    out
}

fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("demo times are valid")
}

/// Slots of every group, every `SLOT_MINUTES`, in the opening sessions of the
/// next `SLOT_DAYS` working days after `today`; closed days have none.
pub fn slots(
    tz: Tz,
    today: NaiveDate,
    hours: &[OpeningSession],
    closed_days: &[String],
    groups: &[GroupSeed],
) -> Vec<SlotSeed> {
    let closed: BTreeSet<NaiveDate> = closed_days
        .iter()
        .filter_map(|d| crate::rules::parse_day(d))
        .collect();
    let mut out = Vec::new();
    let mut days = 0;
    // From today (its slots still ahead are offered when the lobby is full); stops
    // after a year even if the calendar never opens.
    for day in (0..366).map(|d| today + Duration::days(d)) {
        if days >= SLOT_DAYS {
            break;
        }
        if closed.contains(&day) {
            continue;
        }
        let weekday = day.weekday().number_from_monday() as u8;
        let sessions: Vec<_> = hours
            .iter()
            .filter(|s| s.weekdays.contains(&weekday))
            .collect();
        if sessions.is_empty() {
            continue;
        }
        days += 1;
        for s in sessions {
            let mut start = day.and_time(hm(&s.opens));
            let close = day.and_time(hm(&s.closes));
            while start + Duration::minutes(SLOT_MINUTES) <= close {
                let end = start + Duration::minutes(SLOT_MINUTES);
                let (Some(start_utc), Some(end_utc)) = (
                    tz.from_local_datetime(&start).earliest(),
                    tz.from_local_datetime(&end).earliest(),
                ) else {
                    break;
                };
                for group in groups {
                    out.push(SlotSeed {
                        service_group: group.id.clone(),
                        start: start_utc.with_timezone(&Utc),
                        end: end_utc.with_timezone(&Utc),
                        capacity: SLOT_CAPACITY,
                    });
                }
                start = end;
            }
        }
    }
    out
}

/// The two demo offices as of `now`.
pub fn offices(now: DateTime<Utc>) -> Result<Vec<OfficeSeed>, serde_json::Error> {
    let tz: Tz = chrono_tz::Asia::Ho_Chi_Minh;
    let procedures = procedures()?;
    let today = local_day(now, tz);
    let hours = opening_hours();
    let closed = closed_days();
    let ba_dinh_history = history(tz, today, &hours, &closed, &procedures);
    let make = |id: &str, name: &str, address: &str, seats: u32, history: Vec<PastTicket>| {
        let groups = groups();
        OfficeSeed {
            office: Office {
                id: id.into(),
                name: name.into(),
                address: address.into(),
                time_zone: tz.name().into(),
                opening_hours: hours.clone(),
                closed_days: closed.clone(),
            },
            seats,
            occupancy_ratio: 0.5,
            slots: slots(tz, today, &hours, &closed, &groups),
            groups,
            procedures: procedures.clone(),
            counters: counters(id),
            history,
        }
    };
    Ok(vec![
        make(
            "hn-ba-dinh",
            "Trung tâm Phục vụ hành chính công phường Ba Đình",
            "Số 25 phố Liễu Giai, phường Ba Đình, Hà Nội (địa chỉ minh hoạ)",
            40,
            ba_dinh_history,
        ),
        make(
            "hn-hoan-kiem",
            "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
            "Số 126 phố Hàng Trống, phường Hoàn Kiếm, Hà Nội (địa chỉ minh hoạ)",
            30,
            Vec::new(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn demo_catalogue_is_complete() {
        let procedures = procedures().expect("procedures.json matches wire::Procedure");
        let codes: HashSet<_> = procedures.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes.len(), procedures.len(), "codes are unique");
        let groups: HashSet<_> = groups().into_iter().map(|g| g.id).collect();
        for p in &procedures {
            assert!(
                groups.contains(&p.service_group),
                "{} has group {}",
                p.code,
                p.service_group
            );
            assert!(!p.channels.is_empty(), "{} has no channel", p.code);
            assert!(
                p.dossier.iter().any(|c| !c.components.is_empty()),
                "{} has no documents",
                p.code
            );
        }
    }

    #[test]
    fn slots_cover_seven_working_days_in_office_hours() {
        let tz: Tz = chrono_tz::Asia::Ho_Chi_Minh;
        // Friday 27 November 2026: it and the next working days, Sat 28, Mon 30 … Fri 4.
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let groups = groups();
        let slots = slots(tz, today, &opening_hours(), &[], &groups);
        let days: HashSet<_> = slots.iter().map(|s| local_day(s.start, tz)).collect();
        assert_eq!(days.len(), SLOT_DAYS);
        assert!(
            !days.contains(&NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            "no Sunday"
        );
        assert!(days.contains(&today), "today's slots are offered too");
        assert!(!days.contains(&NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()));
        for s in &slots {
            let local = s.start.with_timezone(&tz).time();
            assert!(local >= hm("08:00") && local < hm("17:00"));
            assert!(
                !(local >= hm("12:00") && local < hm("13:30")),
                "lunch break"
            );
        }
    }
}

#[cfg(test)]
mod holiday_tests {
    use super::*;
    use crate::calendar::Calendar;

    #[test]
    fn holidays_are_valid_dates_in_order_without_repeats() {
        let days = closed_days();
        let calendar = Calendar::validate(&opening_hours(), &days).expect("valid calendar");
        assert_eq!(calendar.closed_days(), days, "sorted, no repeats");
        for h in PUBLIC_HOLIDAYS {
            assert!(!h.name.is_empty());
            assert!(
                h.unsure.is_none_or(|why| !why.trim().is_empty()),
                "{}",
                h.date
            );
        }
        // The fixed-date holidays of both years are there.
        for fixed in ["01-01", "04-30", "05-01", "09-02"] {
            for year in [2026, 2027] {
                let date = format!("{year}-{fixed}");
                assert!(days.contains(&date), "{date} missing");
            }
        }
    }

    #[test]
    fn demo_slots_skip_public_holidays() {
        let tz: Tz = chrono_tz::Asia::Ho_Chi_Minh;
        // Friday 13 February 2026, the last working day before Tết.
        let today = NaiveDate::from_ymd_opt(2026, 2, 13).unwrap();
        let slots = slots(tz, today, &opening_hours(), &closed_days(), &groups());
        let days: BTreeSet<_> = slots.iter().map(|s| local_day(s.start, tz)).collect();
        assert_eq!(days.len(), SLOT_DAYS);
        let after_today: Vec<_> = days.iter().filter(|d| **d > today).collect();
        assert_eq!(days.first(), Some(&today), "today, before the holiday");
        assert_eq!(
            after_today.first().copied().copied(),
            NaiveDate::from_ymd_opt(2026, 2, 23),
            "the first working day after Tết"
        );
    }

    #[test]
    fn seeded_offices_carry_the_holidays() {
        let now = Utc.with_ymd_and_hms(2026, 4, 24, 2, 0, 0).unwrap();
        let offices = offices(now).unwrap();
        for office in &offices {
            assert_eq!(office.office.closed_days, closed_days());
            let monday = NaiveDate::from_ymd_opt(2026, 4, 27).unwrap();
            assert!(
                office
                    .slots
                    .iter()
                    .all(|s| local_day(s.start, chrono_tz::Asia::Ho_Chi_Minh) != monday),
                "no slot on the observed Hùng Kings' day"
            );
        }
    }
}
