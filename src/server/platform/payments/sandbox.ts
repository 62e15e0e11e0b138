// The sandbox PSP: an online payment provider that behaves like the Kazakh PSPs (Halyk ePay,
// Freedom Pay, CloudPayments) without moving money. It keeps its own books (sandbox_psp_*
// tables, as an external PSP keeps its own records), serves a hosted payment page
// (sandbox-page.ts), and tells the merchant the outcome by a server-to-server callback over
// real HTTP, signed with HMAC-SHA256 over the raw body, retried with backoff until the
// merchant answers 2xx. Undelivered callbacks stay in its outbox table, so a restart resends them.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { Config } from '../../config.ts';
import type { Db } from '../db/db.ts';
import { HttpProblem } from '../errors.ts';
import type { CallbackEvent, FoundPayment, PaymentOutcome, PaymentProvider } from './provider.ts';

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';
export const SANDBOX_CALLBACK_PATH = '/api/v1/payments/sandbox/callback';
export const SANDBOX_PAGE_PATH = '/sandbox-pay';

/** Cards the sandbox knows; any other number that passes the Luhn check succeeds. */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

/** What the sandbox PSP posts to the merchant (documented in the OpenAPI document). */
export const SandboxCallbackBody = Type.Object(
  {
    eventId: Type.String({ minLength: 1, maxLength: 100 }),
    paymentRef: Type.String({ minLength: 1, maxLength: 100 }),
    /** The merchant's own payment id, echoed back. */
    invoiceId: Type.String({ minLength: 1, maxLength: 100 }),
    orderNumber: Type.Integer({ minimum: 0 }),
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('declined'), Type.Literal('refunded')]),
    amountTiyn: Type.Integer({ minimum: 0 }),
    currency: Type.Literal('KZT'),
    cardMask: Type.Optional(Type.String({ maxLength: 30 })),
    reason: Type.Optional(Type.String({ maxLength: 100 })),
    occurredAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type SandboxCallback = Static<typeof SandboxCallbackBody>;

export interface PspPayment {
  ref: string;
  orderNumber: number;
  amountTiyn: number;
  description: string;
  returnUrl: string;
  status: 'pending' | PaymentOutcome;
  cardMask: string | null;
  declineReason: string | null;
}

/** Sends one callback; answers the HTTP status. The default goes over the network. */
export type CallbackTransport = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<number>;

export interface DeliveryLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SandboxProvider extends PaymentProvider {
  readonly id: 'sandbox';
  parseCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): CallbackEvent;
  status(providerRef: string): Promise<'pending' | PaymentOutcome>;
  lookup(paymentId: string): Promise<FoundPayment | undefined>;
  /** The PSP's record of a payment, as its hosted page shows it. */
  find(ref: string): Promise<PspPayment | undefined>;
  /** The buyer's answer on the hosted page: records the outcome once and queues the callback. */
  submit(ref: string, input: { action: 'pay' | 'decline'; card: string }): Promise<SubmitResult>;
  /** Sends the callbacks that are due (all, or one event); used by the worker and by tests. */
  deliverDue(opts?: { transport?: CallbackTransport; eventId?: string }): Promise<number>;
  startDelivery(log: DeliveryLog): void;
  stopDelivery(): Promise<void>;
  sign(rawBody: string): string;
}

export type SubmitResult =
  | { ok: true; payment: PspPayment; eventId: string | null }
  | { ok: false; reason: 'not_found' | 'invalid_card' };

/** Seconds before the n-th retry (n ≥ 1): 1, 2, 4 … capped at ten minutes. */
export const retryDelaySeconds = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 600);
/** How long a sender owns a callback it is sending; after a crash another sends it again. */
const LEASE_SECONDS = 60;
const GIVE_UP_AFTER_HOURS = 72;
const POLL_MS = 2_000;

const httpTransport: CallbackTransport = async (url, body, headers) => {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  return res.status;
};

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const PAYMENT_COLUMNS = `ref, order_number as "orderNumber", amount_tiyn as "amountTiyn", description,
  return_url as "returnUrl", status, card_mask as "cardMask", decline_reason as "declineReason"`;
const toPayment = (r: PspPayment): PspPayment => ({
  ...r,
  orderNumber: Number(r.orderNumber),
  amountTiyn: Number(r.amountTiyn),
});

