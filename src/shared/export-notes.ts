// Sentences about an export that the CLI and the screens both print, written once so they agree.
// The renderer compiles this file too: no Node or core imports.

/** Says that a catalog without labels was written as a test set, naming the features each record holds. */
export function testSetNote(features: readonly string[]): string {
  const names = features.length > 1 ? `${features.slice(0, -1).join(', ')} and ${features.at(-1)}` : (features[0] ?? 'nothing');
  return `no image has a label: records hold ${names} only, as for a test set`;
}
