// The board's spoken calls: one queue of WAV addresses, played one after another,
// never over each other. A browser that refuses to play without a tap keeps the
// queue and says so, until someone taps.

/** What the board hears from the announcer. */
export interface AnnouncerHandlers {
  /** The browser refused to play until someone taps the page (true), or plays again (false). */
  blocked(blocked: boolean): void;
}

/** While sound is blocked, calls waiting past this many are dropped: the oldest are no longer news. */
const MAX_WAITING_BLOCKED = 3;

/** Plays announcements in order. */
export class Announcer {
  private readonly waiting: string[] = [];
  private playing = false;
  private isBlocked = false;

  constructor(private readonly handlers: AnnouncerHandlers) {}

  /** Adds a call's audio at the end of the queue. */
  enqueue(url: string): void {
    this.waiting.push(url);
    if (this.isBlocked) {
      while (this.waiting.length > MAX_WAITING_BLOCKED) this.waiting.shift();
    }
    void this.next();
  }

  /** After a tap: play what waits. */
  unblock(): void {
    this.isBlocked = false;
    this.handlers.blocked(false);
    void this.next();
  }

  private async next(): Promise<void> {
    if (this.playing || this.isBlocked) return;
    const url = this.waiting[0];
    if (url === undefined) return;
    this.playing = true;
    const audio = new Audio(url);
    const finished = new Promise<void>((resolve) => {
      audio.addEventListener('ended', () => resolve(), { once: true });
      // A missing or broken file must not stop the calls after it.
      audio.addEventListener('error', () => resolve(), { once: true });
    });
    try {
      await audio.play();
      await finished;
      this.waiting.shift();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        this.isBlocked = true;
        while (this.waiting.length > MAX_WAITING_BLOCKED) this.waiting.shift();
        this.handlers.blocked(true);
      } else {
        this.waiting.shift();
      }
    } finally {
      this.playing = false;
    }
    void this.next();
  }
}
