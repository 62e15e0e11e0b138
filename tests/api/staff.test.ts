import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, linkIn, readOutbox, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';

describe.each(DRIVERS)('staff, invitations and the audit log (%s)', (driver) => {
  let t: TestApp;
  let director: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    director = await t.signedIn('director@astana.ozgeepic.kz');
  });
  afterAll(() => t.close());

  const tokenFor = async (email: string) => {
    const mail = (await readOutbox(t.outboxDir)).filter((m) => m.to.includes(email)).at(-1);
    return linkIn(mail?.text ?? '', '/invitations/').split('/invitations/')[1] ?? '';
  };

  it('invites a newcomer who creates an account from the emailed link and lands with the role', async () => {
    const res = await director.post('/api/v1/hubs/astana/invitations', {
      email: 'Jane@Example.kz',
      role: 'curator',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'jane@example.kz', role: 'curator', acceptedAt: null });
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('jane@example.kz'));
    expect(mail?.subject).toContain('ÓzgeEpic Астана');
    expect(mail?.text).toContain('куратор');
    const token = await tokenFor('jane@example.kz');
    const jane = t.client();
    const info = (await jane.get(`/api/v1/invitations/${token}`)).json();
    expect(info).toMatchObject({
      email: 'jane@example.kz',
      role: 'curator',
      expired: false,
      accepted: false,
      hasAccount: false,
    });
    expect(info.hub.slug).toBe('astana');
    const missing = await jane.post(`/api/v1/invitations/${token}/accept`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body/name',
      'body/password',
    ]);
    const accepted = await jane.post(`/api/v1/invitations/${token}/accept`, {
      name: 'Jane Doe',
      password: 'jane password 1',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.hubs).toEqual([
      expect.objectContaining({ hubSlug: 'astana', roles: ['curator'] }),
    ]);
    const again = await t
      .client()
      .post(`/api/v1/invitations/${token}/accept`, { name: 'Jane', password: 'jane password 2' });
    expect(again.statusCode).toBe(401);
    const staff = (await director.get('/api/v1/hubs/astana/staff')).json() as {
      email: string;
      roles: string[];
    }[];
    expect(staff.find((s) => s.email === 'jane@example.kz')?.roles).toEqual(['curator']);
  });

  it('lets an existing account accept only when signed in as the invited email', async () => {
    await director.post('/api/v1/hubs/astana/invitations', {
      email: 'shop@astana.ozgeepic.kz',
      role: 'box_office',
    });
    const token = await tokenFor('shop@astana.ozgeepic.kz');
    const anonymous = await t.client().post(`/api/v1/invitations/${token}/accept`, {});
    expect(anonymous.statusCode).toBe(401);
    const wrongPerson = await t.signedIn('curator@astana.ozgeepic.kz');
    expect((await wrongPerson.post(`/api/v1/invitations/${token}/accept`, {})).statusCode).toBe(401);
    const shop = await t.signedIn('shop@astana.ozgeepic.kz');
    const ok = await shop.post(`/api/v1/invitations/${token}/accept`, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.hubs[0].roles).toEqual(['box_office', 'shop_clerk']);
  });

  it('accepts an invitation once when the link is opened twice at the same moment', async () => {
    await director.post('/api/v1/hubs/astana/invitations', { email: 'twice@example.kz', role: 'resident' });
    const token = await tokenFor('twice@example.kz');
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        t
          .client()
          .post(`/api/v1/invitations/${token}/accept`, { name: `Twice ${i}`, password: 'twice password' }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const [{ n }] = (await t.tdb.db.query<{ n: number }>(
      `select count(*)::int as n from users where email = 'twice@example.kz'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
    for (const r of results.filter((x) => x.statusCode !== 200))
      expect(r.headers['content-type']).toContain('problem+json');
  });

  it('revokes a pending invitation, whose link then stops working', async () => {
    const inv = (
      await director.post('/api/v1/hubs/astana/invitations', {
        email: 'revoked@example.kz',
        role: 'resident',
      })
    ).json();
    const token = await tokenFor('revoked@example.kz');
    expect((await director.delete(`/api/v1/hubs/astana/invitations/${inv.id}`)).statusCode).toBe(204);
    expect((await t.client().get(`/api/v1/invitations/${token}`)).json().code).toBe('token_invalid');
    expect(
      (await director.get('/api/v1/hubs/astana/invitations')).json().map((i: { id: string }) => i.id),
    ).not.toContain(inv.id);
  });

  it('changes roles, removes staff, and keeps at least one hub admin', async () => {
    const staff = (await director.get('/api/v1/hubs/astana/staff')).json() as {
      userId: string;
      email: string;
    }[];
    const me = staff.find((s) => s.email === 'director@astana.ozgeepic.kz')?.userId;
    const program = staff.find((s) => s.email === 'program@astana.ozgeepic.kz')?.userId;
    const demote = await director.put(`/api/v1/hubs/astana/staff/${me}/roles`, { roles: ['curator'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('last_admin');
    expect((await director.delete(`/api/v1/hubs/astana/staff/${me}`)).json().code).toBe('last_admin');
    const both = await director.put(`/api/v1/hubs/astana/staff/${program}/roles`, {
      roles: ['program_manager', 'curator'],
    });
    expect(both.json().roles).toEqual(['curator', 'program_manager']);
    const programmer = await t.signedIn('program@astana.ozgeepic.kz');
    expect((await programmer.get('/api/v1/session')).json().user.hubs[0].roles).toEqual([
      'curator',
      'program_manager',
    ]);
    expect((await director.delete(`/api/v1/hubs/astana/staff/${program}`)).statusCode).toBe(204);
    expect((await programmer.get('/api/v1/session')).json().user.hubs).toEqual([]);
  });

  it('keeps one hub admin when several admins are demoted at the same moment', async () => {
    const admin = await t.signedIn('admin@ozgeepic.kz');
    const ids = [
      ((await admin.get('/api/v1/hubs/shymkent/staff')).json() as { userId: string }[])[0]?.userId,
    ];
    for (let i = 0; i < 5; i++) {
      await admin.post('/api/v1/hubs/shymkent/invitations', {
        email: `admin-${i}@example.kz`,
        role: 'hub_admin',
      });
      const accepted = await t
        .client()
        .post(`/api/v1/invitations/${await tokenFor(`admin-${i}@example.kz`)}/accept`, {
          name: `Admin ${i}`,
          password: 'admin password',
        });
      ids.push(accepted.json().user.id);
    }
    const results = await Promise.all(
      ids.map((id) => admin.put(`/api/v1/hubs/shymkent/staff/${id}/roles`, { roles: ['curator'] })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(1);
    const after = (await admin.get('/api/v1/hubs/shymkent/staff')).json() as { roles: string[] }[];
    expect(after.filter((s) => s.roles.includes('hub_admin'))).toHaveLength(1);
  });

  it('records who did what to which record in the audit log, paged newest first', async () => {
    await director.patch('/api/v1/hubs/astana/spaces/gallery', {
      description: { kk: 'Жаңа сипаттама', en: 'New description' },
    });
    const page = (await director.get('/api/v1/hubs/astana/audit?limit=2')).json();
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0]).toMatchObject({
      action: 'space.update',
      entityType: 'space',
      actor: { email: 'director@astana.ozgeepic.kz' },
      details: { slug: 'gallery', fields: ['description'] },
    });
    const next = (await director.get(`/api/v1/hubs/astana/audit?limit=200&before=${page.nextBefore}`)).json();
    const actions = [...page.entries, ...next.entries].map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.invite',
        'staff.accept_invitation',
        'staff.set_roles',
        'staff.remove',
        'staff.revoke_invitation',
      ]),
    );
    expect(Number(next.entries[0].id)).toBeLessThan(Number(page.entries[1].id));
    const space = (await t.client().get('/api/v1/hubs/astana/spaces/gallery')).json();
    expect(space.description['kk-Latn']).toBe('Jaña sipattama');
  });
});
