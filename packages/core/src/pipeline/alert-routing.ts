import { PipelineError } from '../errors.js';
import { atLeast, type Severity } from '../findings/severity.js';
import {
  ALERT_CHANNELS,
  type AlertChannel,
  type AlertsSettings,
  DEFAULT_MIN_SEVERITY,
} from '../settings/alerts-schema.js';
import type { AlertPublisher, FindingStore, PublishResult, StoredFinding } from './ports.js';

/** One alert channel: a publisher and the lowest severity it receives. */
export interface AlertRoute {
  /** `console`, `sns`, `slack` … (used in results and logs). */
  readonly channel: string;
  readonly publisher: AlertPublisher;
  readonly minSeverity: Severity;
}

/**
 * Routes for the publishers a caller has built, with the minimum severities of the settings'
 * `alerts` section. A publisher whose channel the settings do not mention still gets a route
 * (the caller asked for it, e.g. `--slack-webhook`), with the channel's default minimum.
 *
 * @example
 * routesFromSettings(settings.alerts, { console: new ConsoleAlertPublisher(process.stdout) });
 * // [{ channel: 'console', publisher, minSeverity: 'info' }]
 */
export function routesFromSettings(
  alerts: AlertsSettings,
  publishers: Partial<Record<AlertChannel, AlertPublisher>>,
): AlertRoute[] {
  const routes: AlertRoute[] = [];
  for (const channel of ALERT_CHANNELS) {
    const publisher = publishers[channel];
    if (!publisher) continue;
    const minSeverity = alerts[channel]?.minSeverity ?? DEFAULT_MIN_SEVERITY[channel];
    routes.push({ channel, publisher, minSeverity });
  }
  return routes;
}

/** What happened to one finding's alert. */
export interface DeliveryReport {
  readonly findingId: string;
  /**
   * `delivered`: every route the severity reaches accepted it; `not-routed`: no route takes
   * this severity, so there is nothing to send; `failed`: a route refused or threw.
   */
  readonly status: 'delivered' | 'not-routed' | 'failed';
  /** True when the store now marks it alerted (the outbox will not send it again). */
  readonly alerted: boolean;
  /** Channels that accepted it. */
  readonly channels: readonly string[];
  readonly errors: readonly PipelineError[];
}

async function publishSafely(
  route: AlertRoute,
  findings: readonly StoredFinding[],
): Promise<readonly PublishResult[]> {
  try {
    return await route.publisher.publish(findings);
  } catch (cause) {
    // The port says publishers report per finding; one that throws fails the whole call.
    const error = cause instanceof Error ? cause : new Error(String(cause));
    return findings.map((finding) => ({ id: finding.id, ok: false as const, error }));
  }
}

/**
 * Sends findings to the routes their severity reaches (each route gets one `publish` call
 * with its share) and marks a finding alerted only when every one of its routes accepted it.
 * A finding no route takes is marked too: the outbox has nothing to deliver for it. A failed
 * route leaves the finding unalerted, so `retryUnalerted` sends it again later (to all of its
 * routes: delivery is at least once).
 *
 * @example
 * const [report] = await deliverAlerts([stored], routes, store, new Date().toISOString());
 * report.status; // 'delivered'
 */
export async function deliverAlerts(
  findings: readonly StoredFinding[],
  routes: readonly AlertRoute[],
  store: Pick<FindingStore, 'markAlerted'>,
  now: string,
): Promise<DeliveryReport[]> {
  const targets = new Map(
    findings.map((f) => [f.id, routes.filter((r) => atLeast(f.severity, r.minSeverity))]),
  );
  const accepted = new Map<string, string[]>(findings.map((f) => [f.id, []]));
  const errors = new Map<string, PipelineError[]>(findings.map((f) => [f.id, []]));
  await Promise.all(
    routes.map(async (route) => {
      const share = findings.filter((f) => targets.get(f.id)?.includes(route));
      if (share.length === 0) return;
      const results = await publishSafely(route, share);
      for (const finding of share) {
        const result = results.find((r) => r.id === finding.id);
        if (result?.ok) {
          accepted.get(finding.id)?.push(route.channel);
          continue;
        }
        const cause = result ? result.error : new Error(`${route.channel} publisher returned no result`);
        errors
          .get(finding.id)
          ?.push(
            new PipelineError(
              'alert',
              `${route.channel}: alert for finding ${finding.id} not accepted: ${cause.message}`,
              { findingId: finding.id },
              { cause },
            ),
          );
      }
    }),
  );
  const reports: DeliveryReport[] = [];
  for (const finding of findings) {
    const wanted = targets.get(finding.id) ?? [];
    const channels = accepted.get(finding.id) ?? [];
    const failures = errors.get(finding.id) ?? [];
    const status = wanted.length === 0 ? 'not-routed' : failures.length === 0 ? 'delivered' : 'failed';
    let alerted = false;
    if (status !== 'failed') {
      try {
        await store.markAlerted(finding.id, now);
        alerted = true;
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        failures.push(
          new PipelineError(
            'mark-alerted',
            `finding ${finding.id} alerted but not marked (it will be sent again): ${message}`,
            { findingId: finding.id },
            { cause },
          ),
        );
      }
    }
    reports.push({ findingId: finding.id, status, alerted, channels, errors: failures });
  }
  return reports;
}
