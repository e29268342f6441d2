import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TokensManager } from '@/components/tokens/tokens-manager';
import { accountSummaries } from '@/lib/server/accounts/account-access';
import { requirePageView } from '@/lib/server/page-view';
import { listApiTokens } from '@/lib/server/tokens/tokens';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('TokensPage');
  return { title: t('title') };
}
// Read from the store on every visit: tokens are made and revoked elsewhere too.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * /settings/tokens — API tokens for pipelines and scripts (docs/tokens.md): operators make one (its
 * secret shown once), see them and revoke them; viewers are told who can.
 */
export default async function TokensPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // Tokens span accounts; the address's account is checked all the same, as on every page.
  const { user } = await requirePageView('/settings/tokens', params);
  if (user.role !== 'operator') return <TokensManager tokens={null} accounts={[]} />;
  const tokens = await listApiTokens(user);
  return <TokensManager tokens={tokens} accounts={accountSummaries(user)} />;
}
