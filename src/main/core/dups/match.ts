// The near-duplicate matching rule: a pHash search finds candidates (multi-index hashing, with
// mirrored pHashes in the same search so flipped copies are candidates too), then each candidate
// must also pass the other hash thresholds and a thumbnail check. Hash thresholds alone cannot
// tell a 5% crop or a watermarked copy (far in Hamming distance) from aligned faces of different
// people or neighbouring crops of one photo (close); the thumbnail check can: a real copy agrees
// pixel by pixel once aligned, a look-alike only in its coarse layout.
import { hamming64 } from '../hashing/hashes.ts';
import { thumbSimilarity, TRIM_FRACTION } from '../hashing/features.ts';
import { fromBigInts } from './hamming.ts';
import { findPairs } from './mih.ts';
import { findPairsFor } from './query.ts';

export interface MatchItem {
  hashes: { ahash: bigint; phash: bigint; dhash: bigint; whash: bigint; blockhash: bigint };
  features: { phashMirror: bigint; dhashMirror: bigint; thumb: Uint8Array };
}

export interface MatchRule {
  /** Max pHash Hamming distance (0..32); drives the candidate search. */
  phash: number;
  /** Further max Hamming distances (0..64), each optional. Only pHash and dHash have mirrored forms, so a mirrored pair is not held to the others. */
  dhash?: number;
  ahash?: number;
  whash?: number;
  blockhash?: number;
  /** Also match horizontally flipped copies. */
  mirror: boolean;
  /** Min thumbnail similarity (thumbSimilarity, 0..1); 0 turns the check off. */
  similarity: number;
}

export type PresetName = 'strict' | 'balanced' | 'loose';

export const PRESETS: { strict: MatchRule; balanced: MatchRule; loose: MatchRule } = {
  strict: { phash: 6, dhash: 8, mirror: true, similarity: 0.985 },
  balanced: { phash: 10, dhash: 16, mirror: true, similarity: 0.975 },
  loose: { phash: 14, dhash: 18, mirror: true, similarity: 0.96 },
};

export const DEFAULT_PRESET: PresetName = 'balanced';

export interface MatchedPair {
  /** Item indices, a < b. */
  a: number;
  b: number;
  phashDistance: number;
  dhashDistance: number;
  /** b matched a as a horizontally flipped copy (distances are then to b's mirrored hashes). */
  mirrored: boolean;
  /** Thumbnail similarity reached (stops at the rule's threshold once met, so ≥ it, not the maximum). */
  similarity: number;
}

const OTHER_HASHES = ['dhash', 'ahash', 'whash', 'blockhash'] as const;
const LABEL = { phash: 'pHash', dhash: 'dHash', ahash: 'aHash', whash: 'wHash', blockhash: 'blockhash' } as const;

/** The rule in words, e.g. for a CLI header or a tooltip. */
export function describeRule(rule: MatchRule): string {
  const parts = [`pHash ≤ ${rule.phash}`];
  for (const h of OTHER_HASHES) if (rule[h] !== undefined) parts.push(`${LABEL[h]} ≤ ${rule[h]}`);
  let s = parts.join(' and ');
  if (rule.similarity > 0) {
    s += `, thumbnails correlate ≥ ${rule.similarity.toFixed(3).replace(/0+$/, '')} (allowing crops up to 10% and ignoring the ${Math.round(TRIM_FRACTION * 100)}% most different pixels)`;
  }
  return s + (rule.mirror ? ', mirrored copies included' : ', mirrored copies not matched');
}

const PARSE_KEYS = ['preset', 'phash', 'dhash', 'ahash', 'whash', 'blockhash', 'mirror', 'similarity'] as const;
type ParseKey = (typeof PARSE_KEYS)[number];
export type RuleOptions = Partial<Record<ParseKey, string | number | boolean | null | undefined>>;

function parseThreshold(key: string, v: string | number | boolean, max: number): number | undefined {
  if (v === 'off' || v === 'none') {
    if (key === 'phash') throw new RangeError('phash cannot be turned off: it drives the candidate search');
    return undefined;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new RangeError(
      `${key} must be a whole number of bits from 0 to ${max}${key === 'phash' ? '' : ', or "off"'}, got ${JSON.stringify(v)}`,
    );
  }
  return n;
}

/**
 * A rule from CLI-style options: a preset (default balanced) with any field overridden, e.g.
 * `{ preset: 'strict', dhash: '10', mirror: 'off' }`. Throws RangeError with a readable message.
 */
