// Which browser the end-to-end tests drive. They never pass silently without one: with no browser
// found the run fails with this sentence, unless WINNOW_SKIP_E2E=1 says to skip them on purpose.
import { existsSync } from 'node:fs';

export const SKIP_E2E = process.env['WINNOW_SKIP_E2E'] === '1';

/** Where a Chromium usually lives (Debian, Ubuntu, Fedora, snaps, Chrome); WINNOW_CHROMIUM first. */
export const CHROMIUM_CANDIDATES = [
  process.env['WINNOW_CHROMIUM'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter((p): p is string => Boolean(p));

export const CHROMIUM: string | null = CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;

export function noBrowserMessage(): string {
  return (
    `No Chromium found for the browser tests (tried ${CHROMIUM_CANDIDATES.join(', ')}). ` +
    'Install one (Debian/Ubuntu: `apt-get install chromium`), or point WINNOW_CHROMIUM at a Chromium or Chrome binary, ' +
    'or set WINNOW_SKIP_E2E=1 to skip them — then no screen is tested.'
  );
}
