use std::path::Path;

use super::*;

const OFFICE: &str = "office = \"hn-ba-dinh\"\n";

fn parse(text: &str) -> Result<Settings, Vec<Problem>> {
    Settings::parse(text, Files::Unchecked)
}

/// The problems of `OFFICE` + `extra`, which must be refused.
#[track_caller]
fn problems(extra: &str) -> Vec<Problem> {
    parse(&format!("{OFFICE}{extra}")).expect_err("the profile must be refused")
}

#[test]
fn an_office_alone_is_a_profile_with_every_default() {
    let s = parse(OFFICE).unwrap();
    assert_eq!(s.format_version, 1);
    assert_eq!(s.office, "hn-ba-dinh");
    assert_eq!(s.default_language, Language::Vi);
    assert_eq!(s.languages, [Language::Vi, Language::En]);
    assert_eq!(s.idle_timeout_seconds, 90);
    assert_eq!(s.city_portal_url, None);
    assert_eq!(s.home_actions, HomeAction::ALL);
    assert!(s.shown_fields.is_empty() && s.shown_procedures.is_empty());
    assert!(s.shows_procedure("1.001193", "Hộ tịch"));
    assert_eq!(s.branding, Branding::default());
    assert_eq!(s.accessibility.text_size, TextSize::Normal);
    assert!(!s.accessibility.high_contrast);
    assert!(!s.accessibility.read_aloud);
    assert_eq!(s.closed_message, ClosedMessage::default());
    assert_eq!(s.printer, PrinterSettings::default());
}

#[test]
fn every_setting_is_read() {
    let s = parse(
        "format_version = 1\noffice = \"hn-ba-dinh\"\ndefault_language = \"en\"\nlanguages = [\"en\", \"vi\"]\n\
         idle_timeout_seconds = 45\ncity_portal_url = \"https://dichvucong.hanoi.gov.vn/tthc?ma={code}\"\n\
         home_actions = [\"documents\", \"ticket\"]\nshown_fields = [\"Hộ tịch\", \" Chứng thực \"]\n\
         shown_procedures = [\"1.001193\", \"2.000986\"]\n\
         [branding]\ntitle_vi = \"Phường Ba Đình\"\ntitle_en = \"Ba Dinh Ward\"\nprimary_colour = \"#9E1B1B\"\nbackground_colour = \"#ffffff\"\n\
         [accessibility]\ntext_size = \"extra_large\"\nhigh_contrast = true\nread_aloud = true\n\
         [closed_message]\nvi = \"Hộp thư đêm ở cổng bên trái.\"\nen = \"The night drop box is left of the gate.\"\n\
         [printer]\ntransport = \"tcp\"\naddress = \"10.0.0.9\"\nlogo = \"logo.png\"\n",
    )
    .unwrap();
    assert_eq!(s.default_language, Language::En);
    assert_eq!(s.languages, [Language::En, Language::Vi]);
    assert_eq!(s.idle_timeout_seconds, 45);
    assert_eq!(s.home_actions, [HomeAction::Documents, HomeAction::Ticket]);
    assert_eq!(s.shown_fields, ["Hộ tịch", "Chứng thực"], "kept trimmed");
    assert_eq!(s.shown_procedures, ["1.001193", "2.000986"]);
    assert_eq!(s.branding.title_vi.as_deref(), Some("Phường Ba Đình"));
    assert_eq!(s.branding.primary_colour.to_string(), "#9e1b1b");
    assert_eq!(s.accessibility.text_size, TextSize::ExtraLarge);
    assert!(s.accessibility.high_contrast);
    assert!(s.accessibility.read_aloud);
    assert!(s.closed_message.en.contains("night drop box"));
    // Held on the central, the logo is kept as written and not opened.
    assert_eq!(s.printer.logo.as_deref(), Some(Path::new("logo.png")));
}

