/** The emulator's options, with defaults from EMULATOR_DEFAULTS. */
import type { Credentials } from './authenticate';
import { EMULATOR_DEFAULTS } from './defaults';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limiter';
import type { ThrottleShape } from './throttling';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, every call must carry this STS token; when unset, a call carrying one is refused. */
  securityToken?: string;
  /**
   * More key pairs besides accessKeyId/accessKeySecret: of the same account (sharing its limits)
   * unless one names an `accountId` of its own, which makes it another account's key.
   */
  accessKeys?: readonly ExtraAccessKey[];
  /** The account all keys belong to (default EMULATOR_DEFAULTS.accountId). */
  accountId?: string;
  seed: number;
  /** Tasks visible at the start instant, up to 100,000. */
  tasks: number;
  /** The data clock in epoch ms (default Date.now). */
  now?: () => number;
  /** Instant the data set is generated around (default: now() at start). */
  startInstant?: number;
  /** Adds block/unblock tasks and Timeout/Canceled endings to the data set (default off). */
  extendedKinds?: boolean;
  /** Calls per second per access key and action, merged over the documented ones; 'off' disables. */
  rateLimits?: RateLimits | 'off';
  /** How a throttled call is answered: 400 Throttling.User (default), 429 TooManyRequests, 503 Throttling. */
  throttleShape?: ThrottleShape;
}

/** A further access key of the account; securityToken as for the main pair (required when set). */
export interface ExtraAccessKey {
  id: string;
  secret: string;
  securityToken?: string;
  /** Another Alibaba Cloud account's key (GetCallerIdentity answers it; its own rate limits). */
  accountId?: string;
}

/** A busy account's 3 days are 300,000 (100,000 a day); room above that for heavier ones. */
export const MAX_TASKS = 1_000_000;

/** Documented limits, with any given ones replacing theirs. */
export function effectiveRateLimits(rateLimits: RateLimits | 'off' | undefined): RateLimits | 'off' {
  return rateLimits === 'off' ? 'off' : { ...DEFAULT_RATE_LIMITS, ...rateLimits };
}

export function resolveOptions(options: Partial<EmulatorOptions> = {}): EmulatorOptions {
  const resolved: EmulatorOptions = {
    port: EMULATOR_DEFAULTS.port,
    host: EMULATOR_DEFAULTS.host,
    accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
    accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
    seed: EMULATOR_DEFAULTS.seed,
    tasks: EMULATOR_DEFAULTS.tasks,
    ...stripUndefined(options),
  };
  if (!Number.isInteger(resolved.tasks) || resolved.tasks < 0 || resolved.tasks > MAX_TASKS) {
    throw new RangeError(`tasks must be an integer between 0 and ${MAX_TASKS}, got ${resolved.tasks}`);
  }
  const ids = [resolved.accessKeyId, ...(resolved.accessKeys ?? []).map((key) => key.id)];
  for (const [i, key] of (resolved.accessKeys ?? []).entries()) {
    if (!key.id || !key.secret) throw new RangeError(`accessKeys[${i}] needs a non-empty id and secret`);
  }
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new RangeError(`access key ${repeated} is given twice`);
  return resolved;
}

/** The main key pair first, then the extra ones, in the shape authentication reads. */
export function accountKeys(options: EmulatorOptions): Credentials[] {
  return [
    {
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
      ...(options.securityToken === undefined ? {} : { securityToken: options.securityToken }),
    },
    ...(options.accessKeys ?? []).map((key) => ({
      accessKeyId: key.id,
      accessKeySecret: key.secret,
      ...(key.securityToken === undefined ? {} : { securityToken: key.securityToken }),
      ...(key.accountId === undefined ? {} : { accountId: key.accountId }),
    })),
  ];
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
