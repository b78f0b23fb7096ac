//! Search per keystroke over a catalogue of 5,000 procedures, made from the demo
//! catalogue's 52 by giving each copy its own code and a ward's name, so that the
//! vocabulary and the lists behind each word grow as in a real city catalogue.
//!
//! `cargo bench -p kiosk-core --bench search`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kiosk_core::kiosk::SEARCH_LIMIT;
use kiosk_core::search::SearchIndex;
use wire::Procedure;

/// Procedures in the benchmark catalogue.
const PROCEDURES: usize = 5_000;

/// Ward names mixed into the copies' names: new words, as distinct procedures bring.
const WARDS: [&str; 24] = [
    "Ba Đình",
    "Hoàn Kiếm",
    "Tây Hồ",
    "Long Biên",
    "Cầu Giấy",
    "Đống Đa",
    "Hai Bà Trưng",
    "Hoàng Mai",
    "Thanh Xuân",
    "Hà Đông",
    "Sóc Sơn",
    "Đông Anh",
    "Gia Lâm",
    "Thanh Trì",
    "Mê Linh",
    "Sơn Tây",
    "Ba Vì",
    "Phúc Thọ",
    "Đan Phượng",
    "Hoài Đức",
    "Quốc Oai",
    "Thạch Thất",
    "Chương Mỹ",
    "Thường Tín",
];

fn catalogue() -> Vec<Procedure> {
    let demo = central::demo::procedures().expect("the demo catalogue parses");
    (0..PROCEDURES)
        .map(|i| {
            let mut p = demo[i % demo.len()].clone();
            let copy = i / demo.len();
            p.code = format!("{}.{copy:03}", p.code);
            p.name.vi = format!("{} ({} {copy})", p.name.vi, WARDS[copy % WARDS.len()]);
            p
        })
        .collect()
}

/// Every prefix of `text` a visitor sees while typing it, one per keystroke.
fn keystrokes(text: &str) -> Vec<String> {
    let mut typed = String::new();
    text.chars()
        .map(|c| {
            typed.push(c);
            typed.clone()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let procedures = catalogue();
    let index = SearchIndex::new(&procedures);
    assert_eq!(index.len(), PROCEDURES);

    let mut group = c.benchmark_group("search 5000 procedures");
    for (name, text) in [
        ("typing 'dang ky khai sinh'", "dang ky khai sinh"),
        (
            "typing Telex 'ddawng kys khai sinh'",
            "ddawng kys khai sinh",
        ),
        ("typing with a typo 'khia sinh'", "khia sinh"),
        ("typing 'giay khai sinh'", "giay khai sinh"),
    ] {
        let queries = keystrokes(text);
        group.bench_function(format!("{name}, all {} keystrokes", queries.len()), |b| {
            b.iter(|| {
                for query in &queries {
                    black_box(index.search(black_box(query), SEARCH_LIMIT));
                }
            })
        });
    }
    // The heaviest single keystrokes: one letter, matching the start of many words.
    for query in ["d", "c", "dang k", "dang ky khai sinh"] {
        group.bench_function(format!("one keystroke {query:?}"), |b| {
            b.iter(|| black_box(index.search(black_box(query), SEARCH_LIMIT)))
        });
    }
    group.finish();

    c.bench_function("build the index of 5000 procedures", |b| {
        b.iter(|| black_box(SearchIndex::new(black_box(&procedures))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
