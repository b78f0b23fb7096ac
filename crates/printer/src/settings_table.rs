//! The kiosk profile's `[printer]` table read into [`PrinterSettings`]. Every problem is
//! reported at once, with its field, as the rest of the profile is; a logo is opened to
//! check that it can be printed.
//!
//! ```toml
//! [printer]
//! transport = "tcp"              # "tcp", "device", "cups" or "none"
//! address = "192.168.1.50:9100"  # tcp: host:port (port 9100 when left out)
//! # device = "/dev/usb/lp0"      # device: the printer's device file
//! # queue = "thermal"            # cups: a raw CUPS queue, printed with `lp -d QUEUE -o raw`
//! paper_width_mm = 80            # 58 (384 dots) or 80 (576 dots)
//! darkness = 4                   # 1 (light) to 7 (dark); 4 is the printer's standard
//! cut = "partial"                # "partial" or "full"
//! header = ["UBND phường Ba Đình"]
//! footer = ["Cảm ơn quý khách / Thank you"]
//! logo = "logo.png"              # PNG, relative to the profile's folder
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::render::load_logo;
use crate::settings::{Cut, Darkness, PaperWidth, PrinterSettings, Transport};

/// The profile table these settings live in; problems name fields as `printer.<name>`.
pub const SECTION: &str = "printer";
/// Most header or footer lines accepted: a ticket is not a letter.
pub const MAX_EXTRA_LINES: usize = 6;
/// Longest header or footer line, in characters.
pub const MAX_LINE_CHARS: usize = 120;

/// One thing wrong with the printer settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The setting, as `printer.<name>`.
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

const KNOWN_FIELDS: &[&str] = &[
    "transport",
    "address",
    "device",
    "queue",
    "paper_width_mm",
    "darkness",
    "cut",
    "header",
    "footer",
    "logo",
];

/// Port of raw ESC/POS printing on network printers ("JetDirect").
pub const DEFAULT_PORT: u16 = 9100;

/// Whether checking the settings opens the files they name (the logo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files<'a> {
    /// Relative paths start from this folder (the profile's), and each file must be usable.
    Beside(&'a Path),
    /// Files are not opened and paths are kept as written: the settings are held away
    /// from the kiosk's disk (on the central server), where the file cannot be seen.
    Unchecked,
}

