//! Mono 16-bit PCM clips: reading and writing WAV, silence, the chime, and joining.
//!
//! Written here rather than with a WAV library because eSpeak NG writing to a pipe cannot
//! go back to fill in the lengths: its header says 2 GiB of data, and a strict reader
//! refuses what follows. This reader takes the data up to the end of the bytes instead.

use std::f32::consts::TAU;
use std::time::Duration;

/// Why bytes were not read as a WAV clip.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WavError {
    /// Not a RIFF WAVE file, or cut short inside its header.
    #[error("not a WAV file: {0}")]
    Malformed(&'static str),
    /// A WAV file, but not mono 16-bit PCM.
    #[error("unsupported WAV format: {channels} channel(s), {bits} bits, format tag {format}")]
    Unsupported {
        /// Format tag (1 is PCM).
        format: u16,
        /// Channels.
        channels: u16,
        /// Bits per sample.
        bits: u16,
    },
}

/// A mono clip of 16-bit samples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wav {
    /// Samples per second.
    pub sample_rate: u32,
    /// The samples, in order.
    pub samples: Vec<i16>,
}

impl Wav {
    /// `duration` of silence.
    pub fn silence(sample_rate: u32, duration: Duration) -> Self {
        let len = (duration.as_secs_f64() * f64::from(sample_rate)).round() as usize;
        Self {
            sample_rate,
            samples: vec![0; len],
        }
    }

    /// The two-tone chime before a call ("ding-dong", E5 then C5), 0.8 s long.
    ///
    /// Each tone rises in 15 ms and dies away like a struck bell, so it neither clicks nor
    /// startles; the whole peaks at half of full scale, about as loud as eSpeak's voice.
    pub fn chime(sample_rate: u32) -> Self {
        const LENGTH: f32 = 0.8;
        const PEAK: f32 = 0.5;
        // (start in seconds, frequency in Hz)
        const TONES: [(f32, f32); 2] = [(0.0, 659.25), (0.32, 523.25)];
        const ATTACK: f32 = 0.015;
        const DECAY: f32 = 0.16;
        const FADE_OUT: f32 = 0.06;
        let rate = sample_rate as f32;
        let len = (LENGTH * rate).round() as usize;
        let mut signal: Vec<f32> = (0..len)
            .map(|i| {
                let t = i as f32 / rate;
                let mut value = 0.0;
                for (start, frequency) in TONES {
                    let local = t - start;
                    if local < 0.0 {
                        continue;
                    }
                    let attack = (local / ATTACK).min(1.0);
                    let envelope = attack * attack * (-local / DECAY).exp();
                    // A little of the octave and the twelfth makes it a bell, not a beep.
                    let phase = TAU * frequency * local;
                    value += envelope
                        * (phase.sin() + 0.25 * (2.0 * phase).sin() + 0.08 * (3.0 * phase).sin());
                }
                let to_end = LENGTH - t;
                value * (to_end / FADE_OUT).min(1.0)
            })
            .collect();
        let loudest = signal.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        if loudest > 0.0 {
            let scale = PEAK * f32::from(i16::MAX) / loudest;
            signal.iter_mut().for_each(|v| *v *= scale);
        }
        Self {
            sample_rate,
            samples: signal.iter().map(|v| v.round() as i16).collect(),
        }
    }

    /// The clip without the near-silence at its ends (a margin of 30 ms is kept, so soft
    /// sounds at the edges are not cut). eSpeak pads each sentence with about 0.2 s on both
    /// sides; without it the pauses of a call are the ones chosen here.
    pub fn trimmed(&self) -> Self {
        const QUIET: u16 = 160; // about -46 dBFS
        let margin = self.sample_rate as usize * 30 / 1000;
        let loud = |s: &i16| s.unsigned_abs() > QUIET;
        let Some(first) = self.samples.iter().position(loud) else {
            return Self {
                sample_rate: self.sample_rate,
                samples: Vec::new(),
            };
        };
        let last = self.samples.iter().rposition(loud).unwrap_or(first);
        let start = first.saturating_sub(margin);
        let end = (last + 1 + margin).min(self.samples.len());
        Self {
            sample_rate: self.sample_rate,
            samples: self.samples[start..end].to_vec(),
        }
    }

    /// How long it plays.
    pub fn duration(&self) -> Duration {
        if self.sample_rate == 0 {
            return Duration::ZERO;
        }
        Duration::from_secs_f64(self.samples.len() as f64 / f64::from(self.sample_rate))
    }

