// The Duplicates screen's host side on a real imported folder: relabel patches (the mixed-label flag
// follows, undo restores it), trash (row missing, file in the temporary trash) and the guards that
// keep a trashed file from being chosen as the one copy kept.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { DupsService } from '../../src/main/host/dups-service.ts';
import { writePlanted } from '../e2e/dups-fixtures.ts';
import { tempDir } from '../helpers/fixtures.ts';

describe('DupsService: relabel and trash', () => {
  const tmp = tempDir('winnow-dups-service-');
  const data = join(tmp.path, 'data');
  let db: Database.Database;
  let dups: DupsService;
  const savedXdg = process.env['XDG_DATA_HOME'];

  beforeAll(async () => {
    process.env['XDG_DATA_HOME'] = join(tmp.path, 'xdg');
    await writePlanted(data);
    db = openCatalog(join(tmp.path, 'c.winnow'), { create: true });
    await runImport({ db, root: data, labels: { mode: 'folders' }, workers: 1 });
    dups = new DupsService(db);
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
    if (savedXdg === undefined) delete process.env['XDG_DATA_HOME'];
    else process.env['XDG_DATA_HOME'] = savedXdg;
  });

  it('relabels one member: the patch carries its label and clears the mixed flag; undo brings both back', async () => {
    const run = await dups.find({ preset: 'balanced' });
    expect(run.clusters.map((c) => [c.members.length, c.mixedLabels])).toEqual([
      [2, true],
      [4, false],
    ]);
    expect(run.counts.mixedLabels).toBe(1);
    const small = run.clusters[0]!.members.find((m) => m.path === 'dogs/b-small.jpg')!;
    const p = dups.decide({ kind: 'relabel', cluster: 1, member: small.id, label: 'cats' });
    expect(p.changed).toBe(true);
    expect(p.members).toEqual([{ id: small.id, status: 'active', label: 'cats' }]);
    expect(p.clusters).toEqual([expect.objectContaining({ id: 1, resolved: false, notDuplicates: false, mixedLabels: false })]);
    expect(p.counts.mixedLabels).toBe(0);
    expect(dups.load()!.clusters[0]!.members.map((m) => m.label)).toEqual(['cats', 'cats']);
    // The same label again records nothing (no empty undo step).
    const again = dups.decide({ kind: 'relabel', cluster: 1, member: small.id, label: 'cats' });
    expect(again.changed).toBe(false);
    expect(again.message).toMatch(/already labelled “cats”/);

    const u = dups.step('undo');
    expect(u.members).toEqual([{ id: small.id, status: 'active', label: 'dogs' }]);
    expect(u.clusters).toEqual([expect.objectContaining({ id: 1, resolved: false, notDuplicates: false, mixedLabels: true })]);
    expect(u.counts.mixedLabels).toBe(1);
    expect(() => dups.decide({ kind: 'relabel', cluster: 1 })).toThrow(/Give the label/);
  });

  it('trashes an excluded member, refuses others, and never keeps a trashed file', async () => {
    const c = dups.load()!.clusters[1]!;
    const second = c.members[1]!;
    dups.decide({ kind: 'keep', cluster: 2, member: second.id }); // the suggested keeper becomes excluded
    const suggested = c.members[0]!;
    await expect(dups.trash(second.id)).rejects.toThrow(/is active: only excluded images/);
    await expect(dups.trash(987_654)).rejects.toThrow(/No image 987654/);

    const p = await dups.trash(suggested.id);
    expect(p.members).toEqual([{ id: suggested.id, status: 'missing', label: 'cats' }]);
    expect(p.counts.excluded).toBe(2);
    expect(existsSync(join(data, suggested.path))).toBe(false);
    expect(existsSync(join(tmp.path, 'xdg/Trash/files', suggested.path.split('/').pop()!))).toBe(true);
    expect(p.message).toMatch(/to the trash \(.*xdg\/Trash\/files\/a\.jpg\)/);

    expect(() => dups.decide({ kind: 'keep', cluster: 2, member: suggested.id })).toThrow(/no longer there/);
    dups.step('undo'); // the keep: cluster 2 is open again, the member it used to suggest gone
    const reopened = dups.load()!.clusters[1]!;
    expect(reopened.resolved).toBe(false);
    expect(reopened.suggested).not.toBe(suggested.id); // a suggestion never names a trashed file
    const accept = dups.decide({ kind: 'accept-suggestions', includeMixed: true });
    expect(accept.message).toMatch(/^Accepted 2 suggestions: excluded 3 images\./);
    const after = dups.load()!.clusters[1]!;
    expect(after.members.filter((m) => m.status === 'active').map((m) => m.id)).toEqual([reopened.suggested]);
    expect(after.members.find((m) => m.id === suggested.id)!.status).toBe('missing');
  });
});
