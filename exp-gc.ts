import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { hashImage } from './src/main/core/hashing/hash-image.ts';
const files: string[] = [];
(function walk(d: string) { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } })('/tmp/winnow-corpus/corpus');
const t = performance.now();
for (const f of files) { const b = readFileSync(f); createHash('sha256').update(b).digest('hex'); try { await hashImage(b); } catch {} }
console.log('total', (performance.now() - t).toFixed(0), 'ms', files.length);
