'use client';

import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import type { SubmitKind } from '@/lib/resubmit-plan';
import { ColumnHeaders } from '../ui/column-headers';

/** Today's quota of each kind a submission spends: what is left now, and what will be left after it. */
export function QuotaChangeTable({
  rows,
  testId,
}: {
  rows: ReadonlyArray<{ kind: SubmitKind; before: number; after: number }>;
  testId: string;
}) {
  const t = useTranslations('ResubmitDialog');
  const kindName = useTranslations('ResubmitKinds');
  const f = useFormat();
  return (
    <table className="w-full text-left" data-testid={testId}>
      <caption className="text-left font-medium">{t('quotaCaption')}</caption>
      <thead className="text-xs text-slate-600 dark:text-slate-300">
        <ColumnHeaders
          columns={[
            { label: t('quotaKind') },
            { label: t('quotaNow'), numeric: true },
            { label: t('quotaAfter'), numeric: true },
          ]}
          cellClassName="py-1 font-medium"
        />
      </thead>
      <tbody>
        {rows.map(({ kind, before, after }) => (
          <tr key={kind} data-kind={kind}>
            <td className="py-0.5">{kindName(kind)}</td>
            <td className="py-0.5 text-right tabular-nums">{f.count(before)}</td>
            <td className="py-0.5 text-right tabular-nums">{f.count(after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
