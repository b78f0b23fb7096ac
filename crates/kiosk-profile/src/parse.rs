//! Checking a profile's TOML: every problem at once, each with its field.

use std::collections::{HashMap, HashSet};

use printer::{Files, PrinterSettings};
use toml::{Table, Value};

use crate::colour::{ratio_text, Colour, MIN_TEXT_CONTRAST};
use crate::settings::*;
use crate::Problem;

/// Settings of one kiosk, kept in its own file and never in a profile the central holds.
pub const DEVICE_FIELDS: [&str; 3] = ["central_url", "token_file", "cache_dir"];

/// The settings a profile may hold, in the order problems are reported.
pub const SETTINGS_FIELDS: [&str; 14] = [
    "format_version",
    "office",
    "default_language",
    "languages",
    "idle_timeout_seconds",
    "city_portal_url",
    "home_actions",
    "shown_fields",
    "shown_procedures",
    "branding",
    "accessibility",
    "closed_message",
    "quick_numbers",
    printer::SECTION,
];

const BRANDING_FIELDS: [&str; 5] = [
    "title_vi",
    "title_en",
    "primary_colour",
    "header_colour",
    "background_colour",
];
const ACCESSIBILITY_FIELDS: [&str; 3] = ["text_size", "high_contrast", "read_aloud"];
const CLOSED_MESSAGE_FIELDS: [&str; 2] = ["vi", "en"];
const QUICK_NUMBERS_FIELDS: [&str; 1] = ["pinned"];

/// Longest piece of a wrong value quoted back in a message.
const QUOTED_CHARS: usize = 40;
/// Wrong entries of one list reported one by one; the rest are counted.
const MAX_ITEM_PROBLEMS: usize = 5;

/// Reads TOML text into a table; a syntax error is one `(file)` problem with its line.
pub fn parse_toml(text: &str) -> Result<Table, Vec<Problem>> {
    text.parse::<Table>().map_err(|e| {
        let line = e
            .span()
            .and_then(|span| text.get(..span.start))
            .map(|before| before.matches('\n').count() + 1);
        let message: Vec<&str> = e
            .message()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let message = message.join("; ");
        vec![Problem::new(
            "(file)",
            match line {
                Some(line) => format!("is not valid TOML (line {line}): {message}"),
                None => format!("is not valid TOML: {message}"),
            },
        )]
    })
}

/// A wrong value as a message shows it: short, whatever its size.
fn quote(value: &Value) -> String {
    match value {
        Value::String(s) => quote_str(s),
        Value::Integer(n) => n.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Array(_) => "a list".into(),
        Value::Table(_) => "a table".into(),
    }
}

fn quote_str(text: &str) -> String {
    if text.chars().count() > QUOTED_CHARS {
        let head: String = text.chars().take(QUOTED_CHARS).collect();
        format!("{:?}…", head)
    } else {
        format!("{text:?}")
    }
}

fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A list of texts a profile may hold, for [`Check::entries`].
struct Entries {
    /// The setting, e.g. "shown_fields".
    field: &'static str,
    /// Most entries allowed.
    max: usize,
    /// One entry, as a message names it: "a field's name".
    what: &'static str,
    /// A right list, as a message shows it.
    example: &'static str,
    /// A right entry, as a message shows it.
    entry_example: &'static str,
    /// How twins written differently are one, said after the earlier one: ", ignoring case".
    twin_note: &'static str,
}

/// Collects problems; `prefix` is the table being checked (`branding.`), empty at the top.
struct Check<'a> {
    problems: &'a mut Vec<Problem>,
    prefix: &'static str,
}

