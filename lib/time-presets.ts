/**
 * The time picker's quick choices: each is a relative `from` with `to=now`, and is named in the
 * reader's language by messages/filters (`TimePresets.<from>`).
 */
export const TIME_PRESETS = ['now-15m', 'now-1h', 'now-6h', 'now-24h', 'now-3d'] as const;
export type TimePreset = (typeof TIME_PRESETS)[number];

/** How the picker names a range: by its preset when it is one, else by its two expressions as typed. */
export type RangeName = { preset: TimePreset } | { from: string; to: string };

export function describeRange(from: string, to: string): RangeName {
  const preset = to === 'now' ? TIME_PRESETS.find((option) => option === from) : undefined;
  return preset ? { preset } : { from, to };
}
