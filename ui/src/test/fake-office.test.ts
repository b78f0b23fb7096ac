// The test double's rules against the product's: every case of kiosk-rules.json goes
// through the fake office here, and through the kiosk's Rust code in kiosk-core's test
// ui_double_rules. Both assert the answers the table gives, so the double cannot drift.

import { describe, expect, test } from 'vitest';
import type { MaintenanceError } from '../generated/types';
import { fakeOffice } from './fake-office';
import rulesText from './kiosk-rules.json?raw';

type Message = { vi: string; en: string };
type Answer = 'unlocked' | { kind: string; tries_left: number | null; locked_until: string | null };
interface Rules {
  phone_problem: { problem: Message; valid: string[]; invalid: string[] };
  read_scan: {
    unreadable: Message;
    bad_card: Message;
    cases: { text: string; read: string | object }[];
    too_long: { repeat: string; times: number; read: string };
  };
  maintenance_unlock: { pin: string; sequences: { about: string; tries: { pin: string; answer: Answer }[] }[] };
}

const rules: Rules = JSON.parse(rulesText);

/** Calls a command of a fresh fake office, as the UI would. */
function call(command: string, args: Record<string, unknown>, office = fakeOffice()): unknown {
  return office.handler(command, args);
}

describe('the fake office follows the kiosk rules table', () => {
  test('phone numbers', () => {
    const table = rules.phone_problem;
    for (const phone of table.valid) expect(call('phone_problem', { phone }), phone).toBeNull();
    for (const phone of table.invalid) expect(call('phone_problem', { phone }), phone).toEqual(table.problem);
  });

  test('scans', () => {
    const table = rules.read_scan;
    const expected = (read: string | object) =>
      typeof read === 'string' ? { kind: 'unreadable', message: table[read as 'unreadable' | 'bad_card'] } : read;
    expect(table.cases.length).toBeGreaterThanOrEqual(20);
    for (const { text, read } of table.cases) expect(call('read_scan', { text }), JSON.stringify(text)).toEqual(expected(read));
    const long = table.too_long;
    expect(call('read_scan', { text: long.repeat.repeat(long.times) })).toEqual(expected(long.read));
  });

  test('maintenance PINs, wrong ones and the lockout', async () => {
    const table = rules.maintenance_unlock;
    for (const { about, tries } of table.sequences) {
      const office = fakeOffice();
      for (const [i, { pin, answer }] of tries.entries()) {
        const asked = Date.now();
        const got = await Promise.resolve(call('maintenance_unlock', { pin }, office)).then(
          () => 'unlocked' as const,
          (refused: MaintenanceError) => refused,
        );
        const what = `${about}: try ${i}`;
        if (answer === 'unlocked' || got === 'unlocked') {
          expect(got, what).toEqual(answer);
          continue;
        }
        expect({ ...got, locked_until: null }, what).toEqual({ ...answer, locked_until: null });
        if (answer.locked_until === null) {
          expect(got.locked_until, what).toBeNull();
        } else {
          const seconds = Number(/^in (\d+) s$/.exec(answer.locked_until)?.[1]);
          const until = Date.parse(got.locked_until ?? '');
          expect(until - asked, what).toBeGreaterThanOrEqual(seconds * 1000 - 1000);
          expect(until - asked, what).toBeLessThanOrEqual(seconds * 1000 + 1000);
        }
      }
    }
  });
});