impl Check<'_> {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(format!("{}{field}", self.prefix), message));
    }

    fn unknown_keys(&mut self, table: &Table, known: &[&str], what: &str) {
        for key in table.keys() {
            if !known.contains(&key.as_str()) {
                self.add(
                    &quote_key(key),
                    format!("is not a known {what} (known: {})", known.join(", ")),
                );
            }
        }
    }

    /// An optional text of at most `max` characters; `Some(None)` when absent.
    fn text(
        &mut self,
        table: &Table,
        field: &str,
        max: usize,
        allow_empty: bool,
    ) -> Option<Option<String>> {
        match table.get(field) {
            None => Some(None),
            Some(Value::String(s)) if s.chars().count() > max => {
                self.add(
                    field,
                    format!(
                        "is {} characters long; at most {max} fit",
                        s.chars().count()
                    ),
                );
                None
            }
            Some(Value::String(s)) if !allow_empty && s.trim().is_empty() => {
                self.add(field, "is empty; write the text, or leave the setting out");
                None
            }
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(other) => {
                self.add(
                    field,
                    format!("is {}; it must be text in quotes", quote(other)),
                );
                None
            }
        }
    }

    /// A list of names, each one of `choices`, none twice.
    fn names<T: Copy>(
        &mut self,
        table: &Table,
        field: &str,
        choices: &[(&'static str, T)],
        example: &str,
    ) -> Option<Option<Vec<T>>> {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let items = match table.get(field) {
            None => return Some(None),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.add(
                    field,
                    format!("is {}; it must be a list, e.g. {example}", quote(other)),
                );
                return None;
            }
        };
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut wrong = Vec::new();
        for item in items {
            let found = item
                .as_str()
                .and_then(|s| choices.iter().find(|(n, _)| *n == s));
            let message = match found {
                Some((name, value)) => {
                    out.push(*value);
                    if seen.insert(*name) {
                        continue;
                    }
                    format!("lists \"{name}\" twice")
                }
                None => format!("has {}; each must be {}", quote(item), quoted_list(&names)),
            };
            wrong.push((field.to_owned(), message));
        }
        let wrong = self.wrong_entries(field, wrong);
        (wrong == 0).then_some(Some(out))
    }

    /// A list of texts (see [`Entries`]), each checked by `entry`, which gives the text to
    /// keep and the key that finds a twin, or what is wrong; empty when absent. Problems
    /// with one entry name it by its index, `shown_fields[2]`.
    fn entries(
        &mut self,
        table: &Table,
        list: &Entries,
        mut entry: impl FnMut(&str) -> Result<(String, String), String>,
    ) -> Option<Vec<String>> {
        let field = list.field;
        let items = match table.get(field) {
            None => return Some(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.add(
                    field,
                    format!(
                        "is {}; it must be a list, e.g. {}",
                        quote(other),
                        list.example
                    ),
                );
                return None;
            }
        };
        let mut ok = true;
        if items.len() > list.max {
            self.add(
                field,
                format!("has {} entries; at most {} fit", items.len(), list.max),
            );
            ok = false;
        }
        // Each key met so far: the index of its entry and where its text is in `out`.
        let mut first_of: HashMap<String, (usize, usize)> = HashMap::new();
        let mut out = Vec::with_capacity(items.len().min(list.max));
        let mut wrong = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let checked = match item {
                Value::String(text) => entry(text),
                other => Err(format!(
                    "is {}; write {} in quotes, e.g. {}",
                    quote(other),
                    list.what,
                    list.entry_example
                )),
            };
            let message = match checked {
                Ok((kept, key)) => match first_of.get(&key) {
                    None => {
                        first_of.insert(key, (i, out.len()));
                        out.push(kept);
                        continue;
                    }
                    Some(&(first, at)) => {
                        let earlier = &out[at];
                        // Written otherwise: the earlier one is quoted, and how they are one.
                        let also = if *earlier == kept {
                            String::new()
                        } else {
                            format!(" ({}){}", quote_str(earlier), list.twin_note)
                        };
                        format!(
                            "is {}, already listed as {field}[{first}]{also}; list each once",
                            quote_str(&kept)
                        )
                    }
                },
                Err(message) => message,
            };
            wrong.push((format!("{field}[{i}]"), message));
        }
        let wrong = self.wrong_entries(field, wrong);
        (ok && wrong == 0).then_some(out)
    }

    /// Reports the wrong entries of the list `field`, each `(where, what is wrong)`: the
    /// first few one by one, the rest as a count. Returns how many there were.
    fn wrong_entries(&mut self, field: &str, wrong: Vec<(String, String)>) -> usize {
        let count = wrong.len();
        for (at, message) in wrong.into_iter().take(MAX_ITEM_PROBLEMS) {
            self.add(&at, message);
        }
        if count > MAX_ITEM_PROBLEMS {
            self.add(
                field,
                format!(
                    "has {} more entries that are wrong in the same ways",
                    count - MAX_ITEM_PROBLEMS
                ),
            );
        }
        count
    }

    /// A sub-table, or an empty one when absent.
    fn table<'t>(&mut self, table: &'t Table, field: &str) -> Option<std::borrow::Cow<'t, Table>> {
        match table.get(field) {
            None => Some(std::borrow::Cow::Owned(Table::new())),
            Some(Value::Table(t)) => Some(std::borrow::Cow::Borrowed(t)),
            Some(other) => {
                self.add(
                    field,
                    format!(
                        "is {}; it must be a table: write `[{field}]` on a line of its own, after the plain settings",
                        quote(other)
                    ),
                );
                None
            }
        }
    }
}

