import { describe, expect, it } from 'vitest';
import { toOcsf } from '../ocsf/to-ocsf.js';
import { findingOf } from '../test-findings.js';
import { OcsfDetectionFindingSchema } from './ocsf-schema.js';

/** A valid Detection Finding to break one attribute at a time. */
function validEvent(): Record<string, unknown> {
  const event: Record<string, unknown> = {
    ...toOcsf(findingOf('cloudtrail-logging-stopped'), { now: '2026-11-02T10:15:00Z' }),
  };
  expect(OcsfDetectionFindingSchema.safeParse(event).success).toBe(true);
  return event;
}

/** Required by the base event, the Finding class or Detection Finding (OCSF 1.1.0). */
const REQUIRED = [
  'activity_id',
  'category_uid',
  'class_uid',
  'type_uid',
  'severity_id',
  'time',
  'metadata',
  'finding_info',
  'cloud',
] as const;

describe('OcsfDetectionFindingSchema', () => {
  it.each(REQUIRED.map((key) => [key]))('rejects an event without %s', (key) => {
    const event = validEvent();
    delete event[key];
    expect(OcsfDetectionFindingSchema.safeParse(event).success).toBe(false);
  });

  const valid = validEvent();
  const metadata = valid.metadata as Record<string, unknown>;
  const findingInfo = valid.finding_info as Record<string, unknown>;
  it.each([
    ['a type_uid that is not class_uid * 100 + activity_id', { type_uid: 200402 }],
    ['the legacy Security Finding class', { class_uid: 2001, type_uid: 200101 }],
    ['a severity caption that does not match its id', { severity: 'Critical', severity_id: 1 }],
    ['a status caption that does not match its id', { status: 'Resolved', status_id: 1 }],
    ['a time in ISO text', { time: '2024-05-14T10:02:13Z' }],
    ['metadata without product', { metadata: { ...metadata, product: undefined } }],
    ['metadata of another schema version', { metadata: { ...metadata, version: '1.0.0' } }],
    ['finding_info without uid', { finding_info: { ...findingInfo, uid: undefined } }],
    ['finding_info without title', { finding_info: { ...findingInfo, title: undefined } }],
    ['an analytic without type_id', { finding_info: { ...findingInfo, analytic: { uid: 'x', name: 'x' } } }],
    ['a cloud without provider', { cloud: { region: 'us-east-1' } }],
    ['an api without operation', { api: { service: { name: 'iam.amazonaws.com' } } }],
    ['an empty evidence', { evidences: [{}] }],
    ['a remediation without desc', { remediation: { references: ['https://example.com'] } }],
  ])('rejects %s', (_case, patch) => {
    expect(OcsfDetectionFindingSchema.safeParse({ ...validEvent(), ...patch }).success).toBe(false);
  });
});
