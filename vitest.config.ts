import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const shared = {
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Hosts started by tests (and the `winnow serve` children they spawn) remember recent catalogs
  // here, not in the developer's own ~/.config/winnow.
  env: { WINNOW_CONFIG_DIR: join(tmpdir(), `winnow-test-config-${process.pid}`) },
};

// Three projects: `unit` (unit and CLI tests: plain Node), `components` (the renderer's stores and
// trickiest components in happy-dom, compiled by the app's own Svelte plugin, with the transport
// mocked per test) and `e2e` (a real browser against `winnow serve`, and the Electron shell).
// `npm test` runs all three.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'] } },
      {
        plugins: [svelte({ configFile: false, emitCss: false, compilerOptions: { runes: true } })],
        // Svelte's client runtime (mount, flushSync), not its server build.
        resolve: { conditions: ['browser'] },
        test: { ...shared, name: 'components', environment: 'happy-dom', include: ['test/components/**/*.test.ts'] },
      },
      { test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/global-setup.ts'] } },
    ],
  },
});
