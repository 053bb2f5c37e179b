import { z } from 'zod';
import { ASFF_NAMESPACES } from '../asff/asff-types.js';

/**
 * The ASFF attributes trailwarden writes, with the requirements and limits Security Hub
 * documents; `BatchImportFindings` rejects a finding that breaks them. Objects are strict, so a
 * misspelt attribute name fails validation instead of being silently dropped by Security Hub.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 */

/** Every ASFF string has the pattern `.*\S.*`: at least one non-whitespace character. */
const text = (max?: number) => {
  const base = z.string().regex(/\S/, 'must contain a non-whitespace character');
  return max === undefined ? base : base.max(max);
};

/**
 * Security Hub timestamps: RFC 3339 with `Z` or an offset, at most 9 fractional digits.
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html#timestamps
 */
const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/,
    'not a Security Hub timestamp',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a valid date');

/** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Severity.html */
const severity = z.strictObject({
  Label: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  Original: text(64).optional(),
});

/**
 * `namespace/category/classifier`, starting with one of the five namespaces.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html
 */
const findingType = text().refine(
  (value) => ASFF_NAMESPACES.some((namespace) => value === namespace || value.startsWith(`${namespace}/`)),
  'must start with an ASFF namespace',
);
const types = z.array(findingType).min(1).max(50);

/** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Resource.html */
const resource = z.strictObject({
  Type: text(256),
  Id: text(),
  Partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).optional(),
  Region: text(16).optional(),
});

/** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsApiCallAction.html */
const apiCallAction = z.strictObject({
  Api: text(128).optional(),
  ServiceName: text().optional(),
  CallerType: z.enum(['remoteip', 'domain']).optional(),
  RemoteIpDetails: z.strictObject({ IpAddressV4: z.ipv4() }).optional(),
  DomainDetails: z.strictObject({ Domain: text() }).optional(),
  FirstSeen: timestamp.optional(),
  LastSeen: timestamp.optional(),
});

export const AsffFindingSchema = z
  .strictObject({
    // Required top-level attributes.
    SchemaVersion: z.literal('2018-10-08'),
    Id: text(512),
    ProductArn: z
      .string()
      .regex(/^arn:aws(-cn|-us-gov)?:securityhub:[a-z0-9-]+:\d{0,12}:product\/[^/\s]+\/[^/\s]+$/),
    GeneratorId: text(512),
    AwsAccountId: z.string().regex(/^\d{12}$/),
    Types: types,
    CreatedAt: timestamp,
    UpdatedAt: timestamp,
    Severity: severity,
    Title: text(256),
    Description: text(1024),
    Resources: z.array(resource).min(1).max(32),
    // Optional attributes trailwarden sets.
    ProductName: text(128).optional(),
    CompanyName: text(128).optional(),
    Region: text(16).optional(),
    FirstObservedAt: timestamp.optional(),
    LastObservedAt: timestamp.optional(),
    /** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Recommendation.html */
    Remediation: z
      .strictObject({
        Recommendation: z.strictObject({ Text: text(512).optional(), Url: z.url().optional() }),
      })
      .optional(),
    /** Up to 50 pairs; keys up to 128 characters, values up to 2048; strings only. */
    ProductFields: z
      .record(text(128), z.string().max(2048))
      .refine((fields) => Object.keys(fields).length <= 50, 'at most 50 product fields')
      .optional(),
    /** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Compliance.html */
    Compliance: z
      .strictObject({
        Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']),
        RelatedRequirements: z.array(text()).max(32).optional(),
      })
      .optional(),
    Workflow: z.strictObject({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
    RecordState: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
    /** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Note.html */
    Note: z.strictObject({ Text: text(512), UpdatedBy: text(512), UpdatedAt: timestamp }).optional(),
    Action: z
      .strictObject({ ActionType: z.literal('AWS_API_CALL'), AwsApiCallAction: apiCallAction })
      .optional(),
    /** @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_FindingProviderFields.html */
    FindingProviderFields: z.strictObject({ Severity: severity, Types: types }).optional(),
  })
  .superRefine((finding, context) => {
    // The account's default (custom-integration) product only takes findings of the calling
    // account, and that account must be the product's.
    const product = /:product\/(\d{12})\/default$/.exec(finding.ProductArn);
    if (product && product[1] !== finding.AwsAccountId) {
      context.addIssue({
        code: 'custom',
        path: ['ProductArn'],
        message: 'default product account differs from AwsAccountId',
      });
    }
  });

export type AsffFindingInput = z.input<typeof AsffFindingSchema>;
