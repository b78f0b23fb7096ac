//! Reads an ESC/POS byte stream as a printer does, keeping only what a ticket printer needs
//! to show: raster images (`GS v 0`), feeds, cuts, density, and status requests. Anything
//! else is skipped by its length where the command is known, byte by byte where it is not;
//! memory stays bounded whatever arrives.

use image::{GrayImage, Luma};

/// Dots fed by one line feed (1/6 inch at 203 dpi).
pub const LINE_DOTS: u32 = 34;
/// Widest raster row kept, in bytes (2,048 dots: wider than any roll).
pub const MAX_WIDTH_BYTES: usize = 256;
/// Longest page kept, in rows (2.5 m of paper); rows past it are dropped.
pub const MAX_ROWS: usize = 20_000;

/// Something the printer must act on.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `DLE EOT n`: answer status `n` now.
    StatusRequest(u8),
    /// `ESC @`.
    Initialise,
    /// `GS ( K` function 49: density steps from the standard.
    Density(i8),
    /// `GS V`: the paper was cut; the page printed since the last cut, if any was.
    Cut(Option<Page>),
    /// Something worth telling the person watching.
    Warning(String),
}

/// What was printed between two cuts.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Black dots 0, paper 255; as wide as the widest raster row.
    pub image: GrayImage,
    /// Density in force when it was cut.
    pub density: Option<i8>,
    /// Bytes of plain text received (this printer draws only raster images).
    pub text_bytes: usize,
    /// Rows past the longest page kept, dropped.
    pub dropped_rows: usize,
}

enum Mode {
    Commands,
    Raster {
        width_bytes: usize,
        rows_left: usize,
    },
    Skip(usize),
}

/// A streaming ESC/POS reader: feed it bytes as they arrive, act on the events.
pub struct Decoder {
    pending: Vec<u8>,
    mode: Mode,
    rows: Vec<Vec<u8>>,
    has_raster: bool,
    density: Option<i8>,
    text_bytes: usize,
    dropped_rows: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

/// How a command at the start of the input is read.
enum Parsed {
    /// Need more bytes.
    Incomplete,
    /// `len` bytes consumed, maybe with an event.
    Done(usize, Option<Event>),
    /// A header of `len` bytes, then raster rows.
    Raster(usize, usize, usize),
    /// A header of `len` bytes, then `n` bytes of payload to skip.
    SkipPayload(usize, usize),
    /// A line feed or `ESC d`/`ESC J`: `len` bytes, then `dots` of paper.
    Feed(usize, u32),
}

impl Decoder {
    /// A printer just switched on.
    pub fn new() -> Self {
        Self {
            pending: Vec::new(),
            mode: Mode::Commands,
            rows: Vec::new(),
            has_raster: false,
            density: None,
            text_bytes: 0,
            dropped_rows: 0,
        }
    }

    /// Whether something was printed and not yet cut off.
    pub fn has_uncut_page(&self) -> bool {
        self.has_raster
    }

    /// Reads `bytes`, returning the events in the order their commands arrived.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut pos = 0;
        loop {
            let input = &self.pending[pos..];
            if input.is_empty() {
                break;
            }
            match &mut self.mode {
                Mode::Skip(n) => {
                    let take = (*n).min(input.len());
                    *n -= take;
                    pos += take;
                    if *n == 0 {
                        self.mode = Mode::Commands;
                    }
                }
                Mode::Raster {
                    width_bytes,
                    rows_left,
                } => {
                    let width = *width_bytes;
                    if input.len() < width {
                        break;
                    }
                    if self.rows.len() < MAX_ROWS {
                        self.rows.push(input[..width].to_vec());
                    } else {
                        self.dropped_rows += 1;
                    }
                    pos += width;
                    *rows_left -= 1;
                    if *rows_left == 0 {
                        self.mode = Mode::Commands;
                    }
                }
                Mode::Commands => match parse(input) {
                    Parsed::Incomplete => break,
                    Parsed::Done(len, event) => {
                        pos += len;
                        match event {
                            Some(Event::Density(d)) => {
                                self.density = Some(d);
                                events.push(Event::Density(d));
                            }
                            Some(Event::Cut(_)) => events.push(Event::Cut(self.take_page())),
                            Some(Event::Initialise) => {
                                self.density = None;
                                events.push(Event::Initialise);
                            }
                            Some(other) => events.push(other),
                            None => {}
                        }
                    }
                    Parsed::Feed(len, dots) => {
                        pos += len;
                        let room = MAX_ROWS - self.rows.len();
                        self.rows
                            .extend((0..(dots as usize).min(room)).map(|_| Vec::new()));
                        self.dropped_rows += (dots as usize).saturating_sub(room);
                    }
                    Parsed::Raster(len, width_bytes, rows) => {
                        pos += len;
                        let keep = width_bytes <= MAX_WIDTH_BYTES;
                        if !keep {
                            events.push(Event::Warning(format!(
                                "raster {} dots wide ignored: wider than {} dots",
                                width_bytes * 8,
                                MAX_WIDTH_BYTES * 8
                            )));
                        }
                        if width_bytes == 0 || rows == 0 {
                            continue;
                        }
                        if keep {
                            self.has_raster = true;
                            self.mode = Mode::Raster {
                                width_bytes,
                                rows_left: rows,
                            };
                        } else {
                            self.mode = Mode::Skip(width_bytes * rows);
                        }
                    }
                    Parsed::SkipPayload(len, n) => {
                        pos += len;
                        self.mode = Mode::Skip(n);
                    }
                },
            }
            if let Mode::Commands = self.mode {
                // Plain text between commands: counted, not drawn.
                let text = self.pending[pos..]
                    .iter()
                    .take_while(|b| **b >= 0x20 && **b != 0x7F)
                    .count();
                self.text_bytes += text;
                pos += text;
            }
        }
        self.pending.drain(..pos);
        events
    }

