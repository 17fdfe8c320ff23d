import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.ts';
import { asideOf } from '../export/publish.ts';
import { decodeGrey } from '../media.ts';
import { decodeExample } from '../tfrecord/decode.ts';
import { readRecords, type TFRecordError } from '../tfrecord/reader.ts';

export interface FileCheck {
  file: string;
  records: number;
  problems: string[];
}

export interface VerifyReport {
  files: FileCheck[];
  ok: boolean;
}

const SHARD = /\.(tfrec|tfrecord|tfrecords)(\.gz|\.zlib)?$/i;
const COUNT_IN_NAME = /-([0-9]+)\./;

/**
 * Checks a shard or a folder of shards: both CRCs of every record, each Example parses, every image
 * decodes, the record count matches the one in the name, and (with a manifest.json beside them) the
 * files' sha256 and counts match it. Every problem names the file (and byte offset); it goes on.
 */
export async function verifyPath(path: string): Promise<VerifyReport> {
  const folder = (
    await stat(path).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      const aside = asideOf(path);
      throw new UserError(
        existsSync(aside)
          ? `${path} does not exist, but ${aside} holds the export an interrupted run set aside: run the export again, which restores it first.`
          : `${path} does not exist.`,
      );
    })
  ).isDirectory();
  const entries = folder ? await readdir(path) : [];
  const files = folder
    ? entries
        .filter((f) => SHARD.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const manifest = await readManifest(dirname(files[0] ?? join(path, 'x')));
  const checks: FileCheck[] = [];
  // Winnow writes manifest.json last: its shards (with their .idx, label map or reader) and no
  // manifest are an export that stopped before it finished, however intact each shard is.
  if (
    folder &&
    files.length > 0 &&
    !manifest &&
    entries.some((e) => e.endsWith('.idx') || e === 'label_map.json' || e === 'read_example.py')
  ) {
    checks.push({
      file: path,
      records: 0,
      problems: [
        `${path} holds ${files.length} shard${files.length === 1 ? '' : 's'} but no manifest.json: an incomplete export, interrupted before it finished; export again into a new folder.`,
      ],
    });
  }
  for (const file of files) checks.push(await verifyShard(file, manifest?.get(basename(file))));
  if (manifest) {
    for (const name of manifest.keys()) {
      if (!files.some((f) => basename(f) === name))
        checks.push({ file: join(dirname(files[0] ?? path), name), records: 0, problems: ['listed in manifest.json but missing'] });
    }
  }
  if (files.length === 0) checks.push({ file: path, records: 0, problems: ['no .tfrec / .tfrecord files here'] });
  return { files: checks, ok: checks.every((c) => c.problems.length === 0) };
}

async function verifyShard(file: string, expected?: { records: number; sha256: string }): Promise<FileCheck> {
  const check: FileCheck = { file, records: 0, problems: [] };
  try {
    for await (const r of readRecords(file, { onError: (e: TFRecordError) => check.problems.push(e.message) })) {
      check.records++;
      let example;
      try {
        example = decodeExample(r.data);
      } catch (err) {
        check.problems.push(`${file} at byte ${r.offset}: not a tf.train.Example (${(err as Error).message})`);
        continue;
      }
      for (const [name, f] of example) {
        if (f.kind !== 'bytes' || f.value.length !== 1 || !looksLikeImage(f.value[0]!)) continue;
        try {
          await decodeGrey(Buffer.from(f.value[0]!), {});
        } catch (err) {
          check.problems.push(`${file} at byte ${r.offset}: feature "${name}" does not decode as an image (${(err as Error).message})`);
        }
      }
    }
  } catch (err) {
    check.problems.push(`${file}: ${(err as Error).message}`);
  }
  const named = COUNT_IN_NAME.exec(basename(file));
  if (named && Number(named[1]) !== check.records)
    check.problems.push(`${file}: the name says ${named[1]} records, the file has ${check.records}`);
  if (expected) {
    if (expected.records !== check.records)
      check.problems.push(`${file}: manifest.json says ${expected.records} records, the file has ${check.records}`);
    const sha = await sha256File(file);
    if (sha !== expected.sha256) check.problems.push(`${file}: sha256 differs from manifest.json (the file was changed or damaged)`);
  }
  return check;
}

function looksLikeImage(b: Uint8Array): boolean {
  return (b[0] === 0xff && b[1] === 0xd8) || (b[0] === 0x89 && b[1] === 0x50);
}

async function readManifest(dir: string): Promise<Map<string, { records: number; sha256: string }> | null> {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return null;
  const m = JSON.parse(await readFile(file, 'utf8')) as { shards?: { file: string; records: number; sha256: string }[] };
  return new Map((m.shards ?? []).map((s) => [s.file, { records: s.records, sha256: s.sha256 }]));
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
