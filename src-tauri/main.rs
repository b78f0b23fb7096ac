// No console window on Windows release builds; irrelevant on the Linux kiosk.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use kiosk_core::profile::Profile;

const USAGE: &str = "usage:
  kiosk [--profile PATH]            run the kiosk (or set KIOSK_PROFILE)
  kiosk profile validate PATH       check a profile file and print its problems";

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
        Ok(profile) => kiosk_app::run(profile, started),
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
                 cache {}, online applications to the {} portal.",
                path.display(),
                p.office,
                p.central_url,
                p.languages,
                p.default_language,
                p.idle_timeout_seconds,
                p.cache_dir.display(),
                if p.city_portal_url.is_some() { "city" } else { "national" }
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            print!("{error}");
            ExitCode::from(1)
        }
    }
}
