// Fiscal receipts for every money movement: a membership card sold at the desk, a gift voucher
// sold at the desk (an advance, set off when it pays tickets), exchanges at the desk (a refund
// receipt for the tickets given back, a sale receipt for the new ones) and a card bought online
// and refunded at the provider. Each is issued once however often it is asked for, a crash
// between "issued" and "recorded" gets the same receipt back, and the register's journal
// balances: sales minus refunds, in cash and card, are the money the hub kept.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/server/modules/box-office/delivery.ts';
import { issueFiscalReceiptsOf } from '../../src/server/modules/box-office/fiscal.ts';
import { membershipFiscalRequest } from '../../src/server/modules/offers/fiscal-requests.ts';
import { issueMembership } from '../../src/server/modules/offers/memberships.ts';
import { issueVoucher } from '../../src/server/modules/offers/vouchers.ts';
import { fiscalProviderFor } from '../../src/server/platform/fiscal/provider.ts';
import {
  type CallbackTransport,
  type SandboxProvider,
  TEST_CARDS,
} from '../../src/server/platform/payments/sandbox.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

const HUB = '/api/v1/hubs/astana';

interface Fiscal {
  kind: 'sale' | 'refund';
  provider: string;
  number: string;
  fiscalSign: string;
}
interface Entry {
  operation: 'sale' | 'refund';
  total: number;
  payload: {
    positions: { name: string; amountTiyn: number; vatRateBp: number; vatTiyn: number; advance?: boolean }[];
    payments: { method: string; amountTiyn: number }[];
    totalTiyn: number;
    vatTiyn: number;
  };
}
interface Order {
  id: string;
  number: number;
  totalTiyn: number;
  tickets: { id: string; status: string }[];
}

/** Sales minus refunds: the value sold and kept, and the money (cash and card) kept. */
function balance(entries: Entry[]) {
  let total = 0;
  let money = 0;
  const offsets: Record<string, number> = {};
  for (const e of entries) {
    const sign = e.operation === 'sale' ? 1 : -1;
    total += sign * e.total;
    for (const p of e.payload.payments) {
      if (p.method === 'cash' || p.method === 'card') money += sign * p.amountTiyn;
      else offsets[p.method] = (offsets[p.method] ?? 0) + sign * p.amountTiyn;
    }
    // Every receipt adds up: positions and payments to its total.
    expect(e.payload.positions.reduce((n, p) => n + p.amountTiyn, 0)).toBe(e.total);
    expect(e.payload.payments.reduce((n, p) => n + p.amountTiyn, 0)).toBe(e.total);
  }
  return { total, money, offsets };
}

