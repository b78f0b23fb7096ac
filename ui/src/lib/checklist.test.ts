import { describe, expect, test } from 'vitest';
import type { Procedure } from '../generated/types';
import { fakeCatalogue } from '../test/fake-office';
import { procedureByCode } from './catalogue';
import { channelRows, resultByPost, toggled, verdictOf } from './checklist';

function demo(code: string): Procedure {
  const found = procedureByCode(fakeCatalogue, code);
  if (!found) throw new Error(`no ${code} in the fake catalogue`);
  return found;
}

describe('documents check', () => {
  const birth = demo('1.001193').dossier[0]?.components ?? [];

  test('ready only when every document is ticked', () => {
    expect(birth).toHaveLength(3);
    expect(verdictOf(birth, [0, 1, 2])).toEqual({ ready: true, missing: [] });
    const verdict = verdictOf(birth, [2, 0]);
    expect(verdict.ready).toBe(false);
    expect(verdict.missing.map((c) => c.name.vi)).toEqual(['Giấy chứng sinh']);
    expect(verdictOf(birth, []).missing).toHaveLength(3);
  });

  test('a case without documents is ready at once', () => {
    expect(verdictOf([], [])).toEqual({ ready: true, missing: [] });
  });

  test('ticking twice unticks', () => {
    expect(toggled([], 1)).toEqual([1]);
    expect(toggled([2, 0], 1)).toEqual([0, 1, 2]);
    expect(toggled([0, 1, 2], 1)).toEqual([0, 2]);
  });

  test('every channel has a row, and an absent one says why', () => {
    const rows = channelRows(demo('1.001193'));
    expect(rows.map((row) => row.kind)).toEqual(['direct', 'online', 'postal']);
    expect(rows[0]?.channel?.kind).toBe('direct');
    expect(rows[2]).toMatchObject({ channel: null, absent: 'noInformation' });
    const inPerson = channelRows(demo('2.000815'));
    expect(inPerson[1]).toMatchObject({ channel: null, absent: 'notOnline' });
  });

  test('result by post: yes, no, or ask', () => {
    expect(resultByPost(demo('1.004873'))).toBe('postYes');
    expect(resultByPost(demo('1.000894'))).toBe('postNo');
    expect(resultByPost(demo('1.001193'))).toBe('postUnknown');
  });
});
