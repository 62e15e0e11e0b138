import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DRIVERS, type TestDb } from '../../../../tests/support/db.ts';
import { loadConfig } from '../../config.ts';
import { HttpProblem } from '../errors.ts';
import {
  type CallbackTransport,
  createSandboxProvider,
  luhnValid,
  retryDelaySeconds,
  SANDBOX_CALLBACK_PATH,
  SANDBOX_SIGNATURE_HEADER,
  type SandboxProvider,
  TEST_CARDS,
} from './sandbox.ts';

const silent = { warn() {}, error() {} };

describe('sandbox PSP: pure parts', () => {
  it('knows valid card numbers and its test cards', () => {
    for (const card of Object.values(TEST_CARDS)) expect(luhnValid(card)).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('4242')).toBe(false);
    expect(luhnValid('42424242424242a2')).toBe(false);
  });

  it('backs off 1, 2, 4 … seconds, never more than ten minutes', () => {
    expect([1, 2, 3, 4, 5].map(retryDelaySeconds)).toEqual([1, 2, 4, 8, 16]);
    expect(retryDelaySeconds(30)).toBe(600);
  });
});

describe.each(DRIVERS)('sandbox PSP (%s)', (driver) => {
  let t: TestDb;
  let psp: SandboxProvider;
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { secret: 's'.repeat(40), publicUrl: 'http://merchant.test' },
  );
  beforeAll(async () => {
    t = await createTestDb(driver);
    psp = createSandboxProvider({ db: t.db, config });
  });
  afterAll(() => t.drop());

  const startPayment = (amountTiyn = 500_000) =>
    psp.start({
      paymentId: randomUUID(),
      orderId: randomUUID(),
      orderNumber: 42,
      amountTiyn,
      description: 'ÓzgeEpic Astana #42',
      returnUrl: 'http://merchant.test/orders/1',
      method: 'card',
    });
  /** A transport that answers with the given statuses in turn and keeps what it was sent. */
  const recorder = (...statuses: number[]) => {
    const sent: { url: string; body: string; headers: Record<string, string> }[] = [];
    const transport: CallbackTransport = async (url, body, headers) => {
      sent.push({ url, body, headers });
      return statuses[Math.min(sent.length - 1, statuses.length - 1)] ?? 200;
    };
    return { sent, transport };
  };

  it('registers a payment once per merchant payment and points to its hosted page', async () => {
    const paymentId = randomUUID();
    const p = {
      paymentId,
      orderId: randomUUID(),
      orderNumber: 7,
      amountTiyn: 100_00,
      description: 'x',
      returnUrl: 'http://merchant.test/r',
      method: 'card',
    };
    const a = await psp.start(p);
    const b = await psp.start(p);
    expect(a.providerRef).toBe(b.providerRef);
    expect(a.redirectUrl).toBe(`http://merchant.test/sandbox-pay/${a.providerRef}`);
    expect(await psp.status(a.providerRef)).toBe('pending');
    await expect(psp.status('sbx_nope')).rejects.toThrow(/no payment/);
    // Found again by the merchant's own payment id, as a merchant that lost the answer asks.
    expect(await psp.lookup(paymentId)).toEqual({
      providerRef: a.providerRef,
      status: 'pending',
      redirectUrl: a.redirectUrl,
    });
    expect(await psp.lookup(randomUUID())).toBeUndefined();
  });

  it('records one outcome per payment and queues one signed callback for it', async () => {
    const { providerRef } = await startPayment();
    expect(await psp.submit(providerRef, { action: 'pay', card: '4242 4242 4242 4241' })).toEqual({
      ok: false,
      reason: 'invalid_card',
    });
    expect(await psp.status(providerRef)).toBe('pending');
    const paid = await psp.submit(providerRef, { action: 'pay', card: '4242 4242 4242 4242' });
    expect(paid).toMatchObject({ ok: true, payment: { status: 'succeeded', cardMask: '424242******4242' } });
    const again = await psp.submit(providerRef, { action: 'decline', card: '' });
    expect(again).toMatchObject({ ok: true, payment: { status: 'succeeded' }, eventId: null });

    const { sent, transport } = recorder(200);
    expect(await psp.deliverDue({ transport, eventId: paid.ok ? (paid.eventId ?? '') : '' })).toBe(1);
    expect(sent).toHaveLength(1);
    const [call] = sent;
    expect(call?.url).toBe(`http://merchant.test${SANDBOX_CALLBACK_PATH}`);
    const event = psp.parseCallback(call?.headers ?? {}, call?.body ?? '');
    expect(event).toMatchObject({ providerRef, outcome: 'succeeded', amountTiyn: 500_000 });
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ orderNumber: 42, currency: 'KZT' });
    // The merchant's payment id comes back with it, so a payment whose reference was lost is found.
    expect(event.paymentId).toBe(JSON.parse(call?.body ?? '{}').invoiceId);
    expect(event.paymentId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('declines the decline test card and the Decline button, with the reason', async () => {
    const a = await startPayment();
    expect(await psp.submit(a.providerRef, { action: 'pay', card: TEST_CARDS.declined })).toMatchObject({
      payment: { status: 'declined', declineReason: 'card_declined' },
    });
    const b = await startPayment();
    expect(await psp.submit(b.providerRef, { action: 'decline', card: '' })).toMatchObject({
      payment: { status: 'declined', declineReason: 'cancelled_by_buyer' },
    });
    const c = await startPayment();
    expect(
      await psp.submit(c.providerRef, { action: 'pay', card: TEST_CARDS.insufficientFunds }),
    ).toMatchObject({ payment: { status: 'declined', declineReason: 'insufficient_funds' } });
    await psp.deliverDue({ transport: recorder(200).transport });
  });

  it('rejects a callback whose body or signature was tampered with', () => {
    const body = JSON.stringify({ eventId: 'e1', paymentRef: 'sbx_x', status: 'succeeded', amountTiyn: 1 });
    const good = { [SANDBOX_SIGNATURE_HEADER]: psp.sign(body) };
    expect(psp.parseCallback(good, body)).toMatchObject({ eventId: 'e1', outcome: 'succeeded' });
    const forged = [
      () => psp.parseCallback(good, body.replace('"amountTiyn":1', '"amountTiyn":100')),
      () => psp.parseCallback({}, body),
      () => psp.parseCallback({ [SANDBOX_SIGNATURE_HEADER]: 'sha256=00' }, body),
      () =>
        psp.parseCallback(
          {
            [SANDBOX_SIGNATURE_HEADER]: createSandboxProvider({
              db: t.db,
              config: { ...config, secret: 'another-secret-another-secret-another' },
            }).sign(body),
          },
          body,
        ),
    ];
    for (const f of forged) {
      let caught: unknown;
      try {
        f();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(HttpProblem);
      expect(caught).toMatchObject({ status: 401, code: 'signature_invalid' });
    }
  });

  it('retries a callback with backoff until the merchant answers 2xx, then never again', async () => {
    await psp.deliverDue({ transport: recorder(200).transport }); // earlier tests' leftovers
    const { providerRef } = await startPayment();
    const paid = await psp.submit(providerRef, { action: 'pay', card: TEST_CARDS.success });
    const eventId = paid.ok ? (paid.eventId ?? '') : '';
    const { sent, transport } = recorder(503, 500, 204);
    const row = () =>
      t.db.query<{ attempts: number; wait: number; delivered: boolean; lastError: string | null }>(
        `select attempts, extract(epoch from next_attempt_at - now())::float as wait, delivered_at is not null as delivered,
                last_error as "lastError" from sandbox_psp_callbacks where event_id = $1`,
        [eventId],
      );
    expect(await psp.deliverDue({ transport })).toBe(0);
    let [r] = await row();
    expect(r).toMatchObject({ attempts: 1, delivered: false, lastError: 'HTTP 503' });
    expect(r?.wait).toBeGreaterThan(0);
    expect(r?.wait).toBeLessThanOrEqual(1);
    // Not due yet: nothing is sent.
    expect(await psp.deliverDue({ transport })).toBe(0);
    expect(sent).toHaveLength(1);
    await t.db.query('update sandbox_psp_callbacks set next_attempt_at = now() where event_id = $1', [
      eventId,
    ]);
    expect(await psp.deliverDue({ transport })).toBe(0);
    [r] = await row();
    expect(r).toMatchObject({ attempts: 2, lastError: 'HTTP 500' });
    expect(r?.wait).toBeGreaterThan(1);
    expect(r?.wait).toBeLessThanOrEqual(2);
    await t.db.query('update sandbox_psp_callbacks set next_attempt_at = now() where event_id = $1', [
      eventId,
    ]);
    expect(await psp.deliverDue({ transport })).toBe(1);
    [r] = await row();
    expect(r).toMatchObject({ attempts: 3, delivered: true, lastError: null });
    await t.db.query('update sandbox_psp_callbacks set next_attempt_at = now() where event_id = $1', [
      eventId,
    ]);
    expect(await psp.deliverDue({ transport })).toBe(0);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.body)).size).toBe(1);
  });

  it('sends each callback once when several senders run at the same time', async () => {
    const refs = await Promise.all(Array.from({ length: 6 }, () => startPayment()));
    for (const r of refs) await psp.submit(r.providerRef, { action: 'pay', card: TEST_CARDS.success });
    const sent: string[] = [];
    const slow: CallbackTransport = async (_url, body) => {
      sent.push(JSON.parse(body).eventId);
      await new Promise((r) => setTimeout(r, 20));
      return 200;
    };
    const counts = await Promise.all(Array.from({ length: 5 }, () => psp.deliverDue({ transport: slow })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(sent).toHaveLength(6);
    expect(new Set(sent).size).toBe(6);
  });

  it('refunds a succeeded payment once, whole, and reports it by callback', async () => {
    const { providerRef } = await startPayment(300_000);
    await expect(psp.refund({ providerRef, amountTiyn: 300_000 })).rejects.toThrow(/pending/);
    await psp.submit(providerRef, { action: 'pay', card: TEST_CARDS.success });
    await expect(psp.refund({ providerRef, amountTiyn: 100_000 })).rejects.toThrow(/whole/);
    await psp.refund({ providerRef, amountTiyn: 300_000 });
    await psp.refund({ providerRef, amountTiyn: 300_000 });
    expect(await psp.status(providerRef)).toBe('refunded');
    const { sent, transport } = recorder(200);
    await psp.deliverDue({ transport });
    const outcomes = sent
      .map((s) => psp.parseCallback(s.headers, s.body))
      .filter((e) => e.providerRef === providerRef);
    expect(outcomes.map((e) => e.outcome)).toEqual(['succeeded', 'refunded']);
  });

  describe('over real HTTP', () => {
    let server: Server;
    const received: { signature: string; body: string }[] = [];
    let answers: number[] = [];
    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          received.push({ signature: String(req.headers[SANDBOX_SIGNATURE_HEADER]), body });
          res.statusCode = answers.shift() ?? 200;
          res.end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('delivers at once when the buyer pays, and keeps retrying in the background after a 503', async () => {
      const merchant = { ...config, publicUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
      const live = createSandboxProvider({ db: t.db, config: merchant });
      await live.deliverDue({ transport: recorder(200).transport }); // earlier tests' leftovers
      live.startDelivery(silent);
      try {
        answers = [503];
        const { providerRef } = await live.start({
          paymentId: randomUUID(),
          orderId: randomUUID(),
          orderNumber: 9,
          amountTiyn: 200_000,
          description: 'x',
          returnUrl: 'http://merchant.test/r',
          method: 'card',
        });
        await live.submit(providerRef, { action: 'pay', card: TEST_CARDS.success });
        // The first attempt happened before submit() returned, and was refused.
        expect(received).toHaveLength(1);
        await expect.poll(() => received.length, { timeout: 10_000, interval: 100 }).toBe(2);
        for (const r of received) {
          expect(live.parseCallback({ [SANDBOX_SIGNATURE_HEADER]: r.signature }, r.body)).toMatchObject({
            providerRef,
            outcome: 'succeeded',
          });
        }
      } finally {
        await live.stopDelivery();
      }
    });
  });
});
