'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/** How long typing may pause before the URL (and so the read it asks for) follows. */
const DEBOUNCE_MS = 350;

/**
 * `q`: a substring of the object path. Typing updates a local draft at once; the URL follows after
 * a pause so each keystroke is not a history entry and a read. `/` anywhere focuses it.
 */
export function SearchFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (next: string | null) => void;
}) {
  const t = useTranslations('SearchFilter');
  const [draft, setDraft] = useState(value ?? '');
  const input = useRef<HTMLInputElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // Back/forward or a chart click may change `q` from outside: follow it.
  useEffect(() => setDraft(value ?? ''), [value]);

  useEffect(() => {
    const next = draft.trim() || null;
    if (next === (value ?? null)) return;
    const timer = setTimeout(() => onChangeRef.current(next), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);

  useEffect(() => {
    const focusOnSlash = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (event.key === '/' && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener('keydown', focusOnSlash);
    return () => document.removeEventListener('keydown', focusOnSlash);
  }, []);

  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
      <span>
        {t('label')}{' '}
        <kbd className="ml-1 rounded border border-slate-300 px-1 font-mono text-[10px] dark:border-slate-600">
          /
        </kbd>
      </span>
      <input
        ref={input}
        type="search"
        name="q"
        value={draft}
        maxLength={256}
        onChange={(event) => setDraft(event.target.value)}
        placeholder={t('placeholder')}
        className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
    </label>
  );
}
