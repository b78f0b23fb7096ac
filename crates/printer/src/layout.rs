//! Where each part of a ticket goes, in dots, before any pixel is drawn: header, office,
//! the big number, service, issue time, people ahead, wait, QR code, what to bring, footer.

use qrcode::{Color, EcLevel, QrCode};

use crate::font::{normalise, Style, Weight};
use crate::settings::PaperWidth;
use crate::ticket::TicketPrint;

/// Why a ticket could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The track URL does not fit in a QR code on this paper.
    #[error("cannot make a QR code of the track URL: {0}")]
    Qr(String),
}

/// Modules of white the QR standard asks for around a code.
pub(crate) const QUIET_ZONE: u32 = 4;
/// Smallest QR module in dots: one-dot modules blur on a thermal head.
pub(crate) const MIN_QR_MODULE: u32 = 2;

/// Sizes for one paper width, in dots (8 dots per millimetre).
struct Metrics {
    margin: f32,
    small: f32,
    body: f32,
    value: f32,
    title: f32,
    number: f32,
    gap: f32,
    rule: u32,
    qr_target: u32,
    logo_max_height: u32,
}

fn metrics(paper: PaperWidth) -> Metrics {
    match paper {
        PaperWidth::Mm58 => Metrics {
            margin: 6.0,
            small: 21.0,
            body: 24.0,
            value: 27.0,
            title: 29.0,
            number: 150.0,
            gap: 10.0,
            rule: 2,
            qr_target: 200,
            logo_max_height: 96,
        },
        PaperWidth::Mm80 => Metrics {
            margin: 10.0,
            small: 25.0,
            body: 29.0,
            value: 33.0,
            title: 36.0,
            number: 210.0,
            gap: 14.0,
            rule: 3,
            qr_target: 264,
            logo_max_height: 128,
        },
    }
}

/// Largest logo, in dots, for a paper width: the printable width and a band at the top.
pub(crate) fn logo_box(paper: PaperWidth) -> (u32, u32) {
    let m = metrics(paper);
    (paper.dots() - 2 * m.margin as u32, m.logo_max_height)
}

/// One thing placed on the ticket.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// A line of text, its pen starting at `x`.
    Text {
        style: Style,
        text: String,
        x: f32,
        baseline: f32,
    },
    /// A horizontal line across the printable width.
    Rule { y: u32, thickness: u32 },
    /// A QR code drawn with square modules of `module` dots; `dark` is row by row.
    Qr {
        x: u32,
        y: u32,
        module: u32,
        size: u32,
        dark: Vec<bool>,
    },
    /// The logo, its top-left corner here.
    Logo { x: u32, y: u32 },
}

/// A ticket laid out: its exact width, its height, and what goes where.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub width: u32,
    pub height: u32,
    pub items: Vec<Item>,
}

struct Builder {
    width: f32,
    m: Metrics,
    y: f32,
    items: Vec<Item>,
}