/// A key as a problem names it: as is when it is a bare TOML key, else quoted.
fn quote_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        quote_str(key)
    }
}

fn language(text: &str) -> Option<Language> {
    match text {
        "vi" => Some(Language::Vi),
        "en" => Some(Language::En),
        _ => None,
    }
}

const LANGUAGES: [(&str, Language); 2] = [("vi", Language::Vi), ("en", Language::En)];
const HOME_ACTIONS: [(&str, HomeAction); 4] = [
    ("ticket", HomeAction::Ticket),
    ("documents", HomeAction::Documents),
    ("appointment", HomeAction::Appointment),
    ("online", HomeAction::Online),
];

impl Settings {
    /// Checks profile text. `files` says whether files the profile names (the printer's
    /// logo) are opened, and from which folder: a kiosk checks its own; the central cannot.
    pub fn parse(text: &str, files: Files<'_>) -> Result<Self, Vec<Problem>> {
        Self::from_table(&parse_toml(text)?, files)
    }

    /// Checks a profile already read as TOML. Device settings are refused: the caller
    /// takes them out first when it reads a kiosk's own file.
    pub fn from_table(table: &Table, files: Files<'_>) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let settings = check(table, files, &mut problems);
        match settings {
            Some(settings) if problems.is_empty() => Ok(settings),
            _ => Err(problems),
        }
    }
}

