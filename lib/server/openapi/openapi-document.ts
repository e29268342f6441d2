import 'server-only';
import { z } from 'zod';
import { DATA_FILTER_KEYS } from '@/lib/filters';
import { MAX_WAIT_SECONDS, REFRESH_OBJECT_TYPES } from '@/lib/refresh-types';
import { TASK_STATUSES } from '@/lib/task';
import { refreshBody } from '../refresh/refresh-body';
import { createTokenBody } from '../tokens/token-schemas';

/**
 * The OpenAPI 3.1 document of the public API (served at /api/openapi.json): the routes a token may
 * use and the token routes. Request bodies are the very zod schemas the routes validate with
 * (z.toJSONSchema), so the document cannot drift from what is accepted; the answers are described
 * by zod schemas here, checked against the routes' answers by openapi-document.test.ts. The prose
 * is docs/contract.md and docs/public-api.md.
 */
const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    upstream: z.object({ code: z.string(), requestId: z.string().nullable() }).optional(),
  }),
});

const batch = z.object({ kind: z.string(), domain: z.string(), objectPaths: z.array(z.string()) });

const refreshAnswer = z.object({
  accountId: z.string(),
  tasks: z.array(z.object({ taskId: z.string(), objectPath: z.string(), status: z.string() })),
  duplicates: z.number().int(),
  failed: z.array(batch.extend({ reason: z.string(), code: z.string(), message: z.string() })),
  notAttempted: z.array(batch),
  ended: z.boolean().optional(),
});

const task = z.object({
  taskId: z.string(),
  objectPath: z.string(),
  objectType: z.string(),
  status: z.enum(TASK_STATUSES).or(z.string()),
  progress: z.number(),
  createdAt: z.string(),
  domain: z.string(),
  description: z.string().nullable(),
  reason: z.string().nullable(),
  finishedAt: z.string().nullable(),
  finishedPrecisionSeconds: z.number().nullable(),
});

const taskList = z.object({
  tasks: z.array(task),
  page: z.number().int(),
  size: z.number().int(),
  total: z.number().int(),
  fetchedAt: z.string(),
  partial: z.boolean(),
  syncedFrom: z.string().nullable().optional(),
});

const createdToken = z.object({ id: z.string(), token: z.string(), expiresAt: z.string() });

const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'submit']),
  accounts: z.array(z.string()).nullable(),
  paths: z.array(z.string()).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});

export const OPENAPI_ANSWERS = { errorBody, refreshAnswer, taskList, createdToken, tokenInfo };

const schema = (value: z.ZodType) => z.toJSONSchema(value, { io: 'input', unrepresentable: 'any' });
const answer = (description: string, body?: z.ZodType) => ({
  description,
  ...(body ? { content: { 'application/json': { schema: schema(body) } } } : {}),
});
const errors = Object.fromEntries(
  [
    ['400', 'A bad field or key, named in error.fields'],
    ['401', 'No valid token or session'],
    ['403', 'Not permitted (scope, account, paths)'],
    ['429', 'Rate limit or quota'],
  ].map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  ]),
);

/** The query keys of the task read routes (docs/contract.md, "The address of a view"). */
const viewParameters = DATA_FILTER_KEYS.map((name) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
}));

const readRoute = (summary: string, body: z.ZodType | null, mediaType = 'application/json') => ({
  get: {
    summary,
    security: [{ token: [] }, { session: [] }],
    parameters: viewParameters,
    responses: {
      '200': body
        ? answer('The view', body)
        : { description: 'The view', content: { [mediaType]: { schema: { type: 'string' } } } },
      ...errors,
    },
  },
});

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'CDN Refresh Monitor',
      version: '1',
      description:
        'Read the tasks of Alibaba Cloud CDN refresh and prefetch, and submit new ones, with an API token (Authorization: Bearer cdnm_…) or a session.',
    },
    components: {
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'An API token made on /settings/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
      },
      schemas: { Error: schema(errorBody) },
    },
    paths: {
      '/api/tasks': readRoute('The filtered view’s tasks, one page', taskList),
      '/api/tasks/summary': readRoute('Aggregates over the filtered view', z.record(z.string(), z.unknown())),
      '/api/triage': readRoute(
        'Origin Timeout groups by domain and prefix',
        z.record(z.string(), z.unknown()),
      ),
      '/api/tasks/export': readRoute('Every row of the view as CSV', null, 'text/csv'),
      '/api/refresh': {
        post: {
          summary: 'Submit a new refresh or prefetch; with wait, answer when its tasks have ended',
          security: [{ token: [] }, { session: [] }],
          parameters: [
            {
              name: 'wait',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS },
              description: 'Seconds to wait for every new task to end',
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: schema(refreshBody) } } },
          responses: {
            '201': answer('Submitted', refreshAnswer),
            '200': answer(`Every task ended Complete (with wait)`, refreshAnswer),
            '202': answer('The wait ran out: the states so far', refreshAnswer),
            '422': answer('Some tasks ended not Complete, or the upstream refused some calls', refreshAnswer),
            '502': answer('A failure stopped the submission part way', refreshAnswer),
            ...errors,
          },
          'x-object-types': REFRESH_OBJECT_TYPES,
        },
      },
      '/api/tokens': {
        post: {
          summary: 'Make an API token (operators, signed in, from the dashboard’s pages)',
          security: [{ session: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(createTokenBody) } },
          },
          responses: {
            '201': answer('The token; its secret is answered only here', createdToken),
            ...errors,
          },
        },
        get: {
          summary: 'The tokens within the operator’s accounts, never a secret',
          security: [{ session: [] }],
          responses: { '200': answer('The tokens', z.object({ tokens: z.array(tokenInfo) })), ...errors },
        },
      },
      '/api/tokens/{id}': {
        delete: {
          summary: 'Revoke a token',
          security: [{ session: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '204': { description: 'Revoked' },
            '404': { description: 'No such token' },
            ...errors,
          },
        },
      },
    },
  };
}
