//! The texts of a call: what the board shows and what the voice says.
//!
//! Shown: "Mời số A-017 đến quầy số 3" / "Number A-017, please go to counter 3".
//! Said: "Mời số a mười bảy, đến quầy số ba." / "Number eigh 17, please go to counter 3."
//!
//! The number is read by its value ("a mười bảy"), not digit by digit with its zeros
//! ("a không mười bảy"): the zeros only pad the printed ticket to a fixed width, "không"
//! also means "no" and would make a visitor doubt what they heard, the sentence is shorter,
//! and officers in Vietnamese offices read the value too.

use std::fmt;
use std::str::FromStr;

use crate::numbers::{english_letter_name, letter_name, number_words};
use crate::spoken::digit_runs_in_words;

/// Longest ticket number accepted, in bytes ("ĐĐĐ-9999" is 11).
pub const MAX_NUMBER_LEN: usize = 16;
/// Longest counter name accepted, in characters.
pub const MAX_COUNTER_NAME_CHARS: usize = 40;
/// Letters before the dash, at most.
const MAX_PREFIX_LETTERS: usize = 3;
/// Digits after the dash, at most.
const MAX_DIGITS: usize = 4;

/// A language the announcement is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Vietnamese, always said first in an office.
    Vi,
    /// English, for foreign visitors.
    En,
}

impl Language {
    /// Its ISO 639-1 code, "vi" or "en".
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }
}

/// Why a call's number or counter name was refused. Messages never repeat the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The number is not 1-3 capital letters, a dash and 1-4 digits.
    #[error("a ticket number is 1 to 3 capital letters, '-', and 1 to 4 digits, like A-017")]
    Number,
    /// The counter name is empty or only spaces.
    #[error("the counter name is empty")]
    CounterNameEmpty,
    /// The counter name is longer than [`MAX_COUNTER_NAME_CHARS`].
    #[error("the counter name is longer than {MAX_COUNTER_NAME_CHARS} characters")]
    CounterNameTooLong,
    /// The counter name holds a control character (a tab, a line break, ...).
    #[error("the counter name holds a control character")]
    CounterNameControl,
}

/// A ticket number such as `A-017`, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TicketNumber {
    text: String,
    prefix_len: usize,
    value: u32,
}

impl TicketNumber {
    /// Checks `text`: 1-3 capital letters (A-Z or Đ), '-', 1-4 digits.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        if text.len() > MAX_NUMBER_LEN {
            return Err(InputError::Number);
        }
        let (prefix, digits) = text.split_once('-').ok_or(InputError::Number)?;
        let letters = prefix.chars().count();
        if !(1..=MAX_PREFIX_LETTERS).contains(&letters)
            || !prefix.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
            || !(1..=MAX_DIGITS).contains(&digits.len())
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(InputError::Number);
        }
        let value = digits.parse().map_err(|_| InputError::Number)?;
        Ok(Self {
            text: text.to_owned(),
            prefix_len: prefix.len(),
            value,
        })
    }

    /// The letters before the dash, "A".
    pub fn prefix(&self) -> &str {
        &self.text[..self.prefix_len]
    }

    /// The number after the dash, without its padding: 17 for "A-017".
    pub fn value(&self) -> u32 {
        self.value
    }

    /// As printed, "A-017".
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for TicketNumber {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A counter's name as visitors see it, split into its words and trailing number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CounterName {
    /// The name, spaces collapsed.
    text: String,
    /// When the name ends in a number: the words before it ("Quầy", "Phòng"; empty for "3"),
    /// without a final "số", and the number.
    numbered: Option<(String, u32)>,
}

