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
      // Object paths often hold Chinese directory names. Each stack names, after the Latin system
      // fonts, the Simplified Chinese system font of each platform: left to the browser's own
      // fallback, Han characters of an English page may be drawn in Japanese glyph forms, or not at
      // all on a Linux desktop without a CJK font (Noto Sans CJK is Debian's fonts-noto-cjk).
      fontFamily: {
        sans: [
          'ui-sans-serif',
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'PingFang SC',
          'Hiragino Sans GB',
          'Microsoft YaHei',
          'Noto Sans CJK SC',
          'Source Han Sans SC',
          'WenQuanYi Micro Hei',
          'sans-serif',
          'Apple Color Emoji',
          'Segoe UI Emoji',
          'Noto Color Emoji',
        ],
        mono: [
          'ui-monospace',
          'SFMono-Regular',
          'Menlo',
          'Consolas',
          'Liberation Mono',
          'DejaVu Sans Mono',
          'PingFang SC',
          'Microsoft YaHei',
          'Noto Sans Mono CJK SC',
          'Noto Sans CJK SC',
          'monospace',
        ],
      },
    },
  },
} satisfies Config;
