import { expect, it } from 'vitest';
import { route } from './route';

it('chooses the screen by the address', () => {
  expect(route('/counter')).toEqual({ page: 'counter' });
  expect(route('/board/hn-ba-dinh')).toEqual({ page: 'board', office: 'hn-ba-dinh' });
  expect(route('/board/h%E1%BA%A1')).toEqual({ page: 'board', office: 'hạ' });
  expect(route('/board/%E0%A4%A')).toEqual({ page: 'unknown' });
  expect(route('/board/')).toEqual({ page: 'unknown' });
  expect(route('/elsewhere')).toEqual({ page: 'unknown' });
});