/// Each invalid setting is reported with its field and a message that says what is right.
#[test]
fn each_invalid_setting_is_named_and_explained() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "format_version = 2\n",
            "format_version",
            &["is 2", "reads format 1"],
        ),
        (
            "default_language = \"fr\"\n",
            "default_language",
            &["\"fr\"", "\"vi\" or \"en\""],
        ),
        (
            "languages = [\"en\"]\n",
            "default_language",
            &["one of `languages`"],
        ),
        ("languages = \"vi\"\n", "languages", &["must be a list"]),
        (
            "languages = [\"vi\", \"de\"]\n",
            "languages",
            &["\"de\"", "\"vi\" or \"en\""],
        ),
        (
            "languages = [\"vi\", \"vi\"]\n",
            "languages",
            &["lists \"vi\" twice"],
        ),
        ("languages = []\n", "languages", &["at least one language"]),
        (
            "idle_timeout_seconds = 5\n",
            "idle_timeout_seconds",
            &["is 5", "from 15 to 600"],
        ),
        (
            "idle_timeout_seconds = 601\n",
            "idle_timeout_seconds",
            &["is 601", "from 15 to 600"],
        ),
        (
            "idle_timeout_seconds = \"90\"\n",
            "idle_timeout_seconds",
            &["is \"90\"", "whole number"],
        ),
        (
            "idle_timeout_seconds = 90.5\n",
            "idle_timeout_seconds",
            &["is 90.5"],
        ),
        (
            "idle_timeout_seconds = 99999999999999999\n",
            "idle_timeout_seconds",
            &["from 15 to 600"],
        ),
        (
            "city_portal_url = \"https://dichvucong.hanoi.gov.vn/\"\n",
            "city_portal_url",
            &["{code}"],
        ),
        (
            "city_portal_url = \"ftp://x/{code}\"\n",
            "city_portal_url",
            &["http:// or https://"],
        ),
        (
            "city_portal_url = 3\n",
            "city_portal_url",
            &["is 3", "text"],
        ),
        ("home_actions = []\n", "home_actions", &["at least one"]),
        (
            "home_actions = [\"print\"]\n",
            "home_actions",
            &[
                "\"print\"",
                "\"ticket\", \"documents\", \"appointment\" or \"online\"",
            ],
        ),
        (
            "home_actions = [\"ticket\", \"ticket\"]\n",
            "home_actions",
            &["lists \"ticket\" twice"],
        ),
        (
            "home_actions = \"ticket\"\n",
            "home_actions",
            &["must be a list"],
        ),
        (
            "shown_fields = \"Hộ tịch\"\n",
            "shown_fields",
            &["must be a list", "[\"Hộ tịch\", \"Chứng thực\"]"],
        ),
        (
            "shown_fields = [\"Hộ tịch\", 3]\n",
            "shown_fields[1]",
            &["is 3", "a field's name in quotes"],
        ),
        (
            "shown_fields = [[\"Hộ tịch\"]]\n",
            "shown_fields[0]",
            &["is a list", "in quotes"],
        ),
        (
            "shown_fields = [\"\"]\n",
            "shown_fields[0]",
            &["is empty", "\"Hộ tịch\""],
        ),
        (
            "shown_fields = [\"Hộ tịch\", \" \\t \"]\n",
            "shown_fields[1]",
            &["is empty"],
        ),
        (
            "shown_fields = [\"Hộ tịch\", \"Hộ tịch\"]\n",
            "shown_fields[1]",
            &["\"Hộ tịch\"", "already listed as shown_fields[0]", "once"],
        ),
        (
            "shown_fields = [\"Hộ tịch\", \"Chứng thực\", \"HỘ TỊCH \"]\n",
            "shown_fields[2]",
            &[
                "\"HỘ TỊCH\"",
                "shown_fields[0] (\"Hộ tịch\")",
                "ignoring case",
            ],
        ),
        (
            // The same name with its accents typed as combining marks (NFD).
            "shown_fields = [\"Hộ tịch\", \"Ho\u{323}\u{302} ti\u{323}ch\"]\n",
            "shown_fields[1]",
            &["already listed as shown_fields[0]"],
        ),
        (
            "shown_procedures = \"1.001193\"\n",
            "shown_procedures",
            &["must be a list", "[\"1.001193\", \"2.000986\"]"],
        ),
        (
            "shown_procedures = [1.001193]\n",
            "shown_procedures[0]",
            &["is 1.001193", "a procedure code in quotes"],
        ),
        (
            "shown_procedures = [\"1.001193\", \"1001193\"]\n",
            "shown_procedures[1]",
            &[
                "\"1001193\"",
                "one digit, a dot and six digits",
                "\"1.001193\"",
            ],
        ),
        (
            "shown_procedures = [\"1.001193\", \"1.001193\"]\n",
            "shown_procedures[1]",
            &[
                "\"1.001193\"",
                "already listed as shown_procedures[0]",
                "once",
            ],
        ),
        (
            "central_url = \"http://10.0.0.5:8080\"\n",
            "central_url",
            &["device setting"],
        ),
        (
            "token_file = \"kiosk.token\"\n",
            "token_file",
            &["device setting"],
        ),
        ("cache_dir = \"cache\"\n", "cache_dir", &["device setting"]),
        ("colour = \"red\"\n", "colour", &["not a known setting"]),
        (
            "branding = \"blue\"\n",
            "branding",
            &["must be a table", "[branding]"],
        ),
        (
            "[branding]\nlogo = \"x\"\n",
            "branding.logo",
            &["not a known branding setting"],
        ),
        (
            "[branding]\ntitle_vi = \"\"\n",
            "branding.title_vi",
            &["is empty"],
        ),
        (
            "[branding]\ntitle_en = 7\n",
            "branding.title_en",
            &["is 7", "text"],
        ),
        (
            "[branding]\nprimary_colour = \"blue\"\n",
            "branding.primary_colour",
            &["\"blue\"", "#RRGGBB"],
        ),
        (
            "[branding]\nbackground_colour = \"#fff\"\n",
            "branding.background_colour",
            &["#RRGGBB"],
        ),
        (
            "[branding]\nprimary_colour = \"#7799cc\"\n",
            "branding.primary_colour",
            &["#7799cc", "2.91:1", "4.5:1", "darker"],
        ),
        (
            "[branding]\nheader_colour = \"#ff6666\"\n",
            "branding.header_colour",
            &["#ff6666", "4.5:1", "darker"],
        ),
        (
            "[branding]\nbackground_colour = \"#555555\"\n",
            "branding.background_colour",
            &["#555555", "#1a1a1a", "2.", "lighter"],
        ),
        (
            "[accessibility]\ntext_size = \"huge\"\n",
            "accessibility.text_size",
            &["\"huge\"", "\"extra_large\""],
        ),
        (
            "[accessibility]\nhigh_contrast = \"yes\"\n",
            "accessibility.high_contrast",
            &["true or false"],
        ),
        (
            "[accessibility]\nread_aloud = 1\n",
            "accessibility.read_aloud",
            &["true or false"],
        ),
        (
            "[accessibility]\nzoom = 2\n",
            "accessibility.zoom",
            &["not a known accessibility setting"],
        ),
        (
            "closed_message = 1\n",
            "closed_message",
            &["must be a table"],
        ),
        (
            "[closed_message]\nfr = \"x\"\n",
            "closed_message.fr",
            &["not a known"],
        ),
        (
            "[closed_message]\nvi = [\"x\"]\n",
            "closed_message.vi",
            &["a list", "text"],
        ),
        ("printer = \"tcp\"\n", "printer", &["must be a table"]),
        (
            "[printer]\ntransport = \"fax\"\n",
            "printer.transport",
            &["\"fax\""],
        ),
        ("[printer]\nlogo = \"\"\n", "printer.logo", &["is empty"]),
    ];
    for (extra, field, words) in cases {
        let found = problems(extra);
        let problem = found
            .iter()
            .find(|p| p.field == *field)
            .unwrap_or_else(|| panic!("{extra:?}: no problem with {field} in {found:?}"));
        for word in *words {
            assert!(
                problem.message.contains(word),
                "{extra:?}: {field}: {:?} does not say {word:?}",
                problem.message
            );
        }
    }
    let long = "x".repeat(301);
    let found = problems(&format!("[closed_message]\nen = \"{long}\"\n"));
    assert_eq!(found[0].field, "closed_message.en");
    assert!(found[0].message.contains("301 characters"), "{found:?}");
    let found = problems(&format!("[branding]\ntitle_vi = \"{}\"\n", "Đ".repeat(61)));
    assert!(found[0].message.contains("61 characters"), "{found:?}");
}

