import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// One main build holds the Electron shell, the headless CLI and the worker-thread entries
// (import hashing, export transforms). The CLI and worker never import electron, so they run on plain Node.
const __dirname = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/shells/electron/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          'import-worker': resolve(__dirname, 'src/main/core/scan/import-worker.ts'),
          'export-worker': resolve(__dirname, 'src/main/core/export/export-worker.ts'),
          'job-thread': resolve(__dirname, 'src/main/host/job-thread.ts'),
          'search-worker': resolve(__dirname, 'src/main/core/dups/search-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module, whatever the package type.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // Minified: `winnow serve` often ships the page through an SSH tunnel.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.mjs') })],
  },
});
