import { describe, expect, it } from 'vitest';
import { agentMessage, toErrorInfo } from '../../../lib/kustomer/agent-message';
import { errorFromResponse, KustomerError, kindForStatus, parseErrorBody } from '../../../lib/kustomer/errors';

describe('parseErrorBody', () => {
  it('reads the { errors: [{ code, message, meta }] } shape', () => {
    expect(
      parseErrorBody({ errors: [{ code: 'bad_request', message: 'body is required', meta: { field: 'body' } }] }),
    ).toEqual([
      { code: 'bad_request', detail: 'body is required', pointer: 'body', status: undefined, title: undefined },
    ]);
  });

  it('reads the JSON:API shape with a source pointer', () => {
    const [issue] = parseErrorBody({
      errors: [
        {
          status: '400',
          code: 'invalid',
          title: 'Invalid Attribute',
          detail: 'must be 1..10240 characters',
          source: { pointer: '/data/attributes/body' },
        },
      ],
    });
    expect(issue).toEqual({
      status: 400,
      code: 'invalid',
      title: 'Invalid Attribute',
      detail: 'must be 1..10240 characters',
      pointer: '/data/attributes/body',
    });
  });

  it('reads a source parameter as the pointer', () => {
    expect(
      parseErrorBody({
        errors: [{ status: 400, detail: 'resource is required', source: { parameter: 'resource' } }],
      })[0]?.pointer,
    ).toBe('resource');
  });

  it.each([
    ['a bare message object', { message: 'Nope' }, [{ detail: 'Nope' }]],
    ['plain text', 'Service Unavailable', [{ detail: 'Service Unavailable' }]],
    ['an HTML error page', '<html><body>502</body></html>', []],
    ['nothing', undefined, []],
    ['an empty errors array', { errors: [] }, []],
  ])('copes with %s', (_label, body, expected) => {
    expect(parseErrorBody(body).map((issue) => ({ detail: issue.detail }))).toEqual(expected);
  });
});

describe('kindForStatus', () => {
  it.each([
    [400, 'validation'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'conflict'],
    [410, 'not_found'],
    [413, 'validation'],
    [422, 'validation'],
    [429, 'rate_limited'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
  ] as const)('maps %i to %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('errorFromResponse', () => {
  it('recognises the wrong-region answer and names the pod', () => {
    const error = errorFromResponse({
      status: 401,
      body: { errors: [{ status: 401, code: 'unauthorized', detail: 'token associated with pod prod2' }] },
    });
    expect(error).toMatchObject({ kind: 'unauthorized', reason: 'wrong_region', pod: 'prod2', status: 401 });
    expect(agentMessage(error)).toMatch(/^This key belongs to the EU region \(prod2\)/);
  });

  it('marks an expired key', () => {
    const error = errorFromResponse({
      status: 401,
      body: { errors: [{ code: 'unauthorized', message: 'Token expired' }] },
    });
    expect(error.reason).toBe('expired');
    expect(agentMessage(error)).toMatch(/has expired/);
  });

  it('collects the roles a 403 names', () => {
    const error = errorFromResponse({
      status: 403,
      body: {
        errors: [
          {
            status: 403,
            title: 'Forbidden',
            detail: 'Requires one of org.permission.note.create, org.user.note.write',
          },
        ],
      },
    });
    expect(error.roles).toEqual(['org.permission.note.create', 'org.user.note.write']);
    expect(agentMessage(error)).toBe(
      'Your key lacks the role org.permission.note.create (or any of org.user.note.write). Ask a Kustomer admin to add it to the key.',
    );
  });

  it('reads the roles a 403 lists in meta.requiredRoles', () => {
    const error = errorFromResponse({
      status: 403,
      body: {
        errors: [
          {
            code: 'forbidden',
            message: 'Missing role',
            meta: { requiredRoles: ['org.permission.note.create', 'org.admin.note'] },
          },
        ],
      },
    });
    expect(error.roles).toEqual(['org.permission.note.create', 'org.admin.note']);
  });

  it('tells the agent the single missing role', () => {
    const error = errorFromResponse({
      status: 403,
      body: { errors: [{ message: 'missing role org.permission.note.create' }] },
    });
    expect(agentMessage(error)).toBe(
      'Your key lacks the role org.permission.note.create. Ask a Kustomer admin to add it to the key.',
    );
  });

  it('keeps the field of a validation error', () => {
    const error = errorFromResponse({
      status: 400,
      body: { errors: [{ status: 400, detail: 'is required', source: { pointer: '/data/attributes/customer' } }] },
    });
    expect(error).toMatchObject({ kind: 'validation', field: 'customer', pointer: '/data/attributes/customer' });
    expect(agentMessage(error)).toBe('Kustomer refused the customer.');
  });

  it('carries the wait of a 429', () => {
    const error = errorFromResponse({
      status: 429,
      body: { errors: [{ code: 'rate_limited' }] },
      retryAfterMs: 12_000,
    });
    expect(error.retryAfterMs).toBe(12_000);
    expect(agentMessage(error, { retrying: true })).toBe('Kustomer is rate limiting; retrying in 12 s');
    expect(agentMessage(error)).toBe('Kustomer is rate limiting; try again in 12 s.');
  });
});

describe('agentMessage', () => {
  it.each([
    [new KustomerError({ kind: 'unauthorized', message: '' }), /^Kustomer rejected the API key/],
    [
      new KustomerError({ kind: 'network', message: '', offline: true }),
      /^Can't reach Kustomer: you appear to be offline/,
    ],
    [new KustomerError({ kind: 'network', message: '', host: 'api.kustomerapp.com' }), /at api\.kustomerapp\.com/],
    [new KustomerError({ kind: 'timeout', message: '', timeoutMs: 15_000 }), /within 15 s/],
    [new KustomerError({ kind: 'aborted', message: '' }), /cancelled/],
    [new KustomerError({ kind: 'server', message: '', status: 502 }), /problem \(502\)/],
    [new KustomerError({ kind: 'not_found', message: '' }), /no such record/],
    [new KustomerError({ kind: 'rate_limited', message: '', retryAfterMs: 150_000 }), /3 min/],
    [new Error('boom'), /^Something went wrong/],
    ['a string', /^Something went wrong/],
  ])('words %o for the agent', (error, expected) => {
    expect(agentMessage(error)).toMatch(expected);
  });
});

describe('toErrorInfo', () => {
  it('gives a plain object that survives structured cloning', () => {
    const error = errorFromResponse({
      status: 400,
      body: { errors: [{ status: 400, code: 'invalid', detail: 'too long', source: { pointer: '/body' } }] },
    });
    const info = toErrorInfo(error);
    expect(structuredClone(info)).toEqual(info);
    expect(info).toEqual({
      kind: 'validation',
      message: 'Kustomer refused the body.',
      status: 400,
      code: 'invalid',
      detail: 'too long',
      pointer: '/body',
      field: 'body',
    });
  });

  it('passes an info object through unchanged', () => {
    const info = { kind: 'timeout' as const, message: 'slow' };
    expect(toErrorInfo(info)).toBe(info);
    expect(agentMessage(info)).toBe('slow');
  });
});
