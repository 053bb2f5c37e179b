import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAX_POLICY_CHARS } from '@trailwarden/core/iam';
import type { CliIo } from '../io.js';

/**
 * Reading the policy files that `policy check`, `policy diff` and `policy simulate` take. Each
 * command words its own message from a {@link PolicyFileError}; what a file holds is judged by
 * the core (`unwrapAwsCliOutput`, `tryParsePolicy`).
 */

/**
 * Largest file read, in bytes. The parser's own limit is on characters; this one refuses
 * before reading, so memory stays bounded (4 bytes covers any UTF-8 character).
 */
export const MAX_POLICY_FILE_BYTES = MAX_POLICY_CHARS * 4;

/** A policy file that cannot be read, or is too large to. Local to the policy commands, like their input errors. */
export class PolicyFileError extends Error {
  override readonly name = 'PolicyFileError';
  constructor(
    message: string,
    /** The file as the user named it (`-` for standard input). */
    readonly file: string,
    /** Why, without the file name: `ENOENT: no such file …`, `5000000 bytes, larger than …`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Reads the text of a policy file, resolved against `cwd`.
 *
 * @example
 * const text = await readPolicyFile(io.cwd, 'policy.json'); // throws PolicyFileError
 */
export async function readPolicyFile(cwd: string, file: string): Promise<string> {
  const path = resolve(cwd, file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw unreadable(file, error);
  }
  if (size > MAX_POLICY_FILE_BYTES) {
    const reason = `${size} bytes, larger than ${MAX_POLICY_FILE_BYTES}`;
    throw new PolicyFileError(`${file} is ${reason}`, file, reason);
  }
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
}

/**
 * Reads a policy file, or standard input when `file` is `-`.
 *
 * @example
 * const text = await readPolicyText(io, '-'); // `aws iam get-role … | trailwarden policy check -`
 */
export async function readPolicyText(io: Pick<CliIo, 'stdin' | 'cwd'>, file: string): Promise<string> {
  if (file !== '-') return readPolicyFile(io.cwd, file);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_POLICY_FILE_BYTES) {
      const reason = `larger than ${MAX_POLICY_FILE_BYTES} bytes`;
      throw new PolicyFileError(`standard input is ${reason}`, file, reason);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A file's text as JSON when it is JSON, else the text itself: URL-encoded documents are not
 * JSON as a whole, and the policy parser reads them (and names the problem when it cannot).
 *
 * @example
 * policyJson('{"Policy":"{…}"}'); // { Policy: '{…}' }
 * policyJson('%7B%22Version%22…'); // '%7B%22Version%22…'
 */
export function policyJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON is an expected form of input here, not a failure.
    return text;
  }
}

function unreadable(file: string, error: unknown): PolicyFileError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PolicyFileError(`cannot read ${file}: ${reason}`, file, reason, { cause: error });
}
