import { describe, expect, it } from 'vitest';
import { ApiError, jsonOrApiError } from './api-client';

async function failureOf(response: Response): Promise<ApiError> {
  try {
    await jsonOrApiError(response);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the answer was taken for a success');
}

describe('jsonOrApiError', () => {
  it('keeps the error contract’s body as the API wrote it', async () => {
    const body = { error: { code: 'Forbidden', message: 'You may not see the account "prod".' } };
    const error = await failureOf(Response.json(body, { status: 403 }));
    expect(error.status).toBe(403);
    expect(error.body).toEqual(body.error);
  });

  it.each([
    [502, 'ServiceUnavailable'],
    [503, 'ServiceUnavailable'],
    [504, 'Timeout'],
    [429, 'TooManyRequests'],
    [401, 'Unauthorized'],
    [500, 'InternalError'],
    [418, 'Http418'],
  ])('names a %i without our JSON (a proxy’s page) by a code the pages can word', async (status, code) => {
    const error = await failureOf(
      new Response('<html>Bad Gateway</html>', { status, statusText: 'From the proxy' }),
    );
    expect(error.body.code).toBe(code);
    expect(error.body.message).toBe(`HTTP ${status} From the proxy`);
  });
});
