import type { Config } from 'tailwindcss';

/**
 * Tailwind 4 reads most settings from CSS (app/globals.css); this file holds the product's own
 * palette so status colours mean the same on every page and chart.
 */
export default {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        status: {
          complete: '#15803d',
          refreshing: '#1d4ed8',
          failed: '#b91c1c',
          pending: '#a16207',
        },
      },
      fontFamily: {
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
    },
  },
} satisfies Config;
