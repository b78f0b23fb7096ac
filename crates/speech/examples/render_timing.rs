//! How long rendering a call takes with eSpeak NG: milliseconds per call, Vietnamese alone
//! and Vietnamese with English.
//!
//! `cargo run --release -p speech --example render_timing [CALLS]` (default 50).

use std::time::{Duration, Instant};

use speech::{render_call, EspeakNg, Language};

fn main() {
    let calls: usize = match std::env::args().nth(1).map(|arg| arg.parse()) {
        None => 50,
        Some(Ok(calls)) if calls > 0 => calls,
        Some(_) => {
            eprintln!("usage: render_timing [CALLS]");
            std::process::exit(2);
        }
    };
    let engine = EspeakNg::default();
    if let Err(error) = engine.check() {
        eprintln!("{error}");
        std::process::exit(1);
    }
    for (label, languages) in [
        ("vi", &[Language::Vi][..]),
        ("vi+en", &[Language::Vi, Language::En][..]),
    ] {
        let mut times: Vec<Duration> = (0..calls)
            .map(|i| {
                let number = format!("A-{:03}", i % 1000);
                let counter = format!("Quầy {}", i % 12 + 1);
                let started = Instant::now();
                render_call(&engine, &number, &counter, languages).expect("render");
                started.elapsed()
            })
            .collect();
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mean = times.iter().map(|&d| ms(d)).sum::<f64>() / calls as f64;
        println!(
            "{label:6} {calls} calls: mean {mean:.1} ms, median {:.1} ms, slowest {:.1} ms",
            ms(times[calls / 2]),
            ms(times[calls - 1])
        );
    }
}
