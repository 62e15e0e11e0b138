// The local fiscal register: gapless numbers per hub under concurrency, one receipt per external id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFiscalProvider } from '../../src/server/platform/fiscal/provider.ts';
import { createTestDb, DRIVERS, type TestDb } from '../support/db.ts';

const request = (externalId: string, hubId: string) => ({
  externalId,
  hubId,
  operation: 'sale' as const,
  positions: [],
  payments: [{ method: 'card' as const, amountTiyn: 100_000 }],
  totalTiyn: 100_000,
  vatTiyn: 13_793,
  buyerEmail: null,
});

describe.each(DRIVERS)('local fiscal register on %s', (driver) => {
  let t: TestDb;
  let hubId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const [hub] = await t.db.query<{ id: string }>(
      `insert into hubs (slug, name, city, time_zone) values ('fiscal', '{"en":"F"}', '{"en":"F"}', 'Asia/Almaty') returning id`,
    );
    hubId = hub?.id ?? '';
  });
  afterAll(() => t.db.close());

  it('numbers 40 concurrent receipts 1…40 without gaps or doubles', async () => {
    const provider = localFiscalProvider(t.db);
    const issued = await Promise.all(
      Array.from({ length: 40 }, (_, i) => provider.issue(request(`r-${i}`, hubId))),
    );
    const numbers = issued.map((r) => Number(r.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(issued.map((r) => r.fiscalSign)).size).toBe(40);
  });

  it('gives the same receipt back for the same external id, and takes no number for it', async () => {
    const provider = localFiscalProvider(t.db);
    const first = await provider.issue(request('again', hubId));
    const second = await provider.issue(request('again', hubId));
    expect(second).toEqual(first);
    const next = await provider.issue(request('after-again', hubId));
    expect(Number(next.number)).toBe(Number(first.number) + 1);
  });

  it('lets concurrent tries of one receipt make one receipt', async () => {
    const provider = localFiscalProvider(t.db);
    const tries = await Promise.allSettled(
      Array.from({ length: 8 }, () => provider.issue(request('raced', hubId))),
    );
    const ok = tries.flatMap((r) => (r.status === 'fulfilled' ? [r.value.number] : []));
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok).size).toBe(1);
    const [row] = await t.db.query<{ n: number; max: number; count: number }>(
      `select count(*) filter (where external_id = 'raced')::int as n, max(number)::int as max, count(*)::int as count
         from local_fiscal_journal where hub_id = $1`,
      [hubId],
    );
    expect(row?.n).toBe(1);
    // Numbers stay gapless: a losing try gives its number back.
    expect(row?.max).toBe(row?.count);
  });
});
