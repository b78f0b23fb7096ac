// What a scroll area hides: whether there is more above or below what shows. A visitor
// who does not know a screen scrolls must be told, so screens show a cue from this.

import type { Attachment } from 'svelte/attachments';

/** Hidden parts of a scroll area. */
export interface Hidden {
  above: boolean;
  below: boolean;
}

/** Slack in pixels, so a sub-pixel remainder does not count as more. */
const SLACK = 4;

/** What `element` hides now. */
export function hiddenOf(element: Pick<HTMLElement, 'scrollTop' | 'scrollHeight' | 'clientHeight'>): Hidden {
  return {
    above: element.scrollTop > SLACK,
    below: element.scrollTop + element.clientHeight < element.scrollHeight - SLACK,
  };
}

/** Tells `report` what the element hides, on every scroll, resize and change of content. */
export function watchScroll(report: (hidden: Hidden) => void): Attachment<HTMLElement> {
  return (element) => {
    let frame = 0;
    const check = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => report(hiddenOf(element)));
    };
    check();
    element.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check);
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(check);
    resized?.observe(element);
    const changed = new MutationObserver(check);
    changed.observe(element, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
      resized?.disconnect();
      changed.disconnect();
    };
  };
}
