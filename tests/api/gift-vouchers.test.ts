// Gift vouchers: issued at the desk (sold or free), spent over several orders online and at the
// desk, returned to the balance by refunds and lapsed orders, voided, checked by anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../src/server/modules/box-office/jobs.ts';
import {
  type CallbackTransport,
  type SandboxProvider,
  TEST_CARDS,
} from '../../src/server/platform/payments/sandbox.ts';
import { type Client, createTestApp, readOutbox, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

interface Payment {
  id: string;
  provider: string;
  method: string;
  status: string;
  amountTiyn: number;
  redirectUrl?: string;
}
interface Order {
  id: string;
  number: number;
  status: string;
  totalTiyn: number;
  tickets: { status: string }[];
  payments: Payment[];
}
interface Voucher {
  id: string;
  code: string;
  initialTiyn: number;
  balanceTiyn: number;
  state: string;
  validUntil: string | null;
  entries: { kind: string; amountTiyn: number; balanceAfterTiyn: number; orderNumber: number | null }[];
}

const HUB = '/api/v1/hubs/astana';

describe.each(DRIVERS)('gift vouchers (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let psp: SandboxProvider;
  const inject: CallbackTransport = async (url, body, headers) =>
    (await t.app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers })).statusCode;

  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    psp = t.app.appContext.payments.get('sandbox') as SandboxProvider;
  });
  afterAll(() => t.close());

  const sell = async (valueTiyn: number, extra: Record<string, unknown> = {}): Promise<Voucher> => {
    const res = await desk.post(`${HUB}/gift-vouchers`, { valueTiyn, payment: { method: 'cash' }, ...extra });
    if (res.statusCode !== 201) throw new Error(`voucher: ${res.body}`);
    return res.json();
  };
  const find = async (code: string): Promise<Voucher> =>
    (await desk.post(`${HUB}/gift-vouchers/find`, { code })).json();
  const deskOrder = async (performanceId: string, seats: string[], voucherCode: string) => {
    const hold = await desk.post(`${HUB}/performances/${performanceId}/holds`, { seats });
    return desk.post(`${HUB}/orders`, {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
      voucherCode,
    });
  };
  const onlineOrder = async (performanceId: string, seats: string[], voucherCode: string) => {
    const c = t.client();
    const hold = await c.post(`${HUB}/performances/${performanceId}/holds`, { seats });
    return c.post(`${HUB}/orders`, {
      holdId: hold.json().id,
      buyer: { email: 'guest@example.kz' },
      payment: { provider: 'sandbox', method: 'card' },
      voucherCode,
    });
  };
  const getOrder = async (id: string): Promise<Order> => (await desk.get(`${HUB}/orders/${id}`)).json();
  const byProvider = (o: Order, provider: string) => o.payments.find((p) => p.provider === provider);
  const payOnline = async (o: Order, card: string = TEST_CARDS.success) => {
    const page = new URL(o.payments.find((p) => p.redirectUrl)?.redirectUrl ?? 'http://x/none').pathname;
    await t.client().request('POST', page, undefined, {
      payload: new URLSearchParams({ card, action: 'pay' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await psp.deliverDue({ transport: inject });
  };
  const expectLedgerBalanced = async (code: string) => {
    const v = await find(code);
    expect(v.entries.reduce((n, e) => n + e.amountTiyn, 0)).toBe(v.balanceTiyn);
    expect(v.entries.at(-1)?.balanceAfterTiyn).toBe(v.balanceTiyn);
  };

  it('sells a voucher at the desk, mails it to the recipient, and keeps it to the box office', async () => {
    const res = await desk.post(`${HUB}/gift-vouchers`, {
      valueTiyn: 1_000_000,
      payment: { method: 'card' },
      buyerName: 'Дана',
      recipientName: 'Әлия',
      recipientEmail: 'Aliya@Example.kz',
      locale: 'ru',
    });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({
      initialTiyn: 1_000_000,
      balanceTiyn: 1_000_000,
      issueKind: 'sold',
      paymentMethod: 'card',
      state: 'active',
      recipientEmail: 'aliya@example.kz',
    });
    expect(v.code).toMatch(/^GV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Valid for a year by default, to the end of that day in Astana.
    const days = (Date.parse(v.validUntil) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(367);
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to === 'aliya@example.kz');
    expect(mail?.subject).toContain('подарочный сертификат');
    expect(mail?.text).toContain(v.code);
    expect(mail?.text).toContain('Дана');
    expect(mail?.text).toContain('http://hub.test/astana/gift-voucher');

    const detail = await find(v.code.toLowerCase().replaceAll('-', ' '));
    expect(detail.entries).toMatchObject([{ kind: 'issue', amountTiyn: 1_000_000 }]);
    // Only the box office takes money; nobody signed out issues anything.
    expect(
      (await manager.post(`${HUB}/gift-vouchers`, { valueTiyn: 100_000, payment: { method: 'cash' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.client().post(`${HUB}/gift-vouchers`, { valueTiyn: 100, complimentary: { reason: 'x' } }))
        .statusCode,
    ).toBe(401);
  });

  it('gives a free voucher with a reason (program staff too), and refuses a sale that is neither or both', async () => {
    const free = await manager.post(`${HUB}/gift-vouchers`, {
      valueTiyn: 300_000,
      complimentary: { reason: 'Poetry contest prize' },
      validUntil: '2099-12-31',
    });
    expect(free.statusCode).toBe(400); // more than ten years ahead
    const ok = await manager.post(`${HUB}/gift-vouchers`, {
      valueTiyn: 300_000,
      complimentary: { reason: 'Poetry contest prize' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ issueKind: 'complimentary', reason: 'Poetry contest prize' });
    const admin = await t.signedIn('director@astana.ozgeepic.kz');
    const audit = (await admin.get('/api/v1/hubs/astana/audit?limit=5')).json();
    expect(audit.entries.find((e: { entityId: string }) => e.entityId === ok.json().id)).toMatchObject({
      action: 'gift_voucher.complimentary',
      details: { reason: 'Poetry contest prize', valueTiyn: 300_000 },
    });
    for (const body of [
      { valueTiyn: 100_000 },
      { valueTiyn: 100_000, payment: { method: 'cash' }, complimentary: { reason: 'x' } },
      { valueTiyn: 100_000, complimentary: { reason: '   ' } },
    ]) {
      const res = await desk.post(`${HUB}/gift-vouchers`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const past = await desk.post(`${HUB}/gift-vouchers`, {
      valueTiyn: 100_000,
      payment: { method: 'cash' },
      validUntil: '2020-01-01',
    });
    expect(past.json().errors[0].path).toBe('body/validUntil');
  });

  it('pays a whole desk order, then part of the next with cash for the rest, then is empty', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(800_000);
    const first = await deskOrder(performanceId, ['stalls-A-1'], v.code);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'paid', totalTiyn: 500_000 });
    expect(first.json().payments).toMatchObject([
      { provider: 'voucher', method: 'voucher', amountTiyn: 500_000, status: 'succeeded' },
    ]);
    const second = (await deskOrder(performanceId, ['stalls-A-2'], v.code)).json();
    expect(second.payments).toMatchObject([
      { provider: 'voucher', amountTiyn: 300_000, status: 'succeeded' },
      { provider: 'desk', method: 'cash', amountTiyn: 200_000, status: 'succeeded' },
    ]);
    expect(second.tickets).toHaveLength(1);
    const empty = await deskOrder(performanceId, ['stalls-A-3'], v.code);
    expect(empty.statusCode).toBe(409);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json()).toMatchObject({
      code: 'voucher_empty',
      errors: [{ path: 'body/voucherCode' }],
    });
    const after = await find(v.code);
    expect(after.balanceTiyn).toBe(0);
    expect(after.entries.map((e) => [e.kind, e.amountTiyn, e.orderNumber])).toEqual([
      ['issue', 800_000, null],
      ['use', -500_000, first.json().number],
      ['use', -300_000, second.number],
    ]);
    // The receipt names the voucher as a way of payment; the fiscal receipt too.
    const receipt = (await desk.get(`${HUB}/orders/${second.id}/receipt`)).json();
    expect(receipt.payments).toEqual([
      { provider: 'voucher', method: 'voucher', amountTiyn: 300_000, status: 'succeeded' },
      { provider: 'desk', method: 'cash', amountTiyn: 200_000, status: 'succeeded' },
    ]);
  });

  it('online: the voucher pays part and the provider is asked only for the rest', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(200_000);
    const res = await onlineOrder(performanceId, ['stalls-B-1'], v.code);
    expect(res.statusCode).toBe(201);
    const order: Order = res.json();
    expect(order.status).toBe('pending_payment');
    const rest = byProvider(order, 'sandbox');
    expect(rest).toMatchObject({ amountTiyn: 100_000, status: 'pending' });
    const ref = new URL(rest?.redirectUrl ?? '').pathname.split('/').pop() ?? '';
    const [psprow] = await t.tdb.db.query<{ amount: number }>(
      'select amount_tiyn::int as amount from sandbox_psp_payments where ref = $1',
      [ref],
    );
    expect(psprow?.amount).toBe(100_000);
    await payOnline(order);
    const paid = await getOrder(order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(1);
    expect((await find(v.code)).balanceTiyn).toBe(0);
  });

  it('online: a voucher that covers the whole order pays it at once, with no provider step', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(1_000_000);
    const order: Order = (await onlineOrder(performanceId, ['stalls-A-4', 'stalls-B-4'], v.code)).json();
    expect(order.status).toBe('paid');
    expect(order.payments).toMatchObject([{ provider: 'voucher', amountTiyn: 800_000 }]);
    expect(order.payments.some((p) => p.redirectUrl)).toBe(false);
    expect(order.tickets).toHaveLength(2);
    expect((await find(v.code)).balanceTiyn).toBe(200_000);
  });

  it('a refund returns the voucher part to the voucher, not as cash', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(400_000);
    const order: Order = (await deskOrder(performanceId, ['stalls-A-5'], v.code)).json();
    expect((await find(v.code)).balanceTiyn).toBe(0);
    const refunded = await desk.post(`${HUB}/orders/${order.id}/refund`, { reason: 'could not come' });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json().payments).toMatchObject([
      { provider: 'voucher', amountTiyn: 400_000, status: 'refunded' },
      { provider: 'desk', amountTiyn: 100_000, status: 'refunded' },
    ]);
    const after = await find(v.code);
    expect(after.balanceTiyn).toBe(400_000);
    expect(after.entries.at(-1)).toMatchObject({
      kind: 'return',
      amountTiyn: 400_000,
      orderNumber: order.number,
    });
    await expectLedgerBalanced(v.code);
    // A refund receipt names the voucher too; the voucher can be spent again.
    expect((await deskOrder(performanceId, ['stalls-A-5'], v.code)).statusCode).toBe(201);
  });

  it('a declined online payment gives the voucher part back when the order lapses, with the seats', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(300_000);
    const order: Order = (await onlineOrder(performanceId, ['stalls-A-5'], v.code)).json();
    await payOnline(order, TEST_CARDS.declined);
    const declined = await getOrder(order.id);
    expect(byProvider(declined, 'sandbox')?.status).toBe('declined');
    expect((await find(v.code)).balanceTiyn).toBe(0); // still the order's while it holds the seats
    await t.tdb.db.query(`update orders set payment_due_at = now() - interval '1 second' where id = $1`, [
      order.id,
    ]);
    await sweep(t.app.appContext);
    const lapsed = await getOrder(order.id);
    expect(lapsed.status).toBe('expired');
    expect(byProvider(lapsed, 'voucher')?.status).toBe('refunded');
    expect((await find(v.code)).balanceTiyn).toBe(300_000);
    await expectLedgerBalanced(v.code);
    await sweep(t.app.appContext); // a second sweep returns nothing twice
    expect((await find(v.code)).balanceTiyn).toBe(300_000);
  });

  it('a late payment for a lapsed order takes the voucher part again, or is refunded if it was spent', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(300_000);
    const lapse = async (o: Order) => {
      await t.tdb.db.query(`update orders set payment_due_at = now() - interval '1 second' where id = $1`, [
        o.id,
      ]);
      await sweep(t.app.appContext);
    };
    const a: Order = (await onlineOrder(performanceId, ['stalls-A-6'], v.code)).json();
    await lapse(a);
    expect((await find(v.code)).balanceTiyn).toBe(300_000);
    await payOnline(a); // the buyer kept the payment page open
    const reclaimed = await getOrder(a.id);
    expect(reclaimed.status).toBe('paid');
    expect(byProvider(reclaimed, 'voucher')?.status).toBe('succeeded');
    expect((await find(v.code)).balanceTiyn).toBe(0);
    await expectLedgerBalanced(v.code);

    const w = await sell(300_000);
    const b: Order = (await onlineOrder(performanceId, ['stalls-A-5'], w.code)).json();
    await lapse(b);
    expect((await deskOrder(performanceId, ['stalls-A-1'], w.code)).statusCode).toBe(201);
    await payOnline(b);
    const refunded = await getOrder(b.id);
    expect(refunded.status).toBe('expired');
    expect(byProvider(refunded, 'sandbox')?.status).toBe('refunded');
    expect((await find(w.code)).balanceTiyn).toBe(0);
    await expectLedgerBalanced(w.code);
  });

  it('refuses unknown, expired and voided vouchers with their own problems', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const unknown = await deskOrder(performanceId, ['stalls-B-2'], 'GV-AAAA-BBBB-CCCC-DDDD');
    expect(unknown.json()).toMatchObject({ status: 404, code: 'voucher_invalid' });
    const garbage = await deskOrder(performanceId, ['stalls-B-3'], 'hello');
    expect(garbage.json().code).toBe('voucher_invalid');

    const old = await sell(100_000);
    await t.tdb.db.query(`update gift_vouchers set valid_until = now() - interval '1 minute' where id = $1`, [
      old.id,
    ]);
    expect((await deskOrder(performanceId, ['stalls-B-4'], old.code)).json().code).toBe('voucher_expired');
    expect((await find(old.code)).state).toBe('expired');

    const lost = await sell(100_000);
    const voided = await desk.post(`${HUB}/gift-vouchers/${lost.id}/void`, { reason: 'reported stolen' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({
      state: 'void',
      voidReason: 'reported stolen',
      balanceTiyn: 100_000,
    });
    expect(voided.json().entries.at(-1)).toMatchObject({ kind: 'void', amountTiyn: 0 });
    expect((await deskOrder(performanceId, ['stalls-B-5'], lost.code)).json().code).toBe('voucher_void');
    const again = await desk.post(`${HUB}/gift-vouchers/${lost.id}/void`, { reason: 'twice' });
    expect(again.json()).toMatchObject({ status: 409, code: 'voucher_void' });
    const admin = await t.signedIn('director@astana.ozgeepic.kz');
    const audit = (await admin.get('/api/v1/hubs/astana/audit?limit=5')).json();
    expect(audit.entries.find((e: { action: string }) => e.action === 'gift_voucher.void')).toMatchObject({
      entityId: lost.id,
      details: { reason: 'reported stolen' },
    });
  });

  it('never spends more than the balance, however many checkouts spend one voucher at once', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(1_200_000);
    const seats = ['stalls-A-1', 'stalls-A-2', 'stalls-A-3', 'stalls-A-4', 'stalls-A-5', 'stalls-A-6'];
    const holds = await Promise.all(
      seats.map(async (seat) =>
        (await desk.post(`${HUB}/performances/${performanceId}/holds`, { seats: [seat] })).json(),
      ),
    );
    const results = await Promise.all(
      holds.map((h: { id: string }) =>
        desk.post(`${HUB}/orders`, {
          holdId: h.id,
          buyer: {},
          payment: { provider: 'desk', method: 'card' },
          voucherCode: v.code,
        }),
      ),
    );
    // Each order either got what was left on the voucher and the rest by card, or found it empty.
    for (const r of results) expect([201, 409], r.body).toContain(r.statusCode);
    const paid = results.filter((r) => r.statusCode === 201).map((r) => r.json() as Order);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('voucher_empty');
    const byVoucher = paid.reduce((n, o) => n + (byProvider(o, 'voucher')?.amountTiyn ?? 0), 0);
    expect(byVoucher).toBe(1_200_000);
    for (const o of paid) expect(o.payments.reduce((n, p) => n + p.amountTiyn, 0)).toBe(o.totalTiyn);
    expect(paid.length).toBeGreaterThanOrEqual(3);
    expect((await find(v.code)).balanceTiyn).toBe(0);
    await expectLedgerBalanced(v.code);
  });

  it('has the database refuse a balance below zero, whatever the code does', async () => {
    const v = await sell(100_000);
    await expect(
      t.tdb.db.query('update gift_vouchers set balance_tiyn = balance_tiyn - 100001 where id = $1', [v.id]),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      t.tdb.db.query(
        `insert into gift_voucher_entries (voucher_id, kind, amount_tiyn, balance_after_tiyn) values ($1, 'issue', 5, -1)`,
        [v.id],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('tells anyone the balance and the last day, nothing more, and stops guessing', async () => {
    const v = await sell(250_000, { recipientName: 'Secret Name' });
    const anyone = t.client();
    const res = await anyone.post(`${HUB}/gift-vouchers/balance`, { code: v.code });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['balanceTiyn', 'currency', 'validUntil']);
    expect(res.json()).toMatchObject({ balanceTiyn: 250_000, currency: 'KZT', validUntil: v.validUntil });
    // Unknown codes count against the address; after ten, even a good code waits.
    const ip = { remoteAddress: '10.9.8.7' };
    for (let i = 0; i < 10; i++) {
      const miss = await anyone.post(
        `${HUB}/gift-vouchers/balance`,
        { code: `GV-AAAA-AAAA-AAAA-AA${String.fromCharCode(65 + i)}A` },
        ip,
      );
      expect(miss.json()).toMatchObject({ status: 404, code: 'voucher_invalid' });
    }
    const blocked = await anyone.post(`${HUB}/gift-vouchers/balance`, { code: v.code }, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    expect(blocked.headers['retry-after']).toBe('900');
    // Another address is not held up.
    expect((await anyone.post(`${HUB}/gift-vouchers/balance`, { code: v.code })).statusCode).toBe(200);
  });

  it('lists vouchers with the balance outstanding, and issues one voucher for a double press', async () => {
    const headers = { headers: { 'idempotency-key': 'voucher-sale-0001' } };
    const body = { valueTiyn: 123_400, payment: { method: 'cash' }, buyerName: 'Ерлан' };
    const [a, b] = await Promise.all([
      desk.post(`${HUB}/gift-vouchers`, body, headers),
      desk.post(`${HUB}/gift-vouchers`, body, headers),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 201]);
    expect(a?.json().code).toBe(b?.json().code);
    const list = (await manager.get(`${HUB}/gift-vouchers`)).json();
    expect(list.vouchers.filter((x: { buyerName: string }) => x.buyerName === 'Ерлан')).toHaveLength(1);
    const [sum] = await t.tdb.db.query<{ n: number }>(
      `select sum(balance_tiyn)::int as n from gift_vouchers where status = 'active' and valid_until > now()`,
    );
    expect(list.outstandingTiyn).toBe(sum?.n);
    expect((await t.client().get(`${HUB}/gift-vouchers`)).statusCode).toBe(401);
  });

  it('shows the voucher as a payment method in the report, with the VAT shared, not counted twice', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const v = await sell(100_000);
    const o = (await deskOrder(performanceId, ['stalls-B-3'], v.code)).json();
    const report = (await desk.get(`${HUB}/reports/payment-methods`)).json().rows as {
      provider: string;
      method: string;
      paidTiyn: number;
      vatTiyn: number;
    }[];
    const voucherRow = report.find((r) => r.provider === 'voucher');
    expect(voucherRow?.method).toBe('voucher');
    const [vat] = await t.tdb.db.query<{ n: number }>(
      `select coalesce(sum(vat_tiyn), 0)::int as n from orders where hub_id = (select id from hubs where slug = 'astana')
          and status = 'paid'`,
    );
    expect(report.reduce((n, r) => n + r.vatTiyn, 0)).toBe(vat?.n);
    expect(o.vatTiyn).toBeGreaterThan(0);
  });

  it('reports vouchers sold per method, given, spent, returned and voided, in JSON and CSV', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const before = (await desk.get(`${HUB}/reports/gift-vouchers`)).json().rows as {
      movement: string;
      method: string;
      vouchers: number;
      amountTiyn: number;
    }[];
    const of = (rows: typeof before, movement: string, method = '') =>
      rows.find((r) => r.movement === movement && r.method === method) ?? { vouchers: 0, amountTiyn: 0 };
    const a = await sell(700_000, { payment: { method: 'card' } });
    const order = (await deskOrder(performanceId, ['stalls-A-1'], a.code)).json();
    await desk.post(`${HUB}/orders/${order.id}/refund`, { reason: 'report test' });
    await desk.post(`${HUB}/gift-vouchers/${a.id}/void`, { reason: 'report test' });
    const after = (await desk.get(`${HUB}/reports/gift-vouchers`)).json().rows as typeof before;
    const grew = (movement: string, method = '') =>
      of(after, movement, method).amountTiyn - of(before, movement, method).amountTiyn;
    expect(grew('sold', 'card')).toBe(700_000);
    expect(grew('used')).toBe(500_000);
    expect(grew('returned')).toBe(500_000);
    expect(grew('voided')).toBe(700_000);
    const csv = await desk.get(`${HUB}/reports/gift-vouchers?format=csv&lang=ru`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Движение,Способ оплаты,Сертификаты,"Сумма, ₸"');
    const future = (await desk.get(`${HUB}/reports/gift-vouchers?from=2099-01-01`)).json();
    expect(future.rows).toEqual([]);
  });
});
