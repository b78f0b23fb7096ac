// When nobody touches the kiosk for a while, it goes back to the start and
// forgets the visitor. Before that, if the timeout is long enough, it asks
// "are you still there?" for a few seconds.

/** Seconds the "are you still there?" question is shown before the reset. */
export const WARNING_SECONDS = 10;

/** Timeouts at or below this reset without asking first. */
export const WARN_ONLY_ABOVE_SECONDS = 20;

/** What the idle watch tells the screen. */
export interface IdleEvents {
  /** Seconds left before the reset, or null when the question goes away. */
  countdown(secondsLeft: number | null): void;
  /** Time is up: go home and clear everything. */
  reset(): void;
  /** True when there is nothing to clear, so the watch need not act. */
  isPristine(): boolean;
}

/** Counts time since the last touch and resets the kiosk when it runs out. */
export class IdleWatch {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly warnSeconds: number;

  constructor(
    private readonly timeoutSeconds: number,
    private readonly events: IdleEvents,
  ) {
    this.warnSeconds = timeoutSeconds > WARN_ONLY_ABOVE_SECONDS ? WARNING_SECONDS : 0;
    this.arm();
  }

  /** A touch or key press: start counting again and hide the question. */
  activity(): void {
    if (this.ticker !== null) this.events.countdown(null);
    this.arm();
  }

  /** Stops counting for good. */
  stop(): void {
    this.clear();
  }

  private arm(): void {
    this.clear();
    const quietSeconds = Math.max(1, this.timeoutSeconds - this.warnSeconds);
    this.timer = setTimeout(() => this.quietTimeUp(), quietSeconds * 1000);
  }

  private quietTimeUp(): void {
    this.timer = null;
    if (this.events.isPristine()) {
      this.arm();
    } else if (this.warnSeconds === 0) {
      this.fire();
    } else {
      this.warn();
    }
  }

  private warn(): void {
    let left = this.warnSeconds;
    this.events.countdown(left);
    this.ticker = setInterval(() => {
      left -= 1;
      if (left <= 0) this.fire();
      else this.events.countdown(left);
    }, 1000);
  }

  private fire(): void {
    const wasWarning = this.ticker !== null;
    this.clear();
    if (wasWarning) this.events.countdown(null);
    this.events.reset();
    this.arm();
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.ticker !== null) clearInterval(this.ticker);
    this.timer = null;
    this.ticker = null;
  }
}
