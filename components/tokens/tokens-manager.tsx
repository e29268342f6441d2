'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { MUTED_TEXT, TEXT_INPUT } from '@/components/ui/class-names';
import { CopyButton } from '@/components/ui/copy-button';
import { PageHeading } from '@/components/ui/page-heading';
import { SURFACE } from '@/components/ui/surface';
import { TimeText } from '@/components/ui/time-text';
import { useHydrated } from '@/components/ui/use-hydrated';
import { getJson, jsonOrApiError } from '@/lib/api-client';
import { deleteWithCsrf, postWithCsrf } from '@/lib/csrf-client';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { AccountSummary } from '@/lib/server/accounts/accounts';
import {
  type ApiTokenInfo,
  type CreatedToken,
  DEFAULT_TOKEN_DAYS,
  MAX_TOKEN_DAYS,
  type TokenScope,
} from '@/lib/token-types';

/**
 * The /settings/tokens page's body: the form that makes a token (its secret shown once, with the
 * way to use it), and the tokens with their limits, state and a revoke button. `tokens` is null for a
 * viewer, who is told that operators manage them.
 */
const BUTTON =
  'rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60 dark:bg-sky-600 dark:hover:bg-sky-500';

export function TokensManager({
  tokens,
  accounts,
}: {
  tokens: ApiTokenInfo[] | null;
  accounts: AccountSummary[];
}) {
  const t = useTranslations('TokensManager');
  const [list, setList] = useState(tokens ?? []);
  const [created, setCreated] = useState<(CreatedToken & { name: string }) | null>(null);

  if (tokens === null) {
    return (
      <div className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className={`text-sm ${MUTED_TEXT}`} data-testid="tokens-operators-only">
          {t('operatorsOnly')}
        </p>
      </div>
    );
  }

  async function reload() {
    setList((await getJson<{ tokens: ApiTokenInfo[] }>('/api/tokens')).tokens);
  }

  return (
    <div className="flex flex-col gap-4">
      <PageHeading heading={t('heading')} intro={t('intro')} />
      <CreateTokenForm
        accounts={accounts}
        onCreated={async (token) => {
          setCreated(token);
          await reload();
        }}
      />
      {created ? <NewSecret created={created} onDone={() => setCreated(null)} /> : null}
      <TokenList tokens={list} onRevoked={reload} />
    </div>
  );
}

