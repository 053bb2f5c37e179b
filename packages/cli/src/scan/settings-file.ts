import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SettingsError } from '@trailwarden/core';
import {
  DEFAULT_SETTINGS,
  parseSettingsText,
  SETTINGS_FILE_NAMES,
  type Settings,
  settingsFormatOf,
} from '@trailwarden/core/settings';
import { InputError } from '../errors.js';

/** The settings a command runs with and the file they came from (none: every default). */
export interface LoadedSettings {
  readonly settings: Settings;
  /** The file as named on the command line, or the file found in the working directory. */
  readonly file?: string;
}

/**
 * Reads and validates a settings file with the full settings schema (rules, suppressions,
 * deploy-pipeline lowering, alert routing, dedupe windows). `file` is what `--settings` gave:
 * a path, `false` for `--no-settings` (every default), or undefined, in which case the first
 * of `trailwarden.config.yaml`, `.yml`, `.json` in the working directory is used when present
 * — the same file the deployed stack reads, so a local scan judges as production does.
 * Problems are `InputError`s (exit code 2) naming the file and, for each field, the line, the
 * value found and what is expected.
 *
 * @example
 * const { settings, file } = await loadSettings(undefined, process.cwd()); // finds ./trailwarden.config.yaml
 */
export async function loadSettings(file: string | false | undefined, cwd: string): Promise<LoadedSettings> {
  if (file === false) return { settings: DEFAULT_SETTINGS };
  if (file === undefined) {
    for (const name of SETTINGS_FILE_NAMES) {
      const text = await readFile(join(cwd, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'EISDIR') return undefined;
        throw new InputError(`cannot read settings file ${name}: ${error.message}`, undefined, {
          cause: error,
        });
      });
      if (text !== undefined) return { settings: parse(text, name), file: name };
    }
    return { settings: DEFAULT_SETTINGS };
  }
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(`cannot read settings file ${file}: ${reason}`, undefined, { cause });
  }
  return { settings: parse(text, file), file };
}

function parse(text: string, file: string): Settings {
  try {
    return parseSettingsText(text, settingsFormatOf(file), file);
  } catch (cause) {
    if (!(cause instanceof SettingsError)) throw cause;
    // The message already reads "invalid settings in <file>:" followed by one line per problem.
    throw new InputError(cause.message, 'check the file with `trailwarden settings check <file>`', { cause });
  }
}
