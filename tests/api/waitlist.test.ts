import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { processWaitlist } from '../../src/server/modules/offers/waitlist.ts';
import { runWaitlists } from '../../src/server/modules/offers/waitlist-job.ts';
import { createMailer } from '../../src/server/platform/mail.ts';
import { type Client, createTestApp, linkIn, readOutbox, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

describe.each(DRIVERS)('waiting list (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let job: () => Promise<number>;
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    const config = loadConfig({ NODE_ENV: 'test' }, { publicUrl: 'http://hub.test' });
    const mailer = createMailer({ smtpUrl: undefined, outboxDir: t.outboxDir, from: config.mailFrom });
    job = () => runWaitlists({ db: t.tdb.db, config, mailer });
  });
  afterAll(() => t.close());

  /** The API path of the offer link in a mail (the page's path with its token). */
  const offerPath = (text: string) => {
    const url = new URL(linkIn(text, '/waitlist/'));
    return `/api/v1/hubs${url.pathname}${url.search}`;
  };

  const soldOutStanding = async (capacity: number) => {
    const { performanceId, areaId } = await createTestPerformance(manager, { standing: capacity });
    await manager.post(`/api/v1/hubs/astana/performances/${performanceId}/blocks`, {
      seats: [
        ...Array.from({ length: 6 }, (_, i) => `stalls-A-${i + 1}`),
        ...Array.from({ length: 6 }, (_, i) => `stalls-B-${i + 1}`),
      ],
      reason: 'house',
    });
    const orders = [];
    for (let i = 0; i < capacity; i++) {
      const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
        areas: [{ areaId, quantity: 1 }],
      });
      orders.push(
        (
          await desk.post('/api/v1/hubs/astana/orders', {
            holdId: hold.json().id,
            buyer: {},
            payment: { provider: 'desk', method: 'cash' },
          })
        ).json(),
      );
    }
    return { performanceId, orders };
  };

  it('offers returned places to the first in line by mail, then to the next when the first lets them go', async () => {
    const { performanceId, orders } = await soldOutStanding(2);
    const join = (email: string) =>
      t.client().post(`/api/v1/hubs/astana/performances/${performanceId}/waitlist`, {
        email,
        quantity: 1,
        locale: 'en',
      });
    const first = (await join('first@example.kz')).json();
    const second = (await join('second@example.kz')).json();
    expect([first.position, second.position]).toEqual([1, 2]);
    expect(await job()).toBe(0); // nothing has come back yet

    await desk.post(`/api/v1/hubs/astana/orders/${orders[0].id}/refund`, { reason: 'cannot come' });
    expect(await job()).toBe(1);
    // Without the mailed link's token the entry shows where it stands, but not the held places.
    const bare = (await t.client().get(`/api/v1/hubs/astana/waitlist/${first.id}`)).json();
    expect(bare).toMatchObject({ status: 'offered', position: null, holdId: null });
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('first@example.kz'));
    expect(mail?.text).toContain(`http://hub.test/astana/waitlist/${first.id}?offer=`);
    const offered = (await t.client().get(offerPath(mail?.text ?? ''))).json();
    expect(offered).toMatchObject({ status: 'offered', position: null });
    expect(offered.holdId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(offered.offerExpiresAt).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect((await t.client().get(`/api/v1/hubs/astana/waitlist/${second.id}`)).json().position).toBe(1);
    // The held place is really held for them: nobody else can buy it meanwhile.
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect(perf.areas[0].available).toBe(0);

    // The first person does not buy in time: the place goes to the second.
    await t.tdb.db.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [
      offered.holdId,
    ]);
    expect(await job()).toBe(1);
    expect((await t.client().get(`/api/v1/hubs/astana/waitlist/${first.id}`)).json().status).toBe('expired');
    const secondMail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('second@example.kz'));
    const secondOffer = (await t.client().get(offerPath(secondMail?.text ?? ''))).json();
    expect(secondOffer.status).toBe('offered');

    // The second buys with the held place.
    const bought = await t.client().post('/api/v1/hubs/astana/orders', {
      holdId: secondOffer.holdId,
      buyer: { email: 'second@example.kz' },
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(bought.statusCode).toBe(401); // the desk is staff-only; an online buyer pays online
    const atDesk = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: secondOffer.holdId,
      buyer: { email: 'second@example.kz' },
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(atDesk.statusCode).toBe(201);
    await job();
    expect((await t.client().get(`/api/v1/hubs/astana/waitlist/${second.id}`)).json().status).toBe(
      'fulfilled',
    );
  });

  /** An account that joins the waiting list of a sold-out date and is offered a returned place. */
  const offeredToAccount = async (email: string) => {
    const { performanceId, orders } = await soldOutStanding(1);
    const joiner = t.client();
    expect(
      (
        await joiner.post('/api/v1/auth/sign-up', {
          email,
          password: 'dombyra-2026-kz',
          name: 'Joined Account',
        })
      ).statusCode,
    ).toBe(201);
    const entry = (
      await joiner.post(`/api/v1/hubs/astana/performances/${performanceId}/waitlist`, { quantity: 1 })
    ).json();
    await desk.post(`/api/v1/hubs/astana/orders/${orders[0].id}/refund`, { reason: 'cannot come' });
    await job();
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes(email));
    const link = new URL(linkIn(mail?.text ?? '', '/waitlist/'));
    const token = link.searchParams.get('offer') ?? '';
    const [row] = await t.tdb.db.query<{ holdId: string }>(
      'select hold_id as "holdId" from waitlist_entries where id = $1',
      [entry.id],
    );
    return { performanceId, entry, joiner, token, holdId: row?.holdId ?? '' };
  };
  const checkoutOnline = (c: Client, holdId: string, email?: string) =>
    c.post('/api/v1/hubs/astana/orders', {
      holdId,
      buyer: email ? { email } : {},
      payment: { provider: 'sandbox', method: 'card' },
    });

  it('lets whoever opens the mailed link buy as a guest, and nobody without its token', async () => {
    const { entry, token, holdId } = await offeredToAccount('joiner1@example.kz');
    expect(token.length).toBeGreaterThan(20);
    const guest = t.client();
    // The places are held for the account that joined: without the link, a guest gets nothing.
    expect((await checkoutOnline(guest, holdId, 'joiner1@example.kz')).statusCode).toBe(404);
    expect((await guest.get(`/api/v1/hubs/astana/waitlist/${entry.id}`)).json().holdId).toBeNull();
    expect((await guest.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, {})).statusCode).toBe(404);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(
      (await guest.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, { offer: forged })).statusCode,
    ).toBe(404);
    expect(
      (await guest.get(`/api/v1/hubs/astana/waitlist/${entry.id}?offer=${forged}`)).json().holdId,
    ).toBeNull();
    // Signed out, with the link: the places and the entry's email, then checkout as a guest.
    expect((await guest.get(`/api/v1/hubs/astana/waitlist/${entry.id}?offer=${token}`)).json().holdId).toBe(
      holdId,
    );
    const claimed = await guest.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, { offer: token });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toEqual({
      holdId,
      performanceId: entry.performanceId,
      email: 'joiner1@example.kz',
    });
    const order = await checkoutOnline(guest, holdId, claimed.json().email);
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({ status: 'pending_payment', buyerEmail: 'joiner1@example.kz' });
    await job();
    expect((await guest.get(`/api/v1/hubs/astana/waitlist/${entry.id}`)).json().status).toBe('fulfilled');
    // The link has done its work: the offer is over.
    expect(
      (await guest.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, { offer: token })).statusCode,
    ).toBe(410);
  });

  it('lets the link be opened signed in as another account, and the joined account without it', async () => {
    const { entry, token, holdId, joiner } = await offeredToAccount('joiner2@example.kz');
    // The account that joined sees its places and may take them without the token.
    expect((await joiner.get(`/api/v1/hubs/astana/waitlist/${entry.id}`)).json().holdId).toBe(holdId);
    expect((await joiner.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, {})).statusCode).toBe(200);
    // Someone else's account without the token gets nothing; with it, the places are theirs to buy.
    const other = await t.signedIn('resident@astana.ozgeepic.kz');
    expect((await checkoutOnline(other, holdId)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, {})).statusCode).toBe(404);
    expect(
      (await other.post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, { offer: token })).statusCode,
    ).toBe(200);
    // …and no longer the first account's.
    expect((await checkoutOnline(joiner, holdId)).statusCode).toBe(404);
    const order = await checkoutOnline(other, holdId);
    expect(order.statusCode).toBe(201);
    expect(order.json().buyerEmail).toBe('resident@astana.ozgeepic.kz');
    const mine = (await other.get('/api/v1/me/orders')).json() as { id: string }[];
    expect(mine.map((o) => o.id)).toContain(order.json().id);
  });

  it('refuses the link once the offer has run out', async () => {
    const { entry, token, holdId } = await offeredToAccount('joiner3@example.kz');
    await t.tdb.db.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [holdId]);
    const res = await t.client().post(`/api/v1/hubs/astana/waitlist/${entry.id}/claim`, { offer: token });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('hold_expired');
  });

  it('lets people join only when sold out, and leave', async () => {
    const { performanceId } = await createTestPerformance(manager, { standing: 5 });
    const early = await t.client().post(`/api/v1/hubs/astana/performances/${performanceId}/waitlist`, {
      email: 'early@example.kz',
      quantity: 2,
    });
    expect(early.statusCode).toBe(409);
    const sold = await soldOutStanding(1);
    const anonymous = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${sold.performanceId}/waitlist`, { quantity: 1 });
    expect(anonymous.json().errors).toEqual([{ path: 'body/email', message: 'is required' }]);
    const entry = (
      await t.client().post(`/api/v1/hubs/astana/performances/${sold.performanceId}/waitlist`, {
        email: 'x@example.kz',
        quantity: 1,
      })
    ).json();
    expect(entry.key.length).toBeGreaterThan(20);
    const leave = (key: string) =>
      t.client().delete(`/api/v1/hubs/astana/waitlist/${entry.id}?key=${encodeURIComponent(key)}`);
    expect((await leave(entry.key)).statusCode).toBe(204);
    expect((await t.client().get(`/api/v1/hubs/astana/waitlist/${entry.id}`)).json().status).toBe(
      'cancelled',
    );
    expect((await leave(entry.key)).statusCode).toBe(404);
  });

  it('lets only whoever joined take a place off the list; the id alone is not enough', async () => {
    const sold = await soldOutStanding(1);
    const join = (c: Client, body: object = {}) =>
      c.post(`/api/v1/hubs/astana/performances/${sold.performanceId}/waitlist`, { quantity: 1, ...body });
    const guest = (await join(t.client(), { email: 'guest@example.kz' })).json();
    const other = (await join(t.client(), { email: 'other@example.kz' })).json();
    const url = (id: string, query = '') => `/api/v1/hubs/astana/waitlist/${id}${query}`;
    const waiting = async (id: string) => (await t.client().get(url(id))).json().status === 'waiting';

    // No credential, a forged key, another entry's key, a signed-in stranger: not found, and still waiting.
    const stranger = await t.signedIn('resident@astana.ozgeepic.kz');
    const forged = `${guest.key.slice(0, -2)}${guest.key.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const [c, query] of [
      [t.client(), ''],
      [t.client(), `?key=${forged}`],
      [t.client(), `?key=${other.key}`],
      [t.client(), `?offer=${guest.key}`],
      [stranger, ''],
    ] as const) {
      const res = await c.delete(url(guest.id, query));
      expect(res.statusCode, query).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect(await waiting(guest.id)).toBe(true);
    // The page learns whether its visitor may leave.
    expect((await t.client().get(url(guest.id))).json().mayLeave).toBe(false);
    expect((await t.client().get(url(guest.id, `?key=${guest.key}`))).json().mayLeave).toBe(true);
    expect((await t.client().delete(url(guest.id, `?key=${guest.key}`))).statusCode).toBe(204);

    // An account that joined leaves signed in, without a key; not signed out.
    const joiner = t.client();
    await joiner.post('/api/v1/auth/sign-up', {
      email: 'leaving-account@example.kz',
      password: 'dombyra-2026-kz',
      name: 'Leaving Account',
    });
    const mine = (await join(joiner)).json();
    expect((await t.client().delete(url(mine.id))).statusCode).toBe(404);
    expect((await joiner.get(url(mine.id))).json().mayLeave).toBe(true);
    expect((await joiner.delete(url(mine.id))).statusCode).toBe(204);
    expect(await waiting(other.id)).toBe(true);
  });

  it('gives offered places straight back when the person leaves the list', async () => {
    const { performanceId, orders } = await soldOutStanding(1);
    const entry = (
      await t.client().post(`/api/v1/hubs/astana/performances/${performanceId}/waitlist`, {
        email: 'leaver@example.kz',
        quantity: 1,
      })
    ).json();
    await desk.post(`/api/v1/hubs/astana/orders/${orders[0].id}/refund`, { reason: 'ill' });
    await job();
    expect((await t.client().get(`/api/v1/hubs/astana/waitlist/${entry.id}`)).json().status).toBe('offered');
    // The offer mail's link is enough to say no: its token lets the reader leave.
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('leaver@example.kz'));
    const offer = new URL(linkIn(mail?.text ?? '', '/waitlist/')).searchParams.get('offer') ?? '';
    expect((await t.client().delete(`/api/v1/hubs/astana/waitlist/${entry.id}`)).statusCode).toBe(404);
    expect(
      (await t.client().delete(`/api/v1/hubs/astana/waitlist/${entry.id}?offer=${offer}`)).statusCode,
    ).toBe(204);
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect(perf.areas[0].available).toBe(1);
  });

  it('makes one offer per returned place when several processes run the lists at once', async () => {
    const { performanceId, orders } = await soldOutStanding(1);
    for (const email of ['a@example.kz', 'b@example.kz', 'c@example.kz']) {
      await t
        .client()
        .post(`/api/v1/hubs/astana/performances/${performanceId}/waitlist`, { email, quantity: 1 });
    }
    await desk.post(`/api/v1/hubs/astana/orders/${orders[0].id}/refund`, { reason: 'ill' });
    const runs = await Promise.all([
      processWaitlist(t.tdb.db),
      processWaitlist(t.tdb.db),
      processWaitlist(t.tdb.db),
    ]);
    expect(
      runs
        .flat()
        .filter(
          (o) =>
            o.email.endsWith('@example.kz') &&
            ['a@example.kz', 'b@example.kz', 'c@example.kz'].includes(o.email),
        ),
    ).toHaveLength(1);
  });
});
