// The Record viewer: any .tfrec the user names, read-only (no catalog, no lock).
import type { Handlers } from '../context.ts';
import { inspect, samples } from '../viewer.ts';

export function viewerHandlers(): Handlers<'viewer.inspect' | 'viewer.samples'> {
  return {
    'viewer.inspect': async (args) => inspect(args),
    'viewer.samples': async (args) => samples(args),
  };
}
