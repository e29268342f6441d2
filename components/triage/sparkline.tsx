/** A tiny inline chart of counts over time; decorative, the numbers beside it carry the meaning. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const width = 120;
  const height = 24;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  // SVG coordinates, not text: joined, never shown.
  const points = values.map((value, index) =>
    [(index * step).toFixed(1), (height - (value / max) * (height - 2) - 1).toFixed(1)].join(','),
  );
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      className="text-red-600 dark:text-red-400"
    >
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}
