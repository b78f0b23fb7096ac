//! Any sentence a screen shows, made ready for the voice: the numbers in it said as an
//! officer says them.
//!
//! The kiosk reads its screens aloud from the words they show ("Có 3 người trước bạn",
//! "Số của bạn: A-017", "Thứ Hai 07/12, 08:30"). eSpeak NG's Vietnamese reads digits its own
//! way (15 as "mười năm", "A-017" as "a không mười bảy", "08:30" digit by digit), so every
//! number is turned into words here, by the same reader as the board's calls
//! ([`crate::numbers`]). English keeps its numerals, which eSpeak reads well; only ticket
//! numbers and lone letters are spelled, as for a call.

use crate::announcement::{Language, TicketNumber};
use crate::numbers::{english_letter_name, letter_name, number_words};

/// `text` as the voice should be given it in `language`: ticket numbers, times, dates,
/// counts and lone letters in words. Everything else is left as it is.
///
/// "Có 3 người trước bạn" → "Có ba người trước bạn"; "A-017" → "a mười bảy";
/// "08:30" → "tám giờ ba mươi"; "07/12" → "ngày bảy tháng mười hai"; "0912 345 678" is read
/// digit by digit, as a phone number is.
pub fn speakable(text: &str, language: Language) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut rest = text;
    while !rest.is_empty() {
        let space = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(space);
        out.push_str(&speakable_word(word, language));
        let next = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        out.push_str(&after[..next]);
        rest = &after[next..];
    }
    out
}

/// One word between spaces, with the punctuation around it kept: "(A-017)," stays
/// bracketed and followed by its comma.
fn speakable_word(word: &str, language: Language) -> String {
    let is_edge = |c: char| {
        matches!(
            c,
            ',' | '.' | ';' | '!' | '?' | '(' | ')' | '"' | '«' | '»' | '“' | '”' | '…'
        )
    };
    let core_start = word.find(|c: char| !is_edge(c)).unwrap_or(word.len());
    let core_end = word
        .rfind(|c: char| !is_edge(c))
        .map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(core_start)
        .max(core_start);
    let (head, core, tail) = (
        &word[..core_start],
        &word[core_start..core_end],
        &word[core_end..],
    );
    let Some(said) = said_core(core, language) else {
        return word.to_owned();
    };
    format!("{head}{said}{tail}")
}

/// The words for `core` when it holds something to be read out, or `None` to keep it.
fn said_core(core: &str, language: Language) -> Option<String> {
    if core.is_empty() {
        return None;
    }
    if let Ok(number) = TicketNumber::parse(core) {
        let name = match language {
            Language::Vi => letter_name,
            Language::En => english_letter_name,
        };
        let letters: Vec<&str> = number.prefix().chars().filter_map(name).collect();
        let value = match language {
            Language::Vi => number_words(number.value()),
            Language::En => number.value().to_string(),
        };
        return Some(format!("{} {value}", letters.join(" ")));
    }
    let mut chars = core.chars();
    if let (Some(letter), None) = (chars.next(), chars.next()) {
        if letter.is_uppercase() || letter.is_ascii_digit() {
            return match language {
                Language::Vi => letter_name(letter)
                    .map(str::to_owned)
                    .or_else(|| letter.to_digit(10).map(number_words)),
                Language::En => english_letter_name(letter).map(str::to_owned),
            };
        }
        return None;
    }
    match language {
        Language::Vi => vietnamese_numbers(core),
        Language::En => None,
    }
}

/// A time, a date, a count or a code with digits, in Vietnamese words.
fn vietnamese_numbers(core: &str) -> Option<String> {
    if !core.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(said) = time_words(core) {
        return Some(said);
    }
    if let Some(said) = date_words(core) {
        return Some(said);
    }
    if let Some(said) = grouped_number_words(core) {
        return Some(said);
    }
    Some(digit_runs_in_words(core))
}

/// "8:30" or "08:30" → "tám giờ ba mươi"; "08:00" → "tám giờ".
fn time_words(core: &str) -> Option<String> {
    let (hours, minutes) = core.split_once(':')?;
    if !(1..=2).contains(&hours.len()) || minutes.len() != 2 {
        return None;
    }
    let hours: u32 = all_digits(hours)?;
    let minutes: u32 = all_digits(minutes)?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(match minutes {
        0 => format!("{} giờ", number_words(hours)),
        m => format!("{} giờ {}", number_words(hours), number_words(m)),
    })
}

