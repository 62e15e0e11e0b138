// Online payments through the sandbox PSP: hosted page, signed callbacks (forged, replayed,
// duplicated, out of order), expiry, late payments, reconciliation after a restart, refunds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import { runDueJobs } from '../../src/server/modules/box-office/delivery.ts';
import { recover, sweep } from '../../src/server/modules/box-office/jobs.ts';
import {
  type CallbackTransport,
  SANDBOX_CALLBACK_PATH,
  SANDBOX_SIGNATURE_HEADER,
  type SandboxProvider,
  TEST_CARDS,
} from '../../src/server/platform/payments/sandbox.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { Client, createTestApp, TEST_SCRYPT_COST, type TestApp } from '../support/app.ts';
import { createEmptyDb, DRIVERS, type TestDb } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

interface Order {
  id: string;
  number: number;
  status: string;
  totalTiyn: number;
  paidAt: string | null;
  tickets: { id: string; seatId: string | null; status: string }[];
  payments: { status: string; redirectUrl?: string }[];
}

/** Checks out a hold online with the sandbox, as a visitor's browser does. */
async function onlineOrder(c: Client, performanceId: string, seats: string[]): Promise<Order> {
  const hold = await c.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats });
  if (hold.statusCode !== 201) throw new Error(`hold: ${hold.body}`);
  const res = await c.post('/api/v1/hubs/astana/orders', {
    holdId: hold.json().id,
    buyer: { email: 'buyer@example.kz', name: 'Aigerim' },
    payment: { provider: 'sandbox', method: 'card' },
  });
  if (res.statusCode !== 201) throw new Error(`order: ${res.body}`);
  return res.json();
}

