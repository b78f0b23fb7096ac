//! The rules the UI's test double copies, checked against the product: every case of
//! `ui/src/test/kiosk-rules.json` goes through the kiosk's own code here, and through the
//! double in `ui/src/test/fake-office.test.ts`. Both assert the answers the table gives.

use chrono::{DateTime, Duration, Utc};
use kiosk_core::kiosk::Kiosk;
use kiosk_core::maintenance::{self, Maintenance};
use kiosk_core::profile::Profile;
use kiosk_core::recent_log::RecentLog;
use kiosk_core::scan::{phone_problem, read_scan};
use serde_json::{json, Value};

fn table() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/test/kiosk-rules.json"
    );
    let text = std::fs::read_to_string(path).expect("the table of rules");
    serde_json::from_str(&text).expect("the table is JSON")
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

#[test]
fn phone_numbers_as_the_table_says() {
    let table = table();
    let rules = &table["phone_problem"];
    for phone in strings(&rules["valid"]) {
        assert_eq!(phone_problem(phone), None, "{phone:?} is refused");
    }
    for phone in strings(&rules["invalid"]) {
        let problem = phone_problem(phone).unwrap_or_else(|| panic!("{phone:?} is accepted"));
        assert_eq!(
            json!(problem),
            rules["problem"],
            "the message for {phone:?}"
        );
    }
}

#[test]
fn scans_as_the_table_says() {
    let table = table();
    let rules = &table["read_scan"];
    // A name of a message in the table stands for that message.
    let expected = |read: &Value| match read.as_str() {
        Some(message) => json!({ "kind": "unreadable", "message": rules[message] }),
        None => read.clone(),
    };
    let cases = rules["cases"].as_array().expect("cases");
    assert!(cases.len() >= 20, "the table lost its cases");
    for case in cases {
        let text = case["text"].as_str().expect("text");
        assert_eq!(json!(read_scan(text)), expected(&case["read"]), "{text:?}");
    }
    let long = &rules["too_long"];
    let text = long["repeat"]
        .as_str()
        .unwrap()
        .repeat(long["times"].as_u64().unwrap() as usize);
    assert_eq!(json!(read_scan(&text)), expected(&long["read"]));
}

/// A kiosk whose central is never asked: the maintenance screen needs one to describe.
fn kiosk(dir: &std::path::Path) -> Kiosk {
    std::fs::write(dir.join("kiosk.token"), "kiosk_test").unwrap();
    let profile = Profile::parse(
        "central_url = \"http://127.0.0.1:9\"\noffice = \"hn-ba-dinh\"\n\
         token_file = \"kiosk.token\"\ncache_dir = \"kiosk-cache\"\n",
        dir,
    )
    .unwrap();
    Kiosk::new(profile).unwrap()
}

/// `"in 60 s"` in the table: that long after the try.
fn locked_until(said: &str, now: DateTime<Utc>) -> DateTime<Utc> {
    let seconds: i64 = said
        .strip_prefix("in ")
        .and_then(|s| s.strip_suffix(" s"))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{said:?} is not \"in N s\""));
    now + Duration::seconds(seconds)
}

/// The instant an RFC 3339 answer names, whatever offset it is written in.
fn instant(text: &Value) -> DateTime<Utc> {
    let text = text.as_str().expect("a time");
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .with_timezone(&Utc)
}

#[test]
fn maintenance_pins_as_the_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let kiosk = kiosk(dir.path());
    let table = table();
    let rules = &table["maintenance_unlock"];
    let pin = rules["pin"].as_str().unwrap();
    let hash = maintenance::hash_pin(pin).unwrap();
    let now = Utc::now();
    for sequence in rules["sequences"].as_array().unwrap() {
        let about = sequence["about"].as_str().unwrap();
        let screen = Maintenance::new(
            Some(hash.clone()),
            RecentLog::default(),
            "kiosk.toml".into(),
            "0.1.0".into(),
        );
        for (i, attempt) in sequence["tries"].as_array().unwrap().iter().enumerate() {
            let tried = attempt["pin"].as_str().unwrap();
            let answer = screen.unlock(&kiosk, None, tried, now);
            let mut expected = attempt["answer"].clone();
            let refused = match answer {
                Ok(_) => {
                    assert_eq!(expected, json!("unlocked"), "{about}: try {i}");
                    continue;
                }
                Err(refused) => json!(refused),
            };
            let mut got = refused.clone();
            if let Some(said) = expected["locked_until"].as_str() {
                assert_eq!(
                    instant(&refused["locked_until"]),
                    locked_until(said, now),
                    "{about}: try {i}"
                );
                expected["locked_until"] = json!("checked");
                got["locked_until"] = json!("checked");
            }
            assert_eq!(got, expected, "{about}: try {i}");
        }
    }
}
