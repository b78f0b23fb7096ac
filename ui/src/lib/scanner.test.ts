import { describe, expect, it } from 'vitest';
import { ScanDetector, SCAN_MAX_GAP_MS } from './scanner';

/** Feeds `text` then Enter, `gap` ms apart from `start`; returns what the detector said at Enter. */
function type(detector: ScanDetector, text: string, gap: number, start = 1000): string | null {
  let at = start;
  for (const key of text) {
    expect(detector.key({ key, at })).toBeNull();
    at += gap;
  }
  return detector.key({ key: 'Enter', at });
}

describe('ScanDetector', () => {
  it('reads a fast burst ending in Enter as a scan', () => {
    expect(type(new ScanDetector(), 'AC3D4F', 8)).toBe('AC3D4F');
  });

  it('reads a citizen ID card with Vietnamese letters and Shift in between', () => {
    const detector = new ScanDetector();
    let at = 0;
    const card = '001090123456||NGUYỄN VĂN AN|01011990|Nam|Hà Nội|15042021';
    for (const key of card) {
      detector.key({ key: 'Shift', at });
      detector.key({ key, at: (at += 3) });
    }
    expect(detector.key({ key: 'Enter', at: at + 3 })).toBe(card);
  });

  it('does not take slow typing for a scan', () => {
    expect(type(new ScanDetector(), 'AC3D4F', SCAN_MAX_GAP_MS + 30)).toBeNull();
  });

  it('does not take a lone Enter or a short burst for a scan', () => {
    const detector = new ScanDetector();
    expect(detector.key({ key: 'Enter', at: 5 })).toBeNull();
    expect(type(detector, 'AB', 5)).toBeNull();
  });

  it('starts afresh after a pause, so earlier keystrokes do not stick to a scan', () => {
    const detector = new ScanDetector();
    detector.key({ key: 'x', at: 0 });
    detector.key({ key: 'y', at: 10 });
    expect(type(detector, 'AC3D4F', 5, 2000)).toBe('AC3D4F');
  });

  it('forgets a scan once it is read', () => {
    const detector = new ScanDetector();
    expect(type(detector, 'AC3D4F', 5)).toBe('AC3D4F');
    expect(detector.key({ key: 'Enter', at: 1040 })).toBeNull();
  });
});
