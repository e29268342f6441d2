/**
 * A refused key of the address in the reader's words (messages/filters, `UrlProblem`): the rule it
 * broke and, for a bad value, what the key accepts. The value is shown as the address gave it.
 */
import type { FilterProblem } from '@/lib/filters';

/** A translator of the `UrlProblem` namespace: next-intl's in the page, use-intl's in tests. */
type ProblemTranslator = (key: string, values?: Record<string, string | number>) => string;

export function urlProblemText(t: ProblemTranslator, problem: FilterProblem): string {
  switch (problem.rule) {
    case 'unknown-key':
      return t('unknownKey');
    case 'repeated':
      return t('repeated');
    case 'too-many':
      return t('tooMany', { max: problem.max, got: problem.got });
    case 'not-allowed':
      return t('notAllowed', {
        value: problem.value,
        expected: t(`expected.${problem.key}`, problem.args),
      });
  }
}
