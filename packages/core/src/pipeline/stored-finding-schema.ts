import { z } from 'zod';
import { FindingSchema } from '../findings/finding-schema.js';
import type { FindingStatus, StatusChange, StoredFinding, SuppressionRef } from './ports.js';

/**
 * The one schema of a {@link StoredFinding}: a finding plus the lifecycle the store keeps.
 * The DynamoDB store reads its items with the lifecycle part, the alert body carries the whole;
 * `stored-finding-schema.test.ts` checks at compile time that the schema and the types agree.
 */

/** Every {@link FindingStatus}, in lifecycle order. */
export const FINDING_STATUSES = [
  'open',
  'acknowledged',
  'resolved',
  'suppressed',
] as const satisfies readonly FindingStatus[];

export const FindingStatusSchema = z.enum(FINDING_STATUSES);

/** Schema of a {@link SuppressionRef}. */
export const SuppressionRefSchema = z.object({
  id: z.string(),
  owner: z.string(),
  reason: z.string(),
  expires: z.string(),
}) satisfies z.ZodType<SuppressionRef>;

/** Schema of a {@link StatusChange}. */
export const StatusChangeSchema = z.object({
  from: FindingStatusSchema,
  to: FindingStatusSchema,
  at: z.string(),
  by: z.string(),
  reason: z.string().optional(),
}) satisfies z.ZodType<StatusChange>;

/**
 * The fields a {@link StoredFinding} adds to a finding: status, counts, alert and audit trail.
 *
 * @example
 * const lifecycle = FindingLifecycleSchema.parse({ status: 'open', count: 1, … });
 */
export const FindingLifecycleSchema = z.object({
  status: FindingStatusSchema,
  count: z.number().int().min(1),
  firstSeen: z.string(),
  lastSeen: z.string(),
  alerted: z.boolean(),
  alertedAt: z.string().optional(),
  suppression: SuppressionRefSchema.optional(),
  history: z.array(StatusChangeSchema),
  updatedAt: z.string(),
});

/**
 * Schema of a {@link StoredFinding}.
 *
 * @example
 * const finding: StoredFinding = StoredFindingSchema.parse(body.finding);
 */
export const StoredFindingSchema = FindingSchema.extend(
  FindingLifecycleSchema.shape,
) satisfies z.ZodType<StoredFinding>;
