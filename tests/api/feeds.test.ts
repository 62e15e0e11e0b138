// Public standards of the program: iCalendar feeds that a real parser reads, schema.org JSON-LD
// with offers and availability, and the JSON-LD inside the HTML of an event page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventKind } from '../../src/common/api/program.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { foldLine } from '../../src/server/modules/program/ical.ts';
import { buildEventJsonLd } from '../../src/server/modules/program/jsonld.ts';
import { createMailer } from '../../src/server/platform/mail.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

const TRICKY = 'Абай; ақын, ойшыл\\ — «Қара сөздер» оқылымы: ұзақ атау, көп әріп, ӘҒҚҢӨҰҮҺІ';

describe('iCalendar line folding', () => {
  it('folds at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'Қазақ'.repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n').filter(Boolean);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});

describe('schema.org types', () => {
  it('names each kind of event by its schema.org type', () => {
    const kinds: Record<EventKind, string> = {
      theater: 'TheaterEvent',
      exhibition: 'ExhibitionEvent',
      concert: 'MusicEvent',
      literary_evening: 'LiteraryEvent',
      workshop_class: 'EducationEvent',
      tournament: 'SocialEvent',
    };
    for (const [kind, type] of Object.entries(kinds)) {
      const doc = buildEventJsonLd({
        hub: {
          id: 'h',
          slug: 'astana',
          name: { en: 'ÓzgeEpic Astana' },
          city: { en: 'Astana' },
          description: {},
          timeZone: 'Asia/Almaty',
        } as never,
        event: {
          id: 'e',
          hubId: 'h',
          slug: 'x',
          kind: kind as EventKind,
          title: { en: 'X' },
          description: {},
          ageRating: '0+',
          languages: [],
          imageUrl: null,
          status: 'published',
        },
        performances: [],
        seats: new Map(),
        locale: 'en',
        publicUrl: 'https://hub.test',
      }) as { '@graph': { '@type': string }[] };
      expect(doc['@graph'][0]?.['@type']).toBe(type);
    }
  });
});

