import { defineConfig } from 'vite';

// The web app lives in web/ and is built into dist/web, which api/server.ts serves.
export default defineConfig({
  root: 'web',
  // MapLibre alone is ~0.8 MB minified; the figure that matters (gzip) is reported in the README.
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1600 },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
