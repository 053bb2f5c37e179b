import type { Actor, SessionIssuer } from '../events/change-event.js';
import { provenanceOf } from './provenance.js';
import { UA_CONSOLE, userAgentTraits } from './user-agent.js';
import { accountText, type Bag, bagOf, EMPTY_BAG, flag, text } from './values.js';

/** The parts of the record, besides `userIdentity`, that say who called and how. */
export interface ActorContext {
  readonly eventSource: string;
  readonly eventName: string;
  readonly eventType: string | undefined;
  readonly userAgent: string | undefined;
  readonly sourceIp: string | undefined;
  readonly additionalEventData: Bag;
  /** The record's top-level `sessionCredentialFromConsole` (`"true"` for console sessions). */
  readonly sessionCredentialFromConsole: unknown;
  readonly deployRoles: readonly string[] | undefined;
}

function readIssuer(sessionContext: Bag): SessionIssuer | undefined {
  const issuer = bagOf(sessionContext.sessionIssuer);
  if (!issuer) return undefined;
  const result: SessionIssuer = {
    type: text(issuer.type),
    arn: text(issuer.arn),
    userName: text(issuer.userName),
    accountId: accountText(issuer.accountId),
    principalId: text(issuer.principalId),
  };
  return result.type || result.arn || result.userName ? result : undefined;
}

/** `federated-user/Bob` → `Bob`. */
function afterSlash(arn: string | undefined, marker: string): string | undefined {
  if (!arn) return undefined;
  const at = arn.indexOf(marker);
  return at < 0 ? undefined : arn.slice(at + marker.length);
}

function userNameOf(type: string, identity: Bag, arn: string | undefined, issuer: SessionIssuer | undefined) {
  const own = text(identity.userName);
  switch (type) {
    case 'AssumedRole':
      return issuer?.userName ?? own;
    case 'FederatedUser':
      return own ?? afterSlash(arn, ':federated-user/') ?? issuer?.userName;
    case 'IdentityCenterUser':
      return own ?? text(bagOf(identity.onBehalfOf)?.userId);
    default:
      return own;
  }
}

/**
 * Builds the `Actor` from a CloudTrail record's `userIdentity` (any type, including ones
 * AWS adds later, which are kept as written) and the call's user agent and source IP.
 * A record without `userIdentity` yields type `Unknown`; one whose identity only names an
 * `invokedBy` service (service events) yields type `AWSService`.
 *
 * @example
 * const actor = readActor(record.userIdentity, { eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', … });
 * actor.provenance; // 'human-api'
 */
export function readActor(userIdentity: unknown, ctx: ActorContext): Actor {
  return actorOf(
    userIdentity,
    ctx.eventSource,
    ctx.eventType,
    ctx.userAgent,
    ctx.sourceIp,
    ctx.additionalEventData,
    ctx.sessionCredentialFromConsole,
    ctx.deployRoles,
  );
}

/**
 * {@link readActor} with the context as arguments: the record reader calls it once per record,
 * so it builds no context object, and reads the user agent's traits once for both the console
 * check and provenance.
 */
export function actorOf(
  userIdentity: unknown,
  eventSource: string,
  eventType: string | undefined,
  userAgent: string | undefined,
  sourceIp: string | undefined,
  additionalEventData: Bag,
  sessionCredentialFromConsole: unknown,
  deployRoles: readonly string[] | undefined,
): Actor {
  const identity: Bag = bagOf(userIdentity) ?? EMPTY_BAG;
  const invokedBy = text(identity.invokedBy);
  const type = text(identity.type) || (invokedBy ? 'AWSService' : 'Unknown');
  const arn = text(identity.arn);
  const sessionContext = bagOf(identity.sessionContext);
  const issuer = sessionContext === undefined ? undefined : readIssuer(sessionContext);
  const userName = userNameOf(type, identity, arn, issuer);
  const isSignIn = eventSource === 'signin.amazonaws.com';
  const mfaUsed =
    (sessionContext !== undefined && flag(bagOf(sessionContext.attributes)?.mfaAuthenticated) === true) ||
    (isSignIn && additionalEventData.MFAUsed === 'Yes');
  const traits = userAgentTraits(userAgent);
  const viaConsole =
    flag(sessionCredentialFromConsole) === true ||
    isSignIn ||
    eventType === 'AwsConsoleSignIn' ||
    eventType === 'AwsConsoleAction' ||
    (traits & UA_CONSOLE) !== 0;
  // Only web-identity callers and the role sessions they start can be CI OIDC sessions.
  const webIdentityProvider =
    type === 'WebIdentityUser'
      ? text(identity.identityProvider)
      : type === 'AssumedRole' && sessionContext !== undefined
        ? text(bagOf(sessionContext.webIdFederationData)?.federatedProvider)
        : undefined;
  const roleName = type === 'AssumedRole' ? issuer?.userName : undefined;
  return {
    type,
    arn,
    accountId: accountText(identity.accountId),
    principalId: text(identity.principalId),
    userName,
    sessionIssuer: issuer,
    mfaUsed,
    viaConsole,
    userAgent,
    sourceIp,
    invokedBy,
    provenance: provenanceOf(
      type,
      arn,
      issuer?.arn,
      roleName,
      userName,
      invokedBy,
      userAgent,
      traits,
      viaConsole,
      webIdentityProvider,
      deployRoles,
    ),
  };
}
