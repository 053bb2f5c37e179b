import type { Finding, Provenance } from '@trailwarden/core';
import { CategorySchema, SeveritySchema } from '@trailwarden/core';
import { z } from 'zod';
import type { FindingStatus } from './ports.js';

/**
 * Schemas for what the store reads back. Items are written only by this code, but a table
 * outlives a deployment (older versions, hand edits in the console), so reads are parsed, not
 * cast; a mismatch becomes `CorruptItemError` naming the item.
 */

const PROVENANCES = [
  'human-console',
  'human-api',
  'deploy-pipeline',
  'aws-service',
  'unknown',
] as const satisfies readonly Provenance[];

export const FINDING_STATUSES = [
  'open',
  'acknowledged',
  'resolved',
  'suppressed',
] as const satisfies readonly FindingStatus[];
export const FindingStatusSchema = z.enum(FINDING_STATUSES);

const strings = z.array(z.string());

/** The immutable part of a finding, stored as the JSON `body` attribute. */
export const FindingBodySchema = z.object({
  id: z.string(),
  ruleId: z.string(),
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
  source: z.object({ file: z.string(), index: z.number() }).optional(),
});

// Compile-time guard: the schema's output must stay assignable to the core's Finding.
const _bodyMatchesFinding = (parsed: z.infer<typeof FindingBodySchema>): Finding => parsed;
void _bodyMatchesFinding;

export const SuppressionSchema = z.object({
  id: z.string(),
  owner: z.string(),
  reason: z.string(),
  expires: z.string(),
});

export const StatusChangeSchema = z.object({
  from: FindingStatusSchema,
  to: FindingStatusSchema,
  at: z.string(),
  by: z.string(),
  reason: z.string().optional(),
});

/** The lifecycle attributes of a finding item (the key and index attributes are not needed to read it). */
export const FindingItemSchema = z.object({
  PK: z.string(),
  body: z.string(),
  status: FindingStatusSchema,
  count: z.number().int().positive(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  alerted: z.boolean(),
  alertedAt: z.string().optional(),
  suppression: SuppressionSchema.optional(),
  history: z.array(StatusChangeSchema),
  updatedAt: z.string(),
});

/** `status: Invalid option …; count: …` — one line naming each bad field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`).join('; ');
}
