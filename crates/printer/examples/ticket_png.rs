//! Draws the example ticket to a PNG, to look at a layout change without a printer:
//! `cargo run -p printer --example ticket_png -- /tmp/ticket.png 80 [logo.png]`.

use std::sync::Arc;

use printer::{load_logo, prepare_logo, render_ticket, PaperWidth, RenderOptions, TicketPrint};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "ticket.png".into());
    let paper = match args.next().as_deref() {
        Some("58") => PaperWidth::Mm58,
        _ => PaperWidth::Mm80,
    };
    let mut options = RenderOptions::new(paper);
    options.header = vec!["UBND THÀNH PHỐ HÀ NỘI".into()];
    options.footer = vec!["Cảm ơn quý khách! / Thank you!".into()];
    if let Some(logo) = args.next() {
        let logo = load_logo(logo.as_ref()).expect("the logo is a PNG");
        options.logo = Some(Arc::new(prepare_logo(&logo, paper)));
    }
    let image = render_ticket(&TicketPrint::example(), &options).expect("the example renders");
    image.save(&out).expect("the PNG is written");
    println!("{out}: {} × {} dots", image.width(), image.height());
}