const pagePath = (order: Order) => new URL(order.payments[0]?.redirectUrl ?? 'http://x/none').pathname;
const refOf = (order: Order) => pagePath(order).split('/').pop() ?? '';
const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe.each(DRIVERS)('online payments with the sandbox PSP (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let psp: SandboxProvider;
  /** Every callback the PSP delivered through the app, as sent. */
  const delivered: { body: string; headers: Record<string, string>; status: number; result?: string }[] = [];
  // Delivers the PSP's queued callbacks into the app in-process; the real HTTP path is tested below.
  const inject: CallbackTransport = async (url, body, headers) => {
    const res = await t.app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers });
    delivered.push({ body, headers, status: res.statusCode, result: res.json().result });
    return res.statusCode;
  };
  const deliver = () => psp.deliverDue({ transport: inject });
  const postCallback = (raw: string, signature: string | null = psp.sign(raw)) =>
    t.app.inject({
      method: 'POST',
      url: SANDBOX_CALLBACK_PATH,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        ...(signature ? { [SANDBOX_SIGNATURE_HEADER]: signature } : {}),
      },
    });
  const getOrder = async (id: string): Promise<Order> =>
    (await desk.get(`/api/v1/hubs/astana/orders/${id}`)).json();
  const pay = (order: Order, card: string = TEST_CARDS.success) =>
    t.client().request('POST', pagePath(order), undefined, form({ card, action: 'pay' }));
  const count = async (sql: string, params: unknown[]) =>
    ((await t.tdb.db.query<{ n: number }>(sql, params))[0]?.n ?? -1) as number;
  const seatStatus = async (performanceId: string, seat: string) =>
    (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}/seats`))
      .json()
      .find((s: { id: string }) => s.id === seat)?.status;
  /** Mails and receipts that are due, of every order so far. */
  const runAllJobs = async () => {
    while ((await runDueJobs(t.app.appContext)) > 0) {}
  };
  const expireNow = (orderId: string) =>
    t.tdb.db.query(`update orders set payment_due_at = now() - interval '1 second' where id = $1`, [orderId]);

  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    psp = t.app.appContext.payments.get('sandbox') as SandboxProvider;
  });
  afterAll(() => t.close());

  it('pays online: hosted page, good card, signed callback, order paid with its tickets', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-A-2', 'stalls-A-3']);
    expect(order).toMatchObject({ status: 'pending_payment', totalTiyn: 1_000_000, tickets: [] });
    expect(order.payments[0]?.redirectUrl).toMatch(/^http:\/\/hub\.test\/sandbox-pay\/sbx_/);

    const page = await t.client().get(`${pagePath(order)}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(`№ ${order.number}`);
    expect(page.body).toContain(formatMoney(1_000_000, 'en'));
    expect(page.body).toContain('ÓzgeEpic');
    expect(page.body).toMatch(/<input id="card" name="card"/);
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!hub\.test)/);
    const kk = await t.client().get(pagePath(order), { headers: { 'accept-language': 'kk-KZ' } });
    expect(kk.body).toContain('Төлеу');
    expect(kk.body).toContain(formatMoney(1_000_000, 'kk'));
    expect((await t.client().get('/sandbox-pay/sbx_nosuchpayment0')).statusCode).toBe(404);

    const bad = await t
      .client()
      .request('POST', pagePath(order), undefined, form({ card: '1234', action: 'pay' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const paid = await pay(order, '4242 4242 4242 4242');
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(`http://hub.test/orders/${order.id}?hub=astana`);
    expect((await getOrder(order.id)).status).toBe('pending_payment'); // the callback is on its way

    expect(await deliver()).toBe(1);
    expect(delivered.at(-1)).toMatchObject({ status: 200, result: 'paid' });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({ status: 'paid', payments: [{ status: 'succeeded' }] });
    expect(after.tickets.map((x) => x.seatId).sort()).toEqual(['stalls-A-2', 'stalls-A-3']);
    expect(await seatStatus(performanceId, 'stalls-A-2')).toBe('sold');
    // After paying, the page shows the outcome instead of a form.
    expect((await t.client().get(`${pagePath(order)}?lang=en`)).body).toContain('The payment went through.');
  });

  it('keeps a declined order unpaid until it expires, then puts its seats back on sale', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-B-1']);
    expect((await pay(order, TEST_CARDS.declined)).statusCode).toBe(303);
    expect(await deliver()).toBe(1);
    expect(delivered.at(-1)?.result).toBe('declined');
    expect(await getOrder(order.id)).toMatchObject({
      status: 'pending_payment',
      tickets: [],
      payments: [{ status: 'declined' }],
    });
    expect(await seatStatus(performanceId, 'stalls-B-1')).toBe('held');
    await expireNow(order.id);
    expect(await sweep(t.app.appContext)).toMatchObject({ orders: 1, swept: true });
    expect((await getOrder(order.id)).status).toBe('expired');
    expect(await seatStatus(performanceId, 'stalls-B-1')).toBe('available');
  });

  it('rejects a forged callback with 401 and changes nothing', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-B-2']);
    const raw = JSON.stringify({
      eventId: 'evt_forged_0001',
      paymentRef: refOf(order),
      invoiceId: 'x',
      orderNumber: order.number,
      status: 'succeeded',
      amountTiyn: order.totalTiyn,
      currency: 'KZT',
      occurredAt: new Date().toISOString(),
    });
    const attempts = [
      await postCallback(raw, 'sha256=0000000000000000000000000000000000000000000000000000000000000000'),
      await postCallback(raw, null),
      await postCallback(raw.replace('"orderNumber"', ' "orderNumber"'), psp.sign(raw)),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('signature_invalid');
    }
    expect(await getOrder(order.id)).toMatchObject({ status: 'pending_payment', tickets: [] });
    expect(
      await count('select count(*)::int as n from payment_callbacks where event_id = $1', [
        'evt_forged_0001',
      ]),
    ).toBe(0);
    // The same body, honestly signed, is accepted: the signature was the only thing wrong.
    expect((await postCallback(raw)).json().result).toBe('paid');
  });

  it('changes nothing on a replayed, a stale or a mismatched callback', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-B-3']);
    await pay(order);
    await deliver();
    const first = delivered.at(-1);
    expect(first?.result).toBe('paid');
    const paid = await getOrder(order.id);

    const replay = await postCallback(first?.body ?? '', first?.headers[SANDBOX_SIGNATURE_HEADER] ?? '');
    expect(replay.statusCode).toBe(200);
    expect(replay.json().result).toBe('duplicate');
    const body = JSON.parse(first?.body ?? '{}');
    const late = await postCallback(
      JSON.stringify({ ...body, eventId: 'evt_late_decline', status: 'declined' }),
    );
    expect(late.json().result).toBe('unchanged');
    const wrong = await postCallback(JSON.stringify({ ...body, eventId: 'evt_wrong_amount', amountTiyn: 1 }));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('conflict');
    expect(
      (await postCallback(JSON.stringify({ ...body, eventId: 'evt_wrong_amount', amountTiyn: 1 })))
        .statusCode,
    ).toBe(409);
    const unknown = await postCallback(
      JSON.stringify({ ...body, eventId: 'evt_unknown', paymentRef: 'sbx_unknown' }),
    );
    expect(unknown.statusCode).toBe(404);
    expect(
      await count('select count(*)::int as n from payment_callbacks where event_id = $1', ['evt_unknown']),
    ).toBe(0);

    expect(await getOrder(order.id)).toEqual(paid);
  });

  it('rejects a callback whose amount differs from the payment, and leaves the order unpaid', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-A-6']);
    const raw = JSON.stringify({
      eventId: 'evt_cheap_0001',
      paymentRef: refOf(order),
      invoiceId: 'x',
      orderNumber: order.number,
      status: 'succeeded',
      amountTiyn: order.totalTiyn - 100,
      currency: 'KZT',
      occurredAt: new Date().toISOString(),
    });
    expect((await postCallback(raw)).statusCode).toBe(409);
    expect(await getOrder(order.id)).toMatchObject({
      status: 'pending_payment',
      payments: [{ status: 'pending' }],
    });
  });

  it('issues tickets once when the same callback arrives ten times at once', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-A-4', 'stalls-A-5']);
    await pay(order);
    const [queued] = await t.tdb.db.query<{ body: string }>(
      'select body from sandbox_psp_callbacks where ref = $1',
      [refOf(order)],
    );
    const raw = queued?.body ?? '';
    const results = await Promise.all(Array.from({ length: 10 }, () => postCallback(raw)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const tally = (rs: typeof results) => {
      const m: Record<string, number> = {};
      for (const r of rs) m[r.json().result] = (m[r.json().result] ?? 0) + 1;
      return m;
    };
    expect(tally(results)).toEqual({ paid: 1, duplicate: 9 });
    // Ten different events that all say "succeeded" (say a callback and reconciliation) also pay once.
    const other = await onlineOrder(t.client(), performanceId, ['stalls-B-5', 'stalls-B-6']);
    await pay(other);
    const [q2] = await t.tdb.db.query<{ body: string }>(
      'select body from sandbox_psp_callbacks where ref = $1',
      [refOf(other)],
    );
    const base = JSON.parse(q2?.body ?? '{}');
    const many = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postCallback(JSON.stringify({ ...base, eventId: `evt_many_${i}` })),
      ),
    );
    expect(many.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(tally(many)).toEqual({ paid: 1, unchanged: 9 });
    for (const o of [order, other]) {
      expect(await count('select count(*)::int as n from tickets where order_id = $1', [o.id])).toBe(2);
      expect((await getOrder(o.id)).status).toBe('paid');
    }
    await deliver(); // the queued originals, now stale news
  });

  it('pays at start-up an order paid at the PSP while its callback never came, and issues missing tickets', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-B-4']);
    await pay(order);
    // The PSP's callback is lost (never delivered); our process knows nothing.
    expect((await getOrder(order.id)).status).toBe('pending_payment');
    const desk1 = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-A-1'],
    });
    const sold = (
      await desk.post('/api/v1/hubs/astana/orders', {
        holdId: desk1.json().id,
        buyer: {},
        payment: { provider: 'desk', method: 'cash' },
      })
    ).json();
    // …and a paid order lost its tickets (the process died between payment and issue).
    await t.tdb.db.query('delete from tickets where order_id = $1', [sold.id]);

    const report = await recover(t.app.appContext);
    expect(report.tickets).toBe(1);
    expect(report.reconciled.paid).toBe(1);
    const after = await getOrder(order.id);
    expect(after).toMatchObject({
      status: 'paid',
      payments: [{ status: 'succeeded' }],
      tickets: [{ seatId: 'stalls-B-4' }],
    });
    expect((await getOrder(sold.id)).tickets).toHaveLength(1);
    // Running it again (a second process starting) finds nothing to do.
    expect(await recover(t.app.appContext)).toEqual({ tickets: 0, reconciled: {}, refunds: 0 });
    // The callback arriving at last changes nothing.
    await deliver();
    expect(delivered.at(-1)?.result).toBe('unchanged');
    expect(await count('select count(*)::int as n from tickets where order_id = $1', [order.id])).toBe(1);
  });

  it('finds a payment again when checkout died between starting it at the PSP and saving its reference', async () => {
    const { performanceId } = await createTestPerformance(manager);
    // The process "dies" right after the PSP registered the payment: its answer is never saved.
    const start = psp.start;
    psp.start = async (p) => {
      await start.call(psp, p);
      throw new Error('the process died here');
    };
    const crashed: Order[] = [];
    try {
      for (const seat of ['stalls-B-1', 'stalls-B-2', 'stalls-B-3']) {
        const c = t.client();
        const hold = await c.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
          seats: [seat],
        });
        const body = {
          holdId: hold.json().id,
          buyer: { email: 'crash@example.kz' },
          payment: { provider: 'sandbox', method: 'card' },
        };
        const key = { headers: { 'idempotency-key': `crash-${seat}-${performanceId}` } };
        expect((await c.post('/api/v1/hubs/astana/orders', body, key)).statusCode).toBe(500);
        const again = await c.post('/api/v1/hubs/astana/orders', body, key); // the buyer's retry finds the order
        crashed.push(again.json());
      }
    } finally {
      psp.start = start;
    }
    const [a, b, c] = crashed as [Order, Order, Order];
    expect(a).toMatchObject({ status: 'pending_payment', payments: [{ status: 'pending' }] });
    expect(a.payments[0]?.redirectUrl).toBeUndefined(); // nowhere to pay, and no reference to ask about
    const paymentId = async (o: Order) =>
      (await t.tdb.db.query<{ id: string }>('select id from payments where order_id = $1', [o.id]))[0]?.id ??
      '';
    const payAtPsp = async (o: Order) => {
      const found = await psp.lookup(await paymentId(o));
      if (!found) throw new Error('the PSP does not know the payment');
      return t
        .client()
        .request(
          'POST',
          `/sandbox-pay/${found.providerRef}`,
          undefined,
          form({ card: TEST_CARDS.success, action: 'pay' }),
        );
    };

    // b: the buyer paid anyway (say from the PSP's mail); its callback names our payment id.
    expect((await payAtPsp(b)).statusCode).toBe(303);
    await deliver();
    expect(delivered.at(-1)).toMatchObject({ status: 200, result: 'paid' });
    expect(await getOrder(b.id)).toMatchObject({ status: 'paid', tickets: [{ seatId: 'stalls-B-2' }] });
    // c: paid too, but its callback is lost; a is still unpaid.
    expect((await payAtPsp(c)).statusCode).toBe(303);

    // The start-up recovery asks the PSP by our payment ids: c is paid, a gets its payment page back.
    const report = await recover(t.app.appContext);
    expect(report.reconciled).toEqual({ paid: 1 });
    expect(await getOrder(c.id)).toMatchObject({ status: 'paid', tickets: [{ seatId: 'stalls-B-3' }] });
    const resumed = await getOrder(a.id);
    expect(resumed.status).toBe('pending_payment');
    expect(resumed.payments[0]?.redirectUrl).toMatch(/^http:\/\/hub\.test\/sandbox-pay\/sbx_/);
    expect((await pay(resumed)).statusCode).toBe(303);
    await deliver();
    expect(await getOrder(a.id)).toMatchObject({ status: 'paid', tickets: [{ seatId: 'stalls-B-1' }] });
    // Every payment now carries the PSP's reference, and nothing is left to find.
    for (const o of crashed)
      expect(
        await count(
          'select count(*)::int as n from payments where order_id = $1 and provider_ref is not null',
          [o.id],
        ),
      ).toBe(1);
    expect(await recover(t.app.appContext)).toEqual({ tickets: 0, reconciled: {}, refunds: 0 });
  });

  it('lets several processes sweep and recover at once: each order expires and gets its tickets once', async () => {
    const { performanceId, areaId } = await createTestPerformance(manager, { standing: 6 });
    const orders: Order[] = [];
    for (let i = 0; i < 3; i++) {
      const c = t.client();
      const hold = await c.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
        areas: [{ areaId, quantity: 2 }],
      });
      const res = await c.post('/api/v1/hubs/astana/orders', {
        holdId: hold.json().id,
        buyer: { email: 'crowd@example.kz' },
        payment: { provider: 'sandbox', method: 'card' },
      });
      orders.push(res.json());
    }
    for (const o of orders) await expireNow(o.id);
    const sweeps = await Promise.all(Array.from({ length: 6 }, () => sweep(t.app.appContext)));
    expect(sweeps.reduce((n, r) => n + r.orders, 0)).toBe(3);
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect(perf.areas[0].available).toBe(6); // each order's places came back once, not twice

    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      areas: [{ areaId, quantity: 3 }],
    });
    const sold = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    await t.tdb.db.query('delete from tickets where order_id = $1', [sold.json().id]);
    const reports = await Promise.all(Array.from({ length: 5 }, () => recover(t.app.appContext)));
    expect(reports.reduce((n, r) => n + r.tickets, 0)).toBe(3);
    expect(await count('select count(*)::int as n from tickets where order_id = $1', [sold.json().id])).toBe(
      3,
    );
  });

  it('claims the seats again for a payment that arrives after the order expired', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-A-2']);
    await expireNow(order.id);
    await sweep(t.app.appContext);
    expect(await seatStatus(performanceId, 'stalls-A-2')).toBe('available');
    await pay(order); // the buyer kept the PSP's page open
    await deliver();
    expect(delivered.at(-1)?.result).toBe('reclaimed');
    expect(await getOrder(order.id)).toMatchObject({
      status: 'paid',
      payments: [{ status: 'succeeded' }],
      tickets: [{ seatId: 'stalls-A-2', status: 'valid' }],
    });
    expect(await seatStatus(performanceId, 'stalls-A-2')).toBe('sold');
    // A late payment that got its seats is an ordinary sale: one sale receipt, no refund receipt.
    await runAllJobs();
    const receipt = (await t.client().get(`/api/v1/hubs/astana/orders/${order.id}/receipt`)).json();
    expect(receipt.fiscal.map((f: { kind: string }) => f.kind)).toEqual(['sale']);
  });

  it('refunds a late payment automatically when its seats were sold meanwhile, and says why', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-A-3']);
    await expireNow(order.id);
    await sweep(t.app.appContext);
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-A-3'],
    });
    const other = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'card' },
    });
    expect(other.statusCode).toBe(201);
    await pay(order);
    await deliver();
    expect(delivered.at(-1)?.result).toBe('refund_due');
    expect(await psp.status(refOf(order))).toBe('refunded');
    expect(await getOrder(order.id)).toMatchObject({
      status: 'expired',
      tickets: [],
      payments: [{ status: 'refunded' }],
    });
    const [note] = await t.tdb.db.query<{ note: string; refundDue: boolean }>(
      'select note, refund_due as "refundDue" from payments where order_id = $1',
      [order.id],
    );
    expect(note).toMatchObject({ refundDue: false });
    expect(note?.note).toContain('stalls-A-3');
    const admin = await t.signedIn('director@astana.ozgeepic.kz');
    const audit = (await admin.get('/api/v1/hubs/astana/audit?limit=10')).json();
    const entry = audit.entries.find((e: { action: string; entityId: string }) => e.entityId === order.id);
    expect(entry).toMatchObject({
      action: 'order.late_payment',
      actor: null,
      details: { outcome: 'refunded' },
    });
    expect((await getOrder(other.json().id)).tickets).toHaveLength(1); // the other buyer keeps the seat
    await deliver();
    expect(delivered.at(-1)?.result).toBe('unchanged'); // the PSP's "refunded" confirms what we know

    // Money was taken and given back: a sale receipt, then a refund receipt, so the register balances.
    await runAllJobs();
    const receipt = (await t.client().get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=en`)).json();
    expect(receipt).toMatchObject({
      status: 'expired',
      payments: [{ status: 'refunded', amountTiyn: 500_000 }],
    });
    expect(receipt.fiscal.map((f: { kind: string }) => f.kind)).toEqual(['sale', 'refund']);
    expect(receipt.refundedAt).not.toBeNull();
    const journal = await t.tdb.db.query<{ operation: string; total: string }>(
      `select j.operation, j.total_tiyn::text as total from local_fiscal_journal j
         join fiscal_receipts r on r.id::text = j.external_id where r.order_id = $1 order by j.number`,
      [order.id],
    );
    expect(journal).toEqual([
      { operation: 'sale', total: '500000' },
      { operation: 'refund', total: '500000' },
    ]);
    expect(await runDueJobs(t.app.appContext)).toBe(0);
  });

  it('refunds a sandbox-paid order through the provider, and takes a refund made at the PSP', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await onlineOrder(t.client(), performanceId, ['stalls-B-2']);
    await pay(order);
    await deliver();
    const refunded = await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, {
      reason: 'Visitor is ill',
    });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json()).toMatchObject({ status: 'refunded', payments: [{ status: 'refunded' }] });
    expect(await psp.status(refOf(order))).toBe('refunded');
    await deliver();
    expect(delivered.at(-1)?.result).toBe('unchanged');

    // A refund made in the PSP's merchant office reaches us by callback.
    const second = await onlineOrder(t.client(), performanceId, ['stalls-B-2']);
    await pay(second);
    await deliver();
    await psp.refund({ providerRef: refOf(second), amountTiyn: second.totalTiyn });
    await deliver();
    expect(delivered.at(-1)?.result).toBe('refunded');
    expect(await getOrder(second.id)).toMatchObject({
      status: 'refunded',
      tickets: [{ status: 'refunded' }],
    });
    expect(await seatStatus(performanceId, 'stalls-B-2')).toBe('available');
  });
});

describe.each(DRIVERS)('the sandbox PSP against a running server (%s)', (driver) => {
  let store: TestDb | undefined;
  let dataDir: string;
  let server: RunningServer | undefined;
  const start = (publicUrl?: string) =>
    startServer(
      {
        port: 0,
        host: '127.0.0.1',
        seed: 'demo',
        scryptCost: TEST_SCRYPT_COST,
        webDir: undefined,
        logLevel: 'silent',
        dataDir,
        mailOutboxDir: path.join(dataDir, 'outbox'),
        ...(store?.url ? { databaseUrl: store.url } : {}),
        ...(publicUrl ? { publicUrl } : {}),
      },
      { NODE_ENV: 'test' },
    );
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ozge-payments-'));
    if (driver === 'postgres') store = await createEmptyDb('postgres');
  });
  afterAll(async () => {
    await server?.close();
    await store?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const signIn = async (app: RunningServer['app'], email: string) => {
    const c = new Client(app);
    const res = await c.post('/api/v1/auth/sign-in', { email, password: 'ozgeepic-demo' });
    if (res.statusCode !== 200) throw new Error(res.body);
    return c;
  };

  it('delivers the signed callback over HTTP, and after a restart reconciles and resends what was lost', async () => {
    // First life: the server's public address is wrong, so the PSP cannot reach it.
    server = await start('http://127.0.0.1:9');
    const manager = await signIn(server.app, 'program@astana.ozgeepic.kz');
    const { performanceId } = await createTestPerformance(manager);
    const lost = await onlineOrder(new Client(server.app), performanceId, ['stalls-A-2']);
    const submit = (order: Order) =>
      fetch(`${server?.url}${pagePath(order)}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ card: TEST_CARDS.success, action: 'pay' }),
      });
    expect((await submit(lost)).status).toBe(303);
    const [pending] = await server.db.query<{ attempts: number; lastError: string }>(
      'select attempts, last_error as "lastError" from sandbox_psp_callbacks where ref = $1',
      [refOf(lost)],
    );
    expect(pending?.attempts).toBeGreaterThanOrEqual(1);
    expect(pending?.lastError).toBeTruthy();
    // The PSP is in its backoff while we restart, so the start-up reconciliation speaks first.
    await server.db.query(`update sandbox_psp_callbacks set next_attempt_at = now() + interval '3 seconds'`);
    await server.close();

    // Second life, on the same database: recovery asks the PSP, the PSP resends its callback.
    server = await start();
    const report = await server.jobs.recovered;
    expect(report?.reconciled.paid).toBe(1);
    const desk = await signIn(server.app, 'boxoffice@astana.ozgeepic.kz');
    const recovered = (await desk.get(`/api/v1/hubs/astana/orders/${lost.id}`)).json();
    expect(recovered).toMatchObject({ status: 'paid', tickets: [{ seatId: 'stalls-A-2' }] });
    const db = server.db;
    await expect
      .poll(
        async () =>
          (
            await db.query<{ d: boolean }>(
              'select delivered_at is not null as d from sandbox_psp_callbacks where ref = $1',
              [refOf(lost)],
            )
          )[0]?.d,
        { timeout: 15_000, interval: 200 },
      )
      .toBe(true);

    // A new payment: the PSP's signed callback reaches the server over real HTTP before the buyer returns.
    const live = await onlineOrder(new Client(server.app), performanceId, ['stalls-A-3']);
    expect(live.payments[0]?.redirectUrl?.startsWith(`${server.url}/sandbox-pay/`)).toBe(true);
    const back = await submit(live);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${server.url}/orders/${live.id}?hub=astana`);
    const paid = (await desk.get(`/api/v1/hubs/astana/orders/${live.id}`)).json();
    expect(paid).toMatchObject({ status: 'paid', tickets: [{ seatId: 'stalls-A-3' }] });
    const [cb] = await db.query<{ result: string }>(
      'select result from payment_callbacks where provider_ref = $1 and event_id like $2',
      [refOf(live), 'evt_%'],
    );
    expect(cb?.result).toBe('paid');
    expect(
      await db.query('select 1 from sandbox_psp_callbacks where ref = $1 and delivered_at is null', [
        refOf(live),
      ]),
    ).toEqual([]);
  });
});
