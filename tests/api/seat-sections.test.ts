// Seat sections carry their names with the performance: the program, order lines, receipts and
// ticket PDFs name a seat "Section · Row · Seat" in the reader's language; migration 0015 gave
// performances made before it their section names.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadOrderView } from '../../src/server/modules/box-office/receipt.ts';
import { listMigrations, migrate } from '../../src/server/platform/db/migrate.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { createEmptyDb, DRIVERS, type TestDb } from '../support/db.ts';

const TWO_SECTIONS = {
  sections: [
    {
      id: 'stalls',
      name: { kk: 'Партер', ru: 'Партер', en: 'Stalls' },
      rows: [{ label: 'A', seats: 4, category: 'A' }],
    },
    {
      id: 'upper-balcony',
      name: { kk: 'Жоғарғы балкон', ru: 'Верхний балкон', en: 'Upper balcony' },
      rows: [{ label: 'K', seats: 4, category: 'A' }],
    },
  ],
};

describe.each(DRIVERS)('seat sections (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let performanceId: string;

  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    const map = await manager.post('/api/v1/hubs/astana/spaces/theater/seat-maps', {
      name: 'two sections',
      layout: TWO_SECTIONS,
    });
    expect(map.statusCode, map.body).toBe(201);
    const ev = await manager.post('/api/v1/hubs/astana/events', {
      slug: 'sections-play',
      kind: 'theater',
      title: { kk: 'Қойылым', ru: 'Спектакль', en: 'The play' },
      status: 'published',
    });
    expect(ev.statusCode, ev.body).toBe(201);
    const start = new Date(Date.now() + 5 * 86_400_000);
    const perf = await manager.post('/api/v1/hubs/astana/events/sections-play/performances', {
      space: 'theater',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
      seatMapId: map.json().id,
      prices: [{ code: 'A', name: { en: 'Seat' }, priceTiyn: 400_000 }],
    });
    expect(perf.statusCode, perf.body).toBe(201);
    performanceId = perf.json().id;
  });
  afterAll(() => t.close());

  it('gives a performance its sections in map order, with names in every language', async () => {
    const perf = (await t.client().get(`/api/v1/hubs/astana/performances/${performanceId}`)).json();
    expect(perf.sections).toEqual([
      { id: 'stalls', name: { kk: 'Партер', ru: 'Партер', en: 'Stalls', 'kk-Latn': 'Parter' } },
      {
        id: 'upper-balcony',
        name: {
          kk: 'Жоғарғы балкон',
          ru: 'Верхний балкон',
          en: 'Upper balcony',
          'kk-Latn': 'Joğarğy balkon',
        },
      },
    ]);
    // A performance without a seat map has none.
    const ga = await manager.post('/api/v1/hubs/astana/events/sections-play/performances', {
      space: 'theater',
      startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 9 * 86_400_000 + 3_600_000).toISOString(),
      prices: [{ code: 'S', name: { en: 'Standing' }, priceTiyn: 100_000 }],
      areas: [{ name: { en: 'Standing' }, category: 'S', capacity: 10 }],
    });
    expect(ga.json().sections).toEqual([]);
  });

  it('places each seat of an order by section name, row and number, in receipts and ticket PDFs', async () => {
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${performanceId}/holds`, {
      seats: ['upper-balcony-K-2', 'stalls-A-3'],
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const sold = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const order = sold.json();
    const places = Object.fromEntries(
      order.lines.map((l: { seatId: string; seat: unknown }) => [l.seatId, l.seat]),
    );
    expect(places).toEqual({
      'stalls-A-3': { section: expect.objectContaining({ en: 'Stalls' }), row: 'A', number: 3 },
      'upper-balcony-K-2': {
        section: expect.objectContaining({ ru: 'Верхний балкон' }),
        row: 'K',
        number: 2,
      },
    });

    const described = async (lang: string) =>
      (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=${lang}`))
        .json()
        .lines.map((l: { description: string }) => l.description.split(' — ')[1]);
    expect(await described('en')).toEqual([
      'Seat, Stalls · Row A · Seat 3',
      'Seat, Upper balcony · Row K · Seat 2',
    ]);
    expect(await described('ru')).toContain('Seat, Верхний балкон · Ряд K · Место 2');
    expect(await described('kk')).toContain('Seat, Жоғарғы балкон · K қатар · 2 орын');
    expect(await described('kk-Latn')).toContain('Seat, Joğarğy balkon · K qatar · 2 oryn');

    const hubId =
      (await t.tdb.db.query<{ id: string }>(`select id from hubs where slug = 'astana'`))[0]?.id ?? '';
    const view = await loadOrderView(t.tdb.db, hubId, order.id, t.app.appContext.signer);
    expect(view.ticketPdf('ru').tickets.map((x) => x.seat)).toEqual([
      { section: expect.objectContaining({ ru: 'Партер' }), row: 'A', number: 3 },
      { section: expect.objectContaining({ ru: 'Верхний балкон' }), row: 'K', number: 2 },
    ]);
  });

  it('keeps a sold seat named after the seat map it came from is gone', async () => {
    await t.tdb.db.query(`delete from seat_maps where name = 'two sections'`);
    const orders = (await desk.get('/api/v1/hubs/astana/orders')).json();
    const order = orders.find((o: { lines: { performanceId: string }[] }) =>
      o.lines.some((l) => l.performanceId === performanceId),
    );
    const receipt = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=en`)).json();
    expect(receipt.lines.map((l: { description: string }) => l.description)).toContainEqual(
      expect.stringContaining('Upper balcony · Row K · Seat 2'),
    );
  });
});

describe.each(DRIVERS)('migration 0015: section names for performances made before it (%s)', (driver) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('takes each name from the newest seat map that has the section, else makes the id readable', async () => {
    db = await createEmptyDb(driver);
    const all = listMigrations();
    await migrate(
      db.db,
      all.filter((m) => m.name < '0015'),
    );
    const q = db.db;
    const [hub] = await q.query<{ id: string }>(
      `insert into hubs (slug, name, city, time_zone) values ('old', '{"en":"Old"}', '{"en":"Astana"}', 'Asia/Almaty') returning id`,
    );
    const [space] = await q.query<{ id: string }>(
      `insert into spaces (hub_id, slug, kind, name) values ($1, 'hall', 'hall', '{"en":"Hall"}') returning id`,
      [hub?.id],
    );
    const layout = (name: object) => JSON.stringify({ sections: [{ id: 'stalls', name, rows: [] }] });
    await q.query(
      `insert into seat_maps (hub_id, space_id, name, layout, created_at) values
         ($1, $2, 'old', $3, now() - interval '2 days'), ($1, $2, 'new', $4, now() - interval '1 day')`,
      [hub?.id, space?.id, layout({ en: 'Old stalls' }), layout({ kk: 'Партер', en: 'Stalls' })],
    );
    const [ev] = await q.query<{ id: string }>(
      `insert into events (hub_id, slug, kind, title) values ($1, 'e', 'concert', '{"en":"E"}') returning id`,
      [hub?.id],
    );
    const [perf] = await q.query<{ id: string }>(
      `insert into performances (hub_id, event_id, space_id, starts_at, ends_at)
       values ($1, $2, $3, now() + interval '1 day', now() + interval '25 hours') returning id`,
      [hub?.id, ev?.id, space?.id],
    );
    await q.query(
      `insert into price_categories (performance_id, code, name, price_tiyn) values ($1, 'A', '{"en":"A"}', 100)`,
      [perf?.id],
    );
    await q.query(
      `insert into seats (performance_id, id, section, row_label, number, x, y, price_category_code) values
         ($1, 'stalls-A-1', 'stalls', 'A', 1, 0, 0, 'A'), ($1, 'side-box-B-1', 'side-box', 'B', 1, 0, 2, 'A')`,
      [perf?.id],
    );

    expect(await migrate(q)).toEqual(all.filter((m) => m.name >= '0015').map((m) => m.name));
    const sections = await q.query<{ id: string; name: object; sortOrder: number }>(
      `select id, name, sort_order as "sortOrder" from performance_sections where performance_id = $1 order by sort_order`,
      [perf?.id],
    );
    expect(sections).toEqual([
      { id: 'stalls', name: { kk: 'Партер', en: 'Stalls' }, sortOrder: 0 },
      { id: 'side-box', name: { en: 'Side Box' }, sortOrder: 1 },
    ]);
    // From now on a seat must be in a section of its performance.
    await expect(
      q.query(
        `insert into seats (performance_id, id, section, row_label, number, x, y, price_category_code)
         values ($1, 'nowhere-C-1', 'nowhere', 'C', 1, 0, 4, 'A')`,
        [perf?.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