impl Builder {
    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.m.margin
    }

    fn space(&mut self, dots: f32) {
        self.y += dots;
    }

    /// Wrapped lines, each centred.
    fn centred(&mut self, style: Style, text: &str) {
        let text = normalise(text);
        for line in style.wrap(&text, self.content_width()) {
            let x = ((self.width - style.width(&line)) / 2.0).max(self.m.margin);
            self.line(style, line, x);
        }
    }

    fn line(&mut self, style: Style, text: String, x: f32) {
        let baseline = (self.y + style.ascent()).round();
        self.items.push(Item::Text {
            style,
            text,
            x,
            baseline,
        });
        self.y += style.line_height().round();
    }

    /// A label on the left and its value on the right of one line, or the value on a line
    /// of its own when both do not fit.
    fn row(&mut self, label: &str, value: &str) {
        let label_style = Style::new(Weight::Regular, self.m.body);
        let value_style = Style::new(Weight::Bold, self.m.value);
        let (label, value) = (normalise(label), normalise(value));
        let right = self.width - self.m.margin;
        let value_width = value_style.width(&value);
        let label_width = label_style.width(&label);
        if label_width + self.m.gap * 2.0 + value_width <= self.content_width() {
            let ascent = label_style.ascent().max(value_style.ascent());
            let height = label_style.line_height().max(value_style.line_height());
            let baseline = (self.y + ascent).round();
            self.items.push(Item::Text {
                style: label_style,
                text: label,
                x: self.m.margin,
                baseline,
            });
            self.items.push(Item::Text {
                style: value_style,
                text: value,
                x: right - value_width,
                baseline,
            });
            self.y += height.round();
        } else {
            for line in label_style.wrap(&label, self.content_width()) {
                self.line(label_style, line, self.m.margin);
            }
            for line in value_style.wrap(&value, self.content_width()) {
                let x = (right - value_style.width(&line)).max(self.m.margin);
                self.line(value_style, line, x);
            }
        }
        self.space(self.m.gap * 0.4);
    }

    fn rule(&mut self) {
        self.space(self.m.gap);
        self.items.push(Item::Rule {
            y: self.y.round() as u32,
            thickness: self.m.rule,
        });
        self.space(self.m.rule as f32 + self.m.gap);
    }

    /// The number as large as the width allows, placed by its ink so no ascent space for
    /// diacritics is wasted above digits.
    fn number(&mut self, number: &str) {
        let number = normalise(number);
        let mut style = Style::new(Weight::Bold, self.m.number);
        let width = style.width(&number);
        if width > self.content_width() {
            style.size = (style.size * self.content_width() / width).floor();
        }
        let (top, bottom) = style.ink_extent(&number);
        let x = ((self.width - style.width(&number)) / 2.0).max(self.m.margin);
        self.space(self.m.gap * 0.6);
        let baseline = (self.y - top).round();
        self.items.push(Item::Text {
            style,
            text: number,
            x,
            baseline,
        });
        self.y = baseline + bottom;
        self.space(self.m.gap * 1.2);
    }

    fn qr(&mut self, text: &str) -> Result<(), RenderError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| RenderError::Qr(e.to_string()))?;
        let size = code.width() as u32;
        let total = size + 2 * QUIET_ZONE;
        let module = (self.m.qr_target / total)
            .min(self.width as u32 / total)
            .max(MIN_QR_MODULE);
        if total * module > self.width as u32 {
            return Err(RenderError::Qr(format!(
                "the track URL needs {total} modules, too many for {} dots",
                self.width
            )));
        }
        let top = self.y.round() as u32 + QUIET_ZONE * module;
        let x = (self.width as u32 - size * module) / 2;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        self.items.push(Item::Qr {
            x,
            y: top,
            module,
            size,
            dark,
        });
        self.y = (top + (size + QUIET_ZONE) * module) as f32;
        Ok(())
    }
}

