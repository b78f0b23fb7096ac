//! Text as the search compares it: words in lower case, with their accents
//! (`đỏ`) and without them (`do`, with `đ` read as `d`).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-case text without diacritics: `Đăng ký` → `dang ky`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `c` belongs inside a word. Dots stay so that codes like `1.001193`
/// are one word; they are trimmed from a word's ends.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || is_combining_mark(c)
}

/// The words of `text` as written, e.g. for Telex before anything else.
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
}

/// `y` with each tone, and the `i` with the same tone.
const Y_AS_I: [(char, char); 6] = [
    ('y', 'i'),
    ('ý', 'í'),
    ('ỳ', 'ì'),
    ('ỷ', 'ỉ'),
    ('ỹ', 'ĩ'),
    ('ỵ', 'ị'),
];

/// One word in lower case with its accents (composed, NFC), and with a final `y`
/// after a consonant read as `i`, since `ký` and `kí`, `lý` and `lí` are both
/// correct spellings.
pub fn accented(word: &str) -> String {
    let mut lower: String = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.nfc().flat_map(char::to_lowercase).collect()
    };
    let mut ending = lower.char_indices().rev();
    if let (Some((at, last)), Some((_, before))) = (ending.next(), ending.next()) {
        if let Some(&(_, i)) = Y_AS_I.iter().find(|(y, _)| *y == last) {
            let consonant = fold(before.encode_utf8(&mut [0; 4])).chars().all(|c| {
                c.is_ascii_alphabetic() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            });
            if consonant {
                lower.truncate(at);
                lower.push(i);
            }
        }
    }
    lower
}

/// A word as the index keeps it: with its accents, and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower case with accents: `đỏ`.
    pub accented: String,
    /// Lower case without: `do`.
    pub folded: String,
}

impl Word {
    /// The word `raw` as written in a text or typed.
    pub fn new(raw: &str) -> Self {
        let accented = accented(raw);
        let folded = fold(&accented);
        Self { accented, folded }
    }

    /// True when the word has accents (or `đ`) that folding drops.
    pub fn has_accents(&self) -> bool {
        self.accented != self.folded
    }
}

/// The words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    raw_words(text).map(Word::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_case_and_the_bar_of_d() {
        assert_eq!(fold("Đăng ký Khai Sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐỒNG"), "dong");
        assert_eq!(fold("Sổ đỏ"), "so do");
    }

    #[test]
    fn words_keep_codes_and_read_final_y_as_i() {
        let all: Vec<String> = words("Đăng ký (lại) khai sinh; mã 1.001193. Công ty, quy, hay, Mỹ")
            .map(|w| w.folded)
            .collect();
        assert_eq!(
            all,
            [
                "dang", "ki", "lai", "khai", "sinh", "ma", "1.001193", "cong", "ti", "quy", "hay",
                "mi"
            ]
        );
        assert_eq!(Word::new("Ký").accented, "kí");
        assert_eq!(Word::new("Mỹ").accented, "mĩ");
        assert!(Word::new("đỏ").has_accents() && !Word::new("do").has_accents());
        // Decomposed input (some keyboards send it) reads like composed input.
        assert_eq!(Word::new("d\u{1ecf}"), Word::new("do\u{309}"));
    }
}
