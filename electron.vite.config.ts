import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Native modules (better-sqlite3) and every other dependency stay external
// to the main bundle: electron-vite's externalizeDeps is on by default.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron entry: the only bundle that imports `electron`.
          index: resolve(__dirname, 'src/main/index.ts'),
          // Browser mode: the same services, served over HTTP on loopback.
          serve: resolve(__dirname, 'src/main/browser-mode/serve.ts'),
          // `npm run import`: files into the local store, for IT admins.
          import: resolve(__dirname, 'src/main/import/import-command.ts'),
          // `npm run server`: the reference central API on its own.
          server: resolve(__dirname, 'src/server/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
