// A performance to sell in tests: a small hall with a seat map and a standing area.
import type { Client } from './app.ts';

export const SMALL_HALL = {
  sections: [
    {
      id: 'stalls',
      name: { en: 'Stalls' },
      rows: [
        { label: 'A', seats: 6, category: 'A', wheelchair: [1], aisleAfter: [3] },
        { label: 'B', seats: 6, category: 'B' },
      ],
    },
  ],
};

export async function createTestPerformance(
  manager: Client,
  opts: { hub?: string; slug?: string; standing?: number; startsInDays?: number } = {},
): Promise<{ eventSlug: string; performanceId: string; areaId: string | undefined }> {
  const hub = opts.hub ?? 'astana';
  const slug = opts.slug ?? `test-${Math.random().toString(36).slice(2, 8)}`;
  const map = await manager.post(`/api/v1/hubs/${hub}/spaces/theater/seat-maps`, {
    name: `map ${slug}`,
    layout: SMALL_HALL,
  });
  if (map.statusCode !== 201) throw new Error(`seat map: ${map.body}`);
  const ev = await manager.post(`/api/v1/hubs/${hub}/events`, {
    slug,
    kind: 'theater',
    title: { kk: 'Сынақ қойылымы', en: 'Test play' },
    status: 'published',
  });
  if (ev.statusCode !== 201) throw new Error(`event: ${ev.body}`);
  const start = new Date(Date.now() + (opts.startsInDays ?? 7) * 86_400_000);
  const perf = await manager.post(`/api/v1/hubs/${hub}/events/${slug}/performances`, {
    space: 'theater',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    seatMapId: map.json().id,
    prices: [
      { code: 'A', name: { en: 'Front' }, priceTiyn: 500_000 },
      { code: 'B', name: { en: 'Back' }, priceTiyn: 300_000 },
      { code: 'S', name: { en: 'Standing' }, priceTiyn: 200_000 },
    ],
    areas:
      opts.standing === 0 ? [] : [{ name: { en: 'Standing' }, category: 'S', capacity: opts.standing ?? 20 }],
  });
  if (perf.statusCode !== 201) throw new Error(`performance: ${perf.body}`);
  return { eventSlug: slug, performanceId: perf.json().id, areaId: perf.json().areas[0]?.id };
}
