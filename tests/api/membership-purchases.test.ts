// Membership cards bought online through the sandbox PSP: the card exists only once the payment
// is confirmed, a replayed callback issues nothing twice, a declined card issues nothing, the
// Idempotency-Key makes one purchase, the receipt carries VAT, and the card is mailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import {
  deliverMembershipPurchases,
  reconcileMembershipPurchases,
} from '../../src/server/modules/offers/membership-delivery.ts';
import {
  type CallbackTransport,
  SANDBOX_CALLBACK_PATH,
  SANDBOX_SIGNATURE_HEADER,
  type SandboxProvider,
  TEST_CARDS,
} from '../../src/server/platform/payments/sandbox.ts';
import { type Client, createTestApp, readOutbox, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';

interface Purchase {
  id: string;
  number: number;
  status: string;
  priceTiyn: number;
  vatTiyn: number;
  vatRateBp: number;
  redirectUrl: string | null;
  card: { code: string; entriesLeft: number | null; validUntil: string; status: string } | null;
  receipt: { number: string; fiscalSign: string } | null;
}

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const pagePath = (p: Purchase) => new URL(p.redirectUrl ?? 'http://x/none').pathname;

describe.each(DRIVERS)('membership cards bought online (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let psp: SandboxProvider;
  let n = 0;
  const delivered: { body: string; headers: Record<string, string>; result?: string }[] = [];
  const inject: CallbackTransport = async (url, body, headers) => {
    const res = await t.app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers });
    delivered.push({ body, headers, result: res.json().result });
    return res.statusCode;
  };
  const deliverCallbacks = () => psp.deliverDue({ transport: inject });
  const pay = (p: Purchase, card: string = TEST_CARDS.success) =>
    t.client().request('POST', pagePath(p), undefined, form({ card, action: 'pay' }));
  const count = async (sql: string, params: unknown[]) =>
    (await t.tdb.db.query<{ n: number }>(sql, params))[0]?.n ?? -1;

  /** A visitor with an account of their own. */
  const visitor = async () => {
    n += 1;
    const email = `member${n}@example.kz`;
    const c = t.client();
    const res = await c.post('/api/v1/auth/sign-up', {
      email,
      password: 'dombyra-2026-kz',
      name: `Member ${n}`,
      locale: 'en',
    });
    if (res.statusCode !== 201) throw new Error(`sign-up: ${res.body}`);
    return { c, email };
  };
  const buy = (c: Client, plan: string, key?: string, extra: Record<string, unknown> = {}) =>
    c.post(
      '/api/v1/hubs/astana/membership-purchases',
      { plan, payment: { provider: 'sandbox', method: 'card' }, ...extra },
      key ? { headers: { 'idempotency-key': key } } : {},
    );

  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    psp = t.app.appContext.payments.get('sandbox') as SandboxProvider;
    await manager.post('/api/v1/hubs/astana/membership-plans', {
      slug: 'friend',
      name: { kk: 'ÓzgeEpic досы', ru: 'Друг ÓzgeEpic', en: 'Friend of ÓzgeEpic' },
      kind: 'pass',
      entries: 5,
      validDays: 365,
      priceTiyn: 2_000_000,
    });
    await manager.post('/api/v1/hubs/astana/membership-plans', {
      slug: 'student',
      name: { kk: 'Студенттік карта', ru: 'Студенческая карта', en: 'Student card' },
      kind: 'discount',
      discountPercent: 50,
      validDays: 180,
      priceTiyn: 0,
    });
  });
  afterAll(() => t.close());

  it('issues the card only when the payment is confirmed, once, with a receipt with VAT and a mail', async () => {
    const { c, email } = await visitor();
    const started = await buy(c, 'friend', 'purchase-key-0001');
    expect(started.statusCode).toBe(201);
    const purchase: Purchase = started.json();
    expect(purchase).toMatchObject({
      status: 'pending_payment',
      priceTiyn: 2_000_000,
      vatRateBp: 1600,
      vatTiyn: 275_862,
      card: null,
      receipt: null,
    });
    expect(purchase.redirectUrl).toMatch(/^http:\/\/hub\.test\/sandbox-pay\/sbx_/);
    // The hosted page names the hub, the number and the amount.
    const page = await t.client().get(`${pagePath(purchase)}?lang=en`);
    expect(page.body).toContain(`№ ${purchase.number}`);
    expect(page.body).toContain(formatMoney(2_000_000, 'en'));
    // The same key again is the same purchase (a double press), not a second payment.
    const again = await buy(c, 'friend', 'purchase-key-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(purchase.id);
    // Nothing is issued before the money arrives.
    expect((await c.get('/api/v1/me/memberships')).json()).toEqual([]);

    const paid = await pay(purchase);
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(`http://hub.test/astana/memberships/purchases/${purchase.id}`);
    expect((await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).json().status).toBe(
      'pending_payment',
    );
    expect(await deliverCallbacks()).toBe(1);
    expect(delivered.at(-1)?.result).toBe('paid');
    const done: Purchase = (await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).json();
    expect(done).toMatchObject({
      status: 'paid',
      redirectUrl: null,
      card: { entriesLeft: 5, status: 'active' },
    });
    const code = done.card?.code ?? '';
    expect(code).toMatch(/^OZ-[A-Z2-9]{8}$/);
    const mine = (await c.get('/api/v1/me/memberships')).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ code, hubSlug: 'astana', entriesLeft: 5, holderEmail: email });
    const days = (Date.parse(mine[0].validUntil) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);

    // A replayed callback (same event) and a repeated one (a new event saying the same) issue nothing more.
    const first = delivered.at(-1);
    const replay = await t.app.inject({
      method: 'POST',
      url: SANDBOX_CALLBACK_PATH,
      payload: first?.body ?? '',
      headers: { 'content-type': 'application/json', ...first?.headers },
    });
    expect(replay.json().result).toBe('duplicate');
    const body = JSON.parse(first?.body ?? '{}');
    const repeated = JSON.stringify({ ...body, eventId: 'evt_membership_repeat' });
    const again2 = await t.app.inject({
      method: 'POST',
      url: SANDBOX_CALLBACK_PATH,
      payload: repeated,
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: psp.sign(repeated) },
    });
    expect(again2.json().result).toBe('unchanged');
    expect(
      await count(
        'select count(*)::int as n from memberships where user_id = (select id from users where email = $1)',
        [email],
      ),
    ).toBe(1);

    // Then the receipt and the mail.
    expect(await deliverMembershipPurchases(t.app.appContext)).toBe(1);
    expect(await deliverMembershipPurchases(t.app.appContext)).toBe(0); // once
    const withReceipt: Purchase = (
      await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)
    ).json();
    expect(withReceipt.receipt?.number).toMatch(/^\d+$/);
    const mail = (await readOutbox(t.outboxDir)).filter((m) => m.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain(code);
    expect(mail[0]?.text).toContain(code);
    expect(mail[0]?.text).toContain('5 free entries');
    expect(mail[0]?.text).toContain(`VAT 16% included: ${formatMoney(275_862, 'en')}`);
    expect(mail[0]?.text).toContain(`Receipt №${withReceipt.receipt?.number}`);
    expect(mail[0]?.text).toContain('http://hub.test/my/memberships');

    // The card pays tickets like one sold at the desk.
    const desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    expect((await desk.get(`/api/v1/hubs/astana/memberships/${code}`)).json().paymentMethod).toBe('online');
  });

  it('issues one card when several callbacks say the money arrived at the same time', async () => {
    const { c, email } = await visitor();
    const purchase: Purchase = (await buy(c, 'friend')).json();
    const body = (eventId: string) =>
      JSON.stringify({
        eventId,
        paymentRef: pagePath(purchase).split('/').pop(),
        invoiceId: purchase.id,
        orderNumber: purchase.number,
        status: 'succeeded',
        amountTiyn: purchase.priceTiyn,
        currency: 'KZT',
        occurredAt: new Date().toISOString(),
      });
    const raws = [body('evt_race_a'), body('evt_race_a'), body('evt_race_b'), body('evt_race_c')];
    const results = await Promise.all(
      raws.map((raw) =>
        t.app.inject({
          method: 'POST',
          url: SANDBOX_CALLBACK_PATH,
          payload: raw,
          headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: psp.sign(raw) },
        }),
      ),
    );
    expect(results.map((r) => r.json().result).filter((r) => r === 'paid')).toHaveLength(1);
    expect(
      await count(
        'select count(*)::int as n from memberships where user_id = (select id from users where email = $1)',
        [email],
      ),
    ).toBe(1);
  });

  it('issues nothing when the card is declined, and a replayed decline changes nothing', async () => {
    const { c, email } = await visitor();
    const purchase: Purchase = (await buy(c, 'friend', 'purchase-key-0002')).json();
    expect((await pay(purchase, TEST_CARDS.declined)).statusCode).toBe(303);
    await deliverCallbacks();
    expect(delivered.at(-1)?.result).toBe('declined');
    const after: Purchase = (await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).json();
    expect(after).toMatchObject({ status: 'declined', card: null, redirectUrl: null });
    const last = delivered.at(-1);
    const replay = await t.app.inject({
      method: 'POST',
      url: SANDBOX_CALLBACK_PATH,
      payload: last?.body ?? '',
      headers: { 'content-type': 'application/json', ...last?.headers },
    });
    expect(replay.json().result).toBe('duplicate');
    expect((await c.get('/api/v1/me/memberships')).json()).toEqual([]);
    expect(await deliverMembershipPurchases(t.app.appContext, { purchaseId: purchase.id })).toBe(0);
    expect((await readOutbox(t.outboxDir)).some((m) => m.to.includes(email))).toBe(false);
  });

  it('asks the provider again when the same key is sent after starting the payment failed', async () => {
    const { c } = await visitor();
    const first: Purchase = (await buy(c, 'friend', 'purchase-key-retry')).json();
    // As if the provider had not answered: the purchase has no payment page yet.
    await t.tdb.db.query(
      'update membership_purchases set provider_ref = null, redirect_url = null where id = $1',
      [first.id],
    );
    const again = await buy(c, 'friend', 'purchase-key-retry');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.id, redirectUrl: first.redirectUrl });
  });

  it('makes one purchase when the same key is sent twice at once', async () => {
    const { c } = await visitor();
    const both = await Promise.all([
      buy(c, 'friend', 'purchase-key-race'),
      buy(c, 'friend', 'purchase-key-race'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
    expect(
      await count('select count(*)::int as n from membership_purchases where idempotency_key = $1', [
        'purchase-key-race',
      ]),
    ).toBe(1);
  });

  it('asks for an account, an online provider and a plan on sale; shows a purchase to its buyer only', async () => {
    expect((await buy(t.client(), 'friend')).statusCode).toBe(401);
    const { c } = await visitor();
    const desk = await c.post('/api/v1/hubs/astana/membership-purchases', {
      plan: 'friend',
      payment: { provider: 'desk', method: 'card' },
    });
    expect(desk.statusCode).toBe(400);
    expect(desk.json().errors).toEqual([
      { path: 'body/payment/provider', message: 'is not an online provider' },
    ]);
    expect((await buy(c, 'no-such-plan')).statusCode).toBe(404);
    await manager.patch('/api/v1/hubs/astana/membership-plans/friend', { active: false });
    expect((await buy(c, 'friend')).statusCode).toBe(404);
    await manager.patch('/api/v1/hubs/astana/membership-plans/friend', { active: true });
    const purchase: Purchase = (await buy(c, 'friend')).json();
    const other = await visitor();
    expect((await other.c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).statusCode).toBe(
      404,
    );
    expect((await t.client().get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).statusCode).toBe(
      401,
    );
    expect((await t.client().get('/api/v1/me/memberships')).statusCode).toBe(401);
  });

  it('still issues a card whose plan went off sale while the buyer was paying', async () => {
    const { c } = await visitor();
    const purchase: Purchase = (await buy(c, 'friend')).json();
    await manager.patch('/api/v1/hubs/astana/membership-plans/friend', { active: false });
    await pay(purchase);
    await deliverCallbacks();
    await manager.patch('/api/v1/hubs/astana/membership-plans/friend', { active: true });
    const done: Purchase = (await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).json();
    expect(done).toMatchObject({ status: 'paid', card: { entriesLeft: 5 } });
  });

  it('issues a free card at once, with no payment and no receipt', async () => {
    const { c, email } = await visitor();
    const res = await buy(c, 'student', undefined, { holderName: 'Дана Омарова' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'paid',
      priceTiyn: 0,
      redirectUrl: null,
      card: { holderName: 'Дана Омарова', entriesLeft: null },
    });
    const mail = (await readOutbox(t.outboxDir)).filter((m) => m.to.includes(email));
    expect(mail[0]?.text).toContain('50% off tickets');
  });

  it('learns of a payment whose callback was lost by asking the provider, and cancels a card refunded there', async () => {
    const { c } = await visitor();
    const purchase: Purchase = (await buy(c, 'friend')).json();
    await pay(purchase);
    // The callback never arrives: delivery is abandoned.
    await t.tdb.db.query(
      `update sandbox_psp_callbacks set abandoned_at = now() where ref = $1 and delivered_at is null`,
      [pagePath(purchase).split('/').pop()],
    );
    expect(await reconcileMembershipPurchases(t.app.appContext)).toBe(1);
    expect(await reconcileMembershipPurchases(t.app.appContext)).toBe(0);
    const paid: Purchase = (await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).json();
    expect(paid.status).toBe('paid');

    await psp.refund({ providerRef: pagePath(purchase).split('/').pop() ?? '', amountTiyn: 2_000_000 });
    await deliverCallbacks();
    expect(delivered.at(-1)?.result).toBe('refunded');
    const refunded: Purchase = (
      await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)
    ).json();
    expect(refunded).toMatchObject({ status: 'refunded', card: { status: 'cancelled' } });
  });

  it('rejects a callback whose amount does not match the purchase', async () => {
    const { c } = await visitor();
    const purchase: Purchase = (await buy(c, 'friend')).json();
    const raw = JSON.stringify({
      eventId: 'evt_membership_cheap',
      paymentRef: pagePath(purchase).split('/').pop(),
      invoiceId: purchase.id,
      orderNumber: purchase.number,
      status: 'succeeded',
      amountTiyn: 100,
      currency: 'KZT',
      occurredAt: new Date().toISOString(),
    });
    const res = await t.app.inject({
      method: 'POST',
      url: SANDBOX_CALLBACK_PATH,
      payload: raw,
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: psp.sign(raw) },
    });
    expect(res.statusCode).toBe(409);
    expect((await c.get(`/api/v1/hubs/astana/membership-purchases/${purchase.id}`)).json().card).toBeNull();
  });
});