/// Lays `ticket` out on `paper`, with `header`/`footer` lines and a logo of `logo` size.
pub(crate) fn layout(
    ticket: &TicketPrint,
    paper: PaperWidth,
    header: &[String],
    footer: &[String],
    logo: Option<(u32, u32)>,
) -> Result<Layout, RenderError> {
    let width = paper.dots();
    let mut b = Builder {
        width: width as f32,
        m: metrics(paper),
        y: 0.0,
        items: Vec::new(),
    };
    let small = Style::new(Weight::Regular, b.m.small);
    let body = Style::new(Weight::Regular, b.m.body);
    let title = Style::new(Weight::Bold, b.m.title);
    let value = Style::new(Weight::Bold, b.m.value);
    let labels = &ticket.labels;

    b.space(b.m.gap * 0.5);
    if let Some((w, h)) = logo {
        b.items.push(Item::Logo {
            x: width.saturating_sub(w) / 2,
            y: b.y as u32,
        });
        b.space(h as f32 + b.m.gap);
    }
    for line in header {
        if line.trim().is_empty() {
            b.space(small.line_height() * 0.5);
        } else {
            b.centred(small, line);
        }
    }
    if !header.is_empty() {
        b.space(b.m.gap * 0.5);
    }
    b.centred(title, &ticket.office_name);
    b.rule();

    b.centred(small, &labels.your_number);
    b.number(&ticket.number);
    b.centred(value, &ticket.service_name);
    b.rule();

    b.row(&labels.issued_at, &ticket.issued_at_local);
    b.row(&labels.people_ahead, &ticket.people_ahead.to_string());
    b.row(
        &labels.estimated_wait,
        &format!("{} {}", ticket.estimated_wait_minutes, labels.minutes),
    );

    b.qr(&ticket.track_url)?;
    b.centred(small, &labels.scan_to_track);

    if let Some(bring) = ticket
        .bring_line
        .as_deref()
        .filter(|l| !l.trim().is_empty())
    {
        b.rule();
        b.centred(body, bring);
    }
    if !footer.is_empty() {
        b.rule();
        for line in footer {
            if line.trim().is_empty() {
                b.space(small.line_height() * 0.5);
            } else {
                b.centred(small, line);
            }
        }
    }
    b.space(b.m.gap);

    Ok(Layout {
        width,
        height: b.y.ceil() as u32,
        items: b.items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(layout: &Layout) -> Vec<(&str, &Style, f32)> {
        layout
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { style, text, x, .. } => Some((text.as_str(), style, *x)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_line_fits_the_paper_on_both_widths() {
        for paper in [PaperWidth::Mm58, PaperWidth::Mm80] {
            let header = vec!["UBND THÀNH PHỐ HÀ NỘI".to_owned(), "".to_owned()];
            let layout = layout(
                &TicketPrint::example(),
                paper,
                &header,
                &["Cảm ơn".into()],
                None,
            )
            .unwrap();
            assert_eq!(layout.width, paper.dots());
            for (text, style, x) in texts(&layout) {
                let right = x + style.width(text);
                assert!(
                    x >= 0.0 && right <= paper.dots() as f32,
                    "{text:?} spans {x}..{right} on {paper:?}"
                );
            }
        }
    }

    #[test]
    fn the_number_is_the_largest_text_and_shrinks_to_fit() {
        let mut ticket = TicketPrint::example();
        let layout = layout(&ticket, PaperWidth::Mm58, &[], &[], None).unwrap();
        let all = texts(&layout);
        let (_, number, _) = all.iter().find(|(t, _, _)| *t == "A-017").unwrap();
        assert!(all.iter().all(|(_, s, _)| s.size <= number.size));
        assert!(number.size >= 100.0, "the number is huge: {}", number.size);

        ticket.number = "UT-00123".into();
        let layout = super::layout(&ticket, PaperWidth::Mm58, &[], &[], None).unwrap();
        let all = texts(&layout);
        let (_, style, x) = all.iter().find(|(t, _, _)| *t == "UT-00123").unwrap();
        assert!(x + style.width("UT-00123") <= 384.0);
    }

    #[test]
    fn the_qr_code_has_crisp_modules_inside_the_paper() {
        for paper in [PaperWidth::Mm58, PaperWidth::Mm80] {
            let layout = layout(&TicketPrint::example(), paper, &[], &[], None).unwrap();
            let (x, module, size) = layout
                .items
                .iter()
                .find_map(|i| match i {
                    Item::Qr {
                        x, module, size, ..
                    } => Some((*x, *module, *size)),
                    _ => None,
                })
                .unwrap();
            assert!(module >= MIN_QR_MODULE);
            assert!(x >= QUIET_ZONE * module);
            assert!(x + (size + QUIET_ZONE) * module <= paper.dots());
        }
    }

    #[test]
    fn long_texts_wrap_instead_of_running_off() {
        let mut ticket = TicketPrint::example();
        ticket.service_name =
            "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh và cấp lại giấy chứng nhận".into();
        let short = layout(&TicketPrint::example(), PaperWidth::Mm58, &[], &[], None).unwrap();
        let long = layout(&ticket, PaperWidth::Mm58, &[], &[], None).unwrap();
        assert!(long.height > short.height);
    }

    #[test]
    fn a_url_too_long_for_any_qr_code_is_an_error() {
        let mut ticket = TicketPrint::example();
        ticket.track_url = "x".repeat(5000);
        assert!(matches!(
            layout(&ticket, PaperWidth::Mm80, &[], &[], None),
            Err(RenderError::Qr(_))
        ));
    }
}
