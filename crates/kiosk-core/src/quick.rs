//! Quick numbers: the procedures the take-a-number screen offers above the fields, so
//! that the office's commonest are three taps from a number (home, the procedure,
//! "Lấy số").

use kiosk_profile::MAX_QUICK_NUMBERS;
use wire::{MostTaken, Procedure};

/// Local days of the office's history the kiosk asks about: four weeks.
pub const MOST_TAKEN_DAYS: u32 = 28;
/// Procedures the kiosk asks for: more than it shows, since some may be ones it does not
/// offer (`shown_fields`, `shown_procedures`).
pub const MOST_TAKEN_ASKED: u32 = 20;

/// The codes of the quick numbers, in order: `pinned` first, then the most taken, each
/// once, only procedures of `shown` (what the kiosk offers), at most
/// [`MAX_QUICK_NUMBERS`].
pub fn quick_numbers(
    pinned: &[String],
    most_taken: Option<&MostTaken>,
    shown: &[Procedure],
) -> Vec<String> {
    let taken = most_taken
        .map(|m| m.procedures.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|p| &p.code);
    let mut out: Vec<String> = Vec::with_capacity(MAX_QUICK_NUMBERS);
    for code in pinned.iter().chain(taken) {
        if out.len() == MAX_QUICK_NUMBERS {
            break;
        }
        if !out.contains(code) && shown.iter().any(|p| &p.code == code) {
            out.push(code.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::TakenProcedure;

    fn taken(codes: &[(&str, u32)]) -> MostTaken {
        MostTaken {
            office: "hn-ba-dinh".into(),
            days: MOST_TAKEN_DAYS,
            from: "2026-11-05".into(),
            to: "2026-12-02".into(),
            procedures: codes
                .iter()
                .map(|(code, tickets)| TakenProcedure {
                    code: (*code).into(),
                    tickets: *tickets,
                })
                .collect(),
        }
    }

    fn demo() -> Vec<Procedure> {
        central::demo::procedures().unwrap()
    }

    fn pins(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn pinned_come_first_then_the_most_taken_each_once_at_most_six() {
        let history = taken(&[
            ("1.001193", 90),
            ("2.000815", 80),
            ("2.000884", 70),
            ("1.000894", 60),
            ("1.004222", 50),
            ("1.000656", 40),
            ("1.004194", 30),
        ]);
        let quick = quick_numbers(&pins(&["1.010038", "2.000815"]), Some(&history), &demo());
        assert_eq!(
            quick,
            ["1.010038", "2.000815", "1.001193", "2.000884", "1.000894", "1.004222"]
        );
        let quick = quick_numbers(&[], Some(&history), &demo());
        assert_eq!(quick.len(), MAX_QUICK_NUMBERS);
        assert_eq!(
            quick[..5],
            ["1.001193", "2.000815", "2.000884", "1.000894", "1.004222"]
        );
    }

    #[test]
    fn only_procedures_the_kiosk_shows_are_offered() {
        let civil_status: Vec<Procedure> = demo()
            .into_iter()
            .filter(|p| p.field.vi == "Hộ tịch")
            .collect();
        let history = taken(&[("2.000815", 80), ("1.001193", 70), ("9.999999", 60)]);
        let quick = quick_numbers(
            &pins(&["2.000884", "1.000894"]),
            Some(&history),
            &civil_status,
        );
        assert_eq!(quick, ["1.000894", "1.001193"]);
    }

    #[test]
    fn without_a_history_only_the_pinned_are_offered() {
        assert_eq!(
            quick_numbers(&pins(&["1.001193"]), None, &demo()),
            ["1.001193"]
        );
        assert!(quick_numbers(&[], None, &demo()).is_empty());
    }
}
