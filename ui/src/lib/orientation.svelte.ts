// The screen's shape. In portrait (a standing kiosk) the controls move to the lower part
// of the screen, within a standing or seated visitor's reach.

/** Whether the screen is taller than wide, kept up to date. */
class ScreenShape {
  portrait = $state(false);

  constructor() {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(orientation: portrait)');
    this.portrait = query.matches;
    query.addEventListener('change', (event) => (this.portrait = event.matches));
  }
}

/** The screen's shape, for the whole UI. */
export const shape = new ScreenShape();
