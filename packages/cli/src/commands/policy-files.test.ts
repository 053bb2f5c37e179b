import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIo } from '../testing/fake-io.js';
import { MAX_POLICY_FILE_BYTES, PolicyFileError, policyJson, readPolicyText } from './policy-files.js';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trailwarden-policy-files-'));
  writeFileSync(join(dir, 'policy.json'), '{"Statement":[]}');
  writeFileSync(join(dir, 'huge.json'), '');
  // Sparse: the size is what counts, no need to write the bytes.
  truncateSync(join(dir, 'huge.json'), MAX_POLICY_FILE_BYTES + 1);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readPolicyText', () => {
  it.each<[string, string, string | readonly string[] | undefined, string]>([
    ['a file relative to cwd', 'policy.json', undefined, '{"Statement":[]}'],
    ['standard input in chunks', '-', ['{"State', 'ment":[]}'], '{"Statement":[]}'],
    ['empty standard input', '-', undefined, ''],
  ])('reads %s', async (_name, file, stdin, expected) => {
    // Prepare
    const io = fakeIo({ cwd: dir, ...(stdin !== undefined && { stdin }) });

    // Act
    const text = await readPolicyText(io, file);

    // Assess
    expect(text).toBe(expected);
  });

  it.each<[string, string, string | undefined, RegExp, RegExp]>([
    ['a missing file', 'missing.json', undefined, /^cannot read missing\.json: ENOENT/, /^ENOENT/],
    [
      'a file over the limit',
      'huge.json',
      undefined,
      new RegExp(`^huge\\.json is ${MAX_POLICY_FILE_BYTES + 1} bytes, larger than ${MAX_POLICY_FILE_BYTES}$`),
      new RegExp(`^${MAX_POLICY_FILE_BYTES + 1} bytes`),
    ],
    [
      'standard input over the limit',
      '-',
      'x'.repeat(MAX_POLICY_FILE_BYTES + 1),
      new RegExp(`^standard input is larger than ${MAX_POLICY_FILE_BYTES} bytes$`),
      /^larger than/,
    ],
  ])('refuses %s', async (_name, file, stdin, message, reason) => {
    // Prepare
    const io = fakeIo({ cwd: dir, ...(stdin !== undefined && { stdin }) });

    // Act
    const read = readPolicyText(io, file);

    // Assess
    const error = await read.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(PolicyFileError);
    expect(error).toMatchObject({
      file,
      message: expect.stringMatching(message),
      reason: expect.stringMatching(reason),
    });
  });
});

describe('policyJson', () => {
  it.each<[string, string, unknown]>([
    ['JSON output', '{"Policy":"{}"}', { Policy: '{}' }],
    ['a JSON string', '"%7B%7D"', '%7B%7D'],
    ['URL-encoded text', '%7B%22Statement%22%3A%5B%5D%7D', '%7B%22Statement%22%3A%5B%5D%7D'],
    ['truncated JSON', '{"Statement": [', '{"Statement": ['],
  ])('reads %s', (_name, text, expected) => {
    // Act
    const value = policyJson(text);

    // Assess
    expect(value).toEqual(expected);
  });
});
