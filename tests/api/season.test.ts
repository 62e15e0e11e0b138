// The demo season: every kind of event, dated ahead, some seats sold, all on sale through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../src/common/api/program.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';

describe.each(DRIVERS)('demo season (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t.close());

  it('has upcoming performances of every kind in Astana, soonest first', async () => {
    const program = (await t.client().get('/api/v1/hubs/astana/program')).json() as {
      eventKind: string;
      startsAt: string;
    }[];
    expect(new Set(program.map((p) => p.eventKind))).toEqual(new Set(EVENT_KINDS));
    expect(program.every((p) => new Date(p.startsAt) > new Date())).toBe(true);
    const starts = program.map((p) => p.startsAt);
    expect(starts).toEqual([...starts].sort());
  });

  it('filters by kind, space, dates and language', async () => {
    const c = t.client();
    const exhibitions = (await c.get('/api/v1/hubs/astana/program?kind=exhibition')).json();
    expect(exhibitions).toHaveLength(12);
    expect(
      (await c.get('/api/v1/hubs/astana/program?space=theater'))
        .json()
        .every((p: { spaceSlug: string }) => p.spaceSlug === 'theater'),
    ).toBe(true);
    const english = (await c.get('/api/v1/hubs/astana/program?lang=en')).json() as { eventSlug: string }[];
    expect(new Set(english.map((p) => p.eventSlug))).toEqual(new Set(['kiiz-alemi']));
    const firstDay = exhibitions[0].startsAt.slice(0, 10);
    const oneDay = (
      await c.get(`/api/v1/hubs/astana/program?from=${firstDay}&to=${firstDay}&kind=exhibition`)
    ).json();
    expect(oneDay.length).toBeGreaterThanOrEqual(1);
    expect(oneDay.length).toBeLessThan(12);
  });

  it('shows the theater partly sold and held back, with the seat map', async () => {
    const event = (await t.client().get('/api/v1/hubs/astana/events/abai-zholy')).json();
    expect(event.performances).toHaveLength(3);
    const first = event.performances[0];
    expect(first).toMatchObject({ seatCount: 216, seatsAvailable: 216 - 8 - 4 });
    const seats = (await t.client().get(`/api/v1/hubs/astana/performances/${first.id}/seats`)).json() as {
      status: string;
      wheelchair: boolean;
    }[];
    expect(seats.filter((s) => s.status === 'sold')).toHaveLength(8);
    expect(seats.filter((s) => s.status === 'blocked')).toHaveLength(4);
    expect(seats.filter((s) => s.wheelchair)).toHaveLength(4);
  });

  it('lists events, drafts only for program managers', async () => {
    const manager = await t.signedIn('program@astana.ozgeepic.kz');
    await manager.post('/api/v1/hubs/astana/events', {
      slug: 'draft-idea',
      kind: 'concert',
      title: { en: 'An idea' },
    });
    const publicList = (await t.client().get('/api/v1/hubs/astana/events')).json() as { slug: string }[];
    expect(publicList.map((e) => e.slug)).toContain('abai-zholy');
    expect(publicList.map((e) => e.slug)).not.toContain('draft-idea');
    const all = (await manager.get('/api/v1/hubs/astana/events?drafts=true')).json() as { slug: string }[];
    expect(all[0]?.slug).toBe('draft-idea');
    expect((await t.client().get('/api/v1/hubs/astana/events?drafts=true')).statusCode).toBe(401);
  });

  it('keeps each hub to its own season', async () => {
    const shymkent = (await t.client().get('/api/v1/hubs/shymkent/program')).json() as {
      eventSlug: string;
    }[];
    expect(shymkent.map((p) => p.eventSlug)).toEqual(['ontustik-sazy']);
    expect((await t.client().get('/api/v1/hubs/shymkent/events/abai-zholy')).statusCode).toBe(404);
  });
});
