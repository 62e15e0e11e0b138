// Staff of one hub can neither see nor change another hub's data; a network admin sees all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { apiRoutes, fillPath, PUBLIC_ROUTES } from '../support/routes.ts';

const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/hubs/{hub}': { description: { en: 'taken over' } },
  'PATCH /api/v1/hubs/{hub}/spaces/{space}': { name: { en: 'taken over' } },
  'PUT /api/v1/hubs/{hub}/staff/{userId}/roles': { roles: ['resident'] },
  'POST /api/v1/hubs/{hub}/invitations': { email: 'intruder@example.kz', role: 'hub_admin' },
  'POST /api/v1/hubs': { slug: 'x', name: { en: 'X' }, city: { en: 'X' }, timeZone: 'Asia/Almaty' },
  'POST /api/v1/hubs/{hub}/events': { slug: 'intrusion', kind: 'concert', title: { en: 'X' } },
  'PATCH /api/v1/hubs/{hub}/events/{event}': { status: 'cancelled' },
  'POST /api/v1/hubs/{hub}/events/{event}/performances': {
    space: 'hall',
    startsAt: '2030-01-01T10:00:00Z',
    endsAt: '2030-01-01T12:00:00Z',
    prices: [{ code: 'A', name: { en: 'A' }, priceTiyn: 100 }],
    areas: [{ name: { en: 'Floor' }, category: 'A', capacity: 10 }],
  },
  'POST /api/v1/hubs/{hub}/performances/{id}/blocks': { seats: ['stalls-A-1'], reason: 'house' },
  'POST /api/v1/hubs/{hub}/performances/{id}/unblock': { seats: ['stalls-A-1'] },
  'POST /api/v1/hubs/{hub}/spaces/{space}/seat-maps': {
    name: 'x',
    layout: { sections: [{ id: 'x', name: { en: 'X' }, rows: [{ label: 'A', seats: 2, category: 'A' }] }] },
  },
  'POST /api/v1/hubs/{hub}/orders/{id}/refund': { reason: 'intrusion' },
  'POST /api/v1/hubs/{hub}/orders/{id}/exchanges': {
    tickets: ['00000000-0000-4000-8000-000000000001'],
    performanceId: '00000000-0000-4000-8000-000000000002',
    best: { quantity: 1 },
    reason: 'intrusion',
  },
  'POST /api/v1/hubs/{hub}/promo-codes': { code: 'INTRUDER', kind: 'free_ticket' },
  'PATCH /api/v1/hubs/{hub}/promo-codes/{id}': { active: false },
  'POST /api/v1/hubs/{hub}/membership-plans': {
    slug: 'intruder',
    name: { en: 'X' },
    kind: 'pass',
    entries: 1,
    validDays: 1,
    priceTiyn: 0,
  },
  'PATCH /api/v1/hubs/{hub}/membership-plans/{slug}': { active: false },
  'POST /api/v1/hubs/{hub}/memberships': { plan: 'friend', holderName: 'X', payment: { method: 'cash' } },
  'POST /api/v1/hubs/{hub}/gift-vouchers': { valueTiyn: 100_000, payment: { method: 'cash' } },
  'POST /api/v1/hubs/{hub}/gift-vouchers/find': { code: 'GV-AAAA-BBBB-CCCC-DDDD' },
  'POST /api/v1/hubs/{hub}/gift-vouchers/{id}/void': { reason: 'intrusion' },
  'POST /api/v1/hubs/{hub}/gift-vouchers/{id}/mail': { email: 'intruder@example.kz' },
  'POST /api/v1/hubs/{hub}/performances/{id}/checkins': {
    scans: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        token: 'x',
        direction: 'in',
        scannedAt: '2030-01-01T10:00:00Z',
        deviceId: 'd',
      },
    ],
  },
};

