//! Finding a procedure from what a visitor types: accents, case and `đ` ignored,
//! name matches ranked before field matches before everyday words.

use unicode_normalization::UnicodeNormalization;
use wire::Procedure;

/// Lower-case text without diacritics: `Đăng ký` → `dang ky`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn score(procedure: &Procedure, words: &[String]) -> Option<u32> {
    let name = fold(&procedure.name.vi) + " " + &fold(&procedure.name.en);
    let field = fold(&procedure.field.vi) + " " + &fold(&procedure.field.en);
    let keywords = procedure
        .keywords
        .iter()
        .map(|k| fold(k))
        .collect::<Vec<_>>()
        .join(" ");
    let mut total = 0;
    for word in words {
        total += if name.contains(word.as_str()) {
            100
        } else if procedure.code.contains(word.as_str()) {
            90
        } else if field.contains(word.as_str()) {
            30
        } else if keywords.contains(word.as_str()) {
            20
        } else {
            return None;
        };
    }
    Some(total)
}

/// Codes of the procedures matching every word of `query`, best first; catalogue
/// order breaks ties. An empty query matches nothing.
pub fn search(procedures: &[Procedure], query: &str) -> Vec<String> {
    let folded = fold(query);
    let words: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u32, usize, &str)> = procedures
        .iter()
        .enumerate()
        .filter_map(|(i, p)| score(p, &words).map(|s| (s, i, p.code.as_str())))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter()
        .map(|(_, _, code)| code.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{LocalizedText, OnlineLevel};

    fn procedure(code: &str, vi: &str, field: &str, keywords: &[&str]) -> Procedure {
        Procedure {
            code: code.into(),
            name: LocalizedText::new(vi, ""),
            field: LocalizedText::new(field, ""),
            agency: String::new(),
            service_group: "A".into(),
            online_level: OnlineLevel::None,
            portal_url: String::new(),
            channels: vec![],
            dossier: vec![],
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            unsure: vec![],
        }
    }

    #[test]
    fn accents_case_and_d_are_ignored() {
        assert_eq!(fold("Đăng ký Khai Sinh"), "dang ky khai sinh");
        let list = [procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", &[])];
        for query in [
            "khai sinh",
            "Khai Sinh",
            "KHAI SINH",
            "dang ky khai",
            "đăng ký",
        ] {
            assert_eq!(search(&list, query), ["1.001193"], "{query}");
        }
        assert!(search(&list, "   ").is_empty());
        assert!(search(&list, "ket hon").is_empty());
    }

    #[test]
    fn name_ranks_before_field_before_keywords() {
        let list = [
            procedure("k", "Cấp giấy phép", "Xây dựng", &["ho tich"]),
            procedure("f", "Đăng ký lại", "Hộ tịch", &[]),
            procedure("n", "Trích lục hộ tịch", "Khác", &[]),
        ];
        assert_eq!(search(&list, "ho tich"), ["n", "f", "k"]);
    }
}
