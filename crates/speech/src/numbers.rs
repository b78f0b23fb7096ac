//! Vietnamese number words and letter names, as an officer reads a queue number aloud.
//!
//! eSpeak NG reads digits its own way (15 as "mười năm" where Vietnamese says "mười lăm"),
//! so every number is spelled out here before it is spoken.

/// Which region's words: they differ in how a zero tens place and a thousand are said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// Hà Nội: 105 "một trăm linh năm", 1000 "một nghìn".
    #[default]
    Northern,
    /// Hồ Chí Minh City: 105 "một trăm lẻ năm", 1000 "một ngàn".
    Southern,
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// `n` in words, northern style: 25 "hai mươi lăm", 105 "một trăm linh năm".
pub fn number_words(n: u32) -> String {
    number_words_in(n, Dialect::Northern)
}

/// `n` in words in the given dialect.
pub fn number_words_in(n: u32, dialect: Dialect) -> String {
    if n == 0 {
        return DIGITS[0].to_owned();
    }
    let thousand = match dialect {
        Dialect::Northern => "nghìn",
        Dialect::Southern => "ngàn",
    };
    let groups = [
        (n / 1_000_000_000, "tỷ"),
        (n / 1_000_000 % 1000, "triệu"),
        (n / 1000 % 1000, thousand),
        (n % 1000, ""),
    ];
    let mut words: Vec<&str> = Vec::new();
    for (value, scale) in groups {
        if value == 0 {
            // A whole group of zeros is left unsaid: 1 000 005 is "một triệu không trăm linh năm".
            continue;
        }
        // After a higher group, the hundreds are said even when zero: 1005 is
        // "một nghìn không trăm linh năm", never "một nghìn năm" (which is 1500 in speech).
        let after_higher = !words.is_empty();
        hundreds_words(value, after_higher, dialect, &mut words);
        if !scale.is_empty() {
            words.push(scale);
        }
    }
    words.join(" ")
}

/// Words of 1..=999, pushed onto `words`.
fn hundreds_words(n: u32, after_higher: bool, dialect: Dialect, words: &mut Vec<&'static str>) {
    let (hundreds, tens, units) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    let has_hundreds = hundreds > 0 || after_higher;
    if has_hundreds {
        words.extend([DIGITS[hundreds], "trăm"]);
    }
    match tens {
        0 => {
            if units > 0 {
                if has_hundreds {
                    words.push(match dialect {
                        Dialect::Northern => "linh",
                        Dialect::Southern => "lẻ",
                    });
                }
                words.push(DIGITS[units]);
            }
        }
        1 => {
            words.push("mười");
            match units {
                0 => {}
                5 => words.push("lăm"),
                _ => words.push(DIGITS[units]),
            }
        }
        _ => {
            words.extend([DIGITS[tens], "mươi"]);
            match units {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push("tư"),
                5 => words.push("lăm"),
                _ => words.push(DIGITS[units]),
            }
        }
    }
}

/// The Vietnamese name of a letter of a queue prefix, as said when spelling aloud: B "bê",
/// L "e-lờ", X "ích-xì"; `None` for anything but the 26 Latin letters and Đ.
///
/// These are the traditional names (from the French ones) that adults use to spell codes,
/// number plates and queue numbers, as listed in Vietnamese Wikipedia's "Chữ Quốc ngữ"
/// (section "Tên gọi các chữ cái"), rather than the school sound names "bờ, cờ, dờ", which
/// cannot tell C from K. F, J, W and Z are not in the Vietnamese alphabet; they get the
/// names used for foreign words: "ép", "gi" (written "di", which sounds the same in the
/// north, as eSpeak cannot say a lone "gi"), "vê kép", "dét". Q is "quy" and Y "i dài",
/// the most common of their names.
pub fn letter_name(letter: char) -> Option<&'static str> {
    let name = match letter {
        'A' | 'a' => "a",
        'B' | 'b' => "bê",
        'C' | 'c' => "xê",
        'D' | 'd' => "dê",
        'Đ' | 'đ' => "đê",
        'E' | 'e' => "e",
        'F' | 'f' => "ép",
        'G' | 'g' => "giê",
        'H' | 'h' => "hát",
        'I' | 'i' => "i",
        // "gi", written so: eSpeak reads a lone "gi" as a bare consonant.
        'J' | 'j' => "di",
        'K' | 'k' => "ca",
        'L' | 'l' => "e-lờ",
        'M' | 'm' => "em-mờ",
        'N' | 'n' => "en-nờ",
        'O' | 'o' => "o",
        'P' | 'p' => "pê",
        'Q' | 'q' => "quy",
        'R' | 'r' => "e-rờ",
        'S' | 's' => "ét-xì",
        'T' | 't' => "tê",
        'U' | 'u' => "u",
        'V' | 'v' => "vê",
        'W' | 'w' => "vê kép",
        'X' | 'x' => "ích-xì",
        'Y' | 'y' => "i dài",
        'Z' | 'z' => "dét",
        _ => return None,
    };
    Some(name)
}

