//! The settings a profile holds: what a kiosk shows and does. Built only by checking
//! (see [`crate::parse`]), so a value of these types is always valid.

use printer::PrinterSettings;
use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use crate::colour::Colour;

/// The version of the profile format this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// Shortest idle timeout allowed: a visitor must have time to read a screen.
pub const MIN_IDLE_SECONDS: u32 = 15;
/// Longest idle timeout allowed: a forgotten session must not linger.
pub const MAX_IDLE_SECONDS: u32 = 600;
/// Idle timeout when the profile gives none.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;
/// Longest office id.
pub const MAX_OFFICE_CHARS: usize = 64;
/// Longest title on the home screen, in characters.
pub const MAX_TITLE_CHARS: usize = 60;
/// Longest closed-screen message per language, in characters.
pub const MAX_CLOSED_MESSAGE_CHARS: usize = 300;
/// Longest city portal address.
pub const MAX_URL_CHARS: usize = 500;
/// Most fields (lĩnh vực) one kiosk can be limited to.
pub const MAX_SHOWN_FIELDS: usize = 50;
/// Longest name of a field (lĩnh vực), in characters, after trimming.
pub const MAX_FIELD_NAME_CHARS: usize = 100;
/// Most procedures one kiosk can be limited to.
pub const MAX_SHOWN_PROCEDURES: usize = 500;
/// Most quick numbers the take-a-number screen shows, pinned ones included.
pub const MAX_QUICK_NUMBERS: usize = 6;

/// A language the kiosk speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Vietnamese, always first.
    Vi,
    /// English.
    En,
}

/// A button of the home screen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum HomeAction {
    /// Take a queue number.
    Ticket,
    /// Check the documents a procedure needs.
    Documents,
    /// Book an appointment or check one in.
    Appointment,
    /// Apply online instead.
    Online,
}

impl HomeAction {
    /// Every action, in the order the home screen shows them.
    pub const ALL: [HomeAction; 4] = [
        HomeAction::Ticket,
        HomeAction::Documents,
        HomeAction::Appointment,
        HomeAction::Online,
    ];
}

/// Size of the kiosk's text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    /// The standard size.
    #[default]
    Normal,
    /// One step larger.
    Large,
    /// Two steps larger, for a lobby with many elderly visitors.
    ExtraLarge,
}

/// The office's look: titles and colours (`[branding]`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// Title of the home screen in Vietnamese; the office name when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 60))]
    #[ts(optional)]
    pub title_vi: Option<String>,
    /// Title of the home screen in English; the office name when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 60))]
    #[ts(optional)]
    pub title_en: Option<String>,
    /// Colour of buttons, the chosen option and the "take a number" tile, under white
    /// text: at least 4.5:1 against white.
    #[schemars(default = "Branding::default_primary")]
    #[ts(type = "string")]
    pub primary_colour: Colour,
    /// Colour of the bar across the top (office name, languages, clock), under white
    /// text: at least 4.5:1 against white.
    #[schemars(default = "Branding::default_header")]
    #[ts(type = "string")]
    pub header_colour: Colour,
    /// Colour of the screen behind everything, under dark text (#1a1a1a): at least 4.5:1.
    #[schemars(default = "Branding::default_background")]
    #[ts(type = "string")]
    pub background_colour: Colour,
}

impl Branding {
    /// The kiosk's standard blue.
    pub fn default_primary() -> Colour {
        Colour::rgb(0x0b, 0x4a, 0x94)
    }

    /// The kiosk's standard red of public offices.
    pub fn default_header() -> Colour {
        Colour::rgb(0x9e, 0x1b, 0x1b)
    }

    /// The kiosk's standard light grey.
    pub fn default_background() -> Colour {
        Colour::rgb(0xf3, 0xf5, 0xf8)
    }
}

impl Default for Branding {
    fn default() -> Self {
        Self {
            title_vi: None,
            title_en: None,
            primary_colour: Self::default_primary(),
            header_colour: Self::default_header(),
            background_colour: Self::default_background(),
        }
    }
}

/// Settings for visitors who see less well (`[accessibility]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Text size: "normal", "large" or "extra_large".
    #[schemars(default)]
    pub text_size: TextSize,
    /// Black on white with strong outlines instead of the office's colours.
    #[schemars(default)]
    pub high_contrast: bool,
    /// Reads each screen aloud from the start ("Đọc to" on), for a kiosk set aside for
    /// visitors who cannot see the screen. Visitors can always turn it on themselves.
    #[schemars(default)]
    pub read_aloud: bool,
}

/// Extra words on the closed screen (`[closed_message]`), e.g. where the night drop box is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct ClosedMessage {
    /// In Vietnamese.
    #[schemars(default, length(max = 300))]
    pub vi: String,
    /// In English.
    #[schemars(default, length(max = 300))]
    pub en: String,
}

/// Quick numbers (`[quick_numbers]`): large buttons above the fields on the take-a-number
/// screen, so the office's commonest procedures are three taps from a number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct QuickNumbers {
    /// National procedure codes (TTHC) shown first, in this order, e.g. ["1.001193"]; the
    /// office's most-taken procedures of the last four weeks fill the rest, up to six in
    /// all. Each must be a procedure the kiosk offers (see `shown_procedures`).
    #[schemars(
        default,
        length(max = 6),
        inner(regex(pattern = r"^[0-9]\.[0-9]{6}$")),
        extend("uniqueItems" = true)
    )]
    pub pinned: Vec<String>,
}

