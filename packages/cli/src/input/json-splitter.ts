import { cutAtSeparators, separatorAt } from './fast-path.js';
import {
  BACKSLASH,
  BOM,
  BROKEN_LINE,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  excerpt,
  firstNonSpace,
  MAX_ITEM_CHARS,
  NEWLINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  RETURN,
  SPACE,
  TAB,
} from './json-chars.js';

/** Receives what the splitter cuts out of the text, in order. */
export interface SplitSink {
  /** The text of one JSON value (a record, an event, a lookup-events entry …), not yet parsed. */
  value(text: string): void;
  /** Text that cannot be a value: a truncated record, a broken line, a file that is not JSON. */
  invalid(reason: string): void;
  /**
   * Optional fast path (see fast-path.ts): a slice cut at a likely element boundary. Return
   * false, without counting it, when it is not valid JSON; the splitter then cuts that stretch
   * exactly. Without `guess`, every value is cut exactly.
   */
  guess?(text: string): boolean;
}

/**
 * Cuts JSON text into the items trailwarden scans, without parsing it: a small scanner that
 * tracks strings, escapes and nesting depth finds where each record starts and ends, and the
 * caller `JSON.parse`s each slice. Compared with parsing a whole log file at once this keeps
 * every record's objects short-lived (they die young instead of being promoted by the GC),
 * isolates a malformed record from its neighbours and gives each record its index.
 *
 * What is an item:
 * - a top-level object with a `Records` or `Events` array (a CloudTrail log file, an
 *   `aws cloudtrail lookup-events` page): each element of that array; the object's other keys
 *   (`NextToken` …) are skipped;
 * - a top-level array: each element;
 * - any other top-level object: the object itself (an EventBridge event, one record).
 * Several top-level values may follow each other (JSON Lines, `jq` output).
 *
 * Line mode: when the first top-level value fits on its first line (JSON Lines, or a minified
 * CloudTrail file), a newline ends every value, so a truncated line is reported on its own
 * and the next line is read normally. Otherwise (pretty-printed JSON) newlines are whitespace.
 *
 * The text arrives in chunks (`push`), items leave through the sink (`drain`), and only the
 * unfinished item is kept between chunks, so memory is bounded by the largest item.
 *
 * This file is longer than most: it is one state machine whose fields every method shares,
 * and splitting it would scatter that state. Character codes and text helpers live in
 * json-chars.ts, the fast path's cutting in fast-path.ts.
 *
 * @example
 * const texts: string[] = [];
 * const splitter = new JsonSplitter({ value: (t) => texts.push(t), invalid: () => {} });
 * splitter.push('{"Records":[{"eventName":"A"},{"eventName":"B"}]}');
 * splitter.finish();
 * splitter.drain(Number.POSITIVE_INFINITY); // texts: ['{"eventName":"A"}', '{"eventName":"B"}']
 */
export class JsonSplitter {
  readonly #sink: SplitSink;
  #buf = '';
  #pos = 0;
  #depth = 0;
  #inString = false;
  #stringStart = 0;
  /** The last string that ended at depth 1 of a top-level object was `Records` or `Events`. */
  #containerKey = false;
  #topStart = -1;
  #topIsObject = false;
  #topWasContainer = false;
  /** Depth at which the elements of the container array live; -1 when not inside one. */
  #elemDepth = -1;
  #elemStart = -1;
  /** Undecided until the first value ends or a newline shows up inside it. */
  #lineMode: boolean | undefined;
  /** Line mode: index of the newline ending the current line, -1 when not buffered yet. */
  #lineEnd = -1;
  #seenValue = false;
  #skippingGarbage = false;
  #dead = false;
  #finished = false;
  #done = false;
  #emitted = 0;
  #limit = 0;
  /** Fast-path separator `},{"<first key>":` of the current container; null when unusable. */
  #separator: string | null | undefined;
  /** The scanner opened a container and returns so that `drain` can try the fast path. */
  #containerOpened = false;

  constructor(sink: SplitSink) {
    this.#sink = sink;
  }

  /** True once `finish` was called and every item has been drained. */
  get done(): boolean {
    return this.#done;
  }

