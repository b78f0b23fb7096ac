//! A voice that speaks a screen: sentences in order, each one stopped the moment something
//! newer is to be said.
//!
//! [`Voice::say`] returns at once; a thread of its own turns each sentence into sound with
//! the [`Speaker`] (numbers in words first, [`crate::speakable`]) and hands it to a
//! [`SoundOutput`]. The first sentence is heard as soon as it alone is made (10-20 ms with
//! eSpeak NG), the next is made when the first has been played. A new `say`, `stop` or
//! `repeat` cuts the sentence being played and drops the rest.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::announcement::Language;
use crate::engine::{Speaker, SpeechError};
use crate::spoken::speakable;
use crate::wav::Wav;

/// Loudness a voice starts at, in percent of the clip as made.
pub const DEFAULT_VOLUME: u8 = 80;
/// The quietest a visitor can turn it: never silent, so nobody is left without a voice.
pub const MIN_VOLUME: u8 = 20;
/// Most sentences one `say` takes; more are dropped (a screen has far fewer).
pub const MAX_SENTENCES: usize = 64;
/// Silence between two sentences.
const BETWEEN_SENTENCES: Duration = Duration::from_millis(250);
/// How often a playing clip looks whether it should stop.
const STOP_POLL: Duration = Duration::from_millis(5);

/// One sentence to say, in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// As shown on the screen; numbers are put into words before it is spoken.
    pub text: String,
    /// The language it is in.
    pub language: Language,
}

impl Sentence {
    /// A sentence in `language`.
    pub fn new(text: impl Into<String>, language: Language) -> Self {
        Self {
            text: text.into(),
            language,
        }
    }
}

/// Where a voice's clips are heard: the sound card, a file, or both.
pub trait SoundOutput: Send + Sync {
    /// Plays `clip` to its end, or until `stopped()` is true (asked every few
    /// milliseconds); `sentence` is what it says. Blocks while it plays.
    fn play(&self, clip: &Wav, sentence: &Sentence, stopped: &dyn Fn() -> bool) -> io::Result<()>;
}

/// ALSA's `aplay`, one process a clip, killed to stop it. A program rather than a linked
/// library, like the speech engine: nothing to build against, and a stuck sound card can
/// never hang the kiosk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aplay {
    /// The program, `aplay` (on `PATH`) unless given.
    pub program: PathBuf,
    /// The ALSA device (`-D`), or the system's default.
    pub device: Option<String>,
}

impl Default for Aplay {
    fn default() -> Self {
        Self {
            program: PathBuf::from("aplay"),
            device: None,
        }
    }
}

impl SoundOutput for Aplay {
    fn play(&self, clip: &Wav, _: &Sentence, stopped: &dyn Fn() -> bool) -> io::Result<()> {
        let mut command = Command::new(&self.program);
        command.args(["-q", "-t", "wav"]);
        if let Some(device) = &self.device {
            command.args(["-D", device]);
        }
        let mut child = command
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let bytes = clip.to_bytes();
        let stdin = child.stdin.take();
        // Written from a thread: a clip is larger than the pipe, and the player reads it
        // only as fast as it plays.
        let writer = std::thread::spawn(move || {
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(&bytes);
            }
        });
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break Some(status);
            }
            if stopped() {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(STOP_POLL);
        };
        let _ = writer.join();
        match status {
            Some(status) if !status.success() => {
                let mut message = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    use std::io::Read;
                    let _ = (&mut stderr).take(512).read_to_string(&mut message);
                }
                Err(io::Error::other(format!(
                    "{} failed ({status}): {}",
                    self.program.display(),
                    message.trim()
                )))
            }
            _ => Ok(()),
        }
    }
}

/// Keeps what was said in a folder, then hands it on: each clip as `NNNN-LANG.wav` and a
/// line "NNNN<TAB>LANG<TAB>text" in `spoken.tsv`. For checking what a kiosk says (a test
/// listens to the files), and for a kiosk set up without a sound card.
pub struct Recording<O> {
    dir: PathBuf,
    next: Mutex<u32>,
    then: O,
}