describe.each(DRIVERS)('program feeds (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  let slug: string;
  let perfIds: string[];
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
    const first = await createTestPerformance(manager, { standing: 2, startsInDays: 3 });
    slug = first.eventSlug;
    const patched = await manager.patch(`/api/v1/hubs/astana/events/${slug}`, {
      title: { kk: TRICKY, ru: 'Абай: «Слова назидания»', en: 'Abai: the Book of Words' },
      description: { kk: 'Кеш.\nЕкінші жол; үтір, нүкте.', en: 'An evening.\nSecond line; comma, stop.' },
      languages: ['kk', 'ru'],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const second = await manager.post(`/api/v1/hubs/astana/events/${slug}/performances`, {
      space: 'hall',
      startsAt: '2030-05-01T14:00:00Z',
      endsAt: '2030-05-01T16:00:00Z',
      prices: [{ code: 'S', name: { en: 'Standing' }, priceTiyn: 250_050 }],
      areas: [{ name: { en: 'Floor' }, category: 'S', capacity: 100 }],
    });
    expect(second.statusCode, second.body).toBe(201);
    perfIds = [first.performanceId, second.json().id];
    // Sell the standing area of the first date out.
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${first.performanceId}/holds`, {
      areas: [{ areaId: first.areaId, quantity: 2 }],
    });
    const sold = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(sold.statusCode, sold.body).toBe(201);
  });
  afterAll(() => t.close());

  const parse = (body: string) => new ICAL.Component(ICAL.parse(body));

  it("serves the hub's program as RFC 5545 that a parser reads back exactly", async () => {
    const res = await t.client().get('/api/v1/hubs/astana/calendar.ics?lang=kk');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const body = res.body;
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const cal = parse(body);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toContain('OzgeEpic');
    const ours = cal
      .getAllSubcomponents('vevent')
      .filter((v) => perfIds.some((id) => String(v.getFirstPropertyValue('uid')).includes(id)));
    expect(ours).toHaveLength(2);
    const ev = new ICAL.Event(ours[1]);
    expect(ev.summary).toBe(TRICKY);
    expect(ev.startDate.toJSDate().toISOString()).toBe('2030-05-01T14:00:00.000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe('2030-05-01T16:00:00.000Z');
    expect(ev.location).toContain('ÓzgeEpic');
    expect(ev.description).toContain('Екінші жол; үтір, нүкте.');
    expect(ours[1]?.getFirstPropertyValue('url')).toBe(`http://hub.test/astana/events/${slug}`);
    expect(ours[1]?.getFirstPropertyValue('dtstamp')).toBeTruthy();
    const uids = cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    expect(new Set(uids).size).toBe(uids.length);
  });

  it("serves one event's dates, in the language asked for by the header", async () => {
    const res = await t.client().get(`/api/v1/hubs/astana/events/${slug}/calendar.ics`, {
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    });
    expect(res.statusCode).toBe(200);
    const events = parse(res.body).getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    expect(events.map((v) => v.getFirstPropertyValue('summary'))).toEqual([
      'Абай: «Слова назидания»',
      'Абай: «Слова назидания»',
    ]);
    const draft = await manager.post('/api/v1/hubs/astana/events', {
      slug: `draft-${slug}`,
      kind: 'concert',
      title: { en: 'Not yet' },
    });
    expect(draft.statusCode).toBe(201);
    const hidden = await t.client().get(`/api/v1/hubs/astana/events/draft-${slug}/calendar.ics`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
  });

  it('describes the event in JSON-LD with offers and what is left', async () => {
    const res = await t.client().get(`/api/v1/hubs/astana/events/${slug}/jsonld?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json();
    expect(doc['@context']).toBe('https://schema.org');
    const [first, second] = doc['@graph'];
    expect(first).toMatchObject({
      '@type': 'TheaterEvent',
      name: 'Abai: the Book of Words',
      description: 'An evening.\nSecond line; comma, stop.',
      inLanguage: ['kk', 'ru'],
      eventStatus: 'https://schema.org/EventScheduled',
      location: {
        '@type': 'Place',
        address: { '@type': 'PostalAddress', addressCountry: 'KZ' },
      },
      organizer: { '@type': 'Organization', url: 'http://hub.test/astana' },
    });
    expect(first.location.address.addressLocality).toBeTruthy();
    expect(first.startDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:00$/);
    expect(second.startDate).toBe('2030-05-01T19:00:00+05:00');
    type Offer = { name: string; price: string; availability: string; url: string };
    const offer = (o: Offer[], name: string) => o.find((x) => x.name === name);
    expect(offer(first.offers, 'Front')).toMatchObject({
      '@type': 'Offer',
      price: '5000.00',
      priceCurrency: 'KZT',
      availability: 'https://schema.org/InStock',
    });
    // Two of two standing places sold.
    expect(offer(first.offers, 'Standing')?.availability).toBe('https://schema.org/SoldOut');
    expect(offer(second.offers, 'Standing')).toMatchObject({
      price: '2500.50',
      availability: 'https://schema.org/InStock',
    });
    expect(offer(first.offers, 'Front')?.url).toBe(
      `http://hub.test/astana/events/${slug}?performance=${perfIds[0]}`,
    );

    // Six seats of row A: four sold leaves two, a little.
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${perfIds[0]}/holds`, {
      seats: ['stalls-A-1', 'stalls-A-2', 'stalls-A-3', 'stalls-A-4'],
    });
    await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    const after = (await t.client().get(`/api/v1/hubs/astana/events/${slug}/jsonld`)).json();
    expect(after['@graph'][0].offers.find((o: { price: string }) => o.price === '5000.00').availability).toBe(
      'https://schema.org/LimitedAvailability',
    );
  });

  it('puts the JSON-LD into the HTML of the event page, safely escaped', async () => {
    const webDir = await mkdtemp(path.join(tmpdir(), 'ozge-web-'));
    await writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><html><head><title>ÓzgeEpic</title></head><body><div id="root"></div></body></html>',
    );
    const config = loadConfig(
      { NODE_ENV: 'test' },
      { webDir, mailOutboxDir: t.outboxDir, publicUrl: 'http://hub.test' },
    );
    const app = await buildApp({
      db: t.tdb.db,
      config,
      mailer: createMailer({ smtpUrl: undefined, outboxDir: t.outboxDir, from: config.mailFrom }),
    });
    try {
      await manager.patch(`/api/v1/hubs/astana/events/${slug}`, {
        title: { en: 'Night </script><script>alert(1)</script> $& words' },
      });
      const page = await app.inject({ method: 'GET', url: `/astana/events/${slug}?lang=en` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const m = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body);
      expect(m).not.toBeNull();
      expect(page.body).not.toContain('<script>alert(1)');
      const doc = JSON.parse(m?.[1] ?? '{}');
      expect(doc['@graph'][0].name).toBe('Night </script><script>alert(1)</script> $& words');
      expect(page.body.indexOf('application/ld+json')).toBeLessThan(page.body.indexOf('</head>'));
      // Any other page, or an event that does not exist, is the plain app.
      for (const url of ['/astana', `/astana/events/no-such-event`, `/nowhere/events/${slug}`]) {
        const other = await app.inject({ method: 'GET', url });
        expect(other.statusCode).toBe(200);
        expect(other.body).not.toContain('application/ld+json');
      }
    } finally {
      await app.close();
      await rm(webDir, { recursive: true, force: true });
    }
  });
});
