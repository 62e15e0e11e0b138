import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

describe.each(DRIVERS)('memberships and passes (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    await manager.post('/api/v1/hubs/astana/membership-plans', {
      slug: 'friend',
      name: { kk: 'ÓzgeEpic досы', ru: 'Друг ÓzgeEpic', en: 'Friend of ÓzgeEpic' },
      kind: 'pass',
      entries: 3,
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
      proof: { kk: 'Студенттік билет', ru: 'Студенческий билет', en: 'Student ID' },
    });
  });
  afterAll(() => t.close());

  const sell = (plan: string) =>
    desk.post('/api/v1/hubs/astana/memberships', {
      plan,
      holderName: 'Аружан Сейітова',
      holderEmail: 'aru@example.kz',
      payment: { method: 'card' },
    });
  const order = async (performanceId: string, seats: string[], membershipCode: string) => {
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, { seats });
    return desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
      membershipCode,
    });
  };

  it('sells a Friend pass at the desk with VAT, and lists plans publicly', async () => {
    const plans = (await t.client().get('/api/v1/hubs/astana/membership-plans')).json();
    // The test's plans beside the demo's own.
    expect(plans.map((p: { slug: string }) => p.slug).sort()).toEqual([
      'family-five-visits',
      'friend',
      'ozgeepic-friend-year',
      'student',
      'student-discount-card',
    ]);
    const card = await sell('friend');
    expect(card.statusCode).toBe(201);
    expect(card.json()).toMatchObject({
      plan: { slug: 'friend', kind: 'pass' },
      entriesLeft: 3,
      priceTiyn: 2_000_000,
      vatTiyn: 275_862,
    });
    expect(card.json().code).toMatch(/^OZ-[A-Z2-9]{8}$/);
    expect(
      (
        await t.client().post('/api/v1/hubs/astana/memberships', {
          plan: 'friend',
          holderName: 'X',
          payment: { method: 'cash' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('pays tickets with pass entries, refuses more than are left, and gives entries back on refund', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const { code } = (await sell('friend')).json();
    const first = await order(performanceId, ['stalls-A-2', 'stalls-A-3'], code.toLowerCase());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ totalTiyn: 0, vatTiyn: 0, status: 'paid' });
    expect((await desk.get(`/api/v1/hubs/astana/memberships/${code}`)).json().entriesLeft).toBe(1);
    const tooMany = await order(performanceId, ['stalls-B-1', 'stalls-B-2'], code);
    expect(tooMany.json().code).toBe('membership_used_up');
    await desk.post(`/api/v1/hubs/astana/orders/${first.json().id}/refund`, {
      reason: 'moved to another date',
    });
    expect((await desk.get(`/api/v1/hubs/astana/memberships/${code}`)).json().entriesLeft).toBe(3);
  });

  it('never spends more entries than a pass has, however many orders race', async () => {
    const { performanceId } = await createTestPerformance(manager, { standing: 30 });
    const { code } = (await sell('friend')).json();
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    const results = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
          areas: [{ areaId: perf.areas[0].id, quantity: 1 }],
        });
        return desk.post('/api/v1/hubs/astana/orders', {
          holdId: hold.json().id,
          buyer: {},
          payment: { provider: 'desk', method: 'cash' },
          membershipCode: code,
        });
      }),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect((await desk.get(`/api/v1/hubs/astana/memberships/${code}`)).json().entriesLeft).toBe(0);
  });

  it('gives a student half off and tells the door to ask for the student ID', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const { code } = (await sell('student')).json();
    const bought = (await order(performanceId, ['stalls-A-5'], code)).json();
    expect(bought.totalTiyn).toBe(250_000);
    const scan = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/checkins`, {
      scans: [
        {
          id: randomUUID(),
          token: bought.tickets[0].qr,
          direction: 'in',
          scannedAt: new Date().toISOString(),
          deviceId: 'door-1',
        },
      ],
    });
    expect(scan.json().results[0]).toMatchObject({
      verdict: 'valid',
      proof: { en: 'Student ID', ru: 'Студенческий билет' },
    });
    const list = (await desk.get(`/api/v1/hubs/astana/performances/${performanceId}/door-list`)).json();
    expect(list.tickets[0].proof.kk).toBe('Студенттік билет');
  });

  it('sells one card for a double-pressed sale button', async () => {
    const body = { plan: 'friend', holderName: 'Ержан', payment: { method: 'cash' } };
    const headers = { headers: { 'idempotency-key': 'card-sale-0001' } };
    const [a, b] = await Promise.all([
      desk.post('/api/v1/hubs/astana/memberships', body, headers),
      desk.post('/api/v1/hubs/astana/memberships', body, headers),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 201]);
    expect(a?.json().code).toBe(b?.json().code);
    const cards = (await desk.get('/api/v1/hubs/astana/memberships')).json() as { holderName: string }[];
    expect(cards.filter((c) => c.holderName === 'Ержан')).toHaveLength(1);
  });

  it('takes a plan off sale without touching the cards already sold', async () => {
    await manager.post('/api/v1/hubs/astana/membership-plans', {
      slug: 'summer',
      name: { en: 'Summer pass' },
      kind: 'pass',
      entries: 2,
      validDays: 90,
      priceTiyn: 500_000,
    });
    const card = (await sell('summer')).json();
    const off = await manager.patch('/api/v1/hubs/astana/membership-plans/summer', { active: false });
    expect(off.json()).toMatchObject({ slug: 'summer', active: false });
    const plans = (await t.client().get('/api/v1/hubs/astana/membership-plans')).json() as { slug: string }[];
    expect(plans.map((p) => p.slug)).not.toContain('summer');
    expect((await sell('summer')).statusCode).toBe(404);
    expect((await desk.get(`/api/v1/hubs/astana/memberships/${card.code}`)).json()).toMatchObject({
      status: 'active',
      entriesLeft: 2,
    });
    expect(
      (await desk.patch('/api/v1/hubs/astana/membership-plans/summer', { active: true })).statusCode,
    ).toBe(403);
    expect(
      (await manager.patch('/api/v1/hubs/astana/membership-plans/nope', { active: true })).statusCode,
    ).toBe(404);
  });

  it('refuses unknown or expired cards, and a card together with a promo code', async () => {
    const { performanceId } = await createTestPerformance(manager);
    expect((await order(performanceId, ['stalls-B-3'], 'OZ-NOSUCH00')).json()).toMatchObject({
      code: 'membership_invalid',
      errors: [{ path: 'body/membershipCode' }],
    });
    const { code, id } = (await sell('friend')).json();
    await t.tdb.db.query(`update memberships set valid_until = now() - interval '1 day' where id = $1`, [id]);
    expect((await order(performanceId, ['stalls-B-4'], code)).json().code).toBe('membership_invalid');
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['stalls-B-5'],
    });
    const both = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
      membershipCode: code,
      promoCode: 'ANY',
    });
    expect(both.statusCode).toBe(400);
  });

  it('lists plans off sale too for program managers only, to put them back on sale', async () => {
    await manager.post('/api/v1/hubs/astana/membership-plans', {
      slug: 'winter',
      name: { en: 'Winter pass' },
      kind: 'pass',
      entries: 2,
      validDays: 90,
      priceTiyn: 400_000,
    });
    await manager.patch('/api/v1/hubs/astana/membership-plans/winter', { active: false });
    const all = (await manager.get('/api/v1/hubs/astana/membership-plans?all=true')).json() as {
      slug: string;
      active: boolean;
    }[];
    expect(all.find((p) => p.slug === 'winter')).toMatchObject({ active: false });
    expect(all.find((p) => p.slug === 'friend')).toMatchObject({ active: true });
    expect((await t.client().get('/api/v1/hubs/astana/membership-plans?all=true')).statusCode).toBe(401);
    expect((await desk.get('/api/v1/hubs/astana/membership-plans?all=true')).statusCode).toBe(403);
    await manager.patch('/api/v1/hubs/astana/membership-plans/winter', { active: true });
    const onSale = (await t.client().get('/api/v1/hubs/astana/membership-plans')).json() as {
      slug: string;
    }[];
    expect(onSale.map((p) => p.slug)).toContain('winter');
  });

  describe('the price quote before the sale', () => {
    const quote = (performanceId: string, body: unknown) =>
      desk.post(`/api/v1/hubs/astana/performances/${performanceId}/quote`, body);

    it('shows what a pass covers, what a discount card or promo takes off, and takes no use', async () => {
      const { performanceId } = await createTestPerformance(manager);
      const items = [
        { category: 'A', quantity: 2 },
        { category: 'S', quantity: 1 },
      ];
      const plain = (await quote(performanceId, { items })).json();
      expect(plain).toMatchObject({
        listTotalTiyn: 1_200_000,
        discountTiyn: 0,
        totalTiyn: 1_200_000,
        applied: null,
      });

      const pass = (await sell('friend')).json();
      const covered = await quote(performanceId, { items, membershipCode: pass.code.toLowerCase() });
      expect(covered.statusCode).toBe(200);
      expect(covered.json()).toMatchObject({
        applied: 'pass',
        entriesLeft: 3,
        listTotalTiyn: 1_200_000,
        discountTiyn: 1_200_000,
        totalTiyn: 0,
        vatTiyn: 0,
      });
      expect((await desk.get(`/api/v1/hubs/astana/memberships/${pass.code}`)).json().entriesLeft).toBe(3);
      const tooMany = await quote(performanceId, {
        items: [{ category: 'S', quantity: 4 }],
        membershipCode: pass.code,
      });
      expect(tooMany.statusCode).toBe(409);
      expect(tooMany.json().code).toBe('membership_used_up');

      const student = (await sell('student')).json();
      const half = (await quote(performanceId, { items, membershipCode: student.code })).json();
      expect(half).toMatchObject({ applied: 'discount', totalTiyn: 600_000, discountTiyn: 600_000 });
      expect(half.lines.map((l: { unitTiyn: number }) => l.unitTiyn)).toEqual([250_000, 250_000, 100_000]);
      // The quote and the sale agree to the tiyn.
      const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
        seats: ['stalls-A-1', 'stalls-A-2'],
        areas: [
          {
            areaId: (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json()
              .areas[0].id,
            quantity: 1,
          },
        ],
      });
      const sold = await desk.post('/api/v1/hubs/astana/orders', {
        holdId: hold.json().id,
        buyer: {},
        payment: { provider: 'desk', method: 'cash' },
        membershipCode: student.code,
      });
      expect(sold.json()).toMatchObject({ totalTiyn: half.totalTiyn, vatTiyn: half.vatTiyn });

      await manager.post('/api/v1/hubs/astana/promo-codes', {
        code: 'QUOTE10',
        kind: 'percent',
        percent: 10,
        maxUses: 1,
      });
      const promo = (await quote(performanceId, { items, promoCode: 'quote10' })).json();
      expect(promo).toMatchObject({ applied: 'promo', totalTiyn: 1_080_000 });
      const codes = (await manager.get('/api/v1/hubs/astana/promo-codes')).json() as {
        code: string;
        uses: number;
      }[];
      expect(codes.find((c) => c.code === 'QUOTE10')?.uses).toBe(0);
    });

    it('says why a code or a cart cannot be quoted', async () => {
      const { performanceId } = await createTestPerformance(manager);
      const items = [{ category: 'A', quantity: 1 }];
      expect((await quote(performanceId, { items, membershipCode: 'OZ-NOSUCH00' })).json()).toMatchObject({
        code: 'membership_invalid',
        errors: [{ path: 'body/membershipCode' }],
      });
      expect((await quote(performanceId, { items, promoCode: 'NOPE-NOPE' })).json().code).toBe(
        'promo_invalid',
      );
      expect(
        (await quote(performanceId, { items, promoCode: 'X1X', membershipCode: 'OZ-X' })).statusCode,
      ).toBe(400);
      const unknown = await quote(performanceId, { items: [{ category: 'Z', quantity: 1 }] });
      expect(unknown.json().errors).toEqual([
        { path: 'body/items/0/category', message: 'is not a price category of this performance' },
      ]);
    });
  });
});