impl CounterName {
    fn parse(name: &str) -> Result<Self, InputError> {
        if name.chars().count() > MAX_COUNTER_NAME_CHARS {
            return Err(InputError::CounterNameTooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(InputError::CounterNameControl);
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some((last, head)) = words.split_last() else {
            return Err(InputError::CounterNameEmpty);
        };
        let numbered = if (1..=9).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit())
        {
            let head = match head.split_last() {
                Some((so, rest)) if so.to_lowercase() == "số" => rest,
                _ => head,
            };
            last.parse().ok().map(|n| (head.join(" "), n))
        } else {
            None
        };
        Ok(Self {
            text: words.join(" "),
            numbered,
        })
    }

    /// The counter as said inside a sentence, with its number as `number` renders it:
    /// "quầy số 3", "counter 3", "Phòng Tư pháp số 2", or the name as written.
    fn in_sentence(&self, language: Language, number: impl Fn(u32) -> String) -> String {
        let Some((head, n)) = &self.numbered else {
            return self.text.clone();
        };
        let is_counter = head.is_empty() || head.to_lowercase() == "quầy";
        match (language, is_counter) {
            (Language::Vi, true) => format!("quầy số {}", number(*n)),
            (Language::Vi, false) => format!("{head} số {}", number(*n)),
            (Language::En, true) => format!("counter {}", number(*n)),
            (Language::En, false) => format!("{head} {}", number(*n)),
        }
    }
}

/// Where a visitor goes, as shown inside a sentence ("quầy số 3", "counter 3"), from the
/// counter's name, checked as [`Call::new`] checks it.
pub fn counter_text(counter_name: &str, language: Language) -> Result<String, InputError> {
    Ok(CounterName::parse(counter_name)?.in_sentence(language, |n| n.to_string()))
}

/// One call of a number to a counter, checked, ready to be shown and said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    number: TicketNumber,
    counter: CounterName,
}

impl Call {
    /// Checks both parts: the number's format, and the counter name's length (at most
    /// [`MAX_COUNTER_NAME_CHARS`]) and characters. Either may come from a URL.
    pub fn new(number: &str, counter_name: &str) -> Result<Self, InputError> {
        Ok(Self {
            number: TicketNumber::parse(number)?,
            counter: CounterName::parse(counter_name)?,
        })
    }

    /// The number called.
    pub fn number(&self) -> &TicketNumber {
        &self.number
    }

    /// What the board shows: "Mời số A-017 đến quầy số 3".
    pub fn display_text(&self, language: Language) -> String {
        let counter = self.counter.in_sentence(language, |n| n.to_string());
        match language {
            Language::Vi => format!("Mời số {} đến {counter}", self.number),
            Language::En => format!("Number {}, please go to {counter}", self.number),
        }
    }

    /// What the voice says, every number and letter spelled out in words the engine reads
    /// right: "Mời số a mười bảy, đến quầy số ba."
    pub fn spoken_text(&self, language: Language) -> String {
        match language {
            Language::Vi => {
                let letters = spell_letters(self.number.prefix(), letter_name);
                let counter = self.counter.in_sentence(language, number_words);
                format!(
                    "Mời số {letters} {}, đến {}.",
                    number_words(self.number.value()),
                    digit_runs_in_words(&counter)
                )
            }
            // eSpeak's English reads numerals well; only the letters need spelling, as a
            // lone "A" would be read as the article.
            Language::En => {
                let letters = spell_letters(self.number.prefix(), english_letter_name);
                let counter = self.counter.in_sentence(language, |n| n.to_string());
                format!(
                    "Number {letters} {}, please go to {counter}.",
                    self.number.value()
                )
            }
        }
    }
}