impl<O: SoundOutput> Recording<O> {
    /// Records into `dir` (made if missing), then plays through `then`.
    pub fn new(dir: impl Into<PathBuf>, then: O) -> io::Result<Self> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)?;
        Ok(Self {
            dir,
            next: Mutex::new(1),
            then,
        })
    }
}

impl<O: SoundOutput> SoundOutput for Recording<O> {
    fn play(&self, clip: &Wav, sentence: &Sentence, stopped: &dyn Fn() -> bool) -> io::Result<()> {
        {
            let mut next = self
                .next
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let (n, language) = (*next, sentence.language.code());
            *next += 1;
            std::fs::write(
                self.dir.join(format!("{n:04}-{language}.wav")),
                clip.to_bytes(),
            )?;
            let line = sentence.text.replace(['\t', '\n', '\r'], " ");
            let mut log = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.dir.join("spoken.tsv"))?;
            writeln!(log, "{n:04}\t{language}\t{line}")?;
        }
        self.then.play(clip, sentence, stopped)
    }
}

/// Plays nothing, taking as long as the clip lasts: the sound card of a machine that has
/// none, so that timing and interruptions stay as they would be.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl SoundOutput for Silent {
    fn play(&self, clip: &Wav, _: &Sentence, stopped: &dyn Fn() -> bool) -> io::Result<()> {
        let end = std::time::Instant::now() + clip.duration();
        while std::time::Instant::now() < end {
            if stopped() {
                break;
            }
            std::thread::sleep(STOP_POLL);
        }
        Ok(())
    }
}

/// What a voice tells its owner: for the log, never the sentence itself (it may hold a
/// name the visitor typed).
#[derive(Debug)]
pub enum VoiceEvent {
    /// The engine made no sound for a sentence.
    SpeechFailed(SpeechError),
    /// The output could not play a clip.
    PlaybackFailed(io::Error),
}

struct Shared {
    /// Raised by every `say`, `stop` and `repeat`: a sentence of an older turn stops.
    turn: AtomicU64,
    volume: AtomicU8,
    last: Mutex<Vec<Sentence>>,
}

impl Shared {
    fn is_current(&self, turn: u64) -> bool {
        self.turn.load(Ordering::SeqCst) == turn
    }
}

/// Speaks screens, one at a time; see the module's documentation.
pub struct Voice {
    shared: Arc<Shared>,
    jobs: mpsc::Sender<(u64, Vec<Sentence>)>,
}

impl Voice {
    /// A voice speaking with `speaker` into `output`; `events` hears of failures (called on
    /// the voice's thread).
    pub fn new(
        speaker: impl Speaker + 'static,
        output: impl SoundOutput + 'static,
        events: impl Fn(VoiceEvent) + Send + 'static,
    ) -> Self {
        let shared = Arc::new(Shared {
            turn: AtomicU64::new(0),
            volume: AtomicU8::new(DEFAULT_VOLUME),
            last: Mutex::new(Vec::new()),
        });
        let (jobs, queue) = mpsc::channel::<(u64, Vec<Sentence>)>();
        let worker = shared.clone();
        std::thread::Builder::new()
            .name("voice".into())
            .spawn(move || {
                while let Ok(mut job) = queue.recv() {
                    // Only the newest of what waits is still wanted.
                    while let Ok(newer) = queue.try_recv() {
                        job = newer;
                    }
                    speak_turn(&worker, &speaker, &output, &events, job);
                }
            })
            .expect("a thread for the voice");
        Self { shared, jobs }
    }

    /// Stops what is being said and says `sentences`, in order. Returns at once.
    pub fn say(&self, mut sentences: Vec<Sentence>) {
        sentences.truncate(MAX_SENTENCES);
        sentences.retain(|s| !s.text.trim().is_empty());
        *self
            .shared
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = sentences.clone();
        self.start(sentences);
    }

