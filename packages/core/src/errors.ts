/**
 * Errors raised by the core. Every class is named `…Error`, sets `name`, and keeps the
 * underlying `cause` so that a log line says both what failed and why.
 */

/** A record or document could not be understood. Carries the reason and where it was. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly details: { readonly path?: string; readonly input?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An IAM policy document is malformed (not JSON, wrong shape, bad effect …). */
export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
  constructor(
    message: string,
    readonly path: string = '',
    options?: { cause?: unknown },
  ) {
    super(path ? `${path}: ${message}` : message, options);
  }
}

/** A settings document failed validation; `issues` names each field and the problem. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A rule threw while matching; the engine reports it instead of dropping the record. */
export class RuleExecutionError extends Error {
  override readonly name = 'RuleExecutionError';
  constructor(
    readonly ruleId: string,
    readonly eventId: string,
    options?: { cause?: unknown },
  ) {
    super(`rule ${ruleId} failed on event ${eventId}`, options);
  }
}
