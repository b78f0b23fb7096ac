// Texts of the pages: Vietnamese first, English beneath.

import type { Priority } from '../generated/types';
import { ApiFailure } from './api';

/** A text in both languages. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** How each priority is named to the officer. */
export const PRIORITY: Record<Priority, Bilingual> = {
  none: { vi: 'Thường', en: 'Regular' },
  elderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  disabled: { vi: 'Người khuyết tật', en: 'Disability' },
  pregnant: { vi: 'Phụ nữ mang thai', en: 'Pregnant' },
  child_under6: { vi: 'Có con nhỏ dưới 6 tuổi', en: 'With a child under 6' },
  appointment: { vi: 'Có lịch hẹn', en: 'Appointment' },
};

/** What an officer reads when a request fails: what happened and what to do. */
export function failureText(error: unknown): Bilingual {
  if (!(error instanceof ApiFailure)) {
    return { vi: 'Đã có lỗi trên trang. Hãy tải lại trang.', en: 'Something went wrong on the page. Reload it.' };
  }
  switch (error.code) {
    case 'network':
      return {
        vi: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
        en: 'The server cannot be reached. Check the network and try again.',
      };
    case 'nobody_waiting':
      return { vi: 'Không còn ai chờ ở quầy này.', en: 'Nobody is waiting for this counter.' };
    case 'counter_paused':
      return {
        vi: 'Quầy đang tạm dừng. Bấm “Mở quầy” (P) để gọi số.',
        en: 'The counter is paused. Press “Open” (P) to call numbers.',
      };
    case 'nothing_to_recall':
      return { vi: 'Quầy chưa gọi số nào để gọi lại.', en: 'There is no number to call again.' };
  }
  if (error.status === 401) {
    return { vi: 'Mã đăng nhập bị từ chối. Hãy đăng nhập lại.', en: 'The token was refused. Sign in again.' };
  }
  if (error.status === 403) {
    return { vi: 'Mã này không được làm việc ở quầy này.', en: 'This token may not work this counter.' };
  }
  if (error.status === 404) {
    return { vi: 'Không tìm thấy quầy hoặc số này nữa.', en: 'This counter or ticket no longer exists.' };
  }
  if (error.status === 409) {
    return {
      vi: 'Số này đã thay đổi ở nơi khác. Màn hình đã được cập nhật.',
      en: 'This ticket changed elsewhere. The screen has been refreshed.',
    };
  }
  return {
    vi: `Máy chủ từ chối yêu cầu (${error.status}). Thử lại sau.`,
    en: `The server refused the request (${error.status}): ${error.message}`,
  };
}

/** "12 phút" / "12 min", or "under a minute". */
export function minutesText(minutes: number): Bilingual {
  if (minutes < 1) return { vi: 'dưới 1 phút', en: 'under a minute' };
  return { vi: `${minutes} phút`, en: `${minutes} min` };
}