fn spell_letters(prefix: &str, name: fn(char) -> Option<&'static str>) -> String {
    // The prefix was checked to hold only letters that have names.
    prefix
        .chars()
        .filter_map(name)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_of_a_call() {
        // (number, counter name, vi shown, vi said, en shown, en said)
        let table = [
            (
                "A-017",
                "Quầy 3",
                "Mời số A-017 đến quầy số 3",
                "Mời số a mười bảy, đến quầy số ba.",
                "Number A-017, please go to counter 3",
                "Number eigh 17, please go to counter 3.",
            ),
            (
                "B-105",
                "Quầy số 12",
                "Mời số B-105 đến quầy số 12",
                "Mời số bê một trăm linh năm, đến quầy số mười hai.",
                "Number B-105, please go to counter 12",
                "Number bee 105, please go to counter 12.",
            ),
            (
                "C-1005",
                "quầy  21",
                "Mời số C-1005 đến quầy số 21",
                "Mời số xê một nghìn không trăm linh năm, đến quầy số hai mươi mốt.",
                "Number C-1005, please go to counter 21",
                "Number see 1005, please go to counter 21.",
            ),
            (
                "LS-025",
                "Quầy Hộ tịch",
                "Mời số LS-025 đến Quầy Hộ tịch",
                "Mời số e-lờ ét-xì hai mươi lăm, đến Quầy Hộ tịch.",
                "Number LS-025, please go to Quầy Hộ tịch",
                "Number el ess 25, please go to Quầy Hộ tịch.",
            ),
            (
                "Đ-004",
                "Phòng 5",
                "Mời số Đ-004 đến Phòng số 5",
                "Mời số đê bốn, đến Phòng số năm.",
                "Number Đ-004, please go to Phòng 5",
                "Number dee 4, please go to Phòng 5.",
            ),
            (
                "X-001",
                "Tầng 2 Quầy 15",
                "Mời số X-001 đến Tầng 2 Quầy số 15",
                "Mời số ích-xì một, đến Tầng hai Quầy số mười lăm.",
                "Number X-001, please go to Tầng 2 Quầy 15",
                "Number ex 1, please go to Tầng 2 Quầy 15.",
            ),
            (
                "A-1",
                "7",
                "Mời số A-1 đến quầy số 7",
                "Mời số a một, đến quầy số bảy.",
                "Number A-1, please go to counter 7",
                "Number eigh 1, please go to counter 7.",
            ),
        ];
        for (number, counter, vi_shown, vi_said, en_shown, en_said) in table {
            let call = Call::new(number, counter).unwrap();
            assert_eq!(call.display_text(Language::Vi), vi_shown);
            assert_eq!(call.spoken_text(Language::Vi), vi_said);
            assert_eq!(call.display_text(Language::En), en_shown);
            assert_eq!(call.spoken_text(Language::En), en_said);
        }
    }

    #[test]
    fn numbers_accepted_and_refused() {
        for good in ["A-017", "A-0", "ABC-9999", "Đ-12", "Z-0001"] {
            let number = TicketNumber::parse(good).unwrap_or_else(|e| panic!("{good}: {e}"));
            assert_eq!(number.as_str(), good);
        }
        let parsed = TicketNumber::parse("AB-0170").unwrap();
        assert_eq!((parsed.prefix(), parsed.value()), ("AB", 170));
        for bad in [
            "",
            "-",
            "A",
            "A-",
            "-017",
            "017",
            "a-017",
            "ABCD-017",
            "A-01700",
            "A_017",
            "A-01 7",
            " A-017",
            "A-017 ",
            "A--017",
            "A-0x1",
            "A-١٢",
            "Ă-017",
            "A-017\n",
            &"A".repeat(10_000),
        ] {
            assert_eq!(TicketNumber::parse(bad), Err(InputError::Number), "{bad:?}");
        }
    }

    #[test]
    fn where_to_go_is_the_counter_as_the_board_shows_it() {
        assert_eq!(counter_text("Quầy 3", Language::Vi).unwrap(), "quầy số 3");
        assert_eq!(
            counter_text("Quầy số 3", Language::En).unwrap(),
            "counter 3"
        );
        assert_eq!(
            counter_text("Quầy Hộ tịch", Language::Vi).unwrap(),
            "Quầy Hộ tịch"
        );
        assert_eq!(
            counter_text("  ", Language::Vi),
            Err(InputError::CounterNameEmpty)
        );
    }

    #[test]
    fn counter_names_refused() {
        let table = [
            ("", InputError::CounterNameEmpty),
            ("   ", InputError::CounterNameEmpty),
            ("Quầy\t3", InputError::CounterNameControl),
            ("Quầy 3\n", InputError::CounterNameControl),
            ("Quầy\u{0}", InputError::CounterNameControl),
        ];
        for (name, error) in table {
            assert_eq!(Call::new("A-017", name), Err(error), "{name:?}");
        }
        let longest = "Q".repeat(MAX_COUNTER_NAME_CHARS);
        assert!(Call::new("A-017", &longest).is_ok());
        assert_eq!(
            Call::new("A-017", &format!("{longest}Q")),
            Err(InputError::CounterNameTooLong)
        );
        // Counted in characters, not bytes: 40 Vietnamese letters are more than 40 bytes.
        assert!(Call::new("A-017", &"ầ".repeat(MAX_COUNTER_NAME_CHARS)).is_ok());
    }

    #[test]
    fn long_digit_runs_are_read_digit_by_digit() {
        assert_eq!(
            digit_runs_in_words("Quầy 12345678901"),
            "Quầy một hai ba bốn năm sáu bảy tám chín không một"
        );
    }
}