export function parseRule(opts: RuleOptions = {}): MatchRule {
  for (const k of Object.keys(opts)) {
    if (!(PARSE_KEYS as readonly string[]).includes(k))
      throw new RangeError(`unknown matching option "${k}" (expected one of ${PARSE_KEYS.join(', ')})`);
  }
  const name = opts.preset ?? DEFAULT_PRESET;
  if (typeof name !== 'string' || !Object.hasOwn(PRESETS, name)) {
    throw new RangeError(`unknown preset ${JSON.stringify(name)} (expected ${Object.keys(PRESETS).join(', ')})`);
  }
  const rule: MatchRule = { ...PRESETS[name as PresetName] };
  if (opts.phash != null) rule.phash = parseThreshold('phash', opts.phash, 32)!;
  for (const h of OTHER_HASHES) {
    const v = opts[h];
    if (v == null) continue;
    const t = parseThreshold(h, v, 64);
    if (t === undefined) delete rule[h];
    else rule[h] = t;
  }
  const m = opts.mirror;
  if (m != null) {
    const on = [true, 'true', 'on', 'yes', '1'].includes(m as string | boolean);
    const off = [false, 'false', 'off', 'no', '0'].includes(m as string | boolean);
    if (!on && !off) throw new RangeError(`mirror must be on or off, got ${JSON.stringify(m)}`);
    rule.mirror = on;
  }
  const s = opts.similarity;
  if (s != null) {
    const v = s === 'off' ? 0 : typeof s === 'number' ? s : typeof s === 'string' && s.trim() !== '' ? Number(s) : NaN;
    if (!Number.isFinite(v) || v < 0 || v > 1)
      throw new RangeError(`similarity must be a number from 0 to 1 (0 or "off" skips the thumbnail check), got ${JSON.stringify(s)}`);
    rule.similarity = v;
  }
  return rule;
}

/** Checks one orientation of a candidate; null when it fails the rule. */
function verify(x: MatchItem, y: MatchItem, mirrored: boolean, rule: MatchRule): Omit<MatchedPair, 'a' | 'b'> | null {
  // Flipping x or y should give the same distance; the cell grid's rounding can differ by a bit or two.
  const phashDistance = mirrored
    ? Math.min(hamming64(x.hashes.phash, y.features.phashMirror), hamming64(x.features.phashMirror, y.hashes.phash))
    : hamming64(x.hashes.phash, y.hashes.phash);
  if (phashDistance > rule.phash) return null;
  const dhashDistance = mirrored
    ? Math.min(hamming64(x.hashes.dhash, y.features.dhashMirror), hamming64(x.features.dhashMirror, y.hashes.dhash))
    : hamming64(x.hashes.dhash, y.hashes.dhash);
  if (rule.dhash !== undefined && dhashDistance > rule.dhash) return null;
  if (!mirrored) {
    for (const h of ['ahash', 'whash', 'blockhash'] as const) {
      const t = rule[h];
      if (t !== undefined && hamming64(x.hashes[h], y.hashes[h]) > t) return null;
    }
  }
  // With the check off, the similarity is still reported (without alignment search: cheap).
  const enough = rule.similarity > 0 ? rule.similarity : -1;
  const similarity = thumbSimilarity(x.features.thumb, y.features.thumb, mirrored, enough);
  if (similarity < rule.similarity) return null;
  return { phashDistance, dhashDistance, mirrored, similarity };
}

/**
 * Every pair of items that matches `rule`, ordered by (a, b); with `queries` (a flag per item),
 * only the pairs that involve a flagged item — the same pairs, verified the same way. Candidates come from one
 * multi-index search over the pHashes (and, with mirror on, the mirrored pHashes appended, so
 * a flipped copy is within reach of its original), so the cost grows with the number of
 * candidates rather than with n².
 */
export function matchPairs(
  items: readonly MatchItem[],
  rule: MatchRule,
  opts: { queries?: Uint8Array; onProgress?: (done: number, total: number) => void } = {},
): MatchedPair[] {
  const n = items.length;
  const keys = items.map((it) => it.hashes.phash);
  if (rule.mirror) for (const it of items) keys.push(it.features.phashMirror);
  let found;
  if (opts.queries) {
    // Only pairs involving a query item: its direct and mirrored keys are the queries.
    const isQuery = new Uint8Array(keys.length);
    isQuery.set(opts.queries.subarray(0, n));
    if (rule.mirror) isQuery.set(opts.queries.subarray(0, n), n);
    found = findPairsFor(fromBigInts(keys), isQuery, rule.phash);
  } else {
    found = findPairs(fromBigInts(keys), rule.phash);
  }
  // Item i and j may meet several times (direct, and mirrored both ways); verify each pair once.
  const seen = new Set<number>();
  const out: MatchedPair[] = [];
  for (let k = 0; k < found.length; k++) {
    if ((k & 4095) === 0) opts.onProgress?.(k, found.length);
    const p = found.a[k]!;
    const q = found.b[k]!;
    if (p >= n && q >= n) continue; // mirror vs mirror repeats the direct comparison
    const i = p % n;
    const j = q % n;
    if (i === j) continue;
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    // A symmetric image matches both ways: the direct match, when it passes, is the simpler story.
    const m = verify(items[a]!, items[b]!, false, rule) ?? (rule.mirror ? verify(items[a]!, items[b]!, true, rule) : null);
    if (m !== null) out.push({ a, b, ...m });
  }
  opts.onProgress?.(found.length, found.length);
  out.sort((x, y) => x.a - y.a || x.b - y.b);
  return out;
}
