//! The bundled fonts (Be Vietnam Pro, SIL OFL 1.1): measuring, wrapping and drawing a line
//! of text into a grey image. Text is drawn as pixels, so it prints the same on any ESC/POS
//! printer whatever code pages it knows.
//!
//! No shaper is needed for Vietnamese: every Vietnamese letter has a precomposed code point
//! and the font a glyph for each, so text is normalised to NFC first. Decomposed input (a
//! base letter followed by combining marks, as some keyboards and scanners send) would
//! otherwise stack marks by guesswork.

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use image::GrayImage;
use unicode_normalization::UnicodeNormalization;

static MEDIUM: &[u8] = include_bytes!("../fonts/BeVietnamPro-Medium.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/BeVietnamPro-Bold.ttf");

/// Which of the two bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    /// Be Vietnam Pro Medium: body text. Medium rather than Regular because thin strokes
    /// fade on a thermal head.
    Regular,
    /// Be Vietnam Pro Bold: the number, titles and values.
    Bold,
}

/// A face at a size in dots (the font's ascent-to-descent height).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub weight: Weight,
    pub size: f32,
}

struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        regular: FontRef::try_from_slice(MEDIUM).expect("the bundled Medium font parses"),
        bold: FontRef::try_from_slice(BOLD).expect("the bundled Bold font parses"),
    })
}

fn face(weight: Weight) -> &'static FontRef<'static> {
    match weight {
        Weight::Regular => &faces().regular,
        Weight::Bold => &faces().bold,
    }
}

/// Text as it will be drawn: NFC, with tabs and line breaks as spaces.
pub(crate) fn normalise(text: &str) -> String {
    text.nfc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

impl Style {
    pub fn new(weight: Weight, size: f32) -> Self {
        Self { weight, size }
    }

    /// Distance from the top of a line to its baseline.
    pub fn ascent(&self) -> f32 {
        face(self.weight)
            .as_scaled(PxScale::from(self.size))
            .ascent()
    }

    /// Height of one line, without extra leading.
    pub fn line_height(&self) -> f32 {
        let scaled = face(self.weight).as_scaled(PxScale::from(self.size));
        scaled.ascent() - scaled.descent()
    }

    /// Width of `text` in dots.
    pub fn width(&self, text: &str) -> f32 {
        let scaled = face(self.weight).as_scaled(PxScale::from(self.size));
        let mut width = 0.0;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                width += scaled.kern(p, id);
            }
            width += scaled.h_advance(id);
            previous = Some(id);
        }
        width
    }

    /// Vertical extent of the ink of `text` relative to the baseline (top is negative),
    /// for tight placement of the big number.
    pub fn ink_extent(&self, text: &str) -> (f32, f32) {
        let font = face(self.weight);
        let scaled = font.as_scaled(PxScale::from(self.size));
        let (mut top, mut bottom) = (0.0f32, 0.0f32);
        for c in text.chars() {
            let glyph = scaled.scaled_glyph(c);
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                top = top.min(bounds.min.y);
                bottom = bottom.max(bounds.max.y);
            }
        }
        (top, bottom)
    }

    /// Breaks `text` into lines no wider than `max_width`, at spaces where it can and inside
    /// a word only when the word alone is too wide.
    pub fn wrap(&self, text: &str, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if self.width(word) <= max_width {
                line = word.to_owned();
                continue;
            }
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && self.width(&longer) > max_width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = longer;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draws `text` with its baseline at `baseline` and its pen starting at `x`, darkening
    /// pixels by the glyphs' coverage (white 255, black 0).
    pub fn draw(&self, canvas: &mut GrayImage, text: &str, x: f32, baseline: f32) {
        let font = face(self.weight);
        let scaled = font.as_scaled(PxScale::from(self.size));
        let (width, height) = canvas.dimensions();
        let mut pen = x;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                pen += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(PxScale::from(self.size), point(pen, baseline));
            pen += scaled.h_advance(id);
            previous = Some(id);
            let Some(outlined) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outlined.px_bounds();
            let (left, top) = (bounds.min.x as i64, bounds.min.y as i64);
            outlined.draw(|gx, gy, coverage| {
                let (px, py) = (left + i64::from(gx), top + i64::from(gy));
                if px < 0 || py < 0 || px >= i64::from(width) || py >= i64::from(height) {
                    return;
                }
                let ink = (coverage.clamp(0.0, 1.0) * 255.0).round() as u8;
                let pixel = canvas.get_pixel_mut(px as u32, py as u32);
                pixel.0[0] = pixel.0[0].min(255 - ink);
            });
        }
    }
}

#[cfg(test)]
/// Whether the bundled `weight` face draws `c` with a real outline (not the missing-glyph box).
pub(crate) fn has_glyph(weight: Weight, c: char) -> bool {
    let font = face(weight);
    let id = font.glyph_id(c);
    id != GlyphId(0) && (c.is_whitespace() || font.outline(id).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIETNAMESE: &str =
        "ĂÂĐÊÔƠƯăâđêôơư ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ \
                              àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";

    #[test]
    fn every_vietnamese_letter_has_an_outline_in_both_faces() {
        for weight in [Weight::Regular, Weight::Bold] {
            assert!(has_glyph(weight, 'Ư'), "Ư is drawn in {weight:?}");
            for c in VIETNAMESE.chars() {
                assert!(
                    has_glyph(weight, c),
                    "{c} (U+{:04X}) missing in {weight:?}",
                    c as u32
                );
            }
        }
        assert!(
            !has_glyph(Weight::Regular, '\u{10FFFD}'),
            "a private-use character is not"
        );
    }

    #[test]
    fn decomposed_text_is_composed_before_drawing() {
        let decomposed = "Nguye\u{302}\u{303}n"; // ê + tilde as combining marks
        assert_eq!(normalise(decomposed), "Nguyễn");
        assert_eq!(normalise("a\tb\nc"), "a b c");
    }

    #[test]
    fn wrapping_keeps_every_line_inside_the_width() {
        let style = Style::new(Weight::Regular, 24.0);
        let text = "Trung tâm phục vụ hành chính công phường Ba Đình thành phố Hà Nội";
        let lines = style.wrap(text, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| style.width(l) <= 200.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_inside() {
        let style = Style::new(Weight::Bold, 30.0);
        let lines = style.wrap("https://dichvucong.hanoi.gov.vn/very/long/path", 120.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| style.width(l) <= 120.0));
        assert_eq!(
            lines.concat(),
            "https://dichvucong.hanoi.gov.vn/very/long/path"
        );
    }

    #[test]
    fn drawing_darkens_pixels_inside_the_canvas_only() {
        let mut canvas = GrayImage::from_pixel(60, 40, image::Luma([255]));
        let style = Style::new(Weight::Bold, 36.0);
        style.draw(&mut canvas, "Ư", 4.0, style.ascent());
        let dark = canvas.pixels().filter(|p| p.0[0] < 128).count();
        assert!(dark > 50, "Ư leaves ink ({dark} dark pixels)");
        // Drawing off the canvas does not panic.
        style.draw(&mut canvas, "Ư", -30.0, -10.0);
        style.draw(&mut canvas, "Ư", 55.0, 80.0);
    }
}
