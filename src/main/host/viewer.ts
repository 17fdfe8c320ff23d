// The Record viewer's side of the host. Any .tfrec the user names can be read (as `winnow inspect`
// can); images reach the renderer as small data: URLs, so no URL route ever names a path.
import { stat } from 'node:fs/promises';
import type { Methods, ViewerInspection, ViewerPage, ViewerSample } from '../../shared/contract.ts';
import { thumbnailJpeg } from '../core/media.ts';
import { sniffFormat } from '../core/scan/sniff.ts';
import { decodeExample } from '../core/tfrecord/decode.ts';
import type { DecodedFeature } from '../core/tfrecord/example.ts';
import { readRecords } from '../core/tfrecord/reader.ts';
import { inspectFile, type Inspection } from '../core/viewer/inspect.ts';
import { expandPath } from './complete.ts';
import { UserError } from '../core/errors.ts';

/** A file the user named that cannot be read as TFRecords: shown as is. */
export class ViewerError extends UserError {
  override name = 'ViewerError';
}

// The contract restates the core's inspection; this fails to compile if they drift apart.
const sameInspection = (i: Inspection): ViewerInspection => i;

const THUMB = 192;
const NAME_FEATURES = ['image_name', 'name', 'filename', 'file_name', 'image_id'];
// A string label reads better under a picture than its integer target.
const LABEL_FEATURES = ['label', 'class_name', 'target', 'class', 'labels'];
const utf8 = new TextDecoder('utf-8', { fatal: false });

async function checkedFile(p: string): Promise<string> {
  const file = expandPath(p);
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ViewerError(code === 'ENOENT' ? `${file} does not exist.` : `Cannot read ${file}: ${(err as Error).message}`);
  }
  if (!isFile) throw new ViewerError(`${file} is a folder: pick one of its .tfrec files.`);
  return file;
}

export async function inspect(args: Methods['viewer.inspect']['args']): Promise<ViewerInspection> {
  const file = await checkedFile(args.path);
  const inspection = await inspectFile(file, args.record === undefined ? {} : { record: args.record });
  if (inspection.missingRecord) throw new ViewerError(`${file}: ${inspection.missingRecord}.`);
  return sameInspection(inspection);
}

export async function samples(args: Methods['viewer.samples']['args']): Promise<ViewerPage> {
  const file = await checkedFile(args.path);
  const end = args.offset + args.limit;
  const items: Promise<ViewerSample>[] = [];
  let index = 0;
  // Damage is reported by viewer.inspect; here a damaged record is simply not shown.
  for await (const r of readRecords(file, { onError: () => {} })) {
    if (index >= end) break;
    if (index >= args.offset) items.push(sample(index, r.offset, r.data));
    index++;
  }
  return { file, offset: args.offset, items: await Promise.all(items) };
}

async function sample(index: number, offset: number, data: Uint8Array): Promise<ViewerSample> {
  let example: Map<string, DecodedFeature>;
  try {
    example = decodeExample(data);
  } catch (err) {
    return { index, offset, name: null, label: null, image: null, imageNote: `not a tf.train.Example (${(err as Error).message})` };
  }
  const text = (names: string[]): string | null => {
    for (const n of names) {
      const f = example.get(n);
      if (f && f.value.length > 0) return f.kind === 'bytes' ? utf8.decode(f.value[0]!.subarray(0, 200)) : String(f.value[0]);
    }
    return null;
  };
  const out: ViewerSample = {
    index,
    offset,
    name: text(NAME_FEATURES),
    label: text(LABEL_FEATURES),
    image: null,
    imageNote: 'no image feature',
  };
  const bytes = imageBytes(example);
  if (!bytes) return out;
  try {
    const thumb = await thumbnailJpeg(bytes.data, THUMB);
    return {
      ...out,
      image: `data:image/jpeg;base64,${thumb.toString('base64')}`,
      imageNote: `${bytes.format}, ${bytes.data.length} bytes`,
    };
  } catch (err) {
    return { ...out, imageNote: `${bytes.format} that does not decode: ${(err as Error).message}` };
  }
}

/** The `image` feature, else the first single bytes value whose header says it is an image. */
function imageBytes(example: Map<string, DecodedFeature>): { data: Uint8Array; format: string } | null {
  const candidates = [example.get('image'), ...example.values()];
  for (const f of candidates) {
    if (f?.kind !== 'bytes' || f.value.length !== 1) continue;
    const format = sniffFormat(f.value[0]!.subarray(0, 32));
    if (format) return { data: f.value[0]!, format };
  }
  return null;
}
