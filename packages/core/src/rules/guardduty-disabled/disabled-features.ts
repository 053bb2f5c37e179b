import { bool, field, list, obj, str } from '../../util/fields.js';

type Bag = Readonly<Record<string, unknown>>;

const asBag = (value: unknown): Bag | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : undefined;

/**
 * GuardDuty protections an `UpdateDetector` / `UpdateMemberDetectors` request turns off, as
 * readable names. Two request generations exist and both are read:
 * - `features[]`: `{ name: "S3_DATA_EVENTS", status: "DISABLED", additionalConfiguration:
 *   [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }] }` (current API);
 * - `dataSources`: `s3Logs.enable`, `kubernetes.auditLogs.enable`,
 *   `malwareProtection.scanEc2InstanceWithFindings.ebsVolumes` (legacy API, still accepted).
 *
 * @example
 * disabledFeatures({ features: [{ name: 'S3_DATA_EVENTS', status: 'DISABLED' }] }); // ['S3_DATA_EVENTS']
 */
export function disabledFeatures(request: Bag): string[] {
  const off: string[] = [];
  for (const feature of list(request, 'features')) {
    const bag = asBag(feature);
    const name = str(bag, 'name') ?? 'unnamed feature';
    if (str(bag, 'status')?.toUpperCase() === 'DISABLED') off.push(name);
    for (const extra of list(bag, 'additionalConfiguration')) {
      const extraBag = asBag(extra);
      if (str(extraBag, 'status')?.toUpperCase() === 'DISABLED') {
        off.push(`${name}/${str(extraBag, 'name') ?? 'unnamed configuration'}`);
      }
    }
  }
  const sources = obj(request, 'dataSources');
  if (bool(sources, 's3Logs.enable') === false) off.push('dataSources.s3Logs');
  if (bool(sources, 'kubernetes.auditLogs.enable') === false) off.push('dataSources.kubernetes.auditLogs');
  const ebs = field(sources, 'malwareProtection.scanEc2InstanceWithFindings.ebsVolumes');
  if (ebs === false || ebs === 'false' || bool(asBag(ebs), 'enable') === false) {
    off.push('dataSources.malwareProtection.ebsVolumes');
  }
  return off;
}
