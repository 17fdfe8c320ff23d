import { randomBytes } from 'node:crypto';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';

/**
 * A catalog of `n` rows with random hashes and thumbnails, every 50th row a near copy of the one
 * before (so clustering has n / 50 clusters to find), under one source `/synthetic`.
 */
export function syntheticCatalog(file: string, n: number): void {
  const db = openCatalog(file, { create: true });
  db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/synthetic', 'none', 0)").run();
  const img = db.prepare(
    "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, width, height, format, channels, status, indexed_at) VALUES (1, ?, ?, 1000, 0, ?, 64, 64, 'jpeg', 3, 'active', 0)",
  );
  const hash = db.prepare(
    'INSERT INTO hashes(image_id, ahash, phash, dhash, whash, blockhash, phash_mirror, dhash_mirror, thumb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const rand64 = (): bigint => randomBytes(8).readBigInt64LE();
  db.transaction(() => {
    let prev: { p: bigint; d: bigint; thumb: Buffer } | null = null;
    for (let i = 0; i < n; i++) {
      const name = `img${i}.jpg`;
      const id = Number(img.run(Buffer.from(name), name, randomBytes(32).toString('hex')).lastInsertRowid);
      const copy: boolean = i % 50 === 1 && prev !== null;
      const p: bigint = copy ? prev!.p ^ 1n : rand64();
      const d: bigint = copy ? prev!.d : rand64();
      const thumb: Buffer = copy ? prev!.thumb : randomBytes(256);
      hash.run(id, rand64(), p, d, rand64(), rand64(), rand64(), rand64(), thumb);
      prev = { p, d, thumb };
    }
  })();
  db.close();
}
