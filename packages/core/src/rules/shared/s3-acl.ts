import { list, obj, str } from '../../util/fields.js';

/**
 * Reading the grants of `PutBucketAcl` / `PutObjectAcl` records. An ACL arrives in one of three
 * forms (S3 refuses a request that mixes them):
 * - a body: `AccessControlPolicy.AccessControlList.Grant` (one object or a list) with
 *   `Grantee.URI` for groups and `Permission`;
 * - a canned ACL header: `x-amz-acl: ["public-read"]`;
 * - grant headers: `x-amz-grant-read: ["uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""]`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
 */

/** The two groups that make a grant public: everyone, and every AWS account holder. */
export type PublicGroup = 'AllUsers' | 'AuthenticatedUsers';

export type AclPermission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

export interface PublicAclGrant {
  readonly grantee: PublicGroup;
  readonly permission: AclPermission;
  /** `body`, `canned:<acl>` or the grant header it came from. */
  readonly via: string;
}

const PERMISSIONS: readonly AclPermission[] = ['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL'];

const CANNED: Readonly<Record<string, readonly (readonly [PublicGroup, AclPermission])[]>> = {
  'public-read': [['AllUsers', 'READ']],
  'public-read-write': [
    ['AllUsers', 'READ'],
    ['AllUsers', 'WRITE'],
  ],
  'authenticated-read': [['AuthenticatedUsers', 'READ']],
};

const GRANT_HEADERS: Readonly<Record<string, AclPermission>> = {
  'x-amz-grant-read': 'READ',
  'x-amz-grant-write': 'WRITE',
  'x-amz-grant-read-acp': 'READ_ACP',
  'x-amz-grant-write-acp': 'WRITE_ACP',
  'x-amz-grant-full-control': 'FULL_CONTROL',
};

/** `http://acs.amazonaws.com/groups/global/AllUsers` → `AllUsers`; other URIs (LogDelivery) → undefined. */
export function publicGroupOf(uri: string | undefined): PublicGroup | undefined {
  const name = uri?.trim().replace(/\/+$/, '').split('/').at(-1)?.toLowerCase();
  if (!uri?.toLowerCase().includes('acs.amazonaws.com/groups/global/')) return undefined;
  if (name === 'allusers') return 'AllUsers';
  if (name === 'authenticatedusers') return 'AuthenticatedUsers';
  return undefined;
}

const asPermission = (value: string | undefined): AclPermission | undefined =>
  PERMISSIONS.find((p) => p === value?.toUpperCase());

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const strings = (values: readonly unknown[]): string[] =>
  values.filter((v): v is string => typeof v === 'string');

/** URIs named in a grant header value: `uri="http://…/AllUsers", id="…"`. */
function headerUris(value: string): string[] {
  return [...value.matchAll(/uri\s*=\s*"?([^",\s]+)"?/gi)].map((m) => m[1] ?? '');
}

/**
 * The grants to `AllUsers` / `AuthenticatedUsers` an ACL call sets, from whichever form it used.
 *
 * @example
 * publicAclGrants({ 'x-amz-acl': ['public-read'] }); // [{ grantee: 'AllUsers', permission: 'READ', via: 'canned:public-read' }]
 */
export function publicAclGrants(requestParameters: Readonly<Record<string, unknown>>): PublicAclGrant[] {
  const grants: PublicAclGrant[] = [];
  const acl = obj(requestParameters, 'AccessControlPolicy.AccessControlList');
  // `Grant` is one object when the ACL has one grant, a list otherwise.
  for (const grant of list(acl, 'Grant').filter(isRecord)) {
    const grantee = publicGroupOf(str(grant, 'Grantee.URI'));
    const permission = asPermission(str(grant, 'Permission'));
    if (grantee && permission) grants.push({ grantee, permission, via: 'body' });
  }
  for (const canned of strings(list(requestParameters, 'x-amz-acl'))) {
    for (const [grantee, permission] of CANNED[canned.toLowerCase()] ?? []) {
      grants.push({ grantee, permission, via: `canned:${canned}` });
    }
  }
  for (const [header, permission] of Object.entries(GRANT_HEADERS)) {
    for (const value of strings(list(requestParameters, header))) {
      for (const uri of headerUris(value)) {
        const grantee = publicGroupOf(uri);
        if (grantee) grants.push({ grantee, permission, via: header });
      }
    }
  }
  return grants;
}

/** Permissions that let the public change data or the ACL itself. */
export const WRITE_PERMISSIONS: ReadonlySet<AclPermission> = new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']);
