/**
 * Errors raised by the adapters. AWS SDK exceptions never leave an adapter as they are: they
 * become one of these (with the SDK error kept as `cause`) or a domain outcome. The lifecycle
 * errors are the core's, shared with the in-memory store, so callers catch one class.
 */

export { FindingNotFoundError, InvalidTransitionError } from '@trailwarden/core';

/** The store's endpoint could not be reached or is throttling/unavailable after the SDK's retries. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly endpoint: string,
    readonly operation: string,
    readonly table: string,
    options?: { cause?: unknown },
  ) {
    super(
      `DynamoDB at ${endpoint} is unavailable (${operation} on table ${table}): ${causeMessage(options?.cause)}`,
      options,
    );
  }
}

/** DynamoDB answered but refused the request (missing table, validation, item too large …). */
export class StoreRequestError extends Error {
  override readonly name = 'StoreRequestError';
  constructor(
    readonly operation: string,
    readonly table: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation} on table ${table} failed: ${message}`, options);
  }
}

/** Optimistic writes kept losing to concurrent writers; the caller may retry the whole call. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
  constructor(
    readonly operation: string,
    readonly key: string,
    readonly attempts: number,
  ) {
    super(`${operation} on ${key} gave up after ${attempts} conflicting attempts`);
  }
}

/** A page cursor that this store did not produce (or that belongs to a different query). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`invalid page cursor: ${reason}`, options);
  }
}

/** Data read from the table does not have the shape this code writes (hand edits, old versions). */
export class CorruptItemError extends Error {
  override readonly name = 'CorruptItemError';
  constructor(
    readonly key: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`stored item ${key} is not readable: ${reason}`, options);
  }
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
