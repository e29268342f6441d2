'use client';

/** A row of on/off buttons for a repeatable filter key: none pressed means "any". */
export function ToggleGroup<Value extends string>({
  label,
  options,
  labelOf,
  selected,
  onChange,
}: {
  label: string;
  options: readonly Value[];
  /** What each option is called on screen (the reader's words); its URL value stays as it is. */
  labelOf?: (value: Value) => string;
  selected: readonly Value[];
  onChange: (next: Value[]) => void;
}) {
  const toggle = (value: Value) =>
    onChange(
      selected.includes(value)
        ? selected.filter((item) => item !== value)
        : options.filter((o) => o === value || selected.includes(o)),
    );
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">{label}</legend>
      <div className="flex flex-wrap gap-1">
        {options.map((option) => {
          const pressed = selected.includes(option);
          return (
            <button
              key={option}
              type="button"
              aria-pressed={pressed}
              onClick={() => toggle(option)}
              className={`rounded-full border px-2.5 py-1 text-xs font-medium ${
                pressed
                  ? 'border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-slate-950'
                  : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              {labelOf ? labelOf(option) : option}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
