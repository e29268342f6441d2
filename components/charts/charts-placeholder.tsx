/**
 * The charts' place while their code (recharts) or their first summary is on the way: the same grid
 * with a box of each chart card's fixed height (ChartCard), so the table below does not move
 * when the charts arrive. On a phone the charts are folded behind a button of about this height.
 */
export function ChartsPlaceholder({ id, openOnPhone = false }: { id?: string; openOnPhone?: boolean }) {
  const box = 'h-[17.5rem] animate-pulse rounded-lg bg-slate-200/60 dark:bg-slate-800/60';
  return (
    <div
      id={id}
      className={`${openOnPhone ? 'grid' : 'hidden'} gap-3 sm:grid lg:grid-cols-4`}
      aria-hidden="true"
    >
      <div className={`${box} lg:col-span-2`} />
      <div className={box} />
      <div className={box} />
      <div className={`${box} lg:col-span-2`} />
    </div>
  );
}
