//! The kiosk's own profile file: its device settings (which central, which token, which
//! cache folder) and the settings it shows and does by (see the `kiosk-profile` crate, which
//! a profile held by the central shares). Every problem is reported at once, with its field.

use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use kiosk_profile::{parse_toml, Files, Settings, DEVICE_FIELDS};

use crate::pin::{PinHash, PIN_HASH_SETTING};

pub use kiosk_profile::{Problem, DEFAULT_IDLE_SECONDS, MAX_IDLE_SECONDS, MIN_IDLE_SECONDS};

/// A valid kiosk profile. Its settings are reached through it (`profile.office`).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Base URL of the central server, e.g. `http://10.0.0.5:8080`.
    pub central_url: url::Url,
    /// Bearer token read from `token_file`.
    pub token: String,
    /// Folder where the kiosk keeps the catalogue and the central's profile between runs.
    pub cache_dir: PathBuf,
    /// The maintenance screen's PIN, hashed; without one the screen cannot be opened.
    /// A device setting: it stays on the kiosk, never in a profile shared by the central.
    pub maintenance_pin_hash: Option<PinHash>,
    /// The profile file's folder, where files it names (the printer logo) are looked for.
    pub base: PathBuf,
    /// What the kiosk shows and does, as this file says; a profile from the central
    /// replaces these (see [`Profile::with_settings`]).
    pub settings: Settings,
}

impl Deref for Profile {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.settings
    }
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

/// Order in which problems are listed: the order settings are usually written in.
const FIELD_ORDER: [&str; 18] = [
    "format_version",
    "central_url",
    "office",
    "token_file",
    "default_language",
    "languages",
    "idle_timeout_seconds",
    "cache_dir",
    "city_portal_url",
    "home_actions",
    "shown_fields",
    "shown_procedures",
    "branding",
    "accessibility",
    "closed_message",
    "quick_numbers",
    PIN_HASH_SETTING,
    printer::SECTION,
];

/// Where a problem is listed: unknown settings first, then in [`FIELD_ORDER`].
fn rank(problem: &Problem) -> usize {
    let top = problem.field.split(['.', '[']).next().unwrap_or_default();
    FIELD_ORDER
        .iter()
        .position(|f| *f == top)
        .map_or(0, |i| i + 1)
}

impl Profile {
    /// Reads and validates the profile at `path`. Relative `token_file` paths are
    /// taken from the profile's folder.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let fail = |field: &str, message: String| ProfileError {
            path: path.to_owned(),
            problems: vec![Problem::new(field, message)],
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
        let mut table = parse_toml(text)?;
        let pin_hash = table.remove(PIN_HASH_SETTING);
        let device: Vec<Option<toml::Value>> =
            DEVICE_FIELDS.iter().map(|f| table.remove(*f)).collect();
        let [central_url, token_file, cache_dir] = <[Option<toml::Value>; 3]>::try_from(device)
            .unwrap_or_else(|_| unreachable!("three device fields"));

        let mut problems = Vec::new();
        let mut problem =
            |field: &str, message: String| problems.push(Problem::new(field, message));

        let central_url = match central_url {
            None => {
                problem(
                    "central_url",
                    "is missing; write the central server's address, e.g. \"http://10.0.0.5:8080\""
                        .into(),
                );
                None
            }
            Some(toml::Value::String(text)) => match url::Url::parse(&text) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(u),
                _ => {
                    problem(
                        "central_url",
                        format!("{text:?} is not an http:// or https:// address"),
                    );
                    None
                }
            },
            Some(_) => {
                problem(
                    "central_url",
                    "must be text, e.g. \"http://10.0.0.5:8080\"".into(),
                );
                None
            }
        };

        let token = match token_file {
            None => {
                problem(
                    "token_file",
                    "is missing; write the path of the file holding this kiosk's token".into(),
                );
                None
            }
            Some(toml::Value::String(text)) => {
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
            Some(_) => {
                problem("token_file", "must be a path written as text".into());
                None
            }
        };

        let cache_dir = match cache_dir {
            None => Some(default_cache_dir(
                std::env::var_os("XDG_CACHE_HOME"),
                std::env::var_os("HOME"),
                base,
            )),
            Some(toml::Value::String(text)) if !text.trim().is_empty() => {
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

        let maintenance_pin_hash =
            PinHash::from_setting(pin_hash.as_ref()).unwrap_or_else(|message| {
                problem(PIN_HASH_SETTING, message);
                None
            });

        let settings = Settings::from_table(&table, Files::Beside(base));
        let settings = match settings {
            Ok(settings) => Some(settings),
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        problems.sort_by_key(rank);

        match (central_url, token, cache_dir, settings) {
            (Some(central_url), Some(token), Some(cache_dir), Some(settings))
                if problems.is_empty() =>
            {
                Ok(Profile {
                    central_url,
                    token,
                    cache_dir,
                    maintenance_pin_hash,
                    base: base.to_owned(),
                    settings,
                })
            }
            _ => Err(problems),
        }
    }

    /// This kiosk with other settings (a profile from the central): its device settings stay.
    pub fn with_settings(&self, settings: Settings) -> Profile {
        Profile {
            settings,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::Language;
    use printer::PrinterSettings;

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
