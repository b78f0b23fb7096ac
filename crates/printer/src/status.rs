//! What the printer says about itself, from its real-time status bytes (`DLE EOT`), in the
//! words a visitor and a member of staff need.
//!
//! Each status byte has the fixed pattern `0xx1xx10` (bits 1 and 4 set, 0 and 7 clear).
//! The bits read here (ESC/POS, "Transmit real-time status"):
//! - `n = 1` printer: bit 3 offline.
//! - `n = 2` offline cause: bit 2 cover open, bit 5 printing stopped by paper end, bit 6 error.
//! - `n = 4` roll paper sensor: bits 2–3 paper near its end, bits 5–6 paper end.

use serde::{Deserialize, Serialize};

/// A printer's state as far as issuing a ticket is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts-rs", derive(ts_rs::TS), ts(rename = "PrinterState"))]
#[serde(rename_all = "snake_case")]
pub enum PrinterStatus {
    /// Online with paper.
    Ready,
    /// Online, but the roll is nearly used up: print, and tell staff.
    PaperNearEnd,
    /// No paper.
    OutOfPaper,
    /// The cover is open.
    CoverOpen,
    /// The printer answers but is offline (an error, or stopped for another cause).
    Offline,
    /// Nothing answers: no connection, no device, or no reply in time.
    NotResponding,
    /// The transport cannot ask (CUPS, or a one-way printer): print and see.
    Unknown,
    /// The profile has no printer (`transport = "none"`): tickets are on screen only.
    NoPrinter,
}

impl PrinterStatus {
    /// Whether a number may be issued with a printed ticket.
    pub fn can_print(self) -> bool {
        matches!(
            self,
            PrinterStatus::Ready | PrinterStatus::PaperNearEnd | PrinterStatus::Unknown
        )
    }

    /// Whether staff should be told (paper to change, a printer to look at).
    pub fn needs_staff(self) -> bool {
        matches!(
            self,
            PrinterStatus::PaperNearEnd
                | PrinterStatus::OutOfPaper
                | PrinterStatus::CoverOpen
                | PrinterStatus::Offline
                | PrinterStatus::NotResponding
        )
    }

    /// A short sentence for the visitor, in Vietnamese.
    pub fn message_vi(self) -> &'static str {
        match self {
            PrinterStatus::Ready => "Máy in sẵn sàng.",
            PrinterStatus::PaperNearEnd => "Máy in sắp hết giấy.",
            PrinterStatus::OutOfPaper => {
                "Máy in đã hết giấy. Bạn có thể nhận số trên màn hình và quét mã QR."
            }
            PrinterStatus::CoverOpen => {
                "Nắp máy in đang mở. Bạn có thể nhận số trên màn hình và quét mã QR."
            }
            PrinterStatus::Offline | PrinterStatus::NotResponding => {
                "Máy in đang không hoạt động. Bạn có thể nhận số trên màn hình và quét mã QR."
            }
            PrinterStatus::Unknown => "Không kiểm tra được máy in.",
            PrinterStatus::NoPrinter => "Số thứ tự hiển thị trên màn hình; hãy quét mã QR.",
        }
    }

    /// A short sentence for the visitor, in English.
    pub fn message_en(self) -> &'static str {
        match self {
            PrinterStatus::Ready => "The printer is ready.",
            PrinterStatus::PaperNearEnd => "The printer is running out of paper.",
            PrinterStatus::OutOfPaper => {
                "The printer is out of paper. You can take your number on screen and scan its QR code."
            }
            PrinterStatus::CoverOpen => {
                "The printer's cover is open. You can take your number on screen and scan its QR code."
            }
            PrinterStatus::Offline | PrinterStatus::NotResponding => {
                "The printer is not working. You can take your number on screen and scan its QR code."
            }
            PrinterStatus::Unknown => "The printer's state cannot be checked.",
            PrinterStatus::NoPrinter => "Your number is shown on screen; scan its QR code.",
        }
    }

    /// For staff and the log: what to look at.
    pub fn staff_note(self) -> &'static str {
        match self {
            PrinterStatus::Ready => "printer ready",
            PrinterStatus::PaperNearEnd => "paper roll near its end: replace it soon",
            PrinterStatus::OutOfPaper => "out of paper: load a new roll",
            PrinterStatus::CoverOpen => "cover open: close it",
            PrinterStatus::Offline => "printer offline: check for a paper jam or cutter error",
            PrinterStatus::NotResponding => {
                "printer not responding: check its power, cable or network address"
            }
            PrinterStatus::Unknown => "printer status unknown (the transport cannot ask)",
            PrinterStatus::NoPrinter => "no printer configured",
        }
    }
}

/// Whether `byte` has the fixed bits of a real-time status byte.
pub fn is_status_byte(byte: u8) -> bool {
    byte & 0b1001_0011 == 0b0001_0010
}

