//! The parser answers every input with settings or problems, never a panic: the same
//! inputs a fuzzer finds first (see `fuzz/`), kept here so every test run tries them.

use kiosk_profile::{Files, Settings};

fn nasty_inputs() -> Vec<String> {
    let mb = "x".repeat(1 << 20);
    let deep_arrays = format!("office = {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_inline = format!("branding = {}{}", "{ a = ".repeat(5_000), "}".repeat(5_000));
    let deep_tables = (0..2_000).map(|i| format!("[t{i}]\n")).collect::<String>();
    let deep_dotted = format!("{} = 1", vec!["a"; 10_000].join("."));
    let invalid_utf8: &[u8] = &[
        b'o', b'f', b'f', b'i', b'c', b'e', b'=', b'"', 0xff, 0xfe, 0xc3, 0x28, b'"', b'\n', 0xed,
        0xa0, 0x80,
    ];
    vec![
        String::new(),
        // Accepted, with control characters and quotes that must survive being written out.
        r#"office = "hn"
shown_fields = ["  \"Hộ\ttịch\"  ", "Ho\u0323\u0302 ti\u0323ch lần 2", "\u0000", "'''"]
shown_procedures = ["1.001193"]
[branding]
title_vi = "\u0000\t\"'''"
[closed_message]
en = """
two
lines"""
[printer]
header = ["\u001b[31m", ""]
"#
        .into(),
        "\u{0}".into(),
        "\u{feff}office = \"hn-ba-dinh\"".into(),
        deep_arrays,
        deep_inline,
        deep_tables,
        deep_dotted,
        String::from_utf8_lossy(invalid_utf8).into_owned(),
        format!("office = \"{mb}\""),
        format!("default_language = \"{mb}\""),
        format!("office = \"hn\"\n[closed_message]\nvi = \"{mb}\""),
        format!("office = \"hn\"\n[printer]\nheader = [\"{mb}\"]"),
        format!("office = \"hn\"\n[printer]\ntransport = \"tcp\"\naddress = \"{mb}\""),
        format!("office = \"hn\"\ncity_portal_url = \"https://{mb}/{{code}}\""),
        format!("{mb} = 1"),
        format!("\"{mb}\" = 1"),
        "idle_timeout_seconds = 99999999999999999999999999999".into(),
        "idle_timeout_seconds = -9223372036854775808".into(),
        "idle_timeout_seconds = 1e308\noffice = 1e400".into(),
        "idle_timeout_seconds = nan\ndefault_language = inf".into(),
        "office = \"hn\"\n[printer]\ndarkness = 9223372036854775807\npaper_width_mm = -1".into(),
        "office = [1, \"a\", {x = 1}, [[]]]\nlanguages = [[\"vi\"]]\nhome_actions = [1979-05-27]".into(),
        "office = {}\nbranding = []\naccessibility = 1\nclosed_message = true\nprinter = 1979-05-27T07:32:00Z".into(),
        "[branding]\nprimary_colour = \"#\u{1F600}\u{1F600}\u{1F600}\"\nbackground_colour = \"#ééé\"".into(),
        "[[printer]]\n[[printer]]".into(),
        "a = \"\\uD800\"".into(),
        "office = '''\n\n\n'''\n".into(),
        "=\n[\n[[\n\"".into(),
        format!("shown_fields = [{}]", vec!["\"Hộ tịch\""; 100_000].join(",")),
        format!("office = \"hn\"\nshown_fields = [{}]", vec!["\"Hộ tịch\""; 100_000].join(",")),
        format!("office = \"hn\"\nshown_fields = [\"{mb}\", \" {mb} \"]"),
        format!("office = \"hn\"\nshown_fields = [\"{}\"]", "\\u0301".repeat(100_000)),
        format!("office = \"hn\"\nshown_procedures = [{}]", vec!["\"1.001193\""; 100_000].join(",")),
        format!("office = \"hn\"\nshown_procedures = [\"1.{mb}\"]"),
        format!("languages = [{}]", vec!["\"x\""; 100_000].join(",")),
    ]
}

#[test]
fn nasty_inputs_give_problems_not_panics() {
    let mut accepted = 0;
    for (i, input) in nasty_inputs().iter().enumerate() {
        let result = std::panic::catch_unwind(|| Settings::parse(input, Files::Unchecked));
        let outcome = result.unwrap_or_else(|_| panic!("input {i} panicked"));
        match outcome {
            Ok(settings) => {
                accepted += 1;
                // As the fuzz target checks: what is accepted writes out and reads back the same.
                let written = settings.to_toml().unwrap();
                assert_eq!(
                    Settings::parse(&written, Files::Unchecked),
                    Ok(settings),
                    "input {i}"
                );
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "input {i}: refused without a problem");
                for p in &problems {
                    assert!(
                        !p.field.is_empty() && !p.message.is_empty(),
                        "input {i}: {p:?}"
                    );
                }
            }
        }
    }
    assert!(accepted >= 1, "the accepted inputs were refused");
}

#[test]
fn a_huge_list_is_reported_in_a_bounded_number_of_problems() {
    for (setting, entry) in [
        ("languages", "\"x\""),
        ("shown_fields", "\"Hộ tịch\""),
        ("shown_fields", "\"\""),
        ("shown_procedures", "\"1.001193\""),
        ("shown_procedures", "\"x\""),
    ] {
        let input = format!(
            "office = \"hn\"\n{setting} = [{}]",
            vec![entry; 100_000].join(",")
        );
        let problems = Settings::parse(&input, Files::Unchecked).unwrap_err();
        assert!(
            problems.len() <= 20,
            "{setting} = [{entry}, …]: {} problems",
            problems.len()
        );
    }
}
