import { bool } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';

/**
 * EBS encryption by default turned off for a region (`DisableEbsEncryptionByDefault`): new
 * volumes and snapshot copies in the region are created unencrypted unless each request asks
 * for encryption. The setting is per account and region, hence the dedupe on region.
 * Failed calls, and a response that reports encryption still on, are not judged.
 */
export default defineRule({
  id: 'ebs-default-encryption-disabled',
  title: 'EBS encryption by default disabled',
  description:
    'DisableEbsEncryptionByDefault: new EBS volumes in the region are no longer encrypted unless the request asks for it.',
  category: 's3_encryption_removed',
  severity: 'medium',
  events: [{ source: 'ec2.amazonaws.com', names: ['DisableEbsEncryptionByDefault'] }],
  references: {
    securityHub: ['EC2.7'],
    links: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7',
    ],
  },
  runbook: `## What to check
1. Why was it turned off (a workload that needs unencrypted volumes is rare: AMI sharing with
   accounts that lack key access is the usual reason)? Ask the actor.
2. Were unencrypted volumes created since?
   \`aws ec2 describe-volumes --region REGION --filters Name=encrypted,Values=false --query 'Volumes[].[VolumeId,CreateTime]'\`

## How to fix
- Turn it back on (per region):
  \`aws ec2 enable-ebs-encryption-by-default --region REGION\`
  \`aws ec2 get-ebs-encryption-by-default --region REGION\`
- Check or set the default key: \`aws ec2 get-ebs-default-kms-key-id --region REGION\`
- Encrypt volumes created meanwhile: snapshot, copy the snapshot with \`--encrypted\`, and
  replace the volume.
- Prevent it: an SCP denying \`ec2:DisableEbsEncryptionByDefault\`.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event) {
    if (!event.success) return undefined;
    const stillOn = bool(
      event.responseElements,
      'DisableEbsEncryptionByDefaultResponse.ebsEncryptionByDefault',
    );
    if (stillOn === true) return undefined;
    return {
      summary: `${actorLabel(event.actor)} disabled EBS encryption by default in ${whereLabel(event)}.`,
      context: { region: event.region },
      dedupe: [event.region],
    };
  },
});
