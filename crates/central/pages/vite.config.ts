/// <reference types="vitest/config" />
// Vite (and Vitest) configuration of the central's staff and lobby pages (counter page, lobby board).
// The build goes to pages/dist, which crates/central/build.rs embeds in the binary;
// the central serves its files under /pages/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/pages/',
  // Keep Vite's cache with the other dependencies, not inside the crate.
  cacheDir: fileURLToPath(new URL('../../../node_modules/.vite-pages', import.meta.url)),
  plugins: [svelte()],
  clearScreen: false,
  server: {
    host: '127.0.0.1',
    // `npm run dev:pages` against a running central (CENTRAL_URL, default the demo's port).
    proxy: {
      '/api': process.env.CENTRAL_URL ?? 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fonts must stay files, never base64 inside the CSS; the CSP allows fonts from 'self' only.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
