import { FindingLifecycleSchema } from '@trailwarden/core';
import { z } from 'zod';

/**
 * Schemas for what the store reads back. Items are written only by this code, but a table
 * outlives a deployment (older versions, hand edits in the console), so reads are parsed, not
 * cast; a mismatch becomes `CorruptItemError` naming the item. The finding (the JSON `body`
 * attribute) is read with the core's `FindingSchema`; the lifecycle attributes with the
 * core's `FindingLifecycleSchema`, so the store, the alert body and the types cannot drift apart.
 */

/** The lifecycle attributes of a finding item (the key and index attributes are not needed to read it). */
export const FindingItemSchema = FindingLifecycleSchema.extend({
  PK: z.string(),
  body: z.string(),
});

/** `status: Invalid option …; count: …` — one line naming each bad field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`).join('; ');
}
