//! Calls said aloud: the text of each call, and its sound rendered here (a chime,
//! then the words, by the `speech` crate) so the lobby board only plays a WAV
//! file and a TV stick needs no voice installed.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use kiosk_profile::{Files, Language as ProfileLanguage, Settings};
use speech::{Call, Language, Speaker};
use wire::LocalizedText;

use crate::http::AppState;

/// Rendered calls kept: the latest calls of the offices, each 180 KB (Vietnamese)
/// to 370 KB (with English), about 25 MB at most.
const CACHED_CALLS: usize = 96;

/// What is shown for a call: "Mời số A-017 đến quầy số 3" and its English. A number
/// or counter name the speech rules refuse (never one the central makes) is shown as it is.
pub fn announcement_text(number: &str, counter_name: &str) -> LocalizedText {
    match Call::new(number, counter_name) {
        Ok(call) => LocalizedText::new(
            call.display_text(Language::Vi),
            call.display_text(Language::En),
        ),
        Err(_) => LocalizedText::new(
            format!("Mời số {number} đến {counter_name}"),
            format!("Number {number}, please go to {counter_name}"),
        ),
    }
}

/// Where the sound of a call is, on this server (a relative address, so it works
/// behind any proxy).
pub fn audio_path(counter: &str, number: &str) -> String {
    format!("/api/v1/counters/{counter}/announcement.wav?number={number}")
}

/// Whether the office's calls are said in English too: when a kiosk profile of the
/// office offers English to its visitors.
pub async fn speaks_english(state: &AppState, office: &str) -> bool {
    let Ok(profiles) = state.store.profiles().await else {
        return false;
    };
    profiles
        .iter()
        .filter(|p| p.office == office)
        .filter_map(|p| Settings::parse(&p.document, Files::Unchecked).ok())
        .any(|s| s.languages.contains(&ProfileLanguage::En))
}

/// Renders calls with one voice and keeps the latest ones.
pub struct Announcer {
    speaker: Arc<dyn Speaker>,
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    order: VecDeque<String>,
    clips: HashMap<String, Arc<Vec<u8>>>,
}

impl Announcer {
    /// An announcer speaking with `speaker`.
    pub fn new(speaker: Arc<dyn Speaker>) -> Self {
        Self {
            speaker,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// The WAV file of a call, rendered once and then kept.
    pub async fn render(
        &self,
        number: &str,
        counter_name: &str,
        english: bool,
    ) -> Result<Arc<Vec<u8>>, speech::SpeechError> {
        let key = format!("{number}\u{0}{counter_name}\u{0}{english}");
        if let Some(clip) = self.lock().clips.get(&key) {
            return Ok(clip.clone());
        }
        let call = Call::new(number, counter_name)?;
        let speaker = self.speaker.clone();
        let languages: &'static [Language] = if english {
            &[Language::Vi, Language::En]
        } else {
            &[Language::Vi]
        };
        // The engine is a separate program: wait for it off the async threads.
        let clip = tokio::task::spawn_blocking(move || {
            speech::render(speaker.as_ref(), &call, languages).map(|wav| wav.to_bytes())
        })
        .await
        .map_err(|e| speech::SpeechError::Io(std::io::Error::other(e)))??;
        let clip = Arc::new(clip);
        let mut cache = self.lock();
        if cache.clips.insert(key.clone(), clip.clone()).is_none() {
            cache.order.push_back(key);
            while cache.order.len() > CACHED_CALLS {
                if let Some(old) = cache.order.pop_front() {
                    cache.clips.remove(&old);
                }
            }
        }
        Ok(clip)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}
