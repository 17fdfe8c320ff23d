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
 * Updates this corpus's table in docs/benchmarks.md (between generated markers): figures measured
 * now replace their rows, figures a partial run (e.g. --skip-export) did not measure keep their
 * earlier rows and dates. Hand-written text outside the markers is left alone.
 */
export function writeBenchmarkDoc(figures: Figure[], run: { corpus: string; images: number; runs: number; workers: number }): void {
  const tag = run.corpus.startsWith('shared') ? 'shared' : 'generated';
  const begin = `<!-- bench:${tag}:begin -->`;
  const end = `<!-- bench:${tag}:end -->`;
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const at = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  const rows = new Map<string, string>();
  if (at >= 0 && stop > at) {
    for (const line of doc.slice(at, stop).split('\n')) {
      const m = /^\| `([a-z0-9_]+)` \|/.exec(line);
      if (m && line.split('|').length >= 7) rows.set(m[1]!, line);
    }
  }
  const today = new Date().toISOString().slice(0, 10);
  for (const f of figures) {
    rows.set(f.name, `| \`${f.name}\` | ${f.value} | ${f.unit} | ${f.ceiling ?? ''} | ${f.ratio ?? ''} | ${today} |`);
  }
  const block = [
    begin,
    `Last run ${new Date().toISOString().slice(0, 16)}Z on ${cpus()[0]?.model ?? 'unknown CPU'} (${run.workers} workers), ` +
      `Node ${process.versions.node}; ${run.corpus}, ${run.images} images; medians of ${run.runs} runs where a figure repeats.`,
    '',
    '| figure | value | unit | ceiling | ratio | measured |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.values(),
    end,
  ].join('\n');
  doc = at >= 0 && stop > at ? doc.slice(0, at) + block + doc.slice(stop + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, doc);
}
