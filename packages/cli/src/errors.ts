/**
 * Errors the CLI turns into a message and an exit code. Each is named `…Error`, sets `name`
 * and keeps its `cause`.
 */

/** Exit code for usage and input errors (bad flag, unreadable path, invalid settings). */
export const EXIT_USAGE = 2;

/** A flag, argument or combination the command cannot work with. Exit code 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  readonly exitCode = EXIT_USAGE;
  constructor(
    message: string,
    /** What to do about it, printed on its own line. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An input that cannot be used: a path that cannot be read, an invalid settings file. Exit code 2. */
export class InputError extends UsageError {
  override readonly name: string = 'InputError';
}

/**
 * The findings store cannot be used: its endpoint does not answer, the table is missing, the
 * data directory is locked by another command. Raised before any input is read, so nothing is
 * half-written. Exit code 2.
 */
export class StoreError extends UsageError {
  override readonly name: string = 'StoreError';
}

/** An alert channel cannot be set up (a webhook URL that is not https, an unusable topic ARN). Exit code 2. */
export class AlertSetupError extends UsageError {
  override readonly name: string = 'AlertSetupError';
}