fn check(table: &Table, files: Files<'_>, problems: &mut Vec<Problem>) -> Option<Settings> {
    let mut c = Check {
        problems,
        prefix: "",
    };
    for key in table.keys() {
        if DEVICE_FIELDS.contains(&key.as_str()) {
            c.add(
                key,
                "is a device setting: it belongs in each kiosk's own profile file, not in a profile shared through the central",
            );
        } else if !SETTINGS_FIELDS.contains(&key.as_str()) {
            c.add(
                &quote_key(key),
                format!(
                    "is not a known setting (known: {})",
                    SETTINGS_FIELDS.join(", ")
                ),
            );
        }
    }

    let format_version = match table.get("format_version") {
        None => Some(FORMAT_VERSION),
        Some(Value::Integer(n)) if *n == i64::from(FORMAT_VERSION) => Some(FORMAT_VERSION),
        Some(other) => {
            c.add(
                "format_version",
                format!(
                    "is {}; this kiosk reads format {FORMAT_VERSION}: write `format_version = {FORMAT_VERSION}` or leave it out",
                    quote(other)
                ),
            );
            None
        }
    };

    let office = match table.get("office") {
        None => {
            c.add(
                "office",
                "is missing; write the office id, e.g. \"hn-ba-dinh\"",
            );
            None
        }
        Some(Value::String(text))
            if !text.is_empty()
                && text.len() <= MAX_OFFICE_CHARS
                && text
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-') =>
        {
            Some(text.clone())
        }
        Some(other) => {
            c.add(
                "office",
                format!(
                    "is {}; it must be an office id of lower-case letters, digits and dashes (at most {MAX_OFFICE_CHARS}), e.g. \"hn-ba-dinh\"",
                    quote(other)
                ),
            );
            None
        }
    };

    let default_language = match table.get("default_language") {
        None => Some(Language::Vi),
        Some(Value::String(s)) if language(s).is_some() => language(s),
        Some(other) => {
            c.add(
                "default_language",
                format!("is {}; it must be \"vi\" or \"en\"", quote(other)),
            );
            None
        }
    };

    let languages = match c.names(table, "languages", &LANGUAGES, "[\"vi\", \"en\"]") {
        Some(None) => Some(Settings::default_languages()),
        Some(Some(list)) if list.is_empty() => {
            c.add(
                "languages",
                "is empty; offer at least one language, e.g. [\"vi\", \"en\"]",
            );
            None
        }
        Some(Some(list)) => Some(list),
        None => None,
    };
    if let (Some(default), Some(list)) = (default_language, &languages) {
        if !list.contains(&default) {
            c.add(
                "default_language",
                "must be one of `languages`, which does not offer it",
            );
        }
    }

    let idle_timeout_seconds = match table.get("idle_timeout_seconds") {
        None => Some(DEFAULT_IDLE_SECONDS),
        Some(Value::Integer(n))
            if (i64::from(MIN_IDLE_SECONDS)..=i64::from(MAX_IDLE_SECONDS)).contains(n) =>
        {
            u32::try_from(*n).ok()
        }
        Some(other) => {
            c.add(
                "idle_timeout_seconds",
                format!(
                    "is {}; it must be a whole number of seconds from {MIN_IDLE_SECONDS} to {MAX_IDLE_SECONDS}",
                    quote(other)
                ),
            );
            None
        }
    };

    let city_portal_url = match table.get("city_portal_url") {
        None => Some(None),
        Some(Value::String(text)) => {
            let address_ok = text.chars().count() <= MAX_URL_CHARS
                && text.contains("{code}")
                && url::Url::parse(&text.replace("{code}", "1.001193"))
                    .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if address_ok {
                Some(Some(text.clone()))
            } else {
                c.add(
                    "city_portal_url",
                    format!(
                        "{} must be an http:// or https:// address (at most {MAX_URL_CHARS} characters) with {{code}} where the procedure code goes",
                        quote_str(text)
                    ),
                );
                None
            }
        }
        Some(other) => {
            c.add(
                "city_portal_url",
                format!(
                    "is {}; it must be an address written as text, with {{code}} where the procedure code goes",
                    quote(other)
                ),
            );
            None
        }
    };

    let home_actions = match c.names(
        table,
        "home_actions",
        &HOME_ACTIONS,
        "[\"ticket\", \"documents\", \"appointment\", \"online\"]",
    ) {
        Some(None) => Some(Settings::default_home_actions()),
        Some(Some(list)) if list.is_empty() => {
            c.add(
                "home_actions",
                "is empty; the home screen needs at least one of \"ticket\", \"documents\", \"appointment\" or \"online\"",
            );
            None
        }
        Some(Some(list)) => Some(list),
        None => None,
    };

    let shown_fields = c.entries(
        table,
        &Entries {
            field: "shown_fields",
            max: MAX_SHOWN_FIELDS,
            what: "a field's name",
            example: "[\"Hộ tịch\", \"Chứng thực\"]",
            entry_example: "\"Hộ tịch\"",
            twin_note: ", ignoring case",
        },
        |text| {
            let name = text.trim();
            match name.chars().count() {
                0 => Err(
                    "is empty; write a field's name as the catalogue writes it, e.g. \"Hộ tịch\""
                        .into(),
                ),
                n if n > MAX_FIELD_NAME_CHARS => Err(format!(
                    "is {n} characters long; a field's name has at most {MAX_FIELD_NAME_CHARS}"
                )),
                _ => Ok((name.to_owned(), field_key(name))),
            }
        },
    );

    let shown_procedures = c.entries(
        table,
        &Entries {
            field: "shown_procedures",
            max: MAX_SHOWN_PROCEDURES,
            what: "a procedure code",
            example: "[\"1.001193\", \"2.000986\"]",
            entry_example: "\"1.001193\"",
            twin_note: "",
        },
        |code| {
            if is_procedure_code(code) {
                Ok((code.to_owned(), code.to_owned()))
            } else {
                Err(format!(
                    "is {}; a national procedure code (TTHC) is one digit, a dot and six digits, as the catalogue writes it, e.g. \"1.001193\"",
                    quote_str(code)
                ))
            }
        },
    );

    let branding = c
        .table(table, "branding")
        .and_then(|t| check_branding(&t, c.problems));
    let accessibility = c
        .table(table, "accessibility")
        .and_then(|t| check_accessibility(&t, c.problems));
    let closed_message = c
        .table(table, "closed_message")
        .and_then(|t| check_closed_message(&t, c.problems));

    let quick_numbers = c
        .table(table, "quick_numbers")
        .and_then(|t| check_quick_numbers(&t, shown_procedures.as_deref(), c.problems));

    let printer = match table.get(printer::SECTION) {
        None => Some(PrinterSettings::default()),
        Some(Value::Table(t)) => match PrinterSettings::check_table(t, files) {
            Ok(settings) => Some(settings),
            Err(found) => {
                c.problems.extend(found.into_iter().map(Problem::from));
                None
            }
        },
        Some(other) => {
            c.add(
                printer::SECTION,
                format!(
                    "is {}; it must be a table: write `[printer]` on a line of its own, after the plain settings",
                    quote(other)
                ),
            );
            None
        }
    };

    Some(Settings {
        format_version: format_version?,
        office: office?,
        default_language: default_language?,
        languages: languages?,
        idle_timeout_seconds: idle_timeout_seconds?,
        city_portal_url: city_portal_url?,
        home_actions: home_actions?,
        shown_fields: shown_fields?,
        shown_procedures: shown_procedures?,
        branding: branding?,
        accessibility: accessibility?,
        closed_message: closed_message?,
        quick_numbers: quick_numbers?,
        printer: printer?,
    })
}

