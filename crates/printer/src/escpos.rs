//! The few ESC/POS commands a ticket needs, written by hand: initialise, print density,
//! raster image (`GS v 0`), feed, cut; and the real-time status requests (`DLE EOT`).
//!
//! The `escpos` crate was looked at and not used: its raster command takes an encoded image
//! (a path or PNG bytes), decodes it again and applies its own resizing (512 × 512 dots at
//! most by default, where an 80 mm ticket is 576 wide and about 1,100 tall) and threshold,
//! so the exact dots and dithering drawn here would be lost; its drivers read status with a
//! fixed five-second timeout, and it has no CUPS transport. What remains is six byte strings.

use image::GrayImage;

use crate::settings::{Cut, Darkness};

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const DLE: u8 = 0x10;
const EOT: u8 = 0x04;

/// Rows per `GS v 0` command. Many printers buffer a whole raster command before printing;
/// bands keep that buffer small (256 × 72 bytes at 80 mm) on cheap printers too.
pub const BAND_ROWS: u32 = 256;

/// Lines fed before cutting, so the last printed row passes the cutter (about 17 mm at the
/// default 1/6-inch line spacing; the head-to-cutter distance is 10–15 mm on most printers).
pub const FEED_LINES_BEFORE_CUT: u8 = 4;

/// `ESC @`: initialise the printer (clears modes left by an earlier job).
pub fn initialise() -> [u8; 2] {
    [ESC, b'@']
}

/// `GS ( K 2 0 49 m`: print density `steps` from the standard (-6..=6; 250–255 are -6..-1).
pub fn density(steps: i8) -> [u8; 7] {
    [GS, b'(', b'K', 2, 0, 49, steps.clamp(-6, 6) as u8]
}

/// `ESC d n`: print what is buffered and feed `n` lines.
pub fn feed_lines(n: u8) -> [u8; 3] {
    [ESC, b'd', n]
}

/// `GS V m`: cut (m = 0 full, 1 partial).
pub fn cut(kind: Cut) -> [u8; 3] {
    [
        GS,
        b'V',
        match kind {
            Cut::Full => 0,
            Cut::Partial => 1,
        },
    ]
}

/// `DLE EOT n`: ask the printer's real-time status `n` (1 printer, 2 offline cause,
/// 3 error cause, 4 roll paper sensor); the printer answers one byte at once, even offline.
pub fn status_request(n: u8) -> [u8; 3] {
    [DLE, EOT, n]
}

/// `GS v 0` commands drawing `image` at normal size: black pixels (value < 128) are dots,
/// packed eight to a byte, leftmost dot in the high bit, rows padded to whole bytes.
pub fn raster(image: &GrayImage) -> Vec<u8> {
    let (width, height) = image.dimensions();
    let width_bytes = width.div_ceil(8);
    let mut out =
        Vec::with_capacity((width_bytes * height + 8 * height.div_ceil(BAND_ROWS)) as usize);
    let pixels = image.as_raw();
    let mut top = 0;
    while top < height {
        let rows = BAND_ROWS.min(height - top);
        out.extend_from_slice(&[
            GS,
            b'v',
            b'0',
            0,
            (width_bytes & 0xFF) as u8,
            (width_bytes >> 8) as u8,
            (rows & 0xFF) as u8,
            (rows >> 8) as u8,
        ]);
        for y in top..top + rows {
            let row = &pixels[(y * width) as usize..((y + 1) * width) as usize];
            for chunk in row.chunks(8) {
                let mut byte = 0u8;
                for (bit, value) in chunk.iter().enumerate() {
                    if *value < 128 {
                        byte |= 0x80 >> bit;
                    }
                }
                out.push(byte);
            }
        }
        top += rows;
    }
    out
}

