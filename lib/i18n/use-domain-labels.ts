'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { FailureReason } from '../task';

/**
 * The reader's words for a task's status, type and failure reason (messages/domain). Only labels are
 * translated: URL values, API values and the upstream's own text stay as the upstream wrote them. A
 * status or type the upstream adds later has no message and shows as the upstream spells it.
 */
export function useDomainLabels() {
  const status = useTranslations('TaskStatus');
  const type = useTranslations('TaskType');
  const reason = useTranslations('FailureReason');
  return useMemo(
    () => ({
      status: (value: string) => (status.has(value) ? status(value) : value),
      type: (value: string) => (type.has(value) ? type(value) : value),
      reason: (value: FailureReason) => reason(value),
    }),
    [status, type, reason],
  );
}
