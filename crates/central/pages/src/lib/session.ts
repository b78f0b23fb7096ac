// The officer's sign-in, kept for this browser tab only (as the IT console keeps its token).

const TOKEN_KEY = 'central-staff-token';
const COUNTER_KEY = 'central-staff-counter';

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the sign-in lasts until the page is left.
  }
}

/** The staff token signed in with, if any. */
export const savedToken = (): string | null => read(TOKEN_KEY);
/** The counter chosen last in this tab, if any. */
export const savedCounter = (): string | null => read(COUNTER_KEY);
/** Keeps (or forgets, with null) the token. */
export const saveToken = (token: string | null): void => write(TOKEN_KEY, token);
/** Keeps (or forgets, with null) the chosen counter. */
export const saveCounter = (counter: string | null): void => write(COUNTER_KEY, counter);