/// A problem of `OFFICE` + `extra`: the only one, with `field`, saying each of `words`.
#[track_caller]
fn only_problem(extra: &str, field: &str, words: &[&str]) {
    let found = problems(extra);
    assert_eq!(found.len(), 1, "{extra:?}: {found:?}");
    assert_eq!(found[0].field, field, "{extra:?}: {found:?}");
    for word in words {
        assert!(
            found[0].message.contains(word),
            "{extra:?}: {:?} does not say {word:?}",
            found[0].message
        );
    }
}

#[test]
fn a_field_name_is_one_to_a_hundred_characters_once_trimmed() {
    let name = |n: usize| format!("  {}  ", "ị".repeat(n));
    for n in [1, 100] {
        let s = parse(&format!("{OFFICE}shown_fields = [\"{}\"]\n", name(n))).unwrap();
        assert_eq!(s.shown_fields, ["ị".repeat(n)]);
    }
    only_problem(
        &format!("shown_fields = [\"Hộ tịch\", \"{}\"]\n", name(101)),
        "shown_fields[1]",
        &["is 101 characters long", "at most 100"],
    );
}

#[test]
fn at_most_fifty_fields_and_five_hundred_procedures_are_listed() {
    let fields = |n: usize| -> String {
        let names: Vec<String> = (0..n).map(|i| format!("\"Lĩnh vực {i}\"")).collect();
        format!("shown_fields = [{}]\n", names.join(", "))
    };
    let codes = |n: usize| -> String {
        let codes: Vec<String> = (0..n).map(|i| format!("\"1.{i:06}\"")).collect();
        format!("shown_procedures = [{}]\n", codes.join(", "))
    };
    let s = parse(&format!("{OFFICE}{}{}", fields(50), codes(500))).unwrap();
    assert_eq!((s.shown_fields.len(), s.shown_procedures.len()), (50, 500));
    only_problem(
        &fields(51),
        "shown_fields",
        &["has 51 entries", "at most 50"],
    );
    only_problem(
        &codes(501),
        "shown_procedures",
        &["has 501 entries", "at most 500"],
    );
}

