/**
 * The emulator's documented defaults. Demo mode signs with this same key pair, so the dashboard
 * talks to the emulator exactly as it would to Alibaba Cloud. These values are public on purpose:
 * they open nothing but the local emulator.
 */
export const EMULATOR_DEFAULTS = {
  port: 4010,
  host: '127.0.0.1',
  accessKeyId: 'LTAI5tEmulatorDemoKey',
  accessKeySecret: 'EmulatorDemoSecretNotForProduction',
  /** The emulated Alibaba Cloud account: the unit its rate limits are counted in. */
  accountId: '5000000000000000',
  seed: 20181005,
  tasks: 5000,
} as const;
