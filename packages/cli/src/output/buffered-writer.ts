import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Collects output text and writes it in large chunks, waiting for `drain` when the stream
 * pushes back. One `write` per finding would cost a syscall each on a pipe.
 *
 * @example
 * const out = new BufferedWriter(process.stdout);
 * out.write('{"id":"…"}\n');
 * if (out.full) await out.flush();
 * await out.flush();
 */
export class BufferedWriter {
  readonly #stream: Writable;
  readonly #highWater: number;
  #parts: string[] = [];
  #size = 0;

  constructor(stream: Writable, highWater = 64 * 1024) {
    this.#stream = stream;
    this.#highWater = highWater;
  }

  write(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
  }

  /** True when enough is buffered to be worth a flush. */
  get full(): boolean {
    return this.#size >= this.#highWater;
  }

  /** Writes what is buffered; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.#size === 0) return;
    const text = this.#parts.length === 1 ? (this.#parts[0] ?? '') : this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }
}
