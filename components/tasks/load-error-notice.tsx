'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { ApiError } from '@/lib/api-client';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { Notice, NoticeButton } from '../ui/notice';

/**
 * A failed load in one line: the upstream's code and request id as Alibaba Cloud wrote them (what a
 * ticket quotes), else the reader's words for the dashboard's error code.
 */
export function useDescribeError(): (error: Error) => string {
  const t = useTranslations('LoadErrorNotice');
  const errorText = useErrorText();
  return useCallback(
    (error: Error) => {
      const upstream = error instanceof ApiError ? error.body.upstream : undefined;
      if (!upstream) return errorText(error);
      return upstream.requestId
        ? t('upstreamShortWithRequest', { code: upstream.code, requestId: upstream.requestId })
        : t('upstreamShort', { code: upstream.code });
    },
    [t, errorText],
  );
}

/** A failed load: what went wrong in words, the upstream's code and request id for a ticket, and Retry. */
export function LoadErrorNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useTranslations('LoadErrorNotice');
  const errorText = useErrorText();
  const upstream = error instanceof ApiError ? error.body.upstream : undefined;
  return (
    <Notice
      tone="error"
      testId="load-error"
      action={<NoticeButton onClick={onRetry}>{t('retry')}</NoticeButton>}
    >
      <p className="font-medium">{errorText(error)}</p>
      {upstream ? (
        <p className="mt-1 font-mono text-xs" data-testid="upstream-error">
          {upstream.requestId
            ? t('upstreamWithRequest', { code: upstream.code, requestId: upstream.requestId })
            : t('upstream', { code: upstream.code })}
        </p>
      ) : null}
    </Notice>
  );
}
