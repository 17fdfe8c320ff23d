import { ValidationError } from '../../shared/contract.ts';
import { UserError } from '../core/errors.ts';
import type { HostLog } from './log.ts';

/** A host-level refusal (no catalog open, another job is running): shown to the user as is. */
export class HostError extends UserError {
  override name = 'HostError';
}

/**
 * The host's one error policy: a known error (a UserError, or arguments the contract refused)
 * reaches the user verbatim; anything else is a bug — logged with its stack, and shown as one
 * sentence saying where the details are.
 */
export function toUserError(err: unknown, context: string, log: HostLog): UserError | ValidationError {
  if (err instanceof UserError || err instanceof ValidationError) return err;
  log.error(context, err);
  return new HostError(`Internal error — details in ${log.where}`);
}
