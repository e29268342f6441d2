/** What each next-auth error code means to the person at the sign-in form. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong username or password.',
  TooManyAttempts: 'Too many failed sign-ins. Wait a few minutes, then try again.',
  SessionRequired: 'Sign in to continue.',
  AccessDenied: 'This account may not use the dashboard.',
  OAuthSignin: 'Single sign-on could not start. Try again, or ask your administrator.',
  OAuthCallback: 'Single sign-on did not complete. Try again, or ask your administrator.',
  OAuthAccountNotLinked: 'Single sign-on did not complete. Try again, or ask your administrator.',
  Callback: 'Single sign-on did not complete. Try again, or ask your administrator.',
  Configuration: 'Sign-in is not configured correctly on the server. Ask your administrator.',
};

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? 'Sign-in failed. Try again.';
}