    /// Says again what was said last, from its start.
    pub fn repeat(&self) {
        let last = self
            .shared
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        self.start(last);
    }

    /// Stops at once; nothing more is said until the next `say` or `repeat`.
    pub fn stop(&self) {
        self.shared.turn.fetch_add(1, Ordering::SeqCst);
    }

    /// Sets the loudness, [`MIN_VOLUME`] to 100 percent; returns it as set.
    pub fn set_volume(&self, percent: u8) -> u8 {
        let percent = percent.clamp(MIN_VOLUME, 100);
        self.shared.volume.store(percent, Ordering::SeqCst);
        percent
    }

    /// The loudness now, in percent.
    pub fn volume(&self) -> u8 {
        self.shared.volume.load(Ordering::SeqCst)
    }

    fn start(&self, sentences: Vec<Sentence>) {
        let turn = self.shared.turn.fetch_add(1, Ordering::SeqCst) + 1;
        if !sentences.is_empty() {
            // The thread ends only when the voice is dropped.
            let _ = self.jobs.send((turn, sentences));
        }
    }
}

fn speak_turn(
    shared: &Shared,
    speaker: &dyn Speaker,
    output: &dyn SoundOutput,
    events: &dyn Fn(VoiceEvent),
    (turn, sentences): (u64, Vec<Sentence>),
) {
    let stopped = || !shared.is_current(turn);
    for (i, sentence) in sentences.iter().enumerate() {
        if stopped() {
            return;
        }
        let clip = match speaker.speak(
            &speakable(&sentence.text, sentence.language),
            sentence.language,
        ) {
            Ok(clip) => clip.trimmed(),
            Err(error) => {
                events(VoiceEvent::SpeechFailed(error));
                continue;
            }
        };
        // The pause before each sentence but the first is part of its clip.
        let clip = if i > 0 {
            let pause = Wav::silence(clip.sample_rate, BETWEEN_SENTENCES);
            Wav::join(&[pause, clip]).expect("two clips of one rate")
        } else {
            clip
        };
        let clip = clip.scaled(shared.volume.load(Ordering::SeqCst));
        if let Err(error) = output.play(&clip, sentence, &stopped) {
            events(VoiceEvent::PlaybackFailed(error));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::WordBeeps;
    use std::time::Instant;

    /// Keeps what it was given to play and how long it played, taking the clip's time.
    #[derive(Clone, Default)]
    struct Ear {
        heard: Arc<Mutex<Vec<(String, Duration, i16)>>>,
    }

    impl SoundOutput for Ear {
        fn play(
            &self,
            clip: &Wav,
            sentence: &Sentence,
            stopped: &dyn Fn() -> bool,
        ) -> io::Result<()> {
            let started = Instant::now();
            Silent.play(clip, sentence, stopped)?;
            {
                let loudest = clip
                    .samples
                    .iter()
                    .map(|s| s.saturating_abs())
                    .max()
                    .unwrap_or(0);
                self.heard.lock().unwrap().push((
                    sentence.text.clone(),
                    started.elapsed(),
                    loudest,
                ));
            }
            Ok(())
        }
    }

    impl Ear {
        fn texts(&self) -> Vec<String> {
            self.heard
                .lock()
                .unwrap()
                .iter()
                .map(|h| h.0.clone())
                .collect()
        }

        fn wait_for(&self, count: usize) {
            let deadline = Instant::now() + Duration::from_secs(10);
            while self.heard.lock().unwrap().len() < count {
                assert!(Instant::now() < deadline, "heard only {:?}", self.texts());
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }

    fn voice() -> (Voice, Ear) {
        let ear = Ear::default();
        (Voice::new(WordBeeps, ear.clone(), |_| {}), ear)
    }

    fn vi(text: &str) -> Sentence {
        Sentence::new(text, Language::Vi)
    }

    #[test]
    fn sentences_are_said_in_order_in_full() {
        let (voice, ear) = voice();
        voice.say(vec![vi("Lấy số"), vi("Có 3 người"), vi("   "), vi("Xong")]);
        ear.wait_for(3);
        assert_eq!(ear.texts(), ["Lấy số", "Có 3 người", "Xong"]);
        let heard = ear.heard.lock().unwrap().clone();
        // "Có 3 người" was said as "Có ba người": three words of 120 ms, less the trim.
        assert!(heard[1].1 >= Duration::from_millis(300), "{heard:?}");
    }

    #[test]
    fn something_new_cuts_the_sentence_being_said() {
        let (voice, ear) = voice();
        let long = "một ".repeat(40);
        voice.say(vec![vi(&long), vi("never said")]);
        std::thread::sleep(Duration::from_millis(200));
        voice.say(vec![vi("Trang mới")]);
        ear.wait_for(2);
        std::thread::sleep(Duration::from_millis(300));
        let heard = ear.heard.lock().unwrap().clone();
        assert_eq!(
            heard.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(),
            [long.as_str(), "Trang mới"]
        );
        // 40 words last 4.8 s; it was cut soon after 0.2 s.
        assert!(heard[0].1 < Duration::from_millis(1000), "{:?}", heard[0].1);
    }

    #[test]
    fn stop_silences_and_repeat_says_the_last_again() {
        let (voice, ear) = voice();
        voice.say(vec![vi(&"một ".repeat(40))]);
        std::thread::sleep(Duration::from_millis(100));
        voice.stop();
        ear.wait_for(1);
        assert!(ear.heard.lock().unwrap()[0].1 < Duration::from_millis(1000));
        voice.repeat();
        voice.stop();
        voice.say(vec![vi("Số A-017")]);
        voice.repeat();
        ear.wait_for(2);
        assert_eq!(ear.texts().last().map(String::as_str), Some("Số A-017"));
    }

    #[test]
    fn volume_scales_the_sound_and_never_reaches_silence() {
        let (voice, ear) = voice();
        voice.say(vec![vi("một")]);
        ear.wait_for(1);
        assert_eq!(voice.set_volume(40), 40);
        voice.say(vec![vi("hai")]);
        ear.wait_for(2);
        assert_eq!(voice.set_volume(0), MIN_VOLUME);
        assert_eq!(voice.set_volume(250), 100);
        let heard = ear.heard.lock().unwrap().clone();
        // WordBeeps peak just under 8000: at 80 %, then 40 %.
        assert!((6390..=6400).contains(&heard[0].2), "{heard:?}");
        assert_eq!(heard[1].2, heard[0].2 / 2);
    }

    #[test]
    fn a_recording_keeps_each_clip_and_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let ear = Ear::default();
        let recording = Recording::new(dir.path().join("said"), ear.clone()).unwrap();
        let voice = Voice::new(WordBeeps, recording, |_| {});
        voice.say(vec![
            vi("Số của bạn\tA-017"),
            Sentence::new("Your number", Language::En),
        ]);
        ear.wait_for(2);
        let log = std::fs::read_to_string(dir.path().join("said/spoken.tsv")).unwrap();
        assert_eq!(log, "0001\tvi\tSố của bạn A-017\n0002\ten\tYour number\n");
        let clip =
            Wav::from_bytes(&std::fs::read(dir.path().join("said/0001-vi.wav")).unwrap()).unwrap();
        // "Số của bạn a mười bảy": six words.
        assert!(clip.duration() > Duration::from_millis(600));
    }

    #[test]
    fn a_missing_player_is_reported_not_fatal() {
        let (tx, rx) = mpsc::channel();
        let voice = Voice::new(
            WordBeeps,
            Aplay {
                program: PathBuf::from("/nonexistent/aplay"),
                device: None,
            },
            move |event| {
                let _ = tx.send(format!("{event:?}"));
            },
        );
        voice.say(vec![vi("một")]);
        let event = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(event.contains("PlaybackFailed"), "{event}");
    }
}
