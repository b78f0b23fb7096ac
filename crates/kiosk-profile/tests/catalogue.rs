//! `shown_fields` and `shown_procedures` take what the central's catalogue writes: every
//! field name and procedure code of the demo catalogue is accepted, and a kiosk limited to
//! a field offers exactly that field's procedures.

use std::path::PathBuf;

use kiosk_profile::{Files, Settings};
use serde_json::Value;

/// (code, field.vi) of each procedure in the demo catalogue.
fn demo_procedures() -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../central/demo/procedures.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let procedures: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(!procedures.is_empty());
    procedures
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_owned(),
                p["field"]["vi"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn toml_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| Value::from(*i).to_string()).collect();
    format!("[{}]", quoted.join(", "))
}

#[test]
fn every_code_and_field_of_the_demo_catalogue_is_accepted() {
    let procedures = demo_procedures();
    let codes: Vec<&str> = procedures.iter().map(|(c, _)| c.as_str()).collect();
    let mut fields: Vec<&str> = procedures.iter().map(|(_, f)| f.as_str()).collect();
    fields.sort_unstable();
    fields.dedup();
    let s = Settings::parse(
        &format!(
            "office = \"hn-ba-dinh\"\nshown_fields = {}\nshown_procedures = {}\n",
            toml_list(&fields),
            toml_list(&codes)
        ),
        Files::Unchecked,
    )
    .unwrap();
    assert_eq!(s.shown_procedures.len(), procedures.len());
    for (code, field) in &procedures {
        assert!(s.shows_procedure(code, field), "{code} {field}");
    }
}

#[test]
fn a_civil_status_kiosk_offers_only_civil_status_procedures() {
    let procedures = demo_procedures();
    let s = Settings::parse(
        "office = \"hn-ba-dinh\"\nshown_fields = [\"hộ tịch\"]\n",
        Files::Unchecked,
    )
    .unwrap();
    let shown: Vec<&(String, String)> = procedures
        .iter()
        .filter(|(code, field)| s.shows_procedure(code, field))
        .collect();
    assert!(!shown.is_empty());
    assert!(shown.len() < procedures.len());
    assert!(
        shown.iter().all(|(_, field)| field == "Hộ tịch"),
        "{shown:?}"
    );
    assert_eq!(
        shown.len(),
        procedures.iter().filter(|(_, f)| f == "Hộ tịch").count()
    );
}