/// "07/12" → "ngày bảy tháng mười hai"; "07/12/2026" adds "năm hai nghìn không trăm hai
/// mươi sáu".
fn date_words(core: &str) -> Option<String> {
    let mut parts = core.split('/');
    let (day, month) = (parts.next()?, parts.next()?);
    let year = parts.next();
    if parts.next().is_some() || !(1..=2).contains(&day.len()) || !(1..=2).contains(&month.len()) {
        return None;
    }
    let day: u32 = all_digits(day)?;
    let month: u32 = all_digits(month)?;
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let mut said = format!("ngày {} tháng {}", number_words(day), number_words(month));
    if let Some(year) = year {
        if year.len() != 4 {
            return None;
        }
        said.push_str(&format!(" năm {}", number_words(all_digits(year)?)));
    }
    Some(said)
}

/// "1.500.000" (dots between groups of three, as Vietnamese writes thousands) → "một triệu
/// năm trăm nghìn".
fn grouped_number_words(core: &str) -> Option<String> {
    let mut groups = core.split('.');
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) || first.starts_with('0') {
        return None;
    }
    let mut value: u32 = all_digits(first)?;
    let mut any = false;
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        value = value.checked_mul(1000)?.checked_add(all_digits(group)?)?;
        any = true;
    }
    any.then(|| number_words(value))
}

fn all_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Each run of digits in words: a quantity by its value ("15" "mười lăm"), a run that
/// starts with 0 or is longer than 9 digits (a phone number, a code) digit by digit.
pub(crate) fn digit_runs_in_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c: char| !c.is_ascii_digit()).unwrap_or(run.len());
        let digits = &run[..end];
        if out.ends_with(char::is_alphabetic) {
            out.push(' ');
        }
        match digits.parse::<u32>() {
            Ok(n) if !(digits.len() > 1 && digits.starts_with('0')) => {
                out.push_str(&number_words(n));
            }
            _ => {
                let each: Vec<String> = digits
                    .bytes()
                    .map(|b| number_words(u32::from(b - b'0')))
                    .collect();
                out.push_str(&each.join(" "));
            }
        }
        rest = &run[end..];
        if rest.starts_with(|c: char| c.is_alphabetic()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi(text: &str) -> String {
        speakable(text, Language::Vi)
    }

    fn en(text: &str) -> String {
        speakable(text, Language::En)
    }

    #[test]
    fn counts_in_a_sentence_are_read_by_their_value() {
        assert_eq!(vi("Có 3 người trước bạn."), "Có ba người trước bạn.");
        assert_eq!(vi("Khoảng 15 phút"), "Khoảng mười lăm phút");
        assert_eq!(vi("105 hồ sơ"), "một trăm linh năm hồ sơ");
        assert_eq!(
            vi("còn 1.500.000 đồng"),
            "còn một triệu năm trăm nghìn đồng"
        );
    }

    #[test]
    fn a_ticket_number_is_said_as_an_officer_calls_it() {
        assert_eq!(vi("Số của bạn: A-017."), "Số của bạn: a mười bảy.");
        assert_eq!(vi("(B-105)"), "(bê một trăm linh năm)");
        assert_eq!(en("Your number: A-017."), "Your number: eigh 17.");
    }

    #[test]
    fn times_and_dates_are_words() {
        assert_eq!(vi("lúc 08:30"), "lúc tám giờ ba mươi");
        assert_eq!(vi("08:00,"), "tám giờ,");
        assert_eq!(vi("Thứ Hai 07/12"), "Thứ Hai ngày bảy tháng mười hai");
        assert_eq!(
            vi("07/12/2026"),
            "ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu"
        );
        // English reads these well itself.
        assert_eq!(en("at 08:30 on 07/12"), "at 08:30 on 07/12");
    }

    #[test]
    fn phone_numbers_and_codes_are_read_digit_by_digit() {
        assert_eq!(vi("0912 345"), "không chín một hai ba trăm bốn mươi lăm");
        assert_eq!(vi("K7M"), "K bảy M");
    }

    #[test]
    fn a_lone_letter_is_named_as_when_spelling() {
        assert_eq!(vi("K"), "ca");
        assert_eq!(vi("L"), "e-lờ");
        assert_eq!(vi("7"), "bảy");
        assert_eq!(en("A"), "eigh");
        // A lowercase word of one letter is a word, not a letter.
        assert_eq!(vi("và a"), "và a");
    }

    #[test]
    fn words_without_numbers_are_left_as_they_are() {
        let text = "Lấy số thứ tự — Hộ tịch: khai sinh, kết hôn!";
        assert_eq!(vi(text), text);
        assert_eq!(en("Take a number"), "Take a number");
        assert_eq!(vi(""), "");
        assert_eq!(vi("  hai  khoảng  "), "  hai  khoảng  ");
    }

    #[test]
    fn impossible_times_and_dates_are_read_as_plain_numbers() {
        assert_eq!(vi("25:99"), "hai mươi lăm:chín mươi chín");
        assert_eq!(vi("32/13"), "ba mươi hai/mười ba");
    }
}
