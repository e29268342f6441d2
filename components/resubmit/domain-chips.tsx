/** The domains a submission goes to, each in a chip. */
export function DomainChips({
  domains,
  className,
  testId,
}: {
  domains: readonly string[];
  className: string;
  testId?: string;
}) {
  return (
    <ul className={className} data-testid={testId}>
      {domains.map((domain) => (
        <li key={domain} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
          {domain}
        </li>
      ))}
    </ul>
  );
}