export function createSandboxProvider(deps: { db: Db; config: Config }): SandboxProvider {
  const { db, config } = deps;
  // A key of its own, derived from the server secret: knowing it signs callbacks, nothing more.
  const secret = createHmac('sha256', config.secret).update('sandbox-psp:callback-signing').digest();
  type Worker = { timer: NodeJS.Timeout | undefined; busy: Promise<unknown>; log: DeliveryLog };
  let worker: Worker | undefined;

  const sign = (rawBody: string) => `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

  /** In the PSP's books, in one transaction: the outcome (once) and the callback that reports it. */
  async function record(ref: string, outcome: PaymentOutcome, extra: { cardMask?: string; reason?: string }) {
    return db.tx(async (q) => {
      const from = outcome === 'refunded' ? 'succeeded' : 'pending';
      const [row] = await q.query<PspPayment & { invoiceId: string }>(
        `update sandbox_psp_payments set status = $2, card_mask = coalesce($4, card_mask),
                decline_reason = coalesce($5, decline_reason), updated_at = now()
          where ref = $1 and status = $3
          returning ${PAYMENT_COLUMNS}, merchant_payment_id as "invoiceId"`,
        [ref, outcome, from, extra.cardMask ?? null, extra.reason ?? null],
      );
      if (!row) return undefined;
      const payment = toPayment(row);
      const body: SandboxCallback = {
        eventId: `evt_${randomBytes(12).toString('base64url')}`,
        paymentRef: ref,
        invoiceId: row.invoiceId,
        orderNumber: payment.orderNumber,
        status: outcome,
        amountTiyn: payment.amountTiyn,
        currency: 'KZT',
        ...(payment.cardMask ? { cardMask: payment.cardMask } : {}),
        ...(extra.reason ? { reason: extra.reason } : {}),
        occurredAt: new Date().toISOString(),
      };
      await q.query('insert into sandbox_psp_callbacks (event_id, ref, body) values ($1, $2, $3)', [
        body.eventId,
        ref,
        JSON.stringify(body),
      ]);
      return { payment, eventId: body.eventId };
    });
  }

  async function deliverDue(opts: { transport?: CallbackTransport; eventId?: string } = {}) {
    const transport = opts.transport ?? httpTransport;
    // Claimed with a lease, so several processes never send the same callback at once and a
    // callback whose sender died is sent again once the lease runs out.
    const claimed = await db.query<{ eventId: string; body: string; attempts: number; createdAt: Date }>(
      `update sandbox_psp_callbacks set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
        where event_id in (
          select event_id from sandbox_psp_callbacks
           where delivered_at is null and abandoned_at is null and next_attempt_at <= now()
             and ($2::text is null or event_id = $2)
           order by next_attempt_at limit 20 for update skip locked)
        returning event_id as "eventId", body, attempts, created_at as "createdAt"`,
      [LEASE_SECONDS, opts.eventId ?? null],
    );
    // In the order they happened (RETURNING keeps no order), so news of one payment goes out in turn.
    const due = claimed.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
    let delivered = 0;
    for (const c of due) {
      let error: string;
      try {
        const status = await transport(`${config.publicUrl}${SANDBOX_CALLBACK_PATH}`, c.body, {
          'content-type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: sign(c.body),
        });
        if (status >= 200 && status < 300) {
          await db.query(
            'update sandbox_psp_callbacks set delivered_at = now(), last_error = null where event_id = $1',
            [c.eventId],
          );
          delivered++;
          continue;
        }
        error = `HTTP ${status}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      await db.query(
        `update sandbox_psp_callbacks set last_error = $2, next_attempt_at = now() + make_interval(secs => $3),
                abandoned_at = case when created_at < now() - make_interval(hours => $4) then now() end
          where event_id = $1`,
        [c.eventId, error.slice(0, 500), retryDelaySeconds(c.attempts), GIVE_UP_AFTER_HOURS],
      );
      worker?.log.warn({ eventId: c.eventId, attempts: c.attempts, error }, 'sandbox callback not delivered');
    }
    return delivered;
  }

  async function find(ref: string): Promise<PspPayment | undefined> {
    const [row] = await db.query<PspPayment>(
      `select ${PAYMENT_COLUMNS} from sandbox_psp_payments where ref = $1`,
      [ref],
    );
    return row ? toPayment(row) : undefined;
  }

  /** Runs one delivery at a time per process; the next poll is scheduled when it ends. */
  function runWorker(eventId?: string): Promise<unknown> {
    const w = worker;
    if (!w) return Promise.resolve();
    w.busy = w.busy
      .then(() => deliverDue(eventId ? { eventId } : {}))
      .catch((err) => w.log.error({ err }, 'sandbox callback delivery failed'));
    return w.busy;
  }

  return {
    id: 'sandbox',
    immediate: false,
    sign,

    async start(p) {
      const ref = `sbx_${randomBytes(16).toString('base64url')}`;
      const [row] = await db.query<{ ref: string; status: string }>(
        `insert into sandbox_psp_payments (ref, merchant_payment_id, order_id, order_number, amount_tiyn, description, return_url)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (merchant_payment_id) do update set updated_at = now() returning ref, status`,
        [ref, p.paymentId, p.orderId, p.orderNumber, p.amountTiyn, p.description, p.returnUrl],
      );
      if (!row) throw new Error('The sandbox PSP did not register the payment.');
      return {
        providerRef: row.ref,
        status: 'pending',
        redirectUrl: `${config.publicUrl}${SANDBOX_PAGE_PATH}/${row.ref}`,
      };
    },

    parseCallback(headers, rawBody) {
      const sent = headers[SANDBOX_SIGNATURE_HEADER];
      const expected = Buffer.from(sign(rawBody));
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new HttpProblem(
          401,
          'signature_invalid',
          `The ${SANDBOX_SIGNATURE_HEADER} header does not match the body; the callback was ignored.`,
        );
      }
      const body = JSON.parse(rawBody) as SandboxCallback;
      return {
        eventId: body.eventId,
        providerRef: body.paymentRef,
        outcome: body.status,
        amountTiyn: body.amountTiyn,
        paymentId: body.invoiceId,
      };
    },

    async status(ref) {
      const [row] = await db.query<{ status: PspPayment['status'] }>(
        'select status from sandbox_psp_payments where ref = $1',
        [ref],
      );
      if (!row) throw new Error(`The sandbox PSP has no payment ${ref}.`);
      return row.status;
    },

    async lookup(paymentId) {
      const [row] = await db.query<{ ref: string; status: PspPayment['status'] }>(
        'select ref, status from sandbox_psp_payments where merchant_payment_id = $1',
        [paymentId],
      );
      return row
        ? {
            providerRef: row.ref,
            status: row.status,
            redirectUrl: `${config.publicUrl}${SANDBOX_PAGE_PATH}/${row.ref}`,
          }
        : undefined;
    },

    async refund({ providerRef, amountTiyn }) {
      const payment = await find(providerRef);
      if (!payment) throw new Error(`The sandbox PSP has no payment ${providerRef}.`);
      if (payment.status === 'refunded') return; // asked twice: the money went back once
      if (payment.status !== 'succeeded')
        throw new Error(`The sandbox PSP cannot refund a payment that is ${payment.status}.`);
      if (amountTiyn !== payment.amountTiyn) throw new Error('The sandbox PSP refunds whole payments only.');
      const done = await record(providerRef, 'refunded', {});
      if (done) void runWorker(done.eventId);
    },

    find,

    async submit(ref, input) {
      const payment = await find(ref);
      if (!payment) return { ok: false, reason: 'not_found' };
      // A second submit (a double click, the back button) changes nothing at the PSP.
      if (payment.status !== 'pending') return { ok: true, payment, eventId: null };
      let done: Awaited<ReturnType<typeof record>>;
      if (input.action === 'decline') {
        done = await record(ref, 'declined', { reason: 'cancelled_by_buyer' });
      } else {
        const card = input.card.replace(/[\s-]/g, '');
        if (!luhnValid(card)) return { ok: false, reason: 'invalid_card' };
        const cardMask = `${card.slice(0, 6)}******${card.slice(-4)}`;
        done =
          card === TEST_CARDS.declined
            ? await record(ref, 'declined', { cardMask, reason: 'card_declined' })
            : card === TEST_CARDS.insufficientFunds
              ? await record(ref, 'declined', { cardMask, reason: 'insufficient_funds' })
              : await record(ref, 'succeeded', { cardMask });
      }
      if (!done) return { ok: true, payment: (await find(ref)) ?? payment, eventId: null };
      // Like a real PSP, try the callback before sending the buyer back, so the order they
      // land on is usually paid already; retries go on in the background.
      if (worker)
        await Promise.race([runWorker(done.eventId), new Promise((r) => setTimeout(r, 5_000).unref())]);
      return { ok: true, payment: done.payment, eventId: done.eventId };
    },

    deliverDue,

    startDelivery(log) {
      if (worker) return;
      const w: Worker = { timer: undefined, busy: Promise.resolve(), log };
      worker = w;
      const poll = () => {
        void runWorker().then(() => {
          if (worker === w) w.timer = setTimeout(poll, POLL_MS).unref();
        });
      };
      poll();
    },

    async stopDelivery() {
      const w = worker;
      if (!w) return;
      worker = undefined;
      clearTimeout(w.timer);
      await w.busy;
    },
  };
}