    /// The same sound at another rate (linear interpolation; enough for a chime and speech
    /// between the usual rates).
    pub fn resampled(&self, sample_rate: u32) -> Self {
        if sample_rate == self.sample_rate || self.samples.is_empty() || self.sample_rate == 0 {
            return Self {
                sample_rate,
                samples: if self.sample_rate == 0 {
                    Vec::new()
                } else {
                    self.samples.clone()
                },
            };
        }
        let step = f64::from(self.sample_rate) / f64::from(sample_rate);
        let len = (self.samples.len() as f64 / step).round() as usize;
        let last = self.samples.len() - 1;
        let samples = (0..len)
            .map(|i| {
                let position = i as f64 * step;
                let index = (position as usize).min(last);
                let next = (index + 1).min(last);
                let fraction = position - index as f64;
                let a = f64::from(self.samples[index]);
                let b = f64::from(self.samples[next]);
                (a + (b - a) * fraction).round() as i16
            })
            .collect();
        Self {
            sample_rate,
            samples,
        }
    }

    /// The clips one after another, at the first clip's rate (others are resampled).
    /// `None` when there is no clip.
    pub fn join(clips: &[Wav]) -> Option<Self> {
        let sample_rate = clips.first()?.sample_rate;
        let mut samples = Vec::with_capacity(clips.iter().map(|c| c.samples.len()).sum());
        for clip in clips {
            if clip.sample_rate == sample_rate {
                samples.extend_from_slice(&clip.samples);
            } else {
                samples.extend_from_slice(&clip.resampled(sample_rate).samples);
            }
        }
        Some(Self {
            sample_rate,
            samples,
        })
    }

    /// The clip at `percent` of its loudness (100 leaves it as it is; more is taken as 100,
    /// so it never clips).
    pub fn scaled(&self, percent: u8) -> Self {
        let percent = i32::from(percent.min(100));
        Self {
            sample_rate: self.sample_rate,
            samples: self
                .samples
                .iter()
                .map(|&s| (i32::from(s) * percent / 100) as i16)
                .collect(),
        }
    }

