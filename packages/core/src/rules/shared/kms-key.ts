import type { ChangeEvent } from '../../events/change-event.js';
import { str } from '../../util/fields.js';
import { regionalArn } from './resource-arn.js';

/**
 * The ARN of the KMS key a call acted on: the response's `keyId`/`keyMetadata.arn` (KMS answers
 * with the full ARN), else the request's `keyId`, which may be an ARN, a key id or an alias
 * (`alias/name` → the alias ARN, since the key behind it is not in the record).
 *
 * @example
 * kmsKeyArn(event); // 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
 */
export function kmsKeyArn(event: ChangeEvent): string | undefined {
  const answered = str(event.responseElements, 'keyMetadata.arn') ?? str(event.responseElements, 'keyId');
  if (answered?.startsWith('arn:')) return answered;
  const keyId = str(event.requestParameters, 'keyId');
  if (!keyId) return event.resources.find((arn) => arn.includes(':kms:'));
  if (keyId.startsWith('arn:')) return keyId;
  return regionalArn(event, 'kms', keyId.startsWith('alias/') ? keyId : `key/${keyId}`);
}
