import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  notPrincipalExempts,
  notPrincipalNames,
  type PrincipalMatch,
  principalMatch,
} from './principal-match.js';
import { principalIdentity, type RequestPrincipal } from './simulate-request.js';
import type { Principal } from './types.js';

interface Fixture {
  readonly principals: Readonly<Record<string, RequestPrincipal>>;
  readonly match: readonly { principal: string; element: Principal; expect: PrincipalMatch | null }[];
  readonly notPrincipal: readonly {
    principal: string;
    element: Principal;
    exempts: boolean;
    names: boolean;
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/evaluate/principals.json', import.meta.url), 'utf8'),
) as Fixture;

/** Fixture elements are written as in a policy; the parser's shape has list values. */
function element(raw: Principal | Readonly<Record<string, string | readonly string[]>>): Principal {
  if (raw === '*') return '*';
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? [v] : v]),
  ) as Principal;
}

const who = (name: string) => {
  const principal = fixture.principals[name];
  if (!principal) throw new Error(`unknown fixture principal ${name}`);
  return principalIdentity(principal);
};

describe('principalMatch', () => {
  it.each(fixture.match.map((c) => [c.principal, JSON.stringify(c.element), c] as const))(
    '%s against %s',
    (_p, _e, test) => {
      // Act
      const match = principalMatch(element(test.element), who(test.principal));

      // Assess
      expect(match ?? null).toBe(test.expect);
    },
  );
});

describe('NotPrincipal', () => {
  it.each(fixture.notPrincipal.map((c) => [c.principal, JSON.stringify(c.element), c] as const))(
    '%s against %s',
    (_p, _e, test) => {
      // Act
      const exempts = notPrincipalExempts(element(test.element), who(test.principal));
      const names = notPrincipalNames(element(test.element), who(test.principal));

      // Assess
      expect({ exempts, names }).toEqual({ exempts: test.exempts, names: test.names });
    },
  );
});
