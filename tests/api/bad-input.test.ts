// Bad input anywhere gets a 4xx problem+json with a clear message, never a 500.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { apiRoutes, fillPath, PUBLIC_ROUTES, type RouteInfo } from '../support/routes.ts';

function expectProblem(res: LightMyRequestResponse, label: string, status?: number) {
  expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
  if (status) expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
  expect(res.headers['content-type'], label).toContain('application/problem+json');
  const body = res.json();
  expect(typeof body.code, label).toBe('string');
  expect(body.detail.length, label).toBeGreaterThan(5);
  expect(body.status).toBe(res.statusCode);
}

describe.each(DRIVERS)('bad input on every route (%s)', (driver) => {
  let t: TestApp;
  let admin: Client;
  let routes: RouteInfo[];
  const good = {
    hub: 'astana',
    space: 'theater',
    userId: '00000000-0000-4000-8000-000000000000',
    id: '00000000-0000-4000-8000-000000000000',
    token: 'unknown-token',
  };
  beforeAll(async () => {
    t = await createTestApp(driver);
    admin = await t.signedIn('admin@ozgeepic.kz');
    routes = apiRoutes(t.app);
  });
  afterAll(() => t.close());

  it('rejects malformed JSON, wrong shapes and wrong types', async () => {
    for (const r of routes.filter((x) => x.hasBody)) {
      const url = fillPath(r.path, good);
      const label = `${r.method} ${r.path}`;
      const raw = (payload: string) =>
        admin.request(r.method, url, payload, { headers: { 'content-type': 'application/json' } });
      expectProblem(await raw('{"email": '), `${label} malformed`, 400);
      expect((await raw('{"email": ')).json().code).toBe('malformed_json');
      expectProblem(await raw(''), `${label} empty`, 400);
      expectProblem(await admin.request(r.method, url, []), `${label} array`, 400);
      expectProblem(await admin.request(r.method, url, 'just a string'), `${label} string`);
      const wrongTypes = {
        email: 5,
        password: true,
        name: [],
        locale: 'xx',
        roles: 'hub_admin',
        role: 7,
        token: {},
        slug: 'Bad Slug!',
        name2: null,
        description: 'not a map',
        timeZone: 3,
        unexpected: 1,
      };
      const res = await admin.request(r.method, url, wrongTypes);
      expectProblem(res, `${label} wrong types`, 400);
      expect(res.json().errors?.length, label).toBeGreaterThan(0);
    }
  });

  it('rejects an oversized body and a non-JSON content type', async () => {
    for (const r of routes.filter((x) => x.hasBody)) {
      const url = fillPath(r.path, good);
      const big = JSON.stringify({ name: 'x'.repeat(1_100_000) });
      const res = await admin.request(r.method, url, big, {
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, `${r.method} ${r.path} oversized`, 413);
      const text = await admin.request(r.method, url, 'email=a', {
        headers: { 'content-type': 'text/plain' },
      });
      expectProblem(text, `${r.method} ${r.path} text/plain`, 415);
    }
  });

  it('answers 404 hub_not_found for an unknown hub and 400 for malformed ids', async () => {
    for (const r of routes.filter((x) => x.params.includes('hub'))) {
      const res = await admin.request(
        r.method,
        fillPath(r.path, { ...good, hub: 'no-such-hub' }),
        r.hasBody ? {} : undefined,
      );
      expect([400, 404], `${r.method} ${r.path}`).toContain(res.statusCode);
      expectProblem(res, `${r.method} ${r.path} unknown hub`);
    }
    for (const r of routes.filter((x) => x.params.includes('userId') || x.params.includes('id'))) {
      const res = await admin.request(
        r.method,
        fillPath(r.path, { ...good, userId: 'not-a-uuid', id: '42' }),
        r.hasBody ? { roles: ['curator'] } : undefined,
      );
      expectProblem(res, `${r.method} ${r.path} bad id`, 400);
    }
    expectProblem(await admin.get('/api/v1/hubs/astana/audit?limit=abc'), 'audit limit', 400);
    expectProblem(await admin.get('/api/v1/hubs/astana/audit?limit=100000'), 'audit limit', 400);
    expectProblem(await admin.get('/api/v1/hubs/astana/audit?before=-1'), 'audit before', 400);
    expectProblem(await admin.get(`/api/v1/hubs/${'x'.repeat(300)}`), 'long slug');
    expectProblem(await admin.get('/api/v1/no/such/route'), 'unknown route', 404);
    expectProblem(await admin.get('/api/v1/hubs/%E0%A4%A'), 'bad percent-encoding', 400);
  });

  it('answers 401 to every staff route with an expired session or none', async () => {
    const expired = await t.signedIn('director@astana.ozgeepic.kz');
    await t.tdb.db.query(
      `update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where email = 'director@astana.ozgeepic.kz')`,
    );
    const expiredCookie = expired.cookies.get('ozge_session') ?? '';
    const anonymous = t.client();
    for (const r of routes.filter((x) => !PUBLIC_ROUTES.has(`${x.method} ${x.path}`))) {
      const url = fillPath(r.path, good);
      const body = r.hasBody ? {} : undefined;
      const a = await anonymous.request(r.method, url, body);
      // Validation may answer first for an empty body; either way it is a 4xx problem.
      expectProblem(a, `${r.method} ${r.path} anonymous`);
      expired.cookies.set('ozge_session', expiredCookie);
      const e = await expired.request(r.method, url, body, {
        headers: { 'x-csrf-token': expired.csrfToken },
      });
      expectProblem(e, `${r.method} ${r.path} expired`);
      if (!r.hasBody) {
        expect(a.json().code).toBe('unauthenticated');
        expect(e.json().code).toBe('session_expired');
      }
    }
  });
});
