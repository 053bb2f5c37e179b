import { type StoredFinding, stableHash, type TransitionRequest } from '@trailwarden/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from '../io.js';
import { storedFindingRecord } from '../output/stored-finding-view.js';
import type { StoreFlags } from '../store/store-config.js';
import { addStoreOptions, STORE_HELP } from '../store/store-options.js';
import { useStore } from '../store/use-store.js';

interface ChangeFlags extends StoreFlags {
  readonly by?: string;
  readonly reason?: string;
  readonly format: 'text' | 'json';
}

interface SuppressFlags extends ChangeFlags {
  readonly owner: string;
  readonly reason: string;
  readonly expires: string;
}

/** ISO-8601 date (start of that day, UTC) or date-time with a zone, as in the settings file. */
const EXPIRY = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Adds `findings ack ID`, `findings resolve ID` and `findings suppress ID --owner --reason
 * --expires` under `findings`. Each is one conditional status change in the store, recorded
 * in the finding's history with who (`--by`, default `$USER`) and why.
 *
 * @example
 * registerLifecycleCommands(program.command('findings'), io);
 */
export function registerLifecycleCommands(findings: Command, io: CliIo): void {
  const change = (name: string, description: string) =>
    addStoreOptions(
      findings
        .command(name)
        .description(description)
        .argument('<id>', 'finding id (see trailwarden findings list)')
        .option('--by <name>', 'who makes the change, for the history (default: $USER)')
        .addOption(
          new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
        ),
    ).addHelpText('after', STORE_HELP);
  change('ack', 'Acknowledge an open finding: someone is on it')
    .option('--reason <text>', 'why, for the history')
    .action(async (id: string, flags: ChangeFlags) => {
      await transition(id, { to: 'acknowledged', ...common(flags, io) }, flags, io);
    });
  change('resolve', 'Resolve an open or acknowledged finding')
    .option('--reason <text>', 'how it was fixed, for the history')
    .action(async (id: string, flags: ChangeFlags) => {
      await transition(id, { to: 'resolved', ...common(flags, io) }, flags, io);
    });
  change('suppress', 'Suppress a finding: an accepted risk, with an owner, a reason and an expiry')
    .requiredOption('--owner <name>', 'who answers for the suppression (a team or a person)', filledIn)
    .requiredOption('--reason <text>', 'why the finding is accepted', filledIn)
    .requiredOption(
      '--expires <date>',
      'when the acceptance ends: a future ISO date or date-time',
      parseExpiry,
    )
    .action(async (id: string, flags: SuppressFlags) => {
      const { owner, reason } = flags;
      const suppression = {
        id: `manual-${stableHash([id, owner, reason, flags.expires], 12)}`,
        owner,
        reason,
        expires: flags.expires,
      };
      await transition(id, { to: 'suppressed', ...common(flags, io), reason, suppression }, flags, io);
    });
}

async function transition(
  id: string,
  request: TransitionRequest,
  flags: ChangeFlags,
  io: CliIo,
): Promise<void> {
  const updated = await useStore(flags, io, (store) => store.transition(id, request));
  io.stdout.write(
    flags.format === 'json'
      ? `${JSON.stringify(storedFindingRecord(updated), null, 2)}\n`
      : `${describeChange(updated)}\n`,
  );
}

function describeChange(finding: StoredFinding): string {
  const from = finding.history.at(-1)?.from ?? '?';
  const suppressed = finding.suppression
    ? ` until ${finding.suppression.expires} (owner ${finding.suppression.owner})`
    : '';
  return `finding ${finding.id}: ${from} → ${finding.status}${finding.status === 'suppressed' ? suppressed : ''} · ${finding.title}`;
}

function common(flags: ChangeFlags, io: CliIo): Pick<TransitionRequest, 'by' | 'now' | 'reason'> {
  const by = flags.by ?? io.env.USER ?? io.env.LOGNAME ?? io.env.USERNAME ?? 'trailwarden-cli';
  return {
    by,
    now: new Date().toISOString(),
    ...(flags.reason !== undefined && { reason: flags.reason }),
  };
}

function filledIn(value: string): string {
  if (value.trim() !== '') return value.trim();
  throw new InvalidArgumentError('it is empty; a suppression needs an owner, a reason and an expiry.');
}

/** `--expires`: a real calendar date or date-time, in the future. Bare dates mean 00:00 UTC that day. */
function parseExpiry(value: string): string {
  const expires = value.length === 10 ? `${value}T00:00:00Z` : value;
  const at = Date.parse(expires);
  const day = value.slice(0, 10);
  const real = new Date(`${day}T00:00:00Z`);
  if (
    !EXPIRY.test(value) ||
    Number.isNaN(at) ||
    Number.isNaN(real.getTime()) ||
    !real.toISOString().startsWith(day)
  ) {
    throw new InvalidArgumentError(
      'expected an ISO-8601 date or date-time, like 2027-01-31 or 2027-01-31T18:00:00Z.',
    );
  }
  if (at <= Date.now()) {
    throw new InvalidArgumentError(
      `${expires} is not in the future; a suppression must expire later than now.`,
    );
  }
  return expires;
}