fn check_branding(table: &Table, problems: &mut Vec<Problem>) -> Option<Branding> {
    let mut c = Check {
        problems,
        prefix: "branding.",
    };
    c.unknown_keys(table, &BRANDING_FIELDS, "branding setting");
    let title_vi = c.text(table, "title_vi", MAX_TITLE_CHARS, false);
    let title_en = c.text(table, "title_en", MAX_TITLE_CHARS, false);
    let mut colour = |field: &str, default: Colour| match table.get(field) {
        None => Some(default),
        Some(Value::String(s)) if Colour::parse(s).is_some() => Colour::parse(s),
        Some(other) => {
            c.add(
                field,
                format!(
                    "is {}; write a colour as #RRGGBB, e.g. \"{default}\"",
                    quote(other)
                ),
            );
            None
        }
    };
    let primary = colour("primary_colour", Branding::default_primary());
    let header = colour("header_colour", Branding::default_header());
    let background = colour("background_colour", Branding::default_background());
    for (field, under_white) in [("primary_colour", primary), ("header_colour", header)] {
        let Some(under_white) = under_white else {
            continue;
        };
        let ratio = under_white.contrast(Colour::WHITE);
        if ratio < MIN_TEXT_CONTRAST {
            c.add(
                field,
                format!(
                    "{under_white} under white text has a contrast of {}; WCAG 2.x asks for at least 4.5:1, so choose a darker colour",
                    ratio_text(ratio)
                ),
            );
        }
    }
    if let Some(background) = background {
        let ratio = background.contrast(Colour::DEFAULT_TEXT);
        if ratio < MIN_TEXT_CONTRAST {
            c.add(
                "background_colour",
                format!(
                    "{background} under the text colour {} has a contrast of {}; WCAG 2.x asks for at least 4.5:1, so choose a lighter colour",
                    Colour::DEFAULT_TEXT,
                    ratio_text(ratio)
                ),
            );
        }
    }
    Some(Branding {
        title_vi: title_vi?,
        title_en: title_en?,
        primary_colour: primary?,
        header_colour: header?,
        background_colour: background?,
    })
    .filter(|_| c.problems.iter().all(|p| !p.field.starts_with("branding.")))
}

