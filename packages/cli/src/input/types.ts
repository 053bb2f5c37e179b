import type { ParseError } from '@trailwarden/core';

/** The name under which standard input is reported. */
export const STDIN_NAME = '<stdin>';

/**
 * One item read from the inputs: a record, an event or a lookup-events entry, parsed but not
 * normalized; or the reason it could not be read.
 */
export interface InputItem {
  /** The path as given (directory arguments joined with the file's relative path), or `<stdin>`. */
  readonly file: string;
  /** Position of the item within its file, from 0. Malformed items take their position too. */
  readonly index: number;
  /** The parsed JSON value; absent when `error` is set. */
  readonly item?: unknown;
  /** Why the item (or the file) could not be read. */
  readonly error?: ParseError;
  /** Set with `error` when the file itself could not be read (missing, no permission, I/O error). */
  readonly unreadable?: true;
}

/** Reported once per input when it has been read completely. */
export interface FileRead {
  readonly file: string;
  /** Size on disk (compressed size for `.gz`); 0 for standard input. */
  readonly bytes: number;
  /** Items read from it, malformed ones included. */
  readonly items: number;
}

export interface ReadInputsOptions {
  /** Read when a path is `-` or no path is given. Defaults to `process.stdin`. */
  readonly stdin?: AsyncIterable<Buffer | string>;
  /** Relative paths are resolved against this directory. Defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** Most items per batch from `readInputBatches` (a batch never spans two files). Default 256. */
  readonly batchSize?: number;
  /** Called after the last item of an input has been consumed. */
  readonly onFile?: (read: FileRead) => void;
}
