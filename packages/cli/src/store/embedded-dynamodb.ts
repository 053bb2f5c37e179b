import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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

interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
}
type LevelClass = new (path: string, options: { valueEncoding: string }) => LevelDb;

/** What the server thread reports. */
type ServerMessage =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'closed'; readonly error?: string }
  | { readonly type: 'failed'; readonly error: string };

/** Young-generation size of the server thread's heap (V8 would size it like the main thread's). */
const WORKER_YOUNG_GENERATION_MB = 8;

/** Subdirectory of the data directory that holds the database. */
const DATABASE_DIR = 'dynamodb';

/*
 * dynalite and its LevelDB binding are resolved at run time through `createRequire`, which
 * esbuild leaves alone: the binding is a native module found next to its package, so it cannot
 * live inside the CLI bundle. The bundle resolves them from packages/cli/node_modules.
 */
const requireHere = createRequire(import.meta.url);

/*
 * The server runs on a thread of its own: dynalite, LevelDB and HTTP parsing cost about as
 * much CPU per request as the SDK calling it, and on one thread they would take turns with
 * detection. Its source is a string so that the CLI bundle needs no second entry point.
 */
const SERVER_THREAD = `
const { request } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalite);
const server = dynalite({ path: workerData.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (error) => parentPort.postMessage({ type: 'failed', error: error.message }));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  // One ListTables makes dynalite open LevelDB now: a database another process holds fails
  // here, before the store is used, and not on the command's first write.
  const ready = request({ host: '127.0.0.1', port, method: 'POST', headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    'x-amz-date': '20240101T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  } }, (answer) => {
    answer.resume();
    answer.on('end', () => parentPort.postMessage(answer.statusCode === 200
      ? { type: 'listening', port }
      : { type: 'failed', error: 'it answered HTTP ' + answer.statusCode }));
  });
  ready.on('error', (error) => parentPort.postMessage({ type: 'failed', error: error.message }));
  ready.end('{}');
});
parentPort.on('message', () => {
  server.closeAllConnections();
  server.close((error) => {
    parentPort.postMessage({ type: 'closed', error: error ? error.message : undefined });
    parentPort.close();
  });
});
`;

/**
 * Starts dynalite on 127.0.0.1 (a free port), on a thread of this process, with its data in
 * `<dataDir>/dynamodb`, creating the directory (with a `.gitignore`, since the default lives in
 * the working directory). Resolves once the database is open. LevelDB lets one process at a
 * time open a database: a second command on the same data directory gets a `StoreError`
 * saying so, instead of dynalite's crash on its first request.
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
  const dynalitePath = requireHere.resolve('dynalite');
  const { Level } = createRequire(dynalitePath)('level') as { Level: LevelClass };
  await probe(Level, directory, dataDir);
  const worker = new Worker(SERVER_THREAD, {
    eval: true,
    workerData: { dynalite: dynalitePath, directory },
    // dynalite's garbage is short-lived (one request's objects): a small young generation
    // collects it as well and keeps ~30-40 MB less resident next to the scan's own heap.
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  const port = await new Promise<number>((resolve, reject) => {
    const failed = (reason: string) =>
      reject(new StoreError(`the embedded store did not start in ${dataDir}: ${reason}`));
    worker.once('error', (error) => {
      // Another process took the database between the probe and dynalite's own open.
      const locked = (error as { code?: string }).code === 'LEVEL_DATABASE_NOT_OPEN';
      if (locked) reject(inUse(dataDir, error));
      else failed(error.message);
    });
    worker.once('exit', (code) => failed(`its thread exited with code ${code}`));
    worker.once('message', (message: ServerMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else failed(message.type === 'failed' ? message.error : 'it stopped at once');
    });
  });
  worker.removeAllListeners();
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        worker.once('message', (message: ServerMessage) => {
          // Pending writes are flushed and LevelDB is closed before the thread answers.
          if (message.type === 'closed' && message.error !== undefined) reject(new StoreError(message.error));
        });
        worker.once('exit', () => resolve());
        worker.postMessage('close');
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
    if (inner?.code === 'LEVEL_LOCKED') throw inUse(dataDir, cause);
    throw new StoreError(
      `cannot open the embedded store in ${dataDir}: ${inner?.message ?? messageOf(cause)}`,
      'check the directory permissions, or use another --data-dir',
      { cause },
    );
  }
  await db.close();
}

function inUse(dataDir: string, cause: unknown): StoreError {
  return new StoreError(
    `the data directory ${dataDir} is in use by another trailwarden command`,
    'wait for it to finish, or use another --data-dir (or TRAILWARDEN_DATA_DIR)',
    { cause },
  );
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