    /// The clip as a WAV file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let data_len = (self.samples.len() * 2) as u32;
        let mut out = Vec::with_capacity(44 + self.samples.len() * 2);
        out.extend_from_slice(b"RIFF");
        out.extend_from_slice(&(36 + data_len).to_le_bytes());
        out.extend_from_slice(b"WAVEfmt ");
        out.extend_from_slice(&16u32.to_le_bytes());
        out.extend_from_slice(&1u16.to_le_bytes()); // PCM
        out.extend_from_slice(&1u16.to_le_bytes()); // mono
        out.extend_from_slice(&self.sample_rate.to_le_bytes());
        out.extend_from_slice(&(self.sample_rate * 2).to_le_bytes()); // bytes per second
        out.extend_from_slice(&2u16.to_le_bytes()); // bytes per frame
        out.extend_from_slice(&16u16.to_le_bytes());
        out.extend_from_slice(b"data");
        out.extend_from_slice(&data_len.to_le_bytes());
        for sample in &self.samples {
            out.extend_from_slice(&sample.to_le_bytes());
        }
        out
    }

    /// Reads a mono 16-bit PCM WAV file. A `data` length past the end of the bytes (as
    /// written to a pipe) means "up to the end".
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, WavError> {
        if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
            return Err(WavError::Malformed("no RIFF WAVE header"));
        }
        let mut rest = &bytes[12..];
        let mut sample_rate = None;
        loop {
            if rest.len() < 8 {
                return Err(WavError::Malformed("no data chunk"));
            }
            let id = &rest[0..4];
            let declared = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]) as usize;
            let body = &rest[8..];
            let len = declared.min(body.len());
            match id {
                b"fmt " => {
                    if len < 16 {
                        return Err(WavError::Malformed("short fmt chunk"));
                    }
                    let u16_at = |i: usize| u16::from_le_bytes([body[i], body[i + 1]]);
                    let (format, channels, bits) = (u16_at(0), u16_at(2), u16_at(14));
                    if format != 1 || channels != 1 || bits != 16 {
                        return Err(WavError::Unsupported {
                            format,
                            channels,
                            bits,
                        });
                    }
                    sample_rate = Some(u32::from_le_bytes([body[4], body[5], body[6], body[7]]));
                }
                b"data" => {
                    let sample_rate =
                        sample_rate.ok_or(WavError::Malformed("data before fmt chunk"))?;
                    let samples = body[..len]
                        .chunks_exact(2)
                        .map(|pair| i16::from_le_bytes([pair[0], pair[1]]))
                        .collect();
                    return Ok(Self {
                        sample_rate,
                        samples,
                    });
                }
                _ => {}
            }
            // Chunks are padded to an even length.
            let skip = (len + (len & 1)).min(body.len());
            rest = &body[skip..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clip_survives_writing_and_reading() {
        let clip = Wav {
            sample_rate: 22050,
            samples: vec![0, 1, -1, i16::MAX, i16::MIN, 1234],
        };
        let bytes = clip.to_bytes();
        assert_eq!(bytes.len(), 44 + 12);
        assert_eq!(Wav::from_bytes(&bytes), Ok(clip));
    }

    #[test]
    fn a_piped_header_with_no_length_reads_to_the_end() {
        let clip = Wav {
            sample_rate: 22050,
            samples: vec![5, -5, 7],
        };
        let mut bytes = clip.to_bytes();
        // What eSpeak NG writes to stdout: lengths it could not know.
        bytes[4..8].copy_from_slice(&0x7fff_f024u32.to_le_bytes());
        bytes[40..44].copy_from_slice(&0x7fff_f000u32.to_le_bytes());
        // And an odd trailing byte, cut off mid-sample.
        bytes.push(9);
        assert_eq!(Wav::from_bytes(&bytes), Ok(clip));
    }

    #[test]
    fn other_chunks_are_skipped() {
        let clip = Wav {
            sample_rate: 16000,
            samples: vec![1, 2, 3],
        };
        let plain = clip.to_bytes();
        let mut bytes = plain[..36].to_vec();
        bytes.extend_from_slice(b"LIST");
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.extend_from_slice(b"abc\0"); // 3 bytes and the pad byte
        bytes.extend_from_slice(&plain[36..]);
        assert_eq!(Wav::from_bytes(&bytes), Ok(clip));
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(matches!(Wav::from_bytes(b""), Err(WavError::Malformed(_))));
        assert!(matches!(
            Wav::from_bytes(b"RIFF\0\0\0\0WAVE"),
            Err(WavError::Malformed(_))
        ));
        let mut stereo = Wav::silence(8000, Duration::from_millis(10)).to_bytes();
        stereo[22] = 2;
        assert_eq!(
            Wav::from_bytes(&stereo),
            Err(WavError::Unsupported {
                format: 1,
                channels: 2,
                bits: 16
            })
        );
        let mut huge_chunk = Wav::silence(8000, Duration::from_millis(10)).to_bytes();
        huge_chunk[12..16].copy_from_slice(b"JUNK");
        huge_chunk[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            Wav::from_bytes(&huge_chunk),
            Err(WavError::Malformed(_))
        ));
    }

    #[test]
    fn the_chime_is_soft_at_both_ends_and_does_not_clip() {
        for rate in [16000, 22050, 44100] {
            let chime = Wav::chime(rate);
            let seconds = chime.duration().as_secs_f64();
            assert!((0.79..=0.81).contains(&seconds), "{rate}: {seconds} s");
            let peak = chime
                .samples
                .iter()
                .map(|s| s.unsigned_abs())
                .max()
                .unwrap();
            assert!((16000..=16500).contains(&peak), "{rate}: peak {peak}");
            // No click: the first and last milliseconds are quiet.
            let ms = rate as usize / 1000;
            let edge = |s: &[i16]| s.iter().map(|v| v.unsigned_abs()).max().unwrap();
            assert!(edge(&chime.samples[..ms]) < 2000, "{rate}: start");
            assert!(
                edge(&chime.samples[chime.samples.len() - ms..]) < 500,
                "{rate}: end"
            );
            // Both tones are there: the second one starts loud after the first has faded.
            let at = |t: f64| {
                let i = (t * f64::from(rate)) as usize;
                edge(&chime.samples[i..i + 10 * ms])
            };
            assert!(at(0.34) > 2 * at(0.30), "{rate}: second tone");
        }
    }

    #[test]
    fn silence_and_join() {
        let silence = Wav::silence(22050, Duration::from_millis(300));
        assert_eq!(silence.samples.len(), 6615);
        assert!(silence.samples.iter().all(|&s| s == 0));
        let joined = Wav::join(&[
            Wav {
                sample_rate: 22050,
                samples: vec![1, 2],
            },
            silence.clone(),
            Wav {
                sample_rate: 44100,
                samples: vec![100; 4410],
            },
        ])
        .unwrap();
        assert_eq!(joined.sample_rate, 22050);
        assert_eq!(joined.samples.len(), 2 + 6615 + 2205);
        assert_eq!(&joined.samples[..2], &[1, 2]);
        assert!(joined.samples[2 + 6615..].iter().all(|&s| s == 100));
        assert_eq!(Wav::join(&[]), None);
    }

    #[test]
    fn trimming_keeps_the_sound_and_a_margin() {
        let mut samples = vec![0i16; 22050];
        samples.extend([50, -100, 5000, -3000, 80]);
        samples.extend(vec![3; 22050]);
        let clip = Wav {
            sample_rate: 22050,
            samples,
        };
        let trimmed = clip.trimmed();
        // 30 ms (661 samples) on each side of the two loud samples.
        assert_eq!(trimmed.samples.len(), 661 + 2 + 661);
        assert_eq!(&trimmed.samples[661..663], &[5000, -3000]);
        assert!(Wav::silence(22050, Duration::from_secs(1))
            .trimmed()
            .samples
            .is_empty());
    }

    #[test]
    fn resampling_keeps_a_tone_and_its_length() {
        let chime = Wav::chime(44100);
        let down = chime.resampled(22050);
        assert_eq!(down.samples.len(), chime.samples.len() / 2);
        assert_eq!(down.duration(), Duration::from_millis(800));
        // Every other sample of a 2:1 resampling is the original sample.
        assert_eq!(down.samples[1000], chime.samples[2000]);
    }
}
