//! Colours as a profile writes them (`#RRGGBB`) and the WCAG 2.x contrast between two.

use std::fmt;

use serde::{Serialize, Serializer};

/// Contrast that WCAG 2.x level AA asks for normal-size text.
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// An sRGB colour, written `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// White, the text on the primary colour.
    pub const WHITE: Colour = Colour::rgb(0xff, 0xff, 0xff);
    /// The kiosk's default text colour on its background.
    pub const DEFAULT_TEXT: Colour = Colour::rgb(0x1a, 0x1a, 0x1a);

    /// A colour from its channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Reads `#RRGGBB` (either case); anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self::rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Relative luminance per WCAG 2.x: 0 for black, 1 for white.
    pub fn relative_luminance(self) -> f64 {
        fn linear(channel: u8) -> f64 {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// Contrast ratio between two colours per WCAG 2.x, from 1 (same) to 21 (black on white).
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        let (light, dark) = if a >= b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }
}

/// A ratio as people read it, `4.49:1`, rounded down so a failing ratio never reads as 4.50.
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Colour {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Colour".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^#[0-9A-Fa-f]{6}$",
            "description": "An sRGB colour written #RRGGBB, e.g. \"#0b4a94\"."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_either_case_and_written_lower_case() {
        assert_eq!(
            Colour::parse("#0B4a94"),
            Some(Colour::rgb(0x0b, 0x4a, 0x94))
        );
        assert_eq!(Colour::rgb(0x0b, 0x4a, 0x94).to_string(), "#0b4a94");
        for bad in ["0b4a94", "#0b4a9", "#0b4a944", "#0g4a94", "", "#", "#ééé"] {
            assert_eq!(Colour::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        let black = Colour::rgb(0, 0, 0);
        assert!((black.contrast(Colour::WHITE) - 21.0).abs() < 1e-9);
        assert!((Colour::WHITE.contrast(Colour::WHITE) - 1.0).abs() < 1e-9);
        // Known pairs: #767676 on white is the lightest grey that passes AA (4.54:1).
        let grey = Colour::rgb(0x76, 0x76, 0x76);
        assert_eq!(ratio_text(grey.contrast(Colour::WHITE)), "4.54:1");
        let lighter = Colour::rgb(0x77, 0x77, 0x77);
        assert!(lighter.contrast(Colour::WHITE) < MIN_TEXT_CONTRAST);
        // The order of the two colours does not matter.
        assert_eq!(grey.contrast(black), black.contrast(grey));
    }

    #[test]
    fn a_ratio_just_under_the_limit_never_reads_as_passing() {
        assert_eq!(ratio_text(4.4999), "4.49:1");
        assert_eq!(ratio_text(21.0), "21.00:1");
    }
}
