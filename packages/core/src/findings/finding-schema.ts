import { z } from 'zod';
import type { Provenance } from '../events/change-event.js';
import { CategorySchema } from './category.js';
import type { Finding } from './finding.js';
import { SeveritySchema } from './severity.js';

/**
 * The one schema of a {@link Finding} as it travels outside the process: a finding read back
 * from the store, carried in an alert body, loaded from a fixture. The `Finding` interface stays
 * the source of truth; `finding-schema.test.ts` checks at compile time that the two agree.
 */

/** Every {@link Provenance}, in the order `change-event.ts` explains them. */
export const PROVENANCES = [
  'human-console',
  'human-api',
  'deploy-pipeline',
  'aws-service',
  'unknown',
] as const satisfies readonly Provenance[];

const strings = z.array(z.string());

/**
 * Schema of a {@link Finding}.
 *
 * @example
 * const finding: Finding = FindingSchema.parse(JSON.parse(text));
 */
export const FindingSchema = z.object({
  // Ids are hashes and rule ids are folder names: never empty.
  id: z.string().min(1),
  ruleId: z.string().min(1),
  category: CategorySchema,
  severity: SeveritySchema,
  title: z.string(),
  summary: z.string(),
  eventId: z.string(),
  eventName: z.string(),
  eventSource: z.string(),
  account: z.string(),
  region: z.string(),
  time: z.string(),
  actor: z.object({
    type: z.string(),
    arn: z.string().optional(),
    principalId: z.string().optional(),
    sourceIp: z.string().optional(),
    userAgent: z.string().optional(),
    mfa: z.boolean(),
    provenance: z.enum(PROVENANCES),
  }),
  resources: strings,
  context: z.record(z.string(), z.unknown()),
  references: z.object({
    cis: strings.optional(),
    securityHub: strings.optional(),
    mitre: strings.optional(),
    links: strings.optional(),
  }),
  runbook: z.string(),
  dedupeKey: z.string(),
  remediation: strings,
  source: z.object({ file: z.string(), index: z.number().int() }).optional(),
}) satisfies z.ZodType<Finding>;
