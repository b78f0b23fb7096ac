// No console window on Windows release builds; irrelevant on the Linux kiosk.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use kiosk_core::maintenance;
use kiosk_core::profile::Profile;

const USAGE: &str = "usage:
  kiosk [--profile PATH]            run the kiosk (or set KIOSK_PROFILE)
  kiosk profile validate PATH       check a profile file and print its problems
  kiosk maintenance hash-pin        read a maintenance PIN from stdin, print its hash
                                    for the profile's maintenance_pin_hash";

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut profile_path = std::env::var_os("KIOSK_PROFILE").map(PathBuf::from);
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["profile", "validate", path] => return validate(PathBuf::from(path)),
        ["maintenance", "hash-pin"] => return hash_pin(),
        ["--profile", path] => profile_path = Some(PathBuf::from(path)),
        [] => {}
        ["--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(path) = profile_path else {
        eprintln!("kiosk: no profile given; use --profile PATH or set KIOSK_PROFILE\n{USAGE}");
        return ExitCode::from(2);
    };
    match Profile::load(&path) {
        Ok(profile) => kiosk_app::run(profile, &path, started),
        Err(error) => {
            eprint!("kiosk: {error}");
            ExitCode::from(2)
        }
    }
}

fn validate(path: PathBuf) -> ExitCode {
    match Profile::load(&path) {
        Ok(p) => {
            println!(
                "{}: valid. Office {}, central {}, languages {:?} (default {:?}), idle timeout {} s, \
                 cache {}, online applications to the {} portal, maintenance screen {}.",
                path.display(),
                p.office,
                p.central_url,
                p.languages,
                p.default_language,
                p.idle_timeout_seconds,
                p.cache_dir.display(),
                if p.city_portal_url.is_some() { "city" } else { "national" },
                if p.maintenance_pin_hash.is_some() {
                    "behind its PIN"
                } else {
                    "off (no maintenance_pin_hash)"
                }
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            print!("{error}");
            ExitCode::from(1)
        }
    }
}

/// `kiosk maintenance hash-pin`: the PIN from the first line of stdin, its hash on stdout.
fn hash_pin() -> ExitCode {
    use std::io::{BufRead, IsTerminal};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!(
            "New maintenance PIN ({min} to {max} digits), then Enter: ",
            min = maintenance::MIN_PIN_DIGITS,
            max = maintenance::MAX_PIN_DIGITS
        );
    }
    let mut line = String::new();
    if let Err(e) = stdin.lock().read_line(&mut line) {
        eprintln!("kiosk: cannot read the PIN from stdin: {e}");
        return ExitCode::from(2);
    }
    let pin = line.trim_end_matches(['\r', '\n']);
    match maintenance::hash_pin(pin) {
        Ok(hash) => {
            println!("{}", hash.as_str());
            ExitCode::SUCCESS
        }
        Err(rule) => {
            eprintln!("kiosk: PIN refused: {rule}. Nothing was printed.");
            ExitCode::from(1)
        }
    }
}
