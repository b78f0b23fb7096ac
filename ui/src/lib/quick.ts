// Quick numbers: the office's commonest procedures as large buttons on the take-a-number
// screen. Which ones, and in what order, the Rust side decides (pinned in the profile,
// then the most taken of the last four weeks); here is only how each is named.

import type { CatalogueView, LocalizedText, Procedure } from '../generated/types';
import { proceduresByCodes } from './catalogue';

/** What a visitor calls the procedures a ward office issues most numbers for, by code:
 *  the official names run to a line or two of legal words. */
const PLAIN: Record<string, LocalizedText> = {
  '1.001193': { vi: 'Đăng ký khai sinh', en: 'Register a birth' },
  '2.000815': { vi: 'Sao y bản chính (chứng thực bản sao)', en: 'Certified copies' },
  '2.000884': { vi: 'Chứng thực chữ ký', en: 'Certify a signature' },
  '1.000894': { vi: 'Đăng ký kết hôn', en: 'Register a marriage' },
  '1.004222': { vi: 'Đăng ký thường trú', en: 'Register permanent residence' },
  '1.004194': { vi: 'Đăng ký tạm trú', en: 'Register a temporary stay' },
  '1.000656': { vi: 'Đăng ký khai tử', en: 'Register a death' },
  '1.004873': { vi: 'Xác nhận tình trạng hôn nhân', en: 'Marital status certificate' },
  '2.000635': { vi: 'Bản sao trích lục hộ tịch', en: 'Copy of a civil-status record' },
  '1.001612': { vi: 'Mở hộ kinh doanh', en: 'Register a household business' },
};

/** The procedure's name in everyday words: the kiosk's own for the commonest, else its
 *  official name. */
export function plainName(procedure: Procedure): LocalizedText {
  return PLAIN[procedure.code] ?? procedure.name;
}

/** The quick numbers' procedures, in the order the kiosk gave; none without a catalogue. */
export function quickProcedures(view: CatalogueView | null): Procedure[] {
  return view ? proceduresByCodes(view.catalogue, view.quick_numbers) : [];
}
