import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  ceiling?: number;
  ratio?: number;
}

const DOC = resolve(import.meta.dirname, '../../docs/benchmarks.md');

/**
 * Replaces this corpus's block of figures in docs/benchmarks.md (between generated markers) and
 * leaves every hand-written paragraph alone.
 */
export function writeBenchmarkDoc(figures: Figure[], run: { corpus: string; images: number; runs: number; workers: number }): void {
  const tag = run.corpus.startsWith('shared') ? 'shared' : 'generated';
  const begin = `<!-- bench:${tag}:begin -->`;
  const end = `<!-- bench:${tag}:end -->`;
  const rows = figures.map(
    (f) => `| \`${f.name}\` | ${f.value} | ${f.unit} | ${f.ceiling ?? ''} | ${f.ratio ?? ''} |`,
  );
  const block = [
    begin,
    `Last run ${new Date().toISOString().slice(0, 16)}Z on ${cpus()[0]?.model ?? 'unknown CPU'} (${run.workers} workers), ` +
      `Node ${process.versions.node}; ${run.corpus}, ${run.images} images; median of ${run.runs} runs.`,
    '',
    '| figure | value | unit | ceiling | ratio |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    end,
  ].join('\n');
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const at = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  doc = at >= 0 && stop > at ? doc.slice(0, at) + block + doc.slice(stop + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, doc);
}