fn check_accessibility(table: &Table, problems: &mut Vec<Problem>) -> Option<Accessibility> {
    let mut c = Check {
        problems,
        prefix: "accessibility.",
    };
    c.unknown_keys(table, &ACCESSIBILITY_FIELDS, "accessibility setting");
    let text_size = match table.get("text_size") {
        None => Some(TextSize::Normal),
        Some(Value::String(s)) if s == "normal" => Some(TextSize::Normal),
        Some(Value::String(s)) if s == "large" => Some(TextSize::Large),
        Some(Value::String(s)) if s == "extra_large" => Some(TextSize::ExtraLarge),
        Some(other) => {
            c.add(
                "text_size",
                format!(
                    "is {}; it must be \"normal\", \"large\" or \"extra_large\"",
                    quote(other)
                ),
            );
            None
        }
    };
    let high_contrast = match table.get("high_contrast") {
        None => Some(false),
        Some(Value::Boolean(b)) => Some(*b),
        Some(other) => {
            c.add(
                "high_contrast",
                format!("is {}; it must be true or false", quote(other)),
            );
            None
        }
    };
    let read_aloud = match table.get("read_aloud") {
        None => Some(false),
        Some(Value::Boolean(b)) => Some(*b),
        Some(other) => {
            c.add(
                "read_aloud",
                format!("is {}; it must be true or false", quote(other)),
            );
            None
        }
    };
    Some(Accessibility {
        text_size: text_size?,
        high_contrast: high_contrast?,
        read_aloud: read_aloud?,
    })
    .filter(|_| {
        c.problems
            .iter()
            .all(|p| !p.field.starts_with("accessibility."))
    })
}

fn check_closed_message(table: &Table, problems: &mut Vec<Problem>) -> Option<ClosedMessage> {
    let mut c = Check {
        problems,
        prefix: "closed_message.",
    };
    c.unknown_keys(table, &CLOSED_MESSAGE_FIELDS, "closed-screen setting");
    let vi = c.text(table, "vi", MAX_CLOSED_MESSAGE_CHARS, true);
    let en = c.text(table, "en", MAX_CLOSED_MESSAGE_CHARS, true);
    Some(ClosedMessage {
        vi: vi?.unwrap_or_default(),
        en: en?.unwrap_or_default(),
    })
    .filter(|_| {
        c.problems
            .iter()
            .all(|p| !p.field.starts_with("closed_message."))
    })
}

/// `[quick_numbers]`: each pinned code a procedure code, listed once, and one the kiosk
/// offers when `shown_procedures` limits it (`None` when that list was itself wrong).
fn check_quick_numbers(
    table: &Table,
    shown_procedures: Option<&[String]>,
    problems: &mut Vec<Problem>,
) -> Option<QuickNumbers> {
    let mut c = Check {
        problems,
        prefix: "quick_numbers.",
    };
    c.unknown_keys(table, &QUICK_NUMBERS_FIELDS, "quick numbers setting");
    let pinned = c.entries(
        table,
        &Entries {
            field: "pinned",
            max: MAX_QUICK_NUMBERS,
            what: "a procedure code",
            example: "[\"1.001193\", \"2.000815\"]",
            entry_example: "\"1.001193\"",
            twin_note: "",
        },
        |code| {
            if !is_procedure_code(code) {
                return Err(format!(
                    "is {}; a national procedure code (TTHC) is one digit, a dot and six digits, as the catalogue writes it, e.g. \"1.001193\"",
                    quote_str(code)
                ));
            }
            match shown_procedures {
                Some(shown) if !shown.is_empty() && !shown.iter().any(|c| c == code) => {
                    Err(format!(
                        "is {}, which is not in shown_procedures: this kiosk does not offer it; add it there or pin another",
                        quote_str(code)
                    ))
                }
                _ => Ok((code.to_owned(), code.to_owned())),
            }
        },
    );
    Some(QuickNumbers { pinned: pinned? }).filter(|_| {
        c.problems
            .iter()
            .all(|p| !p.field.starts_with("quick_numbers."))
    })
}

#[cfg(test)]
mod tests;
