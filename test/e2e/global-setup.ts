// Runs once before the browser tests (vitest globalSetup of the e2e project).
import { CHROMIUM, noBrowserMessage, SKIP_E2E } from './browser.ts';

export default function setup(): void {
  if (SKIP_E2E) {
    process.stderr.write('\nBrowser end-to-end tests SKIPPED (WINNOW_SKIP_E2E=1): no screen was tested in this run.\n\n');
    return;
  }
  if (CHROMIUM === null) throw new Error(noBrowserMessage());
}
