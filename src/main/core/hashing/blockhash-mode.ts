// A module of its own so the import's main thread can name the modes without loading the codecs.
/**
 * What blockhash sums per block. 'colour' (the default) is imghash.hashRaw on the decoded RGBA
 * (R+G+B), as the issue prescribes; it needs a colour decode and a luma conversion (~10-15% of
 * indexing CPU on the shared corpus). 'luma' is hashRaw on the luma replicated to RGBA, free from
 * the luma pass, for users who want the last bit of speed. A catalog keeps one mode for all its
 * images (import.ts), so its blockhashes compare.
 */
export type BlockhashMode = 'luma' | 'colour';
export const BLOCKHASH_MODES: readonly BlockhashMode[] = ['luma', 'colour'];
export const DEFAULT_BLOCKHASH: BlockhashMode = 'colour';