  /** Characters held between chunks (the unfinished item); for diagnostics and tests. */
  get buffered(): number {
    return this.#buf.length - this.#keepFrom();
  }

  /** Appends text. Call only after `drain` returned fewer items than asked (the buffer is used up). */
  push(chunk: string): void {
    const keep = this.#keepFrom();
    if (keep > 0) {
      this.#buf = this.#buf.slice(keep);
      this.#shift(keep);
    }
    this.#buf = this.#buf.length === 0 ? chunk : this.#buf + chunk;
    if (this.#lineMode === true && this.#lineEnd === -1) this.#lineEnd = this.#buf.indexOf('\n', this.#pos);
  }

  /** No more text will come; the next `drain` reports an unfinished item as invalid. */
  finish(): void {
    this.#finished = true;
  }

  /**
   * Sends up to `limit` items to the sink. Returns how many were sent; fewer than `limit`
   * means the buffered text is used up (push more, or it is `done` after `finish`).
   */
  drain(limit: number): number {
    this.#emitted = 0;
    while (!this.#done && this.#emitted < limit) {
      if (!this.#dead) {
        // With a fast path in use, the exact scanner cuts one element and hands back.
        const oneAtATime = this.#fastPath(limit);
        if (this.#emitted >= limit) break;
        const before = this.#emitted;
        this.#limit = oneAtATime ? before + 1 : limit;
        this.#scan();
        const progressed = this.#emitted > before || this.#containerOpened;
        this.#containerOpened = false;
        if (progressed && this.#emitted < limit && this.#pos < this.#buf.length) continue;
      }
      if (this.#emitted >= limit) break;
      if (!this.#finished) {
        if (!this.#dead && this.#buf.length - this.#keepFrom() > MAX_ITEM_CHARS) {
          // Bounded memory wins over completeness: a value this large is not a CloudTrail record.
          this.#dead = true;
          this.#emitInvalid(
            `a JSON value is larger than ${MAX_ITEM_CHARS / 1024 / 1024} MiB; skipped the rest`,
          );
        }
        break;
      }
      if (!this.#endOfInput()) this.#done = true;
    }
    return this.#emitted;
  }

  /**
   * Cuts elements at the fast-path separator while the text allows it. Returns true when the
   * current container uses the fast path (the exact scanner should then cut one element only).
   */
  #fastPath(limit: number): boolean {
    const guess = this.#sink.guess;
    if (guess === undefined || this.#elemDepth === -1 || this.#inString) return false;
    if (this.#depth !== this.#elemDepth || this.#elemStart !== -1) return this.#separator != null;
    const buf = this.#buf;
    let pos = this.#pos;
    if (buf.charCodeAt(pos) === COMMA) pos++;
    if (this.#separator === undefined) this.#separator = separatorAt(buf, pos);
    const separator = this.#separator;
    if (separator == null) return false;
    const lineEnd = this.#lineMode === true && this.#lineEnd !== -1 ? this.#lineEnd : buf.length;
    const { next, cut } = cutAtSeparators(buf, pos, separator, lineEnd, limit - this.#emitted, guess);
    this.#emitted += cut;
    this.#pos = next;
    return true;
  }

  #scan(): void {
    const buf = this.#buf;
    const len = buf.length;
    const limit = this.#limit;
    let pos = this.#pos;
    let depth = this.#depth;
    if (this.#inString) {
      // A string began in an earlier chunk: find its end first.
      const next = this.#skipString(buf, pos, depth);
      if (next === -1) {
        this.#pos = len;
        return;
      }
      this.#inString = false;
      if (next === BROKEN_LINE) {
        depth = 0;
        pos = this.#lineEnd;
      } else {
        pos = next;
      }
    }
    // Hot loop. Characters inside strings are skipped with indexOf; only structure is looked at.
    while (pos < len) {
      const c = buf.charCodeAt(pos);
      if (c === QUOTE) {
        if (depth === 0) {
          pos = this.#garbage(pos);
          if (this.#emitted >= limit) break;
          continue;
        }
        if (depth === this.#elemDepth && this.#elemStart === -1) this.#elemStart = pos;
        this.#stringStart = pos + 1;
        const next = this.#skipString(buf, pos + 1, depth);
        if (next === -1) {
          this.#inString = true;
          pos = len;
          break;
        }
        if (next === BROKEN_LINE) {
          depth = 0;
          pos = this.#lineEnd;
          if (this.#emitted >= limit) break;
        } else {
          pos = next;
        }
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 0) {
          this.#startTop(pos, c === OPEN_OBJECT);
          this.#containerOpened = c === OPEN_ARRAY;
        } else if (depth === this.#elemDepth) {
          if (this.#elemStart === -1) this.#elemStart = pos;
        } else if (depth === 1 && c === OPEN_ARRAY && this.#containerKey && !this.#topWasContainer) {
          this.#elemDepth = 2;
          this.#topWasContainer = true;
          this.#containerOpened = true;
        }
        depth++;
        pos++;
        if (this.#containerOpened && this.#sink.guess !== undefined) break;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (depth === 0) {
          pos = this.#garbage(pos);
          if (this.#emitted >= limit) break;
          continue;
        }
        depth--;
        pos++;
        if (depth === this.#elemDepth) {
          if (this.#elemStart !== -1) this.#emitValue(this.#elemStart, pos);
        } else if (depth === this.#elemDepth - 1) {
          // The container array closed; a scalar element may be pending.
          if (this.#elemStart !== -1) this.#emitValue(this.#elemStart, pos - 1);
          this.#elemDepth = -1;
        }
        if (depth === 0) this.#endTop(pos - 1);
        if (this.#emitted >= limit) break;
        continue;
      }
      if (c === COMMA) {
        if (depth === 0) {
          pos = this.#garbage(pos);
          if (this.#emitted >= limit) break;
          continue;
        }
        pos++;
        if (depth === this.#elemDepth && this.#elemStart !== -1) {
          this.#emitValue(this.#elemStart, pos - 1);
          if (this.#emitted >= limit) break;
        }
        continue;
      }
      if (c === NEWLINE) {
        if (depth > 0) {
          if (this.#lineMode === undefined) {
            this.#lineMode = false;
          } else if (this.#lineMode) {
            this.#brokenLine();
            depth = 0;
          }
        }
        if (this.#lineMode === true) this.#lineEnd = buf.indexOf('\n', pos + 1);
        pos++;
        if (this.#emitted >= limit) break;
        continue;
      }
      if (c === SPACE || c === TAB || c === RETURN) {
        pos++;
        continue;
      }
      if (depth === 0 && !(c === BOM && !this.#seenValue)) {
        pos = this.#garbage(pos);
        if (this.#emitted >= limit) break;
        continue;
      }
      // A colon, number or literal: only interesting when it is itself an element.
      if (c !== COLON && depth === this.#elemDepth && this.#elemStart === -1) this.#elemStart = pos;
      pos++;
    }
    this.#pos = pos;
    this.#depth = depth;
  }

  /**
   * From inside a string at `from`, returns the index after its closing quote, or -1 when the
   * buffered text ends first. In line mode a string that runs past the line's end breaks the
   * line: the value is reported and `BROKEN_LINE` returned (resume at the line's end, depth 0).
   */
  #skipString(buf: string, from: number, depth: number): number {
    let quote = buf.indexOf('"', from);
    while (quote !== -1 && buf.charCodeAt(quote - 1) === BACKSLASH) {
      let before = quote - 2;
      while (buf.charCodeAt(before) === BACKSLASH) before--;
      if ((quote - 1 - before) % 2 === 0) break;
      quote = buf.indexOf('"', quote + 1);
    }
    if (this.#lineMode === true && this.#lineEnd !== -1 && (quote === -1 || quote > this.#lineEnd)) {
      // A JSON string never holds a raw newline: this line ends inside a value.
      this.#brokenLine();
      return BROKEN_LINE;
    }
    if (quote === -1) return -1;
    if (depth === 1 && this.#topIsObject) {
      const start = this.#stringStart;
      const length = quote - start;
      this.#containerKey =
        (length === 7 && buf.startsWith('Records', start)) ||
        (length === 6 && buf.startsWith('Events', start));
    }
    return quote + 1;
  }

  #startTop(pos: number, isObject: boolean): void {
    this.#seenValue = true;
    this.#skippingGarbage = false;
    this.#topStart = pos;
    this.#topIsObject = isObject;
    this.#topWasContainer = !isObject;
    this.#containerKey = false;
    this.#elemDepth = isObject ? -1 : 1;
    this.#elemStart = -1;
  }

  #endTop(pos: number): void {
    if (!this.#topWasContainer) this.#emitValue(this.#topStart, pos + 1);
    this.#topStart = -1;
    this.#elemDepth = -1;
    this.#topWasContainer = false;
    this.#separator = undefined;
    if (this.#lineMode === undefined) {
      this.#lineMode = true;
      this.#lineEnd = this.#buf.indexOf('\n', pos + 1);
    }
  }

  #emitValue(start: number, end: number): void {
    this.#elemStart = -1;
    this.#emitted++;
    this.#sink.value(this.#buf.slice(start, end));
  }

  #emitInvalid(reason: string): void {
    this.#emitted++;
    this.#sink.invalid(reason);
  }

  /** Line mode: the current line ended inside a value. Reports it and starts afresh. */
  #brokenLine(): void {
    const start = this.#elemStart !== -1 ? this.#elemStart : this.#topStart;
    this.#emitInvalid(`incomplete JSON value on its line: ${excerpt(this.#buf, start)}`);
    this.#resetTop();
  }

  #resetTop(): void {
    this.#inString = false;
    this.#topStart = -1;
    this.#elemDepth = -1;
    this.#elemStart = -1;
    this.#topWasContainer = false;
    this.#containerKey = false;
    this.#separator = undefined;
  }

  /** Text outside any value. Returns where scanning resumes (the next line). */
  #garbage(pos: number): number {
    if (!this.#seenValue) {
      this.#dead = true;
      this.#emitInvalid(`not JSON: the text starts with ${excerpt(this.#buf, pos)}`);
      return this.#buf.length;
    }
    if (!this.#skippingGarbage) {
      this.#skippingGarbage = true;
      this.#emitInvalid(`unexpected text between JSON values: ${excerpt(this.#buf, pos)}`);
    }
    const newline = this.#buf.indexOf('\n', pos);
    return newline === -1 ? this.#buf.length : newline;
  }

  /**
   * All text is scanned and no more will come. Reports an unfinished item; returns true
   * when scanning should continue (a truncated first line in a file of lines).
   */
  #endOfInput(): boolean {
    if (this.#dead) return false;
    if (this.#depth === 0 && !this.#inString) return false;
    const buf = this.#buf;
    if (this.#elemDepth !== -1 || this.#topWasContainer) {
      const at = this.#elemStart !== -1 ? this.#elemStart : this.#pos;
      this.#emitInvalid(
        this.#elemStart !== -1
          ? `unexpected end of input inside a record (truncated file?): ${excerpt(buf, at)}`
          : 'unexpected end of input: the document is truncated after its last complete record',
      );
      this.#resetTop();
      this.#depth = 0;
      return false;
    }
    // A top-level value never closed. If it was the first line of a file of lines (a truncated
    // first record), report that line and read the following lines one by one.
    const newline = buf.indexOf('\n', this.#topStart);
    const next = newline === -1 ? -1 : firstNonSpace(buf, newline + 1);
    this.#emitInvalid(`unexpected end of input: unterminated JSON value ${excerpt(buf, this.#topStart)}`);
    this.#resetTop();
    this.#depth = 0;
    if (this.#lineMode !== true && next !== -1) {
      const c = buf.charCodeAt(next);
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.#lineMode = true;
        this.#pos = next;
        this.#lineEnd = buf.indexOf('\n', next);
        return true;
      }
    }
    return false;
  }

  /** The first index still needed: the unfinished item, or the scan position. */
  #keepFrom(): number {
    if (this.#elemDepth !== -1) return this.#elemStart !== -1 ? this.#elemStart : this.#pos;
    if (this.#topStart !== -1 && !this.#topWasContainer) return this.#topStart;
    return this.#pos;
  }

  #shift(by: number): void {
    this.#pos -= by;
    if (this.#topStart !== -1) this.#topStart = Math.max(0, this.#topStart - by);
    if (this.#elemStart !== -1) this.#elemStart -= by;
    if (this.#lineEnd !== -1) this.#lineEnd -= by;
    this.#stringStart -= by;
  }
}
