import { describe, expect, it } from 'vitest';
import Home from './page';

/** Where `/` sends the browser: next/navigation's redirect() throws, naming the address in its digest. */
async function redirectedTo(query: Record<string, string | string[]>): Promise<string> {
  try {
    await Home({ searchParams: Promise.resolve(query) });
  } catch (error) {
    return String((error as { digest?: string }).digest ?? '').split(';')[2] ?? '';
  }
  throw new Error('no redirect');
}

describe('the dashboard’s bare address', () => {
  it('opens the task list, of the account the address names', async () => {
    expect(await redirectedTo({})).toBe('/tasks');
    expect(await redirectedTo({ acct: 'staging' })).toBe('/tasks?acct=staging');
  });
  it('leaves out an account value no view takes there', async () => {
    expect(await redirectedTo({ acct: 'all' })).toBe('/tasks');
    expect(await redirectedTo({ acct: '../x' })).toBe('/tasks');
    expect(await redirectedTo({ acct: ['a', 'b'] })).toBe('/tasks');
  });
});
