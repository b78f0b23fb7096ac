//! Telex: Vietnamese typed with plain letters, as most Vietnamese type on a phone
//! or a computer (`dd` → `đ`, `aw` → `ă`, `s` → sắc, `khais` → `khái`). The
//! on-screen keyboard sends the keys pressed; this turns them into text, with the
//! `vi` crate doing the composition.

/// Letters of the on-screen keyboard that have a shape of their own, as Telex keys.
const SHAPES: [(char, &str); 14] = [
    ('ă', "aw"),
    ('â', "aa"),
    ('đ', "dd"),
    ('ê', "ee"),
    ('ô', "oo"),
    ('ơ', "ow"),
    ('ư', "uw"),
    ('Ă', "AW"),
    ('Â', "AA"),
    ('Đ', "DD"),
    ('Ê', "EE"),
    ('Ô', "OO"),
    ('Ơ', "OW"),
    ('Ư', "UW"),
];

/// Longest key sequence composed; longer input is returned as it is.
const MAX_KEYS: usize = 200;

/// The text that the keys `keys` type in Telex. Spaces separate words and are kept
/// as they are; a word with anything but letters (digits, a code, text already
/// in Vietnamese letters other than the shaped ones above) is left unchanged.
pub fn compose(keys: &str) -> String {
    if keys.chars().count() > MAX_KEYS {
        return keys.to_owned();
    }
    let mut out = String::with_capacity(keys.len() + 8);
    for (i, word) in keys.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match compose_word(word) {
            Some(text) => out.push_str(&text),
            None => out.push_str(word),
        }
    }
    out
}

/// One word typed in Telex as Vietnamese; `None` when it is not made of letters only.
pub fn compose_word(word: &str) -> Option<String> {
    if word.is_empty() {
        return None;
    }
    let mut keys = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match SHAPES.iter().find(|(shape, _)| *shape == c) {
            Some((_, telex)) => keys.push_str(telex),
            None if c.is_ascii_alphabetic() => keys.push(c),
            None => return None,
        }
    }
    let mut out = String::new();
    vi::transform_buffer(&vi::TELEX, keys.chars(), &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telex_keys_become_vietnamese() {
        for (keys, text) in [
            ("khais", "khái"),
            ("khai sinh", "khai sinh"),
            ("ddawng kys khai sinh", "đăng ký khai sinh"),
            ("ket hoon", "ket hôn"),
            ("keets hoon", "kết hôn"),
            ("giaays khai sinh", "giấy khai sinh"),
            ("chuwngs thuwcj", "chứng thực"),
            ("soor ddor", "sổ đỏ"),
            ("hooj kinh doanh", "hộ kinh doanh"),
            ("DDAWNG", "ĐĂNG"),
        ] {
            assert_eq!(compose(keys), text, "{keys}");
        }
    }

    #[test]
    fn shaped_letters_of_the_keyboard_combine_with_telex() {
        // The keyboard's own đ, ă, ô keys, followed by tone keys.
        assert_eq!(compose("đăng kys"), "đăng ký");
        assert_eq!(compose("hôn"), "hôn");
        assert_eq!(compose("tưf"), "từ");
    }

    #[test]
    fn spaces_codes_and_other_text_are_kept() {
        assert_eq!(compose("khai "), "khai ");
        assert_eq!(compose("  a  b"), "  a  b");
        assert_eq!(compose("1.001193"), "1.001193");
        assert_eq!(compose("Đăng ký"), "Đăng ký", "already Vietnamese");
        assert_eq!(compose(""), "");
        assert_eq!(compose_word("ct07"), None);
    }
}
