import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { describeStore, resolveStoreConfig, type StoreFlags } from './store-config.js';

const cwd = '/home/me/project';

describe('resolveStoreConfig', () => {
  it.each([
    {
      name: 'the embedded store in .trailwarden/ by default',
      flags: {},
      env: {},
      config: { kind: 'local', dataDir: '/home/me/project/.trailwarden', table: 'trailwarden-findings' },
    },
    {
      name: 'TRAILWARDEN_DATA_DIR for the data directory',
      flags: {},
      env: { TRAILWARDEN_DATA_DIR: '/var/lib/trailwarden' },
      config: { kind: 'local', dataDir: '/var/lib/trailwarden', table: 'trailwarden-findings' },
    },
    {
      name: '--data-dir over TRAILWARDEN_DATA_DIR, relative to the working directory',
      flags: { dataDir: 'state', table: 'findings-v2' },
      env: { TRAILWARDEN_DATA_DIR: '/var/lib/trailwarden' },
      config: { kind: 'local', dataDir: '/home/me/project/state', table: 'findings-v2' },
    },
    { name: '--store memory', flags: { store: 'memory' }, env: {}, config: { kind: 'memory' } },
    {
      name: '--endpoint implies dynamodb; a local endpoint gets a region and dummy credentials',
      flags: { endpoint: 'http://127.0.0.1:8000' },
      env: {},
      config: {
        kind: 'dynamodb',
        table: 'trailwarden-findings',
        endpoint: 'http://127.0.0.1:8000',
        region: 'us-east-1',
        localCredentials: true,
      },
    },
    {
      name: 'AWS_ENDPOINT_URL_DYNAMODB over AWS_ENDPOINT_URL, with the region and credentials of the environment',
      flags: { store: 'dynamodb' },
      env: {
        AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8001',
        AWS_ENDPOINT_URL: 'http://localhost:4566',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      },
      config: {
        kind: 'dynamodb',
        table: 'trailwarden-findings',
        endpoint: 'http://localhost:8001',
        region: 'eu-west-1',
        localCredentials: false,
      },
    },
    {
      name: 'AWS itself: no endpoint, region and credentials left to the SDK',
      flags: { store: 'dynamodb', table: 'prod-findings' },
      env: {},
      config: { kind: 'dynamodb', table: 'prod-findings', localCredentials: false },
    },
  ] satisfies { name: string; flags: StoreFlags; env: Record<string, string>; config: unknown }[])(
    '$name',
    ({ flags, env, config }) => {
      // Act
      const resolved = resolveStoreConfig(flags, env, cwd);
      // Assess
      expect(resolved).toEqual(config);
    },
  );

  it.each([
    {
      flags: { store: 'local', endpoint: 'http://127.0.0.1:8000' },
      message: '--endpoint is for --store dynamodb',
    },
    { flags: { store: 'dynamodb', dataDir: 'x' }, message: '--data-dir is for --store local' },
    { flags: { store: 'memory', table: 'findings' }, message: '--table is for --store local or dynamodb' },
    { flags: { table: 'a b' }, message: '--table "a b" is not a DynamoDB table name' },
    { flags: { endpoint: '127.0.0.1:8000' }, message: '--endpoint "127.0.0.1:8000" is not an http(s) URL' },
  ] satisfies { flags: StoreFlags; message: string }[])('refuses $flags', ({ flags, message }) => {
    // Act
    const attempt = () => resolveStoreConfig(flags, {}, cwd);
    // Assess
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('describeStore', () => {
  it.each([
    { config: { kind: 'memory' } as const, label: 'memory (kept until the command ends)' },
    {
      config: { kind: 'local', dataDir: '/repo/.trailwarden', table: 't' } as const,
      label: 'embedded store in /repo/.trailwarden',
    },
    {
      config: {
        kind: 'dynamodb',
        table: 't',
        endpoint: 'http://127.0.0.1:8000',
        localCredentials: true,
      } as const,
      label: 'DynamoDB table t at http://127.0.0.1:8000',
    },
  ])('$label', ({ config, label }) => {
    // Act
    const described = describeStore(config);
    // Assess
    expect(described).toBe(label);
  });
});
