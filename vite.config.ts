import { defineConfig, type Plugin } from 'vite';

/**
 * The entry (web/main.tsx) starts the first reads and then imports the app; a modulepreload link
 * (and its styles) let the browser fetch the app's chunk at once, beside the entry, rather than once
 * the entry has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'preload-app',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const app = Object.values(bundle ?? {}).find((c) => c.type === 'chunk' && c.isDynamicEntry && c.name === 'start');
        if (app?.type !== 'chunk') return [];
        const styles = [...(app.viteMetadata?.importedCss ?? [])].map((css) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${css}` }, injectTo: 'head' as const }));
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${app.fileName}` }, injectTo: 'head' }, ...styles];
      },
    },
  };
}

// The web app lives in web/ and is built into dist/web, which api/server.ts serves.
export default defineConfig({
  root: 'web',
  plugins: [preloadApp()],
  // MapLibre alone is ~0.8 MB minified; the figure that matters (gzip) is reported in the README.
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1600 },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
