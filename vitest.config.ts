import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const shared = {
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Hosts started by tests (and the `winnow serve` children they spawn) remember recent catalogs
  // here, not in the developer's own ~/.config/winnow.
  env: { WINNOW_CONFIG_DIR: join(tmpdir(), `winnow-test-config-${process.pid}`) },
};

// Two projects: `unit` (unit and CLI tests: plain Node) and `e2e` (a real browser against
// `winnow serve`, and the Electron shell). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'] } },
      { test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/global-setup.ts'] } },
    ],
  },
});
