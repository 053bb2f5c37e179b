import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/services/T000/B000/XXXX`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Milliseconds since the server started, to check spacing between retries. */
  readonly atMs: number;
}

/** How the server answers one request, or `drop` to close the connection without an answer (a network error for the client). */
export type ScriptedResponse =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  | 'drop';

export interface LocalHttpServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Queues answers for the next requests, in order; after them the default answer is used. */
  respondWith(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a random port, for testing HTTP clients (Slack
 * webhooks …) against the actual protocol: it records every request and answers from a script.
 *
 * @example
 * const server = await startLocalHttpServer();
 * server.respondWith({ status: 429, headers: { 'retry-after': '2' } }, { status: 200, body: 'ok' });
 * // … point the client at `${server.url}/services/T/B/X`, then inspect server.requests
 * await server.close();
 */
export async function startLocalHttpServer(
  options: { readonly defaultResponse?: ScriptedResponse } = {},
): Promise<LocalHttpServer> {
  const started = Date.now();
  const requests: RecordedRequest[] = [];
  const script: ScriptedResponse[] = [];
  const fallback = options.defaultResponse ?? { status: 200, body: 'ok' };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: Date.now() - started,
      });
      const answer = script.shift() ?? fallback;
      if (answer === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (...responses) => {
      script.push(...responses);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
