//! Any bytes, read as text the way a kiosk reads a damaged file, give settings or
//! problems: never a panic, and a refusal always says why.

#![no_main]

use kiosk_profile::{Files, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Settings::parse(&text, Files::Unchecked) {
        Ok(settings) => {
            // What was accepted writes out and reads back the same.
            let written = settings.to_toml().expect("valid settings serialise");
            let again =
                Settings::parse(&written, Files::Unchecked).expect("written settings read back");
            assert_eq!(again, settings);
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
});
