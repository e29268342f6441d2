// A fixture for literal-scan.test.ts: what the scan must find, and what it must leave alone.
declare const t: (key: string) => string;
declare const empty: boolean;
const LABELS = { off: 'Off', tenSeconds: 'Every 10 seconds' };
export function Fixture() {
  return (
    <section aria-label="Close the drawer" className="flex gap-2 text-sm" data-testid="fixture">
      <h2>Failed tasks</h2>
      <p>{empty ? 'No rows' : t('rows')}</p>
      <span title="Copied">{t('copy')}</span>
      <a href="/tasks?status=Failed">{t('link')}</a>
      {/* i18n-ok: the product's name */}
      <b>CDN Refresh Monitor</b>
      <i>{LABELS.off}</i>
    </section>
  );
}
