//! The profile format as JSON Schema, for editors and for the central's console.

use schemars::JsonSchema;
use serde::Serialize;

use crate::Settings;

/// Where the generated schema is kept, relative to the workspace root.
pub const SCHEMA_PATH: &str = "profiles/kiosk-profile.schema.json";

/// The JSON Schema of [`Settings`], the profile format.
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Settings)).unwrap_or_default();
    drop_null_types(&mut schema);
    schema
}

/// TOML has no null: a setting that may be left out is simply not required, so
/// `"type": ["string", "null"]` becomes `"type": "string"`.
fn drop_null_types(node: &mut serde_json::Value) {
    use serde_json::Value;
    match node {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            map.values_mut().for_each(drop_null_types);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_types),
        _ => {}
    }
}

/// The schema file's text: the schema, pretty-printed, with a final newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// How the ticket printer is reached.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum PrinterTransport {
    /// A network printer's raw port.
    Tcp,
    /// A printer's device file, e.g. /dev/usb/lp0.
    Device,
    /// A raw CUPS queue.
    Cups,
    /// No printer: tickets are on screen only.
    None,
}

/// How the ticket is cut off the roll.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum PrinterCut {
    /// Leaves a small hinge.
    Partial,
    /// Cuts right through.
    Full,
}

/// The `[printer]` table as written; the printer crate checks it (`printer::PrinterSettings`).
#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct PrinterTable {
    /// "tcp", "device", "cups" or "none".
    #[schemars(default = "PrinterTable::default_transport")]
    transport: PrinterTransport,
    /// With transport = "tcp": host:port, port 9100 when left out.
    address: Option<String>,
    /// With transport = "device": the device file's absolute path.
    device: Option<String>,
    /// With transport = "cups": a raw CUPS queue's name.
    queue: Option<String>,
    /// Paper roll width in millimetres: 58 or 80.
    #[schemars(default = "PrinterTable::default_width", extend("enum" = [58, 80]))]
    paper_width_mm: u32,
    /// 1 (light) to 7 (dark); 4 is the printer's standard.
    #[schemars(default = "PrinterTable::default_darkness", range(min = 1, max = 7))]
    darkness: u8,
    /// "partial" or "full".
    #[schemars(default = "PrinterTable::default_cut")]
    cut: PrinterCut,
    /// Lines above the office name.
    #[schemars(default, length(max = 6), inner(length(max = 120)))]
    header: Vec<String>,
    /// Lines at the bottom of the ticket.
    #[schemars(default, length(max = 6), inner(length(max = 120)))]
    footer: Vec<String>,
    /// A PNG printed at the top, relative to the kiosk's profile file.
    logo: Option<String>,
}

impl PrinterTable {
    fn default_transport() -> PrinterTransport {
        PrinterTransport::None
    }

    fn default_width() -> u32 {
        80
    }

    fn default_darkness() -> u8 {
        4
    }

    fn default_cut() -> PrinterCut {
        PrinterCut::Partial
    }
}