/// The English name of a letter, spelled so eSpeak says the letter and not a word: a lone
/// "A" is read as the article, "ay" as "eye" and "eff" as "e-f-f", so A is "eigh" and
/// F "ef"; W is "double you"; Đ is said as D.
pub fn english_letter_name(letter: char) -> Option<&'static str> {
    const NAMES: [&str; 26] = [
        "eigh",
        "bee",
        "see",
        "dee",
        "ee",
        "ef",
        "gee",
        "aitch",
        "eye",
        "jay",
        "kay",
        "el",
        "em",
        "en",
        "oh",
        "pee",
        "cue",
        "ar",
        "ess",
        "tee",
        "you",
        "vee",
        "double you",
        "ex",
        "why",
        "zed",
    ];
    match letter {
        'Đ' | 'đ' => Some(NAMES[3]),
        _ if letter.is_ascii_alphabetic() => {
            Some(NAMES[(letter.to_ascii_uppercase() as u8 - b'A') as usize])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn northern_words() {
        let table: &[(u32, &str)] = &[
            (0, "không"),
            (1, "một"),
            (2, "hai"),
            (3, "ba"),
            (4, "bốn"),
            (5, "năm"),
            (6, "sáu"),
            (7, "bảy"),
            (8, "tám"),
            (9, "chín"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (17, "mười bảy"),
            (19, "mười chín"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (30, "ba mươi"),
            (55, "năm mươi lăm"),
            (99, "chín mươi chín"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (999, "chín trăm chín mươi chín"),
            (1000, "một nghìn"),
            (1001, "một nghìn không trăm linh một"),
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (1017, "một nghìn không trăm mười bảy"),
            (1100, "một nghìn một trăm"),
            (2100, "hai nghìn một trăm"),
            (2125, "hai nghìn một trăm hai mươi lăm"),
            (9999, "chín nghìn chín trăm chín mươi chín"),
            (10_000, "mười nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (100_000, "một trăm nghìn"),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm linh năm"),
            (1_005_000, "một triệu không trăm linh năm nghìn"),
            (
                u32::MAX,
                "bốn tỷ hai trăm chín mươi tư triệu chín trăm sáu mươi bảy nghìn \
                 hai trăm chín mươi lăm",
            ),
        ];
        for &(n, words) in table {
            assert_eq!(number_words(n), words, "{n}");
        }
    }

    #[test]
    fn southern_words() {
        let table: &[(u32, &str)] = &[
            (15, "mười lăm"),
            (105, "một trăm lẻ năm"),
            (1005, "một ngàn không trăm lẻ năm"),
            (2100, "hai ngàn một trăm"),
        ];
        for &(n, words) in table {
            assert_eq!(number_words_in(n, Dialect::Southern), words, "{n}");
        }
    }

    #[test]
    fn every_latin_letter_has_a_name() {
        for letter in ('A'..='Z').chain(['Đ']) {
            let vi = letter_name(letter).unwrap_or_else(|| panic!("{letter} has no name"));
            assert!(!vi.is_empty());
            assert_eq!(letter_name(letter.to_lowercase().next().unwrap()), Some(vi));
            assert!(english_letter_name(letter).is_some(), "{letter}");
        }
        let table = [
            ('A', "a"),
            ('B', "bê"),
            ('C', "xê"),
            ('D', "dê"),
            ('Đ', "đê"),
            ('G', "giê"),
            ('H', "hát"),
            ('K', "ca"),
            ('L', "e-lờ"),
            ('M', "em-mờ"),
            ('N', "en-nờ"),
            ('Q', "quy"),
            ('R', "e-rờ"),
            ('S', "ét-xì"),
            ('X', "ích-xì"),
        ];
        for (letter, name) in table {
            assert_eq!(letter_name(letter), Some(name), "{letter}");
        }
        assert_eq!(english_letter_name('A'), Some("eigh"));
        assert_eq!(english_letter_name('w'), Some("double you"));
    }

    #[test]
    fn other_characters_have_no_name() {
        for c in ['Ă', 'Ê', '1', '-', ' ', 'ß'] {
            assert_eq!(letter_name(c), None, "{c}");
            assert_eq!(english_letter_name(c), None, "{c}");
        }
    }
}
