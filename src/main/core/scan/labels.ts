import { readFileSync } from 'node:fs';
import { cannotOpen } from './walk.ts';
import { basename, extname } from 'node:path/posix';
import { parseCsv, stripBom } from './csv.ts';
import { UserError } from '../errors.ts';

export type LabelSpec = { mode: 'folders' } | { mode: 'none' } | { mode: 'csv'; file: string };

export interface Label {
  name: string;
  /** The dataset's own class number, when the label is (or maps from) an integer. */
  code: number | null;
}

export class LabelSourceError extends UserError {
  override name = 'LabelSourceError';
}

const ID_COLUMNS = ['image_id', 'filename', 'file_name', 'file', 'path', 'image', 'id'];
export interface CsvValue {
  noun: string;
  columns: readonly string[];
}
export const LABEL_VALUE: CsvValue = { noun: 'label', columns: ['label', 'labels', 'class', 'category', 'target'] };
export const GROUP_VALUE: CsvValue = { noun: 'group', columns: ['group', 'group_id', 'source', 'source_photo', 'patient', 'subject'] };
const EXAMPLES = 3;

/** Reads `{"0": "Cassava Bacterial Blight (CBB)", ...}`; anything else is refused with the reason. */
export function readLabelMap(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LabelSourceError(cannotOpen('Label map', file, err));
  }
  let parsed: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
    parsed = JSON.parse(stripBom(text));
  } catch (err) {
    throw new LabelSourceError(`Label map ${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LabelSourceError(`Label map ${file}: expected a JSON object like {"0": "cat", "1": "dog"}`);
  }
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new LabelSourceError(`Label map ${file}: the value for "${key}" must be a non-empty string`);
    }
    map.set(key, value);
  }
  return map;
}

/**
 * Decides each image's label from its relative path ('/'-separated) and collects what a user should
 * hear about the label source: CSV rows that are broken, name no image, or images with no row.
 */
export class LabelResolver {
  readonly problems: string[] = [];
  private readonly spec: LabelSpec;
  private readonly map: Map<string, string> | null;
  private readonly rows = new Map<string, { label: string; line: number; used: boolean }>();
  private readonly unmapped = new Map<string, number>();
  private unlabelled: string[] = [];

  /** `value` names the CSV column read (labels by default; groups use the same machinery). */
  constructor(spec: LabelSpec, labelMap: Map<string, string> | null = null, value: CsvValue = LABEL_VALUE) {
    this.spec = spec;
    this.map = labelMap;
    if (labelMap) this.problems.push(...sharedNames(labelMap));
    if (spec.mode === 'csv') this.loadCsv(spec.file, value);
  }

  labelFor(rel: string): Label | null {
    let raw: string | null = null;
    if (this.spec.mode === 'folders') {
      const slash = rel.indexOf('/');
      raw = slash > 0 ? rel.slice(0, slash) : null;
    } else if (this.spec.mode === 'csv') {
      raw = this.lookupCsv(rel);
      if (raw === null) this.unlabelled.push(rel);
    }
    return raw === null ? null : this.resolve(raw);
  }

  /** Call once every image has been looked up: adds the summary problems. */
  finish(): void {
    if (this.spec.mode === 'csv') {
      const unused = [...this.rows.entries()].filter(([, r]) => !r.used).map(([id]) => id);
      if (unused.length) {
        this.problems.push(
          `${unused.length} row(s) in ${basename(this.spec.file)} name no image in the folder ` +
            `(e.g. ${unused.slice(0, EXAMPLES).join(', ')})`,
        );
      }
      if (this.unlabelled.length) {
        this.problems.push(
          `${this.unlabelled.length} image(s) have no row in ${basename(this.spec.file)} and stay unlabelled ` +
            `(e.g. ${this.unlabelled.slice(0, EXAMPLES).join(', ')})`,
        );
      }
    }
    for (const [raw, count] of this.unmapped) {
      this.problems.push(`label "${raw}" (${count} image(s)) is not in the label map; kept as "${raw}"`);
    }
  }

  private resolve(raw: string): Label {
    const code = /^-?\d+$/.test(raw) ? Number(raw) : null;
    if (!this.map) return { name: raw, code };
    const mapped = this.map.get(raw);
    if (mapped === undefined) {
      this.unmapped.set(raw, (this.unmapped.get(raw) ?? 0) + 1);
      return { name: raw, code };
    }
    return { name: mapped, code };
  }

  private lookupCsv(rel: string): string | null {
    const base = basename(rel);
    const keys = [rel, stripExt(rel), base, stripExt(base)];
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row) {
        row.used = true;
        return row.label;
      }
    }
    return null;
  }

  private loadCsv(file: string, value: CsvValue): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new LabelSourceError(cannotOpen(`${value.noun.charAt(0).toUpperCase()}${value.noun.slice(1)} CSV`, file, err));
    }
    const [header, ...body] = parseCsv(text);
    const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
    const idCol = ID_COLUMNS.map((c) => names.indexOf(c)).find((i) => i >= 0);
    const labelCol = value.columns.map((c) => names.indexOf(c)).find((i) => i >= 0);
    if (idCol === undefined || labelCol === undefined) {
      throw new LabelSourceError(
        `${capitalise(value.noun)} CSV ${file}: the first line must name an image column (${ID_COLUMNS.join(', ')}) and a ` +
          `${value.noun} column (${value.columns.join(', ')}); found: ${header ? header.fields.join(',') : 'an empty file'}`,
      );
    }
    const bad: string[] = [];
    for (const row of body) {
      const id = normaliseId(row.fields[idCol] ?? '');
      const label = (row.fields[labelCol] ?? '').trim();
      if (row.fields.length !== names.length) bad.push(`line ${row.line}: expected ${names.length} fields, found ${row.fields.length}`);
      else if (!id) bad.push(`line ${row.line}: empty image name`);
      else if (!label) bad.push(`line ${row.line}: no ${value.noun} for ${id}`);
      else if (this.rows.has(id)) bad.push(`line ${row.line}: ${id} repeats line ${this.rows.get(id)!.line} (first kept)`);
      else this.rows.set(id, { label, line: row.line, used: false });
    }
    if (bad.length) {
      this.problems.push(`${bad.length} bad row(s) in ${basename(file)} skipped: ${bad.slice(0, EXAMPLES).join('; ')}`);
    }
  }
}

/**
 * Two codes mapped to one name make one class of two: sometimes meant, often a typo, and never
 * visible later (the catalog stores names), so say so while the map is at hand.
 */
function sharedNames(map: Map<string, string>): string[] {
  const codesOf = new Map<string, string[]>();
  for (const [code, name] of map) codesOf.set(name, [...(codesOf.get(name) ?? []), code]);
  return [...codesOf]
    .filter(([, codes]) => codes.length > 1)
    .map(([name, codes]) => {
      const list = `${codes.slice(0, -1).join(', ')} and ${codes.at(-1)}`;
      return `label map: codes ${list} ${codes.length === 2 ? 'both' : 'all'} name '${name}'; their images merge into one class`;
    });
}

function capitalise(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

function normaliseId(id: string): string {
  return id.trim().replace(/\\/g, '/').replace(/^\.\//, '');
}

function stripExt(p: string): string {
  const ext = extname(p);
  return ext ? p.slice(0, -ext.length) : p;
}
