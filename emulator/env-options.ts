/** The emulator's options from environment variables (listed in README.md). */
import type { EmulatorOptions, ExtraAccessKey } from './options';
import type { RateLimits } from './rate-limiter';
import { THROTTLE_SHAPES, type ThrottleShape } from './throttling';

type Env = Readonly<Record<string, string | undefined>>;

export function optionsFromEnv(env: Env): Partial<EmulatorOptions> {
  const options: Partial<EmulatorOptions> = {};
  const port = integer(env, 'EMULATOR_PORT');
  if (port !== undefined) options.port = port;
  const seed = integer(env, 'EMULATOR_SEED');
  if (seed !== undefined) options.seed = seed;
  const tasks = integer(env, 'EMULATOR_TASKS');
  if (tasks !== undefined) options.tasks = tasks;
  if (env.EMULATOR_ACCESS_KEY_ID) options.accessKeyId = env.EMULATOR_ACCESS_KEY_ID;
  if (env.EMULATOR_ACCESS_KEY_SECRET) options.accessKeySecret = env.EMULATOR_ACCESS_KEY_SECRET;
  if (env.EMULATOR_SECURITY_TOKEN) options.securityToken = env.EMULATOR_SECURITY_TOKEN;
  if (env.EMULATOR_ACCOUNT_ID)
    options.accountId = accountIdFrom(env.EMULATOR_ACCOUNT_ID, 'EMULATOR_ACCOUNT_ID');
  const extraKeys = extraKeysFrom(env.EMULATOR_EXTRA_KEYS);
  if (extraKeys !== undefined) options.accessKeys = extraKeys;
  const extendedKinds = flag(env, 'EMULATOR_EXTENDED_KINDS');
  if (extendedKinds !== undefined) options.extendedKinds = extendedKinds;
  const rateLimits = rateLimitsFrom(env.EMULATOR_RATE_LIMITS);
  if (rateLimits !== undefined) options.rateLimits = rateLimits;
  const shape = env.EMULATOR_THROTTLE_SHAPE;
  if (shape) {
    if (!(THROTTLE_SHAPES as readonly string[]).includes(shape)) {
      throw new Error(`EMULATOR_THROTTLE_SHAPE must be one of ${THROTTLE_SHAPES.join(', ')}, got "${shape}"`);
    }
    options.throttleShape = shape as ThrottleShape;
  }
  return options;
}

function integer(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** An Alibaba Cloud account id: digits, as GetCallerIdentity answers it. */
function accountIdFrom(text: string, name: string): string {
  if (!/^\d{1,20}$/.test(text)) throw new Error(`${name} must be an account id of digits`);
  return text;
}

/**
 * EMULATOR_EXTRA_KEYS: JSON `[{"id":"…","secret":"…","securityToken"?:"…","accountId"?:"…"}]`, more
 * keys: of the same account, or of another one where `accountId` names it. Errors name the entry and
 * field but never echo the text: it holds secrets.
 */
function extraKeysFrom(text: string | undefined): ExtraAccessKey[] | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('EMULATOR_EXTRA_KEYS must be a JSON array of {"id","secret"} objects (it is not JSON)');
  }
  if (!Array.isArray(parsed))
    throw new Error('EMULATOR_EXTRA_KEYS must be a JSON array of {"id","secret"} objects');
  return parsed.map((entry: unknown, i) => {
    const key = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    for (const field of ['id', 'secret'] as const) {
      if (typeof key[field] !== 'string' || key[field] === '') {
        throw new Error(`EMULATOR_EXTRA_KEYS[${i}].${field} must be a non-empty string`);
      }
    }
    const unknown = Object.keys(key).filter(
      (name) => !['id', 'secret', 'securityToken', 'accountId'].includes(name),
    );
    if (unknown.length > 0)
      throw new Error(`EMULATOR_EXTRA_KEYS[${i}] has unknown fields: ${unknown.join(', ')}`);
    if (key.securityToken !== undefined && typeof key.securityToken !== 'string') {
      throw new Error(`EMULATOR_EXTRA_KEYS[${i}].securityToken must be a string`);
    }
    if (key.accountId !== undefined && typeof key.accountId !== 'string') {
      throw new Error(`EMULATOR_EXTRA_KEYS[${i}].accountId must be a string of digits`);
    }
    return {
      id: key.id as string,
      secret: key.secret as string,
      ...(typeof key.securityToken === 'string' ? { securityToken: key.securityToken } : {}),
      ...(typeof key.accountId === 'string'
        ? { accountId: accountIdFrom(key.accountId, `EMULATOR_EXTRA_KEYS[${i}].accountId`) }
        : {}),
    };
  });
}

/** `1`/`true` or `0`/`false`; anything else is a mistake worth stopping for. */
function flag(env: Env, name: string): boolean | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  throw new Error(`${name} must be 1, true, 0 or false, got "${text}"`);
}

/** EMULATOR_RATE_LIMITS: `off`, or JSON like {"DescribeRefreshTasks":10} over the documented limits. */
function rateLimitsFrom(text: string | undefined): RateLimits | 'off' | undefined {
  if (text === undefined || text === '') return undefined;
  if (text === 'off') return 'off';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`EMULATOR_RATE_LIMITS must be "off" or a JSON object, got "${text}"`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('EMULATOR_RATE_LIMITS must be "off" or a JSON object of calls per second by action');
  }
  for (const [action, rate] of Object.entries(parsed)) {
    if (typeof rate !== 'number' || rate < 0)
      throw new Error(`EMULATOR_RATE_LIMITS.${action} must be a number >= 0`);
  }
  return parsed as RateLimits;
}
