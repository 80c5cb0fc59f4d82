import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web application's build (`npm run build:web`): web/ → web/dist/, which the API process
 * serves at / (src/web/web-application.ts). `npm run dev:web` serves it with reloads and forwards
 * /api to a running `npm start` on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    // The initial bundle is measured by `npm run bench:web` against its budget (300 KB gzip).
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      onwarn(warning, warn) {
        // MUI marks its modules 'use client' (for React Server Components): meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
