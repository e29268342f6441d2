import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../playwright.config';
import { signIn } from '../bench/support/sign-in';

const base = process.env.BASE ?? 'http://localhost:3001';
const path = process.argv[2] ?? '/tasks';
const out = process.argv[3] ?? '/work/notes/shots/shot.png';
const width = Number(process.argv[4] ?? 1440);
const dark = process.argv[5] === 'dark';
const cookie = await signIn(base);
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme: dark ? 'dark' : 'light' });
await context.addCookies(
  cookie.split('; ').map((pair) => {
    const [name, ...rest] = pair.split('=');
    return { name: name ?? '', value: rest.join('='), url: base };
  }),
);
const page = await context.newPage();
await page.goto(`${base}${path}`);
await page.waitForTimeout(Number(process.env.WAIT ?? 3000));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
