// The export settings last started from the app, kept in the catalog (its settings table) so the
// export form comes back as it was after a reload, a restart or reopening the catalog. Per catalog:
// each dataset has its own output folder and size. Overwrite is never kept: it deletes files, so the
// user must ask for it each time.
import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../catalog/catalog.ts';
import type { ExportSettings } from './settings.ts';

const KEY = 'export.lastSettings';

export type RememberedExportSettings = Pick<
  ExportSettings,
  'outDir' | 'transform' | 'features' | 'nameTemplate' | 'compression' | 'unlabelled'
>;

export function rememberExportSettings(db: Database.Database, s: ExportSettings): void {
  const kept: RememberedExportSettings = {
    outDir: s.outDir,
    transform: s.transform,
    features: s.features,
    nameTemplate: s.nameTemplate,
    compression: s.compression,
    unlabelled: s.unlabelled ?? 'skip',
  };
  setSetting(db, KEY, JSON.stringify(kept));
}

/** The last remembered settings; null when none were kept (or the stored text is unreadable). */
export function rememberedExportSettings(db: Database.Database): RememberedExportSettings | null {
  const text = getSetting(db, KEY);
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as RememberedExportSettings | null;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.transform === 'object' ? parsed : null;
  } catch {
    return null;
  }
}
