import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { IdleWatch } from './idle';

function watch(timeoutSeconds: number, pristine = false) {
  const events = {
    countdown: vi.fn<(secondsLeft: number | null) => void>(),
    reset: vi.fn<() => void>(),
    isPristine: () => pristine,
  };
  return { events, watch: new IdleWatch(timeoutSeconds, events) };
}

describe('IdleWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('counts down the last ten seconds of a long timeout, then resets', () => {
    const { events, watch: idle } = watch(60);
    vi.advanceTimersByTime(49_999);
    expect(events.countdown).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(events.countdown).toHaveBeenLastCalledWith(10);
    vi.advanceTimersByTime(9_000);
    expect(events.countdown).toHaveBeenLastCalledWith(1);
    expect(events.reset).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(events.reset).toHaveBeenCalledTimes(1);
    expect(events.countdown).toHaveBeenLastCalledWith(null);
    idle.stop();
  });

  test('activity starts the count again and hides the question', () => {
    const { events, watch: idle } = watch(30);
    vi.advanceTimersByTime(25_000);
    idle.activity();
    expect(events.countdown).toHaveBeenLastCalledWith(null);
    vi.advanceTimersByTime(29_000);
    expect(events.reset).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(events.reset).toHaveBeenCalledTimes(1);
    idle.stop();
  });

  test('timeouts of 20 s or less reset without a question', () => {
    const { events, watch: idle } = watch(20);
    vi.advanceTimersByTime(20_000);
    expect(events.countdown).not.toHaveBeenCalled();
    expect(events.reset).toHaveBeenCalledTimes(1);
    idle.stop();
  });

  test('nothing happens when there is nothing to clear', () => {
    const { events, watch: idle } = watch(30, true);
    vi.advanceTimersByTime(120_000);
    expect(events.countdown).not.toHaveBeenCalled();
    expect(events.reset).not.toHaveBeenCalled();
    idle.stop();
  });
});
