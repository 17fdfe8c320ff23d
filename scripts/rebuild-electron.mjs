// Fallback for desktops where better-sqlite3's Node-API prebuild does not load inside Electron:
// rebuild it from source against Electron's headers. Never run this from postinstall (on machines
// without Electron headers it silently produces a Node-ABI binary).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const args = [
  'rebuild',
  'better-sqlite3',
  '--build-from-source',
  `--runtime=electron`,
  `--target=${electronVersion}`,
  '--dist-url=https://electronjs.org/headers',
];
console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion}…`);
const run = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
