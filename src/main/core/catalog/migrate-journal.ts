import type Database from 'better-sqlite3';

// Schema v5: journal entries written before it named images by content (sha256), which cannot tell
// identical copies apart. Each entry is rewritten to name rows by id, with the meaning the user gave
// it: a content hash stands for every row holding that content, except that a keep keeps ONE row
// (an active one if any, then the shortest path) and excludes its identical copies too — what
// "keep this one" asked for and the old journal could not say.

type Old = { keep: string; exclude: string[] } | { shas: string[]; label?: string };

export function journalByImage(db: Database.Database): void {
  const rows = db.prepare("SELECT seq, op, data FROM journal WHERE op NOT IN ('undo', 'redo')").all() as {
    seq: number;
    op: string;
    data: string;
  }[];
  if (rows.length === 0) return;
  const byShaStmt = db.prepare(
    `SELECT i.id FROM images i JOIN sources s ON s.id = i.source_id WHERE i.sha256 = ?
     ORDER BY i.status != 'active', length(s.root) + length(i.path_bytes), s.root, i.path_bytes`,
  );
  const cache = new Map<string, number[]>();
  const idsOf = (sha: string): number[] => {
    let ids = cache.get(sha);
    if (!ids) cache.set(sha, (ids = (byShaStmt.all(sha) as { id: number }[]).map((r) => r.id)));
    return ids;
  };
  const all = (shas: readonly string[]): number[] => [...new Set(shas.flatMap(idsOf))];
  const update = db.prepare('UPDATE journal SET op = ?, data = ? WHERE seq = ?');
  for (const row of rows) {
    const old = JSON.parse(row.data) as Old;
    if (row.op === 'keep' && 'keep' in old) {
      const keep = idsOf(old.keep)[0];
      const exclude = all([...old.exclude, old.keep]).filter((id) => id !== keep);
      // The kept content is gone from the catalog: what the entry still says is who was excluded.
      if (keep === undefined) update.run('exclude', JSON.stringify({ ids: exclude }), row.seq);
      else update.run('keep', JSON.stringify({ keep, exclude }), row.seq);
    } else if ('shas' in old) {
      const data = row.op === 'relabel' ? { ids: all(old.shas), label: old.label } : { ids: all(old.shas) };
      update.run(row.op, JSON.stringify(data), row.seq);
    }
  }
}
