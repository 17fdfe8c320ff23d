import type { FeatureId } from './settings.ts';

// Files written next to the shards: label_map.json, read_example.py (a tf.data reader whose feature
// spec matches exactly what was written) — the manifest itself is assembled in export.ts.

const TF_SPEC: Record<FeatureId, (numClasses: number) => string> = {
  image: () => 'tf.io.FixedLenFeature([], tf.string)',
  target: () => 'tf.io.FixedLenFeature([], tf.int64)',
  image_name: () => 'tf.io.FixedLenFeature([], tf.string)',
  label: () => 'tf.io.FixedLenFeature([], tf.string)',
  height: () => 'tf.io.FixedLenFeature([], tf.int64)',
  width: () => 'tf.io.FixedLenFeature([], tf.int64)',
  one_hot_class: (n) => `tf.io.FixedLenFeature([${n}], tf.float32)`,
  fold: () => 'tf.io.FixedLenFeature([], tf.int64)',
  sha256: () => 'tf.io.FixedLenFeature([], tf.string)',
};

export function readExamplePy(opts: {
  features: Partial<Record<FeatureId, string>>;
  numClasses: number;
  size: { width: number; height: number } | null;
  compression: 'none' | 'gzip' | 'zlib';
  pattern: string;
}): string {
  const spec = Object.entries(opts.features)
    .map(([id, name]) => `    ${JSON.stringify(name)}: ${TF_SPEC[id as FeatureId](opts.numClasses)},`)
    .join('\n');
  const image = JSON.stringify(opts.features.image);
  const target = opts.features.target ? JSON.stringify(opts.features.target) : null;
  const reshape = opts.size
    ? `\n    image = tf.reshape(image, [${opts.size.height}, ${opts.size.width}, 3])  # height, width: exactly as exported`
    : '';
  const compression = opts.compression === 'none' ? 'None' : `"${opts.compression.toUpperCase()}"`;
  return `# Written by Winnow next to the shards it exported: reads them back with tf.data.
# Usage: python read_example.py [FOLDER]   (default: the folder this file is in)
import glob, os, re, sys
import tensorflow as tf

FEATURES = {
${spec}
}

def parse(record):
    example = tf.io.parse_single_example(record, FEATURES)
    image = tf.io.decode_jpeg(example[${image}], channels=3)${reshape}
    return image, ${target ? `example[${target}]` : 'example'}

def count_data_items(filenames):
    # the record count is in each shard's name, as in the notebook convention
    return sum(int(re.compile(r"-([0-9]*)\\.").search(os.path.basename(f)).group(1)) for f in filenames)

def load_dataset(folder):
    files = sorted(glob.glob(os.path.join(folder, ${JSON.stringify(opts.pattern)})))
    dataset = tf.data.TFRecordDataset(files, compression_type=${compression}, num_parallel_reads=tf.data.AUTOTUNE)
    return files, dataset.map(parse, num_parallel_calls=tf.data.AUTOTUNE)

if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    files, dataset = load_dataset(folder)
    print(f"{len(files)} shards, {count_data_items(files)} records")
    for image, target in dataset.take(3):
        print(image.shape, target.numpy() if hasattr(target, "numpy") else target)
`;
}

/** A glob matching the shard names a template produces. */
export function shardGlob(template: string): string {
  return template.replace(/\{[^}]*\}/g, '*').replace(/\*+/g, '*');
}
