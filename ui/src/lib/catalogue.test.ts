import { describe, expect, test } from 'vitest';
import { fakeCatalogue } from '../test/fake-office';
import { fieldsOf, originalsToBring, procedureByCode, proceduresByCodes } from './catalogue';

describe('catalogue', () => {
  test('fields keep the order they first appear in', () => {
    const fields = fieldsOf(fakeCatalogue);
    expect(fields.map((field) => field.name.vi)).toEqual(['Hộ tịch', 'Chứng thực', 'Kinh doanh']);
    expect(fields[0]?.procedures.map((p) => p.code)).toEqual(['1.001193', '1.000894', '1.004873']);
  });

  test('codes from the search map to procedures, unknown codes are skipped', () => {
    const found = proceduresByCodes(fakeCatalogue, ['2.000815', '9.999999', '1.001193']);
    expect(found.map((p) => p.code)).toEqual(['2.000815', '1.001193']);
    expect(procedureByCode(null, '1.001193')).toBeNull();
  });

  test('originals to bring are listed once over all cases', () => {
    const marriage = procedureByCode(fakeCatalogue, '1.000894');
    expect(marriage && originalsToBring(marriage).map((c) => c.name.vi)).toEqual([
      'Tờ khai đăng ký kết hôn',
      'Giấy xác nhận tình trạng hôn nhân',
    ]);
    expect(marriage && originalsToBring(marriage, 0).map((c) => c.name.vi)).toEqual([
      'Tờ khai đăng ký kết hôn',
    ]);
    const copy = procedureByCode(fakeCatalogue, '2.000815');
    expect(copy && originalsToBring(copy).map((c) => c.name.vi)).toEqual([
      'Bản chính giấy tờ cần chứng thực',
    ]);
  });
});
