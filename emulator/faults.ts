/**
 * Injected faults, for testing how clients cope: latency, 5xx errors, throttling (forced, and the
 * shape of every throttled answer), malformed or truncated bodies, dropped connections, hangs. Each
 * can be limited to one action, to a fraction of calls (`rate`) and to a number of calls (`times`).
 */
import { z } from 'zod';
import type { Random } from './prng';
import { THROTTLE_SHAPES } from './throttling';

const scope = {
  /** Only calls of this action; every action when absent. */
  action: z.string().optional(),
  /** Fraction of matching calls affected, 0..1 (default 1). */
  rate: z.number().min(0).max(1).optional(),
  /** Stop after this many affected calls. */
  times: z.number().int().positive().optional(),
};

const scoped = z.strictObject(scope);

export const faultConfigSchema = z.strictObject({
  latency: z
    .strictObject({ ...scope, fixedMs: z.number().min(0).default(0), jitterMs: z.number().min(0).default(0) })
    .optional(),
  errors: z
    .array(
      z.strictObject({
        ...scope,
        code: z.enum(['InternalError', 'ServiceUnavailable']),
        rate: z.number().min(0).max(1),
      }),
    )
    .optional(),
  throttling: z
    .strictObject({ ...scope, shape: z.enum(THROTTLE_SHAPES).optional(), force: z.boolean().optional() })
    .optional(),
  malformedJson: scoped.optional(),
  truncatedBody: scoped.optional(),
  connectionReset: scoped.optional(),
  hang: scoped.optional(),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;
type Scope = { action?: string | undefined; rate?: number | undefined; times?: number | undefined };

/** What the faults decide for one call. */
export interface FaultPlan {
  latencyMs: number;
  /** Instead of answering: drop the socket, or never answer. */
  transport: 'connectionReset' | 'hang' | null;
  error: 'InternalError' | 'ServiceUnavailable' | null;
  forceThrottle: boolean;
  /** After answering: spoil the body. */
  body: 'malformedJson' | 'truncatedBody' | null;
}

export class Faults {
  config: FaultConfig = {};

  constructor(private readonly random: Random) {}

  /** Merges: each fault given replaces the one of the same name. */
  set(config: FaultConfig): void {
    this.config = { ...this.config, ...config };
  }

  clear(): void {
    this.config = {};
  }

  /** Which faults hit this call. Consumes `times` of those that do. */
  plan(action: string | null): FaultPlan {
    const c = this.config;
    const latency = c.latency && this.hits(c.latency, action) ? c.latency : undefined;
    const error = c.errors?.find((e) => this.hits(e, action));
    return {
      latencyMs: latency ? latency.fixedMs + this.random() * latency.jitterMs : 0,
      transport: this.take('connectionReset', action)
        ? 'connectionReset'
        : this.take('hang', action)
          ? 'hang'
          : null,
      error: error?.code ?? null,
      forceThrottle: c.throttling?.force === true && this.hits(c.throttling, action),
      body: this.take('malformedJson', action)
        ? 'malformedJson'
        : this.take('truncatedBody', action)
          ? 'truncatedBody'
          : null,
    };
  }

  private take(
    name: 'connectionReset' | 'hang' | 'malformedJson' | 'truncatedBody',
    action: string | null,
  ): boolean {
    const fault = this.config[name];
    return fault !== undefined && this.hits(fault, action);
  }

  /** Whether a fault applies to this call; counts it down and removes it when its `times` run out. */
  private hits(fault: Scope, action: string | null): boolean {
    if (fault.action !== undefined && fault.action !== action) return false;
    if (fault.times !== undefined && fault.times <= 0) return false;
    if (this.random() >= (fault.rate ?? 1)) return false;
    if (fault.times !== undefined) fault.times -= 1;
    return true;
  }
}
