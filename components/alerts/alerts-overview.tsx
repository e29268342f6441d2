import { SURFACE } from '@/components/ui/surface';
import { TimeText } from '@/components/ui/time-text';
import type { AlertsView, AlertView } from '@/lib/server/alerts/alerts-view';
import { TestMessageButton } from './test-message-button';

/**
 * The /alerts page's body: alerts firing now, every channel (host only) with a test button for
 * operators, the rules, and past alerts with their messages. Rendered on the server.
 */
const CHANNEL_LABELS: Record<string, string> = {
  webhook: 'JSON webhook',
  slack: 'Slack',
  dingtalk: 'DingTalk',
  feishu: 'Feishu / Lark',
};

const MUTED = 'text-slate-600 dark:text-slate-300';
const LINK = 'text-sky-700 hover:underline dark:text-sky-400';

export function AlertsOverview({ view, canTest }: { view: AlertsView; canTest: boolean }) {
  const firing = view.alerts.filter((alert) => alert.state === 'firing');
  const past = view.alerts.filter((alert) => alert.state === 'resolved');
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-lg font-semibold">Alerts</h1>
        <p className={`text-sm ${MUTED}`}>
          Failure spikes on one domain or path prefix, told to the on-call's channels once when they start and
          once when they end.
        </p>
      </div>

      <section aria-labelledby="alerts-firing" className={`${SURFACE} p-3`} data-testid="alerts-firing">
        <h2 id="alerts-firing" className="text-sm font-semibold">
          Firing now ({firing.length})
        </h2>
        {firing.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED}`}>Nothing is firing.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {firing.map((alert) => (
              <AlertItem key={alert.id} alert={alert} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="alerts-channels" className={`${SURFACE} p-3`} data-testid="alerts-channels">
        <h2 id="alerts-channels" className="text-sm font-semibold">
          Channels
        </h2>
        {view.channels.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED}`}>
            No channel is configured, so no rule is active. Set ALERT_WEBHOOK_URL, ALERT_SLACK_WEBHOOK_URL,
            ALERT_DINGTALK_WEBHOOK_URL or ALERT_FEISHU_WEBHOOK_URL (see README).
          </p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {view.channels.map((channel) => (
              <li key={channel.kind} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <span className="font-medium">{CHANNEL_LABELS[channel.kind] ?? channel.kind}</span>
                <code className={`break-all text-xs ${MUTED}`}>{channel.target}</code>
                {channel.signed ? <span className={`text-xs ${MUTED}`}>signed</span> : null}
                {canTest ? (
                  <TestMessageButton
                    channel={channel.kind}
                    label={CHANNEL_LABELS[channel.kind] ?? channel.kind}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {view.rules.length > 0 ? (
        <section aria-labelledby="alerts-rules" className={`${SURFACE} p-3`}>
          <h2 id="alerts-rules" className="text-sm font-semibold">
            Rules
          </h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {view.rules.map((rule) => (
              <li key={rule.name}>
                <span className="font-medium">{rule.name}</span>: {rule.reason} on {rule.scope}, per domain or
                path prefix, at least {rule.threshold} in {rule.windowMinutes} min and {rule.ratio}× the
                baseline; quiet for {rule.cooldownMinutes} min after firing; to{' '}
                {rule.channels.map((c) => CHANNEL_LABELS[c] ?? c).join(', ')}.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="alerts-past" className={`${SURFACE} p-3`} data-testid="alerts-past">
        <h2 id="alerts-past" className="text-sm font-semibold">
          Past alerts ({past.length})
        </h2>
        {past.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED}`}>No alert has fired and ended yet.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {past.map((alert) => (
              <AlertItem key={alert.id} alert={alert} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AlertItem({ alert }: { alert: AlertView }) {
  const where = alert.prefix ? `${alert.domain}${alert.prefix}` : alert.domain;
  return (
    <li
      className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700"
      data-testid="alert-item"
      data-state={alert.state}
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span
          className={
            alert.state === 'firing'
              ? 'rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900 dark:bg-red-900 dark:text-red-100'
              : 'rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100'
          }
        >
          {alert.state === 'firing' ? 'Firing' : 'Resolved'}
        </span>
        <span className="font-medium">{alert.reason}</span>
        <span>on</span>
        <code className="break-all">{where}</code>
      </div>
      <p className={`mt-1 ${MUTED}`}>
        {alert.count} in the window that fired (peak {alert.peak}, now {alert.lastCount}) against a baseline
        of {alert.baseline}; since <TimeText iso={alert.windowStart} tz="local" />
        {alert.resolvedAt ? (
          <>
            , resolved <TimeText iso={alert.resolvedAt} tz="local" />
          </>
        ) : null}
        . Rule {alert.rule}.
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <a className={LINK} href={alert.link}>
          Open in triage
        </a>
        {alert.deliveries.map((delivery) => (
          <span
            key={`${delivery.event}-${delivery.channel}`}
            className={`text-xs ${delivery.status === 'failed' ? 'text-red-700 dark:text-red-300' : MUTED}`}
            title={delivery.error ?? undefined}
          >
            {delivery.event} → {CHANNEL_LABELS[delivery.channel] ?? delivery.channel}: {delivery.status}
            {delivery.status === 'failed' && delivery.error ? ` (${delivery.error})` : ''}
          </span>
        ))}
      </div>
    </li>
  );
}
