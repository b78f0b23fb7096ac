// Follows an office's live event stream. EventSource reconnects by itself and sends
// the last event id back, so the server resumes where it left off (or sends a fresh
// snapshot); nothing here polls.

import type { LobbyEvent } from '../generated/types';
import { eventsPath } from './api';

/** How long to wait before asking again when the server refused the stream. */
const RETRY_AFTER_REFUSAL_MS = 30_000;

/** What a page hears from the stream. */
export interface StreamHandlers {
  /** Every event, in order. */
  event(event: LobbyEvent): void;
  /** The connection is up (true) or lost and being retried (false). */
  connected(up: boolean): void;
}

/** Opens the stream of `office`; the answer closes it. */
export function followOffice(office: string, handlers: StreamHandlers): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = () => {
    const current = new EventSource(eventsPath(office));
    source = current;
    current.onopen = () => handlers.connected(true);
    current.onerror = () => {
      handlers.connected(false);
      // A refused stream (429 or 503 when the server holds as many as it allows) is
      // given up by the browser, not retried: open a new one after a while. It starts
      // with a snapshot, so nothing is missed.
      if (current.readyState === EventSource.CLOSED && !stopped) {
        retry = setTimeout(open, RETRY_AFTER_REFUSAL_MS);
      }
    };
    current.onmessage = (message: MessageEvent<string>) => {
      let event: LobbyEvent;
      try {
        event = JSON.parse(message.data) as LobbyEvent;
      } catch {
        return; // Not an event of ours: nothing to show.
      }
      handlers.event(event);
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}
