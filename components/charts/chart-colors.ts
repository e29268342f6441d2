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
