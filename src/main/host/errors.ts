import { UserError } from '../core/errors.ts';

/** A host-level refusal (no catalog open, another job is running): shown to the user as is. */
export class HostError extends UserError {
  override name = 'HostError';
}
