import { z } from 'zod';

/**
 * OCSF 1.1.0 Detection Finding [2004] as trailwarden writes it: the class's required attributes
 * (base event + finding + `finding_info`), the objects' required attributes, the enum ids with
 * their caption siblings, and `type_uid = class_uid * 100 + activity_id`.
 *
 * @see https://schema.ocsf.io/1.1.0/classes/detection_finding
 * @see https://schema.ocsf.io/1.1.0/objects/finding_info (uid and title required)
 * @see https://schema.ocsf.io/1.1.0/objects/metadata (product and version required)
 * @see https://schema.ocsf.io/1.1.0/objects/analytic (type_id required)
 * @see https://schema.ocsf.io/1.1.0/objects/cloud (provider required)
 * @see https://schema.ocsf.io/1.1.0/objects/api (operation required)
 * @see https://schema.ocsf.io/1.1.0/objects/evidences (at least one artifact)
 */

const text = z.string().regex(/\S/, 'must contain a non-whitespace character');
/** `timestamp_t`: epoch milliseconds. */
const timestamp = z.number().int().nonnegative();

const ACTIVITIES = { 1: 'Create', 2: 'Update', 3: 'Close' } as const;
const SEVERITIES = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' } as const;
const STATUSES = { 1: 'New', 2: 'In Progress', 3: 'Suppressed', 4: 'Resolved' } as const;

const account = z.object({
  uid: z.string().regex(/^\d{12}$/),
  type: z.literal('AWS Account'),
  type_id: z.literal(10),
});

const user = z
  .object({
    type_id: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(99)]),
    type: text,
    uid: text.optional(),
    name: text.optional(),
    account: account.optional(),
  })
  .refine((value) => value.uid !== undefined || value.name !== undefined, 'user needs a uid or a name');

const api = z.object({ operation: text, service: z.object({ name: text }).optional() });

const evidence = z
  .object({
    actor: z.object({ user, session: z.object({ is_mfa: z.boolean() }).optional() }).optional(),
    api: api.optional(),
    src_endpoint: z
      .object({ ip: z.union([z.ipv4(), z.ipv6()]).optional(), domain: text.optional() })
      .refine(
        (value) => value.ip !== undefined || value.domain !== undefined,
        'endpoint needs an ip or a domain',
      )
      .optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'evidence needs at least one artifact');

export const OcsfDetectionFindingSchema = z
  .object({
    activity_id: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    activity_name: text.optional(),
    category_uid: z.literal(2),
    category_name: z.literal('Findings').optional(),
    class_uid: z.literal(2004),
    class_name: z.literal('Detection Finding').optional(),
    type_uid: z.number().int(),
    type_name: text.optional(),
    severity_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    severity: text.optional(),
    status_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    status: text.optional(),
    time: timestamp,
    start_time: timestamp.optional(),
    end_time: timestamp.optional(),
    count: z.number().int().min(1).optional(),
    message: text.optional(),
    metadata: z.object({
      version: z.literal('1.1.0'),
      uid: text.optional(),
      correlation_uid: text.optional(),
      profiles: z.array(text).optional(),
      product: z.object({ name: text, vendor_name: text, version: text.optional() }),
    }),
    finding_info: z.object({
      uid: text,
      title: text,
      desc: text.optional(),
      types: z.array(text).optional(),
      created_time: timestamp.optional(),
      modified_time: timestamp.optional(),
      first_seen_time: timestamp.optional(),
      last_seen_time: timestamp.optional(),
      analytic: z
        .object({
          uid: text.optional(),
          name: text.optional(),
          desc: text.optional(),
          type_id: z.union([
            z.literal(0),
            z.literal(1),
            z.literal(2),
            z.literal(3),
            z.literal(4),
            z.literal(99),
          ]),
          type: text.optional(),
        })
        .optional(),
    }),
    cloud: z.object({ provider: z.literal('AWS'), region: text.optional(), account: account.optional() }),
    api: api.optional(),
    evidences: z.array(evidence).min(1).optional(),
    resources: z
      .array(
        z.object({
          uid: text,
          type: text,
          name: text.optional(),
          region: text.optional(),
          cloud_partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).optional(),
        }),
      )
      .min(1)
      .optional(),
    remediation: z.object({ desc: text, references: z.array(z.url()).optional() }).optional(),
    unmapped: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((event, context) => {
    const expect = (ok: boolean, path: string, message: string) => {
      if (!ok) context.addIssue({ code: 'custom', path: [path], message });
    };
    expect(
      event.type_uid === event.class_uid * 100 + event.activity_id,
      'type_uid',
      'must be class_uid * 100 + activity_id',
    );
    expect(
      event.activity_name === undefined || event.activity_name === ACTIVITIES[event.activity_id],
      'activity_name',
      'must be the caption of activity_id',
    );
    expect(
      event.severity === undefined || event.severity === SEVERITIES[event.severity_id],
      'severity',
      'must be the caption of severity_id',
    );
    expect(
      event.status === undefined ||
        (event.status_id !== undefined && event.status === STATUSES[event.status_id]),
      'status',
      'must be the caption of status_id',
    );
    const { first_seen_time: first, last_seen_time: last } = event.finding_info;
    expect(
      first === undefined || last === undefined || first <= last,
      'finding_info',
      'first seen after last seen',
    );
  });

export type OcsfDetectionFindingInput = z.input<typeof OcsfDetectionFindingSchema>;
