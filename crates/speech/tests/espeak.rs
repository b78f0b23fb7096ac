//! A call rendered with the real eSpeak NG and measured with SoX, as a listener would
//! check it: long enough, loud enough, and speech where the sentences should be.
//! The file is kept in `$CARGO_TARGET_DIR/test-output/` to be listened to.
//! Needs `espeak-ng` and `sox` (scripts/install.sh installs both); fails without them.

use std::path::{Path, PathBuf};
use std::process::Command;

use speech::{render_call, EspeakNg, Language, Speaker, Wav};

fn output_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("test-output");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `sox FILE -n trim START LENGTH stat`: (length in seconds, RMS amplitude, 0..1).
fn sox_stat(file: &Path, window: Option<(f64, f64)>) -> (f64, f64) {
    let mut command = Command::new("sox");
    command.arg(file).arg("-n");
    if let Some((start, length)) = window {
        command.args(["trim", &start.to_string(), &length.to_string()]);
    }
    let output = command.arg("stat").output().unwrap_or_else(|error| {
        panic!("cannot run sox ({error}); install it: apt-get install sox (scripts/install.sh)")
    });
    assert!(output.status.success(), "sox failed: {output:?}");
    // `stat` reports on stderr.
    let report = String::from_utf8_lossy(&output.stderr);
    let field = |name: &str| -> f64 {
        report
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split(':').nth(1))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name:?} in sox's report:\n{report}"))
    };
    (field("Length (seconds)"), field("RMS     amplitude"))
}

#[test]
fn the_call_of_a_017_to_counter_3_is_audible_speech() {
    let engine = EspeakNg::default();
    if let Err(error) = engine.check() {
        panic!("eSpeak NG is needed for this test: {error}");
    }
    let bytes = render_call(&engine, "A-017", "Quầy 3", &[Language::Vi, Language::En]).unwrap();
    let file = output_dir().join("announcement-A-017.wav");
    std::fs::write(&file, &bytes).unwrap();

    let (length, rms) = sox_stat(&file, None);
    assert!(
        (2.0..=10.0).contains(&length),
        "{} lasts {length} s",
        file.display()
    );
    assert!(rms > 0.03, "{} is too quiet: RMS {rms}", file.display());

    // Where each sentence lies: after the 0.8 s chime and 0.3 s pause, the Vietnamese; after
    // it and a 0.7 s pause, the English. Each must be speech, not silence or the chime alone.
    let call = speech::Call::new("A-017", "Quầy 3").unwrap();
    let vi = engine
        .speak(&call.spoken_text(Language::Vi), Language::Vi)
        .unwrap()
        .trimmed()
        .duration()
        .as_secs_f64();
    let en = engine
        .speak(&call.spoken_text(Language::En), Language::En)
        .unwrap()
        .trimmed()
        .duration()
        .as_secs_f64();
    assert!((length - (1.1 + vi + 0.7 + en)).abs() < 0.01, "{length} s");
    for (name, start, duration) in [("Vietnamese", 1.1, vi), ("English", 1.1 + vi + 0.7, en)] {
        let (_, rms) = sox_stat(&file, Some((start, duration)));
        assert!(
            rms > 0.05,
            "the {name} sentence ({start:.2} s, {duration:.2} s) is silent: RMS {rms}"
        );
    }
    // And the pause after the chime is silent, so the test above can tell speech from nothing.
    let (_, pause) = sox_stat(&file, Some((0.82, 0.25)));
    assert!(pause < 0.001, "the pause after the chime: RMS {pause}");

    // The file is one this crate reads back the same.
    let clip = Wav::from_bytes(&bytes).unwrap();
    assert_eq!(clip.sample_rate, 22050);
}

#[test]
fn every_prefix_letter_and_a_long_number_are_spoken() {
    let engine = EspeakNg::default();
    if let Err(error) = engine.check() {
        panic!("eSpeak NG is needed for this test: {error}");
    }
    for letter in ('A'..='Z').chain(['Đ']) {
        let number = format!("{letter}-9999");
        let clip = Wav::from_bytes(
            &render_call(&engine, &number, "Quầy Hộ tịch", &[Language::Vi]).unwrap(),
        )
        .unwrap();
        // Chime and pause (1.1 s) and at least a second and a half of words.
        assert!(
            clip.duration().as_secs_f64() > 2.6,
            "{number}: {:?}",
            clip.duration()
        );
    }
}

/// eSpeak's phonemes for `text` (`espeak-ng -x`), without spaces and secondary stresses.
fn phonemes(voice: &str, text: &str) -> String {
    let output = Command::new("espeak-ng")
        .args(["-q", "-x", "-v", voice, text])
        .output()
        .expect("eSpeak NG is needed for this test: apt-get install espeak-ng");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect()
}

#[test]
fn letter_names_are_said_as_letters() {
    for letter in ('A'..='Z').chain(['Đ']) {
        // Every Vietnamese name is said with a vowel: a lone "gi" would be a bare consonant.
        let vi = speech::numbers::letter_name(letter).unwrap();
        for word in vi.split([' ', '-']) {
            let said = phonemes("vi", word);
            assert!(said.contains('\''), "{letter}: {word:?} is said {said:?}");
        }
        // Each English name sounds as eSpeak says the letter alone.
        let en = speech::numbers::english_letter_name(letter).unwrap();
        let alone = if letter == 'Đ' { 'D' } else { letter };
        assert_eq!(
            phonemes("en", en),
            phonemes("en", &alone.to_string()),
            "{letter}: {en:?}"
        );
    }
}
