'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { ApiError } from '../api-client';

/**
 * The reader's words for a failed call to the dashboard's API. The API's JSON message stays English
 * (scripts read it; docs/contract.md), so the page words the error by its code (messages/errors);
 * a code it does not know yet says so with the code. Upstream codes and request ids are shown as the
 * upstream wrote them, beside this text, by the caller.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations('ApiError');
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const { code, fields } = error.body;
        if (code === 'BadRequest' && fields && Object.keys(fields).length > 0)
          return t('BadRequestFields', { keys: Object.keys(fields).join(', ') });
        if (t.has(code)) return t(code);
        return t('Unknown', { code });
      }
      // fetch() rejects with a TypeError when the network or the server is gone.
      if (error instanceof TypeError) return t('NetworkError');
      return t('Unknown', { code: error instanceof Error ? error.name : 'Error' });
    },
    [t],
  );
}
