/** The time picker's quick choices; each is a relative `from` with `to=now`. */
export const TIME_PRESETS = [
  { from: 'now-15m', label: 'Last 15 minutes', short: '15m' },
  { from: 'now-1h', label: 'Last hour', short: '1h' },
  { from: 'now-6h', label: 'Last 6 hours', short: '6h' },
  { from: 'now-24h', label: 'Last 24 hours', short: '24h' },
  { from: 'now-3d', label: 'Last 3 days', short: '3d' },
] as const;

export function describeRange(from: string, to: string): string {
  const preset = to === 'now' ? TIME_PRESETS.find((option) => option.from === from) : undefined;
  return preset ? preset.label : `${from} → ${to}`;
}
