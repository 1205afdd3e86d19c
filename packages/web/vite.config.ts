import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app: a single-page React app built into packages/web/dist, which the Truce
 * server serves (with an SPA fallback). In development `vite` proxies the API and the
 * record's read API to a server on 127.0.0.1:8080.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // React libraries mark their modules "use client" for server components; meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api/': { target: server, changeOrigin: false },
      '/log/': { target: server, changeOrigin: false },
    },
  },
});
