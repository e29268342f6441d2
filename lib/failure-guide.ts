/**
 * What each failure reason likely means and what an operator should check, shown beside the raw
 * text. The words are in messages/domain (`FailureGuide.<reason>.meaning` and `.checks.<check>`, in
 * both languages); this module keeps which checks each reason has, and in which order.
 */
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { FailureReason } from './task';

export const FAILURE_GUIDE_CHECKS = {
  'origin-timeout': ['reachable', 'saturated', 'largeObjects', 'revalidation', 'firewall'],
  'origin-5xx': ['errorLogs', 'overloaded', 'pathAndAuth'],
  'internal-error': ['submitAgain', 'openTicket'],
  other: ['searchDocs'],
} as const satisfies Record<FailureReason, readonly string[]>;

export interface FailureGuide {
  meaning: string;
  checks: string[];
}

/** A translator of the `FailureGuide` namespace: next-intl's in pages, use-intl's in tests. */
type GuideTranslator = (key: string) => string;

/** The guide in the language of `t`. */
export function failureGuideFrom(t: GuideTranslator): (reason: FailureReason) => FailureGuide {
  return (reason) => ({
    meaning: t(`${reason}.meaning`),
    checks: FAILURE_GUIDE_CHECKS[reason].map((check) => t(`${reason}.checks.${check}`)),
  });
}

/** The guide in the reader's language, for client and server components alike. */
export function useFailureGuide(): (reason: FailureReason) => FailureGuide {
  const t = useTranslations('FailureGuide');
  return useMemo(() => failureGuideFrom(t), [t]);
}
