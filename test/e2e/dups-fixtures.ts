import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticImage } from '../helpers/fixtures.ts';

/**
 * One photo in four versions under cats (cluster #2), one photo under two labels (cats/b.jpg and
 * dogs/b-small.jpg: the mixed-label cluster #1), six unrelated images under dogs.
 */
export async function writePlanted(root: string): Promise<void> {
  for (const d of ['cats', 'dogs']) mkdirSync(join(root, d), { recursive: true });
  const a = await syntheticImage(11, 480, 360);
  await a.clone().jpeg({ quality: 95 }).toFile(join(root, 'cats/a.jpg'));
  await a.clone().resize(240, 180).jpeg({ quality: 90 }).toFile(join(root, 'cats/a-small.jpg'));
  await a.clone().jpeg({ quality: 40 }).toFile(join(root, 'cats/a-q40.jpg'));
  await a.clone().flop().jpeg({ quality: 90 }).toFile(join(root, 'cats/a-flipped.jpg'));
  const b = await syntheticImage(22, 400, 300);
  await b.clone().jpeg({ quality: 92 }).toFile(join(root, 'cats/b.jpg'));
  await b.clone().resize(200, 150).jpeg({ quality: 92 }).toFile(join(root, 'dogs/b-small.jpg'));
  for (let i = 0; i < 6; i++) await (await syntheticImage(100 + i, 320, 240)).jpeg().toFile(join(root, `dogs/other${i}.jpg`));
}
