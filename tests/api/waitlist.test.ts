import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { processWaitlist } from '../../src/server/modules/offers/waitlist.ts';
import { runWaitlists } from '../../src/server/modules/offers/waitlist-job.ts';
import { createMailer } from '../../src/server/platform/mail.ts';
import { type Client, createTestApp, readOutbox, type TestApp } from '../support/app.ts';
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
    const offered = (await t.client().get(`/api/v1/hubs/astana/waitlist/${first.id}`)).json();
    expect(offered).toMatchObject({ status: 'offered', position: null });
    expect(new Date(offered.offerExpiresAt).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('first@example.kz'));
    expect(mail?.text).toContain(`http://hub.test/astana/waitlist/${first.id}`);
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
    const secondOffer = (await t.client().get(`/api/v1/hubs/astana/waitlist/${second.id}`)).json();
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
    expect((await t.client().delete(`/api/v1/hubs/astana/waitlist/${entry.id}`)).statusCode).toBe(204);
    expect((await t.client().get(`/api/v1/hubs/astana/waitlist/${entry.id}`)).json().status).toBe(
      'cancelled',
    );
    expect((await t.client().delete(`/api/v1/hubs/astana/waitlist/${entry.id}`)).statusCode).toBe(404);
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
    expect((await t.client().delete(`/api/v1/hubs/astana/waitlist/${entry.id}`)).statusCode).toBe(204);
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
