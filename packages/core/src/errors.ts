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

/** A finding status change the lifecycle does not allow (e.g. `resolved → open`). */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly findingId: string,
    readonly from: string,
    readonly to: string,
    /** Why, beyond the lifecycle table (e.g. a suppression without owner/expiry). */
    readonly reason?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `finding ${findingId}: cannot change status from ${from} to ${to}${reason ? `: ${reason}` : ''}`,
      options,
    );
  }
}

/** No finding with this id is stored. */
export class FindingNotFoundError extends Error {
  override readonly name = 'FindingNotFoundError';
  constructor(
    readonly findingId: string,
    options?: { cause?: unknown },
  ) {
    super(`finding ${findingId} not found`, options);
  }
}

/** The pipeline step an error happened in. */
export type PipelineStage =
  | 'normalize'
  | 'state'
  | 'detect'
  | 'record'
  | 'alert'
  | 'mark-alerted'
  | 'remediate'
  | 'resolve'
  | 'dead-letter';

/**
 * A step of the pipeline failed for one item or finding. The pipeline catches it, reports it
 * in the item's result and logs it; the other items and findings go on.
 */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly stage: PipelineStage,
    message: string,
    readonly details: { readonly eventId?: string; readonly findingId?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
