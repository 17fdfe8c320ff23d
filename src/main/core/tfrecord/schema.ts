import type { DecodedFeature, FeatureKind } from './example.ts';

export interface FeatureSummary {
  name: string;
  /** The kind seen; 'mixed' when examples disagree (tf.io.parse_example would reject such a file). */
  kind: FeatureKind | 'mixed';
  /** Examples that have the feature. */
  present: number;
  /** Fewest and most values in one example (among those that have it). */
  minValues: number;
  maxValues: number;
  /** Total bytes of all values, for bytes features. */
  totalBytes: number;
}

export interface SchemaSummary {
  examples: number;
  /** In order of first appearance. */
  features: FeatureSummary[];
}

/**
 * Summarises feature names, kinds and value counts. A feature present in every example with
 * minValues === maxValues fits tf.io.FixedLenFeature; anything else needs VarLenFeature.
 */
export class SchemaAccumulator {
  #examples = 0;
  #byName = new Map<string, FeatureSummary>();

  add(example: Map<string, DecodedFeature>): void {
    this.#examples++;
    for (const [name, f] of example) {
      const n = f.value.length;
      const bytes = f.kind === 'bytes' ? f.value.reduce((s, b) => s + b.length, 0) : 0;
      const s = this.#byName.get(name);
      if (!s) {
        this.#byName.set(name, { name, kind: f.kind, present: 1, minValues: n, maxValues: n, totalBytes: bytes });
        continue;
      }
      // An unset oneof ('none') says nothing about the kind, so it never makes a feature 'mixed'.
      if (s.kind === 'none') s.kind = f.kind;
      else if (f.kind !== 'none' && f.kind !== s.kind) s.kind = 'mixed';
      s.present++;
      s.minValues = Math.min(s.minValues, n);
      s.maxValues = Math.max(s.maxValues, n);
      s.totalBytes += bytes;
    }
  }

  result(): SchemaSummary {
    return { examples: this.#examples, features: [...this.#byName.values()].map((f) => ({ ...f })) };
  }
}

export function inferSchema(examples: Iterable<Map<string, DecodedFeature>>): SchemaSummary {
  const acc = new SchemaAccumulator();
  for (const e of examples) acc.add(e);
  return acc.result();
}
