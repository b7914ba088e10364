/** A reason the local stack cannot start, printed as one line without a stack trace. */
export class LocalStartupError extends Error {
  override name = 'LocalStartupError';
}
