import { describe, expect, test } from 'vitest';
import { keypadAction, keypadItems, nextItem, screenSentences, spokenName, startsKeypadMode } from './speech';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

const key = (key: string, code = '') => ({ key, code, altKey: false, ctrlKey: false, metaKey: false });

describe('keypad keys', () => {
  test('arrows, Enter, help, repeat and volume; typing in a field is left to the field', () => {
    expect(keypadAction(key('ArrowDown'), false)).toBe('next');
    expect(keypadAction(key('ArrowRight'), false)).toBe('next-key');
    expect(keypadAction(key('ArrowRight'), true)).toBeNull();
    expect(keypadAction(key('ArrowDown'), true)).toBe('next');
    expect(keypadAction(key(' '), true)).toBeNull();
    expect(keypadAction(key('Backspace'), true)).toBeNull();
    expect(keypadAction(key('Backspace'), false)).toBe('back');
    expect(keypadAction(key('F1'), false)).toBe('help');
    expect(keypadAction(key('Clear', 'Numpad5'), false)).toBe('repeat');
    expect(keypadAction(key('Insert', 'Numpad0'), false)).toBe('help');
    // With Num Lock on the keypad types digits, as into a booking code.
    expect(keypadAction(key('5', 'Numpad5'), false)).toBeNull();
    expect(keypadAction(key('0', 'Numpad0'), true)).toBeNull();
    expect(keypadAction(key('+', 'NumpadAdd'), false)).toBe('louder');
    // A scanner types '+' and '-' with the main keys: not the volume.
    expect(keypadAction(key('-', 'Minus'), false)).toBeNull();
    expect(keypadAction(key('a', 'KeyA'), false)).toBeNull();
    expect(keypadAction({ ...key('ArrowDown'), ctrlKey: true }, false)).toBeNull();
  });

  test('only the arrows and the help key start the mode; Enter never does', () => {
    expect(startsKeypadMode('next')).toBe(true);
    expect(startsKeypadMode('help')).toBe(true);
    expect(startsKeypadMode('choose')).toBe(false);
    expect(startsKeypadMode('louder')).toBe(false);
    expect(startsKeypadMode(null)).toBe(false);
  });
});

describe('what is said', () => {
  test('a control by its words in the screen language, its hidden parts and icons left out', () => {
    const doc = page(
      '<button id="b"><svg><title>icon</title></svg><span>Lấy số thứ tự</span><span lang="en">Take a number</span><span aria-hidden="true">→</span></button>',
    );
    expect(spokenName(doc.getElementById('b')!, 'vi')).toBe('Lấy số thứ tự');
    expect(spokenName(doc.getElementById('b')!, 'en')).toBe('Lấy số thứ tự Take a number');
  });

  test('a screen: headings and messages in order, then its choices, a keyboard named once', () => {
    const doc = page(`<main>
      <h1>Nhập mã lịch hẹn</h1>
      <p role="status">Đưa mã QR vào máy quét</p>
      <button>Xác nhận</button>
      <div data-keys><button>A</button><button>B</button></div>
      <p data-speak="Số của bạn là A-017.">A-017</p>
    </main>`);
    expect(
      screenSentences(doc.querySelector('main')!, 'vi', {
        choices: 'Các lựa chọn:',
        keyboard: 'bàn phím',
        more: (n) => `và ${n} mục khác`,
      }),
    ).toEqual([
      'Nhập mã lịch hẹn',
      'Đưa mã QR vào máy quét',
      'Số của bạn là A-017.',
      'Các lựa chọn: Xác nhận; bàn phím.',
    ]);
  });

  test('the keypad goes round the screen, then its bar, then the header; a keyboard is one stop', () => {
    const doc = page(`<header><button id="lang">English</button></header>
      <main><h1 id="h">Chọn</h1><button id="one">Một</button>
        <div data-keys><button id="k1">A</button><button id="k2">B</button></div></main>
      <footer><button id="back">Quay lại</button></footer>`);
    const items = keypadItems(doc);
    expect(items.map((item) => item.id)).toEqual(['h', 'one', 'k1', 'k2', 'back', 'lang']);
    const byId = (id: string) => doc.getElementById(id);
    expect(nextItem(items, byId('one'), 1)?.id).toBe('k1');
    expect(nextItem(items, byId('k1'), 1)?.id).toBe('back');
    expect(nextItem(items, byId('k1'), 1, true)?.id).toBe('k2');
    expect(nextItem(items, byId('k2'), 1, true)?.id).toBe('k1');
    expect(nextItem(items, byId('lang'), 1)?.id).toBe('h');
    expect(nextItem(items, byId('h'), -1)?.id).toBe('lang');
    expect(nextItem(items, null, 1)?.id).toBe('h');
  });
});