impl PrinterSettings {
    /// Reads a standalone TOML document holding a `[printer]` table (or none: no printer).
    pub fn parse_document(text: &str, base: &Path) -> Result<Self, Vec<Problem>> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            vec![Problem {
                field: "(file)".into(),
                message: format!("is not valid TOML: {}", e.message()),
            }]
        })?;
        match table.get(SECTION) {
            None => Ok(Self::default()),
            Some(toml::Value::Table(t)) => Self::from_table(t, base),
            Some(_) => Err(vec![Problem {
                field: SECTION.into(),
                message: "must be a table: write `[printer]` on a line of its own".into(),
            }]),
        }
    }

    /// Validates the `[printer]` table of a profile; `base` is the profile's folder, where a
    /// relative `logo` is looked for.
    pub fn from_table(table: &toml::Table, base: &Path) -> Result<Self, Vec<Problem>> {
        Self::check_table(table, Files::Beside(base))
    }

    /// Validates the `[printer]` table of a profile, opening the files it names or not.
    pub fn check_table(table: &toml::Table, files: Files<'_>) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(Problem {
                field: format!("{SECTION}.{field}"),
                message,
            })
        };
        for key in table.keys() {
            if !KNOWN_FIELDS.contains(&key.as_str()) {
                problem(
                    key,
                    format!(
                        "is not a known printer setting (known: {})",
                        KNOWN_FIELDS.join(", ")
                    ),
                );
            }
        }
        let text = |field: &str| table.get(field).map(|v| v.as_str().ok_or(v.to_string()));

        let kind = match text("transport") {
            None => Some("none"),
            Some(Ok(k)) if matches!(k, "tcp" | "device" | "cups" | "none") => Some(k),
            Some(Ok(k)) => {
                problem(
                    "transport",
                    format!("is {k:?}; it must be \"tcp\", \"device\", \"cups\" or \"none\""),
                );
                None
            }
            Some(Err(v)) => {
                problem(
                    "transport",
                    format!("is {v}; it must be text: \"tcp\", \"device\", \"cups\" or \"none\""),
                );
                None
            }
        };
        // Each transport's own field, and the fields that belong to another transport.
        for (field, owner) in [("address", "tcp"), ("device", "device"), ("queue", "cups")] {
            if table.contains_key(field) && kind.is_some_and(|k| k != owner) {
                problem(
                    field,
                    format!("is only used with transport = \"{owner}\"; remove it or change `transport`"),
                );
            }
        }
        let transport = match kind {
            Some("tcp") => match text("address") {
                None => {
                    problem(
                        "address",
                        "is missing; write the printer's host and port, e.g. \"192.168.1.50:9100\""
                            .into(),
                    );
                    None
                }
                Some(Ok(a)) => match parse_address(a) {
                    Ok(address) => Some(Transport::Tcp { address }),
                    Err(why) => {
                        problem("address", format!("{a:?} {why}"));
                        None
                    }
                },
                Some(Err(v)) => {
                    problem(
                        "address",
                        format!("is {v}; it must be text like \"192.168.1.50:9100\""),
                    );
                    None
                }
            },
            Some("device") => match text("device") {
                None => {
                    problem(
                        "device",
                        "is missing; write the printer's device file, e.g. \"/dev/usb/lp0\"".into(),
                    );
                    None
                }
                Some(Ok(p)) if Path::new(p).is_absolute() => Some(Transport::Device {
                    path: PathBuf::from(p),
                }),
                Some(Ok(p)) => {
                    problem(
                        "device",
                        format!("{p:?} must be an absolute path, e.g. \"/dev/usb/lp0\""),
                    );
                    None
                }
                Some(Err(v)) => {
                    problem(
                        "device",
                        format!("is {v}; it must be a path written as text"),
                    );
                    None
                }
            },
            Some("cups") => match text("queue") {
                None => {
                    problem(
                        "queue",
                        "is missing; write the name of a raw CUPS queue (see `lpstat -p`)".into(),
                    );
                    None
                }
                Some(Ok(q))
                    if !q.is_empty()
                        && q.len() <= 127
                        && q.chars()
                            .all(|c| c.is_ascii_graphic() && c != '/' && c != '#') =>
                {
                    Some(Transport::Cups {
                        queue: q.to_owned(),
                    })
                }
                Some(Ok(q)) => {
                    problem(
                        "queue",
                        format!("{q:?} is not a CUPS queue name (letters, digits, `-`, `_`, `.`; no spaces, `/` or `#`)"),
                    );
                    None
                }
                Some(Err(v)) => {
                    problem(
                        "queue",
                        format!("is {v}; it must be a queue name written as text"),
                    );
                    None
                }
            },
            Some(_) => Some(Transport::None),
            None => None,
        };

        let paper_width = match table.get("paper_width_mm") {
            None => Some(PaperWidth::Mm80),
            Some(toml::Value::Integer(mm)) if PaperWidth::from_mm(*mm).is_some() => {
                PaperWidth::from_mm(*mm)
            }
            Some(other) => {
                problem(
                    "paper_width_mm",
                    format!("is {other}; it must be 58 or 80 (the roll's width in millimetres)"),
                );
                None
            }
        };

        let darkness = match table.get("darkness") {
            None => Some(Darkness::STANDARD),
            Some(toml::Value::Integer(n))
                if u8::try_from(*n).ok().and_then(Darkness::new).is_some() =>
            {
                u8::try_from(*n).ok().and_then(Darkness::new)
            }
            Some(other) => {
                problem(
                    "darkness",
                    format!(
                        "is {other}; it must be a whole number from {} (light) to {} (dark), 4 being the printer's standard",
                        Darkness::MIN,
                        Darkness::MAX
                    ),
                );
                None
            }
        };

        let cut = match text("cut") {
            None => Some(Cut::Partial),
            Some(Ok("partial")) => Some(Cut::Partial),
            Some(Ok("full")) => Some(Cut::Full),
            Some(Ok(other)) => {
                problem(
                    "cut",
                    format!("is {other:?}; it must be \"partial\" or \"full\""),
                );
                None
            }
            Some(Err(v)) => {
                problem("cut", format!("is {v}; it must be \"partial\" or \"full\""));
                None
            }
        };

        let mut lines = |field: &str| -> Option<Vec<String>> {
            match table.get(field) {
                None => Some(Vec::new()),
                Some(toml::Value::Array(items)) => {
                    let texts: Option<Vec<String>> = items
                        .iter()
                        .map(|v| v.as_str().map(str::to_owned))
                        .collect();
                    match texts {
                        None => {
                            problem(
                                field,
                                "must be a list of text lines, e.g. [\"UBND phường Ba Đình\"]"
                                    .into(),
                            );
                            None
                        }
                        Some(t) if t.len() > MAX_EXTRA_LINES => {
                            problem(
                                field,
                                format!(
                                    "has {} lines; at most {MAX_EXTRA_LINES} fit on a ticket",
                                    t.len()
                                ),
                            );
                            None
                        }
                        Some(t) => {
                            if let Some(long) =
                                t.iter().find(|l| l.chars().count() > MAX_LINE_CHARS)
                            {
                                problem(
                                    field,
                                    format!(
                                        "has a line of {} characters; at most {MAX_LINE_CHARS}",
                                        long.chars().count()
                                    ),
                                );
                                None
                            } else {
                                Some(t)
                            }
                        }
                    }
                }
                Some(_) => {
                    problem(
                        field,
                        "must be a list of text lines, e.g. [\"UBND phường Ba Đình\"]".into(),
                    );
                    None
                }
            }
        };
        let header = lines("header");
        let footer = lines("footer");

        let logo = match text("logo") {
            None => Some(None),
            Some(Ok(p)) if p.trim().is_empty() => {
                problem(
                    "logo",
                    "is empty; write the path of a PNG file, or leave `logo` out".into(),
                );
                None
            }
            Some(Ok(p)) => match files {
                Files::Unchecked => Some(Some(PathBuf::from(p))),
                Files::Beside(base) => {
                    let path = base.join(p);
                    match load_logo(&path) {
                        Ok(_) => Some(Some(path)),
                        Err(why) => {
                            problem("logo", format!("{}: {why}", path.display()));
                            None
                        }
                    }
                }
            },
            Some(Err(v)) => {
                problem(
                    "logo",
                    format!("is {v}; it must be the path of a PNG file, written as text"),
                );
                None
            }
        };

        match (transport, paper_width, darkness, cut, header, footer, logo) {
            (
                Some(transport),
                Some(paper_width),
                Some(darkness),
                Some(cut),
                Some(header),
                Some(footer),
                Some(logo),
            ) if problems.is_empty() => Ok(PrinterSettings {
                transport,
                paper_width,
                darkness,
                cut,
                header,
                footer,
                logo,
            }),
            _ => Err(problems),
        }
    }
}

