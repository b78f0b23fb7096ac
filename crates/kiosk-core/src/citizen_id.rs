//! The QR code on the chip citizen ID card (CCCD), as a barcode scanner types it.
//!
//! The text is `id|old id|full name|date of birth|gender|address|issue date`; some
//! readers give six fields (no old id), and dates come as `ddMMyyyy` or
//! `dd/MM/yyyy`. It is personal data: a parsed card lives only as long as the
//! screen that needs it, and its `Debug` form shows nothing of it, so it can never
//! reach a log.

use std::fmt;

use chrono::NaiveDate;

/// What a scanned card says. Only its holder sees it; nothing of it is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct CitizenCard {
    /// 12-digit citizen ID number.
    pub id_number: String,
    /// Full name as printed.
    pub full_name: String,
    /// Date of birth.
    pub date_of_birth: NaiveDate,
    /// Date the card was issued.
    pub issued_on: NaiveDate,
}

impl fmt::Debug for CitizenCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CitizenCard { .. }")
    }
}

/// Why a scan is not a citizen ID card's QR code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardScanError {
    /// Not the card's field layout at all.
    #[error("this is not the QR code of a citizen ID card")]
    NotACard,
    /// The ID number is not 12 digits.
    #[error("the ID number on the card could not be read")]
    BadIdNumber,
    /// A date is not `ddMMyyyy` or `dd/MM/yyyy`.
    #[error("a date on the card could not be read")]
    BadDate,
    /// No name.
    #[error("the name on the card could not be read")]
    NoName,
}

fn parse_date(text: &str) -> Result<NaiveDate, CardScanError> {
    let digits: String = text.chars().filter(|c| *c != '/').collect();
    if digits.len() != 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(CardScanError::BadDate);
    }
    NaiveDate::parse_from_str(&digits, "%d%m%Y").map_err(|_| CardScanError::BadDate)
}

impl CitizenCard {
    /// Reads the text of a scan; garbage gets an error, never a panic.
    pub fn parse(scan: &str) -> Result<Self, CardScanError> {
        let fields: Vec<&str> = scan.trim().split('|').map(str::trim).collect();
        // 7 fields: id|old id|name|birth|gender|address|issued; 6: without the old id.
        let (id, name, birth, issued) = match fields.as_slice() {
            [id, _old, name, birth, _gender, _address, issued] => (id, name, birth, issued),
            [id, name, birth, _gender, _address, issued] => (id, name, birth, issued),
            _ => return Err(CardScanError::NotACard),
        };
        if id.len() != 12 || !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(CardScanError::BadIdNumber);
        }
        if name.is_empty() {
            return Err(CardScanError::NoName);
        }
        Ok(Self {
            id_number: (*id).to_owned(),
            full_name: (*name).to_owned(),
            date_of_birth: parse_date(birth)?,
            issued_on: parse_date(issued)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEVEN: &str =
        "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Ba Đình, Hà Nội|15042021";

    #[test]
    fn seven_fields() {
        let card = CitizenCard::parse(SEVEN).unwrap();
        assert_eq!(card.id_number, "001090123456");
        assert_eq!(card.full_name, "Nguyễn Văn A");
        assert_eq!(
            card.date_of_birth,
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
        );
        assert_eq!(
            card.issued_on,
            NaiveDate::from_ymd_opt(2021, 4, 15).unwrap()
        );
    }

    #[test]
    fn empty_old_id_six_fields_and_slashed_dates() {
        let empty_old = "001090123456||Trần Thị Bích|29/02/1992|Nữ|Hoàn Kiếm|01/07/2024";
        let card = CitizenCard::parse(empty_old).unwrap();
        assert_eq!(card.full_name, "Trần Thị Bích");
        assert_eq!(
            card.date_of_birth,
            NaiveDate::from_ymd_opt(1992, 2, 29).unwrap()
        );
        let six = "001090123456|Lê Văn C|05061985|Nam|Cầu Giấy|10102022\n";
        assert_eq!(CitizenCard::parse(six).unwrap().full_name, "Lê Văn C");
    }

    #[test]
    fn garbage_gets_a_clear_error() {
        let cases = [
            ("", CardScanError::NotACard),
            ("https://example.org/ticket/123", CardScanError::NotACard),
            ("A1B2C3", CardScanError::NotACard),
            (
                "0010901234|x|Nguyễn Văn A|01011990|Nam|HN|15042021",
                CardScanError::BadIdNumber,
            ),
            (
                "001090123456||Nguyễn Văn A|31021990|Nam|HN|15042021",
                CardScanError::BadDate,
            ),
            (
                "001090123456||Nguyễn Văn A|1.1.1990|Nam|HN|15042021",
                CardScanError::BadDate,
            ),
            (
                "001090123456|| |01011990|Nam|HN|15042021",
                CardScanError::NoName,
            ),
            ("||||||||||", CardScanError::NotACard),
        ];
        for (scan, expected) in cases {
            assert_eq!(CitizenCard::parse(scan), Err(expected), "{scan:?}");
        }
    }

    #[test]
    fn debug_output_reveals_nothing() {
        let card = CitizenCard::parse(SEVEN).unwrap();
        let shown = format!("{card:?}");
        assert!(!shown.contains("001090123456") && !shown.contains("Nguyễn"));
    }
}
