//! What a printer is set to: where tickets go, the paper, how dark and how cut, and the
//! lines and logo around a ticket. Plain data, below everything else in the crate:
//! `settings_table` reads it from a profile, the transport, the drawing and the commands
//! use it.

use std::path::PathBuf;

use serde::Serialize;

/// Where tickets go.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "transport", rename_all = "snake_case")]
pub enum Transport {
    /// A network printer's raw port, `host:port` (port 9100 usually).
    Tcp {
        /// `host:port`.
        address: String,
    },
    /// A printer's device file, e.g. `/dev/usb/lp0`.
    Device {
        /// Absolute path; `device` in the profile.
        #[serde(rename = "device")]
        path: PathBuf,
    },
    /// A raw CUPS queue: jobs go through `lp -d QUEUE -o raw`; no status can be asked.
    Cups {
        /// Queue name.
        queue: String,
    },
    /// No printer: tickets are on screen only.
    None,
}

impl Transport {
    /// Whether there is a printer at all.
    pub fn is_printer(&self) -> bool {
        !matches!(self, Transport::None)
    }

    /// Where tickets go, for logs and staff: `tcp 192.168.1.50:9100`.
    pub fn describe(&self) -> String {
        match self {
            Transport::Tcp { address } => format!("tcp {address}"),
            Transport::Device { path } => format!("device {}", path.display()),
            Transport::Cups { queue } => format!("cups queue {queue}"),
            Transport::None => "none".into(),
        }
    }
}

/// Paper roll width; the printable width in dots at 203 dpi follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperWidth {
    /// 58 mm roll: 48 mm printable, 384 dots.
    Mm58,
    /// 80 mm roll: 72 mm printable, 576 dots.
    Mm80,
}

/// Written as the profile writes it: millimetres, `58` or `80`.
impl Serialize for PaperWidth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.mm())
    }
}

impl PaperWidth {
    /// Printable width in dots.
    pub fn dots(self) -> u32 {
        match self {
            PaperWidth::Mm58 => 384,
            PaperWidth::Mm80 => 576,
        }
    }

    /// Roll width in millimetres.
    pub fn mm(self) -> u32 {
        match self {
            PaperWidth::Mm58 => 58,
            PaperWidth::Mm80 => 80,
        }
    }

    /// The width for a roll of `mm` millimetres, if it is one this crate prints on.
    pub fn from_mm(mm: i64) -> Option<Self> {
        match mm {
            58 => Some(PaperWidth::Mm58),
            80 => Some(PaperWidth::Mm80),
            _ => None,
        }
    }
}

/// How dark a ticket prints, 1 (light) to 7 (dark); 4 is the printer's own standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Darkness(u8);

impl Darkness {
    /// Lightest.
    pub const MIN: u8 = 1;
    /// Darkest.
    pub const MAX: u8 = 7;
    /// The printer's standard density; no density command is sent.
    pub const STANDARD: Darkness = Darkness(4);

    /// A darkness from 1 to 7.
    pub fn new(level: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX)
            .contains(&level)
            .then_some(Darkness(level))
    }

    /// The level, 1 to 7.
    pub fn level(self) -> u8 {
        self.0
    }

    /// Print density steps from the standard, -3 to +3, for `GS ( K` function 49.
    pub fn density_steps(self) -> i8 {
        self.0 as i8 - 4
    }

    /// Grey level under which an anti-aliased text pixel becomes a dot: darker settings
    /// turn more of a glyph's soft edge into dots, so strokes thicken even on printers that
    /// ignore the density command.
    pub fn threshold(self) -> u8 {
        (128 + 16 * i16::from(self.density_steps())) as u8
    }
}

impl Default for Darkness {
    fn default() -> Self {
        Darkness::STANDARD
    }
}

/// How the ticket is cut off the roll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cut {
    /// Leaves a small hinge, so the ticket hangs from the slot instead of falling.
    #[default]
    Partial,
    /// Cuts right through.
    Full,
}

/// Valid printer settings. They serialise to the `[printer]` table they were read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrinterSettings {
    /// Where tickets go.
    #[serde(flatten)]
    pub transport: Transport,
    /// Roll width.
    #[serde(rename = "paper_width_mm")]
    pub paper_width: PaperWidth,
    /// How dark to print.
    pub darkness: Darkness,
    /// How to cut.
    pub cut: Cut,
    /// Lines above the office name.
    pub header: Vec<String>,
    /// Lines at the bottom.
    pub footer: Vec<String>,
    /// A PNG logo printed at the top, resolved against the profile's folder; it was
    /// readable as a PNG when the settings were checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<PathBuf>,
}

impl Default for PrinterSettings {
    /// No printer: tickets are on screen only.
    fn default() -> Self {
        Self {
            transport: Transport::None,
            paper_width: PaperWidth::Mm80,
            darkness: Darkness::STANDARD,
            cut: Cut::Partial,
            header: Vec::new(),
            footer: Vec::new(),
            logo: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn darkness_maps_to_density_steps_and_threshold() {
        assert_eq!(Darkness::new(0), None);
        assert_eq!(Darkness::new(8), None);
        assert_eq!(Darkness::new(1).unwrap().density_steps(), -3);
        assert_eq!(Darkness::STANDARD.density_steps(), 0);
        assert_eq!(Darkness::STANDARD.threshold(), 128);
        assert!(Darkness::new(7).unwrap().threshold() > Darkness::new(1).unwrap().threshold());
    }
}
