// The counter page's keyboard shortcuts: one key (or two) per button, shown on it.

/** What a button of the counter page does. */
export type CounterAction = 'callNext' | 'recall' | 'complete' | 'noShow' | 'transfer' | 'pause';

/** The keys of each action, as `KeyboardEvent.key` (lower case), the first one shown. */
export const SHORTCUTS: Record<CounterAction, readonly string[]> = {
  callNext: [' ', 'n'],
  recall: ['r'],
  complete: ['c'],
  noShow: ['v'],
  transfer: ['t'],
  pause: ['p'],
};

/** How a key is written on a button. */
export function keyLabel(key: string): string {
  return key === ' ' ? 'Space' : key.toUpperCase();
}

/** The action of a key press, or null when the key is not a shortcut or is typed into a field. */
export function actionOf(event: KeyboardEvent): CounterAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, dialog'))) {
    return null;
  }
  const key = event.key.toLowerCase();
  for (const [action, keys] of Object.entries(SHORTCUTS) as [CounterAction, readonly string[]][]) {
    if (keys.includes(key)) return action;
  }
  return null;
}
