// Entry point of the kiosk UI.
import './styles/fonts.css';
import './styles/theme.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { kiosk } from './lib/state.svelte';

/** Loads both weights and both subsets of the bundled font before the first paint:
 *  with `font-display: block` a face still loading draws blank, and the first
 *  screen would show Vietnamese words with holes where the accented letters go. */
async function loadFonts(): Promise<void> {
  if (!('fonts' in document)) return;
  const sample = 'Aa Ấấ Đđ Ữữ';
  const loads = ['400', '700'].map((w) => document.fonts.load(`${w} 1em "Be Vietnam Pro"`, sample));
  const giveUp = new Promise((resolve) => setTimeout(resolve, 2000));
  await Promise.race([Promise.all(loads), giveUp]).catch(() => undefined);
}

async function start(): Promise<void> {
  // Outside Tauri (a browser on the dev server, or the preview build), stand in
  // for the Rust side with a fake office. Never part of the kiosk's own build.
  if ((import.meta.env.DEV || import.meta.env.MODE === 'mock') && !('__TAURI_INTERNALS__' in window)) {
    const { installDevMock } = await import('../dev-mock');
    installDevMock();
  }
  // The profile and connection state are asked for while the font loads.
  kiosk.startEarly();
  await loadFonts();
  const target = document.getElementById('app');
  if (target) mount(App, { target });
}

void start();
