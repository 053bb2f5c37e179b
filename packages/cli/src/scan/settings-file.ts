import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type DetectionSettings, parseDetectionSettings, SettingsError } from '@trailwarden/core';
import { parseDocument } from 'yaml';
import { InputError } from '../errors.js';

/**
 * Reads and validates a settings file (YAML or JSON; JSON is read by the YAML parser, of which
 * it is a subset). Every problem names the file and, for validation, each field and what is
 * wrong with it.
 *
 * @example
 * const settings = await loadSettingsFile('trailwarden.config.yaml', process.cwd());
 */
export async function loadSettingsFile(file: string, cwd: string): Promise<DetectionSettings> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(`cannot read settings file ${file}: ${reason}`, undefined, { cause });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = document.errors;
  if (first !== undefined) {
    // With prettyErrors the first line of the message ends with "at line L, column C:".
    const message = (first.message.split('\n', 1)[0] ?? '').replace(/:$/, '');
    throw new InputError(`settings file ${file} is not valid YAML or JSON: ${message}`, undefined, {
      cause: first,
    });
  }
  try {
    return parseDetectionSettings(document.toJS());
  } catch (cause) {
    if (!(cause instanceof SettingsError)) throw cause;
    const issues = cause.issues.map((issue) => `  - ${issue}`).join('\n');
    throw new InputError(`invalid settings in ${file}:\n${issues}`, undefined, { cause });
  }
}
