import { describe, expect, it } from 'vitest';
import { MAX_REFRESH_PATHS, REFRESH_OBJECT_TYPES, type RefreshResponse } from '@/lib/refresh-types';
import type { ApiTokenInfo, CreatedToken } from '@/lib/token-types';
import { OPENAPI_ANSWERS, openApiDocument } from './openapi-document';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

describe('the OpenAPI document of the public API', () => {
  const document = JSON.parse(JSON.stringify(openApiDocument())) as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  };

  it('is OpenAPI 3.1 and names every public route', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/api/refresh',
        '/api/tasks',
        '/api/tasks/export',
        '/api/tasks/summary',
        '/api/tokens',
        '/api/tokens/{id}',
        '/api/triage',
      ].sort(),
    );
  });

  it('describes the bodies by the very schemas the routes validate with', () => {
    const refresh = document.paths['/api/refresh']?.post?.requestBody?.content['application/json']?.schema;
    expect(refresh?.properties?.objectType?.enum).toEqual([...REFRESH_OBJECT_TYPES]);
    expect(refresh?.properties?.paths?.maxItems).toBe(MAX_REFRESH_PATHS);
    expect(refresh?.required).toEqual(['objectType', 'paths']);
    expect(refresh?.additionalProperties).toBe(false);
    const token = document.paths['/api/tokens']?.post?.requestBody?.content['application/json']?.schema;
    expect(token?.properties?.scope?.enum).toEqual(['read', 'submit']);
    expect(token?.properties?.expiresInDays?.maximum).toBe(365);
  });

  it('describes the answers the routes give', () => {
    const refreshAnswer: RefreshResponse = {
      accountId: 'default',
      tasks: [{ taskId: '1', objectPath: 'https://a.example.com/x', status: 'Complete' }],
      duplicates: 0,
      failed: [
        {
          kind: 'url',
          domain: 'b.example.com',
          objectPaths: ['https://b.example.com/y'],
          reason: 'domain-not-in-account',
          code: 'InvalidDomain.NotFound',
          message: 'no',
        },
      ],
      notAttempted: [],
      ended: true,
    };
    expect(OPENAPI_ANSWERS.refreshAnswer.safeParse(refreshAnswer).success).toBe(true);
    const created: CreatedToken = { id: 'tok_x', token: 'cdnm_x', expiresAt: '2027-01-01T00:00:00.000Z' };
    expect(OPENAPI_ANSWERS.createdToken.safeParse(created).success).toBe(true);
    const info: ApiTokenInfo = {
      id: 'tok_x',
      name: 'deploy',
      scope: 'submit',
      accounts: null,
      paths: ['a.example.com/static/'],
      createdBy: 'ops',
      createdAt: '2026-12-01T00:00:00.000Z',
      expiresAt: '2027-03-01T00:00:00.000Z',
      revokedAt: null,
      lastUsedAt: null,
      state: 'active',
    };
    expect(OPENAPI_ANSWERS.tokenInfo.safeParse(info).success).toBe(true);
  });
});
