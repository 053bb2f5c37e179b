import { z } from 'zod';

/** Account ids are strings in CloudTrail; re-serialized records sometimes carry numbers. */
export const AccountIdLikeSchema = z.union([z.string(), z.number()]);

/** CloudTrail writes booleans inside `sessionContext` as strings (`"true"`). */
export const BooleanLikeSchema = z.union([z.boolean(), z.enum(['true', 'false'])]);

/**
 * `userIdentity.sessionContext.sessionIssuer`: the role (or IAM user, for federation
 * tokens) whose credentials the session was issued from.
 *
 * @example
 * { "type": "Role", "principalId": "AROAEXAMPLEID", "arn": "arn:aws:iam::111122223333:role/Admin",
 *   "accountId": "111122223333", "userName": "Admin" }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export const SessionIssuerSchema = z.looseObject({
  type: z.string().optional(),
  principalId: z.string().optional(),
  arn: z.string().optional(),
  accountId: AccountIdLikeSchema.optional(),
  userName: z.string().optional(),
});

/**
 * `userIdentity.sessionContext`: present for temporary credentials.
 *
 * @example
 * { "sessionIssuer": { … },
 *   "attributes": { "creationDate": "2024-03-01T09:12:40Z", "mfaAuthenticated": "true" },
 *   "sourceIdentity": "alice" }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export const SessionContextSchema = z.looseObject({
  sessionIssuer: SessionIssuerSchema.optional(),
  attributes: z
    .looseObject({
      creationDate: z.string().optional(),
      mfaAuthenticated: BooleanLikeSchema.optional(),
    })
    .optional(),
  webIdFederationData: z
    .looseObject({ federatedProvider: z.string().optional(), attributes: z.unknown().optional() })
    .optional(),
  sourceIdentity: z.string().optional(),
});

/**
 * `userIdentity` of a CloudTrail record. Known types are `Root`, `IAMUser`, `AssumedRole`,
 * `FederatedUser`, `AWSService`, `AWSAccount`, `IdentityCenterUser`, `WebIdentityUser`,
 * `SAMLUser`, `Directory`, `Unknown`; `type` stays a free string so that types AWS adds
 * later are kept instead of rejected. Service events may carry only `invokedBy`.
 *
 * @example
 * { "type": "AssumedRole", "principalId": "AROAEXAMPLEID:alice", "accountId": "111122223333",
 *   "arn": "arn:aws:sts::111122223333:assumed-role/Admin/alice", "accessKeyId": "ASIAEXAMPLE",
 *   "sessionContext": { "sessionIssuer": { "type": "Role", "userName": "Admin", … },
 *                       "attributes": { "mfaAuthenticated": "false", … } } }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export const UserIdentitySchema = z.looseObject({
  type: z.string().optional(),
  principalId: z.string().optional(),
  arn: z.string().optional(),
  accountId: AccountIdLikeSchema.optional(),
  accessKeyId: z.string().optional(),
  userName: z.string().optional(),
  invokedBy: z.string().optional(),
  identityProvider: z.string().optional(),
  sessionContext: SessionContextSchema.optional(),
  /** Identity Center users: who the call was made for. */
  onBehalfOf: z
    .looseObject({ userId: z.string().optional(), identityStoreArn: z.string().optional() })
    .optional(),
  credentialId: z.string().optional(),
});

export type SessionIssuerShape = z.infer<typeof SessionIssuerSchema>;
export type SessionContext = z.infer<typeof SessionContextSchema>;
export type UserIdentity = z.infer<typeof UserIdentitySchema>;
