/**
 * The public language switch reads at most its limit of a body, however it is sent: a chunked body
 * without Content-Length, or one whose Content-Length lies, is answered 413 in the contract's shape
 * by the real server, and the language is not changed.
 */
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';

test.use({ storageState: { cookies: [], origins: [] } });

/** A POST to /api/locale of `body`, sent in chunks of 4 KiB (chunked: no Content-Length). */
function postChunked(body: string): Promise<{ status: number; text: string; setCookie: string[] }> {
  const origin = `http://localhost:${E2E_PORT}`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: 'localhost',
        port: E2E_PORT,
        path: '/api/locale',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            setCookie: response.headers['set-cookie'] ?? [],
          }),
        );
      },
    );
    // The server may answer and close before the whole body is sent: that is what is tested.
    request.on('error', reject);
    for (let offset = 0; offset < body.length; offset += 4_096)
      request.write(body.slice(offset, offset + 4_096));
    request.end();
  });
}

test('a chunked body longer than the limit gets 413, and the language stays', async () => {
  const answer = await postChunked(`locale=zh&returnTo=%2F&padding=${'a'.repeat(100_000)}`);
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.text)).toEqual({
    error: {
      code: 'PayloadTooLarge',
      message: expect.any(String),
      fields: { body: 'must be at most 8192 bytes' },
    },
  });
  expect(answer.setCookie.join(';')).not.toContain('locale=');
});

test('a short chunked body is still read as the form it is', async () => {
  const answer = await postChunked('locale=zh&returnTo=%2Ftasks');
  expect(answer.status).toBe(303);
  expect(answer.setCookie.join(';')).toContain('locale=zh');
});
