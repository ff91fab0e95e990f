/**
 * Vite build of the web UI: Preact through the automatic JSX runtime, everything bundled
 * (map data included), nothing loaded from the network at run time.
 */
import { defineConfig } from 'vite';
import { worldPaths } from './world-paths.ts';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [worldPaths()],
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  json: { stringify: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One small app: a single chunk loads fastest on loopback and keeps the CSP simple.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4300' } },
});
