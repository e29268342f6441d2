'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { isValidValue } from '@/lib/filters';

/** Accelerated domains, typed or picked from those seen in the current results. */
export function DomainFilter({
  selected,
  suggestions,
  onChange,
}: {
  selected: string[];
  suggestions: string[];
  onChange: (next: string[]) => void;
}) {
  const t = useTranslations('DomainFilter');
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  const inputId = useId();

  const add = (event: FormEvent) => {
    event.preventDefault();
    const domain = draft.trim().toLowerCase();
    if (!domain) return;
    if (!isValidValue('domain', domain)) {
      setProblem(t('invalid', { domain }));
      return;
    }
    setProblem(null);
    setDraft('');
    if (!selected.includes(domain)) onChange([...selected, domain]);
  };

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {t('label')}
      </label>
      <form onSubmit={add} className="flex gap-1">
        <input
          id={inputId}
          name="domain"
          list={listId}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="example.com"
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${inputId}-problem` : undefined}
          className="w-44 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <datalist id={listId}>
          {suggestions.map((domain) => (
            <option key={domain} value={domain} />
          ))}
        </datalist>
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t('add')}
        </button>
      </form>
      {problem ? (
        <p id={`${inputId}-problem`} className="text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      ) : null}
      {selected.length > 0 ? (
        <ul className="flex flex-wrap gap-1" aria-label={t('selected')}>
          {selected.map((domain) => (
            <li key={domain}>
              <button
                type="button"
                onClick={() => onChange(selected.filter((item) => item !== domain))}
                className="rounded-full bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700"
                aria-label={t('remove', { domain })}
              >
                {domain} ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
