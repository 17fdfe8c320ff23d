// How sources and source merges are put into words, the same in the CLI and on the Library screen.
// Plain functions on contract types: the renderer compiles this file too.
import type { SourceLabels, SourceMerge } from './contract-sources.ts';

const nf = new Intl.NumberFormat('en');
const files = (n: number): string => `${nf.format(n)} ${n === 1 ? 'file' : 'files'}`;
const were = (n: number): string => (n === 1 ? 'was' : 'were');

/** What re-labelling by this import's spec did, e.g. "re-labelled from sub-folder names". */
function relabelled(mode: SourceLabels['mode']): string {
  if (mode === 'folders') return 're-labelled from sub-folder names';
  if (mode === 'csv') return 're-labelled from the CSV';
  return 'left without labels (this import reads none)';
}

/** One sentence per merge, e.g. "516 files already in the catalog from plants/ were re-labelled from sub-folder names". */
export function describeMerge(m: SourceMerge, mode: SourceLabels['mode']): string {
  const where = m.kind === 'contained' ? `from ${m.from}` : `were moved from source ${m.from} to this new source`;
  let text: string;
  if (m.files === 0) {
    text = m.kind === 'contained' ? `The source ${m.from} is now part of this one` : `Nothing was moved from source ${m.from}`;
  } else if (m.kind === 'contained') {
    text =
      m.relabelled === m.files
        ? `${files(m.files)} already in the catalog ${where} ${were(m.files)} ${relabelled(mode)}`
        : `${files(m.files)} already in the catalog ${where} now belong to this source; ${changed(m, mode)}`;
  } else {
    text =
      m.relabelled === m.files
        ? `${files(m.files)} already in the catalog ${where} and ${relabelled(mode)}`
        : `${files(m.files)} already in the catalog ${where}; ${changed(m, mode)}`;
  }
  if (m.duplicates > 0) {
    text += `; ${nf.format(m.duplicates)} second ${m.duplicates === 1 ? 'row' : 'rows'} for the same files (from an older Winnow) ${were(m.duplicates)} dropped`;
  }
  return `${text}.`;
}

function changed(m: SourceMerge, mode: SourceLabels['mode']): string {
  return m.relabelled === 0
    ? 'their labels did not change'
    : `${nf.format(m.relabelled)} of them ${were(m.relabelled)} ${relabelled(mode)}`;
}

/** A source's label spec in a few words: "sub-folder names", "CSV /data/train.csv + map /data/map.json", "none". */
export function describeLabels(labels: SourceLabels, labelMap: string | null): string {
  if (labels.mode === 'folders') return 'sub-folder names';
  if (labels.mode === 'none') return 'none';
  return `CSV ${labels.file}${labelMap ? ` + map ${labelMap}` : ''}`;
}
