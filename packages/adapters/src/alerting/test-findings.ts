import { readFileSync } from 'node:fs';
import { type StoredFinding, StoredFindingSchema } from '@trailwarden/core';

/** Findings the alerting tests render, as the store would hand them to a publisher. */
export type FindingFixture =
  | 'root-console-login-critical'
  | 'iam-user-created-low'
  | 's3-bucket-policy-public-critical'
  | 'config-restricted-ssh-high';

/**
 * Loads a finding fixture from `fixtures/<name>.json`, validated by the same schema consumers
 * use, with optional overrides for the case at hand.
 *
 * @example
 * const finding = loadFinding('root-console-login-critical', { title: 'x'.repeat(300) });
 */
export function loadFinding(name: FindingFixture, overrides: Partial<StoredFinding> = {}): StoredFinding {
  const raw: unknown = JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
  return { ...StoredFindingSchema.parse(raw), ...overrides };
}
