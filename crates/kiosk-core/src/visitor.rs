//! What a visitor may do at the kiosk now: the one rule every screen that offers a queue
//! number asks, so that no screen offers a number the central would refuse.
//!
//! - The office is closed (its last opening status said so, or the closing time it gave has
//!   passed on the office's clock): no number; booking, the documents check and applying
//!   online go on.
//! - The central does not answer: the number stays offered, because the visitor can still
//!   choose a service from the kept catalogue and the kiosk retries when they confirm.
//! - The lobby was full at the last try: the number stays offered (a seat can free at any
//!   moment and the central decides), with a word that booking a time is the surer way.
//! - Otherwise: open.

use chrono::{DateTime, FixedOffset};
use wire::{LocalizedText, OpeningStatus};

use crate::ipc::{NumberOffer, NumberState};

/// Whether a visitor can take a queue number now.
///
/// `online`: the last check reached the central; `opening`: the office's opening as the
/// central last said (`None` until it answers); `office_now`: the office's time now, from
/// [`crate::clock::OfficeClock`]; `lobby_full`: the central refused a number for a full lobby
/// a short while ago and has issued none since.
pub fn number_offer(
    online: bool,
    opening: Option<&OpeningStatus>,
    office_now: Option<DateTime<FixedOffset>>,
    lobby_full: bool,
) -> NumberOffer {
    if let Some(opening) = opening {
        let reached = |at: &Option<String>| match (at.as_deref().and_then(parse), office_now) {
            (Some(at), Some(now)) => now >= at,
            _ => false,
        };
        if !opening.open && !reached(&opening.opens_at) {
            return closed(opening.opens_at.as_deref());
        }
        // The closing time the central gave has passed before its next answer came.
        if opening.open && reached(&opening.closes_at) {
            return closed(None);
        }
    }
    if !online {
        return NumberOffer {
            state: NumberState::CentralAway,
            offered: true,
            message: None,
            opens_at: None,
        };
    }
    if lobby_full {
        return NumberOffer {
            state: NumberState::LobbyFull,
            offered: true,
            message: Some(LocalizedText::new(
                "Phòng chờ vừa hết chỗ. Bạn vẫn có thể thử lấy số, hoặc đặt lịch hẹn vào giờ khác.",
                "The waiting area was full a moment ago. You can still try for a number, or book a time.",
            )),
            opens_at: None,
        };
    }
    NumberOffer {
        state: NumberState::Open,
        offered: true,
        message: None,
        opens_at: None,
    }
}

fn parse(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(rfc3339).ok()
}

fn closed(opens_at: Option<&str>) -> NumberOffer {
    let message = match opens_at.and_then(parse) {
        Some(at) => {
            let (time, day) = (at.format("%H:%M"), at.format("%d/%m/%Y"));
            LocalizedText::new(
                format!("Trung tâm đang ngoài giờ làm việc nên chưa lấy số được. Mở cửa lại lúc {time} ngày {day}. Bạn vẫn có thể đặt lịch hẹn."),
                format!("The centre is closed now, so no numbers are given. It opens again at {time} on {day}. You can still book a time."),
            )
        }
        None => LocalizedText::new(
            "Trung tâm đang ngoài giờ làm việc nên chưa lấy số được. Bạn vẫn có thể đặt lịch hẹn.",
            "The centre is closed now, so no numbers are given. You can still book a time.",
        ),
    };
    NumberOffer {
        state: NumberState::Closed,
        offered: false,
        message: Some(message),
        opens_at: opens_at.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
        parse(rfc3339)
    }

    fn open_until(closes_at: &str) -> OpeningStatus {
        OpeningStatus {
            open: true,
            closes_at: Some(closes_at.into()),
            opens_at: None,
        }
    }

    fn closed_until(opens_at: &str) -> OpeningStatus {
        OpeningStatus {
            open: false,
            closes_at: None,
            opens_at: Some(opens_at.into()),
        }
    }

    #[test]
    fn open_office_offers_a_number() {
        let offer = number_offer(
            true,
            Some(&open_until("2026-12-02T17:00:00+07:00")),
            at("2026-12-02T09:00:00+07:00"),
            false,
        );
        assert_eq!(offer.state, NumberState::Open);
        assert!(offer.offered);
        assert_eq!(offer.message, None);
    }

    #[test]
    fn after_hours_no_number_and_the_visitor_reads_when_it_opens() {
        let offer = number_offer(
            true,
            Some(&closed_until("2026-12-03T07:30:00+07:00")),
            at("2026-12-02T19:00:00+07:00"),
            false,
        );
        assert_eq!(offer.state, NumberState::Closed);
        assert!(!offer.offered);
        assert_eq!(offer.opens_at.as_deref(), Some("2026-12-03T07:30:00+07:00"));
        let message = offer.message.unwrap();
        assert!(
            message.vi.contains("07:30 ngày 03/12/2026"),
            "{}",
            message.vi
        );
        assert!(message.en.contains("07:30 on 03/12/2026"), "{}", message.en);
    }

    #[test]
    fn closed_even_without_a_next_opening_or_an_office_time() {
        let closed = OpeningStatus {
            open: false,
            closes_at: None,
            opens_at: None,
        };
        let offer = number_offer(true, Some(&closed), None, false);
        assert!(!offer.offered);
        assert_eq!(offer.state, NumberState::Closed);
    }

    #[test]
    fn the_closing_time_passing_closes_before_the_central_says_so() {
        let opening = open_until("2026-12-02T17:00:00+07:00");
        let before = number_offer(
            false,
            Some(&opening),
            at("2026-12-02T16:59:59+07:00"),
            false,
        );
        assert!(before.offered);
        assert_eq!(before.state, NumberState::CentralAway);
        let after = number_offer(
            false,
            Some(&opening),
            at("2026-12-02T17:00:00+07:00"),
            false,
        );
        assert!(!after.offered);
        assert_eq!(after.state, NumberState::Closed);
    }

    #[test]
    fn the_opening_time_passing_offers_the_number_again() {
        let opening = closed_until("2026-12-03T07:30:00+07:00");
        let offer = number_offer(true, Some(&opening), at("2026-12-03T07:30:00+07:00"), false);
        assert!(offer.offered);
        assert_eq!(offer.state, NumberState::Open);
    }

    #[test]
    fn with_the_central_away_the_number_stays_offered() {
        let offer = number_offer(false, None, None, false);
        assert!(offer.offered);
        assert_eq!(offer.state, NumberState::CentralAway);
    }

    #[test]
    fn a_full_lobby_still_offers_a_try_and_suggests_booking() {
        let offer = number_offer(
            true,
            Some(&open_until("2026-12-02T17:00:00+07:00")),
            at("2026-12-02T09:00:00+07:00"),
            true,
        );
        assert!(offer.offered);
        assert_eq!(offer.state, NumberState::LobbyFull);
        assert!(offer.message.unwrap().en.contains("book a time"));
        // Closed wins over full.
        let closed = number_offer(
            true,
            Some(&closed_until("2026-12-03T07:30:00+07:00")),
            at("2026-12-02T19:00:00+07:00"),
            true,
        );
        assert_eq!(closed.state, NumberState::Closed);
    }
}
