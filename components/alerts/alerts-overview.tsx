import { useLocale, useTranslations } from 'next-intl';
import { MUTED_TEXT } from '@/components/ui/class-names';
import { PageHeading } from '@/components/ui/page-heading';
import { SURFACE } from '@/components/ui/surface';
import { TimeText } from '@/components/ui/time-text';
import { formatCount, formatDuration, formatElapsed } from '@/lib/format';
import type { Locale } from '@/lib/i18n/locales';
import type { AlertsView, AlertView } from '@/lib/server/alerts/alerts-view';
import type { FailureReason } from '@/lib/task';
import { TestMessageButton } from './test-message-button';

/**
 * The /alerts page's body: alerts firing now, every channel (host only) with a test button for
 * operators, the rules, and past alerts with their messages. Rendered on the server, in the reader's
 * language; the messages sent to the channels stay English (lib/server/alerts/alert-message.ts).
 */

const LINK = 'text-sky-700 hover:underline dark:text-sky-400';

/** A channel's name as the reader knows it; a kind added later shows as configured. */
function useChannelName(): (kind: string) => string {
  const t = useTranslations('AlertChannel');
  return (kind) => (t.has(kind) ? t(kind) : kind);
}

/** A failure reason's label (or `slow`'s); a reason this version does not know shows as stored. */
function useReasonLabel(): (reason: string) => string {
  const t = useTranslations('FailureReason');
  const alerts = useTranslations('AlertItem');
  return (reason) =>
    reason === 'slow' ? alerts('slow') : t.has(reason) ? t(reason as FailureReason) : reason;
}

export function AlertsOverview({ view, canTest }: { view: AlertsView; canTest: boolean }) {
  const t = useTranslations('AlertsOverview');
  const locale = useLocale() as Locale;
  const channelName = useChannelName();
  const reasonLabel = useReasonLabel();
  const count = (value: number) => formatCount(value, locale);
  const minutes = (value: number) => formatDuration(value * 60, locale);
  const firing = view.alerts.filter((alert) => alert.state === 'firing');
  const past = view.alerts.filter((alert) => alert.state === 'resolved');
  return (
    <div className="flex flex-col gap-4">
      <PageHeading heading={t('heading')} intro={t('intro')} />

      <section aria-labelledby="alerts-firing" className={`${SURFACE} p-3`} data-testid="alerts-firing">
        <h2 id="alerts-firing" className="text-sm font-semibold">
          {t('firing', { count: count(firing.length) })}
        </h2>
        {firing.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED_TEXT}`}>{t('noneFiring')}</p>
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
          {t('channels')}
        </h2>
        {view.channels.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED_TEXT}`}>{t('noChannels')}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {view.channels.map((channel) => (
              <li key={channel.kind} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <span className="font-medium">{channelName(channel.kind)}</span>
                <code className={`break-all text-xs ${MUTED_TEXT}`}>{channel.target}</code>
                {channel.signed ? <span className={`text-xs ${MUTED_TEXT}`}>{t('signed')}</span> : null}
                {canTest ? (
                  <TestMessageButton channel={channel.kind} label={channelName(channel.kind)} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {view.rules.length > 0 ? (
        <section aria-labelledby="alerts-rules" className={`${SURFACE} p-3`}>
          <h2 id="alerts-rules" className="text-sm font-semibold">
            {t('rules')}
          </h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {view.rules.map((rule) => {
              const domain = rule.domain ?? t('anyDomain');
              if (rule.reason === 'slow')
                return (
                  <li key={rule.name}>
                    {t.rich('slowRule', {
                      name: rule.name,
                      rule: (chunks) => <span className="font-medium">{chunks}</span>,
                      what: rule.type ?? 'all',
                      scope: domain,
                      threshold: formatElapsed(rule.threshold, locale),
                      minTasks: count(rule.minTasks ?? 1),
                      window: minutes(rule.windowMinutes),
                      ratio: count(rule.ratio),
                      cooldown: minutes(rule.cooldownMinutes),
                      channels: rule.channels.map(channelName).join(t('listSeparator')),
                    })}
                  </li>
                );
              return (
                <li key={rule.name}>
                  {t.rich('rule', {
                    // The rule's name and domain are the configuration's own words, shown as written.
                    name: rule.name,
                    rule: (chunks) => <span className="font-medium">{chunks}</span>,
                    reason: reasonLabel(rule.reason),
                    scope: rule.prefix ? t('scopeWithPrefix', { domain, prefix: rule.prefix }) : domain,
                    threshold: count(rule.threshold),
                    window: minutes(rule.windowMinutes),
                    ratio: count(rule.ratio),
                    cooldown: minutes(rule.cooldownMinutes),
                    channels: rule.channels.map(channelName).join(t('listSeparator')),
                  })}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="alerts-past" className={`${SURFACE} p-3`} data-testid="alerts-past">
        <h2 id="alerts-past" className="text-sm font-semibold">
          {t('past', { count: count(past.length) })}
        </h2>
        {past.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED_TEXT}`}>{t('nonePast')}</p>
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
  const t = useTranslations('AlertItem');
  const locale = useLocale() as Locale;
  const channelName = useChannelName();
  const reasonLabel = useReasonLabel();
  const slow = alert.reason === 'slow';
  // A slow alert's figures are p90s in seconds.
  const count = (value: number) => (slow ? formatElapsed(value, locale) : formatCount(value, locale));
  const where = alert.prefix ? `${alert.domain}${alert.prefix}` : alert.domain;
  const detail = {
    count: count(alert.count),
    peak: count(alert.peak),
    now: count(alert.lastCount),
    baseline: count(alert.baseline),
    rule: alert.rule,
    since: () => <TimeText iso={alert.windowStart} tz="local" />,
  };
  // An event or status this version does not know shows as stored.
  const word = (key: string, value: string) => (t.has(key) ? t(key) : value);
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
          {alert.state === 'firing' ? t('firing') : t('resolved')}
        </span>
        <span>
          {t.rich('headline', {
            reason: reasonLabel(alert.reason),
            where,
            label: (chunks) => <span className="font-medium">{chunks}</span>,
            path: (chunks) => <code className="break-all">{chunks}</code>,
          })}
        </span>
      </div>
      <p className={`mt-1 ${MUTED_TEXT}`}>
        {alert.resolvedAt
          ? t.rich(slow ? 'slowDetailResolved' : 'detailResolved', {
              ...detail,
              resolved: () => <TimeText iso={alert.resolvedAt ?? ''} tz="local" />,
            })
          : t.rich(slow ? 'slowDetail' : 'detail', detail)}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <a className={LINK} href={alert.link}>
          {slow ? t('openInTasks') : t('openInTriage')}
        </a>
        {alert.deliveries.map((delivery) => (
          <span
            key={`${delivery.event}-${delivery.channel}`}
            className={`text-xs ${delivery.status === 'failed' ? 'text-red-700 dark:text-red-300' : MUTED_TEXT}`}
            title={delivery.error ?? undefined}
          >
            {t('delivery', {
              event: word(`event-${delivery.event}`, delivery.event),
              channel: channelName(delivery.channel),
              status: word(`status-${delivery.status}`, delivery.status),
            })}
            {/* The channel's own error, as it answered. */}
            {delivery.status === 'failed' && delivery.error ? ` (${delivery.error})` : ''}
          </span>
        ))}
      </div>
    </li>
  );
}
