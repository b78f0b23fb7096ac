// Typing a phone number on the kiosk's keypad. The Rust side checks the number
// for real; this only decides when the keypad is full and the button can be pressed.

/** Digits of a Vietnamese mobile number typed from 0: `0912345678`. */
export const PHONE_DIGITS = 10;

/** `phone` with `digit` added, unless it is already full. */
export function typeDigit(phone: string, digit: string): string {
  return phone.length >= PHONE_DIGITS ? phone : phone + digit;
}

/** True when the number has as many digits as a mobile number. */
export function phoneComplete(phone: string): boolean {
  return /^0\d{9}$/.test(phone);
}

/** `0912345678` grouped for reading: `0912 345 678`. */
export function groupPhone(phone: string): string {
  return [phone.slice(0, 4), phone.slice(4, 7), phone.slice(7)].filter(Boolean).join(' ');
}