describe.each(DRIVERS)('fiscal receipts of every money movement (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let hubId: string;

  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    const plan = await manager.post(`${HUB}/membership-plans`, {
      slug: 'fiscal-pass',
      name: { kk: 'Абонемент', ru: 'Абонемент', en: 'Pass' },
      kind: 'pass',
      entries: 4,
      validDays: 365,
      priceTiyn: 1_160_000,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    hubId = (await t.tdb.db.query<{ id: string }>(`select id from hubs where slug = 'astana'`))[0]?.id ?? '';
  });
  afterAll(() => t.close());

  /** The register's journal entries of the receipts matching `where` (on fiscal_receipts r). */
  const journal = (where: string, params: unknown[]) =>
    t.tdb.db.query<Entry>(
      `select j.operation, j.total_tiyn::int as total, j.payload from local_fiscal_journal j
         join fiscal_receipts r on r.id::text = j.external_id where ${where} order by j.number`,
      params,
    );
  const drain = async () => {
    while ((await runDueJobs(t.app.appContext)) > 0) {}
  };

  it('a membership card sold at the desk: a sale receipt with VAT, once however often the sale is sent', async () => {
    const key = randomUUID();
    const sell = () =>
      desk.post(
        `${HUB}/memberships`,
        { plan: 'fiscal-pass', holderName: 'Айгерім', payment: { method: 'cash' } },
        { headers: { 'idempotency-key': key } },
      );
    const first = await sell();
    expect(first.statusCode, first.body).toBe(201);
    const card = first.json() as { id: string; code: string; fiscal: Fiscal[] };
    expect(card.fiscal).toHaveLength(1);
    expect(card.fiscal[0]).toMatchObject({ kind: 'sale', provider: 'local' });
    const again = await sell();
    expect(again.statusCode).toBe(200);
    expect(again.json().fiscal).toEqual(card.fiscal);
    await drain();
    const entries = await journal('r.membership_id = $1', [card.id]);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.payload).toMatchObject({
      positions: [{ amountTiyn: 1_160_000, vatRateBp: 1600, vatTiyn: 160_000 }],
      payments: [{ method: 'cash', amountTiyn: 1_160_000 }],
      vatTiyn: 160_000,
    });
    expect(balance(entries)).toMatchObject({ total: 1_160_000, money: 1_160_000 });
    // The card looked up at the desk shows its receipt.
    const looked = (await desk.get(`${HUB}/memberships/${card.code}`)).json();
    expect(looked.fiscal).toEqual(card.fiscal);
  });

  it('gets the same receipt back after a crash between the provider issuing it and our recording it', async () => {
    // A sale committed with its receipt queued, not yet issued.
    const [clerk] = await t.tdb.db.query<{ id: string }>(
      `select id from users where email = 'boxoffice@astana.ozgeepic.kz'`,
    );
    const card = await t.tdb.db.tx((q) =>
      issueMembership(q, hubId, {
        planSlug: 'fiscal-pass',
        holderName: 'Ерлан',
        paymentMethod: 'card',
        issuedBy: clerk?.id ?? '',
      }),
    );
    const [pending] = await t.tdb.db.query<{ id: string; status: string }>(
      'select id, status from fiscal_receipts where membership_id = $1',
      [card.id],
    );
    expect(pending?.status).toBe('pending');
    // The provider issues it, and the process dies before writing it down.
    const request = await membershipFiscalRequest(t.tdb.db, {
      id: pending?.id ?? '',
      hubId,
      kind: 'sale',
      membershipId: card.id,
    });
    const issued = await fiscalProviderFor(t.tdb.db).issue(request);
    await drain();
    const [row] = await t.tdb.db.query<{ status: string; number: string; fiscalSign: string }>(
      `select status, number, fiscal_sign as "fiscalSign" from fiscal_receipts where id = $1`,
      [pending?.id],
    );
    expect(row).toEqual({ status: 'issued', number: issued.number, fiscalSign: issued.fiscalSign });
    expect(await journal('r.membership_id = $1', [card.id])).toHaveLength(1);
  });

  it('makes one receipt when several processes issue the same one at once', async () => {
    const [clerk] = await t.tdb.db.query<{ id: string }>(
      `select id from users where email = 'boxoffice@astana.ozgeepic.kz'`,
    );
    const voucher = await t.tdb.db.tx((q) =>
      issueVoucher(q, hubId, {
        valueTiyn: 500_000,
        paymentMethod: 'cash',
        timeZone: 'Asia/Almaty',
        locale: 'ru',
        issuedBy: clerk?.id ?? '',
      }),
    );
    const ctx = t.app.appContext;
    await Promise.all([
      ...Array.from({ length: 6 }, () => issueFiscalReceiptsOf(ctx, hubId, voucher.id)),
      runDueJobs(ctx),
      runDueJobs(ctx),
    ]);
    await drain();
    expect(await journal('r.voucher_id = $1', [voucher.id])).toHaveLength(1);
    const rows = await t.tdb.db.query<{ status: string }>(
      'select status from fiscal_receipts where voucher_id = $1',
      [voucher.id],
    );
    expect(rows).toEqual([{ status: 'issued' }]);
  });

  const sellSeats = async (performanceId: string, seats: string[], extra: object = {}): Promise<Order> => {
    const hold = await desk.post(`${HUB}/performances/${performanceId}/holds`, { seats });
    expect(hold.statusCode, hold.body).toBe(201);
    const res = await desk.post(`${HUB}/orders`, {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const receiptOf = async (orderId: string) => (await desk.get(`${HUB}/orders/${orderId}/receipt`)).json();

  it('a gift voucher sold at the desk: an advance without VAT, set off on the tickets it pays, put back by a refund', async () => {
    const key = randomUUID();
    const sell = () =>
      desk.post(
        `${HUB}/gift-vouchers`,
        { valueTiyn: 800_000, payment: { method: 'card' } },
        { headers: { 'idempotency-key': key } },
      );
    const first = await sell();
    expect(first.statusCode, first.body).toBe(201);
    const voucher = first.json() as { id: string; code: string; fiscal: Fiscal[] };
    expect(voucher.fiscal.map((f) => f.kind)).toEqual(['sale']);
    expect((await sell()).json().fiscal).toEqual(voucher.fiscal);
    // A free voucher takes no money and gets no receipt.
    const free = await desk.post(`${HUB}/gift-vouchers`, {
      valueTiyn: 100_000,
      complimentary: { reason: 'prize' },
    });
    expect(free.json().fiscal).toEqual([]);
    const [sold] = await journal('r.voucher_id = $1', [voucher.id]);
    expect(sold?.payload).toMatchObject({
      positions: [{ amountTiyn: 800_000, vatRateBp: 0, vatTiyn: 0, advance: true }],
      payments: [{ method: 'card', amountTiyn: 800_000 }],
      vatTiyn: 0,
    });
    // The position names the voucher by its last characters only: the code is as good as cash.
    expect(sold?.payload.positions[0]?.name).toContain(voucher.code.slice(-4));
    expect(sold?.payload.positions[0]?.name).not.toContain(voucher.code);
    // The staff detail shows it.
    expect((await desk.get(`${HUB}/gift-vouchers/${voucher.id}`)).json().fiscal).toEqual(voucher.fiscal);

    // Two front seats (10 000 ₸): the voucher pays 8 000 ₸, cash the rest.
    const { performanceId } = await createTestPerformance(manager);
    const order = await sellSeats(performanceId, ['stalls-A-1', 'stalls-A-2'], { voucherCode: voucher.code });
    const [sale] = await journal('r.order_id = $1', [order.id]);
    expect(sale?.payload.payments).toEqual([
      { method: 'cash', amountTiyn: 200_000 },
      { method: 'voucher', amountTiyn: 800_000 },
    ]);
    expect(sale?.payload.positions.every((p) => p.vatRateBp > 0 && !p.advance)).toBe(true);
    const movements = async () => [
      ...(await journal('r.voucher_id = $1', [voucher.id])),
      ...(await journal('r.order_id = $1', [order.id])),
    ];
    // The hub kept 10 000 ₸ (8 000 by card for the voucher, 2 000 in cash); the advance is used up.
    expect(balance(await movements())).toEqual({
      total: 1_800_000,
      money: 1_000_000,
      offsets: { voucher: 800_000 },
    });

    const refund = await desk.post(`${HUB}/orders/${order.id}/refund`, { reason: 'cancelled visit' });
    expect(refund.statusCode, refund.body).toBe(200);
    await drain();
    const [, back] = await journal('r.order_id = $1', [order.id]);
    expect(back?.operation).toBe('refund');
    expect(back?.payload.payments).toEqual([
      { method: 'cash', amountTiyn: 200_000 },
      { method: 'voucher', amountTiyn: 800_000 },
    ]);
    // The voucher's 8 000 ₸ is the money kept, and it is back on the voucher.
    expect(balance(await movements())).toEqual({ total: 800_000, money: 800_000, offsets: { voucher: 0 } });
    const found = (await desk.post(`${HUB}/gift-vouchers/find`, { code: voucher.code })).json();
    expect(found.balanceTiyn).toBe(800_000);
    expect(await journal('r.voucher_id = $1', [voucher.id])).toHaveLength(1);
  });

  const exchange = (orderId: string, body: object, key: string = randomUUID()) =>
    desk.post(
      `${HUB}/orders/${orderId}/exchanges`,
      { reason: 'Another seat', ...body },
      { headers: { 'idempotency-key': key } },
    );

  it('exchanges: a refund receipt for the tickets given back and a sale receipt for the new ones; the journal balances', async () => {
    const { performanceId, areaId } = await createTestPerformance(manager, { standing: 5 });
    // Two back seats, 3 000 ₸ each, in cash.
    const order = await sellSeats(performanceId, ['stalls-B-1', 'stalls-B-2']);
    const [b1, b2] = order.tickets;
    // B-1 for a front seat (5 000 ₸): 2 000 ₸ more, by card. Sent twice, made once.
    const key = randomUUID();
    const up = await exchange(
      order.id,
      { tickets: [b1?.id], performanceId, seats: ['stalls-A-1'], payment: { method: 'card' } },
      key,
    );
    expect(up.statusCode, up.body).toBe(201);
    expect(
      (
        await exchange(
          order.id,
          { tickets: [b1?.id], performanceId, seats: ['stalls-A-1'], payment: { method: 'card' } },
          key,
        )
      ).statusCode,
    ).toBe(200);
    // B-2 for a standing place (2 000 ₸): 1 000 ₸ handed back in cash.
    const down = await exchange(order.id, {
      tickets: [b2?.id],
      performanceId,
      areas: [{ areaId, quantity: 1 }],
      payment: { method: 'cash' },
    });
    expect(down.statusCode, down.body).toBe(201);
    await drain();

    const entries = await journal('r.order_id = $1', [order.id]);
    expect(entries.map((e) => [e.operation, e.total, e.payload.payments])).toEqual([
      ['sale', 600_000, [{ method: 'cash', amountTiyn: 600_000 }]],
      ['refund', 300_000, [{ method: 'exchange', amountTiyn: 300_000 }]],
      [
        'sale',
        500_000,
        [
          { method: 'exchange', amountTiyn: 300_000 },
          { method: 'card', amountTiyn: 200_000 },
        ],
      ],
      [
        'refund',
        300_000,
        [
          { method: 'exchange', amountTiyn: 200_000 },
          { method: 'cash', amountTiyn: 100_000 },
        ],
      ],
      ['sale', 200_000, [{ method: 'exchange', amountTiyn: 200_000 }]],
    ]);
    // Kept: 6 000 ₸ + 2 000 ₸ − 1 000 ₸, what the order now costs.
    expect(balance(entries)).toEqual({ total: 700_000, money: 700_000, offsets: { exchange: 0 } });
    // The receipt lists each exchange with what moved and its two fiscal receipts; the order's own stays its sale.
    const receipt = await receiptOf(order.id);
    expect(receipt.fiscal.map((f: Fiscal) => f.kind)).toEqual(['sale']);
    expect(receipt.exchanges).toHaveLength(2);
    expect(receipt.exchanges[0]).toMatchObject({
      returnedTiyn: 300_000,
      issuedTiyn: 500_000,
      differenceTiyn: 200_000,
      method: 'card',
    });
    expect(receipt.exchanges[0].returnedLines.map((l: { seatId: string }) => l.seatId)).toEqual([
      'stalls-B-1',
    ]);
    expect(receipt.exchanges[0].issuedLines.map((l: { seatId: string }) => l.seatId)).toEqual(['stalls-A-1']);
    expect(receipt.exchanges[0].fiscal.map((f: Fiscal) => f.kind)).toEqual(['refund', 'sale']);
    expect(receipt.exchanges[1].fiscal.map((f: Fiscal) => f.kind)).toEqual(['refund', 'sale']);

    // Refunding the order returns what it now holds, in the methods the money came in.
    const refund = await desk.post(`${HUB}/orders/${order.id}/refund`, { reason: 'cannot come' });
    expect(refund.statusCode, refund.body).toBe(200);
    await drain();
    const after = await journal('r.order_id = $1', [order.id]);
    expect(after.at(-1)?.operation).toBe('refund');
    expect(after.at(-1)?.payload.payments).toEqual([
      { method: 'card', amountTiyn: 200_000 },
      { method: 'cash', amountTiyn: 500_000 },
    ]);
    expect(balance(after)).toEqual({ total: 0, money: 0, offsets: { exchange: 0 } });
    // Asked again, nothing more is issued.
    await drain();
    expect(await journal('r.order_id = $1', [order.id])).toHaveLength(6);
  });

  it('a sale receipt delayed past an exchange still describes the sale, and the exchange waits for it', async () => {
    const { performanceId } = await createTestPerformance(manager);
    // The register is down while the order is sold and exchanged.
    await t.tdb.db.exec(
      'alter table local_fiscal_journal add constraint register_down check (false) not valid',
    );
    let order: Order;
    try {
      order = await sellSeats(performanceId, ['stalls-B-3']);
      const res = await exchange(order.id, {
        tickets: [order.tickets[0]?.id],
        performanceId,
        seats: ['stalls-A-3'],
        payment: { method: 'cash' },
      });
      expect(res.statusCode, res.body).toBe(201);
    } finally {
      await t.tdb.db.exec('alter table local_fiscal_journal drop constraint register_down');
    }
    const pending = await t.tdb.db.query<{ kind: string; status: string; attempts: number }>(
      'select kind, status, attempts from fiscal_receipts where order_id = $1 order by seq',
      [order.id],
    );
    // The sale failed once; the exchange's receipts were not even tried before it.
    expect(pending).toEqual([
      { kind: 'sale', status: 'pending', attempts: 1 },
      { kind: 'refund', status: 'pending', attempts: 0 },
      { kind: 'sale', status: 'pending', attempts: 0 },
    ]);
    await t.tdb.db.query('update fiscal_receipts set next_attempt_at = now() where order_id = $1', [
      order.id,
    ]);
    await drain();
    const entries = await journal('r.order_id = $1', [order.id]);
    expect(entries.map((e) => [e.operation, e.total])).toEqual([
      ['sale', 300_000],
      ['refund', 300_000],
      ['sale', 500_000],
    ]);
    // The first sale is the back seat paid in cash, not the front seat it became.
    expect(entries[0]?.payload.payments).toEqual([{ method: 'cash', amountTiyn: 300_000 }]);
    expect(entries[0]?.payload.positions).toHaveLength(1);
    expect(entries[0]?.payload.positions[0]?.amountTiyn).toBe(300_000);
    expect(balance(entries)).toEqual({ total: 500_000, money: 500_000, offsets: { exchange: 0 } });
  });

  it('a card bought online and refunded at the provider: a refund receipt after the sale, once however often the news comes', async () => {
    const psp = t.app.appContext.payments.get('sandbox') as SandboxProvider;
    const delivered: { body: string; headers: Record<string, string> }[] = [];
    const inject: CallbackTransport = async (url, body, headers) => {
      delivered.push({ body, headers });
      return (await t.app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers }))
        .statusCode;
    };
    const buyer = t.client();
    const signUp = await buyer.post('/api/v1/auth/sign-up', {
      email: 'fiscal-buyer@example.kz',
      password: 'dombyra-2026-kz',
      name: 'Fiscal Buyer',
      locale: 'ru',
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const started = await buyer.post(`${HUB}/membership-purchases`, {
      plan: 'fiscal-pass',
      payment: { provider: 'sandbox', method: 'card' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const purchase = started.json() as { id: string; redirectUrl: string };
    const ref = new URL(purchase.redirectUrl).pathname.split('/').pop() ?? '';
    await t.client().request('POST', new URL(purchase.redirectUrl).pathname, undefined, {
      payload: new URLSearchParams({ card: TEST_CARDS.success, action: 'pay' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await psp.deliverDue({ transport: inject });
    await drain();
    const paid = (await buyer.get(`${HUB}/membership-purchases/${purchase.id}`)).json();
    expect(paid.status).toBe('paid');
    // The sale receipt keeps the purchase's id, the id it was always issued under.
    const [saleRow] = await t.tdb.db.query<{ id: string; number: string }>(
      `select id, number from fiscal_receipts where membership_id = $1 and kind = 'sale'`,
      [paid.card.id],
    );
    expect(saleRow?.id).toBe(purchase.id);
    expect(paid.receipt.number).toBe(saleRow?.number);

    await psp.refund({ providerRef: ref, amountTiyn: 1_160_000 });
    await psp.deliverDue({ transport: inject });
    const refunded = (await buyer.get(`${HUB}/membership-purchases/${purchase.id}`)).json();
    expect(refunded).toMatchObject({ status: 'refunded', card: { status: 'cancelled' } });
    // The refund callback again (a provider retry): nothing more.
    const last = delivered.at(-1);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/sandbox/callback',
      payload: last?.body ?? '',
      headers: last?.headers ?? {},
    });
    expect(replay.statusCode).toBe(200);
    await drain();
    await drain();
    const entries = await journal('r.membership_id = $1', [paid.card.id]);
    expect(entries.map((e) => [e.operation, e.total, e.payload.payments])).toEqual([
      ['sale', 1_160_000, [{ method: 'card', amountTiyn: 1_160_000 }]],
      ['refund', 1_160_000, [{ method: 'card', amountTiyn: 1_160_000 }]],
    ]);
    expect(balance(entries)).toEqual({ total: 0, money: 0, offsets: {} });
    // The desk sees both on the card.
    const card = (await desk.get(`${HUB}/memberships/${paid.card.code}`)).json();
    expect(card.fiscal.map((f: Fiscal) => f.kind)).toEqual(['sale', 'refund']);
  });
});
