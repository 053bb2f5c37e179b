import type { FindingStatus, Severity } from '@trailwarden/core';
import type { FindingLife } from '../finding-view.js';
import type { OcsfActivityId, OcsfSeverityId, OcsfStatusId, OcsfUser } from './ocsf-finding.js';

/**
 * trailwarden's enums in OCSF 1.1.0 ids and captions (the caption is the id's string sibling).
 *
 * @see https://schema.ocsf.io/1.1.0/classes/detection_finding
 * @see https://schema.ocsf.io/1.1.0/objects/user
 */

export const OCSF_SEVERITY: Readonly<
  Record<Severity, { readonly id: OcsfSeverityId; readonly caption: string }>
> = {
  info: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
};

/** Acknowledged means someone is looking at it: OCSF's `In Progress`. */
export const OCSF_STATUS: Readonly<
  Record<FindingStatus, { readonly id: OcsfStatusId; readonly caption: string }>
> = {
  open: { id: 1, caption: 'New' },
  acknowledged: { id: 2, caption: 'In Progress' },
  suppressed: { id: 3, caption: 'Suppressed' },
  resolved: { id: 4, caption: 'Resolved' },
};

export const OCSF_ACTIVITY: Readonly<Record<OcsfActivityId, string>> = {
  1: 'Create',
  2: 'Update',
  3: 'Close',
};

/**
 * Which finding event this is: a fresh finding is `Create`; a resolved one `Close`; a stored
 * finding the store changed since (repeats counted, status moved) `Update`.
 *
 * @example
 * ocsfActivity(findingLife(freshFinding, now)); // 1
 */
export function ocsfActivity(life: FindingLife): OcsfActivityId {
  if (life.status === 'resolved') return 3;
  return life.changed ? 2 : 1;
}

/** CloudTrail `userIdentity.type` → OCSF user type (`Unknown` 0, `User` 1, `Admin` 2, `System` 3, `Other` 99). */
const USER_TYPES: Readonly<Record<string, { readonly id: OcsfUser['type_id']; readonly caption: string }>> = {
  Root: { id: 2, caption: 'Admin' },
  IAMUser: { id: 1, caption: 'User' },
  AssumedRole: { id: 1, caption: 'User' },
  FederatedUser: { id: 1, caption: 'User' },
  IdentityCenterUser: { id: 1, caption: 'User' },
  SAMLUser: { id: 1, caption: 'User' },
  WebIdentityUser: { id: 1, caption: 'User' },
  AWSService: { id: 3, caption: 'System' },
};

/**
 * The OCSF user type of a CloudTrail identity type; types OCSF has no id for are `Other` with
 * the CloudTrail type as caption, as OCSF asks for id 99.
 *
 * @example
 * ocsfUserType('AWSAccount'); // { id: 99, caption: 'AWSAccount' }
 */
export function ocsfUserType(type: string): { readonly id: OcsfUser['type_id']; readonly caption: string } {
  if (type === '' || type === 'Unknown') return { id: 0, caption: 'Unknown' };
  return USER_TYPES[type] ?? { id: 99, caption: type };
}
