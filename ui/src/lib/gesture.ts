// The hidden gesture that opens the maintenance screen: five taps within three
// seconds on the office name in the header. A visitor does not do that by chance;
// a member of staff can on any touch screen. The screen still asks for the PIN.

import type { Attachment } from 'svelte/attachments';

/** Taps that open the maintenance screen. */
export const MAINTENANCE_TAPS = 5;
/** Within this many milliseconds, first to last. */
export const MAINTENANCE_TAP_WINDOW_MS = 3000;

/** Counts taps and says when `count` of them fell within `windowMs`. */
export class TapBurst {
  private taps: number[] = [];

  constructor(
    private readonly count = MAINTENANCE_TAPS,
    private readonly windowMs = MAINTENANCE_TAP_WINDOW_MS,
  ) {}

  /** A tap at `now` (milliseconds); true when it completes a burst, which starts over. */
  tap(now: number): boolean {
    this.taps = [...this.taps.filter((at) => now - at < this.windowMs), now];
    if (this.taps.length < this.count) return false;
    this.taps = [];
    return true;
  }
}

/** Calls `onburst` when the element is tapped five times within three seconds. */
export function fiveTaps(
  onburst: () => void,
  now: () => number = () => performance.now(),
): Attachment<HTMLElement> {
  return (element) => {
    const burst = new TapBurst();
    const tap = () => {
      if (burst.tap(now())) onburst();
    };
    element.addEventListener('click', tap);
    return () => element.removeEventListener('click', tap);
  };
}
