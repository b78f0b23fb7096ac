//! Render + encode one ticket at 576 dots (80 mm). The issue asks for under 30 ms.
//! Run: `cargo bench -p printer --bench render`.

use criterion::{criterion_group, criterion_main, Criterion};
use printer::{escpos, render_ticket, Cut, Darkness, PaperWidth, RenderOptions, TicketPrint};

fn render_and_encode(c: &mut Criterion) {
    let ticket = TicketPrint::example();
    let mut options = RenderOptions::new(PaperWidth::Mm80);
    options.header = vec!["UBND THÀNH PHỐ HÀ NỘI".into()];
    options.footer = vec!["Cảm ơn quý khách / Thank you".into()];
    // Fonts load lazily on first use; a kiosk has drawn a ticket before the second visitor.
    render_ticket(&ticket, &options).unwrap();
    c.bench_function("render + encode ticket, 576 dots", |b| {
        b.iter(|| {
            let image = render_ticket(std::hint::black_box(&ticket), &options).unwrap();
            escpos::ticket_job(&image, Darkness::STANDARD, Cut::Partial)
        })
    });
    c.bench_function("render ticket, 384 dots", |b| {
        let options = RenderOptions::new(PaperWidth::Mm58);
        b.iter(|| render_ticket(std::hint::black_box(&ticket), &options).unwrap())
    });
}

criterion_group!(benches, render_and_encode);
criterion_main!(benches);
