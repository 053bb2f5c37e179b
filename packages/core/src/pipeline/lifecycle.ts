import { InvalidTransitionError } from '../errors.js';
import type { FindingStatus, TransitionRequest } from './ports.js';

/**
 * The finding lifecycle: `open → acknowledged → resolved | suppressed`, and open straight to
 * resolved or suppressed. Resolved and suppressed are final: a recurrence is a new finding.
 * Both stores (memory and DynamoDB) refuse everything else with `InvalidTransitionError`.
 */
export const FINDING_TRANSITIONS: Readonly<Record<FindingStatus, readonly FindingStatus[]>> = {
  open: ['acknowledged', 'resolved', 'suppressed'],
  acknowledged: ['resolved', 'suppressed'],
  resolved: [],
  suppressed: [],
};

/**
 * Whether the lifecycle allows `from → to`.
 *
 * @example
 * canTransition('open', 'acknowledged'); // true
 * canTransition('resolved', 'open'); // false
 */
export function canTransition(from: FindingStatus, to: FindingStatus): boolean {
  return FINDING_TRANSITIONS[from].includes(to);
}

/**
 * Throws `InvalidTransitionError` unless the request is a valid change from `from`: the
 * lifecycle allows it, and a suppression says who owns it, why, and until when.
 *
 * @example
 * assertTransition('f-1', 'open', { to: 'suppressed', by: 'alice', now, suppression }); // ok
 */
export function assertTransition(findingId: string, from: FindingStatus, request: TransitionRequest): void {
  if (!canTransition(from, request.to)) {
    const allowed = FINDING_TRANSITIONS[from];
    const reason =
      allowed.length === 0 ? `${from} is final` : `from ${from} only ${allowed.join(' or ')} is allowed`;
    throw new InvalidTransitionError(findingId, from, request.to, reason);
  }
  if (request.to !== 'suppressed') return;
  const suppression = request.suppression;
  const complete =
    suppression !== undefined &&
    suppression.owner.trim() !== '' &&
    suppression.reason.trim() !== '' &&
    !Number.isNaN(Date.parse(suppression.expires));
  if (!complete) {
    throw new InvalidTransitionError(
      findingId,
      from,
      request.to,
      'a suppression needs an owner, a reason and an expiry date-time',
    );
  }
}
