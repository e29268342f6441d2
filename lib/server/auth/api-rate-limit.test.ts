import { describe, expect, it } from 'vitest';
import { apiRequestWait } from './api-rate-limit';

describe('apiRequestWait', () => {
  it('lets a user spend the budget, then says how long to wait; other users are unaffected', async () => {
    for (let i = 0; i < 3; i++) expect(await apiRequestWait('local:a', 3)).toBe(0);
    const wait = await apiRequestWait('local:a', 3);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await apiRequestWait('local:b', 3)).toBe(0);
  });
});
