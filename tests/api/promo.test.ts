import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

describe.each(DRIVERS)('promo codes (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
  });
  afterAll(() => t.close());

  const hold = async (performanceId: string, seats: string[]) =>
    (await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats })).json()
      .id as string;
  const order = (holdId: string, promoCode?: string) =>
    desk.post('/api/v1/hubs/astana/orders', {
      holdId,
      buyer: {},
      payment: { provider: 'desk', method: 'card' },
      ...(promoCode ? { promoCode } : {}),
    });
  const buy = async (performanceId: string, seats: string[], promoCode?: string) =>
    order(await hold(performanceId, seats), promoCode);

  it('takes a percentage off every line and charges VAT on what is paid', async () => {
    const { performanceId } = await createTestPerformance(manager);
    expect(
      (
        await manager.post('/api/v1/hubs/astana/promo-codes', {
          code: 'STUDENT20',
          kind: 'percent',
          percent: 20,
        })
      ).statusCode,
    ).toBe(201);
    const order = (await buy(performanceId, ['stalls-A-2', 'stalls-B-2'], 'student20')).json();
    expect(
      order.lines.map((l: { unitPriceTiyn: number; discountTiyn: number; vatTiyn: number }) => [
        l.unitPriceTiyn,
        l.discountTiyn,
        l.vatTiyn,
      ]),
    ).toEqual([
      [400_000, 100_000, 55_172],
      [240_000, 60_000, 33_103],
    ]);
    expect(order.totalTiyn).toBe(640_000);
  });

  it('gives the dearest ticket free, or an amount off, once per order', async () => {
    const { performanceId } = await createTestPerformance(manager);
    await manager.post('/api/v1/hubs/astana/promo-codes', { code: 'FRIEND', kind: 'free_ticket' });
    await manager.post('/api/v1/hubs/astana/promo-codes', {
      code: 'GIFT1000',
      kind: 'amount',
      amountTiyn: 100_000,
    });
    expect((await buy(performanceId, ['stalls-A-3', 'stalls-B-3'], 'FRIEND')).json().totalTiyn).toBe(300_000);
    expect((await buy(performanceId, ['stalls-B-4'], 'GIFT1000')).json().totalTiyn).toBe(200_000);
  });

  it('refuses an unknown, inactive, expired or other-event code with a clear message', async () => {
    const { performanceId, eventSlug } = await createTestPerformance(manager);
    const other = await createTestPerformance(manager);
    await manager.post('/api/v1/hubs/astana/promo-codes', {
      code: 'ONLYTHAT',
      kind: 'percent',
      percent: 50,
      event: other.eventSlug,
    });
    await manager.post('/api/v1/hubs/astana/promo-codes', {
      code: 'OLD2020',
      kind: 'percent',
      percent: 50,
      validUntil: '2020-01-01T00:00:00Z',
    });
    const off = (
      await manager.post('/api/v1/hubs/astana/promo-codes', { code: 'PAUSED', kind: 'percent', percent: 50 })
    ).json();
    await manager.patch(`/api/v1/hubs/astana/promo-codes/${off.id}`, { active: false });
    const held = await hold(performanceId, ['stalls-A-5']);
    for (const code of ['NOPE', 'ONLYTHAT', 'OLD2020', 'PAUSED']) {
      const res = await order(held, code);
      expect(res.statusCode, code).toBe(400);
      expect(res.json()).toMatchObject({ code: 'promo_invalid', errors: [{ path: 'body/promoCode' }] });
    }
    // Nothing is lost by a wrong code: the hold still stands and pays without it.
    expect((await order(held)).statusCode).toBe(201);
    expect(eventSlug).not.toBe(other.eventSlug);
  });

  it('never lets a code be used more than its limit, however many buyers race for it', async () => {
    const { performanceId } = await createTestPerformance(manager, { standing: 40 });
    await manager.post('/api/v1/hubs/astana/promo-codes', {
      code: 'FIRST3',
      kind: 'percent',
      percent: 10,
      maxUses: 3,
    });
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    const areaId = perf.areas[0].id;
    const results = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
          areas: [{ areaId, quantity: 1 }],
        });
        return desk.post('/api/v1/hubs/astana/orders', {
          holdId: hold.json().id,
          buyer: {},
          payment: { provider: 'desk', method: 'cash' },
          promoCode: 'FIRST3',
        });
      }),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('promo_used_up');
    const codes = (await manager.get('/api/v1/hubs/astana/promo-codes')).json();
    expect(codes.find((c: { code: string }) => c.code === 'FIRST3')).toMatchObject({ uses: 3, maxUses: 3 });
  });

  it('gives the use back when the order is refunded', async () => {
    const { performanceId } = await createTestPerformance(manager);
    await manager.post('/api/v1/hubs/astana/promo-codes', {
      code: 'ONCE',
      kind: 'percent',
      percent: 10,
      maxUses: 1,
    });
    const first = (await buy(performanceId, ['stalls-A-6'], 'ONCE')).json();
    const second = await hold(performanceId, ['stalls-B-6']);
    expect((await order(second, 'ONCE')).json().code).toBe('promo_used_up');
    await desk.post(`/api/v1/hubs/astana/orders/${first.id}/refund`, { reason: 'date changed' });
    expect((await order(second, 'ONCE')).statusCode).toBe(201);
  });

  it('lets only program managers and admins manage codes, with clear errors', async () => {
    expect(
      (await desk.post('/api/v1/hubs/astana/promo-codes', { code: 'DESK1', kind: 'free_ticket' })).statusCode,
    ).toBe(403);
    expect(
      (await manager.post('/api/v1/hubs/astana/promo-codes', { code: 'DUP01', kind: 'free_ticket' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await manager.post('/api/v1/hubs/astana/promo-codes', { code: 'dup01', kind: 'free_ticket' })).json()
        .code,
    ).toBe('conflict');
    expect(
      (await manager.post('/api/v1/hubs/astana/promo-codes', { code: 'HALF', kind: 'amount' })).json().code,
    ).toBe('validation_failed');
  });
});
