import { access } from 'node:fs/promises';
import type { FindingStore } from '@trailwarden/core';
import { StoreError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { openStore } from './open-store.js';
import { describeStore, resolveStoreConfig, type StoreFlags } from './store-config.js';

/** Store errors that are about the request (an id, a transition, a cursor), by name: core and adapters each define them. */
const REQUEST_ERRORS = new Set([
  'FindingNotFoundError',
  'InvalidTransitionError',
  'InvalidCursorError',
  'ParseError',
]);
/** Store errors that are about the store itself. */
const STORE_ERRORS = new Set([
  'StoreUnavailableError',
  'StoreRequestError',
  'StoreConflictError',
  'CorruptItemError',
]);

/**
 * Opens the store named by the flags for a command that reads or changes recorded findings
 * (`findings …`, `alerts retry`), runs `use`, and always closes it. The embedded store must
 * exist already (these commands never create an empty one: a wrong `--data-dir` is reported
 * as such), and `--store memory` is refused, since it holds nothing between commands.
 * The store's refusals (unknown id, invalid transition) become usage errors carrying the
 * store's message (exit code 2).
 *
 * @example
 * const page = await useStore(flags, io, (store) => store.list({ status: 'open' }));
 */
export async function useStore<T>(
  flags: StoreFlags,
  io: CliIo,
  use: (store: FindingStore, label: string) => Promise<T>,
): Promise<T> {
  const config = resolveStoreConfig(flags, io.env, io.cwd);
  if (config.kind === 'memory') {
    throw new UsageError(
      '--store memory keeps nothing between commands, so there are no findings to read here',
      'use the store that `trailwarden scan` recorded into: --store local (default) or --store dynamodb',
    );
  }
  if (config.kind === 'local') {
    try {
      await access(config.dataDir);
    } catch (cause) {
      throw new StoreError(
        `there is no ${describeStore(config)}: ${config.dataDir} does not exist`,
        'run `trailwarden scan` first, or point --data-dir (TRAILWARDEN_DATA_DIR) at the directory it used',
        { cause },
      );
    }
  }
  const opened = await openStore(config);
  try {
    return await use(opened.store, opened.label);
  } catch (error) {
    throw translate(error, opened.label);
  } finally {
    await opened.close();
  }
}

function translate(error: unknown, label: string): unknown {
  if (!(error instanceof Error) || error instanceof UsageError) return error;
  if (REQUEST_ERRORS.has(error.name)) return new UsageError(error.message, undefined, { cause: error });
  if (STORE_ERRORS.has(error.name))
    return new StoreError(`${label}: ${error.message}`, undefined, { cause: error });
  return error;
}
