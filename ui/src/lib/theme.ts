// The profile's look on the page: its colours, text size and high contrast, set on <html>
// so every component's variables follow. High contrast wins over the office's colours.

import type { KioskConfig } from '../generated/types';

const TEXT_SIZE_CLASSES = ['text-large', 'text-extra-large'] as const;

/** Applies `config`'s look to `root` (the document's <html> element). */
export function applyTheme(config: KioskConfig, root: HTMLElement = document.documentElement): void {
  const { branding, accessibility } = config;
  root.classList.remove(...TEXT_SIZE_CLASSES);
  if (accessibility.text_size === 'large') root.classList.add('text-large');
  if (accessibility.text_size === 'extra_large') root.classList.add('text-extra-large');
  root.classList.toggle('high-contrast', accessibility.high_contrast);
  const colours: [string, string][] = [
    ['--color-primary', branding.primary_colour],
    ['--color-selected', branding.primary_colour],
    ['--color-action-take-number', branding.primary_colour],
    ['--color-header-bg', branding.header_colour],
    ['--color-bg', branding.background_colour],
  ];
  for (const [name, value] of colours) {
    if (accessibility.high_contrast) root.style.removeProperty(name);
    else root.style.setProperty(name, value);
  }
}
