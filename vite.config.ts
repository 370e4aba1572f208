import { defineConfig } from 'vite';

// The web app lives in web/ and is built into dist/web, which api/server.ts serves.
export default defineConfig({
  root: 'web',
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
