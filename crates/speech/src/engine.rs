//! The one adapter to a speech engine, like the printer's transport: text in, a clip out.
//!
//! [`EspeakNg`] runs the `espeak-ng` program, a separate process, because eSpeak NG is GPL
//! and must not be linked into this MIT code. It is the only maintained offline engine with
//! a Vietnamese voice inside a Debian package.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::announcement::{InputError, Language};
use crate::wav::{Wav, WavError};

/// Longest text one call of [`Speaker::speak`] accepts, in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// More audio than this from the engine is an engine gone wrong (about 4 min at 22 kHz).
const MAX_OUTPUT_BYTES: u64 = 10 << 20;
/// Enough of the engine's complaints to say what went wrong.
const MAX_STDERR_BYTES: u64 = 2048;

/// Why no sound was made.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    /// The number or counter name was refused.
    #[error(transparent)]
    Input(#[from] InputError),
    /// No language was asked for.
    #[error("no language was asked for")]
    NoLanguage,
    /// The text is longer than [`MAX_TEXT_CHARS`].
    #[error("the text to speak is longer than {MAX_TEXT_CHARS} characters")]
    TextTooLong,
    /// The engine's program is not installed.
    #[error("the speech program `{program}` is not installed (Debian: apt-get install espeak-ng)")]
    EngineMissing {
        /// The program that was looked for.
        program: String,
    },
    /// The engine ran but failed, or made no sound.
    #[error("the speech program failed ({status}): {message}")]
    EngineFailed {
        /// Its exit status.
        status: String,
        /// What it said on stderr, cut short.
        message: String,
    },
    /// The engine took longer than its timeout, and was stopped.
    #[error("the speech program took longer than {0:?} and was stopped")]
    Timeout(Duration),
    /// The engine's output is not a clip this crate reads.
    #[error("the speech program's output: {0}")]
    Wav(#[from] WavError),
    /// Starting the engine or talking to it failed.
    #[error("running the speech program: {0}")]
    Io(#[from] io::Error),
}

/// A voice: turns one sentence into a clip.
pub trait Speaker: Send + Sync {
    /// `text` said in `language`, as a mono clip. Numbers should already be in words.
    fn speak(&self, text: &str, language: Language) -> Result<Wav, SpeechError>;
}

/// eSpeak NG, run as a program for each sentence (10-15 ms each). Blocking: from async
/// code, call it through `spawn_blocking`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EspeakNg {
    /// The program, `espeak-ng` (looked up on `PATH`) unless given.
    pub program: PathBuf,
    /// Speed in words a minute. eSpeak's own 175 is quick for elderly visitors in a
    /// noisy hall; 135 is close to an officer calling a number.
    pub words_per_minute: u32,
    /// Loudness, 0-200. eSpeak's own 100 touches full scale and clips; 80 does not.
    pub amplitude: u32,
    /// How long one sentence may take before the program is stopped.
    pub timeout: Duration,
}

impl Default for EspeakNg {
    fn default() -> Self {
        Self {
            program: PathBuf::from("espeak-ng"),
            words_per_minute: 135,
            amplitude: 80,
            timeout: Duration::from_secs(5),
        }
    }
}

impl EspeakNg {
    /// The voice of each language: the northern Vietnamese voice, as the number words are
    /// northern too.
    fn voice(language: Language) -> &'static str {
        match language {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// Checks that the program runs, for a clear message at start-up rather than at the
    /// first call.
    pub fn check(&self) -> Result<(), SpeechError> {
        self.speak("a", Language::Vi).map(|_| ())
    }

    fn spawn(&self, language: Language) -> Result<Child, SpeechError> {
        Command::new(&self.program)
            .args(["-v", Self::voice(language)])
            .args(["-s", &self.words_per_minute.to_string()])
            .args(["-a", &self.amplitude.to_string()])
            // UTF-8 input read from stdin, so text starting with '-' is never an option.
            .args(["-b", "1", "--stdin", "--stdout"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| match error.kind() {
                io::ErrorKind::NotFound => SpeechError::EngineMissing {
                    program: self.program.display().to_string(),
                },
                _ => SpeechError::Io(error),
            })
    }
}

impl Speaker for EspeakNg {
    fn speak(&self, text: &str, language: Language) -> Result<Wav, SpeechError> {
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(SpeechError::TextTooLong);
        }
        let mut child = self.spawn(language)?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(SpeechError::Io(io::Error::other("no pipe to the program")));
        };
        // The pipes are read on their own threads so that a full pipe never blocks the
        // program, and the wait for its sound can have a timeout.
        let (sound_tx, sound_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let result = stdout
                .take(MAX_OUTPUT_BYTES)
                .read_to_end(&mut bytes)
                .map(|_| bytes);
            let _ = sound_tx.send(result);
        });
        let complaints = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stderr.take(MAX_STDERR_BYTES).read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).trim().to_owned()
        });
        // At most a few kilobytes: they fit in the pipe, so this does not wait on the
        // program. A program that died early makes this fail; its exit status says why.
        let _ = stdin.write_all(text.as_bytes());
        drop(stdin);

        let bytes = match sound_rx.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SpeechError::Timeout(self.timeout));
            }
        };
        let status = child.wait()?;
        let message = complaints.join().unwrap_or_default();
        let bytes = bytes?;
        if !status.success() {
            return Err(SpeechError::EngineFailed {
                status: status.to_string(),
                message,
            });
        }
        let clip = Wav::from_bytes(&bytes)?;
        if clip.samples.is_empty() {
            return Err(SpeechError::EngineFailed {
                status: status.to_string(),
                message: "no sound".to_owned(),
            });
        }
        Ok(clip)
    }
}

