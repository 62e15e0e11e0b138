// The API as a signed-in account, for setting up browser journeys, and a performance to sell.
import { type APIRequestContext, request } from 'playwright-core';
import { expect } from 'vitest';
import { SMALL_HALL } from '../support/program.ts';
import { DEMO_PASSWORD } from './browser.ts';

const HUB = 'astana';

export interface Api {
  get(path: string): Promise<{ status: number; body: unknown }>;
  post(
    path: string,
    data: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  dispose(): Promise<void>;
}

/** The API as one signed-in account, with its CSRF token, like the web app. */
export async function apiAs(baseURL: string, email: string): Promise<Api> {
  const ctx: APIRequestContext = await request.newContext({ baseURL });
  const signed = await ctx.post('/api/v1/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  if (!signed.ok()) throw new Error(`sign-in of ${email}: ${await signed.text()}`);
  const { csrfToken } = (await (await ctx.get('/api/v1/session')).json()) as { csrfToken: string };
  const parse = async (r: Awaited<ReturnType<APIRequestContext['get']>>) => ({
    status: r.status(),
    body: await r.json().catch(() => undefined),
  });
  return {
    get: async (path) => parse(await ctx.get(`/api/v1${path}`)),
    post: async (path, data, headers = {}) =>
      parse(await ctx.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrfToken, ...headers } })),
    dispose: () => ctx.dispose(),
  };
}

/** A published performance in the theatre a few hours from now: 12 seats (A 5 000 ₸, B 3 000 ₸) and 20 standing (2 000 ₸). */
/** A published performance in the theater: a small seat map (prices A and B) and 20 standing places (S). */
export async function createPerformance(
  manager: Api,
  title: string,
  hoursFromNow = 3,
): Promise<{ id: string; areaId: string }> {
  const slug = `e2e-${Math.random().toString(36).slice(2, 8)}`;
  const map = await manager.post(`/hubs/${HUB}/spaces/theater/seat-maps`, {
    name: `map ${slug}`,
    layout: SMALL_HALL,
  });
  expect(map.status, JSON.stringify(map.body)).toBe(201);
  const ev = await manager.post(`/hubs/${HUB}/events`, {
    slug,
    kind: 'theater',
    title: { kk: `${title} (kk)`, ru: `${title} (ru)`, en: title },
    status: 'published',
  });
  expect(ev.status, JSON.stringify(ev.body)).toBe(201);
  const start = new Date(Date.now() + hoursFromNow * 3_600_000);
  const perf = await manager.post(`/hubs/${HUB}/events/${slug}/performances`, {
    space: 'theater',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    seatMapId: (map.body as { id: string }).id,
    prices: [
      { code: 'A', name: { kk: 'Алдыңғы', ru: 'Партер', en: 'Front' }, priceTiyn: 500_000 },
      { code: 'B', name: { kk: 'Артқы', ru: 'Задние', en: 'Back' }, priceTiyn: 300_000 },
      { code: 'S', name: { kk: 'Тұрып', ru: 'Стоячие', en: 'Standing' }, priceTiyn: 200_000 },
    ],
    areas: [{ name: { kk: 'Тұрып көру', ru: 'Танцпол', en: 'Standing' }, category: 'S', capacity: 20 }],
  });
  expect(perf.status, JSON.stringify(perf.body)).toBe(201);
  const body = perf.body as { id: string; areas: { id: string }[] };
  return { id: body.id, areaId: body.areas[0]?.id ?? '' };
}

/** An API session for setting up data (signed in when an email is given), with its cookie and CSRF token. */
export async function apiSession(base: string, email?: string) {
  let cookie = '';
  if (email) {
    const res = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (!res.ok) throw new Error(`sign-in ${res.status} ${await res.text()}`);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  const session = (await (await fetch(`${base}/api/v1/session`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': session.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
}

/** YYYY-MM-DD in Astana, `days` from today. */
export function astanaDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
