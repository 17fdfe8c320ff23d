/**
 * A failure the user can act on: its message is a complete sentence meant for them (which file,
 * what to do), shown as is by every shell. Anything else that escapes is a bug: the host logs it
 * and shows where the log is.
 */
export class UserError extends Error {
  override name = 'UserError';
}
