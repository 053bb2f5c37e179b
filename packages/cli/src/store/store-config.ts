import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Where findings are kept: nowhere after the command (`memory`), embedded dynalite (`local`), DynamoDB. */
export const STORE_KINDS = ['memory', 'local', 'dynamodb'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Table name used when `--table` is not given, locally and in DynamoDB. */
export const DEFAULT_TABLE = 'trailwarden-findings';
/** Data directory of the embedded store, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.trailwarden';
/** Region for local endpoints when the environment names none (DynamoDB Local keeps data per region). */
export const LOCAL_REGION = 'us-east-1';

/** The store flags as commander parsed them. */
export interface StoreFlags {
  readonly store?: StoreKind;
  readonly dataDir?: string;
  readonly table?: string;
  readonly endpoint?: string;
}

/** A store the command can open, every default and environment variable applied. */
export type StoreConfig =
  | { readonly kind: 'memory' }
  | {
      readonly kind: 'local';
      /** Absolute path of the directory holding the LevelDB files. */
      readonly dataDir: string;
      readonly table: string;
    }
  | {
      readonly kind: 'dynamodb';
      readonly table: string;
      /** Explicit endpoint (DynamoDB Local, a proxy); absent means the regional AWS endpoint. */
      readonly endpoint?: string;
      /** Absent: the SDK's own chain (AWS_REGION, the shared config file). */
      readonly region?: string;
      /**
       * Fixed dummy credentials for a local endpoint when the environment has none: DynamoDB
       * Local accepts any, and the SDK's default chain would first wait for instance metadata.
       */
      readonly localCredentials: boolean;
    };

type Env = Readonly<Record<string, string | undefined>>;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '0.0.0.0']);

/**
 * The store a command uses, from its flags and environment:
 * - `--store` defaults to `local`, or to `dynamodb` when `--endpoint` is given;
 * - `local`: `--data-dir`, else `TRAILWARDEN_DATA_DIR`, else `.trailwarden/` in the working directory;
 * - `dynamodb`: `--endpoint`, else `AWS_ENDPOINT_URL_DYNAMODB`, else `AWS_ENDPOINT_URL` (the SDK's
 *   standard variables), else AWS's regional endpoint; region from `AWS_REGION`/`AWS_DEFAULT_REGION`.
 * Flags that do not belong to the chosen store are usage errors rather than silently ignored.
 *
 * @example
 * resolveStoreConfig({}, { TRAILWARDEN_DATA_DIR: '/var/lib/tw' }, '/home/me');
 * // { kind: 'local', dataDir: '/var/lib/tw', table: 'trailwarden-findings' }
 */
export function resolveStoreConfig(flags: StoreFlags, env: Env, cwd: string): StoreConfig {
  const kind = flags.store ?? (flags.endpoint !== undefined ? 'dynamodb' : 'local');
  if (flags.endpoint !== undefined && kind !== 'dynamodb') {
    throw new UsageError(
      `--endpoint is for --store dynamodb, not --store ${kind}`,
      'example: trailwarden scan logs/ --store dynamodb --endpoint http://127.0.0.1:8000',
    );
  }
  if (flags.dataDir !== undefined && kind !== 'local') {
    throw new UsageError(`--data-dir is for --store local, not --store ${kind}`);
  }
  if (flags.table !== undefined && kind === 'memory') {
    throw new UsageError('--table is for --store local or dynamodb, not --store memory');
  }
  const table = flags.table ?? DEFAULT_TABLE;
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(table)) {
    throw new UsageError(
      `--table ${JSON.stringify(table)} is not a DynamoDB table name`,
      'a table name has 3 to 255 letters, digits, "_", "-" or "."',
    );
  }
  switch (kind) {
    case 'memory':
      return { kind };
    case 'local': {
      const dir = flags.dataDir ?? nonEmpty(env.TRAILWARDEN_DATA_DIR) ?? DEFAULT_DATA_DIR;
      return { kind, dataDir: isAbsolute(dir) ? dir : resolve(cwd, dir), table };
    }
    case 'dynamodb': {
      const [endpoint, source] =
        flags.endpoint !== undefined
          ? [flags.endpoint, '--endpoint']
          : nonEmpty(env.AWS_ENDPOINT_URL_DYNAMODB) !== undefined
            ? [env.AWS_ENDPOINT_URL_DYNAMODB, 'AWS_ENDPOINT_URL_DYNAMODB']
            : [nonEmpty(env.AWS_ENDPOINT_URL), 'AWS_ENDPOINT_URL'];
      const local = endpoint !== undefined && isLocalEndpoint(endpoint, source);
      const region =
        nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? (local ? LOCAL_REGION : undefined);
      const hasCredentials =
        nonEmpty(env.AWS_ACCESS_KEY_ID) !== undefined || nonEmpty(env.AWS_PROFILE) !== undefined;
      return {
        kind,
        table,
        ...(endpoint !== undefined && { endpoint }),
        ...(region !== undefined && { region }),
        localCredentials: local && !hasCredentials,
      };
    }
  }
}

/** True for http(s) URLs on this machine; throws a usage error for what is not an http(s) URL. */
function isLocalEndpoint(endpoint: string, source: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${source} ${JSON.stringify(endpoint)} is not an http(s) URL`,
      'example: --endpoint http://127.0.0.1:8000',
    );
  }
  return LOCAL_HOSTS.has(url.hostname);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * How a store is named in messages: the data directory, or the table and endpoint.
 *
 * @example
 * describeStore({ kind: 'local', dataDir: '/repo/.trailwarden', table: 'trailwarden-findings' });
 * // 'embedded store in /repo/.trailwarden'
 */
export function describeStore(config: StoreConfig): string {
  switch (config.kind) {
    case 'memory':
      return 'memory (kept until the command ends)';
    case 'local':
      return `embedded store in ${config.dataDir}`;
    case 'dynamodb':
      return `DynamoDB table ${config.table}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
  }
}
