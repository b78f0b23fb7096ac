import { describe, expect, test } from 'vitest';
import type { Procedure } from '../generated/types';
import { fakeCatalogue } from '../test/fake-office';
import { procedureByCode } from './catalogue';
import { channelRows, isConditional, requiredCount, resultByPost, toggled, verdictOf } from './checklist';
import type { DossierComponent } from '../generated/types';

function demo(code: string): Procedure {
  const found = procedureByCode(fakeCatalogue, code);
  if (!found) throw new Error(`no ${code} in the fake catalogue`);
  return found;
}

describe('documents check', () => {
  const birth = demo('1.001193').dossier[0]?.components ?? [];

  test('ready only when every document is ticked', () => {
    expect(birth).toHaveLength(3);
    expect(verdictOf(birth, [0, 1, 2])).toEqual({ ready: true, missing: [], onlyIf: [] });
    const verdict = verdictOf(birth, [2, 0]);
    expect(verdict.ready).toBe(false);
    expect(verdict.missing.map((c) => c.name.vi)).toEqual(['Giấy chứng sinh']);
    expect(verdictOf(birth, []).missing).toHaveLength(3);
  });

  // As the national catalogue writes them (the demo's birth registration).
  const paper = (vi: string, en: string): DossierComponent => ({ name: { vi, en }, originals: 1, copies: 0, form: null });
  const form = paper('Tờ khai đăng ký khai sinh', 'Birth registration form');
  const authorisation = paper(
    'Văn bản ủy quyền (nếu nộp thay người khác, trừ ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột)',
    'Letter of authorisation (if filing for someone else, except close relatives)',
  );
  const ifAny = paper('Giấy tờ liên quan đến khuyết tật (bệnh án, giấy tờ khám...) nếu có', 'Medical papers about the disability (records...) if any');
  const unlessKnown = paper(
    'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (trừ khi đã có trong cơ sở dữ liệu)',
    'Proof of a lawful place to stay (unless already in the database)',
  );
  // The condition is on a detail of the paper, not on the paper: always needed.
  const detailOnly = paper(
    'Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con (nếu chọn quốc tịch nước ngoài phải có xác nhận của cơ quan có thẩm quyền nước đó)',
    "Parents' written agreement on the child's nationality (with confirmation from the foreign authority if choosing a foreign nationality)",
  );

  test('the catalogue marks a paper needed only in some situations, in both languages', () => {
    expect(isConditional(authorisation)).toBe(true);
    expect(isConditional(ifAny)).toBe(true);
    expect(isConditional(unlessKnown)).toBe(true);
    expect(isConditional(form)).toBe(false);
    expect(isConditional(detailOnly)).toBe(false);
  });

  test('a paper needed only in some situations is never counted missing', () => {
    // Someone applying for themselves ticks the form and nothing else.
    const verdict = verdictOf([form, authorisation], [0]);
    expect(verdict.ready).toBe(true);
    expect(verdict.missing).toEqual([]);
    expect(verdict.onlyIf.map((c) => c.name.en)).toEqual([authorisation.name.en]);
    // Ticked, it is no longer listed at all.
    expect(verdictOf([form, authorisation], [0, 1]).onlyIf).toEqual([]);
    // The papers always needed still count.
    const without = verdictOf([form, authorisation, detailOnly], []);
    expect(without.missing.map((c) => c.name.en)).toEqual([form.name.en, detailOnly.name.en]);
    expect(requiredCount([form, authorisation, detailOnly], [0, 1])).toEqual({ n: 1, total: 2 });
  });

  test('a case without documents is ready at once', () => {
    expect(verdictOf([], [])).toEqual({ ready: true, missing: [], onlyIf: [] });
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
