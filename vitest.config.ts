import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Hosts started by tests (and the `winnow serve` children they spawn) remember recent catalogs
    // here, not in the developer's own ~/.config/winnow.
    env: { WINNOW_CONFIG_DIR: join(tmpdir(), `winnow-test-config-${process.pid}`) },
  },
});
