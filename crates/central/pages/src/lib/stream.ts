// Follows an office's live event stream. EventSource reconnects by itself and sends
// the last event id back, so the server resumes where it left off (or sends a fresh
// snapshot); nothing here polls.

import type { LobbyEvent } from '../generated/types';
import { eventsPath } from './api';

/** What a page hears from the stream. */
export interface StreamHandlers {
  /** Every event, in order. */
  event(event: LobbyEvent): void;
  /** The connection is up (true) or lost and being retried (false). */
  connected(up: boolean): void;
}

/** Opens the stream of `office`; the answer closes it. */
export function followOffice(office: string, handlers: StreamHandlers): () => void {
  const source = new EventSource(eventsPath(office));
  source.onopen = () => handlers.connected(true);
  source.onerror = () => handlers.connected(false);
  source.onmessage = (message: MessageEvent<string>) => {
    let event: LobbyEvent;
    try {
      event = JSON.parse(message.data) as LobbyEvent;
    } catch {
      return; // Not an event of ours: nothing to show.
    }
    handlers.event(event);
  };
  return () => source.close();
}