function CreateTokenForm({
  accounts,
  onCreated,
}: {
  accounts: AccountSummary[];
  onCreated: (token: CreatedToken & { name: string }) => Promise<void>;
}) {
  const t = useTranslations('TokensManager');
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [chosen, setChosen] = useState<string[]>([]);
  const [paths, setPaths] = useState('');
  const [days, setDays] = useState(String(DEFAULT_TOKEN_DAYS));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const lines = paths
      .split(/[\r\n,\t ]+/)
      .map((line) => line.trim())
      .filter(Boolean);
    try {
      const token = await jsonOrApiError<CreatedToken>(
        await postWithCsrf('/api/tokens', {
          name,
          scope,
          ...(chosen.length > 0 ? { accounts: chosen } : {}),
          ...(lines.length > 0 ? { paths: lines } : {}),
          expiresInDays: Number(days),
        }),
      );
      await onCreated({ ...token, name: name.trim() });
      setName('');
      setPaths('');
      setChosen([]);
    } catch (thrown) {
      setError(errorText(thrown));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className={`${SURFACE} flex flex-col gap-3 p-3`}
      aria-labelledby="new-token"
      data-testid="new-token-form"
      data-hydrated={hydrated ? 'true' : 'false'}
    >
      <h2 id="new-token" className="text-sm font-semibold">
        {t('newToken')}
      </h2>
      <label className="flex flex-col gap-1 text-sm">
        {t('name')}
        <input
          className={TEXT_INPUT}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={80}
        />
      </label>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend>{t('scope')}</legend>
        {(['read', 'submit'] as const).map((value) => (
          <label key={value} className="flex items-start gap-2">
            <input
              type="radio"
              name="scope"
              value={value}
              checked={scope === value}
              onChange={() => setScope(value)}
              className="mt-1"
            />
            <span>
              {t(`scope_${value}`)} <span className={`text-xs ${MUTED_TEXT}`}>{t(`scopeHint_${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {accounts.length > 1 ? (
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend>{t('accounts')}</legend>
          <p className={`text-xs ${MUTED_TEXT}`}>{t('accountsHint')}</p>
          {accounts.map((account) => (
            <label key={account.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={chosen.includes(account.id)}
                onChange={(event) =>
                  setChosen((now) =>
                    event.target.checked ? [...now, account.id] : now.filter((id) => id !== account.id),
                  )
                }
              />
              {account.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="flex flex-col gap-1 text-sm">
        {t('paths')}
        <span className={`text-xs ${MUTED_TEXT}`}>{t('pathsHint')}</span>
        <textarea
          className={`${TEXT_INPUT} font-mono`}
          rows={3}
          value={paths}
          onChange={(event) => setPaths(event.target.value)}
          placeholder="img.example.com/static/"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t('expiresInDays')}
        <input
          className={`${TEXT_INPUT} w-28`}
          type="number"
          min={1}
          max={MAX_TOKEN_DAYS}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          required
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={BUTTON} disabled={busy}>
          {busy ? t('creating') : t('create')}
        </button>
        <span role="status" className="text-sm text-red-700 dark:text-red-300">
          {error ?? ''}
        </span>
      </div>
    </form>
  );
}

/** The secret, once: copy it now; the page never shows it again. */
function NewSecret({ created, onDone }: { created: CreatedToken & { name: string }; onDone: () => void }) {
  const t = useTranslations('TokensManager');
  return (
    <section
      aria-labelledby="token-secret"
      data-testid="token-secret"
      className="flex flex-col gap-2 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-500 dark:bg-amber-950"
    >
      <h2 id="token-secret" className="font-semibold">
        {t('secretHeading', { name: created.name })}
      </h2>
      <p>{t('secretOnce')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900"
          data-testid="token-value"
        >
          {created.token}
        </code>
        <CopyButton value={created.token} label={t('secretLabel')} />
      </div>
      <p className={`text-xs ${MUTED_TEXT}`}>{t('secretUse')}</p>
      <div>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md border border-slate-300 px-2.5 py-1 text-xs dark:border-slate-600"
        >
          {t('secretDone')}
        </button>
      </div>
    </section>
  );
}

function TokenList({ tokens, onRevoked }: { tokens: ApiTokenInfo[]; onRevoked: () => Promise<void> }) {
  const t = useTranslations('TokensManager');
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);

  async function revoke(token: ApiTokenInfo) {
    if (!window.confirm(t('revokeConfirm', { name: token.name }))) return;
    setError(null);
    try {
      const response = await deleteWithCsrf(`/api/tokens/${encodeURIComponent(token.id)}`);
      if (response.status !== 204) await jsonOrApiError(response);
      await onRevoked();
    } catch (thrown) {
      setError(errorText(thrown));
    }
  }

  return (
    <section aria-labelledby="token-list" className={`${SURFACE} p-3`}>
      <h2 id="token-list" className="text-sm font-semibold">
        {t('listHeading', { count: tokens.length })}
      </h2>
      <span role="status" className="text-sm text-red-700 dark:text-red-300">
        {error ?? ''}
      </span>
      {tokens.length === 0 ? (
        <p className={`mt-1 text-sm ${MUTED_TEXT}`}>{t('none')}</p>
      ) : (
        <ul
          className="mt-2 flex flex-col divide-y divide-slate-200 dark:divide-slate-800"
          data-testid="token-list"
        >
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
              <div className="flex min-w-0 flex-col gap-0.5">
                <span className="font-medium">
                  {token.name}{' '}
                  <span className={`text-xs ${MUTED_TEXT}`}>
                    {t(`scope_${token.scope}`)} · {t(`state_${token.state}`)}
                  </span>
                </span>
                <span className={`text-xs ${MUTED_TEXT}`}>
                  {t('limits', {
                    accounts: token.accounts?.join(', ') ?? t('allAccounts'),
                    paths: token.paths?.join(', ') ?? t('anyPath'),
                  })}
                </span>
                <span className={`text-xs ${MUTED_TEXT}`}>
                  {t('madeBy', { user: token.createdBy })} <TimeText iso={token.createdAt} tz="local" /> ·{' '}
                  {t('expires')} <TimeText iso={token.expiresAt} tz="local" />
                  {token.lastUsedAt ? (
                    <>
                      {' '}
                      · {t('lastUsed')} <TimeText iso={token.lastUsedAt} tz="local" />
                    </>
                  ) : null}
                </span>
              </div>
              {token.state === 'active' ? (
                <button
                  type="button"
                  onClick={() => revoke(token)}
                  aria-label={t('revokeLabel', { name: token.name })}
                  className="rounded-md border border-red-300 px-2.5 py-1 text-xs font-medium text-red-800 hover:bg-red-50 dark:border-red-700 dark:text-red-200 dark:hover:bg-red-950"
                >
                  {t('revoke')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
