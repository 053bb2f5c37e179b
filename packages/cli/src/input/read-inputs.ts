import { ParseError } from '@trailwarden/core';
import { decodeChunks, type FileContent, loadFile } from './file-source.js';
import { JsonSplitter, type SplitSink } from './json-splitter.js';
import { type FileRead, type InputItem, type ReadInputsOptions, STDIN_NAME } from './types.js';
import { discoverInputs, type InputSource } from './walk.js';

const DEFAULT_BATCH = 256;
const EXCERPT = 200;

/**
 * Reads CloudTrail inputs one item at a time: files, directories (recursive), `-` for
 * standard input (also used when `paths` is empty). Accepts CloudTrail log files
 * (`{"Records":[…]}`), `.json.gz` (gzip detected by magic bytes), JSON Lines of records or
 * events, a single EventBridge event or record, JSON arrays, and `aws cloudtrail
 * lookup-events` output (`{"Events":[…]}`, entries left as they are for `normalizeInput`).
 *
 * Memory stays bounded whatever the archive size: files are read one after the other (the
 * next one loads while the current one is parsed), each record is parsed on its own and
 * handed over before the next. A malformed record becomes an item with `error` and the rest
 * goes on; a file that is not JSON gives one such item; a path that cannot be read gives one
 * item with `error` and `unreadable: true`. Items keep their order and their index in the file.
 *
 * @example
 * for await (const { file, index, item, error } of readInputs(['AWSLogs/'])) {
 *   if (error) console.error(`${file}:${index}: ${error.message}`);
 * }
 */
export async function* readInputs(
  paths: readonly string[],
  options: ReadInputsOptions = {},
): AsyncGenerator<InputItem, void, undefined> {
  for await (const batch of readInputBatches(paths, options)) yield* batch;
}

/**
 * `readInputs` in batches (at most `options.batchSize` items, never spanning two files), for
 * consumers that want one `await` per batch rather than per record.
 *
 * @example
 * for await (const batch of readInputBatches(['trail.json.gz'], { batchSize: 512 })) process(batch);
 */
export async function* readInputBatches(
  paths: readonly string[],
  options: ReadInputsOptions = {},
): AsyncGenerator<InputItem[], void, undefined> {
  const cwd = options.cwd ?? process.cwd();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const sources = discoverInputs(paths.length === 0 ? ['-'] : paths, cwd);
  const advance = async (): Promise<Loading | undefined> => {
    const next = await sources.next();
    return next.done ? undefined : { source: next.value, content: startLoading(next.value, options) };
  };
  let current = await advance();
  while (current !== undefined) {
    // Discover and load the next input while this one is parsed.
    const upcoming = advance();
    const file = current.source.kind === 'stdin' ? STDIN_NAME : current.source.file;
    const reader = new ItemReader(file, batchSize);
    const content = await current.content;
    yield* reader.read(content);
    const read: FileRead = { file, bytes: 'bytes' in content ? content.bytes : 0, items: reader.count };
    options.onFile?.(read);
    current = await upcoming;
  }
}

interface Loading {
  readonly source: InputSource;
  readonly content: Promise<FileContent>;
}

function startLoading(source: InputSource, options: ReadInputsOptions): Promise<FileContent> {
  switch (source.kind) {
    case 'file':
      return loadFile(source.path);
    case 'stdin':
      return Promise.resolve({
        kind: 'stream',
        chunks: decodeChunks(options.stdin ?? process.stdin),
        bytes: 0,
      });
    case 'unreadable':
      return Promise.resolve({ kind: 'unreadable', error: source.error });
  }
}

/** Turns one input's text into batches of items, parsing each value the splitter cuts out. */
class ItemReader {
  readonly #file: string;
  readonly #batchSize: number;
  readonly #splitter: JsonSplitter;
  #batch: InputItem[] = [];
  #index = 0;

  constructor(file: string, batchSize: number) {
    this.#file = file;
    this.#batchSize = batchSize;
    const sink: SplitSink = {
      value: (text) => this.#value(text),
      guess: (text) => this.#guess(text),
      invalid: (reason) => this.#fail(new ParseError(reason, { path: file })),
    };
    this.#splitter = new JsonSplitter(sink);
  }

  get count(): number {
    return this.#index;
  }

  async *read(content: FileContent): AsyncGenerator<InputItem[], void, undefined> {
    if (content.kind === 'unreadable') {
      const error = new ParseError(
        `cannot read ${this.#file}: ${content.error.message}`,
        { path: this.#file },
        {
          cause: content.error,
        },
      );
      yield [{ file: this.#file, index: this.#index++, error, unreadable: true }];
      return;
    }
    if (content.kind === 'text') {
      this.#splitter.push(content.text);
    } else {
      try {
        for await (const chunk of content.chunks) {
          this.#splitter.push(chunk);
          yield* this.#drain();
        }
      } catch (cause) {
        yield* this.#abort(cause);
        return;
      }
    }
    this.#splitter.finish();
    yield* this.#drain();
    if (this.#batch.length > 0) yield this.#take();
  }

  /** Cuts everything buffered, yielding each full batch. */
  *#drain(): Generator<InputItem[], void, undefined> {
    for (;;) {
      const room = this.#batchSize - this.#batch.length;
      const cut = this.#splitter.drain(room);
      if (this.#batch.length >= this.#batchSize) yield this.#take();
      if (cut < room) return;
    }
  }

  /** The input broke off (damaged gzip, I/O error): report it after what was read before. */
  *#abort(cause: unknown): Generator<InputItem[], void, undefined> {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const damaged = code.startsWith('Z_') || code.startsWith('ERR_');
    const message = damaged
      ? `cannot decompress the rest of the file: ${error.message}`
      : `cannot read the rest of the file: ${error.message}`;
    this.#batch.push({
      file: this.#file,
      index: this.#index++,
      error: new ParseError(message, { path: this.#file }, { cause }),
      ...(!damaged && { unreadable: true as const }),
    });
    yield this.#take();
  }

  #take(): InputItem[] {
    const batch = this.#batch;
    this.#batch = [];
    return batch;
  }

  #value(text: string): void {
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.#fail(
        new ParseError(
          `invalid JSON: ${reason}`,
          { path: this.#file, input: text.slice(0, EXCERPT) },
          { cause },
        ),
      );
      return;
    }
    this.#batch.push({ file: this.#file, index: this.#index++, item });
  }

  #guess(text: string): boolean {
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch {
      return false;
    }
    this.#batch.push({ file: this.#file, index: this.#index++, item });
    return true;
  }

  #fail(error: ParseError): void {
    this.#batch.push({ file: this.#file, index: this.#index++, error });
  }
}
