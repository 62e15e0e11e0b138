// Migration 0018 moves what was there before into the one fiscal queue: fiscal jobs not yet done
// become pending receipts under the job's id (the id the provider may have seen), receipts of
// cards bought online move over under the purchase's id, a paid card still waiting for its
// receipt gets a pending one under that id, and a card refunded at the provider gets the refund
// receipt it never had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/server/platform/db/migrate.ts';
import { createEmptyDb, DRIVERS, type TestDb } from '../support/db.ts';

describe.each(DRIVERS)('migration of fiscal receipts to money movements (%s)', (driver) => {
  let t: TestDb;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createEmptyDb(driver);
    const all = listMigrations();
    const cut = all.findIndex((m) => m.name.startsWith('0018_'));
    expect(cut).toBeGreaterThan(0);
    await migrate(t.db, all.slice(0, cut));
    const q = async (sql: string, params: unknown[] = []) =>
      (await t.db.query<{ id: string }>(sql, params))[0]?.id ?? '';
    ids.hub = await q(
      `insert into hubs (slug, name, city, time_zone) values ('m', '{"en":"M"}', '{"en":"M"}', 'Asia/Almaty') returning id`,
    );
    const order = (status: string) =>
      q(
        `insert into orders (hub_id, status, channel, total_tiyn, vat_tiyn) values ($1, $2, 'desk', 100000, 13793) returning id`,
        [ids.hub, status],
      );
    ids.waiting = await order('paid');
    ids.done = await order('refunded');
    ids.waitingJob = await q(
      `insert into order_jobs (hub_id, order_id, kind, attempts, last_error) values ($1, $2, 'fiscal_sale', 3, 'down') returning id`,
      [ids.hub, ids.waiting],
    );
    ids.doneJob = await q(
      `insert into order_jobs (hub_id, order_id, kind, status) values ($1, $2, 'fiscal_sale', 'done') returning id`,
      [ids.hub, ids.done],
    );
    await t.db.query(
      `insert into fiscal_receipts (id, hub_id, order_id, kind, provider, number, fiscal_sign, payload, issued_at)
       values ($1, $2, $3, 'sale', 'local', '7', 'ABC', '{}', now() - interval '1 day')`,
      [ids.doneJob, ids.hub, ids.done],
    );
    ids.refundJob = await q(
      `insert into order_jobs (hub_id, order_id, kind) values ($1, $2, 'fiscal_refund') returning id`,
      [ids.hub, ids.done],
    );
    await q(`insert into order_jobs (hub_id, order_id, kind) values ($1, $2, 'tickets_mail') returning id`, [
      ids.hub,
      ids.waiting,
    ]);
    ids.plan = await q(
      `insert into membership_plans (hub_id, slug, name, kind, entries, valid_days, price_tiyn)
       values ($1, 'p', '{"en":"P"}', 'pass', 5, 365, 1160000) returning id`,
      [ids.hub],
    );
    const card = (payment: string) =>
      q(
        `insert into memberships (hub_id, plan_id, code, holder_name, valid_until, price_tiyn, vat_tiyn, payment_method)
         values ($1, $2, 'OZ-' || substr(md5(random()::text), 1, 8), 'H', now() + interval '1 year', 1160000, 160000, $3) returning id`,
        [ids.hub, ids.plan, payment],
      );
    const purchase = async (cardId: string, status: string, fiscal: boolean) =>
      q(
        `insert into membership_purchases (hub_id, plan_id, holder_name, holder_email, price_tiyn, vat_rate_bp, vat_tiyn, status,
                                           provider, method, membership_id, paid_at, fiscal_number, fiscal_sign, fiscal_issued_at)
         values ($1, $2, 'H', 'h@example.kz', 1160000, 1600, 160000, $3, 'sandbox', 'card', $4, now(),
                 case when $5 then '9' end, case when $5 then 'DEF' end, case when $5 then now() end) returning id`,
        [ids.hub, ids.plan, status, cardId, fiscal],
      );
    ids.deskCard = await card('cash');
    ids.issuedCard = await card('online');
    ids.issued = await purchase(ids.issuedCard, 'paid', true);
    ids.unissuedCard = await card('online');
    ids.unissued = await purchase(ids.unissuedCard, 'paid', false);
    ids.refundedCard = await card('online');
    ids.refunded = await purchase(ids.refundedCard, 'refunded', true);
    await migrate(t.db);
  });
  afterAll(() => t.drop());

  const receipts = (where: string, params: unknown[]) =>
    t.db.query<{ id: string; kind: string; status: string; number: string | null; attempts: number }>(
      `select id, kind, status, number, attempts from fiscal_receipts where ${where} order by seq`,
      params,
    );

  it('turns fiscal jobs not yet done into pending receipts under the job id, and keeps issued ones', async () => {
    expect(await receipts('order_id = $1', [ids.waiting])).toEqual([
      { id: ids.waitingJob, kind: 'sale', status: 'pending', number: null, attempts: 3 },
    ]);
    expect(await receipts('order_id = $1', [ids.done])).toEqual([
      { id: ids.doneJob, kind: 'sale', status: 'issued', number: '7', attempts: 0 },
      { id: ids.refundJob, kind: 'refund', status: 'pending', number: null, attempts: 0 },
    ]);
    const jobs = await t.db.query<{ kind: string }>('select kind from order_jobs order by kind');
    expect(jobs).toEqual([{ kind: 'tickets_mail' }]);
  });

  it("moves online cards' receipts under the purchase id, queues the missing ones and the refunds never issued", async () => {
    expect(await receipts('membership_id = $1', [ids.issuedCard])).toEqual([
      { id: ids.issued, kind: 'sale', status: 'issued', number: '9', attempts: 0 },
    ]);
    expect(await receipts('membership_id = $1', [ids.unissuedCard])).toEqual([
      { id: ids.unissued, kind: 'sale', status: 'pending', number: null, attempts: 0 },
    ]);
    const refunded = await receipts('membership_id = $1', [ids.refundedCard]);
    expect(refunded.map((r) => [r.kind, r.status])).toEqual([
      ['sale', 'issued'],
      ['refund', 'pending'],
    ]);
    expect(refunded[0]?.id).toBe(ids.refunded);
    const rates = await t.db.query<{ id: string; rate: number }>(
      'select id, vat_rate_bp as rate from memberships where id = any($1::uuid[])',
      [[ids.issuedCard, ids.deskCard]],
    );
    expect(rates.find((r) => r.id === ids.issuedCard)?.rate).toBe(1600);
    // A desk card takes the standard rate of its day.
    expect(rates.find((r) => r.id === ids.deskCard)?.rate).toBeGreaterThan(0);
  });
});
