//! The kiosk profile: a TOML file saying which central, which office, which token,
//! and how the kiosk behaves. Every problem is reported at once, with its field.

use std::fmt;
use std::path::{Path, PathBuf};

use printer::PrinterSettings;

use crate::ipc::Language;
use crate::maintenance::{PinHash, PIN_HASH_SETTING};

/// Shortest idle timeout allowed: a visitor must have time to read a screen.
pub const MIN_IDLE_SECONDS: i64 = 15;
/// Longest idle timeout allowed: a forgotten session must not linger.
pub const MAX_IDLE_SECONDS: i64 = 600;
/// Idle timeout when the profile gives none.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;

/// A valid kiosk profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Base URL of the central server, e.g. `http://10.0.0.5:8080`.
    pub central_url: url::Url,
    /// Office this kiosk stands in.
    pub office: String,
    /// Bearer token read from `token_file`.
    pub token: String,
    /// Language shown first.
    pub default_language: Language,
    /// Languages offered.
    pub languages: Vec<Language>,
    /// Seconds without a touch before returning home.
    pub idle_timeout_seconds: u32,
    /// Folder where the kiosk keeps the catalogue between runs.
    pub cache_dir: PathBuf,
    /// The city portal's page of a procedure, with `{code}` for its code, when the
    /// office sends visitors there instead of the National Public Service Portal.
    pub city_portal_url: Option<String>,
    /// The ticket printer (`[printer]`); without one, tickets are on screen only.
    pub printer: PrinterSettings,
    /// The maintenance screen's PIN, hashed; without one the screen cannot be opened.
    pub maintenance_pin_hash: Option<PinHash>,
}

/// Where the kiosk keeps its cache when the profile does not say:
/// `$XDG_CACHE_HOME/lobby-kiosk/kiosk`, else `$HOME/.cache/lobby-kiosk/kiosk`,
/// else `kiosk-cache` beside the profile.
pub fn default_cache_dir(
    xdg_cache_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
    base: &Path,
) -> PathBuf {
    let absolute =
        |value: Option<std::ffi::OsString>| value.map(PathBuf::from).filter(|p| p.is_absolute());
    if let Some(cache) = absolute(xdg_cache_home) {
        cache.join("lobby-kiosk").join("kiosk")
    } else if let Some(home) = absolute(home) {
        home.join(".cache").join("lobby-kiosk").join("kiosk")
    } else {
        base.join("kiosk-cache")
    }
}

/// One thing wrong with a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The setting, as written in the file.
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