#[test]
fn a_procedure_code_has_the_catalogue_s_shape() {
    for good in ["1.001193", "2.000986", "1.014027", "0.000000", "9.999999"] {
        let s = parse(&format!("{OFFICE}shown_procedures = [\"{good}\"]\n")).unwrap();
        assert_eq!(s.shown_procedures, [good]);
    }
    for bad in [
        "",
        "1",
        "1.",
        ".001193",
        "1.1193",
        "1.0011930",
        "01.001193",
        "1,001193",
        "1-001193",
        "1.00119a",
        " 1.001193",
        "1.001193 ",
        "1.001193.000.00.00.H26",
        "١.٠٠١١٩٣",
        "1.００1193",
    ] {
        only_problem(
            &format!("shown_procedures = [\"{bad}\"]\n"),
            "shown_procedures[0]",
            &["one digit, a dot and six digits", "e.g. \"1.001193\""],
        );
    }
}

#[test]
fn many_wrong_entries_are_reported_in_a_bounded_number_of_problems() {
    let found = problems(&format!(
        "shown_procedures = [{}]\n",
        vec!["\"x\""; 40].join(", ")
    ));
    let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "shown_procedures[0]",
            "shown_procedures[1]",
            "shown_procedures[2]",
            "shown_procedures[3]",
            "shown_procedures[4]",
            "shown_procedures"
        ]
    );
    assert!(found[5].message.contains("35 more entries"), "{found:?}");
    // Every wrong entry is named by its own index; twins are found among the right ones.
    let found = problems("shown_fields = [\"\", \"Đất đai\", 7, \"đất đai\"]\n");
    let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["shown_fields[0]", "shown_fields[2]", "shown_fields[3]"]
    );
    assert!(
        found[2].message.contains("shown_fields[1] (\"Đất đai\")"),
        "{found:?}"
    );
}

