// Runs before `npm start` / `npm run dev`. electron's own install script is skipped by package.json
// "allowScripts" so that `npm install` succeeds on machines that cannot reach Electron's download host;
// here we fetch the binary on first start instead, and explain plainly when that is impossible.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { dir, binary: null };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return { dir, binary: existsSync(binary) ? binary : null };
}

let { dir, binary } = electronBinary();
if (!binary) {
  const run = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'] });
  ({ binary } = electronBinary());
  if (run.status !== 0 || !binary) {
    console.error(
      'Winnow cannot open its window because the Electron binary is not installed and could not be downloaded ' +
        '(no access to its download host); use `npm run serve` for the same app in a browser ' +
        'or the command line: `./bin/winnow --help`.',
    );
    process.exit(1);
  }
}
