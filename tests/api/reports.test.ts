// Box-office reports from real sales made through the API: sales and occupancy, check-in rate,
// revenue by payment method and by price category, as JSON and as CSV for Excel.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

describe.each(DRIVERS)('box-office reports (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let slug: string;
  let performanceId: string;
  const q = () => `?event=${slug}`;

  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    const perf = await createTestPerformance(manager, { standing: 20 });
    slug = perf.eventSlug;
    performanceId = perf.performanceId;
    await manager.patch(`/api/v1/hubs/astana/events/${slug}`, { title: { en: 'Test, "play"' } });
    const blocked = await manager.post(`/api/v1/hubs/astana/performances/${performanceId}/blocks`, {
      seats: ['stalls-B-5', 'stalls-B-6'],
      reason: 'house',
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const sell = async (hold: object, method: 'cash' | 'card', extra: object = {}) => {
      const h = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, hold);
      expect(h.statusCode, h.body).toBe(201);
      const o = await desk.post('/api/v1/hubs/astana/orders', {
        holdId: h.json().id,
        buyer: {},
        payment: { provider: 'desk', method },
        ...extra,
      });
      expect(o.statusCode, o.body).toBe(201);
      return o.json();
    };
    const first = await sell({ seats: ['stalls-A-1', 'stalls-A-2'] }, 'cash');
    await sell({ areas: [{ areaId: perf.areaId, quantity: 3 }] }, 'card');
    await sell({ seats: ['stalls-B-1'] }, 'cash', { complimentary: { reason: 'press' } });
    const refunded = await sell({ seats: ['stalls-B-2'] }, 'cash');
    const r = await desk.post(`/api/v1/hubs/astana/orders/${refunded.id}/refund`, { reason: 'ill' });
    expect(r.statusCode, r.body).toBe(200);
    // One visitor is let in at the door.
    const scan = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/checkins`, {
      scans: [
        {
          id: randomUUID(),
          token: first.tickets[0].qr,
          direction: 'in',
          scannedAt: new Date().toISOString(),
          deviceId: 'door-1',
        },
      ],
    });
    expect(scan.statusCode, scan.body).toBe(200);
  });
  afterAll(() => t.close());

  it('reports sales, occupancy and check-in per performance and per event', async () => {
    const res = await desk.get(`/api/v1/hubs/astana/reports/performances${q()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timeZone).toBe('Asia/Almaty');
    expect(res.json().rows).toEqual([
      expect.objectContaining({
        performanceId,
        eventSlug: slug,
        capacity: 32,
        sold: 6,
        complimentary: 1,
        heldBack: 2,
        // 12 seats less 3 sold and 2 held back; 20 standing less 3
        available: 7 + 17,
        occupancy: 0.1875,
        revenueTiyn: 1_600_000,
        vatTiyn: 2 * 68_966 + 3 * 27_586,
        checkedIn: 1,
        checkInRate: 0.1667,
      }),
    ]);
    const events = (await manager.get(`/api/v1/hubs/astana/reports/events${q()}`)).json();
    expect(events.rows).toEqual([
      expect.objectContaining({
        eventSlug: slug,
        performances: 1,
        sold: 6,
        revenueTiyn: 1_600_000,
        checkedIn: 1,
      }),
    ]);
  });

  it('reports revenue by payment method, refunds included, and by price category', async () => {
    const methods = (await desk.get(`/api/v1/hubs/astana/reports/payment-methods${q()}`)).json().rows;
    expect(methods).toEqual([
      {
        provider: 'desk',
        method: 'cash',
        orders: 2,
        paidTiyn: 1_300_000,
        refundedOrders: 1,
        refundedTiyn: 300_000,
        netTiyn: 1_000_000,
        vatTiyn: 2 * 68_966,
      },
      {
        provider: 'desk',
        method: 'card',
        orders: 1,
        paidTiyn: 600_000,
        refundedOrders: 0,
        refundedTiyn: 0,
        netTiyn: 600_000,
        vatTiyn: 3 * 27_586,
      },
      {
        provider: 'complimentary',
        method: 'cash',
        orders: 1,
        paidTiyn: 0,
        refundedOrders: 0,
        refundedTiyn: 0,
        netTiyn: 0,
        vatTiyn: 0,
      },
    ]);
    const categories = (await desk.get(`/api/v1/hubs/astana/reports/price-categories${q()}`)).json().rows;
    expect(categories).toEqual([
      { category: 'A', categoryName: { en: 'Front' }, tickets: 2, revenueTiyn: 1_000_000, vatTiyn: 137_932 },
      { category: 'S', categoryName: { en: 'Standing' }, tickets: 3, revenueTiyn: 600_000, vatTiyn: 82_758 },
      { category: 'B', categoryName: { en: 'Back' }, tickets: 1, revenueTiyn: 0, vatTiyn: 0 },
    ]);
  });

  it('exports CSV for Excel: BOM, commas, quoted text, tenge with two decimals, headers in the language asked', async () => {
    const res = await desk.get(`/api/v1/hubs/astana/reports/performances${q()}&format=csv&lang=ru`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename="sales-by-performance-astana');
    const body = res.rawPayload;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Мероприятие,Дата и время,Площадка,Статус,Вместимость,Продано,Из них пригласительные,Снято с продажи,Свободно,"Заполняемость, %","Выручка, ₸","НДС, ₸",Прошли на вход,"Доля прошедших, %"',
    );
    // The Russian title falls back to the Kazakh one, with no comma; make the row's text predictable in English.
    const en = (await desk.get(`/api/v1/hubs/astana/reports/performances${q()}&format=csv&lang=en`)).body;
    const row = en.slice(1).split('\r\n')[1] ?? '';
    expect(row.startsWith('"Test, ""play""",')).toBe(true);
    expect(row).toMatch(/,theater,|,on_sale,/);
    expect(row.endsWith(',32,6,1,2,24,18.8,16000.00,2206.90,1,16.7')).toBe(true);
    expect(en.endsWith('\r\n')).toBe(true);
    const cats = (await desk.get(`/api/v1/hubs/astana/reports/price-categories${q()}&format=csv&lang=en`))
      .body;
    expect(cats.slice(1).split('\r\n').slice(0, 2)).toEqual([
      'Category,Category name,Tickets,"Revenue, ₸","VAT, ₸"',
      'A,Front,2,10000.00,1379.32',
    ]);
  });

  it('filters by dates in the hub’s time zone and refuses a range that ends before it starts', async () => {
    const empty = (
      await desk.get('/api/v1/hubs/astana/reports/performances?from=2099-01-01&to=2099-01-31')
    ).json();
    expect(empty).toMatchObject({ from: '2099-01-01', to: '2099-01-31', rows: [] });
    const methods = await desk.get('/api/v1/hubs/astana/reports/payment-methods?from=2099-01-01');
    expect(methods.json().rows).toEqual([]);
    const bad = await desk.get('/api/v1/hubs/astana/reports/events?from=2026-02-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await desk.get('/api/v1/hubs/astana/reports/events?from=yesterday')).statusCode).toBe(400);
    expect((await desk.get('/api/v1/hubs/astana/reports/events?event=no-such-event')).statusCode).toBe(404);
  });

  it('is for the box office, program managers and hub admins of the hub only', async () => {
    const url = '/api/v1/hubs/astana/reports/performances';
    expect((await t.client().get(url)).statusCode).toBe(401);
    expect((await (await t.signedIn('resident@astana.ozgeepic.kz')).get(url)).statusCode).toBe(403);
    expect((await (await t.signedIn('director@astana.ozgeepic.kz')).get(url)).statusCode).toBe(200);
    const other = await t.signedIn('director@shymkent.ozgeepic.kz');
    expect((await other.get(url)).statusCode).toBe(403);
    expect((await other.get('/api/v1/hubs/shymkent/reports/performances')).statusCode).toBe(200);
  });
});
