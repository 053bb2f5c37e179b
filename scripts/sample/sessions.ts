import { sessionKey } from './records.js';
import type { Timeline } from './timeline.js';
import { assumedRole, awsService, type Caller, type RoleDef, roleName } from './world.js';

/**
 * Callers built from role sessions, shared by the machine scenarios: a session used directly,
 * a session whose calls a service makes on its behalf (`invokedBy`), an AWS service itself.
 */

export function roleArn(role: RoleDef, account: string): string {
  return `arn:aws:iam::${account}:role${role.path}${roleName(role, account)}`;
}

/** How a session began, shared by the calls made with it (directly or through a service). */
export interface SessionStart {
  readonly key: string;
  readonly createdMs: number;
  /** Set for sessions from AssumeRoleWithWebIdentity, e.g. `token.actions.githubusercontent.com`. */
  readonly webIdentityProvider?: string;
}

export function session(
  role: RoleDef,
  line: Timeline,
  name: string,
  how: Omit<Caller, 'identity'>,
  started?: SessionStart,
): Caller {
  const { key, createdMs, webIdentityProvider } = started ?? {
    key: sessionKey(line.rng),
    createdMs: line.now,
  };
  const invokedBy = how.invokedBy;
  return {
    identity: (account) =>
      assumedRole(role, {
        account,
        session: name,
        createdMs,
        accessKeyId: key,
        ...(invokedBy !== undefined && { invokedBy }),
        ...(webIdentityProvider !== undefined && { webIdentity: { provider: webIdentityProvider } }),
      }),
    ...how,
  };
}

/** A role session whose calls an AWS service makes on the role's behalf (`invokedBy`). */
export function serviceSession(
  role: RoleDef,
  line: Timeline,
  name: string,
  service: string,
  started?: SessionStart,
): Caller {
  return session(
    role,
    line,
    name,
    { sourceIp: service, userAgent: service, console: false, invokedBy: service },
    started,
  );
}

export function roleId(role: RoleDef, account: string): string {
  return role.ids[account] ?? 'AROAEXAMPLEUNKNOWN01';
}

/** An AWS service calling on its own account's behalf (no session). */
export function awsCaller(service: string): Caller {
  return {
    identity: () => awsService(service),
    sourceIp: service,
    userAgent: service,
    console: false,
    invokedBy: service,
  };
}
