/// <reference types="vitest/config" />
// Vite and Vitest configuration of the kiosk's touch-screen UI.
// The Tauri app loads ui/dist (release) or this dev server (development).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs: the Tauri custom protocol serves ui/dist as-is.
  base: './',
  // Keep Vite's cache with the other dependencies, not inside ui/.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite', import.meta.url)),
  plugins: [svelte(), svelteTesting()],
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
