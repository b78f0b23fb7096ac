import { describe, expect, it } from 'vitest';
import { applyTheme } from './theme';
import { fakeConfig } from '../test/fake-office';
import type { KioskConfig } from '../generated/types';

function withBranding(branding: Partial<KioskConfig['branding']>, highContrast = false): KioskConfig {
  return {
    ...fakeConfig,
    branding: { ...fakeConfig.branding, ...branding },
    accessibility: { ...fakeConfig.accessibility, high_contrast: highContrast },
  };
}

describe('applyTheme', () => {
  it("puts the profile's colours on the buttons, the top bar and the background", () => {
    const root = document.createElement('html');
    applyTheme(withBranding({ primary_colour: '#1d4d2b', header_colour: '#123456', background_colour: '#fafafa' }), root);
    expect(root.style.getPropertyValue('--color-primary')).toBe('#1d4d2b');
    expect(root.style.getPropertyValue('--color-action-take-number')).toBe('#1d4d2b');
    expect(root.style.getPropertyValue('--color-header-bg')).toBe('#123456');
    expect(root.style.getPropertyValue('--color-bg')).toBe('#fafafa');
  });

  it("leaves high contrast's black and white alone, and takes the colours back after it", () => {
    const root = document.createElement('html');
    applyTheme(withBranding({ header_colour: '#123456' }), root);
    applyTheme(withBranding({ header_colour: '#123456' }, true), root);
    expect(root.classList.contains('high-contrast')).toBe(true);
    expect(root.style.getPropertyValue('--color-header-bg')).toBe('');
    expect(root.style.getPropertyValue('--color-primary')).toBe('');
    applyTheme(withBranding({ header_colour: '#123456' }), root);
    expect(root.classList.contains('high-contrast')).toBe(false);
    expect(root.style.getPropertyValue('--color-header-bg')).toBe('#123456');
  });
});
