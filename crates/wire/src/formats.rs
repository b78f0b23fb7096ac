//! Formats that kiosk and central must read the same way: booking codes and
//! Vietnamese mobile numbers. The kiosk checks them before sending, the central
//! checks them again on arrival; both use these functions.

/// Characters of booking codes: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to confuse.
pub const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";
/// Length of a booking code.
pub const CODE_LENGTH: usize = 6;

/// Normalises a typed booking code: upper case, spaces and dashes dropped.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// The booking code in a typed or scanned text, if it is one: six characters of
/// [`CODE_ALPHABET`] once spaces and dashes are dropped.
pub fn booking_code(text: &str) -> Option<String> {
    let code = normalise_code(text);
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// A Vietnamese mobile number, kept in its national form `0xxxxxxxxx`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `0912345678`, `+84912345678` or `84912345678`, with spaces, dots or dashes.
    pub fn parse(text: &str) -> Result<Self, String> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        let national = if let Some(rest) = digits.strip_prefix("+84") {
            format!("0{rest}")
        } else if digits.len() == 11 && digits.starts_with("84") {
            format!("0{}", &digits[2..])
        } else {
            digits
        };
        let valid = national.len() == 10
            && national.chars().all(|c| c.is_ascii_digit())
            && matches!(&national[..2], "03" | "05" | "07" | "08" | "09");
        if valid {
            Ok(Self(national))
        } else {
            Err(
                "a Vietnamese mobile number has 10 digits and starts with 03, 05, 07, 08 or 09"
                    .into(),
            )
        }
    }

    /// The number as `0xxxxxxxxx`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        assert_eq!(
            PhoneNumber::parse("0912 345 678").unwrap().as_str(),
            "0912345678"
        );
        assert_eq!(
            PhoneNumber::parse("+84912345678").unwrap().as_str(),
            "0912345678"
        );
        assert_eq!(
            PhoneNumber::parse("84 912.345.678").unwrap().as_str(),
            "0912345678"
        );
        for bad in [
            "",
            "0212345678",
            "091234567",
            "09123456789",
            "09a2345678",
            "+1 912345678",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn booking_codes_in_scans() {
        assert_eq!(booking_code("ac3-d4f").as_deref(), Some("AC3D4F"));
        assert_eq!(booking_code(" AC3 D4F\n").as_deref(), Some("AC3D4F"));
        for not_a_code in [
            "",
            "AC3D4",
            "AC3D4FG",
            "AB3D4F",
            "001099012345|",
            "https://x/y",
        ] {
            assert_eq!(booking_code(not_a_code), None, "{not_a_code:?}");
        }
    }
}
