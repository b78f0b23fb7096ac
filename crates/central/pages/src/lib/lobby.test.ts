import { describe, expect, it } from 'vitest';
import type { CallEvent, LobbyEvent, LobbySnapshot } from '../generated/types';
import { applyEvent, fromSnapshot, officeNow, type Lobby } from './lobby';

const opening = { open: true, closes_at: '2026-12-02T12:00:00+07:00', opens_at: null };
const queues = { office: 'hn', groups: [], lobby: { occupancy: 0, capacity: 40 }, opening };

function counter(id: string, serving: string | null = null) {
  return { id, office: 'hn', name: `Quầy ${id}`, groups: ['A'], open: true, serving };
}

function call(number: string, counterId: string, at = '09:00'): CallEvent {
  return {
    number,
    service_group: 'A',
    counter: counterId,
    counter_name: `Quầy ${counterId}`,
    called_at: `2026-12-02T${at}:00+07:00`,
    announcement: { vi: `Mời số ${number}`, en: `Number ${number}` },
    audio_url: `/a/${number}.wav`,
  };
}

function lobby(): Lobby {
  const snapshot: LobbySnapshot = {
    office: 'hn',
    office_name: 'Ba Đình',
    time_zone: 'Asia/Ho_Chi_Minh',
    now: '2026-12-02T09:00:00+07:00',
    opening,
    counters: [counter('1', 'A-001'), counter('2')],
    recent_calls: [call('A-001', '1')],
    queues,
    speak_english: false,
  };
  return fromSnapshot(snapshot, 1000);
}

const apply = (l: Lobby, e: LobbyEvent) => applyEvent(l, e);

describe('the lobby kept from events', () => {
  it('a call puts the number at its counter and on top of the recent calls', () => {
    const next = apply(lobby(), { type: 'called', ...call('A-002', '2', '09:01') });
    expect(next.counters.map((c) => c.serving)).toEqual(['A-001', 'A-002']);
    expect(next.recent.map((c) => c.number)).toEqual(['A-002', 'A-001']);
  });

  it('a recall brings the number back to the top once, not twice', () => {
    let l = apply(lobby(), { type: 'called', ...call('A-002', '2', '09:01') });
    l = apply(l, { type: 'recalled', ...call('A-001', '1', '09:02') });
    expect(l.recent.map((c) => c.number)).toEqual(['A-001', 'A-002']);
  });

  it('completed, no-show and transferred free the counter only if it still serves that number', () => {
    const base = lobby();
    expect(apply(base, { type: 'completed', number: 'A-001', service_group: 'A', counter: '1' }).counters[0]?.serving).toBeNull();
    expect(apply(base, { type: 'no_show', number: 'A-009', service_group: 'A', counter: '1' }).counters[0]?.serving).toBe('A-001');
    const moved = apply(base, { type: 'transferred', number: 'A-001', service_group: 'B', from_counter: '1', to_counter: null });
    expect(moved.counters[0]?.serving).toBeNull();
  });

  it('a paused counter is replaced; a counter of another office is ignored', () => {
    const paused = apply(lobby(), { type: 'counter_changed', ...counter('2'), open: false });
    expect(paused.counters[1]?.open).toBe(false);
    const elsewhere = apply(lobby(), { type: 'counter_changed', ...counter('9'), office: 'hcm' });
    expect(elsewhere.counters).toHaveLength(2);
  });

  it('queue counts carry the opening state', () => {
    const closed = { open: false, closes_at: null, opens_at: '2026-12-03T08:00:00+07:00' };
    const next = apply(lobby(), { type: 'queues', ...queues, opening: closed });
    expect(next.opening.open).toBe(false);
  });

  it('keeps at most ten calls', () => {
    let l = lobby();
    for (let i = 2; i < 20; i += 1) l = apply(l, { type: 'called', ...call(`A-${String(i).padStart(3, '0')}`, '2') });
    expect(l.recent).toHaveLength(10);
    expect(l.recent[0]?.number).toBe('A-019');
  });

  it('the clock runs from the snapshot by the monotonic clock', () => {
    expect(officeNow(lobby(), 1000 + 90_000).toISOString()).toBe('2026-12-02T02:01:30.000Z');
  });
});