/// What a kiosk shows and does: the part of a profile many kiosks can share through the central.
///
/// Device settings (the central's address, the token, the cache folder) are not here: they stay
/// in each kiosk's own file.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kiosk profile", extend("$id" = "https://lobby-kiosk.invalid/kiosk-profile.schema.json"))]
pub struct Settings {
    /// Version of the profile format; 1, the only one so far.
    #[schemars(default = "Settings::default_format_version", range(min = 1, max = 1))]
    pub format_version: u32,
    /// Office this kiosk stands in: an office id the central knows, e.g. "hn-ba-dinh".
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[a-z0-9-]+$"))]
    pub office: String,
    /// Language shown first and after every reset; one of `languages`.
    #[schemars(default = "Settings::default_language")]
    pub default_language: Language,
    /// Languages offered by the switch on the home screen.
    #[schemars(default = "Settings::default_languages", length(min = 1))]
    pub languages: Vec<Language>,
    /// Seconds without a touch before the kiosk returns home and forgets everything.
    #[schemars(default = "Settings::default_idle", range(min = 15, max = 600))]
    pub idle_timeout_seconds: u32,
    /// The city portal's page of a procedure, with {code} for its code; else the national portal.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 500))]
    #[ts(optional)]
    pub city_portal_url: Option<String>,
    /// Buttons of the home screen, in order.
    #[schemars(default = "Settings::default_home_actions", length(min = 1, max = 4))]
    pub home_actions: Vec<HomeAction>,
    /// Fields of administrative work ("lĩnh vực") whose procedures the kiosk offers, named as
    /// the central's catalogue writes them in Vietnamese, e.g. "Hộ tịch"; compared ignoring
    /// case. Empty: every field. A kiosk at the civil-status desk lists only "Hộ tịch".
    #[schemars(
        default,
        length(max = 50),
        inner(length(min = 1, max = 100)),
        extend("uniqueItems" = true)
    )]
    pub shown_fields: Vec<String>,
    /// National procedure codes (TTHC) of the procedures the kiosk offers, e.g. "1.001193".
    /// Empty: every procedure. With `shown_fields` too, a procedure must be in both.
    #[schemars(
        default,
        length(max = 500),
        inner(regex(pattern = r"^[0-9]\.[0-9]{6}$")),
        extend("uniqueItems" = true)
    )]
    pub shown_procedures: Vec<String>,
    /// Titles and colours.
    #[schemars(default)]
    pub branding: Branding,
    /// Text size and high contrast.
    #[schemars(default)]
    pub accessibility: Accessibility,
    /// Extra words on the closed screen.
    #[schemars(default)]
    pub closed_message: ClosedMessage,
    /// Quick numbers on the take-a-number screen: procedures pinned by the office.
    #[schemars(default)]
    pub quick_numbers: QuickNumbers,
    /// The ticket printer; without this table tickets are on screen only.
    #[schemars(with = "crate::schema::PrinterTable", default)]
    #[ts(skip)]
    pub printer: PrinterSettings,
}

impl Settings {
    /// [`FORMAT_VERSION`].
    pub fn default_format_version() -> u32 {
        FORMAT_VERSION
    }

    /// Vietnamese.
    pub fn default_language() -> Language {
        Language::Vi
    }

    /// Vietnamese and English.
    pub fn default_languages() -> Vec<Language> {
        vec![Language::Vi, Language::En]
    }

    /// [`DEFAULT_IDLE_SECONDS`].
    pub fn default_idle() -> u32 {
        DEFAULT_IDLE_SECONDS
    }

    /// All four.
    pub fn default_home_actions() -> Vec<HomeAction> {
        HomeAction::ALL.to_vec()
    }

    /// The settings as a TOML document, which reads back to the same settings.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    /// Whether the kiosk offers the procedure with national code `code` in the field
    /// (lĩnh vực) `field_vi`, its Vietnamese name in the catalogue: when `shown_fields` is
    /// empty or names that field (ignoring case, spaces around and Unicode composition), and
    /// `shown_procedures` is empty or lists the code.
    pub fn shows_procedure(&self, code: &str, field_vi: &str) -> bool {
        let in_fields = self.shown_fields.is_empty() || {
            let key = field_key(field_vi);
            self.shown_fields.iter().any(|f| field_key(f) == key)
        };
        in_fields
            && (self.shown_procedures.is_empty() || self.shown_procedures.iter().any(|c| c == code))
    }
}

/// A field's name as names are compared: trimmed, composed (NFC) and in lower case, so
/// "Hộ tịch", "hộ tịch " and the same letters typed as combining marks are one field.
pub(crate) fn field_key(name: &str) -> String {
    let composed: String = name.trim().nfc().collect();
    composed.to_lowercase().nfc().collect()
}

/// Whether `code` has the shape of a national procedure code (TTHC) as the catalogue
/// writes it: one digit, a dot and six digits, e.g. "1.001193" or "2.000986".
pub fn is_procedure_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 8
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 1 {
                *b == b'.'
            } else {
                b.is_ascii_digit()
            }
        })
}
