import { describe, expect, it } from 'vitest';
import { usersRecheckSeconds } from './settings';

describe('AUTH_USERS_RECHECK_SECONDS', () => {
  it('defaults to 10 s, allows 0 (every request), and never lets the file lag more than 60 s', () => {
    expect(usersRecheckSeconds({})).toBe(10);
    expect(usersRecheckSeconds({ AUTH_USERS_RECHECK_SECONDS: '0' })).toBe(0);
    expect(usersRecheckSeconds({ AUTH_USERS_RECHECK_SECONDS: '30' })).toBe(30);
    expect(usersRecheckSeconds({ AUTH_USERS_RECHECK_SECONDS: '3600' })).toBe(60);
    expect(usersRecheckSeconds({ AUTH_USERS_RECHECK_SECONDS: 'soon' })).toBe(10);
  });
});
