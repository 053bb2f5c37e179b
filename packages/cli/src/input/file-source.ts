import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** Files up to this size are read whole (one read); larger ones stream from disk. */
export const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;
/**
 * zlib hands inflated output back in chunks of this size. The default (16 KiB) costs a
 * JavaScript callback and a copy per chunk (~20% more CPU on CloudTrail files); 256 KiB
 * chunks still cost the reader ~40% more CPU than 1 MiB ones, and larger ones gain nothing.
 * Streaming gzip files rather than inflating each one whole (a CloudTrail file is ~8 MB
 * inflated, a 16 MB two-byte string when a record holds non-ASCII text, kept twice over with
 * the next file prefetched, plus the inflated bytes until a GC frees them) took a 1M-record
 * scan from ~330 MB to ~200 MB peak RSS.
 */
const INFLATE_CHUNK = 1024 * 1024;

/** What a file holds, ready for the splitter. */
export type FileContent =
  | { readonly kind: 'text'; readonly text: string; readonly bytes: number }
  | { readonly kind: 'stream'; readonly chunks: AsyncIterable<string>; readonly bytes: number }
  | { readonly kind: 'unreadable'; readonly error: Error };

/**
 * Loads a file for scanning. Gzip is recognised by its magic bytes (1f 8b), whatever the
 * name. Files up to 64 MiB are read in one go (the next file loads while this one is parsed);
 * gzip is then inflated as a stream on libuv's thread pool, so memory holds a few inflated
 * chunks rather than the whole file, and a damaged gzip stream still yields the records before
 * the damage. Larger files stream from disk. Never rejects: a file that cannot be read is `{ kind: 'unreadable' }`.
 *
 * @example
 * const content = await loadFile('/logs/111122223333_CloudTrail_us-east-1_20240101T0000Z_abc.json.gz');
 */
export async function loadFile(path: string): Promise<FileContent> {
  let raw: Buffer;
  let bytes: number;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = (await handle.stat()).size;
      if (bytes > WHOLE_FILE_LIMIT) return { kind: 'stream', chunks: streamFile(path), bytes };
      raw = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { kind: 'unreadable', error: asError(error) };
  }
  if (!isGzip(raw)) return { kind: 'text', text: raw.toString('utf8'), bytes };
  // Inflated on libuv's thread pool chunk by chunk, so only a few chunks are alive at a time.
  return { kind: 'stream', chunks: decodeChunks(Readable.from([raw])), bytes };
}

/** Text chunks of a file, opened only when iterated (a prefetched stream never leaks a descriptor). */
async function* streamFile(path: string): AsyncGenerator<string> {
  yield* decodeChunks(createReadStream(path, { highWaterMark: 1024 * 1024 }));
}

/**
 * Decodes a byte stream to text chunks: gunzips it when it starts with the gzip magic bytes
 * and decodes UTF-8 across chunk boundaries. Errors (a damaged gzip stream, an I/O error)
 * are thrown from the iteration after the text decoded before them.
 *
 * @example
 * for await (const text of decodeChunks(process.stdin)) splitter.push(text);
 */
export async function* decodeChunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  // Two bytes decide whether this is gzip; a first chunk may be shorter.
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head = head.length === 0 ? toBuffer(next.value) : Buffer.concat([head, toBuffer(next.value)]);
  }
  const rest: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => iterator };
  const bytes = isGzip(head) ? gunzipStream(prepend(head, rest)) : prepend(head, rest);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of bytes) {
    const text = decoder.write(toBuffer(chunk));
    if (text.length > 0) yield text;
  }
  const tail = decoder.end();
  if (tail.length > 0) yield tail;
}

function gunzipStream(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  // pipeline() forwards an error of either side to the gunzip stream, so iteration throws it.
  return pipeline(Readable.from(source), createGunzip({ chunkSize: INFLATE_CHUNK }), () => {});
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for await (const chunk of rest) yield toBuffer(chunk);
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function toBuffer(chunk: Buffer | string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