/// Everything wrong with a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file.
    pub path: PathBuf,
    /// Each problem, in file order of fields.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the kiosk profile {} has {} problem(s):",
            self.path.display(),
            self.problems.len()
        )?;
        for p in &self.problems {
            writeln!(f, "  - {}: {}", p.field, p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ProfileError {}

const KNOWN_FIELDS: &[&str] = &[
    "central_url",
    "office",
    "token_file",
    "default_language",
    "languages",
    "idle_timeout_seconds",
    "cache_dir",
    "city_portal_url",
    PIN_HASH_SETTING,
    printer::SECTION,
];

fn parse_language(text: &str) -> Option<Language> {
    match text {
        "vi" => Some(Language::Vi),
        "en" => Some(Language::En),
        _ => None,
    }
}

impl Profile {
    /// Reads and validates the profile at `path`. Relative `token_file` paths are
    /// taken from the profile's folder.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let fail = |field: &str, message: String| ProfileError {
            path: path.to_owned(),
            problems: vec![Problem {
                field: field.into(),
                message,
            }],
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail("(file)", format!("cannot be read: {e}")))?;
        let base = path.parent().unwrap_or(Path::new("."));
        Self::parse(&text, base).map_err(|problems| ProfileError {
            path: path.to_owned(),
            problems,
        })
    }

    /// Validates profile text; `base` is where relative `token_file` and `cache_dir`
    /// paths start from.
    pub fn parse(text: &str, base: &Path) -> Result<Self, Vec<Problem>> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            vec![Problem {
                field: "(file)".into(),
                message: format!("is not valid TOML: {}", e.message()),
            }]
        })?;
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(Problem {
                field: field.into(),
                message,
            })
        };
        for key in table.keys() {
            if !KNOWN_FIELDS.contains(&key.as_str()) {
                problem(
                    key,
                    format!(
                        "is not a known setting (known: {})",
                        KNOWN_FIELDS.join(", ")
                    ),
                );
            }
        }
        let string = |field: &str| table.get(field).map(|v| v.as_str().ok_or(()));

        let central_url = match string("central_url") {
            None => {
                problem(
                    "central_url",
                    "is missing; write the central server's address, e.g. \"http://10.0.0.5:8080\""
                        .into(),
                );
                None
            }
            Some(Err(())) => {
                problem(
                    "central_url",
                    "must be text, e.g. \"http://10.0.0.5:8080\"".into(),
                );
                None
            }
            Some(Ok(text)) => match url::Url::parse(text) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(u),
                _ => {
                    problem(
                        "central_url",
                        format!("{text:?} is not an http:// or https:// address"),
                    );
                    None
                }
            },
        };

        let office = match string("office") {
            None => {
                problem(
                    "office",
                    "is missing; write the office id, e.g. \"hn-ba-dinh\"".into(),
                );
                None
            }
            Some(Ok(text))
                if !text.is_empty()
                    && text
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
            {
                Some(text.to_owned())
            }
            Some(_) => {
                problem(
                    "office",
                    "must be an office id of lower-case letters, digits and dashes".into(),
                );
                None
            }
        };

        let token = match string("token_file") {
            None => {
                problem(
                    "token_file",
                    "is missing; write the path of the file holding this kiosk's token".into(),
                );
                None
            }
            Some(Err(())) => {
                problem("token_file", "must be a path written as text".into());
                None
            }
            Some(Ok(text)) => {
                let path = base.join(text);
                match std::fs::read_to_string(&path) {
                    Ok(t) if !t.trim().is_empty() => Some(t.trim().to_owned()),
                    Ok(_) => {
                        problem("token_file", format!("{} is empty", path.display()));
                        None
                    }
                    Err(e) => {
                        problem(
                            "token_file",
                            format!("{} cannot be read: {e}", path.display()),
                        );
                        None
                    }
                }
            }
        };

        let default_language = match string("default_language") {
            None => Some(Language::Vi),
            Some(Ok(text)) if parse_language(text).is_some() => parse_language(text),
            Some(_) => {
                problem("default_language", "must be \"vi\" or \"en\"".into());
                None
            }
        };

        let languages = match table.get("languages") {
            None => Some(vec![Language::Vi, Language::En]),
            Some(toml::Value::Array(items)) => {
                let parsed: Option<Vec<Language>> = items
                    .iter()
                    .map(|v| v.as_str().and_then(parse_language))
                    .collect();
                match parsed {
                    Some(list) if !list.is_empty() => Some(list),
                    _ => {
                        problem(
                            "languages",
                            "must be a list of \"vi\" and/or \"en\", e.g. [\"vi\", \"en\"]".into(),
                        );
                        None
                    }
                }
            }
            Some(_) => {
                problem("languages", "must be a list, e.g. [\"vi\", \"en\"]".into());
                None
            }
        };
        if let (Some(default), Some(list)) = (default_language, &languages) {
            if !list.contains(&default) {
                problem("default_language", "must be one of `languages`".into());
            }
        }

        let idle_timeout_seconds = match table.get("idle_timeout_seconds") {
            None => Some(DEFAULT_IDLE_SECONDS),
            Some(toml::Value::Integer(n)) if (MIN_IDLE_SECONDS..=MAX_IDLE_SECONDS).contains(n) => {
                Some(*n as u32)
            }
            Some(other) => {
                problem(
                    "idle_timeout_seconds",
                    format!("is {other}; it must be a whole number of seconds from {MIN_IDLE_SECONDS} to {MAX_IDLE_SECONDS}"),
                );
                None
            }
        };

        let cache_dir = match string("cache_dir") {
            None => Some(default_cache_dir(
                std::env::var_os("XDG_CACHE_HOME"),
                std::env::var_os("HOME"),
                base,
            )),
            Some(Ok(text)) if !text.trim().is_empty() => {
                let path = base.join(text);
                if path.exists() && !path.is_dir() {
                    problem(
                        "cache_dir",
                        format!("{} exists and is not a folder", path.display()),
                    );
                    None
                } else {
                    Some(path)
                }
            }
            Some(_) => {
                problem(
                    "cache_dir",
                    "must be a folder path written as text, e.g. \"/var/cache/lobby-kiosk\"".into(),
                );
                None
            }
        };

        let city_portal_url = match string("city_portal_url") {
            None => Some(None),
            Some(Ok(text)) => match url::Url::parse(&text.replace("{code}", "1.001193")) {
                Ok(u)
                    if matches!(u.scheme(), "http" | "https")
                        && u.host().is_some()
                        && text.contains("{code}") =>
                {
                    Some(Some(text.to_owned()))
                }
                _ => {
                    problem(
                        "city_portal_url",
                        format!("{text:?} must be an http:// or https:// address with {{code}} where the procedure code goes"),
                    );
                    None
                }
            },
            Some(Err(())) => {
                problem(
                    "city_portal_url",
                    "must be an address written as text, with {code} where the procedure code goes"
                        .into(),
                );
                None
            }
        };

        let maintenance_pin_hash = PinHash::from_setting(table.get(PIN_HASH_SETTING))
            .unwrap_or_else(|message| {
                problem(PIN_HASH_SETTING, message);
                None
            });

        let printer = match table.get(printer::SECTION) {
            None => Some(PrinterSettings::default()),
            Some(toml::Value::Table(t)) => match PrinterSettings::from_table(t, base) {
                Ok(settings) => Some(settings),
                Err(printer_problems) => {
                    for p in printer_problems {
                        problem(&p.field, p.message);
                    }
                    None
                }
            },
            Some(_) => {
                problem(
                    printer::SECTION,
                    "must be a table: write `[printer]` on a line of its own, after the other settings"
                        .into(),
                );
                None
            }
        };

        match (
            central_url,
            office,
            token,
            default_language,
            languages,
            idle_timeout_seconds,
            cache_dir,
            city_portal_url,
            printer,
        ) {
            (
                Some(central_url),
                Some(office),
                Some(token),
                Some(default_language),
                Some(languages),
                Some(idle),
                Some(cache_dir),
                Some(city_portal_url),
                Some(printer),
            ) if problems.is_empty() => Ok(Profile {
                central_url,
                office,
                token,
                default_language,
                languages,
                idle_timeout_seconds: idle,
                cache_dir,
                city_portal_url,
                printer,
                maintenance_pin_hash,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_token() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kiosk.token"), "kiosk_abc\n").unwrap();
        dir
    }

    #[test]
    fn a_complete_profile_is_read() {
        let dir = with_token();
        let profile = Profile::parse(
            "central_url = \"http://127.0.0.1:8080\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             default_language = \"en\"\nidle_timeout_seconds = 45\n",
            dir.path(),
        )
        .unwrap();
        assert_eq!(profile.office, "hn-ba-dinh");
        assert_eq!(profile.token, "kiosk_abc");
        assert_eq!(profile.default_language, Language::En);
        assert_eq!(profile.languages, vec![Language::Vi, Language::En]);
        assert_eq!(profile.idle_timeout_seconds, 45);
        assert_eq!(profile.city_portal_url, None);
    }

    #[test]
    fn cache_folder_and_city_portal_are_read_relative_and_checked() {
        let dir = with_token();
        let profile = Profile::parse(
            "central_url = \"http://127.0.0.1:8080\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"cache\"\ncity_portal_url = \"https://dichvucong.hanoi.gov.vn/tthc?ma={code}\"\n",
            dir.path(),
        )
        .unwrap();
        assert_eq!(profile.cache_dir, dir.path().join("cache"));
        assert_eq!(
            profile.city_portal_url.as_deref(),
            Some("https://dichvucong.hanoi.gov.vn/tthc?ma={code}")
        );

        std::fs::write(dir.path().join("a-file"), "").unwrap();
        let problems = Profile::parse(
            "central_url = \"http://127.0.0.1:8080\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"a-file\"\ncity_portal_url = \"https://dichvucong.hanoi.gov.vn/\"\n",
            dir.path(),
        )
        .unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["cache_dir", "city_portal_url"]);
        assert!(problems[1].message.contains("{code}"));
    }

    #[test]
    fn a_printer_table_is_read_and_no_table_means_no_printer() {
        let dir = with_token();
        let head = "central_url = \"http://127.0.0.1:8080\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n";
        let profile = Profile::parse(head, dir.path()).unwrap();
        assert_eq!(profile.printer, PrinterSettings::default());

        let profile = Profile::parse(
            &format!(
                "{head}\n[printer]\ntransport = \"tcp\"\naddress = \"127.0.0.1:9100\"\npaper_width_mm = 58\n\
                 darkness = 5\nheader = [\"UBND phường Ba Đình\"]\n"
            ),
            dir.path(),
        )
        .unwrap();
        assert!(profile.printer.transport.is_printer());
        assert_eq!(profile.printer.paper_width, printer::PaperWidth::Mm58);
        assert_eq!(profile.printer.darkness.level(), 5);
        assert_eq!(profile.printer.header, ["UBND phường Ba Đình"]);
    }

    #[test]
    fn printer_problems_are_reported_with_the_others() {
        let dir = with_token();
        let problems = Profile::parse(
            "central_url = \"ftp://x\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             [printer]\ntransport = \"fax\"\npaper_width_mm = 70\ndarkness = 9\n",
            dir.path(),
        )
        .unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        for field in [
            "central_url",
            "printer.transport",
            "printer.paper_width_mm",
            "printer.darkness",
        ] {
            assert!(
                fields.contains(&field),
                "{field} not reported in {fields:?}"
            );
        }

        let problems = Profile::parse(
            "central_url = \"http://127.0.0.1:8080\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\nprinter = \"tcp\"\n",
            dir.path(),
        )
        .unwrap_err();
        assert_eq!(problems[0].field, "printer");
    }

    #[test]
    fn the_default_cache_folder_follows_xdg() {
        let base = Path::new("/etc/kiosk");
        assert_eq!(
            default_cache_dir(Some("/var/cache".into()), Some("/home/k".into()), base),
            Path::new("/var/cache/lobby-kiosk/kiosk")
        );
        assert_eq!(
            default_cache_dir(Some("relative".into()), Some("/home/k".into()), base),
            Path::new("/home/k/.cache/lobby-kiosk/kiosk")
        );
        assert_eq!(
            default_cache_dir(None, None, base),
            Path::new("/etc/kiosk/kiosk-cache")
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_field() {
        let dir = tempfile::tempdir().unwrap();
        let problems = Profile::parse(
            "central_url = \"ftp://x\"\noffice = \"Ba Dinh\"\ntoken_file = \"missing.token\"\n\
             default_language = \"fr\"\nidle_timeout_seconds = 5\ncolour = \"red\"\n",
            dir.path(),
        )
        .unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        for field in [
            "colour",
            "central_url",
            "office",
            "token_file",
            "default_language",
            "idle_timeout_seconds",
        ] {
            assert!(
                fields.contains(&field),
                "{field} not reported in {fields:?}"
            );
        }
    }

    #[test]
    fn missing_settings_are_named() {
        let problems = Profile::parse("", Path::new(".")).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["central_url", "office", "token_file"]);
    }

    #[test]
    fn broken_toml_is_reported_not_panicked() {
        let problems = Profile::parse("office = [", Path::new(".")).unwrap_err();
        assert_eq!(problems[0].field, "(file)");
    }

    #[test]
    fn the_shipped_example_profile_is_valid_apart_from_its_token() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles/demo.toml");
        let text = std::fs::read_to_string(root).unwrap();
        let dir = with_token();
        let text = text.replace(
            "token_file = \"../.demo/kiosk.token\"",
            "token_file = \"kiosk.token\"",
        );
        Profile::parse(&text, dir.path()).unwrap();
    }
}
