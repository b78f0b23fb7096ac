//! `virtual-printer --listen 127.0.0.1:9100 --out DIR [--out-of-paper]`: a network thermal
//! printer that writes each ticket it cuts as `DIR/ticket-0001.png`.

use std::path::PathBuf;

use clap::Parser;
use printer::virtual_printer::{Options, VirtualPrinter, COVER_OPEN, OUT_OF_PAPER, PAPER_NEAR_END};

/// A virtual ESC/POS network printer: answers status requests, saves tickets as PNG.
#[derive(Parser)]
#[command(name = "virtual-printer", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:9100")]
    listen: String,
    /// Folder for ticket images and control files.
    #[arg(long, default_value = "virtual-printer")]
    out: PathBuf,
    /// Start out of paper (same as creating OUT/out-of-paper).
    #[arg(long)]
    out_of_paper: bool,
    /// Print head width in dots (576 for 80 mm paper, 384 for 58 mm).
    #[arg(long, default_value_t = 576)]
    head_dots: u32,
}

fn main() {
    let args = Args::parse();
    let mut options = Options::new(&args.out);
    options.head_dots = args.head_dots;
    options.echo = true;
    let printer = match VirtualPrinter::start_with(&args.listen, options) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("virtual-printer: cannot listen on {}: {e}", args.listen);
            std::process::exit(1);
        }
    };
    if let Err(e) = printer.set_out_of_paper(args.out_of_paper) {
        eprintln!(
            "virtual-printer: cannot write to {}: {e}",
            args.out.display()
        );
        std::process::exit(1);
    }
    println!(
        "virtual printer listening on {}; tickets go to {}/ticket-NNNN.png",
        printer.addr(),
        args.out.display()
    );
    println!(
        "control it with files in that folder: {OUT_OF_PAPER}, {PAPER_NEAR_END}, {COVER_OPEN} (present = on)"
    );
    printer.wait();
}