/// `host:port`, or `host` alone for port 9100; IPv6 in brackets.
fn parse_address(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty; write the printer's host and port, e.g. \"192.168.1.50:9100\"");
    }
    if text.contains("://") || text.contains('/') {
        return Err("must be a host and port such as \"192.168.1.50:9100\", not a URL");
    }
    let (host, port) = match text.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.ends_with(']') => (h, Some(p)),
        _ => (text, None),
    };
    let host_ok = !host.is_empty()
        && !host.contains(char::is_whitespace)
        && (host.starts_with('[') == host.ends_with(']'));
    if !host_ok {
        return Err("has no valid host; write e.g. \"192.168.1.50:9100\"");
    }
    match port {
        None => Ok(format!("{host}:{DEFAULT_PORT}")),
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => Ok(format!("{host}:{n}")),
            _ => Err("has a port that is not a number from 1 to 65535"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<PrinterSettings, Vec<Problem>> {
        PrinterSettings::parse_document(text, Path::new("."))
    }

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn no_printer_table_means_no_printer() {
        assert_eq!(parse("").unwrap(), PrinterSettings::default());
        assert_eq!(parse("[printer]\n").unwrap().transport, Transport::None);
    }

    #[test]
    fn a_complete_tcp_printer_is_read() {
        let s = parse(
            "[printer]\ntransport = \"tcp\"\naddress = \"10.0.0.9\"\npaper_width_mm = 58\n\
             darkness = 6\ncut = \"full\"\nheader = [\"UBND phường Ba Đình\"]\nfooter = [\"Cảm ơn\", \"\"]\n",
        )
        .unwrap();
        assert_eq!(
            s.transport,
            Transport::Tcp {
                address: "10.0.0.9:9100".into()
            }
        );
        assert_eq!(s.paper_width.dots(), 384);
        assert_eq!(s.darkness.level(), 6);
        assert_eq!(s.cut, Cut::Full);
        assert_eq!(s.header, ["UBND phường Ba Đình"]);
        assert_eq!(s.footer.len(), 2);
    }

    #[test]
    fn device_and_cups_printers_are_read() {
        let s = parse("[printer]\ntransport = \"device\"\ndevice = \"/dev/usb/lp0\"\n").unwrap();
        assert_eq!(
            s.transport,
            Transport::Device {
                path: "/dev/usb/lp0".into()
            }
        );
        let s = parse("[printer]\ntransport = \"cups\"\nqueue = \"TM-T20_raw\"\n").unwrap();
        assert_eq!(
            s.transport,
            Transport::Cups {
                queue: "TM-T20_raw".into()
            }
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_field() {
        let problems = parse(
            "[printer]\ntransport = \"tcp\"\naddress = \"http://printer\"\ndevice = \"/dev/usb/lp0\"\n\
             paper_width_mm = 76\ndarkness = 9\ncut = \"half\"\nheader = \"one line\"\n\
             footer = [1, 2]\nlogo = \"missing.png\"\ncolour = \"red\"\n",
        )
        .unwrap_err();
        let fields = fields(&problems);
        for field in [
            "printer.colour",
            "printer.address",
            "printer.device",
            "printer.paper_width_mm",
            "printer.darkness",
            "printer.cut",
            "printer.header",
            "printer.footer",
            "printer.logo",
        ] {
            assert!(
                fields.contains(&field),
                "{field} not reported in {fields:?}"
            );
        }
        let darkness = problems
            .iter()
            .find(|p| p.field == "printer.darkness")
            .unwrap();
        assert!(
            darkness.message.contains("is 9") && darkness.message.contains("1 (light) to 7 (dark)")
        );
        let device = problems
            .iter()
            .find(|p| p.field == "printer.device")
            .unwrap();
        assert!(device
            .message
            .contains("only used with transport = \"device\""));
    }

    #[test]
    fn a_missing_transport_field_is_named() {
        assert_eq!(
            fields(&parse("[printer]\ntransport = \"tcp\"\n").unwrap_err()),
            ["printer.address"]
        );
        assert_eq!(
            fields(&parse("[printer]\ntransport = \"device\"\n").unwrap_err()),
            ["printer.device"]
        );
        assert_eq!(
            fields(&parse("[printer]\ntransport = \"cups\"\n").unwrap_err()),
            ["printer.queue"]
        );
        let p = parse("[printer]\ntransport = \"usb\"\n").unwrap_err();
        assert_eq!(fields(&p), ["printer.transport"]);
        assert!(p[0]
            .message
            .contains("\"tcp\", \"device\", \"cups\" or \"none\""));
    }

    #[test]
    fn bad_addresses_devices_and_queues_are_explained() {
        for bad in [
            "",
            "printer:0",
            "printer:99999",
            "http://x:9100",
            "a b:9100",
        ] {
            let text = format!("[printer]\ntransport = \"tcp\"\naddress = {bad:?}\n");
            assert_eq!(
                fields(&parse(&text).unwrap_err()),
                ["printer.address"],
                "{bad:?}"
            );
        }
        assert_eq!(
            parse("[printer]\ntransport = \"tcp\"\naddress = \"[::1]:9101\"\n")
                .unwrap()
                .transport,
            Transport::Tcp {
                address: "[::1]:9101".into()
            }
        );
        let p = parse("[printer]\ntransport = \"device\"\ndevice = \"lp0\"\n").unwrap_err();
        assert!(p[0].message.contains("absolute path"));
        let p = parse("[printer]\ntransport = \"cups\"\nqueue = \"my printer\"\n").unwrap_err();
        assert_eq!(fields(&p), ["printer.queue"]);
    }

    #[test]
    fn too_many_or_too_long_lines_are_refused() {
        let p =
            parse("[printer]\nheader = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\"]\n").unwrap_err();
        assert!(p[0].message.contains("at most 6"));
        let long = "x".repeat(121);
        let p = parse(&format!("[printer]\nfooter = [\"{long}\"]\n")).unwrap_err();
        assert!(p[0].message.contains("121 characters"));
    }

    #[test]
    fn a_logo_is_found_beside_the_profile_and_must_be_an_image() {
        let dir = tempfile::tempdir().unwrap();
        image::GrayImage::from_pixel(40, 20, image::Luma([0]))
            .save(dir.path().join("logo.png"))
            .unwrap();
        std::fs::write(dir.path().join("not.png"), b"hello").unwrap();
        let s = PrinterSettings::parse_document("[printer]\nlogo = \"logo.png\"\n", dir.path())
            .unwrap();
        assert_eq!(s.logo, Some(dir.path().join("logo.png")));
        let p = PrinterSettings::parse_document("[printer]\nlogo = \"not.png\"\n", dir.path())
            .unwrap_err();
        assert_eq!(fields(&p), ["printer.logo"]);
    }

    #[test]
    fn a_logo_is_not_opened_when_files_are_unchecked() {
        let table: toml::Table = "logo = \"images/missing.png\"\n".parse().unwrap();
        let s = PrinterSettings::check_table(&table, Files::Unchecked).unwrap();
        assert_eq!(s.logo, Some(PathBuf::from("images/missing.png")));
        let table: toml::Table = "logo = \" \"\n".parse().unwrap();
        let p = PrinterSettings::check_table(&table, Files::Unchecked).unwrap_err();
        assert_eq!(fields(&p), ["printer.logo"]);
    }

    #[test]
    fn broken_toml_and_a_printer_that_is_not_a_table_are_reported() {
        assert_eq!(fields(&parse("[printer\n").unwrap_err()), ["(file)"]);
        assert_eq!(fields(&parse("printer = 3\n").unwrap_err()), ["printer"]);
    }

    #[test]
    fn settings_written_as_toml_read_back_the_same() {
        for transport in [
            Transport::Tcp {
                address: "10.0.0.9:9100".into(),
            },
            Transport::Device {
                path: "/dev/usb/lp1".into(),
            },
            Transport::Cups {
                queue: "thermal".into(),
            },
            Transport::None,
        ] {
            let settings = PrinterSettings {
                transport,
                paper_width: PaperWidth::Mm58,
                darkness: Darkness::new(2).unwrap(),
                cut: Cut::Full,
                header: vec!["UBND phường Ba Đình".into()],
                footer: vec!["Cảm ơn".into()],
                logo: None,
            };
            let table = toml::Table::try_from(&settings).unwrap();
            assert_eq!(
                PrinterSettings::from_table(&table, Path::new(".")).unwrap(),
                settings,
                "{table}"
            );
        }
    }
}