/// A voice for tests of the callers, where no engine is installed: one 80 ms beep per
/// word, 40 ms apart, at 22050 Hz, so a test can tell the clips apart by their length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordBeeps;

impl Speaker for WordBeeps {
    fn speak(&self, text: &str, _language: Language) -> Result<Wav, SpeechError> {
        const RATE: u32 = 22050;
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(SpeechError::TextTooLong);
        }
        let beep: Vec<i16> = (0..RATE as usize * 80 / 1000)
            .map(|i| {
                let t = i as f32 / RATE as f32;
                (8000.0 * (std::f32::consts::TAU * 440.0 * t).sin()) as i16
            })
            .collect();
        let gap = vec![0i16; RATE as usize * 40 / 1000];
        let mut samples = Vec::new();
        for _ in text.split_whitespace() {
            samples.extend_from_slice(&beep);
            samples.extend_from_slice(&gap);
        }
        Ok(Wav {
            sample_rate: RATE,
            samples,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::time::Instant;

    fn script(dir: &tempfile::TempDir, body: &str) -> PathBuf {
        let path = dir.path().join("engine");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn a_missing_program_says_so() {
        let engine = EspeakNg {
            program: PathBuf::from("/nonexistent/espeak-ng"),
            ..EspeakNg::default()
        };
        let error = engine.speak("một", Language::Vi).unwrap_err();
        assert!(
            matches!(&error, SpeechError::EngineMissing { program } if program == "/nonexistent/espeak-ng"),
            "{error:?}"
        );
        assert!(error.to_string().contains("apt-get install espeak-ng"));
    }

    #[test]
    fn a_hanging_program_is_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let engine = EspeakNg {
            program: script(&dir, "exec sleep 30"),
            timeout: Duration::from_millis(300),
            ..EspeakNg::default()
        };
        let started = Instant::now();
        let error = engine.speak("một", Language::Vi).unwrap_err();
        assert!(matches!(error, SpeechError::Timeout(_)), "{error:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_failing_program_reports_its_message() {
        let dir = tempfile::tempdir().unwrap();
        let engine = EspeakNg {
            program: script(&dir, "echo 'no voice vi' >&2; exit 3"),
            ..EspeakNg::default()
        };
        let error = engine.speak("một", Language::Vi).unwrap_err();
        match error {
            SpeechError::EngineFailed { status, message } => {
                assert!(status.contains('3'), "{status}");
                assert_eq!(message, "no voice vi");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_program_writing_no_wav_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let engine = EspeakNg {
            program: script(&dir, "cat"),
            ..EspeakNg::default()
        };
        let error = engine.speak("một", Language::Vi).unwrap_err();
        assert!(matches!(error, SpeechError::Wav(_)), "{error:?}");
    }

    #[test]
    fn the_text_reaches_the_program_on_stdin_with_its_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        let clip = Wav::silence(22050, Duration::from_millis(10)).to_bytes();
        let clip_path = dir.path().join("clip.wav");
        std::fs::write(&clip_path, clip).unwrap();
        let engine = EspeakNg {
            program: script(
                &dir,
                &format!(
                    "echo \"$@\" > {seen}; cat >> {seen}; cat {clip}",
                    seen = seen.display(),
                    clip = clip_path.display()
                ),
            ),
            ..EspeakNg::default()
        };
        let wav = engine.speak("-x mời", Language::En).unwrap();
        assert_eq!(wav.samples.len(), 221);
        assert_eq!(
            std::fs::read_to_string(&seen).unwrap(),
            "-v en -s 135 -a 80 -b 1 --stdin --stdout\n-x mời"
        );
    }

    #[test]
    fn overlong_text_is_refused_before_running_anything() {
        let engine = EspeakNg {
            program: PathBuf::from("/nonexistent/espeak-ng"),
            ..EspeakNg::default()
        };
        let text = "a".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            engine.speak(&text, Language::Vi),
            Err(SpeechError::TextTooLong)
        ));
    }

    #[test]
    fn word_beeps_make_one_beep_a_word() {
        let clip = WordBeeps.speak("Mời số a mười bảy", Language::Vi).unwrap();
        assert_eq!(clip.duration(), Duration::from_millis(5 * 120));
    }
}
