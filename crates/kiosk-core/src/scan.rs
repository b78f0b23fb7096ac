//! What the kiosk's barcode scanner read. Scanners type like a keyboard; the UI
//! spots their fast bursts and hands the text here, which tells a booking code
//! from a citizen ID card and from anything else. Of a card only the holder's
//! name leaves this function: the ID number, birth date and address are dropped
//! at once, so they can reach neither the central nor a log.

use wire::formats::booking_code;
use wire::LocalizedText;

use crate::citizen_id::{CardScanError, CitizenCard};
use crate::ipc::ScanRead;

/// Longest text a scan may be: a card's QR is under 200 characters.
const MAX_SCAN_CHARS: usize = 512;

/// Reads a scanned text.
pub fn read_scan(text: &str) -> ScanRead {
    if text.chars().count() > MAX_SCAN_CHARS {
        return unreadable();
    }
    if let Some(code) = booking_code(text) {
        return ScanRead::BookingCode { code };
    }
    match CitizenCard::parse(text) {
        Ok(card) => ScanRead::CitizenCard {
            name: card.full_name,
        },
        Err(CardScanError::NotACard) => unreadable(),
        Err(_) => ScanRead::Unreadable {
            message: LocalizedText::new(
                "Không đọc được căn cước. Vui lòng quét lại, hoặc nhập mã đặt lịch.",
                "The ID card could not be read. Please scan it again, or type your booking code.",
            ),
        },
    }
}

fn unreadable() -> ScanRead {
    ScanRead::Unreadable {
        message: LocalizedText::new(
            "Máy không đọc được mã này. Hãy quét mã đặt lịch hoặc căn cước gắn chip.",
            "This code cannot be read here. Please scan your booking code or your chip ID card.",
        ),
    }
}

/// Why a phone number typed on the keypad cannot be used, or `None` when it can.
pub fn phone_problem(typed: &str) -> Option<LocalizedText> {
    wire::formats::PhoneNumber::parse(typed).err().map(|_| {
        LocalizedText::new(
            "Số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
            "A mobile number has 10 digits and starts with 03, 05, 07, 08 or 09.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_codes_are_read_in_any_case_with_dashes() {
        assert_eq!(
            read_scan("ac3-d4f\r"),
            ScanRead::BookingCode {
                code: "AC3D4F".into()
            }
        );
    }

    #[test]
    fn a_card_gives_only_the_name() {
        let read = read_scan(
            "001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Phường Ba Đình, Hà Nội|15042021",
        );
        assert_eq!(
            read,
            ScanRead::CitizenCard {
                name: "NGUYỄN VĂN AN".into()
            }
        );
        let shown = serde_json::to_string(&read).unwrap();
        for private in [
            "001090123456",
            "012345678",
            "01011990",
            "Ba Đình",
            "15042021",
        ] {
            assert!(!shown.contains(private), "{private} crossed to the UI");
        }
    }

    #[test]
    fn garbled_scans_get_a_message_not_a_crash() {
        for garbage in [
            "",
            "https://example.org/t/abc",
            "||||||",
            "001090123456||NGUYỄN VĂN AN|31021990|Nam|HN|15042021",
            &"9".repeat(10_000),
            "\u{0}\u{1b}[A",
        ] {
            match read_scan(garbage) {
                ScanRead::Unreadable { message } => {
                    assert!(!message.vi.is_empty() && !message.en.is_empty())
                }
                other => panic!("{garbage:?} read as {other:?}"),
            }
        }
        let bad_date = read_scan("001090123456||NGUYỄN VĂN AN|31021990|Nam|HN|15042021");
        assert!(
            matches!(bad_date, ScanRead::Unreadable { message } if message.en.contains("ID card"))
        );
    }

    #[test]
    fn phone_numbers_on_the_keypad() {
        assert_eq!(phone_problem("0912345678"), None);
        assert_eq!(phone_problem("0381234567"), None);
        for bad in ["0212345678", "091234567", "1912345678", ""] {
            assert!(phone_problem(bad).is_some(), "{bad} accepted");
        }
    }
}
