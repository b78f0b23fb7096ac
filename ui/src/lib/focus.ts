// Where the focus goes when a screen opens: to its heading, so a keyboard or screen
// reader user starts at the top of the new screen instead of on nothing.

/** Focuses the first h1 in `screen`, unless the screen already put the focus inside itself. */
export function focusHeading(screen: HTMLElement, doc: Document = document): boolean {
  const active = doc.activeElement;
  if (active && active !== doc.body && screen.contains(active)) return false;
  const heading = screen.querySelector('h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  return doc.activeElement === heading;
}
