// Seat map format (also documented in the README). A map lists sections; each section lists
// rows; a row says how many seats it has, their price category, which numbers are wheelchair
// spaces and where an aisle comes after a seat. Coordinates are derived (a grid, rows centred)
// unless a seat gives its own.
//
// { "sections": [ { "id": "stalls", "name": { "en": "Stalls" },
//     "rows": [ { "label": "A", "seats": 12, "category": "A", "wheelchair": [1, 12], "aisleAfter": [6] } ] } ] }
import { type Static, Type } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../../common/api/schemas.ts';

const Label = Type.String({ pattern: '^[A-Za-z0-9А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]{1,10}$' });

export const SeatMapLayoutSchema = Type.Object(
  {
    sections: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z0-9-]{1,20}$' }),
          name: LocalizedTextSchema,
          rows: Type.Array(
            Type.Object(
              {
                label: Label,
                seats: Type.Integer({ minimum: 1, maximum: 200 }),
                category: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }),
                firstNumber: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
                wheelchair: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 200 })),
                aisleAfter: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 200 })),
              },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 100 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type SeatMapLayout = Static<typeof SeatMapLayoutSchema>;

export interface SeatSpec {
  id: string;
  section: string;
  rowLabel: string;
  number: number;
  x: number;
  y: number;
  category: string;
  wheelchair: boolean;
}

/** Expands a layout into seats with ids like "stalls-A-5" and grid coordinates. */
export function expandSeatMap(layout: SeatMapLayout): SeatSpec[] {
  const seats: SeatSpec[] = [];
  let y = 0;
  const widest = Math.max(
    ...layout.sections.flatMap((s) => s.rows.map((r) => r.seats + (r.aisleAfter?.length ?? 0))),
  );
  for (const section of layout.sections) {
    for (const row of section.rows) {
      const width = row.seats + (row.aisleAfter?.length ?? 0);
      let x = (widest - width) / 2;
      const first = row.firstNumber ?? 1;
      for (let i = 0; i < row.seats; i++) {
        const number = first + i;
        seats.push({
          id: `${section.id}-${row.label}-${number}`,
          section: section.id,
          rowLabel: row.label,
          number,
          x,
          y,
          category: row.category,
          wheelchair: row.wheelchair?.includes(number) ?? false,
        });
        x += 1;
        if (row.aisleAfter?.includes(number)) x += 1;
      }
      y += 1;
    }
    y += 1; // a gap between sections
  }
  const ids = new Set<string>();
  for (const s of seats) {
    if (ids.has(s.id)) throw new Error(`The seat map has the seat ${s.id} twice.`);
    ids.add(s.id);
  }
  return seats;
}

/** Picks `count` available seats side by side in the best rows: categories filtered, then front
 *  rows first, then closest to the centre. With `spread`, one of the few best blocks is chosen at
 *  random, so many buyers asking at the same moment do not all reach for the very same seats.
 *  Falls back to scattered seats when no block is left. */
export function bestAvailable(
  seats: readonly SeatSpec[],
  available: ReadonlySet<string>,
  count: number,
  opts: { category?: string | undefined; centreX?: number; spread?: number; random?: () => number } = {},
): string[] | undefined {
  const free = seats.filter(
    (s) => available.has(s.id) && !s.wheelchair && (!opts.category || s.category === opts.category),
  );
  const centre = opts.centreX ?? Math.max(0, ...seats.map((s) => s.x)) / 2;
  const rows = new Map<string, SeatSpec[]>();
  for (const s of free) {
    const key = `${s.section}|${s.rowLabel}`;
    rows.set(key, [...(rows.get(key) ?? []), s]);
  }
  const blocks: { ids: string[]; score: number }[] = [];
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 0; i + count <= row.length; i++) {
      const block = row.slice(i, i + count);
      // side by side: consecutive numbers with no aisle between
      const adjacent = block.every(
        (s, j) =>
          j === 0 || (s.number === (block[j - 1]?.number ?? 0) + 1 && s.x - (block[j - 1]?.x ?? 0) === 1),
      );
      if (!adjacent) continue;
      const mid = ((block[0]?.x ?? 0) + (block.at(-1)?.x ?? 0)) / 2;
      blocks.push({ ids: block.map((s) => s.id), score: (block[0]?.y ?? 0) * 1000 + Math.abs(mid - centre) });
    }
  }
  if (blocks.length > 0) {
    blocks.sort((a, b) => a.score - b.score);
    const pick = Math.floor((opts.random ?? Math.random)() * Math.min(opts.spread ?? 1, blocks.length));
    return blocks[pick]?.ids;
  }
  if (free.length < count) return undefined;
  return [...free]
    .sort((a, b) => a.y - b.y || Math.abs(a.x - centre) - Math.abs(b.x - centre))
    .slice(0, count)
    .map((s) => s.id);
}
