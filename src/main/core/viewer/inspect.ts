import { decodeExample } from '../tfrecord/decode.ts';
import type { DecodedFeature } from '../tfrecord/example.ts';
import { readRecords, type TFRecordError } from '../tfrecord/reader.ts';
import { SchemaAccumulator, type SchemaSummary } from '../tfrecord/schema.ts';
import { detectCompression } from '../tfrecord/source.ts';
import { sniffFormat } from '../scan/sniff.ts';
import { jpegFrameInfo } from '../media.ts';

export interface ShownFeature {
  name: string;
  kind: DecodedFeature['kind'];
  /** Values as text (bytes: UTF-8 when printable, else their length); long lists are cut. */
  values: string[];
  count: number;
  /** For a bytes value that is an image: its format and size, read from its header. */
  image?: { format: string; width: number | null; height: number | null; bytes: number };
}

export interface Inspection {
  file: string;
  compression: string;
  records: number;
  schema: SchemaSummary;
  /** Counts of each label-like feature's values (label / target / class), for a histogram. */
  labelHistogram: { feature: string; counts: Record<string, number> } | null;
  record: { index: number; offset: number; features: ShownFeature[] } | null;
  /** The sentence to show when the record asked for lies past the last one. */
  missingRecord: string | null;
  errors: string[];
}

const LABEL_FEATURES = ['label', 'target', 'class', 'labels'];
const MAX_VALUES = 16;

/** Reads a whole .tfrec(.gz) file once: schema, count, label histogram, CRC errors, and record N in detail. */
export async function inspectFile(file: string, opts: { record?: number | undefined } = {}): Promise<Inspection> {
  const errors: string[] = [];
  const schema = new SchemaAccumulator();
  const histogram = new Map<string, number>();
  let labelFeature: string | null = null;
  let shown: Inspection['record'] = null;
  let index = 0;
  for await (const r of readRecords(file, { onError: (e: TFRecordError) => errors.push(e.message) })) {
    let example: Map<string, DecodedFeature>;
    try {
      example = decodeExample(r.data);
    } catch (err) {
      errors.push(`${file} at byte ${r.offset}: record ${index} is not a tf.train.Example (${(err as Error).message})`);
      index++;
      continue;
    }
    schema.add(example);
    labelFeature ??= LABEL_FEATURES.find((n) => example.has(n)) ?? null;
    const label = labelFeature ? example.get(labelFeature) : undefined;
    if (label && label.value.length > 0) {
      const key = showValue(label, 0);
      histogram.set(key, (histogram.get(key) ?? 0) + 1);
    }
    if (opts.record === index) shown = { index, offset: r.offset, features: [...example].map(([name, f]) => showFeature(name, f)) };
    index++;
  }
  // A record number past the end is the caller's mistake, not damage: `record` stays null and
  // `missingRecord` says why, so no shell calls an intact file damaged.
  const missingRecord =
    opts.record !== undefined && shown === null && opts.record >= index
      ? `record ${opts.record} does not exist: the file holds ${index} record${index === 1 ? '' : 's'}${index > 0 ? ` (0..${index - 1})` : ''}`
      : null;
  return {
    file,
    compression: await detectCompression(file),
    records: index,
    schema: schema.result(),
    labelHistogram: labelFeature
      ? { feature: labelFeature, counts: Object.fromEntries([...histogram].sort((a, b) => (a[0] < b[0] ? -1 : 1))) }
      : null,
    record: shown,
    missingRecord,
    errors,
  };
}

function showFeature(name: string, f: DecodedFeature): ShownFeature {
  const out: ShownFeature = { name, kind: f.kind, count: f.value.length, values: [] };
  for (let i = 0; i < Math.min(f.value.length, MAX_VALUES); i++) out.values.push(showValue(f, i));
  if (f.kind === 'bytes' && f.value.length === 1) {
    const bytes = f.value[0]!;
    const format = sniffFormat(bytes.subarray(0, 32));
    if (format) {
      const frame = format === 'jpeg' ? jpegFrameInfo(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) : null;
      out.image = { format, width: frame?.width ?? null, height: frame?.height ?? null, bytes: bytes.length };
      out.values = [`<${format} image, ${bytes.length} bytes${frame ? `, ${frame.width}×${frame.height}` : ''}>`];
    }
  }
  return out;
}

function showValue(f: DecodedFeature, i: number): string {
  const v = f.value[i]!;
  if (f.kind !== 'bytes') return String(v);
  const bytes = v as Uint8Array;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 200));
  return /^[\p{L}\p{N}\p{P}\p{S} ]*$/u.test(text) ? text : `<${bytes.length} bytes>`;
}
