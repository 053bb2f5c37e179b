import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

/** A DynamoDB-compatible server running in this process, persisted in a directory. */
export interface EmbeddedDynamoDb {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Where the LevelDB files are. */
  readonly directory: string;
  /** Stops accepting requests, waits for pending writes and closes the database. */
  close(): Promise<void>;
}

interface DynaliteOptions {
  readonly path: string;
  readonly createTableMs: number;
  readonly deleteTableMs: number;
  readonly updateTableMs: number;
}
type DynaliteFactory = (options: DynaliteOptions) => Server;
interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
}
type LevelClass = new (path: string, options: { valueEncoding: string }) => LevelDb;

/** Subdirectory of the data directory that holds the database. */
const DATABASE_DIR = 'dynamodb';

/*
 * dynalite and its LevelDB binding are loaded at run time through `createRequire`, which
 * esbuild leaves alone: the binding is a native module found next to its package, so it cannot
 * live inside the CLI bundle. The bundle resolves them from packages/cli/node_modules.
 */
const requireHere = createRequire(import.meta.url);

function loadDynalite(): { dynalite: DynaliteFactory; Level: LevelClass } {
  const dynalite = requireHere('dynalite') as DynaliteFactory;
  const { Level } = createRequire(requireHere.resolve('dynalite'))('level') as { Level: LevelClass };
  return { dynalite, Level };
}

/**
 * Starts dynalite on 127.0.0.1 (a free port) with its data in `<dataDir>/dynamodb`, creating
 * the directory (with a `.gitignore`, since the default lives in the working directory).
 * LevelDB lets one process at a time open a database: a second command on the same data
 * directory gets a `StoreError` saying so, instead of dynalite's crash on its first request.
 *
 * @example
 * const server = await startEmbeddedDynamoDb('/repo/.trailwarden');
 * try { … new DynamoDBClient({ endpoint: server.endpoint, … }) … } finally { await server.close(); }
 */
export async function startEmbeddedDynamoDb(dataDir: string): Promise<EmbeddedDynamoDb> {
  const directory = join(dataDir, DATABASE_DIR);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(join(dataDir, '.gitignore'), '# trailwarden data directory\n*\n', { flag: 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  } catch (cause) {
    throw new StoreError(`cannot create the data directory ${dataDir}: ${messageOf(cause)}`, undefined, {
      cause,
    });
  }
  const { dynalite, Level } = loadDynalite();
  await probe(Level, directory, dataDir);
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new StoreError('the embedded store did not get a TCP port on 127.0.0.1');
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    directory,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return closing;
    },
  };
}

/** Opens and closes the database once, so a lock or a permission problem is reported clearly. */
async function probe(Level: LevelClass, directory: string, dataDir: string): Promise<void> {
  const db = new Level(directory, { valueEncoding: 'json' });
  try {
    await db.open();
  } catch (cause) {
    const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
    if (inner?.code === 'LEVEL_LOCKED') {
      throw new StoreError(
        `the data directory ${dataDir} is in use by another trailwarden command`,
        'wait for it to finish, or use another --data-dir (or TRAILWARDEN_DATA_DIR)',
        { cause },
      );
    }
    throw new StoreError(
      `cannot open the embedded store in ${dataDir}: ${inner?.message ?? messageOf(cause)}`,
      'check the directory permissions, or use another --data-dir',
      { cause },
    );
  }
  await db.close();
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
