//! Demo data: two Hanoi ward service centres with real ward-level procedures,
//! counters, queues and appointment slots for the next 7 working days.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use wire::{LocalizedText, Office, OpeningSession, Procedure};

use crate::rules::local_day;
use crate::store::{CounterSeed, GroupSeed, OfficeSeed, SlotSeed};

/// Procedures of the demo catalogue, from the national TTHC database; facts not
/// confirmed are listed in each record's `unsure`.
pub const PROCEDURES_JSON: &str = include_str!("../demo/procedures.json");

/// Working days for which slots are seeded.
pub const SLOT_DAYS: usize = 7;
/// Length of an appointment slot.
pub const SLOT_MINUTES: i64 = 30;
/// Bookings one slot of one group takes.
pub const SLOT_CAPACITY: u32 = 4;

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

fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("demo times are valid")
}

/// Slots of every group, every `SLOT_MINUTES`, in the opening sessions of the
/// next `SLOT_DAYS` working days after `today`.
pub fn slots(
    tz: Tz,
    today: NaiveDate,
    hours: &[OpeningSession],
    groups: &[GroupSeed],
) -> Vec<SlotSeed> {
    let mut out = Vec::new();
    let mut day = today;
    let mut days = 0;
    while days < SLOT_DAYS {
        day += Duration::days(1);
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
    let make = |id: &str, name: &str, address: &str, seats: u32| {
        let groups = groups();
        OfficeSeed {
            office: Office {
                id: id.into(),
                name: name.into(),
                address: address.into(),
                time_zone: tz.name().into(),
                opening_hours: hours.clone(),
            },
            seats,
            occupancy_ratio: 0.5,
            slots: slots(tz, today, &hours, &groups),
            groups,
            procedures: procedures.clone(),
            counters: counters(id),
        }
    };
    Ok(vec![
        make(
            "hn-ba-dinh",
            "Trung tâm Phục vụ hành chính công phường Ba Đình",
            "Số 25 phố Liễu Giai, phường Ba Đình, Hà Nội (địa chỉ minh hoạ)",
            40,
        ),
        make(
            "hn-hoan-kiem",
            "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
            "Số 126 phố Hàng Trống, phường Hoàn Kiếm, Hà Nội (địa chỉ minh hoạ)",
            30,
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
        // Friday 27 November 2026: next working days are Sat 28, Mon 30 … Sat 5, Mon 7.
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let groups = groups();
        let slots = slots(tz, today, &opening_hours(), &groups);
        let days: HashSet<_> = slots.iter().map(|s| local_day(s.start, tz)).collect();
        assert_eq!(days.len(), SLOT_DAYS);
        assert!(
            !days.contains(&NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            "no Sunday"
        );
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
