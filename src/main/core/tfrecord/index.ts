// TFRecord files of tf.train.Example: framing, codec, streaming writer and reader (issue 4, section 2).
export { crc32c, crc32cBackend, maskCrc, maskedCrc32c, unmaskCrc } from './crc32c.ts';
export { decodeExample } from './decode.ts';
export { encodeExample } from './example.ts';
export type { DecodedFeature, FeatureKind, FeatureValue } from './example.ts';
export { FRAME_OVERHEAD, formatIdx, frameRecord } from './framing.ts';
export { buildIndex, readRecordAt } from './random.ts';
export type { TFRecordIndex } from './random.ts';
export { readRecords, TFRecordError, verifyFile } from './reader.ts';
export type { ReadOptions, TFRecord, TFRecordErrorKind, VerifyResult } from './reader.ts';
export { inferSchema, SchemaAccumulator } from './schema.ts';
export type { FeatureSummary, SchemaSummary } from './schema.ts';
export { detectCompression, sniffCompression } from './source.ts';
export { TFRecordWriter } from './writer.ts';
export type { Compression, TFRecordWriteResult, TFRecordWriterOptions } from './writer.ts';
