//! The search over the demo catalogue (`crates/central/demo/procedures.json`),
//! one table per promise: accents, Telex, typos, everyday words, ranking.

use wire::Procedure;

use super::SearchIndex;

fn demo() -> Vec<Procedure> {
    central::demo::procedures().expect("the demo catalogue parses")
}

fn index() -> (SearchIndex, Vec<Procedure>) {
    let procedures = demo();
    (SearchIndex::new(&procedures), procedures)
}

/// Runs `query` and checks that `code` comes first, showing the top five when not.
#[track_caller]
fn assert_first(index: &SearchIndex, query: &str, code: &str) {
    let found = index.search(query, 50);
    assert_eq!(
        found.first().copied(),
        Some(code),
        "{query:?} should find {code} first; found {:?}",
        &found[..found.len().min(5)]
    );
}

#[test]
fn accents_case_and_d_do_not_matter() {
    let (index, _) = index();
    for (query, code) in [
        ("khai sinh", "1.001193"),
        ("Khai Sinh", "1.001193"),
        ("KHAI SINH", "1.001193"),
        ("khái sinh", "1.001193"),
        ("Đăng ký khai sinh", "1.001193"),
        ("dang ky khai sinh", "1.001193"),
        ("đang ky khai sinh", "1.001193"),
        ("dang ki khai sinh", "1.001193"), // kí and ký are both correct
        ("ket hon", "1.000894"),
        ("kết hôn", "1.000894"),
        ("khai tu", "1.000656"),
        ("tạm trú", "1.004194"),
        ("thuong tru", "1.004222"),
        ("tach ho", "1.010038"),
        ("1.001193", "1.001193"),
        ("1.0011", "1.001193"),
        ("birth registration", "1.001193"),
    ] {
        assert_first(&index, query, code);
    }
}

#[test]
fn telex_typed_queries_find_the_same() {
    let (index, _) = index();
    for (telex, plain) in [
        ("ddawng kys khai sinh", "đăng ký khai sinh"),
        ("khais sinh", "khái sinh"),
        ("keets hoon", "kết hôn"),
        ("giaays khai sinh", "giấy khai sinh"),
        ("tamj trus", "tạm trú"),
        ("chuwngs thuwcj banr sao", "chứng thực bản sao"),
        ("soor ddor", "sổ đỏ"),
    ] {
        let found = index.search(plain, 50);
        assert!(!found.is_empty(), "{plain:?} finds something");
        assert_eq!(
            index.search(telex, 50),
            found,
            "{telex:?} finds what {plain:?} finds"
        );
    }
    assert_first(&index, "ddawng kys khai sinh", "1.001193");
}

#[test]
fn one_typo_per_word_is_forgiven() {
    let (index, _) = index();
    for (query, code) in [
        ("khia sinh", "1.001193"),         // swapped
        ("khai sinhh", "1.001193"),        // added
        ("dang ky khai sihn", "1.001193"), // swapped
        ("khao sinh", "1.001193"),         // changed
        ("kiet hon", "1.000894"),
        ("chung thucc ban sao", "2.000815"),
        ("thuong truu", "1.004222"),
        ("giam hoo", "1.004837"),
    ] {
        assert_first(&index, query, code);
    }
    // Two typos in a word, or one in a short word, are too far.
    assert!(index.search("khoe sinh", 50).first() != Some(&"1.001193"));
    assert!(index.search("xqzt", 50).is_empty());
}

#[test]
fn everyday_words_find_the_procedure() {
    let (index, procedures) = index();
    for (query, code) in [
        ("giấy khai sinh", "1.001193"),
        ("giay khai sinh", "1.001193"),
        ("làm sổ đỏ", "1.013978"),
        ("hộ kinh doanh", "1.001612"),
        ("giấy độc thân", "1.004873"),
        ("hộ khẩu", "1.004222"),
        ("mở quán", "1.001612"),
        ("cưới", "1.000894"),
        ("sang tên sổ đỏ", "1.013831"),
        ("xin phép xây nhà", "1.013225"),
    ] {
        assert_first(&index, query, code);
    }
    // "công chứng" (notarise) is what people say for every certification.
    let found = index.search("công chứng", 10);
    for code in ["2.000815", "2.000884"] {
        assert!(found[..4].contains(&code), "{code} in {found:?}");
    }
    // Accents typed are accents meant: "sổ đỏ" (red book) is not "do" (because).
    let found = index.search("sổ đỏ", 10);
    assert_ne!(found[0], "1.012786", "{found:?}");
    assert_first(&index, "làm sổ đỏ", "1.013978");

    // "chứng thực" is a field: every procedure of it is found, and one of it comes first.
    let found = index.search("chứng thực", 100);
    let field = |code: &str| {
        procedures
            .iter()
            .find(|p| p.code == code)
            .map(|p| p.field.vi.as_str())
    };
    assert_eq!(field(found[0]), Some("Chứng thực"));
    for p in procedures.iter().filter(|p| p.field.vi == "Chứng thực") {
        assert!(found.contains(&p.code.as_str()), "{} not found", p.code);
    }
}

#[test]
fn name_ranks_before_field_before_dossier_text() {
    let (index, _) = index();
    let found = index.search("hộ tịch", 100);
    let rank = |code: &str| {
        found
            .iter()
            .position(|c| *c == code)
            .unwrap_or_else(|| panic!("{code} not found in {found:?}"))
    };
    // In the name: trích lục hộ tịch, thay đổi thông tin hộ tịch.
    assert!(rank("2.000635") < 2 && rank("1.004859") < 2, "{found:?}");
    // In the field only (Hộ tịch): birth registration.
    let field_only = rank("1.001193");
    assert!(field_only >= 2);
    // In the dossier text only: a residence procedure whose papers mention hộ tịch.
    assert!(rank("1.010039") > field_only);

    // While typing, a half-typed last word already finds it.
    assert_first(&index, "khai si", "1.001193");
    assert_first(&index, "ket h", "1.000894");
}

#[test]
fn nothing_for_nothing_and_the_limit_holds() {
    let (index, procedures) = index();
    assert!(index.search("", 50).is_empty());
    assert!(index.search("   ", 50).is_empty());
    assert!(index.search("?!", 50).is_empty());
    assert!(index.search("qqqqq", 50).is_empty());
    assert_eq!(index.search("a", 5).len(), 5);
    assert!(index.search("khai sinh", 0).is_empty());
    assert_eq!(index.len(), procedures.len());
    assert!(SearchIndex::new(&[]).search("khai", 5).is_empty());
}

#[test]
fn equals_keep_catalogue_order() {
    let one = demo().remove(0);
    let copies: Vec<Procedure> = ["c", "a", "b"]
        .iter()
        .map(|code| Procedure {
            code: code.to_string(),
            ..one.clone()
        })
        .collect();
    let index = SearchIndex::new(&copies);
    assert_eq!(index.search("khai sinh", 10), ["c", "a", "b"]);
    assert_eq!(index.search("khai sinh", 2), ["c", "a"]);
}
