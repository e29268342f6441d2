'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';

/** The form's own code for a sign-in call that never came back. */
export const NO_ANSWER = 'NoAnswer';

/**
 * Which message (messages/auth, namespace SignInError) each next-auth error code stands for: several
 * of single sign-on's codes mean the same to the person at the form. `NoAnswer` is the form's own,
 * for a sign-in call that never came back. Any other code (next-auth's `Default`, say) is `failed`.
 */
const MESSAGE_OF_CODE: Readonly<Record<string, string>> = {
  CredentialsSignin: 'wrongPassword',
  TooManyAttempts: 'tooManyAttempts',
  SessionRequired: 'sessionRequired',
  AccessDenied: 'accessDenied',
  OAuthSignin: 'singleSignOnStart',
  OAuthCallback: 'singleSignOnIncomplete',
  OAuthAccountNotLinked: 'singleSignOnIncomplete',
  Callback: 'singleSignOnIncomplete',
  Configuration: 'configuration',
  [NO_ANSWER]: 'noAnswer',
};

/** The reader's words for a sign-in error code; any code not listed fails in general terms. */
export function useSignInErrorText(): (code: string | null | undefined) => string | null {
  const t = useTranslations('SignInError');
  return useCallback(
    (code: string | null | undefined) => {
      if (!code) return null;
      return t((Object.hasOwn(MESSAGE_OF_CODE, code) && MESSAGE_OF_CODE[code]) || 'failed');
    },
    [t],
  );
}