    fn take_page(&mut self) -> Option<Page> {
        let rows = std::mem::take(&mut self.rows);
        let text_bytes = std::mem::take(&mut self.text_bytes);
        let dropped_rows = std::mem::take(&mut self.dropped_rows);
        if !std::mem::take(&mut self.has_raster) {
            return None;
        }
        let width_bytes = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut image =
            GrayImage::from_pixel(width_bytes as u32 * 8, rows.len() as u32, Luma([255]));
        for (y, row) in rows.iter().enumerate() {
            for (i, byte) in row.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (0x80 >> bit) != 0 {
                        image.put_pixel((i * 8 + bit) as u32, y as u32, Luma([0]));
                    }
                }
            }
        }
        Some(Page {
            image,
            density: self.density,
            text_bytes,
            dropped_rows,
        })
    }
}

fn u16_at(input: &[u8], i: usize) -> usize {
    usize::from(input[i]) | usize::from(input[i + 1]) << 8
}

/// Reads the command at the start of `input` (which is not empty).
fn parse(input: &[u8]) -> Parsed {
    use Parsed::*;
    let need = |n: usize| input.len() < n;
    match input[0] {
        0x0A => Feed(1, LINE_DOTS),
        0x10 => {
            if need(2) {
                return Incomplete;
            }
            match input[1] {
                0x04 | 0x05 if need(3) => Incomplete,
                0x04 => Done(3, Some(Event::StatusRequest(input[2]))),
                0x05 => Done(3, None),
                0x14 if need(5) => Incomplete,
                0x14 => Done(5, None),
                _ => Done(1, None),
            }
        }
        0x1B => {
            if need(2) {
                return Incomplete;
            }
            match input[1] {
                b'@' => Done(2, Some(Event::Initialise)),
                b'2' | b'<' => Done(2, None),
                b'd' | b'J' if need(3) => Incomplete,
                b'd' => Feed(3, u32::from(input[2]) * LINE_DOTS),
                b'J' => Feed(3, u32::from(input[2])),
                b'!' | b'-' | b'3' | b'E' | b'G' | b'M' | b'R' | b'U' | b'V' | b'a' | b'c'
                | b'r' | b't' | b'{' | b' ' | b'e' | b'K' | b'S' | b'T' => {
                    if need(3) {
                        Incomplete
                    } else {
                        Done(3, None)
                    }
                }
                b'p' => {
                    if need(5) {
                        Incomplete
                    } else {
                        Done(5, None)
                    }
                }
                b'*' => {
                    if need(5) {
                        return Incomplete;
                    }
                    let dots = u16_at(input, 3);
                    let per_column = if matches!(input[2], 0 | 1) { 1 } else { 3 };
                    SkipPayload(5, dots * per_column)
                }
                b'D' => match input[2..].iter().position(|b| *b == 0) {
                    Some(end) => Done(3 + end, None),
                    None if input.len() > 40 => Done(2, None),
                    None => Incomplete,
                },
                _ => Done(
                    2,
                    Some(Event::Warning(format!(
                        "unknown command ESC 0x{:02X}",
                        input[1]
                    ))),
                ),
            }
        }
        0x1D => {
            if need(2) {
                return Incomplete;
            }
            match input[1] {
                b'v' => {
                    if need(8) {
                        return Incomplete;
                    }
                    if input[2] != b'0' {
                        return Done(2, None);
                    }
                    Raster(8, u16_at(input, 4), u16_at(input, 6))
                }
                b'V' => {
                    if need(3) {
                        return Incomplete;
                    }
                    match input[2] {
                        0 | 1 | 48 | 49 => Done(3, Some(Event::Cut(None))),
                        65 | 66 | 97 | 98 | 103 | 104 if need(4) => Incomplete,
                        65 | 66 | 97 | 98 | 103 | 104 => Done(4, Some(Event::Cut(None))),
                        _ => Done(3, None),
                    }
                }
                b'(' => {
                    if need(5) {
                        return Incomplete;
                    }
                    let len = u16_at(input, 3);
                    if input[2] == b'K' && len == 2 {
                        if need(7) {
                            return Incomplete;
                        }
                        if input[5] == 49 {
                            return Done(7, Some(Event::Density(input[6] as i8)));
                        }
                        return Done(7, None);
                    }
                    SkipPayload(5, len)
                }
                b'8' => {
                    if need(7) {
                        return Incomplete;
                    }
                    let len = u16_at(input, 3) | u16_at(input, 5) << 16;
                    SkipPayload(7, len)
                }
                b'!' | b'B' | b'H' | b'I' | b'a' | b'b' | b'f' | b'h' | b'r' | b'w' | b'E' => {
                    if need(3) {
                        Incomplete
                    } else {
                        Done(3, None)
                    }
                }
                b'L' | b'P' | b'W' | b'$' | b'\\' => {
                    if need(4) {
                        Incomplete
                    } else {
                        Done(4, None)
                    }
                }
                _ => Done(
                    2,
                    Some(Event::Warning(format!(
                        "unknown command GS 0x{:02X}",
                        input[1]
                    ))),
                ),
            }
        }
        // Other control bytes (NUL, CR, HT, FF...) and bytes over 0x7F: skipped one at a time.
        _ => Done(1, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escpos;
    use crate::settings::{Cut, Darkness};

    #[test]
    fn a_ticket_job_decodes_to_its_image() {
        let mut image = GrayImage::from_pixel(24, 300, Luma([255]));
        for y in 0..300 {
            image.put_pixel(y % 24, y, Luma([0]));
        }
        let job = escpos::ticket_job(&image, Darkness::new(6).unwrap(), Cut::Partial);
        let events = Decoder::new().feed(&job);
        assert_eq!(events[0], Event::Initialise);
        assert_eq!(events[1], Event::Density(2));
        let Event::Cut(Some(page)) = &events[2] else {
            panic!("{events:?}")
        };
        assert_eq!(page.image.width(), 24);
        assert_eq!(
            page.image.height(),
            300 + u32::from(escpos::FEED_LINES_BEFORE_CUT) * LINE_DOTS
        );
        for y in 0..300 {
            for x in 0..24 {
                assert_eq!(
                    page.image.get_pixel(x, y),
                    image.get_pixel(x, y),
                    "({x},{y})"
                );
            }
        }
        assert_eq!(page.density, Some(2));
    }

    #[test]
    fn bytes_may_arrive_one_at_a_time() {
        let image = GrayImage::from_pixel(16, 5, Luma([0]));
        let mut job = escpos::status_request(1).to_vec();
        job.extend(escpos::ticket_job(&image, Darkness::STANDARD, Cut::Full));
        let mut decoder = Decoder::new();
        let events: Vec<Event> = job.iter().flat_map(|b| decoder.feed(&[*b])).collect();
        assert_eq!(events[0], Event::StatusRequest(1));
        assert!(matches!(&events[2], Event::Cut(Some(p)) if p.image.width() == 16));
    }

    #[test]
    fn a_cut_with_nothing_printed_has_no_page() {
        let events = Decoder::new().feed(&[0x1B, b'@', 0x1B, b'd', 3, 0x1D, b'V', 66, 0]);
        assert_eq!(events, [Event::Initialise, Event::Cut(None)]);
    }

    #[test]
    fn text_and_other_commands_are_skipped_by_their_length() {
        let mut stream = b"\x1b\x61\x01Hello\n\x1d\x21\x11\x1b\x45\x01".to_vec();
        stream.extend([0x1D, b'(', b'L', 3, 0, 1, 2, 3]); // graphics payload
        stream.extend(escpos::raster(&GrayImage::from_pixel(8, 2, Luma([0]))));
        stream.extend(escpos::cut(Cut::Full));
        let events = Decoder::new().feed(&stream);
        let Event::Cut(Some(page)) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(page.text_bytes, 5);
        assert_eq!(page.image.height(), LINE_DOTS + 2);
    }

    #[test]
    fn garbage_never_panics_and_memory_stays_bounded() {
        let mut state = 0x2545_F491_u32;
        let mut decoder = Decoder::new();
        for _ in 0..2_000 {
            let chunk: Vec<u8> = (0..512)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    // Lean on command bytes so parsing goes deep.
                    match state % 7 {
                        0 => 0x1D,
                        1 => 0x1B,
                        2 => 0x10,
                        _ => (state >> 8) as u8,
                    }
                })
                .collect();
            decoder.feed(&chunk);
            assert!(decoder.pending.len() < 4096);
            assert!(decoder.rows.len() <= MAX_ROWS);
        }
        // A huge declared raster is consumed, not stored.
        let mut decoder = Decoder::new();
        let events = decoder.feed(&[0x1D, b'v', b'0', 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        assert!(matches!(&events[0], Event::Warning(w) if w.contains("wider")));
        decoder.feed(&vec![0xFF; 1 << 20]);
        assert!(decoder.rows.is_empty());
    }
}
