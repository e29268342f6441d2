/** One palette for status and reason everywhere: badges, charts, triage. Readable on light and dark. */
export const STATUS_COLORS = {
  Complete: '#16a34a',
  Refreshing: '#2563eb',
  Failed: '#dc2626',
  Pending: '#d97706',
  Timeout: '#be185d',
  Canceled: '#64748b',
} as const;

export const REASON_COLORS = {
  'origin-timeout': '#dc2626',
  'origin-5xx': '#c026d3',
  'internal-error': '#7c3aed',
  other: '#64748b',
} as const;

/** One colour per object type, for the time-to-finish lines. */
export const TYPE_COLORS = {
  file: '#2563eb',
  directory: '#d97706',
  regex: '#7c3aed',
  preload: '#16a34a',
  block: '#be185d',
  unblock: '#0891b2',
  other: '#64748b',
} as const;