/// A whole ticket job: initialise, density (only when not the standard, so printers that
/// do not know `GS ( K` never see it), the image, feed, cut.
pub fn ticket_job(image: &GrayImage, darkness: Darkness, cut_kind: Cut) -> Vec<u8> {
    let mut job = Vec::with_capacity(image.as_raw().len() / 8 + 64);
    job.extend_from_slice(&initialise());
    if darkness != Darkness::STANDARD {
        job.extend_from_slice(&density(darkness.density_steps()));
    }
    job.extend_from_slice(&raster(image));
    job.extend_from_slice(&feed_lines(FEED_LINES_BEFORE_CUT));
    job.extend_from_slice(&cut(cut_kind));
    job
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn initialise_is_esc_at() {
        assert_eq!(initialise(), [0x1B, 0x40]);
    }

    #[test]
    fn density_is_gs_paren_k_function_49_with_negative_steps_from_250() {
        assert_eq!(density(0), [0x1D, 0x28, 0x4B, 0x02, 0x00, 0x31, 0x00]);
        assert_eq!(density(3)[6], 3);
        assert_eq!(density(-1)[6], 255);
        assert_eq!(density(-6)[6], 250);
        assert_eq!(density(-9)[6], 250, "clamped");
    }

    #[test]
    fn feed_is_esc_d_n() {
        assert_eq!(feed_lines(4), [0x1B, 0x64, 0x04]);
    }

    #[test]
    fn cut_is_gs_v_0_full_or_1_partial() {
        assert_eq!(cut(Cut::Full), [0x1D, 0x56, 0x00]);
        assert_eq!(cut(Cut::Partial), [0x1D, 0x56, 0x01]);
    }

    #[test]
    fn status_request_is_dle_eot_n() {
        assert_eq!(status_request(1), [0x10, 0x04, 0x01]);
        assert_eq!(status_request(4), [0x10, 0x04, 0x04]);
    }

    #[test]
    fn raster_packs_rows_high_bit_first_with_width_in_bytes() {
        // 10 dots wide: two bytes a row. Row 0: dots at x 0 and 9; row 1: x 1..=8.
        let mut image = GrayImage::from_pixel(10, 2, Luma([255]));
        image.put_pixel(0, 0, Luma([0]));
        image.put_pixel(9, 0, Luma([0]));
        for x in 1..=8 {
            image.put_pixel(x, 1, Luma([0]));
        }
        assert_eq!(
            raster(&image),
            [
                0x1D,
                0x76,
                0x30,
                0,
                2,
                0,
                2,
                0,
                0b1000_0000,
                0b0100_0000,
                0b0111_1111,
                0b1000_0000
            ]
        );
    }

    #[test]
    fn tall_images_are_sent_in_bands() {
        let image = GrayImage::from_pixel(576, 600, Luma([0]));
        let bytes = raster(&image);
        assert_eq!(bytes.len(), 3 * 8 + 72 * 600);
        assert_eq!(&bytes[..8], &[0x1D, 0x76, 0x30, 0, 72, 0, 0, 1], "256 rows");
        let last = 2 * (8 + 72 * 256);
        assert_eq!(
            &bytes[last..last + 8],
            &[0x1D, 0x76, 0x30, 0, 72, 0, 88, 0],
            "600 - 512 rows"
        );
        assert!(bytes[8..8 + 72].iter().all(|b| *b == 0xFF));
    }

    #[test]
    fn a_job_is_init_image_feed_cut_and_density_only_when_not_standard() {
        let image = GrayImage::from_pixel(8, 1, Luma([0]));
        let job = ticket_job(&image, Darkness::STANDARD, Cut::Partial);
        assert_eq!(
            job,
            [0x1B, 0x40, 0x1D, 0x76, 0x30, 0, 1, 0, 1, 0, 0xFF, 0x1B, 0x64, 4, 0x1D, 0x56, 1]
        );
        let job = ticket_job(&image, Darkness::new(6).unwrap(), Cut::Full);
        assert_eq!(&job[2..9], &density(2));
        assert_eq!(&job[job.len() - 3..], &[0x1D, 0x56, 0]);
    }
}
