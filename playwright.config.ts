import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download its own browsers here)
 * against the real dashboard started by `npm start` in demo mode: the real emulator over real
 * HTTP with real signatures.
 */
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT || 4110);
/** The local OpenID provider that e2e/auth-oidc.spec.ts starts (oidc-provider). */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT || E2E_EMULATOR_PORT + 1);
/** The alert channels' secrets in the e2e server's configuration (see webServer.env below). */
export const E2E_ALERT_SECRETS = {
  webhookToken: 'e2e-webhook-token-Jq47',
  dingToken: 'e2e-ding-access-token-Rt62',
  dingSecret: 'SECe2e-ding-signing-secret-Wm19',
};
/** Where the setup project keeps the signed-in session that every other test starts from. */
export const OPERATOR_STORAGE_STATE = 'e2e/.auth/operator.json';

/** Debian's Chromium, with the flags this machine's closed network needs; the benches use it too. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const chromium = { ...devices['Desktop Chrome'], launchOptions: CHROMIUM_LAUNCH_OPTIONS };

/**
 * Specs that run only against servers, emulators and stores of their own (e2e/support/app-server.ts)
 * and never touch the shared dashboard or its emulator: they run in a lane of their own, beside the
 * shared lane (docs/testing.md, "Two lanes").
 */
const PRIVATE_SERVER_SPECS =
  /\/(accounts|api-tokens|auth-sessions|resilience|resource-group-limit|security-forwarded|security-secrets|store-identity)\.spec\.ts$/;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // One worker per lane: the shared lane's specs move one emulator clock and one store, so they take
  // turns; the private lane's never touch them.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  // On CI a failed test runs once more, so one unlucky scheduling on a busy 2-core machine does not
  // block a change. The report then names the test "flaky": a bug to find, never a pass to keep.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Signs in through the real sign-in page once and saves the session for the tests below.
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { ...chromium, locale: 'en-US' } },
    {
      // The shared lane: the dashboard that `npm start` runs below and its emulator. English, whatever
      // the machine's LANG says (these specs find things by their English names), but for the
      // `*.zh.spec.ts` files, whose reader's browser asks for Chinese (they say so with test.use).
      name: 'chromium',
      dependencies: ['setup'],
      testIgnore: PRIVATE_SERVER_SPECS,
      workers: 1,
      use: { ...chromium, locale: 'en-US', storageState: OPERATOR_STORAGE_STATE },
    },
    {
      // The private lane: each spec starts what it needs, and no session from the setup project. It
      // waits for that project all the same: Playwright runs projects in phases by their dependencies,
      // and a lane without one would run beside the setup alone, before the shared lane begins.
      name: 'private-servers',
      dependencies: ['setup'],
      testMatch: PRIVATE_SERVER_SPECS,
      workers: 1,
      use: { ...chromium, locale: 'en-US' },
    },
  ],
  webServer: {
    // One production build for every spec, made with sentinel secrets in its environment for the
    // secrets spec to search (e2e/support/build-under-test.ts); `npm start` then finds it fresh.
    command: 'npx tsx e2e/support/build-under-test.ts && npm start',
    url: `http://localhost:${E2E_PORT}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    // Access and audit lines would drown the test report; warnings and errors still show.
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      EMULATOR_PORT: String(E2E_EMULATOR_PORT),
      EMULATOR_SEED: '424242',
      EMULATOR_TASKS: '3000',
      // Demo mode on purpose: with local accounts and single sign-on configured below, start-up
      // refuses demo mode unless asked for (lib/node/auth-startup.ts); and regardless of the machine's own
      // credentials.
      DEMO: '1',
      ALIBABA_CLOUD_ACCESS_KEY_ID: '',
      CDN_ENDPOINT: '',
      // The tests stand in for a reverse proxy: their X-Forwarded-* headers, from loopback, count.
      // e2e/security-forwarded.spec.ts runs a server without this setting.
      TRUSTED_PROXIES: '127.0.0.1, ::1',
      // Sign-in: local accounts for the role tests, and single sign-on against the OpenID provider
      // that e2e/auth-oidc.spec.ts starts on E2E_OIDC_PORT.
      AUTH_USERS_FILE: 'e2e/fixtures/users.json',
      AUTH_OIDC_ISSUER: `http://localhost:${E2E_OIDC_PORT}`,
      AUTH_OIDC_CLIENT_ID: 'cdn-refresh-monitor-e2e',
      AUTH_OIDC_CLIENT_SECRET: 'e2e-client-secret-not-for-production',
      AUTH_OIDC_ROLE_CLAIM: 'dashboard_roles',
      AUTH_OIDC_ACCOUNTS_CLAIM: 'dashboard_accounts',
      AUTH_OIDC_OPERATORS: 'listed.operator@example.test',
      // Room for the 1,000-query property test; the 429 test has a server of its own with a small budget.
      API_RATE_LIMIT_PER_MINUTE: '1500',
      LOG_LEVEL: 'warn',
      // A fresh store per run: the emulator's world is new each time too.
      DATA_DIR: 'memory://',
      // A brisk sync, so tests that freeze the emulator's clock see the store catch up in a second or two.
      SYNC_HEAD_INTERVAL_MS: '1000',
      SYNC_FOLLOW_INTERVAL_MS: '1000',
      SYNC_FOLLOW_SLOW_INTERVAL_MS: '2000',
      // Alerts (e2e/alerts.spec.ts): two channels posting to the emulator's alert sink, with
      // secret-looking tokens the pages and answers must never show; evaluated every second.
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${E2E_EMULATOR_PORT}/__emulator/alert-sink?token=${E2E_ALERT_SECRETS.webhookToken}`,
      ALERT_DINGTALK_WEBHOOK_URL: `http://127.0.0.1:${E2E_EMULATOR_PORT}/__emulator/alert-sink?access_token=${E2E_ALERT_SECRETS.dingToken}`,
      ALERT_DINGTALK_SECRET: E2E_ALERT_SECRETS.dingSecret,
      ALERT_EVALUATE_INTERVAL_MS: '1000',
    },
  },
});
