// Everyday words and an icon for each field of work ("lĩnh vực"), beside its official
// name: a visitor looks for "khai sinh", not "Hộ tịch".

import type { LocalizedText } from '../generated/types';
import type { IconName } from './icons';

/** What a visitor reads beside a field's official name. */
export interface FieldWords {
  icon: IconName;
  /** What the field covers, in everyday words; null when the kiosk has none for it. */
  everyday: LocalizedText | null;
}

/** By the official Vietnamese name, as the national catalogue spells it. */
const KNOWN: Record<string, FieldWords> = {
  'hộ tịch': {
    icon: 'family',
    everyday: { vi: 'khai sinh, kết hôn, khai tử', en: 'births, marriages, deaths' },
  },
  'chứng thực': {
    icon: 'stamp',
    everyday: { vi: 'sao y bản chính, chứng thực chữ ký', en: 'certified copies, signatures' },
  },
  'thành lập và hoạt động của hộ kinh doanh': {
    icon: 'shop',
    everyday: { vi: 'mở, thay đổi, đóng cửa hàng nhỏ', en: 'open, change or close a small business' },
  },
  'bảo trợ xã hội': {
    icon: 'care',
    everyday: { vi: 'trợ cấp, hỗ trợ người khó khăn', en: 'allowances, help for people in need' },
  },
  'đất đai': {
    icon: 'land',
    everyday: { vi: 'sổ đỏ, mua bán, chuyển mục đích đất', en: 'land certificates, sales, land use' },
  },
  'xây dựng': {
    icon: 'building',
    everyday: { vi: 'giấy phép xây nhà', en: 'building permits' },
  },
  'đăng ký, quản lý cư trú': {
    icon: 'house',
    everyday: { vi: 'thường trú, tạm trú, tách hộ', en: 'residence, temporary stay, new household' },
  },
};

/** The icon and everyday words for the field officially named `field`. */
export function fieldWords(field: LocalizedText): FieldWords {
  return KNOWN[field.vi.trim().toLowerCase()] ?? { icon: 'field', everyday: null };
}
