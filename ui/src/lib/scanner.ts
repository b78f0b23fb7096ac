// Barcode scanners in kiosks act as a keyboard ("keyboard wedge"): a scan arrives as
// a burst of keystrokes, a few milliseconds apart, ending in Enter. People on the
// touch screen never make keystrokes at all, and a person at a keyboard types far
// slower, so a fast burst ending in Enter is a scan wherever the focus is.

/** Longest pause between two keystrokes of one scan. Scanners send one every 1–20 ms. */
export const SCAN_MAX_GAP_MS = 50;
/** Fewest characters in a scan: a booking code has 6. */
export const SCAN_MIN_LENGTH = 4;

/** A keydown as far as the detector cares. */
export interface KeyStroke {
  key: string;
  /** Milliseconds, e.g. `event.timeStamp`. */
  at: number;
}

/** Watches keystrokes and says when a burst ending in Enter was a scan. */
export class ScanDetector {
  private text = '';
  private last = Number.NEGATIVE_INFINITY;

  /** The scanned text when `stroke` ends a scan, otherwise null. */
  key(stroke: KeyStroke): string | null {
    const fast = stroke.at - this.last <= SCAN_MAX_GAP_MS;
    if (stroke.key === 'Enter') {
      const scanned = fast && this.text.length >= SCAN_MIN_LENGTH ? this.text : null;
      this.text = '';
      this.last = Number.NEGATIVE_INFINITY;
      return scanned;
    }
    // Shift and other named keys come between characters (capitals) and are not text.
    if ([...stroke.key].length !== 1) return null;
    this.text = fast ? this.text + stroke.key : stroke.key;
    this.last = stroke.at;
    return null;
  }
}
