import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The dashboard: built into dist/web, which `dyad serve` serves; no CDN, no inline script. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  logLevel: 'warn',
});
