//! The kiosk's voice: the screens read aloud for visitors who cannot see them or read
//! little, with the same engine and number words as the lobby board's calls
//! (`speech`). The UI sends the sentences a screen shows; this side says them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use speech::{Aplay, EspeakNg, Recording, Sentence, SoundOutput, Voice, VoiceEvent};

use crate::ipc::{Language, SpokenSentence};

/// With a folder in it, every clip said is also kept there with its text
/// ([`speech::Recording`]): to check what a kiosk says, or on a machine without sound.
pub const RECORD_ENV: &str = "KIOSK_SPEECH_RECORD_DIR";
/// The ALSA device to play on, when not the system's default.
pub const DEVICE_ENV: &str = "KIOSK_AUDIO_DEVICE";

/// The voice of a kiosk: eSpeak NG, played through ALSA (`aplay`), kept in `record` too
/// when given. Failures are logged once each kind, never with the sentence.
pub fn kiosk_voice(record: Option<PathBuf>, device: Option<String>) -> Voice {
    let player = Aplay {
        device,
        ..Aplay::default()
    };
    let events = log_once();
    match record.map(|dir| Recording::new(&dir, player.clone()).map_err(|e| (dir, e))) {
        Some(Ok(recording)) => Voice::new(EspeakNg::default(), recording, events),
        Some(Err((dir, error))) => {
            tracing::warn!(dir = %dir.display(), %error, "cannot keep what the voice says; speaking only");
            start(player, events)
        }
        None => start(player, events),
    }
}

fn start(
    output: impl SoundOutput + 'static,
    events: impl Fn(VoiceEvent) + Send + 'static,
) -> Voice {
    Voice::new(EspeakNg::default(), output, events)
}

/// Logs the first failure of speaking and the first of playing, not one each sentence.
fn log_once() -> impl Fn(VoiceEvent) + Send + 'static {
    let (spoke, played) = (AtomicBool::new(false), AtomicBool::new(false));
    move |event| match event {
        VoiceEvent::SpeechFailed(error) => {
            if !spoke.swap(true, Ordering::Relaxed) {
                tracing::error!(%error, "the voice cannot speak; screens are not read aloud");
            }
        }
        VoiceEvent::PlaybackFailed(error) => {
            if !played.swap(true, Ordering::Relaxed) {
                tracing::error!(%error, "the voice cannot play sound; check the speakers and the audio device");
            }
        }
    }
}

/// The UI's sentences for the voice, in its language.
pub fn sentences(spoken: Vec<SpokenSentence>) -> Vec<Sentence> {
    spoken
        .into_iter()
        .take(speech::MAX_SENTENCES)
        .map(|s| {
            let language = match s.language {
                Language::Vi => speech::Language::Vi,
                Language::En => speech::Language::En,
            };
            // The engine refuses overlong text; a screen's sentence is far shorter.
            let text: String = s.text.chars().take(speech::MAX_TEXT_CHARS).collect();
            Sentence::new(text, language)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uis_sentences_keep_their_order_and_language_within_the_engines_limits() {
        let said = sentences(vec![
            SpokenSentence {
                text: "Lấy số".into(),
                language: Language::Vi,
            },
            SpokenSentence {
                text: "x".repeat(speech::MAX_TEXT_CHARS + 50),
                language: Language::En,
            },
        ]);
        assert_eq!(said[0], Sentence::new("Lấy số", speech::Language::Vi));
        assert_eq!(said[1].language, speech::Language::En);
        assert_eq!(said[1].text.chars().count(), speech::MAX_TEXT_CHARS);
        let many = (0..200)
            .map(|i| SpokenSentence {
                text: i.to_string(),
                language: Language::Vi,
            })
            .collect();
        assert_eq!(sentences(many).len(), speech::MAX_SENTENCES);
    }
}
