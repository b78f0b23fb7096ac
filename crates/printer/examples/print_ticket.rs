//! Prints the example ticket on a network printer, after asking its status: a first check
//! of a newly installed printer, or of the virtual printer.
//! `cargo run -p printer --example print_ticket -- 127.0.0.1:9100 [58|80]`

use printer::{PaperWidth, Printer, PrinterSettings, TicketPrint, Transport};

fn main() {
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "127.0.0.1:9100".into());
    let paper = match args.next().as_deref() {
        Some("58") => PaperWidth::Mm58,
        _ => PaperWidth::Mm80,
    };
    let settings = PrinterSettings {
        transport: Transport::Tcp { address },
        paper_width: paper,
        header: vec!["UBND THÀNH PHỐ HÀ NỘI".into()],
        footer: vec!["Cảm ơn quý khách! / Thank you!".into()],
        ..PrinterSettings::default()
    };
    let printer = Printer::new(&settings).expect("no logo to read");
    let status = printer.status();
    println!("status: {status:?} ({})", status.staff_note());
    match printer.print(&TicketPrint::example()) {
        Ok(()) => println!("printed"),
        Err(e) => {
            eprintln!("not printed: {e}");
            std::process::exit(1);
        }
    }
}
