import { type RetryReport, retryUnalerted } from '@trailwarden/core/pipeline';
import { type Command, InvalidArgumentError } from 'commander';
import { type AlertFlags, openAlertChannels } from '../alerts/alert-channels.js';
import { ALERT_HELP, addAlertOptions } from '../alerts/alert-options.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../scan/settings-file.js';
import type { StoreFlags } from '../store/store-config.js';
import { addStoreOptions, STORE_HELP } from '../store/store-options.js';
import { useStore } from '../store/use-store.js';

interface RetryFlags extends StoreFlags, AlertFlags {
  readonly limit: number;
  readonly settings?: string | false;
}

/** Exit codes of `alerts retry`. */
export const RETRY_EXIT = { done: 0, pending: 1 } as const;

const RETRY_HELP = `
The outbox holds findings that were recorded but whose alert was not accepted by every channel
it is routed to (SNS down, Slack answering 5xx, the process stopped in between). \`alerts retry\`
sends the oldest of them to the channels configured now (flags and settings, as for scan) and
marks each alerted once they all accepted it. Delivery is at least once: a channel that took
an alert before may get it again.

Exit codes:
  0  the outbox is empty now (or held nothing)
  1  some findings are still not delivered (the reasons are printed); run it again later
  2  usage error, invalid settings, or a store or channel that cannot be used
`;

/**
 * Adds `trailwarden alerts retry [--limit N]`.
 *
 * @example
 * registerAlertsCommands(program, io);
 * await program.parseAsync(['alerts', 'retry', '--sns-topic', topicArn], { from: 'user' });
 */
export function registerAlertsCommands(program: Command, io: CliIo): void {
  const alerts = program.command('alerts').description('Deliver alerts that could not be sent when found');
  const retry = alerts
    .command('retry')
    .description('Send the findings still in the outbox to the alert channels')
    .option('--limit <n>', 'at most this many findings in this run (1 to 1000)', parseLimit, 100)
    .option(
      '--settings <file>',
      'settings file for alert routing (default: trailwarden.config.* here, if any)',
    )
    .option('--no-settings', 'ignore trailwarden.config.* in the working directory');
  addAlertOptions(addStoreOptions(retry))
    .addHelpText('after', `${RETRY_HELP}${STORE_HELP}${ALERT_HELP}`)
    .action(async (flags: RetryFlags) => {
      io.exitCode = await retryAlerts(flags, io);
    });
}

async function retryAlerts(flags: RetryFlags, io: CliIo): Promise<number> {
  const { settings } = await loadSettings(flags.settings, io.cwd);
  const channels = openAlertChannels(flags, settings, io);
  if (channels.routes.length === 0) {
    channels.close();
    // With no route every finding would count as "routed to no channel" and leave the outbox unsent.
    throw new UsageError(
      'no alert channel to retry with: console alerts are off and there is no SNS topic or Slack webhook',
      'pass --sns-topic ARN or --slack-webhook URL (or set alerts.sns / alerts.slack in the settings)',
    );
  }
  try {
    const report = await useStore(flags, io, (store) =>
      retryUnalerted(store, channels.routes, { limit: flags.limit }),
    );
    io.stdout.write(describe(report, channels.names));
    return report.failed.length > 0 ? RETRY_EXIT.pending : RETRY_EXIT.done;
  } finally {
    channels.close();
  }
}

function describe(report: RetryReport, channels: readonly string[]): string {
  if (report.attempted === 0) return 'outbox is empty: every recorded finding has been alerted\n';
  const via = channels.length > 0 ? ` via ${channels.join(', ')}` : '';
  const lines = [
    `outbox: ${report.attempted} finding${report.attempted === 1 ? '' : 's'}: ` +
      `${report.delivered.length} delivered${via}, ${report.notRouted.length} routed to no channel, ` +
      `${report.failed.length} still pending`,
  ];
  for (const failure of report.failed) {
    lines.push(`  ${failure.id}: ${failure.errors.map((error) => error.message).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (Number.isInteger(limit) && limit >= 1 && limit <= 1000) return limit;
  throw new InvalidArgumentError('expected a whole number from 1 to 1000.');
}
