import { opendir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** An input to read: a file on disk, standard input, or a path that cannot be read. */
export type InputSource =
  | { readonly kind: 'file'; readonly file: string; readonly path: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'unreadable'; readonly file: string; readonly error: Error };

/** File names a directory walk picks up; files named on the command line are read whatever their name. */
const INPUT_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;
/** CloudTrail writes digest files (hash chains, not events) beside the logs; a walk skips them. */
const SKIPPED_DIRECTORY = 'CloudTrail-Digest';

/**
 * The inputs behind the given paths, lazily and in a stable order: `-` is standard input, a
 * file is itself, a directory is walked recursively (entries sorted by name, so that the S3
 * layout `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/` is read in time order per
 * account and region). Walks take `.json`, `.jsonl`, `.ndjson` and their `.gz` forms, skip
 * hidden entries and `CloudTrail-Digest` folders, follow symbolic links to files but not to
 * directories (no cycles).
 *
 * @example
 * for await (const source of discoverInputs(['logs/', '-'], process.cwd())) console.log(source);
 */
export async function* discoverInputs(paths: readonly string[], cwd: string): AsyncGenerator<InputSource> {
  for (const given of paths) {
    if (given === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    const path = resolve(cwd, given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      yield { kind: 'unreadable', file: given, error: asError(error) };
      continue;
    }
    if (info.isDirectory()) yield* walkDirectory(path, given);
    else yield { kind: 'file', file: given, path };
  }
}

async function* walkDirectory(path: string, shown: string): AsyncGenerator<InputSource> {
  const entries: { name: string; directory: boolean; link: boolean }[] = [];
  try {
    for await (const entry of await opendir(path)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory() || entry.isFile() || entry.isSymbolicLink()) {
        entries.push({ name: entry.name, directory: entry.isDirectory(), link: entry.isSymbolicLink() });
      }
    }
  } catch (error) {
    yield { kind: 'unreadable', file: shown, error: asError(error) };
    return;
  }
  // Byte order, not locale order: the same tree is always read in the same order.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childPath = join(path, entry.name);
    const childShown = join(shown, entry.name);
    if (entry.directory) {
      if (entry.name !== SKIPPED_DIRECTORY) yield* walkDirectory(childPath, childShown);
      continue;
    }
    if (!INPUT_FILE.test(entry.name)) continue;
    if (entry.link) {
      try {
        if (!(await stat(childPath)).isFile()) continue;
      } catch (error) {
        yield { kind: 'unreadable', file: childShown, error: asError(error) };
        continue;
      }
    }
    yield { kind: 'file', file: childShown, path: childPath };
  }
}

/**
 * How many files and bytes the paths hold (standard input counts as neither); walks the same
 * way as `discoverInputs`. Used to size the progress bar before a scan.
 */
export async function measureInputs(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for await (const source of discoverInputs(paths, cwd)) {
    if (source.kind !== 'file') continue;
    files++;
    try {
      bytes += (await stat(source.path)).size;
    } catch {
      // Counted as a file; the scan itself reports why it cannot be read.
    }
  }
  return { files, bytes };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
