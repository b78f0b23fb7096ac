//! A ticket as a black-and-white image of exactly the printable width: what the printer
//! prints dot for dot, and what a preview shows.

use std::path::Path;
use std::sync::Arc;

use image::{imageops, DynamicImage, GrayImage, Luma};

use crate::layout::{layout, logo_box, Item, RenderError};
use crate::settings::{Darkness, PaperWidth};
use crate::ticket::TicketPrint;

/// Why a logo could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    /// The file could not be read or is not an image.
    #[error("cannot be read as a PNG image ({0})")]
    Unreadable(#[from] image::ImageError),
    /// The file is an image but has no pixels.
    #[error("is an empty image")]
    Empty,
}

/// How to draw tickets for one printer.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Roll width; the image is exactly its printable width.
    pub paper: PaperWidth,
    /// How much of a glyph's soft edge becomes dots.
    pub darkness: Darkness,
    /// Lines above the office name.
    pub header: Vec<String>,
    /// Lines at the bottom.
    pub footer: Vec<String>,
    /// A black-and-white logo made by [`prepare_logo`] for this paper.
    pub logo: Option<Arc<GrayImage>>,
}

impl RenderOptions {
    /// Plain tickets on `paper`: standard darkness, no header, footer or logo.
    pub fn new(paper: PaperWidth) -> Self {
        Self {
            paper,
            darkness: Darkness::STANDARD,
            header: Vec::new(),
            footer: Vec::new(),
            logo: None,
        }
    }
}

/// Draws `ticket`: an image `options.paper.dots()` wide, as tall as needed, every pixel
/// black (0, a dot) or white (255).
pub fn render_ticket(
    ticket: &TicketPrint,
    options: &RenderOptions,
) -> Result<GrayImage, RenderError> {
    let logo = options.logo.as_deref();
    let layout = layout(
        ticket,
        options.paper,
        &options.header,
        &options.footer,
        logo.map(GrayImage::dimensions),
    )?;
    let mut canvas = GrayImage::from_pixel(layout.width, layout.height.max(1), Luma([255]));
    for item in &layout.items {
        match item {
            Item::Text {
                style,
                text,
                x,
                baseline,
            } => style.draw(&mut canvas, text, *x, *baseline),
            Item::Rule { y, thickness } => {
                let margin = layout.width / 40;
                fill(
                    &mut canvas,
                    margin,
                    *y,
                    layout.width - 2 * margin,
                    *thickness,
                );
            }
            Item::Qr {
                x,
                y,
                module,
                size,
                dark,
            } => {
                for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
                    let (col, row) = (i as u32 % size, i as u32 / size);
                    fill(
                        &mut canvas,
                        x + col * module,
                        y + row * module,
                        *module,
                        *module,
                    );
                }
            }
            Item::Logo { x, y } => {
                if let Some(logo) = logo {
                    imageops::overlay(&mut canvas, logo, i64::from(*x), i64::from(*y));
                }
            }
        }
    }
    let threshold = options.darkness.threshold();
    for pixel in canvas.pixels_mut() {
        pixel.0[0] = if pixel.0[0] < threshold { 0 } else { 255 };
    }
    Ok(canvas)
}

fn fill(canvas: &mut GrayImage, x: u32, y: u32, w: u32, h: u32) {
    let (width, height) = canvas.dimensions();
    for py in y..(y + h).min(height) {
        for px in x..(x + w).min(width) {
            canvas.put_pixel(px, py, Luma([0]));
        }
    }
}

/// Reads a logo file (PNG).
pub fn load_logo(path: &Path) -> Result<DynamicImage, LogoError> {
    let image = image::ImageReader::open(path)
        .map_err(image::ImageError::IoError)?
        .with_guessed_format()
        .map_err(image::ImageError::IoError)?
        .decode()?;
    if image.width() == 0 || image.height() == 0 {
        return Err(LogoError::Empty);
    }
    Ok(image)
}

/// Makes a logo printable on `paper`: transparent parts white, scaled to fit the printable
/// width and a band at the top (keeping its shape), then Floyd–Steinberg dithered to dots.
/// Done once per printer, not per ticket.
pub fn prepare_logo(logo: &DynamicImage, paper: PaperWidth) -> GrayImage {
    let rgba = logo.to_rgba8();
    let mut grey = GrayImage::new(rgba.width(), rgba.height());
    for (to, from) in grey.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = from.0.map(f32::from);
        let luma = 0.299 * r + 0.587 * g + 0.114 * b;
        let alpha = a / 255.0;
        to.0[0] = (luma * alpha + 255.0 * (1.0 - alpha)).round() as u8;
    }
    let (max_w, max_h) = logo_box(paper);
    let scale = (max_w as f32 / grey.width() as f32).min(max_h as f32 / grey.height() as f32);
    let w = ((grey.width() as f32 * scale).round() as u32).clamp(1, max_w);
    let h = ((grey.height() as f32 * scale).round() as u32).clamp(1, max_h);
    let mut scaled = imageops::resize(&grey, w, h, imageops::FilterType::Triangle);
    floyd_steinberg(&mut scaled);
    scaled
}

