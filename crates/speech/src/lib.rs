//! Queue calls spoken aloud: "Mời số A mười bảy, đến quầy số ba".
//!
//! One place for the words of a call, used by the lobby board (through the central server,
//! which renders each call to a WAV file the board only plays) and the kiosk:
//! - [`numbers`]: Vietnamese number words (25 "hai mươi lăm", 105 "một trăm linh năm") and
//!   letter names (B "bê", L "e-lờ").
//! - [`Call`]: a checked number and counter name, with the text shown
//!   ("Mời số A-017 đến quầy số 3") and the text said, every number in words, because
//!   eSpeak NG reads "A-017" as "A không mười bảy" and 15 as "mười năm".
//! - [`Speaker`]: the one adapter to a voice; [`EspeakNg`] runs the `espeak-ng` program.
//! - [`Wav`]: mono 16-bit clips, the chime, silence, joining.
//! - [`render_call`]: all of it, to the bytes of a WAV file.
//! - [`speakable`]: any sentence a screen shows, its numbers put in the same words, and
//!   [`Voice`]: the kiosk's voice, which says a screen's sentences and stops for the next.
//!
//! A number is read by its value, "a mười bảy", never digit by digit with its padding
//! ("a không mười bảy"): the zeros only give printed tickets one width, "không" also means
//! "no", the sentence is shorter, and officers in Vietnamese offices call numbers that way.

#![warn(missing_docs)]

mod announcement;
mod engine;
pub mod numbers;
mod spoken;
mod voice;
mod wav;

use std::time::Duration;

pub use announcement::{
    counter_text, Call, InputError, Language, TicketNumber, MAX_COUNTER_NAME_CHARS, MAX_NUMBER_LEN,
};
pub use engine::{EspeakNg, Speaker, SpeechError, WordBeeps, MAX_TEXT_CHARS};
pub use spoken::speakable;
pub use voice::{
    Aplay, Recording, Sentence, Silent, SoundOutput, Voice, VoiceEvent, DEFAULT_VOLUME,
    MAX_SENTENCES, MIN_VOLUME,
};
pub use wav::{Wav, WavError};

/// Silence between the chime and the first sentence.
const AFTER_CHIME: Duration = Duration::from_millis(300);
/// Silence between the sentences of two languages.
const BETWEEN_LANGUAGES: Duration = Duration::from_millis(700);

/// A call as a WAV file: the chime, a short silence, then the sentence in each language
/// asked for, in that order (Vietnamese first in an office), with a pause between.
///
/// `number` and `counter_name` are checked ([`Call::new`]); a repeated language is said
/// once. The sentences are synthesised at the same time, one engine process each (about
/// 12 ms for Vietnamese alone, 20 ms with English). It blocks: from async code, call it
/// through `tokio::task::spawn_blocking`; the result depends only on its arguments, so it
/// can be cached.
pub fn render_call<S: Speaker + ?Sized>(
    speaker: &S,
    number: &str,
    counter_name: &str,
    languages: &[Language],
) -> Result<Vec<u8>, SpeechError> {
    let call = Call::new(number, counter_name)?;
    Ok(render(speaker, &call, languages)?.to_bytes())
}

/// [`render_call`] for a call already checked, as a clip.
pub fn render<S: Speaker + ?Sized>(
    speaker: &S,
    call: &Call,
    languages: &[Language],
) -> Result<Wav, SpeechError> {
    let mut wanted: Vec<Language> = Vec::with_capacity(languages.len());
    for &language in languages {
        if !wanted.contains(&language) {
            wanted.push(language);
        }
    }
    let sentences: Vec<Wav> = match wanted.as_slice() {
        [] => return Err(SpeechError::NoLanguage),
        [only] => vec![speaker.speak(&call.spoken_text(*only), *only)?],
        several => std::thread::scope(|scope| {
            let handles: Vec<_> = several
                .iter()
                .map(|&language| {
                    let text = call.spoken_text(language);
                    scope.spawn(move || speaker.speak(&text, language))
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect::<Result<Vec<_>, _>>()
        })?,
    };
    // The chime is made at the voice's rate, so nothing of the voice is resampled.
    let rate = sentences[0].sample_rate;
    let mut clips = vec![Wav::chime(rate), Wav::silence(rate, AFTER_CHIME)];
    for (i, sentence) in sentences.into_iter().enumerate() {
        if i > 0 {
            clips.push(Wav::silence(rate, BETWEEN_LANGUAGES));
        }
        clips.push(sentence.trimmed());
    }
    Ok(Wav::join(&clips).expect("the chime is always there"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_is_chime_pause_then_each_language() {
        let call = Call::new("A-017", "Quầy 3").unwrap();
        let said = |language| {
            let clip = WordBeeps
                .speak(&call.spoken_text(language), language)
                .unwrap();
            clip.trimmed().samples.len()
        };
        // "Mời số a mười bảy, đến quầy số ba." is 9 words, of 120 ms less the end's silence.
        let vi = said(Language::Vi);
        assert_eq!(vi, 9 * 2646 - 882 + 661);

        let bytes = render_call(&WordBeeps, "A-017", "Quầy 3", &[Language::Vi]).unwrap();
        let vi_only = Wav::from_bytes(&bytes).unwrap();
        // 0.8 s chime, 0.3 s silence, the sentence.
        assert_eq!(vi_only.samples.len(), 17640 + 6615 + vi);
        assert!(vi_only.samples[17640..17640 + 6615].iter().all(|&s| s == 0));
        assert!(vi_only.samples[17640 + 6615..].iter().any(|&s| s != 0));

        let repeated = [Language::Vi, Language::En, Language::Vi];
        let both = render(&WordBeeps, &call, &repeated).unwrap();
        // Then a 0.7 s pause and the English, once.
        let en = said(Language::En);
        assert_eq!(both.samples.len(), vi_only.samples.len() + 15435 + en);
        assert_eq!(both.sample_rate, 22050);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(matches!(
            render_call(&WordBeeps, "A-017", "Quầy 3", &[]),
            Err(SpeechError::NoLanguage)
        ));
        assert!(matches!(
            render_call(&WordBeeps, "../etc/passwd", "Quầy 3", &[Language::Vi]),
            Err(SpeechError::Input(InputError::Number))
        ));
        assert!(matches!(
            render_call(&WordBeeps, "A-017", &"x".repeat(5000), &[Language::Vi]),
            Err(SpeechError::Input(InputError::CounterNameTooLong))
        ));
    }
}
