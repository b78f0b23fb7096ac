// The lobby as the board shows it, kept from the event stream: a snapshot replaces
// everything, each later event changes only what it is about.

import type { CallEvent, CounterSummary, LobbyEvent, LobbySnapshot, OpeningStatus, QueueOverview } from '../generated/types';

/** How many calls the board keeps (the snapshot sends at most ten). */
const RECENT_CALLS = 10;

/** Everything the board shows. */
export interface Lobby {
  office: string;
  officeName: string;
  timeZone: string;
  opening: OpeningStatus;
  counters: CounterSummary[];
  /** Newest first. */
  recent: CallEvent[];
  queues: QueueOverview;
  speakEnglish: boolean;
  /** The central's time at `clockAt` (a `performance.now()` reading), in ms since the epoch. */
  clockBase: number;
  clockAt: number;
}

/** The lobby of a snapshot, its clock read at `monotonicNow`. */
export function fromSnapshot(snapshot: LobbySnapshot, monotonicNow: number): Lobby {
  const parsed = Date.parse(snapshot.now);
  return {
    office: snapshot.office,
    officeName: snapshot.office_name,
    timeZone: snapshot.time_zone,
    opening: snapshot.opening,
    counters: snapshot.counters,
    recent: snapshot.recent_calls.slice(0, RECENT_CALLS),
    queues: snapshot.queues,
    speakEnglish: snapshot.speak_english,
    clockBase: Number.isNaN(parsed) ? Date.now() : parsed,
    clockAt: monotonicNow,
  };
}

function setServing(counters: CounterSummary[], id: string, serving: string | null): CounterSummary[] {
  return counters.map((c) => (c.id === id ? { ...c, serving } : c));
}

/** Clears `number` from `counter` if that is what it serves (a later call may have replaced it). */
function clearServing(counters: CounterSummary[], id: string, number: string): CounterSummary[] {
  return counters.map((c) => (c.id === id && c.serving === number ? { ...c, serving: null } : c));
}

function pushCall(recent: CallEvent[], call: CallEvent): CallEvent[] {
  const others = recent.filter((r) => !(r.number === call.number && r.counter === call.counter));
  return [call, ...others].slice(0, RECENT_CALLS);
}

/** The lobby after `event`; a snapshot is handled by `fromSnapshot`. */
export function applyEvent(lobby: Lobby, event: LobbyEvent): Lobby {
  switch (event.type) {
    case 'called':
    case 'recalled':
      return {
        ...lobby,
        counters: setServing(lobby.counters, event.counter, event.number),
        recent: pushCall(lobby.recent, event),
      };
    case 'transferred':
      return { ...lobby, counters: clearServing(lobby.counters, event.from_counter, event.number) };
    case 'completed':
    case 'no_show':
      return { ...lobby, counters: clearServing(lobby.counters, event.counter, event.number) };
    case 'counter_changed': {
      const { type: _type, ...counter } = event;
      const known = lobby.counters.some((c) => c.id === counter.id);
      if (counter.office !== lobby.office) return lobby;
      return {
        ...lobby,
        counters: known ? lobby.counters.map((c) => (c.id === counter.id ? counter : c)) : [...lobby.counters, counter],
      };
    }
    case 'queues': {
      const { type: _type, ...queues } = event;
      return { ...lobby, queues, opening: queues.opening };
    }
    case 'issued':
    case 'snapshot':
      return lobby;
  }
}

/** The central's time now, by the browser's monotonic clock since the snapshot. */
export function officeNow(lobby: Lobby, monotonicNow: number): Date {
  return new Date(lobby.clockBase + (monotonicNow - lobby.clockAt));
}