describe.each(DRIVERS)('tenant isolation (%s)', (driver) => {
  let t: TestApp;
  let astana: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(driver);
    const admin = await t.signedIn('director@astana.ozgeepic.kz');
    const staff = (await admin.get('/api/v1/hubs/astana/staff')).json() as {
      userId: string;
      email: string;
    }[];
    const invitation = (
      await admin.post('/api/v1/hubs/astana/invitations', { email: 'new@example.kz', role: 'curator' })
    ).json();
    astana = {
      hub: 'astana',
      space: 'theater',
      event: 'abai-zholy',
      userId: staff.find((s) => s.email === 'curator@astana.ozgeepic.kz')?.userId ?? '',
      id: invitation.id,
      token: 'x',
    };
  });
  afterAll(() => t.close());

  it('covers every staff route of the API', () => {
    const staffRoutes = apiRoutes(t.app).filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`));
    expect(staffRoutes.length).toBeGreaterThanOrEqual(10);
    for (const r of staffRoutes) {
      if (r.path !== '/api/v1/hubs') expect(r.params, `${r.method} ${r.path} is hub-scoped`).toContain('hub');
    }
  });

  it("answers 403 or 404 to a hub admin of Shymkent on every staff route of Astana's records", async () => {
    const other = await t.signedIn('director@shymkent.ozgeepic.kz');
    const routes = apiRoutes(t.app).filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`));
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      const res = await other.request(
        r.method,
        fillPath(r.path, astana),
        r.hasBody ? (SAMPLE_BODIES[key] ?? {}) : undefined,
      );
      expect([403, 404], `${key} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it("answers 404 when Astana's records are addressed through Shymkent's own hub", async () => {
    const other = await t.signedIn('director@shymkent.ozgeepic.kz');
    const roles = await other.put(`/api/v1/hubs/shymkent/staff/${astana.userId}/roles`, {
      roles: ['resident'],
    });
    expect(roles.statusCode).toBe(404);
    expect((await other.delete(`/api/v1/hubs/shymkent/staff/${astana.userId}`)).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/hubs/shymkent/invitations/${astana.id}`)).statusCode).toBe(404);
    const staff = (await other.get('/api/v1/hubs/shymkent/staff')).json() as { email: string }[];
    expect(staff.map((s) => s.email)).toEqual(['director@shymkent.ozgeepic.kz']);
    const audit = (await other.get('/api/v1/hubs/shymkent/audit')).json() as { entries: { hubId: string }[] };
    expect(audit.entries.every((e) => e.hubId !== null && e.hubId !== undefined)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('new@example.kz');
  });

  it('leaves Astana unchanged after the attempts', async () => {
    const space = (await t.client().get('/api/v1/hubs/astana/spaces/theater')).json();
    expect(space.name.en).toBe('Theater space');
    const hub = (await t.client().get('/api/v1/hubs/astana')).json();
    expect(hub.description.en).not.toBe('taken over');
  });

  it('lets roles without staff rights in Astana reach none of its staff pages', async () => {
    for (const email of [
      'program@astana.ozgeepic.kz',
      'boxoffice@astana.ozgeepic.kz',
      'resident@astana.ozgeepic.kz',
    ]) {
      const c = await t.signedIn(email);
      expect((await c.get('/api/v1/hubs/astana/staff')).statusCode).toBe(403);
      expect((await c.get('/api/v1/hubs/astana/audit')).statusCode).toBe(403);
    }
    const program = await t.signedIn('program@astana.ozgeepic.kz');
    expect(
      (await program.patch('/api/v1/hubs/astana/spaces/hall', { name: { en: 'The big hall' } })).statusCode,
    ).toBe(200);
    const box = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    expect((await box.patch('/api/v1/hubs/astana/spaces/hall', { name: { en: 'Nope' } })).statusCode).toBe(
      403,
    );
  });

  it('lets the network admin see and change every hub', async () => {
    const admin = await t.signedIn('admin@ozgeepic.kz');
    for (const hub of ['astana', 'shymkent', 'aktobe']) {
      expect((await admin.get(`/api/v1/hubs/${hub}/staff`)).statusCode).toBe(200);
      expect((await admin.get(`/api/v1/hubs/${hub}/audit`)).statusCode).toBe(200);
    }
    const created = await admin.post('/api/v1/hubs', {
      slug: 'oral',
      name: { kk: 'ÓzgeEpic Орал', en: 'ÓzgeEpic Oral' },
      city: { kk: 'Орал' },
      timeZone: 'Asia/Oral',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().name['kk-Latn']).toBe('ÓzgeEpic Oral');
    const director = await t.signedIn('director@astana.ozgeepic.kz');
    expect((await director.post('/api/v1/hubs', SAMPLE_BODIES['POST /api/v1/hubs'])).statusCode).toBe(403);
  });
});
