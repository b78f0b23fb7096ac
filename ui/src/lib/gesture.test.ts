import { describe, expect, test } from 'vitest';
import { TapBurst } from './gesture';

describe('the maintenance tap burst', () => {
  test('five taps within three seconds complete it, then it starts over', () => {
    const burst = new TapBurst();
    expect([0, 600, 1200, 1800].map((t) => burst.tap(t))).toEqual([false, false, false, false]);
    expect(burst.tap(2900)).toBe(true);
    expect(burst.tap(3000)).toBe(false);
  });

  test('taps spread over three seconds or more do not', () => {
    const burst = new TapBurst();
    const taps = [0, 800, 1600, 2400, 3200, 4000];
    expect(taps.map((t) => burst.tap(t))).toEqual([false, false, false, false, false, false]);
    // The last five of a steady run still count when they fit the window.
    expect(burst.tap(4300)).toBe(true);
  });
});
