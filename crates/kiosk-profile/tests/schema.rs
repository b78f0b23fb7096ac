//! The JSON Schema shipped in `profiles/` is the one the code generates, and it describes
//! what the parser reads: the demo profile's settings, serialised, validate against it.

use std::path::PathBuf;

use kiosk_profile::schema::{schema, schema_text, SCHEMA_PATH};
use kiosk_profile::{parse_toml, Files, Settings, DEVICE_FIELDS};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_shipped_schema_is_up_to_date() {
    let path = root().join(SCHEMA_PATH);
    let expected = schema_text();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `UPDATE_SCHEMA=1 cargo test -p kiosk-profile --test schema`",
        path.display()
    );
}

/// The kiosk's maintenance PIN hash, kept only in its own file: the kiosk takes it out
/// before the profile is checked, as it does the device settings.
const PIN_HASH_SETTING: &str = "maintenance_pin_hash";

/// The demo profile's settings: its file without the device settings and the PIN hash.
fn demo_settings() -> Settings {
    let text = std::fs::read_to_string(root().join("profiles/demo.toml")).unwrap();
    let mut table = parse_toml(&text).unwrap();
    for field in DEVICE_FIELDS.into_iter().chain([PIN_HASH_SETTING]) {
        table.remove(field);
    }
    Settings::from_table(&table, Files::Unchecked).unwrap()
}

#[test]
fn the_demo_profile_validates_against_the_schema() {
    let settings = demo_settings();
    let json = serde_json::to_value(&settings).unwrap();
    let schema = schema();
    let mut errors = Vec::new();
    validate(&json, &schema, &schema, "", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}\n{json:#}");
    // And the schema is strict: a setting it does not know is refused.
    let mut extra = json.clone();
    extra["colour"] = Value::from("red");
    let mut errors = Vec::new();
    validate(&extra, &schema, &schema, "", &mut errors);
    assert_eq!(errors, ["colour: not a property"]);
}

#[test]
fn settings_read_written_and_read_again_are_the_same() {
    let settings = demo_settings();
    let text = settings.to_toml().unwrap();
    let again = Settings::parse(&text, Files::Unchecked).unwrap();
    assert_eq!(again, settings, "{text}");
    assert_eq!(again.to_toml().unwrap(), text);
}

#[test]
fn the_schema_names_the_format_and_its_limits() {
    let schema = schema();
    assert_eq!(schema["title"], "Kiosk profile");
    let props = &schema["properties"];
    assert_eq!(props["idle_timeout_seconds"]["minimum"], 15);
    assert_eq!(props["idle_timeout_seconds"]["maximum"], 600);
    assert_eq!(props["idle_timeout_seconds"]["default"], 90);
    assert_eq!(schema["required"], serde_json::json!(["office"]));
    let pinned = &schema["$defs"]["QuickNumbers"]["properties"]["pinned"];
    assert_eq!(pinned["maxItems"], 6, "{pinned}");
    assert_eq!(pinned["uniqueItems"], true, "{pinned}");
    assert_eq!(schema["additionalProperties"], false);
}

/// A small JSON Schema check: the keywords the generated schema uses.
fn validate(value: &Value, node: &Value, root: &Value, at: &str, errors: &mut Vec<String>) {
    let node = resolve(node, root);
    let mut fail = |what: String| errors.push(format!("{at}: {what}"));
    if let Some(reference) = node.get("$ref") {
        panic!("unresolved {reference}");
    }
    if let Some(types) = node.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !fits {
            fail(format!("is {actual}, not {types:?}"));
            return;
        }
    }
    if let Some(constant) = node.get("const") {
        if constant != value {
            fail(format!("is {value}, not {constant}"));
        }
    }
    if let Some(Value::Array(options)) = node.get("enum") {
        if !options.contains(value) {
            fail(format!("{value} is not one of {options:?}"));
        }
    }
    for (keyword, any) in [("anyOf", true), ("oneOf", false)] {
        if let Some(Value::Array(branches)) = node.get(keyword) {
            let passing = branches
                .iter()
                .filter(|b| {
                    let mut e = Vec::new();
                    validate(value, b, root, at, &mut e);
                    e.is_empty()
                })
                .count();
            if (any && passing == 0) || (!any && passing != 1) {
                fail(format!("{value} matches {passing} branches of {keyword}"));
            }
        }
    }
    if let Some(n) = value.as_f64() {
        if node
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            fail(format!("{n} is under the minimum"));
        }
        if node
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            fail(format!("{n} is over the maximum"));
        }
    }
    if let Some(s) = value.as_str() {
        let len = s.chars().count() as u64;
        if node
            .get("minLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| len < m)
        {
            fail("is too short".into());
        }
        if node
            .get("maxLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| len > m)
        {
            fail("is too long".into());
        }
    }
    if let Value::Array(items) = value {
        let len = items.len() as u64;
        if node
            .get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| len < m)
            || node
                .get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
        {
            fail(format!("has {len} items"));
        }
        if let Some(item) = node.get("items") {
            for (i, v) in items.iter().enumerate() {
                validate(v, item, root, &format!("{at}[{i}]"), errors);
            }
        }
    }
    if let Value::Object(fields) = value {
        let properties = node.get("properties").and_then(Value::as_object);
        for (key, v) in fields {
            let path = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            match properties.and_then(|p| p.get(key)) {
                Some(property) => validate(v, property, root, &path, errors),
                None if node.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: not a property"))
                }
                None => {}
            }
        }
        if let Some(Value::Array(required)) = node.get("required") {
            for key in required.iter().filter_map(Value::as_str) {
                if !fields.contains_key(key) {
                    errors.push(format!("{at}: {key} is required"));
                }
            }
        }
    }
}

fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference
                .strip_prefix("#/$defs/")
                .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
            resolve(&root["$defs"][name], root)
        }
        None => node,
    }
}
