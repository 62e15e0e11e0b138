// Exchanges at the desk: tickets of a paid order given back for other seats or places, with the
// price difference paid or handed back, the old tickets void at the door, reports counting once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketToken } from '../../src/common/ticket-token.ts';
import { type Client, createTestApp, readOutbox, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

interface Ticket {
  id: string;
  seatId: string | null;
  status: string;
  performanceId: string;
  qr: string;
  lineId: string;
}
interface Order {
  id: string;
  number: number;
  status: string;
  totalTiyn: number;
  vatTiyn: number;
  tickets: Ticket[];
  lines: { id: string; unitPriceTiyn: number; vatTiyn: number; seatId: string | null }[];
  payments: { provider: string; method: string; status: string; amountTiyn: number }[];
}

describe.each(DRIVERS)('exchanges at the desk (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
  });
  afterAll(() => t.close());

  const url = (orderId: string) => `/api/v1/hubs/astana/orders/${orderId}/exchanges`;
  const sell = async (perfId: string, hold: object, extra: object = {}): Promise<Order> => {
    const h = await desk.post(`/api/v1/hubs/astana/performances/${perfId}/holds`, hold);
    expect(h.statusCode, h.body).toBe(201);
    const o = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: h.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
      ...extra,
    });
    expect(o.statusCode, o.body).toBe(201);
    return o.json();
  };
  const exchange = (orderId: string, body: object, key: string = randomUUID(), as: Client = desk) =>
    as.post(
      url(orderId),
      { reason: 'Visitor asked for another seat', ...body },
      { headers: { 'idempotency-key': key } },
    );
  const scan = async (perfId: string, qr: string) => {
    const res = await desk.post(`/api/v1/hubs/astana/performances/${perfId}/checkins`, {
      scans: [
        {
          id: randomUUID(),
          token: qr,
          direction: 'in',
          scannedAt: new Date().toISOString(),
          deviceId: 'door-1',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().results[0].verdict as string;
  };
  const seatStatus = async (perfId: string, seatId: string) =>
    (await t.client().get(`/api/v1/hubs/astana/performances/${perfId}/seats`))
      .json()
      .find((s: { id: string }) => s.id === seatId).status;
  const count = async (sql: string, params: unknown[]) =>
    ((await t.tdb.db.query<{ n: number }>(sql, params))[0] as { n: number }).n;

  it('swaps a seat at the same performance for free: old ticket void at the door, new one valid, the reason audited', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-A-2'] });
    const old = order.tickets[0] as Ticket;
    const res = await exchange(order.id, { tickets: [old.id], performanceId, seats: ['stalls-A-3'] });
    expect(res.statusCode, res.body).toBe(201);
    const { exchange: x, order: after } = res.json() as { exchange: Record<string, unknown>; order: Order };
    expect(x).toMatchObject({
      orderId: order.id,
      orderNumber: order.number,
      performanceId,
      returnedTickets: [old.id],
      returnedTiyn: 500_000,
      issuedTiyn: 500_000,
      differenceTiyn: 0,
      method: null,
      reason: 'Visitor asked for another seat',
    });
    expect(after).toMatchObject({ id: order.id, number: order.number, status: 'paid', totalTiyn: 500_000 });
    expect(after.vatTiyn).toBe(order.vatTiyn);
    expect(after.payments).toHaveLength(1);
    const fresh = after.tickets.find((tk) => tk.status === 'valid') as Ticket;
    expect(fresh).toMatchObject({ seatId: 'stalls-A-3', performanceId });
    expect(x.issuedTickets).toEqual([fresh.id]);
    expect(after.tickets.find((tk) => tk.id === old.id)?.status).toBe('exchanged');
    const { publicKey } = (await t.client().get('/api/v1/hubs/astana/ticket-key')).json();
    expect(await verifyTicketToken(fresh.qr, publicKey)).toMatchObject({
      ok: true,
      claims: { t: fresh.id, s: 'stalls-A-3', n: order.number },
    });
    // The old seat is on sale again, the new one sold.
    expect(await seatStatus(performanceId, 'stalls-A-2')).toBe('available');
    expect(await seatStatus(performanceId, 'stalls-A-3')).toBe('sold');
    // The old code no longer enters (its signature is still good: the door list and the server say no).
    expect(await scan(performanceId, old.qr)).toBe('exchanged');
    expect(await scan(performanceId, fresh.qr)).toBe('valid');
    const list = (await desk.get(`/api/v1/hubs/astana/performances/${performanceId}/door-list`)).json();
    expect(list.tickets.find((tk: { id: string }) => tk.id === old.id).status).toBe('exchanged');
    // Once in, the new ticket cannot be exchanged any more; the old one never again.
    const used = await exchange(order.id, { tickets: [fresh.id], performanceId, seats: ['stalls-A-4'] });
    expect(used.statusCode).toBe(409);
    expect(used.json().code).toBe('ticket_used');
    const again = await exchange(order.id, { tickets: [old.id], performanceId, seats: ['stalls-A-4'] });
    expect(again.json().code).toBe('ticket_exchanged');
    const admin = await t.signedIn('director@astana.ozgeepic.kz');
    const audit = (await admin.get('/api/v1/hubs/astana/audit?limit=20')).json();
    expect(
      audit.entries.find((e: { action: string }) => e.action === 'order.exchange')?.details,
    ).toMatchObject({
      reason: 'Visitor asked for another seat',
      exchangeId: x.id,
      returnedTickets: [old.id],
      issuedTickets: [fresh.id],
      differenceTiyn: 0,
    });
    const history = await desk.get(url(order.id));
    expect(history.statusCode).toBe(200);
    expect(history.json().map((e: { id: string }) => e.id)).toEqual([x.id]);
  });

  it('moves to another performance at a higher price: the buyer pays the difference, reports count the order once', async () => {
    const from = await createTestPerformance(manager);
    const to = await createTestPerformance(manager);
    const order = await sell(
      from.performanceId,
      { seats: ['stalls-B-1'] },
      { buyer: { email: 'swap@example.kz' } },
    );
    const mailsBefore = (await readOutbox(t.outboxDir)).filter((m) =>
      m.to.includes('swap@example.kz'),
    ).length;
    const body = { tickets: [order.tickets[0]?.id], performanceId: to.performanceId, seats: ['stalls-A-4'] };
    const unpaid = await exchange(order.id, body);
    expect(unpaid.statusCode).toBe(400);
    expect(unpaid.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body/payment' }] });
    const res = await exchange(order.id, { ...body, payment: { method: 'card' } });
    expect(res.statusCode, res.body).toBe(201);
    const { exchange: x, order: after } = res.json() as { exchange: Record<string, unknown>; order: Order };
    expect(x).toMatchObject({
      returnedTiyn: 300_000,
      issuedTiyn: 500_000,
      differenceTiyn: 200_000,
      method: 'card',
    });
    expect(after.totalTiyn).toBe(500_000);
    // VAT of the order is the VAT of its lines now: one 5 000 ₸ seat at 16 %.
    expect(after.vatTiyn).toBe(68_966);
    expect(after.payments.map((p) => [p.provider, p.method, p.status, p.amountTiyn])).toEqual([
      ['desk', 'cash', 'succeeded', 300_000],
      ['desk', 'card', 'succeeded', 200_000],
    ]);
    expect(await seatStatus(from.performanceId, 'stalls-B-1')).toBe('available');
    expect(await seatStatus(to.performanceId, 'stalls-A-4')).toBe('sold');
    // The new tickets are mailed again, like after a sale.
    const mails = (await readOutbox(t.outboxDir)).filter((m) => m.to.includes('swap@example.kz'));
    expect(mails.length).toBe(mailsBefore + 1);

    const receipt = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=en`)).json();
    expect(
      receipt.lines.map((l: { seatId: string; amountTiyn: number }) => [l.seatId, l.amountTiyn]),
    ).toEqual([['stalls-A-4', 500_000]]);
    expect(receipt.totals).toEqual({ amountTiyn: 500_000, vatTiyn: 68_966, netTiyn: 431_034 });
    expect(receipt.payments.map((p: { amountTiyn: number }) => p.amountTiyn)).toEqual([300_000, 200_000]);
    expect(receipt.exchanges).toEqual([
      expect.objectContaining({
        returnedTiyn: 300_000,
        issuedTiyn: 500_000,
        differenceTiyn: 200_000,
        method: 'card',
      }),
    ]);

    const perfs = (await desk.get('/api/v1/hubs/astana/reports/performances')).json().rows;
    const row = (id: string) => perfs.find((r: { performanceId: string }) => r.performanceId === id);
    expect(row(from.performanceId)).toMatchObject({ sold: 0, revenueTiyn: 0, vatTiyn: 0 });
    expect(row(to.performanceId)).toMatchObject({ sold: 1, revenueTiyn: 500_000, vatTiyn: 68_966 });
    const cats = (await desk.get(`/api/v1/hubs/astana/reports/price-categories?event=${to.eventSlug}`)).json()
      .rows;
    expect(cats).toEqual([
      { category: 'A', categoryName: { en: 'Front' }, tickets: 1, revenueTiyn: 500_000, vatTiyn: 68_966 },
    ]);
    const methods = (
      await desk.get(`/api/v1/hubs/astana/reports/payment-methods?event=${to.eventSlug}`)
    ).json().rows;
    expect(methods).toEqual([
      expect.objectContaining({
        method: 'cash',
        orders: 1,
        paidTiyn: 300_000,
        refundedTiyn: 0,
        netTiyn: 300_000,
      }),
      expect.objectContaining({
        method: 'card',
        orders: 1,
        paidTiyn: 200_000,
        refundedTiyn: 0,
        netTiyn: 200_000,
      }),
    ]);
    const vat = methods.reduce((n: number, m: { vatTiyn: number }) => n + m.vatTiyn, 0);
    expect(vat).toBe(68_966);
  });

  it('moves to a cheaper standing place: the difference is handed back, and a later refund returns the rest only', async () => {
    const { performanceId, areaId, eventSlug } = await createTestPerformance(manager, { standing: 5 });
    const order = await sell(performanceId, { seats: ['stalls-A-5'] });
    const res = await exchange(order.id, {
      tickets: [order.tickets[0]?.id],
      performanceId,
      areas: [{ areaId, quantity: 1 }],
      payment: { method: 'cash' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { exchange: x, order: after } = res.json() as { exchange: Record<string, unknown>; order: Order };
    expect(x).toMatchObject({
      returnedTiyn: 500_000,
      issuedTiyn: 200_000,
      differenceTiyn: -300_000,
      method: 'cash',
    });
    expect(after).toMatchObject({ totalTiyn: 200_000, vatTiyn: 27_586 });
    expect(after.payments.map((p) => [p.method, p.status, p.amountTiyn])).toEqual([
      ['cash', 'succeeded', 500_000],
      ['cash', 'succeeded', -300_000],
    ]);
    const perf = async () =>
      (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect((await perf()).areas[0].available).toBe(4);
    expect(await seatStatus(performanceId, 'stalls-A-5')).toBe('available');
    let methods = (await desk.get(`/api/v1/hubs/astana/reports/payment-methods?event=${eventSlug}`)).json()
      .rows;
    expect(methods).toEqual([
      {
        provider: 'desk',
        method: 'cash',
        orders: 1,
        paidTiyn: 500_000,
        refundedOrders: 0,
        refundedTiyn: 300_000,
        netTiyn: 200_000,
        vatTiyn: 27_586,
      },
    ]);
    // Refunding the order afterwards hands back what the buyer still has in it, and gives back
    // the one standing place (not the seat, which is already on sale).
    const refund = await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, { reason: 'ill' });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(
      refund
        .json()
        .tickets.map((tk: Ticket) => tk.status)
        .sort(),
    ).toEqual(['exchanged', 'refunded']);
    expect((await perf()).areas[0].available).toBe(5);
    expect((await perf()).seatsAvailable).toBe(12);
    methods = (await desk.get(`/api/v1/hubs/astana/reports/payment-methods?event=${eventSlug}`)).json().rows;
    expect(methods[0]).toMatchObject({
      paidTiyn: 500_000,
      refundedTiyn: 500_000,
      netTiyn: 0,
      refundedOrders: 1,
    });
    const refused = await exchange(order.id, {
      tickets: [after.tickets.find((tk) => tk.status === 'valid')?.id],
      performanceId,
      seats: ['stalls-A-5'],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('not_exchangeable');
  });

  it('refunds an order paid online at the desk once money of it was handed back in an exchange', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-A-6'] });
    // As if paid through the online provider, which refunds whole payments only.
    await t.tdb.db.query(`update payments set provider = 'sandbox', provider_ref = $2 where order_id = $1`, [
      order.id,
      `sbx_exchange_${order.number}`,
    ]);
    const res = await exchange(order.id, {
      tickets: [order.tickets[0]?.id],
      performanceId,
      seats: ['stalls-B-6'],
      payment: { method: 'cash' },
    });
    expect(res.json().exchange.differenceTiyn).toBe(-200_000);
    const refund = await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, { reason: 'ill' });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(
      refund.json().payments.map((p: { provider: string; status: string }) => [p.provider, p.status]),
    ).toEqual([
      ['sandbox', 'refunded'],
      ['desk', 'refunded'],
    ]);
    expect(
      await count('select count(*)::int as n from payments where order_id = $1 and refund_due', [order.id]),
    ).toBe(0);
  });

  it('keeps the discount the old tickets had', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const promo = await manager.post('/api/v1/hubs/astana/promo-codes', {
      code: `SWAP${Math.random().toString(36).slice(2, 6)}`,
      kind: 'percent',
      percent: 20,
    });
    expect(promo.statusCode, promo.body).toBe(201);
    const order = await sell(performanceId, { seats: ['stalls-B-2'] }, { promoCode: promo.json().code });
    expect(order.totalTiyn).toBe(240_000);
    const res = await exchange(order.id, {
      tickets: [order.tickets[0]?.id],
      performanceId,
      seats: ['stalls-A-2'],
      payment: { method: 'cash' },
    });
    expect(res.statusCode, res.body).toBe(201);
    // 5 000 ₸ less 20 % is 4 000 ₸: 1 600 ₸ more than the 2 400 ₸ paid.
    expect(res.json().exchange).toMatchObject({
      returnedTiyn: 240_000,
      issuedTiyn: 400_000,
      differenceTiyn: 160_000,
    });
    const line = res.json().order.lines.find((l: { seatId: string }) => l.seatId === 'stalls-A-2');
    expect(line).toMatchObject({ unitPriceTiyn: 400_000, discountTiyn: 100_000, vatTiyn: 55_172 });
  });

  it('takes an Idempotency-Key: a double-pressed button makes one exchange', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-B-3'] });
    const body = {
      tickets: [order.tickets[0]?.id],
      performanceId,
      seats: ['stalls-A-6'],
      payment: { method: 'cash' },
    };
    const [one, two] = await Promise.all([
      exchange(order.id, body, 'exchange-double-0001'),
      exchange(order.id, body, 'exchange-double-0001'),
    ]);
    expect([one?.statusCode, two?.statusCode].sort()).toEqual([200, 201]);
    expect(one?.json().exchange.id).toBe(two?.json().exchange.id);
    const again = await exchange(order.id, body, 'exchange-double-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json().exchange.id).toBe(one?.json().exchange.id);
    expect(
      await count('select count(*)::int as n from order_exchanges where order_id = $1', [order.id]),
    ).toBe(1);
    expect(await count('select count(*)::int as n from payments where order_id = $1', [order.id])).toBe(2);
    const stranger = await sell(performanceId, { seats: ['stalls-B-1'] });
    const reused = await exchange(
      stranger.id,
      { ...body, tickets: [stranger.tickets[0]?.id], seats: ['stalls-A-5'] },
      'exchange-double-0001',
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('conflict');
    expect(
      await count(`select count(*)::int as n from tickets where order_id = $1 and status = 'valid'`, [
        order.id,
      ]),
    ).toBe(1);
  });

  it('exchanges into seats held beforehand (the desk shows the difference from the hold)', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-B-4', 'stalls-B-5'] });
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      best: { quantity: 2 },
    });
    expect(hold.statusCode).toBe(201);
    const ids = order.tickets.map((tk) => tk.id);
    const both = await exchange(order.id, { tickets: ids, holdId: hold.json().id, performanceId });
    expect(both.statusCode).toBe(400);
    const one = await exchange(order.id, { tickets: ids.slice(0, 1), holdId: hold.json().id });
    expect(one.statusCode).toBe(400);
    expect(one.json().code).toBe('exchange_count_mismatch');
    const res = await exchange(order.id, {
      tickets: ids,
      holdId: hold.json().id,
      payment: { method: 'card' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const seats = hold
      .json()
      .items.map((i: { seatId: string }) => i.seatId)
      .sort();
    expect(
      res
        .json()
        .order.tickets.filter((tk: Ticket) => tk.status === 'valid')
        .map((tk: Ticket) => tk.seatId)
        .sort(),
    ).toEqual(seats);
    expect((await t.client().get(`/api/v1/hubs/astana/holds/${hold.json().id}`)).json().status).toBe(
      'ordered',
    );
    // A hold that ran out cannot be used.
    const late = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-B-6'],
    });
    await t.tdb.db.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [
      late.json().id,
    ]);
    const valid = res.json().order.tickets.find((tk: Ticket) => tk.status === 'valid');
    const expired = await exchange(order.id, { tickets: [valid.id], holdId: late.json().id });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('hold_expired');
  });

  it('says clearly why not: seat taken, performance started, foreign ticket, no permission', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-A-1'] });
    const other = await sell(performanceId, { seats: ['stalls-A-3'] });
    const ticket = order.tickets[0]?.id;
    const taken = await exchange(order.id, { tickets: [ticket], performanceId, seats: ['stalls-A-3'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'seat_taken', errors: [{ path: 'seats/stalls-A-3' }] });
    expect(taken.headers['content-type']).toContain('application/problem+json');
    // Nothing changed.
    const still = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}`)).json();
    expect(still.tickets.map((tk: Ticket) => tk.status)).toEqual(['valid']);
    expect(await seatStatus(performanceId, 'stalls-A-1')).toBe('sold');
    const foreign = await exchange(order.id, {
      tickets: [other.tickets[0]?.id],
      performanceId,
      seats: ['stalls-A-4'],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body/tickets/0' }] });
    expect(
      (await t.client().post(url(order.id), { tickets: [ticket], performanceId, reason: 'x' })).statusCode,
    ).toBe(401);
    const resident = await t.signedIn('resident@astana.ozgeepic.kz');
    expect(
      (
        await exchange(
          order.id,
          { tickets: [ticket], performanceId, seats: ['stalls-A-4'] },
          undefined,
          resident,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await desk.post(url(order.id), { tickets: [ticket], performanceId, seats: ['stalls-A-4'] }))
        .statusCode,
    ).toBe(400);
    const past = await createTestPerformance(manager);
    await t.tdb.db.query(
      `update performances set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = $1`,
      [past.performanceId],
    );
    const over = await exchange(order.id, {
      tickets: [ticket],
      performanceId: past.performanceId,
      best: { quantity: 1 },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('performance_over');
    await t.tdb.db.query(
      `update performances set starts_at = now() - interval '10 minutes', ends_at = now() + interval '1 hour' where id = $1`,
      [performanceId],
    );
    const started = await exchange(order.id, { tickets: [ticket], performanceId, seats: ['stalls-A-4'] });
    expect(started.statusCode).toBe(409);
    expect(started.json().code).toBe('performance_started');
  });

  describe('under simultaneous clerks', () => {
    it('gives the last seat to exactly one of several exchanges', async () => {
      const { performanceId } = await createTestPerformance(manager);
      const orders = await Promise.all(
        ['stalls-B-1', 'stalls-B-2', 'stalls-B-3', 'stalls-B-4', 'stalls-B-5', 'stalls-B-6'].map((s) =>
          sell(performanceId, { seats: [s] }),
        ),
      );
      const results = await Promise.all(
        orders.map((o) =>
          exchange(o.id, {
            tickets: [o.tickets[0]?.id],
            performanceId,
            seats: ['stalls-A-4'],
            payment: { method: 'cash' },
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('seat_taken');
      expect(
        await count(
          `select count(*)::int as n from tickets where performance_id = $1 and seat_id = 'stalls-A-4' and status = 'valid'`,
          [performanceId],
        ),
      ).toBe(1);
      // The losers keep their tickets.
      expect(
        await count(`select count(*)::int as n from tickets where performance_id = $1 and status = 'valid'`, [
          performanceId,
        ]),
      ).toBe(6);
    });

    it('gives the last standing place to exactly one', async () => {
      const { performanceId, areaId } = await createTestPerformance(manager, { standing: 1 });
      const orders = await Promise.all(
        ['stalls-A-2', 'stalls-A-3', 'stalls-A-4', 'stalls-A-5'].map((s) =>
          sell(performanceId, { seats: [s] }),
        ),
      );
      const results = await Promise.all(
        orders.map((o) =>
          exchange(o.id, {
            tickets: [o.tickets[0]?.id],
            performanceId,
            areas: [{ areaId, quantity: 1 }],
            payment: { method: 'cash' },
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('sold_out');
      const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
      expect(perf.areas[0].available).toBe(0);
    });

    it('exchanges one ticket once when two clerks give it back at the same moment', async () => {
      const { performanceId } = await createTestPerformance(manager);
      const order = await sell(performanceId, { seats: ['stalls-A-2'] });
      const ticket = order.tickets[0]?.id;
      const results = await Promise.all(
        ['stalls-B-1', 'stalls-B-2', 'stalls-B-3'].map((s) =>
          exchange(order.id, { tickets: [ticket], performanceId, seats: [s], payment: { method: 'cash' } }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 201))
        expect(r.json().code).toBe('ticket_exchanged');
      expect(
        await count(`select count(*)::int as n from tickets where order_id = $1 and status = 'valid'`, [
          order.id,
        ]),
      ).toBe(1);
      const seats = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}/seats`)).json();
      expect(seats.filter((s: { status: string }) => s.status === 'sold')).toHaveLength(1);
    });
  });
});
