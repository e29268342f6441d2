import { describe, expect, it } from 'vitest';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from './process-singleton';

describe('processSingleton', () => {
  it('creates once per name, whoever asks, and can be forgotten', () => {
    let created = 0;
    const make = () => {
      created += 1;
      return { n: created };
    };
    const first = processSingleton('test-singleton', make);
    expect(processSingleton('test-singleton', make)).toBe(first);
    expect(peekProcessSingleton('test-singleton')).toBe(first);
    // What another copy of a module would do: the same registered symbol on globalThis.
    expect(
      (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('cdn-refresh-monitor.test-singleton')],
    ).toBe(first);
    setProcessSingleton('test-singleton', undefined);
    expect(peekProcessSingleton('test-singleton')).toBeUndefined();
    expect(processSingleton('test-singleton', make)).toEqual({ n: 2 });
  });
});
