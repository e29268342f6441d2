'use client';

import { useTranslations } from 'next-intl';
import type { FilterProblem } from '@/lib/filters';
import { urlProblemText } from '../filters/url-problem-text';
import { Notice } from '../ui/notice';

/**
 * Values of the address the page could not use and so ignored, each key with what it accepts, in
 * the reader's language. The keys and the values are shown as the address wrote them.
 */
export function UrlProblemsNotice({
  problems,
  onDismiss,
  dismissLabel,
}: {
  problems: Record<string, FilterProblem>;
  onDismiss: () => void;
  dismissLabel: string;
}) {
  const t = useTranslations('UrlProblemsNotice');
  const wordProblem = useTranslations('UrlProblem');
  return (
    <Notice
      tone="warning"
      testId="url-problems"
      action={
        <button type="button" className="text-sm underline" onClick={onDismiss}>
          {dismissLabel}
        </button>
      }
    >
      <p className="font-medium">{t('heading')}</p>
      <ul className="mt-1 list-disc pl-5">
        {Object.entries(problems).map(([key, problem]) => (
          <li key={key}>
            {t.rich('item', {
              key,
              problem: urlProblemText(wordProblem, problem),
              code: (chunks) => <code>{chunks}</code>,
            })}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
