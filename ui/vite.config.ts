/// <reference types="vitest/config" />
// Vite and Vitest configuration of the kiosk's touch-screen UI.
// The Tauri app loads ui/dist (release) or this dev server (development).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Asks for the bundled font files from the page's <head>, so that they load while the
 *  script is still being read: the first screen waits for them (see main.ts). */
function preloadFonts(): Plugin {
  return {
    name: 'preload-fonts',
    apply: 'build',
    transformIndexHtml(_html, context) {
      const fonts = Object.keys(context.bundle ?? {}).filter((file) => file.endsWith('.woff2'));
      return fonts.map((file) => ({
        tag: 'link',
        attrs: { rel: 'preload', href: `./${file}`, as: 'font', type: 'font/woff2', crossorigin: '' },
        injectTo: 'head' as const,
      }));
    },
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: the Tauri custom protocol serves ui/dist as-is.
  base: './',
  // Keep Vite's cache with the other dependencies, not inside ui/.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite', import.meta.url)),
  plugins: [svelte(), svelteTesting(), preloadFonts()],
  clearScreen: false,
  server: {
    // Fixed port so the Tauri dev configuration can point at it.
    port: 1420,
    strictPort: true,
    host: '127.0.0.1',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fonts must stay files, never base64 inside the CSS.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