#[test]
fn a_kiosk_shows_the_procedures_of_its_fields_and_list() {
    let with = |extra: &str| parse(&format!("{OFFICE}{extra}")).unwrap();

    let all = with("");
    assert!(all.shows_procedure("1.001193", "Hộ tịch"));
    assert!(all.shows_procedure("2.000986", "Đất đai"));

    let civil = with("shown_fields = [\"Hộ tịch\", \"Chứng thực\"]\n");
    assert!(civil.shows_procedure("1.001193", "Hộ tịch"));
    assert!(civil.shows_procedure("2.000815", "Chứng thực"));
    assert!(!civil.shows_procedure("2.000986", "Đất đai"));
    assert!(!civil.shows_procedure("1.001193", "Hộ"));
    assert!(!civil.shows_procedure("1.001193", ""));
    // The same comparison as the check: case, spaces around and composition do not matter.
    assert!(civil.shows_procedure("1.001193", "HỘ TỊCH"));
    assert!(civil.shows_procedure("1.001193", " hộ tịch "));
    assert!(civil.shows_procedure("1.001193", "Ho\u{323}\u{302} ti\u{323}ch"));
    // Accents are not case: a field without them is another field.
    assert!(!civil.shows_procedure("1.001193", "Ho tich"));

    let decomposed = with("shown_fields = [\"ho\u{323}\u{302} ti\u{323}ch\"]\n");
    assert!(decomposed.shows_procedure("1.001193", "Hộ tịch"));

    let listed = with("shown_procedures = [\"1.001193\", \"2.000986\"]\n");
    assert!(listed.shows_procedure("1.001193", "Hộ tịch"));
    assert!(listed.shows_procedure("2.000986", "Đất đai"));
    assert!(!listed.shows_procedure("1.001022", "Hộ tịch"));
    assert!(!listed.shows_procedure(" 1.001193", "Hộ tịch"));

    // Both: a procedure must be listed and in one of the fields.
    let both =
        with("shown_fields = [\"Hộ tịch\"]\nshown_procedures = [\"1.001193\", \"2.000986\"]\n");
    assert!(both.shows_procedure("1.001193", "Hộ tịch"));
    assert!(!both.shows_procedure("2.000986", "Đất đai"));
    assert!(!both.shows_procedure("1.001022", "Hộ tịch"));
}

#[test]
fn a_missing_or_malformed_office_is_named() {
    let found = parse("").unwrap_err();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "office");
    assert!(found[0].message.contains("is missing"));
    for bad in [
        "\"Ba Dinh\"",
        "\"\"",
        "3",
        &format!("\"{}\"", "a".repeat(65)),
    ] {
        let found = parse(&format!("office = {bad}\n")).unwrap_err();
        assert_eq!(found[0].field, "office", "{bad}");
        assert!(found[0].message.contains("lower-case letters"), "{bad}");
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = parse(
        "office = \"Ba Dinh\"\ndefault_language = \"fr\"\nidle_timeout_seconds = 5\ncolour = \"red\"\n\
         [branding]\nprimary_colour = \"#ffff00\"\n[printer]\ntransport = \"fax\"\ndarkness = 9\n",
    )
    .unwrap_err();
    let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "colour",
            "office",
            "default_language",
            "idle_timeout_seconds",
            "branding.primary_colour",
            "printer.transport",
            "printer.darkness"
        ]
    );
}

