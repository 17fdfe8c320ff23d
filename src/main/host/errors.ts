/** A user-facing failure: its message is shown as is (anything else is too, but logged as a bug). */
export class HostError extends Error {
  override name = 'HostError';
}