/// Floyd–Steinberg error diffusion to black and white; unlike `image`'s `dither`, safe on
/// images one pixel wide or high.
fn floyd_steinberg(image: &mut GrayImage) {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let mut level: Vec<f32> = image.pixels().map(|p| f32::from(p.0[0])).collect();
    for y in 0..h {
        for x in 0..w {
            let old = level[y * w + x];
            let new = if old < 128.0 { 0.0 } else { 255.0 };
            level[y * w + x] = new;
            let err = old - new;
            let mut spread = |dx: isize, dy: usize, weight: f32| {
                let nx = x as isize + dx;
                if nx >= 0 && (nx as usize) < w && y + dy < h {
                    level[(y + dy) * w + nx as usize] += err * weight / 16.0;
                }
            };
            spread(1, 0, 7.0);
            spread(-1, 1, 3.0);
            spread(0, 1, 5.0);
            spread(1, 1, 1.0);
        }
    }
    for (pixel, value) in image.pixels_mut().zip(level) {
        pixel.0[0] = value as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_is_exactly_the_paper_width_and_only_black_and_white() {
        for (paper, dots) in [(PaperWidth::Mm58, 384), (PaperWidth::Mm80, 576)] {
            let image = render_ticket(&TicketPrint::example(), &RenderOptions::new(paper)).unwrap();
            assert_eq!(image.width(), dots);
            assert!(image.height() > dots, "a ticket is taller than wide");
            assert!(
                image.height() < 3 * dots,
                "but not A4-long: {}",
                image.height()
            );
            assert!(image.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
        }
    }

    #[test]
    fn a_darker_setting_prints_more_dots() {
        let count = |darkness: u8| {
            let mut options = RenderOptions::new(PaperWidth::Mm58);
            options.darkness = Darkness::new(darkness).unwrap();
            let image = render_ticket(&TicketPrint::example(), &options).unwrap();
            image.pixels().filter(|p| p.0[0] == 0).count()
        };
        assert!(count(1) < count(4));
        assert!(count(4) < count(7));
    }

    #[test]
    fn a_logo_is_scaled_into_its_band_and_dithered() {
        // A grey gradient with a transparent right half.
        let logo = image::RgbaImage::from_fn(1000, 200, |x, _| {
            let v = (x * 255 / 1000) as u8;
            image::Rgba([v, v, v, if x < 500 { 255 } else { 0 }])
        });
        let prepared = prepare_logo(&DynamicImage::ImageRgba8(logo), PaperWidth::Mm58);
        let (max_w, max_h) = logo_box(PaperWidth::Mm58);
        assert!(prepared.width() <= max_w && prepared.height() <= max_h);
        assert_eq!(prepared.width(), max_w, "a wide logo fills the width");
        assert!(prepared.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
        let left = (0..prepared.height())
            .filter(|y| prepared.get_pixel(2, *y).0[0] == 0)
            .count();
        assert!(left > 0, "the dark left edge has dots");
        let right = (0..prepared.height())
            .flat_map(|y| (prepared.width() / 2 + 4..prepared.width()).map(move |x| (x, y)))
            .filter(|(x, y)| prepared.get_pixel(*x, *y).0[0] == 0)
            .count();
        assert_eq!(right, 0, "the transparent half is white paper");

        let mut options = RenderOptions::new(PaperWidth::Mm58);
        let plain = render_ticket(&TicketPrint::example(), &options).unwrap();
        options.logo = Some(Arc::new(prepared));
        let with_logo = render_ticket(&TicketPrint::example(), &options).unwrap();
        assert!(with_logo.height() > plain.height());
    }

    #[test]
    fn a_one_pixel_logo_does_not_panic() {
        let dot = DynamicImage::ImageLuma8(GrayImage::from_pixel(1, 1, Luma([0])));
        let prepared = prepare_logo(&dot, PaperWidth::Mm80);
        assert!(prepared.width() >= 1);
    }
}