#[test]
fn broken_toml_is_one_problem_with_its_line() {
    let found = parse(
        "office = \"hn-ba-dinh\"\n\nlanguages = [\"vi\" \"en\"]\nidle_timeout_seconds = 30\n",
    )
    .unwrap_err();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "(file)");
    assert!(
        found[0].message.starts_with("is not valid TOML (line 3): ")
            && !found[0].message.contains('\n'),
        "{found:?}"
    );
}

#[test]
fn a_long_wrong_value_is_quoted_short() {
    let found = problems(&format!("default_language = \"{}\"\n", "x".repeat(10_000)));
    assert!(found[0].message.len() < 200, "{}", found[0].message);
}

#[test]
fn a_logo_is_opened_when_files_are_checked() {
    let dir = std::env::temp_dir();
    let found = Settings::parse(
        &format!("{OFFICE}[printer]\nlogo = \"no-such-logo-7d1c.png\"\n"),
        Files::Beside(&dir),
    )
    .unwrap_err();
    assert_eq!(found[0].field, "printer.logo");
    assert!(parse(&format!(
        "{OFFICE}[printer]\nlogo = \"no-such-logo-7d1c.png\"\n"
    ))
    .is_ok());
}

#[test]
fn settings_written_as_toml_read_back_the_same() {
    let s = parse(
        "office = \"hn-ba-dinh\"\nlanguages = [\"vi\"]\nidle_timeout_seconds = 30\nshown_fields = [\" Hộ tịch\"]\n\
         shown_procedures = [\"1.001193\"]\n\
         city_portal_url = \"https://x.gov.vn/?ma={code}\"\n[branding]\ntitle_en = \"Lobby\"\n\
         [closed_message]\nvi = \"Đóng cửa\"\n[quick_numbers]\npinned = [\"1.001193\"]\n[printer]\ntransport = \"cups\"\nqueue = \"thermal\"\nheader = [\"A\"]\n",
    )
    .unwrap();
    let text = s.to_toml().unwrap();
    assert_eq!(parse(&text).unwrap(), s, "{text}");
}

#[test]
fn pinned_quick_numbers_are_procedure_codes_the_kiosk_offers() {
    let s = parse(OFFICE).unwrap();
    assert!(
        s.quick_numbers.pinned.is_empty(),
        "none pinned unless written"
    );
    let s = parse(&format!(
        "{OFFICE}[quick_numbers]\npinned = [\"2.000815\", \"1.001193\"]\n"
    ))
    .unwrap();
    assert_eq!(s.quick_numbers.pinned, ["2.000815", "1.001193"], "in order");
    only_problem(
        "[quick_numbers]\npinned = [\"1.001193\", \"khai sinh\"]\n",
        "quick_numbers.pinned[1]",
        &["\"khai sinh\"", "one digit, a dot and six digits"],
    );
    only_problem(
        "[quick_numbers]\npinned = [\"1.001193\", \"1.001193\"]\n",
        "quick_numbers.pinned[1]",
        &["already listed as pinned[0]", "list each once"],
    );
    let seven: Vec<String> = (0..7).map(|i| format!("\"1.00000{i}\"")).collect();
    only_problem(
        &format!("[quick_numbers]\npinned = [{}]\n", seven.join(", ")),
        "quick_numbers.pinned",
        &["has 7 entries", "at most 6"],
    );
    only_problem(
        "shown_procedures = [\"1.001193\"]\n[quick_numbers]\npinned = [\"1.001193\", \"2.000815\"]\n",
        "quick_numbers.pinned[1]",
        &["\"2.000815\"", "not in shown_procedures", "does not offer it"],
    );
    only_problem(
        "[quick_numbers]\npined = [\"1.001193\"]\n",
        "quick_numbers.pined",
        &["not a known quick numbers setting", "pinned"],
    );
    only_problem(
        "quick_numbers = [\"1.001193\"]\n",
        "quick_numbers",
        &["must be a table", "[quick_numbers]"],
    );
}