/// The status from the printer byte (`DLE EOT 1`), the offline-cause byte (`DLE EOT 2`,
/// asked only when offline) and the paper byte (`DLE EOT 4`). A byte that is missing or
/// not a status byte tells nothing.
pub fn interpret(printer: u8, offline_cause: Option<u8>, paper: Option<u8>) -> PrinterStatus {
    if !is_status_byte(printer) {
        return PrinterStatus::Unknown;
    }
    let paper = paper.filter(|b| is_status_byte(*b));
    let offline_cause = offline_cause.filter(|b| is_status_byte(*b));
    let paper_end =
        paper.is_some_and(|b| b & 0x60 != 0) || offline_cause.is_some_and(|b| b & 0x20 != 0);
    let near_end = paper.is_some_and(|b| b & 0x0C != 0);
    let offline = printer & 0x08 != 0;
    if paper_end {
        PrinterStatus::OutOfPaper
    } else if offline && offline_cause.is_some_and(|b| b & 0x04 != 0) {
        PrinterStatus::CoverOpen
    } else if offline {
        PrinterStatus::Offline
    } else if near_end {
        PrinterStatus::PaperNearEnd
    } else {
        PrinterStatus::Ready
    }
}

/// Answer bytes a printer gives, for the virtual printer.
pub mod answer {
    /// `DLE EOT 1`.
    pub fn printer(offline: bool) -> u8 {
        0x12 | if offline { 0x08 } else { 0 }
    }
    /// `DLE EOT 2`.
    pub fn offline_cause(cover_open: bool, paper_end: bool) -> u8 {
        0x12 | if cover_open { 0x04 } else { 0 } | if paper_end { 0x20 } else { 0 }
    }
    /// `DLE EOT 3`: no error.
    pub fn error_cause() -> u8 {
        0x12
    }
    /// `DLE EOT 4`.
    pub fn paper(near_end: bool, paper_end: bool) -> u8 {
        0x12 | if near_end { 0x0C } else { 0 } | if paper_end { 0x60 } else { 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_healthy_printer_is_ready() {
        assert_eq!(interpret(0x12, None, Some(0x12)), PrinterStatus::Ready);
        // Drawer pin and feed button bits do not matter.
        assert_eq!(interpret(0x16, None, Some(0x12)), PrinterStatus::Ready);
    }

    #[test]
    fn paper_end_bits_mean_out_of_paper() {
        assert_eq!(
            interpret(0x1A, Some(0x32), Some(0x72)),
            PrinterStatus::OutOfPaper
        );
        assert_eq!(interpret(0x12, None, Some(0x72)), PrinterStatus::OutOfPaper);
        // One of the two bits is enough (some printers set only one).
        assert_eq!(interpret(0x12, None, Some(0x32)), PrinterStatus::OutOfPaper);
        assert_eq!(interpret(0x1A, Some(0x32), None), PrinterStatus::OutOfPaper);
    }

    #[test]
    fn near_end_still_prints_but_calls_staff() {
        let status = interpret(0x12, None, Some(0x1E));
        assert_eq!(status, PrinterStatus::PaperNearEnd);
        assert!(status.can_print() && status.needs_staff());
    }

    #[test]
    fn offline_with_cover_open_or_other_cause() {
        assert_eq!(
            interpret(0x1A, Some(0x16), Some(0x12)),
            PrinterStatus::CoverOpen
        );
        assert_eq!(
            interpret(0x1A, Some(0x52), Some(0x12)),
            PrinterStatus::Offline
        );
        assert_eq!(interpret(0x1A, None, None), PrinterStatus::Offline);
    }

    #[test]
    fn bytes_without_the_fixed_pattern_tell_nothing() {
        assert!(!is_status_byte(0x00));
        assert!(!is_status_byte(0xFF));
        assert!(is_status_byte(0x12));
        assert_eq!(interpret(0x00, None, None), PrinterStatus::Unknown);
        assert_eq!(interpret(0x12, None, Some(0xFF)), PrinterStatus::Ready);
    }

    #[test]
    fn answers_round_trip_through_interpret() {
        for (offline, cover, near, end) in [
            (false, false, false, false),
            (false, false, true, false),
            (true, false, false, true),
            (true, true, false, false),
        ] {
            let status = interpret(
                answer::printer(offline),
                Some(answer::offline_cause(cover, end)),
                Some(answer::paper(near, end)),
            );
            let expected = if end {
                PrinterStatus::OutOfPaper
            } else if cover {
                PrinterStatus::CoverOpen
            } else if near {
                PrinterStatus::PaperNearEnd
            } else {
                PrinterStatus::Ready
            };
            assert_eq!(status, expected);
        }
    }

    #[test]
    fn only_ready_near_end_and_unknown_may_print() {
        use PrinterStatus::*;
        for s in [Ready, PaperNearEnd, Unknown] {
            assert!(s.can_print(), "{s:?}");
        }
        for s in [OutOfPaper, CoverOpen, Offline, NotResponding, NoPrinter] {
            assert!(!s.can_print(), "{s:?}");
            assert!(!s.message_vi().is_empty() && !s.message_en().is_empty());
        }
        assert!(OutOfPaper.message_vi().contains("hết giấy"));
        assert!(OutOfPaper.message_en().contains("out of paper"));
    }
}
