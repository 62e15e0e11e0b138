import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketToken } from '../../src/common/ticket-token.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

describe.each(DRIVERS)('box office (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
  });
  afterAll(() => t.close());

  const deskSale = async (perfId: string, body: object, key?: string) => {
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${perfId}/holds`, body);
    if (hold.statusCode !== 201) return hold;
    return desk.post(
      '/api/v1/hubs/astana/orders',
      { holdId: hold.json().id, buyer: {}, payment: { provider: 'desk', method: 'cash' } },
      key ? { headers: { 'idempotency-key': key } } : {},
    );
  };

  it('sells seats at the desk: VAT per line, one ticket per seat, QR codes that verify offline', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const res = await deskSale(performanceId, { seats: ['stalls-A-2', 'stalls-B-1'] });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ status: 'paid', channel: 'desk', totalTiyn: 800_000, currency: 'KZT' });
    const found = await desk.get(`/api/v1/hubs/astana/orders?number=${order.number}`);
    expect(found.json().map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await t.client().get(`/api/v1/hubs/astana/orders?number=${order.number}`)).statusCode).toBe(401);
    expect(order.lines.map((l: { vatTiyn: number; vatRateBp: number }) => [l.vatRateBp, l.vatTiyn])).toEqual([
      [1600, 68_966],
      [1600, 41_379],
    ]);
    expect(order.vatTiyn).toBe(110_345);
    expect(order.tickets).toHaveLength(2);
    const { publicKey } = (await t.client().get('/api/v1/hubs/astana/ticket-key')).json();
    for (const ticket of order.tickets) {
      const check = await verifyTicketToken(ticket.qr, publicKey);
      expect(check).toMatchObject({
        ok: true,
        claims: { t: ticket.id, p: performanceId, s: ticket.seatId, n: order.number },
      });
    }
    const seats = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}/seats`)).json();
    expect(
      seats
        .filter((s: { status: string }) => s.status === 'sold')
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(['stalls-A-2', 'stalls-B-1']);
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect(perf).toMatchObject({ seatCount: 12, seatsAvailable: 10 });
  });

  it('refuses a seat someone else holds, and gives it back when the hold runs out', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const first = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats: ['stalls-A-4'] });
    expect(first.statusCode).toBe(201);
    const second = await t.client().post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-A-4', 'stalls-A-5'],
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'seat_taken',
      errors: [{ path: 'seats/stalls-A-4', message: 'is taken' }],
    });
    expect(second.json().detail).toContain('stalls-A-4');
    // Nothing of a failed hold stays held.
    const seatsNow = (
      await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}/seats?hold=${first.json().id}`)
    ).json();
    expect(seatsNow.find((s: { id: string }) => s.id === 'stalls-A-5').status).toBe('available');
    expect(seatsNow.find((s: { id: string }) => s.id === 'stalls-A-4')).toMatchObject({
      status: 'held',
      mine: true,
    });
    await t.tdb.db.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [
      first.json().id,
    ]);
    await t.tdb.db.query(
      `update seat_claims set expires_at = now() - interval '1 second' where owner_id = $1`,
      [first.json().id],
    );
    const late = await t.client().post('/api/v1/hubs/astana/orders', {
      holdId: first.json().id,
      buyer: { email: 'late@example.kz' },
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(late.statusCode).toBe(401); // the desk is for signed-in staff
    const lateDesk = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: first.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(lateDesk.statusCode).toBe(410);
    expect(lateDesk.json().code).toBe('hold_expired');
    const third = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats: ['stalls-A-4'] });
    expect(third.statusCode).toBe(201);
  });

  it('returns general-admission places of expired holds to sale', async () => {
    const { performanceId, areaId } = await createTestPerformance(manager, { standing: 3 });
    const a = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { areas: [{ areaId, quantity: 3 }] });
    expect(a.statusCode).toBe(201);
    const b = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { areas: [{ areaId, quantity: 1 }] });
    expect(b.json().code).toBe('sold_out');
    await t.tdb.db.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [
      a.json().id,
    ]);
    const c = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { areas: [{ areaId, quantity: 2 }] });
    expect(c.statusCode).toBe(201);
    expect((await t.client().get(`/api/v1/hubs/astana/holds/${a.json().id}`)).json().status).toBe('expired');
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect(perf.areas[0].available).toBe(1);
  });

  it('picks the best seats side by side: front row, centre, not across an aisle', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const hold = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { best: { quantity: 2 } });
    expect(hold.statusCode).toBe(201);
    const seats = hold
      .json()
      .items.map((i: { seatId: string }) => i.seatId)
      .sort();
    // Row A has an aisle after seat 3 and a wheelchair space at 1: the two central pairs tie.
    expect([
      ['stalls-A-2', 'stalls-A-3'],
      ['stalls-A-4', 'stalls-A-5'],
    ]).toContainEqual(seats);
    const four = await t
      .client()
      .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { best: { quantity: 4 } });
    expect(
      four
        .json()
        .items.map((i: { seatId: string }) => i.seatId)
        .every((s: string) => s.startsWith('stalls-B-')),
    ).toBe(true);
  });

  it('makes one order of a double-clicked pay button', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-B-3'],
    });
    const body = { holdId: hold.json().id, buyer: {}, payment: { provider: 'desk', method: 'card' } };
    const headers = { headers: { 'idempotency-key': 'double-click-0001' } };
    const [one, two] = await Promise.all([
      desk.post('/api/v1/hubs/astana/orders', body, headers),
      desk.post('/api/v1/hubs/astana/orders', body, headers),
    ]);
    expect([one?.statusCode, two?.statusCode].sort()).toEqual([200, 201]);
    expect(one?.json().id).toBe(two?.json().id);
    const again = await desk.post('/api/v1/hubs/astana/orders', body, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(one?.json().id);
    const [{ n }] = (await t.tdb.db.query<{ n: number }>(
      'select count(*)::int as n from orders where idempotency_key = $1',
      ['double-click-0001'],
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refunds with a reason: tickets void, seats back on sale, the reason in the audit log', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = (await deskSale(performanceId, { seats: ['stalls-A-6'] })).json();
    expect((await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, {})).statusCode).toBe(400);
    const refunded = await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, {
      reason: 'Visitor is ill',
    });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json()).toMatchObject({
      status: 'refunded',
      tickets: [{ status: 'refunded' }],
      payments: [{ status: 'refunded' }],
    });
    expect(
      (await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, { reason: 'again' })).json().code,
    ).toBe('not_refundable');
    expect((await deskSale(performanceId, { seats: ['stalls-A-6'] })).statusCode).toBe(201);
    const admin = await t.signedIn('director@astana.ozgeepic.kz');
    const audit = (await admin.get('/api/v1/hubs/astana/audit?limit=5')).json();
    expect(audit.entries.find((e: { action: string }) => e.action === 'order.refund')?.details).toEqual({
      reason: 'Visitor is ill',
    });
  });

  it('issues complimentary tickets at the desk only, at no charge and no VAT', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-B-6'],
    });
    const comp = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: { name: 'Press' },
      payment: { provider: 'desk', method: 'cash' },
      complimentary: { reason: 'Press night' },
    });
    expect(comp.statusCode).toBe(201);
    expect(comp.json()).toMatchObject({
      status: 'paid',
      totalTiyn: 0,
      vatTiyn: 0,
      lines: [{ complimentary: true, unitPriceTiyn: 0 }],
    });
  });

  it('lets a manager hold seats back for the house and release them', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const blocked = await manager.post(`/api/v1/hubs/astana/performances/${performanceId}/blocks`, {
      seats: ['stalls-A-1', 'stalls-A-2'],
      reason: 'house',
    });
    expect(blocked.statusCode).toBe(200);
    expect(
      (
        await t
          .client()
          .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats: ['stalls-A-2'] })
      ).json().code,
    ).toBe('seat_taken');
    await manager.post(`/api/v1/hubs/astana/performances/${performanceId}/unblock`, {
      seats: ['stalls-A-2'],
    });
    expect(
      (
        await t
          .client()
          .post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats: ['stalls-A-2'] })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/blocks`, {
          seats: ['stalls-B-2'],
          reason: 'press',
        })
      ).statusCode,
    ).toBe(403);
  });

  describe('never oversold under simultaneous buyers', () => {
    it('sells one seat exactly once to 25 buyers at once', async () => {
      const { performanceId } = await createTestPerformance(manager);
      const results = await Promise.all(
        Array.from({ length: 25 }, () => deskSale(performanceId, { seats: ['stalls-B-4'] })),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      const losers = results.filter((r) => r.statusCode !== 201);
      expect(losers).toHaveLength(24);
      for (const r of losers) expect(r.json().code).toBe('seat_taken');
      const [{ n }] = (await t.tdb.db.query<{ n: number }>(
        `select count(*)::int as n from tickets where performance_id = $1 and seat_id = 'stalls-B-4' and status = 'valid'`,
        [performanceId],
      )) as [{ n: number }];
      expect(n).toBe(1);
    });

    it('sells a general-admission area of 15 to exactly 15 of 40 buyers', async () => {
      const { performanceId, areaId } = await createTestPerformance(manager, { standing: 15 });
      const results = await Promise.all(
        Array.from({ length: 40 }, () => deskSale(performanceId, { areas: [{ areaId, quantity: 1 }] })),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(15);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('sold_out');
      const [{ n }] = (await t.tdb.db.query<{ n: number }>(
        'select count(*)::int as n from tickets where performance_id = $1 and seat_id is null',
        [performanceId],
      )) as [{ n: number }];
      expect(n).toBe(15);
    });
  });
});
