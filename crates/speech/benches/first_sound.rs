//! From a screen change or a key press to the first sound of what it says: the time the
//! kiosk's voice takes from `Voice::say` to handing the first clip to the sound output,
//! with the real engine (eSpeak NG). Goal: under 200 ms on the kiosk.
//!
//! `cargo bench -p speech --bench first_sound`

use std::io;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use speech::{EspeakNg, Language, Sentence, SoundOutput, Voice, Wav};

/// Tells the bench when a clip reaches it, and plays nothing.
struct FirstSound(mpsc::Sender<Instant>);

impl SoundOutput for FirstSound {
    fn play(&self, _: &Wav, _: &Sentence, _: &dyn Fn() -> bool) -> io::Result<()> {
        let _ = self.0.send(Instant::now());
        Ok(())
    }
}

fn first_sound(c: &mut Criterion) {
    if EspeakNg::default().check().is_err() {
        eprintln!("espeak-ng is not installed: nothing to measure");
        return;
    }
    let cases: [(&str, Vec<Sentence>); 3] = [
        (
            "key press: one item",
            vec![Sentence::new("Lấy số thứ tự", Language::Vi)],
        ),
        (
            "new screen: heading then choices",
            vec![
                Sentence::new("Xin chào! Bạn cần làm gì?", Language::Vi),
                Sentence::new(
                    "Các lựa chọn: Lấy số thứ tự; Kiểm tra hồ sơ; Lịch hẹn; Nộp trực tuyến; Quay lại; Trang chủ.",
                    Language::Vi,
                ),
            ],
        ),
        (
            "ticket: the whole ticket",
            vec![
                Sentence::new("Số thứ tự của bạn", Language::Vi),
                Sentence::new(
                    "Số của bạn là A-017. Có 12 người trước bạn. Thời gian chờ khoảng 35 phút.",
                    Language::Vi,
                ),
            ],
        ),
    ];
    let mut group = c.benchmark_group("first sound");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(8));
    for (name, sentences) in cases {
        let (tx, rx) = mpsc::channel();
        let voice = Voice::new(EspeakNg::default(), FirstSound(tx), |event| {
            panic!("the voice failed: {event:?}")
        });
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    while rx.try_recv().is_ok() {}
                    let start = Instant::now();
                    voice.say(sentences.clone());
                    let heard = rx.recv().expect("a first clip");
                    total += heard - start;
                    // The rest of the turn is not wanted.
                    voice.stop();
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, first_sound);
criterion_main!(benches);
