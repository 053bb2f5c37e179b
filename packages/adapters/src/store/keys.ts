import { stableHash } from '@trailwarden/core';

/**
 * Key builders for every item type. Keys are strings made of caller data (dedupe keys, state
 * keys), so overly long parts are replaced by a stable hash: DynamoDB's partition key limit is
 * 2,048 bytes and keys here must never fail a write.
 */

export interface ItemKey {
  readonly PK: string;
  readonly SK: string;
}

const MAX_PART = 512;

function part(value: string): string {
  return Buffer.byteLength(value, 'utf8') <= MAX_PART ? value : `sha256:${stableHash([value], 64)}`;
}

export const FINDING_SK = 'FINDING';
export const REMEDIATION_PREFIX = 'REMEDIATION#';

/** `FINDING#<id>` / `FINDING` */
export const findingKey = (id: string): ItemKey => ({ PK: `FINDING#${part(id)}`, SK: FINDING_SK });

/** `DEDUPE#<dedupeKey>` / `DEDUPE`: the pointer to the finding that owns the current window. */
export const dedupePointerKey = (dedupeKey: string): ItemKey => ({
  PK: `DEDUPE#${part(dedupeKey)}`,
  SK: 'DEDUPE',
});

/** `STATE#<key>` / `STATE` */
export const stateItemKey = (key: string): ItemKey => ({ PK: `STATE#${part(key)}`, SK: 'STATE' });

/** `COUNTER#<key>#<slotMs>#<slotStart>` / `COUNTER`: one slot of a sliding-window counter. */
export const counterSlotKey = (key: string, slotMs: number, slotStart: number): ItemKey => ({
  PK: `COUNTER#${part(key)}#${slotMs}#${slotStart}`,
  SK: 'COUNTER',
});

/** `FINDING#<id>` / `REMEDIATION#<time>#<actionId>`: audit records sort by time under their finding. */
export const remediationKey = (findingId: string, at: string, actionId: string): ItemKey => ({
  PK: findingKey(findingId).PK,
  SK: `${REMEDIATION_PREFIX}${at}#${part(actionId)}`,
});
