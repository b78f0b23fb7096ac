//! QR codes as SVG path data, drawn by the UI at any size without a raster image.

use qrcode::{Color, EcLevel, QrCode};

use crate::ipc::QrSvg;

/// Modules of white border the QR standard asks for around the code.
const QUIET_ZONE: u32 = 4;

/// Encodes `text` (medium error correction) as a square path of dark modules.
pub fn qr_svg(text: &str) -> Result<QrSvg, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| format!("cannot make a QR code of this text: {e}"))?;
    let width = code.width() as u32;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let x = i as u32 % width + QUIET_ZONE;
            let y = i as u32 / width + QUIET_ZONE;
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Ok(QrSvg {
        size: width + 2 * QUIET_ZONE,
        path,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_covers_the_dark_modules_inside_the_quiet_zone() {
        let qr = qr_svg("http://127.0.0.1:8080/t/abc").unwrap();
        let code = QrCode::with_error_correction_level(b"http://127.0.0.1:8080/t/abc", EcLevel::M)
            .unwrap();
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(qr.path.matches('M').count(), dark);
        assert_eq!(qr.size, code.width() as u32 + 8);
        assert!(
            qr.path.starts_with("M4 4"),
            "finder pattern starts at the quiet zone's corner"
        );
    }
}
